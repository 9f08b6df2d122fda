// Our directory rows as HSDS 3.0 objects. Pure: rows in, JSON out; the read use cases load the rows
// with the includes below. Every object is checked against the official compiled schemas in tests
// (schemas.ts), so the rules that shape this file are HSDS's:
// - no nulls: HSDS types are plain "string" or "number", so an absent value is an absent key;
// - required fields are filled from what we hold (organization.description, taxonomy_term.description,
//   address.address_1/city/state_province/postal_code/country);
// - everything HSDS has no field for goes under `x_fsn`, which the schemas allow (no schema sets
//   additionalProperties: false) and which our import reads back, so export -> import -> export is
//   lossless for what we store.
import { SCHEMES, nzDateOf, type AccreditationScheme } from '@fsn/domain'
import type { Prisma } from '@fsn/db'
import { addressIdOf, attributeIdOf } from './ids'

export type HsdsObject = Record<string, unknown>

/** Name of the object holding our fields that HSDS 3.0 has no place for. */
export const EXTENSION = 'x_fsn'

// ─── What the mappers need loaded ────────────────────────────────────────────────────────────────

const byId = { orderBy: { id: 'asc' } } as const
const phoneInclude = { languages: byId } satisfies Prisma.PhoneInclude
const phones = { include: phoneInclude, ...byId } as const
const contacts = { include: { phones }, ...byId } as const

export const locationInclude = {
  region: { select: { code: true, name: true } },
  territorialAuthority: { select: { code: true, name: true } },
  accessibility: byId,
  contacts,
  phones,
  schedules: byId,
  languages: byId,
} satisfies Prisma.LocationInclude

const termInclude = {
  taxonomy: true,
  equivalentTerm: { select: { id: true, code: true, name: true, taxonomyId: true } },
} satisfies Prisma.TaxonomyTermInclude

export const organisationInclude = {
  identifiers: byId,
  contacts,
  phones,
  accreditations: byId,
} satisfies Prisma.OrganisationInclude

export const serviceInclude = {
  organisation: { include: organisationInclude },
  categories: { include: { taxonomyTerm: { include: termInclude } }, orderBy: { taxonomyTermId: 'asc' } },
  serviceAtLocations: {
    include: { location: { include: locationInclude }, contacts, phones, schedules: byId },
    ...byId,
  },
  serviceAreas: {
    include: {
      region: { select: { code: true, name: true } },
      territorialAuthority: { select: { code: true, name: true } },
    },
    ...byId,
  },
  contacts,
  phones,
  schedules: byId,
  languages: byId,
  costOptions: byId,
  requiredAccreditations: byId,
} satisfies Prisma.ServiceInclude

export const serviceListInclude = {
  organisation: true,
} satisfies Prisma.ServiceInclude

export type ServiceRecord = Prisma.ServiceGetPayload<{ include: typeof serviceInclude }>
export type ServiceListRecord = Prisma.ServiceGetPayload<{ include: typeof serviceListInclude }>
export type OrganisationRecord = Prisma.OrganisationGetPayload<{ include: typeof organisationInclude }> & {
  locations?: LocationRecord[]
}
export type LocationRecord = Prisma.LocationGetPayload<{ include: typeof locationInclude }>
type ContactRecord = ServiceRecord['contacts'][number]
type PhoneRecord = ServiceRecord['phones'][number]
type ScheduleRecord = ServiceRecord['schedules'][number]
type LanguageRecord = ServiceRecord['languages'][number]
export type TermRecord = Prisma.TaxonomyTermGetPayload<{ include: typeof termInclude }>
type Taxonomy = TermRecord['taxonomy']
type Organisation = ServiceListRecord['organisation']
type Service = Omit<ServiceListRecord, 'organisation'>
type Location = Omit<LocationRecord, 'accessibility' | 'contacts' | 'phones' | 'schedules' | 'languages'>

export interface ExportContext {
  /** The export's time: schedules state the UTC offset in force then (NZST +12 or NZDT +13). */
  now: Date
}

// ─── Small conversions ───────────────────────────────────────────────────────────────────────────

/** Drops null and undefined values: HSDS types are "string"/"number", never null. */
export function compact(o: Record<string, unknown>): HsdsObject {
  const out: HsdsObject = {}
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v
  return out
}

const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null)
const isoDateTime = (d: Date | null) => (d ? d.toISOString() : null)
const lower = <T extends string>(v: T) => v.toLowerCase()

/** HSDS `uri`/`email` are format-checked; a malformed value we hold is left out, not exported broken. */
function uri(v: string | null): string | null {
  if (!v) return null
  try {
    new URL(v)
    return v
  } catch {
    return null
  }
}

