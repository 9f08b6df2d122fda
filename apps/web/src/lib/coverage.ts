// The coverage dashboard's pure parts (issue 5, part 2): the filters in the URL, the measure each
// region and territorial authority is coloured by, the legend, the gap sentences and the charts'
// scales. Shared by the server load and the page; no API calls and no @fsn/domain (browser bundle).

export const MEASURES = ['services', 'gaps', 'volume', 'sla'] as const
export type Measure = (typeof MEASURES)[number]
export const PERIODS = ['4w', '12w', '26w', '52w'] as const
export type Period = (typeof PERIODS)[number]

export interface CoverageFilters {
  measure: Measure
  period: Period
  category: string | null
  agency: string | null
  /** The region drilled into (a national administrator's choice; a commissioner's own region). */
  region: string | null
}

const CODE = /^[a-z0-9-]{1,64}$/
const AGENCY = /^[A-Za-z0-9_-]{1,64}$/
const REGION = /^\d{2}$/

export function parseFilters(params: URLSearchParams): CoverageFilters {
  const pick = <T extends string>(list: readonly T[], value: string | null, fallback: T): T =>
    value && (list as readonly string[]).includes(value) ? (value as T) : fallback
  const match = (re: RegExp, value: string | null) => (value && re.test(value) ? value : null)
  return {
    measure: pick(MEASURES, params.get('measure'), 'services'),
    period: pick(PERIODS, params.get('period'), '12w'),
    category: match(CODE, params.get('category')),
    agency: match(AGENCY, params.get('agency')),
    region: match(REGION, params.get('region')),
  }
}

/** The query string for these filters, leaving out the defaults so links stay short. */
export function filtersQuery(f: CoverageFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams()
  if (f.measure !== 'services') p.set('measure', f.measure)
  if (f.period !== '12w') p.set('period', f.period)
  if (f.category) p.set('category', f.category)
  if (f.agency) p.set('agency', f.agency)
  if (f.region) p.set('region', f.region)
  for (const [k, v] of Object.entries(extra)) p.set(k, v)
  const s = p.toString()
  return s ? `?${s}` : ''
}

export const PERIOD_WEEKS: Record<Period, number> = { '4w': 4, '12w': 12, '26w': 26, '52w': 52 }

/** Adds days to an ISO date (YYYY-MM-DD), in calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/**
 * The period as [from, to) NZ dates: whole weeks ending with the week of `today` (a Monday start,
 * as the API buckets weeks), and the chart's bucket (months for a year).
 */
export function periodRange(period: Period, today: string): { from: string; to: string; bucket: 'WEEK' | 'MONTH' } {
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7 // Monday 0
  const nextMonday = addDays(today, 7 - weekday)
  const weeks = PERIOD_WEEKS[period]
  if (period === '52w') {
    const to = `${addDays(today, 0).slice(0, 7)}-01`
    const monthAfter = new Date(`${to}T00:00:00Z`)
    monthAfter.setUTCMonth(monthAfter.getUTCMonth() + 1)
    const end = monthAfter.toISOString().slice(0, 10)
    const start = new Date(`${end}T00:00:00Z`)
    start.setUTCMonth(start.getUTCMonth() - 12)
    return { from: start.toISOString().slice(0, 10), to: end, bucket: 'MONTH' }
  }
  return { from: addDays(nextMonday, -7 * weeks), to: nextMonday, bucket: 'WEEK' }
}

/** A count from the API: a number (rounded to base 3 in the national view), or "<6" (0 to 5, suppressed there). */
export function countOf(value: string): { n: number; suppressed: boolean } {
  if (value.startsWith('<')) return { n: 0, suppressed: true }
  const n = Number(value)
  return { n: Number.isFinite(n) ? n : 0, suppressed: false }
}

export interface MatrixCell {
  regionCode: string
  regionName: string
  territorialAuthorityCode: string
  territorialAuthorityName: string
  categoryCode: string
  categoryName: string
  activeAccreditedServices: number
  accreditedProviders: number
  providersWithCapacity: number
  activeServices: number
  gap: 'NO_PROVIDER' | 'BELOW_PER_CAPITA' | null
  overlap: boolean
}

export interface FlowRow {
  areaCode: string | null
  areaName: string | null
  categoryCode: string | null
  sent: string
  acceptedWithinSla: string
  slaPercent: number | null
}

/** One area's value for the chosen measure, with the words a screen reader and the table use. */
export interface AreaValue {
  /** null: no data in this view (no services or no referrals). */
  value: number | null
  /** Part of the value is hidden ("<5" counts in the national view). */
  approximate: boolean
}

