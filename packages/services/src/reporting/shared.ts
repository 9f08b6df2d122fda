// What the reporting use cases share: who reports for which organisation, which week a request
// names, and the interaction records as the domain's de-identification reads them.
import {
  AppError,
  ROLE_CAPABILITIES,
  reportDue,
  reportWeekFromMonday,
  type Actor,
  type ActorMembership,
  type InteractionRecord,
  type ReportWeek,
} from '@fsn/domain'
import type { ServiceDeps, Tx } from '../context'
import { requireUser } from '../actor-scope'

/**
 * The membership a connector reports through (Guidelines, Reporting measures: providers delivering
 * the Community Connection Service report their connectors' interactions). Others: 403.
 */
export function reportingMembership(actor: Actor, organisationId?: string | null): ActorMembership {
  const user = requireUser(actor)
  const m = user.memberships.find(
    (x) =>
      ROLE_CAPABILITIES[x.role].includes('reporting:submit') &&
      (!organisationId || x.organisationId === organisationId),
  )
  if (!m) throw new AppError('FORBIDDEN', 'Only community connectors report for their own organisation.')
  return m
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The Monday (YYYY-MM-DD) of ISO week `week` of `year`. */
function mondayOfIsoWeek(year: number, week: number): string {
  // 4 January is always in week 1.
  const jan4 = new Date(Date.UTC(year, 0, 4))
  const monday = new Date(
    jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000 + (week - 1) * 7 * 86_400_000,
  )
  return `${monday.getUTCFullYear()}-${pad(monday.getUTCMonth() + 1)}-${pad(monday.getUTCDate())}`
}

/** A reporting week named as an ISO week ("2026-W43") or by its Monday ("2026-10-19"). 400 otherwise. */
/** A week whose due date the holiday rules know (HolidayYearOutOfRange is a RangeError: refused). */
function withKnownDueDate(week: ReportWeek): ReportWeek {
  reportDue(week)
  return week
}

export function parseReportWeek(value: unknown, field = 'week'): ReportWeek {
  if (typeof value !== 'string') throw new AppError('VALIDATION_FAILED', `${field} is required`, field)
  const iso = /^(\d{4})-W(\d{2})$/.exec(value)
  try {
    if (iso) {
      const week = reportWeekFromMonday(mondayOfIsoWeek(Number(iso[1]), Number(iso[2])))
      if (week.id !== value) throw new RangeError(`${value} is not a week of ${iso[1]}`)
      return withKnownDueDate(week)
    }
    return withKnownDueDate(reportWeekFromMonday(value))
  } catch (e) {
    const why = e instanceof RangeError ? e.message : 'not a week'
    throw new AppError(
      'VALIDATION_FAILED',
      `${field} must be an ISO week (2026-W43) or the week's Monday (2026-10-19): ${why}`,
      field,
    )
  }
}

/** The organisation's home region by name, for its anniversary day in the report's due date. */
export async function organisationRegionName(
  deps: ServiceDeps,
  organisationId: string,
): Promise<string | null> {
  const location = await deps.prisma.location.findFirst({
    where: { organisationId },
    orderBy: { id: 'asc' },
    select: { region: { select: { name: true } } },
  })
  return location?.region.name ?? null
}

type Db = ServiceDeps['prisma'] | Tx

/** The organisation's interactions in `week`, shaped as the domain's InteractionRecord. */
export async function loadInteractionRecords(
  db: Db,
  organisationId: string,
  week: ReportWeek,
): Promise<(InteractionRecord & { occurredAt: Date })[]> {
  const rows = await db.interaction.findMany({
    where: { organisationId, reportWeek: week.id },
    include: { person: { include: { whanau: true } } },
    orderBy: { id: 'asc' },
  })
  return rows.map((r) => ({
    id: r.id,
    personId: r.personId,
    // Place as recorded with the interaction, no finer than territorial authority.
    person: { ...r.person, regionCode: r.regionCode, territorialAuthorityCode: r.territorialAuthorityCode },
    connectorId: r.connectorId,
    organisationId: r.organisationId,
    interactionAt: r.occurredAt,
    occurredAt: r.occurredAt,
    recordedAt: r.recordedAt,
    method: r.method,
    needCategories: r.needCategories,
    referredCategories: r.referredCategories,
    notes: r.notes,
  }))
}

/** Advisory-lock class for one organisation's report week (the audit chain uses a bigint key). */
const REPORT_WEEK_LOCK_CLASS = 7_267_005

/**
 * Serialises Submit and rewording on one organisation's week, held until the transaction ends.
 * Without it Submit could build the report from a note as it was while a rewording commits beside
 * it, and the submitted week would hold text the personal-information check never saw.
 */
export async function lockReportWeek(tx: Tx, organisationId: string, week: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${REPORT_WEEK_LOCK_CLASS}::int, hashtext(${`${organisationId}/${week}`}))::text`
}
