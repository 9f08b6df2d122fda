// Marks a week's report submitted: only a complete week, only once, only when its export passes
// the personal-information check (otherwise 409 naming how many notes need rewording).
import { AppError, reportStatus, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { writeAudit } from '../audit/write-audit'
import { buildWeeklyReport } from './export-weekly-report'
import { lockReportWeek, organisationRegionName, parseReportWeek, reportingMembership } from './shared'

export async function submitWeeklyReport({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { week: string }
  requestId?: string
}) {
  const m = reportingMembership(actor)
  const userId = (actor as { user: { id: string } }).user.id
  const week = parseReportWeek(input.week)
  const now = deps.clock()
  const region = await organisationRegionName(deps, m.organisationId)
  const status = reportStatus(week, now, null, { region })
  if (status.inProgress) {
    throw new AppError(
      'CONFLICT',
      `The week ${week.id} has not finished yet (it ends Sunday ${week.sunday}).`,
      'week',
    )
  }
  return deps.prisma.$transaction(async (tx) => {
    await lockReportWeek(tx, m.organisationId, week.id)
    const existing = await tx.weeklyReport.findUnique({
      where: { organisationId_week: { organisationId: m.organisationId, week: week.id } },
    })
    if (existing) throw new AppError('CONFLICT', `The report for ${week.id} was already submitted.`, 'week')
    const report = await buildWeeklyReport(tx, m.organisationId, week)
    if (!report.exportable) {
      throw new AppError(
        'CONFLICT',
        `${report.blocked.length} interaction note(s) contain personal information and must be reworded before the report for ${week.id} can be submitted.`,
        'notes',
        report.blocked.map((b) => ({
          code: 'NOTE_NOT_EXPORTABLE',
          message: `interaction ${b.interactionId}`,
        })),
      )
    }
    const late = now.getTime() >= status.dueAt.getTime()
    const row = await tx.weeklyReport.create({
      data: {
        organisationId: m.organisationId,
        week: week.id,
        weekStart: week.start,
        submittedAt: now,
        submittedById: userId,
        dueAt: status.dueAt,
        late,
        interactionCount: report.interactions.length,
        grantCount: report.grants.length,
      },
    })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: userId,
      actorOrganisationId: m.organisationId,
      action: 'weekly-report.submit',
      entityType: 'WeeklyReport',
      entityId: row.id,
      data: { week: week.id, late, interactions: row.interactionCount, grants: row.grantCount },
      requestId,
    })
    return row
  })
}
