// Ages as bands in the export. Issue 5 and Guidelines, "Protecting reporting information": the data
// must be "the minimum data necessary" and "sufficiently de-identified", and line-level data
// combined "could be used to re-identify individuals"; a date of birth never leaves, and an exact
// age narrows a small community too far. The bands follow the stages the sector's services are
// organised by, so counts per band still answer "who are we reaching":
//
// - 0-4    pēpi and pre-schoolers (Well Child / Tamariki Ora, early learning packs)
// - 5-12   primary and intermediate school age
// - 13-17  secondary school age, and under 18 (a child or young person under the Oranga Tamariki
//          Act 1989)
// - 18-24  young adults (youth services)
// - 25-39  working age, often parents of young children
// - 40-64  working age, up to the NZ Super age
// - 65+    NZ Superannuation age, kaumātua and senior services (Table 1, "Senior services")
import { nzLocalParts } from '../sla/nz-time'

export interface AgeBandInfo {
  label: string
  min: number
  /** Inclusive; null for the open top band. */
  max: number | null
}

export const AGE_BANDS = [
  { label: '0-4', min: 0, max: 4 },
  { label: '5-12', min: 5, max: 12 },
  { label: '13-17', min: 13, max: 17 },
  { label: '18-24', min: 18, max: 24 },
  { label: '25-39', min: 25, max: 39 },
  { label: '40-64', min: 40, max: 64 },
  { label: '65+', min: 65, max: null },
] as const satisfies readonly AgeBandInfo[]

export type AgeBand = (typeof AGE_BANDS)[number]['label'] | 'unknown'

/** Reads a calendar date: "1985-03-12", or a Date at UTC midnight as Prisma returns a @db.Date. */
function calendarDate(dateOfBirth: string | Date): { year: number; month: number; day: number } {
  if (typeof dateOfBirth === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth)
    if (m) {
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
      const check = new Date(Date.UTC(year, month - 1, day))
      if (
        check.getUTCFullYear() === year &&
        check.getUTCMonth() === month - 1 &&
        check.getUTCDate() === day
      ) {
        return { year, month, day }
      }
    }
    throw new RangeError(`dateOfBirth must be a calendar date as YYYY-MM-DD, got "${dateOfBirth}"`)
  }
  if (!Number.isFinite(dateOfBirth.getTime())) throw new RangeError('dateOfBirth must be a valid Date')
  return {
    year: dateOfBirth.getUTCFullYear(),
    month: dateOfBirth.getUTCMonth() + 1,
    day: dateOfBirth.getUTCDate(),
  }
}

/**
 * Age in whole years on the New Zealand date of `at`. A birthday counts from the start of that
 * day; someone born on 29 February turns a year older on 1 March in other years (the anniversary
 * does not exist, and the day after 28 February is the first on which it has passed).
 */
export function ageOn(dateOfBirth: string | Date, at: Date): number {
  const born = calendarDate(dateOfBirth)
  const today = nzLocalParts(at)
  let age = today.year - born.year
  if (today.month < born.month || (today.month === born.month && today.day < born.day)) age--
  if (age < 0) throw new RangeError('dateOfBirth is after the date the age is taken on')
  return age
}

/** The export's age band on the New Zealand date of `at`; "unknown" when no date of birth is held. */
export function ageBand(dateOfBirth: string | Date | null | undefined, at: Date): AgeBand {
  if (dateOfBirth === null || dateOfBirth === undefined) return 'unknown'
  const age = ageOn(dateOfBirth, at)
  for (const band of AGE_BANDS) {
    if (age >= band.min && (band.max === null || age <= band.max)) return band.label
  }
  return 'unknown'
}
