import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '@fsn/db'
import { writeAudit } from '@fsn/services'
import { REPO_ROOT } from '../src/config'

const dataDir = mkdtempSync(join(tmpdir(), 'fsn-audit-'))
const cli = () =>
  spawnSync(join(REPO_ROOT, 'node_modules/.bin/tsx'), [join(REPO_ROOT, 'apps/api/src/cli/verify-audit.ts')], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  })

describe('pnpm audit:verify', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('verifies an intact chain, then finds a tampered row', async () => {
    let db = await openDatabase({ dataDir })
    for (let i = 0; i < 5; i++) {
      await db.prisma.$transaction((tx) =>
        writeAudit(tx, { occurredAt: new Date(Date.UTC(2026, 10, 23, 0, i)), actorId: null, actorOrganisationId: null, action: 'test', entityType: 'T', entityId: `t${i}`, data: { i, kind: 'whānau' } }),
      )
    }
    await db.close()
    const ok = cli()
    expect(ok.stdout).toContain('audit chain verified: 5 records')
    expect(ok.status).toBe(0)

    db = await openDatabase({ dataDir })
    const third = await db.prisma.auditRecord.findFirstOrThrow({ orderBy: { seq: 'asc' }, skip: 2 })
    await db.prisma.auditRecord.update({ where: { id: third.id }, data: { data: { i: 2, kind: 'changed' } } })
    await db.close()
    const bad = cli()
    expect(bad.stderr).toContain(`BROKEN at record seq ${third.seq}`)
    expect(bad.status).toBe(1)
  })
})
