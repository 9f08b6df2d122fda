// New Zealand wall-clock time for pure rules. Instants are UTC Date objects everywhere; business
// rules (SLA clock, report due dates) are stated in Pacific/Auckland local time (Architecture, Data),
// so conversions go through the ICU time zone data in Intl, which knows every daylight-saving change
// (NZST to NZDT on the last Sunday of September, back on the first Sunday of April).

export const NZ_TIME_ZONE = 'Pacific/Auckland'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/** A New Zealand calendar date and wall-clock time. `weekday` is 0 (Sunday) to 6 (Saturday). */
export interface NzLocalParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  millisecond: number
  weekday: number
}

const partsFormat = new Intl.DateTimeFormat('en-NZ', {
  timeZone: NZ_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  // h23, not the locale default: en-NZ would otherwise write midnight as "24" or "12 am".
  hourCycle: 'h23',
})

const dateFormat = new Intl.DateTimeFormat('en-NZ', {
  timeZone: NZ_TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
})

const dateTimeFormat = new Intl.DateTimeFormat('en-NZ', {
  timeZone: NZ_TIME_ZONE,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
})

function assertValid(at: Date): number {
  const t = at.getTime()
  if (!Number.isFinite(t)) throw new RangeError('expected a valid Date')
  return t
}

/** The New Zealand wall-clock reading of an instant. */
export function nzLocalParts(at: Date): NzLocalParts {
  const t = assertValid(at)
  const parts: Record<string, number> = {}
  for (const p of partsFormat.formatToParts(at)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  }
  const year = parts.year ?? NaN
  const month = parts.month ?? NaN
  const day = parts.day ?? NaN
  return {
    year,
    month,
    day,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
    second: parts.second ?? NaN,
    millisecond: ((t % 1000) + 1000) % 1000,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  }
}

/** Offset of New Zealand time from UTC at an instant, in milliseconds (12 h in NZST, 13 h in NZDT). */
export function nzOffsetMs(at: Date): number {
  const p = nzLocalParts(at)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond)
  return asUtc - at.getTime()
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** The New Zealand calendar date of an instant, as YYYY-MM-DD. */
export function nzDateOf(at: Date): string {
  const p = nzLocalParts(at)
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`
}

/**
 * The UTC instant of a New Zealand wall-clock time. Every candidate offset in force around that
 * day is tried: a time skipped when clocks go forward has none (RangeError); a time repeated when
 * clocks go back has two, and `prefer` picks NZDT (the first) or NZST (the second).
 */
export function nzWallClockToUtc(
  date: { year: number; month: number; day: number },
  time: { hour: number; minute?: number; second?: number; millisecond?: number },
  prefer: 'NZDT' | 'NZST' = 'NZDT',
): Date {
  const local = Date.UTC(
    date.year,
    date.month - 1,
    date.day,
    time.hour,
    time.minute ?? 0,
    time.second ?? 0,
    time.millisecond ?? 0,
  )
  if (!Number.isFinite(local)) throw new RangeError('expected a valid New Zealand date and time')
  const offsets = new Set([nzOffsetMs(new Date(local - DAY_MS)), nzOffsetMs(new Date(local + DAY_MS))])
  const valid = [...offsets]
    .map((o) => local - o)
    .filter((utc) => nzOffsetMs(new Date(utc)) === local - utc)
    .sort((a, b) => a - b)
  const first = valid[0]
  if (first === undefined) {
    throw new RangeError(
      `${formatLocal(date, time)} does not exist in New Zealand: clocks go forward an hour that night`,
    )
  }
  const chosen = prefer === 'NZST' ? (valid[valid.length - 1] ?? first) : first
  return new Date(chosen)
}

function formatLocal(
  date: { year: number; month: number; day: number },
  time: { hour: number; minute?: number },
): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)} ${pad(time.hour)}:${pad(time.minute ?? 0)}`
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?: (NZDT|NZST))?$/

/**
 * Reads "2026-10-23 16:00" (optionally with seconds and " NZDT" or " NZST" to pick one of the two
 * readings of an hour repeated when daylight saving ends) as New Zealand time. For tests, seeds and
 * scripts that state times the way people in Aotearoa say them.
 */
export function fromNzLocal(text: string): Date {
  const m = LOCAL_PATTERN.exec(text)
  if (!m) throw new RangeError(`expected "YYYY-MM-DD HH:mm" New Zealand time, got "${text}"`)
  const [, y, mo, d, h, mi, s, zone] = m
  const date = { year: Number(y), month: Number(mo), day: Number(d) }
  const at = nzWallClockToUtc(
    date,
    { hour: Number(h), minute: Number(mi), second: Number(s ?? 0) },
    zone === 'NZST' ? 'NZST' : 'NZDT',
  )
  const back = nzLocalParts(at)
  if (back.year !== date.year || back.month !== date.month || back.day !== date.day) {
    throw new RangeError(`"${text}" is not a calendar date`)
  }
  if (zone && zoneOf(at) !== zone) throw new RangeError(`"${text}": New Zealand is not on ${zone} then`)
  return at
}

function zoneOf(at: Date): 'NZDT' | 'NZST' {
  return nzOffsetMs(at) === 13 * HOUR_MS ? 'NZDT' : 'NZST'
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const

/** "Wed 2026-10-28 10:00 NZDT": unambiguous, sortable and readable in test tables and logs. */
export function formatNzLocal(at: Date): string {
  const p = nzLocalParts(at)
  const seconds = p.second || p.millisecond ? `:${pad(p.second)}` : ''
  const ms = p.millisecond ? `.${pad(p.millisecond, 3)}` : ''
  return `${WEEKDAYS[p.weekday]} ${nzDateOf(at)} ${pad(p.hour)}:${pad(p.minute)}${seconds}${ms} ${zoneOf(at)}`
}

/** "3 March 2026", the date as people in Aotearoa write it, for plain-English messages. */
export function formatNzDate(at: Date): string {
  assertValid(at)
  return dateFormat.format(at)
}

/** "Tue, 3 Mar 2026, 8:00 pm", for messages that need a time as well. */
export function formatNzDateTime(at: Date): string {
  assertValid(at)
  return dateTimeFormat.format(at)
}
