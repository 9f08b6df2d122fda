// HSDA reads: the public directory as HSDS 3.0 documents, for the REST endpoints and the export.
// Anyone may read the directory (directory:search is the anonymous capability). Lists are HSDA
// page objects; filters are parsed with the schemas in params.ts and checked against the data
// (an unknown taxonomy term or region is a 400 naming the parameter, not an empty page).
import { AppError, can, validationError, type Actor } from '@fsn/domain'
import type { PrismaClient } from '@fsn/db'
import type { z } from 'zod'
import type { ServiceDeps } from '../../context'
import {
  locationInclude,
  organisationInclude,
  serviceInclude,
  toHsdsLocationListItem,
  toHsdsOrganization,
  toHsdsOrganizationListItem,
  toHsdsService,
  toHsdsServiceAtLocation,
  toHsdsServiceListItem,
  toHsdsTaxonomy,
  toHsdsTaxonomyTerm,
  EXTENSION,
  type ExportContext,
  type HsdsObject,
} from './export'
import {
  ZHsdaOrganizationQuery,
  ZHsdaOrganizationsQuery,
  ZHsdaServiceAtLocationsQuery,
  ZHsdaServicesQuery,
  ZHsdaTaxonomiesQuery,
  ZHsdaTaxonomyTermsQuery,
  type THsdaOrganizationsQuery,
  type THsdaServiceAtLocationsQuery,
  type THsdaServicesQuery,
  type THsdaTaxonomiesQuery,
  type THsdaTaxonomyTermsQuery,
} from './params'
import { findServiceAtLocationIds, findServiceIds, postcodeCentre, type ServiceFilter } from './query'
import { HSDS_VERSION } from './schemas'
import { textMatchSql } from './search-text'
import { askSearchEngine } from '../search-directory'
import { Prisma } from '@fsn/db'

/** HSDA's page object (openapi.json components.schemas.Page) with its contents. */
export interface HsdaPage<T = HsdsObject> {
  total_items: number
  total_pages: number
  page_number: number
  size: number
  first_page: boolean
  last_page: boolean
  empty: boolean
  contents: T[]
}

export function hsdaPage<T>(contents: T[], total: number, page: number, perPage: number): HsdaPage<T> {
  const totalPages = Math.ceil(total / perPage)
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    // HSDA: "The number of entities in the current page."
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  }
}

interface ReadArgs<I> {
  deps: ServiceDeps
  actor: Actor
  input: I
}

function authorise(actor: Actor) {
  if (!can(actor, 'directory:search')) throw new AppError('FORBIDDEN')
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  return parsed.data
}

