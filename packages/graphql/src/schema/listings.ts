// Provider listings in GraphQL: the provider page, a provider's own listings, the change history,
// and the edits. Thin over packages/services: inputs pass to the use cases as sent (null clears a
// field, a list replaces the list), which validate them with the domain's zod schemas; a test
// keeps these input types' fields in step with those schemas. Every nested field resolves from
// the one query the use case ran (no N+1).
import {
  ACCREDITATION_SCHEMES,
  ACCREDITATION_STATUSES,
  AppError,
  WEEKDAYS,
  isAppError,
  type ListingFreshness,
} from '@fsn/domain'
import {
  createServiceListing,
  findListingChanges,
  findMyListings,
  getOrganisationListing,
  getServiceListing,
  updateLocation,
  updateOrganisationListing,
  updateServiceListing,
  verifyListing,
  type AccreditationListing,
  type ListingChangeRecord,
  type ListingContact,
  type ListingPhone,
  type LocationListing,
  type OrganisationListing,
  type ServiceListing,
} from '@fsn/services'
import { builder } from '../builder'
import {
  CapacityStatusEnum,
  CategoryRef,
  CulturalFocusEnum,
  DeliveryModeEnum,
  OrganisationKindEnum,
  ServiceStatusEnum,
} from './directory'

const WeekdayEnum = builder.enumType('Weekday', {
  description: 'RFC 5545 weekday codes, as HSDS schedules spell them.',
  values: WEEKDAYS,
})
const AccreditationSchemeEnum = builder.enumType('AccreditationScheme', {
  description:
    'MSD_SSAS: MSD Social Sector Accreditation Standards (levels 1-4); TE_KAHUI_KAHU: Te Kāhui Kāhu (levels 1-2); OT_S396: Oranga Tamariki s396 care partner approval (no levels).',
  values: ACCREDITATION_SCHEMES,
})
const AccreditationStatusEnum = builder.enumType('AccreditationStatus', { values: ACCREDITATION_STATUSES })

// ─── Output types ───────────────────────────────────────────────────────────────────────────────

const FreshnessRef = builder.objectRef<ListingFreshness>('ListingFreshness').implement({
  description:
    'Providers keep their listing up to date (MSD guidelines, Family services directory): a listing not verified within staleAfterDays (search settings, 180) is stale. Flagged, never hidden.',
  fields: (t) => ({
    stale: t.exposeBoolean('stale'),
    daysSinceVerified: t.exposeInt('daysSinceVerified', {
      nullable: true,
      description: 'Null when never verified.',
    }),
    verifyBy: t.expose('verifyBy', {
      type: 'DateTime',
      nullable: true,
      description: 'When it turns stale unless verified again.',
    }),
  }),
})

const PhoneRef = builder.objectRef<ListingPhone>('ListingPhone').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeString('number'),
    extension: t.exposeString('extension', { nullable: true }),
    type: t.exposeString('type', {
      nullable: true,
      description: 'HSDS: voice, cell, text, fax, video, pager, textphone.',
    }),
    description: t.exposeString('description', { nullable: true }),
  }),
})

const ContactRef = builder.objectRef<ListingContact>('ListingContact').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name', { nullable: true }),
    title: t.exposeString('title', { nullable: true }),
    department: t.exposeString('department', { nullable: true }),
    email: t.exposeString('email', { nullable: true }),
    phones: t.field({ type: [PhoneRef], resolve: (c) => c.phones }),
  }),
})

const CodeNameRef = builder.objectRef<{ code: string; name: string }>('ListingCodeName').implement({
  description: 'A language (ISO 639 code), region or district (Stats NZ code) with its name.',
  fields: (t) => ({ code: t.exposeString('code'), name: t.exposeString('name') }),
})

