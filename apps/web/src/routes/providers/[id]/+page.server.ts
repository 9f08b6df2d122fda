// A provider's page in the public directory: no sign-in needed. Its own staff see the prompt to
// confirm a stale listing, and the way to edit it; the API decides what anyone may change.
import { can } from '$lib/capabilities'
import { call, failLoad } from '$lib/server/call'
import { isListingStaff, mayOfferEdit, notFound, oldestVerification, verifyListingAction } from '$lib/server/listings'
import { ORGANISATION_LISTING } from '$lib/server/queries'
import { UUID } from '$lib/server/refer'
import type { Actions, PageServerLoad } from './$types'

export const load: PageServerLoad = async (event) => {
  const id = event.params.id
  if (!UUID.test(id)) notFound()
  const organisation = await call(event, ORGANISATION_LISTING, { id }).then(
    (data) => data.organisation,
    (e: unknown) => failLoad(e, event, 'provider listing'),
  )
  if (!organisation) return notFound()
  const user = event.locals.user
  return {
    organisation,
    staff: isListingStaff(user, id),
    canEdit: mayOfferEdit(user, id),
    canRefer: can(user, 'referral:send'),
    oldestVerifiedDays: oldestVerification(organisation),
    // One clock for the page: "today" in the hours and "N days ago" agree between server and browser.
    now: new Date().toISOString(),
  }
}

export const actions: Actions = {
  verify: verifyListingAction,
}
