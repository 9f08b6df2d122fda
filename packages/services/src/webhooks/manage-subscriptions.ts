// Partner subscriptions administration (issue 16, item 4): an organisation's administrators
// (webhooks:manage) list, pause, resume and delete its subscriptions, rotate the signing secret
// (both secrets sign during the overlap, WEBHOOK_SECRET_OVERLAP_HOURS), read the delivery log and
// resend one delivery. Another organisation's subscription or delivery is NOT_FOUND, never told
// apart from one that does not exist. The secret is returned only by create and rotate.
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { AppError, ROLE_CAPABILITIES, validationError, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { requireUser } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'

export const DEFAULT_WEBHOOK_SECRET_OVERLAP_HOURS = 24

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`
}

export interface WebhookSubscriptionView {
  id: string
  organisationId: string
  url: string
  eventTypes: string[]
  active: boolean
  createdAt: Date
  secretRotatedAt: Date | null
  /** Until when deliveries are also signed with the previous secret (null: no overlap now). */
  previousSecretValidUntil: Date | null
}

export interface WebhookDeliveryView {
  id: string
  subscriptionId: string
  eventId: string
  eventType: string
  attempts: number
  lastStatus: number | null
  lastError: string | null
  createdAt: Date
  nextAttemptAt: Date
  deliveredAt: Date | null
  failedAt: Date | null
  state: 'PENDING' | 'DELIVERED' | 'FAILED'
}

const SUB_SELECT = {
  id: true,
  organisationId: true,
  url: true,
  eventTypes: true,
  active: true,
  createdAt: true,
  secretRotatedAt: true,
  previousSecretExpiresAt: true,
} as const

type SubRow = {
  id: string
  organisationId: string
  url: string
  eventTypes: string[]
  active: boolean
  createdAt: Date
  secretRotatedAt: Date | null
  previousSecretExpiresAt: Date | null
}

function subView(r: SubRow, now: Date): WebhookSubscriptionView {
  return {
    id: r.id,
    organisationId: r.organisationId,
    url: r.url,
    eventTypes: r.eventTypes,
    active: r.active,
    createdAt: r.createdAt,
    secretRotatedAt: r.secretRotatedAt,
    previousSecretValidUntil:
      r.previousSecretExpiresAt && r.previousSecretExpiresAt.getTime() > now.getTime() ? r.previousSecretExpiresAt : null,
  }
}

function deliveryView(d: Omit<WebhookDeliveryView, 'state'>): WebhookDeliveryView {
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    eventId: d.eventId,
    eventType: d.eventType,
    attempts: d.attempts,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    createdAt: d.createdAt,
    nextAttemptAt: d.nextAttemptAt,
    deliveredAt: d.deliveredAt,
    failedAt: d.failedAt,
    state: d.deliveredAt ? 'DELIVERED' : d.failedAt ? 'FAILED' : 'PENDING',
  }
}

/** The organisations whose subscriptions the actor manages (every membership holding webhooks:manage). */
function managedOrganisations(actor: Actor): { userId: string; organisationIds: string[] } {
  const user = requireUser(actor)
  const organisationIds = [
    ...new Set(user.memberships.filter((m) => ROLE_CAPABILITIES[m.role].includes('webhooks:manage')).map((m) => m.organisationId)),
  ]
  if (!organisationIds.length) throw new AppError('FORBIDDEN', 'Your role does not allow this (webhooks:manage).')
  return { userId: user.user.id, organisationIds }
}

const ZId = (field: string) => z.uuid({ error: `${field} must be a UUID` })

function parseId(value: unknown, field: string): string {
  const parsed = ZId(field).safeParse(value)
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', `${field} must be a UUID`, field)
  return parsed.data
}

async function ownSubscription(deps: ServiceDeps, organisationIds: string[], id: string) {
  const row = await deps.prisma.webhookSubscription.findFirst({
    where: { id, organisationId: { in: organisationIds } },
    select: SUB_SELECT,
  })
  if (!row) throw new AppError('NOT_FOUND', 'subscriptionId: no such webhook subscription', 'subscriptionId')
  return row
}

export async function findWebhookSubscriptions({ deps, actor }: { deps: ServiceDeps; actor: Actor }) {
  const { organisationIds } = managedOrganisations(actor)
  const rows = await deps.prisma.webhookSubscription.findMany({
    where: { organisationId: { in: organisationIds } },
    select: SUB_SELECT,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 200,
  })
  const now = deps.clock()
  return rows.map((r) => subView(r, now))
}

export async function getWebhookSubscription({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { subscriptionId: unknown }
}) {
  const { organisationIds } = managedOrganisations(actor)
  const row = await ownSubscription(deps, organisationIds, parseId(input.subscriptionId, 'subscriptionId'))
  return subView(row, deps.clock())
}

export type WebhookSubscriptionAction = 'pause' | 'resume' | 'delete'

/** Pause (nothing queued for it, queued deliveries wait), resume (they go again), or delete (with its log). */
export async function actOnWebhookSubscription({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { subscriptionId: unknown; action: WebhookSubscriptionAction }
  requestId?: string
}): Promise<WebhookSubscriptionView> {
  const { userId, organisationIds } = managedOrganisations(actor)
  const id = parseId(input.subscriptionId, 'subscriptionId')
  const now = deps.clock()
  return deps.prisma.$transaction(async (tx) => {
    const row = await tx.webhookSubscription.findFirst({ where: { id, organisationId: { in: organisationIds } }, select: SUB_SELECT })
    if (!row) throw new AppError('NOT_FOUND', 'subscriptionId: no such webhook subscription', 'subscriptionId')
    let after: SubRow = row
    if (input.action === 'delete') {
      await tx.webhookSubscription.delete({ where: { id } })
    } else {
      const active = input.action === 'resume'
      after = await tx.webhookSubscription.update({ where: { id }, data: { active }, select: SUB_SELECT })
      if (active && !row.active) {
        // Deliveries that fell due while paused go now, not after a backoff they did not earn.
        await tx.webhookDelivery.updateMany({
          where: { subscriptionId: id, deliveredAt: null, failedAt: null, nextAttemptAt: { lt: now } },
          data: { nextAttemptAt: now },
        })
      }
    }
    await writeAudit(tx, {
      occurredAt: now,
      actorId: userId,
      actorOrganisationId: row.organisationId,
      action: `webhook.${input.action}`,
      entityType: 'WebhookSubscription',
      entityId: id,
      data: { url: row.url },
      requestId,
    })
    return subView(after, now)
  })
}

/**
 * A new signing secret, returned once. The old one keeps signing (a second v1= in the header) for
 * the overlap, so the partner can switch without a rejected delivery; after it, only the new one.
 */
export async function rotateWebhookSecret({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { subscriptionId: unknown }
  requestId?: string
}): Promise<WebhookSubscriptionView & { secret: string }> {
  const { userId, organisationIds } = managedOrganisations(actor)
  const id = parseId(input.subscriptionId, 'subscriptionId')
  const now = deps.clock()
  const overlapHours = deps.webhookSecretOverlapHours ?? DEFAULT_WEBHOOK_SECRET_OVERLAP_HOURS
  const secret = newWebhookSecret()
  return deps.prisma.$transaction(async (tx) => {
    const row = await tx.webhookSubscription.findFirst({ where: { id, organisationId: { in: organisationIds } }, select: { secret: true, organisationId: true, url: true } })
    if (!row) throw new AppError('NOT_FOUND', 'subscriptionId: no such webhook subscription', 'subscriptionId')
    const previousSecretExpiresAt = new Date(now.getTime() + overlapHours * 3_600_000)
    const after = await tx.webhookSubscription.update({
      where: { id },
      data: { secret, previousSecret: row.secret, previousSecretExpiresAt, secretRotatedAt: now },
      select: SUB_SELECT,
    })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: userId,
      actorOrganisationId: row.organisationId,
      action: 'webhook.rotate-secret',
      entityType: 'WebhookSubscription',
      entityId: id,
      data: { url: row.url, previousSecretValidUntil: previousSecretExpiresAt.toISOString() },
      requestId,
    })
    return { ...subView(after, now), secret }
  })
}

export const ZWebhookDeliveriesInput = z.object({
  subscriptionId: ZId('subscriptionId'),
  limit: z.coerce
    .number({ error: 'limit must be a whole number from 1 to 200' })
    .int({ error: 'limit must be a whole number from 1 to 200' })
    .min(1, { error: 'limit must be a whole number from 1 to 200' })
    .max(200, { error: 'limit must be a whole number from 1 to 200' })
    .default(50),
})

/** The delivery log, newest first: attempts, last response code or error, state. */
export async function findWebhookDeliveries({ deps, actor, input }: { deps: ServiceDeps; actor: Actor; input: unknown }) {
  const { organisationIds } = managedOrganisations(actor)
  const parsed = ZWebhookDeliveriesInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  await ownSubscription(deps, organisationIds, parsed.data.subscriptionId)
  const rows = await deps.prisma.webhookDelivery.findMany({
    where: { subscriptionId: parsed.data.subscriptionId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: parsed.data.limit,
  })
  return rows.map(deliveryView)
}

/**
 * Sends one delivery again: the same row, so the same event id (the partner's dedupe key) and body,
 * due now. It goes through the delivery loop like any other, so the target is checked again
 * (public internet only) and the request connects to the address that check approved.
 */
export async function resendWebhookDelivery({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { subscriptionId: unknown; deliveryId: unknown }
  requestId?: string
}): Promise<WebhookDeliveryView> {
  const { userId, organisationIds } = managedOrganisations(actor)
  const subscriptionId = parseId(input.subscriptionId, 'subscriptionId')
  const deliveryId = parseId(input.deliveryId, 'deliveryId')
  const now = deps.clock()
  return deps.prisma.$transaction(async (tx) => {
    const d = await tx.webhookDelivery.findFirst({
      where: { id: deliveryId, subscriptionId, subscription: { organisationId: { in: organisationIds } } },
      select: { id: true, subscription: { select: { organisationId: true } } },
    })
    if (!d) throw new AppError('NOT_FOUND', 'deliveryId: no such webhook delivery', 'deliveryId')
    const after = await tx.webhookDelivery.update({
      where: { id: d.id },
      data: { deliveredAt: null, failedAt: null, attempts: 0, nextAttemptAt: now },
    })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: userId,
      actorOrganisationId: d.subscription.organisationId,
      action: 'webhook.resend',
      entityType: 'WebhookDelivery',
      entityId: d.id,
      data: { subscriptionId, eventId: after.eventId },
      requestId,
    })
    return deliveryView(after)
  })
}
