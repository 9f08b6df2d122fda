// The Meilisearch adapter (used when MEILI_URL is set), through the official `meilisearch` client.
// The same settings file drives it as drives the embedded engine; the translation of settings and
// queries into Meilisearch's terms is pure and unit-tested, since no server runs in CI here.
//
// Two things Meilisearch does not do the way the port needs, and how they are bridged:
// - Tiers: stale, full and inactive listings rank below current ones whatever their relevance.
//   Staleness depends on the clock, so no stored rank can express it; each search asks twice in one
//   multi-search, current listings and the rest, and pages across the two.
// - Open now: hours are stored as the quarter-hour slots of the week a listing is open
//   (openSlots), so 'open at 10:40 on Tuesday' is the equality filter `openSlots = 106`.
import {
  Meilisearch,
  type Filter,
  type Hit,
  type MultiSearchQuery,
  type MultiSearchResult,
  type RecordAny,
  type Settings,
} from 'meilisearch'
import { SLOT_MINUTES, openSlots, type SearchDocument } from './document'
import {
  distanceKm,
  listingFlags,
  nzMinuteOfWeek,
  parseSearchQuery,
  staleCutoff,
  distinctServiceIds,
  MAX_MATCHING_SERVICE_IDS,
  parseMatchQuery,
  type FacetCounts,
  type ParsedSearchQuery,
  type SearchHit,
  type SearchIndex,
  type SearchResult,
} from './port'
import {
  allStopWords,
  loadSettings,
  type FacetAttribute,
  type FacetName,
  type SearchableAttribute,
  type SearchSettings,
} from './settings'
import { Analyzer, normalise } from './text'

/** Document fields behind each searchable attribute of the settings, in rank order. */
export const SEARCHABLE_FIELDS: Record<SearchableAttribute, string[]> = {
  name: ['name', 'alternateName'],
  categoryNames: ['categoryNames'],
  organisationName: ['organisationName', 'organisationAlternateName'],
  placeNames: ['placeNames'],
  description: ['description'],
}

/** The fields a hit carries back (openSlots and _geo stay in the index). */
export const DOCUMENT_FIELDS = [
  'id',
  'serviceId',
  'organisationId',
  'locationId',
  'name',
  'alternateName',
  'sortName',
  'description',
  'organisationName',
  'organisationAlternateName',
  'categoryCodes',
  'categoryNames',
  'regionCode',
  'regionName',
  'taCode',
  'taName',
  'city',
  'suburb',
  'regionCodes',
  'taCodes',
  'placeNames',
  'lat',
  'lng',
  'accreditations',
  'languages',
  'culturalFocus',
  'deliveryModes',
  'capacity',
  'status',
  'lastVerifiedAt',
  'openingHours',
  'nationwide',
] as const satisfies readonly (keyof SearchDocument)[]

/**
 * Synonym groups in Meilisearch's form: every phrase maps to every other phrase of its groups
 * (Meilisearch synonyms are one-way unless listed both ways). Keys and values are folded, as
 * Meilisearch folds them itself, so 'whānau' and 'whanau' do not become two conflicting keys.
 */
export function toMeiliSynonyms(groups: readonly (readonly string[])[]): Record<string, string[]> {
  const map = new Map<string, Set<string>>()
  for (const group of groups) {
    const phrases = [...new Set(group.map((p) => normalise(p).trim()))]
    for (const p of phrases) {
      const others = map.get(p) ?? new Set<string>()
      for (const o of phrases) if (o !== p) others.add(o)
      map.set(p, others)
    }
  }
  return Object.fromEntries(
    [...map.entries()].filter(([, v]) => v.size > 0).map(([k, v]) => [k, [...v].sort()]),
  )
}

/** settings.json in Meilisearch's settings object. */
export function toMeiliSettings(settings: SearchSettings): Settings {
  const stopWords = allStopWords(settings)
  return {
    searchableAttributes: settings.searchableAttributes.flatMap((a) => SEARCHABLE_FIELDS[a]),
    filterableAttributes: [...settings.filterableAttributes],
    sortableAttributes: [...settings.sortableAttributes],
    rankingRules: [...settings.rankingRules],
    // Both spellings: Meilisearch's documentation does not say whether stop words are folded.
    stopWords: [...new Set([...stopWords, ...stopWords.map(normalise)])].sort(),
    synonyms: toMeiliSynonyms(settings.synonymGroups),
    typoTolerance: {
      enabled: settings.typoTolerance.enabled,
      minWordSizeForTypos: { ...settings.typoTolerance.minWordSizeForTypos },
      disableOnNumbers: settings.typoTolerance.disableOnNumbers,
    },
    faceting: { maxValuesPerFacet: settings.faceting.maxValuesPerFacet },
    pagination: { maxTotalHits: settings.pagination.maxTotalHits },
  }
}

