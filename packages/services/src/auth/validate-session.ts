import { decideSession, isWellFormedToken, sessionIdFromToken } from '@fsn/auth'
import { ANONYMOUS, userActor, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'

export interface ValidatedSession {
  actor: Actor
  /** Set when the expiry slid forward: the transport re-issues the cookie. */
  renewedUntil: Date | null
}

/** Resolves a cookie token to an Actor (or anonymous). Called once per request. */
export async function validateSessionToken({
  deps,
  token,
}: {
  deps: ServiceDeps
  token: string | null | undefined
}): Promise<ValidatedSession> {
  if (!token || !isWellFormedToken(token)) return { actor: ANONYMOUS, renewedUntil: null }
  const id = sessionIdFromToken(token)
  const session = await deps.prisma.session.findUnique({
    where: { id },
    include: {
      user: {
        include: {
          memberships: {
            where: { revokedAt: null },
            include: { organisation: { select: { name: true, kind: true } } },
            orderBy: { createdAt: 'asc' },
          },
        },
      },
    },
  })
  if (!session || !session.user.active) return { actor: ANONYMOUS, renewedUntil: null }
  const now = deps.clock()
  const decision = decideSession(session.expiresAt, now, deps.sessionPolicy)
  if (decision.kind === 'expired') {
    await deps.prisma.session.deleteMany({ where: { id } })
    return { actor: ANONYMOUS, renewedUntil: null }
  }
  let renewedUntil: Date | null = null
  if (decision.kind === 'renew') {
    await deps.prisma.session.update({ where: { id }, data: { expiresAt: decision.expiresAt } })
    renewedUntil = decision.expiresAt
  }
  const { user } = session
  const actor = userActor(
    { id: user.id, email: user.email, name: user.name },
    id,
    user.memberships.map((m) => ({
      organisationId: m.organisationId,
      organisationName: m.organisation.name,
      organisationKind: m.organisation.kind,
      role: m.role,
      regionId: m.regionId,
    })),
  )
  return { actor, renewedUntil }
}
