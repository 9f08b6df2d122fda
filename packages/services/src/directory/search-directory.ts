// The directory search everyone uses (anonymous visitors included): words, facet filters with
// counts, open now, near a point or a postcode. The engine (embedded or Meilisearch) answers; this
// use case validates the input, resolves a postcode to a point, and labels facet values for people.
import {
  AppError,
  CAPACITY_STATUSES,
  CATEGORY_TAXONOMY,
  LANGUAGES,
  SCHEMES,
  can,
  validationError,
  type AccreditationScheme,
  type Actor,
} from '@fsn/domain'
import {
  CULTURAL_FOCUSES,
  DELIVERY_MODES,
  FACET_NAMES,
  isOpenAt,
  nzMinuteOfWeek,
  ZNear,
  type FacetName,
  type ListingFlag,
  type SearchDocument,
  type SearchQuery,
} from '@fsn/search'
import { z } from 'zod'
import type { ServiceDeps } from '../context'
import { postcodeCentre } from './hsds/query'

const codes = (pattern: RegExp, what: string) =>
  z.array(z.string().regex(pattern, `must be ${what}`)).max(100).optional()

export const ZSearchDirectoryInput = z.strictObject({
  q: z.string().max(200).optional(),
  regionCodes: codes(/^\d{2}$/, 'a two-digit region code (e.g. 09)'),
  taCodes: codes(/^\d{3}$/, 'a three-digit territorial authority code (e.g. 047)'),
  categoryCodes: codes(/^[a-z0-9-]{1,64}$/, 'a category code'),
  accreditation: codes(/^(MSD_SSAS|TE_KAHUI_KAHU|OT_S396)(:\d)?$/, 'a scheme, or scheme:level (e.g. MSD_SSAS:3)'),
  languages: codes(/^[a-z]{2,3}$/, 'an ISO 639 language code (e.g. mi)'),
  culturalFocus: z.array(z.enum(CULTURAL_FOCUSES)).max(10).optional(),
  deliveryModes: z.array(z.enum(DELIVERY_MODES)).max(10).optional(),
  capacity: z.array(z.enum(CAPACITY_STATUSES)).max(10).optional(),
  includeNationwide: z.boolean().optional(),
  openNow: z.boolean().optional(),
  near: ZNear.optional(),
  /** A NZ postcode: the point is the centre of the locations we list there. Needs radiusKm. */
  postcode: z.string().regex(/^\d{4}$/, 'must be a four-digit NZ postcode').optional(),
  radiusKm: z.number().positive().max(2000).optional(),
  sort: z.enum(['relevance', 'distance', 'name']).optional(),
  page: z.int().min(1).max(10_000).optional(),
  perPage: z.int().min(1).max(100).optional(),
  facets: z.boolean().optional(),
})
export type TSearchDirectoryInput = z.input<typeof ZSearchDirectoryInput>

export interface FacetValue {
  value: string
  label: string
  count: number
  selected: boolean
}

export interface DirectoryHit extends SearchDocument {
  distanceKm: number | null
  flags: ListingFlag[]
  openNow: boolean
  categories: { code: string; name: string; nameMi: string | null }[]
}

export interface DirectorySearchResult {
  total: number
  page: number
  perPage: number
  tookMs: number
  /** The point distances are measured from (given, or a postcode's centre). */
  origin: { lat: number; lng: number } | null
  hits: DirectoryHit[]
  facets: { name: FacetName; values: FacetValue[] }[]
}

// ─── Labels ──────────────────────────────────────────────────────────────────────────────────────

const FIXED_LABELS: Partial<Record<FacetName, Record<string, string>>> = {
  culturalFocus: { KAUPAPA_MAORI: 'Kaupapa Māori', PACIFIC: 'Pacific', ETHNIC_COMMUNITIES: 'Ethnic communities' },
  deliveryMode: { IN_PERSON: 'In person', PHONE: 'Phone', ONLINE: 'Online', OUTREACH: 'Comes to you' },
  capacity: { ACCEPTING: 'Taking new people', WAITLIST: 'Waitlist', NO_CAPACITY: 'Not taking new people' },
  // The same closed list listings are validated against (packages/domain directory/languages).
  language: LANGUAGES,
}

function accreditationLabel(value: string): string {
  const [scheme, level] = value.split(':') as [AccreditationScheme, string | undefined]
  const def = SCHEMES[scheme]
  if (!def) return value
  const short = scheme === 'MSD_SSAS' ? 'MSD accredited' : scheme === 'TE_KAHUI_KAHU' ? 'Te Kāhui Kāhu' : 's396 care partner'
  return level ? `${short}, Level ${level}` : short
}

interface ReferenceLabels {
  regions: Map<string, string>
  tas: Map<string, string>
  categories: Map<string, { code: string; name: string; nameMi: string | null }>
  loadedAt: number
}
// Places and categories change with a migration, not a request: keep them for a few minutes.
const LABELS_TTL_MS = 5 * 60_000
const labelCache = new WeakMap<object, ReferenceLabels>()

async function referenceLabels(deps: ServiceDeps): Promise<ReferenceLabels> {
  const cached = labelCache.get(deps.prisma)
  if (cached && Date.now() - cached.loadedAt < LABELS_TTL_MS) return cached
  const [regions, tas, terms] = await Promise.all([
    deps.prisma.region.findMany({ select: { code: true, name: true } }),
    deps.prisma.territorialAuthority.findMany({ select: { code: true, name: true } }),
    deps.prisma.taxonomyTerm.findMany({
      where: { taxonomy: { name: CATEGORY_TAXONOMY.name } },
      select: { code: true, name: true, nameMi: true },
    }),
  ])
  const labels: ReferenceLabels = {
    regions: new Map(regions.map((r) => [r.code, r.name])),
    tas: new Map(tas.map((t) => [t.code, t.name])),
    categories: new Map(terms.map((t) => [t.code, t])),
    loadedAt: Date.now(),
  }
  labelCache.set(deps.prisma, labels)
  return labels
}

