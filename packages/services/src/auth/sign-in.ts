import { generateSessionToken, sessionIdFromToken, verifyAgainstDummy, verifyPassword } from '@fsn/auth'
import { AppError, ZSignInInput, validationError, type SessionUser } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { writeAudit } from '../audit/write-audit'

export interface SignInResult {
  /** Goes in the cookie; never stored. */
  token: string
  expiresAt: Date
  user: SessionUser
}

/**
 * Password sign-in. An unknown email, an inactive user and a wrong password all give the same
 * INVALID_CREDENTIALS after the same argon2 work, so the answer never says whether a user exists.
 */
export async function signIn({
  deps,
  input,
  userAgent,
  ipAddress,
  requestId,
}: {
  deps: ServiceDeps
  input: unknown
  userAgent?: string | null
  ipAddress?: string | null
  requestId?: string | null
}): Promise<SignInResult> {
  const parsed = ZSignInInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const { email, password } = parsed.data

  const user = await deps.prisma.user.findUnique({ where: { email } })
  const ok =
    user?.active && user.passwordHash
      ? await verifyPassword(user.passwordHash, password)
      : await verifyAgainstDummy(password)
  if (!user || !ok) throw new AppError('INVALID_CREDENTIALS')

  const now = deps.clock()
  const token = generateSessionToken()
  const expiresAt = new Date(now.getTime() + deps.sessionPolicy.ttlMs)
  await deps.prisma.$transaction(async (tx) => {
    await tx.session.create({
      data: {
        id: sessionIdFromToken(token),
        userId: user.id,
        expiresAt,
        createdAt: now,
        userAgent: userAgent?.slice(0, 512) ?? null,
        ipAddress: ipAddress ?? null,
      },
    })
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now } })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.id,
      actorOrganisationId: null,
      action: 'auth.sign-in',
      entityType: 'User',
      entityId: user.id,
      requestId,
    })
  })
  return { token, expiresAt, user: { id: user.id, email: user.email, name: user.name } }
}
