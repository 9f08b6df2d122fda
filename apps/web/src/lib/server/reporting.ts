// Issue 5, parts 3 and 4, for community connectors: interaction records, the weekly report and the
// discretionary fund. The typed GraphQL operations, and the pure checks a form makes before
// anything reaches the API (which decides again: these only save a round trip and a bad record).
import { formatCents, fromNzLocal, isExportable, nzDateOf, parseDollars, reportWeek } from '@fsn/domain'
import { t } from '$lib/i18n'
import { operation } from './api'

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const INTERACTION_METHODS = ['PHONE', 'TEXT', 'EMAIL', 'VISIT', 'VIDEO'] as const
export type InteractionMethod = (typeof INTERACTION_METHODS)[number]
export const INTERACTION_OUTCOMES = ['INFORMATION_GIVEN', 'REFERRED', 'SUPPORT_ARRANGED', 'FOLLOW_UP_NEEDED', 'NO_FURTHER_ACTION'] as const
export type InteractionOutcome = (typeof INTERACTION_OUTCOMES)[number]
export const CWYMG_OUTCOMES = ['NOT_ELIGIBLE', 'MAY_BE_ELIGIBLE'] as const
export type CwymgOutcome = (typeof CWYMG_OUTCOMES)[number]

export interface PersonOption {
  id: string
  givenName: string
  familyName: string | null
}
export interface CategoryOption {
  code: string
  name: string
}
export interface Interaction {
  id: string
  personId: string
  occurredAt: string
  recordedAt: string
  recordedSameDay: boolean
  method: InteractionMethod
  outcome: InteractionOutcome | null
  needCategories: string[]
  referredCategories: string[]
  notes: string | null
  reportWeek: string
}
export interface WeeklyStatus {
  week: string
  monday: string
  sunday: string
  dueAt: string
  status: 'due' | 'overdue' | 'submitted'
  inProgress: boolean
  late: boolean
  submittedAt: string | null
  interactionCount: number
  notSameDayCount: number
}
export interface ExportColumn {
  name: string
  type: string
  description: string
  values: string[] | null
}
export interface WeeklyExport {
  week: string
  exportable: boolean
  blocked: { interactionId: string; occurredAt: string; reasons: string[] }[]
  interactions: {
    reportWeek: string
    regionCode: string
    territorialAuthorityCode: string | null
    ageBand: string
    whanauSize: string
    method: string
    needCategories: string[]
    referredCategories: string[]
    recordedSameDay: boolean
    notes: string | null
  }[]
  grants: { reportWeek: string; category: string; amountCents: number }[]
  interactionColumns: ExportColumn[]
  grantColumns: ExportColumn[]
}
export interface GrantCategory {
  code: string
  label: string
  group: string
  allowed: boolean
  rule: string
}
export interface GrantReason {
  code: string
  field: string
  message: string
}
export interface SuggestedService {
  serviceId: string
  name: string
  organisationId: string
  organisationName: string
  city: string | null
  territorialAuthorityName: string | null
  regionName: string | null
}
export interface GrantDecision {
  approved: boolean
  grantRequestId: string
  amountCents: number | null
  balanceAfterCents: number | null
  basis: string | null
  reasons: GrantReason[]
  suggestion: string | null
  suggestedServices: SuggestedService[]
}
export interface Fund {
  id: string
  allocatedCents: number
  balanceCents: number
  ledger: { id: string; at: string; kind: string; amountCents: number; balanceAfterCents: number; note: string | null; grantRequestId: string | null }[]
  grantRequests: { id: string; personId: string; category: string; amountCents: number; status: string; decidedAt: string; reasons: GrantReason[] }[]
}

const PEOPLE_SHOWN = 200

export const INTERACTION_FORM = operation<
  { people: PersonOption[]; serviceCategories: CategoryOption[] },
  { first: number }
>(`
  query InteractionForm($first: Int) {
    people(first: $first) { id givenName familyName }
    serviceCategories { code name }
  }
`)

const INTERACTION_FIELDS = `id personId occurredAt recordedAt recordedSameDay method outcome needCategories referredCategories notes reportWeek`

