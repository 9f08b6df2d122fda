// A tiny stand-in for apps/api with the demo connector, for unit tests of the web server's API
// client and for developing pages when the real API is not running. The browser tests never use
// it: they start the real API. Run alone with: node --import tsx test/fake-api.ts [port]
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'

export const FAKE_PASSWORD = 'kia-ora-demo'
export const FAKE_CONNECTOR = {
  id: '01900000-0000-7000-8000-000000000001',
  email: 'connector@demo.example.nz',
  name: 'Aroha Tāwhai',
  roles: ['COMMUNITY_CONNECTOR'],
  capabilities: ['directory:search', 'referral:send', 'person:record', 'consent:record', 'reporting:submit'],
  memberships: [
    {
      role: 'COMMUNITY_CONNECTOR',
      organisation: { id: '01900000-0000-7000-8000-0000000000a1', name: 'Te Awa Whānau Services', kind: 'PROVIDER' },
      region: { code: '09', name: 'Wellington' },
    },
  ],
}

const REGIONS = [
  { id: 'r09', code: '09', isoCode: 'NZ-WGN', name: 'Wellington', nameMi: 'Te Upoko o te Ika', council: 'Greater Wellington Regional Council' },
  { id: 'r02', code: '02', isoCode: 'NZ-AUK', name: 'Auckland', nameMi: 'Tāmaki Makaurau', council: 'Auckland Council' },
]
const CATEGORIES = [
  { code: 'food', name: 'Food', nameMi: 'Kai', group: 'MSD_COORDINATED' },
  { code: 'counselling', name: 'Counselling', nameMi: null, group: 'FAMILY_SERVICES' },
]
const CAPACITY = ['ACCEPTING', 'WAITLIST', 'NO_CAPACITY'] as const
const SERVICES = Array.from({ length: 45 }, (_, i) => {
  const category = CATEGORIES[i % 2]!
  const region = REGIONS[i % 2]!
  return {
    id: `s${i}`,
    name: `${category.name} service ${i + 1}`,
    description: `A ${category.name.toLowerCase()} service for people and whānau.`,
    status: i === 7 ? 'TEMPORARILY_CLOSED' : 'ACTIVE',
    nationwide: i % 11 === 3,
    capacityStatus: CAPACITY[i % 3]!,
    lastVerifiedAt: i % 5 === 0 ? null : new Date(Date.UTC(2025, i % 12, 1 + (i % 27))).toISOString(),
    organisation: { id: `o${i % 9}`, name: `Provider ${(i % 9) + 1}` },
    categories: [{ code: category.code, name: category.name }],
    locations: [{ id: `l${i}`, name: null, city: region.code === '09' ? 'Porirua' : 'Manukau', region: { code: region.code, name: region.name } }],
  }
})

const MAX_AGE = 60 * 60 * 24 * 7

export interface FakeApi {
  url: string
  /** Sessions the fake has issued and not ended. */
  sessions: Set<string>
  close(): Promise<void>
}

export async function startFakeApi(port = 0): Promise<FakeApi> {
  const sessions = new Set<string>()

  const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, body === undefined ? headers : { 'content-type': 'application/json', ...headers })
    res.end(body === undefined ? undefined : JSON.stringify(body))
  }
  const sessionOf = (req: IncomingMessage) => /(?:^|;\s*)fsn_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1]
  const readJson = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    let raw = ''
    for await (const chunk of req) raw += chunk
    try {
      return JSON.parse(raw) as Record<string, unknown>
    } catch {
      return {}
    }
  }

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname
    if (req.method === 'GET' && path === '/health') return send(res, 200, { status: 'ok' })

    if (req.method === 'POST' && path === '/auth/sign-in') {
      const { email, password } = await readJson(req)
      if (typeof email !== 'string' || !/^\S+@\S+\.\S+$/.test(email)) {
        return send(res, 400, { code: 'VALIDATION_FAILED', message: 'email: email must be an email address', field: 'email' })
      }
      if (email.toLowerCase() !== FAKE_CONNECTOR.email || password !== FAKE_PASSWORD) {
        return send(res, 401, { code: 'INVALID_CREDENTIALS', message: 'The email or password is not right.' })
      }
      const token = randomBytes(24).toString('base64url')
      sessions.add(token)
      return send(
        res,
        200,
        { user: { id: FAKE_CONNECTOR.id, email: FAKE_CONNECTOR.email, name: FAKE_CONNECTOR.name }, expiresAt: new Date(Date.now() + MAX_AGE * 1000).toISOString() },
        { 'set-cookie': `fsn_session=${token}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${MAX_AGE}` },
      )
    }

    if (req.method === 'POST' && path === '/auth/sign-out') {
      const token = sessionOf(req)
      if (token) sessions.delete(token)
      return send(res, 204, undefined, { 'set-cookie': 'fsn_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0' })
    }

    if (req.method === 'POST' && path === '/graphql') {
      const { query = '', variables = {} } = (await readJson(req)) as { query?: string; variables?: Record<string, unknown> }
      const token = sessionOf(req)
      const signedIn = token !== undefined && sessions.has(token)
      if (/\bme\s*\{/.test(query)) return send(res, 200, { data: { me: signedIn ? FAKE_CONNECTOR : null } })
      if (/\bservices\s*\(/.test(query)) {
        const { first = 20, after, categoryCode, regionCode } = variables as { first?: number; after?: string | null; categoryCode?: string | null; regionCode?: string | null }
        const matching = SERVICES.filter(
          (s) => (!categoryCode || s.categories.some((c) => c.code === categoryCode)) && (!regionCode || s.locations.some((l) => l.region.code === regionCode)),
        )
        const decoded = after ? Buffer.from(after, 'base64url').toString() : null
        const start = decoded === null ? 0 : /^\d+$/.test(decoded) ? Number(decoded) + 1 : NaN
        if (Number.isNaN(start)) return send(res, 200, { errors: [{ message: 'after: not a cursor', extensions: { code: 'VALIDATION_FAILED', field: 'after' } }] })
        const slice = matching.slice(start, start + first)
        const edges = slice.map((node, i) => ({ cursor: Buffer.from(String(start + i)).toString('base64url'), node }))
        return send(res, 200, {
          data: {
            regions: REGIONS,
            serviceCategories: CATEGORIES,
            services: {
              totalCount: matching.length,
              pageInfo: { hasNextPage: start + first < matching.length, endCursor: edges.at(-1)?.cursor ?? null },
              edges,
            },
          },
        })
      }
      return send(res, 200, { errors: [{ message: 'The fake API does not know this query.', extensions: { code: 'BAD_REQUEST' } }] })
    }

    send(res, 404, { code: 'NOT_FOUND', message: 'Not found.' })
  })

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const { port: bound } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${bound}`,
    sessions,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const api = await startFakeApi(Number(process.argv[2] ?? 4000))
  console.log(`fake API on ${api.url}`)
}
