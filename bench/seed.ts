// Prints how long the deterministic seed takes at several sizes on embedded PGlite (and on
// Postgres when BENCH_DATABASE_URL names a server; each size gets a throwaway database).
// Usage: pnpm bench:seed [-- --sizes 400x1500,2000x10000]
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { openDatabase, seedDatabase, type Database } from '@fsn/db'

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '400x1500,2000x10000' } } })
const sizes = values.sizes!.split(',').map((s) => s.split('x').map(Number) as [number, number])

async function open(kind: 'pglite' | 'postgres'): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openDatabase()
    return { db, drop: () => db.close() }
  }
  const admin = process.env.BENCH_DATABASE_URL!
  const name = `fsn_bench_${randomBytes(4).toString('hex')}`
  const c = new pg.Client({ connectionString: admin })
  await c.connect()
  await c.query(`CREATE DATABASE "${name}"`)
  await c.end()
  const url = new URL(admin)
  url.pathname = `/${name}`
  const db = await openDatabase({ url: url.toString() })
  return {
    db,
    drop: async () => {
      await db.close()
      const c2 = new pg.Client({ connectionString: admin })
      await c2.connect()
      await c2.query(`DROP DATABASE "${name}" WITH (FORCE)`)
      await c2.end()
    },
  }
}

const kinds: ('pglite' | 'postgres')[] = process.env.BENCH_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']
const rows: string[] = []
for (const kind of kinds) {
  for (const [providers, services] of sizes) {
    const { db, drop } = await open(kind)
    const t0 = performance.now()
    await seedDatabase({ db, providers, services, now: new Date('2026-11-23T00:00:00Z'), demoUsers: false })
    const seconds = (performance.now() - t0) / 1000
    rows.push(`| ${kind} | ${providers} | ${services} | ${seconds.toFixed(2)} | ${Math.round(services / seconds)} |`)
    await drop()
  }
}
console.log('| database | providers | services | seconds | services/s |')
console.log('|---|---:|---:|---:|---:|')
for (const r of rows) console.log(r)
