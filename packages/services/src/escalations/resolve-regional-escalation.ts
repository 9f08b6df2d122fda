// Closed with an outcome (what happened: provider answered, person reached, referral redirected...).
import type { Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { requireObject, requireText } from './load'
import { stepRegionalEscalation } from './step'

export async function resolveRegionalEscalation({
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
  const i = requireObject(input)
  const outcome = requireText(i, 'outcome')
  return stepRegionalEscalation({
    deps,
    actor,
    escalationId: i.escalationId,
    requestId,
    action: 'regional-escalation.resolve',
    from: ['OPEN', 'ACKNOWLEDGED', 'ESCALATED'],
    change: async (row, { now, userId }) => ({
      data: {
        status: 'RESOLVED',
        resolvedAt: now,
        resolvedById: userId,
        outcome,
        ...(row.acknowledgedAt ? {} : { acknowledgedAt: now, acknowledgedById: userId }),
      },
    }),
  })
}
