// The referral side's vocabularies, spelled exactly as the enums in prisma/schema.prisma so values
// pass between the database and the rules unchanged (referral-enums.test.ts holds them in step).

/** FHIR SDOH Task statuses, adapted to the guidelines' accept-or-decline step. */
export const REFERRAL_STATUSES = [
  'DRAFT',
  'SENT',
  'ACCEPTED',
  'DECLINED',
  'IN_PROGRESS',
  'ON_HOLD',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'REDIRECTED',
] as const
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number]

export const REFERRAL_EVENT_TYPES = [
  'CREATED',
  'SENT',
  'ACCEPTED',
  'DECLINED',
  'CONTACT_ATTEMPTED',
  'STARTED',
  'PUT_ON_HOLD',
  'RESUMED',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'REDIRECTED',
  'ESCALATED',
  'SLA_BREACHED',
  'NOTE_ADDED',
  'CONSENT_WITHDRAWN',
] as const
export type ReferralEventType = (typeof REFERRAL_EVENT_TYPES)[number]

export const REFERRAL_PRIORITIES = ['ROUTINE', 'URGENT'] as const
export type ReferralPriority = (typeof REFERRAL_PRIORITIES)[number]

export const REFERRAL_OUTCOMES = ['NEEDS_MET', 'PARTLY_MET', 'NOT_MET'] as const
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number]

export const REFERRAL_FAILURE_REASONS = ['UNABLE_TO_CONTACT', 'PERSON_DECLINED_SERVICE'] as const
export type ReferralFailureReason = (typeof REFERRAL_FAILURE_REASONS)[number]

export const CONTACT_METHODS = ['PHONE', 'TEXT', 'EMAIL', 'VISIT', 'VIDEO'] as const
export type ContactMethod = (typeof CONTACT_METHODS)[number]

export const CONTACT_RESULTS = ['REACHED', 'NO_ANSWER', 'LEFT_MESSAGE', 'WRONG_DETAILS'] as const
export type ContactResult = (typeof CONTACT_RESULTS)[number]
