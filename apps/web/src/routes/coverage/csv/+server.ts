// Every table the coverage dashboard shows, as CSV: the API's REST export proxied with the user's
// session (the API scopes it as it scopes the page), and the trend, which the API gives only over
// GraphQL, written here. The download links work without exposing the API's origin or the token.
import { error, redirect } from '@sveltejs/kit'
import { env } from '$env/dynamic/private'
import { can } from '$lib/capabilities'
import { CSV_TABLES, parseFilters, periodRange, trendCsv, type CsvTable } from '$lib/coverage'
import { t } from '$lib/i18n'
import { call, failLoad } from '$lib/server/call'
import { COVERAGE_TREND, nzToday } from '$lib/server/coverage'
import { SESSION_COOKIE } from '$lib/server/session'
import type { RequestHandler } from './$types'

type Table = CsvTable

const PATHS: Record<Exclude<Table, 'trend'>, string> = {
  matrix: 'matrix',
  gaps: 'gaps',
  overlaps: 'overlaps',
  stale: 'stale-listings',
  flow: 'referral-flow',
  details: 'referral-flow',
}

const file = (name: string, body: string) =>
  new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}.csv"`,
      'cache-control': 'private, no-store',
    },
  })

export const GET: RequestHandler = async (event) => {
  const { locals, url } = event
  if (!locals.user || !locals.sessionToken) redirect(303, `/sign-in?redirectTo=${encodeURIComponent('/coverage')}`)
  const table = url.searchParams.get('table') as Table | null
  if (!table || !(CSV_TABLES as readonly string[]).includes(table)) error(404, { message: t('error.notFound'), code: 'NOT_FOUND' })
  const filters = parseFilters(url.searchParams)
  if (!can(locals.user, 'coverage:view-national')) filters.region = null
  const range = periodRange(filters.period, nzToday())
  const name = ['coverage', table, filters.region ?? (can(locals.user, 'coverage:view-national') ? 'national' : 'region'), filters.category]
    .filter(Boolean)
    .join('-')

  if (table === 'trend') {
    try {
      const data = await call(event, COVERAGE_TREND, {
        region: filters.region,
        category: filters.category,
        agency: filters.agency,
        from: range.from,
        to: range.to,
        bucket: range.bucket,
      })
      return file(`${name}-${range.from}`, trendCsv(data.referralTrend.points))
    } catch (e) {
      failLoad(e, event, 'coverage trend csv')
    }
  }

  const query = new URLSearchParams({ format: 'csv' })
  if (filters.region) query.set('region', filters.region)
  if (filters.category) query.set('category', filters.category)
  if (table === 'flow' || table === 'details') {
    query.set('from', range.from)
    query.set('to', range.to)
    if (filters.agency) query.set('agency', filters.agency)
    if (table === 'details') query.set('table', 'details')
  }
  const base = (env.API_URL || 'http://127.0.0.1:4000').replace(/\/+$/, '')
  let res: Response
  try {
    res = await fetch(`${base}/api/v1/coverage/${PATHS[table]}?${query.toString()}`, {
      headers: { cookie: `${SESSION_COOKIE}=${locals.sessionToken}`, accept: 'text/csv' },
      signal: AbortSignal.timeout(15_000),
    })
  } catch (e) {
    console.error('[web] coverage csv failed:', e instanceof Error ? e.message : e)
    error(503, { message: t('error.unavailable'), code: 'SERVICE_UNAVAILABLE' })
  }
  if (res.status === 403) error(403, { message: t('error.forbidden'), code: 'FORBIDDEN' })
  if (res.status === 401) redirect(303, `/sign-in?redirectTo=${encodeURIComponent('/coverage')}`)
  if (!res.ok) error(res.status >= 500 ? 503 : res.status, { message: t('error.unavailable'), code: 'SERVICE_UNAVAILABLE' })
  return file(table === 'flow' || table === 'details' ? `${name}-${range.from}` : name, await res.text())
}
