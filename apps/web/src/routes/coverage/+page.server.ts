import { error, redirect } from '@sveltejs/kit'
import { can, canViewCoverage } from '$lib/capabilities'
import { parseFilters, periodRange } from '$lib/coverage'
import { t } from '$lib/i18n'
import { call, failLoad } from '$lib/server/call'
import { COVERAGE, COVERAGE_REGION, NATIONAL_REGION, nzToday } from '$lib/server/coverage'
import { regionShapes } from '$lib/server/nz-regions'
import type { PageServerLoad } from './$types'

// The coverage dashboard: one GraphQL request for the matrix, the referral flow and trend, stale
// listings and the filter choices, at the scope the API gives the user: a regional commissioner
// their own region (a region in the URL is ignored for them), a national administrator the nation
// as aggregates. A commissioner also gets the nation as aggregates (region "NZ": counts under 5
// as "<5", no details), which colours the map and the regions table. A national administrator who
// drills into a region also gets that region's flow by territorial authority, its trend and stale
// listings (a second request).
export const load: PageServerLoad = async (event) => {
  const { locals, url } = event
  if (!locals.user) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  if (!canViewCoverage(locals.user)) error(403, { message: t('error.forbidden'), code: 'FORBIDDEN' })
  const national = can(locals.user, 'coverage:view-national')
  const filters = parseFilters(url.searchParams)
  if (!national) filters.region = null
  const range = periodRange(filters.period, nzToday())
  const vars = { category: filters.category, agency: filters.agency, from: range.from, to: range.to, bucket: range.bucket }
  try {
    const [main, drilled, nation] = await Promise.all([
      call(event, COVERAGE, { ...vars, region: null }),
      national && filters.region ? call(event, COVERAGE_REGION, { ...vars, region: filters.region }) : Promise.resolve(null),
      national ? Promise.resolve(null) : call(event, COVERAGE, { ...vars, region: NATIONAL_REGION }),
    ])
    // Only what the map and the regions table use (null for a national administrator, whose main
    // answer is already the nation).
    const nationView = nation ? { cells: nation.coverageMatrix.cells, flowRows: nation.referralFlow.rows } : null
    return { filters, range, national, shapes: regionShapes(), ...main, drilled, nation: nationView }
  } catch (e) {
    failLoad(e, event, 'coverage')
  }
}
