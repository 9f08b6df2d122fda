// A connector rewords an interaction's notes (issue 5: flagged free text "is blocked from export
// until reworded, with the reason shown"). Without this a note saved with personal information in
// it would hold back its week's export and Submit for good. Only a connector of the interaction's
// organisation may reword it, and only until the week's report is submitted: the submitted report
// is what the Ministry received, so its records stay as they were sent (409 with the reason).
import { AppError, isExportable, knownNamesOf, validationError, type Actor } from '@fsn/domain'
import { z } from 'zod'
import type { ServiceDeps } from '../context'
import { writeAudit } from '../audit/write-audit'
import { lockReportWeek, reportingMembership } from './shared'

export const ZAmendInteractionNotesInput = z.strictObject({
  interactionId: z.uuid({ error: 'interactionId must be a UUID' }),
  notes: z
    .string({ error: 'notes must be text' })
    .trim()
    .max(2000, { error: 'notes must be at most 2000 characters' }),
})
export type TAmendInteractionNotesInput = z.input<typeof ZAmendInteractionNotesInput>

export async function amendInteractionNotes({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: unknown
  requestId?: string
}) {
  // Any connector at all first (403 for other roles), then the parsed input (400 naming the field).
  reportingMembership(actor)
  const userId = (actor as { user: { id: string } }).user.id
  const parsed = ZAmendInteractionNotesInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const { interactionId } = parsed.data
  const notes = parsed.data.notes === '' ? null : parsed.data.notes
  const now = deps.clock()

  return deps.prisma.$transaction(async (tx) => {
    const row = await tx.interaction.findUnique({
      where: { id: interactionId },
      include: { person: { include: { whanau: true } } },
    })
    if (!row) throw new AppError('NOT_FOUND', 'No interaction with that id.', 'interactionId')
    // A connector of the record's own organisation; another provider's connector gets 403.
    const m = reportingMembership(actor, row.organisationId)
    // Waits for a Submit of this week in flight; then sees it committed, and refuses below.
    await lockReportWeek(tx, row.organisationId, row.reportWeek)
    const submitted = await tx.weeklyReport.findUnique({
      where: { organisationId_week: { organisationId: row.organisationId, week: row.reportWeek } },
    })
    if (submitted) {
      throw new AppError(
        'CONFLICT',
        `The report for ${row.reportWeek} was already submitted, so its records can no longer be changed.`,
        'interactionId',
      )
    }
    const knownNames = knownNamesOf(row.person)
    const check = (text: string | null) =>
      text ? isExportable(text, { knownNames }) : ({ ok: true } as const)
    const before = check(row.notes)
    const after = check(notes)
    const interaction = await tx.interaction.update({ where: { id: row.id }, data: { notes } })
    // The audit keeps whether the notes passed before and after, and how many reasons, never the
    // text nor the reasons (which quote what was found, e.g. "phone number: 021 555 0199"): the
    // audit trail is kept for good and read by administrators, so personal information written
    // into it could never be reworded away like the note itself.
    await writeAudit(tx, {
      occurredAt: now,
      actorId: userId,
      actorOrganisationId: m.organisationId,
      action: 'interaction.amend-notes',
      entityType: 'Interaction',
      entityId: row.id,
      data: {
        reportWeek: row.reportWeek,
        before: { exportable: before.ok, reasonCount: before.ok ? 0 : before.reasons.length },
        after: { exportable: after.ok, reasonCount: after.ok ? 0 : after.reasons.length },
      },
      requestId,
    })
    return {
      interaction,
      notesExportable: after.ok,
      notesReasons: after.ok ? [] : after.reasons,
    }
  })
}
