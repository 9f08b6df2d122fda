// The partnered-care quality cycle's dated, assigned items (scheduled when a partner enters step
// four), with what is overdue for the care partner's and the Quality Hub's home pages.
import { AppError, can, isItemOverdue, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { requireUser } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'
import { actorOrganisationId, isoDate, requireUuid } from './load'
import { seesAllApplications } from './read-applications'

export async function findQualityCycleItems({
  deps,
  actor,
  input = {},
}: {
  deps: ServiceDeps
  actor: Actor
  input?: { organisationId?: string | null; overdueOnly?: boolean | null; openOnly?: boolean | null }
}) {
  const user = requireUser(actor)
  if (input.organisationId != null) requireUuid(input.organisationId, 'organisationId')
  const own = user.memberships.map((m) => m.organisationId)
  const now = deps.clock()
  const rows = await deps.prisma.qualityCycleItem.findMany({
    where: {
      ...(seesAllApplications(actor) ? {} : { organisationId: { in: own } }),
      ...(input.organisationId ? { organisationId: input.organisationId } : {}),
      ...(input.openOnly || input.overdueOnly ? { completedAt: null } : {}),
      ...(input.overdueOnly ? { dueBy: { lte: now } } : {}),
    },
    include: { organisation: { select: { name: true } } },
    orderBy: [{ dueBy: 'asc' }, { key: 'asc' }],
    take: 500,
  })
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    organisationId: r.organisationId,
    organisationName: r.organisation.name,
    dueOn: isoDate(r.dueOn),
    dueBy: r.dueBy,
    assignedRole: r.assignedRole,
    participants: r.participants,
    feedsReconfirmation: r.feedsReconfirmation,
    completedAt: r.completedAt,
    overdue: isItemOverdue(r, now),
  }))
}

/** The Quality Hub (which holds the items) marks one done. */
export async function completeQualityCycleItem({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { id: string }
  requestId?: string
}) {
  const user = requireUser(actor)
  requireUuid(input?.id, 'id')
  if (!can(actor, 'care-partner:review')) {
    throw new AppError('FORBIDDEN', 'Only the MPC National Quality Hub may complete quality cycle items.')
  }
  const now = deps.clock()
  return deps.prisma.$transaction(async (tx) => {
    const item = await tx.qualityCycleItem.findUnique({ where: { id: input.id } })
    if (!item) throw new AppError('NOT_FOUND', 'id: no such quality cycle item', 'id')
    if (user.memberships.some((m) => m.organisationId === item.organisationId)) {
      throw new AppError('FORBIDDEN', 'Nobody completes quality items for their own organisation.')
    }
    const { count } = await tx.qualityCycleItem.updateMany({
      where: { id: item.id, completedAt: null },
      data: { completedAt: now, completedById: user.user.id },
    })
    if (count === 0) throw new AppError('CONFLICT', 'This item is already complete.')
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: actorOrganisationId(actor),
      action: 'quality-cycle.complete',
      entityType: 'QualityCycleItem',
      entityId: item.id,
      data: { kind: item.kind, organisationId: item.organisationId },
      requestId,
    })
    return tx.qualityCycleItem.findUniqueOrThrow({ where: { id: item.id } })
  })
}
