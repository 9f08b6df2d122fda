// Prints how long the deterministic seed takes at several sizes on embedded PGlite (and on
// Postgres when BENCH_DATABASE_URL names a server; each size gets a throwaway database).
// Usage: pnpm bench:seed [-- --sizes 400x1500,2000x10000]
import { parseArgs } from 'node:util'
import { openDatabase, seedDatabase, type Database } from '@fsn/db'
import { createThrowawayDatabase } from '@fsn/db/testing'

const { values } = parseArgs({
  // pnpm passes the '--' separator through.
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { sizes: { type: 'string', default: '400x1500,2000x10000' } },
})
const sizes = values.sizes!.split(',').map((s) => s.split('x').map(Number) as [number, number])

async function open(kind: 'pglite' | 'postgres'): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openDatabase()
    return { db, drop: () => db.close() }
  }
  const throwaway = await createThrowawayDatabase(process.env.BENCH_DATABASE_URL!, 'fsn_bench')
  const db = await openDatabase({ url: throwaway.url })
  return { db, drop: async () => (await db.close(), await throwaway.drop()) }
}

const kinds: ('pglite' | 'postgres')[] = process.env.BENCH_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']
const rows: string[] = []
for (const kind of kinds) {
  for (const [providers, services] of sizes) {
    const { db, drop } = await open(kind)
    const t0 = performance.now()
    await seedDatabase({ db, providers, services, now: new Date('2026-11-23T00:00:00Z'), demoUsers: false })
    const seconds = (performance.now() - t0) / 1000
    rows.push(
      `| ${kind} | ${providers} | ${services} | ${seconds.toFixed(2)} | ${Math.round(services / seconds)} |`,
    )
    await drop()
  }
}
console.log('| database | providers | services | seconds | services/s |')
console.log('|---|---:|---:|---:|---:|')
for (const r of rows) console.log(r)
