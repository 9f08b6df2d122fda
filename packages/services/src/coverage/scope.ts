// Who sees which coverage (issue 5): a regional commissioner (coverage:view-region) sees their own
// region with referral details, and the nation as aggregates only (region "NZ"); a national
// administrator (coverage:view-national) sees the nation as aggregates, or drills into one region.
// Everyone else is refused.
import { AppError, NATIONAL_SCOPE, ROLE_CAPABILITIES, can, coverageScope, type Actor } from '@fsn/domain'
import type { PrismaClient } from '@fsn/db'
import { requireUser } from '../actor-scope'

/** The `region` value that asks for the whole country (aggregates only). */
export const NATIONAL_REGION_CODE = 'NZ'

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
  const nation = regionCode?.toUpperCase() === NATIONAL_REGION_CODE
  if (regionCode && !nation) {
    requested = await prisma.region.findUnique({
      where: { code: regionCode },
      select: { id: true, code: true, name: true },
    })
    if (!requested)
      throw new AppError('VALIDATION_FAILED', `region: no region with code "${regionCode}"`, 'region')
  }
  const scope = coverageScope({ regional, national }, nation ? NATIONAL_SCOPE : (requested?.id ?? null))
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
