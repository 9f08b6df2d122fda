// The referral lifecycle. Statuses follow the FHIR SDOH Clinical Care "Task" (draft, requested,
// accepted, rejected, in-progress, on-hold, completed, failed, cancelled), adapted to the MSD
// Community Connection Service guidelines:
// - Service Agreements: the provider must "confirm whether you will accept the referral", so a sent
//   referral waits for ACCEPTED or DECLINED (with a reason the sender can act on);
// - Service Agreements: "try three attempts ... to reach the client", so contact attempts are
//   recorded on an ACCEPTED referral, which fails with UNABLE_TO_CONTACT when nobody is reached;
// - Protecting referral information: a referral is the sender's disclosure, so only the sender
//   (or a national administrator) withdraws it (CANCELLED) once it has left the recipient's hands.
// REDIRECTED closes this referral; the use case creates the linked new one (Referral.redirectedFromId).
// The table is data so the web app can show exactly the actions the rules allow.
import { AppError } from '../errors'
import { capabilitiesOf, type Role } from '../roles'
import {
  CONTACT_METHODS,
  CONTACT_RESULTS,
  REFERRAL_FAILURE_REASONS,
  REFERRAL_OUTCOMES,
  type ContactMethod,
  type ContactResult,
  type ReferralEventType,
  type ReferralFailureReason,
  type ReferralOutcome,
  type ReferralStatus,
} from './referral-enums'

export type ReferralCommand =
  | { type: 'send' }
  | { type: 'accept' }
  | { type: 'decline'; reason: string }
  | { type: 'recordContactAttempt'; method: ContactMethod; result: ContactResult }
  | { type: 'start' }
  | { type: 'putOnHold'; reason: string }
  | { type: 'resume' }
  | { type: 'complete'; outcome: ReferralOutcome }
  | { type: 'fail'; reason: ReferralFailureReason }
  | { type: 'cancel'; reason: string }
  | { type: 'redirect'; reason: string }

export type ReferralCommandType = ReferralCommand['type']

export const REFERRAL_COMMAND_TYPES = [
  'send',
  'accept',
  'decline',
  'recordContactAttempt',
  'start',
  'putOnHold',
  'resume',
  'complete',
  'fail',
  'cancel',
  'redirect',
] as const satisfies readonly ReferralCommandType[]

/**
 * Where the person acting stands: SENDER is a member of the sending organisation, RECIPIENT a
 * member of the receiving organisation, OTHER anyone else. The use case works this out from the
 * actor's memberships and the referral's fromOrganisationId and toOrganisationId.
 */
export interface ReferralParty {
  side: 'SENDER' | 'RECIPIENT' | 'OTHER'
  roles: readonly Role[]
}

/**
 * Who a transition allows:
 * SENDER: the sending side holding referral:send (connectors, triage and OT officers);
 * RECIPIENT: the receiving side holding referral:respond (provider intake; the community connector
 *   at a Community Connection Service host, answering MSD triage);
 * NATIONAL_ADMIN: a national administrator, from any organisation.
 */
export type ReferralActor = 'SENDER' | 'RECIPIENT' | 'NATIONAL_ADMIN'

/** What a command must carry beyond its type, checked by `decide`. */
export type ReferralRequirement = 'reason' | 'failureReason' | 'outcome' | 'contactAttempt'

export interface ReferralTransition {
  from: ReferralStatus
  command: ReferralCommandType
  to: ReferralStatus
  event: ReferralEventType
  by: readonly ReferralActor[]
  requires: ReferralRequirement | null
}

export const OPEN_STATUSES = [
  'DRAFT',
  'SENT',
  'ACCEPTED',
  'IN_PROGRESS',
  'ON_HOLD',
] as const satisfies readonly ReferralStatus[]
export const TERMINAL_STATUSES = [
  'DECLINED',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'REDIRECTED',
] as const satisfies readonly ReferralStatus[]

export function isOpenStatus(status: ReferralStatus): boolean {
  return (OPEN_STATUSES as readonly ReferralStatus[]).includes(status)
}

export function isTerminalStatus(status: ReferralStatus): boolean {
  return (TERMINAL_STATUSES as readonly ReferralStatus[]).includes(status)
}

const SENDER_OR_ADMIN = ['SENDER', 'NATIONAL_ADMIN'] as const
const ANYONE_WHO_MAY_REDIRECT = ['RECIPIENT', 'SENDER', 'NATIONAL_ADMIN'] as const

const t = (
  from: ReferralStatus,
  command: ReferralCommandType,
  to: ReferralStatus,
  event: ReferralEventType,
  by: readonly ReferralActor[],
  requires: ReferralRequirement | null = null,
): ReferralTransition => ({ from, command, to, event, by, requires })

