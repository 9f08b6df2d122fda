import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isAppError } from '../errors'
import { addDaysToDate, daysBetweenDates } from './calendar'
import {
  MAX_DAILY_RATE_CENTS,
  ZFundingModel,
  ZFundingPeriod,
  ZPlacement,
  agreeFundingModel,
  agreedAdditionalRates,
  decideFundingRequest,
  dynamicFunding,
  fundedDaysByChild,
  modelAmountCents,
  reconcileFundingPeriod,
  requestFunding,
  wholeUnits,
  type FundingRequest,
  type Placement,
  type TDynamicFundingInput,
} from './funding-model'
import { APPLICANT_ORG as PARTNER, OT_ORG, TKK_L2, accreditation, actorWith, anonymous, nz, userIdOf } from './test-support'

const APRIL = { from: '2026-04-01', to: '2026-05-01' } // 30 days; daylight saving ends on 5 April
const RATE = 13_579 // $135.79 per child per day

const place = (childRef: string, from: string, to: string | null): Placement => ({
  childRef,
  from: nz(from),
  to: to === null ? null : nz(to),
})

function fieldOf(fn: () => unknown): [string, string | undefined, string] | null {
  try {
    fn()
    return null
  } catch (e) {
    if (!isAppError(e)) throw e
    return [e.code, e.field, e.message]
  }
}

describe('done when: dynamic funding for 3 children over a 30-day period computes from the general support rate exactly, in cents', () => {
  it('3 children × 30 days × the general support rate', () => {
    const result = dynamicFunding({
      ratePerChildPerDayCents: RATE,
      period: APRIL,
      placements: [
        place('child-a', '2026-03-20 15:00', null),
        place('child-b', '2026-04-01 00:00', '2026-05-01 00:00'),
        place('child-c', '2026-02-01 09:00', '2026-06-30 17:00'),
      ],
    })
    expect(daysBetweenDates(APRIL.from, APRIL.to)).toBe(30)
    expect(result.children.map((c) => [c.childRef, c.days, c.cents])).toEqual([
      ['child-a', 30, 407_370],
      ['child-b', 30, 407_370],
      ['child-c', 30, 407_370],
    ])
    expect(result.childDays).toBe(90)
    expect(result.totalCents).toBe(1_222_110) // 90 × 13,579 = $12,221.10, to the cent
    expect(Number.isInteger(result.totalCents)).toBe(true)
  })

  it('with children arriving and leaving part-way, and an additional support rate', () => {
    const result = dynamicFunding({
      ratePerChildPerDayCents: RATE,
      period: APRIL,
      placements: [
        // Arrives 10 April at 7 pm: 10th to 30th April, 21 days.
        place('child-a', '2026-04-10 19:00', null),
        // Leaves 8 April at 9 am: 1st to 7th April, 7 days (not the day they leave).
        place('child-b', '2026-03-01 12:00', '2026-04-08 09:00'),
        // Moves between two caregivers on 15 April: one child, counted once a day, 30 days.
        place('child-c', '2026-03-01 12:00', '2026-04-15 14:00'),
        place('child-c', '2026-04-15 14:00', '2026-05-20 10:00'),
      ],
      additionalRates: [{ childRef: 'child-a', ratePerDayCents: 5_000, from: '2026-04-20', to: null }],
    })
    expect(result.children.map((c) => [c.childRef, c.days, c.additionalDays, c.cents])).toEqual([
      ['child-a', 21, 11, 21 * RATE + 11 * 5_000],
      ['child-b', 7, 0, 7 * RATE],
      ['child-c', 30, 0, 30 * RATE],
    ])
    expect(result.totalCents).toBe((21 + 7 + 30) * RATE + 11 * 5_000)
  })
})

