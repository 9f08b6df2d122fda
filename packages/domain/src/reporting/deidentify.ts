// The de-identified weekly export: which fields of an interaction record (and of a grant) go to the
// Ministry, and in what form. Guidelines, "Protecting reporting information": report "the minimum
// data necessary", "sufficiently de-identified", because "when the line-level data is combined, it
// could be used to re-identify individuals", and free text must not "contain any identifiable
// features (e.g., name, DOB, address, etc)". Issue 5: no names, dates of birth, addresses, phone
// numbers, emails or NHI/IRD-like numbers; ages as bands; places no finer than territorial
// authority; grants by category and amount only.
//
// The mapping below is exhaustive by type: adding a field to InteractionRecord fails to compile
// until someone decides whether it is exported and says why.
import { categoryByCode } from '../categories'
import type { PersonRecord } from '../consent/coverage'
import { ALLOWED_GRANT_NEED_CATEGORIES, type GrantNeedCategory } from '../funding/need-categories'
import { isExportable } from '../pii/detect-pii'
import type { ContactMethod } from '../referrals/referral-enums'
import { CONTACT_METHODS } from '../referrals/referral-enums'
import { AGE_BANDS, ageBand, type AgeBand } from './age-band'
import { isRecordedSameDay, reportWeek } from './report-week'

// ─── The record as the app holds it ─────────────────────────────────────────────────────────────

export interface InteractionPerson extends PersonRecord {
  /** Stats NZ regional council code, "09". */
  regionCode: string
  /** Stats NZ territorial authority code, "047", when known. */
  territorialAuthorityCode: string | null
}

/** One interaction a connector had with a person or whānau (Guidelines: recorded on the day). */
export interface InteractionRecord {
  id: string
  personId: string
  person: InteractionPerson
  connectorId: string
  organisationId: string
  interactionAt: Date
  recordedAt: Date
  method: ContactMethod
  /** Service category codes (categories.ts) of the needs raised. */
  needCategories: readonly string[]
  /** Service category codes of the services the person or whānau was referred to. */
  referredCategories: readonly string[]
  /** Free text; exported only when the PII detector passes it. */
  notes: string | null
}

// ─── The export row and its column dictionary ───────────────────────────────────────────────────

export const WHANAU_SIZE_BANDS = ['1', '2', '3-4', '5-6', '7+'] as const
export type WhanauSizeBand = (typeof WHANAU_SIZE_BANDS)[number]

export interface InteractionExportRow {
  reportWeek: string
  regionCode: string
  territorialAuthorityCode: string | null
  ageBand: AgeBand
  whanauSize: WhanauSizeBand
  method: ContactMethod
  needCategories: string[]
  referredCategories: string[]
  recordedSameDay: boolean
  notes: string | null
}

export type ExportColumnType = 'text' | 'code' | 'code list' | 'boolean' | 'integer'

export interface ExportColumn<K extends string = string> {
  name: K
  type: ExportColumnType
  description: string
  /** The values a code column can take, where they are a closed list. */
  values?: readonly string[]
}

/** Column dictionary for the CSV and JSON export, in column order. */
export const INTERACTION_EXPORT_COLUMNS: readonly ExportColumn<keyof InteractionExportRow>[] = [
  {
    name: 'reportWeek',
    type: 'code',
    description:
      'ISO 8601 week of the interaction in New Zealand time, Monday to Sunday: 2026-W10 is the week starting Monday 2 March. No date, day or time is exported, so the file holds no date a scan could take for a date of birth.',
  },
  {
    name: 'regionCode',
    type: 'code',
    description: "Stats NZ regional council code of the person's region, e.g. 09 (Wellington).",
  },
  {
    name: 'territorialAuthorityCode',
    type: 'code',
    description:
      'Stats NZ territorial authority code (district or city), e.g. 047; empty when not known. Nothing finer is exported.',
  },
  {
    name: 'ageBand',
    type: 'code',
    description: 'Age band on the day of the interaction; "unknown" when no date of birth is held.',
    values: [...AGE_BANDS.map((b) => b.label), 'unknown'],
  },
  {
    name: 'whanauSize',
    type: 'code',
    description: 'People on the record: the person and their whānau members, banded.',
    values: WHANAU_SIZE_BANDS,
  },
  { name: 'method', type: 'code', description: 'How the interaction happened.', values: CONTACT_METHODS },
  {
    name: 'needCategories',
    type: 'code list',
    description: 'Service category codes of the needs raised; in CSV separated by semicolons.',
  },
  {
    name: 'referredCategories',
    type: 'code list',
    description: 'Service category codes referred on to; in CSV separated by semicolons.',
  },
  {
    name: 'recordedSameDay',
    type: 'boolean',
    description: 'Whether it was recorded on the New Zealand date it happened (Guidelines: same day).',
  },
  {
    name: 'notes',
    type: 'text',
    description:
      'Free-text note, only as passed by the personal-information check; empty when there is none.',
  },
]

