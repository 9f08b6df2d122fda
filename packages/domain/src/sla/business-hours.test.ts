import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  BUSINESS_DAY,
  NZ_REGION_NAMES,
  RESPONSE_SLA_BUSINESS_HOURS,
  addBusinessHours,
  businessHoursBetween,
  createHolidayCalendar,
  isBusinessTime,
  nextBusinessOpening,
  respondBy,
} from './business-hours'
import { formatNzLocal, fromNzLocal } from './nz-time'

const calendar = createHolidayCalendar()
const at = (region: string | null) => ({ region, calendar })
const nz = fromNzLocal
const due = (sent: string, region: string | null) => formatNzLocal(respondBy(nz(sent), at(region)))

describe('constants', () => {
  it('are the guideline numbers', () => {
    expect(RESPONSE_SLA_BUSINESS_HOURS).toBe(12)
    expect(BUSINESS_DAY).toEqual({ opens: 8, closes: 17 })
  })
})

describe('respondBy: 12 business hours, 8am-5pm Monday to Friday, Pacific/Auckland', () => {
  it.each([
    // [what, sent (NZ local), region, due (NZ local)]
    [
      'Labour Day: 1 h Friday, Monday off, 9 h Tuesday, 2 h Wednesday',
      '2026-10-23 16:00',
      'Wellington',
      'Wed 2026-10-28 10:00 NZDT',
    ],
    [
      'sent on a regional holiday (Hawke’s Bay Anniversary Day) starts the next business morning',
      '2026-10-23 16:00',
      "Hawke's Bay",
      'Wed 2026-10-28 11:00 NZDT',
    ],
    [
      'Easter: Good Friday and Easter Monday skipped, clocks go back on Easter Sunday',
      '2026-04-02 16:00',
      'Wellington',
      'Wed 2026-04-08 10:00 NZST',
    ],
    [
      'Easter in Southland also skips Easter Tuesday (Southland Anniversary Day)',
      '2026-04-02 16:00',
      'Southland',
      'Thu 2026-04-09 10:00 NZST',
    ],
    ['Matariki (Friday 10 July 2026)', '2026-07-09 12:00', 'Wellington', 'Mon 2026-07-13 15:00 NZST'],
    ['Matariki (Friday 20 June 2025)', '2025-06-19 16:30', 'Auckland', 'Tue 2025-06-24 10:30 NZST'],
    [
      'Anzac Day on a Saturday is observed on Monday 27 April 2026',
      '2026-04-24 16:00',
      'Wellington',
      'Wed 2026-04-29 10:00 NZST',
    ],
    [
      'Boxing Day on a Saturday is observed on Monday 28 December 2026',
      '2026-12-24 16:00',
      'Wellington',
      'Wed 2026-12-30 10:00 NZDT',
    ],
    [
      'Christmas and Boxing Day on a weekend are observed Monday 27 and Tuesday 28 December 2027',
      '2027-12-24 16:00',
      'Wellington',
      'Thu 2027-12-30 10:00 NZDT',
    ],
    [
      'year boundary: New Year’s Day Friday, 2 January (a Saturday) observed Monday 4 January 2027',
      '2026-12-31 10:00',
      'Wellington',
      'Tue 2027-01-05 13:00 NZDT',
    ],
    [
      'year boundary: 1 and 2 January 2028 on a weekend are observed Monday 3 and Tuesday 4 January',
      '2027-12-31 10:00',
      'Auckland',
      'Wed 2028-01-05 13:00 NZDT',
    ],
    [
      'Waitangi Day on a Saturday is observed on Monday 8 February 2027',
      '2027-02-05 15:00',
      'Canterbury',
      'Wed 2027-02-10 09:00 NZDT',
    ],
    [
      'daylight saving ends (first Sunday of April): due in NZST',
      '2027-04-02 16:00',
      'Wellington',
      'Tue 2027-04-06 10:00 NZST',
    ],
    [
      'daylight saving starts (last Sunday of September): due in NZDT',
      '2026-09-25 15:00',
      'Wellington',
      'Tue 2026-09-29 09:00 NZDT',
    ],
    [
      'daylight saving starts; Christchurch keeps Show Day, not South Canterbury Anniversary Day',
      '2026-09-25 15:00',
      'Canterbury',
      'Tue 2026-09-29 09:00 NZDT',
    ],
    [
      'sent exactly at 08:00: the whole day counts',
      '2026-03-02 08:00',
      'Wellington',
      'Tue 2026-03-03 11:00 NZDT',
    ],
    [
      'sent exactly at 17:00: nothing counts until 08:00 next day',
      '2026-03-02 17:00',
      'Wellington',
      'Wed 2026-03-04 11:00 NZDT',
    ],
    ['sent a minute before closing', '2026-03-02 16:59', 'Wellington', 'Wed 2026-03-04 10:59 NZDT'],
    ['sent before opening', '2026-03-02 06:30', 'Wellington', 'Tue 2026-03-03 11:00 NZDT'],
    ['sent on a Saturday night', '2026-03-07 22:00', 'Wellington', 'Tue 2026-03-10 11:00 NZDT'],
    [
      'sent on a Saturday night before Taranaki Anniversary Day',
      '2026-03-07 22:00',
      'Taranaki',
      'Wed 2026-03-11 11:00 NZDT',
    ],
    [
      'ending exactly at closing stays at 17:00',
      '2026-03-03 14:00',
      'Wellington',
      'Wed 2026-03-04 17:00 NZDT',
    ],
    ['no region: national holidays only (Labour Day)', '2026-10-23 16:00', null, 'Wed 2026-10-28 10:00 NZDT'],
  ])('%s', (_what, sent, region, expected) => {
    expect(due(sent, region)).toBe(expected)
  })

  it('gives Wellington and Auckland different deadlines for the same referral (anniversary days)', () => {
    // 2027: Wellington Anniversary Day is Monday 25 January, Auckland's is Monday 1 February.
    expect(due('2027-01-22 16:00', 'Wellington')).toBe('Wed 2027-01-27 10:00 NZDT')
    expect(due('2027-01-22 16:00', 'Auckland')).toBe('Tue 2027-01-26 10:00 NZDT')
    expect(due('2027-01-29 16:00', 'Wellington')).toBe('Tue 2027-02-02 10:00 NZDT')
    expect(due('2027-01-29 16:00', 'Auckland')).toBe('Wed 2027-02-03 10:00 NZDT')
    // Manawatū-Whanganui keeps Wellington's day; Northland keeps Auckland's.
    expect(due('2027-01-22 16:00', 'Manawatū-Whanganui')).toBe('Wed 2027-01-27 10:00 NZDT')
    expect(due('2027-01-29 16:00', 'Northland')).toBe('Wed 2027-02-03 10:00 NZDT')
  })

  it('returns UTC instants: 10:00 NZDT is 21:00 UTC the day before', () => {
    expect(respondBy(new Date('2026-10-23T03:00:00Z'), at('Wellington')).toISOString()).toBe(
      '2026-10-27T21:00:00.000Z',
    )
  })
})

