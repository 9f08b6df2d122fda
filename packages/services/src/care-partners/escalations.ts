// Partnered Care, the Escalation Process: "an avenue to express, raise and escalate concerns to
// resolve issues as early as possible ... at any point throughout the Quality cycle". Raise,
// acknowledge, escalate, resolve, with who and when; the domain decides, this file persists.
import {
  AppError,
  decideEscalation,
  availableEscalationCommands,
  escalationItems,
  raiseEscalation,
  type Actor,
  type Escalation,
  type EscalationCommand,
  type QualityNotification,
} from '@fsn/domain'
import { randomUUID } from 'node:crypto'
import type { ServiceDeps, Tx } from '../context'
import { requireUser } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'
import { actorOrganisationId, requireObject, requireUuid } from './load'
import { seesAllApplications } from './read-applications'
import { CARE_PARTNER_NOTIFY, enqueueNotify } from './notify'

type Db = ServiceDeps['prisma'] | Tx

async function loadEscalationRow(db: Db, id: string) {
  const row = await db.careEscalation.findUnique({
    where: { id },
    include: {
      events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
      carePartnerOrganisation: { select: { name: true } },
    },
  })
  if (!row) throw new AppError('NOT_FOUND', 'escalationId: no such escalation', 'escalationId')
  return row
}
type EscalationRow = Awaited<ReturnType<typeof loadEscalationRow>>

function escalationOf(r: EscalationRow): Escalation {
  const rec = (at: Date | null, by: string | null) => (at && by ? { at, byUserId: by } : null)
  const ack = rec(r.acknowledgedAt, r.acknowledgedById)
  const esc = rec(r.escalatedAt, r.escalatedById)
  const res = rec(r.resolvedAt, r.resolvedById)
  return {
    id: r.id,
    carePartnerOrganisationId: r.carePartnerOrganisationId,
    involvedOrganisationIds: r.involvedOrganisationIds,
    status: r.status,
    concern: r.concern,
    childRef: r.childRef,
    raisedAt: r.raisedAt,
    raisedByUserId: r.raisedById,
    raisedByOrganisationId: r.raisedByOrganisationId,
    acknowledgeBy: r.acknowledgeBy,
    resolveBy: r.resolveBy,
    acknowledged: ack && { ...ack, note: r.acknowledgementNote },
    escalated: esc && { ...esc, reason: r.escalationReason ?? '' },
    resolved: res && { ...res, resolution: r.resolution ?? '' },
    history: r.events.map((e) => ({
      type: e.type as Escalation['history'][number]['type'],
      at: e.at,
      byUserId: e.byUserId,
      from: e.fromStatus,
      to: e.toStatus,
      note: e.note,
    })),
  }
}

function columnsOf(e: Escalation) {
  return {
    status: e.status,
    acknowledgedAt: e.acknowledged?.at ?? null,
    acknowledgedById: e.acknowledged?.byUserId ?? null,
    acknowledgementNote: e.acknowledged?.note ?? null,
    escalatedAt: e.escalated?.at ?? null,
    escalatedById: e.escalated?.byUserId ?? null,
    escalationReason: e.escalated?.reason ?? null,
    resolvedAt: e.resolved?.at ?? null,
    resolvedById: e.resolved?.byUserId ?? null,
    resolution: e.resolved?.resolution ?? null,
  }
}

const WORDS: Record<string, string> = {
  raise: 'concern raised',
  acknowledge: 'acknowledged',
  escalate: 'escalated to the MPC Quality Manager',
  resolve: 'resolved',
}

async function notifyEscalation(
  tx: Tx,
  e: Escalation,
  partnerName: string,
  eventId: string,
  type: string,
  notifications: readonly QualityNotification[],
  now: Date,
) {
  await enqueueNotify(
    tx,
    CARE_PARTNER_NOTIFY,
    e.id,
    {
      sourceEventId: `escalation:${eventId}`,
      kind: `care-escalation.${type}`,
      title: `Escalation for ${partnerName}: ${WORDS[type] ?? type}`,
      body:
        type === 'raise'
          ? `A concern about partnered care with ${partnerName} was raised. Acknowledge it by the deadline shown on the escalation.`
          : `The escalation about partnered care with ${partnerName} was ${WORDS[type] ?? type}.`,
      recipients: notifications.map((n) => n.to),
    },
    now,
  )
}

