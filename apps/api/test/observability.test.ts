// Operations' view of the API: /health and /ready (liveness, readiness naming the failing check),
// the structured request log (request id on every line, route pattern not path, nobody named) and
// /metrics (names, labels by route pattern, the sign-in refusal counter, gauges read from the
// database, the bearer token).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKinds } from '@fsn/db/testing'
import { DIRECTORY_CHANGED } from '@fsn/services'
import { createApp } from '../src/app'
import { createLogger } from '../src/http/log'
import { metricsExposure } from '../src/http/metrics'
import { createTestApp, createUser, postJson, type TestApp } from './harness'
import { referralNetwork, sendOne } from './referrals.harness'

const UUID = '0190a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b'

/** The value of one sample in Prometheus text, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = line.match(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/)
    if (!m || m[1] !== name) continue
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]))
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3])
  }
  return undefined
}

describe.each(testDatabaseKinds())('observability on %s', (kind) => {
  let t: TestApp
  let app: ReturnType<typeof createApp>
  const lines: string[] = []

  beforeAll(async () => {
    t = await createTestApp(kind)
    app = createApp({
      deps: t.deps,
      db: t.db,
      cookieSecure: false,
      bodyLimitBytes: 64 * 1024,
      graphiql: false,
      logger: createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } }),
    })
    // A handler that fails with a person's details in its message (as a driver's error can).
    app.get('/test/boom', () => {
      throw new Error('could not save hinewai.r@example.nz, born 17/08/1991, phone 021 774 3391')
    })
  }, 120_000)
  afterAll(async () => {
    await t?.close()
  })

  const metricsText = async () => {
    const res = await app.request('/metrics')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    return res.text()
  }

  it('/health is liveness and /ready answers 200 when migrated, connected and caught up; both are in the OpenAPI document', async () => {
    const health = await app.request('/health')
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ database: 'ok', databaseKind: kind })
    const ready = await app.request('/ready')
    const body = await ready.json()
    expect(ready.status, JSON.stringify(body)).toBe(200)
    expect(body).toMatchObject({ status: 'ready', failing: [], database: 'ok', migrations: { status: 'ok', pending: [] }, search: { status: 'ok', local: true, lagSeconds: 0 } })
    expect(body.migrations.applied).toBe(body.migrations.onDisk)
    expect(body.migrations.onDisk).toBeGreaterThan(0)

    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }
    for (const path of ['/health', '/ready']) expect(Object.keys(doc.paths[path]?.get?.responses ?? {}).sort()).toEqual(['200', '503'])
  })

  it('/ready answers 503 naming the check: a migration not applied, an index update owed, an index still building, the database down', async () => {
    // A migration on disk that this database has not applied (its history row rolled back).
    const [last] = await t.db.prisma.$queryRaw<{ name: string }[]>`
      SELECT "migration_name" AS "name" FROM "_prisma_migrations" ORDER BY "migration_name" DESC LIMIT 1`
    await t.db.prisma.$executeRaw`UPDATE "_prisma_migrations" SET "rolled_back_at" = now() WHERE "migration_name" = ${last!.name}`
    try {
      const res = await app.request('/ready')
      expect(res.status).toBe(503)
      expect(await res.json()).toMatchObject({ status: 'not ready', failing: ['migrations'], migrations: { status: 'pending', pending: [last!.name] } })
    } finally {
      await t.db.prisma.$executeRaw`UPDATE "_prisma_migrations" SET "rolled_back_at" = NULL WHERE "migration_name" = ${last!.name}`
    }

    // A directory change this process's index has not taken in for a minute.
    const owed = await t.db.prisma.outboxMessage.create({
      data: { topic: DIRECTORY_CHANGED, payload: { serviceIds: [] }, createdAt: new Date(t.deps.clock().getTime() - 60_000) },
    })
    try {
      const res = await app.request('/ready')
      expect(res.status).toBe(503)
      const body = await res.json()
      expect(body).toMatchObject({ failing: ['search'], search: { status: 'behind', local: true } })
      expect(body.search.lagSeconds).toBeGreaterThanOrEqual(60)
      const metrics = await metricsText()
      expect(sample(metrics, 'fsn_search_index_lag_seconds')).toBeGreaterThanOrEqual(60)
    } finally {
      await t.db.prisma.outboxMessage.delete({ where: { id: owed.id } })
    }
    expect((await app.request('/ready')).status).toBe(200)

    const base = { deps: t.deps, cookieSecure: false, bodyLimitBytes: 64 * 1024, graphiql: false }
    const building = createApp({ ...base, db: t.db, searchProgress: { built: () => false, lagSeconds: async () => 0 } })
    const b = await building.request('/ready')
    expect(b.status).toBe(503)
    expect(await b.json()).toMatchObject({ failing: ['search'], search: { status: 'building' } })

    const down = createApp({ ...base, db: { kind: t.db.kind, ping: async () => false } })
    const d = await down.request('/ready')
    expect(d.status).toBe(503)
    expect(await d.json()).toMatchObject({ status: 'not ready', failing: ['database'], database: 'down' })
    expect((await down.request('/health')).status).toBe(503)
  })

  it('logs one JSON line per request with its id, method, route pattern, status and duration, and scrubs what it logs', async () => {
    const from = lines.length
    const search = await app.request(`/api/v1/search?q=${encodeURIComponent('Hinewai 021 774 3391')}`, { headers: { 'x-request-id': 'req-search-1' } })
    const referral = await app.request(`/api/v1/referrals/${UUID}`, { headers: { 'x-request-id': 'req-referral-1' } })
    const boom = await app.request('/test/boom', { headers: { 'x-request-id': 'req-boom-1' } })
    expect(boom.status).toBe(500)
    expect((await boom.json()).requestId).toBe('req-boom-1')

    const logged = lines.slice(from).map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(logged.every((l) => typeof l.requestId === 'string' && typeof l.time === 'string' && typeof l.level === 'string')).toBe(true)
    const requestLine = (id: string) => logged.find((l) => l.requestId === id && l.msg === 'request')
    expect(requestLine('req-search-1')).toMatchObject({ level: 'info', method: 'GET', route: '/api/v1/search', status: search.status })
    expect(requestLine('req-referral-1')).toMatchObject({ method: 'GET', route: '/api/v1/referrals/:id', status: referral.status })
    expect(requestLine('req-boom-1')).toMatchObject({ level: 'warn', route: '/test/boom', status: 500 })
    expect(typeof requestLine('req-boom-1')!.durationMs).toBe('number')
    // The failure's own line: same request id, the error's name, the message with the details replaced.
    const error = logged.find((l) => l.requestId === 'req-boom-1' && l.level === 'error')
    expect(error).toMatchObject({ msg: 'unexpected error', err: { name: 'Error' } })
    expect((error!.err as { msg: string }).msg).toBe('could not save [email], [birth-date], phone [phone]')

    // The search query (a name and a phone number) and the referral's id are not in the log at all.
    const text = lines.slice(from).join('\n')
    for (const value of ['Hinewai', 'hinewai.r@example.nz', '1991', '774 3391', UUID]) expect(text).not.toContain(value)
  })

  it('an error deep in a GraphQL resolver is logged with the request id of the request it happened in', async () => {
    const logged: string[] = []
    const broken = createApp({
      deps: {
        ...t.deps,
        // Reading the regions fails with a message quoting a phone number.
        prisma: new Proxy(t.deps.prisma, {
          get: (target, prop) =>
            prop === 'region'
              ? { findMany: () => Promise.reject(new Error('regions unavailable, ring 021 774 3391')) }
              : (Reflect.get(target, prop) as unknown),
        }),
      },
      db: t.db,
      cookieSecure: false,
      bodyLimitBytes: 64 * 1024,
      graphiql: false,
      logger: createLogger({ level: 'info', destination: { write: (line: string) => void logged.push(line) } }),
    })
    const res = await broken.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-graphql-1' },
      body: JSON.stringify({ query: '{ regions { code } }' }),
    })
    expect((await res.json()).errors[0].extensions.code).toBe('INTERNAL')
    const lines = logged.map((l) => JSON.parse(l) as { level: string; requestId?: string; msg: string; err?: { msg: string } })
    const error = lines.find((l) => l.level === 'error')
    expect(error).toMatchObject({ requestId: 'req-graphql-1', msg: 'unexpected error in GraphQL', err: { msg: 'regions unavailable, ring [phone]' } })
    expect(lines.find((l) => l.msg === 'request')).toMatchObject({ requestId: 'req-graphql-1', route: '/graphql', method: 'POST' })
  })

  it('a quieter LOG_LEVEL drops the request lines and keeps the errors', async () => {
    const quiet: string[] = []
    const warnOnly = createApp({
      deps: t.deps,
      db: t.db,
      cookieSecure: false,
      bodyLimitBytes: 64 * 1024,
      graphiql: false,
      logger: createLogger({ level: 'error', destination: { write: (line: string) => void quiet.push(line) } }),
    })
    warnOnly.get('/test/boom', () => {
      throw new Error('boom')
    })
    await warnOnly.request('/health')
    await warnOnly.request('/test/boom')
    expect(quiet.map((l) => JSON.parse(l).level)).toEqual(['error'])
  })

  it('/metrics: request durations by route pattern, sign-in refusals counted, the gauges read from the database', async () => {
    const { user } = await createUser(t)
    const before = await metricsText()
    const refusals = sample(before, 'fsn_sign_in_refusals_total') ?? Number.NaN
    expect(refusals).toBeGreaterThanOrEqual(0)

    await app.request(`/api/v1/referrals/${UUID}`)
    await app.request(`/nowhere/${UUID}`)
    // Five wrong passwords are allowed (each 401); the sixth attempt is refused by the limit.
    for (let i = 0; i < 5; i++) expect((await postJson({ ...t, app }, '/auth/sign-in', { email: user.email, password: 'not it at all' })).status).toBe(401)
    expect((await postJson({ ...t, app }, '/auth/sign-in', { email: user.email, password: 'not it at all' })).status).toBe(429)

    const after = await metricsText()
    expect(sample(after, 'fsn_sign_in_refusals_total')).toBe(refusals + 1)
    expect(sample(after, 'fsn_http_request_duration_seconds_count', { method: 'POST', route: '/auth/sign-in', status: '401' })).toBeGreaterThanOrEqual(5)
    expect(sample(after, 'fsn_http_request_duration_seconds_count', { method: 'POST', route: '/auth/sign-in', status: '429' })).toBeGreaterThanOrEqual(1)
    expect(sample(after, 'fsn_http_request_duration_seconds_bucket', { method: 'GET', route: '/api/v1/referrals/:id', le: '+Inf' })).toBeGreaterThanOrEqual(1)
    expect(sample(after, 'fsn_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1)
    // Patterns only: no id, no made-up path, ever becomes a label.
    expect(after).not.toContain(UUID)
    expect(after).not.toContain('/nowhere')
    for (const name of ['fsn_outbox_lag_seconds', 'fsn_outbox_parked_messages', 'fsn_search_index_lag_seconds', 'fsn_referral_sla_breaches']) {
      expect(sample(after, name), name).toBeGreaterThanOrEqual(0)
    }
    expect(sample(after, 'fsn_database_up')).toBe(1)
    if (kind === 'postgres') {
      expect(sample(after, 'fsn_db_pool_connections', { state: 'max' })).toBeGreaterThan(0)
      expect(sample(after, 'fsn_db_pool_connections', { state: 'total' })).toBeGreaterThan(0)
      expect(sample(after, 'fsn_db_pool_connections', { state: 'waiting' })).toBeGreaterThanOrEqual(0)
    } else {
      expect(after).not.toContain('fsn_db_pool_connections{')
    }
  })

  it('outbox lag, parked messages and SLA breaches move with the data', async () => {
    const now = t.deps.clock()
    const base = await metricsText()
    const parked0 = sample(base, 'fsn_outbox_parked_messages')!
    const breaches0 = sample(base, 'fsn_referral_sla_breaches')!
    const messages = await Promise.all([
      // Due for ten minutes and not claimed: the lag is at least that.
      t.db.prisma.outboxMessage.create({ data: { topic: 'test.observability', payload: {}, createdAt: new Date(now.getTime() - 600_000), availableAt: new Date(now.getTime() - 600_000) } }),
      // Failed twelve times and parked for a year.
      t.db.prisma.outboxMessage.create({ data: { topic: 'test.observability', payload: {}, attempts: 12, lastError: 'refused', availableAt: new Date(now.getTime() + 365 * 86_400_000) } }),
    ])
    try {
      const text = await metricsText()
      expect(sample(text, 'fsn_outbox_lag_seconds')).toBeGreaterThanOrEqual(600)
      expect(sample(text, 'fsn_outbox_parked_messages')).toBe(parked0 + 1)
    } finally {
      await t.db.prisma.outboxMessage.deleteMany({ where: { id: { in: messages.map((m) => m.id) } } })
    }

    const n = await referralNetwork(t)
    const sent = await sendOne(t, n)
    expect(sent.res.status).toBe(201)
    const referral = await t.db.prisma.referral.findUniqueOrThrow({ where: { id: sent.body.id as string } })
    expect(referral.status).toBe('SENT')
    expect(sample(await metricsText(), 'fsn_referral_sla_breaches')).toBe(breaches0)
    t.setNow(new Date(referral.respondBy!.getTime() + 60_000))
    try {
      expect(sample(await metricsText(), 'fsn_referral_sla_breaches')).toBe(breaches0 + 1)
    } finally {
      t.setNow(now)
    }
  })

  it('/metrics needs the bearer token when one is set, and is not served when metrics are off', async () => {
    const token = 'metrics-token-0123456789abcdef0123456789'
    const base = { deps: t.deps, db: t.db, cookieSecure: false, bodyLimitBytes: 64 * 1024, graphiql: false }
    const guarded = createApp({ ...base, metrics: { token } })
    const none = await guarded.request('/metrics')
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect((await none.json()).code).toBe('UNAUTHENTICATED')
    expect((await guarded.request('/metrics', { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401)
    const ok = await guarded.request('/metrics', { headers: { authorization: `Bearer ${token}` } })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain('# TYPE fsn_http_request_duration_seconds histogram')

    const off = createApp({ ...base, metrics: false })
    expect((await off.request('/metrics')).status).toBe(404)
    expect((await off.request('/ready')).status).toBe(200)
  })
})

describe('metricsExposure', () => {
  const token = 'metrics-token-0123456789abcdef0123456789'
  it.each([
    [{ env: 'production', metrics: true, metricsToken: token }, { token, processMetrics: true }, false],
    [{ env: 'production', metrics: true }, false, true],
    [{ env: 'production', metrics: false, metricsToken: token }, false, false],
    [{ env: 'development', metrics: true }, { processMetrics: true }, false],
    [{ env: 'development', metrics: true, metricsToken: token }, { token, processMetrics: true }, false],
    [{ env: 'test', metrics: false }, false, false],
  ])('%o serves %o (warning: %s)', (config, metrics, warns) => {
    const exposure = metricsExposure(config)
    expect(exposure.metrics).toEqual(metrics)
    expect(Boolean(exposure.warning)).toBe(warns)
  })
})
