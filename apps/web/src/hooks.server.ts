// Validates the session once per request by asking the API who the cookie belongs to. The cookie
// alone proves nothing: only the API's `me` answer sets locals.user (Conventions 10).
import type { Handle } from '@sveltejs/kit'
import { env } from '$env/dynamic/private'
import { api } from '$lib/server/config'
import { CROSS_SITE_MESSAGE, isCrossSiteFormPost } from '$lib/server/csrf'
import { ME, toSessionUser } from '$lib/server/queries'
import { isPlausibleToken, SESSION_COOKIE, sessionCookieOptions } from '$lib/server/session'
import { TRUSTED_FORM_ORIGINS } from '$lib/server/trusted-origins.js'

// One year; not includeSubDomains, which would bind every other service under the same domain.
const HSTS = 'max-age=31536000'

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.user = null
  event.locals.sessionToken = null

  // Before the session is looked at: a forged form post is refused without asking the API anything.
  if (isCrossSiteFormPost(event.request, event.url, TRUSTED_FORM_ORIGINS)) {
    return withSecurityHeaders(
      new Response(CROSS_SITE_MESSAGE, {
        status: 403,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      }),
    )
  }

  const token = event.cookies.get(SESSION_COOKIE)
  if (token !== undefined && !isPlausibleToken(token)) {
    event.cookies.delete(SESSION_COOKIE, { path: '/' })
  } else if (token) {
    try {
      const { data, session } = await api().graphql(ME, {}, { token, clientAddress: clientAddress(event) })
      if (data.me) {
        event.locals.user = toSessionUser(data.me)
        event.locals.sessionToken = token
        // The API slides the expiry; keep the browser's cookie in step with it.
        if (session?.value) {
          event.cookies.set(SESSION_COOKIE, session.value, sessionCookieOptions(event.url, session.maxAge))
        }
      } else {
        // Expired or revoked: forget it so we stop asking the API about it.
        event.cookies.delete(SESSION_COOKIE, { path: '/' })
      }
    } catch (error) {
      // API down: treat as signed out for this request but keep the cookie, which may still be good.
      console.error('[web] session check failed:', error instanceof Error ? error.message : error)
    }
  }

  const response = withSecurityHeaders(await resolve(event))
  // Signed-in pages show personal information; no shared cache may keep them.
  if (event.locals.user) response.headers.set('cache-control', 'private, no-store')
  return response
}

function withSecurityHeaders(response: Response): Response {
  response.headers.set('x-content-type-options', 'nosniff')
  response.headers.set('referrer-policy', 'same-origin')
  // Production is served over https only (ORIGIN); browsers ignore the header on plain http.
  if (env.NODE_ENV === 'production') response.headers.set('strict-transport-security', HSTS)
  return response
}

function clientAddress(event: Parameters<Handle>[0]['event']): string | undefined {
  try {
    return event.getClientAddress()
  } catch {
    return undefined
  }
}
