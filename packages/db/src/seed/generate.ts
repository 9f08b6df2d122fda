// A realistic Family Services Directory, generated without I/O from a seed: the same seed and
// inputs give the same rows, ids included. Rows come out in batches so 100,000 services never sit
// in memory at once; generateDirectory() gathers them for small sizes and tests.
import { COMMUNITY_CONNECTION_REQUIREMENT, SERVICE_CATEGORIES } from '@fsn/domain'
import type { Prisma } from '../generated/prisma/client'
import { pointInGeometry, type RegionGeometry } from './geo'
import { CATEGORY_PROFILES, CULTURAL_OPENERS, NAME_QUALIFIERS, type Mode } from './listings'
import { PLACES, type Place } from './places'
import { Random, WeightedTable, uuidV7Factory } from './random'
import {
  AREA_CODE_BY_REGION,
  CONTACT_TITLES,
  ETHNIC_ORG_PATTERNS,
  IWI_BY_REGION,
  LEGAL_STATUSES,
  MAORI_ORG_PATTERNS,
  NATIONAL_ORG_PATTERNS,
  NATIONAL_TOPICS_BY_CATEGORY,
  ORG_PATTERNS_BY_CATEGORY,
  ORG_SUFFIXES,
  PACIFIC_ORG_PATTERNS,
  PERSON_NAMES,
  STREETS,
  UNIT_PREFIXES,
  type NamePool,
} from './vocabulary'

export const DEFAULT_SEED = 20261123
export const DEFAULT_PROVIDERS = 400
export const DEFAULT_SERVICES = 1500

/** The agencies that refer into the network (Guidelines, Relationships; Oranga Tamariki s396). */
export const AGENCY_NAMES = {
  MSD: 'Ministry of Social Development — Te Manatū Whakahiato Ora',
  ORANGA_TAMARIKI: 'Oranga Tamariki — Ministry for Children',
  POLICE: 'New Zealand Police — Ngā Pirihimana o Aotearoa',
} as const

/** Stable codes to find the agencies by (names change; codes do not). */
export const AGENCY_CODES = {
  MSD: 'msd',
  ORANGA_TAMARIKI: 'oranga-tamariki',
  POLICE: 'nz-police',
} as const

/**
 * Designed coverage gaps: no provider based in the region delivers the category, so coverage
 * views and routing have real holes to show. They are a property of this fake data, not a claim
 * about the real regions. Nationwide (phone and online) services never carry a gap category, so a
 * gap stays a gap whether or not a coverage view counts nationwide services.
 */
export const COVERAGE_GAPS: Readonly<Record<string, readonly string[]>> = {
  '05': ['addiction', 'family-violence', 'medical-devices', 'educational-devices'], // Gisborne
  '12': ['addiction', 'family-violence', 'shared-care', 'animal-welfare'], // West Coast
  '16': ['family-violence', 'shared-care'], // Tasman
  '17': ['shared-care', 'early-learning-packs'], // Nelson
  '18': ['shared-care', 'medical-devices'], // Marlborough
}

// Usually resident population, thousands (Census 2023, rounded): only to spread providers.
// Provider counts grow a little slower than population (weight = population^0.9): small regions
// still need a base of services.
const POPULATION: Record<string, number> = {
  '01': 194,
  '02': 1656,
  '03': 499,
  '04': 345,
  '05': 52,
  '06': 178,
  '07': 127,
  '08': 252,
  '09': 541,
  '12': 32,
  '13': 656,
  '14': 241,
  '15': 100,
  '16': 58,
  '17': 53,
  '18': 50,
}

// Share of providers that are kaupapa Māori, Pacific or ethnic-community organisations, by region:
// higher where those communities are larger (e.g. Māori in Te Tairāwhiti and Te Tai Tokerau,
// Pacific peoples in Auckland and Porirua). Guidelines, Cultural responsiveness.
const CULTURE_SHARE: Record<string, { maori: number; pacific: number; ethnic: number }> = {
  '01': { maori: 0.3, pacific: 0.01, ethnic: 0.01 },
  '02': { maori: 0.12, pacific: 0.12, ethnic: 0.09 },
  '03': { maori: 0.22, pacific: 0.03, ethnic: 0.03 },
  '04': { maori: 0.27, pacific: 0.02, ethnic: 0.02 },
  '05': { maori: 0.4, pacific: 0.01, ethnic: 0 },
  '06': { maori: 0.25, pacific: 0.03, ethnic: 0.01 },
  '07': { maori: 0.18, pacific: 0.01, ethnic: 0.01 },
  '08': { maori: 0.2, pacific: 0.02, ethnic: 0.02 },
  '09': { maori: 0.14, pacific: 0.08, ethnic: 0.05 },
  '12': { maori: 0.12, pacific: 0, ethnic: 0 },
  '13': { maori: 0.1, pacific: 0.03, ethnic: 0.05 },
  '14': { maori: 0.09, pacific: 0.02, ethnic: 0.02 },
  '15': { maori: 0.15, pacific: 0.01, ethnic: 0.01 },
  '16': { maori: 0.1, pacific: 0, ethnic: 0.01 },
  '17': { maori: 0.12, pacific: 0.01, ethnic: 0.03 },
  '18': { maori: 0.12, pacific: 0.01, ethnic: 0.01 },
}

// National organisations (helplines, online services) are based in the three main centres.
const NATIONAL_BASES = new Set(['02', '09', '13'])
const NETWORK_CATEGORIES = new Set(['community-connection', 'shared-care'])
// Guidelines: roughly one in eleven providers hosts the Community Connection Service; Oranga
// Tamariki has few s396 care partners.
const CCS_HOST_SHARE = 0.09
const CARE_PARTNER_SHARE = 0.03
// "~80% of hosts hold a current Level Three or higher"; the rest show the eligibility checks work.
const CCS_COMPLIANT_SHARE = 0.8
const WELLINGTON = '09'
const WAIRARAPA_TAS = new Set(['048', '049', '050']) // 06 area code, not 04

const DAY_MS = 86_400_000

type Culture = 'KAUPAPA_MAORI' | 'PACIFIC' | 'ETHNIC_COMMUNITIES' | null
type WithId<T> = T & { id: string }