/** Sums a measure over matrix cells (already filtered to one category when one is chosen). */
function fromCells(cells: readonly MatrixCell[], measure: 'services' | 'gaps'): number {
  return measure === 'services'
    ? cells.reduce((s, c) => s + c.activeAccreditedServices, 0)
    : cells.filter((c) => c.gap).length
}

/**
 * A flow measure over rows (one per area and category): volume is the sum of sent (suppressed
 * rows make it approximate); SLA % is weighted by the referrals sent in each row, leaving out rows
 * whose counts are suppressed or whose SLA % the API did not give.
 */
function fromFlow(rows: readonly FlowRow[], measure: 'volume' | 'sla'): AreaValue {
  if (rows.length === 0) return { value: null, approximate: false }
  if (measure === 'volume') {
    let total = 0
    let approximate = false
    for (const r of rows) {
      const c = countOf(r.sent)
      total += c.n
      approximate ||= c.suppressed
    }
    return { value: total, approximate }
  }
  let weight = 0
  let sum = 0
  let approximate = false
  for (const r of rows) {
    const c = countOf(r.sent)
    if (r.slaPercent === null || c.suppressed || c.n === 0) {
      approximate ||= c.suppressed || r.slaPercent !== null
      continue
    }
    weight += c.n
    sum += r.slaPercent * c.n
  }
  if (weight === 0) return { value: null, approximate }
  return { value: Math.round((sum / weight) * 10) / 10, approximate }
}

/**
 * The measure per area: matrix cells grouped by `cellKey` (a region or a territorial authority
 * code), flow rows by `rowKey`. A cell or row whose key is null is left out.
 */
export function areaValues(
  measure: Measure,
  cells: readonly MatrixCell[],
  rows: readonly FlowRow[],
  category: string | null,
  cellKey: (c: MatrixCell) => string | null,
  rowKey: (r: FlowRow) => string | null,
): Map<string, AreaValue> {
  const out = new Map<string, AreaValue>()
  if (measure === 'services' || measure === 'gaps') {
    const by = new Map<string, MatrixCell[]>()
    for (const c of cells) {
      if (category && c.categoryCode !== category) continue
      const key = cellKey(c)
      if (key) by.set(key, [...(by.get(key) ?? []), c])
    }
    for (const [key, list] of by) out.set(key, { value: fromCells(list, measure), approximate: false })
    return out
  }
  const by = new Map<string, FlowRow[]>()
  for (const r of rows) {
    if (r.areaCode === null || r.categoryCode === null) continue // the grand total row
    if (category && r.categoryCode !== category) continue
    const key = rowKey(r)
    if (key) by.set(key, [...(by.get(key) ?? []), r])
  }
  for (const [key, list] of by) out.set(key, fromFlow(list, measure))
  return out
}

export const SHADES = 5

/** 0 for none (or zero), then 1 to 5 in equal steps up to the top of the scale. */
export function shadeOf(value: number | null, max: number): number {
  if (value === null || value <= 0 || max <= 0) return 0
  return Math.min(SHADES, Math.max(1, Math.ceil((value / max) * SHADES)))
}

/** The top of the colour scale: 100 for a percentage, the largest value otherwise. */
export function scaleMax(measure: Measure, values: Iterable<AreaValue>): number {
  if (measure === 'sla') return 100
  let max = 0
  for (const v of values) if (v.value !== null && v.value > max) max = v.value
  return max
}

/** The legend: each shade with the numbers it stands for, leaving out shades no value can have. */
export function legendRows(measure: Measure, max: number): { shade: number; from: number; to: number }[] {
  const rows: { shade: number; from: number; to: number }[] = []
  if (max <= 0) return rows
  for (let s = 1; s <= SHADES; s++) {
    if (measure === 'sla') {
      rows.push({ shade: s, from: s === 1 ? 0.1 : ((s - 1) * max) / SHADES, to: (s * max) / SHADES })
      continue
    }
    const from = Math.floor(((s - 1) * max) / SHADES) + 1
    const to = Math.floor((s * max) / SHADES)
    if (to >= from) rows.push({ shade: s, from, to })
  }
  return rows
}

/** A value as words: "12", "about 12", "85%". */
export function formatValue(measure: Measure, v: AreaValue | undefined | null): string | null {
  if (!v || v.value === null) return null
  const n = measure === 'sla' ? `${Number.isInteger(v.value) ? v.value : v.value.toFixed(1)}%` : String(v.value)
  return v.approximate ? `${measure === 'sla' ? '~' : '≥'}${n}` : n
}

