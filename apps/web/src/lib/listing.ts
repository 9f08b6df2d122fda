// How a directory listing reads: opening hours by weekday in New Zealand time, how long ago it was
// verified, which accreditations are current, phone numbers as links. Pure and free of
// @fsn/domain, so the provider page's components can use it in the browser bundle.

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const
export type Weekday = (typeof WEEKDAYS)[number]

export const isWeekday = (value: string): value is Weekday => (WEEKDAYS as readonly string[]).includes(value)

/** One opening on one weekday, local New Zealand time ("08:30" to "17:00"), as the API lists them. */
export interface Opening {
  day: Weekday
  opensAt: string
  closesAt: string
}

export interface DayHours {
  weekday: Weekday
  /** Sorted by opening time; empty when closed all day. */
  openings: { opensAt: string; closesAt: string }[]
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/

/** "08:30" as minutes after midnight; null when it is not a 24-hour time. "24:00" is the end of the day. */
export function minutesOf(time: string): number | null {
  if (time === '24:00') return 24 * 60
  const m = TIME.exec(time)
  return m ? Number(m[1]) * 60 + Number(m[2]) : null
}

/** Monday to Sunday, each with its openings in time order: every day is listed, closed or not. */
export function weeklyHours(openings: readonly Opening[]): DayHours[] {
  return WEEKDAYS.map((weekday) => ({
    weekday,
    openings: openings
      .filter((o) => o.day === weekday)
      .map(({ opensAt, closesAt }) => ({ opensAt, closesAt }))
      .sort((a, b) => (minutesOf(a.opensAt) ?? 0) - (minutesOf(b.opensAt) ?? 0)),
  }))
}

/** Open around the clock: how "Open 24 hours" is written in HSDS schedules (00:00 to 23:59 or 24:00). */
export function isAllDay(o: { opensAt: string; closesAt: string }): boolean {
  return o.opensAt === '00:00' && (o.closesAt === '23:59' || o.closesAt === '24:00')
}

const clockFormat = new Intl.DateTimeFormat('en-NZ', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'UTC' })

/** "08:30" as people read it: "8:30 am"; "12:00" is "12:00 pm" (midday); "24:00" is midnight. */
export function formatClock(time: string): string {
  const minutes = minutesOf(time)
  if (minutes === null) return time
  return clockFormat.format(new Date(Date.UTC(2000, 0, 1, 0, minutes % (24 * 60)))).replace(/\s/g, ' ')
}

// ─── New Zealand calendar ────────────────────────────────────────────────────────────────────────

const NZ = 'Pacific/Auckland'
const nzDate = new Intl.DateTimeFormat('en-CA', { timeZone: NZ, year: 'numeric', month: '2-digit', day: '2-digit' })
const nzWeekday = new Intl.DateTimeFormat('en-NZ', { timeZone: NZ, weekday: 'short' })
const SHORT_DAYS: Record<string, Weekday> = { Mon: 'MO', Tue: 'TU', Wed: 'WE', Thu: 'TH', Fri: 'FR', Sat: 'SA', Sun: 'SU' }

/** The New Zealand calendar date of an instant, "2026-03-31". */
export function nzDateOf(at: Date): string {
  return nzDate.format(at)
}

/** Which day of the week it is in New Zealand. */
export function nzWeekdayOf(at: Date): Weekday {
  return SHORT_DAYS[nzWeekday.format(at)] ?? 'MO'
}

/**
 * Whole New Zealand calendar days from `iso` to `now`: verified yesterday evening is 1 day ago
 * this morning, whatever the server's time zone. Null when never verified or unreadable.
 */
export function daysSince(iso: string | null, now: Date): number | null {
  if (!iso) return null
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return null
  const day = (d: Date) => Date.parse(`${nzDateOf(d)}T00:00:00Z`) / 86_400_000
  return Math.max(0, Math.round(day(now) - day(at)))
}

/**
 * Providers must keep their listing up to date (Family Services Directory); a listing not
 * confirmed for this long is flagged to the people relying on it, and its staff are asked to check
 * it. The API's own answer (search/settings.json staleAfterDays) wins where it gives one.
 */
export const STALE_AFTER_DAYS = 180

export interface Freshness {
  /** Days since it was last verified; null when it never was. */
  days: number | null
  stale: boolean
}

export function freshness(lastVerifiedAt: string | null, now: Date, staleAfterDays: number = STALE_AFTER_DAYS): Freshness {
  const days = daysSince(lastVerifiedAt, now)
  return { days, stale: days === null || days > staleAfterDays }
}

// ─── Accreditation ───────────────────────────────────────────────────────────────────────────────

export const ACCREDITATION_SCHEMES = ['MSD_SSAS', 'TE_KAHUI_KAHU', 'OT_S396'] as const
export type AccreditationScheme = (typeof ACCREDITATION_SCHEMES)[number]
export type AccreditationStatus = 'ACTIVE' | 'PROVISIONAL' | 'SUSPENDED' | 'REVOKED'

