// After-commit work for referrals, run from the outbox. Every effect is idempotent: notifications
// and webhook deliveries are keyed by the source event, and escalation is a conditional update, so
// a handler re-run after a crash changes nothing twice. No personal details leave in any of them.
import { formatNzDateTime, type ReferralEventType, type Role } from '@fsn/domain'
import type { ServiceDeps, Tx } from '../context'
import type { ClaimedMessage, OutboxHandler } from '../outbox/outbox'
import { createNotifications } from '../notifications/notifications'
import { writeAudit } from '../audit/write-audit'
import { enqueue } from '../outbox/outbox'
import { informPerson, type SmsSender } from '../people/inform-person'
import { openRegionalEscalation } from '../escalations/open-regional-escalation'

/** Email is a port: a console or file sink in development, a mail service in production. */
export interface EmailSender {
  /**
   * `dedupeKey` is the same on every attempt at one email (source event and user): email is sent
   * at least once, and a sink that remembers keys (the file sink, a mail service's idempotency
   * key) turns a re-send after a crash into exactly once.
   */
  send(message: { to: string; subject: string; text: string; dedupeKey?: string }): Promise<void>
}

const INTAKE_ROLES: Role[] = ['PROVIDER_INTAKE']

const WORDS: Partial<Record<ReferralEventType, string>> = {
  SENT: 'new referral',
  ACCEPTED: 'accepted',
  DECLINED: 'declined',
  STARTED: 'started',
  PUT_ON_HOLD: 'put on hold',
  RESUMED: 'resumed',
  COMPLETED: 'completed',
  FAILED: 'closed as failed',
  CANCELLED: 'cancelled by the sender',
  REDIRECTED: 'redirected to another provider',
  ESCALATED: 'escalated to the Regional Lead',
  SLA_BREACHED: 'not answered within 12 business hours',
  NOTE_ADDED: 'a note from the other organisation',
}

async function usersWithRoles(db: ServiceDeps['prisma'] | Tx, organisationId: string, roles: Role[]) {
  const ms = await db.membership.findMany({
    where: { organisationId, role: { in: roles }, revokedAt: null, user: { active: true } },
    select: { user: { select: { id: true, email: true } } },
  })
  return ms.map((m) => m.user)
}

/** The Regional Leads for the region the provider delivers this service in (or is based in). */
async function regionalLeads(db: ServiceDeps['prisma'] | Tx, serviceId: string, organisationId: string) {
  const loc =
    (
      await db.serviceAtLocation.findFirst({
        where: { serviceId },
        select: { location: { select: { regionId: true } } },
      })
    )?.location ?? (await db.location.findFirst({ where: { organisationId }, select: { regionId: true } }))
  if (!loc) return []
  const ms = await db.membership.findMany({
    where: { role: 'REGIONAL_LEAD', regionId: loc.regionId, revokedAt: null, user: { active: true } },
    select: { user: { select: { id: true, email: true } } },
  })
  return ms.map((m) => m.user)
}

