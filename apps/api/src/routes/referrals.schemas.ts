// Response contracts of the referral exchange (and of people and consents). Every object is strict
// (additionalProperties: false), and a person's details appear only inside RedactedPerson, each as
// RedactableText: the value, null (not recorded), or { redacted: true, reason } when the
// need-to-know rule withholds it (docs/privacy.md). apps/api/test/privacy/response-contracts.test.ts
// walks the OpenAPI document and checks both, and validates real answers against these schemas.
import { z } from '@hono/zod-openapi'
import {
  CONSENT_METHODS,
  CONTACT_METHODS,
  CONTACT_RESULTS,
  INFORMATION_KINDS,
  PERSON_FIELDS,
  PERSON_RELATIONSHIPS,
  REFERRAL_EVENT_TYPES,
  REFERRAL_FAILURE_REASONS,
  REFERRAL_OUTCOMES,
  REFERRAL_PRIORITIES,
  REFERRAL_STATUSES,
  type ConsentMethod,
  type InformationKind,
} from '@fsn/domain'

/** Times are ISO 8601 in UTC, as JSON carries them. */
const ZTime = z.string().describe('ISO 8601 date-time, UTC')
const SLA_STATUSES = ['ON_TIME', 'DUE_SOON', 'OVERDUE', 'MET', 'MISSED', 'NOT_APPLICABLE'] as const

export const ZRedacted = z
  .strictObject({ redacted: z.literal(true), reason: z.string() })
  .openapi('Redacted', { description: 'A detail withheld from you, with why (never missing, never the value).' })

export const ZRedactableText = z
  .union([z.string(), z.null(), ZRedacted])
  .openapi('RedactableText', { description: 'A personal detail: its value, null when not recorded, or a Redacted marker.' })

const ZWhanauMember = z
  .strictObject({ name: z.string(), relationship: z.string(), dateOfBirth: ZTime.nullable(), dependent: z.boolean() })
  .openapi('WhanauMember')

export const ZRedactableWhanau = z
  .union([z.array(ZWhanauMember).readonly(), ZRedacted])
  .openapi('RedactableWhanau', { description: 'The person’s whānau, or a Redacted marker.' })

/** The one shape a person's details take in any answer. */
export const ZRedactedPerson = z
  .strictObject({
    id: z.string().describe('Not personal information: the record’s id'),
    givenName: ZRedactableText,
    familyName: ZRedactableText,
    preferredName: ZRedactableText,
    dateOfBirth: ZRedactableText,
    phone: ZRedactableText,
    email: ZRedactableText,
    addressLine: ZRedactableText,
    needsSummary: ZRedactableText,
    whanau: ZRedactableWhanau,
  })
  .openapi('RedactedPerson', { description: 'The person as the need-to-know rule lets you see them.' })

const ZNamedRef = z.strictObject({ id: z.string(), name: z.string() }).openapi('NamedRef')
const ZCodeName = z.strictObject({ code: z.string(), name: z.string() }).openapi('CodeName')
const ZReferralLink = z.strictObject({ id: z.string(), reference: z.string() }).openapi('ReferralLink')

const ZReferralEvent = z
  .strictObject({
    id: z.string(),
    type: z.enum(REFERRAL_EVENT_TYPES),
    fromStatus: z.enum(REFERRAL_STATUSES).nullable(),
    toStatus: z.enum(REFERRAL_STATUSES).nullable(),
    note: z.string().nullable().describe('Shown to the sending and receiving staff only'),
    occurredAt: ZTime,
  })
  .openapi('ReferralEvent')

// Notes between the two organisations: the text is governed like the needs summary.
const ZReferralNote = z
  .strictObject({
    id: z.string(),
    authorSide: z.enum(['SENDER', 'RECEIVER']),
    authorOrganisation: ZNamedRef,
    text: ZRedactableText.describe('Redacted for the other organisation unless the consent shows it the needs'),
    addedAt: ZTime,
  })
  .openapi('ReferralNote')

