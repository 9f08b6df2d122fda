// Coverage for regional commissioners in GraphQL (issue 5): thin over packages/services. A
// regional commissioner sees their own region (with referral details); a national administrator
// sees the nation as aggregates (referral counts "<6" for 0 to 5, others randomly rounded to base
// 3; docs/coverage.md) or one region by code;
// everyone else gets FORBIDDEN. Each table also comes as CSV for the dashboard's downloads.
import {
  COVERAGE_CELL_COLUMNS,
  REFERRAL_DETAIL_COLUMNS,
  REFERRAL_FLOW_COLUMNS,
  STALE_LISTING_COLUMNS,
  coverageCsv,
  findStaleListings,
  getCoverageMatrix,
  getReferralFlow,
  getReferralTrend,
  type CoverageCell,
  type CoverageMatrix,
  type ReferralDetail,
  type ReferralFlow,
  type ReferralFlowRow,
  type ReferralTrendPoint,
  type ResolvedScope,
  type StaleListing,
} from '@fsn/services'
import { builder } from '../builder'

const CoverageScopeRef = builder.objectRef<ResolvedScope>('CoverageScope').implement({
  description: 'Whose coverage this is: one region (with referral details) or the nation (aggregates only).',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'REGION or NATIONAL' }),
    regionCode: t.exposeString('regionCode', { nullable: true }),
    regionName: t.exposeString('regionName', { nullable: true }),
    details: t.exposeBoolean('details', { description: 'Referral details are shown (a region view only).' }),
  }),
})

const CoverageGapReasonEnum = builder.enumType('CoverageGapReason', {
  description:
    'NO_PROVIDER: no accredited, active provider of the category in the area. BELOW_PER_CAPITA: fewer than the configured number per 10,000 people (only where the population is known).',
  values: ['NO_PROVIDER', 'BELOW_PER_CAPITA'] as const,
})

const CoverageCellRef = builder.objectRef<CoverageCell>('CoverageCell').implement({
  description: 'One service category in one territorial authority.',
  fields: (t) => ({
    regionCode: t.exposeString('regionCode'),
    regionName: t.exposeString('regionName'),
    territorialAuthorityCode: t.exposeString('territorialAuthorityCode'),
    territorialAuthorityName: t.exposeString('territorialAuthorityName'),
    population: t.exposeInt('population', { nullable: true }),
    categoryCode: t.exposeString('categoryCode'),
    categoryName: t.exposeString('categoryName'),
    activeAccreditedServices: t.exposeInt('activeAccreditedServices'),
    accreditedProviders: t.exposeInt('accreditedProviders'),
    providersWithCapacity: t.exposeInt('providersWithCapacity'),
    activeServices: t.exposeInt('activeServices'),
    gap: t.expose('gap', { type: CoverageGapReasonEnum, nullable: true }),
    overlap: t.exposeBoolean('overlap', {
      description:
        'Several providers of the category serve the area ("not intended to overlap or overwhelm sufficiently resourced areas").',
    }),
  }),
})

const CoverageMatrixRef = builder.objectRef<CoverageMatrix>('CoverageMatrix').implement({
  description:
    'Service category x territorial authority for a region or the nation, with its gaps and overlaps.',
  fields: (t) => ({
    scope: t.field({ type: CoverageScopeRef, resolve: (m) => m.scope }),
    asOf: t.expose('asOf', { type: 'DateTime' }),
    minProvidersPer10k: t.float({ resolve: (m) => m.rules.minProvidersPer10k }),
    overlapProviders: t.int({ resolve: (m) => m.rules.overlapProviders }),
    cells: t.field({ type: [CoverageCellRef], resolve: (m) => m.cells }),
    gaps: t.field({ type: [CoverageCellRef], resolve: (m) => m.cells.filter((c) => c.gap !== null) }),
    overlaps: t.field({ type: [CoverageCellRef], resolve: (m) => m.cells.filter((c) => c.overlap) }),
    csv: t.string({
      description: 'Every cell as CSV.',
      resolve: (m) => coverageCsv(COVERAGE_CELL_COLUMNS, m.cells),
    }),
  }),
})

const StaleListingRef = builder.objectRef<StaleListing>('StaleListing').implement({
  fields: (t) => ({
    serviceId: t.exposeID('serviceId'),
    serviceName: t.exposeString('serviceName'),
    organisationId: t.exposeID('organisationId'),
    organisationName: t.exposeString('organisationName'),
    regionCode: t.exposeString('regionCode'),
    territorialAuthorityCode: t.exposeString('territorialAuthorityCode', { nullable: true }),
    lastVerifiedAt: t.expose('lastVerifiedAt', { type: 'DateTime', nullable: true }),
    daysSinceVerified: t.exposeInt('daysSinceVerified', { nullable: true }),
  }),
})

