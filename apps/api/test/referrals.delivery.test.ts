// After-commit delivery: in-app notifications with unread counts, email through the port, and
// signed webhooks to a partner endpoint on loopback, each exactly once per event.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '@fsn/auth'
import { seedUser } from '@fsn/db'
import { testDatabaseKinds } from '@fsn/db/testing'
import { deliverWebhooks, drainOutbox, webhookPost, memoryEmailSender, referralHandlers, verifyWebhookSignature } from '@fsn/services'
import { createTestApp, gql, PASSWORD, postJson, signInCookie, type TestApp } from './harness'
import { referralNetwork, sendOne, type Network } from './referrals.harness'

describe.each(testDatabaseKinds())('notifications and webhooks on %s', (kind) => {
  let t: TestApp
  let n: Network
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => {
      received.push({ headers: req.headers, body })
      res.writeHead(204).end()
    })
  })
  let hookUrl = ''
  let adminCookie = ''

  beforeAll(async () => {
    t = await createTestApp(kind)
    n = await referralNetwork(t)
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fsn-events`
    const { user } = await seedUser(t.db.prisma, { role: 'PROVIDER_ADMIN', organisationId: n.target.organisation.id, password: PASSWORD, hashPassword })
    adminCookie = await signInCookie(t, user.email)
  })
  afterAll(async () => {
    server.close()
    await t?.close()
  })

  it('refuses a plain-HTTP endpoint that is not loopback, and roles without webhooks:manage', async () => {
    const bad = await postJson(t, '/api/v1/webhooks', { url: 'http://partner.example.nz/hook', eventTypes: ['*'] }, { cookie: adminCookie })
    expect(bad.status).toBe(400)
    expect((await bad.json()).field).toBe('url')
    const intake = await postJson(t, '/api/v1/webhooks', { url: hookUrl, eventTypes: ['*'] }, { cookie: n.cookies.intake! })
    expect(intake.status).toBe(403)
  })

  it('delivers notifications, email and a signed webhook once per event', async () => {
    const sub = await postJson(t, '/api/v1/webhooks', { url: hookUrl, eventTypes: ['referral.sent', 'referral.accepted'] }, { cookie: adminCookie })
    expect(sub.status).toBe(201)
    const { secret } = await sub.json()
    expect(secret).toMatch(/^whsec_/)

    const { body } = await sendOne(t, n)
    const email = memoryEmailSender()
    const handlers = referralHandlers({ email })
    await drainOutbox({ deps: t.deps, handlers })
    await drainOutbox({ deps: t.deps, handlers }) // a second worker pass changes nothing

    const inbox = await gql<{ notifications: { unreadCount: number; items: { title: string; referralId: string }[] } }>(
      t,
      '{ notifications { unreadCount items { title referralId } } }',
      {},
      n.cookies.intake,
    )
    const mine = inbox.data!.notifications.items.filter((i) => i.referralId === body.id)
    expect(mine).toHaveLength(1)
    expect(mine[0]!.title).toBe(`Referral ${body.reference}: new referral`)
    expect(inbox.data!.notifications.unreadCount).toBeGreaterThanOrEqual(1)
    expect(email.sent.filter((m) => m.subject.includes(body.reference))).toHaveLength(1)
    expect(JSON.stringify(email.sent)).not.toContain('027 444 5555') // no personal details leave

    expect(await deliverWebhooks({ deps: t.deps, post: webhookPost })).toEqual({ delivered: 1, failed: 0 })
    expect(await deliverWebhooks({ deps: t.deps, post: webhookPost })).toEqual({ delivered: 0, failed: 0 })
    const hook = received.at(-1)!
    expect(JSON.parse(hook.body)).toMatchObject({ type: 'referral.sent', data: { referralId: body.id, reference: body.reference } })
    expect(verifyWebhookSignature(secret, hook.body, String(hook.headers['x-fsn-signature']), t.deps.clock())).toBe(true)

    const marked = await gql<{ markNotificationsRead: number }>(t, 'mutation { markNotificationsRead }', {}, n.cookies.intake)
    expect(marked.data!.markNotificationsRead).toBeGreaterThanOrEqual(1)
    const after = await gql<{ notifications: { unreadCount: number } }>(t, '{ notifications { unreadCount } }', {}, n.cookies.intake)
    expect(after.data!.notifications.unreadCount).toBe(0)
  })
})