const notFound = (what: string) => new AppError('NOT_FOUND', `No ${what} with that id.`)
const badParam = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${field}: ${message}`, field)
const csv = (v: string | undefined, map: (x: string) => string = (x) => x) =>
  v ? [...new Set(v.split(',').map((x) => map(x.trim().toLowerCase())))] : undefined

/** The API's description of itself (HSDA `GET /`). */
export function hsdaApiInfo(baseUrl: string) {
  return {
    version: HSDS_VERSION,
    // No formal HSDS profile: our additions are the x_fsn fields and extra parameters, documented
    // in the OpenAPI document.
    openapi_url: `${baseUrl}/api/openapi.json`,
  }
}

// ─── Services ────────────────────────────────────────────────────────────────────────────────────

/** Turns parsed service parameters into a filter, checking the ids and codes they name exist. */
async function serviceFilter(
  deps: ServiceDeps,
  q: z.output<typeof ZHsdaServicesQuery>,
  now: Date,
): Promise<ServiceFilter> {
  const prisma = deps.prisma
  const f: ServiceFilter = {}
  if (q.search) f.rankedServiceIds = await askSearchEngine(() => deps.search.matchingServiceIds({ q: q.search! }))
  if (q.taxonomy_term_id) {
    const term = await prisma.taxonomyTerm.findUnique({
      where: { id: q.taxonomy_term_id },
      select: { id: true },
    })
    if (!term) throw badParam('taxonomy_term_id', 'no taxonomy term with this id')
    f.taxonomyTermId = term.id
  }
  if (q.taxonomy_id) {
    const taxonomy = await prisma.taxonomy.findUnique({ where: { id: q.taxonomy_id }, select: { id: true } })
    if (!taxonomy) throw badParam('taxonomy_id', 'no taxonomy with this id')
    f.taxonomyId = taxonomy.id
  }
  if (q.organization_id) f.organisationId = q.organization_id
  if (q.modified_after) f.modifiedAfter = new Date(q.modified_after)
  if (q.region) f.coversRegionId = await regionIdOf(prisma, q.region)
  if (q.accreditation) {
    const [scheme, level] = q.accreditation.split(':') as [string, string | undefined]
    f.accreditation = { scheme, minimumLevel: level ? Number(level) : null, at: now }
  }
  f.capacity = csv(q.capacity, (x) => x.toUpperCase())
  f.culturalFocus = csv(q.cultural_focus, (x) => x.toUpperCase())
  f.languages = csv(q.language)
  f.statuses = csv(q.status, (x) => x.replace(' ', '_').toUpperCase())
  return f
}

async function regionIdOf(prisma: PrismaClient, code: string): Promise<string> {
  const region = await prisma.region.findFirst({
    where: /^\d{2}$/.test(code) ? { code } : { isoCode: code.toUpperCase() },
    select: { id: true },
  })
  if (!region) throw badParam('region', 'no region with this code')
  return region.id
}

async function loadServices(prisma: PrismaClient, ids: string[]) {
  const rows = await prisma.service.findMany({ where: { id: { in: ids } }, include: serviceInclude })
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.map((id) => byId.get(id)).filter((r) => r !== undefined)
}

/** `GET /services/{id}`: the fully nested service (validates against compiled/service.json). */
export async function getHsdsService({ deps, actor, input }: ReadArgs<{ id: string }>): Promise<HsdsObject> {
  authorise(actor)
  const s = await deps.prisma.service.findUnique({ where: { id: input.id }, include: serviceInclude })
  if (!s) throw notFound('service')
  return toHsdsService(s, { now: deps.clock() })
}

/** `GET /services`: one-to-one service fields (HSDS service_list), or full services with `full`. */
export async function findHsdsServices({
  deps,
  actor,
  input,
}: ReadArgs<THsdaServicesQuery>): Promise<HsdaPage> {
  authorise(actor)
  const now = deps.clock()
  const q = parse(ZHsdaServicesQuery, input)
  const filter = await serviceFilter(deps, q, now)
  const { total, rows } = await findServiceIds(deps.prisma, filter, {
    limit: q.per_page,
    offset: (q.page - 1) * q.per_page,
  })
  const ids = rows.map((r) => r.id)
  let contents: HsdsObject[]
  if (q.full === 'true') {
    contents = (await loadServices(deps.prisma, ids)).map((s) => toHsdsService(s, { now }))
  } else {
    const list = await deps.prisma.service.findMany({
      where: { id: { in: ids } },
      include: { organisation: true, requiredAccreditations: { orderBy: { id: 'asc' } } },
    })
    const byId = new Map(list.map((s) => [s.id, s]))
    contents = ids.flatMap((id) => {
      const s = byId.get(id)
      return s ? [toHsdsServiceListItem(s, s.organisation)] : []
    })
  }
  return hsdaPage(contents, total, q.page, q.per_page)
}

// ─── Service at location ─────────────────────────────────────────────────────────────────────────

/** `GET /service_at_locations/{id}`: the service_at_location with its location and service. */
export async function getHsdsServiceAtLocation({
  deps,
  actor,
  input,
}: ReadArgs<{ id: string }>): Promise<HsdsObject> {
  authorise(actor)
  const sal = await deps.prisma.serviceAtLocation.findUnique({
    where: { id: input.id },
    select: { serviceId: true },
  })
  const s =
    sal && (await deps.prisma.service.findUnique({ where: { id: sal.serviceId }, include: serviceInclude }))
  const doc = s && toHsdsServiceAtLocation(s, input.id, { now: deps.clock() })
  if (!doc) throw notFound('service_at_location')
  return doc
}

/** Where to measure from and how far, from `proximity`, `lat`+`lng`, `postcode` and `proximity_radius`. */
async function proximityOf(prisma: PrismaClient, q: z.output<typeof ZHsdaServiceAtLocationsQuery>) {
  let origin: { lat: number; lng: number } | undefined
  let radiusMetres: number | undefined
  let coversRegionId: string | undefined
  const metres = q.proximity && !q.proximity.includes(',') ? Number(q.proximity) : undefined
  if (q.proximity?.includes(',')) {
    const [lat, lng] = q.proximity.split(',').map(Number) as [number, number]
    if (!(Math.abs(lat) <= 90 && Math.abs(lng) <= 180))
      throw badParam('proximity', 'latitude must be between -90 and 90 and longitude between -180 and 180')
    origin = { lat, lng }
  }
  if (q.lat !== undefined || q.lng !== undefined) {
    if (q.lat === undefined) throw badParam('lat', 'give lat with lng')
    if (q.lng === undefined) throw badParam('lng', 'give lng with lat')
    if (origin) throw badParam('lat', 'give a point as proximity=lat,lng or as lat and lng, not both')
    origin = { lat: q.lat, lng: q.lng }
  }
  if (q.postcode) {
    const centre = await postcodeCentre(prisma, q.postcode)
    if (!centre) throw badParam('postcode', 'no listed locations with this postcode')
    if (!origin) origin = { lat: centre.lat, lng: centre.lng }
    // HSDA: with a postcode and no distance, results are services whose area covers it.
    if (metres === undefined && q.proximity_radius === undefined) coversRegionId = centre.regionId
  }
  if (metres !== undefined) {
    if (!q.postcode && !origin)
      throw badParam('proximity', 'a distance in metres needs a postcode or a point (lat and lng)')
    radiusMetres = metres
  }
  if (q.proximity_radius !== undefined) {
    if (!origin)
      throw badParam('proximity_radius', 'needs a point: proximity=lat,lng, lat and lng, or postcode')
    radiusMetres = q.proximity_radius * 1000
  }
  return { origin, radiusMetres, coversRegionId }
}

/** `GET /service_at_locations`: HSDS service_at_location_list items, nearest first given a point. */
export async function findHsdsServiceAtLocations({
  deps,
  actor,
  input,
}: ReadArgs<THsdaServiceAtLocationsQuery>): Promise<HsdaPage> {
  authorise(actor)
  const now = deps.clock()
  const q = parse(ZHsdaServiceAtLocationsQuery, input)
  const { region, ...serviceParams } = q
  const filter = await serviceFilter(deps, serviceParams, now)
  const { origin, radiusMetres, coversRegionId } = await proximityOf(deps.prisma, q)
  if (coversRegionId) filter.coversRegionId = coversRegionId
  const { total, rows } = await findServiceAtLocationIds(
    deps.prisma,
    filter,
    { regionId: region ? await regionIdOf(deps.prisma, region) : undefined, origin, radiusMetres },
    { limit: q.per_page, offset: (q.page - 1) * q.per_page },
  )
  const ids = rows.map((r) => r.id)
  const distance = new Map(rows.map((r) => [r.id, r.distance]))
  const withDistance = (id: string, doc: HsdsObject): HsdsObject => {
    const d = distance.get(id)
    // HSDS 3.0 has no distance field; the schema allows extra properties, so it is an extension.
    return d === null || d === undefined ? doc : { ...doc, [EXTENSION]: { distance_m: Math.round(d) } }
  }
  let contents: HsdsObject[]
  if (q.full === 'true') {
    const sals = await deps.prisma.serviceAtLocation.findMany({
      where: { id: { in: ids } },
      select: { id: true, serviceId: true },
    })
    const services = new Map(
      (await loadServices(deps.prisma, [...new Set(sals.map((s) => s.serviceId))])).map((s) => [s.id, s]),
    )
    const ctx: ExportContext = { now }
    contents = ids.flatMap((id) => {
      const s = services.get(sals.find((x) => x.id === id)?.serviceId ?? '')
      const doc = s && toHsdsServiceAtLocation(s, id, ctx)
      return doc ? [withDistance(id, doc)] : []
    })
  } else {
    const sals = await deps.prisma.serviceAtLocation.findMany({
      where: { id: { in: ids } },
      include: {
        location: {
          include: {
            region: { select: { code: true, name: true } },
            territorialAuthority: { select: { code: true, name: true } },
          },
        },
        service: { include: { organisation: true, requiredAccreditations: { orderBy: { id: 'asc' } } } },
      },
    })
    const byId = new Map(sals.map((s) => [s.id, s]))
    contents = ids.flatMap((id) => {
      const sal = byId.get(id)
      if (!sal) return []
      const { organisation, ...service } = sal.service
      const doc: HsdsObject = {
        id: sal.id,
        service_id: sal.serviceId,
        location_id: sal.locationId,
        ...(sal.description ? { description: sal.description } : {}),
        location: toHsdsLocationListItem(sal.location),
        service: toHsdsServiceListItem(service, organisation),
      }
      return [withDistance(id, doc)]
    })
  }
  return hsdaPage(contents, total, q.page, q.per_page)
}

// ─── Organisations ───────────────────────────────────────────────────────────────────────────────

async function fullOrganisations(
  prisma: PrismaClient,
  ids: string[],
  fullService: boolean,
  ctx: ExportContext,
) {
  const orgs = await prisma.organisation.findMany({
    where: { id: { in: ids } },
    include: { ...organisationInclude, locations: { include: locationInclude, orderBy: { id: 'asc' } } },
  })
  const serviceRows = fullService
    ? await prisma.service.findMany({
        where: { organisationId: { in: ids } },
        include: serviceInclude,
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      })
    : []
  const lists = fullService
    ? []
    : await prisma.service.findMany({
        where: { organisationId: { in: ids } },
        include: { organisation: true, requiredAccreditations: { orderBy: { id: 'asc' } } },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      })
  const byId = new Map(orgs.map((o) => [o.id, o]))
  return ids.flatMap((id) => {
    const o = byId.get(id)
    if (!o) return []
    // HSDA: the organisation's services as one-to-one fields, or fully nested with full_service.
    const services = fullService
      ? serviceRows.filter((s) => s.organisationId === id).map((s) => toHsdsService(s, ctx))
      : lists.filter((s) => s.organisationId === id).map((s) => toHsdsServiceListItem(s, s.organisation))
    return [toHsdsOrganization(o, ctx, services)]
  })
}

/** `GET /organizations/{id}`: the organisation with its locations and services. */
export async function getHsdsOrganization({
  deps,
  actor,
  input,
}: ReadArgs<{ id: string } & z.input<typeof ZHsdaOrganizationQuery>>): Promise<HsdsObject> {
  authorise(actor)
  const q = parse(ZHsdaOrganizationQuery, { full_service: input.full_service })
  const [doc] = await fullOrganisations(deps.prisma, [input.id], q.full_service === 'true', {
    now: deps.clock(),
  })
  if (!doc) throw notFound('organization')
  return doc
}

/** `GET /organizations`: HSDS organization_list items in name order. */
export async function findHsdsOrganizations({
  deps,
  actor,
  input,
}: ReadArgs<THsdaOrganizationsQuery>): Promise<HsdaPage> {
  authorise(actor)
  const q = parse(ZHsdaOrganizationsQuery, input)
  const w = q.search
    ? Prisma.sql`WHERE ${textMatchSql(q.search, [
        Prisma.sql`o."name"`,
        Prisma.sql`o."alternateName"`,
        Prisma.sql`o."description"`,
      ])}`
    : Prisma.empty
  const [count, rows] = await Promise.all([
    deps.prisma.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS "total" FROM "Organisation" o ${w}`,
    deps.prisma.$queryRaw<{ id: string }[]>`SELECT o."id"::text AS "id" FROM "Organisation" o ${w}
      ORDER BY o."name", o."id" LIMIT ${q.per_page}::int OFFSET ${(q.page - 1) * q.per_page}::int`,
  ])
  const ids = rows.map((r) => r.id)
  let contents: HsdsObject[]
  if (q.full === 'true' || q.full_service === 'true') {
    contents = await fullOrganisations(deps.prisma, ids, q.full_service === 'true', { now: deps.clock() })
  } else {
    const orgs = new Map(
      (await deps.prisma.organisation.findMany({ where: { id: { in: ids } } })).map((o) => [o.id, o]),
    )
    contents = ids.flatMap((id) => {
      const o = orgs.get(id)
      return o ? [toHsdsOrganizationListItem(o)] : []
    })
  }
  return hsdaPage(contents, count[0]?.total ?? 0, q.page, q.per_page)
}

