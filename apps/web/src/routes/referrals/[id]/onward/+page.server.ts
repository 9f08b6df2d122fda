// Refer onward (Guidelines 5): the community connector, having accepted MSD triage's referral,
// connects the whānau to a local provider. The form is prefilled from the accepted referral: the
// same person and consent, at most the kinds it shared, its needs when they were shared. The API
// checks that this organisation received it, that it is accepted or in progress and that the
// consent names the provider; this page only offers it where those hold.
import { error, fail, redirect } from '@sveltejs/kit'
import { INFORMATION_KINDS, type InformationKind } from '@fsn/domain'
import { can } from '$lib/capabilities'
import { t } from '$lib/i18n'
import { actionProblem, call, failLoad, requireSignIn } from '$lib/server/call'
import { PROVIDER_SERVICES, REFERRAL, SEND_REFERRAL } from '$lib/server/queries'
import { UUID, optional, text } from '$lib/server/refer'
import type { Actions, PageServerLoad } from './$types'

const ONWARD_FROM = ['ACCEPTED', 'IN_PROGRESS']

export const load: PageServerLoad = async (event) => {
  requireSignIn(event)
  const user = event.locals.user!
  if (!can(user, 'referral:send') || !can(user, 'referral:respond')) error(403, { message: t('error.forbidden'), code: 'FORBIDDEN' })
  const id = event.params.id
  if (!UUID.test(id)) error(404, { message: t('error.notFound'), code: 'NOT_FOUND' })
  try {
    const [{ referral }, services] = await Promise.all([
      call(event, REFERRAL, { id }),
      call(event, PROVIDER_SERVICES, { organisationId: null, first: 100, after: null }),
    ])
    // The referral's note for the provider, else the person's needs: each only when shared with us.
    const visible = (f: { value: string | null; redacted: boolean }) => (f.redacted ? null : f.value)
    const needs = visible(referral.needsSummary) ?? visible(referral.person.needsSummary)
    return {
      referral: {
        id: referral.id,
        reference: referral.reference,
        status: referral.status,
        sharedInformationKinds: referral.sharedInformationKinds,
        needsSummary: needs,
        toOrganisation: referral.toOrganisation,
      },
      open: ONWARD_FROM.includes(referral.status),
      // Not back to the organisation itself, nor to the service it came through.
      services: services.services.edges
        .map((e) => e.node)
        .filter((s) => s.organisation.id !== referral.toOrganisation.id)
        .map((s) => ({ id: s.id, name: s.name, provider: s.organisation.name })),
      serviceId: event.url.searchParams.get('serviceId'),
      idempotencyKey: crypto.randomUUID(),
    }
  } catch (e) {
    failLoad(e, event, 'refer onward form')
  }
}

export const actions: Actions = {
  default: async (event) => {
    requireSignIn(event)
    const id = event.params.id
    const form = await event.request.formData()
    const serviceId = text(form, 'serviceId')
    const kinds = form
      .getAll('sharedInformationKinds')
      .map(String)
      .filter((k): k is InformationKind => (INFORMATION_KINDS as readonly string[]).includes(k))
    const values = { serviceId, needsSummary: text(form, 'needsSummary') }
    const fails = (status: number, errors: Record<string, string>, messages: string[] = []) =>
      fail(status, { values, errors, messages })
    if (!UUID.test(serviceId)) return fails(400, { serviceId: t('onward.chooseService') })
    if (kinds.length === 0) return fails(400, { sharedInformationKinds: t('send.errorKinds') })
    let sent: { id: string }
    try {
      const { referral } = await call(event, REFERRAL, { id })
      const result = await call(event, SEND_REFERRAL, {
        input: {
          personId: referral.person.id,
          consentId: referral.consentId,
          serviceId,
          sharedInformationKinds: kinds,
          needsSummary: optional(values.needsSummary),
          priority: referral.priority,
          idempotencyKey: text(form, 'idempotencyKey'),
          onwardFromReferralId: id,
        },
      })
      sent = result.sendReferral
    } catch (e) {
      const problem = actionProblem(e, 'refer onward')
      const field = problem.field === 'serviceId' || problem.field === 'sharedInformationKinds' ? problem.field : null
      return field ? fails(problem.status, { [field]: problem.messages.join(' ') }) : fails(problem.status, {}, problem.messages)
    }
    redirect(303, `/referrals/${sent.id}`)
  },
}