/** The gaps as the page says them, most specific first (by region, authority, category). */
export function gapItems(cells: readonly MatrixCell[]): {
  key: string
  categoryCode: string
  categoryName: string
  territorialAuthorityCode: string
  territorialAuthorityName: string
  regionName: string
  reason: 'NO_PROVIDER' | 'BELOW_PER_CAPITA'
}[] {
  return cells
    .filter((c): c is MatrixCell & { gap: 'NO_PROVIDER' | 'BELOW_PER_CAPITA' } => c.gap !== null)
    .map((c) => ({
      key: `${c.territorialAuthorityCode}|${c.categoryCode}`,
      categoryCode: c.categoryCode,
      categoryName: c.categoryName,
      territorialAuthorityCode: c.territorialAuthorityCode,
      territorialAuthorityName: c.territorialAuthorityName,
      regionName: c.regionName,
      reason: c.gap,
    }))
    .sort(
      (a, b) =>
        a.regionName.localeCompare(b.regionName) ||
        a.territorialAuthorityName.localeCompare(b.territorialAuthorityName) ||
        a.categoryName.localeCompare(b.categoryName),
    )
}

/** Gaps grouped by an area's name, in the order given (gapItems sorts them). */
export function groupGaps<T extends { regionName: string; territorialAuthorityName: string }>(
  items: readonly T[],
  by: 'regionName' | 'territorialAuthorityName',
): { name: string; items: T[] }[] {
  const groups: { name: string; items: T[] }[] = []
  for (const item of items) {
    const last = groups.at(-1)
    if (last && last.name === item[by]) last.items.push(item)
    else groups.push({ name: item[by], items: [item] })
  }
  return groups
}

/** The directory search that shows a gap: that category in that territorial authority. */
export const gapSearchHref = (categoryCode: string, taCode: string): string =>
  `/directory?${new URLSearchParams({ category: categoryCode, ta: taCode }).toString()}`

/** A category name inside a sentence: "Budgeting" reads "budgeting" mid-sentence. */
export const lowerFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s)

export interface TrendPoint {
  start: string
  sent: string
  acceptedWithinSla: string
  due: string
  slaPercent: number | null
}

/** A round top for a bar chart's axis (1, 2, 5 × 10^n), at least 1. */
export function niceMax(max: number): number {
  if (max <= 1) return 1
  const p = 10 ** Math.floor(Math.log10(max))
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p
  return 10 * p
}

/** The trend as CSV (the API gives the other tables as CSV; this one is the page's own). */
export function trendCsv(points: readonly TrendPoint[]): string {
  const lines = ['start,sent,acceptedWithinSla,due,slaPercent']
  for (const p of points) lines.push([p.start, p.sent, p.acceptedWithinSla, p.due, p.slaPercent ?? ''].join(','))
  return `${lines.join('\r\n')}\r\n`
}

/** The tables the page offers as CSV (`/coverage/csv?table=…`, with the page's filters). */
export const CSV_TABLES = ['matrix', 'gaps', 'overlaps', 'stale', 'flow', 'details', 'trend'] as const
export type CsvTable = (typeof CSV_TABLES)[number]

/** One region as the coverage map draws it. */
export interface MapRegion {
  code: string
  /** 0 (none) to 5. */
  shade: number
  /** What the region says when focused or hovered, with its value. */
  label: string
  /** The value drawn on the region, if any. */
  text: string | null
  href: string
  chosen: boolean
}

/**
 * Every week or month of [from, to), with the API's points where it has them and zeros where no
 * referral was sent (the API leaves those out), so a chart's gaps are quiet weeks, not missing.
 */
export function fillBuckets(points: readonly TrendPoint[], from: string, to: string, bucket: 'WEEK' | 'MONTH'): TrendPoint[] {
  const byStart = new Map(points.map((p) => [p.start, p]))
  const out: TrendPoint[] = []
  let start = from
  for (let i = 0; start < to && i < 400; i++) {
    out.push(byStart.get(start) ?? { start, sent: '0', acceptedWithinSla: '0', due: '0', slaPercent: null })
    if (bucket === 'WEEK') start = addDays(start, 7)
    else {
      const d = new Date(`${start}T00:00:00Z`)
      d.setUTCMonth(d.getUTCMonth() + 1)
      start = d.toISOString().slice(0, 10)
    }
  }
  // A point the API gave outside the expected buckets is kept, in order.
  for (const p of points) if (!out.some((o) => o.start === p.start)) out.push(p)
  return out.sort((a, b) => a.start.localeCompare(b.start))
}

const CALENDAR = new Intl.DateTimeFormat('en-NZ', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

/** A calendar date (YYYY-MM-DD, already NZ) in words: "9 November 2026". */
export const formatCalendarDate = (date: string): string => CALENDAR.format(new Date(`${date}T00:00:00Z`))
