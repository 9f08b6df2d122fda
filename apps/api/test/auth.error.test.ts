import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKinds } from '@fsn/db/testing'
import { createTestApp, createUser, gql, PASSWORD, postJson, type TestApp } from './harness'

describe.each(testDatabaseKinds())('sign-in refuses bad input cleanly on %s', (kind) => {
  let t: TestApp
  let email: string
  let inactiveEmail: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    email = (await createUser(t)).user.email
    inactiveEmail = (await createUser(t, { active: false })).user.email
  })
  afterAll(async () => t?.close())

  it.each([
    { name: 'missing email', body: { password: PASSWORD }, field: 'email' },
    { name: 'missing password', body: { email: 'a@example.nz' }, field: 'password' },
    { name: 'empty password', body: { email: 'a@example.nz', password: '' }, field: 'password' },
    { name: 'email not a string', body: { email: 42, password: PASSWORD }, field: 'email' },
    { name: 'password not a string', body: { email: 'a@example.nz', password: ['x'] }, field: 'password' },
    { name: 'email not an email', body: { email: 'not-an-email', password: PASSWORD }, field: 'email' },
    {
      name: 'over-long password',
      body: { email: 'a@example.nz', password: 'x'.repeat(2000) },
      field: 'password',
    },
    { name: 'body is an array', body: [1, 2], field: '(body)' },
    { name: 'body is null', body: null, field: '(body)' },
  ])('$name: 400 naming $field', async ({ body, field }) => {
    const res = await postJson(t, '/auth/sign-in', body)
    expect(res.status).toBe(400)
    const json = await res.json()
    expect(json).toMatchObject({ code: 'VALIDATION_FAILED', field })
    expect(json.message).toContain(field)
    expect(json.requestId).toBeTruthy()
  })

  it('malformed JSON: 400, not 500', async () => {
    const res = await postJson(t, '/auth/sign-in', '{"email": ')
    expect(res.status).toBe(400)
    expect((await res.json()).code).toBe('BAD_REQUEST')
  })

  it('no JSON content type: 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await t.app.request('/auth/sign-in', { method: 'POST', body: `email=${email}&password=x` })
    expect(res.status).toBe(415)
    expect((await res.json()).code).toBe('UNSUPPORTED_MEDIA_TYPE')
  })

  it('oversized body: 413', async () => {
    const res = await postJson(t, '/auth/sign-in', { email, password: 'x'.repeat(100 * 1024) })
    expect(res.status).toBe(413)
    expect((await res.json()).code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('unknown user, wrong password and inactive user get the same 401 that does not say which', async () => {
    const answers = await Promise.all([
      postJson(t, '/auth/sign-in', { email: 'nobody@example.nz', password: PASSWORD }),
      postJson(t, '/auth/sign-in', { email, password: 'wrong password' }),
      postJson(t, '/auth/sign-in', { email: inactiveEmail, password: PASSWORD }),
    ])
    const bodies = await Promise.all(answers.map(async (r) => ({ status: r.status, ...(await r.json()) })))
    for (const b of bodies) {
      expect(b.status).toBe(401)
      expect(b.code).toBe('INVALID_CREDENTIALS')
      expect(b.message).toBe(bodies[0]!.message)
      expect(b.message).not.toMatch(/exist|unknown|no such|not found/i)
    }
    for (const r of answers) expect(r.headers.get('set-cookie')).toBeNull()
  })

  it.each(['garbage', 'a'.repeat(32), '%%%', 'fsn_session=' + 'b'.repeat(5000)])(
    'a forged or malformed cookie is anonymous, not an error (%#)',
    async (value) => {
      const res = await gql(t, '{ me { id } }', {}, `fsn_session=${value}`)
      expect(res.status).toBe(200)
      expect(res.data).toEqual({ me: null })
    },
  )

  it('anonymous callers cannot revoke sessions', async () => {
    const res = await t.app.request('/auth/revoke-sessions', { method: 'POST' })
    expect(res.status).toBe(401)
  })

  it("a non-administrator cannot revoke someone else's sessions", async () => {
    const a = await createUser(t)
    const b = await createUser(t)
    const res = await postJson(t, '/auth/sign-in', { email: a.user.email, password: PASSWORD })
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!
    const revoke = await postJson(t, '/auth/revoke-sessions', { userId: b.user.id }, { cookie })
    expect(revoke.status).toBe(403)
    expect((await revoke.json()).code).toBe('FORBIDDEN')
  })
})
