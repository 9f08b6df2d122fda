// Issue 13, items 3 and 4: several API processes and a separate worker sharing one state, as real
// processes (`tsx apps/api/src/main.ts`, the fault tests' helper) on real Postgres and Redis:
// 1. two API processes (WORKER=off) and one worker (WORKER=only): a listing edited through A is
//    found by a search through B (NOTIFY fan-out; also after every coordination connection was
//    cut), and the sign-in limit counted on A refuses on B (Redis);
// 2. a client sending referrals round-robin with idempotency keys while each API process in turn
//    is SIGKILLed and restarted: none lost, none duplicated (SQL), the audit chain verifies, one
//    notification and one email each. CI size 150 (PROCESSES_SENDS, printed); full run 1,000;
// 3. the worker SIGKILLed while it delivers: every notification, email and webhook delivery
//    recorded once (webhooks: one delivery row per event and subscription, its dedupe key);
// 4. SIGTERM drains: requests in flight finish, the worker leaves no claim behind, and what was
//    cut before it started is whole or absent, never half;
// 5. API_PROCESSES=2: the supervisor's two HTTP processes and worker, a killed one replaced, and
//    SIGTERM stopping them all.
// Skipped unless TEST_DATABASE_URL and TEST_REDIS_URL are set (.ci/run sets both when it can).
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { hashPassword } from '@fsn/auth'
import { openDatabase, seedUser, type Database } from '@fsn/db'
import { verifyAuditChain } from '@fsn/services'
import {
  crash,
  faultRun,
  freePort,
  PASSWORD,
  personWithConsent,
  pool,
  post,
  seededRandom,
  signIn,
  sleep,
  startApi,
  stop,
  type ApiProcess,
  type FaultNetwork,
} from '../faults/api-process'

const DATABASE = process.env.TEST_DATABASE_URL
const REDIS = process.env.TEST_REDIS_URL
const SENDS = Number(process.env.PROCESSES_SENDS ?? 150)
const SEED = Number(process.env.PROCESSES_SEED ?? Date.now() % 1_000_000)
const IN_FLIGHT = 8
if (!DATABASE || !REDIS)
  console.log('processes: TEST_DATABASE_URL or TEST_REDIS_URL not set, the multi-process suites are skipped')

/** A throwaway Postgres database with the fault tests' network, an open handle for SQL, and env. */
async function world(name: string, cleanups: (() => Promise<void>)[]) {
  const run = await faultRun('postgres', name, cleanups)
  const db: Database = await openDatabase({ ...run.dbOptions, poolSize: 2 })
  cleanups.push(() => db.close())
  const env: Record<string, string> = {
    ...run.databaseEnv,
    REDIS_URL: REDIS!,
    EMAIL_SINK: 'file',
    EMAIL_FILE: run.mailFile,
    WORKER_INTERVAL_MS: '100',
    // A killed worker's claims come free after 2 s instead of a minute.
    WORKER_CLAIM_MS: '2000',
  }
  const ports = [run.port, await freePort(), await freePort()]
  const started: ApiProcess[] = []
  cleanups.push(async () => {
    for (const p of started) await stop(p)
  })
  const start = async (extra: Record<string, string>, port: number) => {
    const p = await startApi({ ...env, ...extra }, port, 180_000)
    started.push(p)
    return p
  }
  return { ...run, db, env, ports, bases: ports.map((p) => `http://127.0.0.1:${p}`), start }
}

const sendBody = (subject: { personId: string; consentId: string }, n: FaultNetwork) => ({
  ...subject,
  serviceId: n.target.service.id,
  sharedInformationKinds: ['CONTACT_DETAILS'],
})

function readMail(file: string) {
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { to: string; subject: string; dedupeKey?: string })
    : []
}

/** The node process tsx started for `api` (its only child). */
function nodeChild(api: ApiProcess): number {
  const pids = execFileSync('pgrep', ['-P', String(api.child.pid)], { encoding: 'utf8' })
    .trim()
    .split('\n')
  if (pids.length !== 1 || !pids[0])
    throw new Error(`expected one child of tsx ${api.child.pid}, found ${pids.join(', ')}`)
  return Number(pids[0])
}

