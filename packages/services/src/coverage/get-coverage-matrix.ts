// The coverage matrix (issue 5): service category x territorial authority for a region or the
// nation, with active accredited services, accredited providers and providers with capacity per
// cell; the gaps and overlaps judged by the domain's rules on those counts. One SQL statement
// aggregates in the database (indexes on ServiceAtLocation, ServiceArea, Location, Accreditation,
// ServiceTaxonomyTerm); only the cells (at most 67 x the categories) come back.
//
// A service counts in an area when it is ACTIVE, not nationwide (phone and online services are
// not local coverage), and delivered there: at a location in the territorial authority, or with a
// service area naming it or its region. Its provider is accredited when it holds a current ACTIVE
// accreditation (validFrom <= now < validTo) and meets every accreditation the service requires.
import { Prisma } from '@fsn/db'
import {
  CATEGORY_TAXONOMY,
  DEFAULT_COVERAGE_RULES,
  gapReason,
  isOverlap,
  validationError,
  type Actor,
  type CoverageRules,
  type GapReason,
} from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { ZCoverageInput, type TCoverageInput } from './inputs'
import { resolveCoverageScope, type ResolvedScope } from './scope'

export interface CoverageCell {
  regionCode: string
  regionName: string
  territorialAuthorityCode: string
  territorialAuthorityName: string
  population: number | null
  categoryCode: string
  categoryName: string
  /** Active services of accredited providers delivered in the area. */
  activeAccreditedServices: number
  /** Distinct accredited providers with an active service of the category in the area. */
  accreditedProviders: number
  /** Of those, providers with a service accepting new people. */
  providersWithCapacity: number
  /** Active services of the category in the area, accredited or not. */
  activeServices: number
  gap: GapReason | null
  overlap: boolean
}

export interface CoverageMatrix {
  scope: ResolvedScope
  asOf: Date
  rules: CoverageRules
  cells: CoverageCell[]
}

interface CellRow {
  regionCode: string
  regionName: string
  taCode: string
  taName: string
  population: number | null
  categoryCode: string
  categoryName: string
  services: number
  providers: number
  withCapacity: number
  allServices: number
}

