import { describe, expect, it } from 'vitest'
import { SUPPRESSED_COUNT } from './disclosure'
import {
  DEFAULT_COVERAGE_RULES,
  checkPeriod,
  coverageScope,
  NATIONAL_SCOPE,
  gapReason,
  isOverlap,
  median,
  slaPercent,
} from './rules'

const rules = { ...DEFAULT_COVERAGE_RULES, minProvidersPer10k: 1, overlapProviders: 3 }

describe('gapReason', () => {
  it.each([
    ['no provider, population unknown', 0, null, 'NO_PROVIDER'],
    ['no provider, population known', 0, 50_000, 'NO_PROVIDER'],
    ['one provider, population unknown: the per-capita rule cannot apply', 1, null, null],
    ['one provider for 50,000 people (0.2 per 10,000)', 1, 50_000, 'BELOW_PER_CAPITA'],
    ['five providers for 50,000 people (exactly 1 per 10,000)', 5, 50_000, null],
    ['population zero is treated as unknown', 1, 0, null],
  ] as const)('%s', (_name, providers, population, expected) => {
    expect(gapReason({ accreditedProviders: providers, population }, rules)).toBe(expected)
  })
  it('a per-capita minimum of zero turns the rule off', () => {
    expect(
      gapReason({ accreditedProviders: 1, population: 1_000_000 }, { ...rules, minProvidersPer10k: 0 }),
    ).toBeNull()
  })
})

describe('isOverlap', () => {
  it.each([
    [0, false],
    [2, false],
    [3, true],
    [9, true],
  ])('%i providers -> %s', (n, expected) => expect(isOverlap(n, rules)).toBe(expected))
})

describe('SLA measures', () => {
  it.each([
    [0, 0, null],
    [3, 4, 75],
    [2, 3, 66.7],
    [5, 5, 100],
  ])('%i of %i within 12 business hours -> %s%', (a, d, expected) => expect(slaPercent(a, d)).toBe(expected))
  it.each([
    [[], null],
    [[30], 30],
    [[90, 10, 30], 30],
    [[10, 20, 30, 40], 25],
  ])('median of %j is %s', (values, expected) => expect(median(values)).toBe(expected))
})

describe('suppressBelow', () => {
  it('is the first count the national view publishes (disclosure.ts suppresses 0 to 5 as "<6")', () => {
    expect(`<${DEFAULT_COVERAGE_RULES.suppressBelow}`).toBe(SUPPRESSED_COUNT)
  })
})

describe('coverageScope', () => {
  it.each([
    [
      'commissioner, own region implied',
      { regional: ['wgn'], national: false },
      null,
      { kind: 'REGION', regionId: 'wgn', details: true },
    ],
    [
      'commissioner, own region named',
      { regional: ['wgn'], national: false },
      'wgn',
      { kind: 'REGION', regionId: 'wgn', details: true },
    ],
    ['commissioner, another region', { regional: ['wgn'], national: false }, 'akl', { kind: 'FORBIDDEN' }],
    ['no regional membership', { regional: [null], national: false }, null, { kind: 'FORBIDDEN' }],
    [
      'commissioner, the national view: aggregates only',
      { regional: ['wgn'], national: false },
      NATIONAL_SCOPE,
      { kind: 'NATIONAL', regionId: null, details: false },
    ],
    [
      'no regional membership, the national view',
      { regional: [null], national: false },
      NATIONAL_SCOPE,
      { kind: 'FORBIDDEN' },
    ],
    [
      'national administrator, the national view named',
      { regional: [], national: true },
      NATIONAL_SCOPE,
      { kind: 'NATIONAL', regionId: null, details: false },
    ],
    [
      'national: aggregates only',
      { regional: [], national: true },
      null,
      { kind: 'NATIONAL', regionId: null, details: false },
    ],
    [
      'national drilling into a region',
      { regional: [], national: true },
      'akl',
      { kind: 'REGION', regionId: 'akl', details: true },
    ],
  ] as const)('%s', (_name, viewer, requested, expected) => {
    expect(coverageScope(viewer, requested)).toMatchObject(expected)
  })
})

describe('checkPeriod', () => {
  const d = (s: string) => new Date(s)
  it.each([
    ['a month', '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z', null],
    ['from not a date', 'soon', '2026-11-01T00:00:00Z', 'from'],
    ['to not a date', '2026-10-01T00:00:00Z', 'later', 'to'],
    ['to before from', '2026-11-01T00:00:00Z', '2026-10-01T00:00:00Z', 'to'],
    ['longer than three years', '2020-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'to'],
  ])('%s', (_name, from, to, field) => {
    const r = checkPeriod(d(from), d(to))
    if (field === null) expect(r.ok).toBe(true)
    else expect(r).toMatchObject({ ok: false, field })
  })
})
