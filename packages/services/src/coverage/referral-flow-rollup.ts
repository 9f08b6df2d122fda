// The national referral flow from a maintained rollup (issue 5: the whole country over a year in
// at most 150 ms at 1,000,000 referrals). Counting every referral of a year takes over a second,
// most of it the exact median's sort; ReferralFlowRollup holds the same counts per NZ sent day and
// per NZ month, with a minutes-to-accept histogram for the median.
//
// Correctness never waits on a job: the rollup holds every referral whose updatedAt is at or
// before its watermark, and the read path first refreshes it when a referral is newer (the
// refresh's cost is proportional to the days changed since). The refresh recomputes, set-based,
// the NZ sent days of the referrals changed since the watermark and re-sums their months. Writes
// that commit late (Prisma stamps updatedAt before the commit) change a fingerprint of the
// referrals stamped in the LAG_MS before the watermark, and that window is looked at again.
// "Due" and "overdue now" depend on the clock: a row stores how many of its referrals are
// unanswered or pending and the latest respondBy among them; once that is past they all count,
// before that (the last day or two) they are counted live. The partial days at the period's
// edges are read live too.
import { Prisma, type PrismaClient } from '@fsn/db'
import { nzDateOf, nzWallClockToUtc, type Period } from '@fsn/domain'
import type { Tx } from '../context'

/** Histogram buckets: [0, 1) minute, then six per doubling up to 2^(110/6) minutes, then the rest. */
export const MINUTE_BUCKETS = 112
const PER_DOUBLING = 6
const OVERFLOW = MINUTE_BUCKETS - 1
/** Lower and upper bound (minutes) of a histogram bucket; the last one has no upper bound. */
export function bucketBounds(k: number): [number, number] {
  if (k === 0) return [0, 1]
  return [2 ** ((k - 1) / PER_DOUBLING), k === OVERFLOW ? Infinity : 2 ** (k / PER_DOUBLING)]
}
/**
 * The stated bound: a median read from the histogram is within this fraction of the exact median,
 * plus one minute (the first bucket), before rounding to whole minutes.
 */
export const MEDIAN_RELATIVE_ERROR = 2 ** (1 / PER_DOUBLING) - 1

type Grain = 'DAY' | 'WEEK' | 'MONTH'
/** The rows' layout; a state row of another version is rebuilt from scratch. */
const ROLLUP_VERSION = 1
/** Serialises refreshes (and the first build) across API processes. */
const ROLLUP_LOCK = 7_267_010
/**
 * How late a write may commit after stamping updatedAt and still be seen without a forced
 * refresh: Prisma's interactive transactions time out after 5 s, plus clock skew between API
 * processes. The referrals stamped in this window before the watermark are fingerprinted.
 */
export const LAG_MS = 30_000

const H = Array.from({ length: MINUTE_BUCKETS }, (_, k) => `h${k}`)
const hColumns = Prisma.raw(H.map((h) => `"${h}"`).join(', '))
const hSums = Prisma.raw(`ARRAY[${H.map((h) => `sum("${h}")`).join(', ')}]::int[]`)

/**
 * The flow's definitions over referrals `r`, one source for the live statement and the rollup.
 * Accepted: answered and not declined or redirected. Within the SLA: accepted by respondBy (12
 * business hours, computed by the domain's clock when the referral was sent).
 */
export const ACCEPTED_SQL = Prisma.sql`(r."respondedAt" IS NOT NULL AND r.status NOT IN ('DECLINED', 'REDIRECTED'))`
export const WITHIN_SLA_SQL = Prisma.sql`(${ACCEPTED_SQL} AND r."respondedAt" <= r."respondBy")`
const accepted = ACCEPTED_SQL
/**
 * The bucket of an accepted referral's minutes to accept (null when not accepted). OFFSET 0 keeps
 * the subquery from being inlined into each of the 112 FILTERs (computing ln() 112 times a row).
 */
