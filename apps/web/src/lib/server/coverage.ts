// The coverage dashboard's GraphQL operations (issue 5, part 2). The API scopes every answer: a
// regional commissioner gets their own region, a national administrator the nation as aggregates;
// with region "NZ" a commissioner gets the nation as aggregates too (no referral details).
import type { FlowRow, MatrixCell, TrendPoint } from '$lib/coverage'
import { operation } from './api'

/** The `region` value that asks the API for the whole country as aggregates only. */
export const NATIONAL_REGION = 'NZ'

export interface CoverageScope {
  kind: 'REGION' | 'NATIONAL'
  regionCode: string | null
  regionName: string | null
  details: boolean
}

export interface CoverageData {
  coverageMatrix: { scope: CoverageScope; asOf: string; cells: MatrixCell[] }
  referralFlow: { areaKind: string; rows: FlowRow[]; totals: { sent: string } }
  referralTrend: { bucket: 'WEEK' | 'MONTH'; points: TrendPoint[] }
  staleListings: { total: number; staleAfterDays: number }
  regions: { code: string; name: string }[]
  serviceCategories: { code: string; name: string }[]
  organisations: { edges: { node: { id: string; name: string } }[] }
}

export interface CoverageVars extends Record<string, unknown> {
  region: string | null
  category: string | null
  agency: string | null
  from: string
  to: string
  bucket: 'WEEK' | 'MONTH'
}

export const COVERAGE = operation<CoverageData, CoverageVars>(`
  query Coverage($region: String, $category: String, $agency: String, $from: String!, $to: String!, $bucket: ReferralTrendBucket) {
    coverageMatrix(region: $region) {
      scope { kind regionCode regionName details }
      asOf
      cells {
        regionCode regionName territorialAuthorityCode territorialAuthorityName categoryCode categoryName
        activeAccreditedServices accreditedProviders providersWithCapacity activeServices gap overlap
      }
    }
    referralFlow(region: $region, category: $category, agency: $agency, from: $from, to: $to) {
      areaKind
      rows { areaCode areaName categoryCode sent acceptedWithinSla slaPercent }
      totals { sent }
    }
    referralTrend(region: $region, category: $category, agency: $agency, from: $from, to: $to, bucket: $bucket) {
      bucket
      points { start sent acceptedWithinSla due slaPercent }
    }
    staleListings(region: $region, category: $category) { total staleAfterDays }
    regions { code name }
    serviceCategories { code name }
    organisations(kind: AGENCY, first: 50) { edges { node { id name } } }
  }
`)

/** One region's flow by territorial authority, trend and stale listings (a drill-in nationally). */
export interface CoverageRegionData {
  referralFlow: { scope: CoverageScope; areaKind: string; rows: FlowRow[]; totals: { sent: string } }
  referralTrend: { bucket: 'WEEK' | 'MONTH'; points: TrendPoint[] }
  staleListings: { total: number; staleAfterDays: number }
}

export const COVERAGE_REGION = operation<CoverageRegionData, CoverageVars>(`
  query CoverageRegion($region: String, $category: String, $agency: String, $from: String!, $to: String!, $bucket: ReferralTrendBucket) {
    referralFlow(region: $region, category: $category, agency: $agency, from: $from, to: $to) {
      scope { kind regionCode regionName details }
      areaKind
      rows { areaCode areaName categoryCode sent acceptedWithinSla slaPercent }
      totals { sent }
    }
    referralTrend(region: $region, category: $category, agency: $agency, from: $from, to: $to, bucket: $bucket) {
      bucket
      points { start sent acceptedWithinSla due slaPercent }
    }
    staleListings(region: $region, category: $category) { total staleAfterDays }
  }
`)

const NZ_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland', year: 'numeric', month: '2-digit', day: '2-digit' })

/** Today's date in New Zealand (YYYY-MM-DD). */
export const nzToday = (now: Date = new Date()): string => NZ_DATE.format(now)

/** The trend alone, for its CSV. */
export const COVERAGE_TREND = operation<{ referralTrend: { points: TrendPoint[] } }, CoverageVars>(`
  query CoverageTrend($region: String, $category: String, $agency: String, $from: String!, $to: String!, $bucket: ReferralTrendBucket) {
    referralTrend(region: $region, category: $category, agency: $agency, from: $from, to: $to, bucket: $bucket) {
      points { start sent acceptedWithinSla due slaPercent }
    }
  }
`)
