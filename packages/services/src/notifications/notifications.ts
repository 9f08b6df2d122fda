// In-app inbox. Created by outbox handlers; the (sourceEventId, userId) key makes a re-run of the
// same message a no-op, so a notification is delivered exactly once per user.
import { AppError, validationError, type Actor } from '@fsn/domain'
import { z } from 'zod'
import type { ServiceDeps, Tx } from '../context'

export interface NotificationInput {
  sourceEventId: string
  userIds: readonly string[]
  kind: string
  title: string
  body: string
  referralId?: string | null
}

export async function createNotifications(
  tx: Tx | ServiceDeps['prisma'],
  n: NotificationInput,
): Promise<number> {
  if (n.userIds.length === 0) return 0
  const { count } = await tx.notification.createMany({
    data: [...new Set(n.userIds)].map((userId) => ({
      userId,
      sourceEventId: n.sourceEventId,
      kind: n.kind,
      title: n.title,
      body: n.body,
      referralId: n.referralId ?? null,
    })),
    skipDuplicates: true,
  })
  return count
}

export async function listNotifications({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { unreadOnly?: boolean; first?: number }
}) {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED')
  const first = Math.min(Math.max(input.first ?? 20, 1), 100)
  const where = { userId: actor.user.id, ...(input.unreadOnly ? { readAt: null } : {}) }
  const [items, unreadCount] = await Promise.all([
    deps.prisma.notification.findMany({ where, orderBy: { createdAt: 'desc' }, take: first }),
    deps.prisma.notification.count({ where: { userId: actor.user.id, readAt: null } }),
  ])
  return { items, unreadCount }
}

const ZMarkNotificationsRead = z.object({
  ids: z.array(z.uuid({ error: 'ids must be notification UUIDs' })).max(500, { error: 'ids: at most 500 at once' }).nullish(),
})

/** Marks the given notifications (or all) read; only the user's own. */
export async function markNotificationsRead({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { ids?: string[] }
}): Promise<number> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED')
  // Ids are UUID columns: anything else must be a 400 naming the field, not a database error.
  const parsed = ZMarkNotificationsRead.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const { ids } = parsed.data
  const { count } = await deps.prisma.notification.updateMany({
    where: { userId: actor.user.id, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: deps.clock() },
  })
  return count
}
