// Partnered Care, the Celebration Process: "an opportunity to share successes and highlight positive
// experiences". Anyone involved records what went well, who is celebrated and when it happened; the
// domain places its sharing at the partner's next community of practice, tracked as a quality cycle
// item the Quality Hub completes when it has been shared. One transaction with its audit record.
import {
  AppError,
  celebrationItem,
  isItemOverdue,
  recordCelebration,
  type Actor,
  type QualityCycleItem,
  type QualityItemKind,
} from '@fsn/domain'
import { randomUUID } from 'node:crypto'
import type { ServiceDeps } from '../context'
import { requireUser } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'
import { isoDate, requireObject, requireUuid } from './load'
import { seesAllApplications } from './read-applications'
import { CARE_PARTNER_NOTIFY, enqueueNotify } from './notify'

const dateOf = (iso: string) => new Date(`${iso}T00:00:00.000Z`)
const sharingKey = (celebrationId: string) => `${celebrationId}:CELEBRATION_SHARING`

export async function recordCareCelebration({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { carePartnerOrganisationId: string; summary: string; who: string; happenedOn?: string | null }
  requestId?: string
}) {
  const user = requireUser(actor)
  requireObject(input, 'input')
  if (typeof input.who !== 'string' || input.who.trim() === '') {
    throw new AppError('VALIDATION_FAILED', 'who: who is required: say who is celebrated', 'who')
  }
  const now = deps.clock()
  const decision = recordCelebration({
    id: randomUUID(),
    actor,
    carePartnerOrganisationId: input.carePartnerOrganisationId,
    summary: input.summary,
    who: input.who,
    happenedOn: input.happenedOn ?? undefined,
    at: now,
  })
  if (!decision.ok) throw decision.error
  const c = decision.celebration
  const raisedBy =
    user.memberships.find((m) => m.organisationId === c.carePartnerOrganisationId) ?? user.memberships[0]
  return deps.prisma.$transaction(async (tx) => {
    const partner = await tx.organisation.findUnique({
      where: { id: c.carePartnerOrganisationId },
      select: { name: true },
    })
    if (!partner) {
      throw new AppError(
        'NOT_FOUND',
        'carePartnerOrganisationId: no such organisation',
        'carePartnerOrganisationId',
      )
    }
    const forums = await tx.qualityCycleItem.findMany({
      where: { organisationId: c.carePartnerOrganisationId, kind: 'COMMUNITY_OF_PRACTICE' },
      orderBy: { dueBy: 'asc' },
    })
    const schedule: QualityCycleItem[] = forums.map((f) => ({
      id: f.key,
      kind: f.kind as QualityItemKind,
      carePartnerOrganisationId: f.organisationId,
      title: f.title,
      dueOn: isoDate(f.dueOn),
      dueBy: f.dueBy,
      assignedRole: f.assignedRole,
      participants: [],
      feedsReconfirmation: false,
      completedAt: f.completedAt,
    }))
    const item = celebrationItem(c, schedule)
    const forum = forums.find(
      (f) => isoDate(f.dueOn) === item.dueOn && f.dueBy.getTime() === item.dueBy.getTime(),
    )
    const row = await tx.careCelebration.create({
      data: {
        id: c.id,
        carePartnerOrganisationId: c.carePartnerOrganisationId,
        summary: c.summary,
        who: c.who ?? input.who.trim(),
        happenedOn: dateOf(c.happenedOn ?? isoDate(now)),
        raisedAt: now,
        raisedById: user.user.id,
        raisedByOrganisationId: raisedBy?.organisationId ?? c.carePartnerOrganisationId,
        communityOfPracticeKey: forum?.key ?? null,
        shareOn: dateOf(item.dueOn),
      },
    })
    await tx.qualityCycleItem.create({
      data: {
        key: sharingKey(c.id),
        organisationId: c.carePartnerOrganisationId,
        applicationId: forum?.applicationId ?? null,
        kind: item.kind,
        title: `${item.title}: ${c.summary.slice(0, 80)}`,
        dueOn: dateOf(item.dueOn),
        dueBy: item.dueBy,
        assignedRole: item.assignedRole,
        participants: [...item.participants],
        sourceId: c.id,
      },
    })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: row.raisedByOrganisationId,
      action: 'care-celebration.record',
      entityType: 'CareCelebration',
      entityId: row.id,
      data: { carePartnerOrganisationId: c.carePartnerOrganisationId, shareOn: item.dueOn },
      requestId,
    })
    await enqueueNotify(
      tx,
      CARE_PARTNER_NOTIFY,
      c.id,
      {
        sourceEventId: `celebration:${c.id}`,
        kind: 'care-celebration.record',
        title: `A celebration for ${partner.name}`,
        body: `A success in partnered care with ${partner.name} was recorded, to share at the community of practice on ${item.dueOn}.`,
        recipients: decision.notifications.map((n) => n.to),
      },
      now,
    )
    return row
  })
}

/** Celebrations the reader may see: all for Oranga Tamariki's care roles, else their organisations'. */
export async function findCareCelebrations({
  deps,
  actor,
  input = {},
}: {
  deps: ServiceDeps
  actor: Actor
  input?: { carePartnerOrganisationId?: string | null; id?: string | null }
}) {
  const user = requireUser(actor)
  if (input.carePartnerOrganisationId != null)
    requireUuid(input.carePartnerOrganisationId, 'carePartnerOrganisationId')
  if (input.id != null) requireUuid(input.id, 'id')
  const own = user.memberships.map((m) => m.organisationId)
  const rows = await deps.prisma.careCelebration.findMany({
    where: {
      ...(seesAllApplications(actor)
        ? {}
        : { OR: [{ carePartnerOrganisationId: { in: own } }, { raisedById: user.user.id }] }),
      ...(input.carePartnerOrganisationId
        ? { carePartnerOrganisationId: input.carePartnerOrganisationId }
        : {}),
      ...(input.id ? { id: input.id } : {}),
    },
    include: { carePartnerOrganisation: { select: { name: true } } },
    orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }],
    take: 200,
  })
  const items = await deps.prisma.qualityCycleItem.findMany({
    where: { key: { in: rows.map((r) => sharingKey(r.id)) } },
  })
  const forumKeys = rows.map((r) => r.communityOfPracticeKey).filter((k): k is string => k !== null)
  const forums = await deps.prisma.qualityCycleItem.findMany({ where: { key: { in: forumKeys } } })
  const now = deps.clock()
  return rows.map((r) => {
    const item = items.find((i) => i.key === sharingKey(r.id))
    const forum = forums.find((f) => f.key === r.communityOfPracticeKey)
    return {
      id: r.id,
      carePartnerOrganisationId: r.carePartnerOrganisationId,
      carePartnerName: r.carePartnerOrganisation.name,
      summary: r.summary,
      who: r.who,
      happenedOn: isoDate(r.happenedOn),
      raisedAt: r.raisedAt,
      raisedByUserId: r.raisedById,
      communityOfPractice: forum ? forum.title : null,
      shareOn: isoDate(r.shareOn),
      sharingItemId: item?.id ?? null,
      sharedAt: item?.completedAt ?? r.sharedAt,
      overdue: item ? isItemOverdue(item, now) : false,
    }
  })
}
export type CareCelebrationView = Awaited<ReturnType<typeof findCareCelebrations>>[number]