describe('counting days of care', () => {
  const days = (placements: Placement[], period = APRIL) =>
    Object.fromEntries(fundedDaysByChild({ placements, period }))

  it.each([
    ['whole of April, across the end of daylight saving', [place('c', '2026-04-01 00:00', '2026-05-01 00:00')], 30],
    ['whole of September, across its start', [place('c', '2026-09-01 00:00', '2026-10-01 00:00')], 30, { from: '2026-09-01', to: '2026-10-01' }],
    ['arrive and leave the same day: one day', [place('c', '2026-04-10 09:00', '2026-04-10 17:00')], 1],
    ['overnight stay: one day', [place('c', '2026-04-10 19:00', '2026-04-11 08:00')], 1],
    ['exactly 24 hours from midday: one day', [place('c', '2026-04-10 12:00', '2026-04-11 12:00')], 1],
    ['48 hours from midday: two days', [place('c', '2026-04-10 12:00', '2026-04-12 12:00')], 2],
    ['placed before, still in care', [place('c', '2026-01-01 08:00', null)], 30],
    ['placed after the period', [place('c', '2026-05-01 00:00', null)], 0],
    ['left before the period', [place('c', '2026-03-01 00:00', '2026-03-31 23:59')], 0],
    ['left at the period’s first instant: not funded that day', [place('c', '2026-03-01 00:00', '2026-04-01 00:00')], 0],
    ['left one minute into the period: not funded (departure day)', [place('c', '2026-03-01 00:00', '2026-04-01 00:01')], 0],
    ['arrived on the last day of the period', [place('c', '2026-04-30 23:00', null)], 1],
    [
      'overlapping placements count each day once',
      [place('c', '2026-04-01 10:00', '2026-04-20 10:00'), place('c', '2026-04-10 10:00', '2026-04-25 10:00')],
      24,
    ],
    [
      'back out and in the same day: that day once',
      [place('c', '2026-04-01 10:00', '2026-04-05 10:00'), place('c', '2026-04-05 15:00', '2026-04-08 10:00')],
      7,
    ],
    [
      'a gap of whole days is not funded',
      [place('c', '2026-04-01 10:00', '2026-04-05 10:00'), place('c', '2026-04-10 15:00', '2026-04-12 10:00')],
      6,
    ],
  ] as const)('%s', (_what, placements, expected, period?: { from: string; to: string }) => {
    expect(days([...placements], period ?? APRIL)).toEqual({ c: expected })
  })
})

