import { describe, expect, it } from 'vitest'
import { accreditationLabel, facetGroups, languageLabel, regionCounts } from './directory-labels'
import {
  DEFAULT_RADIUS,
  EMPTY_CRITERIA,
  criteriaToInput,
  criteriaToParams,
  effectiveSort,
  emptyOutcome,
  formatDistance,
  isFiltered,
  parseCriteria,
  searchQuery,
  toggleRegion,
  type DirectoryFacet,
} from './directory-search'

const parse = (query: string) => parseCriteria(new URLSearchParams(query))

describe('the search in the URL', () => {
  it('reads every filter, in a stable order, and writes it back the same', () => {
    const { criteria } = parse(
      'q=whanau&region=13&region=09&ta=047&category=food&accreditation=MSD_SSAS:3&language=mi&culture=KAUPAPA_MAORI&mode=PHONE&capacity=ACCEPTING&open=1&nationwide=1&postcode=6011&radius=10&page=2',
    )
    expect(criteria).toMatchObject({
      q: 'whanau',
      region: ['09', '13'],
      ta: ['047'],
      category: ['food'],
      accreditation: ['MSD_SSAS:3'],
      language: ['mi'],
      culture: ['KAUPAPA_MAORI'],
      mode: ['PHONE'],
      capacity: ['ACCEPTING'],
      open: true,
      nationwide: true,
      postcode: '6011',
      radius: 10,
      page: 2,
    })
    expect(parseCriteria(criteriaToParams(criteria)).criteria).toEqual(criteria)
  })

  it('drops what is malformed, so a mistyped link still shows the directory', () => {
    const { criteria, badPostcode } = parse(
      'region=9&region=09x&ta=47&category=Food!&accreditation=MSD_SSAS:33&accreditation=ACME&language=english&culture=MAORI&mode=FAX&capacity=FULL&radius=7&sort=best&page=-1&lat=51.5&lng=-0.1',
    )
    expect(criteria).toEqual(EMPTY_CRITERIA)
    expect(badPostcode).toBeNull()
  })

  it('reads the old single-value links and comma lists', () => {
    expect(parse('category=food&region=09').criteria).toMatchObject({ category: ['food'], region: ['09'] })
    expect(parse('region=09,13').criteria.region).toEqual(['09', '13'])
  })

  it('reports a postcode that is not one, and leaves it out of the search', () => {
    const { criteria, badPostcode } = parse('postcode=60a1')
    expect(criteria.postcode).toBeNull()
    expect(badPostcode).toBe('60a1')
    expect(parse('postcode=%206011%20').criteria.postcode).toBe('6011')
  })

  it('takes a point in New Zealand (the Chathams too), rounded to about 100 m; a postcode wins', () => {
    expect(parse('lat=-41.28654&lng=174.77621').criteria.near).toEqual({ lat: -41.287, lng: 174.776 })
    expect(parse('lat=-43.95&lng=-176.56').criteria.near).toEqual({ lat: -43.95, lng: -176.56 })
    expect(parse('lat=-41.28&lng=174.77&postcode=6011').criteria).toMatchObject({ near: null, postcode: '6011' })
  })

  it('leaves defaults out of the URL', () => {
    expect(searchQuery(EMPTY_CRITERIA)).toBe('')
    expect(searchQuery({ ...EMPTY_CRITERIA, radius: 50 })).toBe('')
    expect(searchQuery({ ...EMPTY_CRITERIA, postcode: '6011', radius: DEFAULT_RADIUS, sort: 'distance' })).toBe('?postcode=6011')
    expect(searchQuery({ ...EMPTY_CRITERIA, q: '  kai  ', sort: 'relevance', page: 1 })).toBe('?q=kai')
    expect(isFiltered({ ...EMPTY_CRITERIA, page: 3 })).toBe(false)
    expect(isFiltered({ ...EMPTY_CRITERIA, open: true })).toBe(true)
  })

  it('sorts nearest first when there is a place, and never by distance without one', () => {
    expect(effectiveSort(EMPTY_CRITERIA)).toBe('relevance')
    expect(effectiveSort({ ...EMPTY_CRITERIA, postcode: '6011' })).toBe('distance')
    expect(effectiveSort({ ...EMPTY_CRITERIA, postcode: '6011', sort: 'name' })).toBe('name')
    expect(effectiveSort({ ...EMPTY_CRITERIA, sort: 'distance' })).toBe('relevance')
  })

  it('asks the API for exactly what was chosen', () => {
    expect(criteriaToInput(EMPTY_CRITERIA)).toEqual({ page: 1, perPage: 20, facets: true, sort: 'RELEVANCE' })
    expect(criteriaToInput(parse('q=menatl+helth&region=09&postcode=6011&radius=10&open=1').criteria)).toEqual({
      q: 'menatl helth',
      regionCodes: ['09'],
      openNow: true,
      postcode: '6011',
      radiusKm: 10,
      sort: 'DISTANCE',
      page: 1,
      perPage: 20,
      facets: true,
    })
    expect(criteriaToInput(parse('lat=-41.3&lng=174.8&sort=name').criteria)).toMatchObject({
      near: { lat: -41.3, lng: 174.8, radiusKm: DEFAULT_RADIUS },
      sort: 'NAME',
    })
  })

  it('chooses a region from the map, and unchooses it the second time', () => {
    const chosen = toggleRegion({ ...EMPTY_CRITERIA, region: ['13', '09'], page: 4 }, '02')
    expect(chosen).toMatchObject({ region: ['02'], page: 1 })
    expect(toggleRegion(chosen, '02').region).toEqual([])
  })

  it('writes distances with one decimal place', () => {
    expect(formatDistance(3.24)).toBe('3.2 km')
    expect(formatDistance(0.04)).toBe('0.0 km')
    expect(formatDistance(41)).toBe('41.0 km')
  })

  it('has an empty answer for when the search cannot run', () => {
    expect(emptyOutcome(new URLSearchParams('q=kai&page=2')).result).toMatchObject({ total: 0, page: 2, hits: [] })
  })
})

