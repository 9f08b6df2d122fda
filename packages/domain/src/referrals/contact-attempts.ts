// Reaching the person, and keeping to the response deadline.
// Guidelines, Service Agreements: "When contacting the client, please try three attempts over
// 12-hour period to reach the client. After the third attempt, please contact your Regional Lead
// who may escalate it if it is necessary."
import { formatNzDateTime } from '../sla/nz-time'
import type { ContactResult, ReferralStatus } from './referral-enums'

/** Guidelines, Service Agreements: "three attempts". */
export const CONTACT_ATTEMPTS_BEFORE_ESCALATION = 3

/**
 * Guidelines, Service Agreements: "over 12-hour period". These are wall-clock hours from the first
 * attempt, nights and weekends included, unlike the response deadline (business hours): the
 * guideline ties referral sending to 8am-5pm weekdays but says nothing of the kind about reaching a
 * whānau who may be self-isolating and reachable at any hour. The window sets the pace of the
 * attempts; it is not the trigger for escalation, which is the third unsuccessful attempt.
 */
export const CONTACT_WINDOW_HOURS = 12

const HOUR_MS = 3_600_000

export interface ContactAttemptView {
  attemptedAt: Date
  result: ContactResult
}

export interface ContactAssessment {
  /** Attempts that did not reach the person (NO_ANSWER, LEFT_MESSAGE, WRONG_DETAILS). */
  unsuccessful: number
  reached: boolean
  /** ContactAttempt.attemptNumber for the next attempt recorded: one more than those so far. */
  nextAttemptNumber: number
  /** Three unsuccessful attempts and nobody reached: contact the Regional Lead. */
  shouldEscalate: boolean
  /** First attempt + 12 wall-clock hours, by when the three attempts should be made; null before any. */
  windowEndsAt: Date | null
  /** The window has passed with fewer than three attempts and nobody reached. */
  behindSchedule: boolean
  message: string
}

/**
 * Where the attempts to reach a person stand at `now`. Escalation follows the guideline literally:
 * after the third unsuccessful attempt, whenever it was made (attempts spread over more than 12
 * hours still count; `behindSchedule` says the pace slipped). A REACHED attempt ends the matter,
 * whatever came before or after it.
 */
export function assessContactAttempts(attempts: readonly ContactAttemptView[], now: Date): ContactAssessment {
  const sorted = [...attempts].sort((a, b) => a.attemptedAt.getTime() - b.attemptedAt.getTime())
  const reachedAt = sorted.findIndex((a) => a.result === 'REACHED')
  const reached = reachedAt >= 0
  const unsuccessful = sorted.filter((a) => a.result !== 'REACHED').length
  const first = sorted[0]
  const windowEndsAt = first ? new Date(first.attemptedAt.getTime() + CONTACT_WINDOW_HOURS * HOUR_MS) : null
  const shouldEscalate = !reached && unsuccessful >= CONTACT_ATTEMPTS_BEFORE_ESCALATION
  const behindSchedule =
    !reached &&
    unsuccessful < CONTACT_ATTEMPTS_BEFORE_ESCALATION &&
    windowEndsAt !== null &&
    now.getTime() > windowEndsAt.getTime()
  const nextAttemptNumber = attempts.length + 1

  let message: string
  if (reached) {
    message = `The person was reached on attempt ${reachedAt + 1}.`
  } else if (shouldEscalate) {
    message =
      `${unsuccessful} attempts have not reached the person. ` +
      'Contact your Regional Lead, who may escalate it.'
  } else if (!windowEndsAt) {
    message = 'No contact attempts yet. Make up to three attempts over 12 hours to reach the person.'
  } else {
    const left = CONTACT_ATTEMPTS_BEFORE_ESCALATION - unsuccessful
    const made = `${unsuccessful} unsuccessful attempt${unsuccessful === 1 ? '' : 's'}.`
    message = behindSchedule
      ? `${made} The 12 hours for three attempts ended ${formatNzDateTime(windowEndsAt)}; ` +
        `make attempt ${nextAttemptNumber} now.`
      : `${made} Make ${left === 1 ? 'one more attempt' : `${left} more attempts`} by ` +
        `${formatNzDateTime(windowEndsAt)}.`
  }
  return { unsuccessful, reached, nextAttemptNumber, shouldEscalate, windowEndsAt, behindSchedule, message }
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
