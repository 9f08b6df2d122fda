// Each care agreement's funding model. Source: "Partnered Care" (Oranga Tamariki,
// ../shared/seeds/oranga-tamariki-partnered-care.txt), Funding:
//   "There are three funding models for partnered care: Fixed, Individualised, and a flexible
//     Dynamic model"; all three are "'all-in' funding".
//   Fixed: "best suits care options with significant fixed or pre-configured costs".
//   Individualised: "agree a separate funding rate for an individual young person ... These tamariki
//     ... usually require specialist input and advice from High Needs Services."
//   Dynamic: "sets a 'general support rate' for each child per 24-hour period ... allows for flexible
//     use of funding across a number of children in the care of the care partners."
//   Funding Policy and Guidance: "additional funding processes (ad-hoc requests and negotiating an
//     additional support rate)"; "reconciliation and escalation processes".
// And the s396 information sheet: "Budget managers can agree any funding or contracts once s396
// approval is obtained". Money is integer New Zealand cents throughout; nothing is ever rounded.
//
// Counting the Dynamic model's 24-hour periods (this project's rule; the source does not say):
// - A 24-hour period is a New Zealand calendar day of care, midnight to midnight. Counting clock
//   hours instead would fund a child in care for all of April 31 periods in some years (April has a
//   25-hour day when daylight saving ends) and September 29 (it has a 23-hour day).
// - A child is funded for the day they arrive and each day after, but not the day they leave: a
//   part-day at either end is one day, not two. A child who arrives and leaves on the same day is
//   funded for that day.
// - A child is funded at most once a day, whatever their placements: overlapping or back-to-back
//   placements (a move between two of the partner's caregivers) count each day once.
// - Each day is funded in the funding period that contains it; funding periods are whole New Zealand
//   days (`from` inclusive, `to` exclusive), so splitting a period never gains or loses a day.
import { z } from 'zod'
import { can, type Actor } from '../actor'
import { AppError, validationError } from '../errors'
import type { ProviderAccreditation } from '../routing/check-routing'
import { nzDateOf } from '../sla/nz-time'
import { addMonthsToDate, daysBetweenDates } from './calendar'
import {
  instantField,
  isoDateField,
  listOr,
  oneOfField,
  optionalTextField,
  referenceField,
  says,
  textField,
  uuidField,
} from './fields'
import { S396_APPROVAL_REQUIREMENT, accreditationProblems } from './s396-application'

// ─── Limits ─────────────────────────────────────────────────────────────────────────────────────

/** $10,000 per child per day: far above any published rate, low enough to catch a typo in dollars. */
export const MAX_DAILY_RATE_CENTS = 1_000_000
/** $10 million a period for a fixed model. */
export const MAX_PERIOD_AMOUNT_CENTS = 1_000_000_000
/** $100,000 for one ad-hoc request. */
export const MAX_AD_HOC_CENTS = 10_000_000
/** A funding or reconciliation period is at most a (leap) year. */
export const MAX_FUNDING_PERIOD_DAYS = 366
export const MAX_PLACEMENTS = 2000

const dollars = (cents: number) =>
  `$${(cents / 100).toLocaleString('en-NZ', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`

/** A positive whole number of cents, at most `max`. */
export const centsField = (field: string, max: number) =>
  z
    .number(says(field, 'a whole number of cents'))
    .int({ error: `${field} must be a whole number of cents` })
    .positive({ error: `${field} must be more than zero` })
    .max(max, { error: `${field} must be at most ${max} cents (${dollars(max)})` })

/** A whole number of cents that may be zero (claimed and paid amounts). */
const nonNegativeCentsField = (field: string) =>
  z
    .number(says(field, 'a whole number of cents'))
    .int({ error: `${field} must be a whole number of cents` })
    .min(0, { error: `${field} must not be negative` })
    .max(Number.MAX_SAFE_INTEGER, { error: `${field} is too large` })

// ─── Periods and placements ─────────────────────────────────────────────────────────────────────

function safeDaysBetween(a: string, b: string): number | null {
  try {
    return daysBetweenDates(a, b)
  } catch {
    return null
  }
}

