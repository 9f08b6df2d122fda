// The GraphQL operations the web app runs, each with the types of its answer. Written by hand
// against the API contract; when packages/graphql commits schema.graphql these can be generated.
import { CAPABILITIES, ROLES, type Capability, type Role } from '@fsn/domain'
import type {
  ContactMethod,
  ContactResult,
  DirectoryService,
  InformationKind,
  ListingChange,
  ListingOrganisation,
  ListingService,
  Membership,
  Notification,
  PageInfo,
  RecordedPerson,
  ReferralBox,
  ReferralDetail,
  ReferralOutcome,
  ReferralPriority,
  ReferralStatus,
  ReferralSummary,
  Region,
  RoutingDecision,
  ServiceCategoryOption,
  SessionUser,
} from '$lib/types'
import type { NamedCode } from '$lib/directory-labels'
import type { DirectorySearchInput, DirectorySearchResult } from '$lib/directory-search'
import { operation, type Operation } from './api'

interface RawMe {
  id: string
  email: string
  name: string
  roles: string[]
  capabilities: string[]
  memberships: { role: string; organisation: Membership['organisation']; region: Membership['region'] }[]
}

export const ME = operation<{ me: RawMe | null }>(`
  query Me {
    me {
      id email name roles capabilities
      memberships { role organisation { id name kind } region { code name } }
    }
  }
`)

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value)
const isCapability = (value: string): value is Capability => (CAPABILITIES as readonly string[]).includes(value)

/**
 * Keeps only the roles and capabilities this build knows. The API stays the authority on what a
 * user may do; an unknown one (a newer API) is left out of the UI rather than shown unlabelled.
 */
export function toSessionUser(me: RawMe): SessionUser {
  return {
    id: me.id,
    email: me.email,
    name: me.name,
    roles: me.roles.filter(isRole),
    capabilities: me.capabilities.filter(isCapability),
    memberships: me.memberships.flatMap((m) => (isRole(m.role) ? [{ ...m, role: m.role }] : [])),
  }
}

export interface DirectoryVariables extends Record<string, unknown> {
  first: number
  after: string | null
  categoryCode: string | null
  regionCode: string | null
}

// One round trip for the filters and the page of services.
export const DIRECTORY = operation<
  {
    regions: Region[]
    serviceCategories: ServiceCategoryOption[]
    services: { totalCount: number; pageInfo: PageInfo; edges: { cursor: string; node: DirectoryService }[] }
  },
  DirectoryVariables
>(`
  query Directory($first: Int, $after: String, $categoryCode: String, $regionCode: String) {
    regions { id code isoCode name nameMi council }
    serviceCategories { code name nameMi group }
    services(first: $first, after: $after, categoryCode: $categoryCode, regionCode: $regionCode) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id name description status capacityStatus lastVerifiedAt nationwide
          organisation { id name }
          categories { code name }
          locations { id name city region { code name } }
        }
      }
    }
  }
`)

// ─── Directory search (the public /directory page and its JSON endpoint) ─────────────────────────

const DIRECTORY_SEARCH_FIELDS = `
  total page perPage tookMs
  origin { lat lng }
  hits {
    id serviceId organisationId locationId name description organisationName
    categories { code name nameMi }
    regionCode regionName taCode taName city suburb lat lng distanceKm
    capacity status accreditations languages culturalFocus deliveryModes lastVerifiedAt flags nationwide openNow
  }
  facets { name values { value label count selected } }
`

export const SEARCH_DIRECTORY = operation<{ searchDirectory: DirectorySearchResult }, { input: DirectorySearchInput }>(`
  query SearchDirectory($input: DirectorySearchInput!) {
    searchDirectory(input: $input) { ${DIRECTORY_SEARCH_FIELDS} }
  }
`)

/** The names the search's facets and map label values with; they change only with a release. */
export const DIRECTORY_LOOKUPS = operation<{ regions: NamedCode[]; serviceCategories: NamedCode[] }>(`
  query DirectoryLookups {
    regions { code name nameMi }
    serviceCategories { code name nameMi }
  }
`)

// ─── Referrals ──────────────────────────────────────────────────────────────────────────────────

const SERVICE_FIELDS = `
  id name description status capacityStatus lastVerifiedAt nationwide
  organisation { id name }
  categories { code name }
  locations { id name city region { code name } }
`

export interface ServicesPage {
  services: { pageInfo: PageInfo; edges: { node: DirectoryService }[] }
}

