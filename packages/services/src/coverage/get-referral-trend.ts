// Referral volumes and SLA compliance over time (issue 5, for the dashboard's charts): per ISO
// week or month (New Zealand time) in [from, to), the referrals sent, accepted within the 12
// business hours and those due (answered, or unanswered past respondBy), for a region or the
// nation. Counts only, so one hash aggregate over the sentAt index; the national view suppresses
// counts under five like the flow table.
import { Prisma } from '@fsn/db'
import {
  CATEGORY_TAXONOMY,
  DEFAULT_COVERAGE_RULES,
  slaPercent,
  suppressCount,
  validationError,
  type Actor,
} from '@fsn/domain'
import { z } from 'zod'
import type { ServiceDeps } from '../context'
import { ZReferralFlowInput, parsePeriod } from './inputs'
import { WITHIN_SLA_SQL } from './referral-flow-rollup'
import { resolveCoverageScope } from './scope'

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
  const show = (n: number) => (scope.details ? String(n) : suppressCount(n, DEFAULT_COVERAGE_RULES))
  return {
    scope,
    period,
    bucket,
    points: rows.map((r): ReferralTrendPoint => ({
      start: r.start,
      sent: show(r.sent),
      acceptedWithinSla: show(r.within),
      due: show(r.due),
      slaPercent:
        !scope.details && r.due < DEFAULT_COVERAGE_RULES.suppressBelow ? null : slaPercent(r.within, r.due),
    })),
  }
}
