// Guidelines, Service Agreements: the Regional Lead "may escalate it if it is necessary": onward to
// a national contact, named here with the reason. The item stays in the queue until resolved.
import type { Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { requireObject, requireText } from './load'
import { stepRegionalEscalation } from './step'

export async function escalateRegionalEscalation({
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
  const onwardContact = requireText(i, 'onwardContact', 200)
  const onwardReason = requireText(i, 'reason')
  return stepRegionalEscalation({
    deps,
    actor,
    escalationId: i.escalationId,
    requestId,
    action: 'regional-escalation.escalate',
    from: ['OPEN', 'ACKNOWLEDGED'],
    change: async (row, { now, userId }) => ({
      data: {
        status: 'ESCALATED',
        escalatedAt: now,
        escalatedById: userId,
        onwardContact,
        onwardReason,
        ...(row.acknowledgedAt ? {} : { acknowledgedAt: now, acknowledgedById: userId }),
      },
      audit: { onwardContact },
    }),
  })
}
