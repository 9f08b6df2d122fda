// Editing one service of a listing: everything a connector reads before referring (capacity first,
// then hours, who it is for, where, how to get in touch). Only the organisation's own provider
// administrators and national administrators may; the API decides. A save sends the whole form as a
// patch at the version it was read, so someone else's save in between is a CONFLICT, not lost work.
import { error, fail, isHttpError } from '@sveltejs/kit'
import { t } from '$lib/i18n'
import { ApiError } from '$lib/server/api'
import { actionProblem, call, failLoad, requireSignIn } from '$lib/server/call'
import {
  apiFieldMessage,
  checkService,
  contactRows,
  hoursRows,
  inputIdOfApiField,
  phoneRows,
  serviceValues,
  type FieldErrors,
  type ServiceFormValues,
} from '$lib/server/listing-form'
import { forbidden, notFound, serviceFormChoices } from '$lib/server/listings'
import { LISTING_CHANGES, LISTING_EDITOR, UPDATE_SERVICE_LISTING } from '$lib/server/queries'
import { UUID } from '$lib/server/refer'
import type { ListingService } from '$lib/types'
import type { Actions, PageServerLoad } from './$types'

function initialValues(s: ListingService): ServiceFormValues {
  return {
    expectedUpdatedAt: s.updatedAt,
    name: s.name,
    description: s.description,
    status: s.status,
    capacityStatus: s.capacityStatus,
    eligibilityDescription: s.eligibilityDescription ?? '',
    minimumAge: s.minimumAge === null ? '' : String(s.minimumAge),
    maximumAge: s.maximumAge === null ? '' : String(s.maximumAge),
    freeOfCharge: s.freeOfCharge,
    feesDescription: s.feesDescription ?? '',
    applicationProcess: s.applicationProcess ?? '',
    url: s.url ?? '',
    email: s.email ?? '',
    categoryCodes: s.categories.map((c) => c.code),
    deliveryModes: s.deliveryModes,
    culturalFocus: s.culturalFocus,
    languages: s.languages.map((l) => l.code),
    languagesOther: '',
    nationwide: s.nationwide,
    regionCodes: s.serviceAreas.flatMap((a) => (a.regionCode && !a.territorialAuthorityCode ? [a.regionCode] : [])),
    territorialAuthorityCodes: s.serviceAreas.flatMap((a) => (a.territorialAuthorityCode ? [a.territorialAuthorityCode] : [])),
    locationIds: s.locations.map((l) => l.id),
    hours: hoursRows(s.openingHours),
    phones: phoneRows(s.phones),
    contacts: contactRows(s.contacts),
  }
}

export const load: PageServerLoad = async (event) => {
  requireSignIn(event)
  const { id, serviceId } = event.params
  if (!UUID.test(id) || !UUID.test(serviceId)) error(404, { message: t('edit.serviceNotFound'), code: 'NOT_FOUND' })
  try {
    // The history query is the permission check: the API answers it for the listing's editors only.
    const [editor] = await Promise.all([call(event, LISTING_EDITOR, { id }), call(event, LISTING_CHANGES, { organisationId: id, first: 1, after: null })])
    const org = editor.organisation
    if (!org) return notFound()
    const service = org.services.find((s) => s.id === serviceId)
    if (!service) error(404, { message: t('edit.serviceNotFound'), code: 'NOT_FOUND' })
    return {
      organisation: { id: org.id, name: org.name, locations: org.locations },
      service,
      initial: initialValues(service),
      ...serviceFormChoices(editor),
    }
  } catch (e) {
    if (e instanceof ApiError && e.code === 'FORBIDDEN') forbidden()
    // error() from above (a service of another organisation) passes through untouched.
    if (isHttpError(e)) throw e
    failLoad(e, event, 'service editor')
  }
}

export const actions: Actions = {
  save: async (event) => {
    requireSignIn(event)
    const form = await event.request.formData()
    const values = serviceValues(form)
    const { input, errors, messages, maps } = checkService(event.params.serviceId, values)
    const answer = { action: 'service' as const, values }
    if (Object.keys(errors).length || messages.length) return fail(400, { ...answer, errors, messages, code: 'VALIDATION_FAILED' })
    try {
      const { updateServiceListing } = await call(event, UPDATE_SERVICE_LISTING, { input: input as unknown as Record<string, unknown> })
      return { action: 'service' as const, savedAt: new Date().toISOString(), updatedAt: updateServiceListing.updatedAt }
    } catch (e) {
      const problem = actionProblem(e, 'update service listing')
      if (problem.code === 'FORBIDDEN') return fail(403, { ...answer, errors: {} as FieldErrors, messages: [t('edit.forbidden')], code: problem.code })
      const id = problem.code === 'CONFLICT' ? null : inputIdOfApiField(problem.field, maps, (x) => x !== 'expectedUpdatedAt' && x !== 'serviceId')
      return fail(problem.status, {
        ...answer,
        errors: (id ? { [id]: apiFieldMessage(problem.field, problem.messages.join(' ')) } : {}) as FieldErrors,
        messages: id || problem.code === 'CONFLICT' ? [] : problem.messages,
        code: problem.code,
      })
    }
  },
}
