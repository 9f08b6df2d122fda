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

// C0 controls, DEL and C1 controls. Browsers drop tabs and newlines from a URL before reading it
// (WHATWG URL), so `/<TAB>/evil.example` becomes `//evil.example`, another site; a newline in a
// Location header is also refused by the HTTP layer, which answered 500.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/
// Whitespace other than the plain space, which some parsers trim or fold (no-break, line and
// paragraph separators, BOM, …). A plain space is harmless inside a path and is percent-encoded.
const ODD_SPACE = /[^\S ]/
const PROBE_ORIGIN = 'https://fsn.invalid'

/**
 * Where to go after signing in: a path on this site, or `/`. The one gate for `redirectTo`
 * (issue 12: `%2F%09%2Fevil.example` redirected off-site). Accepted only when it starts with a
 * single `/` (not `//`, not `/\\`), has no backslash, control character or odd space anywhere,
 * the same after one round of percent-decoding (a server or browser further along may decode it),
 * and resolves to this origin; never back to sign-in or sign-out. Returns it as URL serialises it.
 */
export function safeRedirectPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 2048) return '/'
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    return '/' // malformed percent-encoding
  }
  for (const candidate of [raw, decoded]) {
    if (!candidate.startsWith('/') || candidate.startsWith('//')) return '/'
    if (candidate.includes('\\') || CONTROL.test(candidate) || ODD_SPACE.test(candidate)) return '/'
  }
  let resolved: URL
  try {
    resolved = new URL(raw, PROBE_ORIGIN)
  } catch {
    return '/'
  }
  if (resolved.origin !== PROBE_ORIGIN) return '/'
  // Serialised by URL: percent-encoded (a raw non-Latin-1 character in Location would be a 500)
  // and dot segments resolved, which can make `//` again (`/.//evil.example`): check once more.
  const path = resolved.pathname + resolved.search + resolved.hash
  if (path.startsWith('//') || path.includes('\\')) return '/'
  for (const candidate of [resolved.pathname, decoded]) if (/^\/sign-(in|out)(\/|\?|#|$)/.test(candidate)) return '/'
  return path
}
