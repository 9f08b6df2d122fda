// REST contract for partner (webhook) subscriptions (issue 16, item 4): an organisation's
// administrators (webhooks:manage) subscribe, list, pause, resume, delete, rotate the signing secret,
// read the delivery log and resend one delivery. The secret appears only in the answers to create
// and rotate-secret. Another organisation's subscription is 404.
import { createRoute, z } from '@hono/zod-openapi'
import { ZCreateWebhookInput } from '@fsn/services'
import { ZErrorBody } from './auth.routes'

const error = (description: string) => ({ description, content: { 'application/json': { schema: ZErrorBody } } })
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } })

const common = {
  400: error('A field is missing or malformed (the body names it)'),
  401: error('Not signed in'),
  403: error('Only an organisation administrator (webhooks:manage) manages its subscriptions'),
}
const notFound = { 404: error("No such subscription or delivery (another organisation's is not found either)") }

export const ZWebhookSubscription = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    url: z.string(),
    eventTypes: z.array(z.string()),
    active: z.boolean().describe('false while paused'),
    createdAt: z.string(),
    secretRotatedAt: z.string().nullable(),
    previousSecretValidUntil: z
      .string()
      .nullable()
      .describe('Until when deliveries also carry a signature made with the previous secret (null: no overlap)'),
  })
  .strict()
  .openapi('WebhookSubscription')

const ZWebhookSubscriptionWithSecret = ZWebhookSubscription.extend({
  secret: z.string().describe('The signing secret: shown only in this answer'),
})
  .strict()
  .openapi('WebhookSubscriptionWithSecret')

export const ZWebhookDelivery = z
  .object({
    id: z.string(),
    subscriptionId: z.string(),
    eventId: z.string().describe('X-FSN-Event-Id: the same on every attempt and on a resend (dedupe key)'),
    eventType: z.string(),
    attempts: z.int(),
    lastStatus: z.int().nullable().describe('HTTP status of the last attempt (null: no answer)'),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    nextAttemptAt: z.string(),
    deliveredAt: z.string().nullable(),
    failedAt: z.string().nullable(),
    state: z.enum(['PENDING', 'DELIVERED', 'FAILED']),
  })
  .strict()
  .openapi('WebhookDelivery')

const idParam = z.object({ id: z.uuid({ error: 'id must be a UUID' }) })

export const createWebhookRoute = createRoute({
  method: 'post',
  path: '/api/v1/webhooks',
  tags: ['webhooks'],
  summary:
    "Subscribe an HTTPS endpoint to your organisation's referral events (and directory.changed when named). Deliveries are signed: X-FSN-Signature: t=<unix>,v1=HMAC-SHA256(secret, t + '.' + body) (two v1 values during a secret rotation's overlap); X-FSN-Event-Id deduplicates. The secret is shown once.",
  request: { body: { required: true, ...json(ZCreateWebhookInput) } },
  responses: {
    201: {
      description: 'Subscribed',
      ...json(z.object({ id: z.string(), url: z.string(), eventTypes: z.array(z.string()), secret: z.string() }).strict()),
    },
    ...common,
    404: error('Not found'),
    409: error('Conflict'),
    422: error('Refused'),
  },
})

export const listWebhooksRoute = createRoute({
  method: 'get',
  path: '/api/v1/webhooks',
  tags: ['webhooks'],
  summary: "Your organisation's webhook subscriptions (never their secrets)",
  responses: { 200: { description: 'Subscriptions, newest first', ...json(z.object({ items: z.array(ZWebhookSubscription) }).strict()) }, ...common },
})

export const getWebhookRoute = createRoute({
  method: 'get',
  path: '/api/v1/webhooks/{id}',
  tags: ['webhooks'],
  summary: 'One subscription (never its secret)',
  request: { params: idParam },
  responses: { 200: { description: 'The subscription', ...json(ZWebhookSubscription) }, ...common, ...notFound },
})

export const deleteWebhookRoute = createRoute({
  method: 'delete',
  path: '/api/v1/webhooks/{id}',
  tags: ['webhooks'],
  summary: 'Delete a subscription and its delivery log; nothing more is sent to it',
  request: { params: idParam },
  responses: { 200: { description: 'Deleted: the subscription as it was', ...json(ZWebhookSubscription) }, ...common, ...notFound },
})

const stepRoute = <S extends 'pause' | 'resume'>(step: S, summary: string) =>
  createRoute({
    method: 'post',
    path: `/api/v1/webhooks/{id}/${step}` as `/api/v1/webhooks/{id}/${S}`,
    tags: ['webhooks'],
    summary,
    request: { params: idParam },
    responses: { 200: { description: 'The subscription now', ...json(ZWebhookSubscription) }, ...common, ...notFound },
  })

export const pauseWebhookRoute = stepRoute('pause', 'Pause: queued deliveries wait and nothing is sent until resumed')
export const resumeWebhookRoute = stepRoute('resume', 'Resume: deliveries that waited go at once, new events are sent again')

export const rotateWebhookSecretRoute = createRoute({
  method: 'post',
  path: '/api/v1/webhooks/{id}/rotate-secret',
  tags: ['webhooks'],
  summary:
    'A new signing secret, shown once. Deliveries carry signatures with both the old and the new secret for the overlap (WEBHOOK_SECRET_OVERLAP_HOURS, default 24), then only the new one.',
  request: { params: idParam },
  responses: { 200: { description: 'Rotated', ...json(ZWebhookSubscriptionWithSecret) }, ...common, ...notFound },
})

export const listWebhookDeliveriesRoute = createRoute({
  method: 'get',
  path: '/api/v1/webhooks/{id}/deliveries',
  tags: ['webhooks'],
  summary: 'The delivery log, newest first: attempts, last response code or error, state',
  request: {
    params: idParam,
    query: z.object({
      limit: z
        .string()
        .regex(/^\d{1,3}$/, { error: 'limit must be a whole number from 1 to 200' })
        .optional()
        .openapi({ description: 'At most this many (1 to 200, default 50)' }),
    }),
  },
  responses: { 200: { description: 'Deliveries', ...json(z.object({ items: z.array(ZWebhookDelivery) }).strict()) }, ...common, ...notFound },
})

export const resendWebhookDeliveryRoute = createRoute({
  method: 'post',
  path: '/api/v1/webhooks/{id}/deliveries/{deliveryId}/resend',
  tags: ['webhooks'],
  summary:
    'Send one delivery again: the same event id and body, due now, to the address checked again before sending (public internet only)',
  request: { params: idParam.extend({ deliveryId: z.uuid({ error: 'deliveryId must be a UUID' }) }) },
  responses: { 200: { description: 'Queued', ...json(ZWebhookDelivery) }, ...common, ...notFound },
})
