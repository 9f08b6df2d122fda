// Issue 7, faults: kill -9 the API while a client sends referrals, each with its own
// Idempotency-Key, retrying on connection errors and 5xx until it gets a 2xx. The process is
// SIGKILLed at random moments (seeded; the seed is printed) and restarted on the same port. After
// the run every key must map to exactly one referral (counted in SQL), every referral must have
// exactly one send audit record, notification and email, and the audit chain must verify.
// CI size: 200 sends, 2 kills. FAULTS_FULL=1: 1,000 sends, 3 kills. FAULTS_SEED=<n> replays a run.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '@fsn/db'
import { drainOutbox, referralHandlers, verifyAuditChain } from '@fsn/services'
import { sessionPolicy } from '@fsn/auth'
import { createEmbeddedSearchIndex } from '@fsn/search'
import { fileEmailSender } from '../../src/adapters/email'
import { REPO_ROOT } from '../../src/config'
import {
  crash,
  faultRun,
  personWithConsent,
  pool,
  post,
  seededRandom,
  signIn,
  sleep,
  startApi,
  stop,
  type ApiProcess,
} from './api-process'

const FULL = process.env.FAULTS_FULL === '1'
const SENDS = Number(process.env.FAULTS_SENDS ?? (FULL ? 1000 : 200))
const KILLS = Number(process.env.FAULTS_KILLS ?? (FULL ? 3 : 2))
const IN_FLIGHT = 8
const SEED = Number(process.env.FAULTS_SEED ?? Date.now() % 1_000_000)

type Kind = 'postgres' | 'pglite'
const kinds: Kind[] = process.env.TEST_DATABASE_URL ? ['postgres', 'pglite'] : ['pglite']
if (!process.env.TEST_DATABASE_URL) console.log('kill -9 faults: TEST_DATABASE_URL not set, the Postgres run is skipped')

