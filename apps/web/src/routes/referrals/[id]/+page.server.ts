// One referral: what it is, the person as this viewer may see them, and the steps the lifecycle
// rules allow this viewer now (availableCommands). Every step is a form action, so it all works
// without JavaScript; the API decides whether each one is allowed.
import { error, fail, type RequestEvent } from '@sveltejs/kit'
import {
  CONTACT_METHODS,
  CONTACT_RESULTS,
  REFERRAL_FAILURE_REASONS,
  REFERRAL_OUTCOMES,
  ROLE_CAPABILITIES,
  assessContactAttempts,
  fromNzLocal,
  type ContactMethod,
  type ContactResult,
  type ReferralFailureReason,
  type ReferralOutcome,
} from '@fsn/domain'
import { canUseReferrals } from '$lib/capabilities'
import { nzDateTimeLocalValue } from '$lib/format'
import { t } from '$lib/i18n'
import { actionProblem, call, failLoad, requireSignIn } from '$lib/server/call'
import {
  RECORD_CONTACT_ATTEMPT,
  REDIRECT_REFERRAL,
  REFERRAL,
  REFERRAL_STEPS,
  SERVICES_IN_CATEGORY,
  WITHDRAW_CONSENT,
  type ReferralStepInput,
  type StepCommand,
} from '$lib/server/queries'
import { UUID, optional, text, type FieldErrors } from '$lib/server/refer'
import type { Actions, PageServerLoad } from './$types'

/** The API allows an attempt up to five minutes ahead (clocks differ); so do we. */
const FUTURE_SLACK_MS = 5 * 60_000

function contactAssessmentOf(attempts: readonly { attemptedAt: string; result: string }[]) {
  const views = attempts.filter((a) => isResult(a.result)).map((a) => ({ attemptedAt: new Date(a.attemptedAt), result: a.result as ContactResult }))
  const a = assessContactAttempts(views, new Date())
  return {
    unsuccessful: a.unsuccessful,
    reached: a.reached,
    shouldEscalate: a.shouldEscalate,
    nextAttemptCountsFrom: a.nextAttemptCountsFrom?.toISOString() ?? null,
    escalationPossibleAt: a.escalationPossibleAt?.toISOString() ?? null,
    message: a.message,
  }
}

export const load: PageServerLoad = async (event) => {
  requireSignIn(event)
  const user = event.locals.user!
  if (!canUseReferrals(user)) error(403, { message: t('error.forbidden'), code: 'FORBIDDEN' })
  const id = event.params.id
  if (!UUID.test(id)) error(404, { message: t('error.notFound'), code: 'NOT_FOUND' })

  try {
    const { referral } = await call(event, REFERRAL, { id })
    // Redirecting offers the other services of the same kind; without a category, a service id.
    let redirectOptions: { id: string; name: string; provider: string }[] | null = null
    if (referral.availableCommands.includes('redirect') && referral.category) {
      const { services } = await call(event, SERVICES_IN_CATEGORY, { categoryCode: referral.category.code, first: 100 })
      redirectOptions = services.edges
        .map((e) => e.node)
        .filter((s) => s.id !== referral.service.id)
        .map((s) => ({ id: s.id, name: s.name, provider: s.organisation.name }))
    }
    const memberOf = (orgId: string) => user.memberships.some((m) => m.organisation?.id === orgId)
    return {
      referral,
      // Only the organisation that recorded the consent may withdraw it (the API checks this too).
      isSender: memberOf(referral.fromOrganisation.id),
      // Who has seen the person (IPP 6): for consent recorders of the sending organisation; a hint only.
      mayListAccess: user.memberships.some(
        (m) => m.organisation?.id === referral.fromOrganisation.id && ROLE_CAPABILITIES[m.role].includes('consent:record'),
      ),
      redirectOptions,
      nowLocal: nzDateTimeLocalValue(new Date()),
      // Where the attempts stand (three over 12 elapsed hours): when the next one counts toward
      // escalation and when escalation becomes possible. The API applies the same rule when recording.
      contactAssessment: contactAssessmentOf(referral.contactAttempts),
    }
  } catch (e) {
    failLoad(e, event, 'referral query')
  }
}

type Command = StepCommand

type StepOutcome =
  | { input: Omit<ReferralStepInput, 'referralId'>; errors?: undefined }
  | { input?: undefined; errors: FieldErrors }

/** Runs one lifecycle step: its own checks first, then the API's, whose refusal is shown in words. */
async function runStep(event: RequestEvent<{ id: string }>, command: Command, read: (form: FormData) => StepOutcome) {
  requireSignIn(event)
  const form = await event.request.formData()
  const outcome = read(form)
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
  if (outcome.errors) return fail(400, { action: command, errors: outcome.errors, messages: [] as string[], values })
  try {
    await call(event, REFERRAL_STEPS[command], { input: { referralId: event.params.id, ...outcome.input } })
  } catch (e) {
    const problem = actionProblem(e, `referral ${command}`)
    return fail(problem.status, { action: command, errors: {} as FieldErrors, messages: problem.messages, values })
  }
  return { action: command, done: t(`referral.done.${command}`) }
}

/** A reason the API wants at least 3 characters of (decline, put on hold, cancel, redirect). */
function reasonOf(form: FormData, id: string): { reason: string; errors: FieldErrors } {
  const reason = text(form, 'reason')
  return { reason, errors: reason.length >= 3 ? {} : { [id]: t('referral.errorReason') } }
}

const withReason = (command: Command) => (form: FormData): StepOutcome => {
  const { reason, errors } = reasonOf(form, `${command}-reason`)
  return Object.keys(errors).length ? { errors } : { input: { reason } }
}

