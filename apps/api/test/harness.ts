// Route tests run the real app against a real database (PGlite, and Postgres when
// TEST_DATABASE_URL is set): only the TCP socket is skipped, via app.request().
import { hashPassword, sessionPolicy } from '@fsn/auth'
import type { Database, DatabaseKind, Role } from '@fsn/db'
import { seedReferenceData } from '@fsn/db'
import { openTestDatabase } from '@fsn/db/testing'
import { rebuildSearchIndex, type ServiceDeps } from '@fsn/services'
import { createApp } from '../src/app'
import { createEmbeddedSearchIndex, type SearchIndex } from '@fsn/search'

export const PASSWORD = 'correct horse battery staple'

export interface TestApp {
  app: ReturnType<typeof createApp>
  db: Database
  deps: ServiceDeps
  /** Moves the app's clock; starts at 2026-11-23 09:00 NZDT. */
  setNow(d: Date): void
  /** Rebuilds the search index from the database (after seeding rows directly). */
  reindex(): Promise<void>
  close(): Promise<void>
}

/**
 * DNS for tests, never the real one: names under example.nz and .example (the placeholders the
 * tests use for partner endpoints) answer with one public address, which no test connects to
 * (webhook deliveries in tests go to 127.0.0.1); every other name does not resolve.
 */
const exampleDns = async (host: string): Promise<string[]> => {
  if (host.endsWith('.example.nz') || host.endsWith('.example')) return ['151.101.2.15']
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
}

export async function createTestApp(
  kind: DatabaseKind,
  options: {
    onQuery?: (sql: string) => void
    search?: (clock: () => Date) => SearchIndex
    /** Stands in for DNS (webhook targets); default `exampleDns`. Tests never look up real names. */
    resolveHost?: (host: string) => Promise<string[]>
  } = {},
): Promise<TestApp> {
  const db = await openTestDatabase(kind, options)
  await seedReferenceData(db.prisma)
  let now = new Date('2026-11-22T20:00:00Z')
  const clock = () => now
  const deps: ServiceDeps = {
    prisma: db.prisma,
    clock,
    sessionPolicy: sessionPolicy(30),
    search: options.search?.(clock) ?? createEmbeddedSearchIndex({ clock }),
    resolveHost: options.resolveHost ?? exampleDns,
    // Test-only: webhook tests deliver to their own server on loopback.
    allowPrivateWebhookTargets: ['127.0.0.1'],
  }
  const app = createApp({ deps, db, cookieSecure: false, bodyLimitBytes: 64 * 1024, graphiql: false })
  return {
    app,
    db,
    deps,
    setNow: (d) => (now = d),
    reindex: async () => void (await rebuildSearchIndex({ deps })),
    close: () => db.close(),
  }
}

let counter = 0
/** A user with one membership in a new organisation in Wellington. */
export async function createUser(
  t: TestApp,
  {
    role = 'COMMUNITY_CONNECTOR',
    kind = 'PROVIDER',
    active = true,
  }: { role?: Role; kind?: 'PROVIDER' | 'AGENCY'; active?: boolean } = {},
) {
  counter += 1
  const wellington = await t.db.prisma.region.findUniqueOrThrow({ where: { code: '09' } })
  const organisation = await t.db.prisma.organisation.create({
    data: { name: `Te Whare Āwhina ${counter}`, description: 'Whānau support in Porirua', kind },
  })
  const user = await t.db.prisma.user.create({
    data: {
      email: `person${counter}@example.nz`,
      name: `Aroha Test ${counter}`,
      passwordHash: await hashPassword(PASSWORD),
      active,
      memberships: {
        create: {
          organisationId: organisation.id,
          role,
          regionId: role === 'REGIONAL_COMMISSIONER' ? wellington.id : null,
        },
      },
    },
  })
  return { user, organisation }
}

export function postJson(t: TestApp, path: string, body: unknown, headers: Record<string, string> = {}) {
  return t.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

/** Signs in and returns the Cookie header value to send back. */
export async function signInCookie(t: TestApp, email: string, password = PASSWORD): Promise<string> {
  const res = await postJson(t, '/auth/sign-in', { email, password })
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`)
  const setCookie = res.headers.get('set-cookie') ?? ''
  return setCookie.split(';')[0]!
}

export async function gql<T = Record<string, unknown>>(
  t: TestApp,
  query: string,
  variables: Record<string, unknown> = {},
  cookie?: string,
): Promise<{
  status: number
  data?: T
  errors?: { message: string; extensions?: { code?: string; field?: string } }[]
}> {
  const res = await postJson(t, '/graphql', { query, variables }, cookie ? { cookie } : {})
  return { status: res.status, ...((await res.json()) as object) }
}
