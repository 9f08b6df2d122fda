// The signed-in connector's fund, its recent ledger and grant requests (no fund yet: null). A grant
// request carries no personal field but the person's id; its free-text note (written about the
// person) is shown only while the need-to-know rule still makes the connector the person's recorder
// (decidePersonAccess, PERSON), so a connector who has left that organisation no longer reads it.
import { AppError, decidePersonAccess, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { requireUser } from '../actor-scope'

export async function getMyFund({ deps, actor }: { deps: ServiceDeps; actor: Actor }) {
  const user = requireUser(actor)
  if (!user.memberships.some((m) => m.role === 'COMMUNITY_CONNECTOR')) {
    throw new AppError('FORBIDDEN', 'Only community connectors hold a discretionary fund.')
  }
  const fund = await deps.prisma.connectorFund.findUnique({
    where: { connectorId: user.user.id },
    include: {
      ledger: { orderBy: { at: 'desc' }, take: 50 },
      grantRequests: {
        orderBy: { decidedAt: 'desc' },
        take: 50,
        include: { person: { select: { recordedByOrganisationId: true } } },
      },
    },
  })
  if (!fund) return null
  const now = deps.clock()
  return {
    ...fund,
    grantRequests: fund.grantRequests.map(({ person, ...g }) => {
      const d = decidePersonAccess(actor, { kind: 'PERSON', recordedByOrganisationId: person.recordedByOrganisationId }, now)
      return { ...g, note: d.relationship === 'RECORDER' ? g.note : null }
    }),
  }
}
