import { isWellFormedToken, sessionIdFromToken } from '@fsn/auth'
import { AppError, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { writeAudit } from '../audit/write-audit'

/** Ends the session behind this token. Signing out twice is not an error. */
export async function signOut({ deps, token }: { deps: ServiceDeps; token: string | null | undefined }) {
  if (!token || !isWellFormedToken(token)) return
  await deps.prisma.session.deleteMany({ where: { id: sessionIdFromToken(token) } })
}

/**
 * Revokes every session of a user (stolen laptop, staff leaving). A user may revoke their own;
 * a national administrator anyone's.
 */
export async function revokeUserSessions({
  deps,
  actor,
  userId,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  userId: string
  requestId?: string | null
}): Promise<number> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED')
  if (actor.user.id !== userId && !actor.capabilities.includes('users:administer')) {
    throw new AppError('FORBIDDEN')
  }
  const now = deps.clock()
  return deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { userId } })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: actor.user.id,
      actorOrganisationId: actor.memberships[0]?.organisationId ?? null,
      action: 'auth.revoke-sessions',
      entityType: 'User',
      entityId: userId,
      data: { count },
      requestId,
    })
    return count
  })
}
