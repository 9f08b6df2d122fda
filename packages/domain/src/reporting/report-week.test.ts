import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createHolidayCalendar } from '../sla/business-hours'
import { formatNzLocal, fromNzLocal, nzLocalParts } from '../sla/nz-time'
import { isRecordedSameDay, reportDue, reportStatus, reportWeek, reportWeekFromMonday } from './report-week'

const nz = fromNzLocal
const calendar = createHolidayCalendar()
const dueFor = (monday: string, region: string | null = null) =>
  formatNzLocal(reportDue(reportWeekFromMonday(monday), calendar, region))

describe('reportWeek: Monday to Sunday, New Zealand time', () => {
  it.each([
    ['Monday 00:00 starts the week', '2026-03-02 00:00', '2026-03-02', '2026-03-08', '2026-W10'],
    ['Wednesday midday', '2026-03-04 12:00', '2026-03-02', '2026-03-08', '2026-W10'],
    ['Sunday 23:59:59 is still in it', '2026-03-08 23:59:59', '2026-03-02', '2026-03-08', '2026-W10'],
    ['the next Monday 00:00 is the next week', '2026-03-09 00:00', '2026-03-09', '2026-03-15', '2026-W11'],
    [
      'week 53 of 2026 (a year starting on a Thursday)',
      '2026-12-31 10:00',
      '2026-12-28',
      '2027-01-03',
      '2026-W53',
    ],
    ['New Year 2027 falls in 2026-W53', '2027-01-02 10:00', '2026-12-28', '2027-01-03', '2026-W53'],
    ['week 1 of 2027', '2027-01-04 10:00', '2027-01-04', '2027-01-10', '2027-W01'],
    ['30 December 2024 is in 2025-W01', '2024-12-31 10:00', '2024-12-30', '2025-01-05', '2025-W01'],
    ['leap day 2028', '2028-02-29 10:00', '2028-02-28', '2028-03-05', '2028-W09'],
  ])('%s', (_what, at, monday, sunday, id) => {
    const week = reportWeek(nz(at))
    expect([week.monday, week.sunday, week.id]).toEqual([monday, sunday, id])
  })

  it('reads the NZ clock, not UTC: Sunday 12:30 UTC is Monday 01:30 NZDT, the next week', () => {
    expect(reportWeek(new Date('2026-03-08T12:30:00Z')).monday).toBe('2026-03-09')
    expect(reportWeek(new Date('2026-03-08T10:59:59Z')).monday).toBe('2026-03-02')
  })

  it('starts and ends at NZ midnight, so a week is 169 hours when clocks go back and 167 when they go forward', () => {
    const hours = (w: ReturnType<typeof reportWeek>) => (w.end.getTime() - w.start.getTime()) / 3_600_000
    const autumn = reportWeek(nz('2026-04-01 12:00')) // daylight saving ends Sunday 5 April 2026
    expect(hours(autumn)).toBe(169)
    expect(formatNzLocal(autumn.start)).toBe('Mon 2026-03-30 00:00 NZDT')
    expect(formatNzLocal(autumn.end)).toBe('Mon 2026-04-06 00:00 NZST')
    const spring = reportWeek(nz('2026-09-23 12:00')) // daylight saving starts Sunday 27 September 2026
    expect(hours(spring)).toBe(167)
    expect(hours(reportWeek(nz('2026-03-04 12:00')))).toBe(168)
  })

  it('reportWeekFromMonday gives the same week, and refuses other days', () => {
    expect(reportWeekFromMonday('2026-03-02')).toEqual(reportWeek(nz('2026-03-05 09:00')))
    expect(() => reportWeekFromMonday('2026-03-03')).toThrow(/not a Monday/)
    expect(() => reportWeekFromMonday('2026-02-30')).toThrow(RangeError)
    expect(() => reportWeekFromMonday('2 March 2026')).toThrow(RangeError)
  })
})

