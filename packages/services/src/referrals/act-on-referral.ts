// Every lifecycle step after sending goes through here: the domain's state machine decides, then
// one transaction writes the new status, a referral event, an audit record and an outbox message.
// A caller the need-to-know rule gives no duty on the referral gets NOT_FOUND, as for an unknown id;
// every answer is the same redacted view GET returns (referralViewFor), never a database row.
import {
  AppError,
  ZCancelReferralInput,
  ZCompleteReferralInput,
  ZDeclineReferralInput,
  ZFailReferralInput,
  ZPutOnHoldInput,
  ZRecordContactAttemptInput,
  ZRedirectReferralInput,
  ZReferralIdInput,
  assessContactAttempts,
  decide,
  validationError,
  type Actor,
  type ReferralCommand,
} from '@fsn/domain'
import type { Prisma, Referral } from '@fsn/db'
import type { z } from 'zod'
import type { ServiceDeps, Tx } from '../context'
import { partyFor, requireUser } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'
import { enqueue } from '../outbox/outbox'
import { openRegionalEscalation } from '../escalations/open-regional-escalation'
import { sendWithinTransaction } from './send-referral'
import { referralViewFor, requireOpenable, type ReferralView } from './read-referrals'

type Simple = 'accept' | 'decline' | 'start' | 'putOnHold' | 'resume' | 'complete' | 'fail' | 'cancel'

const SCHEMAS = {
  accept: ZReferralIdInput,
  start: ZReferralIdInput,
  resume: ZReferralIdInput,
  decline: ZDeclineReferralInput,
  putOnHold: ZPutOnHoldInput,
  complete: ZCompleteReferralInput,
  fail: ZFailReferralInput,
  cancel: ZCancelReferralInput,
} satisfies Record<Simple, z.ZodType>

function commandOf(type: Simple, input: Record<string, unknown>): ReferralCommand {
  switch (type) {
    case 'decline':
    case 'putOnHold':
    case 'cancel':
      return { type, reason: String(input.reason) } as ReferralCommand
    case 'complete':
      return { type, outcome: input.outcome } as ReferralCommand
    case 'fail':
      return { type, reason: input.reason } as ReferralCommand
    default:
      return { type } as ReferralCommand
  }
}

/** Columns each step sets besides the status. */
function changesFor(
  command: ReferralCommand,
  now: Date,
  input: Record<string, unknown>,
): Prisma.ReferralUpdateManyMutationInput {
  switch (command.type) {
    case 'accept':
      return { respondedAt: now }
    case 'decline':
      return { respondedAt: now, declineReason: command.reason, closedAt: now }
    case 'start':
      return { startedAt: now }
    case 'complete':
      return { outcome: command.outcome, closedAt: now }
    case 'fail':
      return { failureReason: command.reason, closedAt: now }
    case 'cancel':
      return { cancelReason: command.reason, closedAt: now }
    case 'redirect':
      return { closedAt: now, ...(input.respond ? { respondedAt: now } : {}) }
    default:
      return {}
  }
}

async function loadForUpdate(tx: Tx, actor: Actor, referralId: string, now: Date): Promise<Referral> {
  // Without a duty on it (need to know), the referral does not exist for this caller.
  await requireOpenable(tx, actor, referralId, now)
  const referral = await tx.referral.findUnique({ where: { id: referralId } })
  if (!referral) throw new AppError('NOT_FOUND', 'referralId: no such referral', 'referralId')
  return referral
}

