import { redirect } from '@sveltejs/kit'
import { can } from '$lib/capabilities'
import { call } from '$lib/server/call'
import { actOnEscalationAction, captureReadinessAction, carePartnerHome, completeItemAction, qualityHubHome, raiseEscalationAction, recordCelebrationAction, startApplicationAction } from '$lib/server/care'
import { oldestVerification, verifyListingAction } from '$lib/server/listings'
import { MY_LISTINGS, type MyListing } from '$lib/server/queries'
import { REPORT_STATUSES, weekOf } from '$lib/server/reporting'
import { REGIONAL_ESCALATIONS } from '$lib/server/escalation-queries'
import type { Actions, PageServerLoad } from './$types'

export const load: PageServerLoad = async (event) => {
  const { locals } = event
  // The home page is about the signed-in person; anonymous visitors sign in (or use the public directory from there).
  if (!locals.user) redirect(303, '/sign-in')
  const [listings, reports] = await Promise.all([myListings(event), myReports(event)])
  // Issue 6: the care partner's application and quality cycle; the Quality Hub's overdue items and escalations.
  const [carePartner, qualityHub] = await Promise.all([carePartnerHome(event), qualityHubHome(event)])
  const overdueEscalations = await overdueRegionalEscalations(event)
  return { me: locals.user, listings, reports, carePartner, qualityHub, overdueEscalations }
}

/** Regional Leads: how many queue items are past their acknowledge-by time (a courtesy, like the listings). */
async function overdueRegionalEscalations(event: Parameters<PageServerLoad>[0]) {
  if (!can(event.locals.user, 'escalation:receive')) return null
  try {
    const { regionalEscalations } = await call(event, REGIONAL_ESCALATIONS, { openOnly: true })
    return regionalEscalations.filter((e) => e.overdue).length
  } catch (e) {
    console.error('[web] regional escalations failed:', e instanceof Error ? e.message : e)
    return null
  }
}

/**
 * Connectors: this week's and last week's report, so what is due or overdue shows on arrival.
 * A courtesy like the listings: the page loads without it if the API cannot say.
 */
async function myReports(event: Parameters<PageServerLoad>[0]) {
  if (!can(event.locals.user, 'reporting:submit')) return null
  try {
    const { current, last } = await call(event, REPORT_STATUSES, { current: weekOf(new Date()) })
    return { current, last }
  } catch (e) {
    console.error('[web] report status failed:', e instanceof Error ? e.message : e)
    return null
  }
}

/**
 * Provider staff's own listings, stale ones first, each with how long since its least recently
 * verified part (Guidelines, Family Services Directory: providers keep their listing up to date).
 * A courtesy on the home page: if the API cannot say, the page still loads without them.
 */
async function myListings(event: Parameters<PageServerLoad>[0]) {
  if (!can(event.locals.user, 'directory:edit-own-listing')) return []
  try {
    const { myListings } = await call(event, MY_LISTINGS, {})
    return myListings.map((l: MyListing) => ({ ...l, oldestVerifiedDays: oldestVerification(l) }))
  } catch (e) {
    console.error('[web] my listings failed:', e instanceof Error ? e.message : e)
    return []
  }
}

export const actions: Actions = {
  verify: verifyListingAction,
  startApplication: startApplicationAction,
  captureReadiness: captureReadinessAction,
  raiseEscalation: raiseEscalationAction,
  completeItem: completeItemAction,
  actOnEscalation: actOnEscalationAction,
  recordCelebration: recordCelebrationAction,
}
