// Loading what the care-partner rules need, shaped for packages/domain, and writing back what they
// decide. Every row maps one way to the domain's S396Application and back.
import {
  AppError,
  type ProviderAccreditation,
  type ReadinessSectionCode,
  type S396Application,
  type S396Party,
  type S396Status,
} from '@fsn/domain'
import type { Prisma } from '@fsn/db'
import type { ServiceDeps, Tx } from '../context'

type Db = ServiceDeps['prisma'] | Tx

export async function accreditationsOf(db: Db, organisationId: string): Promise<ProviderAccreditation[]> {
  const rows = await db.accreditation.findMany({ where: { organisationId } })
  return rows.map((a) => ({
    scheme: a.scheme,
    level: a.level,
    status: a.status,
    validFrom: a.validFrom,
    validTo: a.validTo,
  }))
}

/** accreditationsOf for many organisations in one query. */
export async function accreditationsByOrganisation(
  db: Db,
  organisationIds: readonly string[],
): Promise<Map<string, ProviderAccreditation[]>> {
  const out = new Map<string, ProviderAccreditation[]>()
  if (organisationIds.length === 0) return out
  const rows = await db.accreditation.findMany({ where: { organisationId: { in: [...organisationIds] } } })
  for (const a of rows) {
    const list = out.get(a.organisationId) ?? []
    list.push({
      scheme: a.scheme,
      level: a.level,
      status: a.status,
      validFrom: a.validFrom,
      validTo: a.validTo,
    })
    out.set(a.organisationId, list)
  }
  return out
}

export const applicationInclude = {
  readiness: { orderBy: { at: 'asc' } },
  events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
  fundingAgreements: { orderBy: { at: 'asc' } },
  organisation: { select: { id: true, name: true } },
} satisfies Prisma.S396ApplicationInclude

export async function loadApplicationRow(db: Db, id: string) {
  const row = await db.s396Application.findUnique({ where: { id }, include: applicationInclude })
  if (!row)
    throw new AppError('NOT_FOUND', 'applicationId: no such s396 care partner application', 'applicationId')
  return row
}
export type ApplicationRow = Awaited<ReturnType<typeof loadApplicationRow>>

const rec = (at: Date | null, byUserId: string | null) => (at && byUserId ? { at, byUserId } : null)

export function applicationOf(
  row: ApplicationRow,
  accreditations: readonly ProviderAccreditation[],
): S396Application {
  const review = rec(row.reviewedAt, row.reviewedById)
  const discussed = rec(row.findingsDiscussedAt, row.findingsDiscussedById)
  const recommended = rec(row.recommendedAt, row.recommendedById)
  const endorsed = rec(row.endorsedAt, row.endorsedById)
  const decided = rec(row.decidedAt, row.decidedById)
  const withdrawn = rec(row.withdrawnAt, row.withdrawnById)
  return {
    id: row.id,
    organisationId: row.organisationId,
    status: row.status,
    organisationAccreditations: accreditations,
    startedAt: row.startedAt,
    startedByUserId: row.startedById,
    readiness: row.readiness.map((r) => ({
      section: r.section as ReadinessSectionCode,
      summary: r.summary,
      party: r.party as S396Party,
      at: r.at,
      byUserId: r.byUserId,
    })),
    review: review && { ...review, findings: row.reviewFindings ?? '' },
    findingsDiscussion: discussed && { ...discussed, notes: row.findingsNotes ?? '' },
    recommendation: recommended && {
      ...recommended,
      recommendation: row.recommendation === 'DECLINE' ? 'DECLINE' : 'APPROVE',
      rationale: row.recommendationRationale ?? '',
    },
    endorsement: endorsed && { ...endorsed, note: row.endorsementNote },
    decision: decided && {
      ...decided,
      outcome: row.decisionOutcome === 'DECLINED' ? 'DECLINED' : 'APPROVED',
      reason: row.decisionReason,
    },
    qualityAssuranceFrom: row.qualityAssuranceFrom,
    fundingAgreements: row.fundingAgreements.map((f) => ({
      at: f.at,
      byUserId: f.byUserId,
      reference: f.reference,
      note: f.note,
    })),
    withdrawal: withdrawn && { ...withdrawn, reason: row.withdrawalReason ?? '' },
    history: row.events.map((e) => ({
      type: e.type as S396Application['history'][number]['type'],
      at: e.at,
      byUserId: e.byUserId,
      party: e.party as S396Party,
      from: e.fromStatus as S396Status | null,
      to: e.toStatus,
      note: e.note,
      ...(e.section ? { section: e.section as ReadinessSectionCode } : {}),
    })),
  }
}

/** The application's own columns, from the domain's value. */
export function applicationColumns(a: S396Application, step: number) {
  return {
    status: a.status,
    step,
    reviewFindings: a.review?.findings ?? null,
    reviewedAt: a.review?.at ?? null,
    reviewedById: a.review?.byUserId ?? null,
    findingsNotes: a.findingsDiscussion?.notes ?? null,
    findingsDiscussedAt: a.findingsDiscussion?.at ?? null,
    findingsDiscussedById: a.findingsDiscussion?.byUserId ?? null,
    recommendation: a.recommendation?.recommendation ?? null,
    recommendationRationale: a.recommendation?.rationale ?? null,
    recommendedAt: a.recommendation?.at ?? null,
    recommendedById: a.recommendation?.byUserId ?? null,
    endorsementNote: a.endorsement?.note ?? null,
    endorsedAt: a.endorsement?.at ?? null,
    endorsedById: a.endorsement?.byUserId ?? null,
    decisionOutcome: a.decision?.outcome ?? null,
    decisionReason: a.decision?.reason ?? null,
    decidedAt: a.decision?.at ?? null,
    decidedById: a.decision?.byUserId ?? null,
    qualityAssuranceFrom: a.qualityAssuranceFrom,
    withdrawalReason: a.withdrawal?.reason ?? null,
    withdrawnAt: a.withdrawal?.at ?? null,
    withdrawnById: a.withdrawal?.byUserId ?? null,
  }
}

/** "YYYY-MM-DD" to a @db.Date value and back (UTC midnight, so no zone moves the day). */
export const dateOf = (d: string) => new Date(`${d}T00:00:00.000Z`)
export const isoDate = (d: Date) => d.toISOString().slice(0, 10)

export function actorOrganisationId(actor: { kind: string; memberships?: { organisationId: string }[] }) {
  return actor.kind === 'user' ? (actor.memberships?.[0]?.organisationId ?? null) : null
}

export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string }; message?: string }
  return e?.code === 'P2002' || e?.cause?.code === '23505' || /unique constraint/i.test(e?.message ?? '')
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** 400 naming the field unless `value` is a UUID. */
export function requireUuid(value: unknown, field: string): string {
  if (value === undefined || value === null || value === '') {
    throw new AppError('VALIDATION_FAILED', `${field} is required`, field)
  }
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw new AppError('VALIDATION_FAILED', `${field} must be a UUID`, field)
  }
  return value
}

/** 400 unless `value` is an object (a command or an input). */
export function requireObject<T>(value: unknown, field: string): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AppError('VALIDATION_FAILED', `${field} is required`, field)
  }
  return value as T
}