describe('facet labels', () => {
  it('names accreditations the way the sector does', () => {
    expect(accreditationLabel('MSD_SSAS:3')).toBe('MSD Level 3')
    expect(accreditationLabel('TE_KAHUI_KAHU:1')).toBe('Te Kāhui Kāhu Level 1')
    expect(accreditationLabel('OT_S396')).toBe('s396 care partner')
    expect(accreditationLabel('MSD_SSAS')).toBe('MSD accredited (any level)')
    expect(accreditationLabel('NEW_SCHEME:2', 'New scheme, Level 2')).toBe('New scheme, Level 2')
  })

  it('names languages, with the API label for the rest', () => {
    expect(languageLabel('mi')).toBe('te reo Māori')
    expect(languageLabel('fj', 'Fijian')).toBe('Fijian')
    expect(languageLabel('xx')).toBe('xx')
  })

  const facets: DirectoryFacet[] = [
    {
      name: 'category',
      values: [
        { value: 'food', label: 'Food', count: 3, selected: false },
        { value: 'mental-health', label: 'Mental health', count: 9, selected: false },
      ],
    },
    {
      name: 'region',
      values: [
        { value: '13', label: 'Canterbury', count: 4, selected: false },
        { value: '09', label: 'Wellington', count: 7, selected: true },
      ],
    },
    { name: 'capacity', values: [{ value: 'NO_CAPACITY', label: 'Not taking new people', count: 1, selected: false }, { value: 'ACCEPTING', label: 'x', count: 8, selected: false }] },
    { name: 'accreditation', values: Array.from({ length: 12 }, (_, i) => ({ value: `MSD_SSAS:${(i % 4) + 1}`, label: '', count: 12 - i, selected: false })) },
    { name: 'somethingNew', values: [{ value: 'x', label: 'X', count: 1, selected: false }] },
  ]
  const lookups = {
    regions: [{ code: '09', name: 'Wellington', nameMi: 'Te Upoko o te Ika' }],
    categories: [{ code: 'food', name: 'Food', nameMi: 'Kai' }],
  }

  it('groups facets in a fixed order with human labels and te reo names', () => {
    const groups = facetGroups(facets, { ...EMPTY_CRITERIA, region: ['09'], language: ['mi'] }, lookups)
    expect(groups.map((g) => g.name)).toEqual(['region', 'category', 'accreditation', 'language', 'capacity'])
    const region = groups.find((g) => g.name === 'region')!
    expect(region.param).toBe('region')
    expect(region.shown.map((o) => [o.value, o.label, o.labelMi, o.selected])).toEqual([
      ['09', 'Wellington', 'Te Upoko o te Ika', true],
      ['13', 'Canterbury', null, false],
    ])
    const category = groups.find((g) => g.name === 'category')!
    expect(category.shown.map((o) => `${o.label}/${o.labelMi ?? ''}/${o.count}`)).toEqual(['Mental health//9', 'Food/Kai/3'])
    expect(groups.find((g) => g.name === 'capacity')!.shown.map((o) => o.label)).toEqual(['Accepting new people', 'No capacity'])
  })

  it('keeps a chosen value the API no longer counts, so it can be unticked', () => {
    const language = facetGroups(facets, { ...EMPTY_CRITERIA, language: ['mi'] }, lookups).find((g) => g.name === 'language')!
    expect(language.shown).toEqual([{ value: 'mi', label: 'te reo Māori', labelMi: null, count: 0, selected: true }])
  })

  it('shows the first eight values and keeps the rest behind "more"', () => {
    const accreditation = facetGroups(facets, EMPTY_CRITERIA, lookups).find((g) => g.name === 'accreditation')!
    expect(accreditation.shown).toHaveLength(4)
    expect(accreditation.more).toHaveLength(0)
    const many: DirectoryFacet[] = [{ name: 'territorialAuthority', values: Array.from({ length: 12 }, (_, i) => ({ value: String(i + 10).padStart(3, '0'), label: `TA ${i}`, count: 20 - i, selected: i === 11 })) }]
    const ta = facetGroups(many, { ...EMPTY_CRITERIA, ta: ['021'] }, lookups)[0]!
    expect(ta.shown.map((o) => o.value)).toEqual(['010', '011', '012', '013', '014', '015', '016', '017', '021'])
    expect(ta.more.map((o) => o.value)).toEqual(['018', '019', '020'])
  })

  it('counts results per region for the map', () => {
    expect(regionCounts(facets)).toEqual({ '13': 4, '09': 7 })
    expect(regionCounts([])).toEqual({})
  })
})
