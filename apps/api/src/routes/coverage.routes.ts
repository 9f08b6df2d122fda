// REST for coverage (issue 5): the tables a regional commissioner or national administrator sees,
// as JSON or CSV. Regional commissioners see their own region (with referral details); national
// administrators see the nation as aggregates (referral counts protected: "<6" for 0 to 5, others
// randomly rounded to a multiple of 3; docs/coverage.md) or one region by its code. Everyone else: 403.
import { createRoute, z } from '@hono/zod-openapi'
import type { ExportColumn } from '@fsn/domain'
import {
  COVERAGE_CELL_COLUMNS,
  REFERRAL_DETAIL_COLUMNS,
  REFERRAL_FLOW_COLUMNS,
  STALE_LISTING_COLUMNS,
} from '@fsn/services'
import { ZErrorBody } from './auth.routes'

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ZErrorBody } },
})

function dictionary(title: string, columns: readonly ExportColumn[]): string {
  const rows = columns.map(
    (c) =>
      `| \`${c.name}\` | ${c.type} | ${c.description.replace(/\|/g, '\\|')}${c.values ? ` Values: ${c.values.join(', ')}.` : ''} |`,
  )
  return [`**${title}**`, '', '| column | type | meaning |', '|---|---|---|', ...rows].join('\n')
}

const ZScope = z
  .object({
    kind: z.enum(['REGION', 'NATIONAL']),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    details: z.boolean().describe('Whether referral details are shown (a region view only)'),
  })
  .openapi('CoverageScope')

const regionQuery = z
  .string()
  .optional()
  .describe(
    'Stats NZ region code ("09" Wellington), or NZ for the nation as aggregates only (counts 0 to 5 as "<6", others randomly rounded to a multiple of 3). Commissioners: their own region with referral details (the default), or NZ. National administrators: the nation (the default) or any region.',
  )
const categoryQuery = z.string().optional().describe('One service category code, e.g. "family-violence"')
const format = z.enum(['json', 'csv'], { error: 'format must be json or csv' }).optional()

const ZCell = z
  .object({
    regionCode: z.string(),
    regionName: z.string(),
    territorialAuthorityCode: z.string(),
    territorialAuthorityName: z.string(),
    population: z.int().nullable(),
    categoryCode: z.string(),
    categoryName: z.string(),
    activeAccreditedServices: z.int(),
    accreditedProviders: z.int(),
    providersWithCapacity: z.int(),
    activeServices: z.int(),
    gap: z.enum(['NO_PROVIDER', 'BELOW_PER_CAPITA']).nullable(),
    overlap: z.boolean(),
  })
  .openapi('CoverageCell')

const ZRules = z
  .object({
    minProvidersPer10k: z.number(),
    overlapProviders: z.int(),
    suppressBelow: z.int(),
    staleAfterDays: z.int(),
  })
  .openapi('CoverageRules')

export const ZCoverageMatrix = z
  .object({ scope: ZScope, asOf: z.string(), rules: ZRules, cells: z.array(ZCell) })
  .openapi('CoverageMatrix')

const responses = (schema: z.ZodType, what: string) => ({
  200: {
    description: what,
    content: {
      'application/json': { schema },
      'text/csv': { schema: z.string().describe('Header row of column names, then one row per record.') },
    },
  },
  400: error('A query parameter is not valid (the field is named)'),
  401: error('Not signed in'),
  403: error('Not a regional commissioner or national administrator, or another region than yours'),
})

const matrixDescription = [
  'Service category x territorial authority. A service counts in an area when it is ACTIVE, not nationwide, and delivered there (a location in the territorial authority, or a service area naming it or its region); its provider is accredited when it holds a current ACTIVE accreditation and meets every accreditation the service requires.',
  'A gap: no accredited, active provider of the category in the area, or fewer than `minProvidersPer10k` per 10,000 people where the population is known (the reference data carries no population yet, so only the first rule applies today). An overlap: `overlapProviders` or more providers of one category in one area (Community Connectors "are not intended to overlap or overwhelm sufficiently resourced areas").',
  '',
  dictionary('Columns (CSV)', COVERAGE_CELL_COLUMNS),
].join('\n')

const coverageQuery = z.object({ region: regionQuery, category: categoryQuery, format })

export const coverageMatrixRoute = createRoute({
  method: 'get',
  path: '/api/v1/coverage/matrix',
  tags: ['coverage'],
  summary: 'Coverage matrix: category x territorial authority, for a region or the nation',
  description: matrixDescription,
  request: { query: coverageQuery },
  responses: responses(ZCoverageMatrix, 'Every cell'),
})

export const coverageGapsRoute = createRoute({
  method: 'get',
  path: '/api/v1/coverage/gaps',
  tags: ['coverage'],
  summary: 'Coverage gaps: the matrix cells that are gaps',
  description: matrixDescription,
  request: { query: coverageQuery },
  responses: responses(ZCoverageMatrix, 'The gap cells'),
})

