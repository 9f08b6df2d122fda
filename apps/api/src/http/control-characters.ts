// Control characters are bad input on every route (issue 12; packages/domain/src/text): a JSON body,
// the query string and the path are looked at before any route's own validation, so a NUL or a
// lone surrogate is a 400 naming the field wherever it is sent, never a database error (500): a
// body field by its dotted path, a query parameter by its name, a path segment by its route
// parameter; '(query)' for a bad parameter name.
// /graphql checks its variables and document itself (apps/api/src/graphql.ts), by argument path.
import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import { controlCharacterMessage, findControlCharacter } from '@fsn/domain'
import type { AppEnv } from './env'
import { errorResponse } from './errors'

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\b/i

function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part)
  } catch {
    // Malformed %-escapes (or invalid UTF-8) are the route's to refuse; no control character here.
    return null
  }
}

/**
 * The route parameter a path segment fills ("id" in /api/v1/referrals/:id/decline), from the routes
 * this request matched; '(path)' when it fills none.
 */
function pathField(c: Context<AppEnv>, segments: number, index: number): string {
  for (const route of matchedRoutes(c)) {
    const parts = route.path.split('/')
    const part = parts[index]
    if (parts.length === segments && part?.startsWith(':')) return part.slice(1).replace(/\{.*$/, '').replace(/\?$/, '')
  }
  return '(path)'
}

export function refuseControlCharacters(skipPaths: readonly string[] = ['/graphql']): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (skipPaths.includes(c.req.path)) return next()
    const refuse = (field: string, finding: NonNullable<ReturnType<typeof findControlCharacter>>) =>
      errorResponse(c, 'VALIDATION_FAILED', controlCharacterMessage(finding, field), field)

    const url = new URL(c.req.url)
    const segments = url.pathname.split('/')
    for (const [index, segment] of segments.entries()) {
      const text = decoded(segment)
      const found = text === null ? null : findControlCharacter(text)
      if (found) return refuse(pathField(c, segments.length, index), found)
    }
    const raw = url.search.slice(1)
    if (raw) {
      for (const pair of raw.split('&')) {
        const at = pair.indexOf('=')
        const [k, v] = (at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)]).map((s) => decoded(s.replace(/\+/g, ' ')) ?? '')
        if (k === undefined || v === undefined) continue
        const inKey = findControlCharacter(k)
        if (inKey) return refuse('(query)', inKey)
        const inValue = findControlCharacter(v, k)
        if (inValue) return refuse(k, inValue)
      }
    }

    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && JSON_TYPE.test(c.req.header('content-type') ?? '')) {
      // Read as text (Hono caches it, and the route's validator parses the same text again); an
      // oversized body's error propagates so bodyLimit still answers 413.
      const text = await c.req.text()
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch {
        return next() // malformed JSON: the route's validator answers BAD_REQUEST as before
      }
      const found = findControlCharacter(body)
      if (found) return refuse(found.path || '(body)', found)
    }
    return next()
  }
}
