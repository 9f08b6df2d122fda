// The holidays of every year the law fixes (2024-2052 here), checked against the Acts' own wording,
// each written again in this file in a different form from the implementation: Easter by a second
// computus, Mondayisation as "the first day on or after that is not Saturday or Sunday", the
// Christmas and New Year pairs as the Act's cases by weekday, "the fourth Monday" as a date window.
import { describe, expect, it } from 'vitest'
import { createHolidayCalendar, isBusinessTime, respondBy } from './business-hours'
import {
  easterSunday,
  HOLIDAY_YEARS,
  HolidayYearOutOfRange,
  holidayCalendarHealth,
  MATARIKI_DATES,
  nzPublicHolidaysOf,
  observedIn,
  type RuleHoliday,
} from './holiday-rules'
import { fromNzLocal } from './nz-time'
import { reportDue, reportWeekFromMonday } from '../reporting/report-week'

const YEARS = Array.from({ length: 2052 - 2024 + 1 }, (_, i) => 2024 + i)
const dow = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay()
const plus = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
const ymd = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
const find = (list: RuleHoliday[], name: string) => {
  const h = list.find((x) => x.name === name)
  if (!h) throw new Error(`${name} missing`)
  return h.date
}

/** Easter Sunday by Oudin's algorithm (1940), a different computus from the implementation's. */
function oudinEaster(y: number): string {
  const g = y % 19
  const c = Math.floor(y / 100)
  const h = (c - Math.floor(c / 4) - Math.floor((8 * c + 13) / 25) + 19 * g + 15) % 30
  const i = h - Math.floor(h / 28) * (1 - Math.floor(29 / (h + 1)) * Math.floor((21 - g) / 11))
  const j = (y + Math.floor(y / 4) + i + 2 - c + Math.floor(c / 4)) % 7
  const l = i - j
  const month = 3 + Math.floor((l + 40) / 44)
  return ymd(y, month, l + 28 - 31 * Math.floor(month / 4))
}

/** s45A: "the following Monday" for a Saturday or Sunday; the day itself otherwise. */
function firstWeekdayOnOrAfter(date: string): string {
  let d = date
  while (dow(d) === 0 || dow(d) === 6) d = plus(d, 1)
  return d
}

/**
 * s45, by the weekday of the first day of the pair (25 December or 1 January):
 * Saturday -> Monday and Tuesday; Sunday -> Tuesday (first) and Monday (second, which is a
 * weekday); Friday -> Friday and the following Monday; otherwise both days themselves.
 */
function actPair(first: string): [string, string] {
  switch (dow(first)) {
    case 6:
      return [plus(first, 2), plus(first, 3)]
    case 0:
      return [plus(first, 2), plus(first, 1)]
    case 5:
      return [first, plus(first, 3)]
    default:
      return [first, plus(first, 1)]
  }
}

