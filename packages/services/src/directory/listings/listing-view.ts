// How a listing reads: the provider page (organisation, services, locations, hours, contacts,
// accreditations, freshness) built from one Prisma query with nested includes (relationJoins: one
// SQL statement, no N+1), and the snapshot of editable fields a change record is diffed from.
import type { Prisma } from '@fsn/db'
import {
  CATEGORY_TAXONOMY,
  expandOpeningHours,
  levelLabel,
  listingFreshness,
  type ListingFreshness,
  type TOpeningHoursInterval,
} from '@fsn/domain'
import { loadSettings } from '@fsn/search'

/**
 * Guidelines, "Family services directory": providers keep their listing up to date. The
 * staleness threshold has one source, search/settings.json, which the search engines rank by too.
 */
export function staleAfterDays(): number {
  return loadSettings().staleAfterDays
}

export function freshnessOf(lastVerifiedAt: Date | null, now: Date): ListingFreshness {
  return listingFreshness(lastVerifiedAt, now, staleAfterDays())
}

// ─── Includes ───────────────────────────────────────────────────────────────────────────────────

const byId = { id: 'asc' } as const
const phoneSelect = { id: true, number: true, extension: true, type: true, description: true } as const
const hoursSelect = { byday: true, opensAt: true, closesAt: true } as const

const contactInclude = { phones: { select: phoneSelect, orderBy: byId } } as const

export const locationInclude = {
  region: { select: { code: true, name: true } },
  territorialAuthority: { select: { code: true, name: true } },
  accessibility: { select: { description: true }, orderBy: byId },
  schedules: { where: { serviceId: null, serviceAtLocationId: null }, select: hoursSelect, orderBy: byId },
  phones: {
    where: { contactId: null, serviceId: null, serviceAtLocationId: null },
    select: phoneSelect,
    orderBy: byId,
  },
  languages: { where: { phoneId: null, serviceId: null }, select: { code: true, name: true }, orderBy: byId },
} satisfies Prisma.LocationInclude

export const serviceInclude = {
  organisation: { select: { id: true, name: true } },
  categories: {
    where: { taxonomyTerm: { taxonomy: { name: CATEGORY_TAXONOMY.name } } },
    select: { taxonomyTerm: { select: { code: true, name: true, nameMi: true } } },
  },
  serviceAtLocations: { select: { location: { include: locationInclude } }, orderBy: byId },
  serviceAreas: {
    select: {
      name: true,
      region: { select: { code: true, name: true } },
      territorialAuthority: { select: { code: true, name: true } },
    },
    orderBy: byId,
  },
  contacts: {
    where: { locationId: null, serviceAtLocationId: null },
    include: contactInclude,
    orderBy: byId,
  },
  phones: {
    where: { contactId: null, locationId: null, serviceAtLocationId: null },
    select: phoneSelect,
    orderBy: byId,
  },
  schedules: { where: { locationId: null, serviceAtLocationId: null }, select: hoursSelect, orderBy: byId },
  languages: {
    where: { phoneId: null, locationId: null },
    select: { code: true, name: true },
    orderBy: byId,
  },
  costOptions: {
    select: { option: true, amountCents: true, amountDescription: true, currency: true },
    orderBy: byId,
  },
} satisfies Prisma.ServiceInclude

/** Rows of the organisation itself, not of a service or location that also names it. */
const ownRow = { serviceId: null, locationId: null, serviceAtLocationId: null } as const

export function organisationInclude(services: Prisma.ServiceWhereInput = {}) {
  return {
    services: { where: services, include: serviceInclude, orderBy: [{ name: 'asc' }, { id: 'asc' }] },
    locations: { include: locationInclude, orderBy: [{ name: 'asc' }, { id: 'asc' }] },
    contacts: { where: ownRow, include: contactInclude, orderBy: byId },
    phones: { where: { ...ownRow, contactId: null }, select: phoneSelect, orderBy: byId },
    accreditations: {
      select: { id: true, scheme: true, level: true, status: true, validFrom: true, validTo: true },
      orderBy: [{ scheme: 'asc' }, { validFrom: 'desc' }],
    },
  } satisfies Prisma.OrganisationInclude
}

type LocationRow = Prisma.LocationGetPayload<{ include: typeof locationInclude }>
type ServiceRow = Prisma.ServiceGetPayload<{ include: typeof serviceInclude }>
type OrganisationRow = Prisma.OrganisationGetPayload<{ include: ReturnType<typeof organisationInclude> }>

// ─── Views ──────────────────────────────────────────────────────────────────────────────────────

export interface ListingPhone {
  id: string
  number: string
  extension: string | null
  type: string | null
  description: string | null
}

export interface ListingContact {
  id: string
  name: string | null
  title: string | null
  department: string | null
  email: string | null
  phones: ListingPhone[]
}

