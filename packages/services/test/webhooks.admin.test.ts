// Partner subscriptions administration (issue 16, item 4), with a set clock: secret rotation keeps
// deliveries verifiable with either secret during the overlap and only the new one after; another
// organisation's subscription is NOT_FOUND; pause stops deliveries and resume restarts them; resend
// re-delivers one delivery with the same event id to the same checked address; directory writes
// reach partners that asked for directory.changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionPolicy } from '@fsn/auth'
import { seedUser, type Database } from '@fsn/db'
import { openTestDatabase, testDatabaseKinds } from '@fsn/db/testing'
import { isAppError, userActor, type Actor } from '@fsn/domain'
import { createEmbeddedSearchIndex } from '@fsn/search'
import type { ServiceDeps } from '../src/context'
import { deliverWebhooks, type HttpPost } from '../src/webhooks/deliver-webhooks'
import { createWebhookSubscription } from '../src/webhooks/subscriptions'
import {
  actOnWebhookSubscription,
  findWebhookDeliveries,
  findWebhookSubscriptions,
  getWebhookSubscription,
  resendWebhookDelivery,
  rotateWebhookSecret,
} from '../src/webhooks/manage-subscriptions'
import { verifyWebhookSignature } from '../src/webhooks/signature'
import { directoryChangesOf, enqueueDirectoryWebhooks, onDirectoryWebhooks } from '../src/webhooks/directory-events'
import { searchIndexHandlers } from '../src/directory/search-indexer'

const at = new Date('2026-11-23T01:00:00Z')
const HOUR = 3_600_000
// Stands for "a public address"; only ever handed to the stub post, never connected to.
const PUBLIC = '151.101.2.15'

interface Sent {
  url: string
  address: string
  headers: Record<string, string>
  body: string
}

