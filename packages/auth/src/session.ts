// Sessions, Lucia's way (the design Lucia's author now recommends building on @oslojs rather than
// the deprecated `lucia` package): a random token goes in an HTTP-only cookie; only its SHA-256
// is stored as the session id; expiry slides forward on use; sign-out deletes the row.
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { randomBytes } from 'node:crypto'

export const SESSION_COOKIE = 'fsn_session'
const DAY_MS = 24 * 60 * 60 * 1000

export interface SessionPolicy {
  /** How long a session lives without use. */
  ttlMs: number
  /** Renew once less than this is left (Lucia: half the lifetime). */
  renewWithinMs: number
}

export function sessionPolicy(ttlDays = 30): SessionPolicy {
  return { ttlMs: ttlDays * DAY_MS, renewWithinMs: (ttlDays * DAY_MS) / 2 }
}

/** 160 bits of randomness, base32: unguessable and cookie-safe. */
export function generateSessionToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20))
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

/** A token we issued is 32 base32 characters; anything else is refused before a database read. */
export function isWellFormedToken(token: string): boolean {
  return /^[a-z2-7]{32}$/.test(token)
}

export type SessionDecision = { kind: 'expired' } | { kind: 'valid' } | { kind: 'renew'; expiresAt: Date }

/** Pure: what to do with a stored session at `now`. */
export function decideSession(expiresAt: Date, now: Date, policy: SessionPolicy): SessionDecision {
  const left = expiresAt.getTime() - now.getTime()
  if (left <= 0) return { kind: 'expired' }
  if (left < policy.renewWithinMs) return { kind: 'renew', expiresAt: new Date(now.getTime() + policy.ttlMs) }
  return { kind: 'valid' }
}

export interface CookieOptions {
  secure: boolean
}

/** Attributes for the session cookie; Max-Age matches the session's own expiry. */
export function sessionCookieAttributes(expiresAt: Date, now: Date, options: CookieOptions) {
  return {
    httpOnly: true,
    sameSite: 'Lax' as const,
    path: '/',
    secure: options.secure,
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)),
  }
}