const bucket = Prisma.sql`CROSS JOIN LATERAL (SELECT CASE
    WHEN NOT ${accepted} THEN NULL
    WHEN m.minutes < 1 THEN 0
    WHEN m.minutes >= ${Prisma.raw(String(2 ** ((OVERFLOW - 1) / PER_DOUBLING)))}::float8 THEN ${Prisma.raw(String(OVERFLOW))}
    ELSE LEAST(${Prisma.raw(String(OVERFLOW - 1))}, 1 + floor(${Prisma.raw(String(PER_DOUBLING))} * ln(m.minutes) / ln(2))::int) END AS k
  FROM (SELECT (EXTRACT(EPOCH FROM (r."respondedAt" - r."sentAt")) / 60)::float8 AS minutes) m
  OFFSET 0) b`

/** The counts over referrals `r` (as referralFlowSql counts them) that do not depend on the clock. */
const baseMeasures = Prisma.sql`count(*)::int AS sent,
  count(*) FILTER (WHERE r."respondedAt" IS NOT NULL)::int AS received,
  count(*) FILTER (WHERE ${accepted})::int AS accepted,
  count(*) FILTER (WHERE r.status = 'DECLINED')::int AS declined,
  count(*) FILTER (WHERE ${WITHIN_SLA_SQL})::int AS within,
  count(*) FILTER (WHERE r."escalatedAt" IS NOT NULL)::int AS escalated,
  count(*) FILTER (WHERE r.outcome = 'NEEDS_MET')::int AS "needsMet",
  count(*) FILTER (WHERE r.outcome = 'PARTLY_MET')::int AS "partlyMet",
  count(*) FILTER (WHERE r.outcome = 'NOT_MET')::int AS "notMet"`
/** The histogram (with `bucket` joined). */
const hMeasures = Prisma.raw(
  H.map((h, k) => `count(*) FILTER (WHERE b.k = ${k})::int AS "${h}"`).join(',\n  '),
)
/** What the rollup stores about the unanswered and pending referrals, for due and overdue. */
const openMeasures = Prisma.sql`count(*) FILTER (WHERE r."respondedAt" IS NULL AND r."respondBy" IS NOT NULL)::int AS unanswered,
  max(r."respondBy") FILTER (WHERE r."respondedAt" IS NULL) AS "unansweredRespondByMax",
  count(*) FILTER (WHERE r.status = 'SENT' AND r."respondBy" IS NOT NULL)::int AS pending,
  max(r."respondBy") FILTER (WHERE r.status = 'SENT') AS "pendingRespondByMax"`
/** Due and overdue now, counted live. */
const liveOpen = (now: Date) => Prisma.sql`
  count(*) FILTER (WHERE r."respondedAt" IS NULL AND r."respondBy" <= ${now}::timestamptz)::int AS "dueOpen",
  count(*) FILTER (WHERE r.status = 'SENT' AND r."respondBy" < ${now}::timestamptz)::int AS overdue`
const baseColumns = Prisma.sql`sent, received, accepted, declined, within, escalated, "needsMet", "partlyMet", "notMet"`
const measureColumns = Prisma.sql`${baseColumns}, unanswered, "unansweredRespondByMax", pending, "pendingRespondByMax", ${hColumns}`
const measures = Prisma.sql`${baseMeasures}, ${openMeasures}, ${hMeasures}`
/** measureColumns summed over rollup rows `x` (weeks and months from days). */
const summedColumns = Prisma.raw(
  [
    ...[
      'sent',
      'received',
      'accepted',
      'declined',
      'within',
      'escalated',
      'needsMet',
      'partlyMet',
      'notMet',
    ].map((c) => `sum(x."${c}")`),
    'sum(x.unanswered)',
    'max(x."unansweredRespondByMax")',
    'sum(x.pending)',
    'max(x."pendingRespondByMax")',
    ...H.map((h) => `sum(x."${h}")`),
  ].join(', '),
)
const measureSums = Prisma.sql`sum(sent)::int AS sent, sum(received)::int AS received,
  sum(accepted)::int AS accepted, sum(declined)::int AS declined, sum(within)::int AS within,
  sum(escalated)::int AS escalated, sum("needsMet")::int AS "needsMet",
  sum("partlyMet")::int AS "partlyMet", sum("notMet")::int AS "notMet",
  sum("dueOpen")::int AS "dueOpen", sum(overdue)::int AS overdue`

