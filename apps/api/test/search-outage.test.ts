// Index consistency (issue 3): directory writes commit with an outbox message; the indexer drains
// it into the engine. With the engine down, writes still succeed, /health says search is
// degraded, search answers 503, and when the engine returns the index catches up with nothing
// missed. The engine here is the embedded one behind a switch that makes every call fail as an
// unreachable server would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDatabase } from '@fsn/db'
import { testDatabaseKinds } from '@fsn/db/testing'
import { createEmbeddedSearchIndex } from '@fsn/search'
import { createSwitchableSearchIndex } from '@fsn/search/testing'
import { drainOutbox, searchIndexHandlers, startSearchWatch } from '@fsn/services'
import { createTestApp, type TestApp } from './harness'
import { editServiceListing } from './listing-edit'

describe.each(testDatabaseKinds())('search engine outage on %s', (kind) => {
  let t: TestApp
  let engine: ReturnType<typeof createSwitchableSearchIndex>
  const health = async () => {
    const res = await t.app.request('/health')
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }
  const search = async (q: string) => {
    const res = await t.app.request(`/api/v1/search?q=${encodeURIComponent(q)}&per_page=100`)
    return { status: res.status, body: (await res.json()) as { total: number; hits: { serviceId: string }[] } }
  }
  const drain = () => drainOutbox({ deps: t.deps, handlers: searchIndexHandlers() })

  beforeAll(async () => {
    t = await createTestApp(kind, {
      search: (clock) => (engine = createSwitchableSearchIndex(createEmbeddedSearchIndex({ clock }))),
    })
    await seedDatabase({ db: t.db, providers: 20, services: 60, now: t.deps.clock() })
    await t.reindex()
  })
  afterAll(async () => t?.close())

  it('is ok while the engine is up and nothing is owed', async () => {
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', search: 'ok' } })
  })

  it('keeps accepting edits while the engine is down, and catches up with every one of them', async () => {
    const services = await t.db.prisma.service.findMany({
      where: { status: 'ACTIVE' },
      orderBy: { id: 'asc' },
      take: 5,
      select: { id: true },
    })
    engine.down = true

    // Five edits during the outage: each commits (the outbox holds what the index owes).
    for (const [i, s] of services.entries()) {
      const res = await editServiceListing(t, s.id, { name: `Kōwhai Outage Listing ${i}` })
      expect(res.status, JSON.stringify(res.body)).toBe(200)
    }
    const saved = await t.db.prisma.service.findMany({ where: { name: { startsWith: 'Kōwhai Outage' } } })
    expect(saved).toHaveLength(5)

    // The indexer tries, fails, and leaves the messages for later.
    const first = await drain()
    // Only the partners' directory.changed webhook messages (their own topic) go: the outage holds
    // back the index, not them.
    expect(first.processed).toBe(5)
    expect(first.failed).toBeGreaterThanOrEqual(5)
    const degraded = await health()
    expect(degraded.status).toBe(200)
    expect(degraded.body).toMatchObject({
      status: 'degraded',
      database: 'ok',
      search: 'degraded',
      searchDetail: { reachable: false },
    })
    expect((degraded.body.searchDetail as { pending: number }).pending).toBeGreaterThanOrEqual(5)
    // Search itself says so plainly: 503, not 500, not an empty page.
    expect(await search('kowhai outage')).toMatchObject({ status: 503, body: { code: 'SERVICE_UNAVAILABLE' } })

    // A long outage: every try fails until the messages are parked (MAX_ATTEMPTS), still owed.
    for (let k = 0; k < 13; k++) {
      t.setNow(new Date(t.deps.clock().getTime() + 2 * 3_600_000))
      await drain()
    }
    const parked = await t.db.prisma.outboxMessage.findMany({ where: { topic: 'directory.changed', processedAt: null } })
    expect(parked.every((m) => m.attempts >= 12 && m.availableAt.getTime() > t.deps.clock().getTime() + 300 * 86_400_000)).toBe(true)

    // The engine returns. The watch notices and re-arms the owed updates at once (no waiting out
    // an hour of backoff); one drain applies them.
    let rearmed = 0
    const watch = startSearchWatch({ deps: t.deps, intervalMs: 60_000, onRecovered: (n) => (rearmed = n) })
    await watch.tick() // sees it down
    engine.down = false
    await watch.tick() // sees it back: re-arms
    watch.stop()
    expect(rearmed).toBeGreaterThanOrEqual(5)
    const second = await drain()
    expect(second.failed).toBe(0)
    expect(second.processed).toBeGreaterThanOrEqual(5)

    const found = await search('kowhai outage')
    expect(found.status).toBe(200)
    expect(new Set(found.body.hits.map((h) => h.serviceId))).toEqual(new Set(services.map((s) => s.id)))
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', search: 'ok' } })
    const owed = await t.db.prisma.outboxMessage.count({ where: { topic: 'directory.changed', processedAt: null } })
    expect(owed).toBe(0)
  })

  it('drops a service the database no longer lists (DEFUNCT) from the index', async () => {
    const s = await t.db.prisma.service.findFirstOrThrow({ where: { name: 'Kōwhai Outage Listing 0' } })
    const res = await editServiceListing(t, s.id, { status: 'DEFUNCT' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    await drain()
    const found = await search('kowhai outage listing')
    expect(found.body.hits.map((h) => h.serviceId)).not.toContain(s.id)
    expect(found.body.total).toBe(4)
  })
})
