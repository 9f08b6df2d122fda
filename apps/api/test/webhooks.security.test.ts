// Issue 12, item 6 (SSRF): POST /api/v1/webhooks takes only HTTPS endpoints on the public
// internet; anything else is 400 VALIDATION_FAILED naming `url`. Names resolve through a stub.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '@fsn/auth'
import { seedUser } from '@fsn/db'
import { testDatabaseKinds } from '@fsn/db/testing'
import { createTestApp, createUser, PASSWORD, postJson, signInCookie, type TestApp } from './harness'

// Stands for "a public address"; the stub resolver hands it out, nothing connects to it.
const PUBLIC = '151.101.2.15'
const DNS: Record<string, string[]> = {
  'hooks.partner.example': [PUBLIC],
  'internal.partner.example': ['10.0.0.1'],
  'mixed.partner.example': [PUBLIC, '169.254.169.254'],
  'ula.partner.example': ['fd00::1'],
}

describe.each(testDatabaseKinds())('webhook subscription targets on %s', (kind) => {
  let t: TestApp
  let cookie = ''

  beforeAll(async () => {
    t = await createTestApp(kind, {
      resolveHost: async (host) => {
        const answer = DNS[host]
        if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
        return answer
      },
    })
    const { organisation } = await createUser(t, { role: 'PROVIDER_ADMIN' })
    const { user } = await seedUser(t.db.prisma, { role: 'PROVIDER_ADMIN', organisationId: organisation.id, password: PASSWORD, hashPassword })
    cookie = await signInCookie(t, user.email)
  }, 60_000)
  afterAll(async () => {
    await t?.close()
  })

  it.each([
    ['https://169.254.169.254/latest/meta-data/', 'link-local'],
    ['https://10.0.0.1/', 'private'],
    ['https://127.0.0.2:4000/hook', 'loopback'], // 127.0.0.1 itself is the test server's, let through by the harness
    ['https://metadata.google.internal/', '.internal'],
    ['https://0x7f000002/', 'loopback'],
    ['https://[::ffff:a9fe:a9fe]/', 'IPv4-mapped'],
    ['https://localhost:8443/', 'single-label'],
    ['http://hooks.partner.example/hook', 'HTTPS only'],
    ['https://user:secret@hooks.partner.example/hook', 'credentials'],
    ['https://internal.partner.example/hook', 'resolves to 10.0.0.1'],
    ['https://mixed.partner.example/hook', 'resolves to 169.254.169.254'],
    ['https://ula.partner.example/hook', 'unique-local'],
    ['https://unknown.partner.example/hook', 'could not be resolved'],
  ])('refuses %s with 400 naming url (%s)', async (url, why) => {
    const res = await postJson(t, '/api/v1/webhooks', { url, eventTypes: ['*'] }, { cookie })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'url' })
    expect(body.message).toContain(why)
  })

  it('accepts an HTTPS endpoint whose name resolves only to public addresses', async () => {
    const res = await postJson(t, '/api/v1/webhooks', { url: 'https://hooks.partner.example/fsn', eventTypes: ['*'] }, { cookie })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ url: 'https://hooks.partner.example/fsn' })
  })
})

describe('the test-only allow-list', () => {
  // The hook that lets tests reach loopback must be unreachable from the running API: no source
  // file of it (composition root, configuration, routes) may set it.
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
    })

  it('is set nowhere in apps/api/src', () => {
    const src = join(import.meta.dirname, '../src')
    const sources = files(src)
    expect(sources.map((f) => f.slice(src.length))).toContain('/main.ts')
    const setting = sources.filter((f) => /allowPrivateWebhookTargets|allowAddresses/.test(readFileSync(f, 'utf8')))
    expect(setting).toEqual([])
  })
})