const isOutcome = (v: string): v is ReferralOutcome => (REFERRAL_OUTCOMES as readonly string[]).includes(v)
const isFailure = (v: string): v is ReferralFailureReason => (REFERRAL_FAILURE_REASONS as readonly string[]).includes(v)
const isMethod = (v: string): v is ContactMethod => (CONTACT_METHODS as readonly string[]).includes(v)
const isResult = (v: string): v is ContactResult => (CONTACT_RESULTS as readonly string[]).includes(v)

export const actions: Actions = {
  accept: (event) => runStep(event, 'accept', () => ({ input: {} })),
  start: (event) => runStep(event, 'start', () => ({ input: {} })),
  resume: (event) => runStep(event, 'resume', () => ({ input: {} })),
  decline: (event) => runStep(event, 'decline', withReason('decline')),
  putOnHold: (event) => runStep(event, 'putOnHold', withReason('putOnHold')),
  cancel: (event) => runStep(event, 'cancel', withReason('cancel')),
  complete: (event) =>
    runStep(event, 'complete', (form) => {
      const outcome = text(form, 'outcome')
      if (!isOutcome(outcome)) return { errors: { 'complete-outcome': t('referral.errorOutcome') } }
      return { input: { outcome, note: optional(text(form, 'note')) } }
    }),
  fail: (event) =>
    runStep(event, 'fail', (form) => {
      const reason = text(form, 'reason')
      if (!isFailure(reason)) return { errors: { 'fail-reason': t('referral.errorFailure') } }
      return { input: { reason, note: optional(text(form, 'note')) } }
    }),

  // Guidelines, Service Agreements: three attempts over 12 hours, then the Regional Lead. The API
  // escalates on the third unsuccessful attempt and says so; the page shows its words.
  contact: async (event) => {
    requireSignIn(event)
    const form = await event.request.formData()
    const values = { method: text(form, 'method'), result: text(form, 'result'), attemptedAt: text(form, 'attemptedAt'), note: text(form, 'note') }
    const errors: FieldErrors = {}
    if (!isMethod(values.method)) errors['contact-method'] = t('attempts.errorMethod')
    if (!isResult(values.result)) errors['contact-result'] = t('attempts.errorResult')
    let attemptedAt: string | null = null
    try {
      const at = fromNzLocal(values.attemptedAt.replace('T', ' '))
      if (at.getTime() > Date.now() + FUTURE_SLACK_MS) throw new RangeError('in the future')
      attemptedAt = at.toISOString()
    } catch {
      errors['contact-when'] = t('attempts.errorWhen')
    }
    const fails = (status: number, errs: FieldErrors, messages: string[] = []) =>
      fail(status, { action: 'contact' as const, errors: errs, messages, values })
    if (Object.keys(errors).length > 0 || !attemptedAt || !isMethod(values.method) || !isResult(values.result)) {
      return fails(400, errors)
    }
    try {
      const { recordContactAttempt: r } = await call(event, RECORD_CONTACT_ATTEMPT, {
        input: { referralId: event.params.id, method: values.method, result: values.result, attemptedAt, note: optional(values.note) },
      })
      return { action: 'contact' as const, done: t('attempts.recorded', { n: r.attemptNumber }), escalated: r.escalated, message: r.message }
    } catch (e) {
      const problem = actionProblem(e, 'record contact attempt')
      return problem.field === 'attemptedAt' ? fails(problem.status, { 'contact-when': problem.messages.join(' ') }) : fails(problem.status, {}, problem.messages)
    }
  },

  redirect: async (event) => {
    requireSignIn(event)
    const form = await event.request.formData()
    const serviceId = text(form, 'serviceId')
    const values = { serviceId, reason: text(form, 'reason') }
    const { reason, errors } = reasonOf(form, 'redirect-reason')
    if (!UUID.test(serviceId)) errors['redirect-service'] = t('referral.errorService')
    const fails = (status: number, errs: FieldErrors, messages: string[] = []) =>
      fail(status, { action: 'redirect' as const, errors: errs, messages, values })
    if (Object.keys(errors).length > 0) return fails(400, errors)
    try {
      const { redirectReferral: next } = await call(event, REDIRECT_REFERRAL, { input: { referralId: event.params.id, serviceId, reason } })
      return { action: 'redirect' as const, done: t('referral.done.redirect', { reference: next.reference }), next }
    } catch (e) {
      const problem = actionProblem(e, 'redirect referral')
      return fails(problem.status, {}, problem.messages)
    }
  },

  // Privacy Act 2020: the person may withdraw consent at any time; the provider stops seeing
  // their details at once, on every referral that relied on it.
  withdrawConsent: async (event) => {
    requireSignIn(event)
    const form = await event.request.formData()
    const consentId = text(form, 'consentId')
    const values = { reason: text(form, 'reason') }
    const fails = (status: number, errs: FieldErrors, messages: string[] = []) =>
      fail(status, { action: 'withdrawConsent' as const, errors: errs, messages, values })
    if (form.get('confirm') !== 'on') return fails(400, { 'withdraw-confirm': t('withdraw.errorConfirm') })
    if (!UUID.test(consentId)) return fails(400, {}, [t('error.notFound')])
    try {
      await call(event, WITHDRAW_CONSENT, { input: { consentId, reason: optional(values.reason) } })
    } catch (e) {
      const problem = actionProblem(e, 'withdraw consent')
      return fails(problem.status, {}, problem.messages)
    }
    return { action: 'withdrawConsent' as const, done: true }
  },
}
