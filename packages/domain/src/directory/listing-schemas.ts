// Input schemas for the provider listing use cases: one per input, shared by the REST routes and
// the GraphQL mutations (Conventions 6). Guidelines, "Family services directory": providers keep
// their own listing up to date, so these are the rules a provider's edit must meet before a
// connector relies on it. Edits are patches: a field left out is unchanged, null clears it, a list
// replaces the whole list. Every edit carries the `expectedUpdatedAt` the editor read, so two people
// editing one listing cannot silently overwrite each other (a stale one gets CONFLICT, 409).
import { z } from 'zod'
import { SERVICE_CATEGORIES } from '../categories'
import { CAPACITY_STATUSES, SERVICE_STATUSES } from '../routing/routing-enums'
import { ZPageInput } from '../schemas/paging'
import { LANGUAGES } from './languages'
import { CULTURAL_FOCUSES, DELIVERY_MODES, PHONE_TYPES, REGION_CODES } from './listing-enums'
import {
  clearableText,
  email,
  instant,
  list,
  oneOf,
  says,
  text,
  uniqueList,
  uuid,
  webUrl,
} from './listing-fields'
import { openingHours } from './opening-hours'
import { isNzPhoneNumber } from './nz-phone'

// ─── Shared parts ───────────────────────────────────────────────────────────────────────────────

const expectedUpdatedAt = instant('expectedUpdatedAt')

const optionalText = (field: string, max: number) => clearableText(field, max).optional()

export const ZPhoneInput = z
  .object({
    number: text('number', 30),
    extension: z
      .string(says('extension', 'digits'))
      .trim()
      .regex(/^\d{1,6}$/, { error: 'extension must be 1 to 6 digits' })
      .nullish(),
    type: oneOf('type', PHONE_TYPES).nullish(),
    description: optionalText('description', 200),
  })
  .superRefine((p, ctx) => {
    if (!isNzPhoneNumber(p.number, { type: p.type })) {
      ctx.addIssue({
        code: 'custom',
        path: ['number'],
        message:
          'number must be a New Zealand phone number, e.g. 04 123 4567, 021 123 4567, 0800 123 456 or +64 4 123 4567',
      })
    }
  })
export type TPhoneInput = z.infer<typeof ZPhoneInput>

const phones = (field: string) => list(field, ZPhoneInput, 20)

export const ZContactInput = z
  .object({
    name: optionalText('name', 200),
    title: optionalText('title', 200),
    department: optionalText('department', 200),
    email: email('email').nullish(),
    phones: phones('phones').optional(),
  })
  .superRefine((c, ctx) => {
    if (!c.name && !c.title && !c.department && !c.email && !c.phones?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: 'name is required: a contact needs a name, title, department, email or phone',
      })
    }
  })
export type TContactInput = z.infer<typeof ZContactInput>

const contacts = (field: string) => list(field, ZContactInput, 20)

const languageCode = z
  .string(says('languages', 'ISO 639 codes'))
  .trim()
  .toLowerCase()
  .refine((code) => Object.hasOwn(LANGUAGES, code), {
    error: 'languages must be ISO 639 codes the directory knows, e.g. en, mi, sm, to, nzs',
  })

const languages = uniqueList('languages', languageCode, 'language', { max: 30 })

const CATEGORY_CODES = new Set(SERVICE_CATEGORIES.map((c) => c.code))

const categoryCodes = uniqueList(
  'categoryCodes',
  z
    .string(says('categoryCodes', 'category codes'))
    .trim()
    .refine((code) => CATEGORY_CODES.has(code), {
      error: 'categoryCodes must be service category codes, e.g. food, counselling, parenting-support',
    }),
  'category',
  { min: 1, max: 10 },
)

const regionCode = (field: string) =>
  z
    .string(says(field, 'a Stats NZ region code'))
    .trim()
    .refine((c) => (REGION_CODES as readonly string[]).includes(c), {
      error: `${field} must be a Stats NZ region code: 01 to 09 or 12 to 18`,
    })

const territorialAuthorityCode = (field: string) =>
  z
    .string(says(field, 'a Stats NZ territorial authority code'))
    .trim()
    .refine((c) => /^\d{3}$/.test(c) && Number(c) >= 1 && Number(c) <= 76, {
      error: `${field} must be a Stats NZ territorial authority code, 001 to 076`,
    })

/** HSDS service_area resolved to our places: a whole region or one district or city. */
export const ZServiceAreaInput = z
  .object({
    regionCode: regionCode('regionCode').nullish(),
    territorialAuthorityCode: territorialAuthorityCode('territorialAuthorityCode').nullish(),
  })
  .superRefine((a, ctx) => {
    if (!a.regionCode === !a.territorialAuthorityCode) {
      ctx.addIssue({
        code: 'custom',
        path: ['regionCode'],
        message: 'regionCode or territorialAuthorityCode is required: name exactly one of them',
      })
    }
  })
export type TServiceAreaInput = z.infer<typeof ZServiceAreaInput>