export interface DirectoryBatch {
  organisations: WithId<Prisma.OrganisationCreateManyInput>[]
  organisationIdentifiers: WithId<Prisma.OrganisationIdentifierCreateManyInput>[]
  locations: WithId<Prisma.LocationCreateManyInput>[]
  accessibility: WithId<Prisma.AccessibilityCreateManyInput>[]
  accreditations: WithId<Prisma.AccreditationCreateManyInput>[]
  contacts: WithId<Prisma.ContactCreateManyInput>[]
  services: WithId<Prisma.ServiceCreateManyInput>[]
  serviceCategories: Prisma.ServiceTaxonomyTermCreateManyInput[]
  serviceAtLocations: WithId<Prisma.ServiceAtLocationCreateManyInput>[]
  serviceAreas: WithId<Prisma.ServiceAreaCreateManyInput>[]
  costOptions: WithId<Prisma.CostOptionCreateManyInput>[]
  requiredAccreditations: WithId<Prisma.RequiredAccreditationCreateManyInput>[]
  phones: WithId<Prisma.PhoneCreateManyInput>[]
  schedules: WithId<Prisma.ScheduleCreateManyInput>[]
  languages: WithId<Prisma.LanguageCreateManyInput>[]
  /** Running totals after this batch. */
  progress: { providers: number; services: number }
}

/** Tables in the order they can be inserted (parents before children). */
export const BATCH_TABLES = [
  'organisations',
  'organisationIdentifiers',
  'locations',
  'accessibility',
  'accreditations',
  'contacts',
  'services',
  'serviceCategories',
  'serviceAtLocations',
  'serviceAreas',
  'costOptions',
  'requiredAccreditations',
  'phones',
  'schedules',
  'languages',
] as const satisfies readonly (keyof DirectoryBatch)[]

export type DirectoryTable = (typeof BATCH_TABLES)[number]
export type Directory = Omit<DirectoryBatch, 'progress'>

export interface GenerateOptions {
  seed?: number
  providers?: number
  services?: number
  now: Date
  regions: readonly { id: string; code: string; name: string }[]
  territorialAuthorities: readonly { id: string; code: string; name: string; regionId: string }[]
  regionPolygons: Readonly<Record<string, RegionGeometry>>
  /** Terms of our category taxonomy (code = SERVICE_CATEGORIES code). */
  categories: readonly { id: string; code: string }[]
  /** Services per batch (default 2,000). */
  batchSize?: number
}

interface ProviderPlan {
  id: string
  regionCode: string
  regionId: string
  culture: Culture
  focus: string[]
  national: boolean
  serviceCount: number
  hostsCcs: boolean
  /** Holds a current MSD_SSAS Level 3 or 4 (decided with the plan so the demo can rely on one). */
  ccsCompliant: boolean
  carePartner: boolean
  name: string
  town: string
  slug: string
  website: string
  locations: { id: string; taId: string; place: Place }[]
}

function emptyBatch(): DirectoryBatch {
  return {
    organisations: [],
    organisationIdentifiers: [],
    locations: [],
    accessibility: [],
    accreditations: [],
    contacts: [],
    services: [],
    serviceCategories: [],
    serviceAtLocations: [],
    serviceAreas: [],
    costOptions: [],
    requiredAccreditations: [],
    phones: [],
    schedules: [],
    languages: [],
    progress: { providers: 0, services: 0 },
  }
}

/** Largest-remainder apportionment of `total` by `weights`, at least `min` each when it fits. */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const n = weights.length
  const base = total >= min * n ? min : 0
  const rest = total - base * n
  const sum = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map((w) => (sum > 0 ? (rest * w) / sum : 0))
  const out = exact.map((x) => base + Math.floor(x))
  if (n === 0) return out
  let left = total - out.reduce((a, b) => a + b, 0)
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (let k = 0; left > 0; k = (k + 1) % n, left--) out[order[k]![1]]!++
  return out
}

function ascii(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
}

/** Lower-case ASCII words joined by hyphens, cut at a word boundary near `max` characters. */
function slugify(s: string, max = 40): string {
  const words = ascii(s)
    .toLowerCase()
    .replace(/&/g, 'and')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
  let out = words[0] ?? 'x'
  for (const w of words.slice(1)) {
    if (out.length + 1 + w.length > max) break
    out += `-${w}`
  }
  return out
}

/** "a", "a and b", "a, b and c". */
function listJoin(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

/** NZBN: a GS1 GTIN-13 under prefix 9429, with its mod-10 check digit. */
function nzbn(random: Random): string {
  const body = '9429' + random.digits(8)
  let sum = 0
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3)
  return body + String((10 - (sum % 10)) % 10)
}

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const
const DAY_LABELS: Record<string, string> = {
  MO: 'Mon',
  TU: 'Tue',
  WE: 'Wed',
  TH: 'Thu',
  FR: 'Fri',
  SA: 'Sat',
  SU: 'Sun',
}

function hoursLabel(byday: string, opensAt: string, closesAt: string): string {
  const days = byday.split(',')
  const label =
    days.length > 2 &&
    DAYS.indexOf(days[days.length - 1] as 'MO') - DAYS.indexOf(days[0] as 'MO') === days.length - 1
      ? `${DAY_LABELS[days[0]!]}-${DAY_LABELS[days[days.length - 1]!]}`
      : days.map((d) => DAY_LABELS[d]).join(', ')
  return `${label} ${opensAt}-${closesAt}`
}

// Office hours: most open 08:30-17:00 or 09:00-17:00 on weekdays.
const WEEKDAY_HOURS = new WeightedTable<readonly [string, string]>([
  [['08:30', '17:00'], 5],
  [['09:00', '17:00'], 4],
  [['09:00', '16:30'], 3],
  [['08:00', '16:30'], 2],
  [['09:00', '15:00'], 1],
])
const SUFFIX_TABLE = new WeightedTable(ORG_SUFFIXES)
const LEGAL_STATUS_TABLE = new WeightedTable(LEGAL_STATUSES)