export function coverageMatrixSql(now: Date, regionId: string | null, category: string | null): Prisma.Sql {
  return Prisma.sql`
    WITH ta AS (
      SELECT t.id, t.code, t.name, t.population, t."regionId", r.code AS "regionCode", r.name AS "regionName"
      FROM "TerritorialAuthority" t JOIN "Region" r ON r.id = t."regionId"
      WHERE (${regionId}::uuid IS NULL OR t."regionId" = ${regionId}::uuid)
    ),
    cat AS (
      SELECT tt.id, tt.code, tt.name
      FROM "TaxonomyTerm" tt JOIN "Taxonomy" tx ON tx.id = tt."taxonomyId"
      WHERE tx.name = ${CATEGORY_TAXONOMY.name} AND (${category}::text IS NULL OR tt.code = ${category}::text)
    ),
    placed AS (
      SELECT sal."serviceId", l."territorialAuthorityId" AS "taId"
        FROM "ServiceAtLocation" sal JOIN "Location" l ON l.id = sal."locationId"
        WHERE l."territorialAuthorityId" IN (SELECT id FROM ta)
      UNION
      SELECT sa."serviceId", sa."territorialAuthorityId" FROM "ServiceArea" sa
        WHERE sa."territorialAuthorityId" IN (SELECT id FROM ta)
      UNION
      SELECT sa."serviceId", ta.id FROM "ServiceArea" sa JOIN ta ON ta."regionId" = sa."regionId"
    ),
    svc AS (
      SELECT s.id, s."organisationId", s."capacityStatus",
        (EXISTS (
           SELECT 1 FROM "Accreditation" a
           WHERE a."organisationId" = s."organisationId" AND a.status = 'ACTIVE'
             AND a."validFrom" <= ${now}::timestamptz AND (a."validTo" IS NULL OR a."validTo" > ${now}::timestamptz))
         AND NOT EXISTS (
           SELECT 1 FROM "RequiredAccreditation" ra
           WHERE ra."serviceId" = s.id AND NOT EXISTS (
             SELECT 1 FROM "Accreditation" a
             WHERE a."organisationId" = s."organisationId" AND a.scheme = ra.scheme AND a.status = 'ACTIVE'
               AND a."validFrom" <= ${now}::timestamptz
               AND (a."validTo" IS NULL OR a."validTo" > ${now}::timestamptz)
               AND (ra."minimumLevel" IS NULL OR COALESCE(a.level, 0) >= ra."minimumLevel")))
        ) AS accredited
      FROM "Service" s
      WHERE s.status = 'ACTIVE' AND NOT s.nationwide AND s.id IN (SELECT "serviceId" FROM placed)
    ),
    cells AS (
      SELECT p."taId", stt."taxonomyTermId" AS "catId",
        count(DISTINCT s.id) FILTER (WHERE s.accredited)::int AS services,
        count(DISTINCT s."organisationId") FILTER (WHERE s.accredited)::int AS providers,
        count(DISTINCT s."organisationId") FILTER (WHERE s.accredited AND s."capacityStatus" = 'ACCEPTING')::int AS "withCapacity",
        count(DISTINCT s.id)::int AS "allServices"
      FROM placed p
      JOIN svc s ON s.id = p."serviceId"
      JOIN "ServiceTaxonomyTerm" stt ON stt."serviceId" = s.id
      WHERE stt."taxonomyTermId" IN (SELECT id FROM cat)
      GROUP BY 1, 2
    )
    SELECT ta."regionCode", ta."regionName", ta.code AS "taCode", ta.name AS "taName", ta.population,
      cat.code AS "categoryCode", cat.name AS "categoryName",
      COALESCE(c.services, 0) AS services, COALESCE(c.providers, 0) AS providers,
      COALESCE(c."withCapacity", 0) AS "withCapacity", COALESCE(c."allServices", 0) AS "allServices"
    FROM ta CROSS JOIN cat
    LEFT JOIN cells c ON c."taId" = ta.id AND c."catId" = cat.id
    ORDER BY ta."regionCode", ta.code, cat.code`
}

export async function getCoverageMatrix({
  deps,
  actor,
  input,
  rules = DEFAULT_COVERAGE_RULES,
}: {
  deps: ServiceDeps
  actor: Actor
  input: TCoverageInput
  rules?: CoverageRules
}): Promise<CoverageMatrix> {
  const parsed = ZCoverageInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const scope = await resolveCoverageScope(deps.prisma, actor, parsed.data.region)
  const now = deps.clock()
  const rows = await deps.prisma.$queryRaw<CellRow[]>(
    coverageMatrixSql(now, scope.regionId, parsed.data.category ?? null),
  )
  const cells = rows.map((r): CoverageCell => {
    const population = r.population === null ? null : Number(r.population)
    const providers = Number(r.providers)
    return {
      regionCode: r.regionCode,
      regionName: r.regionName,
      territorialAuthorityCode: r.taCode,
      territorialAuthorityName: r.taName,
      population,
      categoryCode: r.categoryCode,
      categoryName: r.categoryName,
      activeAccreditedServices: Number(r.services),
      accreditedProviders: providers,
      providersWithCapacity: Number(r.withCapacity),
      activeServices: Number(r.allServices),
      gap: gapReason({ accreditedProviders: providers, population }, rules),
      overlap: isOverlap(providers, rules),
    }
  })
  return { scope, asOf: now, rules, cells }
}

/** The cells that are gaps. */
export async function getCoverageGaps(options: Parameters<typeof getCoverageMatrix>[0]) {
  const m = await getCoverageMatrix(options)
  return { ...m, cells: m.cells.filter((c) => c.gap !== null) }
}

/** The cells where several providers of the same category serve one area. */
export async function getCoverageOverlaps(options: Parameters<typeof getCoverageMatrix>[0]) {
  const m = await getCoverageMatrix(options)
  return { ...m, cells: m.cells.filter((c) => c.overlap) }
}