/** Whole New Zealand days: `from` inclusive, `to` exclusive ("2026-04-01" to "2026-05-01" is April). */
export const ZFundingPeriod = z
  .object({ from: isoDateField('from'), to: isoDateField('to') })
  .superRefine((p, ctx) => {
    const days = safeDaysBetween(p.from, p.to)
    if (days === null) return // the dates themselves are reported
    if (days <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from' })
    else if (days > MAX_FUNDING_PERIOD_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `to must be at most ${MAX_FUNDING_PERIOD_DAYS} days after from`,
      })
    }
  })
export type FundingPeriod = z.infer<typeof ZFundingPeriod>

export const ZPlacement = z
  .object({
    childRef: referenceField('childRef'),
    from: instantField('from'),
    /** Null while the child is still in the partner's care. */
    to: instantField('to').nullable(),
  })
  .refine((p) => p.to === null || p.from.getTime() < p.to.getTime(), {
    error: 'to must be after from',
    path: ['to'],
  })
export type Placement = z.infer<typeof ZPlacement>

const placements = z
  .array(ZPlacement, says('placements', 'a list'))
  .max(MAX_PLACEMENTS, { error: `placements can list at most ${MAX_PLACEMENTS}` })

/** An agreed additional support rate for one child, paid on top of the general support rate. */
export const ZAdditionalRate = z
  .object({
    childRef: referenceField('childRef'),
    ratePerDayCents: centsField('ratePerDayCents', MAX_DAILY_RATE_CENTS),
    from: isoDateField('from'),
    /** Exclusive; null while it stands. */
    to: isoDateField('to').nullable(),
  })
  .refine((r) => r.to === null || r.from < r.to, { error: 'to must be after from', path: ['to'] })
export type AdditionalRate = z.infer<typeof ZAdditionalRate>

const additionalRates = z
  .array(ZAdditionalRate, says('additionalRates', 'a list'))
  .max(MAX_PLACEMENTS, { error: `additionalRates can list at most ${MAX_PLACEMENTS}` })
  .superRefine((rates, ctx) => {
    // One additional rate per child at a time: two at once would pay the same need twice.
    rates.forEach((a, i) => {
      const clash = rates.findIndex(
        (b, j) =>
          j < i &&
          b.childRef === a.childRef &&
          (b.to === null || a.from < b.to) &&
          (a.to === null || b.from < a.to),
      )
      if (clash >= 0) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'from'],
          message: `additionalRates: ${a.childRef} already has an additional rate for some of these days`,
        })
      }
    })
  })

// ─── Counting days of care ──────────────────────────────────────────────────────────────────────

/** Day numbers (days since 1970-01-01 of the New Zealand date) for integer interval arithmetic. */
const dayNumber = (date: string) => daysBetweenDates('1970-01-01', date)

type DayRange = readonly [from: number, to: number]

/** The days a placement funds: arrival day up to (not including) the departure day; at least one. */
function placementDays(p: Placement): DayRange {
  const from = dayNumber(nzDateOf(p.from))
  if (p.to === null) return [from, Number.POSITIVE_INFINITY]
  const to = dayNumber(nzDateOf(p.to))
  return [from, Math.max(to, from + 1)]
}

/** The union of ranges, merged: overlapping and touching ranges become one. */
function union(ranges: readonly DayRange[]): DayRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  const out: [number, number][] = []
  for (const [a, b] of sorted) {
    const last = out[out.length - 1]
    if (last && a <= last[1]) last[1] = Math.max(last[1], b)
    else out.push([a, b])
  }
  return out
}

function overlap(ranges: readonly DayRange[], window: DayRange): number {
  let n = 0
  for (const [a, b] of ranges) n += Math.max(0, Math.min(b, window[1]) - Math.max(a, window[0]))
  return n
}

function periodRange(period: FundingPeriod): DayRange {
  return [dayNumber(period.from), dayNumber(period.to)]
}

/** The New Zealand days in `period` each child is funded for, by child reference. */
export function fundedDaysByChild(input: { placements: readonly Placement[]; period: FundingPeriod }): Map<string, number> {
  const byChild = new Map<string, DayRange[]>()
  for (const p of input.placements) {
    const list = byChild.get(p.childRef) ?? []
    list.push(placementDays(p))
    byChild.set(p.childRef, list)
  }
  const window = periodRange(input.period)
  const out = new Map<string, number>()
  for (const [child, ranges] of [...byChild].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out.set(child, overlap(union(ranges), window))
  }
  return out
}

