// Search documents from the deterministic directory generator (packages/db seed), without a
// database: the generator's rows are joined here the way SEARCH_SERVICE_SELECT joins them in SQL,
// then go through the same toSearchDocuments. For tests and bench/search, at any size.
import {
  generateDirectoryBatches,
  readReferenceFiles,
  type DirectoryBatch,
  type GenerateOptions,
} from '@fsn/db'
import { SERVICE_CATEGORIES } from '@fsn/domain'
import { toSearchDocuments, type SearchDocument, type SearchServiceRow } from './document'
import type { SearchIndex } from './port'

type Region = { code: string; name: string; nameMi: string | null }
type ScheduleRow = SearchServiceRow['schedules'][number]
type Location = SearchServiceRow['serviceAtLocations'][number]['location']
type Accreditation = SearchServiceRow['organisation']['accreditations'][number]

/** The reference rows the generator needs, with made-up ids (no database). */
export function generatorReference(): Pick<
  GenerateOptions,
  'regions' | 'territorialAuthorities' | 'categories' | 'regionPolygons'
> {
  const files = readReferenceFiles()
  return {
    regions: files.regions.map((r) => ({ id: `region-${r.code}`, code: r.code, name: r.name })),
    territorialAuthorities: files.territorialAuthorities.map((t) => ({
      id: `ta-${t.code}`,
      code: t.code,
      name: t.name,
      regionId: `region-${t.regionCode}`,
    })),
    categories: SERVICE_CATEGORIES.map((c) => ({ id: `category-${c.code}`, code: c.code })),
    regionPolygons: files.regionPolygons,
  }
}

const toDate = (v: Date | string | null | undefined): Date | null => (v == null ? null : new Date(v))
const list = <T>(v: T[] | { set: T[] } | undefined): T[] => (Array.isArray(v) ? v : (v?.set ?? []))

function push<K, V>(map: Map<K, V[]>, key: K | null | undefined, value: V) {
  if (key == null) return
  const l = map.get(key)
  if (l) l.push(value)
  else map.set(key, [value])
}

function scheduleRow(s: DirectoryBatch['schedules'][number]): ScheduleRow {
  return {
    freq: s.freq ?? 'WEEKLY',
    byday: s.byday ?? null,
    opensAt: s.opensAt ?? null,
    closesAt: s.closesAt ?? null,
    validFrom: toDate(s.validFrom),
    validTo: toDate(s.validTo),
  }
}

/**
 * Joins generator batches into service rows shaped like SEARCH_SERVICE_SELECT's. Organisations and
 * locations arrive in the first batch and are kept; each batch's services are joined as they come.
 */
export class DirectoryJoiner {
  private readonly regions = new Map<string, Region>()
  private readonly tas = new Map<string, { code: string; name: string; regionId: string }>()
  private readonly categories = new Map<string, { code: string; name: string; nameMi: string | null }>()
  private readonly orgs = new Map<string, { name: string; alternateName: string | null }>()
  private readonly accreditations = new Map<string, Accreditation[]>()
  private readonly locations = new Map<string, Location>()

  constructor(reference = generatorReference()) {
    const names = new Map(readReferenceFiles().regions.map((r) => [r.code, r]))
    for (const r of reference.regions)
      this.regions.set(r.id, { code: r.code, name: r.name, nameMi: names.get(r.code)?.nameMi ?? null })
    for (const t of reference.territorialAuthorities) this.tas.set(t.id, t)
    const byCode = new Map(SERVICE_CATEGORIES.map((c) => [c.code, c]))
    for (const c of reference.categories) {
      const def = byCode.get(c.code)
      if (def) this.categories.set(c.id, { code: c.code, name: def.name, nameMi: def.nameMi })
    }
  }

  private region(id: string): Region {
    const r = this.regions.get(id)
    if (!r) throw new Error(`unknown region ${id}`)
    return r
  }

  private ta(id: string | null | undefined) {
    const t = id ? this.tas.get(id) : undefined
    return t ? { code: t.code, name: t.name, region: this.region(t.regionId) } : null
  }

