// Bulk load from CSV (issue 16, item 2), with a dry run. Each row names an organisation and a
// scheme; it matches that organisation's latest record of the scheme that is not revoked, and is
// one of: create (none), update (dates, level, status or evidence differ), unchanged, or refused
// naming the field (a bad value, no such organisation, a suspended record: reinstate it first).
// The real run applies every row the dry run would, in one transaction, each audited.
import {
  AppError,
  lapseInstantOf,
  nzStartOfDate,
  parseAccreditationCsv,
  type Actor,
  type RecordAccreditationInput,
} from '@fsn/domain'
import { z } from 'zod'
import type { ServiceDeps, Tx } from '../context'
import { writeAudit } from '../audit/write-audit'
import { adminOrganisationId } from './record-accreditation'
import { auditData, requireRegistryKeeper } from './view'

export type ImportOutcome = 'create' | 'update' | 'unchanged' | 'refused'
export interface ImportRowResult {
  line: number
  outcome: ImportOutcome
  organisationId: string | null
  scheme: string | null
  accreditationId: string | null
  field: string | null
  message: string | null
}

const ZImport = z.object({
  csv: z
    .string({ error: 'csv must be the CSV text' })
    .min(1, { error: 'csv must not be empty' })
    .max(1_000_000, { error: 'csv must be at most 1,000,000 characters' }),
  dryRun: z.boolean({ error: 'dryRun must be true or false' }),
})

export async function importAccreditations({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: unknown
  requestId?: string
}): Promise<{ dryRun: boolean; counts: Record<ImportOutcome, number>; rows: ImportRowResult[] }> {
  const user = requireRegistryKeeper(actor)
  const parsedInput = ZImport.safeParse(input)
  if (!parsedInput.success) {
    const issue = parsedInput.error.issues[0]!
    const field = String(issue.path[0] ?? 'csv')
    throw new AppError('VALIDATION_FAILED', `${field}: ${issue.message}`, field)
  }
  const { csv, dryRun } = parsedInput.data
  const parsed = parseAccreditationCsv(csv)
  if (!parsed.ok) throw new AppError('VALIDATION_FAILED', parsed.message, 'csv')
  const now = deps.clock()

  const run = async (tx: Tx) => {
    const orgIds = [...new Set(parsed.rows.flatMap((r) => (r.ok ? [r.input.organisationId] : [])))]
    const orgs = new Set(
      (await tx.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true } })).map(
        (o) => o.id,
      ),
    )
    const existing = await tx.accreditation.findMany({
      where: { organisationId: { in: orgIds }, status: { not: 'REVOKED' } },
      orderBy: { validFrom: 'desc' },
    })
    const results: ImportRowResult[] = []
    const seen = new Set<string>()
    for (const r of parsed.rows) {
      if (!r.ok) {
        results.push({
          line: r.line,
          outcome: 'refused',
          organisationId: null,
          scheme: null,
          accreditationId: null,
          field: r.field,
          message: r.message,
        })
        continue
      }
      const v = r.input
      const base = { line: r.line, organisationId: v.organisationId, scheme: v.scheme }
      const refuse = (field: string, message: string) =>
        results.push({ ...base, outcome: 'refused', accreditationId: null, field, message })
      if (!orgs.has(v.organisationId)) {
        refuse('organisationId', 'organisationId: no such organisation')
        continue
      }
      const key = `${v.organisationId}:${v.scheme}`
      if (seen.has(key)) {
        refuse('scheme', 'scheme: this organisation and scheme appear on an earlier row')
        continue
      }
      seen.add(key)
      const match = existing.find((a) => a.organisationId === v.organisationId && a.scheme === v.scheme)
      const wanted = desired(v)
      if (!match) {
        let id: string | null = null
        if (!dryRun) {
          const row = await tx.accreditation.create({
            data: {
              ...wanted,
              organisationId: v.organisationId,
              scheme: v.scheme,
              recordedById: user.user.id,
              createdAt: now,
              updatedAt: now,
            },
          })
          id = row.id
          await audit(tx, 'accreditation.import-create', row)
        }
        results.push({ ...base, outcome: 'create', accreditationId: id, field: null, message: null })
        continue
      }
      if (match.status === 'SUSPENDED') {
        refuse('status', 'status: the accreditation is suspended; reinstate it before loading changes')
        continue
      }
      const same =
        match.level === wanted.level &&
        match.status === wanted.status &&
        match.validFrom.getTime() === wanted.validFrom.getTime() &&
        (match.validTo?.getTime() ?? null) === (wanted.validTo?.getTime() ?? null) &&
        match.evidenceNote === wanted.evidenceNote
      if (same) {
        results.push({ ...base, outcome: 'unchanged', accreditationId: match.id, field: null, message: null })
        continue
      }
      if (!dryRun) {
        const row = await tx.accreditation.update({
          where: { id: match.id },
          data: { ...wanted, recordedById: user.user.id, updatedAt: now },
        })
        await audit(tx, 'accreditation.import-update', row)
      }
      results.push({ ...base, outcome: 'update', accreditationId: match.id, field: null, message: null })
    }
    return results
  }
  const audit = (tx: Tx, action: string, row: Parameters<typeof auditData>[0]) =>
    writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: adminOrganisationId(actor),
      action,
      entityType: 'Accreditation',
      entityId: row.id,
      data: auditData(row, row.evidenceNote ?? ''),
      requestId,
    })

  const rows = dryRun
    ? await run(deps.prisma as unknown as Tx)
    : await deps.prisma.$transaction(run, { timeout: 60_000 })
  const counts: Record<ImportOutcome, number> = { create: 0, update: 0, unchanged: 0, refused: 0 }
  for (const r of rows) counts[r.outcome] += 1
  return { dryRun, counts, rows }
}

function desired(v: RecordAccreditationInput) {
  return {
    level: v.level,
    status: v.status ?? ('ACTIVE' as const),
    validFrom: nzStartOfDate(v.validFrom),
    validTo: v.validTo === null ? null : lapseInstantOf(v.validTo),
    evidenceNote: v.evidenceNote,
  }
}
