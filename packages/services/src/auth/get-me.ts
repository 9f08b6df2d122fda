import type { Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'

/** The signed-in user with their organisations and regions, or null for anonymous. */
export async function getMe({ deps, actor }: { deps: ServiceDeps; actor: Actor }) {
  if (actor.kind !== 'user') return null
  const memberships = await deps.prisma.membership.findMany({
    where: { userId: actor.user.id, revokedAt: null },
    include: { organisation: true, region: true },
    orderBy: { createdAt: 'asc' },
  })
  return { ...actor.user, roles: actor.roles, capabilities: actor.capabilities, memberships }
}
