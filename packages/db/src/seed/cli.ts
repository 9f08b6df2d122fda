// pnpm --filter @fsn/db seed -- [--providers 400] [--services 1500] [--seed 20261123] [--demo-users]
//                                [--database-url postgres://...] [--data-dir path]
// Seeds the database the API would open: --database-url, else --data-dir, else DATABASE_URL,
// else embedded PGlite in <repo>/.data/pglite.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import cliProgress from 'cli-progress'
import { hashPassword } from '@fsn/auth'
import { openDatabase } from '../database'
import { assertDemoUsersAllowed, DEMO_PASSWORD, DEMO_USERS } from './demo-users'
import { DEFAULT_PROVIDERS, DEFAULT_SEED, DEFAULT_SERVICES } from './generate'
import { seedDatabase } from './seed'

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..')
const DEFAULT_DATA_DIR = join(REPO_ROOT, '.data/pglite')
// Below this many providers + services the seed takes a few seconds: no bar needed.
const PROGRESS_BAR_FROM = 10_000

const USAGE = `Usage: pnpm --filter @fsn/db seed -- [options]
  --providers N        providers to generate (default ${DEFAULT_PROVIDERS})
  --services N         services to generate (default ${DEFAULT_SERVICES})
  --seed N             random seed; the same seed gives the same directory (default ${DEFAULT_SEED})
  --demo-users         also create the demo users (password ${DEMO_PASSWORD}; refused in production)
  --database-url URL   seed this Postgres database (default: DATABASE_URL)
  --data-dir PATH      seed embedded PGlite in this folder (default: ${DEFAULT_DATA_DIR})`


function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${value}"`)
  return n
}

async function main(): Promise<void> {
  // pnpm may pass the "--" separator through; it is not an option.
  const args = process.argv.slice(2).filter((a) => a !== '--')
  const { values } = parseArgs({
    args,
    options: {
      providers: { type: 'string' },
      services: { type: 'string' },
      seed: { type: 'string' },
      'demo-users': { type: 'boolean', default: false },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const providers = positiveInt('providers', values.providers, DEFAULT_PROVIDERS)
  const services = positiveInt('services', values.services, DEFAULT_SERVICES)
  const seed = positiveInt('seed', values.seed, DEFAULT_SEED)
  if (values['demo-users']) assertDemoUsersAllowed()
  const demoUsers = values['demo-users'] ? { hashPassword } : false

  const url = values['database-url'] ?? (values['data-dir'] ? undefined : process.env.DATABASE_URL)
  const dataDir = url ? undefined : (values['data-dir'] ?? DEFAULT_DATA_DIR)
  const db = await openDatabase({ url, dataDir })
  console.log(`Seeding ${db.kind === 'postgres' ? db.location : `embedded PGlite (${db.location})`}`)
  if (db.migrationsApplied.length) console.log(`  applied ${db.migrationsApplied.length} migration(s)`)

  const total = providers + services
  const bar =
    total >= PROGRESS_BAR_FROM
      ? new cliProgress.SingleBar(
          {
            format: '  {bar} {percentage}% | {value}/{total} | {label} | {duration_formatted}',
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined
  bar?.start(total, 0, { label: 'reference data' })
  try {
    const result = await seedDatabase({
      db,
      seed,
      providers,
      services,
      demoUsers,
      onProgress: (done, _total, label) => bar?.update(done, { label }),
    })
    bar?.stop()
    const r = result.reference
    console.log(
      `  reference data: ${r.regions} regions, ${r.territorialAuthorities} territorial authorities, ` +
        `${r.openEligibilityTerms} Open Eligibility terms, ${r.categories} categories`,
    )
    if (result.directorySkipped) {
      console.log(
        '  directory already seeded: left as it is (seed an empty database, or delete the data folder, to reseed)',
      )
    } else {
      for (const [table, n] of Object.entries(result.rows))
        console.log(`  ${table.padEnd(24)} ${n.toLocaleString('en-NZ')}`)
    }
    if (result.demoUsers.length) {
      console.log(`  demo users (password ${DEMO_PASSWORD}):`)
      for (const u of DEMO_USERS) console.log(`    ${u.email.padEnd(30)} ${u.description}`)
    }
    console.log(`Done in ${(result.elapsedMs / 1000).toFixed(1)} s (seed ${seed})`)
  } finally {
    bar?.stop()
    await db.close()
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exitCode = 1
})
