import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  formatNzDate,
  formatNzDateTime,
  formatNzLocal,
  fromNzLocal,
  nzDateOf,
  nzLocalParts,
  nzOffsetMs,
  nzWallClockToUtc,
} from './nz-time'

const HOUR = 3_600_000

describe('New Zealand wall-clock time', () => {
  it.each([
    ['2026-10-23 16:00', '2026-10-23T03:00:00.000Z', 'Fri 2026-10-23 16:00 NZDT'],
    ['2026-07-10 09:00', '2026-07-09T21:00:00.000Z', 'Fri 2026-07-10 09:00 NZST'],
    ['2027-01-01 00:00', '2026-12-31T11:00:00.000Z', 'Fri 2027-01-01 00:00 NZDT'],
    // Daylight saving starts at 2am on the last Sunday of September: 1:59 NZST, then 3:00 NZDT.
    ['2026-09-27 01:59', '2026-09-26T13:59:00.000Z', 'Sun 2026-09-27 01:59 NZST'],
    ['2026-09-27 03:00', '2026-09-26T14:00:00.000Z', 'Sun 2026-09-27 03:00 NZDT'],
    // It ends at 3am on the first Sunday of April: 2:00-2:59 happens twice; NZDT first by default.
    ['2026-04-05 02:30', '2026-04-04T13:30:00.000Z', 'Sun 2026-04-05 02:30 NZDT'],
    ['2026-04-05 02:30 NZST', '2026-04-04T14:30:00.000Z', 'Sun 2026-04-05 02:30 NZST'],
    ['2026-04-05 03:00', '2026-04-04T15:00:00.000Z', 'Sun 2026-04-05 03:00 NZST'],
    ['2026-03-02 07:59:59', '2026-03-01T18:59:59.000Z', 'Mon 2026-03-02 07:59:59 NZDT'],
  ])('%s is %s', (local, utc, formatted) => {
    const at = fromNzLocal(local)
    expect(at.toISOString()).toBe(utc)
    expect(formatNzLocal(at)).toBe(formatted)
  })

  it.each([
    ['2026-09-27 02:30', /does not exist in New Zealand/],
    ['2026-02-30 10:00', /not a calendar date/],
    ['2026-03-02 9:00', /expected "YYYY-MM-DD HH:mm"/],
    ['2026-03-02 10:00 NZST', /not on NZST/],
  ])('refuses %s', (local, message) => {
    expect(() => fromNzLocal(local)).toThrow(message)
  })

  it('reads offsets of 13 hours in summer and 12 in winter', () => {
    expect(nzOffsetMs(new Date('2026-01-15T00:00:00Z'))).toBe(13 * HOUR)
    expect(nzOffsetMs(new Date('2026-07-15T00:00:00Z'))).toBe(12 * HOUR)
  })

  it('gives the New Zealand date, which is a day ahead of UTC in the evening UTC', () => {
    expect(nzDateOf(new Date('2026-03-01T11:00:00Z'))).toBe('2026-03-02')
    expect(nzLocalParts(new Date('2026-03-01T11:00:00Z'))).toMatchObject({ day: 2, hour: 0, weekday: 1 })
  })

  it('writes dates and times as people in Aotearoa do', () => {
    expect(formatNzDate(new Date('2026-08-31T12:00:00Z'))).toBe('1 September 2026')
    expect(formatNzDateTime(fromNzLocal('2026-03-02 21:00'))).toBe('Mon, 2 Mar 2026, 9:00 pm')
    expect(() => formatNzDate(new Date(NaN))).toThrow(RangeError)
  })

  it('round-trips every instant through its wall-clock reading', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2024, 0, 1) / 1000, max: Date.UTC(2029, 0, 1) / 1000 }), (s) => {
        const at = new Date(s * 1000)
        const p = nzLocalParts(at)
        const prefer = nzOffsetMs(at) === 13 * HOUR ? 'NZDT' : 'NZST'
        expect(nzWallClockToUtc(p, p, prefer).getTime()).toBe(at.getTime())
      }),
      { numRuns: 300 },
    )
  })
})
