// What the registry shows of one accreditation, and the history of decisions on it (the audit
// chain: append-only and hash-chained, written in the transaction of each decision).
import {
  AppError,
  expiresSoon,
  lastValidDateOf,
  nzDateOf,
  type AccreditationScheme,
  type Actor,
} from '@fsn/domain'
import type { ServiceDeps, Tx } from '../context'
import { isNationalAdmin, requireUser } from '../actor-scope'

export interface AccreditationRow {
  id: string
  organisationId: string
  scheme: AccreditationScheme
  level: number | null
  status: 'ACTIVE' | 'PROVISIONAL' | 'SUSPENDED' | 'REVOKED'
  validFrom: Date
  validTo: Date | null
  evidenceNote: string | null
  recordedById: string | null
  updatedAt: Date
}

export interface AccreditationHistoryEntry {
  action: string
  at: string
  byUserId: string | null
  evidenceNote: string | null
  status: string | null
  level: number | null
  validTo: string | null
}

export interface AccreditationView {
  id: string
  organisationId: string
  organisationName: string
  scheme: AccreditationScheme
  level: number | null
  status: AccreditationRow['status']
  /** NZ dates: first and last valid day (validTo null: open-ended). */
  validFrom: string
  validTo: string | null
  /** Lapsed: past its last valid day (derived, never stored). */
  expired: boolean
  expiresSoon: boolean
  evidenceNote: string | null
  decidedById: string | null
  history: AccreditationHistoryEntry[]
}

/** National administrators keep the registry (docs/accreditations.md "Who"). */
export function requireRegistryKeeper(actor: Actor) {
  const user = requireUser(actor)
  if (!isNationalAdmin(actor))
    throw new AppError('FORBIDDEN', 'Only a national administrator keeps the accreditation registry.')
  return user
}

export function toView(
  row: AccreditationRow,
  organisationName: string,
  history: AccreditationHistoryEntry[],
  at: Date,
): AccreditationView {
  return {
    id: row.id,
    organisationId: row.organisationId,
    organisationName,
    scheme: row.scheme,
    level: row.level,
    status: row.status,
    validFrom: nzDateOf(row.validFrom),
    validTo: row.validTo ? lastValidDateOf(row.validTo) : null,
    expired: row.validTo !== null && at.getTime() >= row.validTo.getTime(),
    expiresSoon: expiresSoon(row, at),
    evidenceNote: row.evidenceNote,
    decidedById: row.recordedById,
    history,
  }
}

export async function historyOf(
  db: ServiceDeps['prisma'] | Tx,
  ids: readonly string[],
): Promise<Map<string, AccreditationHistoryEntry[]>> {
  const records = await db.auditRecord.findMany({
    where: { entityType: 'Accreditation', entityId: { in: [...ids] } },
    orderBy: { seq: 'asc' },
    select: { entityId: true, action: true, occurredAt: true, actorId: true, data: true },
  })
  const out = new Map<string, AccreditationHistoryEntry[]>()
  for (const r of records) {
    const d = (r.data ?? {}) as Record<string, unknown>
    const entry: AccreditationHistoryEntry = {
      action: r.action,
      at: r.occurredAt.toISOString(),
      byUserId: r.actorId,
      evidenceNote: typeof d.evidenceNote === 'string' ? d.evidenceNote : null,
      status: typeof d.status === 'string' ? d.status : null,
      level: typeof d.level === 'number' ? d.level : null,
      validTo: typeof d.validTo === 'string' ? d.validTo : null,
    }
    out.set(r.entityId, [...(out.get(r.entityId) ?? []), entry])
  }
  return out
}

export async function loadView(
  db: ServiceDeps['prisma'] | Tx,
  id: string,
  at: Date,
): Promise<AccreditationView> {
  const row = await db.accreditation.findUnique({
    where: { id },
    include: { organisation: { select: { name: true } } },
  })
  if (!row) throw new AppError('NOT_FOUND', 'No such accreditation.')
  const history = await historyOf(db, [id])
  return toView(row, row.organisation.name, history.get(id) ?? [], at)
}

/** The audit record's data for a decision: what the accreditation is after it. */
export function auditData(row: AccreditationRow, evidenceNote: string) {
  return {
    organisationId: row.organisationId,
    scheme: row.scheme,
    level: row.level,
    status: row.status,
    validFrom: nzDateOf(row.validFrom),
    validTo: row.validTo ? lastValidDateOf(row.validTo) : null,
    evidenceNote,
  }
}
