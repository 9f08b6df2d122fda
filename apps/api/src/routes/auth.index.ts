import type { OpenAPIHono } from '@hono/zod-openapi'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { SESSION_COOKIE, sessionCookieAttributes } from '@fsn/auth'
import { AppError, isAppError } from '@fsn/domain'
import { revokeUserSessions, signIn, signOut, type ServiceDeps } from '@fsn/services'
import type { AppEnv } from '../http/env'
import { clientAddress } from '../http/client-address'
import { errorResponse } from '../http/errors'
import { tokenFrom } from '../http/session'
import { accountKey, type SignInLimiter } from '../http/sign-in-limit'
import { revokeSessionsRoute, signInRoute, signOutRoute } from './auth.routes'

export function mountAuth(
  app: OpenAPIHono<AppEnv>,
  deps: ServiceDeps,
  {
    cookieSecure,
    limiter,
    trustedProxies,
  }: { cookieSecure: boolean; limiter: SignInLimiter; trustedProxies: readonly string[] },
) {
  app.openapi(signInRoute, async (c) => {
    const input = c.req.valid('json')
    const address = clientAddress(c, trustedProxies)
    const account = accountKey(input)
    // Checked before the password: a locked account answers the same 429 whether it exists or
    // not, and an attacker learns nothing from the password either.
    if (account) {
      const wait = await limiter.retryAfterSeconds(account, address)
      if (wait > 0) {
        c.header('Retry-After', String(wait))
        return errorResponse(c, 'RATE_LIMITED', 'Too many sign-in attempts. Try again later.') as never
      }
    }
    let result
    try {
      result = await signIn({
        deps,
        input,
        userAgent: c.req.header('user-agent'),
        ipAddress: address,
        requestId: c.get('requestId'),
      })
    } catch (err) {
      if (account && isAppError(err) && err.code === 'INVALID_CREDENTIALS') await limiter.recordFailure(account, address)
      throw err
    }
    if (account) await limiter.recordSuccess(account)
    setCookie(
      c,
      SESSION_COOKIE,
      result.token,
      sessionCookieAttributes(result.expiresAt, deps.clock(), { secure: cookieSecure }),
    )
    return c.json({ user: result.user, expiresAt: result.expiresAt.toISOString() }, 200)
  })

  app.openapi(signOutRoute, async (c) => {
    // The session this request signed in with, by cookie or by Bearer token (scripts): both end,
    // so a token handed to sign-out stops working (issue 12).
    const cookie = getCookie(c, SESSION_COOKIE)
    const bearer = tokenFrom(undefined, c.req.header('authorization'))
    for (const token of new Set([cookie, bearer])) await signOut({ deps, token })
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: cookieSecure, httpOnly: true, sameSite: 'Lax' })
    return c.body(null, 204)
  })

  app.openapi(revokeSessionsRoute, async (c) => {
    const actor = c.get('actor')
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED')
    const body = c.req.valid('json') ?? {}
    const revoked = await revokeUserSessions({
      deps,
      actor,
      userId: body.userId ?? actor.user.id,
      requestId: c.get('requestId'),
    })
    return c.json({ revoked }, 200)
  })
}