describe.each(kinds)('kill -9 during referral sends on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined)
  })

  it(`loses and duplicates no referral over ${SENDS} sends and ${KILLS} kills`, { timeout: FULL ? 900_000 : 240_000 }, async () => {
    const random = seededRandom(SEED + (kind === 'pglite' ? 1 : 0))
    const { mailFile, dbOptions, network, port, base, databaseEnv } = await faultRun(kind, 'kill9', cleanups)
    const env = {
      ...databaseEnv,
      WORKER: 'on',
      WORKER_INTERVAL_MS: '100',
      EMAIL_SINK: 'file',
      EMAIL_FILE: mailFile,
    }
    let api: ApiProcess = await startApi(env, port)
    cleanups.push(async () => stop(api))

    // People and consents first, with no kills: they carry no idempotency key, and are not what
    // this test is about.
    const cookie = await signIn(base, network.connector.email)
    const subjects: { personId: string; consentId: string }[] = new Array(SENDS)
    await pool([...Array(SENDS).keys()], IN_FLIGHT, async (i) => {
      subjects[i] = await personWithConsent(base, cookie, network, i)
    })

    // Kill points: after a random number of completed sends, spread over the middle of the run,
    // plus a random few milliseconds so the kill lands mid-request rather than between them.
    const killAt = Array.from({ length: KILLS }, (_, k) =>
      Math.floor(SENDS * (0.1 + (0.8 * (k + random())) / KILLS)),
    )
    const killDelayMs = killAt.map(() => Math.floor(random() * 40))
    console.log(`kill -9 on ${kind}: seed ${SEED}, ${SENDS} sends, ${IN_FLIGHT} in flight, kills after ${killAt.join(', ')} completed (+${killDelayMs.join(', +')} ms)`)

    const keys = Array.from({ length: SENDS }, (_, i) => `kill9-${SEED}-${kind}-${i}`)
    let completed = 0
    let retries = 0
    let created = 0
    let replayed = 0
    const unexpected: string[] = []
    const statusesSeen = new Map<string, number>()
    let sending = true

    let aborted: unknown = null
    const killer = (async () => {
      const restartsMs: number[] = []
      for (const [k, at] of killAt.entries()) {
        while (completed < at && sending) await sleep(2)
        if (!sending) break
        await sleep(killDelayMs[k]!)
        await crash(api)
        const t0 = performance.now()
        api = await startApi(env, port)
        restartsMs.push(performance.now() - t0)
      }
      return restartsMs
    })().catch((err: unknown) => {
      aborted = err // a restart that fails ends the run instead of leaving the client retrying
      throw err
    })

    await pool(keys, IN_FLIGHT, async (key, i) => {
      for (let attempt = 0; ; attempt++) {
        if (aborted) throw aborted
        if (attempt > 0) {
          retries++
          await sleep(Math.min(1_000, 25 * 2 ** Math.min(attempt, 6)))
        }
        let res: Awaited<ReturnType<typeof post>>
        try {
          res = await post(
            base,
            '/api/v1/referrals',
            { ...subjects[i], serviceId: network.target.service.id, sharedInformationKinds: ['CONTACT_DETAILS'] },
            { cookie, 'idempotency-key': key },
          )
        } catch (err) {
          const what = String((err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name)
          statusesSeen.set(what, (statusesSeen.get(what) ?? 0) + 1)
          continue // connection refused or reset: the process is down or was killed mid-request
        }
        statusesSeen.set(String(res.status), (statusesSeen.get(String(res.status)) ?? 0) + 1)
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

    // Let the last process's worker finish, then stop it cleanly and look at the data ourselves.
    await sleep(1_000)
    await stop(api)
    const db: Database = await openDatabase(dbOptions)
    cleanups.push(async () => db.close())
    // A message the killed worker had claimed stays locked for the claim's 60 s (drainOutbox's
    // lockMs); the drain runs 61 s ahead instead of this test waiting for it.
    const deps = {
      prisma: db.prisma,
      clock: () => new Date(Date.now() + 61_000),
      sessionPolicy: sessionPolicy(30),
      search: createEmbeddedSearchIndex({ clock: () => new Date() }),
    }
    const owed = await db.prisma.outboxMessage.count({ where: { topic: 'referral.event', processedAt: null } })
    // Whatever the last worker had not reached is delivered now, by the same handlers.
    await drainOutbox({ deps, handlers: referralHandlers({ email: fileEmailSender(mailFile) }), limit: 100_000 })

    const rows = await db.sql.query<{ key: string | null; n: number }>(
      `SELECT "idempotencyKey" AS key, count(*)::int AS n FROM "Referral" WHERE "fromOrganisationId" = $1 GROUP BY 1`,
      [network.home.organisation.id],
    )
    const byKey = new Map(rows.map((r) => [r.key, r.n]))
    const lost = keys.filter((k) => !byKey.has(k)).length
    const duplicated = rows.reduce((s, r) => s + (r.n - 1), 0)
    const strays = rows.filter((r) => !keys.includes(r.key ?? '')).length
    const referrals = await db.sql.query<{ id: string; reference: string }>(
      `SELECT id, reference FROM "Referral" WHERE "fromOrganisationId" = $1`,
      [network.home.organisation.id],
    )
    const [audit] = await db.sql.query<{ sends: number; distinct_referrals: number; total: number }>(
      `SELECT count(*) FILTER (WHERE action = 'referral.send')::int AS sends,
              count(DISTINCT "entityId") FILTER (WHERE action = 'referral.send')::int AS distinct_referrals,
              count(*)::int AS total
       FROM "AuditRecord"`,
    )
    const [notes] = await db.sql.query<{ n: number; per: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT "referralId")::int AS per FROM "Notification" WHERE "userId" = $1 AND kind = 'referral.sent'`,
      [network.intake.id],
    )
    const broken = await db.prisma.$transaction((tx) => verifyAuditChain(tx), { timeout: 120_000 })
    const mails = existsSync(mailFile)
      ? readFileSync(mailFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { to: string; subject: string })
          .filter((m) => m.to === network.intake.email)
      : []
    const mailPerReferral = new Map<string, number>()
    for (const m of mails) {
      const ref = referrals.find((r) => m.subject.startsWith(`Referral ${r.reference}:`))?.reference ?? '?'
      mailPerReferral.set(ref, (mailPerReferral.get(ref) ?? 0) + 1)
    }
    const mailMissing = referrals.filter((r) => !mailPerReferral.has(r.reference)).length
    const mailExtra = [...mailPerReferral.values()].reduce((s, n) => s + n - 1, 0)
    await db.close()

    // The CLI an operator runs after an incident, on the same database.
    const cli = spawnSync(join(REPO_ROOT, 'node_modules/.bin/tsx'), [join(REPO_ROOT, 'apps/api/src/cli/verify-audit.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: dbOptions.url ?? '', DATA_DIR: dbOptions.dataDir ?? '' },
      encoding: 'utf8',
      timeout: 120_000,
    })

    const figures = {
      kind,
      seed: SEED,
      sends: SENDS,
      kills: restartsMs.length,
      restartMs: restartsMs.map((ms) => Math.round(ms)),
      retries,
      created,
      replayed,
      responses: Object.fromEntries(statusesSeen),
      lost,
      duplicated,
      strays,
      auditChainLength: audit!.total,
      sendAuditRecords: audit!.sends,
      notifications: notes!.n,
      notificationsOwedAfterLastProcess: owed,
      emails: mails.length,
      emailsMissing: mailMissing,
      emailsDuplicated: mailExtra,
      auditCli: (cli.stdout + cli.stderr).trim(),
    }
    console.log(`kill -9 figures ${JSON.stringify(figures)}`)

    expect(restartsMs).toHaveLength(KILLS)
    expect({ lost, duplicated, strays }).toEqual({ lost: 0, duplicated: 0, strays: 0 })
    expect(broken).toBeNull()
    expect(cli.status, figures.auditCli).toBe(0)
    expect({ sends: audit!.sends, distinct: audit!.distinct_referrals }).toEqual({ sends: SENDS, distinct: SENDS })
    expect({ notifications: notes!.n, referralsNotified: notes!.per }).toEqual({ notifications: SENDS, referralsNotified: SENDS })
    expect({ emailsMissing: mailMissing, emailsDuplicated: mailExtra }).toEqual({ emailsMissing: 0, emailsDuplicated: 0 })
  })
})
