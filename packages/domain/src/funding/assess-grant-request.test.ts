import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CHECK_WHAT_YOU_MIGHT_GET_OUTCOMES,
  MIN_TIME_CRITICAL_IMPERATIVE_LENGTH,
  assessGrantRequest,
  type GrantAssessmentInput,
  type GrantEligibility,
} from './assess-grant-request'
import { debitFund } from './ledger'
import { MAX_GRANT_CENTS, formatCents } from './money'
import {
  ALLOWED_GRANT_NEED_CATEGORIES,
  FORBIDDEN_GRANT_NEED_CATEGORIES,
  GRANT_NEED_CATEGORIES,
  GRANT_NEED_CATEGORY_INFO,
  isGrantNeedCategory,
} from './need-categories'

const at = (iso: string) => new Date(iso)
const RECORDS: GrantEligibility = {
  checkWhatYouMightGet: { done: true, at: at('2026-03-02T21:00:00Z'), outcome: 'NOT_ELIGIBLE' },
  caseManagerConfirmation: { name: 'Sina Faleolo', at: at('2026-03-02T22:00:00Z') },
}
const IMPERATIVE: GrantEligibility = {
  timeCriticalImperative: 'Power disconnection at 5pm today; pēpi on oxygen at home',
}
const request = (over: Partial<GrantAssessmentInput> = {}): GrantAssessmentInput => ({
  category: 'UTILITY_POWER',
  amountCents: 25_000,
  balanceCents: 100_000,
  eligibility: RECORDS,
  ...over,
})
const codes = (input: GrantAssessmentInput) => {
  const d = assessGrantRequest(input)
  return d.approved ? [] : d.reasons.map((r) => r.code)
}

describe('need categories (Guidelines, Discretionary Funding)', () => {
  it('lists the guideline needs as allowed and food, vehicles, cigarettes or alcohol as forbidden', () => {
    expect(ALLOWED_GRANT_NEED_CATEGORIES).toEqual([
      'RENT_ARREARS',
      'MEDICAL_DOCTORS_BILL',
      'MEDICAL_PRESCRIPTION',
      'UTILITY_PHONE',
      'UTILITY_INTERNET_OR_DATA',
      'UTILITY_POWER',
      'HOUSEHOLD_CLOTHING',
      'HOUSEHOLD_BLANKETS',
      'HOUSEHOLD_BEDDING',
      'TRANSPORT_MEDICAL_APPOINTMENT',
      'TRANSPORT_DELIVERY_OR_COLLECTION',
      'EDUCATION_ACTIVITY_PACK',
    ])
    expect(FORBIDDEN_GRANT_NEED_CATEGORIES).toEqual(['FOOD', 'VEHICLE_PURCHASE', 'CIGARETTES_OR_ALCOHOL'])
  })

  it('describes every category under its own code, forbidden ones with a reason', () => {
    for (const code of GRANT_NEED_CATEGORIES) {
      const info = GRANT_NEED_CATEGORY_INFO[code]
      expect(info.code).toBe(code)
      expect(info.label).not.toBe('')
      expect(info.group === 'Not funded').toBe(!info.allowed)
    }
    expect(GRANT_NEED_CATEGORY_INFO.FOOD.rule).toMatch(
      /Work and Income office or a nearby Community Food Provider/,
    )
    expect(isGrantNeedCategory('FOOD')).toBe(true)
    expect(isGrantNeedCategory('food')).toBe(false)
  })
})

