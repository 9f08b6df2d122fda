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
// by region and shows aggregates only, protected as Stats NZ does (domain coverage/disclosure.ts):
// every count, totals included, randomly rounded to base 3, counts 0 to 5 shown as "<6", and a
// row for every region and category, so that no suppressed count can be worked out by subtraction.
import { Prisma } from '@fsn/db'
import {
  ALL,
  CATEGORY_TAXONOMY,
  isSmallCount,
  protectCount,
  publishedSlaPercent,
  slaPercent,
  validationError,
  type Actor,
  type Period,
} from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { ZReferralFlowInput, parsePeriod, type TReferralFlowInput } from './inputs'
import {
  ACCEPTED_SQL,
  WITHIN_SLA_SQL,
  nationalFlowFromRollup,
  type NationalFlowRow,
} from './referral-flow-rollup'
import { resolveCoverageScope, type ResolvedScope } from './scope'

/** What keys the rounding when the composition root gives no secret (development and tests). */
export const DEVELOPMENT_COUNT_ROUNDING_SECRET = 'development only: not a secret'

/** The secret for `protectCount`: the deployment's, or the development one. */
export function countRoundingSecret(deps: Pick<ServiceDeps, 'countRoundingSecret'>): string {
  return deps.countRoundingSecret ?? DEVELOPMENT_COUNT_ROUNDING_SECRET
}

/** Counts are strings: exact in a region's view; in the national view "<6" for 0 to 5, otherwise rounded to a multiple of 3. */
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

const EMPTY_FLOW_ROW: FlowRow = {
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
  const secret = countRoundingSecret(deps)
  const toRow = (r: FlowRow, isTotal: boolean): ReferralFlowRow => {
    const a = r.area ? areaById.get(r.area) : undefined
    const c = r.cat ? catById.get(r.cat) : undefined
    const names = {
      areaCode: a?.code ?? null,
      areaName: a?.name ?? null,
      categoryCode: c?.code ?? null,
      categoryName: c?.name ?? null,
    }
    if (scope.details)
      return {
        ...names,
        sent: String(r.sent),
        received: String(r.received),
        accepted: String(r.accepted),
        declined: String(r.declined),
        acceptedWithinSla: String(r.within),
        slaPercent: slaPercent(r.within, r.due),
        medianMinutesToAccept: r.medianMinutes === null ? null : Math.round(Number(r.medianMinutes)),
        overdueNow: String(r.overdue),
        escalated: String(r.escalated),
        needsMet: String(r.needsMet),
        partlyMet: String(r.partlyMet),
        notMet: String(r.notMet),
      }
    // The national view is aggregates only (docs/coverage.md, "Small counts"). Each count is
    // rounded from its own true value under a key naming what it counts, never the period: a
    // total is not the sum of rounded cells, and a repeated or overlapping query draws nothing new.
    const cell = {
      area: isTotal ? ALL : names.areaCode,
      category: isTotal ? (category ?? ALL) : names.categoryCode,
      agency: agencyId ?? ALL,
    }
    const show = (measure: string, n: number) => protectCount(Number(n), { measure, ...cell }, secret)
    const within = show('acceptedWithinSla', r.within)
    return {
      ...names,
      sent: show('sent', r.sent),
      received: show('received', r.received),
      accepted: show('accepted', r.accepted),
      declined: show('declined', r.declined),
      acceptedWithinSla: within,
      // From the published counts only: an exact percentage would give within and due away.
      slaPercent: publishedSlaPercent(within, show('due', r.due)),
      // Never from a suppressed count of acceptances (0 to 5).
      medianMinutesToAccept:
        r.medianMinutes === null || isSmallCount(r.accepted) ? null : Math.round(Number(r.medianMinutes)),
      overdueNow: show('overdueNow', r.overdue),
      escalated: show('escalated', r.escalated),
      needsMet: show('needsMet', r.needsMet),
      partlyMet: show('partlyMet', r.partlyMet),
      notMet: show('notMet', r.notMet),
    }
  }
  const total = raw.find((r) => Number(r.grouped) !== 0)
  const cells = raw.filter((r) => Number(r.grouped) === 0)
  // The national view lists every region (and the unknown area) with every category in the
  // filter, empty ones too: a row only where something was sent would say "at least 1".
  const grid: FlowRow[] = scope.details
    ? cells
    : (() => {
        const byKey = new Map(cells.map((r) => [`${r.area}|${r.cat}`, r]))
        const cats: (string | null)[] = categoryTermId
          ? categories.some((c) => c.id === categoryTermId)
            ? [categoryTermId]
            : []
          : [...categories.map((c) => c.id), null]
        return [...areas.map((a) => a.id), null].flatMap((area) =>
          cats.map((cat) => byKey.get(`${area}|${cat}`) ?? { ...EMPTY_FLOW_ROW, area, cat, grouped: 0 }),
        )
      })()
  const rows = grid
    .map((r) => toRow(r, false))
    .sort(
      (x, y) =>
        (x.areaCode ?? '~').localeCompare(y.areaCode ?? '~') ||
        (x.categoryCode ?? '~').localeCompare(y.categoryCode ?? '~'),
    )
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
    totals: toRow(total ?? EMPTY_FLOW_ROW, true),
    details,
  }
}