export interface AccreditationLike {
  scheme: AccreditationScheme
  level: number | null
  status: AccreditationStatus
  validFrom: string
  validTo: string | null
}

export type AccreditationStanding = 'CURRENT' | 'PROVISIONAL' | 'EXPIRED' | 'SUSPENDED' | 'REVOKED' | 'NOT_YET_VALID'

/**
 * Where an accreditation stands now. Expiry is derived from validTo, never stored (data model), so
 * an accreditation that ran out yesterday is never shown as current.
 */
export function accreditationStanding(a: AccreditationLike, now: Date): AccreditationStanding {
  if (a.status === 'REVOKED') return 'REVOKED'
  if (a.status === 'SUSPENDED') return 'SUSPENDED'
  if (a.validTo !== null && Date.parse(a.validTo) <= now.getTime()) return 'EXPIRED'
  if (Date.parse(a.validFrom) > now.getTime()) return 'NOT_YET_VALID'
  return a.status === 'PROVISIONAL' ? 'PROVISIONAL' : 'CURRENT'
}

export const isCurrentStanding = (s: AccreditationStanding) => s === 'CURRENT' || s === 'PROVISIONAL'

// ─── Phone numbers ───────────────────────────────────────────────────────────────────────────────

/**
 * A tel: link that dials from any phone: New Zealand numbers in international form
 * ("04 123 4567" is tel:+6441234567), except freephone and short numbers, which only work from
 * within New Zealand and are dialled as written. Null when there is nothing to dial.
 */
export function telHref(number: string, extension?: string | null): string | null {
  const trimmed = number.trim()
  const digits = trimmed.replace(/[^\d]/g, '')
  if (digits.length < 3) return null
  let dial: string
  if (trimmed.startsWith('+')) dial = `+${digits}`
  else if (/^0(800|508)/.test(digits) || digits.length <= 6 || !digits.startsWith('0')) dial = digits
  else if (digits.startsWith('00')) dial = `+${digits.slice(2)}`
  else dial = `+64${digits.slice(1)}`
  const ext = extension?.replace(/[^\d]/g, '')
  return `tel:${dial}${ext ? `;ext=${ext}` : ''}`
}

// ─── Ages ────────────────────────────────────────────────────────────────────────────────────────

export type AgeRange = { kind: 'any' } | { kind: 'between'; min: number; max: number } | { kind: 'from'; min: number } | { kind: 'upTo'; max: number }

export function ageRange(minimumAge: number | null, maximumAge: number | null): AgeRange {
  if (minimumAge !== null && maximumAge !== null) return { kind: 'between', min: minimumAge, max: maximumAge }
  if (minimumAge !== null) return { kind: 'from', min: minimumAge }
  if (maximumAge !== null) return { kind: 'upTo', max: maximumAge }
  return { kind: 'any' }
}

// ─── Languages ───────────────────────────────────────────────────────────────────────────────────

/**
 * Languages services in Aotearoa most often offer (ISO 639; "nzs" New Zealand Sign Language),
 * named as their speakers write them where the directory does; `lang` marks those names for
 * screen readers (3.1.2). Others are entered by code.
 */
export const COMMON_LANGUAGES: readonly { code: string; name: string; lang?: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'mi', name: 'te reo Māori', lang: 'mi' },
  { code: 'sm', name: 'Gagana Sāmoa', lang: 'sm' },
  { code: 'to', name: 'Lea faka-Tonga', lang: 'to' },
  { code: 'zh', name: 'Chinese (Mandarin)' },
  { code: 'hi', name: 'Hindi' },
  { code: 'nzs', name: 'New Zealand Sign Language' },
]

/** The lang attribute for a language's name, when the name is written in that language. */
export function langOfName(code: string): string | undefined {
  return COMMON_LANGUAGES.find((l) => l.code === code)?.lang
}

// ─── The editor's form values (what was typed, shown again after a refusal) ─────────────────────

export interface PhoneValues {
  number: string
  type: string
  description: string
  extension: string
}

export interface ContactValues {
  name: string
  title: string
  department: string
  email: string
  phones: PhoneValues[]
}

export type HoursValues = Record<Weekday, { opensAt: string; closesAt: string }[]>

/** The service form as typed: strings and lists, read back into the form after a refusal. */
export interface ServiceFormValues {
  expectedUpdatedAt: string
  name: string
  description: string
  status: string
  capacityStatus: string
  eligibilityDescription: string
  minimumAge: string
  maximumAge: string
  freeOfCharge: boolean
  feesDescription: string
  applicationProcess: string
  url: string
  email: string
  categoryCodes: string[]
  deliveryModes: string[]
  culturalFocus: string[]
  languages: string[]
  languagesOther: string
  nationwide: boolean
  regionCodes: string[]
  /** District areas the form does not edit, kept as they are. */
  territorialAuthorityCodes: string[]
  locationIds: string[]
  hours: HoursValues
  phones: PhoneValues[]
  contacts: ContactValues[]
}