describe('reportDue: Monday 17:00 after the week, Tuesday when Monday is a public holiday', () => {
  it.each([
    ['an ordinary week: Monday 5pm', '2026-03-02', null, 'Mon 2026-03-09 17:00 NZDT'],
    ['Easter Monday 2025', '2025-04-14', null, 'Tue 2025-04-22 17:00 NZST'],
    ["King's Birthday 2025", '2025-05-26', null, 'Tue 2025-06-03 17:00 NZST'],
    ['Labour Day 2025', '2025-10-20', null, 'Tue 2025-10-28 17:00 NZDT'],
    ['Easter Monday 2026, the day after clocks go back', '2026-03-30', null, 'Tue 2026-04-07 17:00 NZST'],
    [
      'Anzac Day 2026 on a Saturday, observed Monday 27 April',
      '2026-04-20',
      null,
      'Tue 2026-04-28 17:00 NZST',
    ],
    ["King's Birthday 2026", '2026-05-25', null, 'Tue 2026-06-02 17:00 NZST'],
    ['Labour Day 2026', '2026-10-19', null, 'Tue 2026-10-27 17:00 NZDT'],
    ['Easter Monday 2027', '2027-03-22', null, 'Tue 2027-03-30 17:00 NZDT'],
    ["King's Birthday 2027", '2027-05-31', null, 'Tue 2027-06-08 17:00 NZST'],
    ['Labour Day 2027', '2027-10-18', null, 'Tue 2027-10-26 17:00 NZDT'],
    [
      'a Friday holiday does not move it (Matariki 10 July 2026)',
      '2026-07-06',
      null,
      'Mon 2026-07-13 17:00 NZST',
    ],
    ['Boxing Day 2026 observed on Monday 28 December', '2026-12-21', null, 'Tue 2026-12-29 17:00 NZDT'],
    [
      'Christmas and Boxing Day 2027 observed Monday and Tuesday: the next working day',
      '2027-12-20',
      null,
      'Wed 2027-12-29 17:00 NZDT',
    ],
    [
      'New Year 2028 observed Monday 3 and Tuesday 4 January',
      '2027-12-27',
      null,
      'Wed 2028-01-05 17:00 NZDT',
    ],
    [
      'Wellington Anniversary Day for a Wellington provider',
      '2027-01-18',
      'Wellington',
      'Tue 2027-01-26 17:00 NZDT',
    ],
    ['the same week for an Auckland provider', '2027-01-18', 'Auckland', 'Mon 2027-01-25 17:00 NZDT'],
    ['the same week with no region: national holidays only', '2027-01-18', null, 'Mon 2027-01-25 17:00 NZDT'],
    [
      'Southland: Easter Monday then Easter Tuesday (its anniversary day)',
      '2026-03-30',
      'Southland',
      'Wed 2026-04-08 17:00 NZST',
    ],
  ])('%s', (_what, monday, region, expected) => {
    expect(dueFor(monday, region)).toBe(expected)
  })

  it('returns the UTC instant: 17:00 NZST is 05:00 UTC', () => {
    expect(reportDue(reportWeekFromMonday('2025-04-14'), calendar).toISOString()).toBe(
      '2025-04-22T05:00:00.000Z',
    )
  })

  it('uses the default NZ calendar when none is given, and a custom one when it is', () => {
    expect(formatNzLocal(reportDue(reportWeekFromMonday('2025-04-14')))).toBe('Tue 2025-04-22 17:00 NZST')
    expect(formatNzLocal(reportDue(reportWeekFromMonday('2025-04-14'), createHolidayCalendar([])))).toBe(
      'Mon 2025-04-21 17:00 NZST',
    )
  })

  it('refuses a region the calendar does not know', () => {
    expect(() => reportDue(reportWeekFromMonday('2026-03-02'), calendar, 'WGN')).toThrow(/unknown region/)
  })
})

describe('reportStatus', () => {
  const week = reportWeekFromMonday('2025-04-14') // due Tuesday 22 April 2025 17:00 (Easter Monday)
  it.each([
    ['during the week', '2025-04-16 10:00', undefined, { status: 'due', inProgress: true, late: false }],
    [
      'on Easter Monday, the day it would otherwise be due',
      '2025-04-21 17:30',
      undefined,
      { status: 'due', inProgress: false, late: false },
    ],
    [
      'a minute before it is due',
      '2025-04-22 16:59',
      undefined,
      { status: 'due', inProgress: false, late: false },
    ],
    ['at 17:00 sharp', '2025-04-22 17:00', undefined, { status: 'overdue', inProgress: false, late: false }],
    ['the week after', '2025-04-29 09:00', undefined, { status: 'overdue', inProgress: false, late: false }],
    [
      'submitted on time',
      '2025-04-29 09:00',
      '2025-04-22 16:00',
      { status: 'submitted', inProgress: false, late: false },
    ],
    [
      'submitted late',
      '2025-04-29 09:00',
      '2025-04-23 09:00',
      { status: 'submitted', inProgress: false, late: true },
    ],
  ])('%s', (_what, now, submitted, expected) => {
    const result = reportStatus(week, nz(now), submitted ? nz(submitted) : undefined)
    expect(result).toEqual({ ...expected, dueAt: reportDue(week, calendar) })
  })

  it('counts the provider region’s anniversary day', () => {
    const wellingtonWeek = reportWeekFromMonday('2027-01-18')
    const monday5pm = nz('2027-01-25 17:30')
    expect(reportStatus(wellingtonWeek, monday5pm).status).toBe('overdue')
    expect(reportStatus(wellingtonWeek, monday5pm, null, { region: 'Wellington' }).status).toBe('due')
  })

  it('refuses invalid dates', () => {
    expect(() => reportStatus(week, new Date(Number.NaN))).toThrow(RangeError)
    expect(() => reportStatus(week, nz('2025-04-16 10:00'), new Date(Number.NaN))).toThrow(RangeError)
  })
})