// ─── Taxonomies ──────────────────────────────────────────────────────────────────────────────────

const termInclude = {
  taxonomy: true,
  equivalentTerm: { select: { id: true, code: true, name: true, taxonomyId: true } },
} as const

/** `GET /taxonomies`. */
export async function findHsdsTaxonomies({
  deps,
  actor,
  input,
}: ReadArgs<THsdaTaxonomiesQuery>): Promise<HsdaPage> {
  authorise(actor)
  const q = parse(ZHsdaTaxonomiesQuery, input)
  const all = await deps.prisma.taxonomy.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }] })
  // Two taxonomies today (our categories and Open Eligibility): filtering in memory is enough.
  const words = q.search ? q.search.toLowerCase().split(/\s+/) : []
  const matching = all.filter((t) =>
    words.every((w) => `${t.name} ${t.description}`.toLowerCase().includes(w)),
  )
  const start = (q.page - 1) * q.per_page
  return hsdaPage(
    matching.slice(start, start + q.per_page).map(toHsdsTaxonomy),
    matching.length,
    q.page,
    q.per_page,
  )
}

/** `GET /taxonomies/{id}`. */
export async function getHsdsTaxonomy({ deps, actor, input }: ReadArgs<{ id: string }>): Promise<HsdsObject> {
  authorise(actor)
  const t = await deps.prisma.taxonomy.findUnique({ where: { id: input.id } })
  if (!t) throw notFound('taxonomy')
  return toHsdsTaxonomy(t)
}

