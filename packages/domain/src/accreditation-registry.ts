// The accreditation registry's rules (issue 16, item 2): what a national administrator may record,
// renew, suspend, reinstate and revoke; when an accreditation lapses (the New Zealand day after its
// last valid date); which expiry reminder is due (60, 30 and 7 days before); "expires soon"; and the
// bulk CSV load. Pure: time is an argument.
// Guidelines, Social sector accreditation standards: providers are "to maintain their accreditation
// level", so the registry keeps the dates, and routing (check-routing.ts) reads them at send time.
import { z } from 'zod'
import { ACCREDITATION_SCHEMES, SCHEMES, isValidLevel, type AccreditationScheme } from './accreditation'
import { nzDateOf, nzWallClockToUtc } from './sla/nz-time'

/** Days before the last valid day when the organisation and the commissioner are reminded. */
export const ACCREDITATION_REMINDER_DAYS = [60, 30, 7] as const
export type ReminderThreshold = (typeof ACCREDITATION_REMINDER_DAYS)[number]
/** The directory and provider pages say "expires soon" within this many days of the last valid day. */
export const EXPIRES_SOON_DAYS = 60

const DAY_MS = 86_400_000
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

function parseDate(text: string): { year: number; month: number; day: number } | null {
  const m = DATE_PATTERN.exec(text)
  if (!m) return null
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const d = new Date(Date.UTC(year, month - 1, day))
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null
  return { year, month, day }
}

export function isNzDate(text: string): boolean {
  return parseDate(text) !== null
}

/** 00:00 New Zealand time on a date: when an accreditation starts to hold. */
export function nzStartOfDate(date: string): Date {
  const p = parseDate(date)
  if (!p) throw new RangeError(`expected a date YYYY-MM-DD, got "${date}"`)
  return nzWallClockToUtc(p, { hour: 0 })
}

function addDays(date: string, days: number): string {
  const p = parseDate(date)!
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day) + days * DAY_MS)
  return d.toISOString().slice(0, 10)
}

/**
 * The stored, exclusive `validTo` for a last valid New Zealand date: 00:00 NZ the day after. So an
 * accreditation "valid to 15 December" routes all of 15 December and is refused from 16 December,
 * New Zealand time, whatever the server's zone.
 */
export function lapseInstantOf(lastValidDate: string): Date {
  return nzStartOfDate(addDays(lastValidDate, 1))
}

/** The last valid NZ date of a stored exclusive `validTo` (the inverse of lapseInstantOf). */
export function lastValidDateOf(validTo: Date): string {
  return nzDateOf(new Date(validTo.getTime() - 1))
}

/** Whole NZ calendar days from `at`'s date to the last valid date: 0 on the last day, -1 once lapsed. */
export function daysUntilExpiry(validTo: Date, at: Date): number {
  const last = parseDate(lastValidDateOf(validTo))!
  const today = parseDate(nzDateOf(at))!
  return Math.round(
    (Date.UTC(last.year, last.month - 1, last.day) - Date.UTC(today.year, today.month - 1, today.day)) /
      DAY_MS,
  )
}

export interface RegistryAccreditation {
  status: 'ACTIVE' | 'PROVISIONAL' | 'SUSPENDED' | 'REVOKED'
  validFrom: Date
  validTo: Date | null
}

/** Still holding (ACTIVE or PROVISIONAL, started, not lapsed) and its last valid day within 60 days. */
export function expiresSoon(a: RegistryAccreditation, at: Date): boolean {
  if (a.validTo === null || (a.status !== 'ACTIVE' && a.status !== 'PROVISIONAL')) return false
  if (a.validFrom.getTime() > at.getTime() || at.getTime() >= a.validTo.getTime()) return false
  return daysUntilExpiry(a.validTo, at) <= EXPIRES_SOON_DAYS
}

/**
 * The reminder due now, if any: the tightest threshold already reached (60, then 30, then 7 days
 * before the last valid day). Only the tightest: an accreditation recorded 5 days before it lapses
 * gets the 7-day reminder, not three at once. Each (accreditation, validTo, threshold) is sent once
 * by the caller's dedupe key, so as the days pass the 60-, 30- and 7-day reminders each go once.
 * None for a suspended, revoked, open-ended or lapsed accreditation.
 */
export function dueReminder(a: RegistryAccreditation, at: Date): ReminderThreshold | null {
  if (a.validTo === null || (a.status !== 'ACTIVE' && a.status !== 'PROVISIONAL')) return null
  if (at.getTime() >= a.validTo.getTime()) return null
  const days = daysUntilExpiry(a.validTo, at)
  const reached = ACCREDITATION_REMINDER_DAYS.filter((t) => days <= t)
  return reached.length === 0 ? null : (Math.min(...reached) as ReminderThreshold)
}

/** The outbox/notification dedupe key of one reminder: per accreditation, its current expiry, threshold. */
export function reminderKey(accreditationId: string, validTo: Date, threshold: ReminderThreshold): string {
  return `accreditation-expiry:${accreditationId}:${lastValidDateOf(validTo)}:${threshold}`
}

// ---- lifecycle ----------------------------------------------------------------------------------

export type AccreditationAction = 'RENEW' | 'SUSPEND' | 'REINSTATE' | 'REVOKE'

/**
 * Which stored status an action leads to, or null when it may not be taken from this one. A revoked
 * accreditation is final (record a new one); renewing a suspended one is refused so a renewal never
 * lifts a suspension by the way (reinstate does that, deliberately).
 */