/** NZ midnight starting a calendar date, as an instant (SQL). */
const nzStart = (day: Prisma.Sql) => Prisma.sql`(${day}::timestamp AT TIME ZONE 'Pacific/Auckland')`

export interface RollupRefresh {
  /** False when nothing had changed since the watermark(s). */
  refreshed: boolean
  /** NZ days recomputed (rows over every agency). */
  days: number
  /** NZ months recomputed from their days (rows over every agency). */
  months: number
  /** (month, agency) pairs recomputed from Referral (per-agency rows). */
  agencyMonths: number
  watermark: Date | null
}

/**
 * Brings ReferralFlowRollup up to date: the first run builds it from every referral (the
 * backfill); later runs recompute the sent days and months of referrals changed since the
 * watermark. `agencies: false` leaves the per-agency month rows (the costly part: a whole month
 * of an agency's referrals) for later, as a read without an agency filter does. `force` looks
 * again even when no referral is newer than the watermark (the timer in apps/api does, for a
 * write committed late).
 */
export async function refreshReferralFlowRollup(
  prisma: PrismaClient,
  options: { force?: boolean; agencies?: boolean } = {},
): Promise<RollupRefresh> {
  const agencies = options.agencies ?? true
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK}::int)::text`
      // JIT compiling 112 aggregates costs more than it saves on these statements.
      await tx.$executeRaw`SET LOCAL jit = off`
      const [stored] = await tx.$queryRaw<
        {
          version: number
          watermark: Date
          agencyWatermark: Date | null
          lateNow: string
          agencyLateNow: string | null
          lateCheck: string | null
          agencyLateCheck: string | null
        }[]
      >`
        SELECT version, watermark, "agencyWatermark", "lateCheck", "agencyLateCheck",
          ${lateFingerprint(Prisma.sql`s.watermark`)} AS "lateNow",
          ${lateFingerprint(Prisma.sql`s."agencyWatermark"`)} AS "agencyLateNow"
        FROM "ReferralFlowRollupState" s WHERE id = 1`
      const state = stored?.version === ROLLUP_VERSION ? stored : undefined
      const [newest] = await tx.$queryRaw<{ latest: Date | null }[]>`
        SELECT max("updatedAt") AS latest FROM "Referral"`
      const latest = newest?.latest ?? null
      /** Referrals stamped after this are looked at; undefined when nothing is to be done. */
      const since = (mark: Date | null | undefined, check: string | null, now: string | null) => {
        if (mark == null) return null
        if (options.force || check !== now) return new Date(mark.getTime() - LAG_MS)
        return latest !== null && latest > mark ? mark : undefined
      }
      const result: RollupRefresh = { refreshed: false, days: 0, months: 0, agencyMonths: 0, watermark: null }
      if (!state) await tx.$executeRaw`DELETE FROM "ReferralFlowRollup"`
      const daysSince = state ? since(state.watermark, state.lateCheck, state.lateNow) : null
      if (daysSince !== undefined) {
        const days = await changedDays(tx, daysSince)
        result.months = await rebuildDays(tx, days)
        result.days = days.length
        result.refreshed = true
      }
      const agencySince = state
        ? since(state.agencyWatermark, state.agencyLateCheck, state.agencyLateNow)
        : null
      const agenciesRefreshed = agencies && agencySince !== undefined
      if (agenciesRefreshed) {
        result.agencyMonths = await rebuildAgencyMonths(tx, agencySince)
        result.refreshed = true
      }
      if (!result.refreshed) return { ...result, watermark: state!.watermark }
      const watermark = latest ?? new Date(0)
      const keepDays = daysSince === undefined
      await tx.$executeRaw`
        INSERT INTO "ReferralFlowRollupState" AS s (id, version, watermark, "agencyWatermark", "refreshedAt")
        VALUES (1, ${ROLLUP_VERSION}, ${watermark}::timestamptz, ${agenciesRefreshed ? watermark : null}::timestamptz, now())
        ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version,
          watermark = CASE WHEN ${keepDays} THEN s.watermark ELSE EXCLUDED.watermark END,
          "agencyWatermark" = CASE WHEN ${agenciesRefreshed} THEN EXCLUDED."agencyWatermark" ELSE s."agencyWatermark" END,
          "refreshedAt" = EXCLUDED."refreshedAt"`
      await tx.$executeRaw`
        UPDATE "ReferralFlowRollupState" s SET "lateCheck" = ${lateFingerprint(Prisma.sql`s.watermark`)},
          "agencyLateCheck" = ${lateFingerprint(Prisma.sql`s."agencyWatermark"`)}
        WHERE id = 1`
      return { ...result, watermark }
    },
    { timeout: 30 * 60_000, maxWait: 5 * 60_000 },
  )
}

/**
 * A fingerprint of the referrals stamped in the LAG_MS before a watermark: their number and a sum
 * of hashes of (id, updatedAt). A write stamped before the watermark but committed after the
 * refresh read changes it. Read by the Referral_updatedAt_idx; null for a null watermark.
 */
function lateFingerprint(mark: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT count(*)::text || ':' || coalesce(sum(hashtext(r.id::text || '@' || r."updatedAt"::text)::bigint), 0)::text
    FROM "Referral" r
    WHERE ${mark} IS NOT NULL AND r."updatedAt" > ${mark} - ${Prisma.raw(`interval '${LAG_MS / 1000} seconds'`)}
      AND r."updatedAt" <= ${mark})`
}

