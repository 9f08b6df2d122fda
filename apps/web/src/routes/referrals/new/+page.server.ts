// The Refer form: who, their consent, the routing check, then send. Each step is a server form
// action, so the whole form works without JavaScript; the URL carries what has been chosen
// (serviceId, personId, consentId), so a reload or the back button lands on the same step.
// Guidelines, Protecting referral information: consent comes before any referral.
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit'
import { can } from '$lib/capabilities'
import { t } from '$lib/i18n'
import { actionProblem, call, failLoad } from '$lib/server/call'
import {
  GRANT_CONSENT,
  PROVIDER_SERVICES,
  RECORD_PERSON,
  REFER_FORM,
  ROUTING_CHECK,
  SEND_REFERRAL,
  type ServicesPage,
} from '$lib/server/queries'
import {
  PERSON_INPUTS,
  UUID,
  WHANAU_ROWS,
  checkConsent,
  checkPerson,
  consentValues,
  inputIdOf,
  optional,
  personValues,
  sendValues,
  stepUrl,
  text,
  usableConsents,
  type FieldErrors,
} from '$lib/server/refer'
import type { DirectoryService, RoutingDecision } from '$lib/types'
import type { Actions, PageServerLoad } from './$types'

const PEOPLE_SHOWN = 200
// Without the provider's id the service is looked for page by page: the API has no service(id).
const SCAN_PAGES = 20

type Event = Pick<RequestEvent, 'locals' | 'getClientAddress' | 'url'>

const uuidParam = (url: URL, name: string) => {
  const value = url.searchParams.get(name)?.trim()
  return value && UUID.test(value) ? value : null
}

/** The service the form was opened for, with its provider, as the directory lists it. */
async function findService(event: Event, serviceId: string, organisationId: string | null): Promise<DirectoryService | null> {
  let after: string | null = null
  for (let page = 0; page < (organisationId ? 5 : SCAN_PAGES); page++) {
    const data: ServicesPage = await call(event, PROVIDER_SERVICES, { organisationId, first: 100, after })
    const found = data.services.edges.find((e) => e.node.id === serviceId)
    if (found) return found.node
    if (!data.services.pageInfo.hasNextPage || !data.services.pageInfo.endCursor) return null
    after = data.services.pageInfo.endCursor
  }
  return null
}

/** The routing check, or null when it could not be made (the page says so; sending checks again). */
async function routingFor(event: Event, serviceId: string, personId: string): Promise<RoutingDecision | null> {
  try {
    return (await call(event, ROUTING_CHECK, { serviceId, personId })).routingCheck
  } catch (e) {
    console.error('[web] routing check failed:', e instanceof Error ? e.message : e)
    return null
  }
}

function requireSender(event: Event) {
  const { locals, url } = event
  if (!locals.user) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  if (!can(locals.user, 'referral:send')) error(403, { message: t('error.forbidden'), code: 'FORBIDDEN' })
}

export const load: PageServerLoad = async (event) => {
  requireSender(event)
  const { url } = event
  const serviceId = uuidParam(url, 'serviceId')
  const organisationId = uuidParam(url, 'organisationId')
  const personId = uuidParam(url, 'personId')
  const consentId = uuidParam(url, 'consentId')
  if (!serviceId) return { service: null }

  try {
    const [service, form, routing] = await Promise.all([
      findService(event, serviceId, organisationId),
      call(event, REFER_FORM, { first: PEOPLE_SHOWN }),
      // Shown as soon as the person is known, so the connector does not ask for consent to share
      // with a provider that cannot take the referral.
      personId ? routingFor(event, serviceId, personId) : null,
    ])
    if (!service) return { service: null }
    const person = personId ? (form.people.find((p) => p.id === personId) ?? null) : null
    const usable = person ? usableConsents(person.consents, service.organisation.id, new Date()) : []
    const consent = consentId ? (usable.find((c) => c.id === consentId) ?? null) : null
    return {
      service,
      organisationId: service.organisation.id,
      regions: form.regions,
      people: form.people.map((p) => ({ id: p.id, givenName: p.givenName, familyName: p.familyName, region: p.region })),
      person: person ? { id: person.id, givenName: person.givenName, familyName: person.familyName, region: person.region } : null,
      personMissing: personId !== null && person === null,
      usableConsents: usable,
      consent,
      consentUnusable: consentId !== null && consent === null && person !== null,
      routing: person ? routing : null,
      // One key per rendering of the form: a double submit, or a retry after a lost answer, sends once.
      idempotencyKey: crypto.randomUUID(),
      whanauRows: WHANAU_ROWS,
    }
  } catch (e) {
    failLoad(e, event, 'refer form')
  }
}

