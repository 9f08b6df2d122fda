// The Refer form's values, checked before anything reaches the API: the person's details against
// the API's own schema (ZRecordPersonInput), with messages a connector can act on. Pure functions,
// so they are tested without a server.
import {
  CONSENT_METHODS,
  INFORMATION_KINDS,
  REFERRAL_PRIORITIES,
  ZRecordPersonInput,
  dateOfBirthProblem,
  fromNzLocal,
  nzDateOf,
  type ConsentMethod,
  type InformationKind,
  type ReferralPriority,
} from '@fsn/domain'
import { t, type MessageKey } from '$lib/i18n'
import type { Consent } from '$lib/types'
import type { RecordPersonInput, WhanauMemberInput } from './queries'

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Rows of whānau members the form offers: enough for most referrals, and no JavaScript needed. */
export const WHANAU_ROWS = 2

/** Field errors keyed by the id of the input they belong to. */
export type FieldErrors = Record<string, string>

export const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim()
export const optional = (value: string) => (value === '' ? undefined : value)
const isKind = (v: string): v is InformationKind => (INFORMATION_KINDS as readonly string[]).includes(v)
export const kindsOf = (form: FormData, name: string) => [...new Set(form.getAll(name).map(String).filter(isKind))]

/** A consent that can carry a referral to this provider now: not withdrawn, not expired, naming it. */
export function usableConsents(consents: Consent[], organisationId: string, now: Date): Consent[] {
  return consents.filter(
    (c) =>
      c.withdrawnAt === null &&
      (c.expiresAt === null || Date.parse(c.expiresAt) > now.getTime()) &&
      c.recipientOrganisationIds.includes(organisationId),
  )
}

/** The form's own URL for a step, keeping what has been chosen so far. */
export function stepUrl(
  ids: { serviceId: string; organisationId: string | null; personId?: string; consentId?: string },
  hash: string,
): string {
  const params = new URLSearchParams({ serviceId: ids.serviceId })
  if (ids.organisationId) params.set('organisationId', ids.organisationId)
  if (ids.personId) params.set('personId', ids.personId)
  if (ids.consentId) params.set('consentId', ids.consentId)
  return `/referrals/new?${params}#${hash}`
}

/** The id of the input an API field path names ("whanau.0.name" is "whanau-0-name"), if the form has it. */
export function inputIdOf(field: string | null, known: readonly string[]): string | null {
  if (!field) return null
  const id = field.replace(/\./g, '-')
  return known.includes(id) ? id : null
}

// ─── The person ──────────────────────────────────────────────────────────────────────────────────

export interface PersonValues {
  givenName: string
  familyName: string
  phone: string
  email: string
  regionCode: string
  needsSummary: string
  dateOfBirth: string
  whanau: { name: string; relationship: string; dateOfBirth: string; dependent: boolean }[]
}

export const PERSON_INPUTS: readonly string[] = [
  'givenName',
  'familyName',
  'phone',
  'email',
  'regionCode',
  'needsSummary',
  'dateOfBirth',
  ...Array.from({ length: WHANAU_ROWS }, (_, i) => ['name', 'relationship', 'dateOfBirth'].map((f) => `whanau-${i}-${f}`)).flat(),
]

const PERSON_MESSAGES: Record<string, MessageKey> = {
  givenName: 'person.errorGivenName',
  regionCode: 'person.errorRegion',
  phone: 'person.errorPhone',
  email: 'person.errorEmail',
  dateOfBirth: 'person.errorDateOfBirth',
}

export function personValues(form: FormData): PersonValues {
  return {
    givenName: text(form, 'givenName'),
    familyName: text(form, 'familyName'),
    phone: text(form, 'phone'),
    email: text(form, 'email'),
    regionCode: text(form, 'regionCode'),
    needsSummary: text(form, 'needsSummary'),
    dateOfBirth: text(form, 'dateOfBirth'),
    whanau: Array.from({ length: WHANAU_ROWS }, (_, i) => ({
      name: text(form, `whanau-${i}-name`),
      relationship: text(form, `whanau-${i}-relationship`),
      dateOfBirth: text(form, `whanau-${i}-dateOfBirth`),
      dependent: form.get(`whanau-${i}-dependent`) === 'on',
    })),
  }
}

