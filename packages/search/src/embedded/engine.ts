// The embedded search engine: in-process, no server, the default (Architecture: "embedded search
// serves a region on a laptop"). A full-text index scores words; everything a directory needs
// around it is here: the query plan (synonyms, typos, prefix), facet filters as bit sets, place and
// geo filters, 'open now' in New Zealand time, facet counts, and the ranking tiers that put stale,
// full and closed listings below current ones without hiding them.
// What every query reads for every candidate is kept in typed columns and bit sets: at 100,000
// listings, reading object properties by name is what would blow the 10 ms budget.
import { SLOT_MINUTES, WEEK_MINUTES, type SearchDocument } from '../document'
import {
  distanceKm,
  distinctServiceIds,
  listingFlags,
  MAX_MATCHING_SERVICE_IDS,
  nzMinuteOfWeek,
  parseMatchQuery,
  parseSearchQuery,
  staleCutoff,
  type FacetCounts,
  type ParsedSearchQuery,
  type SearchHit,
  type SearchIndex,
  type SearchQuery,
  type SearchResult,
} from '../port'
import { loadSettings, type FacetAttribute, type FacetName, type SearchSettings } from '../settings'
import { Analyzer } from '../text'
import { Bitset } from './bitset'
import { GeoGrid } from './geo-grid'
import { postingsText } from './postings-text'
import type { ExpandedPlan, TextFields, TextIndexFactory } from './text-index'
import { Vocabulary } from './vocabulary'

export interface EmbeddedSearchIndexOptions {
  settings?: SearchSettings
  /** Staleness is judged against this clock (tests pass a fixed one). */
  clock?: () => Date
  /** The full-text index (default: the one bench/search/engines.ts chose). */
  text?: TextIndexFactory
}

type FilterKey =
  'categoryCodes' | 'accreditation' | 'languages' | 'culturalFocus' | 'deliveryModes' | 'capacity'

const FILTER_ATTRIBUTES: Record<FilterKey, FacetAttribute> = {
  categoryCodes: 'categoryCodes',
  accreditation: 'accreditations',
  languages: 'languages',
  culturalFocus: 'culturalFocus',
  deliveryModes: 'deliveryModes',
  capacity: 'capacity',
}

function facetValues(doc: SearchDocument, attribute: FacetAttribute): readonly string[] {
  const v = doc[attribute]
  return typeof v === 'string' ? [v] : v
}

// Up to this many matches, facets are counted document by document; above it, by bit set. Reading
// a listing's object costs a cache miss or several (100,000 of them are a gigabyte of heap), so
// the bit sets win early.
const FACET_BY_DOCUMENT = 64
// Quarter hours in a week, and bytes for one listing's week of them.
const WEEK_SLOTS = WEEK_MINUTES / SLOT_MINUTES
const WEEK_BYTES = WEEK_SLOTS / 8

interface Columns {
  lat: Float64Array
  lng: Float64Array
  verifiedAt: Float64Array
  /** Stays in the lower tier whatever the clock says: not ACTIVE, or NO_CAPACITY. */
  lowered: Uint8Array
  /** WEEK_BYTES per slot: the quarter hours it is open (none unless ACTIVE). */
  open: Uint8Array
}

function newColumns(size: number): Columns {
  return {
    lat: new Float64Array(size).fill(NaN),
    lng: new Float64Array(size).fill(NaN),
    verifiedAt: new Float64Array(size),
    lowered: new Uint8Array(size),
    open: new Uint8Array(size * WEEK_BYTES),
  }
}

function growColumns(c: Columns, size: number): Columns {
  const g = newColumns(size)
  g.lat.set(c.lat)
  g.lng.set(c.lng)
  g.verifiedAt.set(c.verifiedAt)
  g.lowered.set(c.lowered)
  g.open.set(c.open)
  return g
}

