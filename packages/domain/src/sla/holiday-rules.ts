// New Zealand public holidays for any year, derived from the rules that make them, not from a table
// that ends. Sources:
// - Holidays Act 2003, s44(1): the public holidays (New Year's Day and the day after, Waitangi Day,
//   Good Friday, Easter Monday, Anzac Day, the Sovereign's birthday "the first Monday in June",
//   Te Kāhui o Matariki, Labour Day "the fourth Monday in October", Christmas Day, Boxing Day, and
//   "the day of the anniversary of a province ... as observed in the locality");
// - Holidays Act 2003, s45: when 25 or 26 December, or 1 or 2 January, falls on a Saturday or a
//   Sunday, it is observed on the following Monday or Tuesday (the pair is kept on two weekdays);
// - Holidays Act 2003, s45A (Holidays (Full Recognition of Waitangi Day and ANZAC Day) Amendment
//   Act 2013): Waitangi Day and Anzac Day falling on a Saturday or Sunday are observed on the
//   following Monday;
// - Easter: the Gregorian computus (the Act names Good Friday and Easter Monday; their dates follow
//   Easter Sunday);
// - Te Kāhui o Matariki Public Holiday Act 2022, Schedule 1: the dates from 2022 to 2052. Past 2052
//   the date is set by Order in Council, so a later year is an error here, never "no holidays";
// - Anniversary days: local practice, as published by Employment New Zealand, with the rule of each
//   (Monday nearest the anniversary, or a named weekday). South Canterbury (Timaru, Mackenzie and
//   Waimate districts) keeps Dominion Day in September, not Christchurch Show Day.
import type { PublicHoliday } from './nz-public-holidays'
import { nzDateOf } from './nz-time'

/** Te Kāhui o Matariki Public Holiday Act 2022, Schedule 1: each year's Matariki (a Friday). */
export const MATARIKI_DATES: Readonly<Record<number, string>> = {
  2022: '2022-06-24',
  2023: '2023-07-14',
  2024: '2024-06-28',
  2025: '2025-06-20',
  2026: '2026-07-10',
  2027: '2027-06-25',
  2028: '2028-07-14',
  2029: '2029-07-06',
  2030: '2030-06-21',
  2031: '2031-07-11',
  2032: '2032-07-02',
  2033: '2033-06-24',
  2034: '2034-07-07',
  2035: '2035-06-29',
  2036: '2036-07-18',
  2037: '2037-07-10',
  2038: '2038-06-25',
  2039: '2039-07-15',
  2040: '2040-07-06',
  2041: '2041-07-19',
  2042: '2042-07-11',
  2043: '2043-07-03',
  2044: '2044-06-24',
  2045: '2045-07-07',
  2046: '2046-06-29',
  2047: '2047-07-19',
  2048: '2048-07-03',
  2049: '2049-06-25',
  2050: '2050-07-15',
  2051: '2051-06-30',
  2052: '2052-06-21',
}

/** The years whose holidays the law fixes today: the Matariki schedule's years. */
export const HOLIDAY_YEARS = { first: 2022, last: 2052 } as const

export class HolidayYearOutOfRange extends RangeError {
  constructor(readonly year: number) {
    super(
      `New Zealand public holidays for ${year} are not known: Te Kāhui o Matariki Public Holiday Act 2022 ` +
        `schedules Matariki for ${HOLIDAY_YEARS.first}-${HOLIDAY_YEARS.last} only. Add the year's Matariki date ` +
        '(set by Order in Council) to MATARIKI_DATES.',
    )
    this.name = 'HolidayYearOutOfRange'
  }
}

/** Territorial authorities that keep South Canterbury's anniversary day (as in territorial_authorities.csv). */
export const SOUTH_CANTERBURY_TAS = ['Timaru District', 'Mackenzie District', 'Waimate District'] as const

// ─── Day arithmetic on plain dates (UTC midnight stands for a calendar day) ───────────────────

const DAY = 86_400_000
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d)
const weekday = (t: number) => new Date(t).getUTCDay() // 0 Sunday .. 6 Saturday
const iso = (t: number) => new Date(t).toISOString().slice(0, 10)
const isWeekend = (t: number) => weekday(t) === 0 || weekday(t) === 6

/** Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1
  return iso(day(year, month, dayOfMonth))
}

/** The `n`th `wd` (0 Sunday .. 6 Saturday) of a month; n = 1 is the first. */
function nthWeekday(year: number, month: number, wd: number, n: number): number {
  const first = day(year, month, 1)
  return first + (((wd - weekday(first) + 7) % 7) + 7 * (n - 1)) * DAY
}

/** The Monday nearest a date: the date itself on a Monday; Tuesday-Thursday back, Friday-Sunday on. */
function mondayNearest(t: number): number {
  const offsets = [1, 0, -1, -2, -3, 3, 2] // by weekday, Sunday first
  return t + offsets[weekday(t)]! * DAY
}

/** s45A: Saturday or Sunday -> the following Monday. */
function mondayise(t: number): number {
  if (weekday(t) === 6) return t + 2 * DAY
  if (weekday(t) === 0) return t + DAY
  return t
}

/**
 * s45: a pair of consecutive holidays (25 and 26 December; 1 and 2 January) is observed on two
 * weekdays: each one falling on a weekday stays; each one on a weekend moves to the next weekday that
 * the other does not already take.
 */
function observePair(first: number, second: number): [number, number] {
  const taken = new Set<number>()
  const out: number[] = []
  for (const t of [first, second]) if (!isWeekend(t)) taken.add(t)
  for (const t of [first, second]) {
    if (!isWeekend(t)) {
      out.push(t)
      continue
    }
    let d = t + DAY
    while (isWeekend(d) || taken.has(d)) d += DAY
    taken.add(d)
    out.push(d)
  }
  return [out[0]!, out[1]!]
}

interface AnniversaryRule {
  name: string
  regions: readonly string[]
  /** Territorial authorities that observe it although their region keeps another day. */
  territorialAuthorities?: readonly string[]
  /** Territorial authorities of those regions that keep another day instead. */
  exceptTerritorialAuthorities?: readonly string[]
  date: (year: number, easter: number, labour: number) => number
}

const ANNIVERSARIES: readonly AnniversaryRule[] = [
  {
    name: 'Wellington Anniversary Day',
    regions: ['Wellington', 'Manawatū-Whanganui'],
    date: (y) => mondayNearest(day(y, 1, 22)),
  },
  {
    name: 'Auckland Anniversary Day',
    regions: ['Auckland', 'Northland', 'Waikato', 'Bay of Plenty', 'Gisborne'],
    date: (y) => mondayNearest(day(y, 1, 29)),
  },
  { name: 'Nelson Anniversary Day', regions: ['Nelson', 'Tasman'], date: (y) => mondayNearest(day(y, 2, 1)) },
  { name: 'Taranaki Anniversary Day', regions: ['Taranaki'], date: (y) => nthWeekday(y, 3, 1, 2) },
  {
    name: 'Otago Anniversary Day',
    regions: ['Otago'],
    // Monday nearest 23 March, the Tuesday after when that Monday is Easter Monday.
    date: (y, easter) => {
      const m = mondayNearest(day(y, 3, 23))
      return m === easter + DAY ? m + DAY : m
    },
  },
  { name: 'Southland Anniversary Day', regions: ['Southland'], date: (_y, easter) => easter + 2 * DAY },
  {
    name: 'South Canterbury Anniversary Day',
    regions: [],
    territorialAuthorities: SOUTH_CANTERBURY_TAS,
    date: (y) => nthWeekday(y, 9, 1, 4),
  },
  { name: "Hawke's Bay Anniversary Day", regions: ["Hawke's Bay"], date: (_y, _e, labour) => labour - 3 * DAY },
  { name: 'Marlborough Anniversary Day', regions: ['Marlborough'], date: (_y, _e, labour) => labour + 7 * DAY },
  {
    name: 'Canterbury Anniversary Day (Christchurch Show Day)',
    regions: ['Canterbury'],
    exceptTerritorialAuthorities: SOUTH_CANTERBURY_TAS,
    // The second Friday after the first Tuesday in November.
    date: (y) => nthWeekday(y, 11, 2, 1) + 10 * DAY,
  },
  {
    name: 'Chatham Islands Anniversary Day',
    regions: ['Chatham Islands'],
    date: (y) => mondayNearest(day(y, 11, 30)),
  },
  {
    name: 'West Coast Anniversary Day (Westland)',
    regions: ['West Coast'],
    date: (y) => mondayNearest(day(y, 12, 1)),
  },
]