/** Generates the directory in batches: first all providers, then services `batchSize` at a time. */
export function* generateDirectoryBatches(options: GenerateOptions): Generator<DirectoryBatch> {
  const seed = options.seed ?? DEFAULT_SEED
  const providerTotal = options.providers ?? DEFAULT_PROVIDERS
  const serviceTotal = options.services ?? DEFAULT_SERVICES
  const batchSize = options.batchSize ?? 2000
  const now = options.now
  const nowMs = now.getTime()
  const random = new Random(seed)
  // Ids from their own stream, so drawing an id never shifts the data that follows.
  const newId = uuidV7Factory(new Random(seed ^ 0x5eed_1d5), now)

  const regionByCode = new Map(options.regions.map((r) => [r.code, r]))
  const taByCode = new Map(options.territorialAuthorities.map((t) => [t.code, t]))
  const categoryId = new Map(options.categories.map((c) => [c.code, c.id]))
  for (const c of SERVICE_CATEGORIES) {
    if (!categoryId.has(c.code)) throw new Error(`category term ${c.code} missing: seed reference data first`)
  }
  const regionCodes = Object.keys(PLACES)
    .filter((code) => regionByCode.has(code))
    .sort()
  for (const code of regionCodes) {
    if (!options.regionPolygons[code]) throw new Error(`no polygon for region ${code}`)
    for (const p of PLACES[code]!) {
      const ta = taByCode.get(p.taCode)
      if (!ta || ta.regionId !== regionByCode.get(code)!.id) {
        throw new Error(`place ${p.suburb}: territorial authority ${p.taCode} is not in region ${code}`)
      }
    }
  }

  const daysAgo = (days: number) => new Date(nowMs - Math.floor(days * 1440) * 60_000)
  const daysAhead = (days: number) => new Date(nowMs + Math.floor(days * 1440) * 60_000)
  // Guidelines, Family services directory: providers must keep listings up to date. Most were
  // checked in the last six months; a third are older than 180 days, so staleness shows.
  const verifiedAt = () => daysAgo(random.chance(0.65) ? random.next() * 180 : 180 + random.next() * 220)
  const placeTables = new Map(
    regionCodes.map((c) => [c, new WeightedTable(PLACES[c]!.map((p) => [p, p.weight] as const))]),
  )

  const categoryTables = new Map<string, WeightedTable<string>>()
  const categoryTable = (regionCode: string, culture: Culture): WeightedTable<string> => {
    const key = `${regionCode}:${culture}`
    let table = categoryTables.get(key)
    if (!table) {
      const gaps = new Set(COVERAGE_GAPS[regionCode] ?? [])
      const entries = Object.entries(CATEGORY_PROFILES)
        .filter(([code]) => !NETWORK_CATEGORIES.has(code) && !gaps.has(code))
        .map(([code, p]) => {
          let w = p.weight
          if (culture === 'KAUPAPA_MAORI' && (code === 'whanau-ora' || code === 'kaumatua-services')) w *= 5
          if (culture !== 'KAUPAPA_MAORI' && code === 'kaumatua-services') w *= 0.3
          if (culture !== 'KAUPAPA_MAORI' && code === 'whanau-ora') w *= culture === 'PACIFIC' ? 0.5 : 0.1
          if (
            culture === 'PACIFIC' &&
            ['parenting-support', 'community-support', 'financial-mentoring'].includes(code)
          )
            w *= 2
          if (
            culture === 'ETHNIC_COMMUNITIES' &&
            ['community-support', 'employment-assistance', 'legal-advice'].includes(code)
          )
            w *= 2.5
          return [code, w] as const
        })
      table = new WeightedTable(entries)
      categoryTables.set(key, table)
    }
    return table
  }

  const samplePoint = (place: Place, regionCode: string) => {
    const geometry = options.regionPolygons[regionCode]!
    const spreadKm = place.weight >= 10 ? 1.2 : 0.8
    for (let attempt = 0; attempt < 60; attempt++) {
      const lat = Math.round((place.lat + (random.gaussian() * spreadKm) / 111) * 1e6) / 1e6
      const lng =
        Math.round(
          (place.lng + (random.gaussian() * spreadKm) / (111 * Math.cos((place.lat * Math.PI) / 180))) * 1e6,
        ) / 1e6
      if (pointInGeometry(lat, lng, geometry)) return { lat, lng }
    }
    // Every place centre is inside its region (a test checks), so this is always a valid fallback.
    return { lat: place.lat, lng: place.lng }
  }

  const landline = (regionCode: string, taCode: string) =>
    `${WAIRARAPA_TAS.has(taCode) ? '06' : AREA_CODE_BY_REGION[regionCode]} ${random.digits(3, '2345789')} ${random.digits(4)}`
  const freephone = () =>
    `${random.chance(0.85) ? '0800' : '0508'} ${random.digits(3, '123456789')} ${random.digits(3)}`
  const mobile = () =>
    `${random.pick(['021', '022', '027'])} ${random.digits(3, '123456789')} ${random.digits(4)}`

  // ─── Agencies ─────────────────────────────────────────────────────────────────────────────────
  const batch0 = emptyBatch()
  const agencies = [
    {
      name: AGENCY_NAMES.MSD,
      code: AGENCY_CODES.MSD,
      alternateName: 'MSD',
      description:
        'Te Manatū Whakahiato Ora, the Ministry of Social Development, funds community providers through Outcome Agreements, runs Work and Income and coordinates the welfare response in each region.',
      website: 'https://www.msd.govt.nz',
      phone: ['0800 559 009', 'Work and Income'],
    },
    {
      name: AGENCY_NAMES.ORANGA_TAMARIKI,
      code: AGENCY_CODES.ORANGA_TAMARIKI,
      alternateName: 'Oranga Tamariki',
      description:
        'Oranga Tamariki works with tamariki, rangatahi and whānau, and with approved s396 care partners who share the care of tamariki in its custody.',
      website: 'https://www.orangatamariki.govt.nz',
      phone: ['0508 326 459', 'Contact centre (0508 FAMILY)'],
    },
    {
      name: AGENCY_NAMES.POLICE,
      code: AGENCY_CODES.POLICE,
      alternateName: 'NZ Police',
      description: 'New Zealand Police refer whānau affected by family violence to local support services.',
      website: 'https://www.police.govt.nz',
      phone: ['105', 'Non-emergency'],
    },
  ]
  for (const a of agencies) {
    const id = newId()
    batch0.organisations.push({
      id,
      kind: 'AGENCY',
      code: a.code,
      name: a.name,
      alternateName: a.alternateName,
      description: a.description,
      website: a.website,
      legalStatus: 'Government department',
      lastVerifiedAt: daysAgo(random.next() * 30),
      createdAt: daysAgo(1500),
      updatedAt: daysAgo(10),
    })
    batch0.phones.push({
      id: newId(),
      organisationId: id,
      number: a.phone[0]!,
      type: 'voice',
      description: a.phone[1]!,
    })
  }

  // ─── Provider plans ───────────────────────────────────────────────────────────────────────────
  const regionCounts = apportion(
    providerTotal,
    regionCodes.map((c) => Math.pow(POPULATION[c] ?? 50, 0.9)),
    providerTotal >= regionCodes.length * 2 ? 1 : 0,
  )
  const regionOrder = random.sample(
    regionCodes.flatMap((c, i) => Array<string>(regionCounts[i]!).fill(c)),
    providerTotal,
  )
  // Size: a few large providers deliver many services (log-normal), most deliver one to four.
  const sizes = regionOrder.map(() => Math.exp(random.gaussian() * 0.8))
  const minEach = serviceTotal >= providerTotal ? 1 : 0
  const serviceCounts = apportion(serviceTotal, sizes, minEach)

  const usedNames = new Set<string>()
  const usedIdentifiers = new Set<string>()
  const uniqueName = (candidate: string, place: Place): string => {
    let name = candidate
    if (usedNames.has(name)) name = `${candidate} — ${place.suburb}`
    for (let n = 2; usedNames.has(name); n++) name = `${candidate} (${place.suburb} ${n})`
    usedNames.add(name)
    return name
  }

  const plans: ProviderPlan[] = []
  for (let i = 0; i < providerTotal; i++) {
    const regionCode = regionOrder[i]!
    const region = regionByCode.get(regionCode)!
    const share = CULTURE_SHARE[regionCode]!
    const x = random.next()
    const culture: Culture =
      x < share.maori
        ? 'KAUPAPA_MAORI'
        : x < share.maori + share.pacific
          ? 'PACIFIC'
          : x < share.maori + share.pacific + share.ethnic
            ? 'ETHNIC_COMMUNITIES'
            : null
    const national = NATIONAL_BASES.has(regionCode) && culture === null && random.chance(0.08)
    const serviceCount = serviceCounts[i]!
    let focus: string[]
    if (national) {
      focus = [random.pick(Object.keys(NATIONAL_TOPICS_BY_CATEGORY).sort())]
    } else {
      const table = categoryTable(regionCode, culture)
      const wanted = serviceCount >= 12 ? 5 : serviceCount >= 6 ? 3 : serviceCount >= 3 ? 2 : 1
      focus = []
      for (let k = 0; k < 12 && focus.length < wanted; k++) {
        const c = table.draw(random)
        if (!focus.includes(c)) focus.push(c)
      }
    }
    const gaps = COVERAGE_GAPS[regionCode] ?? []
    const hostsCcs = !national && serviceCount >= 1 && random.chance(CCS_HOST_SHARE)
    const ccsCompliant = hostsCcs && random.chance(CCS_COMPLIANT_SHARE)
    const carePartner =
      !national && serviceCount >= 1 && !gaps.includes('shared-care') && random.chance(CARE_PARTNER_SHARE)

    const locationCount = national
      ? 1
      : Math.min(
          3,
          1 +
            (random.chance(serviceCount >= 4 ? 0.5 : 0.2) ? 1 : 0) +
            (random.chance(serviceCount >= 8 ? 0.4 : 0.05) ? 1 : 0),
        )
    const places: Place[] = []
    for (let k = 0; k < 10 && places.length < locationCount; k++) {
      const p = placeTables.get(regionCode)!.draw(random)
      if (!places.includes(p)) places.push(p)
    }
    const home = places[0]!
    const town =
      home.suburb !== home.city && !/Central$/.test(home.suburb) && random.chance(0.6)
        ? home.suburb
        : home.city

    let base: string
    if (national) {
      const topic = random.pick(NATIONAL_TOPICS_BY_CATEGORY[focus[0]!]!)
      base = random.pick(NATIONAL_ORG_PATTERNS).replace('{topic}', topic)
    } else if (culture === 'KAUPAPA_MAORI') {
      base = random.pick(MAORI_ORG_PATTERNS).replace('{iwi}', random.pick(IWI_BY_REGION[regionCode]!))
    } else if (culture === 'PACIFIC') {
      base = random.pick(PACIFIC_ORG_PATTERNS)
    } else if (culture === 'ETHNIC_COMMUNITIES') {
      base = random.pick(ETHNIC_ORG_PATTERNS)
    } else {
      base = random.pick(ORG_PATTERNS_BY_CATEGORY[focus[0]!]!)
    }
    base = base.replace('{town}', town).replace('{suburb}', home.suburb)
    if (culture === null && !national && !/Trust|Inc\.|Society|Association|Mission|Refuge/.test(base)) {
      base += SUFFIX_TABLE.draw(random)
    }
    const name = uniqueName(base, home)
    const slug = slugify(name)
    plans.push({
      id: newId(),
      regionCode,
      regionId: region.id,
      culture,
      focus,
      national,
      serviceCount,
      hostsCcs,
      ccsCompliant,
      carePartner,
      name,
      town,
      slug,
      website: `https://${slug}.example.nz`,
      locations: places.map((place) => ({ id: newId(), taId: taByCode.get(place.taCode)!.id, place })),
    })
  }
  // The demo connector needs a Wellington host with a current Level Three (demo-users.ts).
  const wellington = plans.filter((p) => p.regionCode === WELLINGTON && !p.national && p.serviceCount >= 1)
  if (wellington.length >= 2 && !wellington.some((p) => p.hostsCcs && p.ccsCompliant)) {
    wellington[0]!.hostsCcs = true
    wellington[0]!.ccsCompliant = true
  }

  // ─── Provider rows ────────────────────────────────────────────────────────────────────────────
  for (const plan of plans) {
    const lastVerifiedAt = verifiedAt()
    const yearIncorporated = Math.min(
      now.getUTCFullYear() - 1,
      1975 + Math.floor(Math.pow(random.next(), 0.7) * 48),
    )
    const createdAt = new Date(Math.min(lastVerifiedAt.getTime(), nowMs - random.int(400, 2200) * DAY_MS))
    const legalStatus =
      plan.culture === 'KAUPAPA_MAORI' && random.chance(0.3)
        ? 'Iwi or hapū entity'
        : LEGAL_STATUS_TABLE.draw(random)
    const categoryNames = plan.focus.map((c) => CATEGORY_PROFILES[c]!.phrase)
    const since = `since ${yearIncorporated}`
    let description: string
    if (plan.national) {
      description = `A national service for people and whānau anywhere in Aotearoa: ${listJoin(categoryNames)} by phone, text and online. Based in ${plan.locations[0]!.place.city}.`
    } else if (plan.culture === 'KAUPAPA_MAORI') {
      description = `${random.pick(CULTURAL_OPENERS.KAUPAPA_MAORI)}We have supported whānau in ${plan.town} and surrounding rohe ${since}, with ${listJoin(categoryNames)}.`
    } else if (plan.culture === 'PACIFIC') {
      description = `${random.pick(CULTURAL_OPENERS.PACIFIC)}Supporting Pacific families in ${plan.town} ${since}: ${listJoin(categoryNames)}.`
    } else if (plan.culture === 'ETHNIC_COMMUNITIES') {
      description = `${random.pick(CULTURAL_OPENERS.ETHNIC_COMMUNITIES)}Based in ${plan.town} ${since}; we offer ${listJoin(categoryNames)}.`
    } else {
      description = `A community organisation serving ${plan.town} ${since}. We offer ${listJoin(categoryNames)} for individuals and whānau.`
    }
    const kaupapaAlternate =
      plan.culture === 'KAUPAPA_MAORI' && random.chance(0.3) ? `${plan.town} Whānau Support` : null
    batch0.organisations.push({
      id: plan.id,
      kind: 'PROVIDER',
      name: plan.name,
      alternateName: kaupapaAlternate,
      description,
      email: `info@${plan.slug}.example.nz`,
      website: plan.website,
      legalStatus,
      yearIncorporated,
      lastVerifiedAt,
      createdAt,
      updatedAt: lastVerifiedAt,
    })

    if (random.chance(0.92)) {
      let id = nzbn(random)
      while (usedIdentifiers.has(`NZBN:${id}`)) id = nzbn(random)
      usedIdentifiers.add(`NZBN:${id}`)
      batch0.organisationIdentifiers.push({
        id: newId(),
        organisationId: plan.id,
        identifierScheme: 'NZ-NZBN',
        identifierType: 'NZBN',
        identifier: id,
      })
    }
    if (legalStatus !== 'Iwi or hapū entity' && random.chance(0.8)) {
      let id = `CC${random.int(10000, 99999)}`
      while (usedIdentifiers.has(`CC:${id}`)) id = `CC${random.int(10000, 99999)}`
      usedIdentifiers.add(`CC:${id}`)
      batch0.organisationIdentifiers.push({
        id: newId(),
        organisationId: plan.id,
        identifierScheme: 'NZ-CC',
        identifierType: 'Charities registration number',
        identifier: id,
      })
    }

    const pool: NamePool =
      plan.culture === 'KAUPAPA_MAORI' && random.chance(0.8)
        ? 'maori'
        : plan.culture === 'PACIFIC' && random.chance(0.8)
          ? 'pacific'
          : plan.culture === 'ETHNIC_COMMUNITIES' && random.chance(0.7)
            ? 'asian'
            : random.pick(['pakeha', 'pakeha', 'pakeha', 'maori', 'pacific', 'asian'] as const)
    const given = random.pick(PERSON_NAMES[pool].given)
    const familyPool = random.chance(0.85)
      ? pool
      : random.pick(['maori', 'pakeha', 'pacific', 'asian'] as const)
    const family = random.pick(PERSON_NAMES[familyPool].family)
    batch0.contacts.push({
      id: newId(),
      organisationId: plan.id,
      name: `${given} ${family}`,
      title: random.pick(CONTACT_TITLES),
      email: `${slugify(given)}.${slugify(family)}@${plan.slug}.example.nz`,
    })
    const home = plan.locations[0]!
    batch0.phones.push({
      id: newId(),
      organisationId: plan.id,
      number: plan.national ? freephone() : landline(plan.regionCode, home.place.taCode),
      type: 'voice',
      description: 'Reception',
    })

    for (const [k, loc] of plan.locations.entries()) {
      const { lat, lng } = samplePoint(loc.place, plan.regionCode)
      const unit = random.chance(0.2) ? random.pick(UNIT_PREFIXES) : ''
      batch0.locations.push({
        id: loc.id,
        organisationId: plan.id,
        locationType: 'PHYSICAL',
        name: k === 0 ? plan.name : `${plan.name} — ${loc.place.suburb}`,
        description:
          k === 0 ? 'Main office' : random.pick(['Branch office', 'Community hub', 'Outreach base']),
        transportation: random.chance(0.4)
          ? random.pick([
              'Bus stop outside.',
              'Free parking at the rear.',
              'Short walk from the bus interchange.',
              'On-street parking.',
            ])
          : null,
        addressLine1: `${unit}${random.int(1, 420)} ${random.pick(STREETS)}`,
        suburb: loc.place.suburb,
        city: loc.place.city,
        postcode: loc.place.postcode,
        regionId: plan.regionId,
        territorialAuthorityId: loc.taId,
        latitude: lat,
        longitude: lng,
        createdAt,
        updatedAt: lastVerifiedAt,
      })
      if (random.chance(0.7)) {
        batch0.accessibility.push({
          id: newId(),
          locationId: loc.id,
          description: random.pick([
            'Wheelchair accessible entrance and toilet.',
            'Ground floor, step-free access.',
            'Accessible parking; hearing loop in the meeting room.',
          ]),
        })
      }
      if (k > 0 && random.chance(0.5)) {
        batch0.phones.push({
          id: newId(),
          locationId: loc.id,
          number: landline(plan.regionCode, loc.place.taCode),
          type: 'voice',
        })
      }
      const [opensAt, closesAt] = WEEKDAY_HOURS.draw(random)
      batch0.schedules.push({
        id: newId(),
        locationId: loc.id,
        freq: 'WEEKLY',
        byday: 'MO,TU,WE,TH,FR',
        opensAt,
        closesAt,
        description: `Office hours ${hoursLabel('MO,TU,WE,TH,FR', opensAt, closesAt)}`,
      })
      if (random.chance(0.12)) {
        batch0.schedules.push({
          id: newId(),
          locationId: loc.id,
          freq: 'WEEKLY',
          byday: 'SA',
          opensAt: '10:00',
          closesAt: '13:00',
          description: 'Sat 10:00-13:00',
        })
      }
    }

    // Accreditation: Guidelines, Social sector accreditation standards (Level Three for the
    // Community Connection Service); Te Kāhui Kāhu Level 1 or 2 before s396 approval.
    const accredit = (
      scheme: 'MSD_SSAS' | 'TE_KAHUI_KAHU' | 'OT_S396',
      level: number | null,
      state: 'random' | 'current' | 'expired' | 'suspended',
    ) => {
      let validTo: Date
      const roll = random.next()
      if (state === 'expired' || (state === 'random' && roll < 0.08))
        validTo = daysAgo(1 + random.next() * 300)
      else if (state === 'random' && roll < 0.15) validTo = daysAhead(1 + random.next() * 28)
      else validTo = daysAhead(31 + random.next() * 1060)
      const termYears = scheme === 'MSD_SSAS' ? random.pick([2, 3]) : 2
      const validFrom = new Date(Math.min(validTo.getTime() - termYears * 365 * DAY_MS, nowMs - 30 * DAY_MS))
      const s = random.next()
      const status =
        state === 'suspended'
          ? 'SUSPENDED'
          : state === 'current'
            ? 'ACTIVE'
            : s < 0.9
              ? 'ACTIVE'
              : s < 0.95
                ? 'SUSPENDED'
                : 'PROVISIONAL'
      batch0.accreditations.push({
        id: newId(),
        organisationId: plan.id,
        scheme,
        level,
        status,
        validFrom,
        validTo,
        evidenceNote:
          status === 'SUSPENDED'
            ? 'Suspended pending corrective actions from the last assessment.'
            : random.pick([
                'Assessment report on file.',
                'Re-accreditation assessment completed.',
                'Desk review and site visit completed.',
                null,
              ]),
        createdAt: validFrom,
        updatedAt: validFrom,
      })
    }
    if (plan.hostsCcs) {
      if (plan.ccsCompliant) accredit('MSD_SSAS', random.chance(0.7) ? 3 : 4, 'current')
      else {
        const kind = random.int(0, 2)
        if (kind === 0) accredit('MSD_SSAS', 3, 'expired')
        else if (kind === 1) accredit('MSD_SSAS', 3, 'suspended')
        else accredit('MSD_SSAS', 2, 'current')
      }
    } else if (random.chance(plan.carePartner ? 0.5 : 0.72)) {
      const l = random.next()
      accredit('MSD_SSAS', l < 0.15 ? 1 : l < 0.5 ? 2 : l < 0.85 ? 3 : 4, 'random')
    }
    if (plan.carePartner) {
      accredit('TE_KAHUI_KAHU', random.pick([1, 2]), 'current')
      accredit('OT_S396', null, random.chance(0.9) ? 'current' : 'random')
    } else if (random.chance(0.1)) {
      accredit('TE_KAHUI_KAHU', random.pick([1, 2]), 'random')
    }
  }
  batch0.progress = { providers: providerTotal, services: 0 }

  // ─── Services ─────────────────────────────────────────────────────────────────────────────────
  let batch = batch0
  let inBatch = 0
  let servicesDone = 0
  for (const plan of plans) {
    const usedServiceNames = new Set<string>()
    const gaps = new Set(COVERAGE_GAPS[plan.regionCode] ?? [])
    for (let s = 0; s < plan.serviceCount; s++) {
      // Most services are the provider's own kind of work; a few branch out.
      const fromFocus = () =>
        plan.focus[
          Math.min(plan.focus.length - 1, Math.floor(Math.pow(random.next(), 1.6) * plan.focus.length))
        ]!
      let primary: string
      if (plan.hostsCcs && s === 0) primary = 'community-connection'
      else if (plan.carePartner && s === (plan.hostsCcs ? 1 : 0)) primary = 'shared-care'
      else if (plan.national || random.chance(0.9)) primary = fromFocus()
      else primary = categoryTable(plan.regionCode, plan.culture).draw(random)
      const categories = [primary]
      if (!NETWORK_CATEGORIES.has(primary) && !plan.national && random.chance(0.2)) {
        const second =
          plan.focus.length > 1 && random.chance(0.6)
            ? fromFocus()
            : categoryTable(plan.regionCode, plan.culture).draw(random)
        if (second !== primary) categories.push(second)
      }
      if (categories.some((c) => gaps.has(c)))
        throw new Error(`generator bug: gap category in region ${plan.regionCode}`)
      batch.services.push(serviceRows(plan, categories, usedServiceNames))
      servicesDone++
      inBatch++
    }
    if (inBatch >= batchSize) {
      batch.progress = { providers: providerTotal, services: servicesDone }
      yield batch
      batch = emptyBatch()
      inBatch = 0
    }
  }
  batch.progress = { providers: providerTotal, services: servicesDone }
  yield batch

  function serviceRows(
    plan: ProviderPlan,
    categories: string[],
    usedServiceNames: Set<string>,
  ): WithId<Prisma.ServiceCreateManyInput> {
    const primary = categories[0]!
    const profile = CATEGORY_PROFILES[primary]!
    const id = newId()
    const isCcs = primary === 'community-connection'
    const nationwide = plan.national && random.chance(0.7)

    let modes: Mode[]
    if (nationwide) {
      modes = random.chance(0.6) ? ['PHONE', 'ONLINE'] : [random.pick(['PHONE', 'ONLINE'] as const)]
    } else {
      modes = (['IN_PERSON', 'PHONE', 'ONLINE', 'OUTREACH'] as const).filter((m) =>
        random.chance(profile.modes[m] ?? 0),
      )
      if (modes.length === 0) modes = ['IN_PERSON']
    }
    const physical = modes.includes('IN_PERSON') || modes.includes('OUTREACH')
    const sites = nationwide
      ? []
      : physical && plan.locations.length > 1 && random.chance(0.3)
        ? plan.locations
        : [random.pick(plan.locations)]
    const branch = sites.length === 1 && sites[0] !== plan.locations[0] ? sites[0]!.place : undefined

    // Two services of one provider with the same name are told apart as listings do: by branch,
    // then by how they run.
    const base =
      plan.culture === 'KAUPAPA_MAORI' && profile.namesMi && random.chance(0.6)
        ? random.pick(profile.namesMi)
        : random.pick(profile.names)
    let name = base
    if (usedServiceNames.has(name) && branch) name = `${base} — ${branch.suburb}`
    if (usedServiceNames.has(name)) name = `${base} (${random.pick(NAME_QUALIFIERS)})`
    for (let n = 2; usedServiceNames.has(name); n++) name = `${base} ${n}`
    usedServiceNames.add(name)

    const opener = plan.culture && random.chance(0.6) ? random.pick(CULTURAL_OPENERS[plan.culture]) : ''
    const description =
      opener + random.pick(profile.descriptions).replaceAll('{town}', branch?.suburb ?? plan.town)

    const r = random.next()
    const status = isCcs ? 'ACTIVE' : r < 0.93 ? 'ACTIVE' : r < 0.965 ? 'TEMPORARILY_CLOSED' : 'INACTIVE'
    const c = random.next()
    // A closed or inactive service takes nobody new, whatever its usual capacity.
    const capacityStatus =
      status !== 'ACTIVE' ? 'NO_CAPACITY' : c < 0.78 ? 'ACCEPTING' : c < 0.95 ? 'WAITLIST' : 'NO_CAPACITY'
    const culturalFocus = plan.culture
      ? [plan.culture]
      : random.chance(0.03)
        ? [random.pick(['KAUPAPA_MAORI', 'PACIFIC'] as const)]
        : []

    const paidShare =
      primary === 'counselling'
        ? 0.3
        : primary === 'legal-advice' || NETWORK_CATEGORIES.has(primary)
          ? 0
          : 0.06
    const fee = random.next()
    let freeOfCharge = true
    let feesDescription: string | null = null
    if (fee < paidShare) {
      freeOfCharge = false
      const amount = random.pick([1500, 2000, 3000, 4500, 6000])
      feesDescription = `$${amount / 100} per session; free for Community Services Card holders.`
      batch.costOptions.push({
        id: newId(),
        serviceId: id,
        option: 'Per session',
        currency: 'NZD',
        amountCents: amount,
        amountDescription: 'Sliding scale available',
      })
    } else if (fee < paidShare + 0.07 && !NETWORK_CATEGORIES.has(primary)) {
      feesDescription = 'Free. Koha welcome.'
    }

    const lastVerifiedAt = verifiedAt()
    const capacityUpdatedAt = daysAgo(random.next() * 90)
    const createdAt = new Date(Math.min(lastVerifiedAt.getTime(), nowMs - random.int(200, 2000) * DAY_MS))

    const interpretationServices =
      plan.culture === 'PACIFIC' || plan.culture === 'ETHNIC_COMMUNITIES'
        ? 'Interpreters available; tell us your language when you call.'
        : random.chance(0.3)
          ? 'Interpreters can be arranged on request.'
          : null
    let alert: string | null = null
    if (status === 'TEMPORARILY_CLOSED') {
      alert = random.pick([
        'Temporarily closed while we move premises. Phone for support in the meantime.',
        'Closed for the summer break; reopening mid-January.',
        'Temporarily closed due to staff shortages. Please call before visiting.',
      ])
    } else if (capacityStatus === 'WAITLIST' && random.chance(0.5)) {
      alert = `Current wait for a first appointment is about ${random.int(2, 8)} weeks.`
    }

    // Categories and what the service requires of its provider.
    for (const code of categories)
      batch.serviceCategories.push({ serviceId: id, taxonomyTermId: categoryId.get(code)! })
    if (isCcs) {
      batch.requiredAccreditations.push({ id: newId(), serviceId: id, ...COMMUNITY_CONNECTION_REQUIREMENT })
    } else if (primary === 'shared-care') {
      // Oranga Tamariki Act 1989 s396: only approved care partners may share care of tamariki.
      batch.requiredAccreditations.push({ id: newId(), serviceId: id, scheme: 'OT_S396', minimumLevel: null })
    } else if (
      ['children-in-care', 'family-violence', 'parenting-support'].includes(primary) &&
      random.chance(0.08)
    ) {
      // MSD-funded family services commonly ask for Level Two.
      batch.requiredAccreditations.push({ id: newId(), serviceId: id, scheme: 'MSD_SSAS', minimumLevel: 2 })
    }

    // Where it is delivered.
    if (!nationwide) {
      for (const loc of sites)
        batch.serviceAtLocations.push({ id: newId(), serviceId: id, locationId: loc.id })
      const region = regionByCode.get(plan.regionCode)!
      if (random.chance(0.4) || modes.includes('OUTREACH')) {
        batch.serviceAreas.push({ id: newId(), serviceId: id, regionId: region.id, name: region.name })
      } else {
        const tas = [...new Set(sites.map((l) => l.place.taCode))]
        for (const code of tas) {
          const ta = taByCode.get(code)!
          batch.serviceAreas.push({
            id: newId(),
            serviceId: id,
            territorialAuthorityId: ta.id,
            name: ta.name,
          })
        }
      }
    }

    // Contact and hours.
    if (nationwide) {
      batch.phones.push({
        id: newId(),
        serviceId: id,
        number: freephone(),
        type: 'voice',
        description: 'Free to call from any phone',
      })
      if (random.chance(0.4))
        batch.phones.push({
          id: newId(),
          serviceId: id,
          number: String(random.int(2000, 8999)),
          type: 'text',
          description: 'Free text',
        })
    } else if (random.chance(0.3) || isCcs) {
      const home = plan.locations[0]!
      const p = random.next()
      batch.phones.push(
        p < 0.2
          ? { id: newId(), serviceId: id, number: freephone(), type: 'voice' }
          : p < 0.6
            ? { id: newId(), serviceId: id, number: mobile(), type: 'cell', description: 'Call or text' }
            : {
                id: newId(),
                serviceId: id,
                number: landline(plan.regionCode, home.place.taCode),
                type: 'voice',
              },
      )
    }
    const crisisLine = primary === 'family-violence' && modes.includes('PHONE')
    if (crisisLine || (nationwide && random.chance(0.3))) {
      batch.schedules.push({
        id: newId(),
        serviceId: id,
        freq: 'WEEKLY',
        byday: 'MO,TU,WE,TH,FR,SA,SU',
        opensAt: '00:00',
        closesAt: '23:59',
        description: 'Open 24 hours, 7 days',
      })
    } else if (nationwide) {
      batch.schedules.push({
        id: newId(),
        serviceId: id,
        freq: 'WEEKLY',
        byday: 'MO,TU,WE,TH,FR',
        opensAt: '08:00',
        closesAt: '20:00',
        description: 'Mon-Fri 08:00-20:00',
      })
      batch.schedules.push({
        id: newId(),
        serviceId: id,
        freq: 'WEEKLY',
        byday: 'SA,SU',
        opensAt: '10:00',
        closesAt: '14:00',
        description: 'Sat, Sun 10:00-14:00',
      })
    } else if (random.chance(0.6)) {
      const pattern = random.next()
      const [byday, opensAt, closesAt] =
        pattern < 0.55
          ? ([
              'MO,TU,WE,TH,FR',
              ...random.pick([
                ['08:30', '17:00'],
                ['09:00', '16:30'],
                ['09:00', '15:00'],
              ] as const),
            ] as const)
          : pattern < 0.75
            ? (['TU,TH', '10:00', '14:00'] as const)
            : pattern < 0.9
              ? (['MO,WE,FR', '09:00', '13:00'] as const)
              : (['WE', '17:30', '19:30'] as const)
      batch.schedules.push({
        id: newId(),
        serviceId: id,
        freq: 'WEEKLY',
        byday,
        opensAt,
        closesAt,
        description: hoursLabel(byday, opensAt, closesAt),
      })
      if (random.chance(0.1)) {
        batch.schedules.push({
          id: newId(),
          serviceId: id,
          freq: 'WEEKLY',
          byday: 'SA',
          opensAt: '10:00',
          closesAt: '13:00',
          description: 'Sat 10:00-13:00',
        })
      }
    }

    // Languages (ISO 639; "nzs" New Zealand Sign Language).
    const akl = plan.regionCode === '02'
    const langs: [string, string][] = []
    if (random.chance(0.98)) langs.push(['en', 'English'])
    if (random.chance(plan.culture === 'KAUPAPA_MAORI' ? 0.95 : 0.12)) langs.push(['mi', 'te reo Māori'])
    if (random.chance(plan.culture === 'PACIFIC' ? 0.75 : akl ? 0.04 : 0.01))
      langs.push(['sm', 'Gagana Sāmoa'])
    if (random.chance(plan.culture === 'PACIFIC' ? 0.45 : akl ? 0.02 : 0.005))
      langs.push(['to', 'Lea faka-Tonga'])
    if (random.chance(plan.culture === 'ETHNIC_COMMUNITIES' ? 0.5 : akl ? 0.04 : 0.01))
      langs.push(['zh', 'Chinese (Mandarin)'])
    if (random.chance(plan.culture === 'ETHNIC_COMMUNITIES' ? 0.4 : akl ? 0.03 : 0.01))
      langs.push(['hi', 'Hindi'])
    if (random.chance(primary === 'disability-support' ? 0.25 : 0.02))
      langs.push(['nzs', 'New Zealand Sign Language'])
    if (langs.length === 0) langs.push(['en', 'English'])
    for (const [code, langName] of langs)
      batch.languages.push({ id: newId(), serviceId: id, code, name: langName })

    const kaupapaNote =
      plan.culture === 'KAUPAPA_MAORI' && random.chance(0.3)
        ? ' Open to everyone; delivered in a kaupapa Māori way.'
        : ''
    const eligibility = profile.eligibility
      ? random.pick(profile.eligibility) + kaupapaNote
      : kaupapaNote.trim() || null

    return {
      id,
      organisationId: plan.id,
      name,
      description,
      url: random.chance(0.4) ? `${plan.website}/${slugify(name)}` : null,
      email: random.chance(0.2) ? `${slugify(name, 24)}@${plan.slug}.example.nz` : null,
      status,
      interpretationServices,
      applicationProcess: profile.applicationProcess ? random.pick(profile.applicationProcess) : null,
      feesDescription,
      freeOfCharge,
      eligibilityDescription: eligibility,
      minimumAge: profile.minimumAge ?? null,
      maximumAge: profile.maximumAge ?? null,
      alert,
      capacityStatus,
      capacityUpdatedAt,
      deliveryModes: modes,
      culturalFocus,
      nationwide,
      lastVerifiedAt,
      createdAt,
      updatedAt: new Date(Math.max(lastVerifiedAt.getTime(), capacityUpdatedAt.getTime())),
    }
  }
}

/** The whole directory in memory: for tests and the default size. */
export function generateDirectory(options: GenerateOptions): Directory {
  const all = emptyBatch()
  for (const b of generateDirectoryBatches(options)) {
    for (const table of BATCH_TABLES) {
      const into = all[table] as unknown[]
      for (const row of b[table] as unknown[]) into.push(row)
    }
  }
  const { progress: _progress, ...directory } = all
  return directory
}
