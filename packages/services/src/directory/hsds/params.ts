// The HSDA query parameters (Open Referral API reference, schema/openapi.json) and our extensions,
// as zod schemas used by the REST route contracts (validation and the OpenAPI document) and by the
// read use cases, which parse their input again for callers that are not HTTP. Query strings arrive
// as text, so numbers are coerced. Every message names its parameter, because the 400 body's `field`
// is the only thing a partner system's developer sees.
import { ACCREDITATION_SCHEMES } from '@fsn/domain'
import { z } from 'zod'

export const HSDA_DEFAULT_PER_PAGE = 20
/** Documented in the OpenAPI document; larger pages would let one request pull the whole directory. */
export const HSDA_MAX_PER_PAGE = 100
/** Far past any real page; the database's OFFSET overflows near 2^31 (a 500 found by fuzzing). */
export const HSDA_MAX_PAGE = 100_000

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/

const uuidParam = (name: string, description: string) =>
  z
    .uuid({ error: `${name} must be a UUID` })
    .optional()
    .describe(description)

const list = (name: string, allowed: readonly string[], description: string) =>
  z
    .string()
    .refine((v) => v.split(',').every((x) => allowed.includes(x.trim().toLowerCase())), {
      error: `${name} must be one or more of ${allowed.join(', ')}, separated by commas`,
    })
    .optional()
    .describe(`${description} Comma-separated values match any of them.`)

const paging = {
  page: z.coerce
    .number({ error: `page must be a whole number from 1 to ${HSDA_MAX_PAGE}` })
    .int({ error: `page must be a whole number from 1 to ${HSDA_MAX_PAGE}` })
    .min(1, { error: `page must be a whole number from 1 to ${HSDA_MAX_PAGE}` })
    .max(HSDA_MAX_PAGE, { error: `page must be a whole number from 1 to ${HSDA_MAX_PAGE}` })
    .default(1)
    .describe('Page number, from 1.'),
  per_page: z.coerce
    .number({ error: `per_page must be a whole number from 1 to ${HSDA_MAX_PER_PAGE}` })
    .int({ error: `per_page must be a whole number from 1 to ${HSDA_MAX_PER_PAGE}` })
    .min(1, { error: `per_page must be a whole number from 1 to ${HSDA_MAX_PER_PAGE}` })
    .max(HSDA_MAX_PER_PAGE, { error: `per_page must be a whole number from 1 to ${HSDA_MAX_PER_PAGE}` })
    .default(HSDA_DEFAULT_PER_PAGE)
    .describe(`Results per page, 1 to ${HSDA_MAX_PER_PAGE} (default ${HSDA_DEFAULT_PER_PAGE}).`),
  format: z
    .enum(['json'], { error: 'format: only json is supported' })
    .optional()
    .describe('Only `json`; `ndjson` streaming is not offered.'),
}

const search = z
  .string()
  .trim()
  .max(200, { error: 'search must be at most 200 characters' })
  // Postgres text cannot hold NUL: the LIKE query failed with a 500 (found by the API fuzzer).
  .refine((v) => !v.includes('\u0000'), { error: 'search must not contain a NUL character' })
  .optional()
  .describe(
    'Words to find in the service name, description, categories (English or te reo Māori), organisation or ' +
      'place names, by the directory search engine: every word must match, macrons optional, typos forgiven ' +
      '(one from 5 letters, two from 9), te reo and English synonyms (search/synonyms.json), the last word as ' +
      'a prefix. With search, results are ranked best first (nearest first with a point).',
  )

const bool = (name: string, description: string) =>
  z
    .enum(['true', 'false'], { error: `${name} must be true or false` })
    .optional()
    .describe(description)

const SERVICE_STATUSES = [
  'active',
  'inactive',
  'defunct',
  'temporarily closed',
  'temporarily_closed',
] as const
export const CAPACITY_VALUES = ['accepting', 'waitlist', 'no_capacity'] as const
export const CULTURAL_FOCUS_VALUES = ['kaupapa_maori', 'pacific', 'ethnic_communities'] as const