const OpeningHoursRef = builder.objectRef<LocationListing['openingHours'][number]>('OpeningHours').implement({
  description:
    'One opening on one weekday, New Zealand local time ("08:30" to "17:00"; "24:00" is midnight).',
  fields: (t) => ({
    day: t.expose('day', { type: WeekdayEnum }),
    opensAt: t.exposeString('opensAt'),
    closesAt: t.exposeString('closesAt'),
  }),
})

const ServiceAreaRef = builder
  .objectRef<ServiceListing['serviceAreas'][number]>('ListingServiceArea')
  .implement({
    description: 'A whole region or one district or city the service covers.',
    fields: (t) => ({
      regionCode: t.exposeString('regionCode', { nullable: true }),
      territorialAuthorityCode: t.exposeString('territorialAuthorityCode', { nullable: true }),
      name: t.exposeString('name'),
    }),
  })

const CostOptionRef = builder
  .objectRef<ServiceListing['costOptions'][number]>('ListingCostOption')
  .implement({
    fields: (t) => ({
      option: t.exposeString('option', { nullable: true }),
      amountCents: t.exposeInt('amountCents', { nullable: true }),
      amountDescription: t.exposeString('amountDescription', { nullable: true }),
      currency: t.exposeString('currency'),
    }),
  })

const AccreditationRef = builder.objectRef<AccreditationListing>('ListingAccreditation').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    scheme: t.expose('scheme', { type: AccreditationSchemeEnum }),
    level: t.exposeInt('level', { nullable: true }),
    status: t.expose('status', { type: AccreditationStatusEnum }),
    validFrom: t.expose('validFrom', { type: 'DateTime' }),
    validTo: t.expose('validTo', { type: 'DateTime', nullable: true }),
    label: t.exposeString('label'),
    current: t.exposeBoolean('current', {
      description: 'Held now: ACTIVE or PROVISIONAL and within its dates.',
    }),
  }),
})

const LocationRef = builder.objectRef<LocationListing>('ListingLocation').implement({
  description: 'A place a provider works from (HSDS location with its address).',
  fields: (t) => ({
    id: t.exposeID('id'),
    organisationId: t.exposeID('organisationId'),
    name: t.exposeString('name'),
    alternateName: t.exposeString('alternateName', { nullable: true }),
    description: t.exposeString('description', { nullable: true }),
    transportation: t.exposeString('transportation', { nullable: true }),
    addressLine1: t.exposeString('addressLine1', { nullable: true }),
    addressLine2: t.exposeString('addressLine2', { nullable: true }),
    suburb: t.exposeString('suburb', { nullable: true }),
    city: t.exposeString('city', { nullable: true }),
    postcode: t.exposeString('postcode', { nullable: true }),
    region: t.field({ type: CodeNameRef, resolve: (l) => l.region }),
    territorialAuthority: t.field({
      type: CodeNameRef,
      nullable: true,
      resolve: (l) => l.territorialAuthority,
    }),
    latitude: t.exposeFloat('latitude', { nullable: true }),
    longitude: t.exposeFloat('longitude', { nullable: true }),
    accessibility: t.exposeString('accessibility', { nullable: true }),
    openingHours: t.field({ type: [OpeningHoursRef], resolve: (l) => l.openingHours }),
    phones: t.field({ type: [PhoneRef], resolve: (l) => l.phones }),
    languages: t.field({ type: [CodeNameRef], resolve: (l) => l.languages }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      description: 'Send it back as expectedUpdatedAt when you edit.',
    }),
  }),
})

const ListingOwnerRef = builder.objectRef<{ id: string; name: string }>('ListingOwner').implement({
  fields: (t) => ({ id: t.exposeID('id'), name: t.exposeString('name') }),
})