describe('assessGrantRequest', () => {
  it.each(ALLOWED_GRANT_NEED_CATEGORIES)('approves %s with both eligibility records', (category) => {
    expect(assessGrantRequest(request({ category }))).toEqual({
      approved: true,
      category,
      amountCents: 25_000,
      balanceAfterCents: 75_000,
      basis: 'NOT_ELIGIBLE_FOR_WORK_AND_INCOME',
    })
  })

  it.each([
    [
      'FOOD',
      'WORK_AND_INCOME_OR_FOOD_PROVIDER',
      /cannot be used for food.*Work and Income office or a nearby Community Food Provider/,
    ],
    ['VEHICLE_PURCHASE', undefined, /cannot be used to purchase a vehicle/],
    ['CIGARETTES_OR_ALCOHOL', undefined, /cannot be used for cigarettes or alcohol/],
  ] as const)('refuses %s with the reason (suggesting %s)', (category, suggest, message) => {
    const d = assessGrantRequest(request({ category }))
    expect(d.approved).toBe(false)
    if (d.approved) return
    expect(d.reasons).toEqual([
      { code: 'FORBIDDEN_CATEGORY', message: expect.stringMatching(message), field: 'category' },
    ])
    expect(d.suggest).toBe(suggest)
  })

  it('refuses a time-critical imperative for a forbidden need too', () => {
    expect(codes(request({ category: 'FOOD', eligibility: IMPERATIVE }))).toEqual(['FORBIDDEN_CATEGORY'])
  })

  it.each([
    ['an unknown category', { category: 'GROCERIES' }, ['UNKNOWN_CATEGORY']],
    ['zero', { amountCents: 0 }, ['AMOUNT_NOT_POSITIVE']],
    ['a negative amount', { amountCents: -500 }, ['AMOUNT_NOT_POSITIVE']],
    ['a fraction of a cent', { amountCents: 2500.5 }, ['AMOUNT_NOT_WHOLE_CENTS']],
    ['NaN', { amountCents: Number.NaN }, ['AMOUNT_NOT_WHOLE_CENTS']],
    [
      'more than the maximum grant',
      { amountCents: MAX_GRANT_CENTS + 1, balanceCents: 10_000_000 },
      ['AMOUNT_OVER_MAXIMUM'],
    ],
    ['more than the balance', { amountCents: 100_001 }, ['INSUFFICIENT_BALANCE']],
    ['anything from an empty fund', { amountCents: 1, balanceCents: 0 }, ['INSUFFICIENT_BALANCE']],
    [
      'over the maximum and the balance',
      { amountCents: MAX_GRANT_CENTS + 1 },
      ['AMOUNT_OVER_MAXIMUM', 'INSUFFICIENT_BALANCE'],
    ],
  ] as const)('refuses %s', (_what, over, expected) => {
    expect(codes(request(over as Partial<GrantAssessmentInput>))).toEqual(expected)
  })

  it('approves the whole balance, leaving exactly zero, and the maximum grant', () => {
    expect(assessGrantRequest(request({ amountCents: 100_000 }))).toMatchObject({
      approved: true,
      balanceAfterCents: 0,
    })
    expect(
      assessGrantRequest(request({ amountCents: MAX_GRANT_CENTS, balanceCents: MAX_GRANT_CENTS })),
    ).toMatchObject({
      approved: true,
      balanceAfterCents: 0,
    })
  })

  it('says how much is left and how much is asked, in dollars', () => {
    const d = assessGrantRequest(request({ amountCents: 30_050, balanceCents: 12_345 }))
    expect(d.approved ? null : d.reasons[0]?.message).toBe(
      'The fund has $123.45 left; this grant needs $300.50',
    )
  })

  it.each([
    [
      'no eligibility records at all',
      {},
      ['CHECK_WHAT_YOU_MIGHT_GET_MISSING', 'CASE_MANAGER_CONFIRMATION_MISSING'],
    ],
    [
      'only the Check what you might get result',
      { checkWhatYouMightGet: RECORDS.checkWhatYouMightGet },
      ['CASE_MANAGER_CONFIRMATION_MISSING'],
    ],
    [
      'only the case manager',
      { caseManagerConfirmation: RECORDS.caseManagerConfirmation },
      ['CHECK_WHAT_YOU_MIGHT_GET_MISSING'],
    ],
    [
      'null records',
      { checkWhatYouMightGet: null, caseManagerConfirmation: null },
      ['CHECK_WHAT_YOU_MIGHT_GET_MISSING', 'CASE_MANAGER_CONFIRMATION_MISSING'],
    ],
    [
      'the check not done',
      {
        ...RECORDS,
        checkWhatYouMightGet: { done: false, at: at('2026-03-02T21:00:00Z'), outcome: 'NOT_ELIGIBLE' },
      },
      ['CHECK_WHAT_YOU_MIGHT_GET_NOT_DONE'],
    ],
    [
      'a blank case manager name',
      { ...RECORDS, caseManagerConfirmation: { name: '  ', at: at('2026-03-02T22:00:00Z') } },
      ['CASE_MANAGER_NAME_MISSING'],
    ],
    [
      'an invalid record date',
      { ...RECORDS, caseManagerConfirmation: { name: 'Sina', at: new Date(Number.NaN) } },
      ['RECORD_DATE_INVALID'],
    ],
    [
      'a blank imperative and no records',
      { timeCriticalImperative: '   ' },
      ['CHECK_WHAT_YOU_MIGHT_GET_MISSING', 'CASE_MANAGER_CONFIRMATION_MISSING'],
    ],
    [
      'a too-short imperative and no records',
      { timeCriticalImperative: 'urgent' },
      [
        'CHECK_WHAT_YOU_MIGHT_GET_MISSING',
        'CASE_MANAGER_CONFIRMATION_MISSING',
        'TIME_CRITICAL_IMPERATIVE_TOO_SHORT',
      ],
    ],
  ] as const)('refuses %s', (_what, eligibility, expected) => {
    expect(codes(request({ eligibility: eligibility as GrantEligibility }))).toEqual(expected)
  })

  it('refuses when the check says the whānau may qualify for Work and Income, and points there', () => {
    const d = assessGrantRequest(
      request({
        eligibility: {
          ...RECORDS,
          checkWhatYouMightGet: { done: true, at: at('2026-03-02T21:00:00Z'), outcome: 'MAY_BE_ELIGIBLE' },
        },
      }),
    )
    expect(d).toMatchObject({ approved: false, suggest: 'WORK_AND_INCOME' })
    expect(d.approved ? [] : d.reasons.map((r) => [r.code, r.field])).toEqual([
      ['MAY_QUALIFY_FOR_WORK_AND_INCOME', 'eligibility.checkWhatYouMightGet.outcome'],
    ])
  })

  it('approves on a recorded time-critical imperative without the records (Guidelines: not required then)', () => {
    expect(assessGrantRequest(request({ eligibility: IMPERATIVE }))).toMatchObject({
      approved: true,
      basis: 'TIME_CRITICAL_IMPERATIVE',
    })
    const exactlyLongEnough = 'x'.repeat(MIN_TIME_CRITICAL_IMPERATIVE_LENGTH)
    expect(
      assessGrantRequest(request({ eligibility: { timeCriticalImperative: exactlyLongEnough } })).approved,
    ).toBe(true)
    expect(
      assessGrantRequest(request({ eligibility: { timeCriticalImperative: exactlyLongEnough.slice(1) } }))
        .approved,
    ).toBe(false)
    // An imperative outweighs a check that says "may qualify": there is no time to apply first.
    const mayQualify = { done: true, at: at('2026-03-02T21:00:00Z'), outcome: 'MAY_BE_ELIGIBLE' as const }
    expect(
      assessGrantRequest(request({ eligibility: { ...IMPERATIVE, checkWhatYouMightGet: mayQualify } })),
    ).toMatchObject({
      approved: true,
      basis: 'TIME_CRITICAL_IMPERATIVE',
    })
  })

  it('prefers the records as the basis when both are there', () => {
    expect(assessGrantRequest(request({ eligibility: { ...RECORDS, ...IMPERATIVE } }))).toMatchObject({
      basis: 'NOT_ELIGIBLE_FOR_WORK_AND_INCOME',
    })
  })

  it('refuses records dated after the assessment, when it is given', () => {
    const assessedAt = at('2026-03-02T21:30:00Z')
    expect(codes(request({ assessedAt }))).toEqual(['RECORD_DATE_IN_FUTURE'])
    expect(assessGrantRequest(request({ assessedAt: at('2026-03-03T00:00:00Z') })).approved).toBe(true)
  })

  it('gives every reason at once', () => {
    const d = assessGrantRequest(
      request({ category: 'FOOD', amountCents: 300_000, balanceCents: 5_000, eligibility: {} }),
    )
    expect(d).toMatchObject({ approved: false, suggest: 'WORK_AND_INCOME_OR_FOOD_PROVIDER' })
    expect(d.approved ? [] : d.reasons.map((r) => [r.code, r.field])).toEqual([
      ['FORBIDDEN_CATEGORY', 'category'],
      ['AMOUNT_OVER_MAXIMUM', 'amountCents'],
      ['INSUFFICIENT_BALANCE', 'amountCents'],
      ['CHECK_WHAT_YOU_MIGHT_GET_MISSING', 'eligibility.checkWhatYouMightGet'],
      ['CASE_MANAGER_CONFIRMATION_MISSING', 'eligibility.caseManagerConfirmation'],
    ])
  })

  it('throws on a balance that is negative or not whole cents: the ledger is broken, not the request', () => {
    expect(() => assessGrantRequest(request({ balanceCents: -1 }))).toThrow(RangeError)
    expect(() => assessGrantRequest(request({ balanceCents: 10.5 }))).toThrow(RangeError)
  })
})

