// Seeds a database: reference data, then the generated directory (batched createMany inside one
// transaction, so a failed seed leaves nothing half-written), then demo users when asked.
import type { Database } from '../database'
import type { PrismaClient } from '../generated/prisma/client'
import { assertDemoUsersAllowed, seedDemoUsers, type SeededDemoUser } from './demo-users'
import { seedCcsDemoReferral } from './demo-ccs-referral'
import {
  BATCH_TABLES,
  DEFAULT_PROVIDERS,
  DEFAULT_SEED,
  DEFAULT_SERVICES,
  generateDirectoryBatches,
  type DirectoryBatch,
  type DirectoryTable,
} from './generate'
import { loadGeneratorReference, seedReferenceData, type ReferenceCounts } from './reference'

export interface SeedDatabaseOptions {
  db: Database
  seed?: number
  providers?: number
  services?: number
  now?: Date
  /** Create the demo users (never in production); needs a password hasher from @fsn/auth. */
  demoUsers?: false | { hashPassword: (plain: string) => Promise<string> }
  /** Called as rows are written: providers and services done of the total. */
  onProgress?: (done: number, total: number, label: string) => void
  /** Services generated and written per batch (default 2,000). */
  batchSize?: number
}

export interface SeedDatabaseResult {
  reference: ReferenceCounts
  /** True when the directory was already there and was left alone. */
  directorySkipped: boolean
  rows: Record<DirectoryTable, number>
  demoUsers: SeededDemoUser[]
  elapsedMs: number
}

/** Whether a directory has been seeded (any organisation exists). */
export async function isDatabaseSeeded(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.organisation.count()) > 0
}

// Postgres allows 65,535 bind parameters per statement; stay well under it.
const MAX_PARAMS = 30_000

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]

function writers(tx: Tx): Record<DirectoryTable, (rows: never[]) => Promise<unknown>> {
  return {
    organisations: (data) => tx.organisation.createMany({ data }),
    organisationIdentifiers: (data) => tx.organisationIdentifier.createMany({ data }),
    locations: (data) => tx.location.createMany({ data }),
    accessibility: (data) => tx.accessibility.createMany({ data }),
    accreditations: (data) => tx.accreditation.createMany({ data }),
    contacts: (data) => tx.contact.createMany({ data }),
    services: (data) => tx.service.createMany({ data }),
    serviceCategories: (data) => tx.serviceTaxonomyTerm.createMany({ data }),
    serviceAtLocations: (data) => tx.serviceAtLocation.createMany({ data }),
    serviceAreas: (data) => tx.serviceArea.createMany({ data }),
    costOptions: (data) => tx.costOption.createMany({ data }),
    requiredAccreditations: (data) => tx.requiredAccreditation.createMany({ data }),
    phones: (data) => tx.phone.createMany({ data }),
    schedules: (data) => tx.schedule.createMany({ data }),
    languages: (data) => tx.language.createMany({ data }),
  }
}

async function writeBatch(
  tx: Tx,
  batch: DirectoryBatch,
  rows: Record<DirectoryTable, number>,
): Promise<void> {
  const write = writers(tx)
  for (const table of BATCH_TABLES) {
    const data = batch[table] as object[]
    if (data.length === 0) continue
    let columns = 1
    for (const row of data.slice(0, 50)) columns = Math.max(columns, Object.keys(row).length)
    const chunk = Math.max(1, Math.floor(MAX_PARAMS / columns))
    for (let i = 0; i < data.length; i += chunk) await write[table](data.slice(i, i + chunk) as never[])
    rows[table] += data.length
  }
}

export async function seedDatabase(options: SeedDatabaseOptions): Promise<SeedDatabaseResult> {
  // Checked before anything is written: a refused seed must leave the database untouched.
  if (options.demoUsers) assertDemoUsersAllowed()
  const started = performance.now()
  const { prisma } = options.db
  const seed = options.seed ?? DEFAULT_SEED
  const providers = options.providers ?? DEFAULT_PROVIDERS
  const services = options.services ?? DEFAULT_SERVICES
  const now = options.now ?? new Date()
  const total = providers + services
  const progress = options.onProgress ?? (() => undefined)

  progress(0, total, 'reference data')
  const reference = await seedReferenceData(prisma)
  const rows = Object.fromEntries(BATCH_TABLES.map((t) => [t, 0])) as Record<DirectoryTable, number>

  const directorySkipped = await isDatabaseSeeded(prisma)
  if (!directorySkipped) {
    const ref = await loadGeneratorReference(prisma)
    const batches = generateDirectoryBatches({
      ...ref,
      seed,
      providers,
      services,
      now,
      batchSize: options.batchSize,
    })
    await prisma.$transaction(
      async (tx) => {
        for (const batch of batches) {
          await writeBatch(tx, batch, rows)
          progress(
            batch.progress.providers + batch.progress.services,
            total,
            batch.progress.services > 0 ? 'services' : 'providers',
          )
        }
      },
      // Large seeds (100,000 services) take minutes; the default interactive timeout is 5 s.
      { timeout: 60 * 60_000, maxWait: 60_000 },
    )
  }

  const demoUsers = options.demoUsers
    ? await seedDemoUsers(prisma, { hashPassword: options.demoUsers.hashPassword, now })
    : []
  // The triage -> CCS referral waiting in the connector's inbox (README, the CCS path).
  if (demoUsers.length > 0) await seedCcsDemoReferral(prisma, demoUsers, now)
  progress(total, total, 'done')
  return { reference, directorySkipped, rows, demoUsers, elapsedMs: Math.round(performance.now() - started) }
}
