// What the fuzz tests share: how many inputs to send, who sends them, the row-count guard (a
// refused request leaves every table as it was), the error-body contract and the tallies printed
// at the end.
import type { Role } from '@fsn/db'
import { ERRORS, ROLES as DOMAIN_ROLES } from '@fsn/domain'
import { createUser, signInCookie, type TestApp } from '../harness'

/** Inputs on PGlite (FUZZ_RUNS, default 10,000), split between REST and GraphQL. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000)
/** Inputs on Postgres when TEST_DATABASE_URL is set: a tenth, unless FUZZ_PG_RUNS says otherwise. */
export const FUZZ_PG_RUNS = Number(process.env.FUZZ_PG_RUNS ?? Math.ceil(FUZZ_RUNS / 10))
/** A fixed seed keeps CI repeatable; FUZZ_SEED=random (or a number) explores other inputs. */
export const FUZZ_SEED = process.env.FUZZ_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED ?? 20261201)

/** Every role, from the domain's one table: a new role is fuzzed without editing this file. */
export const ROLES: readonly Role[] = DOMAIN_ROLES

export interface Caller {
  name: string
  /** Cookie header, if any. */
  cookie?: string
}

/**
 * Who sends the inputs: one signed-in user of every role (so each route's own role is among them
 * and validation behind the role check runs), anonymous, and a forged session cookie.
 */
export async function callers(t: TestApp): Promise<Caller[]> {
  const out: Caller[] = []
  for (const role of ROLES) {
    const { user } = await createUser(t, { role, kind: role === 'COMMUNITY_CONNECTOR' ? 'AGENCY' : 'PROVIDER' })
    out.push({ name: role, cookie: await signInCookie(t, user.email) })
  }
  out.push({ name: 'anonymous' })
  out.push({ name: 'forged cookie', cookie: 'fsn_session=forged0000000000000000000000000000' })
  return out
}

export interface RowCounter {
  /** Row counts of every table, in one query. */
  count(): Promise<Map<string, number>>
  /**
   * The next transaction id the server will hand out (read without taking one). Rows can only
   * change in a transaction that took an id, so while this stands still nothing was written and
   * the counting can be skipped. (On a shared Postgres server other databases move it too; then
   * the rows are simply counted.)
   */
  mark(): Promise<string>
}

export async function rowCounter(t: TestApp): Promise<RowCounter> {
  const tables = await t.db.prisma.$queryRawUnsafe<{ table_name: string }[]>(
    "SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name",
  )
  if (tables.length < 10) throw new Error(`expected the app's tables, found ${tables.length}`)
  const sql = tables.map(({ table_name }) => `SELECT '${table_name}' AS t, count(*)::int AS n FROM "${table_name}"`).join(' UNION ALL ')
  return {
    count: async () => new Map((await t.db.prisma.$queryRawUnsafe<{ t: string; n: number }[]>(sql)).map((r) => [r.t, Number(r.n)])),
    mark: async () => (await t.db.prisma.$queryRawUnsafe<{ x: string }[]>('SELECT txid_snapshot_xmax(txid_current_snapshot())::text AS x'))[0]!.x,
  }
}

const diff = (a: Map<string, number>, b: Map<string, number>) =>
  [...a.keys()].filter((k) => a.get(k) !== b.get(k)).map((k) => `${k} ${a.get(k)} → ${b.get(k)}`)

/**
 * No partial writes: after refused requests every table holds as many rows as before. A request
 * that succeeds (2xx) may write, so the baseline is taken again after it; before a request that
 * might succeed, the refused ones since the last check are checked first, so each is covered.
 */
export class RowGuard {
  private baseline = { mark: '', counts: new Map<string, number>() }
  private pending: string[] = []
  checks = 0
  /** Checks that had to count rows (a transaction had run since the last). */
  counted = 0
  /** Time spent counting rows, for the summary. */
  countingMs = 0
  readonly violations: string[] = []

  constructor(private readonly rows: RowCounter) {}

  private async snapshot() {
    const started = performance.now()
    const mark = await this.rows.mark()
    const counts = mark === this.baseline.mark ? this.baseline.counts : await this.rows.count()
    if (mark !== this.baseline.mark) this.counted++
    this.countingMs += performance.now() - started
    return { mark, counts }
  }

