// Who may work a Regional Lead queue item: a member holding escalation:receive for the item's
// region (REGIONAL_LEAD memberships are region-scoped). Anyone else gets NOT_FOUND, as for an
// unknown id, so the queue does not reveal which referrals were escalated elsewhere.
import { AppError, ROLE_CAPABILITIES, type Actor } from '@fsn/domain'
import type { ServiceDeps, Tx } from '../context'
import { requireUser } from '../actor-scope'

type Db = ServiceDeps['prisma'] | Tx

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Regions in which the actor receives escalations; FORBIDDEN when none. */
export function leadRegionIds(actor: Actor): string[] {
  const user = requireUser(actor)
  const regions = user.memberships
    .filter((m) => ROLE_CAPABILITIES[m.role].includes('escalation:receive') && m.regionId)
    .map((m) => m.regionId as string)
  if (regions.length === 0) {
    throw new AppError('FORBIDDEN', 'Your role does not allow this (escalation:receive).')
  }
  return [...new Set(regions)]
}

export function requireEscalationId(value: unknown): string {
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw new AppError('VALIDATION_FAILED', 'escalationId: must be a UUID', 'escalationId')
  }
  return value
}

/** The item, locked for the rest of the transaction, if the actor's regions include it. */
export async function loadForLead(tx: Tx, actor: Actor, escalationId: unknown) {
  const regions = leadRegionIds(actor)
  const id = requireEscalationId(escalationId)
  await tx.$queryRaw`SELECT 1 FROM "RegionalEscalation" WHERE id = ${id}::uuid FOR UPDATE`
  const row = await tx.regionalEscalation.findUnique({ where: { id } })
  if (!row || !regions.includes(row.regionId)) {
    throw new AppError('NOT_FOUND', 'No such escalation in your region.', 'escalationId')
  }
  return row
}

export function requireText(input: Record<string, unknown>, field: string, max = 2000): string {
  const v = input[field]
  if (typeof v !== 'string' || v.trim().length === 0) {
    throw new AppError('VALIDATION_FAILED', `${field}: required`, field)
  }
  if (v.length > max) throw new AppError('VALIDATION_FAILED', `${field}: at most ${max} characters`, field)
  return v.trim()
}

export function requireObject(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AppError('VALIDATION_FAILED', 'input: must be an object', 'input')
  }
  return input as Record<string, unknown>
}

export type RegionalEscalationRow = NonNullable<Awaited<ReturnType<Db['regionalEscalation']['findUnique']>>>