describe('isBusinessTime', () => {
  it.each([
    ['2026-03-02 08:00', 'Wellington', true],
    ['2026-03-02 07:59:59', 'Wellington', false],
    ['2026-03-02 12:00', 'Wellington', true],
    ['2026-03-02 16:59:59', 'Wellington', true],
    ['2026-03-02 17:00', 'Wellington', false],
    ['2026-03-07 10:00', 'Wellington', false],
    ['2026-03-08 10:00', 'Wellington', false],
    ['2026-10-26 10:00', 'Wellington', false],
    ['2026-10-26 10:00', 'Auckland', false],
    ['2026-01-19 10:00', 'Wellington', false],
    ['2026-01-19 10:00', 'Auckland', true],
    ['2026-01-26 10:00', 'Wellington', true],
    ['2026-01-26 10:00', 'Auckland', false],
    ['2026-01-26 10:00', null, true],
    ['2026-07-10 10:00', 'Otago', false],
    ['2026-04-07 10:00', 'Southland', false],
    ['2026-04-07 10:00', 'Otago', true],
  ] as const)('%s in %s: %s', (time, region, expected) => {
    expect(isBusinessTime(nz(time), at(region))).toBe(expected)
  })

  it('reads the NZ clock, not UTC: 09:00 NZDT Monday is 20:00 UTC Sunday', () => {
    expect(isBusinessTime(new Date('2026-03-01T20:00:00Z'), at('Wellington'))).toBe(true)
    expect(isBusinessTime(new Date('2026-03-02T05:00:00Z'), at('Wellington'))).toBe(false)
  })
})

