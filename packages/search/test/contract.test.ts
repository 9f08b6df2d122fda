// One contract for every SearchIndex adapter: what the directory promises people who search it.
// Runs against the embedded engine always, and against Meilisearch when MEILI_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SearchDocument } from '../src/document'
import {
  distanceKm,
  isOpenAt,
  nzMinuteOfWeek,
  staleCutoff,
  type SearchIndex,
  type SearchQuery,
} from '../src/port'
import { loadSettings } from '../src/settings'
import { generateSearchDocuments } from '../src/testing'
import { adapters } from './adapters'
import { FIXTURES, NOW, WELLINGTON_CENTRAL, byId, nz } from './fixtures'

const clock = () => NOW
const ids = (r: { hits: { document: SearchDocument }[] }) => r.hits.map((h) => h.document.id)

describe.each(adapters())('SearchIndex contract: $name', (adapter) => {
  let index: SearchIndex
  const find = (query: SearchQuery) => index.search({ perPage: 100, ...query })
  const found = async (q: string) => ids(await find({ q }))

  beforeAll(async () => {
    index = adapter.create(clock)
    await index.clear()
    await index.upsert(FIXTURES)
  })
  afterAll(() => adapter.cleanup())

  it('is healthy and holds every fixture', async () => {
    expect(await index.health()).toBe('ok')
    expect(await index.count()).toBe(FIXTURES.length)
  })

  describe('full text', () => {
    it('searches names, descriptions, categories, organisations and places', async () => {
      expect(await found('navigation')).toContain('whanau-ora-otaki') // name and description
      expect(await found('Raukawa')).toEqual(['whanau-ora-otaki']) // organisation
      expect(await found('Kāpiti')).toEqual(['whanau-ora-otaki']) // district
      expect(await found('Hamilton')).toEqual(['kaumatua']) // city
      expect(await found('Waitaha')).toEqual(['youth']) // region, te reo name
      expect(await found('Parenting support')).toEqual(expect.arrayContaining(['whanau-plain', 'pacific']))
    })

    it('needs every word (stop words aside)', async () => {
      expect(await found('mental support')).toEqual(['mental-health'])
      expect(await found('the mental health services near me')).toContain('mental-health')
      expect(await found('mental taupo')).toEqual([])
    })

    it('matches the last word as a prefix while it is being typed', async () => {
      expect(await found('ment')).toContain('mental-health')
      expect(await found('kaum')).toEqual(['kaumatua'])
      expect(await found('youth ment')).toEqual(['youth'])
      // A finished word (followed by a space) is not a prefix.
      expect(await found('ment ')).toEqual([])
    })

    it("tolerates typos as Meilisearch does: 'menatl helth' finds mental health", async () => {
      expect((await found('menatl helth'))[0]).toBe('mental-health')
      expect(await found('budgetting')).toContain('budgeting-stale') // one extra letter
      expect(await found('kaumatau')).toEqual(['kaumatua']) // a swap is one typo
    })

    it('allows no typo under 5 letters, and counts one on the first letter as two', async () => {
      expect(await found('fod')).toEqual([])
      expect(await found('nental')).toEqual([]) // 6 letters: one typo allowed, first-letter costs two
      expect(await found('mentl')).toContain('mental-health')
    })

    it('ranks exact words above typos', async () => {
      await index.upsert([
        { ...byId('youth'), id: 'tenancy-typo', name: 'Tenansy Clinic', sortName: 'tenansy clinic' },
      ])
      try {
        expect((await found('tenancy'))[0]).toBe('housing')
      } finally {
        await index.remove(['tenancy-typo'])
      }
    })
  })

  describe('macrons, in both directions', () => {
    it.each([
      ['whanau', 'whanau-ora-otaki'],
      ['Maori', 'whanau-ora-otaki'],
      ['Taupo', 'whanau-ora-taupo'],
      ['Otaki', 'whanau-ora-otaki'],
      ['kaumatua', 'kaumatua'],
      ['whānau', 'whanau-plain'],
      ['Māori', 'whanau-plain'],
      ['WHĀNAU ORA', 'whanau-ora-taupo'],
    ])('%s finds %s', async (q, id) => {
      expect(await found(q)).toContain(id)
    })
  })

  describe('te reo Māori and English synonyms', () => {
    it.each([
      ['family', 'whanau-ora-otaki'],
      ['kai', 'foodbank'],
      ['food', 'pataka-kai'],
      ['elders', 'kaumatua'],
      ['rangatahi', 'youth'],
      ['mahi', 'employment'],
      ['work', 'employment'],
      ['whare', 'housing'],
      ['hauora', 'mental-health'],
      ['mental health', 'hauora-hinengaro-rangatahi'],
      ['hauora hinengaro', 'mental-health'],
      ['pūtea', 'budgeting-current'],
    ])('%s finds %s', async (q, id) => {
      expect(await found(q)).toContain(id)
    })

    it('ranks the word typed above its synonyms', async () => {
      const hits = await found('food')
      expect(hits.indexOf('foodbank')).toBeLessThan(hits.indexOf('pataka-kai'))
    })
  })

  describe('filters', () => {
    const cases: [string, SearchQuery['filters'], string[]][] = [
      ['region', { regionCodes: ['03'] }, ['whanau-ora-taupo', 'kaumatua']],
      ['territorial authority', { taCodes: ['043', '044'] }, ['whanau-ora-otaki', 'foodbank']],
      ['category', { categoryCodes: ['whanau-ora'] }, ['whanau-ora-otaki', 'whanau-ora-taupo']],
      [
        'accreditation level',
        { accreditation: ['MSD_SSAS:3', 'MSD_SSAS:4'] },
        ['whanau-ora-otaki', 'whanau-ora-taupo'],
      ],
      ['accreditation scheme', { accreditation: ['TE_KAHUI_KAHU'] }, ['whanau-ora-taupo']],
      ['language', { languages: ['sm'] }, ['pacific']],
      ['cultural focus', { culturalFocus: ['PACIFIC'] }, ['pacific']],
      ['delivery mode', { deliveryModes: ['ONLINE'] }, ['helpline']],
      ['capacity', { capacity: ['WAITLIST'] }, ['pacific']],
      [
        'several facets (AND)',
        { regionCodes: ['09'], culturalFocus: ['KAUPAPA_MAORI'] },
        ['whanau-ora-otaki'],
      ],
    ]
    it.each(cases)('%s', async (_label, filters, expected) => {
      const r = await find({ filters })
      expect(ids(r).sort()).toEqual([...expected].sort())
      expect(r.total).toBe(expected.length)
    })

    it('lets nationwide listings through place filters only when asked', async () => {
      expect(await found('')).toContain('helpline')
      const local = ids(await find({ filters: { regionCodes: ['13'] } }))
      expect(local).toEqual(['youth'])
      const withNational = ids(await find({ filters: { regionCodes: ['13'], includeNationwide: true } }))
      expect(withNational.sort()).toEqual(['helpline', 'youth'])
    })

    it('combines words and filters', async () => {
      expect(ids(await find({ q: 'whanau ora', filters: { regionCodes: ['03'] } }))).toEqual([
        'whanau-ora-taupo',
      ])
    })
  })

  describe('open now, in New Zealand time', () => {
    it('knows weekday office hours', async () => {
      const monday10 = ids(await find({ openNow: nz('2026-11-23 10:00') }))
      expect(monday10).toContain('whanau-ora-otaki')
      expect(monday10).toContain('helpline')
      expect(monday10).not.toContain('foodbank') // Tue and Thu only
      expect(monday10).not.toContain('closed') // in hours, but temporarily closed
      const monday1730 = ids(await find({ openNow: nz('2026-11-23 17:30') }))
      expect(monday1730).not.toContain('whanau-ora-otaki')
      expect(monday1730).toContain('helpline')
    })

    it('reads the instant in Pacific/Auckland, not UTC', async () => {
      // 22:00 UTC on Monday is 11:00 on Tuesday in New Zealand (NZDT): the food bank is open.
      const at = new Date('2026-11-23T22:00:00Z')
      expect(ids(await find({ openNow: at }))).toContain('foodbank')
      // In winter (NZST, UTC+12) 22:00 UTC on Monday is 10:00 on Tuesday: still open.
      expect(ids(await find({ openNow: new Date('2026-06-15T22:00:00Z') }))).toContain('foodbank')
      expect(ids(await find({ openNow: new Date('2026-06-15T21:00:00Z') }))).not.toContain('foodbank')
    })
  })

  describe('near a point', () => {
    it('returns listings within the radius, nearest first, with their distance', async () => {
      const r = await find({ near: { ...WELLINGTON_CENTRAL, radiusKm: 8 }, sort: 'distance' })
      const expected = FIXTURES.filter(
        (d) =>
          d.lat !== null &&
          d.lng !== null &&
          distanceKm(WELLINGTON_CENTRAL.lat, WELLINGTON_CENTRAL.lng, d.lat, d.lng) <= 8,
      )
      expect(ids(r).sort()).toEqual(expected.map((d) => d.id).sort())
      expect(ids(r)).not.toContain('pataka-kai') // Petone, about 10 km
      // Distance order within each tier (the lower tier follows the current one).
      const current = r.hits.filter((h) => h.flags.length === 0)
      const km = current.map((h) => h.distanceKm!)
      expect(km).toEqual([...km].sort((a, b) => a - b))
      for (const h of r.hits) {
        const want = distanceKm(
          WELLINGTON_CENTRAL.lat,
          WELLINGTON_CENTRAL.lng,
          h.document.lat!,
          h.document.lng!,
        )
        expect(h.distanceKm).toBeCloseTo(want, 1)
      }
    })

    it('combines with words and with nationwide listings', async () => {
      const r = await find({ q: 'whanau', near: { ...WELLINGTON_CENTRAL, radiusKm: 100 }, sort: 'distance' })
      expect(ids(r)).toEqual(['whanau-plain', 'whanau-ora-otaki'])
      const national = await find({
        near: { ...WELLINGTON_CENTRAL, radiusKm: 1 },
        filters: { includeNationwide: true },
        sort: 'distance',
      })
      expect(ids(national)).toContain('helpline')
      expect(national.hits.find((h) => h.document.id === 'helpline')?.distanceKm).toBeNull()
      // A nationwide service with an office: once, whether it is near or not.
      const office = { ...byId('mental-health'), id: 'national-office', nationwide: true }
      await index.upsert([office])
      try {
        for (const radiusKm of [1, 0.001]) {
          const r = ids(
            await find({ near: { ...WELLINGTON_CENTRAL, radiusKm }, filters: { includeNationwide: true } }),
          )
          expect(r.filter((id) => id === 'national-office')).toHaveLength(1)
        }
      } finally {
        await index.remove(['national-office'])
      }
    })

    it('refuses a distance sort without a point', async () => {
      await expect(index.search({ sort: 'distance' })).rejects.toThrow(/near/)
    })
  })

  describe('stale and full listings', () => {
    it('ranks them below current ones, flagged, never hidden', async () => {
      const r = await find({ q: 'budgeting' })
      expect(ids(r)[0]).toBe('budgeting-current')
      expect(ids(r)).toEqual(expect.arrayContaining(['budgeting-stale', 'budgeting-full', 'closed']))
      const flags = Object.fromEntries(r.hits.map((h) => [h.document.id, h.flags]))
      expect(flags['budgeting-current']).toEqual([])
      expect(flags['budgeting-stale']).toEqual(['stale'])
      expect(flags['budgeting-full']).toEqual(['no-capacity'])
      expect(flags['closed']).toEqual(['no-capacity', 'inactive'])
      const firstLowered = r.hits.findIndex((h) => h.flags.length > 0)
      expect(r.hits.slice(firstLowered).every((h) => h.flags.length > 0)).toBe(true)
    })

    it('pages across the boundary between current and lower listings', async () => {
      const all = ids(await find({ q: 'budgeting', perPage: 100 }))
      const paged: string[] = []
      for (let page = 1; page <= Math.ceil(all.length / 2); page++) {
        const r = await index.search({ q: 'budgeting', page, perPage: 2 })
        expect(r.total).toBe(all.length)
        paged.push(...ids(r))
      }
      expect(paged).toEqual(all)
    })
  })

  describe('facets', () => {
    it('counts every facet over all matches', async () => {
      const r = await index.search({ facets: true, perPage: 1 })
      const expect1 = (values: (d: SearchDocument) => readonly string[]) => {
        const counts: Record<string, number> = {}
        for (const d of FIXTURES) for (const v of values(d)) counts[v] = (counts[v] ?? 0) + 1
        return counts
      }
      expect(r.total).toBe(FIXTURES.length)
      expect(r.facets.region).toEqual(expect1((d) => d.regionCodes))
      expect(r.facets.territorialAuthority).toEqual(expect1((d) => d.taCodes))
      expect(r.facets.category).toEqual(expect1((d) => d.categoryCodes))
      expect(r.facets.accreditation).toEqual(expect1((d) => d.accreditations))
      expect(r.facets.language).toEqual(expect1((d) => d.languages))
      expect(r.facets.culturalFocus).toEqual(expect1((d) => d.culturalFocus))
      expect(r.facets.deliveryMode).toEqual(expect1((d) => d.deliveryModes))
      expect(r.facets.capacity).toEqual(expect1((d) => [d.capacity]))
    })

    it('counts within the query and its filters', async () => {
      const r = await index.search({ q: 'whanau', filters: { regionCodes: ['09'] }, facets: true })
      expect(r.facets.region).toEqual({ '09': r.total })
      expect(r.facets.category?.['whanau-ora']).toBe(1)
    })

    it('leaves facets out unless asked', async () => {
      expect((await index.search({ q: 'kai' })).facets).toEqual({})
    })
  })

  it('sorts by name', async () => {
    const r = await find({ filters: { regionCodes: ['09'] }, sort: 'name' })
    const current = r.hits.filter((h) => h.flags.length === 0).map((h) => h.document.sortName)
    expect(current).toEqual([...current].sort())
  })

  it('replaces, removes and clears', async () => {
    const copy = {
      ...byId('youth'),
      id: 'youth-copy',
      name: 'Rangatahi Waka Ama',
      sortName: 'rangatahi waka ama',
    }
    await index.upsert([copy])
    expect(await found('waka')).toEqual(['youth-copy'])
    await index.upsert([{ ...copy, name: 'Rangatahi Kapa Haka', sortName: 'rangatahi kapa haka' }])
    expect(await found('waka')).toEqual([])
    expect(await found('haka')).toEqual(['youth-copy'])
    await index.remove(['youth-copy'])
    expect(await found('haka')).toEqual([])
    expect(await index.count()).toBe(FIXTURES.length)
  })

  it('replaces a service as a whole: a location dropped goes, the rest is updated', async () => {
    const base = { ...byId('youth'), serviceId: 'svc-two-places' }
    const a = { ...base, id: 'two-places-a', name: 'Waka Hourua Porirua', sortName: 'waka hourua porirua' }
    const b = { ...base, id: 'two-places-b', name: 'Waka Hourua Porirua', sortName: 'waka hourua porirua' }
    await index.replaceServices(['svc-two-places'], [a, b])
    expect((await found('hourua')).sort()).toEqual(['two-places-a', 'two-places-b'])
    expect(await index.matchingServiceIds({ q: 'hourua' })).toEqual(['svc-two-places'])
    // The service now runs from one place only, under a new name.
    await index.replaceServices(['svc-two-places'], [{ ...a, name: 'Waka Ama Porirua', sortName: 'waka ama porirua' }])
    expect(await found('hourua')).toEqual([])
    expect(await found('waka ama porirua')).toEqual(['two-places-a'])
    // Made DEFUNCT or deleted: no documents left for it.
    await index.replaceServices(['svc-two-places'], [])
    expect(await found('waka ama porirua')).toEqual([])
    expect(await index.count()).toBe(FIXTURES.length)
  })

  it('lists the matching services, distinct and best first, with their filters', async () => {
    const all = await index.matchingServiceIds({ q: 'whanau' })
    const listings = await find({ q: 'whanau' })
    expect(new Set(all)).toEqual(new Set(listings.hits.map((h) => h.document.serviceId)))
    expect(all[0]).toBe(listings.hits[0]!.document.serviceId)
    const inWellington = await index.matchingServiceIds({ q: 'whanau', filters: { regionCodes: ['09'] } })
    const expected = await find({ q: 'whanau', filters: { regionCodes: ['09'] } })
    expect(new Set(inWellington)).toEqual(new Set(expected.hits.map((h) => h.document.serviceId)))
    expect(await index.matchingServiceIds({ q: 'whanau' }, 1)).toEqual([all[0]])
    expect(await index.matchingServiceIds({ q: 'zzzzqqq' })).toEqual([])
  })

  describe('consistency on generated listings', () => {
    let docs: SearchDocument[]
    let generated: SearchIndex
    const settings = loadSettings()
    const cutoff = staleCutoff(NOW, settings.staleAfterDays)

    beforeAll(async () => {
      docs = generateSearchDocuments({ services: 260, providers: 60, now: NOW, seed: 7 })
      generated = adapter.create(clock)
      await generated.clear()
      await generated.upsert(docs)
    })

    const all = async (query: SearchQuery) => {
      const out: SearchDocument[] = []
      for (let page = 1; ; page++) {
        const r = await generated.search({ ...query, page, perPage: 100 })
        out.push(...r.hits.map((h) => h.document))
        if (out.length >= r.total || r.hits.length === 0) return { docs: out, total: r.total }
      }
    }

    const pick = <T>(values: readonly T[], n: number) =>
      values.filter((_, i) => i % Math.max(1, Math.floor(values.length / n)) === 0).slice(0, n)
    const distinct = (f: (d: SearchDocument) => readonly string[]) => [...new Set(docs.flatMap(f))].sort()

    type FilterCase = [string, SearchQuery['filters'], (d: SearchDocument) => boolean]
    const some = (
      label: string,
      key: 'regionCodes' | 'taCodes' | 'categoryCodes' | 'accreditations' | 'languages',
      filter: string,
      n: number,
    ): FilterCase[] =>
      pick(
        distinct((d) => d[key]),
        n,
      ).map((v) => [`${label} ${v}`, { [filter]: [v] }, (d: SearchDocument) => d[key].includes(v)])
    const filterCases = (): FilterCase[] => [
      ...some('region', 'regionCodes', 'regionCodes', 3),
      ...some('district', 'taCodes', 'taCodes', 3),
      ...some('category', 'categoryCodes', 'categoryCodes', 3),
      ...some('accreditation', 'accreditations', 'accreditation', 3),
      ...some('language', 'languages', 'languages', 2),
      [
        'kaupapa Māori',
        { culturalFocus: ['KAUPAPA_MAORI'] },
        (d) => d.culturalFocus.includes('KAUPAPA_MAORI'),
      ],
      ['outreach', { deliveryModes: ['OUTREACH'] }, (d) => d.deliveryModes.includes('OUTREACH')],
      ['waitlist or full', { capacity: ['WAITLIST', 'NO_CAPACITY'] }, (d) => d.capacity !== 'ACCEPTING'],
      [
        'region and category',
        { regionCodes: ['09'], categoryCodes: ['food', 'counselling'] },
        (d) =>
          d.regionCodes.includes('09') &&
          (d.categoryCodes.includes('food') || d.categoryCodes.includes('counselling')),
      ],
    ]

    it('returns exactly the listings each filter describes', async () => {
      for (const [label, filters, matches] of filterCases()) {
        const { docs: hits, total } = await all({ filters })
        const expected = docs
          .filter(matches)
          .map((d) => d.id)
          .sort()
        expect(hits.map((d) => d.id).sort(), label).toEqual(expected)
        expect(total, label).toBe(expected.length)
      }
    })

    it('keeps every filter with words too (hits match, counts agree)', async () => {
      for (const q of ['support', 'whanau', 'kai', 'counselling']) {
        for (const [label, filters, matches] of filterCases()) {
          const { docs: hits, total } = await all({ q, filters })
          expect(hits.every(matches), `${q} / ${label}`).toBe(true)
          expect(hits.length, `${q} / ${label}`).toBe(total)
        }
      }
    })

    it('keeps open now and radius honest', async () => {
      const at = nz('2026-11-24 10:40')
      const minute = nzMinuteOfWeek(at)
      const open = await all({ openNow: at })
      expect(open.docs.map((d) => d.id).sort()).toEqual(
        docs
          .filter((d) => isOpenAt(d, minute))
          .map((d) => d.id)
          .sort(),
      )
      const near = { lat: -41.29, lng: 174.78, radiusKm: 15 }
      const within = await all({ near, sort: 'distance' })
      const expected = docs.filter(
        (d) =>
          d.lat !== null && d.lng !== null && distanceKm(near.lat, near.lng, d.lat, d.lng) <= near.radiusKm,
      )
      expect(within.docs.map((d) => d.id).sort()).toEqual(expected.map((d) => d.id).sort())
    })

    it('puts every current listing before every stale, full or inactive one', async () => {
      for (const q of ['', 'support', 'whanau']) {
        const { docs: hits } = await all({ q })
        const lowered = hits.map(
          (d) => d.status !== 'ACTIVE' || d.capacity === 'NO_CAPACITY' || (d.lastVerifiedAt ?? 0) < cutoff,
        )
        const first = lowered.indexOf(true)
        if (first >= 0) expect(lowered.slice(first).every(Boolean), q).toBe(true)
      }
    })

    it('counts facets equal to the totals of the same query filtered on each value', async () => {
      const facetFilter = {
        region: 'regionCodes',
        territorialAuthority: 'taCodes',
        category: 'categoryCodes',
        accreditation: 'accreditation',
        language: 'languages',
        culturalFocus: 'culturalFocus',
        deliveryMode: 'deliveryModes',
        capacity: 'capacity',
      } as const
      for (const q of ['', 'whanau']) {
        const r = await generated.search({ q, facets: true, perPage: 1 })
        for (const [facet, key] of Object.entries(facetFilter)) {
          const counts = r.facets[facet as keyof typeof facetFilter] ?? {}
          expect(Object.keys(counts).length, facet).toBeGreaterThan(0)
          for (const [value, count] of pick(Object.entries(counts), 4)) {
            const filtered = await generated.search({ q, filters: { [key]: [value] }, perPage: 1 })
            expect(filtered.total, `${q} ${facet}=${value}`).toBe(count)
          }
        }
      }
    })
  })
})
