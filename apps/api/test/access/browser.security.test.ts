// Browser protections and production posture (issue 12): CORS grants only for configured web
// origins, Bearer sign-out ending the token's session, and in production no GraphiQL, no
// introspection, no "Did you mean …?", HSTS and a CSP. Apps are built from loadConfig, as main.ts
// builds them, on a real database (PGlite, and Postgres when TEST_DATABASE_URL is set).
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKinds } from '@fsn/db/testing'
import { createApp } from '../../src/app'
import { loadConfig } from '../../src/config'
import { createTestApp, createUser, PASSWORD, signInCookie, type TestApp } from '../harness'

const WEB = 'https://fsn.example.nz'
const PARTNER = 'https://partner.example.nz'
const FOREIGN = [
  'https://evil.example',
  // Sibling subdomain, other port, other scheme: each a different origin.
  'https://evil.fsn.example.nz',
  'https://fsn.example.nz:8443',
  'http://fsn.example.nz',
  'null',
]

type Answer = {
  data?: Record<string, unknown> | null
  errors?: { message: string; extensions?: { code?: string } }[]
}

describe.each(testDatabaseKinds())('access: browser protections and production posture on %s', (kind) => {
  let t: TestApp
  let dev: ReturnType<typeof createApp>
  let prod: ReturnType<typeof createApp>
  let cookie: string

  beforeAll(async () => {
    t = await createTestApp(kind)
    const build = (env: NodeJS.ProcessEnv) => {
      const config = loadConfig({ WEB_URL: WEB, CORS_ORIGINS: `${PARTNER}/`, DATA_DIR: 'memory', ...env })
      return createApp({
        deps: t.deps,
        db: t.db,
        cookieSecure: config.cookieSecure,
        bodyLimitBytes: config.bodyLimitBytes,
        graphiql: config.graphiql,
        introspection: config.introspection,
        allowedOrigins: config.allowedOrigins,
      })
    }
    dev = build({ NODE_ENV: 'development' })
    prod = build({ NODE_ENV: 'production' })
    const { user } = await createUser(t)
    cookie = await signInCookie(t, user.email)
  }, 120_000)
  afterAll(async () => t?.close())

  const me = encodeURIComponent('{ me { id } }')

  describe('CORS', () => {
    it('a foreign Origin gets no grant on a credentialed GraphQL GET or POST, nor on REST', async () => {
      for (const app of [dev, prod]) {
        for (const origin of FOREIGN) {
          const get = await app.request(`/graphql?query=${me}`, { headers: { cookie, origin } })
          // The server cannot stop the request; without a grant the browser keeps the answer from the page.
          expect(get.status).toBe(200)
          const post = await app.request('/graphql', {
            method: 'POST',
            headers: { cookie, origin, 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ me { id } }' }),
          })
          const rest = await app.request('/api/v1/referrals?box=OUTBOX', { headers: { cookie, origin } })
          expect(rest.status).toBe(200)
          for (const res of [get, post, rest]) {
            expect(res.headers.get('access-control-allow-origin'), origin).toBeNull()
            expect(res.headers.get('access-control-allow-credentials'), origin).toBeNull()
            expect(res.headers.get('vary')).toMatch(/origin/i)
          }
        }
      }
    })

    it('a foreign preflight gets no grant; the configured origins get one with credentials', async () => {
      const preflight = (origin: string) =>
        prod.request('/graphql', {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        })
      for (const origin of FOREIGN) {
        const res = await preflight(origin)
        expect(res.headers.get('access-control-allow-origin')).toBeNull()
        expect(res.headers.get('access-control-allow-credentials')).toBeNull()
        expect(res.headers.get('access-control-allow-methods')).toBeNull()
      }
      for (const origin of [WEB, PARTNER]) {
        const res = await preflight(origin)
        expect(res.status).toBe(204)
        expect(res.headers.get('access-control-allow-origin')).toBe(origin)
        expect(res.headers.get('access-control-allow-credentials')).toBe('true')
        expect(res.headers.get('access-control-allow-methods')).toContain('POST')
        expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type')
      }
    })

    it('the configured web origin (WEB_URL) and CORS_ORIGINS get the grant on GraphQL GET, POST and REST', async () => {
      for (const origin of [WEB, PARTNER]) {
        const get = await prod.request(`/graphql?query=${me}`, { headers: { cookie, origin } })
        const post = await prod.request('/graphql', {
          method: 'POST',
          headers: { cookie, origin, 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ me { id } }' }),
        })
        const rest = await prod.request('/api/v1/referrals?box=OUTBOX', { headers: { cookie, origin } })
        for (const res of [get, post, rest]) {
          expect(res.status).toBe(200)
          expect(res.headers.get('access-control-allow-origin')).toBe(origin)
          expect(res.headers.get('access-control-allow-credentials')).toBe('true')
          expect(res.headers.get('vary')).toMatch(/origin/i)
        }
        expect(((await post.json()) as Answer).data?.me).toBeTruthy()
      }
      // No Origin (the web server's own calls, scripts): nothing to grant.
      const plain = await prod.request(`/graphql?query=${me}`, { headers: { cookie } })
      expect(plain.headers.get('access-control-allow-origin')).toBeNull()
    })

    it('CORS_ORIGINS must be exact origins: a path, a wildcard or a bare host is refused naming the variable', () => {
      for (const value of [
        'https://a.example.nz/app',
        '*',
        'a.example.nz',
        'https://ok.example.nz,ftp://x.example.nz',
      ]) {
        expect(() => loadConfig({ CORS_ORIGINS: value })).toThrowError(/^Configuration: CORS_ORIGINS:/)
      }
      expect(
        loadConfig({ CORS_ORIGINS: ' https://a.example.nz , http://localhost:5173 ' }).allowedOrigins,
      ).toEqual(['http://localhost:3000', 'https://a.example.nz', 'http://localhost:5173'])
    })
  })

  describe('sign-out with a Bearer token', () => {
    it('ends that token’s session: REST 401 and GraphQL UNAUTHENTICATED afterwards', async () => {
      const { user } = await createUser(t)
      const token = (await signInCookie(t, user.email)).split('=')[1]!
      const other = await signInCookie(t, user.email)
      const bearer = { authorization: `Bearer ${token}` }
      const rest = () => prod.request('/api/v1/referrals?box=OUTBOX', { headers: bearer })
      const graph = async () =>
        (await (
          await prod.request('/graphql', {
            method: 'POST',
            headers: { ...bearer, 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ referrals(box: OUTBOX) { totalCount } }' }),
          })
        ).json()) as Answer
      expect((await rest()).status).toBe(200)
      expect((await graph()).errors).toBeUndefined()

      const out = await prod.request('/auth/sign-out', { method: 'POST', headers: bearer })
      expect(out.status).toBe(204)
      const after = await rest()
      expect(after.status).toBe(401)
      expect(((await after.json()) as { code: string }).code).toBe('UNAUTHENTICATED')
      expect((await graph()).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
      // Only that session: the user's other one (another device) still works, and signing out again is fine.
      expect(
        (await prod.request('/api/v1/referrals?box=OUTBOX', { headers: { cookie: other } })).status,
      ).toBe(200)
      expect(await t.db.prisma.session.count({ where: { userId: user.id } })).toBe(1)
      expect((await prod.request('/auth/sign-out', { method: 'POST', headers: bearer })).status).toBe(204)
    })

    it('a request with both a cookie and a different Bearer token ends both sessions', async () => {
      const { user } = await createUser(t)
      const first = await signInCookie(t, user.email)
      const second = (await signInCookie(t, user.email, PASSWORD)).split('=')[1]!
      const out = await prod.request('/auth/sign-out', {
        method: 'POST',
        headers: { cookie: first, authorization: `Bearer ${second}` },
      })
      expect(out.status).toBe(204)
      expect(await t.db.prisma.session.count({ where: { userId: user.id } })).toBe(0)
    })
  })

  describe('production posture', () => {
    const ask = async (
      app: ReturnType<typeof createApp>,
      query: string,
      variables: Record<string, unknown> = {},
    ) => {
      const res = await app.request('/graphql', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      })
      return { status: res.status, ...((await res.json()) as Answer) }
    }

    it('refuses introspection in production and answers it in development', async () => {
      for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Query") { name } }']) {
        const refused = await ask(prod, query)
        expect(refused.data ?? null).toBeNull()
        expect(refused.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED')
        expect(refused.errors?.[0]?.message).toMatch(/introspection/i)
        expect((await ask(dev, query)).errors).toBeUndefined()
      }
    })

    it('strips "Did you mean …?" from validation and variable errors in production only', async () => {
      const cases: [string, Record<string, unknown>][] = [
        ['{ mee { id } }', {}], // field
        ['{ referrals(bx: INBOX) { totalCount } }', {}], // argument
        ['{ referrals(box: INBX) { totalCount } }', {}], // enum literal
        ['query ($b: ReferralBx!) { referrals(box: $b) { totalCount } }', { b: 'INBOX' }], // type
        ['query ($b: ReferralBox!) { referrals(box: $b) { totalCount } }', { b: 'INBX' }], // variable value
      ]
      for (const [query, variables] of cases) {
        const d = await ask(dev, query, variables)
        const p = await ask(prod, query, variables)
        // Development still helps (so this test can tell the difference)...
        expect(d.errors?.map((e) => e.message).join(' '), query).toMatch(/Did you mean/)
        // ...production says what is wrong without naming what exists.
        expect(p.errors?.length, query).toBeGreaterThan(0)
        for (const e of p.errors ?? []) {
          expect(e.message, query).not.toMatch(/did you mean/i)
          expect(e.message.length, query).toBeGreaterThan(10)
          expect(e.extensions?.code, query).toBe(d.errors?.[0]?.extensions?.code)
        }
      }
      const field = await ask(prod, '{ mee { id } }')
      expect(field.errors?.[0]?.message).toBe('Cannot query field "mee" on type "Query".')
    })

    it('serves no GraphiQL in production; in development GraphiQL has a CSP hashing its inline scripts', async () => {
      const html = { accept: 'text/html' }
      const off = await prod.request('/graphql', { headers: html })
      expect(off.headers.get('content-type') ?? '').not.toMatch(/text\/html/)
      expect((await off.text()).toLowerCase()).not.toContain('graphiql')
      expect(off.headers.get('content-security-policy')).toBe("default-src 'none'")

      const on = await dev.request('/graphql', { headers: html })
      expect(on.headers.get('content-type')).toMatch(/^text\/html/)
      const page = await on.text()
      const csp = on.headers.get('content-security-policy') ?? ''
      expect(csp).toMatch(/^default-src 'none'; /)
      expect(csp).toContain("frame-ancestors 'none'")
      const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src ')) ?? ''
      expect(scriptSrc).not.toContain('unsafe')
      const inline = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!)
      expect(inline.length).toBeGreaterThan(0)
      for (const body of inline) {
        expect(scriptSrc).toContain(`'sha256-${createHash('sha256').update(body).digest('base64')}'`)
      }
      // Every other answer, development included, keeps default-src 'none'.
      for (const path of ['/health', `/graphql?query=${me}`, '/nowhere']) {
        expect((await dev.request(path)).headers.get('content-security-policy')).toBe("default-src 'none'")
      }
    })

    it('production answers carry HSTS (at least 180 days) and the strict CSP', async () => {
      for (const path of ['/health', '/api/v1/regions', `/graphql?query=${me}`, '/nowhere']) {
        const res = await prod.request(path)
        const hsts = /max-age=(\d+)/.exec(res.headers.get('strict-transport-security') ?? '')
        expect(Number(hsts?.[1] ?? 0), path).toBeGreaterThanOrEqual(15_552_000)
        expect(res.headers.get('content-security-policy'), path).toBe("default-src 'none'")
      }
    })
  })
})
