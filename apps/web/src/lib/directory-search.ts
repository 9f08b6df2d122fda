// The directory search's state, which lives entirely in the URL so every search can be linked,
// bookmarked and run without JavaScript (a GET form). Shared by the page, its load, the JSON
// endpoint and the browser: parse the query string, write it back canonically, and turn it into
// the API's DirectorySearchInput. Nothing here imports server code.
import type { CapacityStatus, ServiceStatus } from './types'

export const CULTURAL_FOCUSES = ['KAUPAPA_MAORI', 'PACIFIC', 'ETHNIC_COMMUNITIES'] as const
export type CulturalFocus = (typeof CULTURAL_FOCUSES)[number]
export const DELIVERY_MODES = ['IN_PERSON', 'PHONE', 'ONLINE', 'OUTREACH'] as const
export type DeliveryMode = (typeof DELIVERY_MODES)[number]
export const CAPACITIES = ['ACCEPTING', 'WAITLIST', 'NO_CAPACITY'] as const satisfies readonly CapacityStatus[]
export const LISTING_FLAGS = ['STALE', 'NO_CAPACITY', 'INACTIVE'] as const
export type ListingFlag = (typeof LISTING_FLAGS)[number]
export const SORTS = ['relevance', 'distance', 'name'] as const
export type Sort = (typeof SORTS)[number]
export type ApiSort = 'RELEVANCE' | 'DISTANCE' | 'NAME'

/** Distances offered in the radius select, km. */
export const RADII = [5, 10, 25, 50, 100, 250] as const
export const DEFAULT_RADIUS = 25
export const PER_PAGE = 20
/** The API pages up to 10,000; far past any real directory, but a typed ?page=99999 stays valid. */
const MAX_PAGE = 500

// ─── The API's answer (packages/graphql/src/schema/search.ts) ──────────────────────────────────

export interface HitCategory {
  code: string
  name: string
  nameMi: string | null
}

export interface DirectoryHit {
  id: string
  serviceId: string
  organisationId: string
  locationId: string | null
  name: string
  description: string
  organisationName: string
  categories: HitCategory[]
  regionCode: string | null
  regionName: string | null
  taCode: string | null
  taName: string | null
  city: string | null
  suburb: string | null
  lat: number | null
  lng: number | null
  distanceKm: number | null
  capacity: CapacityStatus
  status: ServiceStatus
  accreditations: string[]
  languages: string[]
  culturalFocus: CulturalFocus[]
  deliveryModes: DeliveryMode[]
  lastVerifiedAt: string | null
  flags: ListingFlag[]
  nationwide: boolean
  openNow: boolean
}

export const FACET_NAMES = [
  'region',
  'territorialAuthority',
  'category',
  'accreditation',
  'language',
  'culturalFocus',
  'deliveryMode',
  'capacity',
] as const
export type FacetName = (typeof FACET_NAMES)[number]

export interface FacetValue {
  value: string
  label: string
  count: number
  selected: boolean
}

export interface DirectoryFacet {
  name: string
  values: FacetValue[]
}

export interface GeoPoint {
  lat: number
  lng: number
}

export interface DirectorySearchResult {
  total: number
  page: number
  perPage: number
  tookMs: number
  origin: GeoPoint | null
  hits: DirectoryHit[]
  facets: DirectoryFacet[]
}

export interface DirectorySearchInput {
  q?: string
  regionCodes?: string[]
  taCodes?: string[]
  categoryCodes?: string[]
  accreditation?: string[]
  languages?: string[]
  culturalFocus?: CulturalFocus[]
  deliveryModes?: DeliveryMode[]
  capacity?: CapacityStatus[]
  includeNationwide?: boolean
  openNow?: boolean
  near?: { lat: number; lng: number; radiusKm: number }
  postcode?: string
  radiusKm?: number
  sort?: ApiSort
  page?: number
  perPage?: number
  facets?: boolean
}

/** One search as the page shows it: what was asked, the API's answer, and any postcode problem. */
export interface SearchOutcome {
  criteria: SearchCriteria
  result: DirectorySearchResult
  /** Said next to the postcode field: not a postcode, or one we list nothing at. */
  postcodeError: string | null
  /** What the postcode field holds: as typed, even when the search had to leave it out. */
  postcodeTyped: string | null
}

/** No results, for when the search could not run; the page says why. */
export function emptyOutcome(params: URLSearchParams): SearchOutcome {
  const { criteria } = parseCriteria(params)
  return {
    criteria,
    result: { total: 0, page: criteria.page, perPage: PER_PAGE, tookMs: 0, origin: null, hits: [], facets: [] },
    postcodeError: null,
    postcodeTyped: params.get('postcode')?.trim().slice(0, 20) || null,
  }
}

// ─── The state in the URL ───────────────────────────────────────────────────────────────────────