/** What is stored in Meilisearch for a document: _geo, openSlots, and 0 for never verified. */
export function toMeiliDocument(doc: SearchDocument): RecordAny {
  return {
    ...doc,
    lastVerifiedAt: doc.lastVerifiedAt ?? 0,
    openSlots: openSlots(doc.openingHours),
    ...(doc.lat !== null && doc.lng !== null ? { _geo: { lat: doc.lat, lng: doc.lng } } : {}),
  }
}

export function fromMeiliDocument(hit: RecordAny): SearchDocument {
  const doc = Object.fromEntries(DOCUMENT_FIELDS.map((f) => [f, hit[f] ?? null])) as unknown as SearchDocument
  if (!doc.lastVerifiedAt) doc.lastVerifiedAt = null
  return doc
}

/** A string in filter syntax: double-quoted, with backslash and quote escaped. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

const inList = (field: string, values: readonly string[]) => `${field} IN [${values.map(quote).join(', ')}]`

type FilterKey =
  'categoryCodes' | 'accreditation' | 'languages' | 'culturalFocus' | 'deliveryModes' | 'capacity'
const FILTER_FIELDS: Record<FilterKey, FacetAttribute> = {
  categoryCodes: 'categoryCodes',
  accreditation: 'accreditations',
  languages: 'languages',
  culturalFocus: 'culturalFocus',
  deliveryModes: 'deliveryModes',
  capacity: 'capacity',
}

/** The query's filters in Meilisearch filter syntax (undefined when none). */
export function toMeiliFilter(q: ParsedSearchQuery): string | undefined {
  const f = q.filters
  const parts: string[] = []
  for (const key of Object.keys(FILTER_FIELDS) as FilterKey[]) {
    const values = f[key]
    if (values?.length) parts.push(inList(FILTER_FIELDS[key], values))
  }
  const place: string[] = []
  if (f.regionCodes?.length) place.push(inList('regionCodes', f.regionCodes))
  if (f.taCodes?.length) place.push(inList('taCodes', f.taCodes))
  if (q.near) {
    // Meilisearch takes the radius in whole metres.
    place.push(`_geoRadius(${q.near.lat}, ${q.near.lng}, ${Math.round(q.near.radiusKm * 1000)})`)
  }
  if (place.length) {
    const all = place.join(' AND ')
    parts.push(f.includeNationwide ? `((${all}) OR nationwide = true)` : place.length > 1 ? `(${all})` : all)
  }
  if (q.openNow) {
    const slot = Math.floor(nzMinuteOfWeek(q.openNow) / SLOT_MINUTES)
    parts.push(`(status = "ACTIVE" AND openSlots = ${slot})`)
  }
  return parts.length ? parts.join(' AND ') : undefined
}

/** Current listings: ACTIVE, taking people, verified since the cutoff. The rest rank below. */
export function currentTierFilter(cutoff: number): string {
  return `(status = "ACTIVE" AND capacity != "NO_CAPACITY" AND lastVerifiedAt >= ${cutoff})`
}

export interface TierRequests {
  current: MultiSearchQuery
  /** Counts and facets of the lower tier; its hits are fetched with demotedPage when needed. */
  demotedCount: MultiSearchQuery
  demotedPage: (offset: number, limit: number) => MultiSearchQuery
}

/**
 * Search requests for a query. A query whose words are all stop words is a browse, as in the
 * embedded engine, and a browse is ordered by name in both (Meilisearch's own order for an empty
 * query is insertion order, which would differ).
 */
