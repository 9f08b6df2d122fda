#!/usr/bin/env node
// Referral send at sustained load over HTTP on real Postgres (issue 7). The real route
// `POST /api/v1/referrals` on the real API process: consent check, routing check, the referral, its
// event, the hash-chained audit record and two outbox messages, in one transaction per send.
//
// - A throwaway database fsn_bench_send_<pid>_<hex> (dropped at the end, on error and on Ctrl-C),
//   the API started on it with `tsx apps/api/src/main.ts` (demo directory seeded, outbox worker on
//   as in embedded mode, email discarded), loopback only.
// - People and their consents are recorded through the API as the demo community connector, in a
//   Wellington region whose routing check to the chosen service passes.
// - autocannon drives the sends: every request is a distinct person, consent and idempotency key.
//   A warm-up first, then a fixed-rate run at --rate (the target) and a closed-loop run with
//   --connections to find the ceiling. Each run is bounded in count and in time.
// - Prints sends/s, p50/p95/p99 (per response, as the client saw it), errors and non-2xx, and the
//   RSS of the API process at rest and under load (/proc/<pid>/status).
//
// Usage: node bench/referral-send/run.mjs [--quick] [--rate 300] [--seconds 20] [--connections 16]
//        [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--api-processes 2]
// --api-processes N (or API_PROCESSES=N): the loaded API runs as N HTTP processes and one worker
// (node:cluster, apps/api/src/cluster/primary.ts); RSS and CPU columns are then the supervisor's
// only. The quiet one-at-a-time run stays one process (its CPU profile needs one).
import autocannon from 'autocannon'
import pg from 'pg'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import {
  cpuMsOf,
  cpuProfileByPackage,
  loggedStatements,
  log,
  pgLog,
  memoryOf,
  percentile,
  preparePeople,
  sampleRss,
  signIn,
  startApi,
} from './api-process.mjs'

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    quick: { type: 'boolean', default: false },
    rate: { type: 'string', default: '300' },
    seconds: { type: 'string' },
    connections: { type: 'string', default: '16' },
    'api-processes': { type: 'string', default: process.env.API_PROCESSES ?? '1' },
    warmup: { type: 'string' },
    /** The PostgreSQL server's log, to count a send's statements (log_statement on this database only). */
    'pg-log': { type: 'string', default: '/var/log/postgresql/postgresql-15-main.log' },
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
})
const QUICK = values.quick
const RATE = Number(values.rate)
const SECONDS = Number(values.seconds ?? (QUICK ? 5 : 20))
const CONNECTIONS = Number(values.connections)
const WARMUP = Number(values.warmup ?? (QUICK ? 200 : 1000))
const RATE_SENDS = RATE * SECONDS
const API_PROCESSES = Number(values['api-processes'])
const MAX_SENDS = QUICK ? 1500 : 6000
const SEQUENTIAL = QUICK ? 50 : 200
const serverLog = pgLog(values['pg-log'])
const TARGET = { sendsPerSecond: 300, p95Ms: 30 }

const api = await startApi({
  adminUrl: values['database-url'],
  label: 'send',
  seedProviders: QUICK ? 100 : 400,
  seedServices: QUICK ? 300 : 1500,
  env: { API_PROCESSES: String(API_PROCESSES) },
})
process.on('uncaughtException', (err) => {
  log(String(err?.stack ?? err))
  void api.stop().finally(() => process.exit(1))
})

