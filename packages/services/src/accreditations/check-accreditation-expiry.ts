// Expiry reminders (issue 16, item 2): 60, 30 and 7 days before an accreditation's last valid day,
// its organisation's administrators (PROVIDER_ADMIN) and its region's commissioner are told, in the
// app and by email, once each. A scheduled check (an outbox message that re-schedules itself for
// 06:00 NZ the next day, like the SLA checks' due messages) enqueues one reminder message per
// (accreditation, expiry, threshold) key, looked up under an advisory lock so two workers do not
// both enqueue; the reminder's notifications are keyed by it too (exactly once per user) and its
// emails carry it as their dedupe key. No personal details: organisation, scheme and date only.
import {
  dueReminder,
  EXPIRES_SOON_DAYS,
  formatNzDate,
  levelLabel,
  nzDateOf,
  nzStartOfDate,
  reminderKey,
  type ReminderThreshold,
} from '@fsn/domain'
import type { ServiceDeps, Tx } from '../context'
import { createNotifications } from '../notifications/notifications'
import { enqueue, enqueueMany, type OutboxHandler } from '../outbox/outbox'
import type { EmailSender } from '../referrals/handlers'

export const ACCREDITATION_CHECK_TOPIC = 'accreditation.expiry-check'
export const ACCREDITATION_REMINDER_TOPIC = 'accreditation.expiry-reminder'
const CHECK_LOCK = 7_267_016

interface ReminderPayload {
  accreditationId: string
  validTo: string
  threshold: ReminderThreshold
}

