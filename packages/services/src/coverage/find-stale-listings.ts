// Stale listings in a region or the nation (issue 5): active services whose listing was not
// verified within the freshness window (180 days, as search/settings.json says), oldest first.
// Directory listings are public, so the national view lists them too. Counted and limited in SQL
// (index Service.lastVerifiedAt).
import { Prisma } from '@fsn/db'
import { DEFAULT_COVERAGE_RULES, validationError, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { ZCoverageInput, type TCoverageInput } from './inputs'
import { resolveCoverageScope } from './scope'

export interface StaleListing {
  serviceId: string
  serviceName: string
  organisationId: string
  organisationName: string
  regionCode: string
  territorialAuthorityCode: string | null
  lastVerifiedAt: Date | null
  daysSinceVerified: number | null
}

const DAY_MS = 86_400_000

export async function findStaleListings({
  deps,
  actor,
  input,
  limit = 500,
}: {
  deps: ServiceDeps
  actor: Actor
  input: TCoverageInput
  limit?: number
}) {
  const parsed = ZCoverageInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const scope = await resolveCoverageScope(deps.prisma, actor, parsed.data.region)
  const now = deps.clock()
  const cutoff = new Date(now.getTime() - DEFAULT_COVERAGE_RULES.staleAfterDays * DAY_MS)
  const category = parsed.data.category ?? null
  // One row per stale service and its first (lowest-coded) territorial authority in scope.
  const rows = await deps.prisma.$queryRaw<
    (Omit<StaleListing, 'daysSinceVerified'> & { total: number })[]
  >(Prisma.sql`
    WITH placed AS (
      SELECT DISTINCT ON (s.id) s.id AS "serviceId", s.name AS "serviceName", o.id AS "organisationId",
        o.name AS "organisationName", r.code AS "regionCode", t.code AS "territorialAuthorityCode",
        s."lastVerifiedAt"
      FROM "Service" s
      JOIN "Organisation" o ON o.id = s."organisationId"
      JOIN "ServiceAtLocation" sal ON sal."serviceId" = s.id
      JOIN "Location" l ON l.id = sal."locationId"
      JOIN "Region" r ON r.id = l."regionId"
      LEFT JOIN "TerritorialAuthority" t ON t.id = l."territorialAuthorityId"
      WHERE s.status = 'ACTIVE'
        AND (s."lastVerifiedAt" IS NULL OR s."lastVerifiedAt" < ${cutoff}::timestamptz)
        AND (${scope.regionId}::uuid IS NULL OR l."regionId" = ${scope.regionId}::uuid)
        AND (${category}::text IS NULL OR EXISTS (
          SELECT 1 FROM "ServiceTaxonomyTerm" stt JOIN "TaxonomyTerm" tt ON tt.id = stt."taxonomyTermId"
          WHERE stt."serviceId" = s.id AND tt.code = ${category}::text))
      ORDER BY s.id, t.code
    )
    SELECT *, (count(*) OVER ())::int AS total FROM placed
    ORDER BY "lastVerifiedAt" ASC NULLS FIRST, "serviceName"
    LIMIT ${limit}`)
  return {
    scope,
    asOf: now,
    staleAfterDays: DEFAULT_COVERAGE_RULES.staleAfterDays,
    total: rows[0] ? Number(rows[0].total) : 0,
    listings: rows.map(({ total: _total, ...r }): StaleListing => ({
      ...r,
      daysSinceVerified: r.lastVerifiedAt
        ? Math.floor((now.getTime() - r.lastVerifiedAt.getTime()) / DAY_MS)
        : null,
    })),
  }
}