export interface LocationListing {
  id: string
  organisationId: string
  name: string
  alternateName: string | null
  description: string | null
  transportation: string | null
  addressLine1: string | null
  addressLine2: string | null
  suburb: string | null
  city: string | null
  postcode: string | null
  region: { code: string; name: string }
  territorialAuthority: { code: string; name: string } | null
  latitude: number | null
  longitude: number | null
  accessibility: string | null
  openingHours: TOpeningHoursInterval[]
  phones: ListingPhone[]
  languages: { code: string; name: string }[]
  /** The version to send back as expectedUpdatedAt. */
  updatedAt: Date
}

export interface ServiceListing extends Pick<
  ServiceRow,
  | 'id'
  | 'organisationId'
  | 'name'
  | 'alternateName'
  | 'description'
  | 'url'
  | 'email'
  | 'status'
  | 'eligibilityDescription'
  | 'minimumAge'
  | 'maximumAge'
  | 'feesDescription'
  | 'freeOfCharge'
  | 'applicationProcess'
  | 'interpretationServices'
  | 'capacityStatus'
  | 'capacityUpdatedAt'
  | 'deliveryModes'
  | 'culturalFocus'
  | 'nationwide'
  | 'createdAt'
  | 'updatedAt'
  | 'lastVerifiedAt'
> {
  organisation: { id: string; name: string }
  categories: { code: string; name: string; nameMi: string | null }[]
  languages: { code: string; name: string }[]
  serviceAreas: { regionCode: string | null; territorialAuthorityCode: string | null; name: string }[]
  locations: LocationListing[]
  openingHours: TOpeningHoursInterval[]
  contacts: ListingContact[]
  phones: ListingPhone[]
  costOptions: {
    option: string | null
    amountCents: number | null
    amountDescription: string | null
    currency: string
  }[]
  freshness: ListingFreshness
}

export interface AccreditationListing {
  id: string
  scheme: OrganisationRow['accreditations'][number]['scheme']
  level: number | null
  status: OrganisationRow['accreditations'][number]['status']
  validFrom: Date
  validTo: Date | null
  /** "MSD Social Sector Accreditation Standards, Level 3". */
  label: string
  /** Held now: ACTIVE or PROVISIONAL and within its dates. Expiry is derived, never stored. */
  current: boolean
}

export interface OrganisationListing extends Pick<
  OrganisationRow,
  | 'id'
  | 'kind'
  | 'name'
  | 'alternateName'
  | 'description'
  | 'email'
  | 'website'
  | 'createdAt'
  | 'updatedAt'
  | 'lastVerifiedAt'
> {
  phones: ListingPhone[]
  contacts: ListingContact[]
  accreditations: AccreditationListing[]
  locations: LocationListing[]
  services: ServiceListing[]
  freshness: ListingFreshness
  /** The organisation's details or any service listed here is stale: ask its staff to check. */
  needsVerification: boolean
}

export function toLocationListing(l: LocationRow): LocationListing {
  return {
    id: l.id,
    organisationId: l.organisationId,
    name: l.name,
    alternateName: l.alternateName,
    description: l.description,
    transportation: l.transportation,
    addressLine1: l.addressLine1,
    addressLine2: l.addressLine2,
    suburb: l.suburb,
    city: l.city,
    postcode: l.postcode,
    region: l.region,
    territorialAuthority: l.territorialAuthority,
    latitude: l.latitude,
    longitude: l.longitude,
    accessibility:
      l.accessibility
        .map((a) => a.description)
        .filter(Boolean)
        .join('\n') || null,
    openingHours: expandOpeningHours(l.schedules),
    phones: l.phones,
    languages: l.languages,
    updatedAt: l.updatedAt,
  }
}

export function toServiceListing(s: ServiceRow, now: Date): ServiceListing {
  return {
    id: s.id,
    organisationId: s.organisationId,
    organisation: s.organisation,
    name: s.name,
    alternateName: s.alternateName,
    description: s.description,
    url: s.url,
    email: s.email,
    status: s.status,
    eligibilityDescription: s.eligibilityDescription,
    minimumAge: s.minimumAge,
    maximumAge: s.maximumAge,
    feesDescription: s.feesDescription,
    freeOfCharge: s.freeOfCharge,
    applicationProcess: s.applicationProcess,
    interpretationServices: s.interpretationServices,
    capacityStatus: s.capacityStatus,
    capacityUpdatedAt: s.capacityUpdatedAt,
    deliveryModes: s.deliveryModes,
    culturalFocus: s.culturalFocus,
    nationwide: s.nationwide,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    lastVerifiedAt: s.lastVerifiedAt,
    categories: s.categories.map((c) => c.taxonomyTerm).sort((a, b) => a.name.localeCompare(b.name)),
    languages: s.languages,
    serviceAreas: s.serviceAreas.map((a) => ({
      regionCode: a.region?.code ?? null,
      territorialAuthorityCode: a.territorialAuthority?.code ?? null,
      name: a.territorialAuthority?.name ?? a.region?.name ?? a.name ?? '',
    })),
    locations: s.serviceAtLocations.map((sal) => toLocationListing(sal.location)),
    openingHours: expandOpeningHours(s.schedules),
    contacts: s.contacts.map(toContact),
    phones: s.phones,
    costOptions: s.costOptions,
    freshness: freshnessOf(s.lastVerifiedAt, now),
  }
}

