// Readiness (/ready): may this process be sent traffic? Unlike /health (alive; degraded is still
// 200), it answers 503 until the database answers, every migration on disk is applied, and this
// process's search index is built and caught up, so a load balancer or orchestrator holds traffic
// off a process that is starting, or whose embedded index missed changes.
import { readMigrations } from '@fsn/db'
import { DIRECTORY_CHANGED, type ServiceDeps } from '@fsn/services'

/**
 * Where this process's search index stands. The default reads the outbox; a process that hears of
 * directory changes another way (the multi-process fan-out) passes its own.
 */
export interface SearchProgress {
  /** The index has been built (main.ts builds the embedded one before serving). */
  built(): boolean
  /** Seconds the index is behind the directory: 0 when caught up, null when it cannot tell. */
  lagSeconds(): Promise<number | null>
}

/** "Caught up": no owed index update older than this. The worker drains every second. */
export const SEARCH_CAUGHT_UP_SECONDS = 5

/**
 * The outbox's word for it: the age of the oldest directory.changed message not yet handled. Every
 * directory write commits one, and handling it updates the index.
 */
export function outboxSearchProgress(deps: ServiceDeps, built: () => boolean = () => true): SearchProgress {
  return {
    built,
    async lagSeconds() {
      const now = deps.clock()
      const [row] = await deps.prisma.$queryRaw<{ oldest: Date | null }[]>`
        SELECT min("createdAt") AS "oldest" FROM "OutboxMessage"
        WHERE "topic" = ${DIRECTORY_CHANGED} AND "processedAt" IS NULL`
      return row?.oldest ? Math.max(0, (now.getTime() - new Date(row.oldest).getTime()) / 1000) : 0
    },
  }
}

export interface ReadyBody {
  status: 'ready' | 'not ready'
  /** The checks that failed, by name; empty when ready. */
  failing: ('database' | 'migrations' | 'search')[]
  database: 'ok' | 'down'
  migrations: { status: 'ok' | 'pending' | 'changed' | 'unknown'; onDisk: number; applied: number; pending: string[] }
  search: { status: 'ok' | 'building' | 'behind' | 'unknown'; engine: string; local: boolean; lagSeconds: number | null }
}

let onDisk: { name: string; checksum: string }[] | undefined

export function readinessCheck({
  deps,
  db,
  search,
}: {
  deps: ServiceDeps
  db: { ping(): Promise<boolean> }
  search: SearchProgress
}): () => Promise<ReadyBody> {
  return async () => {
    onDisk ??= readMigrations().map(({ name, checksum }) => ({ name, checksum }))
    const database = (await db.ping()) ? 'ok' : 'down'
    const migrations: ReadyBody['migrations'] = { status: 'unknown', onDisk: onDisk.length, applied: 0, pending: [] }
    // The embedded engine is this process's own; a shared engine (Meilisearch) is the same for every
    // process, so its lag is reported but taking this one process out of service would not help.
    const local = deps.search.name.startsWith('embedded')
    const searchState: ReadyBody['search'] = { status: 'unknown', engine: deps.search.name, local, lagSeconds: null }
    if (database === 'ok') {
      try {
        const rows = await deps.prisma.$queryRaw<{ name: string; checksum: string }[]>`
          SELECT "migration_name" AS "name", "checksum" FROM "_prisma_migrations"
          WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`
        const applied = new Map(rows.map((r) => [r.name, r.checksum]))
        migrations.applied = rows.length
        migrations.pending = onDisk.filter((m) => !applied.has(m.name)).map((m) => m.name)
        // A migration edited after it was applied: start-up refuses it (migrations.ts), so must this.
        const changed = onDisk.some((m) => applied.has(m.name) && applied.get(m.name) !== m.checksum)
        migrations.status = changed ? 'changed' : migrations.pending.length ? 'pending' : 'ok'
      } catch {
        // No history table yet: nothing applied.
        migrations.status = 'pending'
        migrations.pending = onDisk.map((m) => m.name)
      }
      if (!search.built()) searchState.status = 'building'
      else {
        searchState.lagSeconds = await search.lagSeconds().catch(() => null)
        searchState.status =
          searchState.lagSeconds === null ? 'unknown' : searchState.lagSeconds <= SEARCH_CAUGHT_UP_SECONDS ? 'ok' : 'behind'
      }
    }
    const failing: ReadyBody['failing'] = []
    // With the database down the other two cannot be read: it alone is named.
    if (database !== 'ok') failing.push('database')
    else {
      if (migrations.status !== 'ok') failing.push('migrations')
      if (searchState.status === 'building' || (local && searchState.status !== 'ok')) failing.push('search')
    }
    return { status: failing.length ? 'not ready' : 'ready', failing, database, migrations, search: searchState }
  }
}