export const INTERACTIONS = operation<
  { interactions: Interaction[]; people: PersonOption[]; serviceCategories: CategoryOption[] },
  { week: string; first: number }
>(`
  query Interactions($week: String, $first: Int) {
    interactions(week: $week, first: $first) { ${INTERACTION_FIELDS} }
    people(first: ${PEOPLE_SHOWN}) { id givenName familyName }
    serviceCategories { code name }
  }
`)

export interface RecordInteractionInput {
  personId: string
  occurredAt: string
  method: InteractionMethod
  needCategories: string[]
  referredCategories?: string[]
  outcome?: InteractionOutcome
  notes?: string
}

export const RECORD_INTERACTION = operation<
  {
    recordInteraction: {
      recordedSameDay: boolean
      notesExportable: boolean
      notesReasons: string[]
      interaction: { id: string; reportWeek: string }
    }
  },
  { input: RecordInteractionInput }
>(`
  mutation RecordInteraction($input: RecordInteractionInput!) {
    recordInteraction(input: $input) { recordedSameDay notesExportable notesReasons interaction { id reportWeek } }
  }
`)

/** Rewords a record's notes (the API checks them again, and refuses once the week is submitted). */
export const AMEND_INTERACTION_NOTES = operation<
  { amendInteractionNotes: { notesExportable: boolean; notesReasons: string[]; interaction: { id: string; reportWeek: string } } },
  { input: { interactionId: string; notes: string } }
>(`
  mutation AmendInteractionNotes($input: AmendInteractionNotesInput!) {
    amendInteractionNotes(input: $input) { notesExportable notesReasons interaction { id reportWeek } }
  }
`)

const STATUS_FIELDS = `week monday sunday dueAt status inProgress late submittedAt interactionCount notSameDayCount`

/** The current week's status and the last complete week's (the one due now or overdue). */
export const REPORT_STATUSES = operation<{ current: WeeklyStatus; last: WeeklyStatus }, { current: string }>(`
  query ReportStatuses($current: String) {
    current: weeklyReportStatus(week: $current) { ${STATUS_FIELDS} }
    last: weeklyReportStatus { ${STATUS_FIELDS} }
  }
`)

export const WEEKLY_REPORT = operation<
  { status: WeeklyStatus; weeklyReportExport: WeeklyExport },
  { week: string }
>(`
  query WeeklyReport($week: String!) {
    status: weeklyReportStatus(week: $week) { ${STATUS_FIELDS} }
    weeklyReportExport(week: $week) {
      week exportable
      blocked { interactionId occurredAt reasons }
      interactions { reportWeek regionCode territorialAuthorityCode ageBand whanauSize method needCategories referredCategories recordedSameDay notes }
      grants { reportWeek category amountCents }
      interactionColumns { name type description values }
      grantColumns { name type description values }
    }
  }
`)

export const SUBMIT_WEEKLY_REPORT = operation<
  { submitWeeklyReport: { week: string; submittedAt: string; late: boolean; interactionCount: number; grantCount: number } },
  { week: string }
>(`
  mutation SubmitWeeklyReport($week: String!) {
    submitWeeklyReport(week: $week) { week submittedAt late interactionCount grantCount }
  }
`)

export const FUND_PAGE = operation<
  { myFund: Fund | null; grantNeedCategories: GrantCategory[]; people: PersonOption[] },
  { first: number }
>(`
  query FundPage($first: Int) {
    myFund {
      id allocatedCents balanceCents
      ledger { id at kind amountCents balanceAfterCents note grantRequestId }
      grantRequests { id personId category amountCents status decidedAt reasons { code field message } }
    }
    grantNeedCategories { code label group allowed rule }
    people(first: $first) { id givenName familyName }
  }
`)

export interface RequestGrantInput {
  personId: string
  category: string
  amountCents: number
  note?: string
  eligibility: {
    checkWhatYouMightGet?: { done: boolean; outcome: CwymgOutcome; at: string }
    caseManagerConfirmation?: { name: string; at: string }
    timeCriticalImperative?: string
  }
}

