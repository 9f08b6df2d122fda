// Partner (webhook) subscriptions for an organisation's administrators (webhooks:manage): the list,
// each one's delivery log, pause, resume, delete, rotate the secret (shown once) and resend one
// delivery. Every step is a form action (works without JavaScript); the API decides what is allowed.
import { error, fail } from '@sveltejs/kit'
import { can } from '$lib/capabilities'
import { t } from '$lib/i18n'
import { actionProblem, call, failLoad, requireSignIn } from '$lib/server/call'
import {
  RESEND_WEBHOOK_DELIVERY,
  ROTATE_WEBHOOK_SECRET,
  WEBHOOK_DELIVERIES,
  WEBHOOK_STEPS,
  WEBHOOK_SUBSCRIPTIONS,
  type WebhookStep,
} from '$lib/server/webhook-queries'
import type { Actions, PageServerLoad } from './$types'

const DELIVERIES_SHOWN = 20

function requireManager(event: Parameters<PageServerLoad>[0] | Parameters<Actions[string]>[0]) {
  requireSignIn(event)
  if (!can(event.locals.user ?? null, 'webhooks:manage')) {
    error(403, { message: t('error.forbidden'), code: 'FORBIDDEN' })
  }
}

export const load: PageServerLoad = async (event) => {
  requireManager(event)
  try {
    const { webhookSubscriptions } = await call(event, WEBHOOK_SUBSCRIPTIONS, {})
    const logs = await Promise.all(
      webhookSubscriptions.map((s) =>
        call(event, WEBHOOK_DELIVERIES, { subscriptionId: s.id, limit: DELIVERIES_SHOWN }).then((r) => r.webhookDeliveries),
      ),
    )
    return { items: webhookSubscriptions.map((s, i) => ({ ...s, deliveries: logs[i]! })) }
  } catch (e) {
    failLoad(e, event, 'webhook subscriptions query')
  }
}

const step = (name: WebhookStep) => async (event: Parameters<Actions[string]>[0]) => {
  requireManager(event)
  const id = String((await event.request.formData()).get('subscriptionId') ?? '')
  try {
    await call(event, WEBHOOK_STEPS[name], { id })
  } catch (e) {
    const problem = actionProblem(e, `webhook ${name}`)
    return fail(problem.status, { subscriptionId: id, messages: problem.messages })
  }
  return { subscriptionId: id, done: t(`webhooks.done.${name}`), messages: [] as string[] }
}

export const actions: Actions = {
  pause: step('pause'),
  resume: step('resume'),
  delete: step('delete'),
  rotate: async (event) => {
    requireManager(event)
    const id = String((await event.request.formData()).get('subscriptionId') ?? '')
    try {
      const { rotateWebhookSecret } = await call(event, ROTATE_WEBHOOK_SECRET, { id })
      // Shown once, in this answer only; never kept by the web app.
      return { subscriptionId: id, done: t('webhooks.done.rotate'), secret: rotateWebhookSecret.secret, messages: [] as string[] }
    } catch (e) {
      const problem = actionProblem(e, 'webhook rotate-secret')
      return fail(problem.status, { subscriptionId: id, messages: problem.messages })
    }
  },
  resend: async (event) => {
    requireManager(event)
    const form = await event.request.formData()
    const subscriptionId = String(form.get('subscriptionId') ?? '')
    const deliveryId = String(form.get('deliveryId') ?? '')
    try {
      await call(event, RESEND_WEBHOOK_DELIVERY, { subscriptionId, deliveryId })
    } catch (e) {
      const problem = actionProblem(e, 'webhook resend')
      return fail(problem.status, { subscriptionId, messages: problem.messages })
    }
    return { subscriptionId, done: t('webhooks.done.resend'), messages: [] as string[] }
  },
}
