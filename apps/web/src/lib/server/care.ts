// Issue 6's server side shared by the home page and the application page: the care partner's and
// the Quality Hub's home sections, and the form actions both pages offer. The API decides every
// permission; a refusal comes back as the API's own words, in the form's error summary.
import { fail, type RequestEvent } from '@sveltejs/kit'
import { applicantOrganisations, isQualityHub } from '$lib/care'
import { t } from '$lib/i18n'
import { actionProblem, call, requireSignIn } from './call'
import {
  ACT_ON_APPLICATION,
  ACT_ON_ESCALATION,
  CARE_CELEBRATIONS,
  CARE_ESCALATIONS,
  CARE_PARTNER_APPLICATIONS,
  COMPLETE_QUALITY_CYCLE_ITEM,
  QUALITY_CYCLE_ITEMS,
  RAISE_CARE_ESCALATION,
  RECORD_CARE_CELEBRATION,
  START_CARE_PARTNER_APPLICATION,
  type ApplicationCommandInput,
  type CareCelebration,
  type CareEscalation,
  type CarePartnerApplication,
  type QualityCycleItem,
  type ReadinessSection,
  type S396Command,
} from './care-queries'
import { READINESS_SECTIONS } from '$lib/care'

type Event = RequestEvent

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim()

export interface CarePartnerHome {
  organisation: { id: string; name: string }
  /** The newest application, open or not. */
  application: CarePartnerApplication | null
  items: QualityCycleItem[]
  escalations: CareEscalation[]
  celebrations: CareCelebration[]
}

export interface QualityHubHome {
  overdue: QualityCycleItem[]
  escalations: CareEscalation[]
}

/** The care partner's home: my application and my quality cycle, per organisation I administer. */
export async function carePartnerHome(event: Event): Promise<CarePartnerHome[]> {
  const orgs = applicantOrganisations(event.locals.user)
  if (orgs.length === 0) return []
  try {
    return await Promise.all(
      orgs.map(async (organisation) => {
        const [apps, items, escalations, celebrations] = await Promise.all([
          call(event, CARE_PARTNER_APPLICATIONS, { organisationId: organisation.id }),
          call(event, QUALITY_CYCLE_ITEMS, { organisationId: organisation.id, openOnly: true, overdueOnly: null }),
          call(event, CARE_ESCALATIONS, { carePartnerOrganisationId: organisation.id, openOnly: true }),
          call(event, CARE_CELEBRATIONS, { carePartnerOrganisationId: organisation.id }),
        ])
        const newest = [...apps.carePartnerApplications].sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0] ?? null
        return { organisation, application: newest, items: items.qualityCycleItems, escalations: escalations.careEscalations, celebrations: celebrations.careCelebrations }
      }),
    )
  } catch (e) {
    console.error('[web] care partner home failed:', e instanceof Error ? e.message : e)
    return []
  }
}

/** The Quality Hub's home: overdue quality cycle items and open escalations. */
export async function qualityHubHome(event: Event): Promise<QualityHubHome | null> {
  if (!isQualityHub(event.locals.user)) return null
  try {
    const [items, escalations] = await Promise.all([
      call(event, QUALITY_CYCLE_ITEMS, { organisationId: null, openOnly: null, overdueOnly: true }),
      call(event, CARE_ESCALATIONS, { carePartnerOrganisationId: null, openOnly: true }),
    ])
    return { overdue: items.qualityCycleItems, escalations: escalations.careEscalations }
  } catch (e) {
    console.error('[web] quality hub home failed:', e instanceof Error ? e.message : e)
    return { overdue: [], escalations: [] }
  }
}

export type FieldErrors = Record<string, string>

function problem(action: string, e: unknown, values: Record<string, string>, fieldFor: (apiField: string) => string | null = () => null) {
  const p = actionProblem(e, `care ${action}`)
  const field = p.field ? fieldFor(p.field) : null
  const errors: FieldErrors = field ? { [field]: p.messages.join(' ') } : {}
  return fail(p.status, { action, errors, messages: field ? [] : p.messages, values })
}

