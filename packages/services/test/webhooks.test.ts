import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionPolicy } from '@fsn/auth'
import type { Database } from '@fsn/db'
import { openTestDatabase, testDatabaseKinds } from '@fsn/db/testing'
import type { ServiceDeps } from '../src/context'
import { deliverWebhooks, webhookPost, WEBHOOK_MAX_ATTEMPTS } from '../src/webhooks/deliver-webhooks'
import { signWebhook, verifyWebhookSignature } from '../src/webhooks/signature'
import { retryDelayMs } from '../src/outbox/outbox'
import { createEmbeddedSearchIndex } from '@fsn/search'

const at = new Date('2026-11-23T01:00:00Z')

describe('webhook signatures', () => {
  const body = '{"id":"e1","type":"referral.accepted"}'
  const header = signWebhook('s3cret', body, at)

  it('verify with the right secret and body', () => {
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
    expect(verifyWebhookSignature('s3cret', body, header, at)).toBe(true)
  })

  it.each([
    ['another secret', 'other', body, header, at],
    ['a changed body', 's3cret', body.replace('accepted', 'declined'), header, at],
    ['a replay after the tolerance', 's3cret', body, header, new Date(at.getTime() + 301_000)],
    ['a malformed header', 's3cret', body, 'v1=abc', at],
    ['a truncated signature', 's3cret', body, header.slice(0, -2), at],
  ])('refuse %s', (_name, secret, b, h, now) => expect(verifyWebhookSignature(secret, b, h, now)).toBe(false))
})

describe.each(testDatabaseKinds())('webhook delivery on %s', (kind) => {
  let db: Database
  let now = at
  let deps: ServiceDeps
  const received: { headers: IncomingMessage['headers']; body: string }[] = []
  let status = 200
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => {
      received.push({ headers: req.headers, body })
      res.writeHead(status).end()
    })
  })
  let url = ''

  beforeAll(async () => {
    db = await openTestDatabase(kind)
    // The test server is on loopback: only this address is let through (test-only hook).
    deps = {
      prisma: db.prisma,
      clock: () => now,
      sessionPolicy: sessionPolicy(),
      search: createEmbeddedSearchIndex(),
      allowPrivateWebhookTargets: ['127.0.0.1'],
    }
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  })
  afterAll(async () => {
    server.close()
    await db?.close()
  })

  async function subscription() {
    const org = await db.prisma.organisation.create({ data: { name: 'Partner', description: 'p' } })
    return db.prisma.webhookSubscription.create({
      data: {
        organisationId: org.id,
        url,
        secret: 'whsec',
        eventTypes: ['referral.accepted'],
        createdById: org.id,
      },
    })
  }

  it('POSTs a signed body with the event id over loopback, once', async () => {
    const sub = await subscription()
    await db.prisma.webhookDelivery.create({
      data: {
        subscriptionId: sub.id,
        eventId: 'evt-1',
        eventType: 'referral.accepted',
        payload: { referralId: 'r1' },
        nextAttemptAt: now,
      },
    })
    expect(await deliverWebhooks({ deps, post: webhookPost })).toEqual({ delivered: 1, failed: 0 })
    expect(await deliverWebhooks({ deps, post: webhookPost })).toEqual({ delivered: 0, failed: 0 })
    const got = received.at(-1)!
    expect(got.headers['x-fsn-event-id']).toBe('evt-1')
    expect(JSON.parse(got.body)).toEqual({
      id: 'evt-1',
      type: 'referral.accepted',
      data: { referralId: 'r1' },
    })
    expect(verifyWebhookSignature('whsec', got.body, String(got.headers['x-fsn-signature']), now)).toBe(true)
  })

  it('retries with backoff on failure and gives up after the last attempt', async () => {
    const sub = await subscription()
    const d = await db.prisma.webhookDelivery.create({
      data: {
        subscriptionId: sub.id,
        eventId: 'evt-2',
        eventType: 'referral.accepted',
        payload: {},
        nextAttemptAt: now,
      },
    })
    status = 503
    for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
      expect((await deliverWebhooks({ deps, post: webhookPost })).failed).toBe(1)
      const row = await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } })
      expect(row.attempts).toBe(attempt)
      expect(row.lastStatus).toBe(503)
      now = new Date(now.getTime() + retryDelayMs(attempt))
    }
    const row = await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } })
    expect(row.failedAt).not.toBeNull()
    expect((await deliverWebhooks({ deps, post: webhookPost })).failed).toBe(0)
    status = 200
  })
})
