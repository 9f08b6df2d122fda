// The Quality Hub's board: every s396 application by step (Oranga Tamariki's care roles see all;
// an organisation's own people see theirs).
import { call, failLoad, requireSignIn } from '$lib/server/call'
import { CARE_PARTNER_APPLICATIONS } from '$lib/server/care-queries'
import type { PageServerLoad } from './$types'

export const load: PageServerLoad = async (event) => {
  requireSignIn(event)
  try {
    const { carePartnerApplications } = await call(event, CARE_PARTNER_APPLICATIONS, { organisationId: null })
    return { applications: carePartnerApplications, now: new Date().toISOString() }
  } catch (e) {
    failLoad(e, event, 'care partner applications query')
  }
}