export function createEmbeddedSearchIndex(options: EmbeddedSearchIndexOptions = {}): SearchIndex {
  const settings = options.settings ?? loadSettings()
  const clock = options.clock ?? (() => new Date())
  const analyzer = new Analyzer(settings)
  const tokenize = (text: string) => analyzer.indexWords(text)
  const text = (options.text ?? postingsText)({ fields: settings.searchableAttributes, tokenize })
  const vocabulary = new Vocabulary(settings.embedded.matchWeights, settings.embedded.maxExpansions)
  const facetEntries = Object.entries(settings.facets) as [FacetName, FacetAttribute][]
  const attributes = [...new Set([...facetEntries.map(([, a]) => a), 'regionCodes', 'taCodes'] as const)]

  let docs: (SearchDocument | undefined)[] = []
  let slotOf = new Map<string, number>()
  // Document ids per service, so the indexer can replace a service's listings as a whole.
  let idsOfService = new Map<string, Set<string>>()
  let free: number[] = []
  let bits = new Map<FacetAttribute, Map<string, Bitset>>()
  let nationwide = new Bitset()
  let live = new Bitset()
  let columns = newColumns(1024)
  let grid = new GeoGrid()
  // Each slot's place in name order, rebuilt after writes: the 'name' sort and every tie-break.
  let nameRank: Int32Array | null = null
  // Per-query working memory, reused: fresh arrays per query add up to megabytes of external
  // memory, and on a heap holding 100,000 listings the collections they trigger cost tens of ms.
  const scratch = {
    bitsets: [] as Bitset[],
    used: 0,
    distances: new Float64Array(0),
    list: new Int32Array(0),
    primary: new Int32Array(0),
    secondary: new Float64Array(0),
  }
  const takeBitset = () => {
    const b = scratch.bitsets[scratch.used] ?? (scratch.bitsets[scratch.used] = new Bitset(docs.length))
    scratch.used++
    return b.reset(docs.length)
  }
  const grown = <T extends Int32Array | Float64Array>(a: T, size: number, make: (n: number) => T): T =>
    a.length >= size ? a : make(Math.max(size, a.length * 2))
  // Facet counts over everything, the directory's landing page; dropped on any write.
  let allFacets: FacetCounts | null = null

  const textFields = (d: SearchDocument): TextFields => ({
    name: d.alternateName ? `${d.name} ${d.alternateName}` : d.name,
    categoryNames: d.categoryNames.join(' '),
    organisationName: d.organisationAlternateName
      ? `${d.organisationName} ${d.organisationAlternateName}`
      : d.organisationName,
    placeNames: d.placeNames.join(' '),
    description: d.description,
  })
  const docWords = (fields: TextFields) => Object.values(fields).flatMap(tokenize)

  const bitsFor = (attribute: FacetAttribute, value: string) => {
    let byValue = bits.get(attribute)
    if (!byValue) bits.set(attribute, (byValue = new Map()))
    let b = byValue.get(value)
    if (!b) byValue.set(value, (b = new Bitset(docs.length + 1)))
    return b
  }

  const place = (slot: number, doc: SearchDocument) => {
    docs[slot] = doc
    slotOf.set(doc.id, slot)
    let ids = idsOfService.get(doc.serviceId)
    if (!ids) idsOfService.set(doc.serviceId, (ids = new Set()))
    ids.add(doc.id)
    nameRank = null
    allFacets = null
    const fields = textFields(doc)
    text.add(slot, fields)
    vocabulary.add(docWords(fields))
    for (const a of attributes) for (const v of facetValues(doc, a)) bitsFor(a, v).set(slot)
    if (doc.nationwide) nationwide.set(slot)
    live.set(slot)
    if (slot >= columns.lat.length) columns = growColumns(columns, Math.max(slot + 1, columns.lat.length * 2))
    columns.lat[slot] = doc.lat ?? NaN
    columns.lng[slot] = doc.lng ?? NaN
    columns.verifiedAt[slot] = doc.lastVerifiedAt ?? 0
    columns.lowered[slot] = doc.status !== 'ACTIVE' || doc.capacity === 'NO_CAPACITY' ? 1 : 0
    // isOpenAt's rule, as bits: a service that is not ACTIVE is never open.
    const week = columns.open.subarray(slot * WEEK_BYTES, (slot + 1) * WEEK_BYTES)
    week.fill(0)
    if (doc.status === 'ACTIVE') {
      for (const [a, b] of doc.openingHours) {
        for (let quarter = a / SLOT_MINUTES; quarter < b / SLOT_MINUTES; quarter++) {
          week[quarter >> 3]! |= 1 << (quarter & 7)
        }
      }
    }
    if (doc.lat !== null && doc.lng !== null) grid.add(slot, doc.lat, doc.lng)
  }

  const unplace = (slot: number) => {
    const doc = docs[slot]
    if (!doc) return
    const fields = textFields(doc)
    text.remove(slot, fields)
    vocabulary.remove(docWords(fields))
    for (const a of attributes) for (const v of facetValues(doc, a)) bits.get(a)?.get(v)?.unset(slot)
    nationwide.unset(slot)
    live.unset(slot)
    if (doc.lat !== null && doc.lng !== null) grid.remove(slot, doc.lat, doc.lng)
    docs[slot] = undefined
    slotOf.delete(doc.id)
    const ids = idsOfService.get(doc.serviceId)
    ids?.delete(doc.id)
    if (ids?.size === 0) idsOfService.delete(doc.serviceId)
    nameRank = null
    allFacets = null
  }

  const ranks = (): Int32Array => {
    if (nameRank) return nameRank
    const order: number[] = []
    live.forEach((slot) => order.push(slot))
    order.sort((a, b) => {
      const x = docs[a]!
      const y = docs[b]!
      return x.sortName < y.sortName
        ? -1
        : x.sortName > y.sortName
          ? 1
          : x.id < y.id
            ? -1
            : x.id > y.id
              ? 1
              : 0
    })
    nameRank = new Int32Array(docs.length)
    order.forEach((slot, i) => (nameRank![slot] = i))
    return nameRank
  }

  const orOf = (attribute: FacetAttribute, values: readonly string[]) => {
    const out = takeBitset()
    for (const v of values) {
      const b = bits.get(attribute)?.get(v)
      if (b) out.or(b)
    }
    return out
  }

  async function search(input: SearchQuery): Promise<SearchResult> {
    return execute(parseSearchQuery(input))
  }

  function execute(q: ParsedSearchQuery): SearchResult {
    const started = performance.now()
    scratch.used = 0
    const cutoff = staleCutoff(clock(), settings.staleAfterDays)
    const f = q.filters

    // Facet filters: OR within a facet, AND across facets.
    let mask: Bitset | null = null
    for (const key of Object.keys(FILTER_ATTRIBUTES) as FilterKey[]) {
      const values = f[key]
      if (!values?.length) continue
      const b = orOf(FILTER_ATTRIBUTES[key], values)
      mask = mask ? mask.and(b) : b
    }
    // Place filters (region, district, radius), which nationwide listings may pass instead.
    let placeMask: Bitset | null = null
    if (f.regionCodes?.length) placeMask = orOf('regionCodes', f.regionCodes)
    if (f.taCodes?.length) {
      const b = orOf('taCodes', f.taCodes)
      placeMask = placeMask ? placeMask.and(b) : b
    }
    const near = q.near
    const hasPlace = placeMask !== null || near !== undefined
    const quarter = q.openNow ? Math.floor(nzMinuteOfWeek(q.openNow) / SLOT_MINUTES) : null
    let distances: Float64Array | null = null
    if (near) {
      distances = scratch.distances = grown(scratch.distances, docs.length, (n) => new Float64Array(n))
      distances.fill(NaN, 0, docs.length)
    }
    const { lat, lng, lowered, verifiedAt, open } = columns

    const perDocument = hasPlace || quarter !== null
    const allow = (slot: number): boolean => {
      if (mask && !mask.has(slot)) return false
      if (hasPlace) {
        let inPlace = placeMask === null || placeMask.has(slot)
        if (inPlace && near) {
          const la = lat[slot]!
          // Latitude box first: most listings are nowhere near, and it costs a subtraction.
          if (Number.isNaN(la) || Math.abs(la - near.lat) > near.radiusKm / 110) inPlace = false
          else {
            const d = distanceKm(near.lat, near.lng, la, lng[slot]!)
            distances![slot] = d
            inPlace = d <= near.radiusKm
          }
        }
        if (!inPlace && !(f.includeNationwide && nationwide.has(slot))) return false
      }
      return quarter === null || (open[slot * WEEK_BYTES + (quarter >> 3)]! & (1 << (quarter & 7))) !== 0
    }

    // Candidates, with their relevance when there are words to match.
    const plan = analyzer.plan(q.q)
    let candidates: Int32Array
    let scores: Float64Array | null = null
    let typos: Uint8Array | null = null
    let inexact: Uint8Array | null = null
    if (plan.clauses.length) {
      const expanded: ExpandedPlan = []
      for (const clause of plan.clauses) {
        const conjunctions = clause
          .map((conj) => conj.map((slot) => slot.flatMap((term) => vocabulary.expand(term))))
          .filter((conj) => conj.every((slot) => slot.length > 0))
        if (conjunctions.length === 0) {
          expanded.length = 0
          break
        }
        expanded.push(conjunctions)
      }
      const matched = expanded.length ? text.match(expanded, mask || perDocument ? allow : null) : null
      const length = matched?.length ?? 0
      candidates = matched ? matched.slots.subarray(0, length) : new Int32Array(0)
      scores = matched ? matched.scores.subarray(0, length) : null
      typos = matched ? matched.typos.subarray(0, length) : null
      inexact = matched ? matched.inexact.subarray(0, length) : null
    } else {
      // A browse: every listing the filters let through, straight from the bit sets (and from
      // the grid cells around the point, plus nationwide listings when they may pass).
      const list = (scratch.list = grown(scratch.list, slotOf.size, (n) => new Int32Array(n)))
      let k = 0
      const around = near ? grid.around(near.lat, near.lng, near.radiusKm) : null
      if (around) {
        const seen = takeBitset()
        for (const slot of around) {
          seen.set(slot)
          if (allow(slot)) list[k++] = slot
        }
        // A nationwide listing with a location far away passes too (seen once, if near).
        if (f.includeNationwide)
          nationwide.forEach((slot) => void (!seen.has(slot) && allow(slot) && (list[k++] = slot)))
      } else {
        ;(mask ?? live).forEach((slot) => {
          if (!perDocument || allow(slot)) list[k++] = slot
        })
      }
      candidates = list.subarray(0, k)
    }

    // Ranking: tier first (current, then stale / no capacity / inactive), then the chosen order:
    // distance or name when asked, else Meilisearch's typo > exactness > relevance, then name.
    const n = candidates.length
    const rank = ranks()
    const primary = (scratch.primary = grown(scratch.primary, n, (size) => new Int32Array(size)))
    const secondary = (scratch.secondary = grown(scratch.secondary, n, (size) => new Float64Array(size)))
    for (let i = 0; i < n; i++) {
      const slot = candidates[i]!
      const tier = lowered[slot]! || verifiedAt[slot]! < cutoff ? 1 : 0
      if (q.sort === 'name') {
        primary[i] = tier
        secondary[i] = 0
      } else if (q.sort === 'distance') {
        primary[i] = tier
        const d = distances![slot]!
        secondary[i] = Number.isNaN(d) ? Infinity : d
      } else {
        primary[i] = (tier << 16) | ((typos?.[i] ?? 0) << 8) | (inexact?.[i] ?? 0)
        secondary[i] = -(scores?.[i] ?? 0)
      }
    }
    const cmp = (i: number, j: number): number =>
      primary[i]! - primary[j]! ||
      secondary[i]! - secondary[j]! ||
      (q.sort === 'distance' && scores ? scores[j]! - scores[i]! : 0) ||
      rank[candidates[i]!]! - rank[candidates[j]!]!
    const order = topK(n, q.page * q.perPage, cmp).slice((q.page - 1) * q.perPage)

    const everything = candidates.length === slotOf.size
    const facets: FacetCounts = !q.facets
      ? {}
      : everything
        ? copyFacets((allFacets ??= countFacets(candidates)))
        : countFacets(candidates)
    const hits: SearchHit[] = order.map((i) => {
      const slot = candidates[i]!
      const document = docs[slot]!
      const d = distances ? distances[slot]! : NaN
      return {
        document,
        distanceKm: Number.isNaN(d) ? null : Math.round(d * 1000) / 1000,
        flags: listingFlags(document, cutoff),
      }
    })
    return {
      hits,
      total: n,
      page: q.page,
      perPage: q.perPage,
      facets,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    }
  }

  const countFacets = (candidates: Int32Array): FacetCounts => {
    const facets: FacetCounts = {}
    if (candidates.length <= FACET_BY_DOCUMENT) {
      for (const [name, attribute] of facetEntries) {
        const counts: Record<string, number> = {}
        for (const slot of candidates) {
          for (const v of facetValues(docs[slot]!, attribute)) counts[v] = (counts[v] ?? 0) + 1
        }
        facets[name] = counts
      }
      return facets
    }
    // Many matches: one bit set of them, then a popcount against each facet value's bit set.
    const matched = takeBitset()
    for (const slot of candidates) matched.set(slot)
    for (const [name, attribute] of facetEntries) {
      const counts: Record<string, number> = {}
      for (const [value, b] of bits.get(attribute) ?? []) {
        const c = matched.countAnd(b)
        if (c > 0) counts[value] = c
      }
      facets[name] = counts
    }
    return facets
  }

  const upsert = (list: readonly SearchDocument[]) => {
    for (const doc of list) {
      const existing = slotOf.get(doc.id)
      if (existing !== undefined) {
        unplace(existing)
        place(existing, doc)
      } else place(free.pop() ?? docs.length, doc)
    }
    text.flush?.()
  }
  const remove = (ids: Iterable<string>) => {
    for (const id of ids) {
      const slot = slotOf.get(id)
      if (slot === undefined) continue
      unplace(slot)
      free.push(slot)
    }
  }

  return {
    name: `embedded:${text.engine}`,
    async upsert(list) {
      upsert(list)
    },
    async remove(ids) {
      remove(ids)
    },
    async replaceServices(serviceIds, list) {
      // Synchronous from here on: no search sees a service half replaced.
      const keep = new Set(list.map((d) => d.id))
      for (const serviceId of serviceIds) {
        remove([...(idsOfService.get(serviceId) ?? [])].filter((id) => !keep.has(id)))
      }
      upsert(list)
    },
    search,
    async matchingServiceIds(input, limit = MAX_MATCHING_SERVICE_IDS) {
      const q = parseMatchQuery(input, limit)
      return distinctServiceIds(execute(q).hits, limit)
    },
    async health() {
      return 'ok'
    },
    async clear() {
      docs = []
      slotOf = new Map()
      idsOfService = new Map()
      free = []
      bits = new Map()
      nationwide = new Bitset()
      live = new Bitset()
      columns = newColumns(1024)
      grid = new GeoGrid()
      nameRank = null
      allFacets = null
      text.clear()
      vocabulary.clear()
    },
    async count() {
      return slotOf.size
    },
  }
}