/** `GET /taxonomy_terms`: by taxonomy, parent, top level only, and words in name, code or description. */
export async function findHsdsTaxonomyTerms({
  deps,
  actor,
  input,
}: ReadArgs<THsdaTaxonomyTermsQuery>): Promise<HsdaPage> {
  authorise(actor)
  const q = parse(ZHsdaTaxonomyTermsQuery, input)
  const c: Prisma.Sql[] = []
  if (q.taxonomy_id) {
    if (!(await deps.prisma.taxonomy.findUnique({ where: { id: q.taxonomy_id }, select: { id: true } })))
      throw badParam('taxonomy_id', 'no taxonomy with this id')
    c.push(Prisma.sql`t."taxonomyId" = ${q.taxonomy_id}::uuid`)
  }
  if (q.parent_id) {
    if (!(await deps.prisma.taxonomyTerm.findUnique({ where: { id: q.parent_id }, select: { id: true } })))
      throw badParam('parent_id', 'no taxonomy term with this id')
    c.push(Prisma.sql`t."parentId" = ${q.parent_id}::uuid`)
  }
  if (q.top_only === 'true') c.push(Prisma.sql`t."parentId" IS NULL`)
  if (q.search) {
    c.push(
      textMatchSql(q.search, [
        Prisma.sql`t."name"`,
        Prisma.sql`t."nameMi"`,
        Prisma.sql`t."code"`,
        Prisma.sql`t."description"`,
      ]),
    )
  }
  const w = c.length ? Prisma.sql`WHERE ${Prisma.join(c, ' AND ')}` : Prisma.empty
  const [count, rows] = await Promise.all([
    deps.prisma.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS "total" FROM "TaxonomyTerm" t ${w}`,
    deps.prisma.$queryRaw<{ id: string }[]>`SELECT t."id"::text AS "id" FROM "TaxonomyTerm" t ${w}
      ORDER BY t."name", t."id" LIMIT ${q.per_page}::int OFFSET ${(q.page - 1) * q.per_page}::int`,
  ])
  const ids = rows.map((r) => r.id)
  const terms = new Map(
    (await deps.prisma.taxonomyTerm.findMany({ where: { id: { in: ids } }, include: termInclude })).map(
      (t) => [t.id, t],
    ),
  )
  const contents = ids.flatMap((id) => {
    const t = terms.get(id)
    return t ? [toHsdsTaxonomyTerm(t)] : []
  })
  return hsdaPage(contents, count[0]?.total ?? 0, q.page, q.per_page)
}

/** `GET /taxonomy_terms/{id}`. */
export async function getHsdsTaxonomyTerm({
  deps,
  actor,
  input,
}: ReadArgs<{ id: string }>): Promise<HsdsObject> {
  authorise(actor)
  const t = await deps.prisma.taxonomyTerm.findUnique({ where: { id: input.id }, include: termInclude })
  if (!t) throw notFound('taxonomy term')
  return toHsdsTaxonomyTerm(t)
}

// ─── Whole-directory export ──────────────────────────────────────────────────────────────────────

/**
 * Every service as a full HSDS document, in batches so a national directory never sits in memory
 * at once. Keyset paging by id: stable while the directory changes underneath.
 */
export async function* exportHsdsServices({
  deps,
  actor,
  batchSize = 200,
}: {
  deps: ServiceDeps
  actor: Actor
  batchSize?: number
}): AsyncGenerator<{ total: number; done: number; services: HsdsObject[] }> {
  authorise(actor)
  const now = deps.clock()
  const total = await deps.prisma.service.count()
  let done = 0
  let after: string | undefined
  for (;;) {
    const rows = await deps.prisma.service.findMany({
      where: after ? { id: { gt: after } } : {},
      orderBy: { id: 'asc' },
      take: batchSize,
      include: serviceInclude,
    })
    if (rows.length === 0) return
    done += rows.length
    after = rows.at(-1)!.id
    yield { total, done, services: rows.map((s) => toHsdsService(s, { now })) }
  }
}
