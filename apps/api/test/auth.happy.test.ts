import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKinds } from '@fsn/db/testing'
import { createTestApp, createUser, gql, PASSWORD, postJson, signInCookie, type TestApp } from './harness'

const ME = `{ me { id email name roles capabilities memberships { role organisation { id name kind } region { code } } } }`

describe.each(testDatabaseKinds())('sign-in and sessions on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind)
  })
  afterAll(async () => t?.close())

  it('signs in, sets an HTTP-only SameSite cookie, and `me` shows organisation and role', async () => {
    const { user, organisation } = await createUser(t)
    const res = await postJson(t, '/auth/sign-in', { email: user.email.toUpperCase(), password: PASSWORD })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.user).toEqual({ id: user.id, email: user.email, name: user.name })
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^fsn_session=[a-z2-7]{32};/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Lax')
    expect(cookie).toContain('Path=/')
    expect(cookie).toContain(`Max-Age=${30 * 86400}`)

    const me = await gql<{
      me: { memberships: { role: string; organisation: { id: string } }[]; capabilities: string[] }
    }>(t, ME, {}, cookie.split(';')[0])
    expect(me.errors).toBeUndefined()
    expect(me.data!.me.memberships).toEqual([
      {
        role: 'COMMUNITY_CONNECTOR',
        organisation: { id: organisation.id, name: organisation.name, kind: 'PROVIDER' },
        region: null,
      },
    ])
    expect(me.data!.me.capabilities).toContain('referral:send')
  })

  it('stores only the SHA-256 of the token', async () => {
    const { user } = await createUser(t)
    const cookie = await signInCookie(t, user.email)
    const token = cookie.split('=')[1]!
    const sessions = await t.db.prisma.session.findMany({ where: { userId: user.id } })
    expect(sessions).toHaveLength(1)
    expect(sessions[0]!.id).toMatch(/^[0-9a-f]{64}$/)
    expect(sessions[0]!.id).not.toContain(token)
  })

  it('accepts the token as a Bearer header for scripts', async () => {
    const { user } = await createUser(t)
    const token = (await signInCookie(t, user.email)).split('=')[1]!
    const res = await t.app.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { email } }' }),
    })
    expect((await res.json()).data.me.email).toBe(user.email)
  })

  it('slides the expiry forward when used in the second half of its life, and expires unused', async () => {
    const { user } = await createUser(t)
    const start = new Date('2026-11-22T20:00:00Z')
    t.setNow(start)
    const cookie = await signInCookie(t, user.email)
    const day = 86_400_000

    t.setNow(new Date(start.getTime() + 10 * day)) // 20 days left: no renewal
    let res = await postJson(t, '/graphql', { query: '{ me { id } }' }, { cookie })
    expect(res.headers.get('set-cookie')).toBeNull()

    t.setNow(new Date(start.getTime() + 20 * day)) // 10 days left: renewed to 30
    res = await postJson(t, '/graphql', { query: '{ me { id } }' }, { cookie })
    expect(res.headers.get('set-cookie')).toContain(`Max-Age=${30 * 86400}`)
    const session = await t.db.prisma.session.findFirstOrThrow({ where: { userId: user.id } })
    expect(session.expiresAt.getTime()).toBe(start.getTime() + 50 * day)

    t.setNow(new Date(start.getTime() + 51 * day)) // past the renewed expiry
    const me = await gql(t, '{ me { id } }', {}, cookie)
    expect(me.data).toEqual({ me: null })
    expect(await t.db.prisma.session.count({ where: { userId: user.id } })).toBe(0)
    t.setNow(start)
  })

  it('signs out: the cookie is cleared and the session no longer works', async () => {
    const { user } = await createUser(t)
    const cookie = await signInCookie(t, user.email)
    const res = await t.app.request('/auth/sign-out', { method: 'POST', headers: { cookie } })
    expect(res.status).toBe(204)
    expect(res.headers.get('set-cookie')).toMatch(/fsn_session=;.*Max-Age=0/)
    expect((await gql(t, '{ me { id } }', {}, cookie)).data).toEqual({ me: null })
    // Twice is fine.
    expect((await t.app.request('/auth/sign-out', { method: 'POST', headers: { cookie } })).status).toBe(204)
  })

  it("revokes all of a user's sessions", async () => {
    const { user } = await createUser(t)
    const laptop = await signInCookie(t, user.email)
    const phone = await signInCookie(t, user.email)
    const res = await t.app.request('/auth/revoke-sessions', { method: 'POST', headers: { cookie: phone } })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ revoked: 2 })
    expect((await gql(t, '{ me { id } }', {}, laptop)).data).toEqual({ me: null })
    expect((await gql(t, '{ me { id } }', {}, phone)).data).toEqual({ me: null })
  })

  it('writes a verifiable audit record for each sign-in', async () => {
    const { user } = await createUser(t)
    await signInCookie(t, user.email)
    const records = await t.db.prisma.auditRecord.findMany({
      where: { entityId: user.id, action: 'auth.sign-in' },
    })
    expect(records).toHaveLength(1)
    const { verifyAuditChain } = await import('@fsn/services')
    expect(await t.db.prisma.$transaction((tx) => verifyAuditChain(tx))).toBeNull()
  })
})
