// The referral vocabularies the pages render, for the browser bundle. Importing them from
// @fsn/domain would ship its zod schemas and rules to every browser; the types below tie each
// list to the domain's, and vocab.test.ts checks the values are the same.
import type {
  CapacityStatus,
  ConsentMethod,
  CulturalFocus,
  DeliveryMode,
  ServiceStatus,
  ContactMethod,
  ContactResult,
  InformationKind,
  ReferralFailureReason,
  ReferralOutcome,
  ReferralPriority,
  ReferralStatus,
} from '@fsn/domain'

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
] as const satisfies readonly ReferralStatus[]
export const INFORMATION_KINDS = [
  'CONTACT_DETAILS',
  'NEEDS_SUMMARY',
  'HEALTH',
  'CHILDREN_AND_CARE',
  'FINANCIAL',
] as const satisfies readonly InformationKind[]
export const CONSENT_METHODS = ['VERBAL', 'WRITTEN', 'DIGITAL'] as const satisfies readonly ConsentMethod[]
export const CONTACT_METHODS = ['PHONE', 'TEXT', 'EMAIL', 'VISIT', 'VIDEO'] as const satisfies readonly ContactMethod[]
export const CONTACT_RESULTS = ['REACHED', 'NO_ANSWER', 'LEFT_MESSAGE', 'WRONG_DETAILS'] as const satisfies readonly ContactResult[]
export const REFERRAL_OUTCOMES = ['NEEDS_MET', 'PARTLY_MET', 'NOT_MET'] as const satisfies readonly ReferralOutcome[]
export const REFERRAL_FAILURE_REASONS = ['UNABLE_TO_CONTACT', 'PERSON_DECLINED_SERVICE'] as const satisfies readonly ReferralFailureReason[]
export const REFERRAL_PRIORITIES = ['ROUTINE', 'URGENT'] as const satisfies readonly ReferralPriority[]

// The listing editor's vocabularies.
export const SERVICE_STATUSES = ['ACTIVE', 'INACTIVE', 'DEFUNCT', 'TEMPORARILY_CLOSED'] as const satisfies readonly ServiceStatus[]
export const CAPACITY_STATUSES = ['ACCEPTING', 'WAITLIST', 'NO_CAPACITY'] as const satisfies readonly CapacityStatus[]
export const DELIVERY_MODES = ['IN_PERSON', 'PHONE', 'ONLINE', 'OUTREACH'] as const satisfies readonly DeliveryMode[]
export const CULTURAL_FOCUSES = ['KAUPAPA_MAORI', 'PACIFIC', 'ETHNIC_COMMUNITIES'] as const satisfies readonly CulturalFocus[]