/** The services of one provider: how the Refer form finds the service it was linked from. */
export const PROVIDER_SERVICES = operation<ServicesPage, { organisationId: string | null; first: number; after: string | null }>(`
  query ProviderServices($organisationId: ID, $first: Int, $after: String) {
    services(organisationId: $organisationId, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { ${SERVICE_FIELDS} } }
    }
  }
`)

/** Services in one category, for redirecting a referral to another provider of the same kind. */
export const SERVICES_IN_CATEGORY = operation<
  { services: { edges: { node: { id: string; name: string; organisation: { id: string; name: string } } }[] } },
  { categoryCode: string; first: number }
>(`
  query ServicesInCategory($categoryCode: String, $first: Int) {
    services(categoryCode: $categoryCode, first: $first) {
      edges { node { id name organisation { id name } } }
    }
  }
`)

/** The Refer form: regions for a new person, and the people the user's organisation recorded. */
export const REFER_FORM = operation<{ regions: Region[]; people: RecordedPerson[] }, { first: number }>(`
  query ReferForm($first: Int) {
    regions { id code isoCode name nameMi council }
    people(first: $first) {
      id givenName familyName
      region { code name }
      consents { id purpose informationKinds method givenAt expiresAt withdrawnAt recipientOrganisationIds }
    }
  }
`)

export const ROUTING_CHECK = operation<{ routingCheck: RoutingDecision }, { serviceId: string; personId: string }>(`
  query RoutingCheck($serviceId: ID!, $personId: ID!) {
    routingCheck(serviceId: $serviceId, personId: $personId) { allowed reasons { code message } }
  }
`)

export interface WhanauMemberInput {
  name: string
  relationship: string
  dateOfBirth?: string
  dependent?: boolean
}

export interface RecordPersonInput {
  givenName: string
  familyName?: string
  phone?: string
  email?: string
  regionCode: string
  needsSummary?: string
  dateOfBirth?: string
  whanau?: WhanauMemberInput[]
}

export const RECORD_PERSON = operation<{ recordPerson: { id: string } }, { input: RecordPersonInput }>(`
  mutation RecordPerson($input: RecordPersonInput!) {
    recordPerson(input: $input) { id }
  }
`)

export interface GrantConsentInput {
  personId: string
  purpose: string
  informationKinds: InformationKind[]
  recipientOrganisationIds: string[]
  method: string
  givenAt: string
  expiresAt?: string
}

export const GRANT_CONSENT = operation<{ grantConsent: { id: string } }, { input: GrantConsentInput }>(`
  mutation GrantConsent($input: GrantConsentInput!) {
    grantConsent(input: $input) { id }
  }
`)

export const WITHDRAW_CONSENT = operation<
  { withdrawConsent: { id: string; withdrawnAt: string | null } },
  { input: { consentId: string; reason?: string } }
>(`
  mutation WithdrawConsent($input: WithdrawConsentInput!) {
    withdrawConsent(input: $input) { id withdrawnAt }
  }
`)

export interface SendReferralInput {
  personId: string
  consentId: string
  serviceId: string
  sharedInformationKinds: InformationKind[]
  needsSummary?: string
  priority: ReferralPriority
  idempotencyKey: string
  /** Refer onward the referral the connector's organisation accepted (Guidelines 5). */
  onwardFromReferralId?: string
}

export const SEND_REFERRAL = operation<
  { sendReferral: { id: string; reference: string; respondBy: string | null; replayed: boolean; status: string } },
  { input: SendReferralInput }
>(`
  mutation SendReferral($input: SendReferralInput!) {
    sendReferral(input: $input) { id reference respondBy replayed status }
  }
`)

export interface ReferralsVariables extends Record<string, unknown> {
  box: ReferralBox
  status: ReferralStatus[] | null
  overdue: boolean | null
  first: number
  after: string | null
}

const SUMMARY_FIELDS = `
  id reference status priority sla sentAt respondBy escalatedAt
  service { id name } fromOrganisation { id name } toOrganisation { id name }
`

export const REFERRALS = operation<
  { referrals: { totalCount: number; pageInfo: PageInfo; edges: { node: ReferralSummary }[] } },
  ReferralsVariables
>(`
  query Referrals($box: ReferralBox!, $status: [ReferralStatus!], $overdue: Boolean, $first: Int, $after: String) {
    referrals(box: $box, status: $status, overdue: $overdue, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ${SUMMARY_FIELDS} } }
    }
  }
`)

const REDACTABLE = '{ value redacted reason }'

