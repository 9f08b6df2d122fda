// The HSDA list filters as SQL. Every parameter is one condition and they are joined with AND
// (HSDA: combined parameters narrow the result). Raw SQL rather than a Prisma `where` because the
// folded text match and the distance have no Prisma form; Prisma then loads the page's rows by id.
// Values are always bind parameters; enum and uuid columns are compared as text or cast explicitly,
// since the pg and PGlite adapters send parameters as text.
import { Prisma, type PrismaClient } from '@fsn/db'

export interface ServiceFilter {
  /**
   * The search engine's answer to HSDA's `search`: the matching services, best first. Text
   * matching (typos, macrons, synonyms) is the engine's job; SQL only joins on its ids and keeps
   * their order, so a partner's `search=menatl helth` finds what the directory page finds.
   */
  rankedServiceIds?: string[]
  taxonomyTermId?: string
  taxonomyId?: string
  organisationId?: string
  modifiedAfter?: Date
  /** Services delivered in this region (nationwide, a location there, or a service area there). */
  coversRegionId?: string
  accreditation?: { scheme: string; minimumLevel: number | null; at: Date }
  capacity?: string[]
  culturalFocus?: string[]
  languages?: string[]
  statuses?: string[]
}

export interface LocationFilter {
  regionId?: string
  origin?: { lat: number; lng: number }
  radiusMetres?: number
}

const EARTH_RADIUS_M = 6_371_008.8

/** Conditions over the service `s` and its organisation `o`. */
export function serviceConditions(f: ServiceFilter): Prisma.Sql[] {
  const c: Prisma.Sql[] = []
  if (f.taxonomyTermId) {
    // Our categories map to Open Eligibility terms (equivalentTermId), so a partner filtering by the
    // Open Eligibility term finds the services we file under the matching category.
    const id = f.taxonomyTermId
    c.push(Prisma.sql`EXISTS (SELECT 1 FROM "ServiceTaxonomyTerm" st
      JOIN "TaxonomyTerm" t ON t."id" = st."taxonomyTermId"
      WHERE st."serviceId" = s."id" AND (t."id" = ${id}::uuid OR t."equivalentTermId" = ${id}::uuid))`)
  }
  if (f.taxonomyId) {
    const id = f.taxonomyId
    c.push(Prisma.sql`EXISTS (SELECT 1 FROM "ServiceTaxonomyTerm" st
      JOIN "TaxonomyTerm" t ON t."id" = st."taxonomyTermId"
      LEFT JOIN "TaxonomyTerm" e ON e."id" = t."equivalentTermId"
      WHERE st."serviceId" = s."id" AND (t."taxonomyId" = ${id}::uuid OR e."taxonomyId" = ${id}::uuid))`)
  }
  if (f.organisationId) c.push(Prisma.sql`s."organisationId" = ${f.organisationId}::uuid`)
  if (f.modifiedAfter) {
    // Matches HSDS last_modified: the service, its organisation or one of its locations changed.
    const t = f.modifiedAfter.toISOString()
    c.push(Prisma.sql`(s."updatedAt" >= ${t}::timestamptz OR o."updatedAt" >= ${t}::timestamptz
      OR EXISTS (SELECT 1 FROM "ServiceAtLocation" sl JOIN "Location" ml ON ml."id" = sl."locationId"
        WHERE sl."serviceId" = s."id" AND ml."updatedAt" >= ${t}::timestamptz))`)
  }
  if (f.coversRegionId) {
    const r = f.coversRegionId
    c.push(Prisma.sql`(s."nationwide"
      OR EXISTS (SELECT 1 FROM "ServiceAtLocation" sl JOIN "Location" rl ON rl."id" = sl."locationId"
        WHERE sl."serviceId" = s."id" AND rl."regionId" = ${r}::uuid)
      OR EXISTS (SELECT 1 FROM "ServiceArea" sa
        LEFT JOIN "TerritorialAuthority" ta ON ta."id" = sa."territorialAuthorityId"
        WHERE sa."serviceId" = s."id" AND (sa."regionId" = ${r}::uuid OR ta."regionId" = ${r}::uuid)))`)
  }
  if (f.accreditation) {
    // Same test as routing (packages/domain check-routing): active or provisional, in date.
    const { scheme, minimumLevel, at } = f.accreditation
    const t = at.toISOString()
    c.push(Prisma.sql`EXISTS (SELECT 1 FROM "Accreditation" a WHERE a."organisationId" = s."organisationId"
      AND a."scheme"::text = ${scheme} AND a."status"::text IN ('ACTIVE', 'PROVISIONAL')
      AND a."validFrom" <= ${t}::timestamptz AND (a."validTo" IS NULL OR a."validTo" > ${t}::timestamptz)
      ${minimumLevel === null ? Prisma.empty : Prisma.sql`AND a."level" >= ${minimumLevel}::int`})`)
  }
  if (f.capacity?.length) c.push(Prisma.sql`s."capacityStatus"::text = ANY(${f.capacity}::text[])`)
  if (f.culturalFocus?.length) {
    c.push(
      Prisma.sql`EXISTS (SELECT 1 FROM unnest(s."culturalFocus") cf
        WHERE cf::text = ANY(${f.culturalFocus}::text[]))`,
    )
  }
  if (f.languages?.length) {
    c.push(Prisma.sql`EXISTS (SELECT 1 FROM "Language" lg WHERE lower(lg."code") = ANY(${f.languages}::text[])
      AND (lg."serviceId" = s."id" OR lg."locationId" IN (
        SELECT sl."locationId" FROM "ServiceAtLocation" sl WHERE sl."serviceId" = s."id")))`)
  }
  if (f.statuses?.length) c.push(Prisma.sql`s."status"::text = ANY(${f.statuses}::text[])`)
  return c
}