describe('nextBusinessOpening', () => {
  it.each([
    ['during business hours: now', '2026-03-02 10:30', 'Wellington', 'Mon 2026-03-02 10:30 NZDT'],
    ['at opening: now', '2026-03-02 08:00', 'Wellington', 'Mon 2026-03-02 08:00 NZDT'],
    ['before opening: 08:00 today', '2026-03-02 06:00', 'Wellington', 'Mon 2026-03-02 08:00 NZDT'],
    ['at closing: 08:00 next day', '2026-03-02 17:00', 'Wellington', 'Tue 2026-03-03 08:00 NZDT'],
    ['Friday evening: Monday', '2026-03-06 18:00', 'Wellington', 'Mon 2026-03-09 08:00 NZDT'],
    [
      'Friday evening before Taranaki Anniversary Day',
      '2026-03-06 18:00',
      'Taranaki',
      'Tue 2026-03-10 08:00 NZDT',
    ],
    [
      'Easter weekend, across the end of daylight saving',
      '2026-04-02 18:00',
      null,
      'Tue 2026-04-07 08:00 NZST',
    ],
    ['Christmas Eve evening 2027', '2027-12-24 18:00', 'Wellington', 'Wed 2027-12-29 08:00 NZDT'],
  ])('%s', (_what, time, region, expected) => {
    expect(formatNzLocal(nextBusinessOpening(nz(time), at(region)))).toBe(expected)
  })
})