  /** Service rows for one generator batch (keeps the batch's organisations and locations). */
  rows(batch: DirectoryBatch): SearchServiceRow[] {
    for (const o of batch.organisations)
      this.orgs.set(o.id, { name: o.name, alternateName: o.alternateName ?? null })
    for (const a of batch.accreditations) {
      push(this.accreditations, a.organisationId, {
        scheme: a.scheme,
        level: a.level ?? null,
        status: a.status ?? 'ACTIVE',
        validFrom: new Date(a.validFrom),
        validTo: toDate(a.validTo),
      })
    }
    const locationSchedules = new Map<string, ScheduleRow[]>()
    const serviceSchedules = new Map<string, ScheduleRow[]>()
    const salSchedules = new Map<string, ScheduleRow[]>()
    for (const s of batch.schedules) {
      push(locationSchedules, s.locationId, scheduleRow(s))
      push(serviceSchedules, s.serviceId, scheduleRow(s))
      push(salSchedules, s.serviceAtLocationId, scheduleRow(s))
    }
    const locationLanguages = new Map<string, { code: string }[]>()
    const serviceLanguages = new Map<string, { code: string }[]>()
    for (const l of batch.languages) {
      push(locationLanguages, l.locationId, { code: l.code })
      push(serviceLanguages, l.serviceId, { code: l.code })
    }
    for (const l of batch.locations) {
      const ta = this.ta(l.territorialAuthorityId)
      this.locations.set(l.id, {
        id: l.id,
        suburb: l.suburb ?? null,
        city: l.city ?? null,
        latitude: l.latitude ?? null,
        longitude: l.longitude ?? null,
        region: this.region(l.regionId),
        territorialAuthority: ta ? { code: ta.code, name: ta.name } : null,
        schedules: locationSchedules.get(l.id) ?? [],
        languages: locationLanguages.get(l.id) ?? [],
      })
    }
    const categories = new Map<string, SearchServiceRow['categories']>()
    for (const c of batch.serviceCategories) {
      const term = this.categories.get(c.taxonomyTermId)
      if (term) push(categories, c.serviceId, { taxonomyTerm: term })
    }
    const sals = new Map<string, SearchServiceRow['serviceAtLocations']>()
    for (const sal of batch.serviceAtLocations) {
      const location = this.locations.get(sal.locationId)
      if (!location) throw new Error(`service at location ${sal.id}: unknown location ${sal.locationId}`)
      push(sals, sal.serviceId, { id: sal.id, schedules: salSchedules.get(sal.id) ?? [], location })
    }
    const areas = new Map<string, SearchServiceRow['serviceAreas']>()
    for (const a of batch.serviceAreas) {
      push(areas, a.serviceId, {
        name: a.name ?? null,
        region: a.regionId ? this.region(a.regionId) : null,
        territorialAuthority: this.ta(a.territorialAuthorityId),
      })
    }
    return batch.services.map((s) => {
      const org = this.orgs.get(s.organisationId)
      if (!org) throw new Error(`service ${s.id}: unknown organisation ${s.organisationId}`)
      return {
        id: s.id,
        organisationId: s.organisationId,
        name: s.name,
        alternateName: s.alternateName ?? null,
        description: s.description,
        status: s.status ?? 'ACTIVE',
        capacityStatus: s.capacityStatus ?? 'ACCEPTING',
        deliveryModes: list(s.deliveryModes),
        culturalFocus: list(s.culturalFocus),
        nationwide: s.nationwide ?? false,
        lastVerifiedAt: toDate(s.lastVerifiedAt),
        organisation: { ...org, accreditations: this.accreditations.get(s.organisationId) ?? [] },
        categories: categories.get(s.id) ?? [],
        languages: serviceLanguages.get(s.id) ?? [],
        schedules: serviceSchedules.get(s.id) ?? [],
        serviceAreas: areas.get(s.id) ?? [],
        serviceAtLocations: sals.get(s.id) ?? [],
      }
    })
  }
}

export interface GenerateDocumentsOptions {
  services: number
  /** Default: one provider per five services (the seed's default ratio is close to 1:4). */
  providers?: number
  seed?: number
  now: Date
  batchSize?: number
}

/** Search documents for a generated directory, a batch at a time (100,000 services fit either way). */
export function* generateSearchDocumentBatches(
  options: GenerateDocumentsOptions,
): Generator<SearchDocument[]> {
  const reference = generatorReference()
  const joiner = new DirectoryJoiner(reference)
  for (const batch of generateDirectoryBatches({
    ...reference,
    services: options.services,
    providers: options.providers ?? Math.max(1, Math.round(options.services / 5)),
    now: options.now,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
  })) {
    yield toSearchDocuments(joiner.rows(batch), { now: options.now })
  }
}

export function generateSearchDocuments(options: GenerateDocumentsOptions): SearchDocument[] {
  return [...generateSearchDocumentBatches(options)].flat()
}

/**
 * A SearchIndex that can be switched off, for fault tests: while `down`, every call fails as an
 * unreachable server would (health says 'down'). The documents stay in `inner`, as a restarted
 * Meilisearch keeps its data; what the outage misses is what the outbox must make up.
 */
export function createSwitchableSearchIndex(inner: SearchIndex): SearchIndex & { down: boolean } {
  const state = { down: false }
  const guard =
    <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (state.down) throw new Error('search engine unreachable (ECONNREFUSED)')
      return f(...args)
    }
  return {
    get name() {
      return inner.name
    },
    get down() {
      return state.down
    },
    set down(v: boolean) {
      state.down = v
    },
    upsert: guard((docs) => inner.upsert(docs)),
    remove: guard((ids) => inner.remove(ids)),
    replaceServices: guard((ids, docs) => inner.replaceServices(ids, docs)),
    search: guard((q) => inner.search(q)),
    matchingServiceIds: guard((q, limit) => inner.matchingServiceIds(q, limit)),
    clear: guard(() => inner.clear()),
    count: guard(() => inner.count()),
    health: async () => (state.down ? 'down' : inner.health()),
  }
}
