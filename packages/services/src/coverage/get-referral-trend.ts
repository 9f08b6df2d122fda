// Referral volumes and SLA compliance over time (issue 5, for the dashboard's charts): per ISO
// week or month (New Zealand time) in [from, to), the referrals sent, accepted within the 12
// business hours and those due (answered, or unanswered past respondBy), for a region or the
// nation. Counts only, so one hash aggregate over the sentAt index; the national view protects its
// counts as the flow table does (domain coverage/disclosure.ts), under the same keys as the flow's
// totals, so a week asked for here and as a flow period publishes the same figures.
import { Prisma } from '@fsn/db'
import {
  ALL,
  CATEGORY_TAXONOMY,
  protectCount,
  publishedSlaPercent,
  slaPercent,
  validationError,
  type Actor,
} from '@fsn/domain'
import { z } from 'zod'
import type { ServiceDeps } from '../context'
import { ZReferralFlowInput, parsePeriod } from './inputs'
import { WITHIN_SLA_SQL } from './referral-flow-rollup'
import { resolveCoverageScope } from './scope'
import { countRoundingSecret } from './get-referral-flow'

export const ZReferralTrendInput = ZReferralFlowInput.extend({
  bucket: z.enum(['WEEK', 'MONTH'], { error: 'bucket must be WEEK or MONTH' }).nullish(),
})
export type TReferralTrendInput = z.infer<typeof ZReferralTrendInput>

export interface ReferralTrendPoint {
  /** Start of the week (Monday) or month, as a New Zealand date "2026-10-19". */
  start: string
  sent: string
  acceptedWithinSla: string
  due: string
  slaPercent: number | null
}

const NONE = '00000000-0000-0000-0000-000000000000'

export async function getReferralTrend({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: TReferralTrendInput
}) {
  const parsed = ZReferralTrendInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const period = parsePeriod(parsed.data.from, parsed.data.to)
  const scope = await resolveCoverageScope(deps.prisma, actor, parsed.data.region)
  const now = deps.clock()
  const bucket = parsed.data.bucket ?? 'WEEK'
  const { category, agency } = parsed.data
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
  const unit = bucket === 'WEEK' ? 'week' : 'month'
  const rows = await deps.prisma.$queryRaw<
    { start: string; sent: number; within: number; due: number }[]
  >(Prisma.sql`
    SELECT to_char(date_trunc(${unit}, r."sentAt" AT TIME ZONE 'Pacific/Auckland'), 'YYYY-MM-DD') AS start,
      count(*)::int AS sent,
      count(*) FILTER (WHERE ${WITHIN_SLA_SQL})::int AS within,
      count(*) FILTER (WHERE r."respondedAt" IS NOT NULL OR r."respondBy" <= ${now}::timestamptz)::int AS due
    FROM "Referral" r
    WHERE r."sentAt" >= ${period.from}::timestamptz AND r."sentAt" < ${period.to}::timestamptz
      AND (${scope.regionId}::uuid IS NULL OR r."regionId" = ${scope.regionId}::uuid)
      AND (${categoryTermId}::uuid IS NULL OR r."categoryTermId" = ${categoryTermId}::uuid)
      AND (${agencyId}::uuid IS NULL OR r."fromOrganisationId" = ${agencyId}::uuid)
    GROUP BY 1
    ORDER BY 1`)
  if (scope.details)
    return {
      scope,
      period,
      bucket,
      points: rows.map((r): ReferralTrendPoint => ({
        start: r.start,
        sent: String(r.sent),
        acceptedWithinSla: String(r.within),
        due: String(r.due),
        slaPercent: slaPercent(r.within, r.due),
      })),
    }
  // The national view: every week or month of the period, empty ones too (a point only where
  // something was sent would say "at least 1"), each count protected under the flow totals' keys.
  const starts = await deps.prisma.$queryRaw<{ start: string }[]>(Prisma.sql`
    SELECT to_char(b, 'YYYY-MM-DD') AS start
    FROM generate_series(
      date_trunc(${unit}, ${period.from}::timestamptz AT TIME ZONE 'Pacific/Auckland'),
      date_trunc(${unit}, (${period.to}::timestamptz - interval '1 millisecond') AT TIME ZONE 'Pacific/Auckland'),
      ${`1 ${unit}`}::interval) AS b
    ORDER BY 1`)
  const byStart = new Map(rows.map((r) => [r.start, r]))
  const secret = countRoundingSecret(deps)
  const cell = { area: ALL, category: category ?? ALL, agency: agencyId ?? ALL }
  const show = (measure: string, n: number) => protectCount(Number(n), { measure, ...cell }, secret)
  return {
    scope,
    period,
    bucket,
    points: starts.map(({ start }): ReferralTrendPoint => {
      const r = byStart.get(start) ?? { sent: 0, within: 0, due: 0 }
      const within = show('acceptedWithinSla', r.within)
      const due = show('due', r.due)
      return {
        start,
        sent: show('sent', r.sent),
        acceptedWithinSla: within,
        due,
        slaPercent: publishedSlaPercent(within, due),
      }
    }),
  }
}