/** Applies a decided transition with optimistic concurrency; returns the event id. */
async function applyTransition(
  tx: Tx,
  deps: ServiceDeps,
  actor: Actor,
  referral: Referral,
  command: ReferralCommand,
  input: Record<string, unknown>,
  requestId: string | undefined,
  extra: { note?: string | null; data?: Prisma.InputJsonValue } = {},
) {
  const user = requireUser(actor)
  const party = partyFor(actor, referral)
  // Someone outside both organisations may do nothing with it (loadForUpdate already answered
  // NOT_FOUND to anyone without a duty; a Regional Lead on an escalation may read, not act).
  if (party.side === 'OTHER' && !party.roles.includes('NATIONAL_ADMIN')) {
    throw new AppError('FORBIDDEN', 'Only the sending and receiving organisations can act on this referral.')
  }
  // After withdrawal only closing steps are left (domain COMMANDS_AFTER_WITHDRAWAL).
  const consent = await tx.consent.findUnique({ where: { id: referral.consentId }, select: { withdrawnAt: true } })
  const decision = decide(referral.status, command, party, { withdrawn: consent?.withdrawnAt != null })
  if (!decision.ok) throw decision.error
  const now = deps.clock()
  const { count } = await tx.referral.updateMany({
    where: { id: referral.id, version: referral.version },
    data: { status: decision.to, version: { increment: 1 }, ...changesFor(command, now, input) },
  })
  if (count === 0)
    throw new AppError('CONFLICT', 'Someone else changed this referral just now; reload and try again.')
  const actorOrganisationId =
    party.side === 'RECIPIENT'
      ? referral.toOrganisationId
      : party.side === 'SENDER'
        ? referral.fromOrganisationId
        : (user.memberships[0]?.organisationId ?? null)
  const event = await tx.referralEvent.create({
    data: {
      referralId: referral.id,
      type: decision.event,
      fromStatus: decision.from,
      toStatus: decision.to,
      actorId: user.user.id,
      actorOrganisationId,
      note: extra.note ?? ('reason' in command && typeof command.reason === 'string' ? command.reason : null),
      data: extra.data,
      occurredAt: now,
    },
  })
  await writeAudit(tx, {
    occurredAt: now,
    actorId: user.user.id,
    actorOrganisationId,
    action: `referral.${command.type}`,
    entityType: 'Referral',
    entityId: referral.id,
    data: {
      from: decision.from,
      to: decision.to,
      ...(extra.data && typeof extra.data === 'object' ? (extra.data as object) : {}),
    },
    requestId,
  })
  await enqueue(
    tx,
    { topic: 'referral.event', aggregateId: referral.id, payload: { eventId: event.id } },
    now,
  )
  return { eventId: event.id, to: decision.to, now }
}

/** accept, decline, start, putOnHold, resume, complete, fail, cancel. */
export async function actOnReferral({
  deps,
  actor,
  type,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  type: Simple
  input: unknown
  requestId?: string
}): Promise<ReferralView> {
  requireUser(actor)
  const parsed = SCHEMAS[type].safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const values = parsed.data as Record<string, unknown> & { referralId: string; note?: string }
  const command = commandOf(type, values)
  const now = await deps.prisma.$transaction(async (tx) => {
    const referral = await loadForUpdate(tx, actor, values.referralId, deps.clock())
    const applied = await applyTransition(tx, deps, actor, referral, command, values, requestId, {
      note: values.note ?? undefined,
    })
    return applied.now
  })
  return referralViewFor(deps.prisma, actor, values.referralId, { action: `referral.${type}`, now })
}

/**
 * Guidelines, Service Agreements: "try three attempts over 12-hour period to reach the client.
 * After the third attempt, please contact your Regional Lead who may escalate it." Escalates here,
 * once, when three unsuccessful attempts span at least the window (domain assessContactAttempts).
 */