/** Waits (bounded) until every due referral.event message has been handled. */
async function outboxDrained(db: Database, timeoutMs = 120_000) {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const [row] = await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "OutboxMessage" WHERE "topic" = 'referral.event' AND "processedAt" IS NULL AND "availableAt" <= now()`,
    )
    if (row!.n === 0) return
    if (performance.now() > deadline) throw new Error(`${row!.n} referral.event messages still owed`)
    await sleep(200)
  }
}

/** Per referral of the network's sender: notifications to the intake worker and emails to them. */
async function deliveries(db: Database, n: FaultNetwork, mailFile: string) {
  const referrals = await db.sql.query<{ id: string; reference: string }>(
    `SELECT id, reference FROM "Referral" WHERE "fromOrganisationId" = $1`,
    [n.home.organisation.id],
  )
  const [notes] = await db.sql.query<{ n: number; per: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT "referralId")::int AS per FROM "Notification" WHERE "userId" = $1 AND kind = 'referral.sent'`,
    [n.intake.id],
  )
  const mails = readMail(mailFile).filter((m) => m.to === n.intake.email)
  const perReference = new Map<string, number>()
  for (const m of mails) {
    const ref = referrals.find((r) => m.subject.startsWith(`Referral ${r.reference}:`))?.reference ?? '?'
    perReference.set(ref, (perReference.get(ref) ?? 0) + 1)
  }
  return {
    referrals: referrals.length,
    notifications: notes!.n,
    referralsNotified: notes!.per,
    emails: mails.length,
    emailsMissing: referrals.filter((r) => !perReference.has(r.reference)).length,
    emailsDuplicated: [...perReference.values()].reduce((s, k) => s + k - 1, 0),
  }
}