export async function startApplicationAction(event: Event) {
  requireSignIn(event)
  const form = await event.request.formData()
  const organisationId = text(form, 'organisationId')
  if (!UUID.test(organisationId)) return fail(400, { action: 'startApplication', errors: {}, messages: [t('error.notFound')], values: {} })
  try {
    await call(event, START_CARE_PARTNER_APPLICATION, { input: { organisationId } })
  } catch (e) {
    return problem('startApplication', e, {})
  }
  return { action: 'startApplication', done: t('care.started') }
}

/** One readiness section: the form's id is the section's field id. */
export async function captureReadinessAction(event: Event) {
  requireSignIn(event)
  const form = await event.request.formData()
  const applicationId = text(form, 'applicationId')
  const section = text(form, 'section') as ReadinessSection
  const summary = text(form, 'summary')
  const values = { section, summary }
  const known = READINESS_SECTIONS.find((s) => s.code === section)
  if (!UUID.test(applicationId) || !known) return fail(400, { action: 'captureReadiness', errors: {}, messages: [t('error.notFound')], values })
  const field = `summary-${section}`
  if (summary.length < 3) return fail(400, { action: 'captureReadiness', errors: { [field]: t('care.errorText') }, messages: [], values })
  try {
    await call(event, ACT_ON_APPLICATION, { input: { applicationId, type: 'captureReadinessSection', section, summary } })
  } catch (e) {
    return problem('captureReadiness', e, values, (f) => (f === 'summary' ? field : null))
  }
  return { action: 'captureReadiness', done: t('care.sectionSaved', { section: known.title }), section }
}

export async function raiseEscalationAction(event: Event) {
  requireSignIn(event)
  const form = await event.request.formData()
  const carePartnerOrganisationId = text(form, 'carePartnerOrganisationId')
  const values = { concern: text(form, 'concern'), childRef: text(form, 'childRef') }
  if (!UUID.test(carePartnerOrganisationId)) return fail(400, { action: 'raiseEscalation', errors: {}, messages: [t('error.notFound')], values })
  if (values.concern.length < 3) return fail(400, { action: 'raiseEscalation', errors: { concern: t('care.errorText') }, messages: [], values })
  try {
    await call(event, RAISE_CARE_ESCALATION, {
      input: { carePartnerOrganisationId, concern: values.concern, ...(values.childRef ? { childRef: values.childRef } : {}) },
    })
  } catch (e) {
    return problem('raiseEscalation', e, values, (f) => (f === 'concern' ? 'concern' : f === 'childRef' ? 'childRef' : null))
  }
  return { action: 'raiseEscalation', done: t('care.raised') }
}

export async function completeItemAction(event: Event) {
  requireSignIn(event)
  const form = await event.request.formData()
  const id = text(form, 'itemId')
  if (!UUID.test(id)) return fail(400, { action: 'completeItem', errors: {}, messages: [t('error.notFound')], values: {} })
  try {
    await call(event, COMPLETE_QUALITY_CYCLE_ITEM, { id })
  } catch (e) {
    return problem('completeItem', e, {})
  }
  return { action: 'completeItem', done: t('care.completed') }
}

/** What each command reads from its form, and which form field a missing value belongs to. */
const COMMAND_FIELDS: Partial<Record<S396Command, { name: keyof ApplicationCommandInput; required: boolean }[]>> = {
  reviewReadiness: [{ name: 'findings', required: true }],
  recordFindingsDiscussion: [{ name: 'notes', required: true }],
  returnToReadiness: [{ name: 'reason', required: true }],
  prepareRecommendation: [
    { name: 'recommendation', required: true },
    { name: 'rationale', required: true },
  ],
  endorseRecommendation: [{ name: 'note', required: false }],
  returnRecommendation: [{ name: 'reason', required: true }],
  approve: [{ name: 'note', required: false }],
  decline: [{ name: 'reason', required: true }],
  withdraw: [{ name: 'reason', required: true }],
}

export const APPLICATION_COMMANDS = [
  'moveToReadiness',
  'reviewReadiness',
  'recordFindingsDiscussion',
  'returnToReadiness',
  'prepareRecommendation',
  'endorseRecommendation',
  'returnRecommendation',
  'approve',
  'decline',
  'transitionToQualityAssurance',
  'withdraw',
] as const satisfies readonly S396Command[]
export type ApplicationCommand = (typeof APPLICATION_COMMANDS)[number]

