// Wires the weekly report REST route to exportWeeklyReport.
import type { OpenAPIHono } from '@hono/zod-openapi'
import { GRANT_EXPORT_COLUMNS, INTERACTION_EXPORT_COLUMNS } from '@fsn/domain'
import { exportWeeklyReport, type ServiceDeps } from '@fsn/services'
import type { AppEnv } from '../http/env'
import { exportWeeklyReportRoute } from './reports.routes'

export function mountReports(app: OpenAPIHono<AppEnv>, deps: ServiceDeps) {
  app.openapi(exportWeeklyReportRoute, async (c) => {
    const { week } = c.req.valid('param')
    const { format = 'json', table = 'interactions' } = c.req.valid('query')
    const report = await exportWeeklyReport({ deps, actor: c.get('actor'), input: { week } })
    if (!report.exportable) {
      return c.json(
        {
          code: 'CONFLICT' as const,
          message: `${report.blocked.length} interaction note(s) contain personal information: reword them, then export again.`,
          field: 'notes' as const,
          requestId: c.get('requestId'),
          blocked: report.blocked.map((b) => ({ ...b, occurredAt: b.occurredAt.toISOString() })),
        },
        409,
      )
    }
    // The export must not sit in shared caches: it is de-identified, not public.
    c.header('cache-control', 'no-store')
    if (format === 'csv') {
      c.header('content-disposition', `attachment; filename="weekly-report-${report.week.id}-${table}.csv"`)
      return c.body(report.csv[table], 200, { 'content-type': 'text/csv; charset=utf-8' }) as never
    }
    return c.json(
      {
        week: report.week.id,
        interactions: report.interactions,
        grants: report.grants,
        columns: {
          interactions: INTERACTION_EXPORT_COLUMNS.map((col) => ({
            ...col,
            values: col.values && [...col.values],
          })),
          grants: GRANT_EXPORT_COLUMNS.map((col) => ({ ...col, values: col.values && [...col.values] })),
        },
      },
      200,
    )
  })
}