export function referralHandlers({ email, sms }: { email: EmailSender; sms?: SmsSender }): Record<string, OutboxHandler> {
  const onEvent: OutboxHandler = async (message, deps) => {
    const { eventId } = message.payload as { eventId: string }
    const event = await deps.prisma.referralEvent.findUnique({
      where: { id: eventId },
      include: { referral: { include: { sender: { select: { id: true, email: true } } } } },
    })
    if (!event) return // the referral was deleted with its events: nothing to tell anyone
    const r = event.referral
    const words = WORDS[event.type]
    if (words) {
      const recipients: { id: string; email: string }[] = []
      switch (event.type) {
        case 'SENT':
        case 'CANCELLED':
          recipients.push(...(await usersWithRoles(deps.prisma, r.toOrganisationId, INTAKE_ROLES)))
          break
        case 'NOTE_ADDED':
          // The other organisation: the provider's intake for the sender's note, the sender for
          // the provider's. The notification says a note was added, never its text.
          if (event.actorOrganisationId === r.toOrganisationId) recipients.push(r.sender)
          else recipients.push(...(await usersWithRoles(deps.prisma, r.toOrganisationId, INTAKE_ROLES)))
          break
        case 'ESCALATED':
        case 'SLA_BREACHED':
          recipients.push(r.sender, ...(await regionalLeads(deps.prisma, r.serviceId, r.toOrganisationId)))
          recipients.push(...(await usersWithRoles(deps.prisma, r.toOrganisationId, INTAKE_ROLES)))
          break
        default:
          recipients.push(r.sender)
      }
      const title = `Referral ${r.reference}: ${words}`
      const body =
        event.type === 'SENT'
          ? `A referral was sent to your organisation. Accept or decline it by ${r.respondBy ? formatNzDateTime(r.respondBy) : 'the deadline'} (NZ time).`
          : event.type === 'NOTE_ADDED'
            ? `A note was added to referral ${r.reference}. Open the referral to read it.`
            : `Referral ${r.reference} was ${words}.`
      // Email before the notification row that marks the user as told: a crash in between
      // re-sends on the re-run (same dedupe key) rather than never sending (faults test, issue 7).
      const told = await deps.prisma.notification.findMany({
        where: { sourceEventId: event.id, userId: { in: recipients.map((u) => u.id) } },
        select: { userId: true },
      })
      const toldIds = new Set(told.map((n) => n.userId))
      for (const u of new Map(recipients.map((x) => [x.id, x])).values()) {
        if (toldIds.has(u.id)) continue
        await email.send({ to: u.email, subject: title, text: body, dedupeKey: `${event.id}:${u.id}` })
      }
      await createNotifications(deps.prisma, {
        sourceEventId: event.id,
        userIds: recipients.map((u) => u.id),
        kind: `referral.${event.type.toLowerCase()}`,
        title,
        body,
        referralId: r.id,
      })
    }
    // The person hears of sent, accepted, declined or redirected, and closed, if they chose to.
    await informPerson(deps, { id: event.id, type: event.type, referralId: r.id }, { email, sms })
    // Partner systems subscribed by either organisation receive the event (at least once).
    const eventType = `referral.${event.type.toLowerCase()}`
    const subs = await deps.prisma.webhookSubscription.findMany({
      where: { organisationId: { in: [r.fromOrganisationId, r.toOrganisationId] }, active: true },
    })
    const wanted = subs.filter((s) => s.eventTypes.includes('*') || s.eventTypes.includes(eventType))
    if (wanted.length) {
      await deps.prisma.webhookDelivery.createMany({
        data: wanted.map((s) => ({
          subscriptionId: s.id,
          eventId: event.id,
          eventType,
          nextAttemptAt: deps.clock(),
          payload: {
            referralId: r.id,
            reference: r.reference,
            fromStatus: event.fromStatus,
            toStatus: event.toStatus,
            occurredAt: event.occurredAt.toISOString(),
          },
        })),
        skipDuplicates: true,
      })
    }
  }

  /**
   * Guidelines, Service Agreements: accept or decline within 12 business hours. Runs at the
   * respond-by time; escalates a referral still unanswered, exactly once.
   */
  const onSlaCheck: OutboxHandler = async (message: ClaimedMessage, deps) => {
    const { referralId } = message.payload as { referralId: string }
    const now = deps.clock()
    await deps.prisma.$transaction(async (tx) => {
      const { count } = await tx.referral.updateMany({
        where: { id: referralId, status: 'SENT', escalatedAt: null, respondBy: { lte: now } },
        data: { escalatedAt: now, escalationLevel: { increment: 1 } },
      })
      if (count === 0) return // answered, closed, not yet due, or already escalated
      const r = await tx.referral.findUniqueOrThrow({ where: { id: referralId } })
      // The region's Regional Lead queue, once per (referral, reason) even if this ran twice.
      await openRegionalEscalation(tx, {
        referralId,
        serviceId: r.serviceId,
        toOrganisationId: r.toOrganisationId,
        reason: 'SLA_BREACH',
        now,
      })
      const breach = await tx.referralEvent.create({
        data: {
          referralId,
          type: 'SLA_BREACHED',
          occurredAt: now,
          note: 'Not accepted or declined within 12 business hours.',
        },
      })
      await writeAudit(tx, {
        occurredAt: now,
        actorId: null,
        actorOrganisationId: null,
        action: 'referral.sla-breach',
        entityType: 'Referral',
        entityId: referralId,
        data: { respondBy: r.respondBy?.toISOString() ?? null },
      })
      await enqueue(
        tx,
        { topic: 'referral.event', aggregateId: referralId, payload: { eventId: breach.id } },
        now,
      )
    })
  }

  const onConsentWithdrawn: OutboxHandler = async (message, deps) => {
    const { referralId, consentId } = message.payload as { referralId: string; consentId: string }
    const r = await deps.prisma.referral.findUnique({ where: { id: referralId } })
    if (!r) return
    const users = await usersWithRoles(deps.prisma, r.toOrganisationId, INTAKE_ROLES)
    await createNotifications(deps.prisma, {
      sourceEventId: `consent.withdrawn:${consentId}:${referralId}`,
      userIds: users.map((u) => u.id),
      kind: 'consent.withdrawn',
      title: `Referral ${r.reference}: consent withdrawn`,
      body: `The person has withdrawn consent. Their details on ${r.reference} are no longer shown.`,
      referralId: r.id,
    })
  }

  return {
    'referral.event': onEvent,
    'referral.sla-check': onSlaCheck,
    'consent.withdrawn': onConsentWithdrawn,
  }
}

/** An EmailSender that keeps messages in memory: tests and benchmarks. */
export function memoryEmailSender(): EmailSender & { sent: { to: string; subject: string; text: string; dedupeKey?: string }[] } {
  const sent: { to: string; subject: string; text: string; dedupeKey?: string }[] = []
  return { sent, send: async (m) => void sent.push(m) }
}
