// The search index is a projection of the database (Conventions 5). Every directory write commits
// a `directory.changed` outbox message naming the services it touched; this handler re-reads those
// services and replaces their documents in the engine. When the engine is down the handler throws,
// the message stays in the outbox and is retried, so a write never waits for (or fails with) the
// search engine, and nothing is missed: the outbox row is the proof of what the index still owes.
import { SEARCH_SERVICE_SELECT, toSearchDocuments, type SearchIndex } from '@fsn/search'
import type { ServiceDeps } from '../context'
import type { ClaimedMessage, OutboxHandler } from '../outbox/outbox'

export const DIRECTORY_CHANGED = 'directory.changed'

/** Services per database read and engine write: bounded memory at national scale. */
const BATCH = 500

function serviceIdsOf(message: Pick<ClaimedMessage, 'payload'>): string[] {
  const payload = message.payload as { serviceIds?: unknown } | null
  const ids = payload?.serviceIds
  if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === 'string')) {
    throw new Error('directory.changed: payload.serviceIds must be an array of ids')
  }
  return ids
}

/**
 * Re-reads these services and makes the index hold exactly their current documents: a DEFUNCT or
 * deleted service loses its documents, a moved one its old location's.
 */
export async function indexServices({
  deps,
  serviceIds,
  search = deps.search,
}: {
  deps: ServiceDeps
  serviceIds: readonly string[]
  search?: SearchIndex
}): Promise<{ services: number; documents: number }> {
  let documents = 0
  for (let i = 0; i < serviceIds.length; i += BATCH) {
    const ids = serviceIds.slice(i, i + BATCH)
    const rows = await deps.prisma.service.findMany({
      where: { id: { in: ids }, status: { not: 'DEFUNCT' } },
      select: SEARCH_SERVICE_SELECT,
    })
    const docs = toSearchDocuments(rows, { now: deps.clock() })
    await search.replaceServices(ids, docs)
    documents += docs.length
  }
  return { services: serviceIds.length, documents }
}

/**
 * Builds the index from every service in the database, in id order and batches: the embedded
 * engine at start-up, and `pnpm hsds reindex --direct` for Meilisearch.
 */
export async function rebuildSearchIndex({
  deps,
  search = deps.search,
  clear = true,
  onProgress,
}: {
  deps: ServiceDeps
  search?: SearchIndex
  clear?: boolean
  onProgress?: (done: number, total: number) => void
}): Promise<{ services: number; documents: number }> {
  if (clear) await search.clear()
  const total = await deps.prisma.service.count({ where: { status: { not: 'DEFUNCT' } } })
  onProgress?.(0, total)
  let after: string | undefined
  let services = 0
  let documents = 0
  for (;;) {
    const rows = await deps.prisma.service.findMany({
      where: { status: { not: 'DEFUNCT' }, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: 'asc' },
      take: BATCH,
      select: SEARCH_SERVICE_SELECT,
    })
    if (rows.length === 0) break
    const docs = toSearchDocuments(rows, { now: deps.clock() })
    await search.upsert(docs)
    services += rows.length
    documents += docs.length
    after = rows.at(-1)!.id
    onProgress?.(services, total)
  }
  return { services, documents }
}

/** The outbox handler that keeps the index current. */
export function searchIndexHandlers(): Record<string, OutboxHandler> {
  return {
    [DIRECTORY_CHANGED]: async (message, deps) => {
      await indexServices({ deps, serviceIds: serviceIdsOf(message) })
    },
  }
}

export interface SearchHealth {
  /** ok: reachable and caught up; degraded: down, or behind (writes still succeed); */
  status: 'ok' | 'degraded'
  engine: string
  reachable: boolean
  /** directory.changed messages not yet applied to the index. */
  pending: number
  /** Age of the oldest of them, in seconds (null when none). */
  oldestPendingSeconds: number | null
  /** Messages whose last attempt failed (the engine refused or was unreachable). */
  failing: number
}

/** How far behind the index may fall before health says so (the worker drains every second). */
const BEHIND_AFTER_SECONDS = 60

export async function getSearchHealth({ deps }: { deps: ServiceDeps }): Promise<SearchHealth> {
  const [reachable, rows] = await Promise.all([
    deps.search.health().catch(() => 'down' as const),
    deps.prisma.$queryRaw<{ pending: number; failing: number; oldest: Date | null }[]>`
      SELECT count(*)::int AS "pending",
        count(*) FILTER (WHERE "lastError" IS NOT NULL)::int AS "failing",
        min("createdAt") AS "oldest"
      FROM "OutboxMessage" WHERE "topic" = ${DIRECTORY_CHANGED} AND "processedAt" IS NULL`,
  ])
  const r = rows[0] ?? { pending: 0, failing: 0, oldest: null }
  const oldest = r.oldest ? Math.max(0, Math.round((deps.clock().getTime() - new Date(r.oldest).getTime()) / 1000)) : null
  const up = reachable === 'ok'
  return {
    status: up && r.failing === 0 && (oldest === null || oldest < BEHIND_AFTER_SECONDS) ? 'ok' : 'degraded',
    engine: deps.search.name,
    reachable: up,
    pending: r.pending,
    oldestPendingSeconds: oldest,
    failing: r.failing,
  }
}

/**
 * After the engine comes back, owed index updates run now rather than when their backoff says
 * (up to an hour), and messages parked after many failures are given back their attempts: an
 * outage of any length is caught up in full. Returns how many were re-armed.
 */
export async function rearmSearchIndexing({ deps }: { deps: ServiceDeps }): Promise<number> {
  const now = deps.clock()
  return deps.prisma.outboxMessage.updateMany({
    where: { topic: DIRECTORY_CHANGED, processedAt: null, availableAt: { gt: now } },
    data: { availableAt: now, attempts: 0 },
  }).then((r) => r.count)
}

/**
 * Watches the engine: when it goes from down to reachable, re-arms the owed index updates. One
 * probe every `intervalMs`; cheap (the embedded engine answers in-process).
 */
export function startSearchWatch(options: {
  deps: ServiceDeps
  intervalMs?: number
  onRecovered?: (rearmed: number) => void
  onError?: (err: unknown) => void
}) {
  let wasDown = false
  let running = false
  const tick = async () => {
    if (running) return
    running = true
    try {
      const up = (await options.deps.search.health().catch(() => 'down')) === 'ok'
      if (up && wasDown) options.onRecovered?.(await rearmSearchIndexing({ deps: options.deps }))
      wasDown = !up
    } catch (err) {
      options.onError?.(err)
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => void tick(), options.intervalMs ?? 5_000)
  timer.unref()
  return { tick, stop: () => clearInterval(timer) }
}
