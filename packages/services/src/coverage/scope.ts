// Who sees which coverage (issue 5): a regional commissioner (coverage:view-region) sees their own
// region, with referral details; a national administrator (coverage:view-national) sees the
// nation as aggregates only, or drills into one region. Everyone else is refused.
import { AppError, ROLE_CAPABILITIES, can, coverageScope, type Actor } from '@fsn/domain'
import type { PrismaClient } from '@fsn/db'
import { requireUser } from '../actor-scope'

export interface ResolvedScope {
  kind: 'REGION' | 'NATIONAL'
  /** The region's id when kind is REGION. */
  regionId: string | null
  regionCode: string | null
  regionName: string | null
  /** Referral details (one row per referral) are shown only in a region's view. */
  details: boolean
}

export async function resolveCoverageScope(
  prisma: PrismaClient,
  actor: Actor,
  regionCode: string | null | undefined,
): Promise<ResolvedScope> {
  const user = requireUser(actor)
  const national = can(actor, 'coverage:view-national')
  const regional = user.memberships
    .filter((m) => ROLE_CAPABILITIES[m.role].includes('coverage:view-region'))
    .map((m) => m.regionId)
  if (!national && regional.length === 0)
    throw new AppError('FORBIDDEN', 'Coverage is for regional commissioners and national administrators.')
  let requested: { id: string; code: string; name: string } | null = null
  if (regionCode) {
    requested = await prisma.region.findUnique({
      where: { code: regionCode },
      select: { id: true, code: true, name: true },
    })
    if (!requested)
      throw new AppError('VALIDATION_FAILED', `region: no region with code "${regionCode}"`, 'region')
  }
  const scope = coverageScope({ regional, national }, requested?.id ?? null)
  if (scope.kind === 'FORBIDDEN') throw new AppError('FORBIDDEN', scope.reason)
  if (scope.kind === 'NATIONAL')
    return { kind: 'NATIONAL', regionId: null, regionCode: null, regionName: null, details: false }
  const region =
    requested ??
    (await prisma.region.findUniqueOrThrow({
      where: { id: scope.regionId },
      select: { id: true, code: true, name: true },
    }))
  return {
    kind: 'REGION',
    regionId: region.id,
    regionCode: region.code,
    regionName: region.name,
    details: true,
  }
}
