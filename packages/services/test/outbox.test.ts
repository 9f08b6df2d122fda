import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { sessionPolicy } from '@fsn/auth'
import type { Database } from '@fsn/db'
import { openTestDatabase, testDatabaseKinds } from '@fsn/db/testing'
import type { ServiceDeps } from '../src/context'
import { drainOutbox, enqueue, retryDelayMs, type OutboxHandler } from '../src/outbox/outbox'
import { createEmbeddedSearchIndex } from '@fsn/search'

describe.each(testDatabaseKinds())('transactional outbox on %s', (kind) => {
  let db: Database
  let now: Date
  let deps: ServiceDeps
  beforeAll(async () => {
    db = await openTestDatabase(kind)
    deps = { prisma: db.prisma, clock: () => now, sessionPolicy: sessionPolicy(), search: createEmbeddedSearchIndex() }
  })
  beforeEach(async () => {
    now = new Date('2026-11-23T01:00:00Z')
    await db.prisma.outboxMessage.deleteMany()
  })
  afterAll(async () => db?.close())

  it('never publishes a message whose transaction rolled back', async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await enqueue(tx, { topic: 't', payload: { n: 1 } }, now)
        throw new Error('rollback')
      }),
    ).rejects.toThrow('rollback')
    const seen: unknown[] = []
    expect(await drainOutbox({ deps, handlers: { t: async (m) => void seen.push(m.payload) } })).toEqual({
      processed: 0,
      failed: 0,
    })
    expect(seen).toEqual([])
  })

  it('delivers a committed message once, even when drained again (a crash after commit, before delivery)', async () => {
    await db.prisma.$transaction((tx) => enqueue(tx, { topic: 't', payload: { n: 1 } }, now))
    // The "crash": nothing drained yet. A later worker picks it up exactly once.
    const seen: unknown[] = []
    const handlers = { t: (async (m) => void seen.push(m.payload)) as OutboxHandler }
    expect((await drainOutbox({ deps, handlers })).processed).toBe(1)
    expect((await drainOutbox({ deps, handlers })).processed).toBe(0)
    expect(seen).toEqual([{ n: 1 }])
  })

  it('holds a scheduled message until it is due, across "restarts" (it lives in the table)', async () => {
    await db.prisma.$transaction((tx) =>
      enqueue(tx, { topic: 'sla', payload: {}, availableAt: new Date(now.getTime() + 3_600_000) }, now),
    )
    let runs = 0
    const handlers = { sla: (async () => void runs++) as OutboxHandler }
    await drainOutbox({ deps, handlers })
    expect(runs).toBe(0)
    now = new Date(now.getTime() + 3_600_000)
    await drainOutbox({ deps, handlers })
    await drainOutbox({ deps, handlers })
    expect(runs).toBe(1)
  })

  it('retries a failing handler with backoff and records the error', async () => {
    await db.prisma.$transaction((tx) => enqueue(tx, { topic: 'flaky', payload: {} }, now))
    let calls = 0
    const handlers = {
      flaky: (async () => {
        calls++
        if (calls < 3) throw new Error(`boom ${calls}`)
      }) as OutboxHandler,
    }
    expect(await drainOutbox({ deps, handlers })).toEqual({ processed: 0, failed: 1 })
    const m = await db.prisma.outboxMessage.findFirstOrThrow()
    expect(m.lastError).toBe('boom 1')
    expect(m.availableAt.getTime()).toBe(now.getTime() + retryDelayMs(1))
    expect((await drainOutbox({ deps, handlers })).processed).toBe(0) // not due yet
    now = new Date(now.getTime() + retryDelayMs(1))
    expect((await drainOutbox({ deps, handlers })).failed).toBe(1)
    now = new Date(now.getTime() + retryDelayMs(2))
    expect((await drainOutbox({ deps, handlers })).processed).toBe(1)
    expect(calls).toBe(3)
  })

  it('an unknown topic is a failure to retry, not a lost message', async () => {
    await db.prisma.$transaction((tx) => enqueue(tx, { topic: 'nobody-listens', payload: {} }, now))
    expect(await drainOutbox({ deps, handlers: {} })).toEqual({ processed: 0, failed: 1 })
    expect((await db.prisma.outboxMessage.findFirstOrThrow()).processedAt).toBeNull()
  })

  it('two workers draining at once process each message once', async () => {
    await db.prisma.$transaction((tx) =>
      Promise.all(Array.from({ length: 40 }, (_, n) => enqueue(tx, { topic: 't', payload: { n } }, now))),
    )
    const seen: number[] = []
    const handlers = { t: (async (m) => void seen.push((m.payload as { n: number }).n)) as OutboxHandler }
    await Promise.all([
      drainOutbox({ deps, handlers, limit: 7 }),
      drainOutbox({ deps, handlers, limit: 7 }),
      drainOutbox({ deps, handlers, limit: 50 }),
      drainOutbox({ deps, handlers, limit: 50 }),
    ])
    await drainOutbox({ deps, handlers })
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n))
  })
})