export async function raiseCareEscalation({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: {
    carePartnerOrganisationId: string
    concern: string
    childRef?: string | null
    involvedOrganisationIds?: string[] | null
  }
  requestId?: string
}) {
  const user = requireUser(actor)
  requireObject(input, 'input')
  const now = deps.clock()
  const involved = input.involvedOrganisationIds ?? []
  involved.forEach((id, i) => requireUuid(id, `involvedOrganisationIds.${i}`))
  const decision = raiseEscalation({
    id: randomUUID(),
    actor,
    carePartnerOrganisationId: input.carePartnerOrganisationId,
    involvedOrganisationIds: involved,
    concern: input.concern,
    childRef: input.childRef ?? undefined,
    at: now,
  })
  if (!decision.ok) throw decision.error
  const e = decision.escalation
  return deps.prisma.$transaction(async (tx) => {
    const partner = await tx.organisation.findUnique({
      where: { id: e.carePartnerOrganisationId },
      select: { name: true },
    })
    if (!partner)
      throw new AppError(
        'NOT_FOUND',
        'carePartnerOrganisationId: no such organisation',
        'carePartnerOrganisationId',
      )
    const row = await tx.careEscalation.create({
      data: {
        id: e.id,
        carePartnerOrganisationId: e.carePartnerOrganisationId,
        involvedOrganisationIds: [...e.involvedOrganisationIds],
        concern: e.concern,
        childRef: e.childRef,
        raisedAt: e.raisedAt,
        raisedById: e.raisedByUserId,
        raisedByOrganisationId: e.raisedByOrganisationId,
        acknowledgeBy: e.acknowledgeBy,
        resolveBy: e.resolveBy,
        ...columnsOf(e),
      },
    })
    const ev = await tx.careEscalationEvent.create({
      data: {
        escalationId: row.id,
        type: 'raise',
        fromStatus: null,
        toStatus: 'RAISED',
        note: e.concern,
        at: now,
        byUserId: user.user.id,
      },
    })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: e.raisedByOrganisationId,
      action: 'care-escalation.raise',
      entityType: 'CareEscalation',
      entityId: row.id,
      data: { carePartnerOrganisationId: e.carePartnerOrganisationId },
      requestId,
    })
    await notifyEscalation(tx, e, partner.name, ev.id, 'raise', decision.notifications, now)
    return row
  })
}

export async function actOnCareEscalation({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { escalationId: string; command: EscalationCommand }
  requestId?: string
}) {
  const user = requireUser(actor)
  requireUuid(input?.escalationId, 'escalationId')
  requireObject(input.command, 'command')
  const now = deps.clock()
  return deps.prisma.$transaction(async (tx) => {
    const row = await loadEscalationRow(tx, input.escalationId)
    const decision = decideEscalation(escalationOf(row), input.command, actor, now)
    if (!decision.ok) throw decision.error
    const { escalation: e, event } = decision
    const { count } = await tx.careEscalation.updateMany({
      where: { id: row.id, version: row.version },
      data: { ...columnsOf(e), version: { increment: 1 } },
    })
    if (count === 0)
      throw new AppError(
        'CONFLICT',
        'The escalation changed while you were acting on it: reload and try again.',
      )
    const ev = await tx.careEscalationEvent.create({
      data: {
        escalationId: row.id,
        type: event.type,
        fromStatus: event.from,
        toStatus: event.to,
        note: event.note,
        at: now,
        byUserId: user.user.id,
      },
    })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: actorOrganisationId(actor),
      action: `care-escalation.${event.type}`,
      entityType: 'CareEscalation',
      entityId: row.id,
      data: { from: event.from, to: event.to },
      requestId,
    })
    await notifyEscalation(
      tx,
      e,
      row.carePartnerOrganisation.name,
      ev.id,
      event.type,
      decision.notifications,
      now,
    )
    return tx.careEscalation.findUniqueOrThrow({ where: { id: row.id } })
  })
}

function escalationView(row: EscalationRow, actor: Actor, now: Date) {
  const e = escalationOf(row)
  return {
    ...e,
    carePartnerName: row.carePartnerOrganisation.name,
    availableCommands: availableEscalationCommands(e, actor),
    items: escalationItems(e).map((i) => ({
      ...i,
      overdue: !i.completedAt && now.getTime() >= i.dueBy.getTime(),
    })),
  }
}
export type CareEscalationView = ReturnType<typeof escalationView>

function mayRead(actor: Actor, row: EscalationRow) {
  if (actor.kind !== 'user') return false
  if (seesAllApplications(actor)) return true
  const orgs = [row.carePartnerOrganisationId, ...row.involvedOrganisationIds]
  return row.raisedById === actor.user.id || actor.memberships.some((m) => orgs.includes(m.organisationId))
}

export async function getCareEscalation({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { id: string }
}) {
  requireUser(actor)
  requireUuid(input.id, 'id')
  const row = await deps.prisma.careEscalation.findUnique({
    where: { id: input.id },
    include: {
      events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
      carePartnerOrganisation: { select: { name: true } },
    },
  })
  if (!row || !mayRead(actor, row)) throw new AppError('NOT_FOUND', 'No such escalation.', 'id')
  return escalationView(row, actor, deps.clock())
}

/** Escalations the reader may see: all for Oranga Tamariki's care roles, else their organisations'. */
export async function findCareEscalations({
  deps,
  actor,
  input = {},
}: {
  deps: ServiceDeps
  actor: Actor
  input?: { carePartnerOrganisationId?: string | null; openOnly?: boolean | null }
}) {
  const user = requireUser(actor)
  if (input.carePartnerOrganisationId != null)
    requireUuid(input.carePartnerOrganisationId, 'carePartnerOrganisationId')
  const own = user.memberships.map((m) => m.organisationId)
  const rows = await deps.prisma.careEscalation.findMany({
    where: {
      ...(seesAllApplications(actor)
        ? {}
        : {
            OR: [
              { carePartnerOrganisationId: { in: own } },
              { involvedOrganisationIds: { hasSome: own } },
              { raisedById: user.user.id },
            ],
          }),
      ...(input.carePartnerOrganisationId
        ? { carePartnerOrganisationId: input.carePartnerOrganisationId }
        : {}),
      ...(input.openOnly ? { status: { not: 'RESOLVED' as const } } : {}),
    },
    include: {
      events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
      carePartnerOrganisation: { select: { name: true } },
    },
    orderBy: { raisedAt: 'desc' },
    take: 200,
  })
  const now = deps.clock()
  return rows.map((r) => escalationView(r, actor, now))
}
