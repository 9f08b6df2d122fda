// REST contracts for provider listings. Bodies are the domain's zod schemas (the same ones the
// GraphQL mutations' use cases validate with); ids come from the path. Under /api/v1/listings,
// apart from the read-only HSDA endpoints (/api/v1/services, /api/v1/organizations).
import { createRoute, z } from '@hono/zod-openapi'
import {
  ZCreateServiceListingInput,
  ZUpdateLocationBody,
  ZUpdateOrganisationListingBody,
  ZUpdateServiceListingBody,
  ZVerifyListingBody,
} from '@fsn/domain'
import { ZErrorBody } from './auth.routes'

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ZErrorBody } },
})
const readErrors = {
  400: error('The id is not a UUID'),
  404: error('No such organisation, service or location'),
} as const
const writeErrors = {
  400: error('A field is missing or malformed (the body names it: { code: VALIDATION_FAILED, field })'),
  401: error('Not signed in'),
  403: error("Not your organisation's listing, and you are not a moderator"),
  404: error('No such organisation, service or location'),
  409: error(
    'expectedUpdatedAt is stale: someone changed the listing after you read it. Reload; nothing was written.',
  ),
} as const

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } })
const idParam = z.object({ id: z.uuid({ error: 'id must be a UUID' }) })

const ORGANISATION =
  'An organisation listing: { id, kind, name, alternateName, description, email, website, phones[], contacts[], accreditations[] { id, scheme, level, status, validFrom, validTo, label, current }, locations[], services[], createdAt, updatedAt, lastVerifiedAt, freshness { stale, daysSinceVerified, verifyBy }, needsVerification }'
const SERVICE =
  'A service listing: { id, organisationId, organisation { id, name }, name, alternateName, description, url, email, status, eligibilityDescription, minimumAge, maximumAge, feesDescription, freeOfCharge, costOptions[], applicationProcess, interpretationServices, capacityStatus, capacityUpdatedAt, deliveryModes[], culturalFocus[], languages[] { code, name }, categories[] { code, name, nameMi }, nationwide, serviceAreas[] { regionCode, territorialAuthorityCode, name }, locations[], openingHours[] { day, opensAt, closesAt }, contacts[], phones[], createdAt, updatedAt, lastVerifiedAt, freshness }'
const LOCATION =
  'A location: { id, organisationId, name, alternateName, description, transportation, addressLine1, addressLine2, suburb, city, postcode, region { code, name }, territorialAuthority { code, name } | null, latitude, longitude, accessibility, openingHours[], phones[], languages[], updatedAt }'

const organisationBody = { 200: { description: ORGANISATION, ...json(z.looseObject({})) } }
const serviceBody = { 200: { description: SERVICE, ...json(z.looseObject({})) } }

export const getOrganisationListingRoute = createRoute({
  method: 'get',
  path: '/api/v1/listings/organisations/{id}',
  tags: ['listings'],
  summary:
    "A provider's page: its details, services, locations, hours, contacts, accreditations and freshness. Public.",
  request: { params: idParam },
  responses: { ...organisationBody, ...readErrors },
})

export const getServiceListingRoute = createRoute({
  method: 'get',
  path: '/api/v1/listings/services/{id}',
  tags: ['listings'],
  summary: 'One service as listed. Public (a defunct service only for its own staff and moderators).',
  request: { params: idParam },
  responses: { ...serviceBody, ...readErrors },
})

export const myListingsRoute = createRoute({
  method: 'get',
  path: '/api/v1/listings/mine',
  tags: ['listings'],
  summary:
    'The listings you keep (provider staff who may edit their own), the one most in need of checking first.',
  responses: {
    200: {
      description: `{ contents: [organisation listing] }, stale first. ${ORGANISATION}`,
      ...json(z.object({ contents: z.array(z.looseObject({})) })),
    },
    401: error('Not signed in'),
  },
})

export const createServiceListingRoute = createRoute({
  method: 'post',
  path: '/api/v1/listings/services',
  tags: ['listings'],
  summary:
    "Add a service to an organisation's listing. expectedUpdatedAt is the organisation's updatedAt: a second submit gets 409, not a duplicate.",
  request: { body: { required: true, ...json(ZCreateServiceListingInput) } },
  responses: { 201: { description: SERVICE, ...json(z.looseObject({})) }, ...writeErrors },
})

export const updateServiceListingRoute = createRoute({
  method: 'patch',
  path: '/api/v1/listings/services/{id}',
  tags: ['listings'],
  summary:
    'Edit a service. A patch: a field left out is unchanged, null clears it, a list replaces the list. Counts as verification.',
  request: { params: idParam, body: { required: true, ...json(ZUpdateServiceListingBody) } },
  responses: { ...serviceBody, ...writeErrors },
})

export const updateOrganisationListingRoute = createRoute({
  method: 'patch',
  path: '/api/v1/listings/organisations/{id}',
  tags: ['listings'],
  summary:
    "Edit an organisation's own details, phones and contacts. A patch, as for services. Counts as verification.",
  request: { params: idParam, body: { required: true, ...json(ZUpdateOrganisationListingBody) } },
  responses: { ...organisationBody, ...writeErrors },
})

export const updateLocationRoute = createRoute({
  method: 'patch',
  path: '/api/v1/listings/locations/{id}',
  tags: ['listings'],
  summary:
    'Edit a location: address, region and district, map pin, accessibility, hours, phones, languages. A patch.',
  request: { params: idParam, body: { required: true, ...json(ZUpdateLocationBody) } },
  responses: { 200: { description: LOCATION, ...json(z.looseObject({})) }, ...writeErrors },
})

export const verifyListingRoute = createRoute({
  method: 'post',
  path: '/api/v1/listings/organisations/{id}/verify',
  tags: ['listings'],
  summary:
    '"Still correct": stamps the organisation and the services named (all when serviceIds is left out) as verified now. Keeps updatedAt.',
  request: { params: idParam, body: { required: true, ...json(ZVerifyListingBody) } },
  responses: { ...organisationBody, ...writeErrors },
})

export const listingChangesRoute = createRoute({
  method: 'get',
  path: '/api/v1/listings/organisations/{id}/changes',
  tags: ['listings'],
  summary: "A listing's change history, newest first: who, when, what. For its own staff and moderators.",
  request: {
    params: idParam,
    query: z.object({
      first: z.coerce
        .number({ error: 'first must be a number' })
        .int({ error: 'first must be a whole number' })
        .optional(),
      after: z.string().optional(),
    }),
  },
  responses: {
    200: {
      description:
        '{ total_items, has_next_page, next_cursor, contents: [{ id, occurredAt, action, entityType, entityId, subject, actor { id, name } | null, moderated, changes: [{ field, from, to }] }] }',
      ...json(z.looseObject({})),
    },
    ...writeErrors,
  },
})