  async start() {
    const mark = await this.rows.mark()
    this.baseline = { mark, counts: await this.rows.count() }
  }

  async beforeRequest(mightSucceed: boolean) {
    if (mightSucceed && this.pending.length) await this.check()
  }

  async afterResponse(label: string, status: number) {
    if (status >= 200 && status < 300) {
      this.pending = []
      this.baseline = await this.snapshot()
      return
    }
    this.pending.push(label)
    if (this.pending.length >= 40) await this.check()
  }

  async check() {
    const now = await this.snapshot()
    this.checks++
    const changed = diff(this.baseline.counts, now.counts)
    if (changed.length) this.violations.push(`rows changed (${changed.join(', ')}) after refused requests: ${this.pending.slice(0, 5).join(' | ')}${this.pending.length > 5 ? ` … (${this.pending.length})` : ''}`)
    this.baseline = now
    this.pending = []
  }
}

export class Tally {
  readonly perTarget = new Map<string, number>()
  readonly statuses = new Map<string, number>()
  readonly serverErrors: string[] = []
  readonly contract: string[] = []
  readonly accepted: string[] = []
  inputs = 0
  hard = 0

  count(target: string, status: number | string, hard: boolean) {
    this.inputs++
    if (hard) this.hard++
    this.perTarget.set(target, (this.perTarget.get(target) ?? 0) + 1)
    this.statuses.set(String(status), (this.statuses.get(String(status)) ?? 0) + 1)
  }

  summary(title: string, guard: RowGuard) {
    const statuses = [...this.statuses.entries()].sort().map(([s, n]) => `${s}×${n}`).join(' ')
    const lines = [
      `${title}: ${this.inputs} inputs (${this.hard} breaking the schema) to ${this.perTarget.size} targets; statuses ${statuses}`,
      `  server errors ${this.serverErrors.length}, contract breaches ${this.contract.length}, invalid inputs accepted ${this.accepted.length}, partial writes ${guard.violations.length} (${guard.checks} row-count checks, ${guard.counted} of them counting after a transaction; ${(guard.countingMs / 1000).toFixed(1)} s so far)`,
      ...[...this.perTarget.entries()].map(([k, n]) => `  ${String(n).padStart(5)}  ${k}`),
    ]
    // The first few of each finding, so a CI log shows what to fix.
    for (const [name, list] of [['server error', this.serverErrors], ['contract', this.contract], ['accepted', this.accepted], ['partial write', guard.violations]] as const) {
      for (const item of list.slice(0, 12)) lines.push(`  ! ${name}: ${item}`)
    }
    return lines.join('\n')
  }
}

const KNOWN_CODES = new Set(Object.keys(ERRORS))

/** The REST error contract: `{code, message, requestId}`, the status the catalogue gives the code, and a field on a 400. */
export function restContract(status: number, text: string, allowedFields: Set<string>, normalise: (f: string) => string): string | null {
  if (status < 400) return null
  let body: { code?: unknown; message?: unknown; requestId?: unknown; field?: unknown }
  try {
    body = JSON.parse(text)
  } catch {
    return `not JSON: ${text.slice(0, 120)}`
  }
  if (typeof body.code !== 'string' || !KNOWN_CODES.has(body.code)) return `unknown code ${String(body.code)}`
  if (ERRORS[body.code as keyof typeof ERRORS].status !== status) return `code ${body.code} with status ${status}`
  if (typeof body.message !== 'string' || !body.message) return 'no message'
  if (typeof body.requestId !== 'string' || !body.requestId) return 'no requestId'
  if (status === 400) {
    if (typeof body.field !== 'string' || !body.field) return `400 ${body.code} without a field: ${body.message}`
    // (body), (query), (path): the part as a whole (unreadable JSON, a control character in a parameter's name).
    if (!['(body)', '(query)', '(path)'].includes(body.field) && !allowedFields.has(normalise(body.field))) return `400 names "${body.field}", not a field of the input or its schema`
  }
  return null
}

export const short = (v: unknown, n = 160) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v)
  return s === undefined ? 'undefined' : s.length > n ? `${s.slice(0, n)}…(${s.length})` : s
}
