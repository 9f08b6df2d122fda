// HSDA contracts: the Open Referral Human Services Data API (HSDS 3.0.1, schema/openapi.json in
// prisma/reference/hsds) under /api/v1. Query schemas come from @fsn/services (the same ones the
// use cases parse with), so a bad parameter is a 400 naming it and every parameter, extensions
// included, is in /api/openapi.json. Bodies are HSDS documents: described here, validated against
// the official compiled schemas in the tests.
import { createRoute, z } from '@hono/zod-openapi'
import {
  HSDA_MAX_PER_PAGE,
  ZHsdaOrganizationQuery,
  ZHsdaOrganizationsQuery,
  ZHsdaServiceAtLocationsQuery,
  ZHsdaServicesQuery,
  ZHsdaTaxonomiesQuery,
  ZHsdaTaxonomyTermsQuery,
} from '@fsn/services'
import { ZErrorBody } from './auth.routes'

const SPEC = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema'
const EXTENSION_NOTE =
  'Fields HSDS 3.0 has no place for (capacity, accreditation, cultural focus, regions, listing freshness, ' +
  'distance) are under `x_fsn`; the HSDS schemas allow extra properties, so documents stay valid.'

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } })

const hsds = (name: string, file: string) =>
  z
    .looseObject({})
    .describe(`HSDS 3.0 ${name}: valid against ${SPEC}/${file}. ${EXTENSION_NOTE}`)
    .openapi(`Hsds_${name}`)

const ZHsdsService = hsds('service', 'compiled/service.json')
const ZHsdsServiceListItem = hsds('service_list_item', 'compiled/service_list.json')
const ZHsdsServiceAtLocation = hsds('service_at_location', 'compiled/service_at_location.json')
const ZHsdsServiceAtLocationListItem = hsds(
  'service_at_location_list_item',
  'compiled/service_at_location_list.json',
)
const ZHsdsOrganization = hsds('organization', 'compiled/organization.json')
const ZHsdsOrganizationListItem = hsds('organization_list_item', 'compiled/organization_list.json')
const ZHsdsTaxonomy = hsds('taxonomy', 'taxonomy.json')
const ZHsdsTaxonomyTerm = hsds('taxonomy_term', 'taxonomy_term.json')

/** HSDA's page object (openapi.json components.schemas.Page) around the contents. */
const page = <T extends z.ZodType>(item: T, name: string) =>
  z
    .object({
      total_items: z.int().describe('How many match, over all pages.'),
      total_pages: z.int(),
      page_number: z.int().describe('This page, from 1.'),
      size: z.int().describe('How many are in this page.'),
      first_page: z.boolean(),
      last_page: z.boolean(),
      empty: z.boolean().describe('This page has no contents.'),
      contents: z.array(item),
    })
    .openapi(name)

const errors = {
  400: {
    description: 'A parameter is malformed or names nothing we hold; `field` names it',
    ...json(ZErrorBody),
  },
} as const
const notFound = { 404: { description: 'Nothing with that id', ...json(ZErrorBody) } } as const
const idParam = z.object({ id: z.uuid({ error: 'id must be a UUID' }).describe('HSDS id (a UUID)') })
const tags = ['hsda']

export const apiInfoRoute = createRoute({
  method: 'get',
  path: '/api/v1',
  tags,
  summary: 'HSDA: this API and the HSDS version it serves.',
  responses: {
    200: {
      description: 'API information',
      ...json(
        z.object({
          version: z.string().describe('HSDS version'),
          openapi_url: z.string().describe("This API's OpenAPI document"),
        }),
      ),
    },
  },
})

export const listServicesRoute = createRoute({
  method: 'get',
  path: '/api/v1/services',
  tags,
  summary: `HSDA: services, by name, ${HSDA_MAX_PER_PAGE} a page at most. Parameters combine with AND.`,
  request: { query: ZHsdaServicesQuery },
  responses: {
    200: { description: 'A page of services', ...json(page(ZHsdsServiceListItem, 'HsdaServicePage')) },
    ...errors,
  },
})