const ServiceListingRef = builder.objectRef<ServiceListing>('ServiceListing').implement({
  description:
    'A service as its provider lists it (HSDS service with its hours, contacts, areas and places).',
  fields: (t) => ({
    id: t.exposeID('id'),
    organisationId: t.exposeID('organisationId'),
    organisation: t.field({ type: ListingOwnerRef, resolve: (s) => s.organisation }),
    name: t.exposeString('name'),
    alternateName: t.exposeString('alternateName', { nullable: true }),
    description: t.exposeString('description'),
    url: t.exposeString('url', { nullable: true }),
    email: t.exposeString('email', { nullable: true }),
    status: t.expose('status', { type: ServiceStatusEnum }),
    eligibilityDescription: t.exposeString('eligibilityDescription', { nullable: true }),
    minimumAge: t.exposeInt('minimumAge', { nullable: true }),
    maximumAge: t.exposeInt('maximumAge', { nullable: true }),
    feesDescription: t.exposeString('feesDescription', { nullable: true }),
    freeOfCharge: t.exposeBoolean('freeOfCharge'),
    costOptions: t.field({ type: [CostOptionRef], resolve: (s) => s.costOptions }),
    applicationProcess: t.exposeString('applicationProcess', { nullable: true }),
    interpretationServices: t.exposeString('interpretationServices', { nullable: true }),
    capacityStatus: t.expose('capacityStatus', { type: CapacityStatusEnum }),
    capacityUpdatedAt: t.expose('capacityUpdatedAt', { type: 'DateTime', nullable: true }),
    deliveryModes: t.field({ type: [DeliveryModeEnum], resolve: (s) => s.deliveryModes }),
    culturalFocus: t.field({ type: [CulturalFocusEnum], resolve: (s) => s.culturalFocus }),
    languages: t.field({ type: [CodeNameRef], resolve: (s) => s.languages }),
    categories: t.field({ type: [CategoryRef], resolve: (s) => s.categories }),
    nationwide: t.exposeBoolean('nationwide'),
    serviceAreas: t.field({ type: [ServiceAreaRef], resolve: (s) => s.serviceAreas }),
    locations: t.field({ type: [LocationRef], resolve: (s) => s.locations }),
    openingHours: t.field({ type: [OpeningHoursRef], resolve: (s) => s.openingHours }),
    contacts: t.field({ type: [ContactRef], resolve: (s) => s.contacts }),
    phones: t.field({ type: [PhoneRef], resolve: (s) => s.phones }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      description: 'Send it back as expectedUpdatedAt when you edit.',
    }),
    lastVerifiedAt: t.expose('lastVerifiedAt', { type: 'DateTime', nullable: true }),
    freshness: t.field({ type: FreshnessRef, resolve: (s) => s.freshness }),
  }),
})

const OrganisationListingRef = builder.objectRef<OrganisationListing>('OrganisationListing').implement({
  description: "A provider's page: its details, services, locations, accreditations and how fresh each is.",
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: OrganisationKindEnum }),
    name: t.exposeString('name'),
    alternateName: t.exposeString('alternateName', { nullable: true }),
    description: t.exposeString('description'),
    email: t.exposeString('email', { nullable: true }),
    website: t.exposeString('website', { nullable: true }),
    phones: t.field({ type: [PhoneRef], resolve: (o) => o.phones }),
    contacts: t.field({ type: [ContactRef], resolve: (o) => o.contacts }),
    accreditations: t.field({ type: [AccreditationRef], resolve: (o) => o.accreditations }),
    locations: t.field({ type: [LocationRef], resolve: (o) => o.locations }),
    services: t.field({
      type: [ServiceListingRef],
      description:
        'By name on the provider page; stale first in myListings. Defunct ones only for the listing’s keepers.',
      resolve: (o) => o.services,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      description: 'Send it back as expectedUpdatedAt when you edit or verify.',
    }),
    lastVerifiedAt: t.expose('lastVerifiedAt', { type: 'DateTime', nullable: true }),
    freshness: t.field({ type: FreshnessRef, resolve: (o) => o.freshness }),
    needsVerification: t.exposeBoolean('needsVerification', {
      description: "The organisation's details or one of its services listed here is stale.",
    }),
  }),
})

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v))

