// Weekly opening hours: per weekday, when the doors open and close, in New Zealand local time (the
// Schedule table stores HSDS-style byday/opensAt/closesAt with timezone Pacific/Auckland). A
// connector uses them to tell a whānau when to turn up, so an interval that ends before it starts,
// or two that overlap on one day, is an error the provider must fix, not something to guess at.
import { z } from 'zod'
import { WEEKDAYS, type Weekday } from './listing-enums'
import { oneOf, says } from './listing-fields'

/** "HH:MM", 00:00 to 23:59; closing time may also be 24:00 (open until midnight). */
const HH_MM = /^(?:[01]\d|2[0-3]):[0-5]\d$/

export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
}

const time = (field: string, { midnight = false } = {}) =>
  z
    .string(says(field, 'a time as HH:MM'))
    .trim()
    .refine((s) => HH_MM.test(s) || (midnight && s === '24:00'), {
      error: `${field} must be a time as HH:MM (24-hour), e.g. 08:30`,
    })

export const ZOpeningHoursInterval = z
  .object({
    day: oneOf('day', WEEKDAYS),
    opensAt: time('opensAt'),
    closesAt: time('closesAt', { midnight: true }),
  })
  .superRefine((v, ctx) => {
    if (minutesOf(v.closesAt) <= minutesOf(v.opensAt)) {
      ctx.addIssue({
        code: 'custom',
        path: ['closesAt'],
        message: `closesAt must be after opensAt (${v.opensAt})`,
      })
    }
  })
export type TOpeningHoursInterval = z.infer<typeof ZOpeningHoursInterval>

/** The index of the first interval that overlaps an earlier one on the same day, or -1. */
export function firstOverlap(intervals: readonly TOpeningHoursInterval[]): number {
  for (let i = 0; i < intervals.length; i++) {
    const a = intervals[i]!
    for (let j = 0; j < i; j++) {
      const b = intervals[j]!
      if (
        a.day === b.day &&
        minutesOf(a.opensAt) < minutesOf(b.closesAt) &&
        minutesOf(b.opensAt) < minutesOf(a.closesAt)
      ) {
        return i
      }
    }
  }
  return -1
}

export const openingHours = (field: string) =>
  z
    .array(ZOpeningHoursInterval, says(field, 'a list'))
    .max(50, { error: `${field} can list at most 50 intervals` })
    .superRefine((xs, ctx) => {
      const i = firstOverlap(xs)
      if (i >= 0) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'opensAt'],
          message: `opensAt overlaps another interval on ${xs[i]!.day}: one day's hours must not overlap`,
        })
      }
    })

const dayOrder = (d: string) => WEEKDAYS.indexOf(d as Weekday)

/** Intervals in week order (Monday first, then by opening time), as a listing shows them. */
export function sortOpeningHours<T extends TOpeningHoursInterval>(intervals: readonly T[]): T[] {
  return [...intervals].sort(
    (a, b) => dayOrder(a.day) - dayOrder(b.day) || minutesOf(a.opensAt) - minutesOf(b.opensAt),
  )
}

/**
 * Groups intervals with the same times into one schedule row with several days, as HSDS stores
 * them ("MO,TU,WE,TH,FR" 08:30-17:00).
 */
export function groupOpeningHours(
  intervals: readonly TOpeningHoursInterval[],
): { byday: string; opensAt: string; closesAt: string }[] {
  const groups = new Map<string, Weekday[]>()
  for (const x of sortOpeningHours(intervals)) {
    const key = `${x.opensAt}-${x.closesAt}`
    groups.set(key, [...(groups.get(key) ?? []), x.day])
  }
  return [...groups.entries()].map(([key, days]) => {
    const [opensAt, closesAt] = key.split('-') as [string, string]
    return { byday: days.join(','), opensAt, closesAt }
  })
}

/** The inverse of groupOpeningHours: schedule rows back to one interval per day. Skips rows
 *  without times or weekdays (monthly or free-text schedules imported from elsewhere). */
export function expandOpeningHours(
  rows: readonly { byday: string | null; opensAt: string | null; closesAt: string | null }[],
): TOpeningHoursInterval[] {
  const out: TOpeningHoursInterval[] = []
  for (const r of rows) {
    if (!r.byday || !r.opensAt || !r.closesAt) continue
    for (const d of r.byday.split(',')) {
      const day = d.trim().toUpperCase()
      if (dayOrder(day) >= 0) out.push({ day: day as Weekday, opensAt: r.opensAt, closesAt: r.closesAt })
    }
  }
  return sortOpeningHours(out)
}
