// The discretionary fund's rules for one grant request. Guidelines, "Discretionary Funding": the fund
// is for immediate hardship "when all other options of financial support, including Work and Income
// support services, have been exhausted ... or where there is a time critical imperative that
// prevents other options being fully explored". Assessment Criteria: the person or whānau "does not
// qualify for assistance through Work and Income i.e. an assessment has been done using the Check
// what you might get tool and a discussion has been had with an MSD case manager to confirm
// eligibility"; neither is required "if there is a time-critical imperative".
//
// Every reason is returned, not the first: a connector fixing a request should see all that is
// wrong at once. Money is integer cents throughout; the balance a grant would leave is never below
// zero. Under concurrent grants that last guarantee is the database's (a conditional debit); this
// rule is the check the debit repeats.
import { GRANT_NEED_CATEGORY_INFO, isGrantNeedCategory, type GrantNeedCategory } from './need-categories'
import { MAX_GRANT_CENTS, formatCents } from './money'

/** Outcomes of MSD's "Check what you might get" tool, as the connector records them. */
export const CHECK_WHAT_YOU_MIGHT_GET_OUTCOMES = ['NOT_ELIGIBLE', 'MAY_BE_ELIGIBLE'] as const
export type CheckWhatYouMightGetOutcome = (typeof CHECK_WHAT_YOU_MIGHT_GET_OUTCOMES)[number]

export interface CheckWhatYouMightGetRecord {
  done: boolean
  at: Date
  outcome: CheckWhatYouMightGetOutcome
}

export interface CaseManagerConfirmation {
  /** The MSD case manager who confirmed the person does not qualify. */
  name: string
  at: Date
}

/**
 * Either both Work and Income records, or a time-critical imperative. Typed loosely on purpose: a
 * request missing one record must still reach the rule so the connector is told which is missing.
 */
export interface GrantEligibility {
  checkWhatYouMightGet?: CheckWhatYouMightGetRecord | null
  caseManagerConfirmation?: CaseManagerConfirmation | null
  timeCriticalImperative?: string | null
}

export interface GrantAssessmentInput {
  category: string
  amountCents: number
  /** The connector's fund balance before this grant, in cents. */
  balanceCents: number
  eligibility: GrantEligibility
  /** When the request is assessed; given, a record dated after it is refused. */
  assessedAt?: Date
}

/** A time-critical imperative must say what it is: a word or two does not record one. */
export const MIN_TIME_CRITICAL_IMPERATIVE_LENGTH = 15

export type GrantReasonCode =
  | 'UNKNOWN_CATEGORY'
  | 'FORBIDDEN_CATEGORY'
  | 'AMOUNT_NOT_WHOLE_CENTS'
  | 'AMOUNT_NOT_POSITIVE'
  | 'AMOUNT_OVER_MAXIMUM'
  | 'INSUFFICIENT_BALANCE'
  | 'CHECK_WHAT_YOU_MIGHT_GET_MISSING'
  | 'CHECK_WHAT_YOU_MIGHT_GET_NOT_DONE'
  | 'MAY_QUALIFY_FOR_WORK_AND_INCOME'
  | 'CASE_MANAGER_CONFIRMATION_MISSING'
  | 'CASE_MANAGER_NAME_MISSING'
  | 'TIME_CRITICAL_IMPERATIVE_TOO_SHORT'
  | 'RECORD_DATE_INVALID'
  | 'RECORD_DATE_IN_FUTURE'

export interface GrantReason {
  code: GrantReasonCode
  message: string
  /** Dotted path of the input field the reason is about, as the API reports fields. */
  field: string
}

/** Where the app points the connector instead (Guidelines: food goes to Work and Income or a food provider). */
export type GrantSuggestion = 'WORK_AND_INCOME_OR_FOOD_PROVIDER' | 'WORK_AND_INCOME'

export type GrantBasis = 'NOT_ELIGIBLE_FOR_WORK_AND_INCOME' | 'TIME_CRITICAL_IMPERATIVE'

export type GrantDecision =
  | {
      approved: true
      category: GrantNeedCategory
      amountCents: number
      balanceAfterCents: number
      basis: GrantBasis
    }
  | { approved: false; reasons: GrantReason[]; suggest?: GrantSuggestion }

const validTime = (d: unknown): d is Date => d instanceof Date && Number.isFinite(d.getTime())

