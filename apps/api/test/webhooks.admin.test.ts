// Partner subscriptions administration over REST and GraphQL (issue 16, item 4), with a set clock:
// an organisation administrator lists, rotates (old and new secret both verify during the overlap,
// only the new one after), reads the delivery log, resends (same event id, same checked address),
// pauses and resumes, deletes; another organisation's subscription is 404 everywhere; the secret
// is in no answer but create's and rotate's; bad input is 400 naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKinds } from '@fsn/db/testing'
import { deliverWebhooks, verifyWebhookSignature, type HttpPost } from '@fsn/services'
import { createTestApp, createUser, gql, postJson, signInCookie, type TestApp } from './harness'

const PUBLIC = '151.101.2.15' // what the harness's stub DNS answers for *.example; never connected to
const HOUR = 3_600_000

describe.each(testDatabaseKinds())('webhook subscriptions administration over the API on %s', (kind) => {
  let t: TestApp
  let cookie = ''
  let otherCookie = ''
  let connectorCookie = ''
  const start = new Date('2026-11-23T01:00:00Z')
  const sent: { address: string; url: string; headers: Record<string, string>; body: string }[] = []
  const post: HttpPost = async (url, init) => {
    sent.push({ url, address: init.address, headers: init.headers, body: init.body })
    return { status: 200 }
  }

  beforeAll(async () => {
    t = await createTestApp(kind)
    t.setNow(start)
    cookie = await signInCookie(t, (await createUser(t, { role: 'PROVIDER_ADMIN' })).user.email)
    otherCookie = await signInCookie(t, (await createUser(t, { role: 'PROVIDER_ADMIN' })).user.email)
    connectorCookie = await signInCookie(t, (await createUser(t, { role: 'COMMUNITY_CONNECTOR' })).user.email)
  }, 120_000)
  afterAll(async () => {
    await t?.close()
  })

  const get = (path: string, c = cookie) => t.app.request(path, { headers: { cookie: c } })
  const del = (path: string, c = cookie) => t.app.request(path, { method: 'DELETE', headers: { cookie: c } })
  const queue = (subscriptionId: string, eventId: string) =>
    t.db.prisma.webhookDelivery.create({
      data: { subscriptionId, eventId, eventType: 'referral.accepted', payload: { referralId: 'r1' }, nextAttemptAt: start },
    })

  it('rotation, log, resend, pause/resume, delete; the secret only at create and rotate', async () => {
    t.setNow(start)
    const created = await postJson(t, '/api/v1/webhooks', { url: 'https://hooks.partner.example/fsn', eventTypes: ['*', 'directory.changed'] }, { cookie })
    expect(created.status).toBe(201)
    const { id, secret: oldSecret } = (await created.json()) as { id: string; secret: string }

    const list = await get('/api/v1/webhooks')
    expect(list.status).toBe(200)
    const listText = await list.text()
    expect(listText).not.toContain(oldSecret)
    expect(JSON.parse(listText).items).toMatchObject([{ id, active: true, eventTypes: ['*', 'directory.changed'], previousSecretValidUntil: null }])

    const rotatedRes = await postJson(t, `/api/v1/webhooks/${id}/rotate-secret`, {}, { cookie })
    expect(rotatedRes.status).toBe(200)
    const rotated = (await rotatedRes.json()) as { secret: string; previousSecretValidUntil: string }
    expect(rotated.previousSecretValidUntil).toBe(new Date(start.getTime() + 24 * HOUR).toISOString())
    const one = await (await get(`/api/v1/webhooks/${id}`)).text()
    expect(one).not.toContain(rotated.secret)
    expect(one).not.toContain(oldSecret)

    // During the overlap both secrets verify; after it only the new one.
    const d = await queue(id, 'evt-api-1')
    t.setNow(new Date(start.getTime() + 2 * HOUR))
    expect(await deliverWebhooks({ deps: t.deps, post })).toEqual({ delivered: 1, failed: 0 })
    const during = sent.at(-1)!
    expect(verifyWebhookSignature(oldSecret, during.body, during.headers['x-fsn-signature']!, t.deps.clock())).toBe(true)
    expect(verifyWebhookSignature(rotated.secret, during.body, during.headers['x-fsn-signature']!, t.deps.clock())).toBe(true)

    const log = await get(`/api/v1/webhooks/${id}/deliveries?limit=10`)
    expect(log.status).toBe(200)
    expect((await log.json()).items).toMatchObject([{ id: d.id, eventId: 'evt-api-1', attempts: 1, lastStatus: 200, state: 'DELIVERED' }])

    t.setNow(new Date(start.getTime() + 25 * HOUR))
    const resend = await postJson(t, `/api/v1/webhooks/${id}/deliveries/${d.id}/resend`, {}, { cookie })
    expect(resend.status).toBe(200)
    expect(await resend.json()).toMatchObject({ id: d.id, eventId: 'evt-api-1', state: 'PENDING' })
    sent.length = 0
    expect(await deliverWebhooks({ deps: t.deps, post })).toEqual({ delivered: 1, failed: 0 })
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ url: 'https://hooks.partner.example/fsn', address: PUBLIC })
    expect(sent[0]!.headers['x-fsn-event-id']).toBe('evt-api-1')
    expect(sent[0]!.body).toBe(during.body)
    expect(verifyWebhookSignature(rotated.secret, sent[0]!.body, sent[0]!.headers['x-fsn-signature']!, t.deps.clock())).toBe(true)
    expect(verifyWebhookSignature(oldSecret, sent[0]!.body, sent[0]!.headers['x-fsn-signature']!, t.deps.clock())).toBe(false)

    const paused = await postJson(t, `/api/v1/webhooks/${id}/pause`, {}, { cookie })
    expect(await paused.json()).toMatchObject({ id, active: false })
    await queue(id, 'evt-api-2')
    sent.length = 0
    expect(await deliverWebhooks({ deps: t.deps, post })).toEqual({ delivered: 0, failed: 0 })
    expect(await (await postJson(t, `/api/v1/webhooks/${id}/resume`, {}, { cookie })).json()).toMatchObject({ active: true })
    expect(await deliverWebhooks({ deps: t.deps, post })).toEqual({ delivered: 1, failed: 0 })
    expect(sent.map((s) => s.headers['x-fsn-event-id'])).toEqual(['evt-api-2'])

    // GraphQL sees the same, without the secret.
    const g = await gql<{ webhookSubscription: { id: string; active: boolean } }>(
      t,
      'query($id: ID!) { webhookSubscription(subscriptionId: $id) { id active } }',
      { id },
      cookie,
    )
    expect(g.data?.webhookSubscription).toEqual({ id, active: true })

    expect((await del(`/api/v1/webhooks/${id}`)).status).toBe(200)
    expect((await get(`/api/v1/webhooks/${id}`)).status).toBe(404)
  })

  it("another organisation's subscription is 404 on every route and in GraphQL; other roles 403; bad input 400 naming the field", async () => {
    t.setNow(start)
    const created = await postJson(t, '/api/v1/webhooks', { url: 'https://hooks.other.example/fsn', eventTypes: ['*'] }, { cookie: otherCookie })
    const { id } = (await created.json()) as { id: string }
    const d = await queue(id, 'evt-theirs')
    const answers = [
      await get(`/api/v1/webhooks/${id}`),
      await get(`/api/v1/webhooks/${id}/deliveries`),
      await postJson(t, `/api/v1/webhooks/${id}/pause`, {}, { cookie }),
      await postJson(t, `/api/v1/webhooks/${id}/resume`, {}, { cookie }),
      await postJson(t, `/api/v1/webhooks/${id}/rotate-secret`, {}, { cookie }),
      await postJson(t, `/api/v1/webhooks/${id}/deliveries/${d.id}/resend`, {}, { cookie }),
      await del(`/api/v1/webhooks/${id}`),
    ]
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404])
    for (const m of ['pauseWebhookSubscription', 'rotateWebhookSecret', 'deleteWebhookSubscription']) {
      const r = await gql(t, `mutation($id: ID!) { ${m}(subscriptionId: $id) { __typename } }`, { id }, cookie)
      expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND')
    }
    const row = await t.db.prisma.webhookSubscription.findUniqueOrThrow({ where: { id } })
    expect(row.active).toBe(true)
    expect(row.previousSecret).toBeNull()

    expect((await get('/api/v1/webhooks', connectorCookie)).status).toBe(403)
    const bad = await get(`/api/v1/webhooks/not-a-uuid`)
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' })
    const badLimit = await get(`/api/v1/webhooks/${id}/deliveries?limit=999`, otherCookie)
    expect(badLimit.status).toBe(400)
    expect(await badLimit.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'limit' })
    const badGql = await gql(t, 'query($id: ID!) { webhookDeliveries(subscriptionId: $id, limit: 0) { id } }', { id }, otherCookie)
    expect(badGql.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'limit' })
  })
})