/** NZ sent days (YYYY-MM-DD) of the referrals changed after `since` (every day when null). */
async function changedDays(tx: Tx, since: Date | null): Promise<string[]> {
  const rows = await tx.$queryRaw<{ day: string }[]>`
    SELECT DISTINCT to_char(r."sentAt" AT TIME ZONE 'Pacific/Auckland', 'YYYY-MM-DD') AS day
    FROM "Referral" r
    WHERE r."sentAt" IS NOT NULL AND (${since}::timestamptz IS NULL OR r."updatedAt" > ${since}::timestamptz)`
  return rows.map((r) => r.day)
}

/** Replaces the rows over every agency of these days and their months; returns the months. */
async function rebuildDays(tx: Tx, days: string[]): Promise<number> {
  if (days.length === 0) return 0
  const months = [...new Set(days.map((d) => `${d.slice(0, 7)}-01`))]
  // Two statements, so each is a range scan of the index (an OR of both reads the whole table).
  await tx.$executeRaw`
    DELETE FROM "ReferralFlowRollup" WHERE grain = 'DAY' AND "agencyId" IS NULL AND day = ANY(${days}::date[])`
  await tx.$executeRaw`
    DELETE FROM "ReferralFlowRollup" WHERE grain = 'MONTH' AND "agencyId" IS NULL AND day = ANY(${months}::date[])`
  // Day rows: each day's referrals read by the sentAt index.
  await tx.$executeRaw`
    INSERT INTO "ReferralFlowRollup" (grain, day, "agencyId", "regionId", "categoryTermId", ${measureColumns})
    SELECT 'DAY', d.day, NULL, r."regionId", r."categoryTermId", ${measures}
    FROM unnest(${days}::date[]) AS d(day)
    JOIN "Referral" r ON r."sentAt" >= ${nzStart(Prisma.sql`d.day`)} AND r."sentAt" < ${nzStart(Prisma.sql`(d.day + 1)`)}
    ${bucket}
    GROUP BY d.day, r."regionId", r."categoryTermId"`
  // Week rows (Monday to Sunday): the sum of their day rows.
  const weeks = [...new Set(days.map((d) => addDays(d, -(isoWeekday(d) - 1))))]
  await tx.$executeRaw`
    DELETE FROM "ReferralFlowRollup"
    WHERE "agencyId" IS NULL AND grain = 'WEEK' AND day = ANY(${weeks}::date[])`
  await tx.$executeRaw`
    INSERT INTO "ReferralFlowRollup" (grain, day, "agencyId", "regionId", "categoryTermId", ${measureColumns})
    SELECT 'WEEK', w.day, NULL, x."regionId", x."categoryTermId", ${summedColumns}
    FROM unnest(${weeks}::date[]) AS w(day)
    JOIN "ReferralFlowRollup" x ON x.grain = 'DAY' AND x."agencyId" IS NULL
      AND x.day >= w.day AND x.day < w.day + 7
    GROUP BY w.day, x."regionId", x."categoryTermId"`
  // Month rows: the sum of the week rows of the whole weeks [w1, w2) inside the month and of the
  // day rows of the days around them (a third of the rows of summing every day).
  await tx.$executeRaw`
    INSERT INTO "ReferralFlowRollup" (grain, day, "agencyId", "regionId", "categoryTermId", ${measureColumns})
    SELECT 'MONTH', m.day, NULL, x."regionId", x."categoryTermId",
      ${summedColumns}
    FROM unnest(${months}::date[]) AS m(day)
    CROSS JOIN LATERAL (SELECT (m.day + interval '1 month')::date AS next,
      m.day + (8 - extract(isodow FROM m.day)::int) % 7 AS w1) b
    CROSS JOIN LATERAL (SELECT b.next - (extract(isodow FROM b.next)::int + 6) % 7 AS w2) c
    JOIN "ReferralFlowRollup" x ON x."agencyId" IS NULL
      AND ((x.grain = 'WEEK' AND x.day >= b.w1 AND x.day < c.w2)
        OR (x.grain = 'DAY' AND x.day >= m.day AND x.day < b.next AND NOT (x.day >= b.w1 AND x.day < c.w2)))
    GROUP BY m.day, x."regionId", x."categoryTermId"`
  return months.length
}

