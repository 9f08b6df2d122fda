// The listing editor's forms: what was typed, read back for showing again, and turned into the
// API's patch inputs, checked first against the API's own schemas (@fsn/domain) so every problem is
// shown at once, next to its field, in words a provider can act on. The API still checks
// everything; its one failing field (`field`, e.g. "openingHours.3.closesAt") is mapped to an input
// here too. Pure functions, tested without a server.
import {
  CAPACITY_STATUSES,
  SERVICE_STATUSES,
  ZCreateServiceListingInput,
  ZUpdateLocationInput,
  ZUpdateOrganisationListingInput,
  ZUpdateServiceListingInput,
  type TCreateServiceListingInput,
  type TUpdateLocationInput,
  type TUpdateOrganisationListingInput,
  type TUpdateServiceListingInput,
} from '@fsn/domain'
import { t, type MessageKey } from '$lib/i18n'
import { minutesOf, WEEKDAYS, type ContactValues, type HoursValues, type PhoneValues, type ServiceFormValues, type Weekday } from '$lib/listing'
import type { ListingContact, ListingPhone } from '$lib/types'
import { optional, text, type FieldErrors } from './refer'

export type { ContactValues, FieldErrors, HoursValues, PhoneValues, ServiceFormValues }

/** Openings a day can have in the form: most services open once a day, some close for lunch. */
export const SLOTS_PER_DAY = 2
/** Blank rows offered for a new phone or contact, beside the ones already listed. */
export const BLANK_ROWS = 1

const all = (form: FormData, name: string) => [...new Set(form.getAll(name).map((v) => String(v).trim()).filter(Boolean))]

/** A whole number of years, null when blank, NaN when it is not one (so the check can say so). */
function ageOf(raw: string): number | null {
  if (raw === '') return null
  return /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN
}

// ─── Phones and contacts (rows: phones-0-number, contacts-1-phones-0-number, …) ─────────────────