/** The multi-valued filters: URL parameter, the facet it narrows, and what a value may look like. */
export const LIST_PARAMS = {
  region: { facet: 'region', pattern: /^\d{2}$/ },
  ta: { facet: 'territorialAuthority', pattern: /^\d{3}$/ },
  category: { facet: 'category', pattern: /^[a-z0-9-]{1,64}$/ },
  accreditation: { facet: 'accreditation', pattern: /^(?:MSD_SSAS|TE_KAHUI_KAHU|OT_S396)(?::\d)?$/ },
  language: { facet: 'language', pattern: /^[a-z]{2,3}$/ },
  culture: { facet: 'culturalFocus', pattern: /^(?:KAUPAPA_MAORI|PACIFIC|ETHNIC_COMMUNITIES)$/ },
  mode: { facet: 'deliveryMode', pattern: /^(?:IN_PERSON|PHONE|ONLINE|OUTREACH)$/ },
  capacity: { facet: 'capacity', pattern: /^(?:ACCEPTING|WAITLIST|NO_CAPACITY)$/ },
} as const satisfies Record<string, { facet: FacetName; pattern: RegExp }>
export type ListParam = keyof typeof LIST_PARAMS
export const LIST_PARAM_NAMES = Object.keys(LIST_PARAMS) as ListParam[]

/** The URL parameter a facet's values go in. */
export const PARAM_OF_FACET = Object.fromEntries(LIST_PARAM_NAMES.map((p) => [LIST_PARAMS[p].facet, p])) as Record<FacetName, ListParam>

export interface SearchCriteria {
  q: string
  region: string[]
  ta: string[]
  category: string[]
  accreditation: string[]
  language: string[]
  culture: CulturalFocus[]
  mode: DeliveryMode[]
  capacity: CapacityStatus[]
  /** Only listings open at this moment (NZ time, the API decides). */
  open: boolean
  /** Let nationwide (phone and online) listings through place filters. */
  nationwide: boolean
  /** A 4-digit postcode to measure from; wins over `near`. */
  postcode: string | null
  /** A point the browser gave (use my location), rounded to about 100 m. */
  near: GeoPoint | null
  radius: number
  /** The sort asked for; null means the default (nearest first with a place, else best match). */
  sort: Sort | null
  page: number
}

export interface ParsedCriteria {
  criteria: SearchCriteria
  /** The typed postcode when it is not a postcode, to say so next to the field. */
  badPostcode: string | null
}

export const EMPTY_CRITERIA: SearchCriteria = {
  q: '',
  region: [],
  ta: [],
  category: [],
  accreditation: [],
  language: [],
  culture: [],
  mode: [],
  capacity: [],
  open: false,
  nationwide: false,
  postcode: null,
  near: null,
  radius: DEFAULT_RADIUS,
  sort: null,
  page: 1,
}

const MAX_Q = 200
const MAX_VALUES = 50
const POSTCODE = /^\d{4}$/
// Generous bounds around Aotearoa, the Chatham Islands included (east of 180°, given as negative).
const inNz = (lat: number, lng: number) => lat >= -53 && lat <= -28 && ((lng >= 160 && lng <= 180) || (lng >= -180 && lng <= -170))
const TRUE = new Set(['1', 'true', 'on', 'yes'])

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places

function list<T extends string>(params: URLSearchParams, name: ListParam): T[] {
  const { pattern } = LIST_PARAMS[name]
  const seen = new Set<string>()
  for (const raw of params.getAll(name)) {
    // A value may also come comma-separated (a hand-written link): ?region=09,13.
    for (const part of raw.split(',')) {
      const value = part.trim()
      if (value && pattern.test(value) && seen.size < MAX_VALUES) seen.add(value)
    }
  }
  return [...seen].sort() as T[]
}

/**
 * Reads a search from a query string. Anything malformed is dropped rather than sent on, so a
 * mistyped link still shows the directory; only a postcode that is not a postcode is reported.
 * Older links (?category=food&region=09) read the same way.
 */