function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  return parsed.data
}

function safe(cents: number): number {
  if (!Number.isSafeInteger(cents)) throw new AppError('VALIDATION_FAILED', 'The amount is too large to compute exactly.')
  return cents
}

// ─── Dynamic model ──────────────────────────────────────────────────────────────────────────────

export const ZDynamicFundingInput = z.object({
  ratePerChildPerDayCents: centsField('ratePerChildPerDayCents', MAX_DAILY_RATE_CENTS),
  placements,
  period: ZFundingPeriod,
  additionalRates: additionalRates.default([]),
})
export type TDynamicFundingInput = z.input<typeof ZDynamicFundingInput>

export interface ChildFunding {
  childRef: string
  /** Days funded at the general support rate. */
  days: number
  generalCents: number
  /** Days (of `days`) on which an agreed additional support rate also applies. */
  additionalDays: number
  additionalCents: number
  cents: number
}

export interface DynamicFunding {
  period: FundingPeriod
  ratePerChildPerDayCents: number
  children: ChildFunding[]
  /** Child-days across the partner's children. */
  childDays: number
  totalCents: number
}

/**
 * The Dynamic model for one period: the general support rate for each day of care of each child
 * (counted as in the header comment), plus any agreed additional support rate for the days it
 * covers. Exact: days × rate in integer cents. Throws VALIDATION_FAILED on bad input.
 */
export function dynamicFunding(input: TDynamicFundingInput): DynamicFunding {
  const data = parseOrThrow(ZDynamicFundingInput, input)
  const window = periodRange(data.period)
  const byChild = new Map<string, DayRange[]>()
  for (const p of data.placements) byChild.set(p.childRef, [...(byChild.get(p.childRef) ?? []), placementDays(p)])
  const children: ChildFunding[] = [...byChild.keys()].sort().map((childRef) => {
    const days = union(byChild.get(childRef) ?? [])
    const inPeriod = overlap(days, window)
    let additionalDays = 0
    let additionalCents = 0
    for (const a of data.additionalRates.filter((r) => r.childRef === childRef)) {
      const aw: DayRange = [
        Math.max(window[0], dayNumber(a.from)),
        Math.min(window[1], a.to === null ? Number.POSITIVE_INFINITY : dayNumber(a.to)),
      ]
      const n = aw[0] < aw[1] ? overlap(days, aw) : 0
      additionalDays += n
      additionalCents += n * a.ratePerDayCents
    }
    const generalCents = safe(inPeriod * data.ratePerChildPerDayCents)
    return {
      childRef,
      days: inPeriod,
      generalCents,
      additionalDays,
      additionalCents: safe(additionalCents),
      cents: safe(generalCents + additionalCents),
    }
  })
  return {
    period: data.period,
    ratePerChildPerDayCents: data.ratePerChildPerDayCents,
    children,
    childDays: children.reduce((n, c) => n + c.days, 0),
    totalCents: safe(children.reduce((n, c) => n + c.cents, 0)),
  }
}

// ─── The three models ───────────────────────────────────────────────────────────────────────────

export const FUNDING_MODEL_KINDS = ['FIXED', 'INDIVIDUALISED', 'DYNAMIC'] as const
export type FundingModelKind = (typeof FUNDING_MODEL_KINDS)[number]

export const FIXED_PERIOD_UNITS = ['WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const
export type FixedPeriodUnit = (typeof FIXED_PERIOD_UNITS)[number]

const UNIT_WORDS: Record<FixedPeriodUnit, string> = { WEEK: 'weeks', MONTH: 'months', QUARTER: 'quarters', YEAR: 'years' }

/** Individualised Model: "usually require specialist input and advice from High Needs Services". */
export const ZHighNeedsServicesInput = z.object({
  recordedOn: isoDateField('recordedOn'),
  advisorName: textField('advisorName', 200),
  summary: textField('summary', 5000),
})

const individualisedNeedsInput =
  'highNeedsServicesInput is required: an individualised rate needs High Needs Services input'

export const ZFundingModel = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('FIXED'),
      amountCents: centsField('amountCents', MAX_PERIOD_AMOUNT_CENTS),
      per: oneOfField('per', FIXED_PERIOD_UNITS),
    }),
    z.object({
      kind: z.literal('INDIVIDUALISED'),
      childRef: referenceField('childRef'),
      ratePerDayCents: centsField('ratePerDayCents', MAX_DAILY_RATE_CENTS),
      highNeedsServicesInput: z.object(ZHighNeedsServicesInput.shape, {
        error: (iss) =>
          iss.input === undefined || iss.input === null
            ? individualisedNeedsInput
            : 'highNeedsServicesInput must be an object with recordedOn, advisorName and summary',
      }),
    }),
    z.object({
      kind: z.literal('DYNAMIC'),
      generalSupportRateCents: centsField('generalSupportRateCents', MAX_DAILY_RATE_CENTS),
    }),
  ],
  { error: () => `kind must be one of ${listOr(FUNDING_MODEL_KINDS)}` },
)
export type FundingModel = z.infer<typeof ZFundingModel>
export type TFundingModelInput = z.input<typeof ZFundingModel>

