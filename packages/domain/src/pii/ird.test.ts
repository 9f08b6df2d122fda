import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IRD_NUMBER_RANGE, irdCheckDigit, isValidIrdNumber } from './ird'

describe('isValidIrdNumber', () => {
  it.each([
    ['49091850', "Inland Revenue's worked example, eight digits"],
    ['35901981', 'eight digits'],
    ['49098576', 'eight digits'],
    ['136410132', 'nine digits'],
    ['49-091-850', 'with dashes'],
    ['049-091-850', 'with the leading zero and dashes'],
    ['049 091 850', 'with spaces'],
    ['136-410-132', 'nine digits with dashes'],
    ['10000191', 'needs the secondary weights (the primary ones give 10)'],
  ])('%s is valid (%s)', (ird) => {
    expect(isValidIrdNumber(ird)).toBe(true)
  })

  it.each([
    ['136410133', 'wrong check digit'],
    ['49091851', 'wrong check digit'],
    ['9125568', 'seven digits: below the range'],
    ['09999999', 'below 10-000-000'],
    ['150000001', 'above 150-000-000'],
    ['10000190', 'wrong check digit after the secondary weights'],
    ['10000050', 'base 1000005 gives 10 with both weightings: no check digit exists'],
    ['4909185O', 'a letter O'],
    ['1234567890', 'ten digits'],
    ['', 'empty'],
  ])('%s is not valid (%s)', (ird) => {
    expect(isValidIrdNumber(ird)).toBe(false)
  })

  it('irdCheckDigit gives the check digit, or null where there is none', () => {
    expect(irdCheckDigit('4909185')).toBe(0)
    expect(irdCheckDigit('13641013')).toBe(2)
    expect(irdCheckDigit('1000019')).toBe(1)
    expect(irdCheckDigit('1000005')).toBeNull()
    expect(irdCheckDigit('123')).toBeNull()
  })
})

describe('properties', () => {
  const base = fc.integer({ min: IRD_NUMBER_RANGE.min / 10, max: IRD_NUMBER_RANGE.max / 10 - 1 })

  it('a base and its check digit make a valid number; any other last digit does not', () => {
    fc.assert(
      fc.property(base, (b) => {
        const check = irdCheckDigit(String(b))
        for (let d = 0; d <= 9; d++) expect(isValidIrdNumber(`${b}${d}`)).toBe(d === check)
      }),
      { numRuns: 500 },
    )
  })

  it('dashes, spaces and a leading zero do not change the answer', () => {
    fc.assert(
      fc.property(base, fc.integer({ min: 0, max: 9 }), (b, d) => {
        const n = `${b}${d}`.padStart(9, '0')
        const expected = isValidIrdNumber(n)
        expect(isValidIrdNumber(`${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`)).toBe(expected)
        expect(isValidIrdNumber(`${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`)).toBe(expected)
        expect(isValidIrdNumber(n.replace(/^0/, ''))).toBe(expected)
      }),
      { numRuns: 300 },
    )
  })
})