function eligibilityReasons(
  e: GrantEligibility,
  assessedAt: Date | undefined,
): {
  reasons: GrantReason[]
  basis: GrantBasis | null
  suggest?: GrantSuggestion
} {
  const imperative = e.timeCriticalImperative?.trim() ?? ''
  const dated = (at: unknown, field: string): GrantReason[] => {
    if (!validTime(at))
      return [{ code: 'RECORD_DATE_INVALID', message: `${field} must be a valid date and time`, field }]
    if (assessedAt && at.getTime() > assessedAt.getTime()) {
      return [{ code: 'RECORD_DATE_IN_FUTURE', message: `${field} is after the request is assessed`, field }]
    }
    return []
  }

  const records: GrantReason[] = []
  let suggest: GrantSuggestion | undefined
  const check = e.checkWhatYouMightGet
  if (!check) {
    records.push({
      code: 'CHECK_WHAT_YOU_MIGHT_GET_MISSING',
      message:
        'Record the result of the "Check what you might get" assessment, or the time-critical imperative that means there is no time for it',
      field: 'eligibility.checkWhatYouMightGet',
    })
  } else if (!check.done) {
    records.push({
      code: 'CHECK_WHAT_YOU_MIGHT_GET_NOT_DONE',
      message: 'The "Check what you might get" assessment has not been done yet',
      field: 'eligibility.checkWhatYouMightGet.done',
    })
  } else {
    records.push(...dated(check.at, 'eligibility.checkWhatYouMightGet.at'))
    if (check.outcome !== 'NOT_ELIGIBLE') {
      suggest = 'WORK_AND_INCOME'
      records.push({
        code: 'MAY_QUALIFY_FOR_WORK_AND_INCOME',
        message:
          '"Check what you might get" says the whānau may qualify for Work and Income help: the fund is for when that is exhausted, so apply there first',
        field: 'eligibility.checkWhatYouMightGet.outcome',
      })
    }
  }
  const confirmation = e.caseManagerConfirmation
  if (!confirmation) {
    records.push({
      code: 'CASE_MANAGER_CONFIRMATION_MISSING',
      message: "Record the MSD case manager's confirmation of eligibility (their name and when)",
      field: 'eligibility.caseManagerConfirmation',
    })
  } else {
    if (!confirmation.name?.trim()) {
      records.push({
        code: 'CASE_MANAGER_NAME_MISSING',
        message: 'Record the name of the MSD case manager who confirmed eligibility',
        field: 'eligibility.caseManagerConfirmation.name',
      })
    }
    records.push(...dated(confirmation.at, 'eligibility.caseManagerConfirmation.at'))
  }

  // Guidelines: with a time-critical imperative the assessment criteria need not be applied.
  if (records.length === 0) return { reasons: [], basis: 'NOT_ELIGIBLE_FOR_WORK_AND_INCOME' }
  if (imperative.length >= MIN_TIME_CRITICAL_IMPERATIVE_LENGTH)
    return { reasons: [], basis: 'TIME_CRITICAL_IMPERATIVE' }
  const reasons = [...records]
  if (imperative.length > 0) {
    reasons.push({
      code: 'TIME_CRITICAL_IMPERATIVE_TOO_SHORT',
      message: `Describe the time-critical imperative in at least ${MIN_TIME_CRITICAL_IMPERATIVE_LENGTH} characters: what cannot wait, and why`,
      field: 'eligibility.timeCriticalImperative',
    })
  }
  return suggest ? { reasons, basis: null, suggest } : { reasons, basis: null }
}

/**
 * Decides a grant request against the guideline rules: the need category, the amount (whole cents,
 * more than zero, at most MAX_GRANT_CENTS and at most the balance) and the eligibility records.
 * Throws RangeError for a balance that is not a whole number of cents at or above zero: that is a
 * broken ledger, not a request to refuse.
 */
export function assessGrantRequest(input: GrantAssessmentInput): GrantDecision {
  const { category, amountCents, balanceCents, eligibility, assessedAt } = input
  if (!Number.isSafeInteger(balanceCents) || balanceCents < 0) {
    throw new RangeError(`balanceCents must be a whole number of cents, 0 or more; got ${balanceCents}`)
  }
  const reasons: GrantReason[] = []
  let suggest: GrantSuggestion | undefined

  if (!isGrantNeedCategory(category)) {
    reasons.push({
      code: 'UNKNOWN_CATEGORY',
      message: `"${category}" is not a need category`,
      field: 'category',
    })
  } else if (!GRANT_NEED_CATEGORY_INFO[category].allowed) {
    reasons.push({
      code: 'FORBIDDEN_CATEGORY',
      message: GRANT_NEED_CATEGORY_INFO[category].rule,
      field: 'category',
    })
    if (category === 'FOOD') suggest = 'WORK_AND_INCOME_OR_FOOD_PROVIDER'
  }

  if (!Number.isSafeInteger(amountCents)) {
    reasons.push({
      code: 'AMOUNT_NOT_WHOLE_CENTS',
      message: 'amountCents must be a whole number of cents',
      field: 'amountCents',
    })
  } else if (amountCents <= 0) {
    reasons.push({
      code: 'AMOUNT_NOT_POSITIVE',
      message: 'The amount must be more than $0.00',
      field: 'amountCents',
    })
  } else {
    if (amountCents > MAX_GRANT_CENTS) {
      reasons.push({
        code: 'AMOUNT_OVER_MAXIMUM',
        message: `A single grant can be at most ${formatCents(MAX_GRANT_CENTS)}; this asks for ${formatCents(amountCents)}`,
        field: 'amountCents',
      })
    }
    // The balance can never go negative.
    if (amountCents > balanceCents) {
      reasons.push({
        code: 'INSUFFICIENT_BALANCE',
        message: `The fund has ${formatCents(balanceCents)} left; this grant needs ${formatCents(amountCents)}`,
        field: 'amountCents',
      })
    }
  }

  const eligible = eligibilityReasons(eligibility ?? {}, validTime(assessedAt) ? assessedAt : undefined)
  reasons.push(...eligible.reasons)
  suggest ??= eligible.suggest

  if (reasons.length > 0 || eligible.basis === null) {
    return suggest ? { approved: false, reasons, suggest } : { approved: false, reasons }
  }
  return {
    approved: true,
    category: category as GrantNeedCategory,
    amountCents,
    balanceAfterCents: balanceCents - amountCents,
    basis: eligible.basis,
  }
}