export const REFERRAL = operation<{ referral: ReferralDetail }, { id: string }>(`
  query Referral($id: ID!) {
    referral(id: $id) {
      ${SUMMARY_FIELDS}
      respondedAt closedAt declineReason cancelReason outcome failureReason sharedInformationKinds
      needsSummary ${REDACTABLE}
      category { code name }
      personRegion { code name }
      consentId consentWithdrawnAt consentExpiresAt
      redirectedTo { id reference }
      onwardFromId
      chain {
        id reference status depth onwardFromId sentAt respondedAt closedAt
        fromOrganisation { id name } toOrganisation { id name } service { id name }
      }
      availableCommands
      person {
        id
        givenName ${REDACTABLE} familyName ${REDACTABLE} preferredName ${REDACTABLE}
        dateOfBirth ${REDACTABLE} phone ${REDACTABLE} email ${REDACTABLE} addressLine ${REDACTABLE}
        needsSummary ${REDACTABLE}
        whanauRedacted
        whanau { name relationship dateOfBirth dependent }
      }
      events { id type note occurredAt }
      contactAttempts { id attemptNumber method result note attemptedAt }
    }
  }
`)

export interface ReferralStepInput {
  referralId: string
  reason?: string
  outcome?: ReferralOutcome
  note?: string
}

type StepResult = { id: string; reference: string; status: string }
const step = <K extends string>(field: K) =>
  operation<Record<K, StepResult>, { input: ReferralStepInput }>(`
    mutation Step($input: ReferralStepInput!) {
      ${field}(input: $input) { id reference status }
    }
  `)

export type StepCommand = 'accept' | 'decline' | 'start' | 'putOnHold' | 'resume' | 'complete' | 'fail' | 'cancel'

/** The lifecycle steps that take a ReferralStepInput, by the command name availableCommands uses. */
export const REFERRAL_STEPS: Record<StepCommand, Operation<Record<string, StepResult>, { input: ReferralStepInput }>> = {
  accept: step('acceptReferral'),
  decline: step('declineReferral'),
  start: step('startReferral'),
  putOnHold: step('putReferralOnHold'),
  resume: step('resumeReferral'),
  complete: step('completeReferral'),
  fail: step('failReferral'),
  cancel: step('cancelReferral'),
}

export const RECORD_CONTACT_ATTEMPT = operation<
  { recordContactAttempt: { attemptNumber: number; escalated: boolean; shouldEscalate: boolean; message: string } },
  { input: { referralId: string; method: ContactMethod; result: ContactResult; attemptedAt: string; note?: string } }
>(`
  mutation RecordContactAttempt($input: RecordContactAttemptInput!) {
    recordContactAttempt(input: $input) { attemptNumber escalated shouldEscalate message }
  }
`)

export const REDIRECT_REFERRAL = operation<
  { redirectReferral: StepResult },
  { input: { referralId: string; serviceId: string; reason: string } }
>(`
  mutation RedirectReferral($input: RedirectReferralInput!) {
    redirectReferral(input: $input) { id reference status }
  }
`)

// ─── Notifications ──────────────────────────────────────────────────────────────────────────────

export const UNREAD_COUNT = operation<{ notifications: { unreadCount: number } }>(`
  query UnreadCount {
    notifications(first: 1, unreadOnly: true) { unreadCount }
  }
`)

export const NOTIFICATIONS = operation<
  { notifications: { unreadCount: number; items: Notification[] } },
  { first: number; unreadOnly: boolean }
>(`
  query Notifications($first: Int, $unreadOnly: Boolean) {
    notifications(first: $first, unreadOnly: $unreadOnly) {
      unreadCount
      items { id kind title body referralId createdAt readAt }
    }
  }
`)

export const MARK_NOTIFICATIONS_READ = operation<{ markNotificationsRead: number }, { ids: string[] | null }>(`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`)

// ─── Listings: the provider page, its editor, and the prompt to keep it current ─────────────────