type StaleListings = Awaited<ReturnType<typeof findStaleListings>>
const StaleListingsRef = builder.objectRef<StaleListings>('StaleListings').implement({
  description: 'Active services whose listing was not verified in 180 days, oldest first (at most 500).',
  fields: (t) => ({
    scope: t.field({ type: CoverageScopeRef, resolve: (s) => s.scope }),
    staleAfterDays: t.exposeInt('staleAfterDays'),
    total: t.exposeInt('total'),
    listings: t.field({ type: [StaleListingRef], resolve: (s) => s.listings }),
    csv: t.string({ resolve: (s) => coverageCsv(STALE_LISTING_COLUMNS, s.listings) }),
  }),
})

const count = (description?: string) => ({
  description: `${description ? `${description} ` : ''}A count: exact in a region view; in the national view "<6" for 0 to 5, otherwise randomly rounded to a multiple of 3 (Stats NZ RR3, the same every time it is asked for).`,
})
const ReferralFlowRowRef = builder.objectRef<ReferralFlowRow>('ReferralFlowRow').implement({
  description:
    'Referral flow for one category in one area (territorial authority, or region in the national view).',
  fields: (t) => ({
    areaCode: t.exposeString('areaCode', { nullable: true }),
    areaName: t.exposeString('areaName', { nullable: true }),
    categoryCode: t.exposeString('categoryCode', { nullable: true }),
    categoryName: t.exposeString('categoryName', { nullable: true }),
    sent: t.exposeString('sent', count('Referrals sent in the period.')),
    received: t.exposeString(
      'received',
      count('Received and answered by the provider (accepted or declined).'),
    ),
    accepted: t.exposeString('accepted', count()),
    declined: t.exposeString('declined', count()),
    acceptedWithinSla: t.exposeString(
      'acceptedWithinSla',
      count('Accepted within 12 business hours (respondBy).'),
    ),
    slaPercent: t.exposeFloat('slaPercent', {
      nullable: true,
      description:
        'Accepted within 12 business hours as % of those answered or past due. National view: from the rounded counts; null when either is "<6".',
    }),
    medianMinutesToAccept: t.exposeInt('medianMinutesToAccept', {
      nullable: true,
      description:
        'Elapsed minutes from sending to accepting. The national view reads it from a maintained histogram: within 12.3% plus one minute of the exact median (docs/coverage.md); null for 0 to 5 acceptances.',
    }),
    overdueNow: t.exposeString('overdueNow', count()),
    escalated: t.exposeString('escalated', count()),
    needsMet: t.exposeString('needsMet', count()),
    partlyMet: t.exposeString('partlyMet', count()),
    notMet: t.exposeString('notMet', count()),
  }),
})

const ReferralFlowDetailRef = builder.objectRef<ReferralDetail>('ReferralFlowDetail').implement({
  description: "One referral in a region's view, without personal information.",
  fields: (t) => ({
    reference: t.exposeString('reference'),
    status: t.exposeString('status'),
    categoryCode: t.exposeString('categoryCode', { nullable: true }),
    territorialAuthorityCode: t.exposeString('territorialAuthorityCode', { nullable: true }),
    fromOrganisationName: t.exposeString('fromOrganisationName'),
    toOrganisationName: t.exposeString('toOrganisationName'),
    sentAt: t.expose('sentAt', { type: 'DateTime', nullable: true }),
    respondBy: t.expose('respondBy', { type: 'DateTime', nullable: true }),
    respondedAt: t.expose('respondedAt', { type: 'DateTime', nullable: true }),
    escalatedAt: t.expose('escalatedAt', { type: 'DateTime', nullable: true }),
    outcome: t.exposeString('outcome', { nullable: true }),
  }),
})