export function toMeiliRequests(
  q: ParsedSearchQuery,
  {
    settings,
    now,
    indexUid,
    browse,
  }: { settings: SearchSettings; now: Date; indexUid: string; browse: boolean },
): TierRequests {
  const base = toMeiliFilter(q)
  const current = currentTierFilter(staleCutoff(now, settings.staleAfterDays))
  const withTier = (tier: string): Filter => (base ? `(${base}) AND ${tier}` : tier)
  const sort =
    q.sort === 'distance' && q.near
      ? [`_geoPoint(${q.near.lat},${q.near.lng}):asc`]
      : q.sort === 'name' || browse
        ? ['sortName:asc']
        : undefined
  const facets = q.facets ? [...new Set(Object.values(settings.facets))] : undefined
  const common: MultiSearchQuery = {
    indexUid,
    q: browse ? '' : q.q,
    matchingStrategy: settings.matchingStrategy,
    attributesToRetrieve: ['_geo', ...DOCUMENT_FIELDS],
    ...(sort ? { sort } : {}),
  }
  return {
    // Page mode: totalHits is exhaustive (up to pagination.maxTotalHits), as the port's total is.
    current: {
      ...common,
      filter: withTier(current),
      page: q.page,
      hitsPerPage: q.perPage,
      ...(facets ? { facets } : {}),
    },
    demotedCount: {
      ...common,
      filter: withTier(`NOT ${current}`),
      page: 1,
      hitsPerPage: 0,
      ...(facets ? { facets } : {}),
    },
    demotedPage: (offset, limit) => ({ ...common, filter: withTier(`NOT ${current}`), offset, limit }),
  }
}

/**
 * Where the page's lower-tier hits start, or null when the page is filled by current listings.
 * The port's page (page, perPage) runs across current listings, then the rest.
 */
export function demotedSlice(
  q: Pick<ParsedSearchQuery, 'page' | 'perPage'>,
  currentTotal: number,
  currentOnPage: number,
  demotedTotal: number,
): { offset: number; limit: number } | null {
  const limit = q.perPage - currentOnPage
  if (limit <= 0 || demotedTotal === 0) return null
  const offset = Math.max(0, (q.page - 1) * q.perPage - currentTotal)
  return offset < demotedTotal ? { offset, limit } : null
}

export function mergeFacets(
  settings: SearchSettings,
  ...distributions: (Record<string, Record<string, number>> | undefined)[]
): FacetCounts {
  const out: FacetCounts = {}
  for (const [name, attribute] of Object.entries(settings.facets) as [FacetName, FacetAttribute][]) {
    const counts: Record<string, number> = {}
    for (const d of distributions) {
      for (const [value, n] of Object.entries(d?.[attribute] ?? {}))
        if (n > 0) counts[value] = (counts[value] ?? 0) + n
    }
    out[name] = counts
  }
  return out
}

export function toSearchHit(hit: Hit, q: ParsedSearchQuery, cutoff: number): SearchHit {
  const document = fromMeiliDocument(hit)
  let km: number | null = null
  if (q.near && document.lat !== null && document.lng !== null) {
    const geoDistance = (hit as RecordAny)._geoDistance
    km =
      typeof geoDistance === 'number'
        ? geoDistance / 1000
        : distanceKm(q.near.lat, q.near.lng, document.lat, document.lng)
    km = Math.round(km * 1000) / 1000
  }
  return { document, distanceKm: km, flags: listingFlags(document, cutoff) }
}

export interface MeilisearchIndexOptions {
  url: string
  apiKey?: string
  /** Index uid (default settings.index). */
  indexUid?: string
  settings?: SearchSettings
  clock?: () => Date
  /** Per-task wait; large reindexes and settings changes take a while. */
  taskTimeoutMs?: number
  batchSize?: number
}

