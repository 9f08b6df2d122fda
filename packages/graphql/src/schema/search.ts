// The directory search with facets: the same use case as REST GET /api/v1/search.
import { searchDirectory, type DirectoryHit, type DirectorySearchResult, type FacetValue } from '@fsn/services'
import { builder } from '../builder'
import {
  CapacityStatusEnum,
  CategoryRef,
  CulturalFocusEnum,
  DeliveryModeEnum,
  ServiceStatusEnum,
} from './directory'

const ListingFlagEnum = builder.enumType('ListingFlag', {
  description: 'Why a listing is ranked below current ones. It is still shown, never hidden.',
  values: {
    STALE: { value: 'stale', description: 'Not verified by its provider within the last 180 days.' },
    NO_CAPACITY: { value: 'no-capacity', description: 'Not taking new people.' },
    INACTIVE: { value: 'inactive', description: 'Inactive or temporarily closed.' },
  } as const,
})

const DirectorySortEnum = builder.enumType('DirectorySort', {
  values: {
    RELEVANCE: { value: 'relevance' },
    DISTANCE: { value: 'distance', description: 'Nearest first; needs near or postcode.' },
    NAME: { value: 'name' },
  } as const,
})

const GeoPointRef = builder.objectRef<{ lat: number; lng: number }>('GeoPoint').implement({
  fields: (t) => ({ lat: t.exposeFloat('lat'), lng: t.exposeFloat('lng') }),
})

const FacetValueRef = builder.objectRef<FacetValue>('FacetValue').implement({
  fields: (t) => ({
    value: t.exposeString('value'),
    label: t.exposeString('label'),
    count: t.exposeInt('count'),
    selected: t.exposeBoolean('selected'),
  }),
})

const FacetRef = builder
  .objectRef<DirectorySearchResult['facets'][number]>('DirectoryFacet')
  .implement({
    description:
      'Counts over every match of the query with its filters. name: region | territorialAuthority | category | accreditation | language | culturalFocus | deliveryMode | capacity.',
    fields: (t) => ({
      name: t.exposeString('name'),
      values: t.field({ type: [FacetValueRef], resolve: (f) => f.values }),
    }),
  })

const HitRef = builder.objectRef<DirectoryHit>('DirectoryHit').implement({
  description: 'A service at one of its locations (or a service with no location, such as a helpline).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The service_at_location id (the service id when it has no location).' }),
    serviceId: t.exposeID('serviceId'),
    organisationId: t.exposeID('organisationId'),
    locationId: t.exposeID('locationId', { nullable: true }),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    organisationName: t.exposeString('organisationName'),
    categories: t.field({ type: [CategoryRef], resolve: (h) => h.categories }),
    regionCode: t.exposeString('regionCode', { nullable: true }),
    regionName: t.exposeString('regionName', { nullable: true }),
    taCode: t.exposeString('taCode', { nullable: true }),
    taName: t.exposeString('taName', { nullable: true }),
    city: t.exposeString('city', { nullable: true }),
    suburb: t.exposeString('suburb', { nullable: true }),
    lat: t.exposeFloat('lat', { nullable: true }),
    lng: t.exposeFloat('lng', { nullable: true }),
    distanceKm: t.exposeFloat('distanceKm', { nullable: true }),
    capacity: t.field({ type: CapacityStatusEnum, resolve: (h) => h.capacity }),
    status: t.field({ type: ServiceStatusEnum, resolve: (h) => h.status }),
    accreditations: t.exposeStringList('accreditations', {
      description: "Current accreditations: 'MSD_SSAS', 'MSD_SSAS:3', 'TE_KAHUI_KAHU:1', 'OT_S396'.",
    }),
    languages: t.exposeStringList('languages'),
    culturalFocus: t.field({ type: [CulturalFocusEnum], resolve: (h) => h.culturalFocus }),
    deliveryModes: t.field({ type: [DeliveryModeEnum], resolve: (h) => h.deliveryModes }),
    lastVerifiedAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (h) => (h.lastVerifiedAt === null ? null : new Date(h.lastVerifiedAt)),
    }),
    flags: t.field({ type: [ListingFlagEnum], resolve: (h) => h.flags }),
    nationwide: t.exposeBoolean('nationwide'),
    openNow: t.exposeBoolean('openNow', { description: 'Open at this moment, by its weekly hours in NZ time.' }),
  }),
})

const ResultRef = builder.objectRef<DirectorySearchResult>('DirectorySearchResult').implement({
  fields: (t) => ({
    total: t.exposeInt('total'),
    page: t.exposeInt('page'),
    perPage: t.exposeInt('perPage'),
    tookMs: t.exposeFloat('tookMs'),
    origin: t.field({ type: GeoPointRef, nullable: true, resolve: (r) => r.origin }),
    hits: t.field({ type: [HitRef], resolve: (r) => r.hits }),
    facets: t.field({ type: [FacetRef], resolve: (r) => r.facets }),
  }),
})

const NearInput = builder.inputType('NearInput', {
  fields: (t) => ({
    lat: t.float({ required: true }),
    lng: t.float({ required: true }),
    radiusKm: t.float({ required: true }),
  }),
})

export const DirectorySearchInput = builder.inputType('DirectorySearchInput', {
  fields: (t) => ({
    q: t.string({ description: 'Words; the last one is matched as a prefix while typing.' }),
    regionCodes: t.stringList({ description: 'Stats NZ region codes ("09").' }),
    taCodes: t.stringList({ description: 'Territorial authority codes ("047").' }),
    categoryCodes: t.stringList(),
    accreditation: t.stringList({ description: "'MSD_SSAS' (any level) or 'MSD_SSAS:3'." }),
    languages: t.stringList({ description: 'ISO 639 codes.' }),
    culturalFocus: t.field({ type: [CulturalFocusEnum] }),
    deliveryModes: t.field({ type: [DeliveryModeEnum] }),
    capacity: t.field({ type: [CapacityStatusEnum] }),
    includeNationwide: t.boolean({ description: 'Let nationwide services through place filters.' }),
    openNow: t.boolean({ description: 'Only listings open now (NZ time).' }),
    near: t.field({ type: NearInput }),
    postcode: t.string({ description: 'A NZ postcode to measure from, instead of near.' }),
    radiusKm: t.float({ description: 'With postcode: how far (default 25 km).' }),
    sort: t.field({ type: DirectorySortEnum }),
    page: t.int(),
    perPage: t.int(),
    facets: t.boolean({ description: 'Count facet values over every match.' }),
  }),
})

/** GraphQL sends null for an absent optional field; the zod schema wants it absent. */
const present = <T extends object>(input: T) =>
  Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined))

builder.queryField('searchDirectory', (t) =>
  t.field({
    type: ResultRef,
    description:
      'Search the directory: typo-tolerant, macron-blind, te reo and English synonyms, facets with counts, open now, near a point. Anyone may search.',
    args: { input: t.arg({ type: DirectorySearchInput, required: true }) },
    resolve: (_r, { input }, ctx) => searchDirectory({ deps: ctx.deps, actor: ctx.actor, input: present(input) }),
  }),
)
