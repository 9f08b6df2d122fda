// Sign-in throttling: failed attempts counted per account (the email asked for) and per client
// address over a sliding window. In memory, so the counts are per API process: two processes
// each allow the limit (documented in docs/reliability.md); a restart forgets them.
import type { ServiceDeps } from '@fsn/services'

export interface SignInLimits {
  /** Failures allowed per account within windowMs before sign-in answers 429. */
  perAccount: number
  /** Failures allowed per client address within windowMs (an office behind one NAT shares it). */
  perAddress: number
  windowMs: number
  /** Bound on remembered keys, so a flood of made-up emails cannot grow memory without end. */
  maxKeys: number
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perAccount: 5,
  perAddress: 20,
  windowMs: 15 * 60 * 1000,
  maxKeys: 100_000,
}

export interface SignInLimiter {
  /** Seconds until an attempt is allowed again, or 0 when it may go ahead now. */
  retryAfterSeconds(account: string, address: string | null): number
  recordFailure(account: string, address: string | null): void
  /** A correct password clears the account's failures; the address keeps its own. */
  recordSuccess(account: string): void
}

export function createSignInLimiter(clock: ServiceDeps['clock'], limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS): SignInLimiter {
  // key -> failure times (ms), oldest first. Map keeps insertion order: the first key is the oldest.
  const failures = new Map<string, number[]>()

  const live = (key: string, now: number): number[] => {
    const times = failures.get(key)
    if (!times) return []
    const kept = times.filter((t) => t > now - limits.windowMs)
    if (kept.length === 0) failures.delete(key)
    else if (kept.length !== times.length) failures.set(key, kept)
    return kept
  }
  const wait = (key: string, limit: number, now: number): number => {
    const times = live(key, now)
    if (times.length < limit) return 0
    // The attempt that tipped over the limit leaves the window first at oldest-of-the-last-`limit`.
    const freesAt = times[times.length - limit]! + limits.windowMs
    return Math.max(1, Math.ceil((freesAt - now) / 1000))
  }
  const push = (key: string, now: number) => {
    const times = live(key, now)
    failures.delete(key)
    failures.set(key, [...times, now])
    while (failures.size > limits.maxKeys) failures.delete(failures.keys().next().value!)
  }

  return {
    retryAfterSeconds(account, address) {
      const now = clock().getTime()
      return Math.max(
        wait(`a:${account}`, limits.perAccount, now),
        address ? wait(`i:${address}`, limits.perAddress, now) : 0,
      )
    },
    recordFailure(account, address) {
      const now = clock().getTime()
      push(`a:${account}`, now)
      if (address) push(`i:${address}`, now)
    },
    recordSuccess(account) {
      failures.delete(`a:${account}`)
    },
  }
}

/** The account key: the email as the sign-in schema normalises it, so case does not dodge the count. */
export function accountKey(input: unknown): string | null {
  const email = (input as { email?: unknown } | null)?.email
  return typeof email === 'string' && email.trim() ? email.trim().toLowerCase() : null
}