export const SERVICE_STATUS_TO_HSDS = {
  ACTIVE: 'active',
  INACTIVE: 'inactive',
  DEFUNCT: 'defunct',
  TEMPORARILY_CLOSED: 'temporarily closed',
} as const

/** UTC offset of a time zone at an instant, in hours: our "Pacific/Auckland", "Etc/GMT-3", "UTC+05:30". */
export function offsetHoursOf(timeZone: string, at: Date): number | null {
  const fixed = /^UTC([+-])(\d{2}):(\d{2})$/.exec(timeZone)
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) + Number(fixed[3]) / 60)
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value
    const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? '')
    if (!m) return null
    return m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) + Number(m[3]) / 60) : 0
  } catch {
    return null
  }
}

function offsetSuffix(hours: number): string {
  if (hours === 0) return 'Z'
  const abs = Math.abs(hours)
  const h = String(Math.floor(abs)).padStart(2, '0')
  const m = String(Math.round((abs % 1) * 60)).padStart(2, '0')
  return `${hours < 0 ? '-' : '+'}${h}:${m}`
}

/**
 * Our opening hours are NZ wall-clock "08:30"; HSDS asks for the time with its UTC offset. The
 * offset is the one in force at the export (a weekly 08:30 is +13:00 in summer, +12:00 in winter),
 * and `timezone` says the same as a number.
 */
function hsdsTime(time: string | null, hours: number | null): string | null {
  if (!time) return null
  if (!/^\d{2}:\d{2}(:\d{2})?$/.test(time) || hours === null) return time
  return `${time}${offsetSuffix(hours)}`
}

// ─── Children ────────────────────────────────────────────────────────────────────────────────────

function language(l: LanguageRecord): HsdsObject {
  return compact({ id: l.id, name: l.name, code: l.code, note: l.note })
}

function phone(p: PhoneRecord): HsdsObject {
  // HSDS types the extension as a number; one we hold with letters in it ("ext. 2 then 4") is kept
  // under x_fsn rather than lost.
  const numeric = p.extension && /^\d{1,15}$/.test(p.extension) ? Number(p.extension) : null
  return compact({
    id: p.id,
    number: p.number,
    extension: numeric,
    type: p.type,
    description: p.description,
    languages: p.languages.map(language),
    [EXTENSION]: p.extension && numeric === null ? { extension: p.extension } : null,
  })
}

function contact(c: ContactRecord): HsdsObject {
  return compact({
    id: c.id,
    name: c.name,
    title: c.title,
    department: c.department,
    email: c.email,
    phones: c.phones.map(phone),
  })
}

function schedule(s: ScheduleRecord, ctx: ExportContext): HsdsObject {
  const hours = offsetHoursOf(s.timezone, ctx.now)
  return compact({
    id: s.id,
    valid_from: isoDate(s.validFrom),
    valid_to: isoDate(s.validTo),
    dtstart: isoDate(s.dtstart),
    timezone: hours,
    until: isoDate(s.until),
    count: s.count,
    freq: s.freq,
    interval: s.interval,
    byday: s.byday,
    bymonthday: s.bymonthday,
    description: s.description,
    opens_at: hsdsTime(s.opensAt, hours),
    closes_at: hsdsTime(s.closesAt, hours),
    attending_type: s.attendingType,
    notes: s.notes,
    // HSDS's numeric offset cannot say "New Zealand time, daylight saving included".
    [EXTENSION]: hours === null || s.timezone !== 'Pacific/Auckland' ? { timezone: s.timezone } : null,
  })
}

function taxonomy(t: Taxonomy): HsdsObject {
  return compact({ id: t.id, name: t.name, description: t.description, uri: uri(t.uri), version: t.version })
}

export function toHsdsTaxonomy(t: Taxonomy): HsdsObject {
  return taxonomy(t)
}

export function toHsdsTaxonomyTerm(t: TermRecord): HsdsObject {
  return compact({
    id: t.id,
    code: t.code,
    name: t.name,
    // Required by HSDS; most Open Eligibility terms below the top level have no description.
    description: t.description ?? t.name,
    parent_id: t.parentId,
    taxonomy: t.taxonomy.name,
    taxonomy_id: t.taxonomyId,
    taxonomy_detail: taxonomy(t.taxonomy),
    language: t.language,
    term_uri: uri(t.termUri),
    [EXTENSION]: compactOrNull({
      name_mi: t.nameMi,
      group_code: t.groupCode,
      equivalent_term: t.equivalentTerm
        ? {
            id: t.equivalentTerm.id,
            code: t.equivalentTerm.code,
            name: t.equivalentTerm.name,
            taxonomy_id: t.equivalentTerm.taxonomyId,
          }
        : null,
    }),
  })
}

function compactOrNull(o: Record<string, unknown>): HsdsObject | null {
  const c = compact(o)
  return Object.keys(c).length ? c : null
}

