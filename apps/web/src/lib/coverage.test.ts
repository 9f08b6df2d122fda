import { describe, expect, it } from 'vitest'
import {
  areaValues,
  countOf,
  fillBuckets,
  formatCalendarDate,
  filtersQuery,
  formatValue,
  gapItems,
  gapSearchHref,
  groupGaps,
  legendRows,
  lowerFirst,
  niceMax,
  parseFilters,
  periodRange,
  scaleMax,
  shadeOf,
  trendCsv,
  type FlowRow,
  type MatrixCell,
} from './coverage'
import { parseCriteria } from './directory-search'

const cell = (over: Partial<MatrixCell>): MatrixCell => ({
  regionCode: '09',
  regionName: 'Wellington',
  territorialAuthorityCode: '047',
  territorialAuthorityName: 'Wellington City',
  categoryCode: 'budgeting',
  categoryName: 'Budgeting',
  activeAccreditedServices: 1,
  accreditedProviders: 1,
  providersWithCapacity: 1,
  activeServices: 1,
  gap: null,
  overlap: false,
  ...over,
})
const row = (over: Partial<FlowRow>): FlowRow => ({
  areaCode: '09',
  areaName: 'Wellington',
  categoryCode: 'budgeting',
  sent: '10',
  acceptedWithinSla: '5',
  slaPercent: 50,
  ...over,
})

describe('filters in the URL', () => {
  it('reads known values and drops the rest', () => {
    expect(parseFilters(new URLSearchParams('measure=sla&period=4w&category=family-violence&agency=msd&region=09'))).toEqual({
      measure: 'sla',
      period: '4w',
      category: 'family-violence',
      agency: 'msd',
      region: '09',
    })
    expect(parseFilters(new URLSearchParams('measure=x&period=9y&category=DROP%20TABLE&region=9'))).toEqual({
      measure: 'services',
      period: '12w',
      category: null,
      agency: null,
      region: null,
    })
  })

  it('writes only what differs from the defaults', () => {
    const f = parseFilters(new URLSearchParams(''))
    expect(filtersQuery(f)).toBe('')
    expect(filtersQuery({ ...f, measure: 'gaps', region: '09' }, { table: 'gaps' })).toBe('?measure=gaps&region=09&table=gaps')
  })
})

describe('periodRange', () => {
  it('whole NZ weeks ending with this week, Monday to Monday', () => {
    // Tuesday 1 December 2026: the week of Monday 30 November is the last.
    expect(periodRange('4w', '2026-12-01')).toEqual({ from: '2026-11-09', to: '2026-12-07', bucket: 'WEEK' })
    expect(periodRange('12w', '2026-12-06')).toEqual({ from: '2026-09-14', to: '2026-12-07', bucket: 'WEEK' })
  })
  it('twelve whole months for a year, by month', () => {
    expect(periodRange('52w', '2026-12-01')).toEqual({ from: '2026-01-01', to: '2027-01-01', bucket: 'MONTH' })
  })
})

describe('measures per area', () => {
  const cells = [
    cell({}),
    cell({ territorialAuthorityCode: '043', territorialAuthorityName: 'Kāpiti Coast District', activeAccreditedServices: 0, gap: 'NO_PROVIDER' }),
    cell({ categoryCode: 'food', categoryName: 'Food', activeAccreditedServices: 3 }),
    cell({ regionCode: '12', regionName: 'West Coast', territorialAuthorityCode: '055', territorialAuthorityName: 'Buller District', activeAccreditedServices: 0, gap: 'NO_PROVIDER' }),
  ]
  it('services and gaps from the matrix, by region or authority, for one category or all', () => {
    const byRegion = (m: 'services' | 'gaps', category: string | null = null) =>
      Object.fromEntries([...areaValues(m, cells, [], category, (c) => c.regionCode, () => null)].map(([k, v]) => [k, v.value]))
    expect(byRegion('services')).toEqual({ '09': 4, '12': 0 })
    expect(byRegion('gaps')).toEqual({ '09': 1, '12': 1 })
    expect(byRegion('services', 'food')).toEqual({ '09': 3 })
    const byTa = areaValues('gaps', cells, [], 'budgeting', (c) => c.territorialAuthorityCode, () => null)
    expect(byTa.get('043')).toEqual({ value: 1, approximate: false })
  })

  it('volume sums sent; a "<5" makes it approximate; the total row is left out', () => {
    const rows = [row({}), row({ categoryCode: 'food', sent: '<5', slaPercent: null }), row({ areaCode: null, categoryCode: null, sent: '99' })]
    const v = areaValues('volume', [], rows, null, () => null, (r) => r.areaCode)
    expect(v.get('09')).toEqual({ value: 10, approximate: true })
    expect(formatValue('volume', v.get('09'))).toBe('≥10')
  })

  it('SLA % weighted by referrals sent, without suppressed rows', () => {
    const rows = [row({ sent: '10', slaPercent: 50 }), row({ categoryCode: 'food', sent: '30', slaPercent: 90 })]
    const v = areaValues('sla', [], rows, null, () => null, (r) => r.areaCode)
    expect(v.get('09')).toEqual({ value: 80, approximate: false })
    expect(formatValue('sla', v.get('09'))).toBe('80%')
    expect(areaValues('sla', [], [row({ sent: '<5', slaPercent: null })], null, () => null, (r) => r.areaCode).get('09')?.value).toBeNull()
  })

  it('a commissioner\'s rows by authority count towards their region', () => {
    const rows = [row({ areaCode: '047', sent: '6' }), row({ areaCode: '043', sent: '2' })]
    expect(areaValues('volume', [], rows, null, () => null, () => '09').get('09')).toEqual({ value: 8, approximate: false })
  })
})