/** Every allowed step, one row per (from status, command). Anything not here is refused. */
export const REFERRAL_TRANSITIONS: readonly ReferralTransition[] = [
  t('DRAFT', 'send', 'SENT', 'SENT', ['SENDER']),
  t('DRAFT', 'cancel', 'CANCELLED', 'CANCELLED', SENDER_OR_ADMIN, 'reason'),

  // Guidelines, Service Agreements: the provider confirms whether it will accept the referral.
  t('SENT', 'accept', 'ACCEPTED', 'ACCEPTED', ['RECIPIENT']),
  t('SENT', 'decline', 'DECLINED', 'DECLINED', ['RECIPIENT'], 'reason'),
  t('SENT', 'cancel', 'CANCELLED', 'CANCELLED', SENDER_OR_ADMIN, 'reason'),
  t('SENT', 'redirect', 'REDIRECTED', 'REDIRECTED', ANYONE_WHO_MAY_REDIRECT, 'reason'),

  // Guidelines, Service Agreements: three attempts over 12 hours to reach the person.
  t('ACCEPTED', 'recordContactAttempt', 'ACCEPTED', 'CONTACT_ATTEMPTED', ['RECIPIENT'], 'contactAttempt'),
  t('ACCEPTED', 'start', 'IN_PROGRESS', 'STARTED', ['RECIPIENT']),
  t('ACCEPTED', 'fail', 'FAILED', 'FAILED', ['RECIPIENT'], 'failureReason'),
  t('ACCEPTED', 'cancel', 'CANCELLED', 'CANCELLED', SENDER_OR_ADMIN, 'reason'),
  t('ACCEPTED', 'redirect', 'REDIRECTED', 'REDIRECTED', ANYONE_WHO_MAY_REDIRECT, 'reason'),

  t('IN_PROGRESS', 'putOnHold', 'ON_HOLD', 'PUT_ON_HOLD', ['RECIPIENT'], 'reason'),
  t('IN_PROGRESS', 'complete', 'COMPLETED', 'COMPLETED', ['RECIPIENT'], 'outcome'),
  t('IN_PROGRESS', 'fail', 'FAILED', 'FAILED', ['RECIPIENT'], 'failureReason'),
  t('IN_PROGRESS', 'cancel', 'CANCELLED', 'CANCELLED', SENDER_OR_ADMIN, 'reason'),
  // Once work has started the provider can no longer hand the referral on; the sender still can.
  t('IN_PROGRESS', 'redirect', 'REDIRECTED', 'REDIRECTED', SENDER_OR_ADMIN, 'reason'),

  t('ON_HOLD', 'resume', 'IN_PROGRESS', 'RESUMED', ['RECIPIENT']),
  t('ON_HOLD', 'fail', 'FAILED', 'FAILED', ['RECIPIENT'], 'failureReason'),
  t('ON_HOLD', 'cancel', 'CANCELLED', 'CANCELLED', SENDER_OR_ADMIN, 'reason'),
  t('ON_HOLD', 'redirect', 'REDIRECTED', 'REDIRECTED', SENDER_OR_ADMIN, 'reason'),
]

export type ReferralDecision =
  | { ok: true; from: ReferralStatus; to: ReferralStatus; event: ReferralEventType }
  | { ok: false; error: AppError }

/** The consent the referral relies on, as the lifecycle needs it. */
export interface ReferralConsentState {
  withdrawn: boolean
}

/**
 * Privacy Act 2020 and Guidelines, Protecting referral information: once the person withdraws
 * consent, no new work starts on their referral. What remains is to close it: the sender cancels,
 * the provider declines (not yet accepted), completes or fails it. Everything else is refused.
 */
export const COMMANDS_AFTER_WITHDRAWAL = [
  'decline',
  'complete',
  'fail',
  'cancel',
] as const satisfies readonly ReferralCommandType[]

const allowedAfterWithdrawal = (command: ReferralCommandType) =>
  (COMMANDS_AFTER_WITHDRAWAL as readonly ReferralCommandType[]).includes(command)

/** The detail code a refusal after withdrawal carries (error code CONFLICT). */
export const CONSENT_WITHDRAWN = 'CONSENT_WITHDRAWN'

/** The ways this party may act on a referral. */
export function referralActorsOf(party: ReferralParty): ReferralActor[] {
  const capabilities = capabilitiesOf(party.roles)
  const actors: ReferralActor[] = []
  if (party.side === 'SENDER' && capabilities.includes('referral:send')) actors.push('SENDER')
  if (party.side === 'RECIPIENT' && capabilities.includes('referral:respond')) actors.push('RECIPIENT')
  if (party.roles.includes('NATIONAL_ADMIN')) actors.push('NATIONAL_ADMIN')
  return actors
}

const ACTOR_WORDS: Record<ReferralActor, string> = {
  SENDER: 'the sending organisation’s staff who send referrals',
  RECIPIENT: 'the receiving organisation’s staff who respond to referrals',
  NATIONAL_ADMIN: 'a national administrator',
}

const VERBS: Record<ReferralCommandType, string> = {
  send: 'send',
  accept: 'accept',
  decline: 'decline',
  recordContactAttempt: 'record a contact attempt on',
  start: 'start',
  putOnHold: 'put on hold',
  resume: 'resume',
  complete: 'complete',
  fail: 'fail',
  cancel: 'cancel',
  redirect: 'redirect',
}

