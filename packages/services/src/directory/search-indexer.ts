// The search index is a projection of the database (Conventions 5). Every directory write commits
// a `directory.changed` outbox message naming the services it touched; this handler re-reads those
// services and replaces their documents in the engine. When the engine is down the handler throws,
// the message stays in the outbox and is retried, so a write never waits for (or fails with) the
// search engine, and nothing is missed: the outbox row is the proof of what the index still owes.
import { SEARCH_SERVICE_SELECT, toSearchDocuments, type SearchIndex } from '@fsn/search'
import type { ServiceDeps } from '../context'
import type { ClaimedMessage, OutboxHandler } from '../outbox/outbox'
import { directoryWebhookHandlers } from '../webhooks/directory-events'

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

/**
 * The outbox handler that keeps the index current. With several API processes each holding its own
 * embedded index, `publish` tells them all (publishDirectoryChanged) once this process's own index
 * is done; a worker with no index of its own to serve (WORKER=only) passes `indexLocally: false`.
 * A failed publish fails the message, which is retried: every process hears at least once.
 */
export function searchIndexHandlers(
  options: { publish?: (serviceIds: string[]) => Promise<void>; indexLocally?: boolean } = {},
): Record<string, OutboxHandler> {
  return {
    // Partners' directory.changed webhooks: a separate topic and handler, listed here so every
    // worker that keeps the index also fans directory changes out to partners.
    ...directoryWebhookHandlers(),
    [DIRECTORY_CHANGED]: async (message, deps) => {
      const serviceIds = serviceIdsOf(message)
      if (options.indexLocally !== false) await indexServices({ deps, serviceIds })
      await options.publish?.(serviceIds)
    },
  }
}

// Fan-out to every API process's embedded index (several processes on one Postgres). Meilisearch
// is one shared engine and needs none of this.

/** The Postgres NOTIFY channel carrying `{ origin, serviceIds }` for every directory change. */
export const DIRECTORY_CHANNEL = 'fsn_directory_changed'

/** 36-character ids, about 150 per notification: well inside NOTIFY's 8,000-byte payload. */
const IDS_PER_NOTICE = 150

export interface DirectoryNotice {
  /** The process that published it (it has already indexed these itself). */
  origin: string
  serviceIds: string[]
}

/** NOTIFY every listening process that these services changed (outside any transaction: now). */
export async function publishDirectoryChanged(deps: ServiceDeps, serviceIds: readonly string[], origin: string): Promise<void> {
  for (let i = 0; i < serviceIds.length; i += IDS_PER_NOTICE) {
    const notice: DirectoryNotice = { origin, serviceIds: serviceIds.slice(i, i + IDS_PER_NOTICE) }
    await deps.prisma.$executeRaw`SELECT pg_notify(${DIRECTORY_CHANNEL}, ${JSON.stringify(notice)})`
  }
}

/** A notification's payload, or null when it is not one of ours (never throws on bad input). */
export function parseDirectoryNotice(payload: string): DirectoryNotice | null {
  try {
    const v = JSON.parse(payload) as Partial<DirectoryNotice>
    if (typeof v.origin !== 'string' || !Array.isArray(v.serviceIds)) return null
    if (!v.serviceIds.every((id) => typeof id === 'string')) return null
    return { origin: v.origin, serviceIds: v.serviceIds }
  } catch {
    return null
  }
}

/** Re-read this far behind the watermark: a message can commit its processedAt a little late. */
const CATCH_UP_OVERLAP_MS = 60_000

/**
 * The newest `processedAt` among directory.changed messages: the watermark to take just before an
 * index is built from the database (everything handled before it is in that build).
 */
export async function directoryWatermark({ deps }: { deps: ServiceDeps }): Promise<Date | null> {
  const rows = await deps.prisma.$queryRaw<{ at: Date | null }[]>`
    SELECT max("processedAt") AS "at" FROM "OutboxMessage" WHERE "topic" = ${DIRECTORY_CHANGED}`
  return rows[0]?.at ? new Date(rows[0].at) : null
}

/**
 * Catches an index up after missed notifications (a reconnect, a process that started late):
 * re-reads every service named by a directory.changed message handled since `since` (less an
 * overlap) or not handled yet, and returns the new watermark. Re-indexing is idempotent, so the
 * overlap costs a little work and never a wrong document.
 */
export async function catchUpSearchIndex({
  deps,
  since,
  search = deps.search,
}: {
  deps: ServiceDeps
  since: Date | null
  search?: SearchIndex
}): Promise<{ watermark: Date | null; services: number }> {
  const from = since ? new Date(since.getTime() - CATCH_UP_OVERLAP_MS) : new Date(0)
  const rows = await deps.prisma.$queryRaw<{ payload: unknown; processedAt: Date | null }[]>`
    SELECT "payload", "processedAt" FROM "OutboxMessage"
    WHERE "topic" = ${DIRECTORY_CHANGED} AND ("processedAt" IS NULL OR "processedAt" > ${from})`
  const ids = new Set<string>()
  let watermark = since
  for (const row of rows) {
    try {
      for (const id of serviceIdsOf(row)) ids.add(id)
    } catch {
      // a malformed message fails in the worker's handler, where it is reported
    }
    if (row.processedAt && (!watermark || new Date(row.processedAt) > watermark)) watermark = new Date(row.processedAt)
  }
  if (ids.size) await indexServices({ deps, serviceIds: [...ids], search })
  return { watermark, services: ids.size }
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
  /** Several workers: only the one holding the scheduler lease watches (main.ts). */
  shouldRun?: () => Promise<boolean>
  onRecovered?: (rearmed: number) => void
  onError?: (err: unknown) => void
}) {
  let wasDown = false
  let running = false
  const tick = async () => {
    if (running) return
    running = true
    try {
      if (options.shouldRun && !(await options.shouldRun())) return
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
