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
//        [--database-url postgres://postgres@127.0.0.1:5432/postgres]
import autocannon from 'autocannon'
import pg from 'pg'
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { cpuMsOf, log, memoryOf, percentile, postJson, sampleRss, signIn, startApi } from './api-process.mjs'

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    quick: { type: 'boolean', default: false },
    rate: { type: 'string', default: '300' },
    seconds: { type: 'string' },
    connections: { type: 'string', default: '16' },
    warmup: { type: 'string' },
    /** The PostgreSQL server's log, to count a send's statements (log_statement on this database only). */
    'pg-log': { type: 'string', default: '/var/log/postgresql/postgresql-15-main.log' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
})
const QUICK = values.quick
const RATE = Number(values.rate)
const SECONDS = Number(values.seconds ?? (QUICK ? 5 : 20))
const CONNECTIONS = Number(values.connections)
const WARMUP = Number(values.warmup ?? (QUICK ? 200 : 1000))
const RATE_SENDS = RATE * SECONDS
const MAX_SENDS = QUICK ? 1500 : 6000
const SEQUENTIAL = QUICK ? 50 : 200
const PG_LOG = values['pg-log']
const logSize = () => (existsSync(PG_LOG) ? statSync(PG_LOG).size : null)
function logSince(offset) {
  if (offset === null) return []
  const size = statSync(PG_LOG).size
  const buf = Buffer.alloc(Math.max(0, size - offset))
  const fd = openSync(PG_LOG, 'r')
  readSync(fd, buf, 0, buf.length, offset)
  closeSync(fd)
  return buf.toString('utf8').split('\n')
}
const TARGET = { sendsPerSecond: 300, p95Ms: 30 }

const api = await startApi({
  adminUrl: values['database-url'],
  label: 'send',
  seedProviders: QUICK ? 100 : 400,
  seedServices: QUICK ? 300 : 1500,
})
process.on('uncaughtException', (err) => {
  log(String(err?.stack ?? err))
  void api.stop().finally(() => process.exit(1))
})

