// Test databases: every suite runs on embedded PGlite, and also on real Postgres when
// TEST_DATABASE_URL names a server (each open gets a throwaway database, dropped on close).
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type Database, type DatabaseKind, type OpenDatabaseOptions } from './database'

export function testDatabaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']
}

export async function openTestDatabase(
  kind: DatabaseKind,
  options: Pick<OpenDatabaseOptions, 'onQuery'> = {},
): Promise<Database> {
  if (kind === 'pglite') return openDatabase(options)
  const adminUrl = process.env.TEST_DATABASE_URL
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set')
  const name = `fsn_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const db = await openDatabase({ url: url.toString(), poolSize: 4, ...options })
  return {
    ...db,
    close: async () => {
      await db.close()
      const admin2 = new pg.Client({ connectionString: adminUrl })
      await admin2.connect()
      await admin2.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await admin2.end()
    },
  }
}