/** HSDA service filters and our extensions; shared by /services and /service_at_locations. */
const serviceFilters = {
  search,
  taxonomy_term_id: uuidParam(
    'taxonomy_term_id',
    'Services with this taxonomy term: one of our categories, or the Open Eligibility term a category ' +
      'maps to.',
  ),
  taxonomy_id: uuidParam('taxonomy_id', 'Services with any term of this taxonomy.'),
  organization_id: uuidParam('organization_id', 'Services this organisation provides.'),
  modified_after: z
    .string()
    .refine((v) => ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)), {
      error: 'modified_after must be an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z',
    })
    .optional()
    .describe(
      'Services whose listing (service, organisation or locations) changed at or after this date-time.',
    ),
  // ─── Extensions (not in HSDA 3.0) ───
  region: z
    .string()
    .regex(/^(\d{2}|NZ-[A-Z]{3})$/i, {
      error: 'region must be a Stats NZ region code ("09") or ISO 3166-2 code ("NZ-WGN")',
    })
    .optional()
    .describe(
      'Extension. Regional council region, by Stats NZ code ("09") or ISO 3166-2 ("NZ-WGN"). /services: ' +
        'delivered there (nationwide, a location or a service area there); /service_at_locations: the ' +
        'location is there.',
    ),
  accreditation: z
    .string()
    .regex(new RegExp(`^(${ACCREDITATION_SCHEMES.join('|')})(:[1-4])?$`), {
      error: `accreditation must be a scheme (${ACCREDITATION_SCHEMES.join(', ')}) or scheme:level`,
    })
    .optional()
    .describe(
      'Extension. The provider holds a current (active or provisional, in date) accreditation of this ' +
        'scheme, at this level or higher: MSD_SSAS:3, TE_KAHUI_KAHU:1, OT_S396.',
    ),
  capacity: list('capacity', CAPACITY_VALUES, 'Extension. Capacity to take new people:'),
  cultural_focus: list('cultural_focus', CULTURAL_FOCUS_VALUES, 'Extension. Cultural focus of the service:'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(,[a-z]{2,3})*$/i, {
      error: 'language must be ISO 639 codes separated by commas, e.g. mi,sm',
    })
    .optional()
    .describe(
      'Extension. Services (or their locations) offering this language, ISO 639: mi, sm, to, nzs (NZ Sign ' +
        'Language). Comma-separated values match any of them.',
    ),
  status: list('status', SERVICE_STATUSES, 'Extension. HSDS service status:'),
}

export const ZHsdaServicesQuery = z.object({
  ...paging,
  ...serviceFilters,
  full: bool('full', 'true: fully nested services (as /services/{id}) instead of one-to-one fields.'),
})

export const ZHsdaServiceAtLocationsQuery = z.object({
  ...paging,
  ...serviceFilters,
  full: bool('full', 'true: fully nested service_at_locations.'),
  postcode: z
    .string()
    .regex(/^\d{4}$/, { error: 'postcode must be a four-digit New Zealand postcode' })
    .optional()
    .describe(
      'A point: the centre of this postcode (from the locations we list there). Results are sorted by ' +
        'distance from it and limited to services that cover its region; with `proximity` or ' +
        '`proximity_radius`, to those within that distance.',
    ),
  proximity: z
    .string()
    .regex(/^(\d+(\.\d+)?|-?\d+(\.\d+)?,\s*-?\d+(\.\d+)?)$/, {
      error: 'proximity must be a distance in metres (with postcode) or a point "lat,lng"',
    })
    .optional()
    .describe(
      'HSDA: a distance in metres from the postcode centre. Also accepted: a point "lat,lng" (WGS 84) to ' +
        'sort by distance from. Each result carries x_fsn.distance_m.',
    ),
  lat: z.coerce
    .number({ error: 'lat must be a latitude between -90 and 90' })
    .min(-90, { error: 'lat must be a latitude between -90 and 90' })
    .max(90, { error: 'lat must be a latitude between -90 and 90' })
    .optional()
    .describe('Extension. Latitude of the point to sort by distance from (with lng).'),
  lng: z.coerce
    .number({ error: 'lng must be a longitude between -180 and 180' })
    .min(-180, { error: 'lng must be a longitude between -180 and 180' })
    .max(180, { error: 'lng must be a longitude between -180 and 180' })
    .optional()
    .describe('Extension. Longitude of the point (with lat).'),
  proximity_radius: z.coerce
    .number({ error: 'proximity_radius must be a distance in kilometres, more than 0 and at most 2000' })
    .gt(0, { error: 'proximity_radius must be a distance in kilometres, more than 0 and at most 2000' })
    .max(2000, { error: 'proximity_radius must be a distance in kilometres, more than 0 and at most 2000' })
    .optional()
    .describe('Extension. Only locations within this many kilometres of the point.'),
})

export const ZHsdaOrganizationsQuery = z.object({
  ...paging,
  search: search.describe('Words to find in the organisation name or description; macrons optional.'),
  full: bool('full', 'true: fully nested organisations.'),
  full_service: bool('full_service', 'true: with full services instead of their one-to-one fields.'),
})

export const ZHsdaOrganizationQuery = z.object({
  full_service: bool('full_service', 'true: with full services instead of their one-to-one fields.'),
})

export const ZHsdaTaxonomiesQuery = z.object({
  ...paging,
  search: search.describe('Words to find in the taxonomy name or description.'),
})

export const ZHsdaTaxonomyTermsQuery = z.object({
  ...paging,
  search: search.describe('Words to find in the term name (English or te reo Māori), code or description.'),
  taxonomy_id: uuidParam('taxonomy_id', 'Terms of this taxonomy.'),
  parent_id: uuidParam('parent_id', 'Terms whose parent is this term.'),
  top_only: bool('top_only', 'true: only terms with no parent.'),
})

export type THsdaServicesQuery = z.input<typeof ZHsdaServicesQuery>
export type THsdaServiceAtLocationsQuery = z.input<typeof ZHsdaServiceAtLocationsQuery>
export type THsdaOrganizationsQuery = z.input<typeof ZHsdaOrganizationsQuery>
export type THsdaTaxonomiesQuery = z.input<typeof ZHsdaTaxonomiesQuery>
export type THsdaTaxonomyTermsQuery = z.input<typeof ZHsdaTaxonomyTermsQuery>