/** Enqueues the reminders now due that were never enqueued; returns how many. Idempotent. */
export async function checkAccreditationExpiries({
  deps,
}: {
  deps: ServiceDeps
}): Promise<{ enqueued: number }> {
  const now = deps.clock()
  const horizon = new Date(now.getTime() + (EXPIRES_SOON_DAYS + 2) * 86_400_000)
  return deps.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(${CHECK_LOCK})::text`
    const candidates = await tx.accreditation.findMany({
      where: { status: { in: ['ACTIVE', 'PROVISIONAL'] }, validTo: { gt: now, lte: horizon } },
      select: { id: true, status: true, validFrom: true, validTo: true },
    })
    const due = candidates.flatMap((a) => {
      const threshold = dueReminder(a, now)
      return threshold === null ? [] : [{ key: reminderKey(a.id, a.validTo!, threshold), a, threshold }]
    })
    if (due.length === 0) return { enqueued: 0 }
    const already = new Set(
      (
        await tx.outboxMessage.findMany({
          where: { topic: ACCREDITATION_REMINDER_TOPIC, aggregateId: { in: due.map((d) => d.key) } },
          select: { aggregateId: true },
        })
      ).map((m) => m.aggregateId),
    )
    const fresh = due.filter((d) => !already.has(d.key))
    await enqueueMany(
      tx,
      fresh.map((d) => ({
        topic: ACCREDITATION_REMINDER_TOPIC,
        aggregateId: d.key,
        payload: {
          accreditationId: d.a.id,
          validTo: d.a.validTo!.toISOString(),
          threshold: d.threshold,
        } satisfies ReminderPayload,
      })),
      now,
    )
    return { enqueued: fresh.length }
  })
}

/** 06:00 New Zealand time on the day after `at`. */
function nextCheckAt(at: Date): Date {
  const tomorrow = new Date(nzStartOfDate(nzDateOf(at)).getTime() + 36 * 3_600_000)
  return new Date(nzStartOfDate(nzDateOf(tomorrow)).getTime() + 6 * 3_600_000)
}

/** One pending check at a time: start-up calls this; the check calls it for the next day. */
export async function scheduleAccreditationExpiryCheck(
  deps: ServiceDeps,
  db: ServiceDeps['prisma'] | Tx = deps.prisma,
  at?: Date,
): Promise<boolean> {
  const pending = await db.outboxMessage.findFirst({
    where: { topic: ACCREDITATION_CHECK_TOPIC, processedAt: null },
    select: { id: true },
  })
  if (pending) return false
  const now = deps.clock()
  await enqueue(db as Tx, { topic: ACCREDITATION_CHECK_TOPIC, payload: {}, availableAt: at ?? now }, now)
  return true
}

async function recipients(db: ServiceDeps['prisma'], organisationId: string) {
  const admins = await db.membership.findMany({
    where: { organisationId, role: 'PROVIDER_ADMIN', revokedAt: null, user: { active: true } },
    select: { user: { select: { id: true, email: true } } },
  })
  // The organisation's region: where its locations are (the first, as the referral handlers do).
  const loc = await db.location.findFirst({
    where: { organisationId },
    select: { regionId: true },
    orderBy: { id: 'asc' },
  })
  const commissioners = loc
    ? await db.membership.findMany({
        where: {
          role: 'REGIONAL_COMMISSIONER',
          regionId: loc.regionId,
          revokedAt: null,
          user: { active: true },
        },
        select: { user: { select: { id: true, email: true } } },
      })
    : []
  const byId = new Map([...admins, ...commissioners].map((m) => [m.user.id, m.user]))
  return [...byId.values()]
}

export function accreditationHandlers({ email }: { email: EmailSender }): Record<string, OutboxHandler> {
  const check: OutboxHandler = async (_message, deps) => {
    await checkAccreditationExpiries({ deps })
    // The next run: after this message is marked done the pending one is the next day's. The
    // message in hand is still unprocessed, so look past it.
    const others = await deps.prisma.outboxMessage.count({
      where: { topic: ACCREDITATION_CHECK_TOPIC, processedAt: null, id: { not: _message.id } },
    })
    if (others === 0) {
      const now = deps.clock()
      await enqueue(
        deps.prisma as unknown as Tx,
        { topic: ACCREDITATION_CHECK_TOPIC, payload: {}, availableAt: nextCheckAt(now) },
        now,
      )
    }
  }
  const remind: OutboxHandler = async (message, deps) => {
    const p = message.payload as ReminderPayload
    const a = await deps.prisma.accreditation.findUnique({
      where: { id: p.accreditationId },
      include: { organisation: { select: { name: true } } },
    })
    // Renewed, suspended or revoked since: this reminder no longer says anything true.
    if (
      !a ||
      !a.validTo ||
      a.validTo.toISOString() !== p.validTo ||
      (a.status !== 'ACTIVE' && a.status !== 'PROVISIONAL')
    )
      return
    const key = message.aggregateId ?? reminderKey(a.id, a.validTo, p.threshold)
    const to = await recipients(deps.prisma, a.organisationId)
    const lastDay = formatNzDate(new Date(a.validTo.getTime() - 1))
    const what = levelLabel(a.scheme, a.level)
    const title = `Accreditation expires in ${p.threshold} days or less`
    const body = `${a.organisation.name}: ${what} is valid until ${lastDay}. Renew it before then, or referrals needing it will be refused from the day after.`
    // Email before the notification that marks the user told: a crash between re-sends (same key).
    const told = new Set(
      (
        await deps.prisma.notification.findMany({
          where: { sourceEventId: key, userId: { in: to.map((u) => u.id) } },
          select: { userId: true },
        })
      ).map((n) => n.userId),
    )
    for (const u of to.filter((u) => !told.has(u.id))) {
      await email.send({ to: u.email, subject: title, text: body, dedupeKey: `${key}:${u.id}` })
    }
    await createNotifications(deps.prisma, {
      sourceEventId: key,
      userIds: to.map((u) => u.id),
      kind: 'accreditation.expiring',
      title,
      body,
    })
  }
  return { [ACCREDITATION_CHECK_TOPIC]: check, [ACCREDITATION_REMINDER_TOPIC]: remind }
}