/** The rows a list of a form has, from the inputs it posted ("phones-3-number" counts row 3). */
function rowsOf(form: FormData, prefix: string): number[] {
  const rows = new Set<number>()
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)-[a-zA-Z]+$`)
  for (const key of form.keys()) {
    const m = pattern.exec(key)
    if (m) rows.add(Number(m[1]))
  }
  return [...rows].sort((a, b) => a - b)
}

function phoneValues(form: FormData, prefix: string): PhoneValues[] {
  return rowsOf(form, prefix).map((i) => ({
    number: text(form, `${prefix}-${i}-number`),
    type: text(form, `${prefix}-${i}-type`),
    description: text(form, `${prefix}-${i}-description`),
    extension: text(form, `${prefix}-${i}-extension`),
  }))
}

function contactValues(form: FormData): ContactValues[] {
  return rowsOf(form, 'contacts').map((i) => ({
    name: text(form, `contacts-${i}-name`),
    title: text(form, `contacts-${i}-title`),
    department: text(form, `contacts-${i}-department`),
    email: text(form, `contacts-${i}-email`),
    phones: phoneValues(form, `contacts-${i}-phones`),
  }))
}

const blankPhone = (p: PhoneValues) => !p.number && !p.description && !p.extension
const blankContact = (c: ContactValues) => !c.name && !c.title && !c.department && !c.email && c.phones.every(blankPhone)

/** The API's phone list from the rows that were filled in; `rowOf` maps its index back to the row. */
function phonesInput(rows: PhoneValues[]) {
  const rowOf: number[] = []
  const phones = rows.flatMap((p, i) => {
    if (blankPhone(p)) return []
    rowOf.push(i)
    return [{ number: p.number, type: p.type || null, description: optional(p.description) ?? null, extension: optional(p.extension) ?? null }]
  })
  return { phones, rowOf }
}

function contactsInput(rows: ContactValues[]) {
  const rowOf: number[] = []
  const phoneRowOf: number[][] = []
  const contacts = rows.flatMap((c, i) => {
    if (blankContact(c)) return []
    rowOf.push(i)
    const { phones, rowOf: phoneRows } = phonesInput(c.phones)
    phoneRowOf.push(phoneRows)
    return [
      {
        name: optional(c.name) ?? null,
        title: optional(c.title) ?? null,
        department: optional(c.department) ?? null,
        email: optional(c.email) ?? null,
        phones,
      },
    ]
  })
  return { contacts, rowOf, phoneRowOf }
}

/** Form rows for what is listed now, plus blank ones to add to. */
export function phoneRows(phones: readonly ListingPhone[]): PhoneValues[] {
  return [
    ...phones.map((p) => ({ number: p.number, type: p.type ?? '', description: p.description ?? '', extension: p.extension ?? '' })),
    ...Array.from({ length: BLANK_ROWS }, () => ({ number: '', type: '', description: '', extension: '' })),
  ]
}

export function contactRows(contacts: readonly ListingContact[]): ContactValues[] {
  return [
    ...contacts.map((c) => ({
      name: c.name ?? '',
      title: c.title ?? '',
      department: c.department ?? '',
      email: c.email ?? '',
      phones: phoneRows(c.phones),
    })),
    ...Array.from({ length: BLANK_ROWS }, () => ({ name: '', title: '', department: '', email: '', phones: phoneRows([]) })),
  ]
}

// ─── Opening hours (hours-MO-0-opensAt, hours-MO-0-closesAt, …) ──────────────────────────────────


/** Every opening the form posted for each day: the form's two slots, or more where a day already had more. */
function hoursValues(form: FormData): HoursValues {
  return Object.fromEntries(
    WEEKDAYS.map((day) => {
      const slots = Math.max(SLOTS_PER_DAY, ...rowsOf(form, `hours-${day}`).map((i) => i + 1))
      return [
        day,
        Array.from({ length: slots }, (_, slot) => ({
          opensAt: text(form, `hours-${day}-${slot}-opensAt`),
          closesAt: text(form, `hours-${day}-${slot}-closesAt`),
        })),
      ]
    }),
  ) as HoursValues
}

/** The week's openings in the form's rows; more than the form has room for on a day are kept in order. */
export function hoursRows(openings: readonly { day: Weekday; opensAt: string; closesAt: string }[]): HoursValues {
  return Object.fromEntries(
    WEEKDAYS.map((day) => {
      const mine = openings.filter((o) => o.day === day).map(({ opensAt, closesAt }) => ({ opensAt, closesAt }))
      const rows = [...mine, ...Array.from({ length: Math.max(0, SLOTS_PER_DAY - mine.length) }, () => ({ opensAt: '', closesAt: '' }))]
      return [day, rows]
    }),
  ) as HoursValues
}

const dayName = (day: Weekday) => t(`weekday.${day}`)

/**
 * The API's openingHours, and the problems a person can see at a glance: a day with only one time,
 * a time that is not one, closing before opening. `slotOf` maps each interval back to its inputs.
 */
function checkHours(values: HoursValues, errors: FieldErrors) {
  const openingHours: { day: Weekday; opensAt: string; closesAt: string }[] = []
  const slotOf: string[] = []
  for (const day of WEEKDAYS) {
    values[day].forEach((row, slot) => {
      const base = `hours-${day}-${slot}`
      if (!row.opensAt && !row.closesAt) return
      if (!row.opensAt || !row.closesAt) {
        errors[`${base}-${row.opensAt ? 'closesAt' : 'opensAt'}`] = t('edit.errorBothTimes')
        return
      }
      const opens = /^\d{2}:\d{2}$/.test(row.opensAt) ? minutesOf(row.opensAt) : null
      const closes = /^\d{2}:\d{2}$/.test(row.closesAt) ? minutesOf(row.closesAt) : null
      if (opens === null || opens === 24 * 60) errors[`${base}-opensAt`] = t('edit.errorTime')
      if (closes === null) errors[`${base}-closesAt`] = t('edit.errorTime')
      if (opens !== null && closes !== null && closes <= opens) {
        errors[`${base}-closesAt`] = t('edit.errorCloseBeforeOpen', { day: dayName(day) })
      }
      openingHours.push({ day, opensAt: row.opensAt, closesAt: row.closesAt })
      slotOf.push(base)
    })
  }
  return { openingHours, slotOf }
}

// ─── Mapping the schema's (and the API's) field paths to inputs ─────────────────────────────────

/** Where an error on a group of boxes is shown and linked to: the group's first input. */
export const GROUP_ANCHORS: Record<string, string> = {
  categoryCodes: 'categoryCodes-group',
  deliveryModes: 'deliveryModes-group',
  culturalFocus: 'culturalFocus-group',
  languages: 'languages-group',
  serviceAreas: 'nationwide',
  nationwide: 'nationwide',
  capacityStatus: 'capacityStatus-group',
  locationIds: 'locationIds-group',
}

interface PathMaps {
  /** Interval index in openingHours to its inputs' id prefix. */
  slotOf?: string[]
  phoneRowOf?: number[]
  contactRowOf?: number[]
  contactPhoneRowOf?: number[][]
}

const MESSAGES: Record<string, MessageKey> = {
  name: 'edit.errorName',
  description: 'edit.errorDescription',
  email: 'edit.errorEmail',
  website: 'edit.errorWebsite',
  url: 'edit.errorWebsite',
  minimumAge: 'edit.errorAge',
  maximumAge: 'edit.errorAge',
  categoryCodes: 'edit.errorCategories',
  deliveryModes: 'edit.errorDelivery',
  languages: 'edit.errorLanguages',
  number: 'edit.errorPhone',
  status: 'edit.errorChoice',
  capacityStatus: 'edit.errorChoice',
  regionCode: 'edit.errorChoice',
  postcode: 'edit.errorPostcode',
}

/**
 * The input a field path names ("phones.1.number" is the input "phones-<row>-number"), given how
 * the list's indexes map back to the form's rows; null when the form has no such input.
 */
export function inputIdOfPath(path: readonly (string | number)[], maps: PathMaps = {}): string | null {
  const [head, index, leaf, subIndex, subLeaf] = path.map(String)
  if (head === undefined) return null
  if (head === 'openingHours') {
    const base = index !== undefined ? maps.slotOf?.[Number(index)] : undefined
    if (!base) return 'hours-MO-0-opensAt'
    return `${base}-${leaf === 'opensAt' ? 'opensAt' : 'closesAt'}`
  }
  if (head === 'phones' && index !== undefined) {
    return `phones-${maps.phoneRowOf?.[Number(index)] ?? index}-${leaf ?? 'number'}`
  }
  if (head === 'contacts' && index !== undefined) {
    const row = maps.contactRowOf?.[Number(index)] ?? Number(index)
    if (leaf === 'phones' && subIndex !== undefined) {
      const phoneRow = maps.contactPhoneRowOf?.[Number(index)]?.[Number(subIndex)] ?? Number(subIndex)
      return `contacts-${row}-phones-${phoneRow}-${subLeaf ?? 'number'}`
    }
    return `contacts-${row}-${leaf ?? 'name'}`
  }
  return GROUP_ANCHORS[head] ?? head
}

/** The words for a problem with a field: ours where we have them, else the schema's own. */
function messageFor(path: readonly (string | number)[], fallback: string): string {
  const leaf = [...path].reverse().find((p) => typeof p === 'string' && p in MESSAGES) as string | undefined
  if (path[0] === 'maximumAge' && /at least/.test(fallback)) return t('edit.errorAgeOrder')
  if (path[0] === 'serviceAreas' || path[0] === 'nationwide') return t('edit.errorAreas')
  if (leaf === 'email' && path[0] === 'contacts') return t('edit.errorEmail')
  if (leaf) return t(MESSAGES[leaf]!)
  return fallback.charAt(0).toUpperCase() + fallback.slice(1)
}

function addIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  errors: FieldErrors,
  messages: string[],
  maps: PathMaps,
  known: (id: string) => boolean,
) {
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol')
    const id = inputIdOfPath(path, maps)
    const message = messageFor(path, issue.message)
    if (id && known(id)) {
      if (!errors[id]) errors[id] = message
    } else if (!messages.includes(message)) messages.push(message)
  }
}

/** Our words for the API's refusal of a field ("openingHours.2.closesAt"), else its own message. */
export function apiFieldMessage(field: string | null, message: string): string {
  if (!field) return message
  return messageFor(field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message)
}

/** For an API refusal naming a field: the input to show it beside, if the form has one. */
export function inputIdOfApiField(field: string | null, maps: PathMaps, known: (id: string) => boolean = () => true): string | null {
  if (!field) return null
  const id = inputIdOfPath(
    field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
    maps,
  )
  return id && known(id) ? id : null
}

// ─── The service form ───────────────────────────────────────────────────────────────────────────


export function serviceValues(form: FormData): ServiceFormValues {
  return {
    expectedUpdatedAt: text(form, 'expectedUpdatedAt'),
    name: text(form, 'name'),
    description: text(form, 'description'),
    status: text(form, 'status'),
    capacityStatus: text(form, 'capacityStatus'),
    eligibilityDescription: text(form, 'eligibilityDescription'),
    minimumAge: text(form, 'minimumAge'),
    maximumAge: text(form, 'maximumAge'),
    freeOfCharge: form.get('freeOfCharge') === 'on',
    feesDescription: text(form, 'feesDescription'),
    applicationProcess: text(form, 'applicationProcess'),
    url: text(form, 'url'),
    email: text(form, 'email'),
    categoryCodes: all(form, 'categoryCodes'),
    deliveryModes: all(form, 'deliveryModes'),
    culturalFocus: all(form, 'culturalFocus'),
    languages: all(form, 'languages'),
    languagesOther: text(form, 'languagesOther'),
    nationwide: form.get('nationwide') === 'on',
    regionCodes: all(form, 'regionCodes'),
    territorialAuthorityCodes: all(form, 'territorialAuthorityCodes'),
    locationIds: all(form, 'locationIds'),
    hours: hoursValues(form),
    phones: phoneValues(form, 'phones'),
    contacts: contactValues(form),
  }
}

export interface Checked<T> {
  input: T
  errors: FieldErrors
  /** Problems with no input of their own, for the error summary. */
  messages: string[]
  maps: PathMaps
}

const isStatus = (v: string): v is (typeof SERVICE_STATUSES)[number] => (SERVICE_STATUSES as readonly string[]).includes(v)
const isCapacity = (v: string): v is (typeof CAPACITY_STATUSES)[number] => (CAPACITY_STATUSES as readonly string[]).includes(v)

/**
 * The whole service as the form shows it, as a patch: every field the form has is sent (a list
 * replaces the list), so what is saved is what the provider saw. Fields the form does not show
 * (cost options, interpretation) are left out and stay as they are.
 */
export function checkService(
  serviceId: string,
  values: ServiceFormValues,
  known: (id: string) => boolean = () => true,
): Checked<TUpdateServiceListingInput> {
  return checkServiceAs({ serviceId }, ZUpdateServiceListingInput, values, known)
}

/** A new service for the organisation: the same form, with the organisation's version to claim. */
export function checkNewService(
  organisationId: string,
  values: ServiceFormValues,
  known: (id: string) => boolean = () => true,
): Checked<TCreateServiceListingInput> {
  return checkServiceAs({ organisationId }, ZCreateServiceListingInput, values, known)
}

function checkServiceAs<K extends object, T>(
  key: K,
  schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } } },
  values: ServiceFormValues,
  known: (id: string) => boolean,
): Checked<T> {
  const errors: FieldErrors = {}
  const messages: string[] = []
  const { openingHours, slotOf } = checkHours(values.hours, errors)
  const { phones, rowOf: phoneRowOf } = phonesInput(values.phones)
  const { contacts, rowOf: contactRowOf, phoneRowOf: contactPhoneRowOf } = contactsInput(values.contacts)
  const other = values.languagesOther
    .split(/[\s,;]+/)
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean)
  const minimumAge = ageOf(values.minimumAge)
  const maximumAge = ageOf(values.maximumAge)
  if (Number.isNaN(minimumAge)) errors.minimumAge = t('edit.errorAge')
  if (Number.isNaN(maximumAge)) errors.maximumAge = t('edit.errorAge')
  const input = {
    ...key,
    expectedUpdatedAt: values.expectedUpdatedAt,
    name: values.name,
    description: values.description,
    ...(isStatus(values.status) ? { status: values.status } : {}),
    ...(isCapacity(values.capacityStatus) ? { capacityStatus: values.capacityStatus } : {}),
    eligibilityDescription: optional(values.eligibilityDescription) ?? null,
    minimumAge: Number.isNaN(minimumAge) ? null : minimumAge,
    maximumAge: Number.isNaN(maximumAge) ? null : maximumAge,
    freeOfCharge: values.freeOfCharge,
    feesDescription: optional(values.feesDescription) ?? null,
    applicationProcess: optional(values.applicationProcess) ?? null,
    url: optional(values.url) ?? null,
    email: optional(values.email) ?? null,
    categoryCodes: values.categoryCodes,
    deliveryModes: values.deliveryModes,
    culturalFocus: values.culturalFocus,
    languages: [...new Set([...values.languages, ...other])],
    nationwide: values.nationwide,
    serviceAreas: values.nationwide
      ? []
      : [
          ...values.regionCodes.map((regionCode) => ({ regionCode })),
          ...values.territorialAuthorityCodes.map((territorialAuthorityCode) => ({ territorialAuthorityCode })),
        ],
    locationIds: values.locationIds,
    openingHours,
    phones,
    contacts,
  }
  const maps = { slotOf, phoneRowOf, contactRowOf, contactPhoneRowOf }
  if (!isStatus(values.status)) errors.status = t('edit.errorChoice')
  if (!isCapacity(values.capacityStatus)) errors[GROUP_ANCHORS.capacityStatus!] = t('edit.errorChoice')
  if (!values.nationwide && input.serviceAreas.length === 0) errors.nationwide = t('edit.errorAreas')
  const parsed = schema.safeParse(input)
  if (!parsed.success) addIssues(parsed.error.issues, errors, messages, maps, known)
  // The schema's answer is the input the API would read; ours keeps the form's values as typed.
  return { input: (parsed.success ? parsed.data : input) as T, errors, messages, maps }
}

// ─── The organisation form ──────────────────────────────────────────────────────────────────────

export interface OrganisationFormValues {
  expectedUpdatedAt: string
  name: string
  description: string
  email: string
  website: string
  phones: PhoneValues[]
  contacts: ContactValues[]
}

export function organisationValues(form: FormData): OrganisationFormValues {
  return {
    expectedUpdatedAt: text(form, 'expectedUpdatedAt'),
    name: text(form, 'name'),
    description: text(form, 'description'),
    email: text(form, 'email'),
    website: text(form, 'website'),
    phones: phoneValues(form, 'phones'),
    contacts: contactValues(form),
  }
}

export function checkOrganisation(
  organisationId: string,
  values: OrganisationFormValues,
  known: (id: string) => boolean = () => true,
): Checked<TUpdateOrganisationListingInput> {
  const errors: FieldErrors = {}
  const messages: string[] = []
  const { phones, rowOf: phoneRowOf } = phonesInput(values.phones)
  const { contacts, rowOf: contactRowOf, phoneRowOf: contactPhoneRowOf } = contactsInput(values.contacts)
  const input = {
    organisationId,
    expectedUpdatedAt: values.expectedUpdatedAt,
    name: values.name,
    description: values.description,
    email: optional(values.email) ?? null,
    website: optional(values.website) ?? null,
    phones,
    contacts,
  }
  const maps = { phoneRowOf, contactRowOf, contactPhoneRowOf }
  const parsed = ZUpdateOrganisationListingInput.safeParse(input)
  if (!parsed.success) addIssues(parsed.error.issues, errors, messages, maps, known)
  return { input: (parsed.success ? parsed.data : input) as TUpdateOrganisationListingInput, errors, messages, maps }
}

// ─── A location form (ids prefixed with the location's, as the editor shows several) ───────────

export const LOCATION_FIELDS = ['name', 'addressLine1', 'addressLine2', 'suburb', 'city', 'postcode', 'regionCode'] as const
export type LocationFormValues = Record<(typeof LOCATION_FIELDS)[number], string> & { expectedUpdatedAt: string }

export function locationValues(form: FormData): LocationFormValues {
  const values = Object.fromEntries(LOCATION_FIELDS.map((f) => [f, text(form, f)])) as Record<(typeof LOCATION_FIELDS)[number], string>
  return { ...values, expectedUpdatedAt: text(form, 'expectedUpdatedAt') }
}

/** The id of a location form's input: location-<id>-city. */
export const locationInputId = (locationId: string, field: string) => `location-${locationId}-${field}`

export function checkLocation(locationId: string, values: LocationFormValues): Checked<TUpdateLocationInput> {
  const errors: FieldErrors = {}
  const messages: string[] = []
  const input = {
    locationId,
    expectedUpdatedAt: values.expectedUpdatedAt,
    name: values.name,
    addressLine1: optional(values.addressLine1) ?? null,
    addressLine2: optional(values.addressLine2) ?? null,
    suburb: optional(values.suburb) ?? null,
    city: optional(values.city) ?? null,
    postcode: optional(values.postcode) ?? null,
    regionCode: values.regionCode,
  }
  const parsed = ZUpdateLocationInput.safeParse(input)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '')
      const id = (LOCATION_FIELDS as readonly string[]).includes(field) ? locationInputId(locationId, field) : null
      const message = messageFor(issue.path.filter((p): p is string | number => typeof p !== 'symbol'), issue.message)
      if (id) errors[id] ??= message
      else if (!messages.includes(message)) messages.push(message)
    }
  }
  return { input: (parsed.success ? parsed.data : input) as TUpdateLocationInput, errors, messages, maps: {} }
}