describe('debitFund', () => {
  it('takes what is there and refuses what is not', () => {
    expect(debitFund(10_000, 2_500)).toEqual({ ok: true, balanceCents: 7_500 })
    expect(debitFund(10_000, 10_000)).toEqual({ ok: true, balanceCents: 0 })
    expect(debitFund(10_000, 10_001)).toEqual({ ok: false, shortByCents: 1 })
    expect(() => debitFund(-1, 1)).toThrow(RangeError)
    expect(() => debitFund(100, 0)).toThrow(RangeError)
  })

  it('two grants assessed against the same balance both pass; the debits, in either order, refuse one', () => {
    // $600 left; two connectors' screens both show it; each asks for $400.
    const a = assessGrantRequest(request({ amountCents: 40_000, balanceCents: 60_000 }))
    const b = assessGrantRequest(request({ amountCents: 40_000, balanceCents: 60_000 }))
    expect(a.approved && b.approved).toBe(true)
    const first = debitFund(60_000, 40_000)
    expect(first).toEqual({ ok: true, balanceCents: 20_000 })
    expect(debitFund(first.ok ? first.balanceCents : 0, 40_000)).toEqual({ ok: false, shortByCents: 20_000 })
  })
})

describe('properties', () => {
  const category = fc.constantFrom(...GRANT_NEED_CATEGORIES)
  const amount = fc.oneof(
    fc.integer({ min: -1_000, max: 300_000 }),
    fc.constantFrom(0, 1, MAX_GRANT_CENTS, MAX_GRANT_CENTS + 1),
  )
  const balance = fc.integer({ min: 0, max: 1_000_000 })
  const eligibility = fc.oneof(
    fc.constant<GrantEligibility>(RECORDS),
    fc.constant<GrantEligibility>(IMPERATIVE),
    fc.constant<GrantEligibility>({}),
    fc
      .record({
        done: fc.boolean(),
        outcome: fc.constantFrom(...CHECK_WHAT_YOU_MIGHT_GET_OUTCOMES),
        withConfirmation: fc.boolean(),
      })
      .map(({ done, outcome, withConfirmation }): GrantEligibility => ({
        checkWhatYouMightGet: { done, at: at('2026-03-02T21:00:00Z'), outcome },
        caseManagerConfirmation: withConfirmation ? RECORDS.caseManagerConfirmation : null,
      })),
  )

  it('approves exactly when every rule holds, and then never leaves the balance below zero', () => {
    fc.assert(
      fc.property(category, amount, balance, eligibility, (c, a, b, e) => {
        const d = assessGrantRequest({ category: c, amountCents: a, balanceCents: b, eligibility: e })
        const check = e.checkWhatYouMightGet
        const recordsOk =
          !!check?.done && check.outcome === 'NOT_ELIGIBLE' && !!e.caseManagerConfirmation?.name.trim()
        const imperativeOk =
          (e.timeCriticalImperative?.trim().length ?? 0) >= MIN_TIME_CRITICAL_IMPERATIVE_LENGTH
        const expected =
          GRANT_NEED_CATEGORY_INFO[c].allowed &&
          a > 0 &&
          a <= MAX_GRANT_CENTS &&
          a <= b &&
          (recordsOk || imperativeOk)
        expect(d.approved).toBe(expected)
        if (d.approved) {
          expect(d.balanceAfterCents).toBe(b - a)
          expect(d.balanceAfterCents).toBeGreaterThanOrEqual(0)
        } else {
          expect(d.reasons.length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 1_000 },
    )
  })

  it('a run of grants, each assessed against the balance the last one left, never overdraws the fund', () => {
    fc.assert(
      fc.property(balance, fc.array(fc.tuple(category, amount), { maxLength: 30 }), (start, grants) => {
        let left = start
        let granted = 0
        for (const [c, a] of grants) {
          const d = assessGrantRequest({
            category: c,
            amountCents: a,
            balanceCents: left,
            eligibility: RECORDS,
          })
          if (d.approved) {
            left = d.balanceAfterCents
            granted += d.amountCents
          }
          expect(left).toBeGreaterThanOrEqual(0)
        }
        expect(granted + left).toBe(start)
      }),
      { numRuns: 300 },
    )
  })

  it('concurrent grants against one balance: whatever order the debits run in, the balance stays at zero or above', () => {
    fc.assert(
      fc.property(
        balance,
        fc.array(fc.integer({ min: 1, max: MAX_GRANT_CENTS }), { minLength: 2, maxLength: 10 }),
        (start, asks) => {
          // Every request was assessed against the same starting balance, as concurrent ones are.
          const approved = asks.filter(
            (a) =>
              assessGrantRequest({
                category: 'HOUSEHOLD_BEDDING',
                amountCents: a,
                balanceCents: start,
                eligibility: RECORDS,
              }).approved,
          )
          let left = start
          let paid = 0
          for (const a of approved) {
            const debit = debitFund(left, a)
            if (debit.ok) {
              left = debit.balanceCents
              paid += a
            }
          }
          expect(left).toBeGreaterThanOrEqual(0)
          expect(paid + left).toBe(start)
          if (approved.reduce((s, a) => s + a, 0) > start)
            expect(paid).toBeLessThan(approved.reduce((s, a) => s + a, 0))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('formats whole cents as NZ dollars', () => {
    expect(formatCents(0)).toBe('$0.00')
    expect(formatCents(250)).toBe('$2.50')
    expect(formatCents(123_456)).toBe('$1,234.56')
    expect(() => formatCents(1.5)).toThrow(RangeError)
  })
})
