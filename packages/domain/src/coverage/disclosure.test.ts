import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ALL,
  SMALL_COUNT_MAX,
  SUPPRESSED_COUNT,
  cellKey,
  hmacSha256,
  protectCount,
  publishedRange,
  publishedSlaPercent,
  randomRound3,
} from './disclosure'

const enc = (s: string) => new TextEncoder().encode(s)
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

/** A published count and the true value behind it (the test knows both; the adversary only the first). */
interface Published {
  name: string
  truth: number
  shown: string
}

/** total = sum of parts: a relation anyone can read off the published tables. */
interface Relation {
  total: Published
  parts: Published[]
}

/** The protected values: strictly inside the suppressed range 0..5, so a bound landing on an end reveals 0 or 5 at most. */
const isProtected = (n: number) => n >= 1 && n < SMALL_COUNT_MAX

function subsets<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let mask = 0; mask < 1 << items.length; mask++) out.push(items.filter((_, i) => mask & (1 << i)))
  return out
}

/**
 * Every addition/subtraction recovery one relation offers: the total minus any subset of the
 * other parts (a part), or the sum of any subset of the parts (the total). For each, the naive
 * figure (published numbers added and subtracted) and what an adversary who knows this method can
 * conclude (each published count as its range), intersected with the target's own published range.
 * Returns the protected targets narrowed to one value, and checks the reasoning is sound.
 */
function recoveries(rel: Relation): { target: string; truth: number; via: string; values: number[] }[] {
  const pinned: { target: string; truth: number; via: string; values: number[] }[] = []
  const members = [rel.total, ...rel.parts]
  for (const target of members) {
    const own = publishedRange(target.shown)
    expect(own.lo <= target.truth && target.truth <= own.hi, `${target.name} in its own range`).toBe(true)
    const others = rel.parts.filter((p) => p !== target)
    for (const used of subsets(others)) {
      let lo: number
      let hi: number
      let naive: number | null
      const r = used.map((u) => publishedRange(u.shown))
      const sumLo = r.reduce((s, x) => s + x.lo, 0)
      const sumHi = r.reduce((s, x) => s + x.hi, 0)
      const numeric = used.every((u) => u.shown !== SUPPRESSED_COUNT)
      if (target === rel.total) {
        lo = sumLo
        hi = used.length === rel.parts.length ? sumHi : Infinity
        naive = numeric ? used.reduce((s, u) => s + Number(u.shown), 0) : null
      } else {
        const t = publishedRange(rel.total.shown)
        hi = t.hi - sumLo
        lo = used.length === others.length ? t.lo - sumHi : -Infinity
        naive =
          numeric && rel.total.shown !== SUPPRESSED_COUNT
            ? Number(rel.total.shown) - used.reduce((s, u) => s + Number(u.shown), 0)
            : null
      }
      // Sound: the truth is always among what the adversary allows.
      expect(lo <= target.truth && target.truth <= hi, `${target.name} via ${rel.total.name}`).toBe(true)
      // Naive arithmetic on rounded counts gives multiples of 3 only: never 1, 2, 4 or 5.
      if (naive !== null) expect(Math.abs(naive % 3)).toBe(0)
      if (!isProtected(target.truth)) continue
      const values: number[] = []
      for (let v = Math.max(own.lo, lo); v <= Math.min(own.hi, hi); v++) values.push(v)
      if (values.length < 2)
        pinned.push({
          target: target.name,
          truth: target.truth,
          via: used.map((u) => u.name).join('+'),
          values,
        })
    }
  }
  return pinned
}

const publish = (name: string, truth: number, key: string, secret: string): Published => ({
  name,
  truth,
  shown: protectCount(truth, key, secret),
})

// Counts skewed small, where the danger is, with some large ones beside them.
const count = fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 40 }))
const secret = fc.string({ minLength: 1, maxLength: 40 })