describe('validation', () => {
  const valid: TDynamicFundingInput = {
    ratePerChildPerDayCents: RATE,
    period: APRIL,
    placements: [place('child-a', '2026-04-01 00:00', null)],
  }
  it.each([
    ['rate in dollars', { ratePerChildPerDayCents: 135.79 }, 'ratePerChildPerDayCents', /whole number of cents/],
    ['zero rate', { ratePerChildPerDayCents: 0 }, 'ratePerChildPerDayCents', /more than zero/],
    ['negative rate', { ratePerChildPerDayCents: -1 }, 'ratePerChildPerDayCents', /more than zero/],
    ['absurd rate', { ratePerChildPerDayCents: MAX_DAILY_RATE_CENTS + 1 }, 'ratePerChildPerDayCents', /at most 1000000 cents \(\$10,000\.00\)/],
    ['rate as text', { ratePerChildPerDayCents: '13579' }, 'ratePerChildPerDayCents', /whole number of cents/],
    ['missing rate', { ratePerChildPerDayCents: undefined }, 'ratePerChildPerDayCents', /is required/],
    ['period backwards', { period: { from: '2026-05-01', to: '2026-04-01' } }, 'period.to', /after from/],
    ['empty period', { period: { from: '2026-04-01', to: '2026-04-01' } }, 'period.to', /after from/],
    ['period over a year', { period: { from: '2026-01-01', to: '2027-01-03' } }, 'period.to', /at most 366 days/],
    ['not a date', { period: { from: '2026-02-30', to: '2026-04-01' } }, 'period.from', /YYYY-MM-DD/],
    ['placement backwards', { placements: [place('a', '2026-04-10 10:00', '2026-04-09 10:00')] }, 'placements.0.to', /after from/],
    ['child reference with a name in it', { placements: [place('Aroha Smith', '2026-04-10 10:00', null)] }, 'placements.0.childRef', /letters, digits/],
    [
      'two additional rates at once',
      {
        additionalRates: [
          { childRef: 'child-a', ratePerDayCents: 100, from: '2026-04-01', to: null },
          { childRef: 'child-a', ratePerDayCents: 200, from: '2026-04-10', to: '2026-04-12' },
        ],
      },
      'additionalRates.1.from',
      /already has an additional rate/,
    ],
  ] as const)('%s', (_what, over, field, message) => {
    const r = fieldOf(() => dynamicFunding({ ...valid, ...over } as TDynamicFundingInput))
    expect(r?.[0]).toBe('VALIDATION_FAILED')
    expect(r?.[1]).toBe(field)
    expect(r?.[2]).toMatch(message)
  })

  it('accepts ISO strings from JSON callers', () => {
    expect(
      ZPlacement.parse({ childRef: 'c-1', from: '2026-04-01T00:00:00+13:00', to: null }).from,
    ).toEqual(nz('2026-04-01 00:00'))
    expect(ZFundingPeriod.safeParse({ from: '2028-02-28', to: '2029-02-28' }).success).toBe(true)
  })

  it.each([
    [{ kind: 'FIXED', amountCents: 2_500_000, per: 'MONTH' }, null],
    [{ kind: 'FIXED', amountCents: 2_500_000, per: 'FORTNIGHT' }, 'per'],
    [{ kind: 'DYNAMIC', generalSupportRateCents: RATE }, null],
    [{ kind: 'DYNAMIC', generalSupportRateCents: 0 }, 'generalSupportRateCents'],
    [{ kind: 'INDIVIDUALISED', childRef: 'c-1', ratePerDayCents: 95_000 }, 'highNeedsServicesInput'],
    [
      {
        kind: 'INDIVIDUALISED',
        childRef: 'c-1',
        ratePerDayCents: 95_000,
        highNeedsServicesInput: { recordedOn: '2026-03-10', advisorName: 'HNS advisor', summary: 'Two-to-one support.' },
      },
      null,
    ],
    [{ kind: 'BLOCK', amountCents: 1 }, 'kind'],
  ] as const)('funding model %j', (model, field) => {
    const r = ZFundingModel.safeParse(model)
    expect(r.success ? null : r.error.issues[0]?.path.join('.')).toBe(field)
  })

  it('says why an individualised rate is refused without High Needs Services input', () => {
    const r = ZFundingModel.safeParse({ kind: 'INDIVIDUALISED', childRef: 'c-1', ratePerDayCents: 95_000 })
    expect(r.success ? null : r.error.issues[0]?.message).toBe(
      'highNeedsServicesInput is required: an individualised rate needs High Needs Services input',
    )
  })
})