const REASON_PURPOSE: Partial<Record<ReferralCommandType, string>> = {
  decline: 'to decline',
  cancel: 'to cancel',
  putOnHold: 'to put a referral on hold',
  redirect: 'to redirect',
}

function listOr(words: readonly string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`
}

const isBlank = (v: unknown) => typeof v !== 'string' || v.trim().length === 0
const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (values as readonly string[]).includes(v)

function checkRequirement(command: ReferralCommand, requires: ReferralRequirement | null): AppError | null {
  // Read loosely: commands arrive from parsed input, but a caller may still pass a half-built one.
  const c = command as Record<string, unknown>
  switch (requires) {
    case null:
      return null
    case 'reason':
      return isBlank(c.reason)
        ? new AppError(
            'VALIDATION_FAILED',
            `reason is required ${REASON_PURPOSE[command.type] ?? ''}`.trim(),
            'reason',
          )
        : null
    case 'failureReason':
      return oneOf(REFERRAL_FAILURE_REASONS, c.reason)
        ? null
        : new AppError(
            'VALIDATION_FAILED',
            `reason is required to fail a referral: ${listOr(REFERRAL_FAILURE_REASONS)}`,
            'reason',
          )
    case 'outcome':
      return oneOf(REFERRAL_OUTCOMES, c.outcome)
        ? null
        : new AppError(
            'VALIDATION_FAILED',
            `outcome is required to complete: ${listOr(REFERRAL_OUTCOMES)}`,
            'outcome',
          )
    case 'contactAttempt':
      if (!oneOf(CONTACT_METHODS, c.method)) {
        return new AppError(
          'VALIDATION_FAILED',
          `method is required to record a contact attempt: ${listOr(CONTACT_METHODS)}`,
          'method',
        )
      }
      return oneOf(CONTACT_RESULTS, c.result)
        ? null
        : new AppError(
            'VALIDATION_FAILED',
            `result is required to record a contact attempt: ${listOr(CONTACT_RESULTS)}`,
            'result',
          )
  }
}

/**
 * Whether `party` may apply `command` to a referral in `status`, and if so the new status and the
 * event to record. Checks, in order: may this party ever do this (FORBIDDEN), does the status
 * allow it (CONFLICT), may this party do it from this status (FORBIDDEN), is the command complete
 * (VALIDATION_FAILED, naming the field).
 */
export function decide(
  status: ReferralStatus,
  command: ReferralCommand,
  party: ReferralParty,
  consent: ReferralConsentState = { withdrawn: false },
): ReferralDecision {
  const rows = REFERRAL_TRANSITIONS.filter((r) => r.command === command.type)
  if (rows.length === 0) {
    return {
      ok: false,
      error: new AppError(
        'VALIDATION_FAILED',
        `type must be one of ${listOr(REFERRAL_COMMAND_TYPES)}`,
        'type',
      ),
    }
  }
  const actors = referralActorsOf(party)
  const mayEver = [...new Set(rows.flatMap((r) => r.by))]
  const verb = VERBS[command.type]
  if (!mayEver.some((a) => actors.includes(a))) {
    return {
      ok: false,
      error: new AppError(
        'FORBIDDEN',
        `only ${listOr(mayEver.map((a) => ACTOR_WORDS[a]))} may ${verb} a referral`,
      ),
    }
  }
  const row = rows.find((r) => r.from === status)
  if (!row) {
    return { ok: false, error: new AppError('CONFLICT', `cannot ${verb} a referral that is ${status}`) }
  }
  if (!row.by.some((a) => actors.includes(a))) {
    return {
      ok: false,
      error: new AppError(
        'FORBIDDEN',
        `only ${listOr(row.by.map((a) => ACTOR_WORDS[a]))} may ${verb} a referral that is ${status}`,
      ),
    }
  }
  if (consent.withdrawn && !allowedAfterWithdrawal(command.type)) {
    return {
      ok: false,
      error: new AppError(
        'CONFLICT',
        `cannot ${verb} a referral whose consent was withdrawn: it can only be closed or cancelled`,
        undefined,
        [{ code: CONSENT_WITHDRAWN, message: 'The person withdrew the consent this referral relies on.' }],
      ),
    }
  }
  const invalid = checkRequirement(command, row.requires)
  if (invalid) return { ok: false, error: invalid }
  return { ok: true, from: status, to: row.to, event: row.event }
}

/** The commands this party may apply now, in table order: the buttons the web app shows. */
export function availableCommands(
  status: ReferralStatus,
  party: ReferralParty,
  consent: ReferralConsentState = { withdrawn: false },
): ReferralCommandType[] {
  const actors = referralActorsOf(party)
  return REFERRAL_TRANSITIONS.filter(
    (r) =>
      r.from === status &&
      r.by.some((a) => actors.includes(a)) &&
      (!consent.withdrawn || allowedAfterWithdrawal(r.command)),
  ).map((r) => r.command)
}
