// Webhooks reach only the public internet (issue 12, item 6): refused at subscription, checked
// again before every delivery (DNS rebinding), delivered to the checked address, no redirects.
// Names resolve through a stub; nothing here connects anywhere but loopback.
import { createServer as createHttpServer } from 'node:http'
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionPolicy } from '@fsn/auth'
import { seedUser, type Database } from '@fsn/db'
import { openTestDatabase, testDatabaseKinds } from '@fsn/db/testing'
import { isAppError, userActor, type Actor } from '@fsn/domain'
import { createEmbeddedSearchIndex } from '@fsn/search'
import type { ServiceDeps } from '../src/context'
import { deliverWebhooks, webhookPost, WEBHOOK_MAX_ATTEMPTS, type HttpPost } from '../src/webhooks/deliver-webhooks'
import { createWebhookSubscription } from '../src/webhooks/subscriptions'
import { checkWebhookTarget } from '../src/webhooks/webhook-target'
import { retryDelayMs } from '../src/outbox/outbox'

const at = new Date('2026-11-23T01:00:00Z')
// Stands for "a public address"; only ever handed to the stub post, never connected to.
const PUBLIC = '151.101.2.15'

describe.each(testDatabaseKinds())('webhook targets on %s', (kind) => {
  let db: Database
  let now = at
  let deps: ServiceDeps
  /** The same without the test-only allow-list, as production builds them. */
  let strict: ServiceDeps
  let admin: Actor
  const dns = new Map<string, string[]>()
  const lookups: string[] = []
  const posts: { url: string; address: string; host?: string }[] = []
  const stubPost: HttpPost = async (url, init) => {
    posts.push({ url, address: init.address })
    return { status: 204 }
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind)
    deps = {
      prisma: db.prisma,
      clock: () => now,
      sessionPolicy: sessionPolicy(),
      search: createEmbeddedSearchIndex(),
      resolveHost: async (host) => {
        lookups.push(host)
        const answer = dns.get(host)
        if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
        return answer
      },
      allowPrivateWebhookTargets: ['127.0.0.1'],
    }
    const { allowPrivateWebhookTargets: _testOnly, ...rest } = deps
    strict = rest
    const org = await db.prisma.organisation.create({ data: { name: 'Partner Trust', description: 'p' } })
    const { user } = await seedUser(db.prisma, { role: 'PROVIDER_ADMIN', organisationId: org.id })
    admin = userActor({ id: user.id, email: user.email, name: user.name }, 'session', [
      { organisationId: org.id, organisationName: org.name, organisationKind: org.kind, role: 'PROVIDER_ADMIN', regionId: null },
    ])
    dns.set('hooks.partner.example', [PUBLIC])
    dns.set('internal.partner.example', ['10.0.0.1'])
    dns.set('mixed.partner.example', [PUBLIC, '127.0.0.1'])
    dns.set('metadata.partner.example', ['169.254.169.254'])
    dns.set('v6.partner.example', ['2606:4700:4700::1111', 'fd00::1'])
    dns.set('mapped.partner.example', ['::ffff:10.0.0.1'])
    dns.set('empty.partner.example', [])
  }, 60_000)
  afterAll(async () => {
    await db?.close()
  })

  const subscribe = (url: string, d: ServiceDeps = deps) =>
    createWebhookSubscription({ deps: d, actor: admin, input: { url, eventTypes: ['*'] } })

  async function refusal(url: string, d: ServiceDeps = deps) {
    const err = await subscribe(url, d).then(
      () => null,
      (e: unknown) => e,
    )
    expect(isAppError(err), `${url} was accepted`).toBe(true)
    return err as { code: string; field?: string; message: string }
  }

  it.each([
    ['https://169.254.169.254/latest/meta-data/', 'link-local'],
    ['https://10.0.0.1/', 'private'],
    ['https://127.0.0.1:4000/hook', 'loopback'],
    ['https://metadata.google.internal/', '.internal'],
    ['https://0x7f000001/', 'loopback'],
    ['https://2130706433/', 'loopback'],
    ['https://0177.0.0.1/', 'loopback'],
    ['https://127.1/', 'loopback'],
    ['https://[::ffff:7f00:1]/', 'IPv4-mapped'],
    ['https://[64:ff9b::a00:1]/', 'NAT64'],
    ['https://localhost/', 'single-label'],
    ['https://app.localhost/', '.localhost'],
    ['https://printer.local/', '.local'],
    ['http://hooks.partner.example/hook', 'HTTPS only'],
    ['https://user:pw@hooks.partner.example/hook', 'credentials'],
    ['https://internal.partner.example/hook', 'resolves to 10.0.0.1 is private'],
    ['https://mixed.partner.example/hook', 'resolves to 127.0.0.1 is loopback'],
    ['https://metadata.partner.example/hook', 'link-local'],
    ['https://v6.partner.example/hook', 'unique-local'],
    ['https://mapped.partner.example/hook', 'IPv4-mapped'],
    ['https://empty.partner.example/hook', 'resolves to no address'],
    ['https://nowhere.partner.example/hook', 'could not be resolved (ENOTFOUND)'],
  ])('refuses a subscription to %s (%s) as VALIDATION_FAILED on url', async (url, why) => {
    const err = await refusal(url, strict)
    expect(err.code).toBe('VALIDATION_FAILED')
    expect(err.field).toBe('url')
    expect(err.message).toContain(why)
  })

  it('accepts a public name, and refuses the loopback test server without the test-only list', async () => {
    const sub = await subscribe('https://hooks.partner.example/hook')
    expect(sub.url).toBe('https://hooks.partner.example/hook')
    expect((await refusal('http://127.0.0.1:4000/hook', strict)).message).toContain('HTTPS only')
    expect((await refusal('https://127.0.0.1:4000/hook', strict)).message).toContain('loopback')
    // The list lets exactly its addresses through, nothing near them.
    expect((await refusal('https://127.0.0.2:4000/hook')).message).toContain('loopback')
    expect((await refusal('https://internal.partner.example/hook')).message).toContain('resolves to 10.0.0.1')
  })

  it('ignores the test-only list when NODE_ENV is production', async () => {
    const before = process.env.NODE_ENV
    process.env.NODE_ENV = 'production'
    try {
      expect(await checkWebhookTarget(deps, 'https://127.0.0.1:4000/hook')).toMatchObject({ ok: false, permanent: true })
    } finally {
      process.env.NODE_ENV = before
    }
    expect(await checkWebhookTarget(deps, 'https://127.0.0.1:4000/hook')).toMatchObject({ ok: true, address: '127.0.0.1' })
  })

  async function queue(subscriptionId: string, eventId: string) {
    return db.prisma.webhookDelivery.create({
      data: { subscriptionId, eventId, eventType: 'referral.accepted', payload: {}, nextAttemptAt: now },
    })
  }

  it('refuses a delivery when the name now resolves to 10.0.0.1 (rebinding), retries with backoff, parks after the last try', async () => {
    dns.set('rebind.partner.example', [PUBLIC])
    const sub = await subscribe('https://rebind.partner.example/hook')
    dns.set('rebind.partner.example', ['10.0.0.1'])
    const d = await queue(sub.id, 'evt-rebind')
    posts.length = 0
    for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
      expect(await deliverWebhooks({ deps, post: stubPost })).toEqual({ delivered: 0, failed: 1 })
      const row = await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } })
      expect(row.attempts).toBe(attempt)
      expect(row.lastStatus).toBeNull()
      expect(row.lastError).toBe('not sent: refused: rebind.partner.example resolves to 10.0.0.1 is private (10.0.0.0/8)')
      expect(row.failedAt === null).toBe(attempt < WEBHOOK_MAX_ATTEMPTS)
      now = new Date(now.getTime() + retryDelayMs(attempt))
    }
    expect(posts).toEqual([]) // never sent
    expect(await deliverWebhooks({ deps, post: stubPost })).toEqual({ delivered: 0, failed: 0 })
  })

  it('delivers once the name is public again, to the address it checked', async () => {
    dns.set('flip.partner.example', [PUBLIC])
    const sub = await subscribe('https://flip.partner.example:8443/hook?org=1')
    dns.set('flip.partner.example', ['127.0.0.2', PUBLIC]) // one internal answer is enough to refuse
    const d = await queue(sub.id, 'evt-flip')
    posts.length = 0
    expect(await deliverWebhooks({ deps, post: stubPost })).toEqual({ delivered: 0, failed: 1 })
    dns.set('flip.partner.example', [PUBLIC, '2606:4700:4700::1111'])
    now = (await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } })).nextAttemptAt
    lookups.length = 0
    expect(await deliverWebhooks({ deps, post: stubPost })).toEqual({ delivered: 1, failed: 0 })
    expect(lookups).toEqual(['flip.partner.example'])
    expect(posts).toEqual([{ url: 'https://flip.partner.example:8443/hook?org=1', address: PUBLIC }])
  })

  it('parks at once a delivery whose stored URL is refused by itself (subscribed before the rule)', async () => {
    const org = await db.prisma.organisation.create({ data: { name: 'Old Partner', description: 'p' } })
    const sub = await db.prisma.webhookSubscription.create({
      data: { organisationId: org.id, url: 'https://169.254.169.254/latest/meta-data/', secret: 's', eventTypes: ['*'], createdById: org.id },
    })
    const d = await queue(sub.id, 'evt-metadata')
    posts.length = 0
    expect(await deliverWebhooks({ deps, post: stubPost })).toEqual({ delivered: 0, failed: 1 })
    const row = await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } })
    expect(row.attempts).toBe(1)
    expect(row.failedAt).not.toBeNull()
    expect(row.lastError).toContain('169.254.169.254 is link-local')
    expect(posts).toEqual([])
  })

  it('records a resolver failure as a failed attempt, not a crash', async () => {
    dns.set('gone.partner.example', [PUBLIC])
    const sub = await subscribe('https://gone.partner.example/hook')
    dns.delete('gone.partner.example')
    const d = await queue(sub.id, 'evt-gone')
    expect(await deliverWebhooks({ deps, post: stubPost })).toEqual({ delivered: 0, failed: 1 })
    const row = await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } })
    expect(row.lastError).toBe('not sent: gone.partner.example could not be resolved (ENOTFOUND)')
    expect(row.failedAt).toBeNull()
  })

  it('connects to the checked address with the name as TLS server name (pinned, no second lookup)', async () => {
    // A bare TCP server on loopback reads the TLS ClientHello (the server name is in clear) and hangs up.
    const hello: Buffer[] = []
    const sockets: Socket[] = []
    const tcp = createTcpServer((socket) => {
      sockets.push(socket)
      socket.once('data', (chunk) => {
        hello.push(chunk)
        socket.destroy()
      })
    })
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r))
    try {
      const port = (tcp.address() as AddressInfo).port
      dns.set('pinned.partner.example', ['127.0.0.1']) // allow-listed test address
      const sub = await subscribe(`https://pinned.partner.example:${port}/hook`)
      const d = await queue(sub.id, 'evt-pinned')
      lookups.length = 0
      expect(await deliverWebhooks({ deps, post: webhookPost })).toEqual({ delivered: 0, failed: 1 })
      expect(lookups).toEqual(['pinned.partner.example'])
      expect(hello).toHaveLength(1)
      expect(hello[0]!.toString('latin1')).toContain('pinned.partner.example')
      const row = await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } })
      expect(row.lastError).toBeTruthy()
      expect(row.failedAt).toBeNull()
    } finally {
      sockets.forEach((s) => s.destroy())
      await new Promise<void>((r) => tcp.close(() => r()))
    }
  })

  it('does not follow a redirect from the endpoint', async () => {
    const elsewhere: string[] = []
    const target = createHttpServer((req, res) => {
      elsewhere.push(req.url ?? '')
      res.writeHead(204).end()
    })
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r))
    const redirecting = createHttpServer((req, res) => {
      req.resume()
      res.writeHead(307, { location: `http://127.0.0.1:${(target.address() as AddressInfo).port}/internal` }).end()
    })
    await new Promise<void>((r) => redirecting.listen(0, '127.0.0.1', r))
    try {
      const sub = await subscribe(`http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/hook`)
      const d = await queue(sub.id, 'evt-redirect')
      expect(await deliverWebhooks({ deps, post: webhookPost })).toEqual({ delivered: 0, failed: 1 })
      const row = await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } })
      expect(row.lastStatus).toBe(307)
      expect(row.lastError).toBe('HTTP 307')
      expect(elsewhere).toEqual([])
    } finally {
      redirecting.close()
      target.close()
    }
  })
})
