// The connector's discretionary fund (Guidelines, Discretionary Funding): balance, ledger and a
// grant request. The API assesses every request and gives every reason; a food request is refused
// with the nearest Work and Income office or Community Food Provider from the directory.
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit'
import { can } from '$lib/capabilities'
import { nzDateTimeLocalValue } from '$lib/format'
import { t } from '$lib/i18n'
import { actionProblem, call, failLoad } from '$lib/server/call'
import { FUND_PAGE, PEOPLE_SHOWN, REQUEST_GRANT, UUID, checkGrant, grantValues } from '$lib/server/reporting'
import type { Actions, PageServerLoad } from './$types'

function requireConnector(event: Pick<RequestEvent, 'locals' | 'url'>) {
  const { locals, url } = event
  if (!locals.user) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  if (!can(locals.user, 'reporting:submit')) error(403, { message: t('error.forbidden'), code: 'FORBIDDEN' })
}

export const load: PageServerLoad = async (event) => {
  requireConnector(event)
  try {
    const data = await call(event, FUND_PAGE, { first: PEOPLE_SHOWN })
    const personId = event.url.searchParams.get('personId')
    return {
      fund: data.myFund,
      categories: data.grantNeedCategories,
      people: data.people.map((p) => ({ id: p.id, givenName: p.givenName, familyName: p.familyName })),
      personId: personId && UUID.test(personId) ? personId : null,
      today: nzDateTimeLocalValue(new Date()).slice(0, 10),
    }
  } catch (e) {
    failLoad(e, event, 'fund')
  }
}

const GRANT_FIELDS = ['personId', 'category', 'amountCents', 'note', 'eligibility']

export const actions: Actions = {
  request: async (event) => {
    requireConnector(event)
    const form = await event.request.formData()
    const values = grantValues(form)
    const { input, errors } = checkGrant(values, new Date())
    if (!input) return fail(400, { values, errors, messages: [] as string[], decision: null })
    try {
      const { requestGrant } = await call(event, REQUEST_GRANT, { input })
      // A refusal is an answer, not a fault: the form keeps what was typed beside the reasons.
      return { values: requestGrant.approved ? null : values, errors: {}, messages: [] as string[], decision: requestGrant }
    } catch (e) {
      const problem = actionProblem(e, 'request grant')
      const field = problem.field === 'amountCents' ? 'amount' : problem.field && GRANT_FIELDS.includes(problem.field) ? problem.field : null
      return fail(problem.status, {
        values,
        errors: field && field !== 'eligibility' ? { [field]: problem.messages.join(' ') } : {},
        messages: field && field !== 'eligibility' ? [] : problem.messages,
        decision: null,
      })
    }
  },
}
