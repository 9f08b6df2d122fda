// A note on the item (what was tried, who was called). Kept with the item; the lead's words only.
import type { Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { requireObject, requireText } from './load'
import { stepRegionalEscalation } from './step'

export async function noteRegionalEscalation({
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
  const body = requireText(i, 'body')
  return stepRegionalEscalation({
    deps,
    actor,
    escalationId: i.escalationId,
    requestId,
    action: 'regional-escalation.note',
    from: ['OPEN', 'ACKNOWLEDGED', 'ESCALATED'],
    change: async (row, { tx, now, userId }) => {
      await tx.regionalEscalationNote.create({
        data: { escalationId: row.id, body, authorId: userId, at: now },
      })
      return {}
    },
  })
}
