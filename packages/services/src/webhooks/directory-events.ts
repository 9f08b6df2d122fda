// `directory.changed` for partners (issue 16, item 4): every directory write that tells the search
// index (a `directory.changed` outbox message) also commits a `directory.webhooks` message in the
// same transaction; its handler, separate from the indexer so a search outage never holds partners
// back (nor the reverse), queues one webhook delivery per subscription that names
// `directory.changed`. The event lists the services, organisations and locations touched, each by
// its HSDS id (the row id; packages/services/src/directory/hsds/export.ts), so a partner re-reads
// them from /hsda and its copy of the directory stays in sync. Directory data is public: any
// organisation's subscription may ask for it.
import type { Prisma } from '@fsn/db'
import type { ServiceDeps, Tx } from '../context'
import { enqueue, type ClaimedMessage, type OutboxHandler } from '../outbox/outbox'

export const DIRECTORY_WEBHOOKS = 'directory.webhooks'
export const DIRECTORY_CHANGED_EVENT = 'directory.changed'

/** Changes per delivery: a national import touches thousands; each delivery stays small. */
const CHANGES_PER_DELIVERY = 500

export interface DirectoryChangeRef {
  kind: 'service' | 'organisation' | 'location'
  /** The HSDS id (/hsda/services/{id}, /hsda/organizations/{id}, /hsda/locations/{id}). */
  hsdsId: string
}

export interface DirectoryChangedPayload {
  reason: string
  serviceIds?: readonly string[]
  organisationIds?: readonly string[]
  locationIds?: readonly string[]
}

/** In the transaction of the directory write, next to its `directory.changed` for the index. */
export async function enqueueDirectoryWebhooks(tx: Tx, payload: DirectoryChangedPayload, now: Date, aggregateId?: string) {
  await enqueue(
    tx,
    {
      topic: DIRECTORY_WEBHOOKS,
      aggregateId: aggregateId ?? null,
      payload: {
        reason: payload.reason,
        serviceIds: [...(payload.serviceIds ?? [])],
        organisationIds: [...(payload.organisationIds ?? [])],
        locationIds: [...(payload.locationIds ?? [])],
      },
    },
    now,
  )
}

function idsOf(value: unknown): string[] {
  return Array.isArray(value) ? [...new Set(value.filter((v): v is string => typeof v === 'string'))] : []
}

export function directoryChangesOf(message: Pick<ClaimedMessage, 'payload'>): { reason: string; changes: DirectoryChangeRef[] } {
  const p = (message.payload ?? {}) as Record<string, unknown>
  const changes: DirectoryChangeRef[] = [
    ...idsOf(p.organisationIds).map((hsdsId) => ({ kind: 'organisation' as const, hsdsId })),
    ...idsOf(p.serviceIds).map((hsdsId) => ({ kind: 'service' as const, hsdsId })),
    ...idsOf(p.locationIds).map((hsdsId) => ({ kind: 'location' as const, hsdsId })),
  ]
  return { reason: typeof p.reason === 'string' ? p.reason : 'change', changes }
}

/**
 * Queues the deliveries. Idempotent: the event id is the outbox message's id (with the chunk number
 * past the first chunk), unique per subscription, so a re-run adds nothing.
 */
export const onDirectoryWebhooks: OutboxHandler = async (message, deps: ServiceDeps) => {
  const { reason, changes } = directoryChangesOf(message)
  if (!changes.length) return
  const subs = await deps.prisma.webhookSubscription.findMany({
    where: { active: true, eventTypes: { has: DIRECTORY_CHANGED_EVENT } },
    select: { id: true },
  })
  if (!subs.length) return
  const now = deps.clock()
  const rows: Prisma.WebhookDeliveryCreateManyInput[] = []
  for (let i = 0; i < changes.length; i += CHANGES_PER_DELIVERY) {
    const eventId = i === 0 ? message.id : `${message.id}:${i / CHANGES_PER_DELIVERY}`
    const payload = { reason, changes: changes.slice(i, i + CHANGES_PER_DELIVERY) } as unknown as Prisma.InputJsonValue
    for (const s of subs) rows.push({ subscriptionId: s.id, eventId, eventType: DIRECTORY_CHANGED_EVENT, nextAttemptAt: now, payload })
  }
  await deps.prisma.webhookDelivery.createMany({ data: rows, skipDuplicates: true })
}

export function directoryWebhookHandlers(): Record<string, OutboxHandler> {
  return { [DIRECTORY_WEBHOOKS]: onDirectoryWebhooks }
}