export const getServiceRoute = createRoute({
  method: 'get',
  path: '/api/v1/services/{id}',
  tags,
  summary:
    'HSDA: one service, fully nested (organization, service_at_locations with locations, phones, ' +
    'schedules, ...).',
  request: { params: idParam },
  responses: { 200: { description: 'The service', ...json(ZHsdsService) }, ...errors, ...notFound },
})

export const listServiceAtLocationsRoute = createRoute({
  method: 'get',
  path: '/api/v1/service_at_locations',
  tags,
  summary:
    'HSDA: where services are delivered. Given a point (proximity=lat,lng, lat and lng, or postcode) ' +
    'nearest first, with x_fsn.distance_m.',
  request: { query: ZHsdaServiceAtLocationsQuery },
  responses: {
    200: {
      description: 'A page of service_at_locations',
      ...json(page(ZHsdsServiceAtLocationListItem, 'HsdaServiceAtLocationPage')),
    },
    ...errors,
  },
})

export const getServiceAtLocationRoute = createRoute({
  method: 'get',
  path: '/api/v1/service_at_locations/{id}',
  tags,
  summary: 'HSDA: one service_at_location with its location and service.',
  request: { params: idParam },
  responses: {
    200: { description: 'The service_at_location', ...json(ZHsdsServiceAtLocation) },
    ...errors,
    ...notFound,
  },
})

export const listOrganizationsRoute = createRoute({
  method: 'get',
  path: '/api/v1/organizations',
  tags,
  summary: 'HSDA: organisations (providers and agencies), by name.',
  request: { query: ZHsdaOrganizationsQuery },
  responses: {
    200: {
      description: 'A page of organizations',
      ...json(page(ZHsdsOrganizationListItem, 'HsdaOrganizationPage')),
    },
    ...errors,
  },
})

export const getOrganizationRoute = createRoute({
  method: 'get',
  path: '/api/v1/organizations/{id}',
  tags,
  summary:
    'HSDA: one organisation with its locations and services (one-to-one fields, or full with full_service).',
  request: { params: idParam, query: ZHsdaOrganizationQuery },
  responses: { 200: { description: 'The organization', ...json(ZHsdsOrganization) }, ...errors, ...notFound },
})

export const listTaxonomiesRoute = createRoute({
  method: 'get',
  path: '/api/v1/taxonomies',
  tags,
  summary: 'HSDA: taxonomies (our service categories and Open Eligibility 2.0).',
  request: { query: ZHsdaTaxonomiesQuery },
  responses: {
    200: { description: 'A page of taxonomies', ...json(page(ZHsdsTaxonomy, 'HsdaTaxonomyPage')) },
    ...errors,
  },
})

export const getTaxonomyRoute = createRoute({
  method: 'get',
  path: '/api/v1/taxonomies/{id}',
  tags,
  summary: 'HSDA: one taxonomy.',
  request: { params: idParam },
  responses: { 200: { description: 'The taxonomy', ...json(ZHsdsTaxonomy) }, ...errors, ...notFound },
})

export const listTaxonomyTermsRoute = createRoute({
  method: 'get',
  path: '/api/v1/taxonomy_terms',
  tags,
  summary: 'HSDA: taxonomy terms; x_fsn.equivalent_term links a category to its Open Eligibility term.',
  request: { query: ZHsdaTaxonomyTermsQuery },
  responses: {
    200: {
      description: 'A page of taxonomy terms',
      ...json(page(ZHsdsTaxonomyTerm, 'HsdaTaxonomyTermPage')),
    },
    ...errors,
  },
})

export const getTaxonomyTermRoute = createRoute({
  method: 'get',
  path: '/api/v1/taxonomy_terms/{id}',
  tags,
  summary: 'HSDA: one taxonomy term.',
  request: { params: idParam },
  responses: {
    200: { description: 'The taxonomy term', ...json(ZHsdsTaxonomyTerm) },
    ...errors,
    ...notFound,
  },
})