describe.each(YEARS)('%i', (year) => {
  const list = nzPublicHolidaysOf(year)

  it('Easter: Good Friday and Easter Monday around the computus', () => {
    const easter = oudinEaster(year)
    expect(easterSunday(year)).toBe(easter)
    expect(find(list, 'Good Friday')).toBe(plus(easter, -2))
    expect(find(list, 'Easter Monday')).toBe(plus(easter, 1))
    expect(find(list, 'Southland Anniversary Day')).toBe(plus(easter, 2))
  })

  it('New Year and Christmas pairs as the Act says (s45)', () => {
    expect([find(list, "New Year's Day"), find(list, "Day after New Year's Day")]).toEqual(actPair(ymd(year, 1, 1)))
    expect([find(list, 'Christmas Day'), find(list, 'Boxing Day')]).toEqual(actPair(ymd(year, 12, 25)))
  })

  it('Waitangi Day and Anzac Day Mondayised (s45A)', () => {
    expect(find(list, 'Waitangi Day')).toBe(firstWeekdayOnOrAfter(ymd(year, 2, 6)))
    expect(find(list, 'Anzac Day')).toBe(firstWeekdayOnOrAfter(ymd(year, 4, 25)))
  })

  it("the Sovereign's birthday is the first Monday in June; Labour Day the fourth Monday in October", () => {
    const kings = find(list, "King's Birthday")
    expect(dow(kings)).toBe(1)
    expect(kings >= ymd(year, 6, 1) && kings <= ymd(year, 6, 7)).toBe(true)
    const labour = find(list, 'Labour Day')
    expect(dow(labour)).toBe(1)
    expect(labour >= ymd(year, 10, 22) && labour <= ymd(year, 10, 28)).toBe(true)
  })

  it('Matariki is the scheduled Friday in June or July', () => {
    const m = find(list, 'Matariki')
    expect(m).toBe(MATARIKI_DATES[year])
    expect(dow(m)).toBe(5)
    expect(m >= ymd(year, 6, 18) && m <= ymd(year, 7, 21)).toBe(true)
  })

  it('anniversary days follow local practice', () => {
    const nearest = (name: string, m: number, d: number) => {
      const got = find(list, name)
      const nominal = ymd(year, m, d)
      expect(dow(got), name).toBe(1)
      expect(Math.abs(Date.parse(got) - Date.parse(nominal)) / 86_400_000, name).toBeLessThanOrEqual(3)
    }
    nearest('Wellington Anniversary Day', 1, 22)
    nearest('Auckland Anniversary Day', 1, 29)
    nearest('Nelson Anniversary Day', 2, 1)
    nearest('Chatham Islands Anniversary Day', 11, 30)
    nearest('West Coast Anniversary Day (Westland)', 12, 1)
    const otago = find(list, 'Otago Anniversary Day')
    // Monday nearest 23 March, or the Tuesday after it when that Monday is Easter Monday.
    expect(otago === find(list, 'Easter Monday') ? false : [1, 2].includes(dow(otago))).toBe(true)
    if (dow(otago) === 2) expect(plus(otago, -1)).toBe(find(list, 'Easter Monday'))
    const taranaki = find(list, 'Taranaki Anniversary Day')
    expect(dow(taranaki)).toBe(1)
    expect(taranaki >= ymd(year, 3, 8) && taranaki <= ymd(year, 3, 14)).toBe(true)
    const southCanterbury = find(list, 'South Canterbury Anniversary Day')
    expect(dow(southCanterbury)).toBe(1)
    expect(southCanterbury >= ymd(year, 9, 22) && southCanterbury <= ymd(year, 9, 28)).toBe(true)
    expect(find(list, "Hawke's Bay Anniversary Day")).toBe(plus(find(list, 'Labour Day'), -3))
    expect(find(list, 'Marlborough Anniversary Day')).toBe(plus(find(list, 'Labour Day'), 7))
    const show = find(list, 'Canterbury Anniversary Day (Christchurch Show Day)')
    // The second Friday after the first Tuesday in November.
    expect(dow(show)).toBe(5)
    const firstTuesday = plus(show, -10)
    expect(dow(firstTuesday)).toBe(2)
    expect(firstTuesday >= ymd(year, 11, 1) && firstTuesday <= ymd(year, 11, 7)).toBe(true)
  })

  it('every holiday stops the SLA clock where it is observed, and not elsewhere', () => {
    for (const h of list) {
      if (dow(h.date) === 0 || dow(h.date) === 6) continue
      const at = fromNzLocal(`${h.date} 10:00`)
      if (h.type === 'national') {
        expect(isBusinessTime(at, { region: 'Wellington' }), `${h.name} ${h.date}`).toBe(false)
        continue
      }
      const place =
        h.territorialAuthorities.length > 0
          ? { region: 'Canterbury', territorialAuthority: h.territorialAuthorities[0]! }
          : { region: h.regions[0]!, territorialAuthority: null }
      expect(isBusinessTime(at, place), `${h.name} ${h.date}`).toBe(false)
      // Somewhere that keeps no anniversary on that date.
      const elsewhere = ['Otago', 'Southland', 'Wellington', 'Auckland'].find(
        (r) => !list.some((x) => x.date === h.date && x.type === 'regional' && observedIn(x, r, null)),
      )!
      const nationalSameDay = list.some((x) => x.date === h.date && x.type === 'national')
      if (!nationalSameDay) expect(isBusinessTime(at, { region: elsewhere }), `${h.name} elsewhere`).toBe(true)
    }
  })

  it('a weekly report due on a holiday Monday is due on the next working day at 17:00', () => {
    const calendar = createHolidayCalendar()
    for (const h of list.filter((x) => x.type === 'national' && dow(x.date) === 1)) {
      const due = reportDue(reportWeekFromMonday(plus(h.date, -7)), calendar)
      let expected = plus(h.date, 1)
      while (list.some((x) => x.type === 'national' && x.date === expected) || dow(expected) === 0 || dow(expected) === 6)
        expected = plus(expected, 1)
      expect(due.getTime(), h.name).toBe(fromNzLocal(`${expected} 17:00`).getTime())
    }
  })
})

describe('outside the years the law fixes', () => {
  it('is an error, never a year without holidays', () => {
    expect(() => nzPublicHolidaysOf(HOLIDAY_YEARS.last + 1)).toThrow(HolidayYearOutOfRange)
    expect(() => nzPublicHolidaysOf(HOLIDAY_YEARS.first - 1)).toThrow(HolidayYearOutOfRange)
    expect(() => respondBy(fromNzLocal('2053-01-05 10:00'), { region: 'Wellington' })).toThrow(/2053/)
  })
  it('Matariki dates cross-checked against the 2021 announcement for 2022-2031', () => {
    // Published by the Government on 2 July 2021 with the dates the Act later scheduled.
    expect([2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031].map((y) => MATARIKI_DATES[y])).toEqual([
      '2022-06-24', '2023-07-14', '2024-06-28', '2025-06-20', '2026-07-10',
      '2027-06-25', '2028-07-14', '2029-07-06', '2030-06-21', '2031-07-11',
    ])
    for (const date of Object.values(MATARIKI_DATES)) expect(dow(date), date).toBe(5)
  })
})

describe('holidayCalendarHealth', () => {
  it('is ok inside the schedule, ending in its last 90 days, failing past it', () => {
    expect(holidayCalendarHealth(new Date('2026-12-08T00:00:00Z')).status).toBe('ok')
    expect(holidayCalendarHealth(new Date('2052-11-01T00:00:00Z'))).toMatchObject({ status: 'ending', message: expect.stringMatching(/2053/) })
    expect(holidayCalendarHealth(new Date('2053-01-01T00:00:00Z'))).toMatchObject({ status: 'failing', knownUntil: '2052-12-31' })
    // 31 December 2052 at 11:30 UTC is already 1 January 2053 in New Zealand.
    expect(holidayCalendarHealth(new Date('2052-12-31T11:30:00Z')).status).toBe('failing')
    expect(holidayCalendarHealth(new Date('2021-12-31T10:00:00Z')).status).toBe('failing')
  })
})
