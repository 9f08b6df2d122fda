// Test databases: every suite runs on embedded PGlite, and also on real Postgres when
// TEST_DATABASE_URL names a server (each open gets a throwaway database, dropped on close).
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type Database, type DatabaseKind, type OpenDatabaseOptions } from './database'

export function testDatabaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']
}

async function adminQuery(adminUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** Creates an empty database on the server behind adminUrl; `drop` removes it even if in use. */
export async function createThrowawayDatabase(adminUrl: string, prefix = 'fsn_test') {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) }
}

export async function openTestDatabase(
  kind: DatabaseKind,
  options: Pick<OpenDatabaseOptions, 'onQuery'> = {},
): Promise<Database> {
  if (kind === 'pglite') return openDatabase(options)
  const adminUrl = process.env.TEST_DATABASE_URL
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set')
  const throwaway = await createThrowawayDatabase(adminUrl)
  const db = await openDatabase({ url: throwaway.url, poolSize: 4, ...options })
  return {
    ...db,
    close: async () => {
      await db.close()
      await throwaway.drop()
    },
  }
}
