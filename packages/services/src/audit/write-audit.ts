// Append-only, hash-chained audit: each record's hash covers the previous one's, so a deleted or
// edited row breaks verification. Writers serialise on an advisory lock so the chain never forks.
import { createHash } from 'node:crypto'
import type { Prisma } from '@fsn/db'
import type { Tx } from '../context'

const AUDIT_CHAIN_LOCK = 7_267_002

export interface AuditEntry {
  actorId: string | null
  actorOrganisationId: string | null
  action: string
  entityType: string
  entityId: string
  data?: Prisma.InputJsonValue
  requestId?: string | null
  occurredAt: Date
}

/**
 * JSON with object keys sorted at every depth: Postgres jsonb does not keep key order, so the hash
 * must not depend on it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

export function auditHash(prevHash: string | null, e: AuditEntry): string {
  const body = canonicalJson([
    prevHash,
    e.occurredAt.toISOString(),
    e.actorId,
    e.actorOrganisationId,
    e.action,
    e.entityType,
    e.entityId,
    e.data ?? null,
  ])
  return createHash('sha256').update(body).digest('hex')
}

/**
 * Call inside the same transaction as the change it records. The chain's lock is held until that
 * transaction ends and every audited write in the system waits for it, so make this the last
 * write before COMMIT where the order does not matter (the send does).
 */
export async function writeAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})::text`
  // A statement of its own after the lock: at READ COMMITTED its snapshot is taken when it starts,
  // so it sees the record the previous holder committed (one statement taking the lock and reading
  // would read with a snapshot from before the wait, and fork the chain).
  const last = await tx.$queryRaw<{ hash: string }[]>`
    SELECT "hash" FROM "AuditRecord" ORDER BY "seq" DESC LIMIT 1`
  const prevHash = last[0]?.hash ?? null
  await tx.auditRecord.create({
    data: {
      occurredAt: entry.occurredAt,
      actorId: entry.actorId,
      actorOrganisationId: entry.actorOrganisationId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      data: entry.data ?? undefined,
      requestId: entry.requestId ?? null,
      prevHash,
      hash: auditHash(prevHash, entry),
    },
  })
}

/** Recomputes the chain; returns the seq of the first broken record, or null when it verifies. */
export async function verifyAuditChain(tx: Tx): Promise<bigint | null> {
  const rows = await tx.auditRecord.findMany({ orderBy: { seq: 'asc' } })
  let prev: string | null = null
  for (const r of rows) {
    const expected = auditHash(prev, {
      occurredAt: r.occurredAt,
      actorId: r.actorId,
      actorOrganisationId: r.actorOrganisationId,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      data: (r.data ?? undefined) as Prisma.InputJsonValue | undefined,
    })
    if (r.prevHash !== prev || r.hash !== expected) return r.seq
    prev = r.hash
  }
  return null
}
