// Shapes the pages use. SessionUser carries no secret: it is safe to send to the browser.
import type { Capability, Role } from '@fsn/domain'
import type {
  ConsentMethod,
  ContactMethod,
  ContactResult,
  InformationKind,
  ReferralCommandType,
  ReferralEventType,
  ReferralFailureReason,
  ReferralOutcome,
  ReferralPriority,
  ReferralStatus,
  SlaStatus,
} from '@fsn/domain'

export type OrganisationKind = 'PROVIDER' | 'AGENCY'

export interface Membership {
  role: Role
  organisation: { id: string; name: string; kind: OrganisationKind } | null
  /** The region the role is scoped to (a Regional Commissioner's); null when it is not scoped. */
  region: { code: string; name: string } | null
}

export interface SessionUser {
  id: string
  email: string
  name: string
  roles: Role[]
  capabilities: Capability[]
  memberships: Membership[]
}

export type CapacityStatus = 'ACCEPTING' | 'WAITLIST' | 'NO_CAPACITY'
export type ServiceStatus = 'ACTIVE' | 'INACTIVE' | 'DEFUNCT' | 'TEMPORARILY_CLOSED'

export interface DirectoryService {
  id: string
  name: string
  description: string
  status: ServiceStatus
  capacityStatus: CapacityStatus
  lastVerifiedAt: string | null
  /** Delivered anywhere in Aotearoa (phone and online services). */
  nationwide: boolean
  organisation: { id: string; name: string }
  categories: { code: string; name: string }[]
  locations: { id: string; name: string | null; city: string | null; region: { code: string; name: string } | null }[]
}

export interface Region {
  id: string
  code: string
  isoCode: string
  name: string
  nameMi: string | null
  council: string | null
}

export interface ServiceCategoryOption {
  code: string
  name: string
  nameMi: string | null
  group: string | null
}

export interface PageInfo {
  hasNextPage: boolean
  endCursor: string | null
}

// ─── Referrals (shapes of the API's answers; enums spelled as in @fsn/domain) ─────────────────────

export type {
  ConsentMethod,
  ContactMethod,
  ContactResult,
  InformationKind,
  ReferralCommandType,
  ReferralEventType,
  ReferralFailureReason,
  ReferralOutcome,
  ReferralPriority,
  ReferralStatus,
  SlaStatus,
}

export type ReferralBox = 'INBOX' | 'OUTBOX'

export interface NamedRef {
  id: string
  name: string
}

/** A referral in an inbox or outbox: no personal information. */
export interface ReferralSummary {
  id: string
  reference: string
  status: ReferralStatus
  priority: ReferralPriority
  sla: SlaStatus
  sentAt: string | null
  respondBy: string | null
  escalatedAt: string | null
  service: NamedRef
  fromOrganisation: NamedRef
  toOrganisation: NamedRef
}

/** A personal detail: its value, or why it is withheld (redacted, not missing). */
export interface RedactableText {
  value: string | null
  redacted: boolean
  reason: string | null
}

export interface ReferralEvent {
  id: string
  type: ReferralEventType
  note: string | null
  occurredAt: string
}

export interface ContactAttempt {
  id: string
  attemptNumber: number
  method: ContactMethod
  result: ContactResult
  note: string | null
  attemptedAt: string
}

/** One referral of a triage -> CCS -> provider chain: no personal field (docs/privacy.md). */
export interface ReferralChainLink {
  id: string
  reference: string
  status: ReferralStatus
  depth: number
  onwardFromId: string | null
  sentAt: string | null
  respondedAt: string | null
  closedAt: string | null
  fromOrganisation: { id: string; name: string }
  toOrganisation: { id: string; name: string }
  service: { id: string; name: string }
}

export interface ReferralDetail extends ReferralSummary {
  onwardFromId: string | null
  chain: ReferralChainLink[]
  respondedAt: string | null
  closedAt: string | null
  declineReason: string | null
  cancelReason: string | null
  outcome: ReferralOutcome | null
  failureReason: ReferralFailureReason | null
  sharedInformationKinds: InformationKind[]
  needsSummary: RedactableText
  category: { code: string; name: string } | null
  personRegion: { code: string; name: string }
  consentId: string
  consentWithdrawnAt: string | null
  consentExpiresAt: string | null
  redirectedTo: { id: string; reference: string } | null
  availableCommands: ReferralCommandType[]
  person: {
    id: string
    givenName: RedactableText
    familyName: RedactableText
    preferredName: RedactableText
    dateOfBirth: RedactableText
    phone: RedactableText
    email: RedactableText
    addressLine: RedactableText
    needsSummary: RedactableText
    whanauRedacted: boolean
    whanau: { name: string; relationship: string; dateOfBirth: string | null; dependent: boolean }[]
  }
  events: ReferralEvent[]
  contactAttempts: ContactAttempt[]
}

