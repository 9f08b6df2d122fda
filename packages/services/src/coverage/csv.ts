// The coverage tables as CSV (RFC 4180, CRLF, formula-safe: the domain's toCsv), with their
// column dictionaries, for the REST downloads and the dashboard's "download this table".
import { toCsv, type ExportColumn } from '@fsn/domain'
import type { CoverageCell } from './get-coverage-matrix'
import type { StaleListing } from './find-stale-listings'
import type { ReferralDetail, ReferralFlowRow } from './get-referral-flow'

type Columns<R> = readonly ExportColumn<Extract<keyof R, string>>[]

export const COVERAGE_CELL_COLUMNS: Columns<CoverageCell> = [
  { name: 'regionCode', type: 'code', description: 'Stats NZ region code' },
  { name: 'regionName', type: 'text', description: 'Region' },
  { name: 'territorialAuthorityCode', type: 'code', description: 'Stats NZ territorial authority code' },
  { name: 'territorialAuthorityName', type: 'text', description: 'Territorial authority' },
  {
    name: 'population',
    type: 'integer',
    description: 'Usually resident population where known (empty otherwise)',
  },
  { name: 'categoryCode', type: 'code', description: 'Service category code' },
  { name: 'categoryName', type: 'text', description: 'Service category' },
  {
    name: 'activeAccreditedServices',
    type: 'integer',
    description:
      'Active services of accredited providers delivered in the area (nationwide phone/online services not counted)',
  },
  {
    name: 'accreditedProviders',
    type: 'integer',
    description: 'Distinct accredited providers with an active service of the category in the area',
  },
  {
    name: 'providersWithCapacity',
    type: 'integer',
    description: 'Of those, providers with a service accepting new people',
  },
  {
    name: 'activeServices',
    type: 'integer',
    description: 'Active services of the category in the area, accredited or not',
  },
  {
    name: 'gap',
    type: 'code',
    description: 'Why the cell is a gap, empty when it is not',
    values: ['NO_PROVIDER', 'BELOW_PER_CAPITA'],
  },
  { name: 'overlap', type: 'boolean', description: 'Several providers of the category serve the area' },
]

export const STALE_LISTING_COLUMNS: Columns<StaleListing> = [
  { name: 'serviceId', type: 'code', description: 'Service id' },
  { name: 'serviceName', type: 'text', description: 'Service' },
  { name: 'organisationId', type: 'code', description: 'Provider id' },
  { name: 'organisationName', type: 'text', description: 'Provider' },
  { name: 'regionCode', type: 'code', description: 'Stats NZ region code of a location' },
  {
    name: 'territorialAuthorityCode',
    type: 'code',
    description: 'Stats NZ territorial authority code of a location',
  },
  {
    name: 'lastVerifiedAt',
    type: 'text',
    description: 'When the listing was last verified (ISO 8601), empty if never',
  },
  { name: 'daysSinceVerified', type: 'integer', description: 'Days since then' },
]

export const REFERRAL_FLOW_COLUMNS: Columns<ReferralFlowRow> = [
  {
    name: 'areaCode',
    type: 'code',
    description:
      'Territorial authority code (region view) or region code (national view) where the person lived; empty when unknown',
  },
  { name: 'areaName', type: 'text', description: 'Area name' },
  { name: 'categoryCode', type: 'code', description: 'Service category code' },
  { name: 'categoryName', type: 'text', description: 'Service category' },
  {
    name: 'sent',
    type: 'text',
    description:
      'Referrals sent in the period. National view (every count): "<6" for 0 to 5, otherwise randomly rounded to a multiple of 3 (Stats NZ RR3)',
  },
  {
    name: 'received',
    type: 'text',
    description: 'Received and answered by the provider (accepted or declined)',
  },
  { name: 'accepted', type: 'text', description: 'Accepted' },
  { name: 'declined', type: 'text', description: 'Declined' },
  {
    name: 'acceptedWithinSla',
    type: 'text',
    description: 'Accepted within 12 business hours (by respondBy)',
  },
  {
    name: 'slaPercent',
    type: 'text',
    description:
      'Accepted within 12 business hours as % of those answered or past due; national view: from the rounded counts, empty when either is "<6"',
  },
  {
    name: 'medianMinutesToAccept',
    type: 'integer',
    description:
      'Median elapsed minutes from sending to acceptance; national view: empty for 0 to 5 acceptances',
  },
  { name: 'overdueNow', type: 'text', description: 'Still unanswered past the respond-by time' },
  { name: 'escalated', type: 'text', description: 'Escalated to the Regional Lead' },
  { name: 'needsMet', type: 'text', description: 'Closed with needs met' },
  { name: 'partlyMet', type: 'text', description: 'Closed with needs partly met' },
  { name: 'notMet', type: 'text', description: 'Closed with needs not met' },
]

export const REFERRAL_DETAIL_COLUMNS: Columns<ReferralDetail> = [
  { name: 'reference', type: 'code', description: 'Referral reference' },
  { name: 'status', type: 'code', description: 'Status' },
  { name: 'categoryCode', type: 'code', description: 'Service category code' },
  {
    name: 'territorialAuthorityCode',
    type: 'code',
    description: 'Territorial authority where the person lived',
  },
  { name: 'fromOrganisationName', type: 'text', description: 'Sending organisation' },
  { name: 'toOrganisationName', type: 'text', description: 'Receiving provider' },
  { name: 'sentAt', type: 'text', description: 'Sent (ISO 8601)' },
  { name: 'respondBy', type: 'text', description: 'Respond by (ISO 8601)' },
  { name: 'respondedAt', type: 'text', description: 'Answered (ISO 8601)' },
  { name: 'escalatedAt', type: 'text', description: 'Escalated (ISO 8601)' },
  { name: 'outcome', type: 'code', description: 'Outcome' },
]

const iso = <R extends object>(row: R): R =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])) as R

export function coverageCsv<R extends object>(columns: Columns<R>, rows: readonly R[]): string {
  return toCsv(columns, rows.map(iso))
}
