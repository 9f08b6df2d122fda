import type { OpenAPIHono } from '@hono/zod-openapi'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { SESSION_COOKIE, sessionCookieAttributes } from '@fsn/auth'
import { AppError } from '@fsn/domain'
import { revokeUserSessions, signIn, signOut, type ServiceDeps } from '@fsn/services'
import type { AppEnv } from '../http/env'
import { revokeSessionsRoute, signInRoute, signOutRoute } from './auth.routes'

export function mountAuth(app: OpenAPIHono<AppEnv>, deps: ServiceDeps, cookieSecure: boolean) {
  app.openapi(signInRoute, async (c) => {
    const result = await signIn({
      deps,
      input: c.req.valid('json'),
      userAgent: c.req.header('user-agent'),
      ipAddress: c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? null,
      requestId: c.get('requestId'),
    })
    setCookie(
      c,
      SESSION_COOKIE,
      result.token,
      sessionCookieAttributes(result.expiresAt, deps.clock(), { secure: cookieSecure }),
    )
    return c.json({ user: result.user, expiresAt: result.expiresAt.toISOString() }, 200)
  })

  app.openapi(signOutRoute, async (c) => {
    await signOut({ deps, token: getCookie(c, SESSION_COOKIE) ?? null })
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