export interface Consent {
  id: string
  purpose: string
  informationKinds: InformationKind[]
  method: ConsentMethod
  givenAt: string
  expiresAt: string | null
  withdrawnAt: string | null
  recipientOrganisationIds: string[]
}

/** A person the user's organisation recorded (its own record). */
export interface RecordedPerson {
  id: string
  givenName: string
  familyName: string | null
  region: { code: string; name: string }
  consents: Consent[]
}

export interface RoutingDecision {
  allowed: boolean
  reasons: { code: string; message: string }[]
}

export interface Notification {
  id: string
  kind: string
  title: string
  body: string
  referralId: string | null
  createdAt: string
  readAt: string | null
}

// ─── Listings (a provider's page and its editor) ──────────────────────────────────────────────────

import type { CulturalFocus, DeliveryMode } from '@fsn/domain'
import type { AccreditationScheme, AccreditationStatus, Opening } from './listing'
export type { AccreditationScheme, AccreditationStatus, Opening, Weekday } from './listing'
export type { CulturalFocus, DeliveryMode }

export interface ListingPhone {
  number: string
  extension: string | null
  /** HSDS phone type: voice, text, fax, cell, … */
  type: string | null
  description: string | null
}

export interface ListingContact {
  name: string | null
  title: string | null
  department: string | null
  email: string | null
  phones: ListingPhone[]
}

export interface ListingAccreditation {
  id: string
  scheme: AccreditationScheme
  level: number | null
  status: AccreditationStatus
  validFrom: string
  validTo: string | null
}

/** How fresh a listing (or one service of it) is, by the API's threshold (search/settings.json). */
export interface ListingFreshness {
  stale: boolean
  /** Whole days since it was last verified; null when it never was. */
  daysSinceVerified: number | null
}

export interface ListingLocation {
  id: string
  name: string
  addressLine1: string | null
  addressLine2: string | null
  suburb: string | null
  city: string | null
  postcode: string | null
  region: { code: string; name: string }
  accessibility: string | null
  openingHours: Opening[]
  phones: ListingPhone[]
  /** For optimistic concurrency: the version this page read, sent back as expectedUpdatedAt. */
  updatedAt: string
}

export interface ListingServiceArea {
  regionCode: string | null
  territorialAuthorityCode: string | null
  name: string
}

export interface ListingService {
  id: string
  name: string
  description: string
  status: ServiceStatus
  capacityStatus: CapacityStatus
  categories: { code: string; name: string }[]
  eligibilityDescription: string | null
  minimumAge: number | null
  maximumAge: number | null
  freeOfCharge: boolean
  feesDescription: string | null
  applicationProcess: string | null
  languages: { code: string; name: string }[]
  culturalFocus: CulturalFocus[]
  deliveryModes: DeliveryMode[]
  nationwide: boolean
  /** Regions and districts served, where the service is not nationwide. */
  serviceAreas: ListingServiceArea[]
  locations: ListingLocation[]
  openingHours: Opening[]
  contacts: ListingContact[]
  phones: ListingPhone[]
  email: string | null
  url: string | null
  lastVerifiedAt: string | null
  freshness: ListingFreshness
  updatedAt: string
}

export interface ListingOrganisation {
  id: string
  name: string
  description: string
  email: string | null
  website: string | null
  phones: ListingPhone[]
  contacts: ListingContact[]
  accreditations: ListingAccreditation[]
  lastVerifiedAt: string | null
  freshness: ListingFreshness
  /** The organisation's details or one of its services is stale: its staff are asked to check. */
  needsVerification: boolean
  updatedAt: string
  services: ListingService[]
  locations: ListingLocation[]
}

/** One saved change to a listing, for its change history: who, when, what changed. */
export interface ListingChange {
  id: string
  occurredAt: string
  /** directory.listing.service-updated, …-organisation-updated, …-location-updated, …-verified, …-service-created */
  action: string
  entityType: 'Organisation' | 'Service' | 'Location'
  entityId: string
  /** The service's, location's or organisation's name now. */
  subject: string
  actor: { id: string; name: string } | null
  /** Made by a national administrator rather than the organisation's own staff. */
  moderated: boolean
  changes: { field: string; from: unknown; to: unknown }[]
}