describe('fixed and individualised models', () => {
  it.each([
    ['a month', APRIL, 'MONTH', 1],
    ['a quarter as months', { from: '2026-04-01', to: '2026-07-01' }, 'MONTH', 3],
    ['a quarter', { from: '2026-04-01', to: '2026-07-01' }, 'QUARTER', 1],
    ['a year', { from: '2026-07-01', to: '2027-07-01' }, 'YEAR', 1],
    ['four weeks', { from: '2026-04-06', to: '2026-05-04' }, 'WEEK', 4],
    ['month ends clamp', { from: '2026-01-31', to: '2026-02-28' }, 'MONTH', 1],
    ['not whole months', { from: '2026-04-01', to: '2026-04-15' }, 'MONTH', null],
    ['not whole weeks', APRIL, 'WEEK', null],
    ['not a whole quarter', APRIL, 'QUARTER', null],
  ] as const)('%s', (_what, period, per, n) => {
    expect(wholeUnits(period, per)).toBe(n)
  })

  it('pays a fixed amount per whole period, and refuses a part period', () => {
    const model = ZFundingModel.parse({ kind: 'FIXED', amountCents: 2_500_000, per: 'MONTH' })
    expect(modelAmountCents(model, { from: '2026-04-01', to: '2026-07-01' }, { placements: [] })).toEqual({
      modelCents: 7_500_000,
      additionalSupportCents: 0,
    })
    expect(fieldOf(() => modelAmountCents(model, { from: '2026-04-01', to: '2026-04-15' }, { placements: [] }))?.slice(0, 2)).toEqual([
      'VALIDATION_FAILED',
      'period',
    ])
  })

  it('pays an individualised rate for that one young person’s days only', () => {
    const model = ZFundingModel.parse({
      kind: 'INDIVIDUALISED',
      childRef: 'c-1',
      ratePerDayCents: 95_000,
      highNeedsServicesInput: { recordedOn: '2026-03-10', advisorName: 'HNS advisor', summary: 'Two-to-one support.' },
    })
    const placements = [place('c-1', '2026-04-11 10:00', null), place('c-2', '2026-04-01 00:00', null)]
    expect(modelAmountCents(model, APRIL, { placements }).modelCents).toBe(20 * 95_000)
  })
})

describe('dynamicFunding: properties', () => {
  const base = new Date('2025-06-01T00:00:00Z').getTime()
  const arbPlacement = fc
    .record({
      child: fc.constantFrom('c-1', 'c-2', 'c-3', 'c-4'),
      startMin: fc.integer({ min: 0, max: 400 * 24 * 60 }),
      lengthMin: fc.option(fc.integer({ min: 1, max: 120 * 24 * 60 }), { nil: null }),
    })
    .map(({ child, startMin, lengthMin }) => ({
      childRef: child,
      from: new Date(base + startMin * 60_000),
      to: lengthMin === null ? null : new Date(base + (startMin + lengthMin) * 60_000),
    }))
  const arbPeriod = fc
    .record({ start: fc.integer({ min: 0, max: 400 }), days: fc.integer({ min: 1, max: 366 }) })
    .map(({ start, days }) => {
      const from = addDaysToDate('2025-06-01', start)
      return { from, to: addDaysToDate(from, days) }
    })

  it('splitting a period anywhere neither gains nor loses a day or a cent', () => {
    fc.assert(
      fc.property(fc.array(arbPlacement, { maxLength: 12 }), arbPeriod, fc.nat(), fc.integer({ min: 1, max: MAX_DAILY_RATE_CENTS }), (placements, period, cut, rate) => {
        const length = daysBetweenDates(period.from, period.to)
        fc.pre(length >= 2)
        const mid = addDaysToDate(period.from, 1 + (cut % (length - 1)))
        const whole = dynamicFunding({ ratePerChildPerDayCents: rate, placements, period })
        const a = dynamicFunding({ ratePerChildPerDayCents: rate, placements, period: { from: period.from, to: mid } })
        const b = dynamicFunding({ ratePerChildPerDayCents: rate, placements, period: { from: mid, to: period.to } })
        expect(a.childDays + b.childDays).toBe(whole.childDays)
        expect(a.totalCents + b.totalCents).toBe(whole.totalCents)
      }),
    )
  })

  it('is exactly days × rate per child, never more days than the period, and independent of order', () => {
    fc.assert(
      fc.property(fc.array(arbPlacement, { maxLength: 12 }), arbPeriod, fc.integer({ min: 1, max: MAX_DAILY_RATE_CENTS }), (placements, period, rate) => {
        const r = dynamicFunding({ ratePerChildPerDayCents: rate, placements, period })
        const length = daysBetweenDates(period.from, period.to)
        for (const c of r.children) {
          expect(c.cents).toBe(c.days * rate)
          expect(c.days).toBeGreaterThanOrEqual(0)
          expect(c.days).toBeLessThanOrEqual(length)
        }
        expect(r.totalCents).toBe(r.childDays * rate)
        expect(dynamicFunding({ ratePerChildPerDayCents: rate, placements: [...placements].reverse(), period })).toEqual(r)
      }),
    )
  })

  it('agrees with counting New Zealand days one by one', () => {
    fc.assert(
      fc.property(fc.array(arbPlacement, { maxLength: 6 }), arbPeriod, (placements, period) => {
        const counted = fundedDaysByChild({ placements, period })
        const nzDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland' }).format(d)
        for (const [child, n] of counted) {
          const funded = new Set<string>()
          for (const p of placements.filter((x) => x.childRef === child)) {
            const first = nzDate(p.from)
            const last = p.to === null ? period.to : nzDate(p.to)
            if (first === last) funded.add(first)
            for (let d = first; d < last && d < period.to; d = addDaysToDate(d, 1)) funded.add(d)
          }
          expect(n).toBe([...funded].filter((d) => d >= period.from && d < period.to).length)
        }
      }),
      { numRuns: 100 },
    )
  })
})