describe('addBusinessHours', () => {
  it.each([
    ['2026-03-02 10:00', 0, 'Mon 2026-03-02 10:00 NZDT'],
    ['2026-03-07 10:00', 0, 'Mon 2026-03-09 08:00 NZDT'],
    ['2026-03-02 10:00', 0.5, 'Mon 2026-03-02 10:30 NZDT'],
    ['2026-03-02 10:00', 7, 'Mon 2026-03-02 17:00 NZDT'],
    ['2026-03-02 10:00', 7.25, 'Tue 2026-03-03 08:15 NZDT'],
    ['2026-03-02 08:00', 45, 'Fri 2026-03-06 17:00 NZDT'],
    ['2026-03-02 08:00', 45 + 1 / 60, 'Mon 2026-03-09 08:01 NZDT'],
    ['2026-03-02 08:00', 1 / 3_600_000, 'Mon 2026-03-02 08:00:00.001 NZDT'],
  ])('%s + %s h = %s', (start, hours, expected) => {
    expect(formatNzLocal(addBusinessHours(nz(start), hours, at('Wellington')))).toBe(expected)
  })

  it('refuses negative, infinite or NaN hours and invalid dates', () => {
    const opts = at('Wellington')
    expect(() => addBusinessHours(nz('2026-03-02 10:00'), -1, opts)).toThrow(RangeError)
    expect(() => addBusinessHours(nz('2026-03-02 10:00'), Infinity, opts)).toThrow(RangeError)
    expect(() => addBusinessHours(nz('2026-03-02 10:00'), NaN, opts)).toThrow(RangeError)
    expect(() => addBusinessHours(new Date(NaN), 1, opts)).toThrow(RangeError)
  })

  it('refuses a region it does not know, such as an id or code passed by mistake', () => {
    expect(() => respondBy(nz('2026-03-02 10:00'), at('09'))).toThrow(/unknown region "09"/)
    expect(() => isBusinessTime(nz('2026-03-07 10:00'), at('wellington'))).toThrow(RangeError)
    expect(() => businessHoursBetween(nz('2026-03-02 10:00'), nz('2026-03-02 11:00'), at('NZ-WGN'))).toThrow(
      RangeError,
    )
  })

  it('accepts the Chatham Islands, which the holiday data names', () => {
    expect(isBusinessTime(nz('2026-11-30 10:00'), at('Chatham Islands'))).toBe(false)
    expect(isBusinessTime(nz('2026-11-30 10:00'), at('Wellington'))).toBe(true)
  })

  it('uses the default NZ calendar when none is given, and a custom one when it is', () => {
    expect(formatNzLocal(respondBy(nz('2026-10-23 16:00'), { region: 'Wellington' }))).toBe(
      'Wed 2026-10-28 10:00 NZDT',
    )
    const noHolidays = createHolidayCalendar([])
    expect(
      formatNzLocal(respondBy(nz('2026-10-23 16:00'), { region: 'Wellington', calendar: noHolidays })),
    ).toBe('Tue 2026-10-27 10:00 NZDT')
    expect(noHolidays.firstDate).toBeNull()
    // The rule calendar knows every year the law fixes (Matariki's schedule, 2022-2052).
    expect(calendar.firstDate).toBe('2022-01-01')
    expect(calendar.lastDate).toBe('2052-12-31')
  })

  it('stops the clock on South Canterbury Anniversary Day in Timaru, Mackenzie and Waimate only', () => {
    const sent = nz('2026-09-25 15:00')
    for (const ta of ['Timaru District', 'Mackenzie District', 'Waimate District']) {
      expect(formatNzLocal(respondBy(sent, { region: 'Canterbury', territorialAuthority: ta }))).toBe(
        'Wed 2026-09-30 09:00 NZDT',
      )
    }
    expect(
      formatNzLocal(respondBy(sent, { region: 'Canterbury', territorialAuthority: 'Christchurch City' })),
    ).toBe('Tue 2026-09-29 09:00 NZDT')
    // Show Day (13 November 2026) stops Christchurch's clock, not Timaru's.
    const beforeShowDay = nz('2026-11-12 15:00')
    expect(
      formatNzLocal(respondBy(beforeShowDay, { region: 'Canterbury', territorialAuthority: 'Christchurch City' })),
    ).toBe('Tue 2026-11-17 09:00 NZDT') // Thu 2 h, Fri holiday, Mon 9 h, Tue 1 h
    expect(
      formatNzLocal(respondBy(beforeShowDay, { region: 'Canterbury', territorialAuthority: 'Timaru District' })),
    ).toBe('Mon 2026-11-16 09:00 NZDT') // Thu 2 h, Fri 9 h, Mon 1 h
  })

  it('counts Christmas as a holiday after 2028, and refuses a year the law has not fixed', () => {
    // 24 December 2030 is a Tuesday: Christmas (Wed) and Boxing Day (Thu) stop the clock.
    // Tue 1 h, Fri 9 h, Mon 2 h.
    expect(formatNzLocal(respondBy(nz('2030-12-24 16:00'), { region: 'Wellington' }))).toBe(
      'Mon 2030-12-30 10:00 NZDT',
    )
    expect(() => respondBy(nz('2052-12-31 16:00'), { region: 'Wellington' })).toThrow(/2053/)
    expect(() => respondBy(nz('2021-06-01 10:00'), { region: 'Wellington' })).toThrow(/2021/)
  })
})