const FieldChangeRef = builder
  .objectRef<ListingChangeRecord['changes'][number]>('ListingFieldChange')
  .implement({
    fields: (t) => ({
      field: t.exposeString('field', {
        description: 'The input field that changed, e.g. name, openingHours.',
      }),
      from: t.string({
        nullable: true,
        description: 'The value before, as JSON (null when it was empty).',
        resolve: (c) => json(c.from),
      }),
      to: t.string({
        nullable: true,
        description: 'The value after, as JSON (null when it is empty now).',
        resolve: (c) => json(c.to),
      }),
    }),
  })

const ListingChangeRef = builder.objectRef<ListingChangeRecord>('ListingChange').implement({
  description: 'One saved change to a listing: who, when, what.',
  fields: (t) => ({
    id: t.exposeID('id'),
    occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
    action: t.exposeString('action', {
      description:
        'directory.listing.service-created | service-updated | organisation-updated | location-updated | verified',
    }),
    entityType: t.exposeString('entityType', { description: 'Organisation | Service | Location' }),
    entityId: t.exposeID('entityId'),
    subject: t.exposeString('subject', { description: 'The service, location or organisation name now.' }),
    actor: t.field({ type: ListingOwnerRef, nullable: true, resolve: (c) => c.actor }),
    moderated: t.exposeBoolean('moderated', {
      description: 'Made by a moderator, not the organisation’s own staff.',
    }),
    changes: t.field({ type: [FieldChangeRef], resolve: (c) => c.changes }),
  }),
})

// ─── Queries ────────────────────────────────────────────────────────────────────────────────────

/** A get-by-id that finds nothing answers null, as the schema promises; other errors pass. */
async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p
  } catch (e) {
    if (isAppError(e) && e.code === 'NOT_FOUND') return null
    throw e
  }
}

builder.queryField('organisation', (t) =>
  t.field({
    type: OrganisationListingRef,
    nullable: true,
    description: "A provider's page (anyone may read it); null when there is no such organisation.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, args, ctx) =>
      orNull(
        getOrganisationListing({
          deps: ctx.deps,
          actor: ctx.actor,
          input: { organisationId: String(args.id) },
        }),
      ),
  }),
)

builder.queryField('service', (t) =>
  t.field({
    type: ServiceListingRef,
    nullable: true,
    description: 'One service as listed; null when there is no such service.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, args, ctx) =>
      orNull(getServiceListing({ deps: ctx.deps, actor: ctx.actor, input: { serviceId: String(args.id) } })),
  }),
)

builder.queryField('myListings', (t) =>
  t.field({
    type: [OrganisationListingRef],
    description:
      'The listings you keep (provider staff who may edit their own), the one most in need of checking first.',
    resolve: (_r, _args, ctx) => findMyListings({ deps: ctx.deps, actor: ctx.actor }),
  }),
)

builder.queryField('listingChanges', (t) =>
  t.connection(
    {
      type: ListingChangeRef,
      description: "A listing's change history, newest first: for its own staff and moderators.",
      args: { organisationId: t.arg.id({ required: true }) },
      resolve: async (_r, args, ctx) => {
        if (args.last != null)
          throw new AppError('VALIDATION_FAILED', 'last: paging runs forwards; use first and after', 'last')
        if (args.before != null)
          throw new AppError(
            'VALIDATION_FAILED',
            'before: paging runs forwards; use first and after',
            'before',
          )
        const page = await findListingChanges({
          deps: ctx.deps,
          actor: ctx.actor,
          input: {
            organisationId: String(args.organisationId),
            ...(args.first != null ? { first: args.first } : {}),
            ...(args.after != null ? { after: args.after } : {}),
          },
        })
        return {
          edges: page.edges,
          totalCount: page.totalCount,
          pageInfo: {
            hasNextPage: page.hasNextPage,
            hasPreviousPage: false,
            startCursor: page.edges[0]?.cursor ?? null,
            endCursor: page.endCursor,
          },
        }
      },
    },
    {
      name: 'ListingChangeConnection',
      fields: (c) => ({
        totalCount: c.int({ resolve: (conn) => (conn as { totalCount: number }).totalCount }),
      }),
    },
    { name: 'ListingChangeEdge' },
  ),
)

