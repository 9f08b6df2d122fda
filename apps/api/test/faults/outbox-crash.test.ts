// Issue 7, faults: the transactional outbox across crashes.
// 1. A crash after the referral commits but before its notification is delivered: the real API
//    runs with its worker off, sends, is SIGKILLed, and restarts with the worker on. Each
//    referral's intake worker gets exactly one notification and one email.
// 2. A crash in the handler (the process stops at an instant: modelled by a call that never
//    returns, so nothing after it runs and the claim is left to expire): after the email but
//    before the notification row, and after delivery but before the message is marked done. The
//    in-app notification is exactly once (its (sourceEventId, userId) key); email is at least
//    once with a dedupe key, which the file sink honours, so the file holds it once.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '@fsn/db'
import { testDatabaseKinds } from '@fsn/db/testing'
import { drainOutbox, referralHandlers, type EmailSender, type ServiceDeps } from '@fsn/services'
import { fileEmailSender } from '../../src/adapters/email'
import { createTestApp, type TestApp } from '../harness'
import { referralNetwork, sendOne, type Network } from '../referrals.harness'
import { crash, faultRun, personWithConsent, post, signIn, sleep, startApi, stop } from './api-process'

const readMail = (file: string) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { to: string; subject: string; dedupeKey?: string })
    : []

describe.each(testDatabaseKinds())('outbox: crash between commit and delivery, real process on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined)
  })

  it('delivers each notification and email exactly once after the restart', { timeout: 240_000 }, async () => {
    const { mailFile, dbOptions, network, port, base, databaseEnv } = await faultRun(kind, 'outbox', cleanups)
    const env = {
      ...databaseEnv,
      EMAIL_SINK: 'file',
      EMAIL_FILE: mailFile,
      WORKER_INTERVAL_MS: '100',
    }

    // Worker off: the referrals commit with their outbox messages, and nothing delivers them.
    let api = await startApi({ ...env, WORKER: 'off' }, port)
    cleanups.push(async () => stop(api))
    const cookie = await signIn(base, network.connector.email)
    const SENDS = 5
    const references: string[] = []
    const ids: string[] = []
    for (let i = 0; i < SENDS; i++) {
      const subject = await personWithConsent(base, cookie, network, i)
      const res = await post(base, '/api/v1/referrals', { ...subject, serviceId: network.target.service.id, sharedInformationKinds: ['CONTACT_DETAILS'] }, { cookie, 'idempotency-key': `outbox-${i}` })
      expect(res.status).toBe(201)
      references.push(res.body.reference as string)
      ids.push(res.body.id as string)
    }
    await crash(api)

    // Restarted with the worker on: it finds the owed messages and delivers them.
    api = await startApi({ ...env, WORKER: 'on' }, port)
    for (let i = 0; i < 600 && readMail(mailFile).length < SENDS; i++) await sleep(100)
    await sleep(500) // one more worker tick: a second delivery, if there were one, would land now
    await stop(api)

    const db = await openDatabase(dbOptions)
    cleanups.push(async () => db.close())
    const owed = await db.prisma.outboxMessage.count({ where: { topic: 'referral.event', processedAt: null } })
    const notifications = await db.prisma.notification.findMany({
      where: { userId: network.intake.id, kind: 'referral.sent' },
      select: { referralId: true },
    })
    await db.close()
    const mail = readMail(mailFile).filter((m) => m.to === network.intake.email)
    const mailRefs = mail.map((m) => references.find((r) => m.subject.startsWith(`Referral ${r}:`)))
    console.log(`outbox crash on ${kind}: ${SENDS} referrals sent with the worker off, killed; after restart ${notifications.length} notifications, ${mail.length} emails, ${owed} messages owed`)
    expect(owed).toBe(0)
    expect(notifications.map((n) => n.referralId).sort()).toEqual([...ids].sort())
    expect(mailRefs.sort()).toEqual([...references].sort())
  })
})

