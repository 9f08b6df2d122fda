// Migrations run once: `pnpm migrate` started three times at once on an empty Postgres database
// (replicas starting together) all succeed, and every migration is recorded exactly once (the
// runner serialises on an advisory lock, packages/db migrations.ts). A fourth run finds it current.
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createThrowawayDatabase } from '@fsn/db/testing'
import pg from 'pg'
import { REPO_ROOT } from '../../src/config'

const DATABASE = process.env.TEST_DATABASE_URL

function migrate(url: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      join(REPO_ROOT, 'node_modules/.bin/tsx'),
      [join(REPO_ROOT, 'apps/api/src/cli/migrate.ts')],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: url },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('exit', (code) => resolve({ code, out }))
  })
}

describe.skipIf(!DATABASE)('pnpm migrate on Postgres', () => {
  const cleanups: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined)
  })

  it(
    'three at once apply each migration once; a fourth finds the schema current',
    { timeout: 240_000 },
    async () => {
      const db = await createThrowawayDatabase(DATABASE!, 'fsn_migrate')
      cleanups.push(db.drop)
      const runs = await Promise.all([migrate(db.url), migrate(db.url), migrate(db.url)])
      const expected = readdirSync(join(REPO_ROOT, 'prisma/migrations'), { withFileTypes: true }).filter(
        (d) => d.isDirectory(),
      ).length
      const client = new pg.Client({ connectionString: db.url })
      await client.connect()
      const { rows } = await client.query<{ n: number; distinct: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT migration_name)::int AS "distinct" FROM "_prisma_migrations"',
      )
      await client.end()
      const again = await migrate(db.url)
      console.log(
        `pnpm migrate x3: ${runs.map((r) => r.out.trim().split('\n')[0]).join(' | ')}; then: ${again.out.trim()}`,
      )
      expect(runs.map((r) => r.code)).toEqual([0, 0, 0])
      // One run applied them all; the others waited on the lock and found nothing to do.
      expect(runs.filter((r) => r.out.includes(`applied ${expected} to`)).length).toBe(1)
      expect(rows[0]).toEqual({ n: expected, distinct: expected })
      expect(again.code).toBe(0)
      expect(again.out).toContain('is current')
    },
  )
})
