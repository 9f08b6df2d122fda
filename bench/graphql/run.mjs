#!/usr/bin/env node
// GraphQL referral page (issue 7): the SQL a page of referrals with provider, service, category,
// consent and latest event costs at page sizes 5, 20 and 50 (it must not grow with the page), and
// the latency of the 50-referral page over HTTP.
//
// - The real API process on a throwaway Postgres database (as bench/referral-send: demo directory
//   seeded, dropped at the end and on Ctrl-C), loopback only; --referrals referrals sent through
//   `POST /api/v1/referrals` by the demo community connector (the page is their outbox).
// - Latency: autocannon, one connection then four, bounded in count and time, after a warm-up;
//   p50/p95/p99 per response as the client saw it.
// - Statements: a second API process on the same database, outbox worker off, with
//   log_min_duration_statement = 0 on that database only; each page size runs three times and the
//   server's log is counted for the last (session lookup included: it is part of every request).
//
// Usage: node bench/graphql/run.mjs [--quick] [--referrals 200] [--requests 300]
//        [--database-url postgres://postgres@127.0.0.1:5432/postgres]
import autocannon from 'autocannon'
import pg from 'pg'
import { parseArgs } from 'node:util'
import {
  loggedStatements,
  log,
  percentile,
  pgLog,
  pool,
  postJson,
  preparePeople,
  signIn,
  startApi,
} from '../referral-send/api-process.mjs'

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    quick: { type: 'boolean', default: false },
    referrals: { type: 'string' },
    requests: { type: 'string' },
    'pg-log': { type: 'string', default: '/var/log/postgresql/postgresql-15-main.log' },
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
})
const QUICK = values.quick
const REFERRALS = Number(values.referrals ?? (QUICK ? 60 : 200))
const REQUESTS = Number(values.requests ?? (QUICK ? 100 : 300))
const SIZES = [5, 20, 50]
const TARGET = { statements: 5, p95Ms: 30 }
const serverLog = pgLog(values['pg-log'])

const PAGE = `query Page($first: Int) { referrals(box: OUTBOX, first: $first) { totalCount
  pageInfo { hasNextPage endCursor }
  edges { node { id reference status priority sla sentAt respondBy
    toOrganisation { id name } service { id name } category { code name }
    consent { id givenAt expiresAt withdrawnAt } latestEvent { type toStatus occurredAt } } } } }`

const api = await startApi({
  adminUrl: values['database-url'],
  label: 'graphql',
  seedProviders: QUICK ? 100 : 400,
  seedServices: QUICK ? 300 : 1500,
})
process.on('uncaughtException', (err) => {
  log(String(err?.stack ?? err))
  void api.stop().finally(() => process.exit(1))
})

const gql = async (base, cookie, first) => {
  const r = await postJson(base, '/graphql', { query: PAGE, variables: { first } }, cookie)
  if (r.status !== 200 || r.body.errors)
    throw new Error(`graphql: ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`)
  return r.body.data.referrals
}

