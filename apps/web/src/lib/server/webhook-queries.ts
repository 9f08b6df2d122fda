// Partner subscriptions administration's GraphQL operations (packages/graphql/src/schema/webhooks.ts).
import { operation } from './api'

export interface WebhookSubscriptionItem {
  id: string
  url: string
  eventTypes: string[]
  active: boolean
  createdAt: string
  secretRotatedAt: string | null
  previousSecretValidUntil: string | null
}

export interface WebhookDeliveryItem {
  id: string
  eventId: string
  eventType: string
  attempts: number
  lastStatus: number | null
  lastError: string | null
  createdAt: string
  deliveredAt: string | null
  state: 'PENDING' | 'DELIVERED' | 'FAILED'
}

const SUB = 'id url eventTypes active createdAt secretRotatedAt previousSecretValidUntil'

export const WEBHOOK_SUBSCRIPTIONS = operation<{ webhookSubscriptions: WebhookSubscriptionItem[] }, Record<string, never>>(`
  query WebhookSubscriptions { webhookSubscriptions { ${SUB} } }
`)

export const WEBHOOK_DELIVERIES = operation<{ webhookDeliveries: WebhookDeliveryItem[] }, { subscriptionId: string; limit: number }>(`
  query WebhookDeliveries($subscriptionId: ID!, $limit: Int) {
    webhookDeliveries(subscriptionId: $subscriptionId, limit: $limit) { id eventId eventType attempts lastStatus lastError createdAt deliveredAt state }
  }
`)

// One const per document: the API's limits test reads each operation by its const's name.
export const PAUSE_WEBHOOK = operation<unknown, { id: string }>(`mutation PauseWebhook($id: ID!) { pauseWebhookSubscription(subscriptionId: $id) { id } }`)
export const RESUME_WEBHOOK = operation<unknown, { id: string }>(`mutation ResumeWebhook($id: ID!) { resumeWebhookSubscription(subscriptionId: $id) { id } }`)
export const DELETE_WEBHOOK = operation<unknown, { id: string }>(`mutation DeleteWebhook($id: ID!) { deleteWebhookSubscription(subscriptionId: $id) { id } }`)

export const WEBHOOK_STEPS = { pause: PAUSE_WEBHOOK, resume: RESUME_WEBHOOK, delete: DELETE_WEBHOOK } as const
export type WebhookStep = keyof typeof WEBHOOK_STEPS

export const ROTATE_WEBHOOK_SECRET = operation<{ rotateWebhookSecret: { secret: string; subscription: { id: string } } }, { id: string }>(`
  mutation RotateWebhookSecret($id: ID!) { rotateWebhookSecret(subscriptionId: $id) { secret subscription { id } } }
`)

export const RESEND_WEBHOOK_DELIVERY = operation<unknown, { subscriptionId: string; deliveryId: string }>(`
  mutation ResendWebhookDelivery($subscriptionId: ID!, $deliveryId: ID!) {
    resendWebhookDelivery(subscriptionId: $subscriptionId, deliveryId: $deliveryId) { id }
  }
`)
