// A national administrator allocates money to a community connector's discretionary fund
// (Guidelines, Discretionary Funding: "This fund is made available to each Community Connector").
// The fund is created on first allocation; allocation and balance rise together in one UPDATE, with
// a ledger entry and the audit record in the same transaction.
import { AppError, ZFundAllocationInput, validationError, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { isNationalAdmin, requireUser } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'

export async function allocateFund({
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
  if (!isNationalAdmin(actor)) throw new AppError('FORBIDDEN', 'Only national administrators allocate funds.')
  const parsed = ZFundAllocationInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const p = parsed.data
  const membership = await deps.prisma.membership.findFirst({
    where: { userId: p.connectorId, role: 'COMMUNITY_CONNECTOR', revokedAt: null, user: { active: true } },
    orderBy: { createdAt: 'asc' },
  })
  if (!membership) {
    throw new AppError(
      'VALIDATION_FAILED',
      'connectorId: no active community connector with that id',
      'connectorId',
    )
  }
  const now = deps.clock()
  const adminOrg = user.memberships.find((m) => m.role === 'NATIONAL_ADMIN')?.organisationId ?? null
  return deps.prisma.$transaction(async (tx) => {
    // ON CONFLICT DO NOTHING: two first allocations at once both land on the one fund (an upsert
    // would let the second fail on the unique connectorId).
    await tx.connectorFund.createMany({
      data: [{ connectorId: p.connectorId, organisationId: membership.organisationId, createdAt: now }],
      skipDuplicates: true,
    })
    const fund = await tx.connectorFund.findUniqueOrThrow({ where: { connectorId: p.connectorId } })
    const [after] = await tx.$queryRaw<{ balanceCents: number; allocatedCents: number }[]>`
      UPDATE "ConnectorFund"
         SET "balanceCents" = "balanceCents" + ${p.amountCents},
             "allocatedCents" = "allocatedCents" + ${p.amountCents},
             "updatedAt" = ${now}
       WHERE "id" = ${fund.id}::uuid
   RETURNING "balanceCents", "allocatedCents"`
    if (!after) throw new Error('fund vanished inside its own transaction')
    await tx.fundLedgerEntry.create({
      data: {
        fundId: fund.id,
        kind: 'ALLOCATION',
        amountCents: p.amountCents,
        balanceAfterCents: after.balanceCents,
        byUserId: user.user.id,
        note: p.note || null,
        at: now,
      },
    })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: adminOrg,
      action: 'fund.allocate',
      entityType: 'ConnectorFund',
      entityId: fund.id,
      data: { connectorId: p.connectorId, amountCents: p.amountCents, balanceAfterCents: after.balanceCents },
      requestId,
    })
    return tx.connectorFund.findUniqueOrThrow({ where: { id: fund.id } })
  })
}