describe('colours and the legend', () => {
  it('shades 0 for none, 1–5 up to the top', () => {
    expect(shadeOf(null, 10)).toBe(0)
    expect(shadeOf(0, 10)).toBe(0)
    expect(shadeOf(1, 10)).toBe(1)
    expect(shadeOf(10, 10)).toBe(5)
    expect(scaleMax('sla', [{ value: 40, approximate: false }])).toBe(100)
    expect(scaleMax('services', [{ value: 40, approximate: false }, { value: null, approximate: false }])).toBe(40)
  })
  it('says each shade in numbers, leaving out empty ones', () => {
    expect(legendRows('gaps', 3)).toEqual([
      { shade: 2, from: 1, to: 1 },
      { shade: 4, from: 2, to: 2 },
      { shade: 5, from: 3, to: 3 },
    ])
    expect(legendRows('services', 0)).toEqual([])
    expect(legendRows('sla', 100).map((r) => r.to)).toEqual([20, 40, 60, 80, 100])
  })
})

describe('gaps in words', () => {
  it('sorted by region, authority and category, linking to the directory search that shows them', () => {
    const items = gapItems([
      cell({ territorialAuthorityCode: '043', territorialAuthorityName: 'Kāpiti Coast District', gap: 'NO_PROVIDER' }),
      cell({ gap: null }),
      cell({ regionName: 'Auckland', regionCode: '02', territorialAuthorityCode: '076', territorialAuthorityName: 'Auckland', gap: 'BELOW_PER_CAPITA' }),
    ])
    expect(items.map((g) => g.territorialAuthorityName)).toEqual(['Auckland', 'Kāpiti Coast District'])
    expect(groupGaps(items, 'regionName').map((g) => [g.name, g.items.length])).toEqual([
      ['Auckland', 1],
      ['Wellington', 1],
    ])
    const href = gapSearchHref('budgeting', '043')
    expect(href).toBe('/directory?category=budgeting&ta=043')
    // The directory reads it back as that category in that authority.
    const search = parseCriteria(new URL(href, 'http://x').searchParams).criteria
    expect(search.category).toEqual(['budgeting'])
    expect(search.ta).toEqual(['043'])
    expect(lowerFirst('Budgeting')).toBe('budgeting')
    expect(lowerFirst('MSD services')).toBe('MSD services')
  })
})

describe('charts', () => {
  it('round axis tops, counts and the trend CSV', () => {
    expect([0, 1, 3, 7, 12, 60, 101].map(niceMax)).toEqual([1, 1, 5, 10, 20, 100, 200])
    expect(countOf('<5')).toEqual({ n: 0, suppressed: true })
    expect(countOf('12')).toEqual({ n: 12, suppressed: false })
    expect(trendCsv([{ start: '2026-11-09', sent: '6', acceptedWithinSla: '3', due: '6', slaPercent: 50 }])).toBe(
      'start,sent,acceptedWithinSla,due,slaPercent\r\n2026-11-09,6,3,6,50\r\n',
    )
  })
})

describe('fillBuckets', () => {
  it('puts quiet weeks in as zeros, keeping the API points', () => {
    const p = { start: '2026-11-09', sent: '6', acceptedWithinSla: '3', due: '6', slaPercent: 50 }
    const filled = fillBuckets([p], '2026-11-02', '2026-11-23', 'WEEK')
    expect(filled.map((x) => [x.start, x.sent])).toEqual([
      ['2026-11-02', '0'],
      ['2026-11-09', '6'],
      ['2026-11-16', '0'],
    ])
    expect(fillBuckets([], '2026-01-01', '2026-04-01', 'MONTH').map((x) => x.start)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01'])
    expect(formatCalendarDate('2026-12-06')).toBe('6 December 2026')
  })
})
