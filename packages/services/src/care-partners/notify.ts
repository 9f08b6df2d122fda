// Notifications for care partners and shared cases, as data from the domain, delivered after commit.
// A use case writes one outbox message per event with its recipients (a role, an organisation, a
// user, or an external body); the handler resolves them to users and creates the in-app
// notifications, keyed by the event, so a re-run changes nothing twice.
import type { Role } from '@fsn/domain'
import type { ServiceDeps, Tx } from '../context'
import type { OutboxHandler } from '../outbox/outbox'
import { enqueue } from '../outbox/outbox'
import { createNotifications } from '../notifications/notifications'
import type { EmailSender } from '../referrals/handlers'

export const CARE_PARTNER_NOTIFY = 'care-partner.notify'
export const SHARED_CASE_NOTIFY = 'shared-case.notify'

export type NotifyRecipient =
  | { kind: 'ROLE'; role: Role }
  | { kind: 'ORGANISATION'; organisationId: string }
  | { kind: 'USER'; userId: string }
  | { kind: 'EXTERNAL'; body: 'TE_KAHUI_KAHU' }

export interface NotifyPayload {
  /** The event the notification is about: one notification per user per event. */
  sourceEventId: string
  kind: string
  title: string
  body: string
  recipients: NotifyRecipient[]
}

export async function enqueueNotify(
  tx: Tx,
  topic: typeof CARE_PARTNER_NOTIFY | typeof SHARED_CASE_NOTIFY,
  aggregateId: string,
  payload: NotifyPayload,
  now: Date,
): Promise<void> {
  if (payload.recipients.length === 0) return
  await enqueue(tx, { topic, aggregateId, payload: payload as never }, now)
}

async function usersFor(
  db: ServiceDeps['prisma'],
  r: NotifyRecipient,
): Promise<{ id: string; email: string }[]> {
  const active = { revokedAt: null, user: { active: true } }
  const select = { user: { select: { id: true, email: true } } }
  switch (r.kind) {
    case 'ROLE':
      return (await db.membership.findMany({ where: { role: r.role, ...active }, select })).map((m) => m.user)
    case 'ORGANISATION':
      return (
        await db.membership.findMany({ where: { organisationId: r.organisationId, ...active }, select })
      ).map((m) => m.user)
    case 'USER': {
      const u = await db.user.findFirst({
        where: { id: r.userId, active: true },
        select: { id: true, email: true },
      })
      return u ? [u] : []
    }
    case 'EXTERNAL':
      return []
  }
}

/**
 * Handlers for both topics. `externalEmail` addresses bodies outside the network: the s396
 * information sheet asks that Te Kāhui Kāhu be told of every organisation starting to apply.
 */
export function coordinationHandlers({
  email,
  externalEmail = { TE_KAHUI_KAHU: 'notifications@tekahuikahu.example.nz' },
}: {
  email: EmailSender
  externalEmail?: Record<'TE_KAHUI_KAHU', string>
}): Record<string, OutboxHandler> {
  const handler: OutboxHandler = async (message, deps) => {
    const p = message.payload as NotifyPayload
    const users = new Map<string, { id: string; email: string }>()
    for (const r of p.recipients) for (const u of await usersFor(deps.prisma, r)) users.set(u.id, u)
    // Email before the notification row that marks a user as told, each with a dedupe key: a
    // crash in between re-sends on the re-run (a sink that remembers keys sends once) instead of
    // never sending, as the referral handler does (faults test, issue 7). A re-run after the rows
    // exist emails no one twice.
    const told = new Set(
      (
        await deps.prisma.notification.findMany({
          where: { sourceEventId: p.sourceEventId, userId: { in: [...users.keys()] } },
          select: { userId: true },
        })
      ).map((n) => n.userId),
    )
    for (const u of users.values()) {
      if (told.has(u.id)) continue
      await email.send({ to: u.email, subject: p.title, text: p.body, dedupeKey: `${p.sourceEventId}:${u.id}` })
    }
    // Bodies outside the network have no notification row: sent until every user's row exists
    // (a crash after that point was after these emails too), deduped by key: at least once.
    const everyoneTold = users.size > 0 && told.size === users.size
    if (!everyoneTold) {
      for (const r of p.recipients) {
        if (r.kind === 'EXTERNAL') {
          await email.send({
            to: externalEmail[r.body],
            subject: p.title,
            text: p.body,
            dedupeKey: `${p.sourceEventId}:${r.body}`,
          })
        }
      }
    }
    await createNotifications(deps.prisma, {
      sourceEventId: p.sourceEventId,
      userIds: [...users.keys()],
      kind: p.kind,
      title: p.title,
      body: p.body,
    })
  }
  return { [CARE_PARTNER_NOTIFY]: handler, [SHARED_CASE_NOTIFY]: handler }
}
