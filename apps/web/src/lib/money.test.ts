import { describe, expect, it } from 'vitest'
import { centsToDollars, dollarsToCents } from './money'

describe('money', () => {
  it('reads dollars as whole cents', () => {
    expect(dollarsToCents('60')).toBe(6000)
    expect(dollarsToCents('$1,234.5')).toBe(123450)
    expect(dollarsToCents('0.07')).toBe(7)
    expect(dollarsToCents('1.234')).toBeNull()
    expect(dollarsToCents('-5')).toBeNull()
    expect(dollarsToCents('')).toBeNull()
  })
  it('writes cents as dollars exactly', () => {
    expect(centsToDollars(540000)).toBe('$5,400.00')
    expect(centsToDollars(7)).toBe('$0.07')
    expect(centsToDollars(-12345)).toBe('-$123.45')
  })
})