const PHONE_FIELDS = 'number extension type description'
const CONTACT_FIELDS = `name title department email phones { ${PHONE_FIELDS} }`
const HOURS_FIELDS = 'day opensAt closesAt'
const FRESHNESS_FIELDS = 'freshness { stale daysSinceVerified }'
const LOCATION_FIELDS = `
  id name addressLine1 addressLine2 suburb city postcode accessibility updatedAt
  region { code name }
  openingHours { ${HOURS_FIELDS} }
  phones { ${PHONE_FIELDS} }
`
const LISTING_SERVICE_FIELDS = `
  id name description status capacityStatus eligibilityDescription minimumAge maximumAge
  freeOfCharge feesDescription applicationProcess url email culturalFocus deliveryModes nationwide
  lastVerifiedAt updatedAt ${FRESHNESS_FIELDS}
  categories { code name }
  languages { code name }
  serviceAreas { regionCode territorialAuthorityCode name }
  locations { ${LOCATION_FIELDS} }
  openingHours { ${HOURS_FIELDS} }
  contacts { ${CONTACT_FIELDS} }
  phones { ${PHONE_FIELDS} }
`
const LISTING_FIELDS = `
  id name description email website lastVerifiedAt updatedAt needsVerification ${FRESHNESS_FIELDS}
  phones { ${PHONE_FIELDS} }
  contacts { ${CONTACT_FIELDS} }
  accreditations { id scheme level status validFrom validTo }
  locations { ${LOCATION_FIELDS} }
  services { ${LISTING_SERVICE_FIELDS} }
`

/** A provider's whole listing: anyone may read it (the public directory). */
export const ORGANISATION_LISTING = operation<{ organisation: ListingOrganisation | null }, { id: string }>(`
  query OrganisationListing($id: ID!) {
    organisation(id: $id) { ${LISTING_FIELDS} }
  }
`)

/** The editor's choices: categories and regions, with the listing. */
export const LISTING_EDITOR = operation<
  { organisation: ListingOrganisation | null; serviceCategories: ServiceCategoryOption[]; regions: Region[] },
  { id: string }
>(`
  query ListingEditor($id: ID!) {
    organisation(id: $id) { ${LISTING_FIELDS} }
    serviceCategories { code name nameMi group }
    regions { id code isoCode name nameMi council }
  }
`)

export type MyListing = Pick<ListingOrganisation, 'id' | 'name' | 'updatedAt' | 'lastVerifiedAt' | 'needsVerification' | 'freshness'> & {
  services: Pick<ListingService, 'id' | 'name' | 'lastVerifiedAt' | 'freshness'>[]
}

/** The listings the signed-in provider staff keep, the one most in need of checking first. */
export const MY_LISTINGS = operation<{ myListings: MyListing[] }>(`
  query MyListings {
    myListings {
      id name updatedAt lastVerifiedAt needsVerification ${FRESHNESS_FIELDS}
      services { id name lastVerifiedAt ${FRESHNESS_FIELDS} }
    }
  }
`)

/** A change as the API sends it: the values before and after as JSON text. */
export type RawListingChange = Omit<ListingChange, 'changes'> & { changes: { field: string; from: string | null; to: string | null }[] }

export const LISTING_CHANGES = operation<
  { listingChanges: { totalCount: number; pageInfo: PageInfo; edges: { node: RawListingChange }[] } },
  { organisationId: string; first: number; after: string | null }
>(`
  query ListingChanges($organisationId: ID!, $first: Int, $after: String) {
    listingChanges(organisationId: $organisationId, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id occurredAt action entityType entityId subject moderated actor { id name } changes { field from to } } }
    }
  }
`)

type Saved = { id: string; updatedAt: string }

export const UPDATE_SERVICE_LISTING = operation<{ updateServiceListing: Saved }, { input: Record<string, unknown> }>(`
  mutation UpdateServiceListing($input: UpdateServiceListingInput!) {
    updateServiceListing(input: $input) { id updatedAt }
  }
`)

export const UPDATE_ORGANISATION_LISTING = operation<{ updateOrganisationListing: Saved }, { input: Record<string, unknown> }>(`
  mutation UpdateOrganisationListing($input: UpdateOrganisationListingInput!) {
    updateOrganisationListing(input: $input) { id updatedAt }
  }
`)

export const UPDATE_LOCATION = operation<{ updateLocation: Saved }, { input: Record<string, unknown> }>(`
  mutation UpdateLocation($input: UpdateLocationInput!) {
    updateLocation(input: $input) { id updatedAt }
  }
`)

export const VERIFY_LISTING = operation<
  { verifyListing: { id: string; name: string; updatedAt: string; lastVerifiedAt: string | null } },
  { input: { organisationId: string; expectedUpdatedAt: string } }
>(`
  mutation VerifyListing($input: VerifyListingInput!) {
    verifyListing(input: $input) { id name updatedAt lastVerifiedAt }
  }
`)

export const CREATE_SERVICE_LISTING = operation<{ createServiceListing: Saved }, { input: Record<string, unknown> }>(`
  mutation CreateServiceListing($input: CreateServiceListingInput!) {
    createServiceListing(input: $input) { id updatedAt }
  }
`)
