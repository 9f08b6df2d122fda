// Where a week's report stands for the connector's organisation: due, overdue or submitted, with
// the due instant (Monday 17:00 NZ time, Tuesday when Monday is a public holiday; the domain's
// reportStatus decides) and how many records were not made on the day.
import { reportStatus, reportWeek, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { organisationRegionName, parseReportWeek, reportingMembership } from './shared'

export async function getWeeklyReportStatus({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  /** Without a week: the last complete week, the one whose report is due next. */
  input: { week?: string | null }
}) {
  const m = reportingMembership(actor)
  const now = deps.clock()
  const week = input.week
    ? parseReportWeek(input.week)
    : reportWeek(new Date(reportWeek(now).start.getTime() - 1))
  const [submitted, region, interactionCount, notSameDayCount] = await Promise.all([
    deps.prisma.weeklyReport.findUnique({
      where: { organisationId_week: { organisationId: m.organisationId, week: week.id } },
    }),
    organisationRegionName(deps, m.organisationId),
    deps.prisma.interaction.count({ where: { organisationId: m.organisationId, reportWeek: week.id } }),
    deps.prisma.interaction.count({
      where: { organisationId: m.organisationId, reportWeek: week.id, recordedSameDay: false },
    }),
  ])
  const status = reportStatus(week, now, submitted?.submittedAt ?? null, { region })
  return {
    organisationId: m.organisationId,
    week: week.id,
    monday: week.monday,
    sunday: week.sunday,
    ...status,
    submittedAt: submitted?.submittedAt ?? null,
    submittedById: submitted?.submittedById ?? null,
    interactionCount,
    notSameDayCount,
  }
}