/** What happens to each field of an interaction record on the way out, and why. */
export interface FieldRule {
  /** The export column it becomes, or null when it is dropped. */
  exportedAs: keyof InteractionExportRow | null
  why: string
}

type InteractionFieldPath = Exclude<keyof InteractionRecord, 'person'> | `person.${keyof InteractionPerson}`

const NAME = 'a name identifies the person (Guidelines: no name in reporting)'
const LINK = 'an internal id would let line-level rows be joined back to a person'

export const INTERACTION_FIELD_MAPPING = {
  id: { exportedAs: null, why: `${LINK}; UUIDv7 ids also carry the creation time to the millisecond` },
  personId: { exportedAs: null, why: LINK },
  connectorId: { exportedAs: null, why: `${LINK}, and to the connector` },
  organisationId: { exportedAs: null, why: 'the provider reports its own data; SORT knows who sent it' },
  interactionAt: {
    exportedAs: 'reportWeek',
    why: 'the week only: a day and time combined with place and age band narrows to one household',
  },
  recordedAt: {
    exportedAs: 'recordedSameDay',
    why: 'only whether it was recorded on the day (Guidelines: same day)',
  },
  method: { exportedAs: 'method', why: 'a closed list; not identifying' },
  needCategories: { exportedAs: 'needCategories', why: 'closed list of category codes' },
  referredCategories: { exportedAs: 'referredCategories', why: 'closed list of category codes' },
  notes: { exportedAs: 'notes', why: 'free text, exported only when the PII detector finds nothing in it' },
  'person.id': { exportedAs: null, why: LINK },
  'person.givenName': { exportedAs: null, why: NAME },
  'person.familyName': { exportedAs: null, why: NAME },
  'person.preferredName': { exportedAs: null, why: NAME },
  'person.dateOfBirth': {
    exportedAs: 'ageBand',
    why: 'never the date (Guidelines: no DOB); the age band on the day',
  },
  'person.phone': { exportedAs: null, why: 'a phone number identifies the person' },
  'person.email': { exportedAs: null, why: 'an email address identifies the person' },
  'person.addressLine': {
    exportedAs: null,
    why: 'an address identifies the household (Guidelines: no address)',
  },
  'person.needsSummary': {
    exportedAs: null,
    why: 'free text written for providers, not checked for reporting; needs go as codes',
  },
  'person.whanau': {
    exportedAs: 'whanauSize',
    why: 'only how many people, banded; whānau names and dates of birth never leave',
  },
  'person.regionCode': { exportedAs: 'regionCode', why: 'region is coarser than territorial authority' },
  'person.territorialAuthorityCode': {
    exportedAs: 'territorialAuthorityCode',
    why: 'the finest place the export holds (issue 5: no finer than territorial authority)',
  },
} as const satisfies Record<InteractionFieldPath, FieldRule>

// ─── The mapping itself ─────────────────────────────────────────────────────────────────────────

export type DeidentifyResult =
  | { ok: true; row: InteractionExportRow }
  /** The note must be reworded first; `reasons` says what the detector found (show, never log). */
  | { ok: false; interactionId: string; reasons: string[] }

function whanauSizeBand(people: number): WhanauSizeBand {
  if (people <= 1) return '1'
  if (people === 2) return '2'
  if (people <= 4) return '3-4'
  if (people <= 6) return '5-6'
  return '7+'
}

function categoryCodes(field: string, codes: readonly string[]): string[] {
  for (const code of codes) {
    // Codes only: free text in a code field would slip past the detector.
    if (!categoryByCode(code)) throw new RangeError(`${field}: "${code}" is not a service category code`)
  }
  return [...new Set(codes)].sort()
}