describe.skipIf(!DATABASE || !REDIS)('several API processes and a worker on Postgres and Redis', () => {
  const cleanups: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined)
  }, 120_000)

  it(
    'a listing edited through A is found through B; the sign-in limit counted on A refuses on B',
    { timeout: 400_000 },
    async () => {
      const w = await world('cluster', cleanups)
      const agency = await w.db.prisma.organisation.create({
        data: { name: 'Te Tari Whakahaere', description: 'National directory moderation', kind: 'AGENCY' },
      })
      const { user: admin } = await seedUser(w.db.prisma, {
        role: 'NATIONAL_ADMIN',
        organisationId: agency.id,
        password: PASSWORD,
        hashPassword,
      })
      const [a, b] = await Promise.all([
        w.start({ WORKER: 'off' }, w.ports[0]!),
        w.start({ WORKER: 'off' }, w.ports[1]!),
      ])
      await w.start({ WORKER: 'only' }, w.ports[2]!)
      expect(a.output()).toContain('sign-in limits redis; search index fan-out on')
      expect(b.output()).toContain('sign-in limits redis; search index fan-out on')
      const [baseA, baseB] = w.bases as [string, string]
      const serviceId = w.network.target.service.id
      const cookie = await signIn(baseA, admin.email)

      const found = async (base: string, name: string) => {
        const res = await fetch(`${base}/api/v1/search?q=${encodeURIComponent(name)}&per_page=50`)
        const body = (await res.json()) as { hits?: { name: string }[] }
        if (res.status !== 200) throw new Error(`search: ${res.status} ${JSON.stringify(body)}`)
        return (body.hits ?? []).some((h) => h.name === name)
      }
      const rename = async (name: string) => {
        const { updatedAt } = await w.db.prisma.service.findUniqueOrThrow({ where: { id: serviceId } })
        const res = await fetch(`${baseA}/api/v1/listings/services/${serviceId}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ expectedUpdatedAt: updatedAt.toISOString(), name }),
        })
        expect(res.status, await res.text()).toBe(200)
      }
      /** Milliseconds until `base` finds `name`, polling every 50 ms for at most 20 s; null if never. */
      const until = async (base: string, name: string) => {
        const t0 = performance.now()
        while (performance.now() - t0 < 20_000) {
          if (await found(base, name)) return Math.round(performance.now() - t0)
          await sleep(50)
        }
        return null
      }

      const name = `Kaitiaki Pounamu ${SEED}`
      expect(await found(baseB, name)).toBe(false)
      await rename(name)
      const msB = await until(baseB, name)
      const msA = await until(baseA, name)

      // Every process's coordination connection cut (a Postgres restart, a network blip): the next
      // change may be announced while nobody listens; the reconnect's catch-up still finds it.
      const cut = await w.db.sql.query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = 'fsn-coordination' AND datname = current_database()`,
      )
      const second = `Kaitiaki Tuarua ${SEED}`
      await rename(second)
      const msAfterCut = await until(baseB, second)
      console.log(
        `processes: search fan-out ${JSON.stringify({ seed: SEED, foundOnB_ms: msB, foundOnA_ms: msA, connectionsCut: cut[0]!.n, foundOnB_afterCut_ms: msAfterCut })}`,
      )
      // Bounded well under the one-minute safety-net catch-up: found because B was told.
      expect(msB).not.toBeNull()
      expect(msB!).toBeLessThan(20_000)
      expect(msA).not.toBeNull()
      expect(cut[0]!.n).toBe(3)
      expect(msAfterCut).not.toBeNull()

      // Sign-in limit (5 per account): failures 1-3 on A, 4-5 on B, then both refuse. A made-up
      // account and a forwarded address of this run's own, so no earlier run's counts in Redis count.
      const ghost = `nobody-${SEED}-${Date.now()}@example.nz`
      const random = seededRandom(SEED)
      const address = `198.51.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`
      const attempt = async (base: string) => {
        const res = await fetch(`${base}/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
          body: JSON.stringify({ email: ghost, password: 'not the password' }),
        })
        return { status: res.status, retryAfter: res.headers.get('retry-after') }
      }
      const statuses: number[] = []
      for (const base of [baseA, baseA, baseA, baseB, baseB]) statuses.push((await attempt(base)).status)
      const onA = await attempt(baseA)
      const onB = await attempt(baseB)
      expect(statuses).toEqual([401, 401, 401, 401, 401])
      expect(onA.status).toBe(429)
      expect(onB.status).toBe(429)
      expect(Number(onB.retryAfter)).toBeGreaterThan(0)
    },
  )

  it(
    `loses and duplicates no referral over ${SENDS} round-robin sends while each API process is SIGKILLed and restarted`,
    { timeout: 900_000 },
    async () => {
      const w = await world('roundrobin', cleanups)
      const env = { WORKER: 'off' }
      const apis: ApiProcess[] = await Promise.all([w.start(env, w.ports[0]!), w.start(env, w.ports[1]!)])
      await w.start({ WORKER: 'only' }, w.ports[2]!)
      const cookie = await signIn(w.bases[0]!, w.network.connector.email)
      const subjects: { personId: string; consentId: string }[] = new Array(SENDS)
      await pool([...Array(SENDS).keys()], IN_FLIGHT, async (i) => {
        subjects[i] = await personWithConsent(w.bases[i % 2]!, cookie, w.network, i)
      })

      const random = seededRandom(SEED)
      // Process 0 dies after ~30% of the sends have completed, process 1 after ~65%.
      const killAt = [0.3, 0.65].map((f) => Math.floor(SENDS * (f + random() * 0.05)))
      console.log(
        `processes: round-robin seed ${SEED}, ${SENDS} sends over 2 API processes, ${IN_FLIGHT} in flight, kills after ${killAt.join(', ')} completed`,
      )
      const keys = Array.from({ length: SENDS }, (_, i) => `rr-${SEED}-${i}`)
      let completed = 0
      let created = 0
      let replayed = 0
      let retries = 0
      let sending = true
      const unexpected: string[] = []
      const responses = new Map<string, number>()
      let aborted: unknown = null
      const killer = (async () => {
        const restartsMs: number[] = []
        for (const [k, at] of killAt.entries()) {
          while (completed < at && sending) await sleep(2)
          if (!sending) break
          await sleep(Math.floor(random() * 30))
          await crash(apis[k]!)
          const t0 = performance.now()
          apis[k] = await w.start(env, w.ports[k]!)
          restartsMs.push(Math.round(performance.now() - t0))
        }
        return restartsMs
      })().catch((err: unknown) => {
        aborted = err
        throw err
      })
      await pool(keys, IN_FLIGHT, async (key, i) => {
        for (let attempt = 0; ; attempt++) {
          if (aborted) throw aborted
          if (attempt > 0) {
            retries++
            await sleep(Math.min(500, 20 * 2 ** Math.min(attempt, 5)))
          }
          // Round-robin, and a retry goes to the other process (a load balancer's next pick).
          const base = w.bases[(i + attempt) % 2]!
          let res: Awaited<ReturnType<typeof post>>
          try {
            res = await post(base, '/api/v1/referrals', sendBody(subjects[i]!, w.network), {
              cookie,
              'idempotency-key': key,
            })
          } catch (err) {
            const what = String((err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name)
            responses.set(what, (responses.get(what) ?? 0) + 1)
            continue
          }
          responses.set(String(res.status), (responses.get(String(res.status)) ?? 0) + 1)
          if (res.status >= 500) continue
          if (res.status === 201) created++
          else if (res.status === 200 && res.body.replayed === true) replayed++
          else unexpected.push(`${key}: ${res.status} ${JSON.stringify(res.body)}`)
          break
        }
        completed++
      })
      sending = false
      const restartsMs = await killer
      expect(unexpected).toEqual([])
      await outboxDrained(w.db)

      const rows = await w.db.sql.query<{ key: string | null; n: number }>(
        `SELECT "idempotencyKey" AS key, count(*)::int AS n FROM "Referral" WHERE "fromOrganisationId" = $1 GROUP BY 1`,
        [w.network.home.organisation.id],
      )
      const byKey = new Map(rows.map((r) => [r.key, r.n]))
      const lost = keys.filter((k) => !byKey.has(k)).length
      const duplicated = rows.reduce((s, r) => s + (r.n - 1), 0)
      const strays = rows.filter((r) => !keys.includes(r.key ?? '')).length
      const [audit] = await w.db.sql.query<{ sends: number; distinct_referrals: number }>(
        `SELECT count(*) FILTER (WHERE action = 'referral.send')::int AS sends,
              count(DISTINCT "entityId") FILTER (WHERE action = 'referral.send')::int AS distinct_referrals
       FROM "AuditRecord"`,
      )
      const broken = await w.db.prisma.$transaction((tx) => verifyAuditChain(tx), { timeout: 120_000 })
      const delivered = await deliveries(w.db, w.network, w.mailFile)
      console.log(
        `processes: round-robin figures ${JSON.stringify({ seed: SEED, sends: SENDS, restartsMs, retries, created, replayed, responses: Object.fromEntries(responses), lost, duplicated, strays, ...delivered })}`,
      )
      // The second kill happens only if sends remain once the first process is back (at CI size the
      // other process often finishes them first); the figures say how many there were.
      expect(restartsMs.length).toBeGreaterThanOrEqual(1)
      expect({ lost, duplicated, strays }).toEqual({ lost: 0, duplicated: 0, strays: 0 })
      expect(broken).toBeNull()
      expect({ sends: audit!.sends, distinct: audit!.distinct_referrals }).toEqual({
        sends: SENDS,
        distinct: SENDS,
      })
      expect(delivered).toMatchObject({
        notifications: SENDS,
        referralsNotified: SENDS,
        emailsMissing: 0,
        emailsDuplicated: 0,
      })
    },
  )

  it(
    'the worker SIGKILLed while it delivers: every notification, email and webhook delivery once',
    { timeout: 400_000 },
    async () => {
      const w = await world('workerkill', cleanups)
      const N = 60
      // A partner system subscribed by the receiving provider (its URL is never reached: the test
      // counts the delivery rows, whose (subscription, event) key is what the partner dedupes on).
      const sub = await w.db.prisma.webhookSubscription.create({
        data: {
          organisationId: w.network.target.organisation.id,
          url: 'https://hooks.example.nz/fsn',
          secret: 'whsec_test',
          eventTypes: ['referral.sent'],
          createdById: w.network.intake.id,
        },
      })
      const api = await w.start({ WORKER: 'off' }, w.ports[0]!)
      const base = w.bases[0]!
      const cookie = await signIn(base, w.network.connector.email)
      await pool([...Array(N).keys()], IN_FLIGHT, async (i) => {
        const subject = await personWithConsent(base, cookie, w.network, i)
        const res = await post(base, '/api/v1/referrals', sendBody(subject, w.network), {
          cookie,
          'idempotency-key': `wk-${SEED}-${i}`,
        })
        if (res.status !== 201) throw new Error(`send ${i}: ${res.status} ${JSON.stringify(res.body)}`)
      })
      const processed = async () =>
        (
          await w.db.sql.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM "OutboxMessage" WHERE "topic" = 'referral.event' AND "processedAt" IS NOT NULL`,
          )
        )[0]!.n
      expect(await processed()).toBe(0)

      let worker = await w.start({ WORKER: 'only' }, w.ports[2]!)
      // Killed once it is under way: a few messages done, the rest of its batch claimed.
      const deadline = performance.now() + 120_000
      while ((await processed()) < 3 && performance.now() < deadline) await sleep(10)
      await crash(worker)
      const atKill = await processed()
      const [claims] = await w.db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "OutboxMessage" WHERE "processedAt" IS NULL AND "lockedUntil" IS NOT NULL`,
      )
      worker = await w.start({ WORKER: 'only' }, w.ports[2]!)
      await outboxDrained(w.db)
      await stop(worker)
      await stop(api)

      const delivered = await deliveries(w.db, w.network, w.mailFile)
      const [hooks] = await w.db.sql.query<{ n: number; events: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT "eventId")::int AS events FROM "WebhookDelivery" WHERE "subscriptionId" = $1`,
        [sub.id],
      )
      console.log(
        `processes: worker kill ${JSON.stringify({ sends: N, processedAtKill: atKill, claimsLeftByKill: claims!.n, ...delivered, webhookDeliveries: hooks })}`,
      )
      expect(delivered).toMatchObject({
        referrals: N,
        notifications: N,
        referralsNotified: N,
        emails: N,
        emailsMissing: 0,
        emailsDuplicated: 0,
      })
      expect(hooks).toEqual({ n: N, events: N })
    },
  )

  it(
    'SIGTERM drains: requests in flight finish, no claim is left, nothing is half-written',
    { timeout: 400_000 },
    async () => {
      const w = await world('drain', cleanups)
      const N = 40
      const api = await w.start({ WORKER: 'on' }, w.ports[0]!)
      const base = w.bases[0]!
      const cookie = await signIn(base, w.network.connector.email)
      const subjects: { personId: string; consentId: string }[] = new Array(N)
      await pool([...Array(N).keys()], IN_FLIGHT, async (i) => {
        subjects[i] = await personWithConsent(base, cookie, w.network, i)
      })

      // SIGTERM as soon as the first send answers: the next ones are in flight, the rest not sent yet.
      const outcomes: (number | string)[] = new Array(N)
      let firstAnswered: () => void
      const first = new Promise<void>((r) => (firstAnswered = r))
      // Sixteen in flight (the API's pool is 10 connections; more at once only queue for one).
      const sends = pool(subjects, 16, async (subject, i) => {
        try {
          const res = await post(
            base,
            '/api/v1/referrals',
            sendBody(subject, w.network),
            { cookie, 'idempotency-key': `drain-${SEED}-${i}` },
            60_000,
          )
          outcomes[i] = res.status
        } catch (err) {
          outcomes[i] = String((err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name)
        }
        firstAnswered()
      })
      await first
      // To node itself, not the tsx wrapper: under load tsx SIGKILLs a child that has not
      // acknowledged a relayed signal within 60 ms (production runs node on dist/main.js).
      process.kill(nodeChild(api), 'SIGTERM')
      await sends
      const exit = await api.exited
      const [claims] = await w.db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "OutboxMessage" WHERE "processedAt" IS NULL AND "lockedUntil" IS NOT NULL`,
      )
      // Whole or absent: every referral has its send audit record and its outbox messages.
      const [halves] = await w.db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "Referral" r
       WHERE r."fromOrganisationId" = $1 AND (
         NOT EXISTS (SELECT 1 FROM "AuditRecord" a WHERE a."entityId" = r.id::text AND a.action = 'referral.send')
         OR NOT EXISTS (SELECT 1 FROM "OutboxMessage" o WHERE o."aggregateId" = r.id::text))`,
        [w.network.home.organisation.id],
      )
      const [written] = await w.db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "Referral" WHERE "fromOrganisationId" = $1`,
        [w.network.home.organisation.id],
      )
      const answered = outcomes.filter((o) => o === 201).length
      const tally = outcomes.reduce<Record<string, number>>(
        (t, o) => ({ ...t, [String(o)]: (t[String(o)] ?? 0) + 1 }),
        {},
      )
      console.log(
        `processes: SIGTERM drain ${JSON.stringify({ sends: N, outcomes: tally, referralsWritten: written!.n, claimsLeft: claims!.n, halfWritten: halves!.n, exit })}`,
      )
      // Every answer is a 201; the rest never reached a handler: refused, or their idle keep-alive
      // socket was closed under them (ECONNRESET, UND_ERR_SOCKET) before the request was read.
      expect(
        outcomes.filter((o) => typeof o === 'number' && o !== 201),
        api.output().slice(-4000),
      ).toEqual([])
      expect(answered).toBeGreaterThan(1)
      // Each 201 is a referral written, and nothing else was: no request was cut after its commit.
      expect(written!.n).toBe(answered)
      expect(halves!.n).toBe(0)
      expect(claims!.n).toBe(0)
      expect(exit.code).toBe(0)

      // The client retries what did not complete, with the same keys, on the restarted API: every
      // send ends as exactly one referral.
      await w.start({ WORKER: 'on' }, w.ports[0]!)
      const retried = await Promise.all(
        subjects.map(async (subject, i) =>
          outcomes[i] === 201
            ? 201
            : (
                await post(base, '/api/v1/referrals', sendBody(subject, w.network), {
                  cookie,
                  'idempotency-key': `drain-${SEED}-${i}`,
                })
              ).status,
        ),
      )
      const [after] = await w.db.sql.query<{ n: number; keys: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT "idempotencyKey")::int AS keys FROM "Referral" WHERE "fromOrganisationId" = $1`,
        [w.network.home.organisation.id],
      )
      expect(retried.filter((st) => st !== 201)).toEqual([])
      expect(after).toEqual({ n: N, keys: N })
    },
  )

  it(
    'API_PROCESSES=2: one port, two HTTP processes and a worker; a killed one is replaced; SIGTERM stops them all',
    { timeout: 400_000 },
    async () => {
      const w = await world('supervised', cleanups)
      const sup = await w.start({ API_PROCESSES: '2', WORKER: 'on' }, w.ports[0]!)
      const pidsOf = (kind: string) =>
        [...sup.output().matchAll(new RegExp(`process +${kind}[^\\n]*, pid (\\d+)`, 'g'))].map((m) =>
          Number(m[1]),
        )
      const waitFor = async (what: () => boolean, label: string) => {
        const deadline = performance.now() + 120_000
        while (!what()) {
          if (performance.now() > deadline) throw new Error(`${label}:\n${sup.output()}`)
          await sleep(100)
        }
      }
      await waitFor(
        () => pidsOf('API only').length === 2 && pidsOf('worker only').length === 1,
        'two HTTP processes and a worker',
      )
      const [first, second] = pidsOf('API only') as [number, number]
      const worker = pidsOf('worker only')[0]!
      const supervisor = nodeChild(sup)
      const children = execFileSync('pgrep', ['-P', String(supervisor)], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .map(Number)
      expect(children.sort()).toEqual([first, second, worker].sort())

      process.kill(first, 'SIGKILL')
      await waitFor(() => pidsOf('API only').length === 3, 'a replacement HTTP process')
      const replacement = pidsOf('API only')[2]!
      const health = await fetch(`${w.bases[0]}/health`)
      expect(health.status).toBe(200)

      process.kill(supervisor, 'SIGTERM')
      const exit = await sup.exited
      const alive = [second, worker, replacement].filter((pid) => {
        try {
          process.kill(pid, 0)
          return true
        } catch {
          return false
        }
      })
      console.log(
        `processes: supervisor ${JSON.stringify({ supervisor, http: [first, second], worker, replacement, exit, alive })}`,
      )
      expect(exit.code).toBe(0)
      expect(alive).toEqual([])
    },
  )
})