describe.each(testDatabaseKinds())('webhook subscriptions administration on %s', (kind) => {
  let db: Database
  let now = at
  let deps: ServiceDeps
  let admin: Actor
  let otherAdmin: Actor
  let connector: Actor
  const dns = new Map<string, string[]>()
  const sent: Sent[] = []
  const post: HttpPost = async (url, init) => {
    sent.push({ url, address: init.address, headers: init.headers, body: init.body })
    return { status: 204 }
  }
  const deliver = () => deliverWebhooks({ deps, post })

  async function adminOf(name: string, role: 'PROVIDER_ADMIN' | 'COMMUNITY_CONNECTOR' = 'PROVIDER_ADMIN') {
    const org = await db.prisma.organisation.create({ data: { name, description: 'p' } })
    const { user } = await seedUser(db.prisma, { role, organisationId: org.id })
    return {
      org,
      actor: userActor({ id: user.id, email: user.email, name: user.name }, 'session', [
        { organisationId: org.id, organisationName: org.name, organisationKind: org.kind, role, regionId: null },
      ]),
    }
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind)
    deps = {
      prisma: db.prisma,
      clock: () => now,
      sessionPolicy: sessionPolicy(),
      search: createEmbeddedSearchIndex(),
      resolveHost: async (host) => {
        const answer = dns.get(host)
        if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
        return answer
      },
      webhookSecretOverlapHours: 24,
    }
    dns.set('hooks.partner.example', [PUBLIC])
    dns.set('hooks.other.example', [PUBLIC])
    admin = (await adminOf('Partner Trust')).actor
    otherAdmin = (await adminOf('Other Trust')).actor
    connector = (await adminOf('Connector Trust', 'COMMUNITY_CONNECTOR')).actor
  }, 60_000)
  afterAll(async () => {
    await db?.close()
  })

  const subscribe = async (actor: Actor = admin, url = 'https://hooks.partner.example/fsn', eventTypes = ['*']) =>
    createWebhookSubscription({ deps, actor, input: { url, eventTypes } })
  async function queue(subscriptionId: string, eventId: string) {
    return db.prisma.webhookDelivery.create({
      data: { subscriptionId, eventId, eventType: 'referral.accepted', payload: { referralId: 'r1' }, nextAttemptAt: now },
    })
  }
  async function codeOf(p: Promise<unknown>) {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    )
    expect(isAppError(err)).toBe(true)
    return { code: (err as { code: string }).code, field: (err as { field?: string }).field }
  }
  const last = () => sent.at(-1)!

  it('rotation: both secrets verify during the overlap, only the new one after, and the secret is shown only at rotation', async () => {
    now = at
    const sub = await subscribe()
    const oldSecret = sub.secret
    await queue(sub.id, 'evt-before')
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 })
    const before = last()
    expect(before.headers['x-fsn-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
    expect(verifyWebhookSignature(oldSecret, before.body, before.headers['x-fsn-signature']!, now)).toBe(true)

    const rotated = await rotateWebhookSecret({ deps, actor: admin, input: { subscriptionId: sub.id } })
    expect(rotated.secret).toMatch(/^whsec_/)
    expect(rotated.secret).not.toBe(oldSecret)
    expect(rotated.previousSecretValidUntil).toEqual(new Date(at.getTime() + 24 * HOUR))
    const view = await getWebhookSubscription({ deps, actor: admin, input: { subscriptionId: sub.id } })
    expect(JSON.stringify(view)).not.toContain(rotated.secret)
    expect(JSON.stringify(view)).not.toContain(oldSecret)
    expect(Object.keys(view)).not.toContain('secret')

    // 23 h 59 min later: still inside the overlap; the header carries two v1 signatures.
    now = new Date(at.getTime() + 24 * HOUR - 60_000)
    await queue(sub.id, 'evt-during')
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 })
    const during = last()
    const header = during.headers['x-fsn-signature']!
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/)
    expect(verifyWebhookSignature(rotated.secret, during.body, header, now)).toBe(true)
    expect(verifyWebhookSignature(oldSecret, during.body, header, now)).toBe(true)
    expect(verifyWebhookSignature('whsec_someone_else', during.body, header, now)).toBe(false)
    expect(verifyWebhookSignature(oldSecret, during.body.replace('evt-during', 'evt-forged'), header, now)).toBe(false)

    // At the end of the overlap: only the new secret.
    now = new Date(at.getTime() + 24 * HOUR)
    await queue(sub.id, 'evt-after')
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 })
    const after = last()
    expect(after.headers['x-fsn-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
    expect(verifyWebhookSignature(rotated.secret, after.body, after.headers['x-fsn-signature']!, now)).toBe(true)
    expect(verifyWebhookSignature(oldSecret, after.body, after.headers['x-fsn-signature']!, now)).toBe(false)
    expect((await getWebhookSubscription({ deps, actor: admin, input: { subscriptionId: sub.id } })).previousSecretValidUntil).toBeNull()
  })

  it('a second rotation inside the overlap drops the first secret at once (two secrets at most)', async () => {
    now = at
    const sub = await subscribe()
    const first = await rotateWebhookSecret({ deps, actor: admin, input: { subscriptionId: sub.id } })
    now = new Date(at.getTime() + HOUR)
    const second = await rotateWebhookSecret({ deps, actor: admin, input: { subscriptionId: sub.id } })
    await queue(sub.id, 'evt-twice')
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 })
    const h = last().headers['x-fsn-signature']!
    expect(verifyWebhookSignature(second.secret, last().body, h, now)).toBe(true)
    expect(verifyWebhookSignature(first.secret, last().body, h, now)).toBe(true)
    expect(verifyWebhookSignature(sub.secret, last().body, h, now)).toBe(false)
  })

  it("another organisation's subscription and deliveries are NOT_FOUND for every operation; other roles are FORBIDDEN", async () => {
    now = at
    const mine = await subscribe(otherAdmin, 'https://hooks.other.example/fsn')
    const d = await queue(mine.id, 'evt-theirs')
    const input = { subscriptionId: mine.id }
    for (const call of [
      () => getWebhookSubscription({ deps, actor: admin, input }),
      () => actOnWebhookSubscription({ deps, actor: admin, input: { ...input, action: 'pause' } }),
      () => actOnWebhookSubscription({ deps, actor: admin, input: { ...input, action: 'delete' } }),
      () => rotateWebhookSecret({ deps, actor: admin, input }),
      () => findWebhookDeliveries({ deps, actor: admin, input }),
    ]) {
      expect(await codeOf(call())).toEqual({ code: 'NOT_FOUND', field: 'subscriptionId' })
    }
    expect(await codeOf(resendWebhookDelivery({ deps, actor: admin, input: { ...input, deliveryId: d.id } }))).toEqual({
      code: 'NOT_FOUND',
      field: 'deliveryId',
    })
    expect((await findWebhookSubscriptions({ deps, actor: admin })).map((s) => s.id)).not.toContain(mine.id)
    expect((await findWebhookSubscriptions({ deps, actor: otherAdmin })).map((s) => s.id)).toEqual([mine.id])
    expect((await codeOf(findWebhookSubscriptions({ deps, actor: connector }))).code).toBe('FORBIDDEN')
    expect((await codeOf(getWebhookSubscription({ deps, actor: admin, input: { subscriptionId: 'nope' } })))).toEqual({
      code: 'VALIDATION_FAILED',
      field: 'subscriptionId',
    })
    // Nothing changed for its owner.
    const row = await db.prisma.webhookSubscription.findUniqueOrThrow({ where: { id: mine.id } })
    expect(row.active).toBe(true)
    expect(row.secret).toBe(mine.secret)
  })

  it('pause stops deliveries, resume restarts them', async () => {
    now = at
    await deliver() // what earlier tests left queued
    const sub = await subscribe()
    await queue(sub.id, 'evt-paused')
    const paused = await actOnWebhookSubscription({ deps, actor: admin, input: { subscriptionId: sub.id, action: 'pause' } })
    expect(paused.active).toBe(false)
    sent.length = 0
    now = new Date(at.getTime() + 2 * HOUR)
    expect(await deliver()).toEqual({ delivered: 0, failed: 0 })
    expect(sent).toEqual([])
    const resumed = await actOnWebhookSubscription({ deps, actor: admin, input: { subscriptionId: sub.id, action: 'resume' } })
    expect(resumed.active).toBe(true)
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 })
    expect(sent.map((s) => s.headers['x-fsn-event-id'])).toEqual(['evt-paused'])
    const log = await findWebhookDeliveries({ deps, actor: admin, input: { subscriptionId: sub.id } })
    expect(log).toMatchObject([{ eventId: 'evt-paused', attempts: 1, lastStatus: 204, state: 'DELIVERED' }])
    const audit = await db.prisma.auditRecord.findMany({ where: { entityId: sub.id }, orderBy: { occurredAt: 'asc' } })
    expect(audit.map((a) => a.action)).toEqual(['webhook.subscribe', 'webhook.pause', 'webhook.resume'])
  })

  it('resend re-delivers one delivery with the same event id and body to the same checked address', async () => {
    now = at
    await deliver()
    const sub = await subscribe()
    const d = await queue(sub.id, 'evt-resend')
    await queue(sub.id, 'evt-bystander')
    sent.length = 0
    expect(await deliver()).toEqual({ delivered: 2, failed: 0 })
    const first = sent.find((s) => s.headers['x-fsn-event-id'] === 'evt-resend')!
    sent.length = 0
    now = new Date(at.getTime() + HOUR)
    const resent = await resendWebhookDelivery({ deps, actor: admin, input: { subscriptionId: sub.id, deliveryId: d.id } })
    expect(resent).toMatchObject({ id: d.id, eventId: 'evt-resend', state: 'PENDING' })
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 })
    expect(sent).toHaveLength(1)
    expect(sent[0]!.headers['x-fsn-event-id']).toBe('evt-resend')
    expect(sent[0]!.body).toBe(first.body)
    expect(sent[0]).toMatchObject({ url: 'https://hooks.partner.example/fsn', address: PUBLIC })

    // The address is checked again on resend: a name that now resolves inside is never reached.
    dns.set('hooks.partner.example', ['10.0.0.1'])
    try {
      sent.length = 0
      await resendWebhookDelivery({ deps, actor: admin, input: { subscriptionId: sub.id, deliveryId: d.id } })
      expect(await deliver()).toEqual({ delivered: 0, failed: 1 })
      expect(sent).toEqual([])
      const [row] = (await findWebhookDeliveries({ deps, actor: admin, input: { subscriptionId: sub.id, limit: 5 } })).filter(
        (x) => x.id === d.id,
      )
      expect(row!.lastError).toContain('10.0.0.1')
    } finally {
      dns.set('hooks.partner.example', [PUBLIC])
    }
    expect(await codeOf(findWebhookDeliveries({ deps, actor: admin, input: { subscriptionId: sub.id, limit: 0 } }))).toEqual({
      code: 'VALIDATION_FAILED',
      field: 'limit',
    })
  })

  it('delete removes the subscription and its log; then it is NOT_FOUND', async () => {
    now = at
    const sub = await subscribe()
    await queue(sub.id, 'evt-gone')
    await actOnWebhookSubscription({ deps, actor: admin, input: { subscriptionId: sub.id, action: 'delete' } })
    expect(await db.prisma.webhookDelivery.count({ where: { subscriptionId: sub.id } })).toBe(0)
    expect((await codeOf(getWebhookSubscription({ deps, actor: admin, input: { subscriptionId: sub.id } }))).code).toBe('NOT_FOUND')
  })

  it('directory.changed reaches only subscriptions that name it, once per outbox message, with HSDS ids', async () => {
    now = at
    // Only the new subscriptions below are active.
    await db.prisma.webhookSubscription.updateMany({ data: { active: false } })
    const wants = await subscribe(admin, 'https://hooks.partner.example/dir', ['directory.changed'])
    const star = await subscribe(otherAdmin, 'https://hooks.other.example/all', ['*'])
    await db.prisma.$transaction((tx) =>
      enqueueDirectoryWebhooks(tx, { reason: 'listing-edit', organisationIds: ['o1'], serviceIds: ['s1', 's2'], locationIds: ['l1'] }, now, 'o1'),
    )
    const msg = await db.prisma.outboxMessage.findFirstOrThrow({ where: { topic: 'directory.webhooks' }, orderBy: { createdAt: 'desc' } })
    expect(Object.keys(searchIndexHandlers())).toContain('directory.webhooks')
    const claimed = { id: msg.id, topic: msg.topic, aggregateId: msg.aggregateId, payload: msg.payload, attempts: 0 }
    expect(directoryChangesOf(claimed).changes).toEqual([
      { kind: 'organisation', hsdsId: 'o1' },
      { kind: 'service', hsdsId: 's1' },
      { kind: 'service', hsdsId: 's2' },
      { kind: 'location', hsdsId: 'l1' },
    ])
    await onDirectoryWebhooks(claimed, deps)
    await onDirectoryWebhooks(claimed, deps) // a re-run adds nothing
    expect(await db.prisma.webhookDelivery.count({ where: { subscriptionId: wants.id } })).toBe(1)
    expect(await db.prisma.webhookDelivery.count({ where: { subscriptionId: star.id } })).toBe(0)
    sent.length = 0
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 })
    expect(JSON.parse(sent[0]!.body)).toEqual({
      id: msg.id,
      type: 'directory.changed',
      data: { reason: 'listing-edit', changes: directoryChangesOf(claimed).changes },
    })
  })
})
