// New Zealand public holidays. The dates come from the rules (holiday-rules.ts), for any year the
// law fixes; NZ_PUBLIC_HOLIDAYS is the rules' answer for the years of the official reference table
// (prisma/reference/public_holidays.csv, 2024-2028), which nz-public-holidays.test.ts checks row for
// row. Dates are the observed (Mondayised) days, Holidays Act 2003 ss45-45A; regional rows are the
// anniversary days, with the regions (as named in regions.csv) that observe them.
import { nzPublicHolidaysOf } from './holiday-rules'

export type HolidayType = 'national' | 'regional'

export interface PublicHoliday {
  /** Observed date in New Zealand, YYYY-MM-DD. */
  date: string
  name: string
  type: HolidayType
  /** Regions that observe a regional holiday; empty for a national one. */
  regions: readonly string[]
}

/** The holidays of `first`..`last` as plain rows (region-level, as the reference table has them). */
export function nzPublicHolidaysBetween(first: number, last: number): PublicHoliday[] {
  const out: PublicHoliday[] = []
  for (let y = first; y <= last; y++) {
    for (const { date, name, type, regions } of nzPublicHolidaysOf(y)) out.push({ date, name, type, regions })
  }
  return out
}

/** The rules' holidays for 2024-2028, the years of the official reference table. */
export const NZ_PUBLIC_HOLIDAYS: readonly PublicHoliday[] = nzPublicHolidaysBetween(2024, 2028)