describe('businessHoursBetween', () => {
  it.each([
    ['same instant', '2026-03-02 10:00', '2026-03-02 10:00', 0],
    ['within a day', '2026-03-02 10:00', '2026-03-02 12:30', 2.5],
    ['a whole weekend', '2026-03-06 17:00', '2026-03-09 08:00', 0],
    ['a working week', '2026-03-02 00:00', '2026-03-08 23:59', 45],
    ['Labour Day weekend', '2026-10-23 16:00', '2026-10-28 10:00', 12],
    ['Christmas to the new year', '2026-12-24 08:00', '2027-01-05 17:00', 45],
    ['across the end of daylight saving', '2027-04-02 16:00', '2027-04-06 10:00', 12],
    ['across the start of daylight saving', '2026-09-25 15:00', '2026-09-29 09:00', 12],
    ['backwards is negative', '2026-03-02 12:30', '2026-03-02 10:00', -2.5],
  ])('%s', (_what, from, to, hours) => {
    expect(businessHoursBetween(nz(from), nz(to), at('Wellington'))).toBe(hours)
  })

  it('does not count the extra or missing wall-clock hour of a daylight-saving night', () => {
    // 25 hours of wall clock pass between Saturday and Monday 08:00 when clocks go back; none count.
    expect(businessHoursBetween(nz('2027-04-03 08:00'), nz('2027-04-05 08:00'), at(null))).toBe(0)
    expect(nz('2027-04-05 08:00').getTime() - nz('2027-04-03 08:00').getTime()).toBe(49 * 3_600_000)
  })
})

describe('properties', () => {
  // Start times anywhere in the holiday data (2024-2028) and any region, to the minute.
  const FROM = Date.UTC(2024, 0, 1)
  const TO = Date.UTC(2028, 10, 30)
  const arbStart = fc.integer({ min: FROM / 60_000, max: TO / 60_000 }).map((m) => new Date(m * 60_000))
  const arbRegion = fc.constantFrom<string | null>(null, ...NZ_REGION_NAMES)
  const arbMinutes = fc.integer({ min: 0, max: 120 * 60 })

  it('addBusinessHours then businessHoursBetween gives back the hours', () => {
    fc.assert(
      fc.property(arbStart, arbMinutes, arbRegion, (start, minutes, region) => {
        const hours = minutes / 60
        const end = addBusinessHours(start, hours, at(region))
        expect(businessHoursBetween(start, end, at(region))).toBe(hours)
      }),
      { numRuns: 300 },
    )
  })

  it('lands inside business time, or exactly at closing', () => {
    fc.assert(
      fc.property(arbStart, arbMinutes, arbRegion, (start, minutes, region) => {
        const end = addBusinessHours(start, minutes / 60, at(region))
        const atClosing =
          formatNzLocal(end).slice(15, 20) === '17:00' &&
          isBusinessTime(new Date(end.getTime() - 1), at(region))
        expect(isBusinessTime(end, at(region)) || atClosing).toBe(true)
        expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime())
      }),
      { numRuns: 300 },
    )
  })

  it('is monotonic in the hours added', () => {
    fc.assert(
      fc.property(arbStart, arbMinutes, arbMinutes, arbRegion, (start, a, b, region) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        const early = addBusinessHours(start, lo / 60, at(region))
        const late = addBusinessHours(start, hi / 60, at(region))
        expect(early.getTime()).toBeLessThanOrEqual(late.getTime())
      }),
      { numRuns: 300 },
    )
  })

  it('adds up: hours from a to b plus b to c are the hours from a to c', () => {
    fc.assert(
      fc.property(arbStart, arbStart, arbStart, arbRegion, (a, b, c, region) => {
        const ab = businessHoursBetween(a, b, at(region))
        const bc = businessHoursBetween(b, c, at(region))
        const ac = businessHoursBetween(a, c, at(region))
        expect(ab + bc).toBeCloseTo(ac, 6)
      }),
      { numRuns: 40 },
    )
  })

  it('respondBy is never earlier than 12 wall-clock hours after sending', () => {
    fc.assert(
      fc.property(arbStart, arbRegion, (sent, region) => {
        const dueAt = respondBy(sent, at(region))
        expect(dueAt.getTime() - sent.getTime()).toBeGreaterThanOrEqual(12 * 3_600_000)
        expect(businessHoursBetween(sent, dueAt, at(region))).toBe(12)
      }),
      { numRuns: 200 },
    )
  })
})
