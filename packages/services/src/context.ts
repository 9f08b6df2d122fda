import type { PrismaClient } from '@fsn/db'
import type { SessionPolicy } from '@fsn/auth'

/** What every use case may use. Built once in the composition root (apps/api/src/main.ts). */
export interface ServiceDeps {
  prisma: PrismaClient
  /** Time is passed in so rules and tests never read the wall clock themselves. */
  clock: () => Date
  sessionPolicy: SessionPolicy
}

/** The Prisma client inside `$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]
