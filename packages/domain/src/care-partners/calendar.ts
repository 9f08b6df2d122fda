// New Zealand calendar arithmetic for schedules and funding periods. Dates are "YYYY-MM-DD" strings
// in Pacific/Auckland (the partnered-care cycle is stated in dates, not instants); instants convert
// through the NZ time rules in ../sla/nz-time.ts, so daylight saving never moves a due date.
import { nzDateOf, nzWallClockToUtc } from '../sla/nz-time'

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export interface CalendarDate {
  year: number
  month: number
  day: number
}

export function parseNzDate(date: string): CalendarDate {
  const m = DATE.exec(date)
  if (!m) throw new RangeError(`expected a date as YYYY-MM-DD, got "${date}"`)
  const parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
  if (formatCalendarDate(fromUtcDays(toUtcDays(parts))) !== date) {
    throw new RangeError(`"${date}" is not a calendar date`)
  }
  return parts
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

export function formatCalendarDate(d: CalendarDate): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`
}

const DAY_MS = 86_400_000

function toUtcDays(d: CalendarDate): number {
  return Date.UTC(d.year, d.month - 1, d.day) / DAY_MS
}

function fromUtcDays(days: number): CalendarDate {
  const t = new Date(days * DAY_MS)
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() }
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/**
 * `months` calendar months after `date`, clamped to the end of a shorter month: 31 August plus six
 * months is 28 (or 29) February, and an anniversary of 29 February falls on 28 February. Always
 * counted from the anchor, never step by step, so a series of due dates does not drift.
 */
export function addMonthsToDate(date: string, months: number): string {
  const d = parseNzDate(date)
  const index = d.year * 12 + (d.month - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  return formatCalendarDate({ year, month, day: Math.min(d.day, daysInMonth(year, month)) })
}

export function addDaysToDate(date: string, days: number): string {
  return formatCalendarDate(fromUtcDays(toUtcDays(parseNzDate(date)) + days))
}

/** Whole calendar days from `a` to `b` (negative when b is earlier). */
export function daysBetweenDates(a: string, b: string): number {
  return toUtcDays(parseNzDate(b)) - toUtcDays(parseNzDate(a))
}

/** The instant a New Zealand date begins (midnight exists every day: clocks change at 2 and 3 am). */
export function startOfNzDate(date: string): Date {
  return nzWallClockToUtc(parseNzDate(date), { hour: 0 })
}

/** The instant a New Zealand date ends: the next day's midnight, exclusive. */
export function endOfNzDate(date: string): Date {
  return startOfNzDate(addDaysToDate(date, 1))
}

/** Whether an instant is exactly the start of its New Zealand date. */
export function isNzMidnight(at: Date): boolean {
  return startOfNzDate(nzDateOf(at)).getTime() === at.getTime()
}
