// A referral reaches its region's Regional Lead queue (Guidelines, Service Agreements: "please
// contact your Regional Lead who may escalate it"). Called inside the transaction that escalates
// (the SLA check handler, recordContactAttempt); the unique key (referralId, reason) and
// ON CONFLICT DO NOTHING make it once, whatever runs twice: a handler re-run after a restart, two
// workers claiming the same message, a retried request.
import type { ServiceDeps, Tx } from '../context'

export const REGIONAL_ESCALATION_REASONS = ['SLA_BREACH', 'CONTACT_ATTEMPTS'] as const
export type RegionalEscalationReason = (typeof REGIONAL_ESCALATION_REASONS)[number]

/**
 * Acknowledge within this many elapsed hours, or the item shows as overdue on the lead's home page.
 * Not in the guideline: a starting point, one working day.
 */
export const ACKNOWLEDGE_WITHIN_HOURS = 24

type Db = ServiceDeps['prisma'] | Tx

/** The region the provider delivers this service in, else where the provider is based (as for SLA holidays). */
export async function providerRegionId(
  db: Db,
  serviceId: string,
  organisationId: string,
): Promise<string | null> {
  const atService = await db.serviceAtLocation.findFirst({
    where: { serviceId },
    select: { location: { select: { regionId: true } } },
  })
  if (atService?.location.regionId) return atService.location.regionId
  const own = await db.location.findFirst({ where: { organisationId }, select: { regionId: true } })
  return own?.regionId ?? null
}

/** Opens the queue item; true when this call made it, false when it was already there (or no region). */
export async function openRegionalEscalation(
  tx: Tx,
  input: {
    referralId: string
    serviceId: string
    toOrganisationId: string
    reason: RegionalEscalationReason
    now: Date
  },
): Promise<boolean> {
  const regionId = await providerRegionId(tx, input.serviceId, input.toOrganisationId)
  if (!regionId) return false
  const { count } = await tx.regionalEscalation.createMany({
    data: [
      {
        referralId: input.referralId,
        reason: input.reason,
        regionId,
        openedAt: input.now,
        acknowledgeBy: new Date(input.now.getTime() + ACKNOWLEDGE_WITHIN_HOURS * 3_600_000),
      },
    ],
    skipDuplicates: true,
  })
  return count === 1
}
