// Partner subscriptions administration in the access matrix (issue 16, item 4): webhooks:manage is
// PROVIDER_ADMIN's alone, which none of the matrix's eight roles is, so every one of them is
// refused, REST and GraphQL alike, before any lookup (an id of no subscription stands for all). The
// administrator's own organisation, another organisation's subscription (404), pause, resume,
// rotation and resend: apps/api/test/webhooks.admin.test.ts and
// packages/services/test/webhooks.admin.test.ts. No operation here carries a person.
import { ROLE_CAPABILITIES } from '@fsn/domain'
import type { Call, Expected, Operation } from './operations'
import { ROLE_OF, type RoleKey } from './world'

const manages = (role: RoleKey): Expected =>
  role !== 'anonymous' && ROLE_CAPABILITIES[ROLE_OF[role]].includes('webhooks:manage') ? 'allow' : 'deny'
const SUB = '01900000-0000-7000-8000-00000000eb01'
const DELIVERY = '01900000-0000-7000-8000-00000000eb02'
const rest = (method: 'GET' | 'POST' | 'DELETE', path: string): Call => ({ kind: 'rest', method, path })
const graphql = (query: string, variables?: Record<string, unknown>): Call => ({ kind: 'graphql', query, variables })
const flat = (id: string, call: () => Call, writes: boolean): Operation => ({
  id,
  scoped: false,
  writes,
  expect: (role) => manages(role),
  call: () => call(),
})
const SUB_FIELDS = 'id url active previousSecretValidUntil'

export const WEBHOOK_OPERATIONS: Operation[] = [
  flat('GET /api/v1/webhooks', () => rest('GET', '/api/v1/webhooks'), false),
  flat('GET /api/v1/webhooks/{id}', () => rest('GET', `/api/v1/webhooks/${SUB}`), false),
  flat('GET /api/v1/webhooks/{id}/deliveries', () => rest('GET', `/api/v1/webhooks/${SUB}/deliveries?limit=10`), false),
  flat('POST /api/v1/webhooks/{id}/pause', () => rest('POST', `/api/v1/webhooks/${SUB}/pause`), true),
  flat('POST /api/v1/webhooks/{id}/resume', () => rest('POST', `/api/v1/webhooks/${SUB}/resume`), true),
  flat('POST /api/v1/webhooks/{id}/rotate-secret', () => rest('POST', `/api/v1/webhooks/${SUB}/rotate-secret`), true),
  flat(
    'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/resend',
    () => rest('POST', `/api/v1/webhooks/${SUB}/deliveries/${DELIVERY}/resend`),
    true,
  ),
  flat('DELETE /api/v1/webhooks/{id}', () => rest('DELETE', `/api/v1/webhooks/${SUB}`), true),
  flat('query webhookSubscriptions', () => graphql(`{ webhookSubscriptions { ${SUB_FIELDS} } }`), false),
  flat('query webhookSubscription', () => graphql(`query($id: ID!) { webhookSubscription(subscriptionId: $id) { ${SUB_FIELDS} } }`, { id: SUB }), false),
  flat(
    'query webhookDeliveries',
    () => graphql(`query($id: ID!) { webhookDeliveries(subscriptionId: $id, limit: 5) { id eventId attempts lastStatus state } }`, { id: SUB }),
    false,
  ),
  flat(
    'mutation createWebhookSubscription',
    () =>
      graphql(`mutation($i: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $i) { secret subscription { id } } }`, {
        i: { url: 'https://hooks.example.nz/fsn', eventTypes: ['referral.sent'] },
      }),
    true,
  ),
  ...(['pauseWebhookSubscription', 'resumeWebhookSubscription', 'deleteWebhookSubscription'] as const).map((m) =>
    flat(`mutation ${m}`, () => graphql(`mutation($id: ID!) { ${m}(subscriptionId: $id) { ${SUB_FIELDS} } }`, { id: SUB }), true),
  ),
  flat('mutation rotateWebhookSecret', () => graphql(`mutation($id: ID!) { rotateWebhookSecret(subscriptionId: $id) { secret subscription { id } } }`, { id: SUB }), true),
  flat(
    'mutation resendWebhookDelivery',
    () =>
      graphql(`mutation($s: ID!, $d: ID!) { resendWebhookDelivery(subscriptionId: $s, deliveryId: $d) { id eventId state } }`, {
        s: SUB,
        d: DELIVERY,
      }),
    true,
  ),
]
