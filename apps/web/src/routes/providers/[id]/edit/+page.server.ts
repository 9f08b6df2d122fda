// The listing editor: the organisation's details, its services (each edited on its own page), its
// locations, and the change history. Only the organisation's PROVIDER_ADMIN staff and national
// administrators may edit; the API decides, and its FORBIDDEN is shown as a 403 with the reason.
// Every save carries the version the form was read at, so two people cannot silently overwrite
// each other: the second gets CONFLICT and is asked to reload.
import { fail, isHttpError, type RequestEvent } from '@sveltejs/kit'
import { t } from '$lib/i18n'
import { ApiError } from '$lib/server/api'
import { actionProblem, call, failLoad, requireSignIn } from '$lib/server/call'
import {
  apiFieldMessage,
  checkLocation,
  checkOrganisation,
  contactRows,
  LOCATION_FIELDS,
  inputIdOfApiField,
  locationInputId,
  locationValues,
  organisationValues,
  phoneRows,
  type FieldErrors,
} from '$lib/server/listing-form'
import { forbidden, isListingStaff, notFound, oldestVerification, toListingChange, verifyListingAction } from '$lib/server/listings'
import { LISTING_CHANGES, LISTING_EDITOR, UPDATE_LOCATION, UPDATE_ORGANISATION_LISTING } from '$lib/server/queries'
import { UUID, text } from '$lib/server/refer'
import type { Actions, PageServerLoad } from './$types'

const HISTORY_PAGE = 20

export const load: PageServerLoad = async (event) => {
  requireSignIn(event)
  const id = event.params.id
  if (!UUID.test(id)) notFound()
  const after = event.url.searchParams.get('historyAfter')
  try {
    // The history is for the organisation's editors only: the API's answer to it is the permission check.
    const [editor, history] = await Promise.all([
      call(event, LISTING_EDITOR, { id }),
      call(event, LISTING_CHANGES, { organisationId: id, first: HISTORY_PAGE, after: after || null }),
    ])
    const org = editor.organisation
    if (!org) return notFound()
    return {
      organisation: org,
      regions: editor.regions.map((r) => ({ code: r.code, name: r.name })),
      staff: isListingStaff(event.locals.user, id),
      oldestVerifiedDays: oldestVerification(org),
      initial: {
        expectedUpdatedAt: org.updatedAt,
        name: org.name,
        description: org.description,
        email: org.email ?? '',
        website: org.website ?? '',
        phones: phoneRows(org.phones),
        contacts: contactRows(org.contacts),
      },
      history: {
        changes: history.listingChanges.edges.map((e) => toListingChange(e.node)),
        totalCount: history.listingChanges.totalCount,
        next: history.listingChanges.pageInfo.hasNextPage ? history.listingChanges.pageInfo.endCursor : null,
        paged: Boolean(after),
      },
      now: new Date().toISOString(),
    }
  } catch (e) {
    if (isHttpError(e)) throw e
    if (e instanceof ApiError && e.code === 'FORBIDDEN') forbidden()
    failLoad(e, event, 'listing editor')
  }
}

/** A refusal of a save, in the form's terms: beside the field the API named, or for the whole form. */
function refused<T extends object>(e: unknown, what: string, answer: T, idOf: (field: string | null) => string | null) {
  const problem = actionProblem(e, what)
  if (problem.code === 'FORBIDDEN') return fail(403, { ...answer, errors: {} as FieldErrors, messages: [t('edit.forbidden')], code: problem.code })
  const id = problem.code === 'CONFLICT' ? null : idOf(problem.field)
  return fail(problem.status, {
    ...answer,
    errors: (id ? { [id]: apiFieldMessage(problem.field, problem.messages.join(' ')) } : {}) as FieldErrors,
    messages: id || problem.code === 'CONFLICT' ? [] : problem.messages,
    code: problem.code,
  })
}

async function saveOrganisation(event: RequestEvent<{ id: string }>) {
  requireSignIn(event)
  const form = await event.request.formData()
  const values = organisationValues(form)
  const { input, errors, messages, maps } = checkOrganisation(event.params.id, values)
  const answer = { action: 'organisation' as const, values }
  if (Object.keys(errors).length || messages.length) return fail(400, { ...answer, errors, messages, code: 'VALIDATION_FAILED' })
  try {
    const { updateOrganisationListing } = await call(event, UPDATE_ORGANISATION_LISTING, { input })
    return { action: 'organisation' as const, savedAt: new Date().toISOString(), updatedAt: updateOrganisationListing.updatedAt }
  } catch (e) {
    return refused(e, 'update organisation listing', answer, (field) => inputIdOfApiField(field, maps, (id) => id !== 'expectedUpdatedAt'))
  }
}

async function saveLocation(event: RequestEvent<{ id: string }>) {
  requireSignIn(event)
  const form = await event.request.formData()
  const locationId = text(form, 'locationId')
  const values = locationValues(form)
  const answer = { action: 'location' as const, locationId, values }
  if (!UUID.test(locationId)) return fail(400, { ...answer, errors: {} as FieldErrors, messages: [t('edit.locationNotFound')], code: 'NOT_FOUND' })
  const { input, errors, messages } = checkLocation(locationId, values)
  if (Object.keys(errors).length || messages.length) return fail(400, { ...answer, errors, messages, code: 'VALIDATION_FAILED' })
  try {
    await call(event, UPDATE_LOCATION, { input })
    return { action: 'location' as const, locationId, savedAt: new Date().toISOString() }
  } catch (e) {
    return refused(e, 'update location', answer, (field) => {
      const head = field?.split('.')[0]
      return head && (LOCATION_FIELDS as readonly string[]).includes(head) ? locationInputId(locationId, head) : null
    })
  }
}

export const actions: Actions = {
  organisation: saveOrganisation,
  location: saveLocation,
  verify: verifyListingAction,
}
