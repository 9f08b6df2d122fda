// Reaching the person, and keeping to the response deadline.
// Guidelines, Service Agreements: "When contacting the client, please try three attempts over
// 12-hour period to reach the client. After the third attempt, please contact your Regional Lead
// who may escalate it if it is necessary."
import { formatNzDateTime } from '../sla/nz-time'
import type { ContactResult, ReferralStatus } from './referral-enums'

/** Guidelines, Service Agreements: "three attempts". */
export const CONTACT_ATTEMPTS_BEFORE_ESCALATION = 3

/**
 * Guidelines, Service Agreements: "three attempts over 12-hour period". These are elapsed
 * (wall-clock) hours, nights and weekends included, unlike the response deadline (business hours):
 * the guideline ties referral sending to 8am-5pm weekdays but says nothing of the kind about
 * reaching a whānau who may be reachable only in the evening or at a weekend. Escalation needs the
 * three unsuccessful attempts to span at least this long, from the first unsuccessful attempt to
 * the latest: three missed calls ten minutes apart are not three real tries to reach someone.
 * The default; deployments pass `windowHours` (CONTACT_WINDOW_HOURS) to change it.
 */
export const CONTACT_WINDOW_HOURS = 12

const HOUR_MS = 3_600_000

export interface ContactAttemptView {
  attemptedAt: Date
  result: ContactResult
}

export interface ContactAttemptOptions {
  /** Elapsed hours the unsuccessful attempts must span before escalation; default CONTACT_WINDOW_HOURS. */
  windowHours?: number
}

export interface ContactAssessment {
  /** Attempts that did not reach the person (NO_ANSWER, LEFT_MESSAGE, WRONG_DETAILS). */
  unsuccessful: number
  reached: boolean
  /** ContactAttempt.attemptNumber for the next attempt recorded: one more than those so far. */
  nextAttemptNumber: number
  /**
   * Three unsuccessful attempts spanning at least the window (first unsuccessful to latest) and
   * nobody reached: contact the Regional Lead.
   */
  shouldEscalate: boolean
  /** First attempt + the window, by when the three attempts should be made; null before any. */
  windowEndsAt: Date | null
  /** The window has passed with fewer than three attempts and nobody reached. */
  behindSchedule: boolean
  /**
   * The earliest time an attempt made next counts toward escalation: `now` while fewer than two
   * attempts have failed (any attempt adds to the three); once the next failed attempt would be
   * the third or later, not before the first unsuccessful attempt + the window. Null once the
   * person is reached or escalation is due.
   */
  nextAttemptCountsFrom: Date | null
  /**
   * The earliest time escalation can become due (first unsuccessful attempt + the window); null
   * before any unsuccessful attempt, once the person is reached, or once it is due.
   */
  escalationPossibleAt: Date | null
  message: string
}

/**
 * Where the attempts to reach a person stand at `now`. Escalation: three unsuccessful attempts,
 * the latest at least `windowHours` elapsed hours after the first (attempts spread over more than
 * the window still count; `behindSchedule` says the pace slipped). A REACHED attempt ends the
 * matter, whatever came before or after it.
 */