function labelOf(name: FacetName, value: string, labels: ReferenceLabels): string {
  switch (name) {
    case 'region':
      return labels.regions.get(value) ?? value
    case 'territorialAuthority':
      return labels.tas.get(value) ?? value
    case 'category':
      return labels.categories.get(value)?.name ?? value
    case 'accreditation':
      return accreditationLabel(value)
    default:
      return FIXED_LABELS[name]?.[value] ?? value
  }
}

const SELECTED_BY_FACET: Record<FacetName, keyof z.output<typeof ZSearchDirectoryInput>> = {
  region: 'regionCodes',
  territorialAuthority: 'taCodes',
  category: 'categoryCodes',
  accreditation: 'accreditation',
  language: 'languages',
  culturalFocus: 'culturalFocus',
  deliveryMode: 'deliveryModes',
  capacity: 'capacity',
}

/**
 * The engine being unreachable is a 503 the caller can retry, not a 500: directory writes go on
 * (their index updates wait in the outbox) and /health says search is degraded.
 */
export async function askSearchEngine<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask()
  } catch (err) {
    if (err instanceof AppError) throw err
    // A bad query the engine refused would be ours to fix; everything else is the engine's absence.
    if ((err as { name?: string })?.name === 'ZodError') throw err
    throw new AppError('SERVICE_UNAVAILABLE', 'The directory search is unavailable just now. Try again shortly.')
  }
}

// ─── The use case ────────────────────────────────────────────────────────────────────────────────

/** Turns the validated input into the engine's query, resolving a postcode to its point. */
export async function toSearchQuery(
  deps: ServiceDeps,
  input: z.output<typeof ZSearchDirectoryInput>,
): Promise<{ query: SearchQuery; origin: { lat: number; lng: number } | null }> {
  let near = input.near
  if (input.postcode !== undefined) {
    if (near) throw new AppError('VALIDATION_FAILED', 'postcode: give a postcode or a point, not both', 'postcode')
    const centre = await postcodeCentre(deps.prisma, input.postcode)
    if (!centre) {
      throw new AppError('VALIDATION_FAILED', `postcode: no listed location has postcode ${input.postcode}`, 'postcode')
    }
    near = { lat: centre.lat, lng: centre.lng, radiusKm: input.radiusKm ?? 25 }
  } else if (input.radiusKm !== undefined && !near) {
    throw new AppError('VALIDATION_FAILED', 'radiusKm: needs a point (near) or a postcode', 'radiusKm')
  }
  if (input.sort === 'distance' && !near) {
    throw new AppError('VALIDATION_FAILED', 'sort: sorting by distance needs a point (near) or a postcode', 'sort')
  }
  const filters = {
    ...(input.regionCodes ? { regionCodes: input.regionCodes } : {}),
    ...(input.taCodes ? { taCodes: input.taCodes } : {}),
    ...(input.categoryCodes ? { categoryCodes: input.categoryCodes } : {}),
    ...(input.accreditation ? { accreditation: input.accreditation } : {}),
    ...(input.languages ? { languages: input.languages } : {}),
    ...(input.culturalFocus ? { culturalFocus: input.culturalFocus } : {}),
    ...(input.deliveryModes ? { deliveryModes: input.deliveryModes } : {}),
    ...(input.capacity ? { capacity: input.capacity } : {}),
    ...(input.includeNationwide !== undefined ? { includeNationwide: input.includeNationwide } : {}),
  }
  return {
    query: {
      q: input.q ?? '',
      filters,
      ...(input.openNow ? { openNow: deps.clock() } : {}),
      ...(near ? { near } : {}),
      sort: input.sort ?? (near ? 'distance' : 'relevance'),
      page: input.page ?? 1,
      perPage: input.perPage ?? 20,
      facets: input.facets ?? false,
    },
    origin: near ? { lat: near.lat, lng: near.lng } : null,
  }
}

export async function searchDirectory({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: TSearchDirectoryInput
}): Promise<DirectorySearchResult> {
  if (!can(actor, 'directory:search')) throw new AppError('FORBIDDEN')
  const parsed = ZSearchDirectoryInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const { query, origin } = await toSearchQuery(deps, parsed.data)
  const [result, labels] = await Promise.all([askSearchEngine(() => deps.search.search(query)), referenceLabels(deps)])
  const minute = nzMinuteOfWeek(deps.clock())
  return {
    total: result.total,
    page: result.page,
    perPage: result.perPage,
    tookMs: result.tookMs,
    origin,
    hits: result.hits.map((h) => ({
      ...h.document,
      distanceKm: h.distanceKm,
      flags: h.flags,
      openNow: isOpenAt(h.document, minute),
      categories: h.document.categoryCodes.map(
        (code) => labels.categories.get(code) ?? { code, name: code, nameMi: null },
      ),
    })),
    facets: FACET_NAMES.filter((name) => result.facets[name]).map((name) => {
      const selected = new Set<string>((parsed.data[SELECTED_BY_FACET[name]] as string[] | undefined) ?? [])
      const counts = result.facets[name] ?? {}
      // Selected values stay listed (count 0) so a person can always untick what they ticked.
      for (const v of selected) counts[v] ??= 0
      return {
        name,
        values: Object.entries(counts)
          .map(([value, count]) => ({ value, label: labelOf(name, value, labels), count, selected: selected.has(value) }))
          .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
      }
    }),
  }
}