export const REQUEST_GRANT = operation<{ requestGrant: GrantDecision }, { input: RequestGrantInput }>(`
  mutation RequestGrant($input: RequestGrantInput!) {
    requestGrant(input: $input) {
      approved grantRequestId amountCents balanceAfterCents basis suggestion
      reasons { code field message }
      suggestedServices { serviceId name organisationId organisationName city territorialAuthorityName regionName }
    }
  }
`)

export { PEOPLE_SHOWN }

// ─── Pure helpers ────────────────────────────────────────────────────────────────────────────────

export const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim()
export const optional = (value: string) => (value === '' ? undefined : value)
export const personName = (p: PersonOption) => [p.givenName, p.familyName].filter(Boolean).join(' ')

/** The ISO week id ("2026-W49") of the week `at` falls in, New Zealand time. */
export const weekOf = (at: Date) => reportWeek(at).id

/** A week named in a URL, as the API takes it: an ISO week or a Monday; null for anything else. */
export function weekParam(value: string | null): string | null {
  const v = value?.trim() ?? ''
  return /^\d{4}-W\d{2}$/.test(v) || /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null
}

/** A grant amount as typed, in whole cents; null unless it is an amount above zero (the domain's parse). */
export function dollarsToCents(input: string): number | null {
  const cents = parseDollars(input)
  return cents !== null && cents > 0 ? cents : null
}

export { formatCents }

/** `<input type="datetime-local">` (NZ time) to an ISO instant, or null when unreadable. */
export function nzLocalToIso(value: string): string | null {
  try {
    return fromNzLocal(value.replace('T', ' ')).toISOString()
  } catch {
    return null
  }
}

/** True when the interaction is being recorded after the New Zealand day it happened. */
export const recordedLate = (occurredAt: Date, now: Date) => nzDateOf(occurredAt) < nzDateOf(now)

/**
 * Whether notes would pass the weekly export, with the person's names on record: the same
 * detector the API runs, so the connector can reword before the record exists. The API's reply
 * to recordInteraction stays the authority (it also knows the whānau's names).
 */
export function notesCheck(notes: string, person: PersonOption | null): { ok: boolean; reasons: string[] } {
  if (notes.trim() === '') return { ok: true, reasons: [] }
  const knownNames = person ? [person.givenName, person.familyName].filter((n): n is string => Boolean(n)) : []
  const check = isExportable(notes, { knownNames })
  return check.ok ? { ok: true, reasons: [] } : { ok: false, reasons: check.reasons }
}

export type FieldErrors = Partial<Record<string, string>>

export interface InteractionValues {
  personId: string
  occurredAt: string
  method: string
  outcome: string
  needCategories: string[]
  referredCategories: string[]
  notes: string
}

export function interactionValues(form: FormData): InteractionValues {
  return {
    personId: text(form, 'personId'),
    occurredAt: text(form, 'occurredAt'),
    method: text(form, 'method'),
    outcome: text(form, 'outcome'),
    needCategories: [...new Set(form.getAll('needCategories').map(String))],
    referredCategories: [...new Set(form.getAll('referredCategories').map(String))],
    notes: String(form.get('notes') ?? ''),
  }
}

export function checkInteraction(
  values: InteractionValues,
  now: Date,
): { input: RecordInteractionInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {}
  if (!UUID.test(values.personId)) errors.personId = t('interaction.errorPerson')
  const occurredAt = nzLocalToIso(values.occurredAt)
  if (!occurredAt) errors.occurredAt = t('interaction.errorWhen')
  else if (new Date(occurredAt).getTime() > now.getTime() + 5 * 60_000) errors.occurredAt = t('interaction.errorFuture')
  if (!(INTERACTION_METHODS as readonly string[]).includes(values.method)) errors.method = t('interaction.errorMethod')
  if (values.outcome !== '' && !(INTERACTION_OUTCOMES as readonly string[]).includes(values.outcome)) errors.outcome = t('interaction.errorOutcome')
  if (values.needCategories.length === 0) errors.needCategories = t('interaction.errorNeeds')
  if (Object.keys(errors).length > 0 || !occurredAt) return { input: null, errors }
  const notes = values.notes.trim()
  return {
    input: {
      personId: values.personId,
      occurredAt,
      method: values.method as InteractionMethod,
      needCategories: values.needCategories,
      ...(values.referredCategories.length > 0 ? { referredCategories: values.referredCategories } : {}),
      ...(values.outcome ? { outcome: values.outcome as InteractionOutcome } : {}),
      ...(notes ? { notes } : {}),
    },
    errors,
  }
}