export const ZContactAttempt = z
  .strictObject({
    id: z.string(),
    attemptNumber: z.number().int(),
    method: z.enum(CONTACT_METHODS),
    result: z.enum(CONTACT_RESULTS),
    note: z.string().nullable(),
    attemptedAt: ZTime,
  })
  .openapi('ContactAttempt')

// Guidelines 3-5: triage -> Community Connection Service -> providers. No personal field, no free text.
const ZReferralChainLink = z
  .strictObject({
    id: z.string(),
    reference: z.string(),
    status: z.enum(REFERRAL_STATUSES),
    depth: z.number().int().describe('0 for the first referral of the chain, 1 for one referred onward from it, ...'),
    onwardFromId: z.string().nullable(),
    fromOrganisation: ZNamedRef,
    toOrganisation: ZNamedRef,
    service: ZNamedRef,
    sentAt: ZTime.nullable(),
    respondedAt: ZTime.nullable(),
    closedAt: ZTime.nullable(),
  })
  .openapi('ReferralChainLink')

export const ZReferralView = z
  .strictObject({
    id: z.string(),
    reference: z.string(),
    status: z.enum(REFERRAL_STATUSES),
    priority: z.enum(REFERRAL_PRIORITIES),
    sla: z.enum(SLA_STATUSES),
    sentAt: ZTime.nullable(),
    respondBy: ZTime.nullable(),
    respondedAt: ZTime.nullable(),
    startedAt: ZTime.nullable(),
    closedAt: ZTime.nullable(),
    escalatedAt: ZTime.nullable(),
    escalationLevel: z.number().int(),
    declineReason: z.string().nullable(),
    cancelReason: z.string().nullable(),
    outcome: z.enum(REFERRAL_OUTCOMES).nullable(),
    failureReason: z.enum(REFERRAL_FAILURE_REASONS).nullable(),
    sharedInformationKinds: z.array(z.enum(INFORMATION_KINDS)),
    needsSummary: ZRedactableText,
    fromOrganisation: ZNamedRef,
    toOrganisation: ZNamedRef,
    service: ZNamedRef,
    category: ZCodeName.nullable(),
    personRegion: ZCodeName,
    person: ZRedactedPerson,
    consentId: z.string(),
    consentState: z
      .strictObject({ givenAt: ZTime, expiresAt: ZTime.nullable(), withdrawnAt: ZTime.nullable() })
      .openapi('ReferralConsentState'),
    events: z.array(ZReferralEvent),
    notes: z.array(ZReferralNote).describe('The thread of notes between the sending and receiving organisations'),
    contactAttempts: z.array(ZContactAttempt),
    redirectedTo: ZReferralLink.nullable(),
    redirectedFrom: ZReferralLink.nullable(),
    onwardFrom: ZReferralLink.nullable().describe('The referral this one continues (the CCS referring onward)'),
    chain: z.array(ZReferralChainLink).describe('The whole chain this referral belongs to: statuses, organisations, services, dates'),
    relationship: z.enum(PERSON_RELATIONSHIPS).describe('The duty under which you see this referral (docs/privacy.md)'),
    viewerAccess: z.enum(['SENDER', 'RECIPIENT', 'NONE']),
    fieldsShown: z.array(z.enum(PERSON_FIELDS)).describe('The personal fields shown: what the access record lists'),
  })
  .openapi('ReferralView', { description: 'One referral as you may see it; every answer about a referral has this shape.' })

// One flat strict object (an allOf of two closed objects would accept nothing).
export const ZSentReferral = z
  .strictObject({
    ...ZReferralView.shape,
    replayed: z.boolean().describe('True when an earlier send with the same idempotency key is returned'),
  })
  .openapi('SentReferral', { description: 'The sent referral as GET shows it to you.' })

export const ZReferralListItem = z
  .strictObject({
    id: z.string(),
    reference: z.string(),
    status: z.enum(REFERRAL_STATUSES),
    priority: z.enum(REFERRAL_PRIORITIES),
    sla: z.enum(SLA_STATUSES),
    sentAt: ZTime.nullable(),
    respondBy: ZTime.nullable(),
    respondedAt: ZTime.nullable(),
    closedAt: ZTime.nullable(),
    escalatedAt: ZTime.nullable(),
    escalationLevel: z.number().int(),
    outcome: z.enum(REFERRAL_OUTCOMES).nullable(),
    fromOrganisation: ZNamedRef,
    toOrganisation: ZNamedRef,
    service: ZNamedRef,
    categoryTerm: ZCodeName.nullable(),
    createdAt: ZTime,
  })
  .openapi('ReferralListItem', { description: 'A referral in an inbox or outbox: no personal information.' })

