// Prometheus metrics at /metrics (prom-client). Per process: each API process has its own registry
// and answers for itself, so Prometheus scrapes every process (docs/operations.md, "Monitoring").
// The request histogram is labelled by route pattern ("/api/v1/referrals/:id"), never by the path:
// ids would make a series per referral, and a path can carry what someone typed.
// The gauges about shared state (outbox, referrals past their respond-by time) are read from the
// database when scraped, with a few indexed counts; every process reports the same values.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { Database } from '@fsn/db'
import { MAX_ATTEMPTS, type ServiceDeps } from '@fsn/services'
import type { AppEnv } from './env'
import { errorResponse } from './errors'
import { currentLogger, type RequestRecord } from './log'
import type { SearchProgress } from './ready'

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

/**
 * The route pattern that answered: the last matched route registered for a method (app.use
 * middleware is registered for ALL). A request no route matched is "unmatched", so made-up paths
 * cannot grow the series.
 */
export function routePattern(c: Context<AppEnv>): string {
  const routes = matchedRoutes(c)
  for (let i = routes.length - 1; i >= 0; i--) {
    if (routes[i]!.method !== 'ALL') return routes[i]!.path
  }
  return 'unmatched'
}

export interface MetricsOptions {
  deps: ServiceDeps
  db: Pick<Database, 'kind' | 'ping' | 'poolStats'>
  search: SearchProgress
  /** CPU, memory, event-loop delay and GC of this process (prom-client's defaults); the server only. */
  processMetrics?: boolean
}

export function createMetrics({ deps, db, search, processMetrics = false }: MetricsOptions) {
  const registry = new Registry()
  const registers = [registry]
  if (processMetrics) collectDefaultMetrics({ register: registry, prefix: 'fsn_' })

  const requestDuration = new Histogram({
    name: 'fsn_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  })
  const signInRefusals = new Counter({
    name: 'fsn_sign_in_refusals_total',
    help: 'Sign-ins refused by the sign-in limit (429) before the password was checked',
    registers,
  })
  const databaseUp = new Gauge({ name: 'fsn_database_up', help: '1 when the database answered this scrape', registers })
  const pool = new Gauge({
    name: 'fsn_db_pool_connections',
    help: 'PostgreSQL pool: connections open (total), idle, requests waiting for one, and the pool size (max)',
    labelNames: ['state'] as const,
    registers,
  })
  const outboxLag = new Gauge({
    name: 'fsn_outbox_lag_seconds',
    help: 'How long the oldest due, unclaimed outbox message has waited (0 when none)',
    registers,
  })
  const outboxParked = new Gauge({
    name: 'fsn_outbox_parked_messages',
    help: `Outbox messages parked after ${MAX_ATTEMPTS} failed attempts (need a person to look)`,
    registers,
  })
  const searchLag = new Gauge({
    name: 'fsn_search_index_lag_seconds',
    help: "How far this process's search index is behind the directory (age of the oldest change not yet indexed; 0 when caught up)",
    registers,
  })
  const slaBreaches = new Gauge({
    name: 'fsn_referral_sla_breaches',
    help: 'Referrals still SENT (not accepted or declined) after their respond-by time',
    registers,
  })

  const refresh = async () => {
    const now = deps.clock()
    const stats = db.poolStats?.()
    if (stats) for (const state of ['total', 'idle', 'waiting', 'max'] as const) pool.set({ state }, stats[state])
    try {
      // Each count uses an index: OutboxMessage(processedAt, availableAt), Referral(status, respondBy).
      const [row] = await deps.prisma.$queryRaw<{ outboxLag: number | null; parked: number; breaches: number }[]>`
        SELECT
          (SELECT EXTRACT(EPOCH FROM (${now}::timestamptz - min("availableAt")))::float8 FROM "OutboxMessage"
            WHERE "processedAt" IS NULL AND "availableAt" <= ${now} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})) AS "outboxLag",
          (SELECT count(*)::int FROM "OutboxMessage"
            WHERE "processedAt" IS NULL AND "attempts" >= ${MAX_ATTEMPTS} AND "availableAt" > ${now}) AS "parked",
          (SELECT count(*)::int FROM "Referral" WHERE "status" = 'SENT' AND "respondBy" < ${now}) AS "breaches"`
      outboxLag.set(Math.max(0, row?.outboxLag ?? 0))
      outboxParked.set(row?.parked ?? 0)
      slaBreaches.set(row?.breaches ?? 0)
      const lag = await search.lagSeconds()
      if (lag === null) searchLag.reset()
      else searchLag.set(lag)
      databaseUp.set(1)
    } catch (err) {
      // The scrape still answers (request and process metrics); the database gauge says why the
      // others are missing rather than stale.
      databaseUp.set(0)
      for (const g of [outboxLag, outboxParked, slaBreaches, searchLag]) g.reset()
      currentLogger().warn({ err }, 'metrics: database gauges not read')
    }
  }

  return {
    registry,
    observe(record: RequestRecord) {
      const method = METHODS.has(record.method) ? record.method : 'OTHER'
      requestDuration.observe({ method, route: record.route, status: String(record.status) }, record.seconds)
      // The limiter's refusal is the only 429 sign-in answers (routes/auth.index.ts): counted from
      // the answer, so the count holds whichever limiter (memory, Postgres, Redis) refused.
      if (record.route === '/auth/sign-in' && record.status === 429) signInRefusals.inc()
    },
    async scrape(): Promise<string> {
      await refresh()
      return registry.metrics()
    },
  }
}

export type Metrics = ReturnType<typeof createMetrics>

/**
 * /metrics: open when no token is configured (development, tests; the API listens on 127.0.0.1 by
 * default), otherwise only with `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time).
 * main.ts does not serve it at all in production without a token.
 */
export function metricsHandler(metrics: Metrics, token: string | undefined): MiddlewareHandler<AppEnv> {
  const expected = token ? createHash('sha256').update(token).digest() : null
  return async (c) => {
    if (expected) {
      const given = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? ''
      if (!timingSafeEqual(createHash('sha256').update(given).digest(), expected)) {
        c.header('WWW-Authenticate', 'Bearer realm="metrics"')
        return errorResponse(c, 'UNAUTHENTICATED', 'Metrics need the bearer token (METRICS_TOKEN).')
      }
    }
    const body = await metrics.scrape()
    return c.body(body, 200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' })
  }
}

/**
 * What /metrics this process serves: none with METRICS=off; behind the bearer token when
 * METRICS_TOKEN is set; open otherwise, except in production, where it is never public: without a
 * token there is no /metrics and the start says why (docs/operations.md, "What to watch").
 */
export function metricsExposure(config: { env: string; metrics: boolean; metricsToken?: string }): {
  metrics: { token?: string; processMetrics: boolean } | false
  warning?: string
} {
  if (!config.metrics) return { metrics: false }
  if (config.metricsToken) return { metrics: { token: config.metricsToken, processMetrics: true } }
  if (config.env === 'production') {
    return { metrics: false, warning: 'no /metrics: METRICS_TOKEN is not set, and production never serves metrics openly' }
  }
  return { metrics: { processMetrics: true } }
}
