import type { PrismaClient } from '@fsn/db'
import type { SessionPolicy } from '@fsn/auth'
import type { SearchIndex } from '@fsn/search'

/** What every use case may use. Built once in the composition root (apps/api/src/main.ts). */
export interface ServiceDeps {
  prisma: PrismaClient
  /** Time is passed in so rules and tests never read the wall clock themselves. */
  clock: () => Date
  sessionPolicy: SessionPolicy
  /**
   * The directory's search engine (embedded or Meilisearch). A projection of the database, kept
   * current by the `directory.changed` outbox handler; never written inside a transaction.
   */
  search: SearchIndex
}

/** The Prisma client inside `$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]