/** How many whole `per` units `period` is, or null when it is not a whole number of them. */
export function wholeUnits(period: FundingPeriod, per: FixedPeriodUnit): number | null {
  if (per === 'WEEK') {
    const days = daysBetweenDates(period.from, period.to)
    return days % 7 === 0 ? days / 7 : null
  }
  const months = per === 'MONTH' ? 1 : per === 'QUARTER' ? 3 : 12
  for (let n = 1; n * months <= 12 * 2; n++) {
    const end = addMonthsToDate(period.from, n * months)
    if (end === period.to) return n
    if (end > period.to) return null
  }
  return null
}

/** The model's own amount for a period (before additional support and ad-hoc funding). */
export function modelAmountCents(
  model: FundingModel,
  period: FundingPeriod,
  care: { placements: readonly Placement[]; additionalRates?: readonly AdditionalRate[] },
): { modelCents: number; additionalSupportCents: number } {
  switch (model.kind) {
    case 'FIXED': {
      const n = wholeUnits(period, model.per)
      if (n === null) {
        throw new AppError(
          'VALIDATION_FAILED',
          `period: a fixed amount per ${model.per.toLowerCase()} reconciles over whole ${UNIT_WORDS[model.per]}, ` +
            `counted from ${period.from}`,
          'period',
        )
      }
      return { modelCents: safe(n * model.amountCents), additionalSupportCents: 0 }
    }
    case 'INDIVIDUALISED': {
      const days = fundedDaysByChild({
        placements: care.placements.filter((p) => p.childRef === model.childRef),
        period,
      }).get(model.childRef) ?? 0
      return { modelCents: safe(days * model.ratePerDayCents), additionalSupportCents: 0 }
    }
    case 'DYNAMIC': {
      const d = dynamicFunding({
        ratePerChildPerDayCents: model.generalSupportRateCents,
        placements: [...care.placements],
        period,
        additionalRates: [...(care.additionalRates ?? [])],
      })
      const additional = d.children.reduce((n, c) => n + c.additionalCents, 0)
      return { modelCents: d.totalCents - additional, additionalSupportCents: additional }
    }
  }
}

// ─── Agreeing funding: only once approved ───────────────────────────────────────────────────────

/**
 * "Budget managers can agree any funding or contracts once s396 approval is obtained": null when
 * `actor` may agree funding for a partner holding `partnerAccreditations` at `at`, else why not.
 */
export function fundingAgreementRefusal(
  actor: Actor,
  carePartnerOrganisationId: string,
  partnerAccreditations: readonly ProviderAccreditation[],
  at: Date,
): AppError | null {
  if (actor.kind !== 'user') return new AppError('UNAUTHENTICATED')
  if (!can(actor, 'funding:agree')) return new AppError('FORBIDDEN', 'Only a budget manager may agree funding.')
  if (actor.memberships.some((m) => m.organisationId === carePartnerOrganisationId)) {
    return new AppError('FORBIDDEN', 'Nobody may agree funding for their own organisation.')
  }
  const problems = accreditationProblems(partnerAccreditations, S396_APPROVAL_REQUIREMENT, at, 'Agreeing funding')
  if (problems.length > 0) {
    return new AppError(
      'CONFLICT',
      'Funding can be agreed only once the DCE Māori, Partnerships and Communities has approved the ' +
        `organisation as an s396 care partner: ${problems.map((p) => p.message).join('; ')}.`,
      undefined,
      problems.map((p) => ({ code: p.code, message: p.message })),
    )
  }
  return null
}