export function nextAccreditationStatus(
  status: RegistryAccreditation['status'],
  action: AccreditationAction,
): RegistryAccreditation['status'] | null {
  switch (action) {
    case 'RENEW':
      return status === 'ACTIVE' || status === 'PROVISIONAL' ? status : null
    case 'SUSPEND':
      return status === 'ACTIVE' || status === 'PROVISIONAL' ? 'SUSPENDED' : null
    case 'REINSTATE':
      return status === 'SUSPENDED' ? 'ACTIVE' : null
    case 'REVOKE':
      return status === 'REVOKED' ? null : 'REVOKED'
  }
}

// ---- input --------------------------------------------------------------------------------------

const zDate = (field: string) =>
  z
    .string({ error: `${field} must be a date YYYY-MM-DD` })
    .refine(isNzDate, { error: `${field} must be a date YYYY-MM-DD` })
const zNote = z
  .string({ error: 'evidenceNote must be text' })
  .trim()
  .min(1, { error: 'evidenceNote must say what the decision rests on' })
  .max(2000, { error: 'evidenceNote must be at most 2000 characters' })
const zLevel = z
  .int({ error: 'level must be a whole number or null' })
  .min(1, { error: 'level must be 1 to 4' })
  .max(4, { error: 'level must be 1 to 4' })
  .nullable()

export const ZRecordAccreditationInput = z
  .object({
    organisationId: z.uuid({ error: 'organisationId must be a UUID' }),
    scheme: z.enum(ACCREDITATION_SCHEMES, {
      error: `scheme must be one of ${ACCREDITATION_SCHEMES.join(', ')}`,
    }),
    level: zLevel.optional().transform((v) => v ?? null),
    status: z.enum(['ACTIVE', 'PROVISIONAL'], { error: 'status must be ACTIVE or PROVISIONAL' }).optional(),
    validFrom: zDate('validFrom'),
    /** The last valid day (inclusive), New Zealand date; null for open-ended. */
    validTo: zDate('validTo').nullable(),
    evidenceNote: zNote,
  })
  .superRefine((v, ctx) => {
    if (!isValidLevel(v.scheme, v.level)) {
      ctx.addIssue({ code: 'custom', path: ['level'], message: levelMessage(v.scheme) })
    }
    if (v.validTo !== null && v.validTo < v.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'validTo must not be before validFrom' })
    }
  })
export type RecordAccreditationInput = z.infer<typeof ZRecordAccreditationInput>

export const ZRenewAccreditationInput = z.object({
  validTo: zDate('validTo').nullable(),
  level: zLevel.optional(),
  evidenceNote: zNote,
})
export type RenewAccreditationInput = z.infer<typeof ZRenewAccreditationInput>

export const ZAccreditationDecisionInput = z.object({ evidenceNote: zNote })

export function levelMessage(scheme: AccreditationScheme): string {
  const levels = SCHEMES[scheme].levels
  return levels.length === 0
    ? `level must be null: ${SCHEMES[scheme].name} has no levels`
    : `level must be one of ${levels.join(', ')} for ${SCHEMES[scheme].name}`
}

// ---- bulk load ----------------------------------------------------------------------------------

export const ACCREDITATION_CSV_COLUMNS = [
  'organisationId',
  'scheme',
  'level',
  'status',
  'validFrom',
  'validTo',
  'evidenceNote',
] as const
export const MAX_ACCREDITATION_CSV_ROWS = 2000

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"' && field === '') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => !(r.length === 1 && r[0]!.trim() === ''))
}

export type CsvRowParse =
  | { line: number; ok: true; input: RecordAccreditationInput }
  | { line: number; ok: false; field: string; message: string }

/**
 * Reads the CSV (header row naming ACCREDITATION_CSV_COLUMNS, any order) into record inputs, each
 * row on its own: a bad row is refused naming its field, the others still load. Empty level and
 * validTo are null; empty status is ACTIVE.
 */
export function parseAccreditationCsv(
  text: string,
): { ok: true; rows: CsvRowParse[] } | { ok: false; field: string; message: string } {
  const [header, ...body] = parseCsvRows(text.replace(/^\uFEFF/, ''))
  if (!header) return { ok: false, field: 'csv', message: 'csv: expected a header row' }
  const names = header.map((h) => h.trim())
  const missing = ACCREDITATION_CSV_COLUMNS.filter((c) => c !== 'status' && !names.includes(c))
  if (missing.length > 0)
    return { ok: false, field: 'csv', message: `csv: missing column ${missing.join(', ')}` }
  if (body.length > MAX_ACCREDITATION_CSV_ROWS) {
    return { ok: false, field: 'csv', message: `csv: at most ${MAX_ACCREDITATION_CSV_ROWS} rows at once` }
  }
  const rows = body.map((cells, i): CsvRowParse => {
    const line = i + 2
    const get = (c: string) => (cells[names.indexOf(c)] ?? '').trim()
    const levelText = get('level')
    const level = levelText === '' ? null : /^\d+$/.test(levelText) ? Number(levelText) : Number.NaN
    if (Number.isNaN(level))
      return { line, ok: false, field: 'level', message: 'level must be a whole number or empty' }
    const parsed = ZRecordAccreditationInput.safeParse({
      organisationId: get('organisationId'),
      scheme: get('scheme'),
      level,
      status: get('status') === '' ? undefined : get('status'),
      validFrom: get('validFrom'),
      validTo: get('validTo') === '' ? null : get('validTo'),
      evidenceNote: get('evidenceNote'),
    })
    if (parsed.success) return { line, ok: true, input: parsed.data }
    const issue = parsed.error.issues[0]!
    return { line, ok: false, field: String(issue.path[0] ?? 'row'), message: issue.message }
  })
  return { ok: true, rows }
}