// ─── Inputs (fields mirror the domain's zod schemas) ──────────────────────────────────────────────

const VERSION = 'The updatedAt you read (ISO 8601); an edit from an older version gets CONFLICT.'

const PhoneInput = builder.inputType('PhoneInput', {
  fields: (t) => ({
    number: t.string({
      required: true,
      description: 'A NZ number: 04 123 4567, 021 123 4567, 0800 123 456, +64 4 123 4567.',
    }),
    extension: t.string(),
    type: t.string({ description: 'voice | cell | text | fax | video | pager | textphone' }),
    description: t.string(),
  }),
})

const ContactInput = builder.inputType('ContactInput', {
  fields: (t) => ({
    name: t.string(),
    title: t.string(),
    department: t.string(),
    email: t.string(),
    phones: t.field({ type: [PhoneInput] }),
  }),
})

const OpeningHoursInput = builder.inputType('OpeningHoursInput', {
  fields: (t) => ({
    day: t.field({ type: WeekdayEnum, required: true }),
    opensAt: t.string({ required: true, description: 'HH:MM, NZ time' }),
    closesAt: t.string({ required: true, description: 'HH:MM after opensAt; 24:00 for midnight' }),
  }),
})

const ServiceAreaInput = builder.inputType('ServiceAreaInput', {
  description: 'Exactly one of regionCode ("01"-"09", "12"-"18") or territorialAuthorityCode ("001"-"076").',
  fields: (t) => ({ regionCode: t.string(), territorialAuthorityCode: t.string() }),
})

const CostOptionInput = builder.inputType('CostOptionInput', {
  fields: (t) => ({ option: t.string(), amountCents: t.int(), amountDescription: t.string() }),
})

/** The service fields both create and update take; create makes a few required. */
type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never

function serviceFields(t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>, create: boolean) {
  return {
    expectedUpdatedAt: t.string({
      required: true,
      description: create ? "The organisation's updatedAt you read; a second submit gets CONFLICT." : VERSION,
    }),
    name: t.string({ required: create }),
    alternateName: t.string(),
    description: t.string({ required: create }),
    url: t.string(),
    email: t.string(),
    status: t.field({ type: ServiceStatusEnum }),
    eligibilityDescription: t.string(),
    minimumAge: t.int({ description: '0-120' }),
    maximumAge: t.int({ description: '0-120, at least minimumAge' }),
    feesDescription: t.string(),
    freeOfCharge: t.boolean(),
    costOptions: t.field({ type: [CostOptionInput] }),
    applicationProcess: t.string(),
    interpretationServices: t.string(),
    capacityStatus: t.field({ type: CapacityStatusEnum }),
    deliveryModes: t.field({ type: [DeliveryModeEnum], required: create }),
    culturalFocus: t.field({ type: [CulturalFocusEnum] }),
    languages: t.stringList({ description: 'ISO 639 codes: en, mi, sm, to, nzs, …' }),
    categoryCodes: t.stringList({
      required: create,
      description: 'Service category codes (serviceCategories).',
    }),
    nationwide: t.boolean(),
    serviceAreas: t.field({ type: [ServiceAreaInput] }),
    locationIds: t.idList({ description: "The organisation's locations the service is delivered at." }),
    openingHours: t.field({ type: [OpeningHoursInput] }),
    contacts: t.field({ type: [ContactInput] }),
    phones: t.field({ type: [PhoneInput] }),
  }
}

