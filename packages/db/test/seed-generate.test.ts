// The seed's pure parts, without a database: CSV, geometry, ids, and the generator's invariants.
import { SERVICE_CATEGORIES } from '@fsn/domain'
import { describe, expect, it } from 'vitest'
import { parseCsv, parseCsvRecords } from '../src/seed/csv'
import { pointInGeometry, type RegionGeometry } from '../src/seed/geo'
import {
  AGENCY_NAMES,
  COVERAGE_GAPS,
  apportion,
  generateDirectory,
  generateDirectoryBatches,
} from '../src/seed/generate'
import { PLACES } from '../src/seed/places'
import { Random, uuidV7Factory } from '../src/seed/random'
import { readReferenceFiles } from '../src/seed/reference'

const NOW = new Date('2026-11-23T02:00:00Z')
const files = readReferenceFiles()
// Stand-in ids: the generator only passes them through.
const reference = {
  regions: files.regions.map((r) => ({ id: `region-${r.code}`, code: r.code, name: r.name })),
  territorialAuthorities: files.territorialAuthorities.map((t) => ({
    id: `ta-${t.code}`,
    code: t.code,
    name: t.name,
    regionId: `region-${t.regionCode}`,
  })),
  categories: SERVICE_CATEGORIES.map((c) => ({ id: `term-${c.code}`, code: c.code })),
  regionPolygons: files.regionPolygons,
}

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text = 'id,name,description\r\n1,Food,"Meals, pantries and ""kai"""\n2,Housing,"two\nlines"\n3,,\n'
    expect(parseCsv(text)).toEqual([
      ['id', 'name', 'description'],
      ['1', 'Food', 'Meals, pantries and "kai"'],
      ['2', 'Housing', 'two\nlines'],
      ['3', '', ''],
    ])
  })

  it('keys records by header and refuses a ragged record', () => {
    expect(parseCsvRecords('a,b\n1,2')).toEqual([{ a: '1', b: '2' }])
    expect(() => parseCsvRecords('a,b\n1,2,3')).toThrow(/3 fields/)
    expect(() => parseCsv('a,"b')).toThrow(/quoted/)
  })
})

describe('reference files', () => {
  it('hold 16 regions, 67 territorial authorities and 385 Open Eligibility terms', () => {
    expect(files.regions).toHaveLength(16)
    expect(files.territorialAuthorities).toHaveLength(67)
    expect(files.openEligibilityTerms).toHaveLength(385)
    expect(Object.keys(files.regionPolygons).sort()).toEqual(files.regions.map((r) => r.code).sort())
  })

  it('give the second Open Eligibility 1206 its own code, under the level 2 term', () => {
    const codes = files.openEligibilityTerms.map((t) => t.code)
    expect(new Set(codes).size).toBe(codes.length)
    expect(files.openEligibilityTerms.find((t) => t.code === '1206-primary-care')).toMatchObject({
      name: 'Primary Care',
      level: 3,
      parentCode: '1206',
    })
    expect(files.openEligibilityTerms.find((t) => t.code === '1206')).toMatchObject({
      name: 'Medical Care',
      level: 2,
    })
  })

  it('map every category to an Open Eligibility term that exists', () => {
    const codes = new Set(files.openEligibilityTerms.map((t) => t.code))
    for (const c of SERVICE_CATEGORIES)
      if (c.openEligibilityCode) expect(codes.has(c.openEligibilityCode)).toBe(true)
  })
})

describe('pointInGeometry', () => {
  const square = [
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
    [
      [4, 4],
      [6, 4],
      [6, 6],
      [4, 6],
      [4, 4],
    ],
  ]
  const polygon: RegionGeometry = { type: 'Polygon', coordinates: square }
  const multi: RegionGeometry = {
    type: 'MultiPolygon',
    coordinates: [
      square,
      [
        [
          [20, 20],
          [22, 20],
          [22, 22],
          [20, 22],
          [20, 20],
        ],
      ],
    ],
  }

  it('is inside the outer ring and outside holes', () => {
    expect(pointInGeometry(2, 2, polygon)).toBe(true) // (lat, lng)
    expect(pointInGeometry(5, 5, polygon)).toBe(false) // in the hole
    expect(pointInGeometry(11, 5, polygon)).toBe(false)
  })

  it('checks every polygon of a MultiPolygon', () => {
    expect(pointInGeometry(21, 21, multi)).toBe(true)
    expect(pointInGeometry(5, 5, multi)).toBe(false)
    expect(pointInGeometry(15, 15, multi)).toBe(false)
  })

  it('puts each region centre-ish town in its region, not its neighbours', () => {
    expect(pointInGeometry(-41.2865, 174.7762, files.regionPolygons['09']!)).toBe(true) // Wellington
    expect(pointInGeometry(-41.2865, 174.7762, files.regionPolygons['02']!)).toBe(false)
    expect(pointInGeometry(-36.8485, 174.7633, files.regionPolygons['02']!)).toBe(true) // Auckland
  })
})

describe('places', () => {
  it('have their centre inside their region polygon and a territorial authority of that region', () => {
    const taRegion = new Map(files.territorialAuthorities.map((t) => [t.code, t.regionCode]))
    for (const [code, places] of Object.entries(PLACES)) {
      for (const p of places) {
        expect(pointInGeometry(p.lat, p.lng, files.regionPolygons[code]!), `${p.suburb}`).toBe(true)
        expect(taRegion.get(p.taCode), `${p.suburb}`).toBe(code)
        expect(p.postcode).toMatch(/^\d{4}$/)
      }
    }
  })
})

