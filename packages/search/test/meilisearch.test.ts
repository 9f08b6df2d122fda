// The Meilisearch adapter's translations, tested without a server: settings.json into Meilisearch
// settings, a port query into search requests, responses back into the port's result.
import { describe, expect, it } from 'vitest'
import {
  currentTierFilter,
  demotedSlice,
  fromMeiliDocument,
  mergeFacets,
  quote,
  toMeiliDocument,
  toMeiliFilter,
  toMeiliRequests,
  toMeiliSettings,
  toMeiliSynonyms,
  toSearchHit,
} from '../src/meilisearch'
import { parseSearchQuery, staleCutoff, type SearchQuery } from '../src/port'
import { loadSettings } from '../src/settings'
import { FIXTURES, NOW, byId, nz } from './fixtures'

const settings = loadSettings()
const requests = (query: SearchQuery, browse = false) =>
  toMeiliRequests(parseSearchQuery(query), { settings, now: NOW, indexUid: 'services', browse })

describe('settings', () => {
  const meili = toMeiliSettings(settings)

  it('expands searchable attributes to document fields, in rank order', () => {
    expect(meili.searchableAttributes).toEqual([
      'name',
      'alternateName',
      'categoryNames',
      'organisationName',
      'organisationAlternateName',
      'placeNames',
      'description',
    ])
  })

  it('passes filterable, sortable attributes, ranking rules and limits through', () => {
    expect(meili.filterableAttributes).toEqual(settings.filterableAttributes)
    expect(meili.filterableAttributes).toEqual(
      expect.arrayContaining(['_geo', 'openSlots', 'lastVerifiedAt']),
    )
    expect(meili.sortableAttributes).toEqual(expect.arrayContaining(['_geo', 'sortName']))
    expect(meili.rankingRules).toEqual(['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'])
    expect(meili.pagination).toEqual({ maxTotalHits: settings.pagination.maxTotalHits })
    expect(meili.faceting).toEqual({ maxValuesPerFacet: settings.faceting.maxValuesPerFacet })
  })

  it('sets the typo rule: one typo from 5 letters, two from 9', () => {
    expect(meili.typoTolerance).toEqual({
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnNumbers: true,
    })
  })

  it('sends stop words of both languages, with and without macrons', () => {
    expect(meili.stopWords).toEqual(expect.arrayContaining(['the', 'and', 'te', 'ngā', 'nga', 'mō', 'mo']))
  })

  it('makes every synonym group mutual, folded, in map form', () => {
    const map = toMeiliSynonyms([
      ['whānau', 'whanau', 'family'],
      ['hauora hinengaro', 'Mental Health'],
      ['kai', 'food'],
      ['food', 'nourishment'],
    ])
    expect(map).toEqual({
      whanau: ['family'],
      family: ['whanau'],
      'hauora hinengaro': ['mental health'],
      'mental health': ['hauora hinengaro'],
      kai: ['food'],
      food: ['kai', 'nourishment'],
      nourishment: ['food'],
    })
    const real = meili.synonyms!
    expect(real.whanau).toEqual(expect.arrayContaining(['family', 'families']))
    expect(real.kai).toEqual(expect.arrayContaining(['food', 'foodbank']))
    expect(real.kaumatua).toEqual(expect.arrayContaining(['elders']))
    expect(real['mental health']).toEqual(['hauora hinengaro'])
  })
})

describe('documents', () => {
  it('adds _geo, quarter-hour slots and 0 for never verified, and reads them back', () => {
    const doc = { ...byId('foodbank'), lastVerifiedAt: null }
    const stored = toMeiliDocument(doc)
    expect(stored._geo).toEqual({ lat: doc.lat, lng: doc.lng })
    expect(stored.lastVerifiedAt).toBe(0)
    // Tuesday 10:00-14:00 is slots 96 + 40 .. 96 + 55.
    expect(stored.openSlots).toContain(96 + 40)
    expect(stored.openSlots).not.toContain(96 + 56)
    expect(stored.openSlots).toHaveLength(2 * 16)
    expect(fromMeiliDocument({ ...stored, _geoDistance: 12 })).toEqual(doc)
  })

  it('leaves _geo out for a listing with no location', () => {
    expect(toMeiliDocument(byId('helpline'))).not.toHaveProperty('_geo')
  })
})

describe('filters', () => {
  const filter = (query: SearchQuery) => toMeiliFilter(parseSearchQuery(query))

  it('has none for a plain query', () => {
    expect(filter({ q: 'kai' })).toBeUndefined()
  })

  it('ORs values within a facet and ANDs facets', () => {
    expect(
      filter({
        filters: {
          categoryCodes: ['food', 'housing-support'],
          accreditation: ['MSD_SSAS:3'],
          languages: ['mi'],
          culturalFocus: ['KAUPAPA_MAORI'],
          deliveryModes: ['PHONE'],
          capacity: ['ACCEPTING'],
        },
      }),
    ).toBe(
      'categoryCodes IN ["food", "housing-support"] AND accreditations IN ["MSD_SSAS:3"] AND languages IN ["mi"]' +
        ' AND culturalFocus IN ["KAUPAPA_MAORI"] AND deliveryModes IN ["PHONE"] AND capacity IN ["ACCEPTING"]',
    )
  })

  it('quotes values safely', () => {
    expect(quote('a "b" \\ c')).toBe('"a \\"b\\" \\\\ c"')
  })

  it('groups place filters, with a radius in metres, and lets nationwide listings in on request', () => {
    expect(filter({ filters: { regionCodes: ['09'] } })).toBe('regionCodes IN ["09"]')
    expect(
      filter({
        filters: { regionCodes: ['09'], taCodes: ['047'] },
        near: { lat: -41.3, lng: 174.78, radiusKm: 2.5 },
      }),
    ).toBe('(regionCodes IN ["09"] AND taCodes IN ["047"] AND _geoRadius(-41.3, 174.78, 2500))')
    expect(filter({ filters: { regionCodes: ['09'], includeNationwide: true } })).toBe(
      '((regionCodes IN ["09"]) OR nationwide = true)',
    )
  })

  it('turns open now into the quarter-hour slot in New Zealand time, and ACTIVE', () => {
    // Tuesday 10:40 NZDT: 1440 + 640 minutes, slot 138.
    expect(filter({ openNow: nz('2026-11-24 10:40') })).toBe('(status = "ACTIVE" AND openSlots = 138)')
  })
})

