// A connector records an interaction with a person or whānau. Guidelines, Reporting measures:
// "Information should be recorded on the same day of the interaction. Where a large number of
// referrals are being received you may wish to leave for the end of the day". So a late record is
// accepted and flagged (recordedSameDay: false), never refused: the guideline asks for the day,
// it does not forbid recording later, and a refused record would be a lost one.
import {
  AppError,
  CONTACT_METHODS,
  categoryByCode,
  isExportable,
  isRecordedSameDay,
  knownNamesOf,
  reportWeek,
  validationError,
  type Actor,
} from '@fsn/domain'
import { z } from 'zod'
import type { ServiceDeps } from '../context'
import { writeAudit } from '../audit/write-audit'
import { reportingMembership } from './shared'

export const INTERACTION_OUTCOMES = [
  'INFORMATION_GIVEN',
  'SUPPORT_ARRANGED',
  'REFERRED',
  'FOLLOW_UP_NEEDED',
  'NO_FURTHER_ACTION',
] as const

const categoryCodes = (field: string) =>
  z
    .array(
      z
        .string({ error: `${field} must be a list of service category codes` })
        .refine((c) => !!categoryByCode(c), {
          error: (iss) => `${field}: "${String(iss.input)}" is not a service category code`,
        }),
      { error: `${field} must be a list of service category codes` },
    )
    .max(20, { error: `${field} must name at most 20 categories` })

export const ZRecordInteractionInput = z.strictObject({
  personId: z.uuid({ error: 'personId must be a UUID' }),
  occurredAt: z.iso
    .datetime({
      offset: true,
      error: 'occurredAt must be an ISO 8601 date and time, e.g. 2026-11-22T20:00:00.000Z',
    })
    .transform((s) => new Date(s)),
  method: z.enum(CONTACT_METHODS, { error: `method must be one of ${CONTACT_METHODS.join(', ')}` }),
  needCategories: categoryCodes('needCategories').min(1, {
    error: 'needCategories must name at least one need',
  }),
  referredCategories: categoryCodes('referredCategories').default([]),
  outcome: z
    .enum(INTERACTION_OUTCOMES, { error: `outcome must be one of ${INTERACTION_OUTCOMES.join(', ')}` })
    .optional(),
  notes: z
    .string({ error: 'notes must be text' })
    .trim()
    .max(2000, { error: 'notes must be at most 2000 characters' })
    .optional(),
})
export type TRecordInteractionInput = z.input<typeof ZRecordInteractionInput>

export async function recordInteraction({
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
  const m = reportingMembership(actor)
  const userId = (actor as { user: { id: string } }).user.id
  const parsed = ZRecordInteractionInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const p = parsed.data
  const now = deps.clock()
  if (p.occurredAt.getTime() > now.getTime()) {
    throw new AppError('VALIDATION_FAILED', 'occurredAt must not be in the future', 'occurredAt')
  }
  // Only people this organisation recorded: another provider's records are not ours to report on.
  const person = await deps.prisma.person.findFirst({
    where: { id: p.personId, recordedByOrganisationId: m.organisationId },
    include: {
      whanau: true,
      region: { select: { code: true } },
      territorialAuthority: { select: { code: true } },
    },
  })
  if (!person) {
    throw new AppError('VALIDATION_FAILED', 'personId: no person recorded by your organisation', 'personId')
  }
  const notes = p.notes ? p.notes : null
  const recordedSameDay = isRecordedSameDay(p.occurredAt, now)
  const interaction = await deps.prisma.$transaction(async (tx) => {
    const row = await tx.interaction.create({
      data: {
        connectorId: userId,
        organisationId: m.organisationId,
        personId: person.id,
        occurredAt: p.occurredAt,
        recordedAt: now,
        recordedSameDay,
        reportWeek: reportWeek(p.occurredAt).id,
        method: p.method,
        needCategories: [...new Set(p.needCategories)],
        referredCategories: [...new Set(p.referredCategories)],
        outcome: p.outcome ?? null,
        notes,
        regionCode: person.region.code,
        territorialAuthorityCode: person.territorialAuthority?.code ?? null,
      },
    })
    // No notes in the audit: they may hold what the detector is there to keep out.
    await writeAudit(tx, {
      occurredAt: now,
      actorId: userId,
      actorOrganisationId: m.organisationId,
      action: 'interaction.record',
      entityType: 'Interaction',
      entityId: row.id,
      data: { personId: person.id, reportWeek: row.reportWeek, recordedSameDay },
      requestId,
    })
    return row
  })
  // Told now rather than on Monday: a note the export would block can be reworded while it is fresh.
  const check = notes ? isExportable(notes, { knownNames: knownNamesOf(person) }) : { ok: true as const }
  return {
    interaction,
    recordedSameDay,
    notesExportable: check.ok,
    notesReasons: check.ok ? [] : check.reasons,
  }
}
