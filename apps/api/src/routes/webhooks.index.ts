// Wires the webhook subscription routes (webhooks.routes.ts) to their use cases.
import type { OpenAPIHono } from '@hono/zod-openapi'
import {
  actOnWebhookSubscription,
  createWebhookSubscription,
  findWebhookDeliveries,
  findWebhookSubscriptions,
  getWebhookSubscription,
  resendWebhookDelivery,
  rotateWebhookSecret,
  type ServiceDeps,
  type WebhookDeliveryView,
  type WebhookSubscriptionView,
} from '@fsn/services'
import type { AppEnv } from '../http/env'
import {
  createWebhookRoute,
  deleteWebhookRoute,
  getWebhookRoute,
  listWebhookDeliveriesRoute,
  listWebhooksRoute,
  pauseWebhookRoute,
  resendWebhookDeliveryRoute,
  resumeWebhookRoute,
  rotateWebhookSecretRoute,
} from './webhooks.routes'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export function webhookSubscriptionBody(v: WebhookSubscriptionView) {
  return {
    id: v.id,
    organisationId: v.organisationId,
    url: v.url,
    eventTypes: v.eventTypes,
    active: v.active,
    createdAt: v.createdAt.toISOString(),
    secretRotatedAt: iso(v.secretRotatedAt),
    previousSecretValidUntil: iso(v.previousSecretValidUntil),
  }
}

export function webhookDeliveryBody(d: WebhookDeliveryView) {
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    eventId: d.eventId,
    eventType: d.eventType,
    attempts: d.attempts,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    deliveredAt: iso(d.deliveredAt),
    failedAt: iso(d.failedAt),
    state: d.state,
  }
}

/** The body as sent (the use case parses it with the same schema the route documents). */
async function rawBody(c: { req: { json: () => Promise<unknown> } }): Promise<Record<string, unknown>> {
  try {
    const body = await c.req.json()
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

export function mountWebhooks(app: OpenAPIHono<AppEnv>, deps: ServiceDeps) {
  const ctx = (c: { get: (k: 'actor' | 'requestId') => never }) => ({ deps, actor: c.get('actor'), requestId: c.get('requestId') })

  app.openapi(createWebhookRoute, async (c) => {
    const sub = await createWebhookSubscription({ ...ctx(c as never), input: await rawBody(c) })
    return c.json({ id: sub.id, url: sub.url, eventTypes: sub.eventTypes, secret: sub.secret }, 201)
  })
  app.openapi(listWebhooksRoute, async (c) => {
    const items = await findWebhookSubscriptions({ deps, actor: c.get('actor') })
    return c.json({ items: items.map(webhookSubscriptionBody) }, 200)
  })
  app.openapi(getWebhookRoute, async (c) => {
    const v = await getWebhookSubscription({ deps, actor: c.get('actor'), input: { subscriptionId: c.req.valid('param').id } })
    return c.json(webhookSubscriptionBody(v), 200)
  })
  app.openapi(deleteWebhookRoute, async (c) => {
    const v = await actOnWebhookSubscription({ ...ctx(c as never), input: { subscriptionId: c.req.valid('param').id, action: 'delete' } })
    return c.json(webhookSubscriptionBody(v), 200)
  })
  app.openapi(pauseWebhookRoute, async (c) => {
    const v = await actOnWebhookSubscription({ ...ctx(c as never), input: { subscriptionId: c.req.valid('param').id, action: 'pause' } })
    return c.json(webhookSubscriptionBody(v), 200)
  })
  app.openapi(resumeWebhookRoute, async (c) => {
    const v = await actOnWebhookSubscription({ ...ctx(c as never), input: { subscriptionId: c.req.valid('param').id, action: 'resume' } })
    return c.json(webhookSubscriptionBody(v), 200)
  })
  app.openapi(rotateWebhookSecretRoute, async (c) => {
    const v = await rotateWebhookSecret({ ...ctx(c as never), input: { subscriptionId: c.req.valid('param').id } })
    return c.json({ ...webhookSubscriptionBody(v), secret: v.secret }, 200)
  })
  app.openapi(listWebhookDeliveriesRoute, async (c) => {
    const q = c.req.valid('query')
    const items = await findWebhookDeliveries({
      deps,
      actor: c.get('actor'),
      input: { subscriptionId: c.req.valid('param').id, ...(q.limit === undefined ? {} : { limit: q.limit }) },
    })
    return c.json({ items: items.map(webhookDeliveryBody) }, 200)
  })
  app.openapi(resendWebhookDeliveryRoute, async (c) => {
    const p = c.req.valid('param')
    const d = await resendWebhookDelivery({ ...ctx(c as never), input: { subscriptionId: p.id, deliveryId: p.deliveryId } })
    return c.json(webhookDeliveryBody(d), 200)
  })
}