export const ZAgreeFundingModelInput = z.object({
  careAgreementId: uuidField('careAgreementId'),
  model: ZFundingModel,
})
export type TAgreeFundingModelInput = z.input<typeof ZAgreeFundingModelInput>

export interface AgreedFundingModel {
  careAgreementId: string
  carePartnerOrganisationId: string
  model: FundingModel
  agreedAt: Date
  agreedByUserId: string
}

/** Records a care agreement's funding model, if the actor and the partner's approval allow it. */
export function agreeFundingModel(args: {
  input: TAgreeFundingModelInput
  carePartnerOrganisationId: string
  partnerAccreditations: readonly ProviderAccreditation[]
  actor: Actor
  at: Date
}): { ok: true; agreed: AgreedFundingModel } | { ok: false; error: AppError } {
  const refusal = fundingAgreementRefusal(args.actor, args.carePartnerOrganisationId, args.partnerAccreditations, args.at)
  if (refusal) return { ok: false, error: refusal }
  const parsed = ZAgreeFundingModelInput.safeParse(args.input)
  if (!parsed.success) return { ok: false, error: validationError(parsed.error.issues) }
  return {
    ok: true,
    agreed: {
      careAgreementId: parsed.data.careAgreementId,
      carePartnerOrganisationId: args.carePartnerOrganisationId,
      model: parsed.data.model,
      agreedAt: args.at,
      agreedByUserId: args.actor.kind === 'user' ? args.actor.user.id : '',
    },
  }
}

// ─── Ad-hoc requests and additional support rates ───────────────────────────────────────────────

export const FUNDING_REQUEST_KINDS = ['AD_HOC', 'ADDITIONAL_SUPPORT_RATE'] as const
export type FundingRequestKind = (typeof FUNDING_REQUEST_KINDS)[number]

export const ZFundingRequestInput = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('AD_HOC'),
      careAgreementId: uuidField('careAgreementId'),
      childRef: referenceField('childRef').optional(),
      amountCents: centsField('amountCents', MAX_AD_HOC_CENTS),
      /** The day the cost falls on: it is reconciled in the period containing it. */
      incurredOn: isoDateField('incurredOn'),
      reason: textField('reason', 2000, 'reason is required: say what the funding is for'),
    }),
    z
      .object({
        kind: z.literal('ADDITIONAL_SUPPORT_RATE'),
        careAgreementId: uuidField('careAgreementId'),
        childRef: referenceField('childRef'),
        ratePerDayCents: centsField('ratePerDayCents', MAX_DAILY_RATE_CENTS),
        from: isoDateField('from'),
        to: isoDateField('to').nullable(),
        reason: textField('reason', 2000, 'reason is required: say what the additional support is for'),
      })
      .refine((r) => r.to === null || r.from < r.to, { error: 'to must be after from', path: ['to'] }),
  ],
  { error: () => `kind must be one of ${listOr(FUNDING_REQUEST_KINDS)}` },
)
export type TFundingRequestInput = z.input<typeof ZFundingRequestInput>
export type FundingRequestDetail = z.infer<typeof ZFundingRequestInput>

export const FUNDING_REQUEST_STATUSES = ['REQUESTED', 'APPROVED', 'DECLINED', 'WITHDRAWN'] as const
export type FundingRequestStatus = (typeof FUNDING_REQUEST_STATUSES)[number]

export interface FundingRequest {
  id: string
  carePartnerOrganisationId: string
  detail: FundingRequestDetail
  status: FundingRequestStatus
  requestedAt: Date
  requestedByUserId: string
  /**
   * The decision: `agreedCents` is the amount (ad-hoc) or the daily rate (additional support)
   * agreed, which may be less than asked.
   */
  decision: { at: Date; byUserId: string; agreedCents: number | null; reason: string | null } | null
}

export type FundingRequestDecision =
  | { ok: true; request: FundingRequest }
  | { ok: false; error: AppError }