/** HSDS cost_option. Money in integer cents (NZD), as the CostOption table keeps it. */
export const ZCostOptionInput = z
  .object({
    option: optionalText('option', 200),
    amountCents: z
      .number(says('amountCents', 'a whole number of cents'))
      .int({ error: 'amountCents must be a whole number of cents' })
      .min(0, { error: 'amountCents must not be negative' })
      .max(100_000_000, { error: 'amountCents must be at most 100000000 ($1,000,000)' })
      .nullish(),
    amountDescription: optionalText('amountDescription', 500),
  })
  .superRefine((c, ctx) => {
    if (!c.option && c.amountCents == null && !c.amountDescription) {
      ctx.addIssue({
        code: 'custom',
        path: ['option'],
        message: 'option is required: a cost option needs an option, amountCents or amountDescription',
      })
    }
  })
export type TCostOptionInput = z.infer<typeof ZCostOptionInput>

const age = (field: string) =>
  z
    .number(says(field, 'a whole number from 0 to 120'))
    .int({ error: `${field} must be a whole number from 0 to 120` })
    .min(0, { error: `${field} must be a whole number from 0 to 120` })
    .max(120, { error: `${field} must be a whole number from 0 to 120` })

/** The rule both a schema and a patch merged with the stored listing must meet. */
export function ageRangeProblem(
  minimumAge: number | null | undefined,
  maximumAge: number | null | undefined,
) {
  return minimumAge != null && maximumAge != null && minimumAge > maximumAge
    ? `maximumAge must be at least minimumAge (${minimumAge})`
    : null
}

/** A nationwide service is delivered anywhere in Aotearoa: listing areas as well contradicts it. */
export function serviceAreaProblem(nationwide: boolean | undefined, serviceAreaCount: number | undefined) {
  return nationwide === true && (serviceAreaCount ?? 0) > 0
    ? 'serviceAreas must be empty for a nationwide service (set nationwide to false to list areas)'
    : null
}

const latitude = z
  .number(says('latitude', 'a number'))
  .min(-53, { error: 'latitude must be in New Zealand: -53 to -29' })
  .max(-29, { error: 'latitude must be in New Zealand: -53 to -29' })

// Mainland and outlying islands run to 179.9°E; the Chatham Islands lie across the antimeridian.
const longitude = z
  .number(says('longitude', 'a number'))
  .refine((x) => (x >= 165 && x <= 179.9) || (x >= -176.9 && x <= -176), {
    error: 'longitude must be in New Zealand: 165 to 179.9, or -176.9 to -176 for the Chatham Islands',
  })

// ─── Services ───────────────────────────────────────────────────────────────────────────────────

const serviceShape = {
  name: text('name', 200).optional(),
  alternateName: optionalText('alternateName', 200),
  description: text('description', 4000).optional(),
  url: webUrl('url').nullable().optional(),
  email: email('email').nullable().optional(),
  status: oneOf('status', SERVICE_STATUSES).optional(),
  eligibilityDescription: optionalText('eligibilityDescription', 2000),
  minimumAge: age('minimumAge').nullable().optional(),
  maximumAge: age('maximumAge').nullable().optional(),
  feesDescription: optionalText('feesDescription', 1000),
  freeOfCharge: z.boolean(says('freeOfCharge', 'true or false')).optional(),
  costOptions: list('costOptions', ZCostOptionInput, 20).optional(),
  applicationProcess: optionalText('applicationProcess', 2000),
  interpretationServices: optionalText('interpretationServices', 1000),
  capacityStatus: oneOf('capacityStatus', CAPACITY_STATUSES).optional(),
  deliveryModes: uniqueList('deliveryModes', oneOf('deliveryModes', DELIVERY_MODES), 'delivery mode', {
    min: 1,
    max: DELIVERY_MODES.length,
  }).optional(),
  culturalFocus: uniqueList('culturalFocus', oneOf('culturalFocus', CULTURAL_FOCUSES), 'cultural focus', {
    max: CULTURAL_FOCUSES.length,
  }).optional(),
  languages: languages.optional(),
  categoryCodes: categoryCodes.optional(),
  nationwide: z.boolean(says('nationwide', 'true or false')).optional(),
  serviceAreas: uniqueList('serviceAreas', ZServiceAreaInput, 'area', { max: 100 }).optional(),
  /** The organisation's locations the service is delivered at (HSDS service_at_location). */
  locationIds: uniqueList('locationIds', uuid('locationIds'), 'location', { max: 100 }).optional(),
  openingHours: openingHours('openingHours').optional(),
  contacts: contacts('contacts').optional(),
  phones: phones('phones').optional(),
}

type ServiceRuleInput = {
  minimumAge?: number | null
  maximumAge?: number | null
  nationwide?: boolean
  serviceAreas?: unknown[]
}

function serviceRules(v: ServiceRuleInput, ctx: z.RefinementCtx) {
  const ages = ageRangeProblem(v.minimumAge, v.maximumAge)
  if (ages) ctx.addIssue({ code: 'custom', path: ['maximumAge'], message: ages })
  const areas = serviceAreaProblem(v.nationwide, v.serviceAreas?.length)
  if (areas) ctx.addIssue({ code: 'custom', path: ['serviceAreas'], message: areas })
}

