// Wires the coverage REST routes to the coverage use cases (JSON or CSV).
import type { Context } from 'hono'
import type { OpenAPIHono } from '@hono/zod-openapi'
import {
  COVERAGE_CELL_COLUMNS,
  REFERRAL_DETAIL_COLUMNS,
  REFERRAL_FLOW_COLUMNS,
  STALE_LISTING_COLUMNS,
  coverageCsv,
  findStaleListings,
  getCoverageGaps,
  getCoverageMatrix,
  getCoverageOverlaps,
  getReferralFlow,
  type ServiceDeps,
} from '@fsn/services'
import type { AppEnv } from '../http/env'
import {
  coverageGapsRoute,
  coverageMatrixRoute,
  coverageOverlapsRoute,
  referralFlowRoute,
  staleListingsRoute,
} from './coverage.routes'

const scopeOf = (s: {
  kind: 'REGION' | 'NATIONAL'
  regionCode: string | null
  regionName: string | null
  details: boolean
}) => ({
  kind: s.kind,
  regionCode: s.regionCode,
  regionName: s.regionName,
  details: s.details,
})

function csv(c: Context<AppEnv>, name: string, body: string) {
  c.header('content-disposition', `attachment; filename="${name}.csv"`)
  return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8' }) as never
}

export function mountCoverage(app: OpenAPIHono<AppEnv>, deps: ServiceDeps) {
  const matrixRoutes = [
    [coverageMatrixRoute, getCoverageMatrix, 'coverage-matrix'],
    [coverageGapsRoute, getCoverageGaps, 'coverage-gaps'],
    [coverageOverlapsRoute, getCoverageOverlaps, 'coverage-overlaps'],
  ] as const
  for (const [route, useCase, name] of matrixRoutes) {
    app.openapi(route, async (c) => {
      const { region, category, format = 'json' } = c.req.valid('query')
      const m = await useCase({ deps, actor: c.get('actor'), input: { region, category } })
      c.header('cache-control', 'no-store')
      if (format === 'csv')
        return csv(c, `${name}-${m.scope.regionCode ?? 'nz'}`, coverageCsv(COVERAGE_CELL_COLUMNS, m.cells))
      return c.json(
        { scope: scopeOf(m.scope), asOf: m.asOf.toISOString(), rules: m.rules, cells: m.cells },
        200,
      )
    })
  }

  app.openapi(staleListingsRoute, async (c) => {
    const { region, category, format = 'json' } = c.req.valid('query')
    const s = await findStaleListings({ deps, actor: c.get('actor'), input: { region, category } })
    c.header('cache-control', 'no-store')
    if (format === 'csv')
      return csv(
        c,
        `stale-listings-${s.scope.regionCode ?? 'nz'}`,
        coverageCsv(STALE_LISTING_COLUMNS, s.listings),
      )
    return c.json(
      {
        scope: scopeOf(s.scope),
        asOf: s.asOf.toISOString(),
        staleAfterDays: s.staleAfterDays,
        total: s.total,
        listings: s.listings.map((l) => ({ ...l, lastVerifiedAt: l.lastVerifiedAt?.toISOString() ?? null })),
      },
      200,
    )
  })

  app.openapi(referralFlowRoute, async (c) => {
    const { from, to, region, category, agency, format = 'json', table = 'rows' } = c.req.valid('query')
    const f = await getReferralFlow({
      deps,
      actor: c.get('actor'),
      input: { from, to, region, category, agency },
    })
    c.header('cache-control', 'no-store')
    const name = `referral-flow-${f.scope.regionCode ?? 'nz'}`
    if (format === 'csv')
      return table === 'details'
        ? csv(c, `${name}-details`, coverageCsv(REFERRAL_DETAIL_COLUMNS, f.details))
        : csv(c, name, coverageCsv(REFERRAL_FLOW_COLUMNS, f.rows))
    const iso = (d: Date | null) => d?.toISOString() ?? null
    return c.json(
      {
        scope: scopeOf(f.scope),
        from: f.period.from.toISOString(),
        to: f.period.to.toISOString(),
        asOf: f.asOf.toISOString(),
        areaKind: f.areaKind,
        rows: f.rows,
        totals: f.totals,
        details: f.details.map((d) => ({
          ...d,
          sentAt: iso(d.sentAt),
          respondBy: iso(d.respondBy),
          respondedAt: iso(d.respondedAt),
          escalatedAt: iso(d.escalatedAt),
        })),
      },
      200,
    )
  })
}
