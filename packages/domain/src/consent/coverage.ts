// Consent rules. Guidelines, Protecting referral information: "MSD is required to obtain consent
// from whānau before referring them", and the information is "authorised under the Privacy Act 2020".
// So a referral may carry only the kinds of information the person agreed to share, only to the
// organisations they named, and only while that consent stands (IPP 11, disclosure). What a viewer
// sees is decided by the need-to-know rule (../privacy/need-to-know.ts, decidePersonAccess) over the
// types here; the caller writes an AccessRecord listing the fields it returns (IPP 5, safeguards),
// so a field is either shown and recorded, or marked redacted.
import { formatNzDate } from '../sla/nz-time'
import { INFORMATION_KIND_LABELS, type InformationKind } from './consent-enums'

export interface ConsentView {
  id: string
  personId: string
  informationKinds: readonly InformationKind[]
  recipientOrganisationIds: readonly string[]
  givenAt: Date
  expiresAt: Date | null
  withdrawnAt: Date | null
}

export type ConsentState = 'LIVE' | 'NOT_YET_GIVEN' | 'EXPIRED' | 'WITHDRAWN'

/**
 * The state of a consent at an instant. Given from `givenAt` (inclusive) until `expiresAt` or
 * `withdrawnAt` (exclusive: at that instant it no longer stands). A withdrawal recorded for later
 * than `at` has not happened yet at `at`. Withdrawal outranks expiry: it is the person's own act.
 */
export function consentState(consent: ConsentView, at: Date): ConsentState {
  const t = at.getTime()
  if (t < consent.givenAt.getTime()) return 'NOT_YET_GIVEN'
  if (consent.withdrawnAt !== null && consent.withdrawnAt.getTime() <= t) return 'WITHDRAWN'
  if (consent.expiresAt !== null && consent.expiresAt.getTime() <= t) return 'EXPIRED'
  return 'LIVE'
}

export type ConsentProblemCode =
  'EXPIRED' | 'WITHDRAWN' | 'NOT_YET_GIVEN' | 'RECIPIENT_NOT_COVERED' | 'KIND_NOT_COVERED'

export interface ConsentProblem {
  code: ConsentProblemCode
  message: string
  kind?: InformationKind
}

export type ConsentCoverage = { ok: true } | { ok: false; problems: ConsentProblem[] }

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * Whether a consent lets `kinds` go to `organisationId` at `at`. Lists every problem, not just the
 * first, so the connector can fix them all at once (renew the consent, add the organisation, ...).
 */
export function checkConsentCovers(
  consent: ConsentView,
  request: { organisationId: string; kinds: readonly InformationKind[]; at: Date },
): ConsentCoverage {
  const { at } = request
  const t = at.getTime()
  const problems: ConsentProblem[] = []
  if (t < consent.givenAt.getTime()) {
    problems.push({
      code: 'NOT_YET_GIVEN',
      message:
        `The consent is recorded as given on ${formatNzDate(consent.givenAt)}, ` +
        'which is after this referral.',
    })
  } else {
    // Both can be true; each needs its own fix (a withdrawn consent cannot be renewed, only re-given).
    if (consent.withdrawnAt !== null && consent.withdrawnAt.getTime() <= t) {
      problems.push({
        code: 'WITHDRAWN',
        message: `The person withdrew this consent on ${formatNzDate(consent.withdrawnAt)}.`,
      })
    }
    if (consent.expiresAt !== null && consent.expiresAt.getTime() <= t) {
      problems.push({
        code: 'EXPIRED',
        message: `The consent expired on ${formatNzDate(consent.expiresAt)}.`,
      })
    }
  }
  if (!consent.recipientOrganisationIds.includes(request.organisationId)) {
    problems.push({
      code: 'RECIPIENT_NOT_COVERED',
      message: 'The person has not agreed to share information with this organisation.',
    })
  }
  for (const kind of new Set(request.kinds)) {
    if (!consent.informationKinds.includes(kind)) {
      problems.push({
        code: 'KIND_NOT_COVERED',
        message: `${capitalise(INFORMATION_KIND_LABELS[kind])}: the person has not agreed to share this.`,
        kind,
      })
    }
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems }
}

// ─── What a viewer sees ─────────────────────────────────────────────────────────────────────────

export interface WhanauMemberRecord {
  name: string
  relationship: string
  dateOfBirth: Date | null
  dependent: boolean
}

/** The personal fields of a Person (prisma Person and WhanauMember). */
export interface PersonRecord {
  id: string
  givenName: string
  familyName: string | null
  preferredName: string | null
  dateOfBirth: Date | null
  phone: string | null
  email: string | null
  addressLine: string | null
  needsSummary: string | null
  whanau: readonly WhanauMemberRecord[]
}

export interface Redacted {
  redacted: true
  reason: string
}

type Maybe<T> = T | Redacted

export interface RedactedPerson {
  /** Not personal information: an internal id the viewer needs to refer to the record. */
  id: string
  givenName: Maybe<string>
  familyName: Maybe<string | null>
  preferredName: Maybe<string | null>
  dateOfBirth: Maybe<Date | null>
  phone: Maybe<string | null>
  email: Maybe<string | null>
  addressLine: Maybe<string | null>
  needsSummary: Maybe<string | null>
  whanau: Maybe<readonly WhanauMemberRecord[]>
}

export type PersonField = Exclude<keyof PersonRecord, 'id'>

export const PERSON_FIELDS = [
  'givenName',
  'familyName',
  'preferredName',
  'dateOfBirth',
  'phone',
  'email',
  'addressLine',
  'needsSummary',
  'whanau',
] as const satisfies readonly PersonField[]

/** Shown to the recipient whenever any kind of information is. */
export const PERSON_IDENTITY_FIELDS = [
  'givenName',
  'familyName',
  'preferredName',
] as const satisfies readonly PersonField[]

/**
 * Which kind of information governs each personal field. Identity (names) is not a kind: it is
 * shown whenever any kind is, because details are no use to a provider who cannot say whose they
 * are. Dates of birth (the person's and whānau members') and the whānau list sit under
 * CHILDREN_AND_CARE: ages and dependants are what care and children's services need, and a warm
 * referral for anything else does not (IPP 1, collect and share only what is needed). HEALTH and
 * FINANCIAL govern no Person column: they gate what the referral's free text may say.
 */
export const PERSON_FIELD_KINDS: Record<
  Exclude<PersonField, (typeof PERSON_IDENTITY_FIELDS)[number]>,
  InformationKind
> = {
  phone: 'CONTACT_DETAILS',
  email: 'CONTACT_DETAILS',
  addressLine: 'CONTACT_DETAILS',
  needsSummary: 'NEEDS_SUMMARY',
  dateOfBirth: 'CHILDREN_AND_CARE',
  whanau: 'CHILDREN_AND_CARE',
}

/** The web app's word for how a viewer stands to a referral (need-to-know SENDER, RECEIVER, other). */
export type ViewerAccess = 'SENDER' | 'RECIPIENT' | 'NONE'

/** Whether a field came back redacted. */
export function isRedacted(value: unknown): value is Redacted {
  return typeof value === 'object' && value !== null && (value as Redacted).redacted === true
}