/** One step on an application; a form field id is `${command}-${field}`. */
export async function applicationCommandAction(event: RequestEvent<{ id: string }>, command: ApplicationCommand) {
  requireSignIn(event)
  const form = await event.request.formData()
  const values: Record<string, string> = {}
  const errors: FieldErrors = {}
  const input: ApplicationCommandInput = { applicationId: event.params.id, type: command }
  for (const { name, required } of COMMAND_FIELDS[command] ?? []) {
    const value = text(form, name)
    values[name] = value
    if (name === 'recommendation') {
      if (value === 'APPROVE' || value === 'DECLINE') input.recommendation = value
      else errors[`${command}-${name}`] = t('care.errorText')
      continue
    }
    if (required && value.length < 3) errors[`${command}-${name}`] = t('care.errorText')
    else if (value) (input as unknown as Record<string, string>)[name] = value
  }
  if (Object.keys(errors).length > 0) return fail(400, { action: command, errors, messages: [] as string[], values })
  try {
    const { actOnCarePartnerApplication: a } = await call(event, ACT_ON_APPLICATION, { input })
    return { action: command, done: t('care.done', { what: t(`care.cmd.${command}`), status: t(`care.status.${a.status}`) }) }
  } catch (e) {
    return problem(command, e, values, (f) => ((COMMAND_FIELDS[command] ?? []).some((x) => x.name === f) ? `${command}-${f}` : null))
  }
}

/** The Quality Hub acknowledges or resolves an escalation (the API says who may, and when). */
export async function actOnEscalationAction(event: Event) {
  requireSignIn(event)
  const form = await event.request.formData()
  const escalationId = text(form, 'escalationId')
  const type = text(form, 'type')
  const resolution = text(form, 'resolution')
  const values = { escalationId, resolution }
  if (!UUID.test(escalationId) || (type !== 'acknowledge' && type !== 'resolve')) {
    return fail(400, { action: 'actOnEscalation', errors: {}, messages: [t('error.notFound')], values })
  }
  const field = `resolution-${escalationId}`
  if (type === 'resolve' && resolution.length < 3) {
    return fail(400, { action: 'actOnEscalation', errors: { [field]: t('care.errorText') }, messages: [], values })
  }
  try {
    await call(event, ACT_ON_ESCALATION, { input: { escalationId, type, ...(type === 'resolve' ? { resolution } : {}) } })
  } catch (e) {
    return problem('actOnEscalation', e, values, (f) => (f === 'resolution' ? field : null))
  }
  return { action: 'actOnEscalation', done: t(`care.esc.done.${type}`) }
}

/** The Celebration Process: what went well, who is celebrated, when; shared at the next community of practice. */
export async function recordCelebrationAction(event: Event) {
  requireSignIn(event)
  const form = await event.request.formData()
  const carePartnerOrganisationId = text(form, 'carePartnerOrganisationId')
  const values = { summary: text(form, 'summary'), who: text(form, 'who'), happenedOn: text(form, 'happenedOn') }
  if (!UUID.test(carePartnerOrganisationId)) return fail(400, { action: 'recordCelebration', errors: {}, messages: [t('error.notFound')], values })
  const errors: FieldErrors = {}
  if (!values.summary) errors['celebration-summary'] = t('care.errorCelebrationSummary')
  if (!values.who) errors['celebration-who'] = t('care.errorCelebrationWho')
  if (Object.keys(errors).length > 0) return fail(400, { action: 'recordCelebration', errors, messages: [], values })
  try {
    await call(event, RECORD_CARE_CELEBRATION, {
      input: { carePartnerOrganisationId, summary: values.summary, who: values.who, ...(values.happenedOn ? { happenedOn: values.happenedOn } : {}) },
    })
  } catch (e) {
    const fields: Record<string, string> = { summary: 'celebration-summary', who: 'celebration-who', happenedOn: 'celebration-happenedOn' }
    return problem('recordCelebration', e, values, (f) => fields[f] ?? null)
  }
  return { action: 'recordCelebration', done: t('care.celebrationRecorded') }
}
