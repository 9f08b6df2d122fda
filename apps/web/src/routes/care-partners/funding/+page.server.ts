// The budget manager's funding page: approved care partners, their care agreements (agreed only
// after approval, with a fixed, individualised or dynamic funding model), placements, and the
// reconciliation of a period (agreed against claimed and paid). People type dollars; the API gets
// whole cents and decides (approval first, rates and periods by the domain's rules).
import { fail, type RequestEvent } from '@sveltejs/kit'
import { t } from '$lib/i18n'
import { dollarsToCents } from '$lib/money'
import { actionProblem, call, failLoad, requireSignIn } from '$lib/server/call'
import { UUID } from '$lib/server/care'
import { CARE_PARTNER_APPLICATIONS } from '$lib/server/care-queries'
import {
  AGREE_CARE_AGREEMENT,
  CARE_AGREEMENTS,
  CARE_AGREEMENT_RECONCILIATION,
  FIXED_PERIOD_UNITS,
  FUNDING_MODEL_KINDS,
  RECORD_CARE_PLACEMENT,
  type CareAgreement,
  type FixedPeriodUnit,
  type FundingModelInput,
  type FundingModelKind,
  type Reconciliation,
} from '$lib/server/care-funding'
import { nzLocalToIso } from '$lib/server/reporting'
import type { Actions, PageServerLoad } from './$types'

const DATE = /^\d{4}-\d{2}-\d{2}$/
const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim()

export const load: PageServerLoad = async (event) => {
  requireSignIn(event)
  const url = event.url
  try {
    const { carePartnerApplications } = await call(event, CARE_PARTNER_APPLICATIONS, { organisationId: null })
    const approved = carePartnerApplications.filter((a) => a.status === 'APPROVED' || a.status === 'IN_QUALITY_ASSURANCE')
    const others = carePartnerApplications.filter((a) => !approved.includes(a))
    const partners = [...new Map(approved.map((a) => [a.organisationId, { id: a.organisationId, name: a.organisationName }])).values()]
    const asked = url.searchParams.get('partner') ?? ''
    const partner = partners.find((p) => p.id === asked) ?? partners[0] ?? null
    let agreements: CareAgreement[] = []
    if (partner) agreements = (await call(event, CARE_AGREEMENTS, { carePartnerOrganisationId: partner.id })).careAgreements

    // The reconciliation is a read (a GET form), so its period can be bookmarked.
    const agreementId = url.searchParams.get('agreement') ?? ''
    const reconcile = {
      agreement: agreementId,
      from: url.searchParams.get('from') ?? '',
      to: url.searchParams.get('to') ?? '',
      claimed: url.searchParams.get('claimed') ?? '',
      paid: url.searchParams.get('paid') ?? '',
    }
    let reconciliation: Reconciliation | null = null
    const reconcileErrors: Record<string, string> = {}
    let reconcileMessages: string[] = []
    if (url.searchParams.has('agreement')) {
      if (!agreements.some((a) => a.id === agreementId)) reconcileErrors['reconcile-agreement'] = t('funding.errorAgreement')
      if (!DATE.test(reconcile.from)) reconcileErrors['reconcile-from'] = t('funding.errorDate')
      if (!DATE.test(reconcile.to)) reconcileErrors['reconcile-to'] = t('funding.errorDate')
      const claimed = reconcile.claimed ? dollarsToCents(reconcile.claimed) : 0
      const paid = reconcile.paid ? dollarsToCents(reconcile.paid) : 0
      if (claimed === null) reconcileErrors['reconcile-claimed'] = t('funding.errorDollars')
      if (paid === null) reconcileErrors['reconcile-paid'] = t('funding.errorDollars')
      if (Object.keys(reconcileErrors).length === 0) {
        try {
          reconciliation = (
            await call(event, CARE_AGREEMENT_RECONCILIATION, {
              input: {
                careAgreementId: agreementId,
                period: { from: reconcile.from, to: reconcile.to },
                claims: claimed ? [{ amountCents: claimed }] : [],
                payments: paid ? [{ amountCents: paid }] : [],
              },
            })
          ).careAgreementReconciliation
        } catch (e) {
          const p = actionProblem(e, 'care agreement reconciliation')
          const field = p.field === 'period.from' || p.field === 'from' ? 'reconcile-from' : p.field === 'period.to' || p.field === 'to' || p.field === 'period' ? 'reconcile-to' : null
          if (field) reconcileErrors[field] = p.messages.join(' ')
          else reconcileMessages = p.messages
        }
      }
    }
    return {
      partners,
      pending: others.map((a) => ({ id: a.organisationId, name: a.organisationName, status: a.status })),
      partner,
      agreements,
      reconcile,
      reconciliation,
      reconcileErrors,
      reconcileMessages,
    }
  } catch (e) {
    failLoad(e, event, 'care funding')
  }
}

function problem(action: string, e: unknown, values: Record<string, string>, fields: Record<string, string>) {
  const p = actionProblem(e, `care funding ${action}`)
  const key = p.field ? (fields[p.field] ?? Object.entries(fields).find(([k]) => p.field!.startsWith(`${k}.`))?.[1] ?? null) : null
  const errors = key ? { [key]: p.messages.join(' ') } : {}
  return fail(p.status, { action, errors, messages: key ? [] : p.messages, values })
}