/** The names on record for the detector: the person's own names and each whānau member's. */
export function knownNamesOf(person: PersonRecord): string[] {
  return [
    person.givenName,
    person.familyName,
    person.preferredName,
    ...person.whanau.map((w) => w.name),
  ].filter((n): n is string => typeof n === 'string' && n.trim() !== '')
}

/**
 * The export row for one interaction, or the reasons its note is held back. Region and territorial
 * authority codes must look like Stats NZ codes, and category lists hold category codes only;
 * anything else throws, since it would be a way for free text to leave unchecked.
 */
export function deidentifyInteraction(record: InteractionRecord): DeidentifyResult {
  const { person } = record
  if (!/^\d{2}$/.test(person.regionCode)) throw new RangeError(`regionCode must be a two-digit Stats NZ code`)
  if (person.territorialAuthorityCode !== null && !/^\d{3}$/.test(person.territorialAuthorityCode)) {
    throw new RangeError('territorialAuthorityCode must be a three-digit Stats NZ code')
  }
  if (!(CONTACT_METHODS as readonly string[]).includes(record.method)) {
    throw new RangeError(`method must be one of ${CONTACT_METHODS.join(', ')}`)
  }
  const note = record.notes?.trim() || null
  if (note !== null) {
    const check = isExportable(note, { knownNames: knownNamesOf(person) })
    if (!check.ok) return { ok: false, interactionId: record.id, reasons: check.reasons }
  }
  const week = reportWeek(record.interactionAt)
  return {
    ok: true,
    row: {
      reportWeek: week.id,
      regionCode: person.regionCode,
      territorialAuthorityCode: person.territorialAuthorityCode,
      ageBand: ageBand(person.dateOfBirth, record.interactionAt),
      whanauSize: whanauSizeBand(1 + person.whanau.length),
      method: record.method,
      needCategories: categoryCodes('needCategories', record.needCategories),
      referredCategories: categoryCodes('referredCategories', record.referredCategories),
      recordedSameDay: isRecordedSameDay(record.interactionAt, record.recordedAt),
      notes: note,
    },
  }
}

const ROW_ORDER: readonly (keyof InteractionExportRow)[] = [
  'reportWeek',
  'regionCode',
  'territorialAuthorityCode',
  'ageBand',
  'method',
  'whanauSize',
]

/**
 * Rows for a set of interactions, and the ones held back. Rows are sorted by their exported values,
 * not by time or id, so row order does not leak the order in which whānau were seen.
 */
export function buildInteractionExport(records: readonly InteractionRecord[]): {
  rows: InteractionExportRow[]
  blocked: { interactionId: string; reasons: string[] }[]
} {
  const rows: InteractionExportRow[] = []
  const blocked: { interactionId: string; reasons: string[] }[] = []
  for (const record of records) {
    const result = deidentifyInteraction(record)
    if (result.ok) rows.push(result.row)
    else blocked.push({ interactionId: result.interactionId, reasons: result.reasons })
  }
  const key = (r: InteractionExportRow) =>
    JSON.stringify([...ROW_ORDER.map((k) => r[k] ?? ''), r.needCategories, r.notes ?? ''])
  rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
  return { rows, blocked }
}

// ─── Grants ─────────────────────────────────────────────────────────────────────────────────────

export interface GrantRecord {
  id: string
  personId: string
  connectorId: string
  category: GrantNeedCategory
  amountCents: number
  grantedAt: Date
  note: string | null
}

export interface GrantExportRow {
  reportWeek: string
  category: GrantNeedCategory
  amountCents: number
}

/** Issue 5: "Grants appear in the de-identified report by category and amount only" (and the week). */
export const GRANT_EXPORT_COLUMNS: readonly ExportColumn<keyof GrantExportRow>[] = [
  {
    name: 'reportWeek',
    type: 'code',
    description: 'ISO 8601 week the grant was made in, New Zealand time, e.g. 2026-W10.',
  },
  {
    name: 'category',
    type: 'code',
    description: 'Discretionary funding need category (Guidelines, Discretionary Funding).',
    values: ALLOWED_GRANT_NEED_CATEGORIES,
  },
  {
    name: 'amountCents',
    type: 'integer',
    description: 'Amount granted in New Zealand cents (2500 is $25.00).',
  },
]

export function deidentifyGrant(grant: GrantRecord): GrantExportRow {
  const week = reportWeek(grant.grantedAt)
  return { reportWeek: week.id, category: grant.category, amountCents: grant.amountCents }
}
