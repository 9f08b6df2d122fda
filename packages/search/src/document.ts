// The search document: one per service at a location (HSDS service_at_location), because a person
// looks for help near them and a service run from three towns is three places to go. A service
// with no location (phone and online, nationwide) is one document keyed by the service id.
// The index is a projection of the database (Conventions 5): these documents are rebuilt from rows,
// never edited in place.
import type { Prisma } from '@fsn/db'
import { CATEGORY_TAXONOMY, nzDateOf } from '@fsn/domain'
import type { CapacityStatus } from '@fsn/domain'
import { normalise } from './text'

export { normalise }

export const DELIVERY_MODES = ['IN_PERSON', 'PHONE', 'ONLINE', 'OUTREACH'] as const
export type DeliveryMode = (typeof DELIVERY_MODES)[number]
export const CULTURAL_FOCUSES = ['KAUPAPA_MAORI', 'PACIFIC', 'ETHNIC_COMMUNITIES'] as const
export type CulturalFocus = (typeof CULTURAL_FOCUSES)[number]
/** DEFUNCT services are never indexed; the rest are, and the inactive ones are ranked last. */
export const INDEXED_STATUSES = ['ACTIVE', 'INACTIVE', 'TEMPORARILY_CLOSED'] as const
export type IndexedStatus = (typeof INDEXED_STATUSES)[number]

/** Minutes in a week; opening hours are [start, end) minutes from Monday 00:00 NZ local time. */
export const WEEK_MINUTES = 7 * 1440
/** Opening hours are kept in quarter hours, the unit Meilisearch filters on (openSlots). */
export const SLOT_MINUTES = 15

export interface SearchDocument {
  /** ServiceAtLocation id; the service id for a service with no location. */
  id: string
  serviceId: string
  organisationId: string
  locationId: string | null
  name: string
  alternateName: string | null
  /** Folded name, so both engines sort 'Ōtaki ...' with 'Otaki ...'. */
  sortName: string
  description: string
  organisationName: string
  organisationAlternateName: string | null
  categoryCodes: string[]
  /** English and te reo Māori category names, searchable. */
  categoryNames: string[]
  /** Where the location is (null for a service with no location). */
  regionCode: string | null
  regionName: string | null
  taCode: string | null
  taName: string | null
  city: string | null
  suburb: string | null
  /** Regions the listing serves: its location's and its service areas' (the routing check's rule). */
  regionCodes: string[]
  /** Territorial authorities the listing serves: its location's and its service areas'. */
  taCodes: string[]
  /** Suburb, city, district, region (English and te reo), service area names: searchable. */
  placeNames: string[]
  lat: number | null
  lng: number | null
  /** Current accreditations: scheme alone ('OT_S396') and scheme with level ('MSD_SSAS:3'). */
  accreditations: string[]
  /** ISO 639 codes ('en', 'mi', 'sm', 'nzs', ...). */
  languages: string[]
  culturalFocus: CulturalFocus[]
  deliveryModes: DeliveryMode[]
  capacity: CapacityStatus
  status: IndexedStatus
  /** Epoch milliseconds; null when never verified (treated as stale). */
  lastVerifiedAt: number | null
  /** Weekly opening hours, NZ local time: [start, end) minutes from Monday 00:00, quarter hours. */
  openingHours: [number, number][]
  nationwide: boolean
}

const SCHEDULE_SELECT = {
  freq: true,
  byday: true,
  opensAt: true,
  closesAt: true,
  validFrom: true,
  validTo: true,
} as const satisfies Prisma.ScheduleSelect

const REGION_SELECT = { code: true, name: true, nameMi: true } as const satisfies Prisma.RegionSelect

/**
 * What toSearchDocuments needs of a service, for `prisma.service.findMany({ select })`. A select,
 * not an include, so indexing 100,000 services loads only the columns the index uses.
 */
export const SEARCH_SERVICE_SELECT = {
  id: true,
  organisationId: true,
  name: true,
  alternateName: true,
  description: true,
  status: true,
  capacityStatus: true,
  deliveryModes: true,
  culturalFocus: true,
  nationwide: true,
  lastVerifiedAt: true,
  organisation: {
    select: {
      name: true,
      alternateName: true,
      accreditations: {
        select: { scheme: true, level: true, status: true, validFrom: true, validTo: true },
      },
    },
  },
  categories: {
    where: { taxonomyTerm: { taxonomy: { name: CATEGORY_TAXONOMY.name } } },
    select: { taxonomyTerm: { select: { code: true, name: true, nameMi: true } } },
  },
  languages: { select: { code: true } },
  schedules: { select: SCHEDULE_SELECT },
  serviceAreas: {
    select: {
      name: true,
      region: { select: REGION_SELECT },
      territorialAuthority: { select: { code: true, name: true, region: { select: REGION_SELECT } } },
    },
  },
  serviceAtLocations: {
    select: {
      id: true,
      schedules: { select: SCHEDULE_SELECT },
      location: {
        select: {
          id: true,
          suburb: true,
          city: true,
          latitude: true,
          longitude: true,
          region: { select: REGION_SELECT },
          territorialAuthority: { select: { code: true, name: true } },
          schedules: { select: SCHEDULE_SELECT },
          languages: { select: { code: true } },
        },
      },
    },
  },
} as const satisfies Prisma.ServiceSelect