try {
  const cookie = await signIn(api.base, 'connector@demo.example.nz')
  const connect = async () => {
    const c = new pg.Client({ connectionString: api.databaseUrl })
    c.on('error', (err) => log(`database client: ${err.message}`)) // e.g. another process terminating connections
    await c.connect()
    return c
  }
  let sql = await connect()
  const { service, people } = await preparePeople({ api, cookie, sql, count: REFERRALS })
  const t0 = performance.now()
  await pool(people, 4, async (p, i) => {
    const r = await postJson(
      api.base,
      '/api/v1/referrals',
      {
        personId: p.personId,
        consentId: p.consentId,
        serviceId: service.id,
        sharedInformationKinds: ['CONTACT_DETAILS'],
        idempotencyKey: `bench-gql-${i}`,
      },
      cookie,
    )
    if (r.status !== 201) throw new Error(`send: ${r.status} ${JSON.stringify(r.body)}`)
  })
  log(`${REFERRALS} referrals sent in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  const check = await gql(api.base, cookie, 50)
  if (
    check.edges.length !== Math.min(50, REFERRALS) ||
    check.edges.some((e) => !e.node.consent || !e.node.latestEvent)
  )
    throw new Error('the 50-page does not carry every referral with its consent and latest event')

  const body = JSON.stringify({ query: PAGE, variables: { first: 50 } })
  async function drive(connections, amount) {
    const latencies = []
    const statuses = new Map()
    const instance = autocannon({
      url: `${api.base}/graphql`,
      method: 'POST',
      connections,
      amount,
      timeout: 10,
      headers: { 'content-type': 'application/json', cookie },
      body,
    })
    instance.on('response', (_c, status, _b, ms) => {
      latencies.push(ms)
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
    })
    const cap = setTimeout(() => instance.stop(), 120_000)
    const result = await instance
    clearTimeout(cap)
    latencies.sort((a, b) => a - b)
    return {
      connections,
      count: latencies.length,
      perSecond: latencies.length / result.duration,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      bad: result.errors + result.timeouts + result.non2xx,
    }
  }
  log('latency: warm-up, then 1 and 4 connections')
  await drive(1, 30)
  const latency = [await drive(1, REQUESTS), await drive(4, REQUESTS)]

  // Statements per page size, on a quiet second API process whose connections log every statement.
  await api.stopApiOnly()
  await sql.end().catch(() => undefined)
  sql = await connect()
  await sql.query(`ALTER DATABASE "${api.name}" SET log_min_duration_statement = 0`)
  const quiet = await startApi({
    adminUrl: values['database-url'],
    label: 'graphql',
    existing: api,
    worker: 'off',
  })
  const counts = []
  try {
    for (const first of SIZES) {
      await gql(quiet.base, cookie, first)
      await gql(quiet.base, cookie, first)
      const before = serverLog.size()
      const page = await gql(quiet.base, cookie, first)
      await new Promise((r) => setTimeout(r, 300)) // the server writes its log asynchronously
      const logged = before === null ? null : loggedStatements(serverLog.since(before), api.name)
      counts.push({ first, rows: page.edges.length, logged })
    }
  } finally {
    await quiet.stopApiOnly()
    await sql.query(`ALTER DATABASE "${api.name}" RESET log_min_duration_statement`)
    await sql.end()
  }

  const f = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a')
  console.log(
    '### GraphQL referral page on Postgres (outbox: provider, service, category, consent, latest event)',
  )
  console.log('')
  console.log(
    `API process on a throwaway PostgreSQL database, ${QUICK ? '100 providers / 300 services' : '400 providers / 1,500 services'} seeded, ${REFERRALS} referrals in the outbox. Statements as the server logged them for one request (session lookup included).`,
  )
  console.log('')
  console.log('| page size | referrals returned | SQL statements | ms inside Postgres |')
  console.log('|---:|---:|---:|---:|')
  for (const c of counts)
    console.log(
      `| ${c.first} | ${c.rows} | ${c.logged ? c.logged.statements : 'n/a'} | ${c.logged ? f(c.logged.ms, 2) : 'n/a'} |`,
    )
  console.log('')
  console.log(
    '| 50-referral page over HTTP | requests | req/s | p50 ms | p95 ms | p99 ms | errors / non-2xx |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|')
  for (const l of latency)
    console.log(
      `| ${l.connections} connection${l.connections > 1 ? 's' : ''} | ${l.count} | ${f(l.perSecond)} | ${f(l.p50)} | ${f(l.p95)} | ${f(l.p99)} | ${l.bad} |`,
    )
  console.log('')
  const known = counts.every((c) => c.logged)
  const constant = known && counts.every((c) => c.logged.statements === counts[0].logged.statements)
  const atMost = known && counts.every((c) => c.logged.statements <= TARGET.statements)
  console.log(
    `Target: the same number of statements at every page size, at most ${TARGET.statements}: **${!known ? 'unknown (server log not readable)' : constant && atMost ? 'met' : 'not met'}** ` +
      `(${counts.map((c) => `${c.first}: ${c.logged?.statements ?? '?'}`).join(', ')}). ` +
      `p95 of the 50-referral page at most ${TARGET.p95Ms} ms, 1 connection: **${latency[0].p95 <= TARGET.p95Ms ? 'met' : 'not met'}** (${f(latency[0].p95)} ms).`,
  )
} finally {
  await api.stop()
}