export const ZUpdateServiceListingBody = z
  .object({ expectedUpdatedAt, ...serviceShape })
  .superRefine(serviceRules)
export const ZUpdateServiceListingInput = z
  .object({ serviceId: uuid('serviceId'), expectedUpdatedAt, ...serviceShape })
  .superRefine(serviceRules)
export type TUpdateServiceListingInput = z.infer<typeof ZUpdateServiceListingInput>

/**
 * A new service on an organisation's listing. `expectedUpdatedAt` is the organisation's: adding a
 * service changes the organisation's listing, and a second submit of the same form gets CONFLICT
 * instead of a duplicate service.
 */
export const ZCreateServiceListingInput = z
  .object({
    organisationId: uuid('organisationId'),
    expectedUpdatedAt,
    ...serviceShape,
    name: text('name', 200),
    description: text('description', 4000),
    categoryCodes,
    deliveryModes: serviceShape.deliveryModes.unwrap(),
  })
  .superRefine(serviceRules)
export type TCreateServiceListingInput = z.infer<typeof ZCreateServiceListingInput>

// ─── Organisations ──────────────────────────────────────────────────────────────────────────────

const organisationShape = {
  name: text('name', 200).optional(),
  alternateName: optionalText('alternateName', 200),
  description: text('description', 4000).optional(),
  email: email('email').nullable().optional(),
  website: webUrl('website').nullable().optional(),
  contacts: contacts('contacts').optional(),
  phones: phones('phones').optional(),
}

export const ZUpdateOrganisationListingBody = z.object({ expectedUpdatedAt, ...organisationShape })
export const ZUpdateOrganisationListingInput = z.object({
  organisationId: uuid('organisationId'),
  expectedUpdatedAt,
  ...organisationShape,
})
export type TUpdateOrganisationListingInput = z.infer<typeof ZUpdateOrganisationListingInput>

// ─── Locations ──────────────────────────────────────────────────────────────────────────────────

const locationShape = {
  name: text('name', 200).optional(),
  alternateName: optionalText('alternateName', 200),
  description: optionalText('description', 2000),
  transportation: optionalText('transportation', 1000),
  addressLine1: optionalText('addressLine1', 200),
  addressLine2: optionalText('addressLine2', 200),
  suburb: optionalText('suburb', 100),
  city: optionalText('city', 100),
  postcode: z
    .string(says('postcode', 'four digits'))
    .trim()
    .regex(/^\d{4}$/, { error: 'postcode must be four digits, e.g. 5022' })
    .nullable()
    .optional(),
  regionCode: regionCode('regionCode').optional(),
  territorialAuthorityCode: territorialAuthorityCode('territorialAuthorityCode').nullable().optional(),
  latitude: latitude.nullable().optional(),
  longitude: longitude.nullable().optional(),
  /** Access for disabled people: step-free entry, accessible toilet, hearing loop (HSDS accessibility). */
  accessibility: optionalText('accessibility', 2000),
  openingHours: openingHours('openingHours').optional(),
  phones: phones('phones').optional(),
  languages: languages.optional(),
}

/** A map pin needs both coordinates; one without the other would place the pin nowhere. */
function locationRules(v: { latitude?: number | null; longitude?: number | null }, ctx: z.RefinementCtx) {
  const lat = v.latitude
  const lng = v.longitude
  if (lat !== undefined && (lng === undefined || (lat === null) !== (lng === null))) {
    ctx.addIssue({
      code: 'custom',
      path: ['longitude'],
      message:
        lat === null ? 'longitude must be cleared with latitude' : 'longitude is required with latitude',
    })
  } else if (lng !== undefined && lat === undefined) {
    ctx.addIssue({ code: 'custom', path: ['latitude'], message: 'latitude is required with longitude' })
  }
}

export const ZUpdateLocationBody = z
  .object({ expectedUpdatedAt, ...locationShape })
  .superRefine(locationRules)
export const ZUpdateLocationInput = z
  .object({ locationId: uuid('locationId'), expectedUpdatedAt, ...locationShape })
  .superRefine(locationRules)
export type TUpdateLocationInput = z.infer<typeof ZUpdateLocationInput>

// ─── Verification and history ──────────────────────────────────────────────────────────────────

/**
 * The one-click "still correct". `serviceIds` names the services checked; left out, every service
 * of the organisation; empty, the organisation's own details only. `expectedUpdatedAt` is the
 * organisation's, so nobody verifies details someone else changed after they looked.
 */
const verifyShape = {
  expectedUpdatedAt,
  serviceIds: uniqueList('serviceIds', uuid('serviceIds'), 'service', { max: 1000 }).optional(),
}
export const ZVerifyListingBody = z.object(verifyShape)
export const ZVerifyListingInput = z.object({ organisationId: uuid('organisationId'), ...verifyShape })
export type TVerifyListingInput = z.infer<typeof ZVerifyListingInput>

export const ZFindListingChangesInput = ZPageInput.extend({ organisationId: uuid('organisationId') })
export type TFindListingChangesInput = z.infer<typeof ZFindListingChangesInput>