try {
  const cookie = await signIn(api.base, 'connector@demo.example.nz')
  // Another process terminating connections (a fault test on the shared server) must not end the
  // bench: each phase below opens its own client.
  const connect = async (url = api.databaseUrl) => {
    const c = new pg.Client({ connectionString: url })
    c.on('error', (err) => log(`database client: ${err.message}`))
    await c.connect()
    return c
  }
  let sql = await connect()
  const total = WARMUP + RATE_SENDS + MAX_SENDS + SEQUENTIAL
  const { service, people } = await preparePeople({ api, cookie, sql, count: total })

  // Let the outbox worker drain what the preparation queued, then measure memory at rest.
  await new Promise((r) => setTimeout(r, 3000))
  const atRest = memoryOf(api.pid)

  let nextPerson = 0
  const bodyFor = () => {
    const i = nextPerson++
    const p = people[i]
    if (!p) throw new Error('ran out of prepared people')
    return JSON.stringify({
      personId: p.personId,
      consentId: p.consentId,
      serviceId: service.id,
      sharedInformationKinds: ['CONTACT_DETAILS'],
      needsSummary: 'Needs help with housing and food',
      idempotencyKey: `bench-send-${i}`,
    })
  }

  /** One bounded autocannon run; latencies per response as the client measured them. */
  // What the API's database connections are doing during a run, sampled every 100 ms from
  // pg_stat_activity: running, waiting for a lock (row lock on the year's reference counter, the
  // audit chain's advisory lock), idle in a transaction (waiting for the API), or idle.
  const waits = new Map()
  const watcher = await connect(values['database-url'])
  function sampleWaits() {
    const counts = new Map()
    let busy = false
    const t = setInterval(async () => {
      if (busy) return
      busy = true
      try {
        const { rows } = await watcher.query(
          `SELECT CASE WHEN state = 'active' AND wait_event_type = 'Lock' THEN 'waiting for lock: ' || wait_event
                       WHEN state = 'active' THEN 'running a statement'
                       ELSE coalesce(state, '?') END AS what, count(*)::int AS n
           FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend' GROUP BY 1`,
          [api.name],
        )
        for (const r of rows) counts.set(r.what, (counts.get(r.what) ?? 0) + r.n)
      } catch {
        // a terminated connection: this sample is lost
      } finally {
        busy = false
      }
    }, 100)
    return () => (clearInterval(t), counts)
  }

  async function drive({ label, amount, connections, rate, maxSeconds, on = api }) {
    const stopWaits = sampleWaits()
    const latencies = []
    const statuses = new Map()
    const stopRss = sampleRss(on.pid)
    const cpu0 = cpuMsOf(on.pid)
    const instance = autocannon({
      url: on.base,
      connections,
      amount,
      ...(rate ? { overallRate: rate } : {}),
      timeout: 10,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/referrals',
          headers: { 'content-type': 'application/json', cookie },
          setupRequest: (req) => ({ ...req, body: bodyFor() }),
        },
      ],
    })
    instance.on('response', (_client, statusCode, _bytes, ms) => {
      latencies.push(ms)
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1)
    })
    const cap = setTimeout(() => instance.stop(), maxSeconds * 1000)
    const result = await instance
    clearTimeout(cap)
    const peakRss = stopRss()
    waits.set(label, stopWaits())
    const cpuMs = cpuMsOf(on.pid) - cpu0
    latencies.sort((a, b) => a - b)
    const ok = statuses.get(201) ?? 0
    return {
      label,
      sent: latencies.length,
      created: ok,
      seconds: result.duration,
      perSecond: ok / result.duration,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      statuses: [...statuses].map(([s, n]) => `${s}×${n}`).join(' '),
      peakRss,
      cpuPerSend: cpuMs / Math.max(1, latencies.length),
      cpuShare: cpuMs / (result.duration * 1000),
    }
  }

  log(`warm-up: ${WARMUP} sends`)
  await drive({ label: 'warm-up', amount: WARMUP, connections: 8, maxSeconds: 60 })
  log(`fixed rate: ${RATE}/s for ${SECONDS} s`)
  const fixed = await drive({
    label: `fixed rate ${RATE}/s, ${CONNECTIONS} connections`,
    amount: RATE_SENDS,
    connections: CONNECTIONS,
    rate: RATE,
    maxSeconds: SECONDS * 2 + 10,
  })
  log(`closed loop: ${MAX_SENDS} sends, ${CONNECTIONS} connections`)
  const closed = await drive({
    label: `closed loop, ${CONNECTIONS} connections`,
    amount: MAX_SENDS,
    connections: CONNECTIONS,
    maxSeconds: 60,
  })

  // Where a send's time goes, without load: a second API process on the same database, outbox
  // worker off, its connections logging every statement (log_statement = all on this database
  // only, read back from the server's log), sends one at a time.
  let perSend = null
  let sequential = null
  const hwmMb = memoryOf(api.pid).hwmMb
  await api.stopApiOnly()
  await sql.end().catch(() => undefined)
  sql = await connect()
  await sql.query(`ALTER DATABASE "${api.name}" SET log_min_duration_statement = 0`)
  // The quiet process also writes a CPU profile (V8 --cpu-prof), read when it exits.
  const profileDir = mkdtempSync(join(tmpdir(), 'fsn-bench-send-prof-'))
  const quiet = await startApi({
    adminUrl: values['database-url'],
    label: 'send',
    existing: api,
    worker: 'off',
    env: { API_PROCESSES: '1' },
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
  })
  let cpuProfile = []
  try {
    const before = serverLog.size()
    sequential = await drive({
      label: 'one at a time, 1 connection (worker off, CPU profiler on)',
      amount: SEQUENTIAL,
      connections: 1,
      maxSeconds: 120,
      on: quiet,
    })
    const logged = loggedStatements(serverLog.since(before), api.name)
    if (before !== null)
      perSend = { statements: logged.statements / SEQUENTIAL, dbMs: logged.ms / SEQUENTIAL }
  } finally {
    await quiet.stopApiOnly()
    await sql.query(`ALTER DATABASE "${api.name}" RESET log_min_duration_statement`)
    // tsx's own node process writes a small profile too; the API's is the largest.
    const profiles = readdirSync(profileDir)
      .map((f) => join(profileDir, f))
      .sort((a, b) => statSync(b).size - statSync(a).size)
    if (profiles[0] && sequential) cpuProfile = cpuProfileByPackage(profiles[0], sequential.seconds + 1)
    rmSync(profileDir, { recursive: true, force: true })
  }

  // What one send writes, counted in the database (not in the client).
  const { rows: counts } = await sql.query(`SELECT
      (SELECT count(*) FROM "Referral")::int AS referrals,
      (SELECT count(*) FROM "ReferralEvent")::int AS events,
      (SELECT count(*) FROM "AuditRecord" WHERE action = 'referral.send')::int AS audits,
      (SELECT count(*) FROM "OutboxMessage" WHERE topic LIKE 'referral.%')::int AS outbox`)
  await sql.end()
  await watcher.end().catch(() => undefined)

  const f = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a')
  console.log(`### Referral send over HTTP on Postgres (POST /api/v1/referrals)`)
  console.log('')
  console.log(
    `API process: \`tsx apps/api/src/main.ts\`${API_PROCESSES > 1 ? ` with API_PROCESSES=${API_PROCESSES} (${API_PROCESSES} HTTP processes and one worker; RSS and CPU are the supervisor's)` : ''} on a throwaway PostgreSQL database, ${QUICK ? '100 providers / 300 services' : '400 providers / 1,500 services'} seeded, outbox worker on; ` +
      `autocannon on loopback; ${WARMUP} warm-up sends first; every send a distinct person, consent and idempotency key.`,
  )
  console.log('')
  console.log(
    '| run | sends (201) | seconds | sends/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | peak API RSS MB | API CPU ms per send | API CPU use (1.0 = one core) |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const r of [fixed, closed, sequential]) {
    console.log(
      `| ${r.label} | ${r.created} | ${f(r.seconds)} | ${f(r.perSecond)} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${r.errors} | ${r.non2xx} | ${f(r.peakRss, 0)} | ${f(r.cpuPerSend)} | ${f(r.cpuShare, 2)} |`,
    )
  }
  console.log('')
  console.log('| API memory | MB |')
  console.log('|---|---:|')
  console.log(`| RSS at rest (after preparing ${total} people) | ${f(atRest.rssMb, 0)} |`)
  console.log(
    `| RSS peak under load (sampled every 200 ms) | ${f(Math.max(fixed.peakRss, closed.peakRss), 0)} |`,
  )
  console.log(`| VmHWM (peak over the process's life) | ${f(hwmMb, 0)} |`)
  console.log('')
  console.log(
    '| written in the database | referrals | events | audit records (referral.send) | outbox messages (referral.*) |',
  )
  console.log('|---|---:|---:|---:|---:|')
  console.log(
    `| after all runs | ${counts[0].referrals} | ${counts[0].events} | ${counts[0].audits} | ${counts[0].outbox} |`,
  )
  console.log('')
  const states = [...new Set([...waits.values()].flatMap((m) => [...m.keys()]))].sort()
  console.log('| API database connections, share of 100 ms samples | ' + states.join(' | ') + ' |')
  console.log('|---|' + states.map(() => '---:').join('|') + '|')
  for (const r of [fixed, closed]) {
    const m = waits.get(r.label)
    const all = [...m.values()].reduce((a, b) => a + b, 0) || 1
    console.log(
      `| ${r.label} | ${states.map((st) => `${((100 * (m.get(st) ?? 0)) / all).toFixed(0)}%`).join(' | ')} |`,
    )
  }
  console.log('')
  console.log('| profile (one at a time) | value |')
  console.log('|---|---:|')
  console.log(
    `| SQL statements per send, as the server logged them (session lookup, replay check, BEGIN/COMMIT included) | ${perSend === null ? 'n/a (server log not readable)' : f(perSend.statements)} |`,
  )
  console.log(
    `| ms per send inside Postgres (sum of logged parse/bind/execute durations) | ${perSend === null ? 'n/a' : f(perSend.dbMs)} |`,
  )
  console.log(`| API CPU ms per send (user + system, /proc/<pid>/stat) | ${f(sequential.cpuPerSend)} |`)
  console.log(`| p50 ms per send as the client saw it | ${f(sequential.p50)} |`)
  console.log('')
  if (cpuProfile.length) {
    console.log(
      `| where the API's CPU went, one send at a time (V8 profile of the quiet process during those sends, self time, share of non-idle samples) | share |`,
    )
    console.log('|---|---:|')
    for (const c of cpuProfile.slice(0, 10)) console.log(`| ${c.what} | ${(100 * c.share).toFixed(1)}% |`)
    console.log('')
  }
  const met =
    fixed.perSecond >= TARGET.sendsPerSecond * 0.98 &&
    fixed.p95 <= TARGET.p95Ms &&
    fixed.non2xx === 0 &&
    fixed.errors === 0
  console.log(
    `Target: at least ${TARGET.sendsPerSecond} sends/s with p95 at most ${TARGET.p95Ms} ms (fixed-rate run): **${met ? 'met' : 'not met'}** ` +
      `(${f(fixed.perSecond)} sends/s, p95 ${f(fixed.p95)} ms; status codes ${fixed.statuses}). Closed-loop ceiling: ${f(closed.perSecond)} sends/s at p95 ${f(closed.p95)} ms.`,
  )
} finally {
  await api.stop()
}
