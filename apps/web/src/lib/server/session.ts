// The browser holds the API's session token in an HttpOnly cookie on the web origin; the web
// server forwards it to the API and never decides on its own whether it is valid (Conventions 10).

export const SESSION_COOKIE = 'fsn_session'

export interface SessionCookie {
  /** Empty when the API cleared the cookie. */
  value: string
  /** Seconds; null when the API gave neither Max-Age nor Expires. */
  maxAge: number | null
}

// Tokens are opaque, but a value outside this alphabet or length is not one the API issued, so we
// drop it instead of sending it on in a header.
const TOKEN_PATTERN = /^[A-Za-z0-9._~+/=-]{16,512}$/

export function isPlausibleToken(value: string | undefined): value is string {
  return value !== undefined && TOKEN_PATTERN.test(value)
}

/** Finds our session cookie among a response's Set-Cookie headers. */
export function readSessionSetCookie(headers: Headers, now: Date = new Date()): SessionCookie | null {
  for (const line of headers.getSetCookie()) {
    const [pair = '', ...attributes] = line.split(';')
    const eq = pair.indexOf('=')
    if (eq < 0 || pair.slice(0, eq).trim() !== SESSION_COOKIE) continue
    const value = decodeURIComponent(pair.slice(eq + 1).trim())
    let maxAge: number | null = null
    let expires: number | null = null
    for (const attribute of attributes) {
      const [rawName = '', ...rest] = attribute.split('=')
      const name = rawName.trim().toLowerCase()
      const attrValue = rest.join('=').trim()
      if (name === 'max-age' && /^-?\d+$/.test(attrValue)) maxAge = Number(attrValue)
      if (name === 'expires') {
        const at = Date.parse(attrValue)
        if (!Number.isNaN(at)) expires = at
      }
    }
    // RFC 6265 5.3: Max-Age wins over Expires.
    if (maxAge === null && expires !== null) maxAge = Math.floor((expires - now.getTime()) / 1000)
    return { value, maxAge }
  }
  return null
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Cookie options on the web origin. Secure everywhere except plain-http loopback, where
 * developers and the browser tests run; a deployed site is always https.
 */
export function sessionCookieOptions(url: URL, maxAge: number | null) {
  const loopback = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: !loopback,
    ...(maxAge !== null ? { maxAge: Math.max(0, maxAge) } : {}),
  }
}

/** Where to go after signing in: only a path on this site, so the form cannot become an open redirect. */
export function safeRedirectPath(raw: unknown): string {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/'
  if (raw.startsWith('/sign-in') || raw.startsWith('/sign-out')) return '/'
  return raw
}
