import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isValidNhi, nhiCheckCharacter, nhiFormat } from './nhi'

// Test NHIs from the Ministry's published examples (the Z range is reserved for testing). New-format
// ones follow HISO 10046:2023 (mod 23): ZVU27KZ and ZZZ00AX, valid under the earlier mod-24 text,
// are not.
describe('isValidNhi', () => {
  it.each([
    'ZZZ0016',
    'ZZZ0024',
    'ZAA0067',
    'ZAA0075',
    'ZAA0083',
    'ZAA0091',
    'ZAA0105',
    'ZAA0113',
    'ZAC5361',
    'JBX3656',
    'WLD9413',
  ])('old format %s is valid', (nhi) => {
    expect(isValidNhi(nhi)).toBe(true)
    expect(nhiFormat(nhi)).toBe('old')
  })

  it.each([
    'ZBN77VL',
    'ZZZ00AC',
    'ZDR69YX',
    'ZSC21TN',
    'ZZB30NH',
    'ZYZ81ZV',
    'ZVB97XQ',
    'ZRA29VA',
    'ZYX61YS',
    'ZHW58CV',
  ])('new format %s is valid', (nhi) => {
    expect(isValidNhi(nhi)).toBe(true)
    expect(nhiFormat(nhi)).toBe('new')
  })

  it.each([
    ['ZZZ0044', 'old: the weighted sum is divisible by 11, so no check digit works'],
    ['ZZZ0017', 'old: wrong check digit'],
    ['JBX3650', 'old: needs 6'],
    ['DAB8233', 'old: wrong check digit'],
    ['ZZZ00AA', 'new: wrong check letter'],
    ['ZZZ00AY', 'new: wrong check letter'],
    ['ZVU27KY', 'new: wrong check letter'],
    ['ZVU27KZ', 'new: valid only under the superseded mod-24 routine'],
    ['ZZZ00AX', 'new: valid only under the superseded mod-24 routine'],
    ['ZHW58CN', 'new: valid only under the superseded mod-24 routine'],
    ['IAB1234', 'I is never used (it looks like 1)'],
    ['ZOA0016', 'O is never used (it looks like 0)'],
    ['ZZ0016', 'too short'],
    ['ZZZ00166', 'too long'],
    ['ZZZ 0016', 'a space is not part of the number'],
    ['123ABCD', 'digits first'],
    ['', 'empty'],
  ])('%s is not valid (%s)', (nhi) => {
    expect(isValidNhi(nhi)).toBe(false)
  })

  it('ignores case', () => {
    expect(isValidNhi('zac5361')).toBe(true)
    expect(isValidNhi('zBn77vL')).toBe(true)
  })

  it('no digit completes an old-format NHI whose sum is divisible by 11', () => {
    expect(nhiCheckCharacter('ZZZ004')).toBeNull()
    for (let d = 0; d <= 9; d++) expect(isValidNhi(`ZZZ004${d}`)).toBe(false)
  })

  it('nhiCheckCharacter gives the published check characters', () => {
    expect(nhiCheckCharacter('ZAC536')).toBe('1')
    expect(nhiCheckCharacter('JBX365')).toBe('6')
    expect(nhiCheckCharacter('ZBN77V')).toBe('L')
    expect(nhiCheckCharacter('ZZZ00A')).toBe('C')
    expect(nhiCheckCharacter('ZHW58C')).toBe('V')
    expect(nhiCheckCharacter('ZZZ00')).toBeNull()
    expect(nhiCheckCharacter('ZZZ0A6')).toBeNull()
  })
})

describe('properties', () => {
  const letter = fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ')
  const digit = fc.constantFrom(...'0123456789')
  const oldSix = fc.tuple(letter, letter, letter, digit, digit, digit).map((cs) => cs.join(''))
  const newSix = fc.tuple(letter, letter, letter, digit, digit, letter).map((cs) => cs.join(''))

  it('the computed check character makes a valid NHI, and every other one an invalid one', () => {
    fc.assert(
      fc.property(fc.oneof(oldSix, newSix), (six) => {
        const check = nhiCheckCharacter(six)
        const alphabet = /\d$/.test(six) ? '0123456789' : 'ABCDEFGHJKLMNPQRSTUVWXYZ'
        for (const c of alphabet) expect(isValidNhi(six + c)).toBe(c === check)
      }),
      { numRuns: 300 },
    )
  })

  it('new format: the check letter is never Z, and any one-character typo in the first six changes it', () => {
    // 23 is prime and every weight is below it, so changing one character changes the sum mod 23
    // unless the values differ by exactly 23 (only A and Z do).
    const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
    const value = (c: string) => (/\d/.test(c) ? Number(c) : letters.indexOf(c) + 1)
    fc.assert(
      fc.property(newSix, fc.integer({ min: 0, max: 5 }), (six, i) => {
        const check = nhiCheckCharacter(six) as string
        expect(check).not.toBe('Z')
        const alphabet = i === 3 || i === 4 ? '0123456789' : letters
        for (const c of alphabet) {
          const typo = six.slice(0, i) + c + six.slice(i + 1)
          const apart = Math.abs(value(c) - value(six[i] as string))
          if (typo !== six && apart !== 23) expect(nhiCheckCharacter(typo)).not.toBe(check)
        }
      }),
      { numRuns: 300 },
    )
  })
})