function address(l: Location): HsdsObject | null {
  if (!l.addressLine1 && !l.city && !l.postcode && !l.suburb && !l.addressLine2) return null
  // NZ addresses have a suburb line HSDS lacks: address_2 carries it for people, x_fsn for our
  // import. ISO 3166-2 makes the regional council region New Zealand's first-level subdivision, so
  // it is the state_province; the district or city council area is the `region`.
  return compact({
    id: addressIdOf(l.id),
    address_1: l.addressLine1 ?? '',
    address_2: [l.addressLine2, l.suburb].filter(Boolean).join(', ') || null,
    city: l.city ?? '',
    region: l.territorialAuthority?.name,
    state_province: l.region.name,
    postal_code: l.postcode ?? '',
    country: 'NZ',
    address_type: lower(l.locationType),
    [EXTENSION]: compactOrNull({ address_line_2: l.addressLine2, suburb: l.suburb }),
  })
}

function locationFields(l: Location): HsdsObject {
  return compact({
    id: l.id,
    location_type: lower(l.locationType),
    organization_id: l.organisationId,
    name: l.name,
    alternate_name: l.alternateName,
    description: l.description,
    transportation: l.transportation,
    latitude: l.latitude,
    longitude: l.longitude,
    [EXTENSION]: compact({
      region_code: l.region.code,
      region_name: l.region.name,
      territorial_authority_code: l.territorialAuthority?.code,
      territorial_authority_name: l.territorialAuthority?.name,
    }),
  })
}

export function toHsdsLocationListItem(l: Location): HsdsObject {
  return locationFields(l)
}

export function toHsdsLocation(l: LocationRecord, ctx: ExportContext): HsdsObject {
  const a = address(l)
  return {
    ...locationFields(l),
    languages: l.languages.map(language),
    addresses: a ? [a] : [],
    contacts: l.contacts.map(contact),
    accessibility: l.accessibility.map((x) =>
      compact({ id: x.id, description: x.description, details: x.details, url: uri(x.url) }),
    ),
    phones: l.phones.map(phone),
    schedules: l.schedules.map((s) => schedule(s, ctx)),
  }
}

// ─── Organisation ────────────────────────────────────────────────────────────────────────────────

export function toHsdsOrganizationListItem(o: Organisation): HsdsObject {
  return compact({
    id: o.id,
    name: o.name,
    alternate_name: o.alternateName,
    description: o.description,
    email: o.email,
    website: uri(o.website),
    year_incorporated: o.yearIncorporated,
    legal_status: o.legalStatus,
    logo: o.logoUrl,
    [EXTENSION]: compact({
      kind: lower(o.kind),
      code: o.code,
      last_verified_at: isoDateTime(o.lastVerifiedAt),
    }),
  })
}

export function toHsdsOrganization(
  o: OrganisationRecord,
  ctx: ExportContext,
  services?: HsdsObject[],
): HsdsObject {
  const base = toHsdsOrganizationListItem(o)
  return compact({
    ...base,
    organization_identifiers: o.identifiers.map((i) =>
      compact({
        id: i.id,
        identifier_scheme: i.identifierScheme,
        identifier_type: i.identifierType,
        identifier: i.identifier,
      }),
    ),
    contacts: o.contacts.map(contact),
    phones: o.phones.map(phone),
    locations: o.locations?.map((l) => toHsdsLocation(l, ctx)),
    services,
    [EXTENSION]: {
      ...(base[EXTENSION] as HsdsObject),
      // HSDS 3.0 has no accreditation object (service.accreditations is free text).
      accreditations: o.accreditations.map((a) =>
        compact({
          id: a.id,
          scheme: a.scheme,
          level: a.level,
          status: lower(a.status),
          valid_from: isoDateTime(a.validFrom),
          valid_to: isoDateTime(a.validTo),
          evidence_note: a.evidenceNote,
        }),
      ),
    },
  })
}

// ─── Service ─────────────────────────────────────────────────────────────────────────────────────

function requirementText(reqs: ServiceRecord['requiredAccreditations']): string | null {
  if (reqs.length === 0) return null
  const parts = reqs.map((r) => {
    const def = SCHEMES[r.scheme as AccreditationScheme]
    return r.minimumLevel === null ? def.name : `${def.name}, Level ${r.minimumLevel} or higher`
  })
  return `Delivered by providers holding: ${parts.join('; ')}.`
}

