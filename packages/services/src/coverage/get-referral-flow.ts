// Referral flow for a region or the nation (issue 5): by category and area, the referrals sent in
// a period, received and answered, accepted within the 12 business hours (Guidelines, Service
// Agreements: accept or decline within 12 hours; respondBy holds the deadline), median time to
// accept, overdue now, escalations and outcomes. One aggregate statement over Referral, read from
// the Referral_coverage_flow_idx / Referral_regionId_sentAt_idx indexes; no referral row comes
// into the process except a region's de-identified detail list. The national view reads the same
// counts from the maintained ReferralFlowRollup (referral-flow-rollup.ts), its median from a
// histogram (within 12.3% + 1 minute of this statement's exact one).
//
// Area is where the person lived when referred (Referral.regionId / territorialAuthorityId). The
// region view groups by territorial authority and lists the referrals; the national view groups
// by region and shows aggregates only, with counts under five suppressed ("<5").
import { Prisma } from '@fsn/db'
import {
  CATEGORY_TAXONOMY,
  DEFAULT_COVERAGE_RULES,
  slaPercent,
  suppressCount,
  validationError,
  type Actor,
  type Period,
} from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { ZReferralFlowInput, parsePeriod, type TReferralFlowInput } from './inputs'
import { ACCEPTED_SQL, WITHIN_SLA_SQL, nationalFlowFromRollup, type NationalFlowRow } from './referral-flow-rollup'
import { resolveCoverageScope, type ResolvedScope } from './scope'

/** Counts are strings: exact in a region's view, "<5" for small counts in the national view. */
export interface ReferralFlowRow {
  areaCode: string | null
  areaName: string | null
  categoryCode: string | null
  categoryName: string | null
  sent: string
  received: string
  accepted: string
  declined: string
  acceptedWithinSla: string
  slaPercent: number | null
  medianMinutesToAccept: number | null
  overdueNow: string
  escalated: string
  needsMet: string
  partlyMet: string
  notMet: string
}

export interface ReferralDetail {
  reference: string
  status: string
  categoryCode: string | null
  territorialAuthorityCode: string | null
  toOrganisationName: string
  fromOrganisationName: string
  sentAt: Date | null
  respondBy: Date | null
  respondedAt: Date | null
  escalatedAt: Date | null
  outcome: string | null
}

export interface ReferralFlow {
  scope: ResolvedScope
  period: Period
  asOf: Date
  areaKind: 'TERRITORIAL_AUTHORITY' | 'REGION'
  rows: ReferralFlowRow[]
  totals: ReferralFlowRow
  /** A region's referrals, de-identified (no person); empty in the national view. */
  details: ReferralDetail[]
}

/** One row of the flow statement (and of the rollup's national reading). */
type FlowRow = NationalFlowRow

/**
 * The flow statement. Accepted: answered and not declined or redirected. Due: answered, or the
 * respond-by time has passed. Overdue now: still SENT past respondBy. GROUPING SETS give the rows
 * and the total in one pass.
 */
export function referralFlowSql(options: {
  now: Date
  period: Period
  regionId: string | null
  categoryTermId: string | null
  agencyId: string | null
  byRegion: boolean
}): Prisma.Sql {
  const { now, period, regionId, categoryTermId, agencyId, byRegion } = options
  const area = byRegion ? Prisma.sql`r."regionId"` : Prisma.sql`r."territorialAuthorityId"`
  const accepted = ACCEPTED_SQL
  return Prisma.sql`
    SELECT ${area} AS area, r."categoryTermId" AS cat,
      count(*)::int AS sent,
      count(*) FILTER (WHERE r."respondedAt" IS NOT NULL)::int AS received,
      count(*) FILTER (WHERE ${accepted})::int AS accepted,
      count(*) FILTER (WHERE r.status = 'DECLINED')::int AS declined,
      count(*) FILTER (WHERE ${WITHIN_SLA_SQL})::int AS within,
      count(*) FILTER (WHERE r."respondedAt" IS NOT NULL OR r."respondBy" <= ${now}::timestamptz)::int AS due,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (r."respondedAt" - r."sentAt")) / 60)
        FILTER (WHERE ${accepted}))::float8 AS "medianMinutes",
      count(*) FILTER (WHERE r.status = 'SENT' AND r."respondBy" < ${now}::timestamptz)::int AS overdue,
      count(*) FILTER (WHERE r."escalatedAt" IS NOT NULL)::int AS escalated,
      count(*) FILTER (WHERE r.outcome = 'NEEDS_MET')::int AS "needsMet",
      count(*) FILTER (WHERE r.outcome = 'PARTLY_MET')::int AS "partlyMet",
      count(*) FILTER (WHERE r.outcome = 'NOT_MET')::int AS "notMet",
      GROUPING(${area}, r."categoryTermId")::int AS grouped
    FROM "Referral" r
    WHERE r."sentAt" >= ${period.from}::timestamptz AND r."sentAt" < ${period.to}::timestamptz
      AND (${regionId}::uuid IS NULL OR r."regionId" = ${regionId}::uuid)
      AND (${categoryTermId}::uuid IS NULL OR r."categoryTermId" = ${categoryTermId}::uuid)
      AND (${agencyId}::uuid IS NULL OR r."fromOrganisationId" = ${agencyId}::uuid)
    GROUP BY GROUPING SETS ((${area}, r."categoryTermId"), ())`
}

const NONE = '00000000-0000-0000-0000-000000000000'

