// GET /api/v1/search: the directory search as the web page and the GraphQL searchDirectory query
// run it (our extension; HSDA's /services and /service_at_locations take `search` too, without
// facets). Query strings arrive as text: lists are comma-separated, numbers coerced, and every
// message names its parameter.
import { createRoute, z } from '@hono/zod-openapi'
import { CAPACITY_STATUSES } from '@fsn/domain'
import { CULTURAL_FOCUSES, DELIVERY_MODES } from '@fsn/search'
import { ZErrorBody } from './auth.routes'

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } })

const csv = (name: string, pattern: RegExp, what: string) =>
  z
    .string()
    .refine((v) => v.split(',').every((x) => pattern.test(x.trim())), {
      error: `${name} must be ${what}, separated by commas`,
    })
    .optional()
    .describe(`${what}; comma-separated values match any of them.`)

const enumCsv = (name: string, values: readonly string[]) =>
  csv(name, new RegExp(`^(${values.join('|')})$`, 'i'), `one or more of ${values.join(', ')}`)

const number = (name: string, min: number, max: number, description: string) =>
  z.coerce
    .number({ error: `${name} must be a number from ${min} to ${max}` })
    .min(min, { error: `${name} must be a number from ${min} to ${max}` })
    .max(max, { error: `${name} must be a number from ${min} to ${max}` })
    .optional()
    .describe(description)

const int = (name: string, min: number, max: number, description: string) =>
  z.coerce
    .number({ error: `${name} must be a whole number from ${min} to ${max}` })
    .int({ error: `${name} must be a whole number from ${min} to ${max}` })
    .min(min, { error: `${name} must be a whole number from ${min} to ${max}` })
    .max(max, { error: `${name} must be a whole number from ${min} to ${max}` })
    .optional()
    .describe(description)

const bool = (name: string, description: string) =>
  z.enum(['true', 'false'], { error: `${name} must be true or false` }).optional().describe(description)

export const ZSearchQueryParams = z
  .object({
    q: z.string().max(200, { error: 'q must be at most 200 characters' }).optional().describe(
      'Words: typo-tolerant, macrons optional, te reo and English synonyms, the last word as a prefix.',
    ),
    region: csv('region', /^\d{2}$/, 'a two-digit Stats NZ region code (09)'),
    ta: csv('ta', /^\d{3}$/, 'a three-digit territorial authority code (047)'),
    category: csv('category', /^[a-z0-9-]{1,64}$/, 'a category code (food, budgeting)'),
    accreditation: csv(
      'accreditation',
      /^(MSD_SSAS|TE_KAHUI_KAHU|OT_S396)(:\d)?$/,
      'a scheme or scheme:level (MSD_SSAS:3)',
    ),
    language: csv('language', /^[a-z]{2,3}$/, 'an ISO 639 language code (mi)'),
    cultural_focus: enumCsv('cultural_focus', CULTURAL_FOCUSES),
    delivery_mode: enumCsv('delivery_mode', DELIVERY_MODES),
    capacity: enumCsv('capacity', CAPACITY_STATUSES),
    include_nationwide: bool('include_nationwide', 'Let nationwide services through place filters.'),
    open_now: bool('open_now', 'Only listings open now, by their weekly hours in NZ time.'),
    lat: number('lat', -90, 90, 'Latitude of the point to measure from (with lng and radius_km).'),
    lng: number('lng', -180, 180, 'Longitude of the point to measure from.'),
    radius_km: number('radius_km', 0.1, 2000, 'How far from the point or postcode (km; default 25).'),
    postcode: z
      .string()
      .regex(/^\d{4}$/, { error: 'postcode must be a four-digit NZ postcode' })
      .optional()
      .describe('Measure from the centre of the locations we list at this postcode.'),
    sort: z
      .enum(['relevance', 'distance', 'name'], { error: 'sort must be relevance, distance or name' })
      .optional()
      .describe('Default: distance with a point, else relevance.'),
    page: int('page', 1, 10_000, 'Page number, from 1.'),
    per_page: int('per_page', 1, 100, 'Results per page, 1 to 100 (default 20).'),
    facets: bool('facets', 'Count facet values over every match.'),
  })
  .refine((p) => (p.lat === undefined) === (p.lng === undefined), {
    error: 'lat and lng go together',
    path: ['lng'],
  })

const ZFacetValue = z.object({ value: z.string(), label: z.string(), count: z.int(), selected: z.boolean() })
const ZHit = z
  .looseObject({
    id: z.string(),
    serviceId: z.string(),
    organisationId: z.string(),
    name: z.string(),
    distanceKm: z.number().nullable(),
    flags: z.array(z.enum(['stale', 'no-capacity', 'inactive'])),
    openNow: z.boolean(),
  })
  .openapi('DirectoryHit')
export const ZSearchResponse = z
  .object({
    total: z.int(),
    page: z.int(),
    perPage: z.int(),
    tookMs: z.number(),
    origin: z.object({ lat: z.number(), lng: z.number() }).nullable(),
    hits: z.array(ZHit),
    facets: z.array(z.object({ name: z.string(), values: z.array(ZFacetValue) })),
  })
  .openapi('DirectorySearchResult')

export const searchRoute = createRoute({
  method: 'get',
  path: '/api/v1/search',
  tags: ['directory'],
  summary: 'Search the directory, with facet counts (our extension).',
  description:
    'Listings are services at their locations. Stale (not verified in 180 days), full and closed listings are ranked below current ones and flagged, never hidden.',
  request: { query: ZSearchQueryParams },
  responses: {
    200: { description: 'A page of listings and the facet counts', ...json(ZSearchResponse) },
    400: { description: 'A parameter is malformed; `field` names it', ...json(ZErrorBody) },
  },
})