describe('requests', () => {
  const cutoff = staleCutoff(NOW, settings.staleAfterDays)

  it('asks for current listings a page at a time, and counts the rest', () => {
    const r = requests({ q: 'kai', page: 2, perPage: 10, facets: true, filters: { regionCodes: ['09'] } })
    expect(r.current).toMatchObject({
      indexUid: 'services',
      q: 'kai',
      page: 2,
      hitsPerPage: 10,
      matchingStrategy: 'all',
      filter: `(regionCodes IN ["09"]) AND ${currentTierFilter(cutoff)}`,
    })
    expect(r.current.facets).toEqual(Object.values(settings.facets))
    expect(r.current.sort).toBeUndefined()
    expect(r.demotedCount).toMatchObject({
      page: 1,
      hitsPerPage: 0,
      filter: `(regionCodes IN ["09"]) AND NOT ${currentTierFilter(cutoff)}`,
    })
    expect(r.demotedPage(3, 7)).toMatchObject({ offset: 3, limit: 7, q: 'kai' })
    expect(r.demotedPage(3, 7)).not.toHaveProperty('page')
  })

  it('defines the current tier: active, taking people, verified within staleAfterDays', () => {
    expect(currentTierFilter(cutoff)).toBe(
      `(status = "ACTIVE" AND capacity != "NO_CAPACITY" AND lastVerifiedAt >= ${NOW.getTime() - 180 * 86_400_000})`,
    )
  })

  it('sorts by distance, by name, and a browse by name', () => {
    expect(
      requests({ near: { lat: -41.3, lng: 174.8, radiusKm: 5 }, sort: 'distance' }).current.sort,
    ).toEqual(['_geoPoint(-41.3,174.8):asc'])
    expect(requests({ q: 'kai', sort: 'name' }).current.sort).toEqual(['sortName:asc'])
    const browse = requests({ q: 'the of' }, true).current
    expect(browse.sort).toEqual(['sortName:asc'])
    expect(browse.q).toBe('')
  })

  it('retrieves the document fields and _geo, not the slots', () => {
    expect(requests({}).current.attributesToRetrieve).toContain('_geo')
    expect(requests({}).current.attributesToRetrieve).not.toContain('openSlots')
  })
})

describe('paging across tiers', () => {
  it.each([
    // page, perPage, current total, current on page, demoted total -> slice
    [1, 10, 25, 10, 5, null],
    [3, 10, 25, 5, 5, { offset: 0, limit: 5 }],
    [4, 10, 25, 0, 12, { offset: 5, limit: 10 }],
    [1, 10, 0, 0, 3, { offset: 0, limit: 10 }],
    [5, 10, 25, 0, 12, null],
    [1, 10, 4, 4, 0, null],
  ] as const)('page %i of %i, %i current (%i here), %i lower', (page, perPage, ct, cp, dt, want) => {
    expect(demotedSlice({ page, perPage }, ct, cp, dt)).toEqual(want)
  })
})

describe('responses', () => {
  it('adds facet distributions of both tiers under the facet names', () => {
    const merged = mergeFacets(
      settings,
      { regionCodes: { '09': 3, '03': 1 }, capacity: { ACCEPTING: 4 } },
      { regionCodes: { '09': 2 }, capacity: { NO_CAPACITY: 2 } },
    )
    expect(merged.region).toEqual({ '09': 5, '03': 1 })
    expect(merged.capacity).toEqual({ ACCEPTING: 4, NO_CAPACITY: 2 })
    expect(merged.language).toEqual({})
    expect(Object.keys(merged).sort()).toEqual(Object.keys(settings.facets).sort())
  })

  it('reads distance from _geoDistance (metres), else measures from _geo, and flags the listing', () => {
    const q = parseSearchQuery({ near: { lat: -41.2865, lng: 174.7762, radiusKm: 10 } })
    const cutoff = staleCutoff(NOW, settings.staleAfterDays)
    const stale = byId('budgeting-stale')
    const withDistance = toSearchHit({ ...toMeiliDocument(stale), _geoDistance: 1234 }, q, cutoff)
    expect(withDistance.distanceKm).toBe(1.234)
    expect(withDistance.flags).toEqual(['stale'])
    const measured = toSearchHit(toMeiliDocument(byId('mental-health')), q, cutoff)
    expect(measured.distanceKm).toBeGreaterThan(0.5)
    expect(measured.distanceKm).toBeLessThan(1)
    expect(toSearchHit(toMeiliDocument(byId('helpline')), q, cutoff).distanceKm).toBeNull()
  })

  it('round-trips every fixture', () => {
    for (const doc of FIXTURES) expect(fromMeiliDocument(toMeiliDocument(doc))).toEqual(doc)
  })
})
