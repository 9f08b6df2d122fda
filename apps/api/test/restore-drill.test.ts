// The restore drill of docs/operations.md ("Restore drill"), performed on a real PostgreSQL server:
// a small network sends referrals through the API (so the audit chain has records), `pg_dump -Fc`
// takes the backup, `pg_restore` puts it into a new database, and there the audit chain verifies,
// no migration is pending, every table holds the same number of rows, and a new audited write
// continues the chain. Both databases are dropped. Needs TEST_DATABASE_URL and PostgreSQL's client
// tools (pg_dump, pg_restore) of the server's major version; skipped without TEST_DATABASE_URL.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { sessionPolicy } from '@fsn/auth'
import { openDatabase, seedReferenceData, type Database } from '@fsn/db'
import { createThrowawayDatabase } from '@fsn/db/testing'
import { createEmbeddedSearchIndex } from '@fsn/search'
import { rebuildSearchIndex, verifyAuditChain, writeAudit, type ServiceDeps } from '@fsn/services'
import { createApp } from '../src/app'
import { postJson, type TestApp } from './harness'
import { referralNetwork, sendOne } from './referrals.harness'

const adminUrl = process.env.TEST_DATABASE_URL

/** Every table in the public schema with its exact row count. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const tables = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    )
    const counts: Record<string, number> = {}
    for (const { name } of tables.rows) {
      const r = await client.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM "${name.replaceAll('"', '""')}"`,
      )
      counts[name] = Number(r.rows[0]!.n)
    }
    return counts
  } finally {
    await client.end()
  }
}

describe.skipIf(!adminUrl)('restore drill on PostgreSQL (pg_dump -Fc, pg_restore)', () => {
  const cleanup: (() => Promise<unknown>)[] = []
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined)
  }, 60_000)

  it('a backup restores into a new database with the audit chain intact and every row there', async () => {
    // The live database: migrated, reference data, a network, three referrals sent, one accepted.
    const source = await createThrowawayDatabase(adminUrl!, 'fsn_drill_live')
    cleanup.push(source.drop)
    let db: Database | undefined = await openDatabase({ url: source.url, poolSize: 4 })
    cleanup.push(async () => db?.close())
    await seedReferenceData(db.prisma)
    let now = new Date('2026-11-22T20:00:00Z')
    const clock = () => now
    const deps: ServiceDeps = {
      prisma: db.prisma,
      clock,
      sessionPolicy: sessionPolicy(30),
      search: createEmbeddedSearchIndex({ clock }),
      resolveHost: async () => ['151.101.2.15'],
    }
    const app = createApp({ deps, db, cookieSecure: false, bodyLimitBytes: 64 * 1024, graphiql: false })
    const t: TestApp = {
      app,
      db,
      deps,
      setNow: (d) => (now = d),
      reindex: async () => void (await rebuildSearchIndex({ deps })),
      close: async () => db?.close(),
    }
    const network = await referralNetwork(t)
    await t.reindex()
    const sent: string[] = []
    for (let i = 0; i < 3; i++) {
      const { res, body } = await sendOne(t, network)
      expect(res.status, JSON.stringify(body)).toBe(201)
      sent.push(body.id as string)
    }
    t.setNow(new Date('2026-11-22T21:00:00Z'))
    const accepted = await postJson(
      t,
      `/api/v1/referrals/${sent[0]}/accept`,
      {},
      { cookie: network.cookies.intake! },
    )
    expect(accepted.status, await accepted.clone().text()).toBe(200)

    const audited = await db.prisma.auditRecord.count()
    expect(audited).toBeGreaterThanOrEqual(4)
    expect(await db.prisma.$transaction((tx) => verifyAuditChain(tx))).toBeNull()
    const before = await rowCounts(source.url)
    expect(before.Referral).toBe(3)

    // The backup, as the nightly job takes it (docs/operations.md, "Backups").
    const work = mkdtempSync(join(tmpdir(), 'fsn-restore-drill-'))
    cleanup.push(async () => rmSync(work, { recursive: true, force: true }))
    const dump = join(work, 'fsn.dump')
    execFileSync('pg_dump', ['-Fc', '--no-owner', '-f', dump, '-d', source.url], { stdio: 'pipe' })
    expect(statSync(dump).size).toBeGreaterThan(1000)
    await db.close()
    db = undefined

    // The restore, into a database of its own.
    const target = await createThrowawayDatabase(adminUrl!, 'fsn_drill_restored')
    cleanup.push(target.drop)
    execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '-d', target.url, dump], { stdio: 'pipe' })

    // There: every table, the same rows; the schema current (the start applies nothing); the audit
    // chain verifies; the next audited write continues it (the sequences came back too).
    expect(await rowCounts(target.url)).toEqual(before)
    const restored = await openDatabase({ url: target.url, poolSize: 2 })
    try {
      expect(restored.migrationsApplied).toEqual([])
      expect(await restored.prisma.auditRecord.count()).toBe(audited)
      expect(await restored.prisma.$transaction((tx) => verifyAuditChain(tx))).toBeNull()
      await restored.prisma.$transaction((tx) =>
        writeAudit(tx, {
          occurredAt: new Date('2026-11-22T22:00:00Z'),
          actorId: null,
          actorOrganisationId: null,
          action: 'restore.drill',
          entityType: 'Database',
          entityId: 'restore-drill',
          data: { restoredFrom: 'pg_dump -Fc' },
        }),
      )
      expect(await restored.prisma.$transaction((tx) => verifyAuditChain(tx))).toBeNull()
      expect(await restored.prisma.auditRecord.count()).toBe(audited + 1)
      // And the drill catches a damaged restore: a changed record breaks the chain there.
      const first = await restored.prisma.auditRecord.findFirstOrThrow({ orderBy: { seq: 'asc' } })
      await restored.prisma.auditRecord.update({ where: { id: first.id }, data: { action: 'changed' } })
      expect(await restored.prisma.$transaction((tx) => verifyAuditChain(tx))).toBe(first.seq)
    } finally {
      await restored.close()
    }
  }, 120_000)
})
