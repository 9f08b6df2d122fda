// Sign-in throttling: failed attempts counted per account (the email asked for) and per client
// address over a sliding window. Where the counts live decides what a limit means:
// - in memory (the embedded default, one process): a restart forgets them;
// - in Redis (REDIS_URL) or Postgres (DATABASE_URL without Redis): every API process counts into
//   one window, so N processes still allow the limit once, and a restart forgets nothing.
// Keys are hashed: an email address is personal information and Redis is not where it belongs.
import { createHash, randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
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
  /** Where the counts live: memory, redis or postgres (for the start-up summary). */
  readonly store: 'memory' | 'redis' | 'postgres'
  /** Seconds until an attempt is allowed again, or 0 when it may go ahead now. */
  retryAfterSeconds(account: string, address: string | null): Promise<number>
  recordFailure(account: string, address: string | null): Promise<void>
  /** A correct password clears the account's failures; the address keeps its own. */
  recordSuccess(account: string): Promise<void>
}

/** The wait, in whole seconds, until the attempt that tipped over the limit leaves the window. */
function waitSeconds(times: readonly number[], limit: number, windowMs: number, now: number): number {
  if (times.length < limit) return 0
  const freesAt = times[times.length - limit]! + windowMs
  return Math.max(1, Math.ceil((freesAt - now) / 1000))
}

export function createSignInLimiter(
  clock: ServiceDeps['clock'],
  limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
): SignInLimiter {
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
  const push = (key: string, now: number) => {
    const times = live(key, now)
    failures.delete(key)
    failures.set(key, [...times, now])
    while (failures.size > limits.maxKeys) failures.delete(failures.keys().next().value!)
  }

  return {
    store: 'memory',
    async retryAfterSeconds(account, address) {
      const now = clock().getTime()
      return Math.max(
        waitSeconds(live(`a:${account}`, now), limits.perAccount, limits.windowMs, now),
        address ? waitSeconds(live(`i:${address}`, now), limits.perAddress, limits.windowMs, now) : 0,
      )
    },
    async recordFailure(account, address) {
      const now = clock().getTime()
      push(`a:${account}`, now)
      if (address) push(`i:${address}`, now)
    },
    async recordSuccess(account) {
      failures.delete(`a:${account}`)
    },
  }
}

const hashed = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 32)

/**
 * The counts in Redis: one sorted set per key (score = failure time), trimmed to the window and
 * expiring with it. If Redis stops answering, the limiter falls back to this process's memory
 * (still a limit, per process) rather than refusing every sign-in or letting every guess through.
 */
export function createRedisSignInLimiter(
  redis: Redis,
  clock: ServiceDeps['clock'],
  limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
  options: { prefix?: string; onError?: (err: unknown) => void } = {},
): SignInLimiter {
  const prefix = options.prefix ?? 'fsn:sign-in:'
  const fallback = createSignInLimiter(clock, limits)
  const redisKey = (key: string) => `${prefix}${hashed(key)}`
  const keysOf = (account: string, address: string | null) => [
    { key: redisKey(`a:${account}`), limit: limits.perAccount },
    ...(address ? [{ key: redisKey(`i:${address}`), limit: limits.perAddress }] : []),
  ]
  const guarded = async <T>(run: () => Promise<T>, orElse: () => Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (err) {
      options.onError?.(err)
      return orElse()
    }
  }

  return {
    store: 'redis',
    retryAfterSeconds: (account, address) =>
      guarded(
        async () => {
          const now = clock().getTime()
          const keys = keysOf(account, address)
          const batch = redis.multi()
          for (const k of keys) {
            batch.zremrangebyscore(k.key, '-inf', now - limits.windowMs)
            batch.zrange(k.key, 0, -1, 'WITHSCORES')
          }
          const replies = (await batch.exec()) ?? []
          let wait = 0
          keys.forEach((k, i) => {
            const [err, flat] = replies[i * 2 + 1] ?? [new Error('no reply')]
            if (err) throw err
            const times = (flat as string[]).filter((_, j) => j % 2 === 1).map(Number)
            wait = Math.max(wait, waitSeconds(times, k.limit, limits.windowMs, now))
          })
          return wait
        },
        () => fallback.retryAfterSeconds(account, address),
      ),
    recordFailure: (account, address) =>
      guarded(
        async () => {
          const now = clock().getTime()
          const batch = redis.multi()
          for (const k of keysOf(account, address)) {
            // A unique member: two failures in the same millisecond are two failures.
            batch.zadd(k.key, now, `${now}:${randomUUID()}`)
            batch.zremrangebyscore(k.key, '-inf', now - limits.windowMs)
            batch.pexpire(k.key, limits.windowMs)
          }
          const replies = (await batch.exec()) ?? []
          for (const [err] of replies) if (err) throw err
        },
        () => fallback.recordFailure(account, address),
      ),
    recordSuccess: (account) =>
      guarded(
        async () => {
          await redis.del(redisKey(`a:${account}`))
          await fallback.recordSuccess(account)
        },
        () => fallback.recordSuccess(account),
      ),
  }
}

/**
 * The counts in Postgres (SignInFailure), for DATABASE_URL without REDIS_URL. Old rows go as new
 * ones arrive (one bounded delete per failure), so the table holds one window of failures.
 */
export function createPostgresSignInLimiter(
  prisma: ServiceDeps['prisma'],
  clock: ServiceDeps['clock'],
  limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
): SignInLimiter {
  const keysOf = (account: string, address: string | null) => [
    { key: hashed(`a:${account}`), limit: limits.perAccount },
    ...(address ? [{ key: hashed(`i:${address}`), limit: limits.perAddress }] : []),
  ]
  return {
    store: 'postgres',
    async retryAfterSeconds(account, address) {
      const now = clock().getTime()
      let wait = 0
      for (const k of keysOf(account, address)) {
        // Only the newest `limit` failures decide the wait: the oldest of them is the one to outlive.
        const rows = await prisma.signInFailure.findMany({
          where: { key: k.key, at: { gt: new Date(now - limits.windowMs) } },
          orderBy: { at: 'desc' },
          take: k.limit,
          select: { at: true },
        })
        wait = Math.max(
          wait,
          waitSeconds(rows.map((r) => r.at.getTime()).reverse(), k.limit, limits.windowMs, now),
        )
      }
      return wait
    },
    async recordFailure(account, address) {
      const now = clock()
      await prisma.signInFailure.createMany({
        data: keysOf(account, address).map((k) => ({ key: k.key, at: now })),
      })
      await prisma.$executeRaw`
        DELETE FROM "SignInFailure" WHERE "id" IN (
          SELECT "id" FROM "SignInFailure" WHERE "at" <= ${new Date(now.getTime() - limits.windowMs)} LIMIT 1000)`
    },
    async recordSuccess(account) {
      await prisma.signInFailure.deleteMany({ where: { key: hashed(`a:${account}`) } })
    },
  }
}

/** The account key: the email as the sign-in schema normalises it, so case does not dodge the count. */
export function accountKey(input: unknown): string | null {
  const email = (input as { email?: unknown } | null)?.email
  return typeof email === 'string' && email.trim() ? email.trim().toLowerCase() : null
}