const ReferralFlowRef = builder.objectRef<ReferralFlow>('ReferralFlow').implement({
  fields: (t) => ({
    scope: t.field({ type: CoverageScopeRef, resolve: (f) => f.scope }),
    from: t.field({ type: 'DateTime', resolve: (f) => f.period.from }),
    to: t.field({ type: 'DateTime', resolve: (f) => f.period.to }),
    asOf: t.expose('asOf', { type: 'DateTime' }),
    areaKind: t.exposeString('areaKind', {
      description: 'TERRITORIAL_AUTHORITY (a region view) or REGION (national).',
    }),
    rows: t.field({ type: [ReferralFlowRowRef], resolve: (f) => f.rows }),
    totals: t.field({ type: ReferralFlowRowRef, resolve: (f) => f.totals }),
    details: t.field({
      type: [ReferralFlowDetailRef],
      description: 'A region view only: its referrals, newest first (at most 500). Empty nationally.',
      resolve: (f) => f.details,
    }),
    csv: t.string({ resolve: (f) => coverageCsv(REFERRAL_FLOW_COLUMNS, f.rows) }),
    detailsCsv: t.string({ resolve: (f) => coverageCsv(REFERRAL_DETAIL_COLUMNS, f.details) }),
  }),
})

builder.queryField('coverageMatrix', (t) =>
  t.field({
    type: CoverageMatrixRef,
    description:
      'Coverage by category and territorial authority. Regional commissioners: their region (the default). National administrators: the nation, or one region by its Stats NZ code.',
    args: { region: t.arg.string(), category: t.arg.string() },
    resolve: (_r, args, ctx) =>
      getCoverageMatrix({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { region: args.region, category: args.category },
      }),
  }),
)

builder.queryField('staleListings', (t) =>
  t.field({
    type: StaleListingsRef,
    args: { region: t.arg.string(), category: t.arg.string() },
    resolve: (_r, args, ctx) =>
      findStaleListings({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { region: args.region, category: args.category },
      }),
  }),
)

builder.queryField('referralFlow', (t) =>
  t.field({
    type: ReferralFlowRef,
    description:
      'Referral flow for [from, to) by category and area; filters by category and sending agency (code or id).',
    args: {
      from: t.arg.string({ required: true, description: 'ISO date "2026-10-01" or instant' }),
      to: t.arg.string({ required: true }),
      region: t.arg.string(),
      category: t.arg.string(),
      agency: t.arg.string(),
    },
    resolve: (_r, args, ctx) =>
      getReferralFlow({
        deps: ctx.deps,
        actor: ctx.actor,
        input: {
          from: args.from,
          to: args.to,
          region: args.region,
          category: args.category,
          agency: args.agency,
        },
      }),
  }),
)

const ReferralTrendPointRef = builder.objectRef<ReferralTrendPoint>('ReferralTrendPoint').implement({
  description: 'One week or month of referrals: volume and acceptance within 12 business hours.',
  fields: (t) => ({
    start: t.exposeString('start', { description: 'First day of the week (Monday) or month, NZ date.' }),
    sent: t.exposeString('sent', count()),
    acceptedWithinSla: t.exposeString('acceptedWithinSla', count()),
    due: t.exposeString('due', count('Answered, or unanswered past respondBy.')),
    slaPercent: t.exposeFloat('slaPercent', {
      nullable: true,
      description: 'National view: from the rounded counts; null when either is "<6".',
    }),
  }),
})

const ReferralTrendBucketEnum = builder.enumType('ReferralTrendBucket', {
  values: ['WEEK', 'MONTH'] as const,
})

type ReferralTrend = Awaited<ReturnType<typeof getReferralTrend>>
const ReferralTrendRef = builder.objectRef<ReferralTrend>('ReferralTrend').implement({
  fields: (t) => ({
    scope: t.field({ type: CoverageScopeRef, resolve: (f) => f.scope }),
    bucket: t.field({ type: ReferralTrendBucketEnum, resolve: (f) => f.bucket }),
    points: t.field({ type: [ReferralTrendPointRef], resolve: (f) => f.points }),
  }),
})

builder.queryField('referralTrend', (t) =>
  t.field({
    type: ReferralTrendRef,
    description:
      'Referral volumes and SLA compliance per week or month (NZ time) in [from, to), for the charts.',
    args: {
      from: t.arg.string({ required: true }),
      to: t.arg.string({ required: true }),
      region: t.arg.string(),
      category: t.arg.string(),
      agency: t.arg.string(),
      bucket: t.arg({ type: ReferralTrendBucketEnum }),
    },
    resolve: (_r, args, ctx) =>
      getReferralTrend({
        deps: ctx.deps,
        actor: ctx.actor,
        input: {
          from: args.from,
          to: args.to,
          region: args.region,
          category: args.category,
          agency: args.agency,
          bucket: args.bucket,
        },
      }),
  }),
)
