// The de-identified weekly export (Guidelines, "Protecting reporting information"), CSV and JSON.
// The domain decides every field (buildInteractionExport, deidentifyGrant); this use case loads the
// week and refuses to hand out a partial file: one note that fails the personal-information check
// (the person's and whānau's names on record included) blocks the whole export, with the reasons
// per record, until the connector rewords it.
import {
  GRANT_EXPORT_COLUMNS,
  INTERACTION_EXPORT_COLUMNS,
  buildInteractionExport,
  deidentifyGrant,
  toCsv,
  type Actor,
  type GrantExportRow,
  type GrantNeedCategory,
  type InteractionExportRow,
  type ReportWeek,
} from '@fsn/domain'
import type { ServiceDeps, Tx } from '../context'
import { loadInteractionRecords, parseReportWeek, reportingMembership } from './shared'

export interface BlockedInteraction {
  interactionId: string
  occurredAt: Date
  reasons: string[]
}

export type WeeklyReportExport =
  | {
      exportable: true
      week: ReportWeek
      organisationId: string
      interactions: InteractionExportRow[]
      grants: GrantExportRow[]
      csv: { interactions: string; grants: string }
    }
  | { exportable: false; week: ReportWeek; organisationId: string; blocked: BlockedInteraction[] }

/** Builds the export for one organisation's week; shared with submitWeeklyReport. */
export async function buildWeeklyReport(
  db: ServiceDeps['prisma'] | Tx,
  organisationId: string,
  week: ReportWeek,
): Promise<WeeklyReportExport> {
  const records = await loadInteractionRecords(db, organisationId, week)
  const { rows, blocked } = buildInteractionExport(records)
  if (blocked.length > 0) {
    const at = new Map(records.map((r) => [r.id, r.occurredAt]))
    return {
      exportable: false,
      week,
      organisationId,
      blocked: blocked.map((b) => ({ ...b, occurredAt: at.get(b.interactionId) as Date })),
    }
  }
  const grants = await db.grantRequest.findMany({
    where: { organisationId, reportWeek: week.id, status: 'APPROVED' },
    orderBy: { id: 'asc' },
  })
  const grantRows = grants
    .map((g) =>
      deidentifyGrant({
        id: g.id,
        personId: g.personId,
        connectorId: g.connectorId,
        category: g.category as GrantNeedCategory,
        amountCents: g.amountCents,
        grantedAt: g.decidedAt,
        note: g.note,
      }),
    )
    // Sorted by value, not by time: row order must not tell when each whānau was helped.
    .sort((a, b) => a.category.localeCompare(b.category) || a.amountCents - b.amountCents)
  return {
    exportable: true,
    week,
    organisationId,
    interactions: rows,
    grants: grantRows,
    csv: {
      interactions: toCsv(INTERACTION_EXPORT_COLUMNS, rows),
      grants: toCsv(GRANT_EXPORT_COLUMNS, grantRows),
    },
  }
}

export async function exportWeeklyReport({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { week: string }
}): Promise<WeeklyReportExport> {
  const m = reportingMembership(actor)
  const week = parseReportWeek(input.week)
  return buildWeeklyReport(deps.prisma, m.organisationId, week)
}