export const actions: Actions = {
  recordPerson: async (event) => {
    requireSender(event)
    const form = await event.request.formData()
    const serviceId = text(form, 'serviceId')
    const organisationId = optional(text(form, 'organisationId')) ?? null
    const values = personValues(form)
    const fails = (status: number, errors: FieldErrors, messages: string[] = []) =>
      fail(status, { action: 'recordPerson' as const, values, errors, messages })
    const { input, errors } = checkPerson(values, new Date())
    if (Object.keys(errors).length > 0) return fails(400, errors)
    let personId: string
    try {
      personId = (await call(event, RECORD_PERSON, { input })).recordPerson.id
    } catch (e) {
      const problem = actionProblem(e, 'record person')
      const id = inputIdOf(problem.field, PERSON_INPUTS)
      return id ? fails(problem.status, { [id]: problem.messages.join(' ') }) : fails(problem.status, {}, problem.messages)
    }
    redirect(303, stepUrl({ serviceId, organisationId, personId }, 'consent'))
  },

  consent: async (event) => {
    requireSender(event)
    const form = await event.request.formData()
    const serviceId = text(form, 'serviceId')
    const personId = text(form, 'personId')
    const values = consentValues(form)
    const fails = (status: number, errors: FieldErrors, messages: string[] = []) =>
      fail(status, { action: 'consent' as const, values, errors, messages })
    const now = new Date()
    const { errors, method, expiresAt } = checkConsent(values, now)
    if (Object.keys(errors).length > 0 || !method) return fails(400, errors)
    if (!UUID.test(serviceId) || !UUID.test(personId)) return fails(400, {}, [t('refer.personNotFound')])

    // The recipient is the provider of the chosen service as the API lists it, never a form field.
    let organisationId: string
    let consentId: string
    try {
      const service = await findService(event, serviceId, optional(text(form, 'organisationId')) ?? null)
      if (!service) return fails(404, {}, [t('refer.serviceNotFound')])
      organisationId = service.organisation.id
      const result = await call(event, GRANT_CONSENT, {
        input: {
          personId,
          purpose: t('consent.purpose', { service: service.name, provider: service.organisation.name }),
          informationKinds: values.informationKinds,
          recipientOrganisationIds: [organisationId],
          method,
          givenAt: now.toISOString(),
          ...(expiresAt ? { expiresAt } : {}),
        },
      })
      consentId = result.grantConsent.id
    } catch (e) {
      const problem = actionProblem(e, 'grant consent')
      return problem.field === 'expiresAt'
        ? fails(problem.status, { expiresOn: problem.messages.join(' ') })
        : fails(problem.status, {}, problem.messages)
    }
    redirect(303, stepUrl({ serviceId, organisationId, personId, consentId }, 'send'))
  },

  send: async (event) => {
    requireSender(event)
    const form = await event.request.formData()
    const values = sendValues(form)
    const fails = (status: number, errors: FieldErrors, messages: string[] = [], code: string | null = null) =>
      fail(status, { action: 'send' as const, values, errors, messages, code })
    if (values.sharedInformationKinds.length === 0) return fails(400, { sharedInformationKinds: t('send.errorKinds') })
    const ids = { personId: text(form, 'personId'), consentId: text(form, 'consentId'), serviceId: text(form, 'serviceId') }
    if (!Object.values(ids).every((id) => UUID.test(id))) return fails(400, {}, [t('refer.personNotFound')])
    try {
      const { sendReferral } = await call(event, SEND_REFERRAL, {
        input: {
          ...ids,
          sharedInformationKinds: values.sharedInformationKinds,
          needsSummary: optional(values.needsSummary),
          priority: values.priority,
          idempotencyKey: values.idempotencyKey,
        },
      })
      return { action: 'send' as const, sent: sendReferral }
    } catch (e) {
      const problem = actionProblem(e, 'send referral')
      return problem.field === 'needsSummary'
        ? fails(problem.status, { needsSummary: problem.messages.join(' ') })
        : fails(problem.status, {}, problem.messages, problem.code)
    }
  },
}
