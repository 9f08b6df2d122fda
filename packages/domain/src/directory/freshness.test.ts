import { describe, expect, it } from 'vitest'
import { listingFreshness } from './freshness'

const DAY = 86_400_000
const NOW = new Date('2026-11-22T20:00:00Z')
const ago = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY - ms)

describe('listingFreshness (180 days, as search/settings.json says)', () => {
  it.each([
    ['verified just now', ago(0), false, 0],
    ['verified yesterday', ago(1), false, 1],
    ['179 days ago', ago(179), false, 179],
    ['exactly 180 days ago: still current (the search engines cut off the same way)', ago(180), false, 180],
    ['180 days and a millisecond', ago(180, 1), true, 180],
    ['181 days ago', ago(181), true, 181],
    ['two years ago', ago(730), true, 730],
    ['half a day ago counts as today', ago(0, DAY / 2), false, 0],
    ['stamped a minute ahead of this clock', new Date(NOW.getTime() + 60_000), false, 0],
  ])('%s', (_case, lastVerifiedAt, stale, days) => {
    const f = listingFreshness(lastVerifiedAt, NOW, 180)
    expect(f.stale).toBe(stale)
    expect(f.daysSinceVerified).toBe(days)
    expect(f.verifyBy).toEqual(new Date(lastVerifiedAt.getTime() + 180 * DAY))
  })

  it('a listing never verified is stale, with nothing to count from', () => {
    expect(listingFreshness(null, NOW, 180)).toEqual({ stale: true, daysSinceVerified: null, verifyBy: null })
  })

  it.each([
    [30, ago(31), true],
    [30, ago(29), false],
    [1, ago(1, 1), true],
    [365, ago(200), false],
  ])('with staleAfterDays %s', (staleAfterDays, lastVerifiedAt, stale) => {
    expect(listingFreshness(lastVerifiedAt, NOW, staleAfterDays).stale).toBe(stale)
  })

  it.each([0, -1, 1.5, Number.NaN])('refuses staleAfterDays %s', (days) => {
    expect(() => listingFreshness(ago(1), NOW, days)).toThrow(RangeError)
  })
})