describe.each(testDatabaseKinds())('outbox: crash inside the handler on %s', (kind) => {
  let t: TestApp
  let n: Network
  let work: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    n = await referralNetwork(t)
    work = mkdtempSync(join(tmpdir(), `fsn-outbox-handler-${kind}-`))
  })
  afterAll(async () => {
    await t?.close()
    rmSync(work, { recursive: true, force: true })
  })

  const never = () => new Promise<never>(() => undefined)
  /** After the claim expires (drainOutbox's lockMs is 60 s): what a restarted worker sees. */
  const later = (deps: ServiceDeps, ms = 61_000): ServiceDeps => ({ ...deps, clock: () => new Date(deps.clock().getTime() + ms) })
  const sentEvent = async (referralId: string) => (await t.db.prisma.referralEvent.findFirstOrThrow({ where: { referralId, type: 'SENT' } })).id
  const intakeNotifications = (referralId: string) =>
    t.db.prisma.notification.count({ where: { referralId, userId: n.users.intake.id, kind: 'referral.sent' } })

  it('after the email but before the notification row: the re-run re-sends with the same key, and the file holds it once', async () => {
    const { body } = await sendOne(t, n)
    const mailFile = join(work, 'a.jsonl')
    const file = fileEmailSender(mailFile)
    const attempts: { to: string; dedupeKey?: string }[] = []
    // The first worker dies right after the email leaves (recorded once it is in the file: the
    // test waits on `attempts`, and a restarted sink must find the key already written).
    const dying: EmailSender = {
      send: async (m) => {
        await file.send(m)
        attempts.push(m)
        return never()
      },
    }
    void drainOutbox({ deps: t.deps, handlers: referralHandlers({ email: dying }) })
    for (let i = 0; i < 200 && attempts.length === 0; i++) await sleep(25)
    expect(attempts).toHaveLength(1)
    expect(await intakeNotifications(body.id)).toBe(0)

    // A restarted worker (a new process: a new sink reading the same file) once the claim expires.
    const restarted: EmailSender = {
      send: async (m) => {
        attempts.push(m)
        await fileEmailSender(mailFile).send(m)
      },
    }
    const r = await drainOutbox({ deps: later(t.deps), handlers: referralHandlers({ email: restarted }) })
    expect(r.failed).toBe(0)
    const eventId = await sentEvent(body.id)
    expect(attempts.map((a) => a.dedupeKey)).toEqual([`${eventId}:${n.users.intake.id}`, `${eventId}:${n.users.intake.id}`])
    expect(await intakeNotifications(body.id)).toBe(1)
    expect(readMail(mailFile).filter((m) => m.subject.includes(body.reference))).toHaveLength(1)
  })

  it('after delivery but before the message is marked done: the re-run changes nothing', async () => {
    const { body } = await sendOne(t, n)
    const sent: string[] = []
    const email: EmailSender = { send: async (m) => void sent.push(m.subject) }
    const real = referralHandlers({ email })
    let delivered = false
    // The handler completes (notification and email), then the process stops before processedAt.
    void drainOutbox({
      deps: t.deps,
      handlers: {
        ...real,
        'referral.event': async (m, deps) => {
          await real['referral.event']!(m, deps)
          delivered = true
          return never()
        },
      },
    })
    for (let i = 0; i < 200 && !delivered; i++) await sleep(25)
    expect(delivered).toBe(true)
    const message = await t.db.prisma.outboxMessage.findFirstOrThrow({ where: { topic: 'referral.event', aggregateId: body.id } })
    expect(message.processedAt).toBeNull()

    const r = await drainOutbox({ deps: later(t.deps), handlers: referralHandlers({ email }) })
    expect(r.failed).toBe(0)
    const after = await t.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })
    expect(after.processedAt).not.toBeNull()
    expect(after.attempts).toBe(2) // it really ran twice
    expect(await intakeNotifications(body.id)).toBe(1)
    expect(sent.filter((s) => s.includes(body.reference))).toHaveLength(1)
  })
})
