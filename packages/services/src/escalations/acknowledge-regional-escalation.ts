// The Regional Lead has seen it: OPEN -> ACKNOWLEDGED (no longer overdue on their home page).
import type { Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { requireObject } from './load'
import { stepRegionalEscalation } from './step'

export async function acknowledgeRegionalEscalation({
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
  return stepRegionalEscalation({
    deps,
    actor,
    escalationId: i.escalationId,
    requestId,
    action: 'regional-escalation.acknowledge',
    from: ['OPEN'],
    change: async (_row, { now, userId }) => ({
      data: { status: 'ACKNOWLEDGED', acknowledgedAt: now, acknowledgedById: userId },
    }),
  })
}
