// One step on a queue item: load it for the lead (locked), check its status, change it, audit it.
// The audit record names the step and the item, never a person's details.
import { AppError, type Actor } from '@fsn/domain'
import type { Prisma } from '@fsn/db'
import type { ServiceDeps, Tx } from '../context'
import { requireUser } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'
import { loadForLead, type RegionalEscalationRow } from './load'
import { viewsOf, type RegionalEscalationView } from './view'

export async function stepRegionalEscalation({
  deps,
  actor,
  escalationId,
  requestId,
  action,
  from,
  change,
}: {
  deps: ServiceDeps
  actor: Actor
  escalationId: unknown
  requestId?: string
  /** Audit action, e.g. 'regional-escalation.acknowledge'. */
  action: string
  /** Statuses the step may start from. */
  from: readonly string[]
  change: (
    row: RegionalEscalationRow,
    ctx: { tx: Tx; now: Date; userId: string },
  ) => Promise<{ data?: Prisma.RegionalEscalationUpdateInput; audit?: Record<string, string | null> }>
}): Promise<RegionalEscalationView> {
  const user = requireUser(actor)
  const now = deps.clock()
  const row = await deps.prisma.$transaction(async (tx) => {
    const current = await loadForLead(tx, actor, escalationId)
    if (!from.includes(current.status)) {
      throw new AppError(
        'CONFLICT',
        `This escalation is ${current.status.toLowerCase()}; it cannot be changed this way.`,
        'status',
      )
    }
    const { data, audit } = await change(current, { tx, now, userId: user.user.id })
    const updated = await tx.regionalEscalation.update({
      where: { id: current.id },
      data: { ...data, version: { increment: 1 } },
    })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: null,
      action,
      entityType: 'RegionalEscalation',
      entityId: current.id,
      data: { referralId: current.referralId, reason: current.reason, ...audit },
      requestId,
    })
    return updated
  })
  return (await viewsOf(deps.prisma, [row], now))[0]!
}