/** The one-to-one service fields (HSDS service_list) and our extension fields. */
export function toHsdsServiceListItem(
  s: Service & { requiredAccreditations?: ServiceRecord['requiredAccreditations'] },
  organisation: Organisation,
  lastModified: Date = s.updatedAt,
): HsdsObject {
  return compact({
    id: s.id,
    organization_id: s.organisationId,
    name: s.name,
    alternate_name: s.alternateName,
    description: s.description,
    url: uri(s.url),
    email: s.email,
    status: SERVICE_STATUS_TO_HSDS[s.status],
    interpretation_services: s.interpretationServices,
    application_process: s.applicationProcess,
    fees_description: s.feesDescription,
    accreditations: s.requiredAccreditations ? requirementText(s.requiredAccreditations) : null,
    eligibility_description: s.eligibilityDescription,
    minimum_age: s.minimumAge,
    maximum_age: s.maximumAge,
    // "The date that the information about the service was last checked": MSD asks providers to
    // keep listings current, and lastVerifiedAt records when they last did (NZ calendar date).
    assured_date: s.lastVerifiedAt ? nzDateOf(s.lastVerifiedAt) : null,
    alert: s.alert,
    last_modified: lastModified.toISOString(),
    organization: toHsdsOrganizationListItem(organisation),
    [EXTENSION]: compact({
      capacity_status: lower(s.capacityStatus),
      capacity_updated_at: isoDateTime(s.capacityUpdatedAt),
      delivery_modes: s.deliveryModes.map(lower),
      cultural_focus: s.culturalFocus.map(lower),
      nationwide: s.nationwide,
      free_of_charge: s.freeOfCharge,
      last_verified_at: isoDateTime(s.lastVerifiedAt),
      required_accreditations: s.requiredAccreditations?.map((r) =>
        compact({ id: r.id, scheme: r.scheme, minimum_level: r.minimumLevel }),
      ),
    }),
  })
}

/** HSDS: "the datetime when the service, or any related information about the service, has changed". */
export function lastModifiedOf(s: ServiceRecord): Date {
  let t = Math.max(s.updatedAt.getTime(), s.organisation.updatedAt.getTime())
  for (const sal of s.serviceAtLocations) t = Math.max(t, sal.location.updatedAt.getTime())
  return new Date(t)
}

function attribute(serviceId: string, term: TermRecord): HsdsObject {
  return {
    id: attributeIdOf(serviceId, term.id),
    link_id: serviceId,
    link_entity: 'service',
    taxonomy_term_id: term.id,
    taxonomy_term: toHsdsTaxonomyTerm(term),
  }
}

function serviceAtLocation(sal: ServiceRecord['serviceAtLocations'][number], ctx: ExportContext) {
  return compact({
    id: sal.id,
    service_id: sal.serviceId,
    location_id: sal.locationId,
    description: sal.description,
    contacts: sal.contacts.map(contact),
    phones: sal.phones.map(phone),
    schedules: sal.schedules.map((x) => schedule(x, ctx)),
    location: toHsdsLocation(sal.location, ctx),
  })
}

export function toHsdsService(
  s: ServiceRecord,
  ctx: ExportContext,
  options: { serviceAtLocations?: boolean } = {},
): HsdsObject {
  const { organisation, ...rest } = s
  return compact({
    ...toHsdsServiceListItem(rest, organisation, lastModifiedOf(s)),
    organization: toHsdsOrganization(organisation, ctx),
    phones: s.phones.map(phone),
    schedules: s.schedules.map((x) => schedule(x, ctx)),
    service_areas: s.serviceAreas.map((a) =>
      compact({
        id: a.id,
        name: a.name ?? a.territorialAuthority?.name ?? a.region?.name,
        description: a.description,
        [EXTENSION]: compactOrNull({
          region_code: a.region?.code,
          territorial_authority_code: a.territorialAuthority?.code,
        }),
      }),
    ),
    service_at_locations:
      options.serviceAtLocations === false
        ? undefined
        : s.serviceAtLocations.map((x) => serviceAtLocation(x, ctx)),
    languages: s.languages.map(language),
    cost_options: s.costOptions.map((c) =>
      compact({
        id: c.id,
        valid_from: isoDate(c.validFrom),
        valid_to: isoDate(c.validTo),
        option: c.option,
        currency: c.currency,
        // Stored in cents so sums are exact; HSDS states the amount in the currency's unit.
        amount: c.amountCents === null ? null : c.amountCents / 100,
        amount_description: c.amountDescription,
      }),
    ),
    // We record no required documents, funding or programs; HSDS makes them optional.
    required_documents: [],
    contacts: s.contacts.map(contact),
    attributes: s.categories.map((c) => attribute(s.id, c.taxonomyTerm)),
  })
}

/** HSDS service_at_location with its service (without the service's own service_at_locations). */
export function toHsdsServiceAtLocation(
  s: ServiceRecord,
  salId: string,
  ctx: ExportContext,
): HsdsObject | null {
  const sal = s.serviceAtLocations.find((x) => x.id === salId)
  if (!sal) return null
  return { ...serviceAtLocation(sal, ctx), service: toHsdsService(s, ctx, { serviceAtLocations: false }) }
}
