// The sign-in limit in each of its stores. Two limiters over one store stand for two API processes:
// failures counted through one refuse through the other, and a new limiter (a restarted process)
// still sees them. The clock is set by the test; no test waits for time to pass.
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@fsn/db'
import { openTestDatabase, testDatabaseKinds } from '@fsn/db/testing'
import {
  createPostgresSignInLimiter,
  createRedisSignInLimiter,
  createSignInLimiter,
  type SignInLimiter,
  type SignInLimits,
} from '../../src/http/sign-in-limit'

const LIMITS: SignInLimits = { perAccount: 3, perAddress: 5, windowMs: 60_000, maxKeys: 1000 }
const T0 = Date.parse('2026-12-08T01:00:00Z')

type Store = { name: string; make: (clock: () => Date) => SignInLimiter; shared: boolean }

const stores: Store[] = [
  { name: 'memory', make: (clock) => createSignInLimiter(clock, LIMITS), shared: false },
]

const dbs: Database[] = []
const redisUrl = process.env.TEST_REDIS_URL
const redis = redisUrl ? new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 }) : null
const prefix = `fsn-test:sign-in:${process.pid}:${Date.now()}:`

for (const kind of testDatabaseKinds()) {
  stores.push({
    name: `postgres table on ${kind}`,
    make: (clock) => createPostgresSignInLimiter(dbs.find((d) => d.kind === kind)!.prisma, clock, LIMITS),
    shared: true,
  })
}
if (redis)
  stores.push({
    name: 'redis',
    make: (clock) => createRedisSignInLimiter(redis, clock, LIMITS, { prefix }),
    shared: true,
  })
else console.log('sign-in limit: TEST_REDIS_URL not set, the Redis store is skipped')

beforeAll(async () => {
  for (const kind of testDatabaseKinds()) dbs.push(await openTestDatabase(kind))
  await redis?.connect()
}, 120_000)
afterAll(async () => {
  for (const db of dbs) await db.close()
  if (redis) {
    const keys = await redis.keys(`${prefix}*`)
    if (keys.length) await redis.del(...keys)
    await redis.quit()
  }
})

describe.each(stores)('sign-in limit in $name', (store) => {
  let now = T0
  const clock = () => new Date(now)
  let n = 0
  // Each test its own account and address, so the stores' shared state never leaks between tests.
  const fresh = () => ({
    account: `kaimahi${++n}@${store.name.replace(/\W/g, '')}.example.nz`,
    address: `203.0.113.${n}`,
  })

  it('refuses the attempt after the limit with the seconds until the oldest counted failure leaves', async () => {
    now = T0
    const a = store.make(clock)
    const { account, address } = fresh()
    for (let i = 0; i < LIMITS.perAccount; i++) {
      expect(await a.retryAfterSeconds(account, address)).toBe(0)
      await a.recordFailure(account, address)
      now += 1_000
    }
    // Failures at T0, T0+1s, T0+2s; now T0+3s: the first leaves the window at T0+60s.
    expect(await a.retryAfterSeconds(account, address)).toBe(57)
    expect(await a.retryAfterSeconds('someone-else@example.nz', '198.51.100.9')).toBe(0)
    now = T0 + 60_001
    expect(await a.retryAfterSeconds(account, address)).toBe(0)
  })

  it('clears the account on success; the address keeps its count', async () => {
    now = T0
    const a = store.make(clock)
    const { account, address } = fresh()
    for (let i = 0; i < LIMITS.perAddress; i++)
      await a.recordFailure(i < LIMITS.perAccount ? account : `other${i}@example.nz`, address)
    expect(await a.retryAfterSeconds(account, null)).toBeGreaterThan(0)
    await a.recordSuccess(account)
    expect(await a.retryAfterSeconds(account, null)).toBe(0)
    // The address saw perAddress failures: anyone from it waits.
    expect(await a.retryAfterSeconds('new@example.nz', address)).toBeGreaterThan(0)
    expect(await a.retryAfterSeconds('new@example.nz', '198.51.100.7')).toBe(0)
  })

  it.runIf(store.shared)(
    'counts across processes and restarts: failures on one limiter refuse on another',
    async () => {
      now = T0
      const processA = store.make(clock)
      const processB = store.make(clock)
      const { account, address } = fresh()
      await processA.recordFailure(account, address)
      await processB.recordFailure(account, address)
      expect(await processA.retryAfterSeconds(account, address)).toBe(0)
      await processA.recordFailure(account, address)
      expect(await processB.retryAfterSeconds(account, address)).toBe(60)
      const restarted = store.make(clock)
      expect(await restarted.retryAfterSeconds(account, address)).toBe(60)
      await processB.recordSuccess(account)
      expect(await processA.retryAfterSeconds(account, null)).toBe(0)
    },
  )

  it.runIf(!store.shared)('in memory, another process (limiter) counts its own', async () => {
    now = T0
    const processA = store.make(clock)
    const processB = store.make(clock)
    const { account, address } = fresh()
    for (let i = 0; i < LIMITS.perAccount; i++) await processA.recordFailure(account, address)
    expect(await processA.retryAfterSeconds(account, address)).toBeGreaterThan(0)
    expect(await processB.retryAfterSeconds(account, address)).toBe(0)
  })
})

describe.runIf(redis)('sign-in limit in Redis when Redis stops answering', () => {
  it('falls back to counting in this process rather than failing the sign-in', async () => {
    const dead = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    })
    const errors: unknown[] = []
    const limiter = createRedisSignInLimiter(dead, () => new Date(T0), LIMITS, {
      prefix,
      onError: (e) => errors.push(e),
    })
    for (let i = 0; i < LIMITS.perAccount; i++) await limiter.recordFailure('offline@example.nz', null)
    expect(await limiter.retryAfterSeconds('offline@example.nz', null)).toBe(60)
    expect(errors.length).toBeGreaterThan(0)
    dead.disconnect()
  })
})
