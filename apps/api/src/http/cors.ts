// Cross-origin reads: a browser lets a page on another origin read an answer only when the answer
// grants that origin (Access-Control-Allow-Origin), and sends the user's cookie along only when it
// also says Allow-Credentials. Graphql-yoga's default grants every Origin with credentials, which
// let a page on any other port or sibling subdomain read whānau information with the user's
// session (issue 12). Here only configured origins (WEB_URL, CORS_ORIGINS) get a grant, on every
// route alike (/graphql, /api/v1, /auth); any other Origin gets no CORS header at all.
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env'
import { originOf } from './csrf'

const PREFLIGHT_MAX_AGE_SECONDS = 600
const ALLOW_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'
const ALLOW_HEADERS = 'Content-Type, Authorization, X-Request-Id'

export function corsGrants(allowedOrigins: readonly string[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set(allowedOrigins.map(originOf).filter((o): o is string => o !== null))
  return async (c, next) => {
    const origin = c.req.header('origin')
    const granted = origin !== undefined && allowed.has(origin)
    // A preflight is answered here, for a granted origin or not: a refused one simply gets no grant.
    if (c.req.method === 'OPTIONS' && origin !== undefined && c.req.header('access-control-request-method')) {
      const headers = new Headers({ vary: 'Origin' })
      if (granted) {
        headers.set('access-control-allow-origin', origin)
        headers.set('access-control-allow-credentials', 'true')
        headers.set('access-control-allow-methods', ALLOW_METHODS)
        headers.set('access-control-allow-headers', ALLOW_HEADERS)
        headers.set('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS))
      }
      return new Response(null, { status: 204, headers })
    }
    await next()
    // Caches must not hand one origin's answer (with or without a grant) to another.
    c.res.headers.append('vary', 'Origin')
    // Whatever a handler set (Yoga's own CORS is off, but a later change could turn it on): only a
    // configured origin leaves with a grant.
    c.res.headers.delete('access-control-allow-origin')
    c.res.headers.delete('access-control-allow-credentials')
    if (granted) {
      c.res.headers.set('access-control-allow-origin', origin)
      c.res.headers.set('access-control-allow-credentials', 'true')
      c.res.headers.set('access-control-expose-headers', 'X-Request-Id, Retry-After')
    }
  }
}