try {
  const cookie = await signIn(api.base, 'connector@demo.example.nz')
  const REGION = '09' // Wellington, where the demo connector works

  // A service that takes referrals for a Wellington person: the first candidate whose routing check
  // passes, as the send form checks before sending.
  const probe = await postJson(api.base, '/api/v1/people', { givenName: 'Probe', familyName: 'Person', regionCode: REGION }, cookie)
  if (probe.status !== 201) throw new Error(`record person: ${probe.status} ${JSON.stringify(probe.body)}`)
  const sql = new pg.Client({ connectionString: api.databaseUrl })
  await sql.connect()
  const { rows: candidates } = await sql.query(
    `SELECT id, "organisationId" FROM "Service" WHERE status = 'ACTIVE' AND "capacityStatus" = 'ACCEPTING' ORDER BY name LIMIT 300`,
  )
  let service = null
  for (const c of candidates) {
    const r = await postJson(api.base, '/api/v1/referrals/routing-check', { serviceId: c.id, personId: probe.body.id }, cookie)
    if (r.status === 200 && r.body.allowed) {
      service = c
      break
    }
  }
  if (!service) throw new Error('no seeded service accepts a Wellington referral')

  // The people and consents are copies of one recorded through the API (same region, organisation,
  // recorder, consent purpose, kinds and recipient), made set-based in SQL: recording thousands
  // through the API would take minutes on this machine and is not what is measured.
  const total = WARMUP + RATE_SENDS + MAX_SENDS + SEQUENTIAL
  const template = await postJson(
    api.base,
    '/api/v1/consents',
    {
      personId: probe.body.id,
      purpose: 'Warm referral to a local provider',
      informationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'],
      recipientOrganisationIds: [service.organisationId],
      method: 'VERBAL',
      givenAt: new Date(Date.now() - 60_000).toISOString(),
    },
    cookie,
  )
  if (template.status !== 201) throw new Error(`grant consent: ${template.status} ${JSON.stringify(template.body)}`)
  const t0 = performance.now()
  await sql.query('BEGIN')
  await sql.query('CREATE TEMP TABLE bench_people ON COMMIT DROP AS SELECT g, gen_random_uuid() AS pid, gen_random_uuid() AS cid FROM generate_series(1, $1::int) g', [total])
  await sql.query(
    `INSERT INTO "Person" (id, "givenName", "familyName", phone, "regionId", "territorialAuthorityId", "recordedByOrganisationId", "recordedById", "createdAt", "updatedAt")
     SELECT b.pid, 'Bench' || b.g, t."familyName", '027 444 5555', t."regionId", t."territorialAuthorityId", t."recordedByOrganisationId", t."recordedById", now(), now()
     FROM bench_people b, "Person" t WHERE t.id = $1`,
    [probe.body.id],
  )
  await sql.query(
    `INSERT INTO "Consent" (id, "personId", purpose, method, "selfReferral", "recordedById", "recordedByOrganisationId", "givenAt", "informationKinds", "createdAt")
     SELECT b.cid, b.pid, c.purpose, c.method, c."selfReferral", c."recordedById", c."recordedByOrganisationId", c."givenAt", c."informationKinds", now()
     FROM bench_people b, "Consent" c WHERE c.id = $1`,
    [template.body.id],
  )
  await sql.query(
    `INSERT INTO "ConsentRecipient" ("consentId", "organisationId") SELECT b.cid, r."organisationId" FROM bench_people b, "ConsentRecipient" r WHERE r."consentId" = $1`,
    [template.body.id],
  )
  const { rows: people } = await sql.query('SELECT pid AS "personId", cid AS "consentId" FROM bench_people ORDER BY g')
  await sql.query('COMMIT')
  await sql.query('ANALYZE')
  log(`${total} people with consents made in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

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
  async function drive({ label, amount, connections, rate, maxSeconds, on = api }) {
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
  const fixed = await drive({ label: `fixed rate ${RATE}/s, ${CONNECTIONS} connections`, amount: RATE_SENDS, connections: CONNECTIONS, rate: RATE, maxSeconds: SECONDS * 2 + 10 })
  log(`closed loop: ${MAX_SENDS} sends, ${CONNECTIONS} connections`)
  const closed = await drive({ label: `closed loop, ${CONNECTIONS} connections`, amount: MAX_SENDS, connections: CONNECTIONS, maxSeconds: 60 })

  // Where a send's time goes, without load: a second API process on the same database, outbox
  // worker off, its connections logging every statement (log_statement = all on this database
  // only, read back from the server's log), sends one at a time.
  let perSend = null
  let sequential = null
  const hwmMb = memoryOf(api.pid).hwmMb
  await api.stopApiOnly()
  await sql.query(`ALTER DATABASE "${api.name}" SET log_min_duration_statement = 0`)
  const quiet = await startApi({ adminUrl: values['database-url'], label: 'send', existing: api, worker: 'off' })
  try {
    const before = logSize()
    sequential = await drive({ label: 'one at a time, 1 connection (worker off)', amount: SEQUENTIAL, connections: 1, maxSeconds: 120, on: quiet })
    const lines = logSince(before).filter((l) => l.includes(`@${api.name} LOG:  duration: `))
    const ms = (l) => Number(l.match(/duration: ([\d.]+) ms/)?.[1] ?? 0)
    if (before !== null)
      perSend = {
        statements: lines.filter((l) => /ms {2}(statement|execute)/.test(l)).length / SEQUENTIAL,
        dbMs: lines.reduce((sum, l) => sum + ms(l), 0) / SEQUENTIAL,
      }
  } finally {
    await quiet.stopApiOnly()
    await sql.query(`ALTER DATABASE "${api.name}" RESET log_min_duration_statement`)
  }

  // What one send writes, counted in the database (not in the client).
  const { rows: counts } = await sql.query(`SELECT
      (SELECT count(*) FROM "Referral")::int AS referrals,
      (SELECT count(*) FROM "ReferralEvent")::int AS events,
      (SELECT count(*) FROM "AuditRecord" WHERE action = 'referral.send')::int AS audits,
      (SELECT count(*) FROM "OutboxMessage" WHERE topic LIKE 'referral.%')::int AS outbox`)
  await sql.end()

  const f = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a')
  console.log(`### Referral send over HTTP on Postgres (POST /api/v1/referrals)`)
  console.log('')
  console.log(
    `API process: \`tsx apps/api/src/main.ts\` on a throwaway PostgreSQL database, ${QUICK ? '100 providers / 300 services' : '400 providers / 1,500 services'} seeded, outbox worker on; ` +
      `autocannon on loopback; ${WARMUP} warm-up sends first; every send a distinct person, consent and idempotency key.`,
  )
  console.log('')
  console.log('| run | sends (201) | seconds | sends/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | peak API RSS MB | API CPU ms per send | API CPU use (1.0 = one core) |')
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const r of [fixed, closed, sequential]) {
    console.log(`| ${r.label} | ${r.created} | ${f(r.seconds)} | ${f(r.perSecond)} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${r.errors} | ${r.non2xx} | ${f(r.peakRss, 0)} | ${f(r.cpuPerSend)} | ${f(r.cpuShare, 2)} |`)
  }
  console.log('')
  console.log('| API memory | MB |')
  console.log('|---|---:|')
  console.log(`| RSS at rest (after preparing ${total} people) | ${f(atRest.rssMb, 0)} |`)
  console.log(`| RSS peak under load (sampled every 200 ms) | ${f(Math.max(fixed.peakRss, closed.peakRss), 0)} |`)
  console.log(`| VmHWM (peak over the process's life) | ${f(hwmMb, 0)} |`)
  console.log('')
  console.log('| written in the database | referrals | events | audit records (referral.send) | outbox messages (referral.*) |')
  console.log('|---|---:|---:|---:|---:|')
  console.log(`| after all runs | ${counts[0].referrals} | ${counts[0].events} | ${counts[0].audits} | ${counts[0].outbox} |`)
  console.log('')
  console.log('| profile (one at a time) | value |')
  console.log('|---|---:|')
  console.log(`| SQL statements per send, as the server logged them (session lookup, replay check, BEGIN/COMMIT included) | ${perSend === null ? 'n/a (server log not readable)' : f(perSend.statements)} |`)
  console.log(`| ms per send inside Postgres (sum of logged parse/bind/execute durations) | ${perSend === null ? 'n/a' : f(perSend.dbMs)} |`)
  console.log(`| API CPU ms per send (user + system, /proc/<pid>/stat) | ${f(sequential.cpuPerSend)} |`)
  console.log(`| p50 ms per send as the client saw it | ${f(sequential.p50)} |`)
  console.log('')
  const met = fixed.perSecond >= TARGET.sendsPerSecond * 0.98 && fixed.p95 <= TARGET.p95Ms && fixed.non2xx === 0 && fixed.errors === 0
  console.log(
    `Target: at least ${TARGET.sendsPerSecond} sends/s with p95 at most ${TARGET.p95Ms} ms (fixed-rate run): **${met ? 'met' : 'not met'}** ` +
      `(${f(fixed.perSecond)} sends/s, p95 ${f(fixed.p95)} ms; status codes ${fixed.statuses}). Closed-loop ceiling: ${f(closed.perSecond)} sends/s at p95 ${f(closed.p95)} ms.`,
  )
} finally {
  await api.stop()
}
