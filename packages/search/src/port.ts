// The SearchIndex port: what use cases ask of a search engine. Two adapters implement it, the
// embedded engine (default) and Meilisearch (MEILI_URL); one contract suite holds both to it.
import { CAPACITY_STATUSES, nzLocalParts } from '@fsn/domain'
import { z } from 'zod'
import { CULTURAL_FOCUSES, DELIVERY_MODES, type SearchDocument } from './document'
import type { FacetName } from './settings'

const codes = z.array(z.string().min(1).max(64)).max(100)

export const ZSearchFilters = z.strictObject({
  regionCodes: codes.optional(),
  taCodes: codes.optional(),
  categoryCodes: codes.optional(),
  /** Facet values: 'MSD_SSAS' (any level) or 'MSD_SSAS:3' (that level); see accreditationAtLeast. */
  accreditation: codes.optional(),
  languages: codes.optional(),
  culturalFocus: z.array(z.enum(CULTURAL_FOCUSES)).optional(),
  deliveryModes: z.array(z.enum(DELIVERY_MODES)).optional(),
  capacity: z.array(z.enum(CAPACITY_STATUSES)).optional(),
  /**
   * Place filters (region, territorial authority, near) also let nationwide listings through: a
   * phone line serves Porirua as well as anywhere. Off by default so a filter means what it says.
   */
  includeNationwide: z.boolean().optional(),
})

export const ZNear = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  radiusKm: z.number().positive().max(2000),
})

export const ZSearchQuery = z
  .strictObject({
    q: z.string().max(200).default(''),
    filters: ZSearchFilters.default({}),
    /** Only listings open at this instant (hours are NZ local time; computed in Pacific/Auckland). */
    openNow: z.date().optional(),
    /** Only listings within radiusKm of the point, each hit with its distanceKm. */
    near: ZNear.optional(),
    sort: z.enum(['relevance', 'distance', 'name']).default('relevance'),
    page: z.int().min(1).max(10_000).default(1),
    perPage: z.int().min(1).max(100).default(20),
    facets: z.boolean().default(false),
  })
  .refine((q) => q.sort !== 'distance' || q.near !== undefined, {
    message: 'sort by distance needs a point (near)',
    path: ['sort'],
  })

export type SearchQuery = z.input<typeof ZSearchQuery>
export type ParsedSearchQuery = z.output<typeof ZSearchQuery>
export type SearchFilters = z.output<typeof ZSearchFilters>

/** Why a listing is ranked below current ones (it is still returned, flagged, never hidden). */
export type ListingFlag = 'stale' | 'no-capacity' | 'inactive'

export interface SearchHit {
  document: SearchDocument
  /** Kilometres from `near`, when the query has a point and the listing a location. */
  distanceKm: number | null
  flags: ListingFlag[]
}

export type FacetCounts = Partial<Record<FacetName, Record<string, number>>>

export interface SearchResult {
  hits: SearchHit[]
  total: number
  page: number
  perPage: number
  /** Counts over every hit of the query with its filters (not just this page); empty unless asked. */
  facets: FacetCounts
  tookMs: number
}

export interface SearchIndex {
  /** 'embedded:minisearch', 'meilisearch', ... */
  readonly name: string
  /** Adds or replaces documents by id. */
  upsert(docs: readonly SearchDocument[]): Promise<void>
  remove(ids: readonly string[]): Promise<void>
  search(query: SearchQuery): Promise<SearchResult>
  /**
   * Every service (not listing) matching the query and its filters, best first, distinct, up to
   * `limit`: for callers that combine the engine's text match with conditions it does not index
   * (HSDA's modified_after, taxonomy ids) in SQL. Paging and facets of the query are ignored.
   */
  matchingServiceIds(query: SearchQuery, limit?: number): Promise<string[]>
  /**
   * Makes the index hold exactly `docs` for these services: their other documents (a location
   * removed, the service made DEFUNCT or deleted) go. The indexer's one write.
   */
  replaceServices(serviceIds: readonly string[], docs: readonly SearchDocument[]): Promise<void>
  health(): Promise<'ok' | 'down'>
  clear(): Promise<void>
  count(): Promise<number>
}

// ─── Rules both adapters share ───────────────────────────────────────────────────────────────────

const DAY_MS = 86_400_000

/**
 * Guidelines, Family services directory: providers must keep their listing up to date. A listing
 * not verified within staleAfterDays is stale: shown below current ones, flagged, never hidden.
 */
export function staleCutoff(now: Date, staleAfterDays: number): number {
  return now.getTime() - staleAfterDays * DAY_MS
}

export function listingFlags(doc: SearchDocument, cutoff: number): ListingFlag[] {
  const flags: ListingFlag[] = []
  if (doc.lastVerifiedAt === null || doc.lastVerifiedAt < cutoff) flags.push('stale')
  if (doc.capacity === 'NO_CAPACITY') flags.push('no-capacity')
  if (doc.status !== 'ACTIVE') flags.push('inactive')
  return flags
}

/** Minutes since Monday 00:00 in New Zealand at an instant (daylight saving included). */
export function nzMinuteOfWeek(at: Date): number {
  const p = nzLocalParts(at)
  return ((p.weekday + 6) % 7) * 1440 + p.hour * 60 + p.minute
}

/**
 * Open at a minute of the week. A service that is not ACTIVE is not open, whatever its hours say;
 * a listing without hours is never 'open now' (we cannot say it is).
 */
export function isOpenAt(doc: SearchDocument, minuteOfWeek: number): boolean {
  if (doc.status !== 'ACTIVE') return false
  for (const [a, b] of doc.openingHours) if (a <= minuteOfWeek && minuteOfWeek < b) return true
  return false
}

const EARTH_RADIUS_KM = 6371.0088

/** Great-circle distance (haversine), as Meilisearch computes _geoDistance. */
export function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180
  const dLat = (lat2 - lat1) * rad
  const dLng = (lng2 - lng1) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

export function parseSearchQuery(query: SearchQuery): ParsedSearchQuery {
  return ZSearchQuery.parse(query)
}

/** matchingServiceIds' default and ceiling: more than any region holds, far below a national scan. */
export const MAX_MATCHING_SERVICE_IDS = 100_000

/** The query matchingServiceIds runs: all of it on one page, no facets, relevance order. */
export function parseMatchQuery(query: SearchQuery, limit: number): ParsedSearchQuery {
  const q = ZSearchQuery.parse({ ...query, page: 1, perPage: 1, facets: false })
  return { ...q, perPage: Math.max(1, Math.min(limit, MAX_MATCHING_SERVICE_IDS)) }
}

export function distinctServiceIds(hits: readonly { document: Pick<SearchDocument, 'serviceId'> }[], limit: number): string[] {
  const seen = new Set<string>()
  for (const h of hits) {
    if (seen.size >= limit) break
    seen.add(h.document.serviceId)
  }
  return [...seen]
}