// ─── Agreeing, requests and reconciliation ──────────────────────────────────────────────────────

const budget = actorWith('budget manager', [[OT_ORG, 'BUDGET_MANAGER']])
const otherBudget = actorWith('another budget manager', [[OT_ORG, 'BUDGET_MANAGER']])
const partnerAdmin = actorWith('partner admin', [[PARTNER, 'PROVIDER_ADMIN']])
const hub = actorWith('quality hub', [[OT_ORG, 'QUALITY_HUB']])
const S396 = accreditation({ scheme: 'OT_S396', validFrom: nz('2026-03-02 10:00'), validTo: null })
const AT = nz('2026-04-02 10:00')
const AGREEMENT = '01900000-0000-7000-8000-0000000ca001'

describe('agreeing funding only once approved', () => {
  const agree = (actor = budget, accreditations = [TKK_L2, S396], at = AT) =>
    agreeFundingModel({
      input: { careAgreementId: AGREEMENT, model: { kind: 'DYNAMIC', generalSupportRateCents: RATE } },
      carePartnerOrganisationId: PARTNER,
      partnerAccreditations: accreditations,
      actor,
      at,
    })

  it('lets a budget manager agree the model of an approved partner', () => {
    const r = agree()
    expect(r.ok && r.agreed).toEqual({
      careAgreementId: AGREEMENT,
      carePartnerOrganisationId: PARTNER,
      model: { kind: 'DYNAMIC', generalSupportRateCents: RATE },
      agreedAt: AT,
      agreedByUserId: userIdOf(budget),
    })
  })

  it.each([
    ['before s396 approval', budget, [TKK_L2], AT, 'CONFLICT'],
    ['before the approval took effect', budget, [TKK_L2, S396], nz('2026-03-01 10:00'), 'CONFLICT'],
    ['with the approval suspended', budget, [accreditation({ scheme: 'OT_S396', status: 'SUSPENDED' })], AT, 'CONFLICT'],
    ['by the Quality Hub', hub, [S396], AT, 'FORBIDDEN'],
    ['by the partner itself', partnerAdmin, [S396], AT, 'FORBIDDEN'],
    ['anonymously', anonymous, [S396], AT, 'UNAUTHENTICATED'],
  ] as const)('refuses %s', (_what, actor, accreditations, at, code) => {
    const r = agree(actor, [...accreditations], at)
    expect(r.ok ? null : r.error.code).toBe(code)
  })
})

