import type { PrismaClient } from '@fsn/db'
import type { SessionPolicy } from '@fsn/auth'
import type { SearchIndex } from '@fsn/search'

/** What every use case may use. Built once in the composition root (apps/api/src/main.ts). */
export interface ServiceDeps {
  prisma: PrismaClient
  /** Time is passed in so rules and tests never read the wall clock themselves. */
  clock: () => Date
  /**
   * The server secret that keys the random rounding of published counts (coverage's national
   * view; domain `protectCount`). Stable across restarts and shared by every API process, or
   * fresh roundings could be averaged away; kept out of the database and the logs. Unset: a fixed
   * development value (main.ts refuses to start in production without COUNT_ROUNDING_SECRET).
   */
  countRoundingSecret?: string
  sessionPolicy: SessionPolicy
  /**
   * The directory's search engine (embedded or Meilisearch). A projection of the database, kept
   * current by the `directory.changed` outbox handler; never written inside a transaction.
   */
  search: SearchIndex
  /**
   * Resolves a host name to all its addresses (A and AAAA), for the outbound-address check of
   * webhooks. Default: the system resolver (`systemResolveHost`). Tests pass a stub.
   */
  resolveHost?: (host: string) => Promise<string[]>
  /**
   * TESTS ONLY: exact addresses (e.g. '127.0.0.1') webhooks may reach although they are not public,
   * so a test can deliver to its own server on loopback. No configuration or environment sets it;
   * the composition root never does (apps/api/test/webhooks.security.test.ts), and it is ignored when
   * NODE_ENV is production.
   */
  allowPrivateWebhookTargets?: readonly string[]
  /**
   * Elapsed hours three unsuccessful contact attempts must span before the referral escalates to
   * the Regional Lead (CONTACT_WINDOW_HOURS). Unset: the guideline's 12 (domain CONTACT_WINDOW_HOURS).
   */
  contactWindowHours?: number
  /** How long a rotated webhook secret still signs deliveries (WEBHOOK_SECRET_OVERLAP_HOURS). Unset: 24. */
  webhookSecretOverlapHours?: number
}

/** The Prisma client inside `$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]
