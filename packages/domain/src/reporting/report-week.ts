// The weekly report's calendar. Guidelines, "Reporting measures": interaction data "should be
// recorded on the same day of the interaction", and "your data for the previous week (Monday to
// Sunday) is imported by Monday. If Monday is a public holiday, or if you can't complete the import
// on Monday, then you can complete the import on Tuesday." "Reporting Frequency": "MSD reports on
// the previous week's activities using the information that has been reported as 5pm Monday."
// All of it in New Zealand time (Pacific/Auckland), whatever the server's zone.
import { createHolidayCalendar, type HolidayCalendar } from '../sla/business-hours'
import { nzDateOf, nzLocalParts, nzWallClockToUtc } from '../sla/nz-time'

/** Guidelines, Reporting Frequency: MSD reads the data "as 5pm Monday". */
export const REPORT_DUE_HOUR = 17

const DEFAULT_CALENDAR = createHolidayCalendar()

/** A Monday-to-Sunday reporting week in New Zealand time. */
export interface ReportWeek {
  /** ISO 8601 week, "2026-W10": NZ weeks run Monday to Sunday, as ISO weeks do. */
  id: string
  /** The Monday, YYYY-MM-DD. */
  monday: string
  /** The Sunday, YYYY-MM-DD. */
  sunday: string
  /** Monday 00:00 NZ time, inclusive. */
  start: Date
  /** The next Monday 00:00 NZ time, exclusive. 167, 168 or 169 hours after `start`. */
  end: Date
}

interface LocalDate {
  year: number
  month: number
  day: number
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')
const iso = (d: LocalDate) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`

function addDays(d: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days))
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() }
}

function isoWeekId(monday: LocalDate): string {
  // The ISO week belongs to the year of its Thursday, and week 1 holds that year's first Thursday.
  const thursday = addDays(monday, 3)
  const dayOfYear =
    (Date.UTC(thursday.year, thursday.month - 1, thursday.day) - Date.UTC(thursday.year, 0, 1)) / 86_400_000
  return `${thursday.year}-W${pad(Math.floor(dayOfYear / 7) + 1)}`
}

function weekOfMonday(monday: LocalDate): ReportWeek {
  const nextMonday = addDays(monday, 7)
  return {
    id: isoWeekId(monday),
    monday: iso(monday),
    sunday: iso(addDays(monday, 6)),
    // Midnight always exists in New Zealand: clocks change at 2am and 3am.
    start: nzWallClockToUtc(monday, { hour: 0 }),
    end: nzWallClockToUtc(nextMonday, { hour: 0 }),
  }
}

/** The Monday-to-Sunday week, in New Zealand time, that the instant `at` falls in. */
export function reportWeek(at: Date): ReportWeek {
  const p = nzLocalParts(at)
  const sinceMonday = (p.weekday + 6) % 7
  return weekOfMonday(addDays({ year: p.year, month: p.month, day: p.day }, -sinceMonday))
}

/** The week starting on a Monday given as YYYY-MM-DD; RangeError for any other day. */
export function reportWeekFromMonday(monday: string): ReportWeek {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(monday)
  const d = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null
  if (!d || iso(addDays(d, 0)) !== monday)
    throw new RangeError(`expected a date as YYYY-MM-DD, got "${monday}"`)
  if (new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() !== 1) {
    throw new RangeError(`${monday} is not a Monday: reporting weeks run Monday to Sunday`)
  }
  return weekOfMonday(d)
}

/**
 * When the report for `week` is due: 17:00 New Zealand time on the Monday after it, or on the
 * Tuesday when that Monday is a public holiday. `region` is the reporting provider's region, so its
 * anniversary day counts as the public holiday it is there; null counts national holidays only.
 *
 * When the Tuesday is a holiday too (Christmas and Boxing Day observed on Monday 27 and Tuesday
 * 28 December 2027; New Year on 3 and 4 January 2028; Easter Monday and Southland's Easter Tuesday)
 * the guideline does not say; we take its intent, the next working day after the holiday, rather
 * than a deadline on a public holiday.
 */
export function reportDue(
  week: ReportWeek,
  holidays: HolidayCalendar = DEFAULT_CALENDAR,
  region: string | null = null,
): Date {
  const [y, m, d] = week.sunday.split('-').map(Number) as [number, number, number]
  let day = addDays({ year: y, month: m, day: d }, 1)
  const weekend = (d: LocalDate) =>
    [0, 6].includes(new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay())
  while (weekend(day) || holidays.isHoliday(iso(day), region)) day = addDays(day, 1)
  return nzWallClockToUtc(day, { hour: REPORT_DUE_HOUR })
}

export type ReportStatus = 'due' | 'overdue' | 'submitted'

export interface ReportStatusResult {
  status: ReportStatus
  dueAt: Date
  /** The week has not finished yet: the report is due, but there is nothing complete to send. */
  inProgress: boolean
  /** Submitted after the deadline. */
  late: boolean
}

export interface ReportStatusOptions {
  calendar?: HolidayCalendar
  /** The provider's region, for its anniversary day (see reportDue). */
  region?: string | null
}

/**
 * Where a week's report stands at `now`: submitted (once `submittedAt` is set, on time or late),
 * overdue (from the due instant on, 17:00 sharp), or due.
 */
export function reportStatus(
  week: ReportWeek,
  now: Date,
  submittedAt?: Date | null,
  options: ReportStatusOptions = {},
): ReportStatusResult {
  if (!Number.isFinite(now.getTime())) throw new RangeError('now must be a valid Date')
  const dueAt = reportDue(week, options.calendar ?? DEFAULT_CALENDAR, options.region ?? null)
  const inProgress = now.getTime() < week.end.getTime()
  if (submittedAt) {
    if (!Number.isFinite(submittedAt.getTime())) throw new RangeError('submittedAt must be a valid Date')
    return { status: 'submitted', dueAt, inProgress, late: submittedAt.getTime() >= dueAt.getTime() }
  }
  const overdue = now.getTime() >= dueAt.getTime()
  return { status: overdue ? 'overdue' : 'due', dueAt, inProgress, late: false }
}

/**
 * Guidelines, Reporting measures: "Information should be recorded on the same day of the
 * interaction" (end of the day is fine when referrals are many). Same New Zealand calendar date.
 */
export function isRecordedSameDay(interactionAt: Date, recordedAt: Date): boolean {
  return nzDateOf(interactionAt) === nzDateOf(recordedAt)
}