export interface GrantValues {
  personId: string
  category: string
  amount: string
  note: string
  basis: string
  cwymgDone: boolean
  cwymgOutcome: string
  cwymgOn: string
  caseManagerName: string
  caseManagerOn: string
  timeCritical: string
}

export function grantValues(form: FormData): GrantValues {
  return {
    personId: text(form, 'personId'),
    category: text(form, 'category'),
    amount: text(form, 'amount'),
    note: text(form, 'note'),
    basis: text(form, 'basis'),
    cwymgDone: form.get('cwymgDone') === 'yes',
    cwymgOutcome: text(form, 'cwymgOutcome'),
    cwymgOn: text(form, 'cwymgOn'),
    caseManagerName: text(form, 'caseManagerName'),
    caseManagerOn: text(form, 'caseManagerOn'),
    timeCritical: text(form, 'timeCritical'),
  }
}

// A day entered in the form is a New Zealand calendar day. It is compared as one (not as an instant:
// noon today is still ahead in the NZ morning, which refused today's date before noon) and sent as
// the start of that NZ day, so the API's "not after the assessment" check holds for today too.
const isDay = (day: string) => /^\d{4}-\d{2}-\d{2}$/.test(day)
const dayToIso = (day: string) => (isDay(day) ? nzLocalToIso(`${day} 00:00`) : null)
const dayNotAfterToday = (day: string, now: Date) => isDay(day) && day <= nzDateOf(now)

/**
 * The grant form to the API's input. Only the shape is checked here; whether the category is
 * allowed, the eligibility suffices and the balance covers it is the API's decision, with reasons.
 */
export function checkGrant(values: GrantValues, now: Date): { input: RequestGrantInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {}
  if (!UUID.test(values.personId)) errors.personId = t('interaction.errorPerson')
  if (values.category === '') errors.category = t('fund.errorCategory')
  const amountCents = dollarsToCents(values.amount)
  if (amountCents === null) errors.amount = t('fund.errorAmount')
  const eligibility: RequestGrantInput['eligibility'] = {}
  if (values.basis === 'timeCritical') {
    if (values.timeCritical === '') errors.timeCritical = t('fund.errorTimeCritical')
    else eligibility.timeCriticalImperative = values.timeCritical
  } else if (values.basis === 'workAndIncome') {
    const cwymgAt = dayToIso(values.cwymgOn)
    const caseManagerAt = dayToIso(values.caseManagerOn)
    if (!values.cwymgDone) errors.cwymgDone = t('fund.errorCwymgDone')
    if (!(CWYMG_OUTCOMES as readonly string[]).includes(values.cwymgOutcome)) errors.cwymgOutcome = t('fund.errorCwymgOutcome')
    if (!cwymgAt || !dayNotAfterToday(values.cwymgOn, now)) errors.cwymgOn = t('fund.errorDay')
    if (values.caseManagerName === '') errors.caseManagerName = t('fund.errorCaseManager')
    if (!caseManagerAt || !dayNotAfterToday(values.caseManagerOn, now)) errors.caseManagerOn = t('fund.errorDay')
    if (cwymgAt && values.cwymgDone && (CWYMG_OUTCOMES as readonly string[]).includes(values.cwymgOutcome)) {
      eligibility.checkWhatYouMightGet = { done: true, outcome: values.cwymgOutcome as CwymgOutcome, at: cwymgAt }
    }
    if (caseManagerAt && values.caseManagerName) eligibility.caseManagerConfirmation = { name: values.caseManagerName, at: caseManagerAt }
  } else {
    errors.basis = t('fund.errorBasis')
  }
  if (Object.keys(errors).length > 0 || amountCents === null) return { input: null, errors }
  return {
    input: {
      personId: values.personId,
      category: values.category,
      amountCents,
      ...(values.note ? { note: values.note } : {}),
      eligibility,
    },
    errors,
  }
}
