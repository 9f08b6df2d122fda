// Records an accreditation an organisation has been granted (issue 16, item 2). The decision is the
// scheme owner's (MSD for SSAS, Oranga Tamariki for Te Kāhui Kāhu and s396); a national
// administrator records it here with the evidence it rests on, audited in the same transaction.
import {
  AppError,
  lapseInstantOf,
  nzStartOfDate,
  validationError,
  ZRecordAccreditationInput,
  type Actor,
} from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { writeAudit } from '../audit/write-audit'
import { auditData, loadView, requireRegistryKeeper, type AccreditationView } from './view'

export function adminOrganisationId(actor: Actor): string | null {
  return actor.kind === 'user'
    ? (actor.memberships.find((m) => m.role === 'NATIONAL_ADMIN')?.organisationId ?? null)
    : null
}

export async function recordAccreditation({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: unknown
  requestId?: string
}): Promise<AccreditationView> {
  const user = requireRegistryKeeper(actor)
  const parsed = ZRecordAccreditationInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const v = parsed.data
  const now = deps.clock()
  return deps.prisma.$transaction(async (tx) => {
    const org = await tx.organisation.findUnique({ where: { id: v.organisationId }, select: { id: true } })
    if (!org)
      throw new AppError('VALIDATION_FAILED', 'organisationId: no such organisation', 'organisationId')
    const row = await tx.accreditation.create({
      data: {
        organisationId: v.organisationId,
        scheme: v.scheme,
        level: v.level,
        status: v.status ?? 'ACTIVE',
        validFrom: nzStartOfDate(v.validFrom),
        validTo: v.validTo === null ? null : lapseInstantOf(v.validTo),
        evidenceNote: v.evidenceNote,
        recordedById: user.user.id,
        createdAt: now,
        updatedAt: now,
      },
    })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: adminOrganisationId(actor),
      action: 'accreditation.record',
      entityType: 'Accreditation',
      entityId: row.id,
      data: auditData(row, v.evidenceNote),
      requestId,
    })
    return loadView(tx, row.id, now)
  })
}