function toContact(c: ServiceRow['contacts'][number]): ListingContact {
  return {
    id: c.id,
    name: c.name,
    title: c.title,
    department: c.department,
    email: c.email,
    phones: c.phones,
  }
}

export function toOrganisationListing(o: OrganisationRow, now: Date): OrganisationListing {
  const services = o.services.map((s) => toServiceListing(s, now))
  const freshness = freshnessOf(o.lastVerifiedAt, now)
  const t = now.getTime()
  return {
    id: o.id,
    kind: o.kind,
    name: o.name,
    alternateName: o.alternateName,
    description: o.description,
    email: o.email,
    website: o.website,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    lastVerifiedAt: o.lastVerifiedAt,
    phones: o.phones,
    contacts: o.contacts.map(toContact),
    accreditations: o.accreditations.map((a) => ({
      ...a,
      label: levelLabel(a.scheme, a.level),
      current:
        (a.status === 'ACTIVE' || a.status === 'PROVISIONAL') &&
        a.validFrom.getTime() <= t &&
        (a.validTo === null || t < a.validTo.getTime()),
    })),
    locations: o.locations.map(toLocationListing),
    services,
    freshness,
    needsVerification: freshness.stale || services.some((s) => s.freshness.stale),
  }
}

// ─── Snapshots: the editable fields, in input terms, for the change record ─────────────────────

const sorted = <T>(xs: readonly T[], key: (x: T) => string = (x) => JSON.stringify(x)) =>
  [...xs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))

const phoneSnapshot = (p: ListingPhone) => ({
  number: p.number,
  extension: p.extension,
  type: p.type,
  description: p.description,
})
const contactSnapshot = (c: ListingContact) => ({
  name: c.name,
  title: c.title,
  department: c.department,
  email: c.email,
  phones: sorted(c.phones.map(phoneSnapshot)),
})

export function serviceSnapshot(s: ServiceListing): Record<string, unknown> {
  return {
    name: s.name,
    alternateName: s.alternateName,
    description: s.description,
    url: s.url,
    email: s.email,
    status: s.status,
    eligibilityDescription: s.eligibilityDescription,
    minimumAge: s.minimumAge,
    maximumAge: s.maximumAge,
    feesDescription: s.feesDescription,
    freeOfCharge: s.freeOfCharge,
    costOptions: sorted(
      s.costOptions.map((c) => ({
        option: c.option,
        amountCents: c.amountCents,
        amountDescription: c.amountDescription,
      })),
    ),
    applicationProcess: s.applicationProcess,
    interpretationServices: s.interpretationServices,
    capacityStatus: s.capacityStatus,
    deliveryModes: sorted(s.deliveryModes),
    culturalFocus: sorted(s.culturalFocus),
    languages: sorted(s.languages.map((l) => l.code)),
    categoryCodes: sorted(s.categories.map((c) => c.code)),
    nationwide: s.nationwide,
    serviceAreas: sorted(
      s.serviceAreas.map((a) =>
        a.territorialAuthorityCode
          ? { territorialAuthorityCode: a.territorialAuthorityCode }
          : { regionCode: a.regionCode },
      ),
    ),
    locationIds: sorted(s.locations.map((l) => l.id)),
    openingHours: s.openingHours,
    contacts: sorted(s.contacts.map(contactSnapshot)),
    phones: sorted(s.phones.map(phoneSnapshot)),
  }
}

export function organisationSnapshot(
  o: Pick<
    OrganisationListing,
    'name' | 'alternateName' | 'description' | 'email' | 'website' | 'phones' | 'contacts'
  >,
): Record<string, unknown> {
  return {
    name: o.name,
    alternateName: o.alternateName,
    description: o.description,
    email: o.email,
    website: o.website,
    contacts: sorted(o.contacts.map(contactSnapshot)),
    phones: sorted(o.phones.map(phoneSnapshot)),
  }
}

export function locationSnapshot(l: LocationListing): Record<string, unknown> {
  return {
    name: l.name,
    alternateName: l.alternateName,
    description: l.description,
    transportation: l.transportation,
    addressLine1: l.addressLine1,
    addressLine2: l.addressLine2,
    suburb: l.suburb,
    city: l.city,
    postcode: l.postcode,
    regionCode: l.region.code,
    territorialAuthorityCode: l.territorialAuthority?.code ?? null,
    latitude: l.latitude,
    longitude: l.longitude,
    accessibility: l.accessibility,
    openingHours: l.openingHours,
    phones: sorted(l.phones.map(phoneSnapshot)),
    languages: sorted(l.languages.map((x) => x.code)),
  }
}
