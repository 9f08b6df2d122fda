// Cross-site request forgery: the session is a cookie, which a browser attaches to a request
// another site starts. State-changing requests (anything but GET/HEAD/OPTIONS, so every GraphQL
// mutation too: Yoga refuses mutations over GET) are refused when a browser says they come from
// elsewhere. The same design as Go 1.25's net/http CrossOriginProtection:
// - an Origin header must be this API's own origin or a configured one (the web app's);
// - without Origin, Sec-Fetch-Site (sent by every current browser) must be same-origin or none;
// - a request with neither header is not from a browser (the web server's own calls, scripts)
//   and has no ambient cookie to abuse, so it goes ahead.
// With a session cookie, the body must also be JSON: the three content types a plain HTML form
// or a "simple" cross-site fetch can send (form-urlencoded, multipart, text/plain) are refused.
// Bearer-token requests without the cookie carry nothing a browser adds by itself: exempt.
import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { SESSION_COOKIE } from '@fsn/auth'
import type { AppEnv } from './env'
import { errorResponse } from './errors'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']

export function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null
  } catch {
    return null
  }
}

export function csrfProtection(allowedOrigins: readonly string[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set(allowedOrigins.map(originOf).filter((o): o is string => o !== null))
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next()
    const cookie = getCookie(c, SESSION_COOKIE)
    const bearer = /^Bearer\s+\S+$/i.test(c.req.header('authorization') ?? '')
    if (bearer && !cookie) return next()

    const origin = c.req.header('origin')
    const fetchSite = c.req.header('sec-fetch-site')?.toLowerCase()
    const crossSite = origin
      ? origin !== originOf(c.req.url) && !allowed.has(origin)
      : fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none'
    if (crossSite) return errorResponse(c, 'FORBIDDEN', 'Cross-site request refused.')

    if (cookie) {
      const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase()
      if (type && FORM_TYPES.includes(type)) return errorResponse(c, 'UNSUPPORTED_MEDIA_TYPE')
    }
    return next()
  }
}