export const ZReferralPage = z
  .strictObject({
    total_items: z.number().int(),
    has_next_page: z.boolean(),
    next_cursor: z.string().nullable(),
    contents: z.array(ZReferralListItem),
  })
  .openapi('ReferralPage')

const ZRoutingReason = z
  .strictObject({ code: z.string(), message: z.string(), scheme: z.string().optional() })
  .openapi('RoutingReason')

export const ZRoutingDecision = z
  .strictObject({ allowed: z.boolean(), reasons: z.array(ZRoutingReason).optional() })
  .openapi('RoutingDecision')

export const ZContactAttemptAnswer = z
  .strictObject({
    attempt: ZContactAttempt,
    assessment: z
      .strictObject({
        unsuccessful: z.number().int(),
        reached: z.boolean(),
        nextAttemptNumber: z.number().int(),
        shouldEscalate: z.boolean(),
        windowEndsAt: ZTime.nullable(),
        behindSchedule: z.boolean(),
        nextAttemptCountsFrom: ZTime.nullable().openapi({
          description: 'the earliest time the next attempt counts toward escalation (three over 12 hours)',
        }),
        escalationPossibleAt: ZTime.nullable().openapi({
          description: 'the earliest time escalation to the Regional Lead can become due',
        }),
        message: z.string(),
      })
      .openapi('ContactAssessment'),
    escalated: z.boolean(),
    referral: ZReferralView,
  })
  .openapi('ContactAttemptAnswer')

export const ZRedirectAnswer = z
  .strictObject({
    redirected: ZReferralView,
    next: z
      .strictObject({ id: z.string(), reference: z.string(), status: z.enum(REFERRAL_STATUSES), toOrganisationId: z.string() })
      .openapi('RedirectedReferralRef', { description: 'The linked new referral: ids and status only.' }),
  })
  .openapi('RedirectAnswer')

export const ZRecordedPersonRef = z.strictObject({ id: z.string() }).openapi('RecordedPersonRef')

/** A consent as its recorder sees it (no personal field: purpose, kinds, recipients, dates). */
export const ZConsent = z
  .strictObject({
    id: z.string(),
    personId: z.string(),
    purpose: z.string(),
    informationKinds: z.array(z.enum(INFORMATION_KINDS)),
    method: z.enum(CONSENT_METHODS),
    selfReferral: z.boolean(),
    recipientOrganisationIds: z.array(z.string()),
    givenAt: ZTime,
    expiresAt: ZTime.nullable(),
    withdrawnAt: ZTime.nullable(),
    withdrawalReason: z.string().nullable(),
    notes: z.string().nullable(),
    createdAt: ZTime,
  })
  .openapi('Consent')

/** The answer shape of ZConsent from a consent row with its recipients. */
export function consentBody(c: {
  id: string
  personId: string
  purpose: string
  informationKinds: readonly InformationKind[]
  method: ConsentMethod
  selfReferral: boolean
  recipients: readonly { organisationId: string }[]
  givenAt: Date
  expiresAt: Date | null
  withdrawnAt: Date | null
  withdrawalReason: string | null
  notes: string | null
  createdAt: Date
}) {
  return {
    id: c.id,
    personId: c.personId,
    purpose: c.purpose,
    informationKinds: [...c.informationKinds],
    method: c.method,
    selfReferral: c.selfReferral,
    recipientOrganisationIds: c.recipients.map((r) => r.organisationId),
    givenAt: c.givenAt,
    expiresAt: c.expiresAt,
    withdrawnAt: c.withdrawnAt,
    withdrawalReason: c.withdrawalReason,
    notes: c.notes,
    createdAt: c.createdAt,
  }
}