/** A service row loaded with SEARCH_SERVICE_SELECT. */
export type SearchServiceRow = Prisma.ServiceGetPayload<{ select: typeof SEARCH_SERVICE_SELECT }>
type ScheduleRow = SearchServiceRow['schedules'][number]
type AccreditationRow = SearchServiceRow['organisation']['accreditations'][number]

const DAY_INDEX: Record<string, number> = { MO: 0, TU: 1, WE: 2, TH: 3, FR: 4, SA: 5, SU: 6 }

function minutesOf(hhmm: string | null): number | null {
  const m = hhmm ? /^(\d{1,2}):(\d{2})$/.exec(hhmm) : null
  if (!m) return null
  const minutes = Number(m[1]) * 60 + Number(m[2])
  return minutes <= 1440 ? minutes : null
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10)

/**
 * Weekly opening hours from HSDS schedules (weekly rules only; monthly rules and public holidays
 * are not modelled, so 'open now' can be wrong on a holiday). Rounded outward to quarter hours so
 * the embedded engine and Meilisearch's quarter-hour slots agree to the minute: a listing is open
 * in a quarter hour if it is open for any of it ('23:59' closes at midnight).
 */
export function weeklyOpeningHours(schedules: readonly ScheduleRow[], at: Date): [number, number][] {
  const today = nzDateOf(at)
  const raw: [number, number][] = []
  for (const s of schedules) {
    if (s.freq !== null && s.freq !== 'WEEKLY') continue
    // Schedule dates are calendar dates (stored at UTC midnight).
    if (s.validFrom && isoDate(s.validFrom) > today) continue
    if (s.validTo && isoDate(s.validTo) < today) continue
    const opens = minutesOf(s.opensAt)
    const closes = minutesOf(s.closesAt)
    if (opens === null || closes === null || !s.byday) continue
    const start = Math.floor(opens / SLOT_MINUTES) * SLOT_MINUTES
    let end = Math.ceil(closes / SLOT_MINUTES) * SLOT_MINUTES
    // Closing at or before opening runs past midnight ('22:00'-'02:00'); equal means all day.
    if (end <= start) end += 1440
    for (const day of s.byday.split(',')) {
      const d = DAY_INDEX[day.trim().toUpperCase()]
      if (d === undefined) continue
      const a = d * 1440 + start
      const b = d * 1440 + end
      if (b <= WEEK_MINUTES) raw.push([a, b])
      else raw.push([a, WEEK_MINUTES], [0, b - WEEK_MINUTES])
    }
  }
  raw.sort((x, y) => x[0] - y[0] || x[1] - y[1])
  const merged: [number, number][] = []
  for (const [a, b] of raw) {
    const last = merged[merged.length - 1]
    if (last && a <= last[1]) last[1] = Math.max(last[1], b)
    else merged.push([a, b])
  }
  return merged
}

/** Quarter-hour slots of the week a listing is open (0 = Monday 00:00-00:15), for Meilisearch. */
export function openSlots(hours: readonly (readonly [number, number])[]): number[] {
  const out: number[] = []
  for (const [a, b] of hours) for (let m = a; m < b; m += SLOT_MINUTES) out.push(m / SLOT_MINUTES)
  return out
}

/**
 * Accreditation facet values a provider holds now. Routing's rule (packages/domain check-routing):
 * ACTIVE or PROVISIONAL, from validFrom until (not including) validTo. The index is a snapshot, so
 * an accreditation that expires drops out at the next reindex, not at the instant it expires.
 */
export function currentAccreditations(accreditations: readonly AccreditationRow[], at: Date): string[] {
  const t = at.getTime()
  const values = new Set<string>()
  for (const a of accreditations) {
    if (a.status !== 'ACTIVE' && a.status !== 'PROVISIONAL') continue
    if (a.validFrom.getTime() > t || (a.validTo !== null && a.validTo.getTime() <= t)) continue
    values.add(a.scheme)
    if (a.level !== null) values.add(`${a.scheme}:${a.level}`)
  }
  return [...values].sort()
}