describe('ad-hoc requests and additional support rates', () => {
  const adHoc = (): FundingRequest => {
    const r = requestFunding({
      id: 'req-1',
      carePartnerOrganisationId: PARTNER,
      input: {
        kind: 'AD_HOC',
        careAgreementId: AGREEMENT,
        childRef: 'child-a',
        amountCents: 45_000,
        incurredOn: '2026-04-12',
        reason: 'School camp fees and gear.',
      },
      actor: partnerAdmin,
      at: AT,
    })
    if (!r.ok) throw r.error
    return r.request
  }
  const decide = (request: FundingRequest, command: Parameters<typeof decideFundingRequest>[0]['command'], actor = budget, accreditations = [S396]) =>
    decideFundingRequest({ request, command, actor, partnerAccreditations: accreditations, at: AT })

  it('is requested by the partner and approved by a budget manager, for up to what was asked', () => {
    const approved = decide(adHoc(), { type: 'approve', agreedCents: 40_000 })
    expect(approved.ok && [approved.request.status, approved.request.decision?.agreedCents]).toEqual(['APPROVED', 40_000])
    const full = decide(adHoc(), { type: 'approve' })
    expect(full.ok && full.request.decision?.agreedCents).toBe(45_000)
    const tooMuch = decide(adHoc(), { type: 'approve', agreedCents: 45_001 })
    expect(tooMuch.ok ? null : tooMuch.error.field).toBe('agreedCents')
  })

  it.each([
    ['the requester cannot decide their own', { type: 'approve' }, partnerAdmin, [S396], 'FORBIDDEN'],
    ['the Quality Hub cannot approve', { type: 'approve' }, hub, [S396], 'FORBIDDEN'],
    ['not before s396 approval', { type: 'approve' }, budget, [TKK_L2], 'CONFLICT'],
    ['declining needs a reason', { type: 'decline', reason: '' }, budget, [S396], 'VALIDATION_FAILED'],
    ['a budget manager cannot withdraw it', { type: 'withdraw' }, budget, [S396], 'FORBIDDEN'],
  ] as const)('%s', (_what, command, actor, accreditations, code) => {
    const r = decide(adHoc(), command, actor, [...accreditations])
    expect(r.ok ? null : r.error.code).toBe(code)
  })

  it('decides a request once only', () => {
    const declined = decide(adHoc(), { type: 'decline', reason: 'Covered by the all-in rate.' })
    if (!declined.ok) throw declined.error
    expect(declined.request.decision).toMatchObject({ agreedCents: null, reason: 'Covered by the all-in rate.' })
    const again = decide(declined.request, { type: 'approve' }, otherBudget)
    expect(again.ok ? null : again.error.code).toBe('CONFLICT')
  })

  it('lets the partner withdraw its own request', () => {
    const w = decide(adHoc(), { type: 'withdraw' }, partnerAdmin)
    expect(w.ok && w.request.status).toBe('WITHDRAWN')
  })

  it('refuses requests from outside the partnership and bad input', () => {
    const outsider = requestFunding({
      id: 'r',
      carePartnerOrganisationId: PARTNER,
      input: { kind: 'AD_HOC', careAgreementId: AGREEMENT, amountCents: 1, incurredOn: '2026-04-01', reason: 'x' },
      actor: hub,
      at: AT,
    })
    expect(outsider.ok ? null : outsider.error.code).toBe('FORBIDDEN')
    const bad = requestFunding({
      id: 'r',
      carePartnerOrganisationId: PARTNER,
      input: {
        kind: 'ADDITIONAL_SUPPORT_RATE',
        careAgreementId: AGREEMENT,
        childRef: 'child-a',
        ratePerDayCents: 2_000,
        from: '2026-04-10',
        to: '2026-04-01',
        reason: 'Night support',
      },
      actor: partnerAdmin,
      at: AT,
    })
    expect(bad.ok ? null : bad.error.field).toBe('to')
  })
})

