// Coverage for MSD regional commissioners (issue 5): where the gaps and overlaps are, whether
// referrals are answered within the 12 business hours, and who may see what. Pure: no I/O, no
// clock; the SQL in packages/services computes the counts, these rules judge them.
import { SMALL_COUNT_MAX } from './disclosure'

/** Configurable thresholds. Population is not in prisma/reference (regions.csv and
 * territorial_authorities.csv carry none), so the per-capita rule applies only where a
 * population is known (Region.population / TerritorialAuthority.population, both nullable). */
export interface CoverageRules {
  /** Fewer accredited, active providers than this per 10,000 people is a gap (where population is known). */
  minProvidersPer10k: number
  /** This many providers or more of one category in one area is an overlap. */
  overlapProviders: number
  /**
   * Counts below this are shown as "<N" in the national (aggregate) view, and every other count
   * there is randomly rounded to base 3 (disclosure.ts: protectCount, the only function to use).
   */
  suppressBelow: number
  /** A listing not verified for more than this many days is stale (as search/settings.json says). */
  staleAfterDays: number
}

export const DEFAULT_COVERAGE_RULES: CoverageRules = {
  minProvidersPer10k: 0.5,
  // Announcement: Community Connectors "are not intended to overlap or overwhelm sufficiently
  // resourced areas": several providers of one category in one area flag a resourced area.
  overlapProviders: 3,
  suppressBelow: SMALL_COUNT_MAX + 1,
  staleAfterDays: 180,
}

export type GapReason = 'NO_PROVIDER' | 'BELOW_PER_CAPITA'

export interface CellCounts {
  /** Distinct accredited providers with an active service of the category in the area. */
  accreditedProviders: number
  population: number | null
}

/** A gap: no accredited, active provider of the category in the area, or (population known) too few per 10,000 people. */
export function gapReason(cell: CellCounts, rules: CoverageRules = DEFAULT_COVERAGE_RULES): GapReason | null {
  if (cell.accreditedProviders <= 0) return 'NO_PROVIDER'
  if (cell.population !== null && cell.population > 0 && rules.minProvidersPer10k > 0) {
    const per10k = (cell.accreditedProviders * 10_000) / cell.population
    if (per10k < rules.minProvidersPer10k) return 'BELOW_PER_CAPITA'
  }
  return null
}

/** Several providers of the same category in one area. */
export function isOverlap(providers: number, rules: CoverageRules = DEFAULT_COVERAGE_RULES): boolean {
  return providers >= rules.overlapProviders
}

/** Acceptance within the SLA as a percentage of referrals answered or due, one decimal; null when none. */
export function slaPercent(acceptedWithinSla: number, due: number): number | null {
  if (due <= 0) return null
  return Math.round((acceptedWithinSla / due) * 1000) / 10
}

/** Median of the values (minutes to accept); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export type CoverageScope =
  { kind: 'REGION'; regionId: string; details: true } | { kind: 'NATIONAL'; regionId: null; details: false }

/** Asks for the nation as a whole (aggregates only), whoever asks. */
export const NATIONAL_SCOPE = 'NATIONAL'

/**
 * Who sees what (issue 5): a regional commissioner (coverage:view-region, scoped to a region)
 * sees that region's referral details, and the national view only as aggregates, with small
 * counts suppressed; a national administrator (coverage:view-national) sees the nation as
 * aggregates and may also look at one region's details. `requested` is a region id, the
 * NATIONAL_SCOPE, or null for the viewer's default (a commissioner's own region, the nation).
 */
export function coverageScope(
  viewer: { regional: readonly (string | null)[]; national: boolean },
  requested: string | null,
): CoverageScope | { kind: 'FORBIDDEN'; reason: string } {
  const regions = viewer.regional.filter((r): r is string => r !== null)
  if (!viewer.national && regions.length === 0)
    return {
      kind: 'FORBIDDEN',
      reason: 'Coverage is for regional commissioners and national administrators.',
    }
  if (requested === NATIONAL_SCOPE) return { kind: 'NATIONAL', regionId: null, details: false }
  if (viewer.national) {
    return requested
      ? { kind: 'REGION', regionId: requested, details: true }
      : { kind: 'NATIONAL', regionId: null, details: false }
  }
  if (requested === null) {
    if (regions.length === 1) return { kind: 'REGION', regionId: regions[0]!, details: true }
    return { kind: 'FORBIDDEN', reason: 'Choose one of your regions.' }
  }
  if (!regions.includes(requested))
    return {
      kind: 'FORBIDDEN',
      reason: "You see your own region's details only; other regions are in the national view (region=NZ).",
    }
  return { kind: 'REGION', regionId: requested, details: true }
}

export interface Period {
  from: Date
  to: Date
}

/** The longest period a flow query may cover. */
export const MAX_PERIOD_DAYS = 3 * 366

/** Checks a period: both ends valid, from before to, not longer than three years. Names the field. */
export function checkPeriod(
  from: Date,
  to: Date,
): { ok: true; period: Period } | { ok: false; field: 'from' | 'to'; message: string } {
  if (Number.isNaN(from.getTime())) return { ok: false, field: 'from', message: 'from is not a date' }
  if (Number.isNaN(to.getTime())) return { ok: false, field: 'to', message: 'to is not a date' }
  if (to.getTime() <= from.getTime()) return { ok: false, field: 'to', message: 'to must be after from' }
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000)
    return { ok: false, field: 'to', message: `a period covers at most ${MAX_PERIOD_DAYS} days` }
  return { ok: true, period: { from, to } }
}
