// The signed-in connector's fund, its recent ledger and grant requests (no fund yet: null).
import { AppError, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { requireUser } from '../actor-scope'

export async function getMyFund({ deps, actor }: { deps: ServiceDeps; actor: Actor }) {
  const user = requireUser(actor)
  if (!user.memberships.some((m) => m.role === 'COMMUNITY_CONNECTOR')) {
    throw new AppError('FORBIDDEN', 'Only community connectors hold a discretionary fund.')
  }
  return deps.prisma.connectorFund.findUnique({
    where: { connectorId: user.user.id },
    include: {
      ledger: { orderBy: { at: 'desc' }, take: 50 },
      grantRequests: { orderBy: { decidedAt: 'desc' }, take: 50 },
    },
  })
}