/** A holiday with the territorial authorities that observe it, or that keep another day instead. */
export interface RuleHoliday extends PublicHoliday {
  territorialAuthorities: readonly string[]
  exceptTerritorialAuthorities: readonly string[]
}

/** Every public holiday of `year`, national and anniversary days, sorted by date. */
export function nzPublicHolidaysOf(year: number): RuleHoliday[] {
  if (!Number.isInteger(year) || year < HOLIDAY_YEARS.first || year > HOLIDAY_YEARS.last) {
    throw new HolidayYearOutOfRange(year)
  }
  const easter = Date.parse(`${easterSunday(year)}T00:00:00Z`)
  const labour = nthWeekday(year, 10, 1, 4)
  const national = (t: number, name: string): RuleHoliday => ({
    date: iso(t),
    name,
    type: 'national',
    regions: [],
    territorialAuthorities: [],
    exceptTerritorialAuthorities: [],
  })
  const [newYear, dayAfter] = observePair(day(year, 1, 1), day(year, 1, 2))
  const [christmas, boxing] = observePair(day(year, 12, 25), day(year, 12, 26))
  const out: RuleHoliday[] = [
    national(newYear, "New Year's Day"),
    national(dayAfter, "Day after New Year's Day"),
    national(mondayise(day(year, 2, 6)), 'Waitangi Day'),
    national(easter - 2 * DAY, 'Good Friday'),
    national(easter + DAY, 'Easter Monday'),
    national(mondayise(day(year, 4, 25)), 'Anzac Day'),
    // The Sovereign's birthday: Queen's Birthday until 2022, King's Birthday from 2023.
    national(nthWeekday(year, 6, 1, 1), year <= 2022 ? "Queen's Birthday" : "King's Birthday"),
    national(Date.parse(`${MATARIKI_DATES[year]}T00:00:00Z`), 'Matariki'),
    national(labour, 'Labour Day'),
    national(christmas, 'Christmas Day'),
    national(boxing, 'Boxing Day'),
    ...ANNIVERSARIES.map(
      (a): RuleHoliday => ({
        date: iso(a.date(year, easter, labour)),
        name: a.name,
        type: 'regional',
        regions: a.territorialAuthorities ? ['Canterbury'] : a.regions,
        territorialAuthorities: a.territorialAuthorities ?? [],
        exceptTerritorialAuthorities: a.exceptTerritorialAuthorities ?? [],
      }),
    ),
  ]
  return out.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))
}

/**
 * Whether a holiday is observed in a place. National holidays everywhere; an anniversary day in its
 * regions, except where the place's territorial authority keeps another day, and in the territorial
 * authorities named for it. Without a territorial authority, a region's main practice applies
 * (Canterbury: Show Day).
 */
export function observedIn(h: RuleHoliday, region: string | null, territorialAuthority: string | null): boolean {
  if (h.type === 'national') return true
  if (territorialAuthority !== null && h.territorialAuthorities.includes(territorialAuthority)) return true
  if (h.territorialAuthorities.length > 0) return false
  if (region === null || !h.regions.includes(region)) return false
  return territorialAuthority === null || !h.exceptTerritorialAuthorities.includes(territorialAuthority)
}

export interface HolidayCalendarHealth {
  /** ok: today and the next 90 days are known; ending: the schedule ends within 90 days; failing: today is unknown. */
  status: 'ok' | 'ending' | 'failing'
  /** The last date the rules know. */
  knownUntil: string
  message: string | null
}

/**
 * Whether the holiday rules cover `now` (New Zealand year) and the next 90 days, for start-up (which
 * refuses to start when they do not cover today) and /health (which warns before they run out).
 */
export function holidayCalendarHealth(now: Date): HolidayCalendarHealth {
  const knownUntil = `${HOLIDAY_YEARS.last}-12-31`
  const yearOf = (t: number) => Number(nzDateOf(new Date(t)).slice(0, 4))
  const ahead = (y: number) => y >= HOLIDAY_YEARS.first && y <= HOLIDAY_YEARS.last
  const t = now.getTime()
  if (!ahead(yearOf(t))) return { status: 'failing', knownUntil, message: new HolidayYearOutOfRange(yearOf(t)).message }
  const later = yearOf(t + 90 * DAY)
  if (!ahead(later)) return { status: 'ending', knownUntil, message: new HolidayYearOutOfRange(later).message }
  return { status: 'ok', knownUntil, message: null }
}
