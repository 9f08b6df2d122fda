import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromNzLocal } from '../sla/nz-time'
import { AGE_BANDS, ageBand, ageOn } from './age-band'

const nz = fromNzLocal

describe('ageBand', () => {
  it.each([
    ['born today', '2026-03-02', '2026-03-02 10:00', '0-4'],
    ['the day before the 5th birthday', '2021-03-03', '2026-03-02 10:00', '0-4'],
    ['on the 5th birthday', '2021-03-02', '2026-03-02 00:00', '5-12'],
    ['12, the day before 13', '2013-03-03', '2026-03-02 10:00', '5-12'],
    ['13', '2013-03-02', '2026-03-02 10:00', '13-17'],
    ['17, the day before 18', '2008-03-03', '2026-03-02 10:00', '13-17'],
    ['18', '2008-03-02', '2026-03-02 10:00', '18-24'],
    ['24', '2001-03-03', '2026-03-02 10:00', '18-24'],
    ['25', '2001-03-02', '2026-03-02 10:00', '25-39'],
    ['39', '1986-03-03', '2026-03-02 10:00', '25-39'],
    ['40', '1986-03-02', '2026-03-02 10:00', '40-64'],
    ['64', '1961-03-03', '2026-03-02 10:00', '40-64'],
    ['65, NZ Super age', '1961-03-02', '2026-03-02 10:00', '65+'],
    ['101', '1925-01-01', '2026-03-02 10:00', '65+'],
  ])('%s', (_what, dob, at, band) => {
    expect(ageBand(dob, nz(at))).toBe(band)
  })

  it('takes the NZ date of the instant: 00:30 NZDT on the 18th birthday is still 11:30 UTC the day before', () => {
    const at = new Date('2026-03-01T11:30:00Z') // Mon 2 March 2026 00:30 NZDT
    expect(ageBand('2008-03-02', at)).toBe('18-24')
  })

  it('someone born on 29 February is a year older on 1 March in other years', () => {
    expect(ageOn('2008-02-29', nz('2026-02-28 12:00'))).toBe(17)
    expect(ageOn('2008-02-29', nz('2026-03-01 00:00'))).toBe(18)
    expect(ageOn('2008-02-29', nz('2028-02-29 00:00'))).toBe(20)
  })

  it('reads a Date as the calendar date Prisma returns for @db.Date (UTC midnight)', () => {
    expect(ageBand(new Date('2008-03-02T00:00:00Z'), nz('2026-03-02 10:00'))).toBe('18-24')
    expect(ageBand(new Date('2008-03-03T00:00:00Z'), nz('2026-03-02 10:00'))).toBe('13-17')
  })

  it('is "unknown" with no date of birth, and refuses a bad or future one', () => {
    expect(ageBand(null, nz('2026-03-02 10:00'))).toBe('unknown')
    expect(ageBand(undefined, nz('2026-03-02 10:00'))).toBe('unknown')
    expect(() => ageBand('2026-03-03', nz('2026-03-02 10:00'))).toThrow(/after the date/)
    expect(() => ageBand('2026-02-30', nz('2026-03-02 10:00'))).toThrow(RangeError)
    expect(() => ageBand('02/03/2008', nz('2026-03-02 10:00'))).toThrow(RangeError)
    expect(() => ageBand(new Date(Number.NaN), nz('2026-03-02 10:00'))).toThrow(RangeError)
  })
})

describe('the bands', () => {
  it('cover every age from 0 up, once each, in order', () => {
    let next = 0
    for (const band of AGE_BANDS) {
      expect(band.min).toBe(next)
      expect(band.label).toBe(band.max === null ? `${band.min}+` : `${band.min}-${band.max}`)
      next = band.max === null ? Infinity : band.max + 1
    }
    expect(next).toBe(Infinity)
  })

  it('property: the band holds the age, and age never goes down as time passes', () => {
    const day = fc.integer({ min: Date.UTC(1910, 0, 1) / 86_400_000, max: Date.UTC(2026, 0, 1) / 86_400_000 })
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 400 }),
        (born, days, more) => {
          const dob = new Date(born * 86_400_000)
          const at = new Date((born + days) * 86_400_000 + 12 * 3_600_000)
          const later = new Date(at.getTime() + more * 86_400_000)
          const age = ageOn(dob, at)
          const band = AGE_BANDS.find((b) => b.label === ageBand(dob, at))
          expect(band).toBeDefined()
          expect(age).toBeGreaterThanOrEqual(band?.min ?? Infinity)
          expect(band?.max === null || age <= (band?.max ?? -1)).toBe(true)
          expect(ageOn(dob, later)).toBeGreaterThanOrEqual(age)
          expect(ageOn(dob, later) - age).toBeLessThanOrEqual(Math.ceil(more / 365) + 1)
        },
      ),
      { numRuns: 500 },
    )
  })
})
