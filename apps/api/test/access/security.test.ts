// Sign-in rate limits, session revocation, cookie attributes, CSRF refusal and security headers,
// against the real app on a real database (PGlite, and Postgres when TEST_DATABASE_URL is set).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKinds } from '@fsn/db/testing'
import { createApp } from '../../src/app'
import { createTestApp, createUser, gql, PASSWORD, postJson, signInCookie, type TestApp } from '../harness'

const MINUTE = 60_000
/** What @hono/node-server hands the app for a socket: lets a test choose the TCP peer. */
const fromPeer = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } })

describe.each(testDatabaseKinds())('access: sign-in limits, sessions, cookies, CSRF and headers on %s', (kind) => {
  let t: TestApp
  let now: Date
  const start = new Date('2026-11-22T20:00:00Z')
  let app: ReturnType<typeof createApp>
  let secureApp: ReturnType<typeof createApp>
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms)
    t.setNow(now)
  }

  beforeAll(async () => {
    t = await createTestApp(kind)
    now = start
    const base = { deps: t.deps, db: t.db, bodyLimitBytes: 64 * 1024, graphiql: false }
    // The production shape: the web app's origin allowed, the web server (10.0.0.2) trusted.
    app = createApp({ ...base, cookieSecure: false, allowedOrigins: ['http://web.test:3000'], trustedProxies: ['10.0.0.2'] })
    secureApp = createApp({ ...base, cookieSecure: true })
  })
  afterAll(async () => t?.close())

  const signIn = (email: string, password: string, peer = '192.0.2.10', headers: Record<string, string> = {}) =>
    app.request(
      '/auth/sign-in',
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) },
      fromPeer(peer),
    )

  describe('sign-in rate limit', () => {
    it('locks an account after 5 failures for 15 minutes, alike for an unknown account, with Retry-After', async () => {
      const { user } = await createUser(t)
      const ghost = 'nobody-here@example.nz'
      for (const email of [user.email, ghost]) {
        for (let i = 0; i < 5; i++) {
          // Each from a different address: the account's count is what trips.
          expect((await signIn(email, 'wrong password', `198.51.100.${i + 1}`)).status).toBe(401)
        }
      }
      const real = await signIn(user.email, PASSWORD, '198.51.100.77')
      const unknown = await signIn(ghost, PASSWORD, '198.51.100.77')
      expect(real.status).toBe(429)
      expect(unknown.status).toBe(429)
      const [a, b] = [await real.json(), await unknown.json()]
      expect(a.code).toBe('RATE_LIMITED')
      // The same answer whether or not the account exists.
      expect({ ...a, requestId: null }).toEqual({ ...b, requestId: null })
      expect(real.headers.get('retry-after')).toBe(String(15 * 60))
      expect(real.headers.get('set-cookie')).toBeNull()
      // Case does not dodge the count.
      expect((await signIn(user.email.toUpperCase(), PASSWORD, '198.51.100.78')).status).toBe(429)

      advance(10 * MINUTE)
      const later = await signIn(user.email, PASSWORD, '198.51.100.79')
      expect(later.status).toBe(429)
      expect(later.headers.get('retry-after')).toBe(String(5 * 60))
      advance(5 * MINUTE)
      expect((await signIn(user.email, PASSWORD, '198.51.100.79')).status).toBe(200)
    })

    it('a successful sign-in clears the account count', async () => {
      const { user } = await createUser(t)
      for (let i = 0; i < 4; i++) expect((await signIn(user.email, 'nope nope', `203.0.113.${i + 1}`)).status).toBe(401)
      expect((await signIn(user.email, PASSWORD, '203.0.113.50')).status).toBe(200)
      for (let i = 0; i < 4; i++) expect((await signIn(user.email, 'nope nope', `203.0.113.${i + 1}`)).status).toBe(401)
      expect((await signIn(user.email, PASSWORD, '203.0.113.50')).status).toBe(200)
    })

    it('limits an address to 20 failures across accounts; X-Forwarded-For counts only from the trusted web server', async () => {
      const { user } = await createUser(t)
      for (let i = 0; i < 20; i++) {
        expect((await signIn(`spray${i}@example.nz`, 'guess guess', '192.0.2.99')).status).toBe(401)
      }
      const blocked = await signIn(user.email, PASSWORD, '192.0.2.99')
      expect(blocked.status).toBe(429)
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
      // From another address the same user is fine.
      expect((await signIn(user.email, PASSWORD, '192.0.2.100')).status).toBe(200)
      // A client cannot escape its address by claiming another in X-Forwarded-For...
      expect((await signIn(user.email, PASSWORD, '192.0.2.99', { 'x-forwarded-for': '192.0.2.200' })).status).toBe(429)
      // ...but the trusted web server forwarding for the blocked browser is blocked, and for another is not.
      expect((await signIn(user.email, PASSWORD, '10.0.0.2', { 'x-forwarded-for': '192.0.2.99' })).status).toBe(429)
      expect((await signIn(user.email, PASSWORD, '10.0.0.2', { 'x-forwarded-for': '192.0.2.201' })).status).toBe(200)
      // The session records the address the limit used.
      const sessions = await t.db.prisma.session.findMany({ where: { userId: user.id } })
      expect(sessions.map((s) => s.ipAddress).sort()).toEqual(['192.0.2.100', '192.0.2.201'])
      advance(16 * MINUTE)
      expect((await signIn(user.email, PASSWORD, '192.0.2.99')).status).toBe(200)
    })
  })

  describe('sessions', () => {
    it('a revoked session gets 401 on REST and UNAUTHENTICATED on GraphQL; sign-out ends a session', async () => {
      const { user } = await createUser(t)
      const laptop = await signInCookie(t, user.email)
      const phone = await signInCookie(t, user.email)
      const rest = (cookie: string) => t.app.request('/api/v1/referrals?box=INBOX', { headers: { cookie } })
      const me = (cookie: string) => gql<{ me: { id: string } | null }>(t, '{ me { id } }', {}, cookie)
      const inbox = (cookie: string) => gql(t, '{ referrals(box: INBOX) { totalCount } }', {}, cookie)
      expect((await rest(laptop)).status).toBe(200)
      expect((await me(laptop)).data?.me?.id).toBe(user.id)

      const revoke = await postJson(t, '/auth/revoke-sessions', {}, { cookie: phone })
      expect(await revoke.json()).toEqual({ revoked: 2 })
      for (const cookie of [laptop, phone]) {
        const res = await rest(cookie)
        expect(res.status).toBe(401)
        expect((await res.json()).code).toBe('UNAUTHENTICATED')
        expect((await me(cookie)).data?.me).toBeNull()
        expect((await inbox(cookie)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
      }

      const again = await signInCookie(t, user.email)
      expect((await rest(again)).status).toBe(200)
      const out = await t.app.request('/auth/sign-out', { method: 'POST', headers: { cookie: again } })
      expect(out.status).toBe(204)
      expect(out.headers.get('set-cookie')).toMatch(/^fsn_session=;.*Max-Age=0/)
      expect((await rest(again)).status).toBe(401)
      expect((await inbox(again)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    })

    it('a national administrator revokes another user’s sessions', async () => {
      const { user } = await createUser(t)
      const { user: admin } = await createUser(t, { role: 'NATIONAL_ADMIN', kind: 'AGENCY' })
      const victim = await signInCookie(t, user.email)
      const adminCookie = await signInCookie(t, admin.email)
      const res = await postJson(t, '/auth/revoke-sessions', { userId: user.id }, { cookie: adminCookie })
      expect(await res.json()).toEqual({ revoked: 1 })
      expect((await t.app.request('/api/v1/referrals?box=OUTBOX', { headers: { cookie: victim } })).status).toBe(401)
      // The administrator's own session still works (the inbox is intake's duty, not theirs).
      expect((await t.app.request('/api/v1/coverage/matrix', { headers: { cookie: adminCookie } })).status).toBe(200)
    })
  })

  describe('cookies', () => {
    it('HttpOnly, SameSite=Lax, Path=/ always; Secure in production and not in development', async () => {
      const { user } = await createUser(t)
      const body = JSON.stringify({ email: user.email, password: PASSWORD })
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body }
      const dev = (await app.request('/auth/sign-in', init)).headers.get('set-cookie')!
      const prod = (await secureApp.request('/auth/sign-in', init)).headers.get('set-cookie')!
      for (const cookie of [dev, prod]) {
        const attrs = cookie.split(';').map((s) => s.trim())
        expect(attrs).toContain('HttpOnly')
        expect(attrs).toContain('SameSite=Lax')
        expect(attrs).toContain('Path=/')
      }
      expect(prod.split(';').map((s) => s.trim())).toContain('Secure')
      expect(dev).not.toMatch(/;\s*Secure/i)
      const out = await secureApp.request('/auth/sign-out', { method: 'POST', headers: { cookie: prod.split(';')[0]! } })
      expect(out.headers.get('set-cookie')).toMatch(/HttpOnly/)
      expect(out.headers.get('set-cookie')).toMatch(/Secure/)
    })
  })

  describe('CSRF', () => {
    let cookie: string
    beforeAll(async () => {
      const { user } = await createUser(t)
      cookie = await signInCookie(t, user.email)
    })
    const person = JSON.stringify({ givenName: 'Mere', familyName: 'Tipene', regionCode: '09' })
    const post = (path: string, headers: Record<string, string>, body = person) =>
      app.request(path, { method: 'POST', headers, body })
    const mutation = JSON.stringify({ query: 'mutation { markNotificationsRead(ids: []) }' })

    it('refuses a cookie-carrying POST from another origin, on REST and on a GraphQL mutation', async () => {
      const crossSite: Record<string, string>[] = [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
      ]
      for (const headers of crossSite) {
        const rest = await post('/api/v1/people', { cookie, 'content-type': 'application/json', ...headers })
        expect(rest.status).toBe(403)
        expect((await rest.json()).message).toBe('Cross-site request refused.')
        const graph = await post('/graphql', { cookie, 'content-type': 'application/json', ...headers }, mutation)
        expect(graph.status).toBe(403)
      }
      // Login CSRF: a cross-site form cannot sign the browser into someone else's account.
      const login = await post('/auth/sign-in', { 'content-type': 'application/json', origin: 'https://evil.example' }, '{}')
      expect(login.status).toBe(403)
      expect(await t.db.prisma.person.count({ where: { givenName: 'Mere', familyName: 'Tipene' } })).toBe(0)
    })

    it('refuses form content types with the cookie even from an allowed origin', async () => {
      for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain;charset=UTF-8']) {
        const res = await post('/api/v1/people', { cookie, 'content-type': type, origin: 'http://web.test:3000' })
        expect(res.status).toBe(415)
        expect((await res.json()).code).toBe('UNSUPPORTED_MEDIA_TYPE')
        expect((await post('/graphql', { cookie, 'content-type': type }, mutation)).status).toBe(415)
      }
    })

    it('lets through the web app’s origin, the API’s own, same-origin fetches, and the web server’s header-less calls', async () => {
      const allowed: Record<string, string>[] = [
        { origin: 'http://web.test:3000' },
        { origin: 'http://localhost' },
        { 'sec-fetch-site': 'same-origin' },
        {},
      ]
      for (const headers of allowed) {
        const res = await post('/api/v1/people', { cookie, 'content-type': 'application/json', ...headers })
        expect(res.status).toBe(201)
        const graph = await post('/graphql', { cookie, 'content-type': 'application/json', ...headers }, mutation)
        expect(graph.status).toBe(200)
      }
      // GET is never blocked, and a GraphQL mutation cannot ride on a GET.
      expect((await app.request('/api/v1/referrals?box=INBOX', { headers: { cookie, origin: 'https://evil.example' } })).status).toBe(200)
      const viaGet = await app.request(`/graphql?query=${encodeURIComponent('mutation { markNotificationsRead(ids: []) }')}`, {
        headers: { cookie },
      })
      expect(viaGet.status).toBe(405)
    })

    it('a Bearer token without the cookie is exempt: a script has no ambient credential to forge', async () => {
      const token = cookie.split('=')[1]!
      const res = await post('/api/v1/people', {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        origin: 'https://tool.example',
      })
      expect(res.status).toBe(201)
    })
  })

  describe('security headers', () => {
    it('API responses carry nosniff, frame refusal, HSTS, no referrer and a CSP of default-src none', async () => {
      for (const path of ['/health', '/api/v1/regions', '/graphql?query=%7B__typename%7D', '/nowhere']) {
        const res = await app.request(path)
        expect(res.headers.get('x-content-type-options')).toBe('nosniff')
        expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
        expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/)
        expect(res.headers.get('referrer-policy')).toBe('no-referrer')
        expect(res.headers.get('content-security-policy')).toBe("default-src 'none'")
        expect(res.headers.get('x-powered-by')).toBeNull()
      }
    })
  })
})