/**
 * Replaces the per-agency month rows of the (NZ month, sending agency) pairs of referrals changed
 * after `since` (every pair when null), from those months' referrals; returns the pairs.
 */
async function rebuildAgencyMonths(tx: Tx, since: Date | null): Promise<number> {
  const pairs = await tx.$queryRaw<{ month: string; agency: string }[]>`
    SELECT DISTINCT to_char(date_trunc('month', r."sentAt" AT TIME ZONE 'Pacific/Auckland'), 'YYYY-MM-DD') AS month,
      r."fromOrganisationId"::text AS agency
    FROM "Referral" r
    WHERE r."sentAt" IS NOT NULL AND (${since}::timestamptz IS NULL OR r."updatedAt" > ${since}::timestamptz)`
  if (pairs.length === 0) return 0
  const months = pairs.map((p) => p.month)
  const agencies = pairs.map((p) => p.agency)
  await tx.$executeRaw`
    DELETE FROM "ReferralFlowRollup" x
    USING unnest(${months}::date[], ${agencies}::uuid[]) AS p(day, agency)
    WHERE x.grain = 'MONTH' AND x.day = p.day AND x."agencyId" = p.agency`
  await tx.$executeRaw`
    INSERT INTO "ReferralFlowRollup" (grain, day, "agencyId", "regionId", "categoryTermId", ${measureColumns})
    SELECT 'MONTH', p.day, p.agency, r."regionId", r."categoryTermId", ${measures}
    FROM unnest(${months}::date[], ${agencies}::uuid[]) AS p(day, agency)
    JOIN "Referral" r ON r."sentAt" >= ${nzStart(Prisma.sql`p.day`)}
      AND r."sentAt" < ${nzStart(Prisma.sql`(p.day + interval '1 month')::date`)}
      AND r."fromOrganisationId" = p.agency
    ${bucket}
    GROUP BY p.day, p.agency, r."regionId", r."categoryTermId"`
  return pairs.length
}

/**
 * Refreshes the rollup when a referral changed after its watermark (or it was never built); the
 * per-agency month rows only when `agencies` (a read with an agency filter).
 */
