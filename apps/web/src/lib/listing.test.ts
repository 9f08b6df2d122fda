import { describe, expect, it } from 'vitest'
import {
  accreditationStanding,
  ageRange,
  daysSince,
  formatClock,
  freshness,
  minutesOf,
  nzWeekdayOf,
  telHref,
  weeklyHours,
  type AccreditationLike,
} from './listing'

describe('weeklyHours', () => {
  it('lists Monday to Sunday, closed days empty, openings in time order', () => {
    const week = weeklyHours([
      { day: 'TU', opensAt: '13:00', closesAt: '16:00' },
      { day: 'MO', opensAt: '09:00', closesAt: '17:00' },
      { day: 'TU', opensAt: '08:30', closesAt: '12:00' },
    ])
    expect(week.map((d) => d.weekday)).toEqual(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'])
    expect(week[1]!.openings).toEqual([
      { opensAt: '08:30', closesAt: '12:00' },
      { opensAt: '13:00', closesAt: '16:00' },
    ])
    expect(week[6]!.openings).toEqual([])
  })
})

describe('times of day', () => {
  it.each([
    ['08:30', '8:30 am'],
    ['12:00', '12:00 pm'],
    ['17:05', '5:05 pm'],
    ['00:00', '12:00 am'],
  ])('%s reads as %s', (time, text) => expect(formatClock(time)).toBe(text))

  it('reads only 24-hour times', () => {
    expect(minutesOf('8:30')).toBeNull()
    expect(minutesOf('25:00')).toBeNull()
    expect(minutesOf('24:00')).toBe(1440)
    expect(formatClock('soon')).toBe('soon')
  })
})

describe('New Zealand days', () => {
  it('counts calendar days in New Zealand, not UTC', () => {
    // 9 pm NZDT on 31 March is 08:00 UTC the same day; 9 am NZDT on 1 April is 20:00 UTC on 31 March.
    expect(daysSince('2026-03-31T08:00:00Z', new Date('2026-03-31T20:00:00Z'))).toBe(1)
    expect(daysSince('2026-03-31T08:00:00Z', new Date('2026-03-31T09:00:00Z'))).toBe(0)
    expect(daysSince(null, new Date())).toBeNull()
  })

  it('knows the weekday in New Zealand', () => {
    // Sunday 22:00 UTC is Monday morning in Auckland.
    expect(nzWeekdayOf(new Date('2026-05-10T22:00:00Z'))).toBe('MO')
  })

  it('flags a listing not verified within the threshold, or never verified', () => {
    const now = new Date('2026-06-30T00:00:00Z')
    expect(freshness('2026-06-01T00:00:00Z', now, 90)).toEqual({ days: 29, stale: false })
    expect(freshness('2026-01-01T00:00:00Z', now, 90).stale).toBe(true)
    expect(freshness(null, now, 90)).toEqual({ days: null, stale: true })
  })
})

describe('accreditationStanding', () => {
  const now = new Date('2026-06-30T00:00:00Z')
  const a = (over: Partial<AccreditationLike>): AccreditationLike => ({
    scheme: 'MSD_SSAS',
    level: 3,
    status: 'ACTIVE',
    validFrom: '2024-01-01T00:00:00Z',
    validTo: '2027-01-01T00:00:00Z',
    ...over,
  })

  it.each([
    [{}, 'CURRENT'],
    [{ validTo: null }, 'CURRENT'],
    [{ status: 'PROVISIONAL' as const }, 'PROVISIONAL'],
    [{ validTo: '2026-06-29T23:59:59Z' }, 'EXPIRED'],
    [{ validTo: '2026-06-30T00:00:00Z' }, 'EXPIRED'],
    [{ status: 'SUSPENDED' as const }, 'SUSPENDED'],
    [{ status: 'REVOKED' as const, validTo: '2020-01-01T00:00:00Z' }, 'REVOKED'],
    [{ validFrom: '2026-07-01T00:00:00Z' }, 'NOT_YET_VALID'],
  ])('%o is %s', (over, standing) => expect(accreditationStanding(a(over), now)).toBe(standing))
})

describe('telHref', () => {
  it.each([
    ['04 123 4567', null, 'tel:+6441234567'],
    ['021 555 0199', null, 'tel:+64215550199'],
    ['(09) 300-1234', '12', 'tel:+6493001234;ext=12'],
    ['+64 4 123 4567', null, 'tel:+6441234567'],
    ['0800 543 354', null, 'tel:0800543354'],
    ['0508 828 865', null, 'tel:0508828865'],
    ['111', null, 'tel:111'],
    ['0061 2 9999 0000', null, 'tel:+61299990000'],
  ])('%s dials %s', (number, ext, href) => expect(telHref(number, ext)).toBe(href))

  it('gives no link for nothing to dial', () => expect(telHref('n/a')).toBeNull())
})

describe('ageRange', () => {
  it('says who the ages allow', () => {
    expect(ageRange(null, null)).toEqual({ kind: 'any' })
    expect(ageRange(16, 24)).toEqual({ kind: 'between', min: 16, max: 24 })
    expect(ageRange(65, null)).toEqual({ kind: 'from', min: 65 })
    expect(ageRange(null, 17)).toEqual({ kind: 'upTo', max: 17 })
  })
})