/** The care partner's administrators ask; so may Oranga Tamariki officers on the child's behalf. */
export function requestFunding(args: {
  id: string
  carePartnerOrganisationId: string
  input: TFundingRequestInput
  actor: Actor
  at: Date
}): FundingRequestDecision {
  const { actor } = args
  if (actor.kind !== 'user') return { ok: false, error: new AppError('UNAUTHENTICATED') }
  const partnerAdmin = actor.memberships.some(
    (m) => m.organisationId === args.carePartnerOrganisationId && m.role === 'PROVIDER_ADMIN',
  )
  if (!partnerAdmin && !actor.roles.includes('OT_OFFICER')) {
    return {
      ok: false,
      error: new AppError(
        'FORBIDDEN',
        'Only an administrator of the care partner or an Oranga Tamariki officer may request funding.',
      ),
    }
  }
  const parsed = ZFundingRequestInput.safeParse(args.input)
  if (!parsed.success) return { ok: false, error: validationError(parsed.error.issues) }
  return {
    ok: true,
    request: {
      id: args.id,
      carePartnerOrganisationId: args.carePartnerOrganisationId,
      detail: parsed.data,
      status: 'REQUESTED',
      requestedAt: args.at,
      requestedByUserId: actor.user.id,
      decision: null,
    },
  }
}

export const ZFundingRequestCommand = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('approve'),
      agreedCents: centsField('agreedCents', MAX_AD_HOC_CENTS).optional(),
      note: optionalTextField('note', 2000),
    }),
    z.object({ type: z.literal('decline'), reason: textField('reason', 2000, 'reason is required to decline') }),
    z.object({ type: z.literal('withdraw'), reason: optionalTextField('reason', 2000) }),
  ],
  { error: () => 'type must be one of approve, decline or withdraw' },
)
export type FundingRequestCommand = z.input<typeof ZFundingRequestCommand>

const requestedCents = (d: FundingRequestDetail) => (d.kind === 'AD_HOC' ? d.amountCents : d.ratePerDayCents)

/**
 * Approve (possibly for less than asked) or decline: a budget manager, not the requester, and only
 * while the partner's s396 approval stands. Withdraw: the requester, or the partner's administrator.
 * Only a REQUESTED request can be decided.
 */
export function decideFundingRequest(args: {
  request: FundingRequest
  command: FundingRequestCommand
  actor: Actor
  partnerAccreditations: readonly ProviderAccreditation[]
  at: Date
}): FundingRequestDecision {
  const { request, actor, at } = args
  if (actor.kind !== 'user') return { ok: false, error: new AppError('UNAUTHENTICATED') }
  const parsed = ZFundingRequestCommand.safeParse(args.command)
  if (!parsed.success) return { ok: false, error: validationError(parsed.error.issues) }
  const c = parsed.data
  if (c.type === 'withdraw') {
    const mine =
      actor.user.id === request.requestedByUserId ||
      actor.memberships.some(
        (m) => m.organisationId === request.carePartnerOrganisationId && m.role === 'PROVIDER_ADMIN',
      )
    if (!mine) {
      return {
        ok: false,
        error: new AppError('FORBIDDEN', 'Only the requester or the care partner’s administrator may withdraw a request.'),
      }
    }
  } else {
    const refusal = fundingAgreementRefusal(actor, request.carePartnerOrganisationId, args.partnerAccreditations, at)
    if (refusal) return { ok: false, error: refusal }
    if (actor.user.id === request.requestedByUserId) {
      return { ok: false, error: new AppError('FORBIDDEN', 'Someone other than the requester must decide a request.') }
    }
  }
  if (request.status !== 'REQUESTED') {
    return {
      ok: false,
      error: new AppError('CONFLICT', `This request is already ${request.status.toLowerCase()}.`),
    }
  }
  const asked = requestedCents(request.detail)
  if (c.type === 'approve' && c.agreedCents !== undefined && c.agreedCents > asked) {
    return {
      ok: false,
      error: new AppError(
        'VALIDATION_FAILED',
        `agreedCents must not be more than the ${asked} cents requested`,
        'agreedCents',
      ),
    }
  }
  const byUserId = actor.user.id
  const decision =
    c.type === 'approve'
      ? { at, byUserId, agreedCents: c.agreedCents ?? asked, reason: c.note ?? null }
      : c.type === 'decline'
        ? { at, byUserId, agreedCents: null, reason: c.reason }
        : { at, byUserId, agreedCents: null, reason: c.reason ?? null }
  const status: FundingRequestStatus =
    c.type === 'approve' ? 'APPROVED' : c.type === 'decline' ? 'DECLINED' : 'WITHDRAWN'
  return { ok: true, request: { ...request, status, decision } }
}

