// The one path every later decision on an accreditation takes (renew, suspend, reinstate, revoke):
// the domain says whether the action is open from the stored status; the update is conditional on
// that status, so two administrators deciding at once cannot both succeed; audited in the same
// transaction.
import { AppError, nextAccreditationStatus, type AccreditationAction, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { writeAudit } from '../audit/write-audit'
import { adminOrganisationId } from './record-accreditation'
import { auditData, loadView, requireRegistryKeeper, type AccreditationView } from './view'

export async function decideAccreditation({
  deps,
  actor,
  id,
  action,
  evidenceNote,
  changes = {},
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  id: string
  action: AccreditationAction
  evidenceNote: string
  changes?: { level?: number | null; validTo?: Date | null }
  requestId?: string
}): Promise<AccreditationView> {
  const user = requireRegistryKeeper(actor)
  const now = deps.clock()
  return deps.prisma.$transaction(async (tx) => {
    const current = await tx.accreditation.findUnique({ where: { id } })
    if (!current) throw new AppError('NOT_FOUND', 'No such accreditation.')
    const next = nextAccreditationStatus(current.status, action)
    if (next === null) {
      throw new AppError(
        'CONFLICT',
        `An accreditation that is ${current.status.toLowerCase()} cannot be ${PAST[action]}.`,
        'status',
      )
    }
    const { count } = await tx.accreditation.updateMany({
      where: { id, status: current.status, updatedAt: current.updatedAt },
      data: { status: next, ...changes, evidenceNote, recordedById: user.user.id, updatedAt: now },
    })
    if (count === 0)
      throw new AppError('CONFLICT', 'The accreditation changed meanwhile; reload and try again.', 'status')
    const row = await tx.accreditation.findUniqueOrThrow({ where: { id } })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: adminOrganisationId(actor),
      action: `accreditation.${action.toLowerCase()}`,
      entityType: 'Accreditation',
      entityId: id,
      data: auditData(row, evidenceNote),
      requestId,
    })
    return loadView(tx, id, now)
  })
}

const PAST: Record<AccreditationAction, string> = {
  RENEW: 'renewed',
  SUSPEND: 'suspended',
  REINSTATE: 'reinstated',
  REVOKE: 'revoked',
}