/** Facet values for "at least this level": atLeast('MSD_SSAS', 3) -> ['MSD_SSAS:3', 'MSD_SSAS:4']. */
export function accreditationAtLeast(scheme: string, level: number, levels: readonly number[]): string[] {
  return levels.filter((l) => l >= level).map((l) => `${scheme}:${l}`)
}

const sortedUnique = <T extends string>(values: Iterable<T>): T[] => [...new Set(values)].sort()

export interface ToSearchDocumentsOptions {
  /** The instant the projection is taken: accreditation currency and schedule validity. */
  now: Date
}

/** Search documents for service rows; DEFUNCT services give none. Pure. */
export function toSearchDocuments(
  services: readonly SearchServiceRow[],
  { now }: ToSearchDocumentsOptions,
): SearchDocument[] {
  const out: SearchDocument[] = []
  for (const s of services) {
    if (s.status === 'DEFUNCT') continue
    const categories = s.categories.map((c) => c.taxonomyTerm)
    const areaRegions = s.serviceAreas.flatMap((a) =>
      [a.region, a.territorialAuthority?.region].filter((r) => r != null),
    )
    const areaTas = s.serviceAreas.flatMap((a) => (a.territorialAuthority ? [a.territorialAuthority] : []))
    const areaPlaceNames = [
      ...s.serviceAreas.flatMap((a) => (a.name ? [a.name] : [])),
      ...areaRegions.flatMap((r) => [r.name, r.nameMi ?? '']),
      ...areaTas.map((t) => t.name),
    ]
    const base = {
      serviceId: s.id,
      organisationId: s.organisationId,
      name: s.name,
      alternateName: s.alternateName,
      sortName: normalise(s.name),
      description: s.description,
      organisationName: s.organisation.name,
      organisationAlternateName: s.organisation.alternateName,
      categoryCodes: sortedUnique(categories.map((c) => c.code)),
      categoryNames: [...new Set(categories.flatMap((c) => (c.nameMi ? [c.name, c.nameMi] : [c.name])))],
      accreditations: currentAccreditations(s.organisation.accreditations, now),
      culturalFocus: sortedUnique(s.culturalFocus),
      deliveryModes: sortedUnique(s.deliveryModes),
      capacity: s.capacityStatus,
      status: s.status,
      lastVerifiedAt: s.lastVerifiedAt ? s.lastVerifiedAt.getTime() : null,
      nationwide: s.nationwide,
    }
    if (s.serviceAtLocations.length === 0) {
      out.push({
        ...base,
        id: s.id,
        locationId: null,
        regionCode: null,
        regionName: null,
        taCode: null,
        taName: null,
        city: null,
        suburb: null,
        regionCodes: sortedUnique(areaRegions.map((r) => r.code)),
        taCodes: sortedUnique(areaTas.map((t) => t.code)),
        placeNames: [...new Set(areaPlaceNames.filter(Boolean))],
        lat: null,
        lng: null,
        languages: sortedUnique(s.languages.map((l) => l.code)),
        openingHours: weeklyOpeningHours(s.schedules, now),
      })
      continue
    }
    for (const sal of s.serviceAtLocations) {
      const loc = sal.location
      // HSDS: the most specific schedule wins: this service here, then the service, then the
      // location's own hours (often office hours).
      const schedules = sal.schedules.length
        ? sal.schedules
        : s.schedules.length
          ? s.schedules
          : loc.schedules
      const placeNames = [
        loc.suburb ?? '',
        loc.city ?? '',
        loc.territorialAuthority?.name ?? '',
        loc.region.name,
        loc.region.nameMi ?? '',
        ...areaPlaceNames,
      ]
      const hasPoint = loc.latitude !== null && loc.longitude !== null
      out.push({
        ...base,
        id: sal.id,
        locationId: loc.id,
        regionCode: loc.region.code,
        regionName: loc.region.name,
        taCode: loc.territorialAuthority?.code ?? null,
        taName: loc.territorialAuthority?.name ?? null,
        city: loc.city,
        suburb: loc.suburb,
        regionCodes: sortedUnique([loc.region.code, ...areaRegions.map((r) => r.code)]),
        taCodes: sortedUnique([
          ...(loc.territorialAuthority ? [loc.territorialAuthority.code] : []),
          ...areaTas.map((t) => t.code),
        ]),
        placeNames: [...new Set(placeNames.filter(Boolean))],
        lat: hasPoint ? loc.latitude : null,
        lng: hasPoint ? loc.longitude : null,
        languages: sortedUnique([...s.languages, ...loc.languages].map((l) => l.code)),
        openingHours: weeklyOpeningHours(schedules, now),
      })
    }
  }
  return out
}
