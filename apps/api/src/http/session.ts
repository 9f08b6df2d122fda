// Resolves the session cookie (or a Bearer token, for scripts) to an Actor once per request.
import type { MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { SESSION_COOKIE, sessionCookieAttributes } from '@fsn/auth'
import { validateSessionToken, type ServiceDeps } from '@fsn/services'
import type { AppEnv } from './env'

export function tokenFrom(cookie: string | undefined, authorization: string | undefined): string | null {
  if (cookie) return cookie
  const m = authorization?.match(/^Bearer\s+(\S+)$/i)
  return m?.[1] ?? null
}

export function sessionMiddleware(deps: ServiceDeps, cookieSecure: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const cookie = getCookie(c, SESSION_COOKIE)
    const token = tokenFrom(cookie, c.req.header('authorization'))
    const { actor, renewedUntil } = await validateSessionToken({ deps, token })
    c.set('actor', actor)
    await next()
    // After the handler: GraphQL returns its own Response, so the renewed cookie is added to it here.
    if (renewedUntil && cookie) {
      setCookie(
        c,
        SESSION_COOKIE,
        cookie,
        sessionCookieAttributes(renewedUntil, deps.clock(), { secure: cookieSecure }),
      )
    }
  }
}