/** The additional support rates agreed so far, as the Dynamic model counts them. */
export function agreedAdditionalRates(requests: readonly FundingRequest[]): AdditionalRate[] {
  return requests.flatMap((r) =>
    r.status === 'APPROVED' && r.detail.kind === 'ADDITIONAL_SUPPORT_RATE' && r.decision?.agreedCents
      ? [{ childRef: r.detail.childRef, ratePerDayCents: r.decision.agreedCents, from: r.detail.from, to: r.detail.to }]
      : [],
  )
}

// ─── Reconciliation ─────────────────────────────────────────────────────────────────────────────

export const RECONCILIATION_FLAGS = [
  'CLAIMED_MORE_THAN_AGREED',
  'CLAIMED_LESS_THAN_AGREED',
  'PAYMENT_OUTSTANDING',
  'PAID_MORE_THAN_CLAIMED',
] as const
export type ReconciliationFlag = (typeof RECONCILIATION_FLAGS)[number]

export const ZReconciliationInput = z.object({
  model: ZFundingModel,
  period: ZFundingPeriod,
  placements: placements.default([]),
  claims: z.array(z.object({ amountCents: nonNegativeCentsField('amountCents') }), says('claims', 'a list')).max(1000),
  payments: z
    .array(z.object({ amountCents: nonNegativeCentsField('amountCents') }), says('payments', 'a list'))
    .max(1000),
})
export type TReconciliationInput = z.input<typeof ZReconciliationInput>

export interface Reconciliation {
  period: FundingPeriod
  agreed: { modelCents: number; additionalSupportCents: number; adHocCents: number; totalCents: number }
  claimedCents: number
  paidCents: number
  /** Claimed less agreed: positive when the partner claimed more than the agreement covers. */
  claimedMinusAgreedCents: number
  /** Claimed less paid: positive when payment is still owed to the partner. */
  outstandingCents: number
  /** Empty when agreed, claimed and paid all match. */
  flags: ReconciliationFlag[]
}

/**
 * Agreed vs claimed vs paid for one period. Agreed is the model's amount, plus agreed additional
 * support rates (Dynamic), plus ad-hoc requests approved for costs on days within the period.
 * The flags are what the reconciliation and escalation processes act on.
 */
export function reconcileFundingPeriod(
  input: TReconciliationInput,
  requests: readonly FundingRequest[] = [],
): Reconciliation {
  const data = parseOrThrow(ZReconciliationInput, input)
  const { period } = data
  const relevant = requests.filter((r) => r.status === 'APPROVED')
  const { modelCents, additionalSupportCents } = modelAmountCents(data.model, period, {
    placements: data.placements,
    additionalRates: agreedAdditionalRates(relevant),
  })
  const adHocCents = relevant.reduce(
    (n, r) =>
      r.detail.kind === 'AD_HOC' && r.detail.incurredOn >= period.from && r.detail.incurredOn < period.to
        ? n + (r.decision?.agreedCents ?? 0)
        : n,
    0,
  )
  const agreedTotal = safe(modelCents + additionalSupportCents + adHocCents)
  const claimedCents = safe(data.claims.reduce((n, c) => n + c.amountCents, 0))
  const paidCents = safe(data.payments.reduce((n, p) => n + p.amountCents, 0))
  const flags: ReconciliationFlag[] = []
  if (claimedCents > agreedTotal) flags.push('CLAIMED_MORE_THAN_AGREED')
  if (claimedCents < agreedTotal) flags.push('CLAIMED_LESS_THAN_AGREED')
  if (paidCents < claimedCents) flags.push('PAYMENT_OUTSTANDING')
  if (paidCents > claimedCents) flags.push('PAID_MORE_THAN_CLAIMED')
  return {
    period,
    agreed: { modelCents, additionalSupportCents, adHocCents, totalCents: agreedTotal },
    claimedCents,
    paidCents,
    claimedMinusAgreedCents: claimedCents - agreedTotal,
    outstandingCents: claimedCents - paidCents,
    flags,
  }
}
