import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it, afterAll, beforeAll } from 'vitest'
import { applyMigrations, readMigrations, MigrationChecksumError, MIGRATIONS_DIR } from '../src/migrations'
import { openTestDatabase, testDatabaseKinds } from '../src/testing'
import type { Database } from '../src/database'

describe('schema.prisma and prisma/migrations', () => {
  // Spawns Prisma's schema engine on a shadow PGlite: 136 s once on a 2-core machine at load 20.
  it('agree (prisma migrate diff --from-migrations --exit-code)', { timeout: 400_000 }, () => {
    const root = join(MIGRATIONS_DIR, '../..')
    const res = spawnSync(process.execPath, ['scripts/prisma.mjs', 'migration-check'], {
      cwd: root,
      encoding: 'utf8',
    })
    expect(res.stderr + res.stdout).toContain('migrations match prisma/schema.prisma')
    expect(res.status).toBe(0)
  })
})

describe.each(testDatabaseKinds())('migrations on %s', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await openTestDatabase(kind)
  })
  afterAll(async () => {
    await db?.close()
  })

  it('applies every migration on first open and records it in _prisma_migrations', async () => {
    expect(db.migrationsApplied).toEqual(readMigrations().map((m) => m.name))
    const rows = await db.sql.query<{ migration_name: string }>(
      'SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name',
    )
    expect(rows.map((r) => r.migration_name)).toEqual(db.migrationsApplied)
  })

  it('applies nothing the second time', async () => {
    expect(await applyMigrations(db.sql)).toEqual([])
  })

  it('refuses to run over a migration edited after it was applied', async () => {
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'x'.repeat(64) } : m))
    await expect(applyMigrations(db.sql, edited)).rejects.toBeInstanceOf(MigrationChecksumError)
  })

  it('serves the Prisma client over the same connection', async () => {
    const region = await db.prisma.region.create({
      data: {
        code: '99',
        isoCode: 'NZ-XX',
        name: 'Test',
        island: 'North',
        council: 'Test',
        centroidLat: -41,
        centroidLng: 174,
      },
    })
    expect(region.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/) // UUID v7
    expect(await db.prisma.region.count()).toBe(1)
    expect(await db.ping()).toBe(true)
  })
})