export function createMeilisearchIndex(options: MeilisearchIndexOptions): SearchIndex {
  const settings = options.settings ?? loadSettings()
  const clock = options.clock ?? (() => new Date())
  const indexUid = options.indexUid ?? settings.index
  const client = new Meilisearch({ host: options.url, ...(options.apiKey ? { apiKey: options.apiKey } : {}) })
  const index = client.index(indexUid)
  const analyzer = new Analyzer(settings)
  const timeout = options.taskTimeoutMs ?? 120_000
  const batchSize = options.batchSize ?? 5_000

  const succeeded = async (pending: { waitTask: (o?: { timeout?: number }) => Promise<RecordAny> }) => {
    const task = await pending.waitTask({ timeout })
    if (task.status !== 'succeeded') {
      throw new Error(
        `meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? 'no error given'}`,
      )
    }
    return task
  }

  let ready: Promise<void> | null = null
  const ensureReady = () =>
    (ready ??= (async () => {
      const created = await client.createIndex(indexUid, { primaryKey: 'id' }).waitTask({ timeout })
      if (created.status !== 'succeeded' && created.error?.code !== 'index_already_exists') {
        throw new Error(`meilisearch: cannot create index ${indexUid}: ${created.error?.message}`)
      }
      await succeeded(index.updateSettings(toMeiliSettings(settings)))
    })().catch((e: unknown) => {
      ready = null
      throw e
    }))

  return {
    name: 'meilisearch',
    async upsert(docs) {
      await ensureReady()
      for (let i = 0; i < docs.length; i += batchSize) {
        const batch = docs.slice(i, i + batchSize).map(toMeiliDocument)
        await succeeded(index.addDocuments(batch, { primaryKey: 'id' }))
      }
    },
    async remove(ids) {
      if (ids.length === 0) return
      await ensureReady()
      await succeeded(index.deleteDocuments([...ids]))
    },
    async replaceServices(serviceIds, docs) {
      if (serviceIds.length === 0 && docs.length === 0) return
      await ensureReady()
      // Delete by filter first (serviceId is filterable), then add: Meilisearch runs an index's
      // tasks in order, so a search between the two sees the service briefly absent, never doubled.
      for (let i = 0; i < serviceIds.length; i += 500) {
        const ids = serviceIds.slice(i, i + 500).map((id) => JSON.stringify(id))
        await succeeded(index.deleteDocuments({ filter: `serviceId IN [${ids.join(', ')}]` }))
      }
      for (let i = 0; i < docs.length; i += batchSize) {
        await succeeded(index.addDocuments(docs.slice(i, i + batchSize).map(toMeiliDocument), { primaryKey: 'id' }))
      }
    },
    async matchingServiceIds(input, limit = MAX_MATCHING_SERVICE_IDS) {
      await ensureReady()
      const q = parseMatchQuery(input, limit)
      const browse = analyzer.plan(q.q).clauses.length === 0
      const requests = toMeiliRequests(q, { settings, now: clock(), indexUid, browse })
      // Current listings first, then the lower tier, as search() orders them.
      const { page: _page, hitsPerPage: _hitsPerPage, facets: _facets, ...current } = requests.current
      const out = await client.multiSearch({
        queries: [
          { ...current, offset: 0, limit: q.perPage, attributesToRetrieve: ['serviceId'] },
          { ...requests.demotedPage(0, q.perPage), attributesToRetrieve: ['serviceId'] },
        ],
      })
      const hits = out.results.flatMap((r) => r.hits.map((h) => ({ document: { serviceId: String(h.serviceId) } })))
      return distinctServiceIds(hits, limit)
    },
    async search(input) {
      const started = performance.now()
      await ensureReady()
      const q = parseSearchQuery(input)
      const now = clock()
      const cutoff = staleCutoff(now, settings.staleAfterDays)
      const browse = analyzer.plan(q.q).clauses.length === 0
      const requests = toMeiliRequests(q, { settings, now, indexUid, browse })
      const first = await client.multiSearch({ queries: [requests.current, requests.demotedCount] })
      const [current, demoted] = first.results as [MultiSearchResult<RecordAny>, MultiSearchResult<RecordAny>]
      const currentTotal = current.totalHits ?? 0
      const demotedTotal = demoted.totalHits ?? 0
      const hits = current.hits.map((h) => toSearchHit(h, q, cutoff))
      const slice = demotedSlice(q, currentTotal, hits.length, demotedTotal)
      if (slice) {
        const more = await client.multiSearch({ queries: [requests.demotedPage(slice.offset, slice.limit)] })
        for (const h of more.results[0]?.hits ?? []) hits.push(toSearchHit(h, q, cutoff))
      }
      return {
        hits,
        total: currentTotal + demotedTotal,
        page: q.page,
        perPage: q.perPage,
        facets: q.facets ? mergeFacets(settings, current.facetDistribution, demoted.facetDistribution) : {},
        tookMs: Math.round((performance.now() - started) * 100) / 100,
      } satisfies SearchResult
    },
    async health() {
      try {
        return (await client.isHealthy()) ? 'ok' : 'down'
      } catch {
        return 'down'
      }
    },
    async clear() {
      await ensureReady()
      await succeeded(index.deleteAllDocuments())
    },
    async count() {
      await ensureReady()
      return (await index.getStats()).numberOfDocuments
    },
  }
}
