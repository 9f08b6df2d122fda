// The business-hours clock for referral SLAs.
// Guidelines, Service Agreements: providers "respond to referrals within 12 hours to confirm whether
// you will accept the referral", and "referrals will be sent to providers from the hours between 8am
// and 5pm, Monday to Friday". We read the 12 hours as hours of that 8am-5pm weekday window, so a
// referral sent at 4pm on a Friday is due at 10am on the next Tuesday, not at 4am on Saturday, and
// the clock stops on public holidays and on the anniversary day of the provider's region.
import { HOLIDAY_YEARS, nzPublicHolidaysOf, observedIn, type RuleHoliday } from './holiday-rules'
import type { PublicHoliday } from './nz-public-holidays'
import { nzLocalParts, nzWallClockToUtc } from './nz-time'

/** Guidelines, Service Agreements: "between 8am and 5pm, Monday to Friday", New Zealand time. */
export const BUSINESS_DAY = { opens: 8, closes: 17 } as const

/** Guidelines, Service Agreements: accept or decline "within 12 hours", counted in business hours. */
export const RESPONSE_SLA_BUSINESS_HOURS = 12

/** The 16 regions as named in prisma/reference/regions.csv (and Region.name in the database). */
export const NZ_REGION_NAMES = [
  'Northland',
  'Auckland',
  'Waikato',
  'Bay of Plenty',
  'Gisborne',
  "Hawke's Bay",
  'Taranaki',
  'Manawatū-Whanganui',
  'Wellington',
  'West Coast',
  'Canterbury',
  'Otago',
  'Southland',
  'Tasman',
  'Nelson',
  'Marlborough',
] as const

const HOUR_MS = 3_600_000

export interface HolidayCalendar {
  /**
   * Holidays observed on a New Zealand date (YYYY-MM-DD): national ones and the place's own
   * anniversary day. The territorial authority decides where a region's practice differs (South
   * Canterbury); without one the region's main practice applies.
   */
  holidaysOn(date: string, region: string | null, territorialAuthority?: string | null): readonly PublicHoliday[]
  isHoliday(date: string, region: string | null, territorialAuthority?: string | null): boolean
  /** Region names the calendar accepts: the 16 regions and any other region its data names. */
  readonly regions: readonly string[]
  /**
   * First and last dates the calendar knows. Outside them the rule calendar throws
   * (HolidayYearOutOfRange) rather than count a holiday as a working day.
   */
  readonly firstDate: string | null
  readonly lastDate: string | null
}

export interface BusinessClockOptions {
  /**
   * Region whose anniversary day stops the clock: the receiving provider's region, since it is the
   * provider who must respond. A name as in regions.csv ("Wellington"), or null to skip only
   * national holidays (a provider with no single home region).
   */
  region: string | null
  /** Territorial authority of the same place (name as in territorial_authorities.csv), when known. */
  territorialAuthority?: string | null
  calendar?: HolidayCalendar
}

/**
 * A calendar. Without a list: the rule calendar (holiday-rules.ts), for every year the law fixes
 * (2022-2052), throwing HolidayYearOutOfRange outside them. With a list: exactly those holidays
 * (tests, or a calendar an operator supplies), knowing no holiday outside the list's years.
 */
export function createHolidayCalendar(holidays?: readonly PublicHoliday[]): HolidayCalendar {
  return holidays === undefined ? ruleCalendar() : tableCalendar(holidays)
}

const checkRegionIn = (regions: ReadonlySet<string>, region: string | null) => {
  // A region id or code passed by mistake would silently skip the anniversary day; refuse it.
  if (region !== null && !regions.has(region)) {
    throw new RangeError(`unknown region "${region}": use a region name such as "Wellington"`)
  }
}

function ruleCalendar(): HolidayCalendar {
  const regions = new Set<string>([...NZ_REGION_NAMES, 'Chatham Islands'])
  const years = new Map<number, RuleHoliday[]>()
  const ofYear = (year: number) => {
    let list = years.get(year)
    if (!list) {
      list = nzPublicHolidaysOf(year)
      years.set(year, list)
    }
    return list
  }
  const holidaysOn = (date: string, region: string | null, territorialAuthority: string | null = null) => {
    checkRegionIn(regions, region)
    return ofYear(Number(date.slice(0, 4)))
      .filter((h) => h.date === date && observedIn(h, region, territorialAuthority))
      .map(({ date: d, name, type, regions: r }): PublicHoliday => ({ date: d, name, type, regions: r }))
  }
  return {
    holidaysOn,
    isHoliday: (date, region, ta) => holidaysOn(date, region, ta).length > 0,
    regions: [...regions],
    firstDate: `${HOLIDAY_YEARS.first}-01-01`,
    lastDate: `${HOLIDAY_YEARS.last}-12-31`,
  }
}

function tableCalendar(holidays: readonly PublicHoliday[]): HolidayCalendar {
  const byDate = new Map<string, PublicHoliday[]>()
  const regions = new Set<string>(NZ_REGION_NAMES)
  for (const h of holidays) {
    const list = byDate.get(h.date) ?? []
    list.push(h)
    byDate.set(h.date, list)
    for (const r of h.regions) regions.add(r)
  }
  const dates = [...byDate.keys()].sort()
  const firstYear = dates[0]?.slice(0, 4)
  const lastYear = dates[dates.length - 1]?.slice(0, 4)

  const holidaysOn = (date: string, region: string | null): readonly PublicHoliday[] => {
    checkRegionIn(regions, region)
    return (byDate.get(date) ?? []).filter(
      (h) => h.type === 'national' || (region !== null && h.regions.includes(region)),
    )
  }
  return {
    holidaysOn,
    isHoliday: (date, region) => holidaysOn(date, region).length > 0,
    regions: [...regions],
    firstDate: firstYear ? `${firstYear}-01-01` : null,
    lastDate: lastYear ? `${lastYear}-12-31` : null,
  }
}

