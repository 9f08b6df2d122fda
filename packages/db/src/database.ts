// One constructor decides where the data lives: embedded PGlite by default (a folder git ignores),
// real Postgres when a URL is given. Nothing above this file knows which.
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient } from './generated/prisma/client'
import { applyMigrations, type SqlExecutor } from './migrations'

export type DatabaseKind = 'pglite' | 'postgres'

export interface Database {
  kind: DatabaseKind
  prisma: PrismaClient
  sql: SqlExecutor
  /** Where the data is, for logs: a folder, "memory" or a URL without its password. */
  location: string
  /** Migrations applied by this open (empty when the schema was current). */
  migrationsApplied: string[]
  /** PostgreSQL's connection pool now (metrics); PGlite is one in-process connection and has none. */
  poolStats?(): PoolStats
  ping(): Promise<boolean>
  close(): Promise<void>
}

export interface PoolStats {
  /** Connections open. */
  total: number
  idle: number
  /** Queries waiting for a connection. */
  waiting: number
  /** The pool's size. */
  max: number
}

export interface OpenDatabaseOptions {
  /** postgres://... for real Postgres; absent for embedded PGlite. */
  url?: string
  /** PGlite data folder; absent for an in-memory database. */
  dataDir?: string
  /** Apply pending migrations (default true). */
  migrate?: boolean
  /** Postgres pool size (default 10). */
  poolSize?: number
  /** Called with each SQL statement Prisma sends: tests count them to catch N+1 queries. */
  onQuery?: (sql: string) => void
}

/**
 * How long an interactive transaction may wait for a connection, and run. Prisma's defaults (2 s
 * and 5 s) gave "Unable to start a transaction in the given time" on a loaded 2-core machine with 20
 * sends at once: a send holds its connection for a few tens of milliseconds when quiet but up to ~2 s
 * at load average 15-18 (CI), so 20 waiters on a 10-connection pool can queue past 2 s. A client
 * still gets an answer well inside an HTTP timeout; a database that is truly gone fails sooner, on
 * the pool's 5 s connection timeout (503).
 */
export const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const

function createClient(adapter: PrismaPg | PrismaPGlite, onQuery?: (sql: string) => void): PrismaClient {
  if (!onQuery) return new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS })
  const client = new PrismaClient({
    adapter,
    transactionOptions: TRANSACTION_OPTIONS,
    log: [{ emit: 'event', level: 'query' }],
  })
  client.$on('query', (e) => onQuery(e.query))
  return client as unknown as PrismaClient
}

function pgliteExecutor(db: PGlite | Parameters<Parameters<PGlite['transaction']>[0]>[0]): SqlExecutor {
  return {
    exec: async (sql) => {
      await db.exec(sql)
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows,
    transaction: async (fn) => {
      if (!('transaction' in db)) return fn(pgliteExecutor(db))
      return db.transaction((tx) => fn(pgliteExecutor(tx)))
    },
  }
}

function poolExecutor(pool: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    exec: async (sql) => {
      await pool.query(sql)
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[],
    transaction: async (fn) => {
      if (!('connect' in pool) || typeof (pool as pg.Pool).totalCount !== 'number') {
        return fn(poolExecutor(pool))
      }
      const client = await (pool as pg.Pool).connect()
      try {
        await client.query('BEGIN')
        const result = await fn(poolExecutor(client))
        await client.query('COMMIT')
        return result
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw err
      } finally {
        client.release()
      }
    },
  }
}

/**
 * A transaction's connection that dies under it (Postgres restart, network cut) is not always
 * released by Prisma's adapter: its ROLLBACK fails and the client stays checked out for ever, so
 * each outage can leak one; a few outages exhaust the pool and the API never recovers. Here a
 * checked-out client whose connection ends is handed back at once (with the error, so the pool
 * drops it), and a later release by its user is a no-op. Found by the database-restart fault test.
 */
function releaseOnConnectionLoss(pool: pg.Pool) {
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown
  pool.connect = ((...args: unknown[]) => {
    // The callback form is pg-pool's own (pool.query): it releases its clients itself.
    if (args.length > 0) return connect(...args)
    return (connect() as Promise<pg.PoolClient>).then((client) => {
      const release = client.release.bind(client)
      let released = false
      const onEnd = () => {
        if (released) return
        released = true
        release(new Error('connection to the database was lost'))
      }
      client.once('end', onEnd)
      client.release = (err?: Error | boolean) => {
        client.removeListener('end', onEnd)
        if (released) return
        released = true
        release(err)
      }
      return client
    })
  }) as typeof pool.connect
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return 'postgres (unparseable URL)'
  }
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const migrate = options.migrate ?? true
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      // Also how long a request waits in the pool's queue for a free connection (pg-pool has one
      // setting for both): 5 s refused 50 concurrent sends on a loaded 2-core machine. A database
      // that refuses connections still fails at once; one that hangs fails after this (503).
      connectionTimeoutMillis: 10_000,
    })
    // An idle client losing its server (Postgres restart) must not crash the process.
    pool.on('error', () => undefined)
    releaseOnConnectionLoss(pool)
    const sql = poolExecutor(pool)
    const migrationsApplied = migrate ? await applyMigrations(sql) : []
    const prisma = createClient(new PrismaPg(pool), options.onQuery)
    return {
      kind: 'postgres',
      prisma,
      sql,
      location: redactUrl(options.url),
      migrationsApplied,
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max }),
      ping: () => ping(sql),
      close: async () => {
        await prisma.$disconnect()
        await pool.end()
      },
    }
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true })
  const lite = await PGlite.create(options.dataDir)
  const sql = pgliteExecutor(lite)
  const migrationsApplied = migrate ? await applyMigrations(sql) : []
  const prisma = createClient(new PrismaPGlite(lite), options.onQuery)
  return {
    kind: 'pglite',
    prisma,
    sql,
    location: options.dataDir ?? 'memory',
    migrationsApplied,
    ping: () => ping(sql),
    close: async () => {
      await prisma.$disconnect()
      await lite.close()
    },
  }
}

async function ping(sql: SqlExecutor): Promise<boolean> {
  try {
    await sql.query('SELECT 1')
    return true
  } catch {
    return false
  }
}