export async function recordContactAttempt({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: unknown
  requestId?: string
}) {
  const user = requireUser(actor)
  const parsed = ZRecordContactAttemptInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const a = parsed.data
  const now = deps.clock()
  if (a.attemptedAt.getTime() > now.getTime() + 5 * 60_000) {
    throw new AppError('VALIDATION_FAILED', 'attemptedAt: an attempt cannot be in the future', 'attemptedAt')
  }
  const result = await deps.prisma.$transaction(async (tx) => {
    const referral = await loadForUpdate(tx, actor, a.referralId, now)
    const earlier = await tx.contactAttempt.findMany({
      where: { referralId: referral.id },
      orderBy: { attemptNumber: 'asc' },
    })
    const contactWindow = { windowHours: deps.contactWindowHours }
    const before = assessContactAttempts(earlier, now, contactWindow)
    const applied = await applyTransition(
      tx,
      deps,
      actor,
      referral,
      { type: 'recordContactAttempt', method: a.method, result: a.result },
      a,
      requestId,
      {
        note: a.note ?? null,
        data: { attemptNumber: before.nextAttemptNumber, method: a.method, result: a.result },
      },
    )
    const attempt = await tx.contactAttempt.create({
      data: {
        referralId: referral.id,
        attemptNumber: before.nextAttemptNumber,
        method: a.method,
        result: a.result,
        note: a.note ?? null,
        attemptedAt: a.attemptedAt,
        recordedById: user.user.id,
        createdAt: now,
      },
    })
    const after = assessContactAttempts([...earlier, attempt], now, contactWindow)
    // Stamp the escalation with the attempt's own event time, so the timeline reads in order.
    const escalatedAt = applied.now
    let escalated = false
    if (after.shouldEscalate) {
      // Conditional on escalationLevel so a retried request cannot escalate twice.
      const { count } = await tx.referral.updateMany({
        where: { id: referral.id, escalatedAt: null },
        data: { escalatedAt, escalationLevel: { increment: 1 } },
      })
      if (count === 1) {
        escalated = true
        await openRegionalEscalation(tx, {
          referralId: referral.id,
          serviceId: referral.serviceId,
          toOrganisationId: referral.toOrganisationId,
          reason: 'CONTACT_ATTEMPTS',
          now: escalatedAt,
        })
        const event = await tx.referralEvent.create({
          data: {
            referralId: referral.id,
            type: 'ESCALATED',
            actorId: user.user.id,
            actorOrganisationId: referral.toOrganisationId,
            note: after.message,
            data: { reason: 'CONTACT_ATTEMPTS', unsuccessful: after.unsuccessful },
            occurredAt: escalatedAt,
          },
        })
        await writeAudit(tx, {
          occurredAt: escalatedAt,
          actorId: user.user.id,
          actorOrganisationId: referral.toOrganisationId,
          action: 'referral.escalate',
          entityType: 'Referral',
          entityId: referral.id,
          data: { reason: 'CONTACT_ATTEMPTS', unsuccessful: after.unsuccessful },
          requestId,
        })
        await enqueue(
          tx,
          { topic: 'referral.event', aggregateId: referral.id, payload: { eventId: event.id } },
          now,
        )
      }
    }
    return { attempt, assessment: after, escalated }
  })
  const { attempt, assessment, escalated } = result
  return {
    attempt: {
      id: attempt.id,
      attemptNumber: attempt.attemptNumber,
      method: attempt.method,
      result: attempt.result,
      note: attempt.note,
      attemptedAt: attempt.attemptedAt,
    },
    assessment,
    escalated,
    referral: await referralViewFor(deps.prisma, actor, a.referralId, { action: 'referral.recordContactAttempt', now }),
  }
}

/**
 * Redirect: the referral ends as REDIRECTED and a new one, linked to it, goes to another service,
 * under the same consent (which must cover the new provider) and the same routing rules.
 */
export async function redirectReferral({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: unknown
  requestId?: string
}) {
  const user = requireUser(actor)
  const parsed = ZRedirectReferralInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const r = parsed.data
  const { next, now } = await deps.prisma.$transaction(async (tx) => {
    const referral = await loadForUpdate(tx, actor, r.referralId, deps.clock())
    const party = partyFor(actor, referral)
    await applyTransition(
      tx,
      deps,
      actor,
      referral,
      { type: 'redirect', reason: r.reason },
      { respond: party.side === 'RECIPIENT' && referral.status === 'SENT' },
      requestId,
      {
        data: { toServiceId: r.serviceId },
      },
    )
    // The new referral is sent by the original sender organisation, as if it had sent it.
    const next = await sendWithinTransaction(
      tx,
      deps,
      actor,
      referral.fromOrganisationId,
      party.side === 'SENDER' ? user.user.id : referral.senderId,
      {
        personId: referral.personId,
        consentId: referral.consentId,
        serviceId: r.serviceId,
        sharedInformationKinds: referral.sharedInformationKinds,
        needsSummary: referral.needsSummary ?? undefined,
        priority: referral.priority,
      },
      requestId,
      referral.id,
    )
    return { next, now: deps.clock() }
  })
  return {
    redirected: await referralViewFor(deps.prisma, actor, r.referralId, { action: 'referral.redirect', now }),
    // The new referral goes to another organisation: its ids and status only (the caller may have
    // no duty on it, e.g. the provider that handed it on).
    next: { id: next.id, reference: next.reference, status: next.status, toOrganisationId: next.toOrganisationId },
  }
}
