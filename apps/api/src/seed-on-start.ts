// First start in development seeds a realistic directory and the demo users. Production seeds
// only reference data (regions, territorial authorities, taxonomies) and refuses demo users.
import { DEMO_USERS, isDatabaseSeeded, seedDatabase, seedReferenceData, type Database } from '@fsn/db'
import type { Config } from './config'

export interface SeedOutcome {
  summary: string | null
  demoUsers: readonly { email: string; description: string }[]
}

export async function seedOnStart({
  db,
  config,
  hashPassword,
}: {
  db: Database
  config: Config
  hashPassword: (plain: string) => Promise<string>
}): Promise<SeedOutcome> {
  if (config.seed.mode === 'off') return { summary: null, demoUsers: [] }
  if (config.env === 'production') {
    if (config.seed.mode === 'demo') throw new Error('FSN_SEED=demo is refused in production: demo users have a public password')
    await seedReferenceData(db.prisma)
    return { summary: 'reference data (regions, territorial authorities, taxonomies)', demoUsers: [] }
  }
  const demoUsers = DEMO_USERS
  if (await isDatabaseSeeded(db.prisma)) return { summary: null, demoUsers }
  const t0 = performance.now()
  await seedDatabase({
    db,
    seed: config.seed.random,
    providers: config.seed.providers,
    services: config.seed.services,
    now: new Date(),
    demoUsers: { hashPassword },
  })
  const seconds = ((performance.now() - t0) / 1000).toFixed(1)
  return {
    summary: `${config.seed.providers} providers, ${config.seed.services} services in ${seconds} s (seed ${config.seed.random})`,
    demoUsers,
  }
}