/** The API input for a person, and every problem with it keyed by input id. Blank whānau rows are skipped. */
export function checkPerson(values: PersonValues, now: Date): { input: RecordPersonInput; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const whanau: WhanauMemberInput[] = []
  const rowOf: number[] = []
  values.whanau.forEach((w, i) => {
    if (!w.name && !w.relationship && !w.dateOfBirth) return
    if (!w.name || !w.relationship) errors[`whanau-${i}-${w.name ? 'relationship' : 'name'}`] = t('person.errorWhanau')
    whanau.push({ name: w.name, relationship: w.relationship, dateOfBirth: optional(w.dateOfBirth), dependent: w.dependent })
    rowOf.push(i)
  })
  const input: RecordPersonInput = {
    givenName: values.givenName,
    familyName: optional(values.familyName),
    phone: optional(values.phone),
    email: optional(values.email),
    regionCode: values.regionCode,
    needsSummary: optional(values.needsSummary),
    dateOfBirth: optional(values.dateOfBirth),
    whanau,
  }
  const parsed = ZRecordPersonInput.safeParse(input)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head = 'givenName', index, leaf = 'name'] = issue.path.map(String)
      const id = head === 'whanau' && index !== undefined ? `whanau-${rowOf[Number(index)] ?? 0}-${leaf}` : head
      if (errors[id]) continue
      const key: MessageKey =
        head === 'whanau' ? (leaf === 'dateOfBirth' ? 'person.errorDateOfBirth' : 'person.errorWhanau') : (PERSON_MESSAGES[head] ?? 'person.errorTooLong')
      errors[id] = t(key)
    }
  }
  // The one check a schema cannot make: no date of birth after today in New Zealand.
  if (input.dateOfBirth && !errors.dateOfBirth && dateOfBirthProblem(input.dateOfBirth, now)) errors.dateOfBirth = t('person.errorDateOfBirth')
  whanau.forEach((w, j) => {
    const id = `whanau-${rowOf[j]}-dateOfBirth`
    if (w.dateOfBirth && !errors[id] && dateOfBirthProblem(w.dateOfBirth, now)) errors[id] = t('person.errorDateOfBirth')
  })
  return { input, errors }
}

// ─── Consent ─────────────────────────────────────────────────────────────────────────────────────

export interface ConsentValues {
  informationKinds: InformationKind[]
  method: string
  expiresOn: string
  agreed: boolean
}

const isMethod = (v: string): v is ConsentMethod => (CONSENT_METHODS as readonly string[]).includes(v)

export function consentValues(form: FormData): ConsentValues {
  return {
    informationKinds: kindsOf(form, 'informationKinds'),
    method: text(form, 'method'),
    expiresOn: text(form, 'expiresOn'),
    agreed: form.get('agreed') === 'on',
  }
}

/**
 * What the person agreed to, checked. "Ends on" a day means through the end of that day in New
 * Zealand, so expiresAt is 23:59:59 NZ time that day.
 */
export function checkConsent(
  values: ConsentValues,
  now: Date,
): { errors: FieldErrors; method: ConsentMethod | null; expiresAt: string | undefined } {
  const errors: FieldErrors = {}
  if (values.informationKinds.length === 0) errors.informationKinds = t('consent.errorKinds')
  const method = isMethod(values.method) ? values.method : null
  if (!method) errors.method = t('consent.errorMethod')
  let expiresAt: string | undefined
  if (values.expiresOn) {
    try {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(values.expiresOn) || values.expiresOn <= nzDateOf(now)) throw new RangeError('not after today')
      expiresAt = fromNzLocal(`${values.expiresOn} 23:59:59`).toISOString()
    } catch {
      errors.expiresOn = t('consent.errorExpires')
    }
  }
  if (!values.agreed) errors.agreed = t('consent.errorAgreed')
  return { errors, method, expiresAt }
}

// ─── Send ────────────────────────────────────────────────────────────────────────────────────────

export interface SendValues {
  sharedInformationKinds: InformationKind[]
  needsSummary: string
  priority: ReferralPriority
  idempotencyKey: string
}

const isPriority = (v: string): v is ReferralPriority => (REFERRAL_PRIORITIES as readonly string[]).includes(v)
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/

export function sendValues(form: FormData): SendValues {
  const priority = text(form, 'priority')
  const key = text(form, 'idempotencyKey')
  return {
    sharedInformationKinds: kindsOf(form, 'sharedInformationKinds'),
    needsSummary: text(form, 'needsSummary'),
    priority: isPriority(priority) ? priority : 'ROUTINE',
    // A key the form did not make (or none) still sends at most once per submission.
    idempotencyKey: IDEMPOTENCY_KEY.test(key) ? key : crypto.randomUUID(),
  }
}