describe('uuidV7Factory', () => {
  it('makes version 7, variant 10 ids with the timestamp of now, in increasing order', () => {
    const id = uuidV7Factory(new Random(1), NOW)
    const ids = Array.from({ length: 5000 }, id)
    for (const u of ids)
      expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16)).toBe(NOW.getTime())
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(ids.length)
  })
})

describe('apportion', () => {
  it('shares a total by weight, exactly, with a minimum each', () => {
    expect(apportion(10, [1, 1, 2])).toEqual([3, 2, 5])
    const out = apportion(400, [100, 1, 1, 1], 1)
    expect(out.reduce((a, b) => a + b, 0)).toBe(400)
    expect(out[0]).toBeGreaterThan(380)
    expect(apportion(4, [100, 0, 0, 0], 1)).toEqual([1, 1, 1, 1])
  })
})

describe('generateDirectory', () => {
  const options = { ...reference, seed: 7, providers: 150, services: 500, now: NOW }

  it('gives identical output for the same seed, ids included', () => {
    expect(generateDirectory(options)).toEqual(generateDirectory(options))
  })

  it('gives different output for a different seed', () => {
    const a = generateDirectory(options)
    const b = generateDirectory({ ...options, seed: 8 })
    expect(b.organisations.map((o) => o.name)).not.toEqual(a.organisations.map((o) => o.name))
    expect(b.services[0]!.id).not.toBe(a.services[0]!.id)
  })

  it('yields the same rows in batches as in one go', () => {
    const batches = [...generateDirectoryBatches({ ...options, batchSize: 100 })]
    expect(batches.length).toBeGreaterThan(3)
    expect(batches.flatMap((b) => b.services)).toEqual(generateDirectory(options).services)
    expect(batches.at(-1)!.progress).toEqual({ providers: 150, services: 500 })
  })

  it('keeps every invariant the seed promises', () => {
    const d = generateDirectory({ ...reference, seed: 20261123, now: NOW })
    const providers = d.organisations.filter((o) => o.kind === 'PROVIDER')
    expect(providers).toHaveLength(400)
    expect(d.services).toHaveLength(1500)
    expect(d.organisations.filter((o) => o.kind === 'AGENCY').map((o) => o.name)).toEqual(
      Object.values(AGENCY_NAMES),
    )
    expect(new Set(d.organisations.map((o) => o.name)).size).toBe(d.organisations.length)

    // All ids unique across tables.
    const ids = BATCH_ID_TABLES.flatMap((t) => (d[t] as { id: string }[]).map((r) => r.id))
    expect(new Set(ids).size).toBe(ids.length)

    // Each provider has 1-3 locations, inside its region, with a TA of that region.
    const taRegion = new Map(reference.territorialAuthorities.map((t) => [t.id, t.regionId]))
    const perOrg = new Map<string, number>()
    for (const l of d.locations) {
      perOrg.set(l.organisationId, (perOrg.get(l.organisationId) ?? 0) + 1)
      expect(taRegion.get(l.territorialAuthorityId!)).toBe(l.regionId)
      const code = l.regionId.replace('region-', '')
      expect(pointInGeometry(l.latitude!, l.longitude!, files.regionPolygons[code]!)).toBe(true)
      expect(l.postcode).toMatch(/^\d{4}$/)
    }
    for (const p of providers) expect(perOrg.get(p.id)).toBeGreaterThanOrEqual(1)
    expect(Math.max(...perOrg.values())).toBeLessThanOrEqual(3)

    // Nationwide services exist and never carry a gap category.
    const gapCategories = new Set(Object.values(COVERAGE_GAPS).flat())
    const nationwide = new Set(d.services.filter((s) => s.nationwide).map((s) => s.id))
    expect(nationwide.size).toBeGreaterThan(5)
    for (const sc of d.serviceCategories) {
      if (nationwide.has(sc.serviceId))
        expect(gapCategories.has(sc.taxonomyTermId.replace('term-', ''))).toBe(false)
    }

    // NZ phone formats.
    for (const p of d.phones)
      expect(p.number).toMatch(
        /^(0[34679] [2-9]\d{2} \d{4}|0(800|508) \d{3} \d{3}|02[127] \d{3} \d{4}|\d{3,4})$/,
      )

    // Mostly active, mostly accepting, mostly free; every language code from the list.
    const share = (n: number) => n / d.services.length
    expect(share(d.services.filter((s) => s.status === 'ACTIVE').length)).toBeGreaterThan(0.85)
    expect(share(d.services.filter((s) => s.capacityStatus === 'ACCEPTING').length)).toBeGreaterThan(0.65)
    expect(share(d.services.filter((s) => s.freeOfCharge).length)).toBeGreaterThan(0.85)
    expect(new Set(d.languages.map((l) => l.code))).toEqual(
      new Set(['en', 'mi', 'sm', 'to', 'zh', 'hi', 'nzs']),
    )
    const stale = d.services.filter(
      (s) => NOW.getTime() - (s.lastVerifiedAt as Date).getTime() > 180 * 86_400_000,
    )
    expect(share(stale.length)).toBeGreaterThan(0.15)
    expect(share(stale.length)).toBeLessThan(0.6)
  })
})

const BATCH_ID_TABLES = [
  'organisations',
  'organisationIdentifiers',
  'locations',
  'accessibility',
  'accreditations',
  'contacts',
  'services',
  'serviceAtLocations',
  'serviceAreas',
  'costOptions',
  'requiredAccreditations',
  'phones',
  'schedules',
  'languages',
] as const