describe('reconcileFundingPeriod', () => {
  const dynamic = { kind: 'DYNAMIC' as const, generalSupportRateCents: RATE }
  const threeChildren = [
    place('child-a', '2026-03-20 15:00', null),
    place('child-b', '2026-04-01 00:00', '2026-05-01 00:00'),
    place('child-c', '2026-02-01 09:00', '2026-06-30 17:00'),
  ]
  const approved = (r: Omit<FundingRequest, 'status' | 'decision' | 'requestedAt' | 'requestedByUserId' | 'carePartnerOrganisationId'>, agreedCents: number): FundingRequest => ({
    ...r,
    carePartnerOrganisationId: PARTNER,
    status: 'APPROVED',
    requestedAt: AT,
    requestedByUserId: userIdOf(partnerAdmin),
    decision: { at: AT, byUserId: userIdOf(budget), agreedCents, reason: null },
  })
  const requests: FundingRequest[] = [
    approved(
      { id: 'r1', detail: { kind: 'AD_HOC', careAgreementId: AGREEMENT, amountCents: 45_000, incurredOn: '2026-04-12', reason: 'Camp' } },
      40_000,
    ),
    // Outside the period: reconciled in May.
    approved(
      { id: 'r2', detail: { kind: 'AD_HOC', careAgreementId: AGREEMENT, amountCents: 9_999, incurredOn: '2026-05-01', reason: 'Shoes' } },
      9_999,
    ),
    approved(
      {
        id: 'r3',
        detail: {
          kind: 'ADDITIONAL_SUPPORT_RATE',
          careAgreementId: AGREEMENT,
          childRef: 'child-a',
          ratePerDayCents: 6_000,
          from: '2026-04-21',
          to: null,
          reason: 'Night support',
        },
      },
      5_000,
    ),
  ]

  it('shows agreed, claimed and paid for the period, to the cent', () => {
    const agreedTotal = 90 * RATE + 10 * 5_000 + 40_000
    const r = reconcileFundingPeriod(
      { model: dynamic, period: APRIL, placements: threeChildren, claims: [{ amountCents: agreedTotal }], payments: [{ amountCents: 1_000_000 }] },
      requests,
    )
    expect(r).toEqual({
      period: APRIL,
      agreed: { modelCents: 1_222_110, additionalSupportCents: 50_000, adHocCents: 40_000, totalCents: 1_312_110 },
      claimedCents: 1_312_110,
      paidCents: 1_000_000,
      claimedMinusAgreedCents: 0,
      outstandingCents: 312_110,
      flags: ['PAYMENT_OUTSTANDING'],
    })
    expect(agreedAdditionalRates(requests)).toEqual([{ childRef: 'child-a', ratePerDayCents: 5_000, from: '2026-04-21', to: null }])
  })

  it.each([
    ['balanced', 1_000, 1_000, []],
    ['over-claimed and unpaid', 1_500, 0, ['CLAIMED_MORE_THAN_AGREED', 'PAYMENT_OUTSTANDING']],
    ['under-claimed, paid more than claimed', 500, 700, ['CLAIMED_LESS_THAN_AGREED', 'PAID_MORE_THAN_CLAIMED']],
  ] as const)('flags: %s', (_what, claimed, paid, flags) => {
    const r = reconcileFundingPeriod({
      model: { kind: 'FIXED', amountCents: 1_000, per: 'MONTH' },
      period: APRIL,
      claims: [{ amountCents: claimed }],
      payments: [{ amountCents: paid }],
    })
    expect(r.flags).toEqual(flags)
    expect(r.agreed.totalCents).toBe(1_000)
  })

  it('ignores requests that were not approved', () => {
    const pending = { ...requests[0]!, status: 'REQUESTED' as const, decision: null }
    const r = reconcileFundingPeriod({ model: dynamic, period: APRIL, placements: threeChildren, claims: [], payments: [] }, [pending])
    expect(r.agreed.adHocCents).toBe(0)
  })

  it('refuses negative or fractional amounts', () => {
    expect(
      fieldOf(() =>
        reconcileFundingPeriod({ model: dynamic, period: APRIL, claims: [{ amountCents: -1 }], payments: [] }),
      )?.[1],
    ).toBe('claims.0.amountCents')
    expect(
      fieldOf(() =>
        reconcileFundingPeriod({ model: dynamic, period: APRIL, claims: [], payments: [{ amountCents: 1.5 }] }),
      )?.[1],
    ).toBe('payments.0.amountCents')
  })
})