/** With a search: only the engine's matches, each with its rank (1 = best) as m."rank". */
function rankJoin(filter: ServiceFilter): Prisma.Sql {
  if (!filter.rankedServiceIds) return Prisma.empty
  return Prisma.sql`JOIN unnest(${filter.rankedServiceIds}::uuid[]) WITH ORDINALITY AS m("id", "rank")
    ON m."id" = s."id"`
}

const where = (conditions: Prisma.Sql[]) =>
  conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty

export interface IdPage {
  total: number
  rows: { id: string; distance: number | null }[]
}

/** One page of service ids in name order, and how many match in all. */
export async function findServiceIds(
  prisma: PrismaClient,
  filter: ServiceFilter,
  page: { limit: number; offset: number },
): Promise<IdPage> {
  const w = where(serviceConditions(filter))
  const from = Prisma.sql`FROM "Service" s JOIN "Organisation" o ON o."id" = s."organisationId"
    ${rankJoin(filter)} ${w}`
  const order = filter.rankedServiceIds ? Prisma.sql`m."rank", s."id"` : Prisma.sql`s."name", s."id"`
  const [count, rows] = await Promise.all([
    prisma.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS "total" ${from}`,
    prisma.$queryRaw<{ id: string }[]>`SELECT s."id"::text AS "id" ${from}
      ORDER BY ${order} LIMIT ${page.limit}::int OFFSET ${page.offset}::int`,
  ])
  return { total: count[0]?.total ?? 0, rows: rows.map((r) => ({ id: r.id, distance: null })) }
}

/** Great-circle distance in metres from the origin to the location `l` (null without coordinates). */
function distanceSql(origin: { lat: number; lng: number }): Prisma.Sql {
  const { lat, lng } = origin
  return Prisma.sql`(2 * ${EARTH_RADIUS_M}::float8 * asin(least(1, sqrt(
    power(sin(radians(l."latitude" - ${lat}::float8) / 2), 2)
    + cos(radians(${lat}::float8)) * cos(radians(l."latitude"))
      * power(sin(radians(l."longitude" - ${lng}::float8) / 2), 2)))))`
}

/**
 * One page of service_at_location ids. With an origin, nearest first (locations without coordinates
 * last); with a radius too, only those within it, prefiltered by a bounding box so the distance is
 * computed for nearby rows only.
 */
export async function findServiceAtLocationIds(
  prisma: PrismaClient,
  filter: ServiceFilter,
  location: LocationFilter,
  page: { limit: number; offset: number },
): Promise<IdPage> {
  const c = serviceConditions(filter)
  if (location.regionId) c.push(Prisma.sql`l."regionId" = ${location.regionId}::uuid`)
  const distance = location.origin ? distanceSql(location.origin) : Prisma.sql`NULL::float8`
  if (location.origin && location.radiusMetres !== undefined) {
    const { lat, lng } = location.origin
    const dLat = location.radiusMetres / 111_000 + 0.01
    const dLng = dLat / Math.max(0.05, Math.cos((lat * Math.PI) / 180))
    c.push(Prisma.sql`l."latitude" BETWEEN ${lat - dLat}::float8 AND ${lat + dLat}::float8`)
    // A box crossing the antimeridian (the Chatham Islands) is not a simple range; skip that prefilter.
    if (lng - dLng > -180 && lng + dLng < 180) {
      c.push(Prisma.sql`l."longitude" BETWEEN ${lng - dLng}::float8 AND ${lng + dLng}::float8`)
    }
    c.push(Prisma.sql`${distance} <= ${location.radiusMetres}::float8`)
  }
  const from = Prisma.sql`FROM "ServiceAtLocation" sal JOIN "Service" s ON s."id" = sal."serviceId"
    JOIN "Organisation" o ON o."id" = s."organisationId" ${rankJoin(filter)}
    JOIN "Location" l ON l."id" = sal."locationId" ${where(c)}`
  const then = filter.rankedServiceIds ? Prisma.sql`m."rank", l."name"` : Prisma.sql`s."name", l."name"`
  const order = location.origin
    ? Prisma.sql`ORDER BY "distance" ASC NULLS LAST, ${then}, sal."id"`
    : Prisma.sql`ORDER BY ${then}, sal."id"`
  const [count, rows] = await Promise.all([
    prisma.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS "total" ${from}`,
    prisma.$queryRaw<
      { id: string; distance: number | null }[]
    >`SELECT sal."id"::text AS "id", ${distance} AS "distance"
      ${from} ${order} LIMIT ${page.limit}::int OFFSET ${page.offset}::int`,
  ])
  return {
    total: count[0]?.total ?? 0,
    rows: rows.map((r) => ({ id: r.id, distance: r.distance === null ? null : Number(r.distance) })),
  }
}

/** Centre of a postcode, from the coordinates of the locations we list there, and its main region. */
export async function postcodeCentre(
  prisma: PrismaClient,
  postcode: string,
): Promise<{ lat: number; lng: number; regionId: string } | null> {
  const rows = await prisma.$queryRaw<{ lat: number | null; lng: number | null; regionId: string | null }[]>`
    SELECT avg(l."latitude")::float8 AS "lat", avg(l."longitude")::float8 AS "lng",
      (SELECT r."regionId"::text FROM "Location" r WHERE r."postcode" = ${postcode}
        GROUP BY r."regionId" ORDER BY count(*) DESC, r."regionId" LIMIT 1) AS "regionId"
    FROM "Location" l
    WHERE l."postcode" = ${postcode} AND l."latitude" IS NOT NULL AND l."longitude" IS NOT NULL`
  const r = rows[0]
  if (!r || r.lat === null || r.lng === null || r.regionId === null) return null
  return { lat: Number(r.lat), lng: Number(r.lng), regionId: r.regionId }
}