describe('HMAC-SHA-256', () => {
  it('matches the platform implementation (RFC 4231 case 2 and random inputs)', () => {
    expect(hex(hmacSha256(enc('Jefe'), enc('what do ya want for nothing?')))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    )
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 300 }), (k, m) => {
        expect(hex(hmacSha256(enc(k), enc(m)))).toBe(createHmac('sha256', k).update(m).digest('hex'))
      }),
      { numRuns: 300 },
    )
  })
})

describe('random rounding to base 3', () => {
  it.each([
    [0, [0]],
    [3, [3]],
    [6, [6]],
    [7, [6, 9]],
    [8, [6, 9]],
    [9, [9]],
    [100, [99, 102]],
  ])('%i rounds to one of %j', (n, allowed) => {
    for (const s of ['a', 'b', 'c', 'd']) expect(allowed).toContain(randomRound3(n, 'cell', s))
  })

  it('is deterministic: the same cell, value and secret always give the same answer', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000 }), fc.string(), secret, (n, key, s) => {
        expect(randomRound3(n, key, s)).toBe(randomRound3(n, key, s))
        expect(protectCount(n, key, s)).toBe(protectCount(n, key, s))
      }),
    )
  })

  it('goes to the nearer multiple about 2/3 of the time, and two secrets draw independently', () => {
    let nearer = 0
    let agree = 0
    const n = 3000
    for (let i = 0; i < n; i++) {
      const key = cellKey({ measure: 'sent', area: String(i % 17), category: `c${i}`, agency: ALL })
      const value = 7 + 3 * (i % 50) // 1 more than a multiple of 3: nearer is down
      const a = randomRound3(value, key, 'secret one')
      const b = randomRound3(value, key, 'secret two')
      if (a === value - 1) nearer++
      if (a === b) agree++
    }
    // Binomial, n = 3000: sd about 0.009. Fixed inputs, so this is a fixed outcome, not a flaky one.
    expect(nearer / n).toBeGreaterThan(2 / 3 - 0.045)
    expect(nearer / n).toBeLessThan(2 / 3 + 0.045)
    // Independent draws agree with probability (2/3)^2 + (1/3)^2 = 5/9; one secret ignored would give 1.
    expect(agree / n).toBeGreaterThan(5 / 9 - 0.045)
    expect(agree / n).toBeLessThan(5 / 9 + 0.045)
  })

  it('keeps null and "*" and the fields of a cell apart', () => {
    const keys = new Set([
      cellKey({ measure: 'sent', area: null, category: ALL, agency: ALL }),
      cellKey({ measure: 'sent', area: ALL, category: null, agency: ALL }),
      cellKey({ measure: 'sent', area: ALL, category: ALL, agency: ALL }),
      cellKey({ measure: 'sent', area: '01', category: '02', agency: ALL }),
      cellKey({ measure: 'sent', area: '02', category: '01', agency: ALL }),
      cellKey({ measure: 'accepted', area: '01', category: '02', agency: ALL }),
    ])
    expect(keys.size).toBe(6)
  })

  it('suppresses 0 to 5 and publishes every other count as a multiple of 3 within 2 of the truth', () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000 }), fc.string(), secret, (n, key, s) => {
        const shown = protectCount(n, key, s)
        if (n <= SMALL_COUNT_MAX) expect(shown).toBe(SUPPRESSED_COUNT)
        else {
          const p = Number(shown)
          expect(p % 3).toBe(0)
          expect(Math.abs(p - n)).toBeLessThanOrEqual(2)
          expect(p).toBeGreaterThanOrEqual(SMALL_COUNT_MAX + 1)
        }
      }),
    )
  })
})

