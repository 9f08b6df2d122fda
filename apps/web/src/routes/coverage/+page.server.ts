import { error, redirect } from '@sveltejs/kit'
import { can, canViewCoverage } from '$lib/capabilities'
import { parseFilters, periodRange } from '$lib/coverage'
import { t } from '$lib/i18n'
import { call, failLoad } from '$lib/server/call'
import { COVERAGE, COVERAGE_REGION, nzToday } from '$lib/server/coverage'
import { regionShapes } from '$lib/server/nz-regions'
import type { PageServerLoad } from './$types'

// The coverage dashboard: one GraphQL request for the matrix, the referral flow and trend, stale
// listings and the filter choices, at the scope the API gives the user: a regional commissioner
// their own region (a region in the URL is ignored for them), a national administrator the nation
// as aggregates. A national administrator who drills into a region also gets that region's flow
// by territorial authority, its trend and stale listings (a second request).
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
    const [main, drilled] = await Promise.all([
      call(event, COVERAGE, { ...vars, region: null }),
      national && filters.region ? call(event, COVERAGE_REGION, { ...vars, region: filters.region }) : Promise.resolve(null),
    ])
    return { filters, range, national, shapes: regionShapes(), ...main, drilled }
  } catch (e) {
    failLoad(e, event, 'coverage')
  }
}