const DEFAULT_CALENDAR = createHolidayCalendar()

interface LocalDate {
  year: number
  month: number
  day: number
}

const pad = (n: number) => String(n).padStart(2, '0')
const isoOf = (d: LocalDate) => `${d.year}-${pad(d.month)}-${pad(d.day)}`

function localDateOf(at: Date): LocalDate {
  const p = nzLocalParts(at)
  return { year: p.year, month: p.month, day: p.day }
}

function nextDay(d: LocalDate): LocalDate {
  const next = new Date(Date.UTC(d.year, d.month - 1, d.day + 1))
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }
}

function weekdayOf(d: LocalDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay()
}

// Opening and closing instants depend only on the date (offsets change at 2-3am, never inside
// 8am-5pm); memoised because every loop below asks for the same days again and again.
const windowCache = new Map<string, readonly [number, number]>()

function windowOf(d: LocalDate): readonly [number, number] {
  const key = isoOf(d)
  const hit = windowCache.get(key)
  if (hit) return hit
  const w = [
    nzWallClockToUtc(d, { hour: BUSINESS_DAY.opens }).getTime(),
    nzWallClockToUtc(d, { hour: BUSINESS_DAY.closes }).getTime(),
  ] as const
  if (windowCache.size > 20_000) windowCache.clear()
  windowCache.set(key, w)
  return w
}

function isBusinessDay(d: LocalDate, opts: BusinessClockOptions): boolean {
  const wd = weekdayOf(d)
  if (wd === 0 || wd === 6) return false
  return !(opts.calendar ?? DEFAULT_CALENDAR).isHoliday(isoOf(d), opts.region, opts.territorialAuthority ?? null)
}

function timeOf(at: Date, name: string): number {
  const t = at.getTime()
  if (!Number.isFinite(t)) throw new RangeError(`${name} must be a valid Date`)
  return t
}

// Checked up front so a bad region fails even when the answer would need no holiday look-up.
function checkRegion(opts: BusinessClockOptions) {
  const { region } = opts
  if (region !== null && !(opts.calendar ?? DEFAULT_CALENDAR).regions.includes(region)) {
    throw new RangeError(`unknown region "${region}": use a region name such as "Wellington"`)
  }
}

/** Whether `at` falls in business hours: 08:00 inclusive to 17:00 exclusive on a business day. */
export function isBusinessTime(at: Date, opts: BusinessClockOptions): boolean {
  const t = timeOf(at, 'at')
  checkRegion(opts)
  const d = localDateOf(at)
  if (!isBusinessDay(d, opts)) return false
  const [open, close] = windowOf(d)
  return t >= open && t < close
}

/**
 * The first business instant at or after `at`: `at` itself during business hours, else the next
 * 08:00 opening. A referral sent outside business hours starts its clock here.
 */
export function nextBusinessOpening(at: Date, opts: BusinessClockOptions): Date {
  return addBusinessHours(at, 0, opts)
}

/**
 * The instant `hours` business hours after `start` (fractional hours allowed, counted to the
 * millisecond). Time outside business hours does not count. When the hours run out exactly at
 * closing the answer is 17:00 that day, not 08:00 the next business day.
 */
export function addBusinessHours(start: Date, hours: number, opts: BusinessClockOptions): Date {
  const t = timeOf(start, 'start')
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError('hours must be a finite number of hours, zero or more')
  }
  checkRegion(opts)
  let remaining = Math.round(hours * HOUR_MS)
  let day = localDateOf(start)
  for (;;) {
    if (isBusinessDay(day, opts)) {
      const [open, close] = windowOf(day)
      const from = Math.max(t, open)
      if (from < close) {
        if (remaining <= close - from) return new Date(from + remaining)
        remaining -= close - from
      }
    }
    day = nextDay(day)
  }
}

/**
 * Business hours from `from` to `to`, fractional. Negative when `to` is before `from`, so that
 * businessHoursBetween(a, b) + businessHoursBetween(b, c) = businessHoursBetween(a, c) always.
 */
export function businessHoursBetween(from: Date, to: Date, opts: BusinessClockOptions): number {
  const a = timeOf(from, 'from')
  const b = timeOf(to, 'to')
  checkRegion(opts)
  if (b < a) return -businessHoursBetween(to, from, opts)
  let total = 0
  let day = localDateOf(from)
  const last = localDateOf(to)
  for (;;) {
    if (isBusinessDay(day, opts)) {
      const [open, close] = windowOf(day)
      const span = Math.min(close, b) - Math.max(open, a)
      if (span > 0) total += span
    }
    if (day.year === last.year && day.month === last.month && day.day === last.day) break
    day = nextDay(day)
  }
  return total / HOUR_MS
}

/** Accept-or-decline deadline for a referral sent at `sentAt` (Referral.respondBy). */
export function respondBy(sentAt: Date, opts: BusinessClockOptions): Date {
  return addBusinessHours(sentAt, RESPONSE_SLA_BUSINESS_HOURS, opts)
}
