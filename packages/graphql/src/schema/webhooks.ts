// Partner (webhook) subscriptions administration (issue 16, item 4), thin over packages/services
// (webhooks/subscriptions.ts, webhooks/manage-subscriptions.ts). webhooks:manage only; another
// organisation's subscription is NOT_FOUND. The secret appears only in the create and rotate answers.
import {
  actOnWebhookSubscription,
  createWebhookSubscription,
  findWebhookDeliveries,
  findWebhookSubscriptions,
  getWebhookSubscription,
  resendWebhookDelivery,
  rotateWebhookSecret,
  type WebhookDeliveryView,
  type WebhookSubscriptionView,
} from '@fsn/services'
import { builder } from '../builder'

const WebhookSubscriptionRef = builder.objectRef<WebhookSubscriptionView>('WebhookSubscription').implement({
  description: "A partner system's HTTPS endpoint receiving its organisation's events, signed (never shows the secret).",
  fields: (t) => ({
    id: t.exposeID('id'),
    organisationId: t.exposeID('organisationId'),
    url: t.exposeString('url'),
    eventTypes: t.exposeStringList('eventTypes'),
    active: t.exposeBoolean('active', { description: 'false while paused' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    secretRotatedAt: t.expose('secretRotatedAt', { type: 'DateTime', nullable: true }),
    previousSecretValidUntil: t.expose('previousSecretValidUntil', {
      type: 'DateTime',
      nullable: true,
      description: 'Until when deliveries also carry a signature made with the previous secret',
    }),
  }),
})

const DeliveryStateEnum = builder.enumType('WebhookDeliveryState', { values: ['PENDING', 'DELIVERED', 'FAILED'] as const })

const WebhookDeliveryRef = builder.objectRef<WebhookDeliveryView>('WebhookDelivery').implement({
  description: 'One event to one subscription: its attempts and the last answer.',
  fields: (t) => ({
    id: t.exposeID('id'),
    subscriptionId: t.exposeID('subscriptionId'),
    eventId: t.exposeString('eventId', { description: 'X-FSN-Event-Id: the same on every attempt and on a resend' }),
    eventType: t.exposeString('eventType'),
    attempts: t.exposeInt('attempts'),
    lastStatus: t.exposeInt('lastStatus', { nullable: true }),
    lastError: t.exposeString('lastError', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime' }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
    failedAt: t.expose('failedAt', { type: 'DateTime', nullable: true }),
    state: t.expose('state', { type: DeliveryStateEnum }),
  }),
})

const WebhookSecretRef = builder
  .objectRef<{ subscription: WebhookSubscriptionView; secret: string }>('WebhookSubscriptionSecret')
  .implement({
    description: 'A subscription with its signing secret: shown only in this answer.',
    fields: (t) => ({
      subscription: t.field({ type: WebhookSubscriptionRef, resolve: (r) => r.subscription }),
      secret: t.exposeString('secret'),
    }),
  })

builder.queryField('webhookSubscriptions', (t) =>
  t.field({
    type: [WebhookSubscriptionRef],
    description: "Your organisation's webhook subscriptions, newest first (webhooks:manage).",
    resolve: (_r, _a, ctx) => findWebhookSubscriptions({ deps: ctx.deps, actor: ctx.actor }),
  }),
)

builder.queryField('webhookSubscription', (t) =>
  t.field({
    type: WebhookSubscriptionRef,
    args: { subscriptionId: t.arg.id({ required: true }) },
    resolve: (_r, { subscriptionId }, ctx) => getWebhookSubscription({ deps: ctx.deps, actor: ctx.actor, input: { subscriptionId } }),
  }),
)

builder.queryField('webhookDeliveries', (t) =>
  t.field({
    type: [WebhookDeliveryRef],
    description: 'The delivery log of one subscription, newest first (limit 1 to 200, default 50).',
    args: { subscriptionId: t.arg.id({ required: true }), limit: t.arg.int() },
    resolve: (_r, { subscriptionId, limit }, ctx) =>
      findWebhookDeliveries({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { subscriptionId, ...(limit === null || limit === undefined ? {} : { limit }) },
      }),
  }),
)

const CreateWebhookSubscriptionInput = builder.inputType('CreateWebhookSubscriptionInput', {
  fields: (t) => ({
    url: t.string({ required: true }),
    eventTypes: t.stringList({ required: true }),
  }),
})

builder.mutationField('createWebhookSubscription', (t) =>
  t.field({
    type: WebhookSecretRef,
    description: 'Subscribe an HTTPS endpoint on the public internet; the secret is shown once.',
    args: { input: t.arg({ type: CreateWebhookSubscriptionInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const sub = await createWebhookSubscription({ deps: ctx.deps, actor: ctx.actor, input, requestId: ctx.requestId })
      const subscription = await getWebhookSubscription({ deps: ctx.deps, actor: ctx.actor, input: { subscriptionId: sub.id } })
      return { subscription, secret: sub.secret }
    },
  }),
)

for (const [name, action, description] of [
  ['pauseWebhookSubscription', 'pause', 'Pause: nothing is sent until resumed.'],
  ['resumeWebhookSubscription', 'resume', 'Resume: deliveries that waited go at once.'],
  ['deleteWebhookSubscription', 'delete', 'Delete the subscription and its delivery log (answers it as it was).'],
] as const) {
  builder.mutationField(name, (t) =>
    t.field({
      type: WebhookSubscriptionRef,
      description,
      args: { subscriptionId: t.arg.id({ required: true }) },
      resolve: (_r, { subscriptionId }, ctx) =>
        actOnWebhookSubscription({ deps: ctx.deps, actor: ctx.actor, input: { subscriptionId, action }, requestId: ctx.requestId }),
    }),
  )
}

builder.mutationField('rotateWebhookSecret', (t) =>
  t.field({
    type: WebhookSecretRef,
    description:
      'A new signing secret, shown once; deliveries carry signatures with both secrets for the overlap (default 24 h), then only the new one.',
    args: { subscriptionId: t.arg.id({ required: true }) },
    resolve: async (_r, { subscriptionId }, ctx) => {
      const { secret, ...subscription } = await rotateWebhookSecret({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { subscriptionId },
        requestId: ctx.requestId,
      })
      return { subscription, secret }
    },
  }),
)

builder.mutationField('resendWebhookDelivery', (t) =>
  t.field({
    type: WebhookDeliveryRef,
    description: 'Send one delivery again: same event id and body, to the address checked again before sending.',
    args: { subscriptionId: t.arg.id({ required: true }), deliveryId: t.arg.id({ required: true }) },
    resolve: (_r, { subscriptionId, deliveryId }, ctx) =>
      resendWebhookDelivery({ deps: ctx.deps, actor: ctx.actor, input: { subscriptionId, deliveryId }, requestId: ctx.requestId }),
  }),
)
