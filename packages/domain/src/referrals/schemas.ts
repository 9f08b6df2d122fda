// Input schemas for the referral, person and consent use cases: one per input, shared by the REST
// route and the GraphQL mutation (Conventions 6). Every message names its field, because the API
// reports only the first failing one ("reason: reason is required to decline").
import { z } from 'zod'
import { CONSENT_METHODS, INFORMATION_KINDS } from '../consent/consent-enums'
import { MESSAGE_LANGUAGES, PERSON_MESSAGE_CHANNELS } from '../person-messages/status-messages'
import { nzDateOf } from '../sla/nz-time'
import {
  CONTACT_METHODS,
  CONTACT_RESULTS,
  REFERRAL_FAILURE_REASONS,
  REFERRAL_OUTCOMES,
  REFERRAL_PRIORITIES,
} from './referral-enums'

// ─── Field builders ─────────────────────────────────────────────────────────────────────────────

/** "x is required" when missing, else "x must be <what>". */
const says = (field: string, what: string) => ({
  error: (iss: { input?: unknown }) =>
    iss.input === undefined ? `${field} is required` : `${field} must be ${what}`,
})

const listOr = (values: readonly string[]) =>
  values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`

const uuid = (field: string) => z.uuid(says(field, 'a UUID'))

const oneOf = <const T extends readonly [string, ...string[]]>(field: string, values: T) =>
  z.enum(values, says(field, `one of ${listOr(values)}`))

/** Required text, trimmed: blank counts as missing. */
const text = (
  field: string,
  { min = 1, max }: { min?: number; max: number },
  missing = `${field} is required`,
) => {
  let s = z
    .string({ error: (iss) => (iss.input === undefined ? missing : `${field} must be text`) })
    .trim()
    .min(1, { error: missing })
  if (min > 1) s = s.min(min, { error: `${field} must be at least ${min} characters` })
  return s.max(max, { error: `${field} must be at most ${max} characters` })
}

/** Optional text, trimmed; a length limit only. */
const optionalText = (field: string, max: number) =>
  z
    .string(says(field, 'text'))
    .trim()
    .max(max, { error: `${field} must be at most ${max} characters` })
    .optional()

/** An ISO 8601 date and time with its offset ("2026-03-02T09:00:00+13:00" or "...Z"), as a Date. */
const instant = (field: string) =>
  z.iso
    .datetime({
      offset: true,
      ...says(field, 'an ISO 8601 date and time with an offset, e.g. 2026-03-02T09:00:00+13:00'),
    })
    .transform((s) => new Date(s))

/** A calendar date, kept as "YYYY-MM-DD" so no time zone can move it a day. */
const isoDate = (field: string) => z.iso.date(says(field, 'a date as YYYY-MM-DD'))

const uniqueList = <T extends z.ZodType>(field: string, item: T, what: string, max: number) =>
  z
    .array(item, says(field, 'a list'))
    .min(1, { error: `${field} must name at least one ${what}` })
    .max(max, { error: `${field} can name at most ${max}` })
    .refine((xs) => new Set(xs).size === xs.length, {
      error: `${field} must not name the same ${what} twice`,
    })

/** A reason a person must give; `purpose` finishes "reason is required ...". */
const reason = (purpose: string) => text('reason', { min: 3, max: 1000 }, `reason is required ${purpose}`)

const referralId = uuid('referralId')

// ─── Referrals ──────────────────────────────────────────────────────────────────────────────────

export const ZSendReferralInput = z.object({
  personId: uuid('personId'),
  consentId: uuid('consentId'),
  serviceId: uuid('serviceId'),
  sharedInformationKinds: uniqueList(
    'sharedInformationKinds',
    oneOf('sharedInformationKinds', INFORMATION_KINDS),
    'kind of information',
    INFORMATION_KINDS.length,
  ),
  needsSummary: optionalText('needsSummary', 2000),
  priority: oneOf('priority', REFERRAL_PRIORITIES).default('ROUTINE'),
  // A retried send with the same key returns the first referral (Referral @@unique idempotencyKey).
  idempotencyKey: z
    .string(says('idempotencyKey', 'text'))
    .regex(/^[A-Za-z0-9_-]{8,128}$/, { error: 'idempotencyKey must be 8 to 128 letters, digits, _ or -' })
    .optional(),
  // Sending despite a routing refusal needs a reason someone can review later.
  routingOverrideReason: z
    .string(says('routingOverrideReason', 'text'))
    .trim()
    .min(10, { error: 'routingOverrideReason must be at least 10 characters: say why this service is right' })
    .max(1000, { error: 'routingOverrideReason must be at most 1000 characters' })
    .optional(),
  // Guidelines 5: the Community Connection Service refers onward the referral triage sent it.
  onwardFromReferralId: uuid('onwardFromReferralId').optional(),
})
export type TSendReferralInput = z.infer<typeof ZSendReferralInput>

/** For the commands that carry nothing but the referral: accept, start, resume. */
export const ZReferralIdInput = z.object({ referralId })
export type TReferralIdInput = z.infer<typeof ZReferralIdInput>
export const ZAcceptReferralInput = ZReferralIdInput
export type TAcceptReferralInput = TReferralIdInput
export const ZStartReferralInput = ZReferralIdInput
export type TStartReferralInput = TReferralIdInput
export const ZResumeReferralInput = ZReferralIdInput
export type TResumeReferralInput = TReferralIdInput

export const ZDeclineReferralInput = z.object({ referralId, reason: reason('to decline') })
export type TDeclineReferralInput = z.infer<typeof ZDeclineReferralInput>

export const ZRecordContactAttemptInput = z.object({
  referralId,
  method: oneOf('method', CONTACT_METHODS),
  result: oneOf('result', CONTACT_RESULTS),
  attemptedAt: instant('attemptedAt'),
  note: optionalText('note', 2000),
})
export type TRecordContactAttemptInput = z.infer<typeof ZRecordContactAttemptInput>

export const ZCompleteReferralInput = z.object({
  referralId,
  outcome: oneOf('outcome', REFERRAL_OUTCOMES),
  note: optionalText('note', 2000),
})
export type TCompleteReferralInput = z.infer<typeof ZCompleteReferralInput>

export const ZFailReferralInput = z.object({
  referralId,
  reason: oneOf('reason', REFERRAL_FAILURE_REASONS),
  note: optionalText('note', 2000),
})
export type TFailReferralInput = z.infer<typeof ZFailReferralInput>

export const ZCancelReferralInput = z.object({ referralId, reason: reason('to cancel') })
export type TCancelReferralInput = z.infer<typeof ZCancelReferralInput>

export const ZPutOnHoldInput = z.object({ referralId, reason: reason('to put a referral on hold') })
export type TPutOnHoldInput = z.infer<typeof ZPutOnHoldInput>

export const ZRedirectReferralInput = z.object({
  referralId,
  serviceId: uuid('serviceId'),
  reason: reason('to redirect'),
})
export type TRedirectReferralInput = z.infer<typeof ZRedirectReferralInput>

// ─── People ─────────────────────────────────────────────────────────────────────────────────────

/**
 * New Zealand numbers once spaces, dashes, dots and brackets are dropped: 0 or +64 (or 0064), then
 * an area, mobile or 0800 prefix and 7 to 10 digits: "021 123 4567", "+64 4 123 4567", "0800 512 337".
 */
const NZ_PHONE = /^(?:\+64|0064|0)[2-9]\d{6,9}$/

const ZWhanauMemberInput = z.object({
  name: text('name', { max: 100 }),
  relationship: text('relationship', { max: 50 }),
  dateOfBirth: isoDate('dateOfBirth').optional(),
  dependent: z.boolean(says('dependent', 'true or false')).default(false),
})

export const ZRecordPersonInput = z.object({
  givenName: text('givenName', { max: 100 }),
  familyName: optionalText('familyName', 100),
  preferredName: optionalText('preferredName', 100),
  // Format only: "not in the future" needs today's date, which a schema cannot know (dateOfBirthProblem).
  dateOfBirth: isoDate('dateOfBirth').optional(),
  phone: z
    .string(says('phone', 'text'))
    .trim()
    .max(30, { error: 'phone must be at most 30 characters' })
    .refine((v) => NZ_PHONE.test(v.replace(/[\s().-]/g, '')), {
      error: 'phone must be a New Zealand phone number, e.g. 021 123 4567 or +64 4 123 4567',
    })
    .optional(),
  email: z
    .string(says('email', 'text'))
    .trim()
    .max(254, { error: 'email must be at most 254 characters' })
    .pipe(z.email({ error: 'email must be an email address' }))
    .optional(),
  addressLine: optionalText('addressLine', 300),
  regionCode: z
    .string(says('regionCode', 'text'))
    .regex(/^\d{2}$/, { error: 'regionCode is a two-digit Stats NZ code' }),
  territorialAuthorityCode: z
    .string(says('territorialAuthorityCode', 'text'))
    .regex(/^\d{3}$/, { error: 'territorialAuthorityCode is a three-digit Stats NZ code' })
    .optional(),
  needsSummary: optionalText('needsSummary', 2000),
  whanau: z
    .array(ZWhanauMemberInput, says('whanau', 'a list'))
    .max(30, { error: 'whanau can list at most 30 people' })
    .default([]),
  // Keeping the person informed: how they chose to hear about their referral, and in which language.
  statusChannel: oneOf('statusChannel', PERSON_MESSAGE_CHANNELS).default('NONE'),
  messageLanguage: oneOf('messageLanguage', MESSAGE_LANGUAGES).default('EN'),
}).superRefine((p, ctx) => {
  if (p.statusChannel === 'EMAIL' && !p.email) {
    ctx.addIssue({ code: 'custom', path: ['statusChannel'], message: 'statusChannel EMAIL needs the person’s email' })
  }
  if (p.statusChannel === 'SMS' && !p.phone) {
    ctx.addIssue({ code: 'custom', path: ['statusChannel'], message: 'statusChannel SMS needs the person’s phone' })
  }
})
export type TRecordPersonInput = z.infer<typeof ZRecordPersonInput>

/**
 * The check a schema cannot make: a date of birth may not be after today in New Zealand. Returns
 * the message for `field`, or null when the date is fine.
 */
export function dateOfBirthProblem(dateOfBirth: string, today: Date, field = 'dateOfBirth'): string | null {
  return dateOfBirth > nzDateOf(today) ? `${field} must not be in the future` : null
}

// ─── Consent ────────────────────────────────────────────────────────────────────────────────────

export const ZGrantConsentInput = z
  .object({
    personId: uuid('personId'),
    purpose: text('purpose', { min: 3, max: 500 }),
    informationKinds: uniqueList(
      'informationKinds',
      oneOf('informationKinds', INFORMATION_KINDS),
      'kind of information',
      INFORMATION_KINDS.length,
    ),
    recipientOrganisationIds: uniqueList(
      'recipientOrganisationIds',
      uuid('recipientOrganisationIds'),
      'organisation',
      50,
    ),
    method: oneOf('method', CONSENT_METHODS),
    givenAt: instant('givenAt'),
    expiresAt: instant('expiresAt').optional(),
    selfReferral: z.boolean(says('selfReferral', 'true or false')).default(false),
    notes: optionalText('notes', 2000),
  })
  // zod runs this even when a date failed its format check (a non-fatal issue): the value is then
  // still the string, not a Date, and calling getTime on it threw (a 500 found by the API fuzzer).
  .refine((c) => !(c.expiresAt instanceof Date) || !(c.givenAt instanceof Date) || c.expiresAt.getTime() > c.givenAt.getTime(), {
    error: 'expiresAt must be after givenAt',
    path: ['expiresAt'],
  })
export type TGrantConsentInput = z.infer<typeof ZGrantConsentInput>

export const ZWithdrawConsentInput = z.object({
  consentId: uuid('consentId'),
  reason: optionalText('reason', 1000),
})
export type TWithdrawConsentInput = z.infer<typeof ZWithdrawConsentInput>
