// The connector's organisation's interaction records, newest first, by week or person.
import { AppError, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { parseReportWeek, reportingMembership } from './shared'

export interface TFindInteractionsInput {
  week?: string | null
  personId?: string | null
  first?: number | null
}

export async function findInteractions({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: TFindInteractionsInput
}) {
  const m = reportingMembership(actor)
  const week = input.week ? parseReportWeek(input.week) : null
  if (input.personId && !/^[0-9a-f-]{36}$/i.test(input.personId)) {
    throw new AppError('VALIDATION_FAILED', 'personId must be a UUID', 'personId')
  }
  return deps.prisma.interaction.findMany({
    where: {
      organisationId: m.organisationId,
      ...(week ? { reportWeek: week.id } : {}),
      ...(input.personId ? { personId: input.personId } : {}),
    },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(input.first ?? 50, 1), 200),
  })
}