export function parseCriteria(params: URLSearchParams): ParsedCriteria {
  const q = (params.get('q') ?? '').replace(/\s+/g, ' ').trimStart().slice(0, MAX_Q)
  const typedPostcode = (params.get('postcode') ?? '').replace(/\s+/g, '')
  const postcode = POSTCODE.test(typedPostcode) ? typedPostcode : null
  const lat = Number(params.get('lat'))
  const lng = Number(params.get('lng'))
  const near =
    !postcode && params.get('lat') && params.get('lng') && Number.isFinite(lat) && Number.isFinite(lng) && inNz(lat, lng)
      ? { lat: round(lat, 3), lng: round(lng, 3) }
      : null
  const radiusValue = Number(params.get('radius'))
  const radius = (RADII as readonly number[]).includes(radiusValue) ? radiusValue : DEFAULT_RADIUS
  const sortValue = params.get('sort')
  const sort = (SORTS as readonly string[]).includes(sortValue ?? '') ? (sortValue as Sort) : null
  const pageValue = Number(params.get('page'))
  const page = Number.isInteger(pageValue) && pageValue >= 1 ? Math.min(pageValue, MAX_PAGE) : 1
  return {
    criteria: {
      q: q.trimEnd() === '' ? '' : q,
      region: list(params, 'region'),
      ta: list(params, 'ta'),
      category: list(params, 'category'),
      accreditation: list(params, 'accreditation'),
      language: list(params, 'language'),
      culture: list<CulturalFocus>(params, 'culture'),
      mode: list<DeliveryMode>(params, 'mode'),
      capacity: list<CapacityStatus>(params, 'capacity'),
      open: TRUE.has(params.get('open') ?? ''),
      nationwide: TRUE.has(params.get('nationwide') ?? ''),
      postcode,
      near,
      radius,
      sort,
      page,
    },
    badPostcode: typedPostcode && !postcode ? typedPostcode.slice(0, 20) : null,
  }
}

export const hasPlace = (c: SearchCriteria): boolean => c.postcode !== null || c.near !== null

/** The sort the search runs with: nearest first when there is a place, unless another was chosen. */
export function effectiveSort(c: SearchCriteria): Sort {
  if (c.sort === 'distance') return hasPlace(c) ? 'distance' : 'relevance'
  return c.sort ?? (hasPlace(c) ? 'distance' : 'relevance')
}

/** The canonical query string for a search: defaults left out, values in a stable order. */
export function criteriaToParams(c: SearchCriteria): URLSearchParams {
  const params = new URLSearchParams()
  if (c.q.trim()) params.set('q', c.q.trim())
  for (const name of LIST_PARAM_NAMES) for (const value of c[name]) params.append(name, value)
  if (c.open) params.set('open', '1')
  if (c.nationwide) params.set('nationwide', '1')
  if (c.postcode) params.set('postcode', c.postcode)
  else if (c.near) {
    params.set('lat', String(c.near.lat))
    params.set('lng', String(c.near.lng))
  }
  if (hasPlace(c) && c.radius !== DEFAULT_RADIUS) params.set('radius', String(c.radius))
  if (c.sort && c.sort !== (hasPlace(c) ? 'distance' : 'relevance')) params.set('sort', c.sort)
  if (c.page > 1) params.set('page', String(c.page))
  return params
}

/** '?…' or '' for a search, for links. */
export function searchQuery(c: SearchCriteria): string {
  const query = criteriaToParams(c).toString()
  return query ? `?${query}` : ''
}

export function isFiltered(c: SearchCriteria): boolean {
  return criteriaToParams({ ...c, page: 1 }).toString() !== ''
}

/** The API's input for a search; facets are always asked for (the page shows them). */
export function criteriaToInput(c: SearchCriteria, perPage = PER_PAGE): DirectorySearchInput {
  const input: DirectorySearchInput = { page: c.page, perPage, facets: true }
  if (c.q.trim()) input.q = c.q.trim()
  if (c.region.length) input.regionCodes = c.region
  if (c.ta.length) input.taCodes = c.ta
  if (c.category.length) input.categoryCodes = c.category
  if (c.accreditation.length) input.accreditation = c.accreditation
  if (c.language.length) input.languages = c.language
  if (c.culture.length) input.culturalFocus = c.culture
  if (c.mode.length) input.deliveryModes = c.mode
  if (c.capacity.length) input.capacity = c.capacity
  if (c.open) input.openNow = true
  if (c.nationwide) input.includeNationwide = true
  if (c.postcode) {
    input.postcode = c.postcode
    input.radiusKm = c.radius
  } else if (c.near) {
    input.near = { lat: c.near.lat, lng: c.near.lng, radiusKm: c.radius }
  }
  input.sort = effectiveSort(c).toUpperCase() as ApiSort
  return input
}

/** A search with one filter's values replaced; back to the first page, as any new search is. */
export function withValues(c: SearchCriteria, name: ListParam, values: readonly string[]): SearchCriteria {
  return { ...c, [name]: [...new Set(values)].sort(), page: 1 }
}

/**
 * What choosing a region on the map does: show only that region, or, when it is already the only
 * region chosen, show every region again.
 */
export function toggleRegion(c: SearchCriteria, code: string): SearchCriteria {
  const only = c.region.length === 1 && c.region[0] === code
  return withValues(c, 'region', only ? [] : [code])
}

/** How far away: "3.2 km", one decimal place whatever the distance ("0.4 km", "41.0 km"). */
export function formatDistance(km: number): string {
  return `${km.toFixed(1)} km`
}
