// Give the item to a person who works the same queue: someone holding escalation:receive in the
// item's region (need to know: nobody outside the duty is handed a referral's escalation).
import { AppError, ROLE_CAPABILITIES, ROLES, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { requireObject } from './load'
import { stepRegionalEscalation } from './step'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const RECEIVING_ROLES = ROLES.filter((r) => ROLE_CAPABILITIES[r].includes('escalation:receive'))

export async function assignRegionalEscalation({
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
  const assigneeId = i.assigneeId
  if (typeof assigneeId !== 'string' || !UUID.test(assigneeId)) {
    throw new AppError('VALIDATION_FAILED', 'assigneeId: must be a UUID', 'assigneeId')
  }
  return stepRegionalEscalation({
    deps,
    actor,
    escalationId: i.escalationId,
    requestId,
    action: 'regional-escalation.assign',
    from: ['OPEN', 'ACKNOWLEDGED', 'ESCALATED'],
    change: async (row, { tx }) => {
      const member = await tx.membership.findFirst({
        where: {
          userId: assigneeId,
          role: { in: RECEIVING_ROLES },
          regionId: row.regionId,
          revokedAt: null,
          user: { active: true },
        },
      })
      if (!member) {
        throw new AppError(
          'VALIDATION_FAILED',
          'assigneeId: not a Regional Lead for this region',
          'assigneeId',
        )
      }
      return { data: { assignedToId: assigneeId }, audit: { assigneeId } }
    },
  })
}
