// `pnpm hsds export | import | reindex` as a user runs them: a real process on a PGlite folder.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase, seedProvider, seedReferenceData } from '@fsn/db'
import { validateHsds } from '@fsn/services'
import { REPO_ROOT } from '../src/config'

const root = mkdtempSync(join(tmpdir(), 'fsn-hsds-'))
const cli = (dataDir: string, ...args: string[]) =>
  spawnSync(
    join(REPO_ROOT, 'node_modules/.bin/tsx'),
    [join(REPO_ROOT, 'apps/api/src/cli/hsds.ts'), ...args],
    {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
    },
  )

describe('pnpm hsds', () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  // Two runs only: each opens the PGlite folder (seconds). Reindex is tested in packages/services.
  it("exports valid HSDS; importing it back changes nothing and names a broken record's field", async () => {
    const from = join(root, 'db')
    const files = join(root, 'files')
    mkdirSync(files)
    const db = await openDatabase({ dataDir: from })
    await seedReferenceData(db.prisma)
    await seedProvider(db.prisma, { name: 'Kāpiti Whānau Support', categories: ['parenting-support'] })
    await seedProvider(db.prisma, { regionCode: '13', name: 'Ōtautahi Food Bank', categories: ['food'] })
    await db.close()

    const exported = cli(from, 'export', '--out', join(files, 'services.json'))
    expect(exported.stderr).toContain('exported 2 services')
    expect(exported.status).toBe(0)
    const docs = JSON.parse(readFileSync(join(files, 'services.json'), 'utf8')) as Record<string, unknown>[]
    expect(docs).toHaveLength(2)
    for (const doc of docs) expect(validateHsds('service', doc)).toEqual([])

    // A second file in the folder, one line per document, with a record missing its name.
    const nameless: Record<string, unknown> = {
      ...docs[0]!,
      id: '0195f0c0-0000-7000-8000-0000000000c1',
      service_at_locations: [],
    }
    delete nameless.name
    writeFileSync(join(files, 'more.ndjson'), `${JSON.stringify(nameless)}\n`)
    const imported = cli(from, 'import', files)
    expect(imported.stdout).toContain('created 0, updated 0, unchanged 2, failed 1')
    expect(imported.stdout).toContain(
      'FAILED   more.ndjson: service 0195f0c0-0000-7000-8000-0000000000c1  name: is required',
    )
    expect(imported.status).toBe(1)
    const check = await openDatabase({ dataDir: from })
    try {
      expect(await check.prisma.service.count()).toBe(2)
      expect(await check.prisma.outboxMessage.count()).toBe(0)
    } finally {
      await check.close()
    }
  })
})
