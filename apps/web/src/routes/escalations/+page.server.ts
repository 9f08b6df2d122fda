// The Regional Lead queue: the region's SLA breaches and contact escalations, overdue first. Each
// step is a form action (works without JavaScript); the API decides whether it is allowed.
import { error, fail } from '@sveltejs/kit'
import { can } from '$lib/capabilities'
import { t } from '$lib/i18n'
import { actionProblem, call, failLoad, requireSignIn } from '$lib/server/call'
import { ESCALATION_STEPS, REGIONAL_ESCALATIONS, type EscalationStep } from '$lib/server/escalation-queries'
import type { Actions, PageServerLoad } from './$types'

export const load: PageServerLoad = async (event) => {
  requireSignIn(event)
  if (!can(event.locals.user, 'escalation:receive')) {
    error(403, { message: t('error.forbidden'), code: 'FORBIDDEN' })
  }
  try {
    const { regionalEscalations } = await call(event, REGIONAL_ESCALATIONS, { openOnly: false })
    return { items: regionalEscalations }
  } catch (e) {
    failLoad(e, event, 'regional escalations query')
  }
}

const FIELDS: Record<EscalationStep, string[]> = {
  acknowledge: [],
  note: ['body'],
  resolve: ['outcome'],
  escalate: ['onwardContact', 'reason'],
}

const act = (step: EscalationStep) => async (event: Parameters<Actions[string]>[0]) => {
  requireSignIn(event)
  const form = await event.request.formData()
  const escalationId = String(form.get('escalationId') ?? '')
  const input: Record<string, string> = { escalationId }
  for (const f of FIELDS[step]) {
    const v = String(form.get(f) ?? '').trim()
    if (!v) return fail(400, { step, escalationId, messages: [t('escalations.required')] })
    input[f] = v
  }
  try {
    await call(event, ESCALATION_STEPS[step], { input })
  } catch (e) {
    const problem = actionProblem(e, `regional escalation ${step}`)
    return fail(problem.status, { step, escalationId, messages: problem.messages })
  }
  return { step, escalationId, done: t(`escalations.done.${step}`), messages: [] as string[] }
}

export const actions: Actions = {
  acknowledge: act('acknowledge'),
  note: act('note'),
  resolve: act('resolve'),
  escalate: act('escalate'),
}
