// Operations endpoints, answered before the session is resolved so load balancers, orchestrators
// and Prometheus can always reach them: /health (liveness), /ready (readiness), /metrics.
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Database } from '@fsn/db'
import { holidayCalendarHealth } from '@fsn/domain'
import { getSearchHealth, type ServiceDeps } from '@fsn/services'
import type { AppEnv } from '../http/env'
import { metricsHandler, type Metrics } from '../http/metrics'
import { readinessCheck, type SearchProgress } from '../http/ready'
import { healthRoute, readyRoute } from './health.routes'

export function mountHealth(
  app: OpenAPIHono<AppEnv>,
  {
    deps,
    db,
    search,
    metrics,
    metricsToken,
  }: {
    deps: ServiceDeps
    db: Pick<Database, 'ping' | 'kind'>
    search: SearchProgress
    /** null: no /metrics (production without METRICS_TOKEN, or METRICS=off). */
    metrics: Metrics | null
    metricsToken?: string
  },
) {
  // The search engine being down or behind is 'degraded', not down: directory writes still
  // commit (their index updates wait in the outbox) and everything but search still works.
  app.openapi(healthRoute, async (c) => {
    const database = (await db.ping()) ? 'ok' : 'down'
    const search = database === 'ok' ? await getSearchHealth({ deps }).catch(() => null) : null
    // The public-holiday rules must know today and the next 90 days (holiday-rules.ts).
    const calendar = holidayCalendarHealth(deps.clock())
    const status =
      database !== 'ok' ? 'down' : search?.status === 'ok' && calendar.status === 'ok' ? 'ok' : 'degraded'
    const body = {
      status,
      database,
      databaseKind: db.kind,
      search: search?.status ?? 'unknown',
      ...(search ? { searchDetail: search } : {}),
      calendar,
    } as const
    return database === 'ok' ? c.json(body, 200) : c.json(body, 503)
  })

  const ready = readinessCheck({ deps, db, search })
  app.openapi(readyRoute, async (c) => {
    const body = await ready()
    return body.failing.length ? c.json(body, 503) : c.json(body, 200)
  })

  if (metrics) app.get('/metrics', metricsHandler(metrics, metricsToken))
}
