// Adding a service to a listing: the same form as editing one, starting blank. The organisation's
// version goes with it, so a second submit of the same form is a CONFLICT rather than a duplicate.
import { fail, isHttpError, redirect } from '@sveltejs/kit'
import { t } from '$lib/i18n'
import type { ServiceFormValues } from '$lib/listing'
import { ApiError } from '$lib/server/api'
import { actionProblem, call, failLoad, requireSignIn } from '$lib/server/call'
import { apiFieldMessage, checkNewService, contactRows, hoursRows, inputIdOfApiField, phoneRows, serviceValues, type FieldErrors } from '$lib/server/listing-form'
import { forbidden, notFound, serviceFormChoices } from '$lib/server/listings'
import { CREATE_SERVICE_LISTING, LISTING_CHANGES, LISTING_EDITOR } from '$lib/server/queries'
import { UUID } from '$lib/server/refer'
import type { Actions, PageServerLoad } from './$types'

function blank(expectedUpdatedAt: string, regionCodes: string[]): ServiceFormValues {
  return {
    expectedUpdatedAt,
    name: '',
    description: '',
    status: 'ACTIVE',
    capacityStatus: 'ACCEPTING',
    eligibilityDescription: '',
    minimumAge: '',
    maximumAge: '',
    freeOfCharge: true,
    feesDescription: '',
    applicationProcess: '',
    url: '',
    email: '',
    categoryCodes: [],
    deliveryModes: [],
    culturalFocus: [],
    languages: ['en'],
    languagesOther: '',
    nationwide: false,
    regionCodes,
    territorialAuthorityCodes: [],
    locationIds: [],
    hours: hoursRows([]),
    phones: phoneRows([]),
    contacts: contactRows([]),
  }
}

export const load: PageServerLoad = async (event) => {
  requireSignIn(event)
  const { id } = event.params
  if (!UUID.test(id)) notFound()
  try {
    // The history query is the permission check: the API answers it for the listing's editors only.
    const [editor] = await Promise.all([call(event, LISTING_EDITOR, { id }), call(event, LISTING_CHANGES, { organisationId: id, first: 1, after: null })])
    const org = editor.organisation
    if (!org) return notFound()
    return {
      organisation: { id: org.id, name: org.name, locations: org.locations },
      // The regions it works in already: where a new service most likely is too.
      initial: blank(org.updatedAt, [...new Set(org.locations.map((l) => l.region.code))]),
      ...serviceFormChoices(editor),
    }
  } catch (e) {
    if (isHttpError(e)) throw e
    if (e instanceof ApiError && e.code === 'FORBIDDEN') forbidden()
    failLoad(e, event, 'new service form')
  }
}

export const actions: Actions = {
  create: async (event) => {
    requireSignIn(event)
    const form = await event.request.formData()
    const values = serviceValues(form)
    const { input, errors, messages, maps } = checkNewService(event.params.id, values)
    const answer = { action: 'create' as const, values }
    if (Object.keys(errors).length || messages.length) return fail(400, { ...answer, errors, messages, code: 'VALIDATION_FAILED' })
    let created: string
    try {
      created = (await call(event, CREATE_SERVICE_LISTING, { input: input as unknown as Record<string, unknown> })).createServiceListing.id
    } catch (e) {
      const problem = actionProblem(e, 'create service listing')
      if (problem.code === 'FORBIDDEN') return fail(403, { ...answer, errors: {} as FieldErrors, messages: [t('edit.forbidden')], code: problem.code })
      const id = problem.code === 'CONFLICT' ? null : inputIdOfApiField(problem.field, maps, (x) => x !== 'expectedUpdatedAt' && x !== 'organisationId')
      return fail(problem.status, {
        ...answer,
        errors: (id ? { [id]: apiFieldMessage(problem.field, problem.messages.join(' ')) } : {}) as FieldErrors,
        messages: id || problem.code === 'CONFLICT' ? [] : problem.messages,
        code: problem.code,
      })
    }
    redirect(303, `/providers/${event.params.id}/services/${created}/edit?added=1`)
  },
}