export async function ensureReferralFlowRollup(prisma: PrismaClient, agencies: boolean): Promise<void> {
  const [s] = await prisma.$queryRaw<{ stale: boolean }[]>`
    SELECT coalesce((
      SELECT s.version <> ${ROLLUP_VERSION}
        OR coalesce((SELECT max("updatedAt") FROM "Referral") > s.watermark, false)
        OR ${lateFingerprint(Prisma.sql`s.watermark`)} IS DISTINCT FROM s."lateCheck"
        OR (${agencies} AND (s."agencyWatermark" IS NULL
          OR coalesce((SELECT max("updatedAt") FROM "Referral") > s."agencyWatermark", false)
          OR ${lateFingerprint(Prisma.sql`s."agencyWatermark"`)} IS DISTINCT FROM s."agencyLateCheck"))
      FROM "ReferralFlowRollupState" s WHERE id = 1), true) AS stale`
  if (s?.stale) await refreshReferralFlowRollup(prisma, { agencies })
}

/**
 * The median of the values counted in a histogram, as percentile_cont(0.5) would give it, each
 * of the one or two middle values placed by linear interpolation inside its bucket. Null when
 * empty; undefined when a middle value is in the open last bucket (the caller counts exactly).
 */
export function medianFromHistogram(h: readonly number[]): number | null | undefined {
  const n = h.reduce((a, b) => a + b, 0)
  if (n === 0) return null
  const valueAt = (i: number): number | undefined => {
    let before = 0
    for (let k = 0; k < h.length; k++) {
      const c = h[k]!
      if (i < before + c) {
        if (k === OVERFLOW) return undefined
        const [lo, hi] = bucketBounds(k)
        return lo + ((hi - lo) * (i - before + 0.5)) / c
      }
      before += c
    }
    return undefined
  }
  const p = (n - 1) / 2
  const a = valueAt(Math.floor(p))
  const b = valueAt(Math.ceil(p))
  if (a === undefined || b === undefined) return undefined
  return a + (b - a) * (p - Math.floor(p))
}

const DAY_MS = 86_400_000
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
const firstOfNextMonth = (day: string) => {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() + 1)
  return d.toISOString().slice(0, 10)
}
const nzMidnight = (day: string) => {
  const [year, month, d] = day.split('-').map(Number) as [number, number, number]
  return nzWallClockToUtc({ year, month, day: d }, { hour: 0 })
}

/**
 * How a period is read: whole NZ months from month rows, whole NZ days from day rows (none with
 * an agency filter: those days are read live), and the rest (the partial days at the edges, or a
 * period shorter than a day) live from Referral.
 */
export function planPeriod(period: Period, perAgency: boolean) {
  const fromDay = nzDateOf(period.from)
  const d1 = nzMidnight(fromDay).getTime() === period.from.getTime() ? fromDay : addDays(fromDay, 1)
  const d2 = nzDateOf(period.to)
  if (d1 >= d2)
    return { months: null, weeks: [], days: [], live: [[period.from, period.to]] as [Date, Date][] }
  const m1 = d1.endsWith('-01') ? d1 : firstOfNextMonth(d1)
  const m2 = `${d2.slice(0, 7)}-01`
  const months = m1 < m2 ? ([m1, m2] as [string, string]) : null
  const days: [string, string][] = months
    ? [
        [d1, m1],
        [m2, d2],
      ]
    : [[d1, d2]]
  const live: [Date, Date][] = perAgency
    ? months
      ? [
          [period.from, nzMidnight(m1)],
          [nzMidnight(m2), period.to],
        ]
      : [[period.from, period.to]]
    : [
        [period.from, nzMidnight(d1)],
        [nzMidnight(d2), period.to],
      ]
  // Within each run of whole days, whole NZ weeks (Monday to Sunday) from week rows.
  const weeks: [string, string][] = []
  const dayRuns: [string, string][] = []
  for (const [a, b] of perAgency ? [] : days.filter(([a, b]) => a < b)) {
    const w1 = addDays(a, (8 - isoWeekday(a)) % 7)
    const w2 = addDays(b, -((isoWeekday(b) + 6) % 7))
    if (w1 < w2) {
      weeks.push([w1, w2])
      dayRuns.push([a, w1], [w2, b])
    } else dayRuns.push([a, b])
  }
  return {
    months,
    weeks,
    days: dayRuns.filter(([a, b]) => a < b),
    live: live.filter(([a, b]) => a < b),
  }
}

/** 1 (Monday) to 7 (Sunday) of a calendar date. */
const isoWeekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay() || 7