const UpdateServiceListingInput = builder.inputType('UpdateServiceListingInput', {
  description: 'A patch: a field left out is unchanged, null clears it, a list replaces the list.',
  fields: (t) => ({ serviceId: t.id({ required: true }), ...serviceFields(t, false) }),
})

const CreateServiceListingInput = builder.inputType('CreateServiceListingInput', {
  fields: (t) => ({ organisationId: t.id({ required: true }), ...serviceFields(t, true) }),
})

const UpdateOrganisationListingInput = builder.inputType('UpdateOrganisationListingInput', {
  description: 'A patch: a field left out is unchanged, null clears it, a list replaces the list.',
  fields: (t) => ({
    organisationId: t.id({ required: true }),
    expectedUpdatedAt: t.string({ required: true, description: VERSION }),
    name: t.string(),
    alternateName: t.string(),
    description: t.string(),
    email: t.string(),
    website: t.string(),
    contacts: t.field({ type: [ContactInput] }),
    phones: t.field({ type: [PhoneInput] }),
  }),
})

const UpdateLocationInput = builder.inputType('UpdateLocationInput', {
  description: 'A patch: a field left out is unchanged, null clears it, a list replaces the list.',
  fields: (t) => ({
    locationId: t.id({ required: true }),
    expectedUpdatedAt: t.string({ required: true, description: VERSION }),
    name: t.string(),
    alternateName: t.string(),
    description: t.string(),
    transportation: t.string(),
    addressLine1: t.string(),
    addressLine2: t.string(),
    suburb: t.string(),
    city: t.string(),
    postcode: t.string(),
    regionCode: t.string(),
    territorialAuthorityCode: t.string(),
    latitude: t.float({ description: '-53 to -29; with longitude' }),
    longitude: t.float({ description: '165 to 179.9, or -176.9 to -176 (Chatham Islands); with latitude' }),
    accessibility: t.string(),
    openingHours: t.field({ type: [OpeningHoursInput] }),
    phones: t.field({ type: [PhoneInput] }),
    languages: t.stringList(),
  }),
})

const VerifyListingInput = builder.inputType('VerifyListingInput', {
  description:
    '"Still correct": stamps the organisation and the services named (all when left out; none when empty).',
  fields: (t) => ({
    organisationId: t.id({ required: true }),
    expectedUpdatedAt: t.string({ required: true, description: "The organisation's updatedAt you read." }),
    serviceIds: t.idList(),
  }),
})

// ─── Mutations ────────────────────────────────────────────────────────────────────────────────────

builder.mutationField('createServiceListing', (t) =>
  t.field({
    type: ServiceListingRef,
    args: { input: t.arg({ type: CreateServiceListingInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      createServiceListing({ deps: ctx.deps, actor: ctx.actor, input, requestId: ctx.requestId }),
  }),
)

builder.mutationField('updateServiceListing', (t) =>
  t.field({
    type: ServiceListingRef,
    args: { input: t.arg({ type: UpdateServiceListingInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      updateServiceListing({ deps: ctx.deps, actor: ctx.actor, input, requestId: ctx.requestId }),
  }),
)

builder.mutationField('updateOrganisationListing', (t) =>
  t.field({
    type: OrganisationListingRef,
    args: { input: t.arg({ type: UpdateOrganisationListingInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      updateOrganisationListing({ deps: ctx.deps, actor: ctx.actor, input, requestId: ctx.requestId }),
  }),
)

builder.mutationField('updateLocation', (t) =>
  t.field({
    type: LocationRef,
    args: { input: t.arg({ type: UpdateLocationInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      updateLocation({ deps: ctx.deps, actor: ctx.actor, input, requestId: ctx.requestId }),
  }),
)

builder.mutationField('verifyListing', (t) =>
  t.field({
    type: OrganisationListingRef,
    args: { input: t.arg({ type: VerifyListingInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      verifyListing({ deps: ctx.deps, actor: ctx.actor, input, requestId: ctx.requestId }),
  }),
)