const copyFacets = (f: FacetCounts): FacetCounts =>
  Object.fromEntries(Object.entries(f).map(([name, counts]) => [name, { ...counts }]))

/**
 * Indices 0..n-1 of the k best by cmp, in order: a full sort when small, otherwise a bounded heap
 * (O(n log k)), since a page of 20 out of 100,000 matches needs no full sort.
 */
export function topK(n: number, k: number, cmp: (a: number, b: number) => number): number[] {
  if (k <= 0 || n === 0) return []
  if (n <= 4096 || k * 4 >= n) {
    const all = Array.from({ length: n }, (_, i) => i).sort(cmp)
    return all.slice(0, k)
  }
  // Max-heap by cmp: the worst of the best k on top.
  const heap: number[] = []
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1
      if (cmp(heap[i]!, heap[p]!) <= 0) break
      ;[heap[i], heap[p]] = [heap[p]!, heap[i]!]
      i = p
    }
  }
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < heap.length && cmp(heap[l]!, heap[m]!) > 0) m = l
      if (r < heap.length && cmp(heap[r]!, heap[m]!) > 0) m = r
      if (m === i) return
      ;[heap[i], heap[m]] = [heap[m]!, heap[i]!]
      i = m
    }
  }
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i)
      up(heap.length - 1)
    } else if (cmp(i, heap[0]!) < 0) {
      heap[0] = i
      down(0)
    }
  }
  return heap.sort(cmp)
}