export interface NationalFlowRow {
  area: string | null
  cat: string | null
  sent: number
  received: number
  accepted: number
  declined: number
  within: number
  due: number
  medianMinutes: number | null
  overdue: number
  escalated: number
  needsMet: number
  partlyMet: number
  notMet: number
  grouped: number
}

/**
 * The national flow by region and category, plus the total (grouped = 3), equal to
 * referralFlowSql's except the median (from the histogram, within MEDIAN_RELATIVE_ERROR + 1 minute).
 * Undefined when a median falls in the histogram's open last bucket: the caller counts live.
 */
export async function nationalFlowFromRollup(
  prisma: PrismaClient,
  options: { now: Date; period: Period; categoryTermId: string | null; agencyId: string | null },
): Promise<NationalFlowRow[] | undefined> {
  const { now, period, categoryTermId, agencyId } = options
  await ensureReferralFlowRollup(prisma, agencyId !== null)
  const plan = planPeriod(period, agencyId !== null)
  const cat = Prisma.sql`(${categoryTermId}::uuid IS NULL OR x."categoryTermId" = ${categoryTermId}::uuid)`
  const rFilter = Prisma.sql`(${categoryTermId}::uuid IS NULL OR r."categoryTermId" = ${categoryTermId}::uuid)
    AND (${agencyId}::uuid IS NULL OR r."fromOrganisationId" = ${agencyId}::uuid)`
  // Rows whose unanswered or pending referrals are not all past respondBy yet: due and overdue of
  // their day or month are counted live (usually the last day or two before now).
  const monthRange = plan.months
    ? Prisma.sql`(x.grain = 'MONTH' AND x.day >= ${plan.months[0]}::date AND x.day < ${plan.months[1]}::date
        AND ${agencyId === null ? Prisma.sql`x."agencyId" IS NULL` : Prisma.sql`x."agencyId" = ${agencyId}::uuid`})`
    : Prisma.sql`false`
  const weekRanges = plan.weeks.map(
    ([a, b]) =>
      Prisma.sql`(x.grain = 'WEEK' AND x."agencyId" IS NULL AND x.day >= ${a}::date AND x.day < ${b}::date)`,
  )
  const dayRanges = plan.days.map(
    ([a, b]) =>
      Prisma.sql`(x.grain = 'DAY' AND x."agencyId" IS NULL AND x.day >= ${a}::date AND x.day < ${b}::date)`,
  )
  // One range scan of the covering index per range.
  const ranges = [...(plan.months ? [monthRange] : []), ...weekRanges, ...dayRanges]
  const unsettled =
    ranges.length === 0
      ? []
      : await prisma.$queryRaw<{ grain: Grain; day: string }[]>`
    SELECT DISTINCT grain::text AS grain, to_char(day, 'YYYY-MM-DD') AS day FROM (${Prisma.join(
      ranges.map(
        (range) => Prisma.sql`
          SELECT x.grain, x.day FROM "ReferralFlowRollup" x
          WHERE ${range} AND ${cat}
            AND (x."unansweredRespondByMax" > ${now}::timestamptz OR x."pendingRespondByMax" >= ${now}::timestamptz)`,
      ),
      ' UNION ALL ',
    )}) u`
  const liveOpenRanges = unsettled.map((u) => ({
    ...u,
    from: nzMidnight(u.day),
    to: nzMidnight(
      u.grain === 'DAY'
        ? addDays(u.day, 1)
        : u.grain === 'WEEK'
          ? addDays(u.day, 7)
          : firstOfNextMonth(u.day),
    ),
  }))
  const settled = (grain: Grain) => {
    const days = unsettled.filter((u) => u.grain === grain).map((u) => u.day)
    return Prisma.sql`NOT (x.day = ANY(${days}::date[]))`
  }
  const pieces: Prisma.Sql[] = []
  const open = (grain: Grain) => Prisma.sql`
    CASE WHEN ${settled(grain)} THEN x.unanswered ELSE 0 END AS "dueOpen",
    CASE WHEN ${settled(grain)} THEN x.pending ELSE 0 END AS overdue`
  if (plan.months)
    pieces.push(Prisma.sql`
      SELECT x."regionId" AS area, x."categoryTermId" AS cat, ${baseColumns}, ${open('MONTH')}, ${hColumns}
      FROM "ReferralFlowRollup" x WHERE ${monthRange} AND ${cat}`)
  for (const range of weekRanges)
    pieces.push(Prisma.sql`
      SELECT x."regionId" AS area, x."categoryTermId" AS cat, ${baseColumns}, ${open('WEEK')}, ${hColumns}
      FROM "ReferralFlowRollup" x WHERE ${range} AND ${cat}`)
  for (const range of dayRanges)
    pieces.push(Prisma.sql`
      SELECT x."regionId" AS area, x."categoryTermId" AS cat, ${baseColumns}, ${open('DAY')}, ${hColumns}
      FROM "ReferralFlowRollup" x WHERE ${range} AND ${cat}`)
  for (const [a, b] of plan.live)
    pieces.push(Prisma.sql`
      SELECT r."regionId" AS area, r."categoryTermId" AS cat, ${baseMeasures}, ${liveOpen(now)}, ${hMeasures}
      FROM "Referral" r ${bucket}
      WHERE r."sentAt" >= ${a}::timestamptz AND r."sentAt" < ${b}::timestamptz AND ${rFilter}
      GROUP BY r."regionId", r."categoryTermId"`)
  if (liveOpenRanges.length)
    pieces.push(Prisma.sql`
      SELECT r."regionId" AS area, r."categoryTermId" AS cat, 0, 0, 0, 0, 0, 0, 0, 0, 0, ${liveOpen(now)},
        ${Prisma.raw(H.map(() => '0').join(', '))}
      FROM unnest(${liveOpenRanges.map((u) => u.from)}::timestamptz[], ${liveOpenRanges.map((u) => u.to)}::timestamptz[]) AS u(a, b)
      JOIN "Referral" r ON r."sentAt" >= u.a AND r."sentAt" < u.b
      WHERE ${rFilter}
      GROUP BY r."regionId", r."categoryTermId"`)
  // One transaction, so JIT can be switched off: compiling the 112 aggregates of a live piece
  // takes longer than running them.
  const [, counted] = await prisma.$transaction([
    prisma.$executeRaw`SET LOCAL jit = off`,
    prisma.$queryRaw<
      (Omit<NationalFlowRow, 'due' | 'medianMinutes' | 'grouped'> & { dueOpen: number; h: number[] })[]
    >`
      SELECT area, cat, ${measureSums}, ${hSums} AS h
      FROM (${Prisma.join(pieces, ' UNION ALL ')}) p
      GROUP BY area, cat`,
  ])
  const total = {
    ...{ sent: 0, received: 0, accepted: 0, declined: 0, within: 0, due: 0, overdue: 0 },
    ...{ escalated: 0, needsMet: 0, partlyMet: 0, notMet: 0 },
  }
  const totalH = new Array<number>(MINUTE_BUCKETS).fill(0)
  const rows: NationalFlowRow[] = []
  for (const c of counted) {
    if (c.sent === 0) continue
    const h = c.h.map(Number)
    const medianMinutes = medianFromHistogram(h)
    if (medianMinutes === undefined) return undefined
    const row: NationalFlowRow = {
      area: c.area,
      cat: c.cat,
      sent: c.sent,
      received: c.received,
      accepted: c.accepted,
      declined: c.declined,
      within: c.within,
      due: c.received + c.dueOpen,
      medianMinutes,
      overdue: c.overdue,
      escalated: c.escalated,
      needsMet: c.needsMet,
      partlyMet: c.partlyMet,
      notMet: c.notMet,
      grouped: 0,
    }
    rows.push(row)
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += row[k]
    h.forEach((n, k) => (totalH[k]! += n))
  }
  if (rows.length === 0) return []
  const totalMedian = medianFromHistogram(totalH)
  if (totalMedian === undefined) return undefined
  return [...rows, { area: null, cat: null, ...total, medianMinutes: totalMedian, grouped: 3 }]
}