export function assessContactAttempts(
  attempts: readonly ContactAttemptView[],
  now: Date,
  options: ContactAttemptOptions = {},
): ContactAssessment {
  const windowHours = options.windowHours ?? CONTACT_WINDOW_HOURS
  const windowMs = windowHours * HOUR_MS
  const sorted = [...attempts].sort((a, b) => a.attemptedAt.getTime() - b.attemptedAt.getTime())
  const reachedAt = sorted.findIndex((a) => a.result === 'REACHED')
  const reached = reachedAt >= 0
  const failed = sorted.filter((a) => a.result !== 'REACHED')
  const unsuccessful = failed.length
  const first = sorted[0]
  const windowEndsAt = first ? new Date(first.attemptedAt.getTime() + windowMs) : null
  const firstFailed = failed[0]
  const lastFailed = failed[failed.length - 1]
  const spanMs =
    firstFailed && lastFailed ? lastFailed.attemptedAt.getTime() - firstFailed.attemptedAt.getTime() : 0
  const shouldEscalate = !reached && unsuccessful >= CONTACT_ATTEMPTS_BEFORE_ESCALATION && spanMs >= windowMs
  const behindSchedule =
    !reached &&
    unsuccessful < CONTACT_ATTEMPTS_BEFORE_ESCALATION &&
    windowEndsAt !== null &&
    now.getTime() > windowEndsAt.getTime()
  const nextAttemptNumber = attempts.length + 1
  const open = !reached && !shouldEscalate
  const escalationPossibleAt =
    open && firstFailed ? new Date(firstFailed.attemptedAt.getTime() + windowMs) : null
  let nextAttemptCountsFrom: Date | null = null
  if (open) {
    const completes = unsuccessful + 1 >= CONTACT_ATTEMPTS_BEFORE_ESCALATION
    nextAttemptCountsFrom =
      completes && escalationPossibleAt && escalationPossibleAt.getTime() > now.getTime()
        ? escalationPossibleAt
        : now
  }

  let message: string
  if (reached) {
    message = `The person was reached on attempt ${reachedAt + 1}.`
  } else if (shouldEscalate) {
    message =
      `${unsuccessful} attempts over ${windowHours} hours have not reached the person. ` +
      'Contact your Regional Lead, who may escalate it.'
  } else if (!windowEndsAt) {
    message = `No contact attempts yet. Make three attempts over ${windowHours} hours to reach the person.`
  } else if (unsuccessful >= CONTACT_ATTEMPTS_BEFORE_ESCALATION && escalationPossibleAt) {
    message =
      `${unsuccessful} unsuccessful attempts, all within ${windowHours} hours of the first. ` +
      `Try again from ${formatNzDateTime(escalationPossibleAt)}; if that attempt fails too, ` +
      'contact your Regional Lead.'
  } else {
    const left = CONTACT_ATTEMPTS_BEFORE_ESCALATION - unsuccessful
    const made = `${unsuccessful} unsuccessful attempt${unsuccessful === 1 ? '' : 's'}.`
    if (behindSchedule) {
      message =
        `${made} The ${windowHours} hours since the first attempt ended ${formatNzDateTime(windowEndsAt)}; ` +
        `make attempt ${nextAttemptNumber} now.`
    } else if (left >= 2) {
      message = `${made} Make ${left} more attempts over the ${windowHours} hours to ${formatNzDateTime(windowEndsAt)}.`
    } else if (escalationPossibleAt && escalationPossibleAt.getTime() > now.getTime()) {
      message =
        `${made} Make the third attempt from ${formatNzDateTime(escalationPossibleAt)}, ` +
        `${windowHours} hours after the first.`
    } else {
      message = `${made} Make one more attempt.`
    }
  }
  return {
    unsuccessful,
    reached,
    nextAttemptNumber,
    shouldEscalate,
    windowEndsAt,
    behindSchedule,
    nextAttemptCountsFrom,
    escalationPossibleAt,
    message,
  }
}

// ─── Response deadline ──────────────────────────────────────────────────────────────────────────

/**
 * Warn this long before the deadline. Wall-clock hours, an approximation of two business hours:
 * near the deadline the two differ only when the deadline falls within two hours of an opening.
 */
export const DUE_SOON_HOURS = 2

export type SlaStatus = 'ON_TIME' | 'DUE_SOON' | 'OVERDUE' | 'MET' | 'MISSED' | 'NOT_APPLICABLE'

export interface SlaView {
  status: ReferralStatus
  /** Referral.respondBy: 12 business hours after sending; null until sent. */
  respondBy: Date | null
  /** Referral.respondedAt: when the recipient accepted, declined or redirected; null until then. */
  respondedAt: Date | null
  /** Referral.closedAt: when a referral the recipient never answered was cancelled or redirected. */
  closedAt?: Date | null
}

/**
 * The accept-or-decline deadline at `now` (Guidelines, Service Agreements: within 12 hours).
 * - Answered: MET if by the deadline (inclusive), else MISSED.
 * - Waiting (SENT): OVERDUE after the deadline, DUE_SOON within two hours of it, else ON_TIME.
 * - Never sent (no deadline): NOT_APPLICABLE.
 * - Closed by the sender before any answer: MISSED if closed after the deadline (the provider had
 *   let it pass), else NOT_APPLICABLE (the provider's time had not run out).
 */
export function slaStatus(referral: SlaView, now: Date): SlaStatus {
  const { respondBy, respondedAt } = referral
  if (respondBy === null) return 'NOT_APPLICABLE'
  const due = respondBy.getTime()
  if (respondedAt !== null) return respondedAt.getTime() <= due ? 'MET' : 'MISSED'
  if (referral.status === 'SENT') {
    const t = now.getTime()
    if (t > due) return 'OVERDUE'
    return due - t <= DUE_SOON_HOURS * HOUR_MS ? 'DUE_SOON' : 'ON_TIME'
  }
  const closedAt = referral.closedAt ?? null
  return closedAt !== null && closedAt.getTime() > due ? 'MISSED' : 'NOT_APPLICABLE'
}
