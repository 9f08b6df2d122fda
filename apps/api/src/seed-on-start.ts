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
    if (config.seed.mode === 'demo')
      throw new Error('FSN_SEED=demo is refused in production: demo users have a public password')
    await seedReferenceData(db.prisma)
    return { summary: 'reference data (regions, territorial authorities, taxonomies)', demoUsers: [] }
  }
  if (await isDatabaseSeeded(db.prisma)) return { summary: null, demoUsers: await existingDemoUsers(db) }
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
    demoUsers: await existingDemoUsers(db),
  }
}

/** Lists only the demo users really in the database (a CLI seed may have left them out). */
async function existingDemoUsers(db: Database) {
  const found = await db.prisma.user.findMany({
    where: { email: { in: DEMO_USERS.map((u) => u.email) } },
    select: { email: true },
  })
  const emails = new Set(found.map((u) => u.email))
  return DEMO_USERS.filter((u) => emails.has(u.email))
}