describe('isRecordedSameDay (Guidelines: recorded on the same day of the interaction)', () => {
  it.each([
    ['the same hour', '2026-03-02 10:00', '2026-03-02 10:30', true],
    [
      'end of the day, as the guideline allows when referrals are many',
      '2026-03-02 08:00',
      '2026-03-02 23:59',
      true,
    ],
    ['just after midnight', '2026-03-02 23:30', '2026-03-03 00:01', false],
    ['the next morning', '2026-03-02 16:00', '2026-03-03 09:00', false],
    ['across the night clocks go back', '2026-04-05 01:00', '2026-04-05 23:00', true],
  ])('%s', (_what, interaction, recorded, expected) => {
    expect(isRecordedSameDay(nz(interaction), nz(recorded))).toBe(expected)
  })

  it('compares NZ dates, not UTC ones: 10:00 and 14:00 NZDT on one day straddle UTC midnight', () => {
    expect(isRecordedSameDay(new Date('2026-03-01T21:00:00Z'), new Date('2026-03-02T01:00:00Z'))).toBe(true)
    expect(isRecordedSameDay(new Date('2026-03-02T09:00:00Z'), new Date('2026-03-02T12:00:00Z'))).toBe(false)
  })
})

describe('properties', () => {
  const FROM = Date.UTC(2024, 0, 1)
  const TO = Date.UTC(2028, 11, 20)
  const instant = fc.integer({ min: FROM / 1000, max: TO / 1000 }).map((s) => new Date(s * 1000))
  const region = fc.constantFrom<string | null>(null, 'Wellington', 'Auckland', 'Southland', 'Canterbury')

  it('the week holds the instant, starts at Monday 00:00 NZ time, and the next week starts where it ends', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const week = reportWeek(at)
        expect(week.start.getTime()).toBeLessThanOrEqual(at.getTime())
        expect(at.getTime()).toBeLessThan(week.end.getTime())
        const start = nzLocalParts(week.start)
        expect([start.weekday, start.hour, start.minute, start.second]).toEqual([1, 0, 0, 0])
        expect(reportWeek(week.end).start.getTime()).toBe(week.end.getTime())
        expect(reportWeek(week.start)).toEqual(week)
        expect([167, 168, 169]).toContain((week.end.getTime() - week.start.getTime()) / 3_600_000)
      }),
      { numRuns: 500 },
    )
  })

  it('the report is due at 17:00 NZ time on a working day Monday to Wednesday after the week', () => {
    fc.assert(
      fc.property(instant, region, (at, r) => {
        const week = reportWeek(at)
        const due = reportDue(week, calendar, r)
        const p = nzLocalParts(due)
        expect([p.hour, p.minute]).toEqual([17, 0])
        expect([1, 2, 3]).toContain(p.weekday)
        expect(due.getTime()).toBeGreaterThan(week.end.getTime())
        const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
        expect(calendar.isHoliday(date, r)).toBe(false)
        // Tuesday or later only when Monday is a holiday there.
        const monday = reportWeek(week.end).monday
        expect(p.weekday === 1).toBe(!calendar.isHoliday(monday, r))
      }),
      { numRuns: 300 },
    )
  })

  it('status moves from due to overdue once, at the due instant, and a submission settles it', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 * 24 * 3600 }), (at, laterSeconds) => {
        const week = reportWeek(at)
        const now = new Date(at.getTime() + laterSeconds * 1000)
        const { status, dueAt } = reportStatus(week, now)
        expect(status).toBe(now.getTime() >= dueAt.getTime() ? 'overdue' : 'due')
        expect(reportStatus(week, now, at).status).toBe('submitted')
      }),
      { numRuns: 300 },
    )
  })
})