describe('no suppressed count can be recovered by adding and subtracting what is published', () => {
  it('the finding: national 9, Wellington 8, Auckland 1', () => {
    for (const s of ['s1', 's2', 's3', 's4', 's5', 's6']) {
      const nz = publish('NZ', 9, cellKey({ measure: 'sent', area: ALL, category: ALL, agency: ALL }), s)
      const wgn = publish('09', 8, cellKey({ measure: 'sent', area: '09', category: ALL, agency: ALL }), s)
      const akl = publish('02', 1, cellKey({ measure: 'sent', area: '02', category: ALL, agency: ALL }), s)
      expect(akl.shown).toBe(SUPPRESSED_COUNT)
      expect(Number(nz.shown) - Number(wgn.shown)).not.toBe(1)
      expect(recoveries({ total: nz, parts: [wgn, akl] })).toEqual([])
    }
  })

  it('random tables: any cell, row or column total, the grand total, against every subset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(count, { minLength: 9, maxLength: 9 }),
        secret,
        (rows, cols, values, s) => {
          const key = (area: string, category: string) =>
            cellKey({ measure: 'sent', area, category, agency: ALL })
          const cell = (r: number, c: number) => values[r * 3 + c]!
          const cells = Array.from({ length: rows }, (_, r) =>
            Array.from({ length: cols }, (_, c) => publish(`x${r}${c}`, cell(r, c), key(`${r}`, `${c}`), s)),
          )
          const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
          const rowTotals = cells.map((row, r) =>
            publish(`row${r}`, sum(row.map((x) => x.truth)), key(`${r}`, ALL), s),
          )
          const colTotals = Array.from({ length: cols }, (_, c) =>
            publish(`col${c}`, sum(cells.map((row) => row[c]!.truth)), key(ALL, `${c}`), s),
          )
          const grand = publish('grand', sum(cells.flat().map((x) => x.truth)), key(ALL, ALL), s)
          const relations: Relation[] = [
            ...cells.map((row, r) => ({ total: rowTotals[r]!, parts: row })),
            ...colTotals.map((total, c) => ({ total, parts: cells.map((row) => row[c]!) })),
            { total: grand, parts: cells.flat() },
            { total: grand, parts: rowTotals },
            { total: grand, parts: colTotals },
          ]
          for (const rel of relations) expect(recoveries(rel)).toEqual([])
        },
      ),
      { numRuns: 400 },
    )
  })

  it('the same cell from overlapping periods: equal counts publish equally, differences recover nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 12 })), {
          minLength: 8,
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 3, max: 4 }),
        fc.integer({ min: 5, max: 6 }),
        fc.integer({ min: 7, max: 8 }),
        secret,
        (days, a, c, b, d, s) => {
          // P1 = [a, b), P2 = [c, d), a < c < b < d: the key is the cell's, whatever the period.
          const key = cellKey({ measure: 'sent', area: '02', category: 'food', agency: ALL })
          const count = (from: number, to: number) => days.slice(from, to).reduce((x, y) => x + y, 0)
          const q = (name: string, from: number, to: number) => publish(name, count(from, to), key, s)
          const p1 = q('P1', a, b)
          const p2 = q('P2', c, d)
          const both = q('P1∩P2', c, b)
          const left = q('P1\\P2', a, c)
          const right = q('P2\\P1', b, d)
          const union = q('P1∪P2', a, d)
          const all = [p1, p2, both, left, right, union]
          // Asking again, or for another period with the same count, gives the same figure: no noise to average.
          for (const x of all) for (const y of all) if (x.truth === y.truth) expect(x.shown).toBe(y.shown)
          const relations: Relation[] = [
            { total: p1, parts: [left, both] },
            { total: p2, parts: [both, right] },
            { total: union, parts: [left, both, right] },
            { total: union, parts: [p1, right] },
            { total: union, parts: [left, p2] },
          ]
          for (const rel of relations) expect(recoveries(rel)).toEqual([])
        },
      ),
      { numRuns: 400 },
    )
  })
})

describe('publishedSlaPercent', () => {
  it.each([
    ['9', '12', 75],
    ['12', '9', 100],
    [SUPPRESSED_COUNT, '12', null],
    ['9', SUPPRESSED_COUNT, null],
  ])('%s of %s -> %s', (within, due, expected) => {
    expect(publishedSlaPercent(within, due)).toBe(expected)
  })
})
