import { describe, expect, it } from 'vitest'
import { formatDateTime, nzDateTimeLocalValue, withNzTimes } from './format'

const NOW = new Date('2026-10-27T00:00:00Z')

describe('NZ times', () => {
  it('writes an instant in New Zealand time, with the year only when it is not this year', () => {
    expect(formatDateTime('2026-10-27T21:00:00.000Z', NOW)).toBe('Wed, 28 Oct, 10:00 am')
    expect(formatDateTime('2027-01-05T03:30:00.000Z', NOW)).toBe('Tue, 5 Jan 2027, 4:30 pm')
    expect(formatDateTime('not a date', NOW)).toBe('not a date')
  })

  it('fills a datetime-local input with NZ wall-clock time, across daylight saving', () => {
    expect(nzDateTimeLocalValue(new Date('2026-10-27T21:05:00Z'))).toBe('2026-10-28T10:05') // NZDT, +13
    expect(nzDateTimeLocalValue(new Date('2026-06-01T00:00:00Z'))).toBe('2026-06-01T12:00') // NZST, +12
  })

  it('rewrites ISO instants inside API text', () => {
    expect(withNzTimes('Accept or decline it by 2026-10-27T21:00:00.000Z.', NOW)).toBe('Accept or decline it by Wed, 28 Oct, 10:00 am.')
  })
})