async function agree(event: RequestEvent) {
  requireSignIn(event)
  const form = await event.request.formData()
  const values = Object.fromEntries(
    ['carePartnerOrganisationId', 'reference', 'kind', 'fixedAmount', 'fixedPer', 'childRef', 'ratePerDay', 'hnsRecordedOn', 'hnsAdvisor', 'hnsSummary', 'generalSupportRate'].map((n) => [n, text(form, n)]),
  )
  const errors: Record<string, string> = {}
  if (!UUID.test(values.carePartnerOrganisationId!)) errors['agree-partner'] = t('funding.errorPartner')
  if (!values.reference) errors['agree-reference'] = t('funding.errorReference')
  const kind = values.kind as FundingModelKind
  if (!(FUNDING_MODEL_KINDS as readonly string[]).includes(kind)) errors['agree-kind'] = t('funding.errorKind')
  const cents = (name: string, field: string) => {
    const c = dollarsToCents(values[name] ?? '')
    if (c === null) errors[field] = t('funding.errorDollars')
    return c ?? 0
  }
  let model: FundingModelInput = { kind }
  if (kind === 'FIXED') {
    const per = values.fixedPer as FixedPeriodUnit
    if (!(FIXED_PERIOD_UNITS as readonly string[]).includes(per)) errors['agree-fixedPer'] = t('funding.errorPer')
    model = { kind, amountCents: cents('fixedAmount', 'agree-fixedAmount'), per }
  } else if (kind === 'INDIVIDUALISED') {
    if (!values.childRef) errors['agree-childRef'] = t('funding.errorChildRef')
    model = {
      kind,
      childRef: values.childRef!,
      ratePerDayCents: cents('ratePerDay', 'agree-ratePerDay'),
      highNeedsServicesInput: { recordedOn: values.hnsRecordedOn!, advisorName: values.hnsAdvisor!, summary: values.hnsSummary! },
    }
  } else if (kind === 'DYNAMIC') {
    model = { kind, generalSupportRateCents: cents('generalSupportRate', 'agree-generalSupportRate') }
  }
  if (Object.keys(errors).length > 0) return fail(400, { action: 'agree', errors, messages: [] as string[], values })
  try {
    await call(event, AGREE_CARE_AGREEMENT, {
      input: { carePartnerOrganisationId: values.carePartnerOrganisationId!, reference: values.reference!, model },
    })
  } catch (e) {
    return problem('agree', e, values, {
      reference: 'agree-reference',
      carePartnerOrganisationId: 'agree-partner',
      'model.kind': 'agree-kind',
      'model.amountCents': 'agree-fixedAmount',
      'model.per': 'agree-fixedPer',
      'model.childRef': 'agree-childRef',
      'model.ratePerDayCents': 'agree-ratePerDay',
      'model.highNeedsServicesInput.recordedOn': 'agree-hnsRecordedOn',
      'model.highNeedsServicesInput.advisorName': 'agree-hnsAdvisor',
      'model.highNeedsServicesInput.summary': 'agree-hnsSummary',
      'model.highNeedsServicesInput': 'agree-hnsSummary',
      'model.generalSupportRateCents': 'agree-generalSupportRate',
      amountCents: 'agree-fixedAmount',
      per: 'agree-fixedPer',
      childRef: 'agree-childRef',
      ratePerDayCents: 'agree-ratePerDay',
      highNeedsServicesInput: 'agree-hnsSummary',
      generalSupportRateCents: 'agree-generalSupportRate',
    })
  }
  return { action: 'agree', done: t('funding.agreed') }
}

async function recordPlacement(event: RequestEvent) {
  requireSignIn(event)
  const form = await event.request.formData()
  const values = { careAgreementId: text(form, 'careAgreementId'), childRef: text(form, 'childRef'), from: text(form, 'from'), to: text(form, 'to') }
  const errors: Record<string, string> = {}
  if (!UUID.test(values.careAgreementId)) errors['placement-agreement'] = t('funding.errorAgreement')
  if (!values.childRef) errors['placement-childRef'] = t('funding.errorChildRef')
  const from = values.from ? nzLocalToIso(values.from) : null
  if (!from) errors['placement-from'] = t('funding.errorWhen')
  const to = values.to ? nzLocalToIso(values.to) : null
  if (values.to && !to) errors['placement-to'] = t('funding.errorWhen')
  if (Object.keys(errors).length > 0) return fail(400, { action: 'recordPlacement', errors, messages: [] as string[], values })
  try {
    await call(event, RECORD_CARE_PLACEMENT, {
      input: { careAgreementId: values.careAgreementId, childRef: values.childRef, from: from!, ...(to ? { to } : {}) },
    })
  } catch (e) {
    return problem('recordPlacement', e, values, {
      careAgreementId: 'placement-agreement',
      childRef: 'placement-childRef',
      from: 'placement-from',
      to: 'placement-to',
    })
  }
  return { action: 'recordPlacement', done: t('funding.placementRecorded') }
}

export const actions: Actions = { agree, recordPlacement }