export const coverageOverlapsRoute = createRoute({
  method: 'get',
  path: '/api/v1/coverage/overlaps',
  tags: ['coverage'],
  summary: 'Coverage overlaps: the matrix cells where several providers of one category serve one area',
  description: matrixDescription,
  request: { query: coverageQuery },
  responses: responses(ZCoverageMatrix, 'The overlap cells'),
})

const ZStale = z
  .object({
    serviceId: z.string(),
    serviceName: z.string(),
    organisationId: z.string(),
    organisationName: z.string(),
    regionCode: z.string(),
    territorialAuthorityCode: z.string().nullable(),
    lastVerifiedAt: z.string().nullable(),
    daysSinceVerified: z.int().nullable(),
  })
  .openapi('StaleListing')

export const ZStaleListings = z
  .object({
    scope: ZScope,
    asOf: z.string(),
    staleAfterDays: z.int(),
    total: z.int(),
    listings: z.array(ZStale).describe('Oldest first, at most 500'),
  })
  .openapi('StaleListings')

export const staleListingsRoute = createRoute({
  method: 'get',
  path: '/api/v1/coverage/stale-listings',
  tags: ['coverage'],
  summary: 'Active services whose listing was not verified in 180 days',
  description: dictionary('Columns (CSV)', STALE_LISTING_COLUMNS),
  request: { query: coverageQuery },
  responses: responses(ZStaleListings, 'Stale listings'),
})

const count = z
  .string()
  .describe(
    'A count: exact in a region view; in the national view "<6" for 0 to 5, otherwise randomly rounded to a multiple of 3 (Stats NZ RR3)',
  )
const ZFlowRow = z
  .object({
    areaCode: z.string().nullable(),
    areaName: z.string().nullable(),
    categoryCode: z.string().nullable(),
    categoryName: z.string().nullable(),
    sent: count,
    received: count,
    accepted: count,
    declined: count,
    acceptedWithinSla: count,
    slaPercent: z.number().nullable(),
    medianMinutesToAccept: z.int().nullable(),
    overdueNow: count,
    escalated: count,
    needsMet: count,
    partlyMet: count,
    notMet: count,
  })
  .openapi('ReferralFlowRow')

const ZDetail = z
  .object({
    reference: z.string(),
    status: z.string(),
    categoryCode: z.string().nullable(),
    territorialAuthorityCode: z.string().nullable(),
    fromOrganisationName: z.string(),
    toOrganisationName: z.string(),
    sentAt: z.string().nullable(),
    respondBy: z.string().nullable(),
    respondedAt: z.string().nullable(),
    escalatedAt: z.string().nullable(),
    outcome: z.string().nullable(),
  })
  .openapi('ReferralFlowDetail')

export const ZReferralFlow = z
  .object({
    scope: ZScope,
    from: z.string(),
    to: z.string(),
    asOf: z.string(),
    areaKind: z.enum(['TERRITORIAL_AUTHORITY', 'REGION']),
    rows: z.array(ZFlowRow),
    totals: ZFlowRow,
    details: z
      .array(ZDetail)
      .describe('A region view only: its referrals (no personal information), newest first, at most 500'),
  })
  .openapi('ReferralFlow')

export const referralFlowRoute = createRoute({
  method: 'get',
  path: '/api/v1/coverage/referral-flow',
  tags: ['coverage'],
  summary: 'Referral flow by category and area for a period',
  description: [
    'Referrals sent in [from, to) by category and area (where the person lived: territorial authority in a region view, region in the national view).',
    'Accepted within SLA: answered by accepting before `respondBy` (12 business hours, Guidelines, Service Agreements). `slaPercent` is of those answered or past due. The national view is aggregates only (Stats NZ confidentiality rules, docs/coverage.md): every count, totals included, is randomly rounded to base 3 from its own true value (the same answer every time it is asked for), counts 0 to 5 are "<6", every region and category has a row, `slaPercent` is computed from the rounded counts (null when either is "<6") and there is no median from 0 to 5 acceptances. `medianMinutesToAccept` is elapsed minutes from sending to accepting; the national view reads it from a maintained histogram, within 12.3% plus one minute of the exact median (docs/coverage.md).',
    '`format=csv` returns one table: `table=rows` (default) or `table=details` (a region view).',
    '',
    dictionary('Rows (CSV)', REFERRAL_FLOW_COLUMNS),
    '',
    dictionary('Details (CSV)', REFERRAL_DETAIL_COLUMNS),
  ].join('\n'),
  request: {
    query: z.object({
      from: z.string().describe('Start (inclusive): ISO date "2026-10-01" (midnight UTC) or instant'),
      to: z.string().describe('End (exclusive), after from; at most three years later'),
      region: regionQuery,
      category: categoryQuery,
      agency: z.string().optional().describe('Sending organisation: code ("msd", "oranga-tamariki") or id'),
      format,
      table: z.enum(['rows', 'details'], { error: 'table must be rows or details' }).optional(),
    }),
  },
  responses: responses(ZReferralFlow, 'The flow'),
})