export async function getReferralFlow({
  deps,
  actor,
  input,
  detailLimit = 500,
}: {
  deps: ServiceDeps
  actor: Actor
  input: TReferralFlowInput
  detailLimit?: number
}): Promise<ReferralFlow> {
  const parsed = ZReferralFlowInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const period = parsePeriod(parsed.data.from, parsed.data.to)
  const scope = await resolveCoverageScope(deps.prisma, actor, parsed.data.region)
  const now = deps.clock()
  const { category, agency } = parsed.data
  // Filters resolve to ids; an unknown code matches nothing (an empty table, not an error).
  const categoryTermId = category
    ? ((
        await deps.prisma.taxonomyTerm.findFirst({
          where: { code: category, taxonomy: { name: CATEGORY_TAXONOMY.name } },
          select: { id: true },
        })
      )?.id ?? NONE)
    : null
  const agencyId = agency
    ? ((
        await deps.prisma.organisation.findFirst({
          where: /^[0-9a-f-]{36}$/i.test(agency) ? { id: agency } : { code: agency },
          select: { id: true },
        })
      )?.id ?? NONE)
    : null
  const byRegion = scope.kind === 'NATIONAL'
  const live = () =>
    deps.prisma.$queryRaw<FlowRow[]>(
      referralFlowSql({ now, period, regionId: scope.regionId, categoryTermId, agencyId, byRegion }),
    )
  // The national view reads the maintained rollup (referral-flow-rollup.ts): a year in
  // milliseconds. A region's view counts live: its details list reads the referrals anyway.
  const flow = async (): Promise<FlowRow[]> =>
    (byRegion && scope.regionId === null
      ? await nationalFlowFromRollup(deps.prisma, { now, period, categoryTermId, agencyId })
      : undefined) ?? (await live())
  const [raw, areas, categories] = await Promise.all([
    flow(),
    byRegion
      ? deps.prisma.region.findMany({ select: { id: true, code: true, name: true } })
      : deps.prisma.territorialAuthority.findMany({ select: { id: true, code: true, name: true } }),
    deps.prisma.taxonomyTerm.findMany({
      where: { taxonomy: { name: CATEGORY_TAXONOMY.name } },
      select: { id: true, code: true, name: true },
    }),
  ])
  const areaById = new Map(areas.map((a) => [a.id, a]))
  const catById = new Map(categories.map((c) => [c.id, c]))
  // The national view is aggregates only: small counts suppressed, and no median or percentage
  // computed from fewer than five referrals.
  const show = (n: number) => (scope.details ? String(n) : suppressCount(n, DEFAULT_COVERAGE_RULES))
  const small = (n: number) => !scope.details && n < DEFAULT_COVERAGE_RULES.suppressBelow
  const toRow = (r: FlowRow): ReferralFlowRow => {
    const a = r.area ? areaById.get(r.area) : undefined
    const c = r.cat ? catById.get(r.cat) : undefined
    return {
      areaCode: a?.code ?? null,
      areaName: a?.name ?? null,
      categoryCode: c?.code ?? null,
      categoryName: c?.name ?? null,
      sent: show(r.sent),
      received: show(r.received),
      accepted: show(r.accepted),
      declined: show(r.declined),
      acceptedWithinSla: show(r.within),
      slaPercent: small(r.due) ? null : slaPercent(r.within, r.due),
      medianMinutesToAccept:
        r.medianMinutes === null || small(r.accepted) ? null : Math.round(Number(r.medianMinutes)),
      overdueNow: show(r.overdue),
      escalated: show(r.escalated),
      needsMet: show(r.needsMet),
      partlyMet: show(r.partlyMet),
      notMet: show(r.notMet),
    }
  }
  const total = raw.find((r) => Number(r.grouped) !== 0)
  const rows = raw
    .filter((r) => Number(r.grouped) === 0)
    .map(toRow)
    .sort(
      (x, y) =>
        (x.areaCode ?? '~').localeCompare(y.areaCode ?? '~') ||
        (x.categoryCode ?? '~').localeCompare(y.categoryCode ?? '~'),
    )
  const empty: FlowRow = {
    area: null,
    cat: null,
    sent: 0,
    received: 0,
    accepted: 0,
    declined: 0,
    within: 0,
    due: 0,
    medianMinutes: null,
    overdue: 0,
    escalated: 0,
    needsMet: 0,
    partlyMet: 0,
    notMet: 0,
    grouped: 3,
  }
  const details: ReferralDetail[] = scope.details
    ? (
        await deps.prisma.referral.findMany({
          where: {
            regionId: scope.regionId!,
            sentAt: { gte: period.from, lt: period.to },
            ...(categoryTermId ? { categoryTermId } : {}),
            ...(agencyId ? { fromOrganisationId: agencyId } : {}),
          },
          orderBy: { sentAt: 'desc' },
          take: detailLimit,
          select: {
            reference: true,
            status: true,
            categoryTermId: true,
            territorialAuthorityId: true,
            sentAt: true,
            respondBy: true,
            respondedAt: true,
            escalatedAt: true,
            outcome: true,
            toOrganisation: { select: { name: true } },
            fromOrganisation: { select: { name: true } },
          },
        })
      ).map((d) => ({
        reference: d.reference,
        status: d.status,
        categoryCode: d.categoryTermId ? (catById.get(d.categoryTermId)?.code ?? null) : null,
        territorialAuthorityCode: d.territorialAuthorityId
          ? (areaById.get(d.territorialAuthorityId)?.code ?? null)
          : null,
        toOrganisationName: d.toOrganisation.name,
        fromOrganisationName: d.fromOrganisation.name,
        sentAt: d.sentAt,
        respondBy: d.respondBy,
        respondedAt: d.respondedAt,
        escalatedAt: d.escalatedAt,
        outcome: d.outcome,
      }))
    : []
  return {
    scope,
    period,
    asOf: now,
    areaKind: byRegion ? 'REGION' : 'TERRITORIAL_AUTHORITY',
    rows,
    totals: toRow(total ?? empty),
    details,
  }
}
