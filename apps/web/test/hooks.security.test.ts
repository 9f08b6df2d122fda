// The web server's own cross-site form check and production headers (issue 12), through the real
// `handle` hook with a session the (fake) API accepts. SvelteKit's check does not run under
// `vite dev`, and a foreign form post with a valid cookie there once sent a referral; the hook
// must refuse it in every mode, before anything reaches a form action.
import type { Cookies, RequestEvent, ResolveOptions } from '@sveltejs/kit'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { env } from '$env/dynamic/private'
import config from '../svelte.config.js'
import { handle } from '../src/hooks.server'
import { createApi } from '../src/lib/server/api'
import { SESSION_COOKIE } from '../src/lib/server/session'
import { FAKE_CONNECTOR, FAKE_PASSWORD, startFakeApi, type FakeApi } from './fake-api'

const APP = 'http://127.0.0.1:3000'
const FOREIGN = [
  'https://evil.example',
  'http://127.0.0.1:3001',
  'http://localhost:3000',
  'https://127.0.0.1:3000',
  'null',
]
const FORM_TYPES = [
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'text/plain;charset=UTF-8',
]

let fake: FakeApi
let token: string
const saved = { API_URL: env.API_URL, NODE_ENV: env.NODE_ENV }

beforeAll(async () => {
  fake = await startFakeApi()
  // The hook's API client reads API_URL from $env/dynamic/private, as it does in the server.
  env.API_URL = fake.url
  token = (
    await createApi({ baseUrl: fake.url }).signIn({ email: FAKE_CONNECTOR.email, password: FAKE_PASSWORD })
  ).session.value
})
afterAll(async () => {
  Object.assign(env, saved)
  await fake?.close()
})
afterEach(() => {
  env.NODE_ENV = saved.NODE_ENV
})

/** The parts of a RequestEvent the hook uses, with a cookie jar read from the request. */
function eventFor(path: string, init: RequestInit & { headers?: Record<string, string> }) {
  const request = new Request(`${APP}${path}`, init)
  const jar = new Map<string, string>()
  for (const pair of (request.headers.get('cookie') ?? '').split(';')) {
    const [name, ...value] = pair.trim().split('=')
    if (name) jar.set(name, value.join('='))
  }
  const cookies = {
    get: (name: string) => jar.get(name),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  } as unknown as Cookies
  const locals = {} as App.Locals
  const event = {
    request,
    url: new URL(request.url),
    cookies,
    locals,
    getClientAddress: () => '192.0.2.7',
  } as unknown as RequestEvent
  return { event, locals }
}

async function run(path: string, init: RequestInit & { headers?: Record<string, string> }) {
  const { event, locals } = eventFor(path, init)
  let resolved = 0
  const resolve = async (_event: RequestEvent, _opts?: ResolveOptions) => {
    resolved += 1
    return new Response('the form action ran', { status: 200 })
  }
  const response = await handle({ event, resolve })
  return { response, resolved, locals }
}

const formPost = (headers: Record<string, string>, body: BodyInit = 'serviceId=s1&consent=on') =>
  run('/referrals/new?/send', {
    method: 'POST',
    headers: { cookie: `${SESSION_COOKIE}=${token}`, ...headers },
    body,
  })

describe('hooks.server.ts: cross-site form posts', () => {
  it('refuses a form post from another origin with a valid session cookie: 403, the action never runs', async () => {
    for (const origin of FOREIGN) {
      for (const type of FORM_TYPES) {
        const { response, resolved } = await formPost({ origin, 'content-type': type })
        expect(response.status, `${origin} ${type}`).toBe(403)
        expect(resolved, `${origin} ${type}`).toBe(0)
        expect(await response.text()).toMatch(/cross-site/i)
      }
    }
    // The session was good all along: the same post from the app itself goes through as that user.
    const { response, resolved, locals } = await formPost({ origin: APP, 'content-type': FORM_TYPES[0]! })
    expect(response.status).toBe(200)
    expect(resolved).toBe(1)
    expect(locals.user?.email).toBe(FAKE_CONNECTOR.email)
  })

  it('refuses a form post without Origin, and one a browser marks cross-site', async () => {
    const cases: Record<string, string>[] = [
      { 'content-type': FORM_TYPES[0]! },
      { 'content-type': FORM_TYPES[1]! },
      { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      { 'content-type': 'application/json', 'sec-fetch-site': 'same-site' },
    ]
    for (const headers of cases) {
      const { response, resolved } = await formPost(headers)
      expect(response.status, JSON.stringify(headers)).toBe(403)
      expect(resolved).toBe(0)
    }
    // A bodiless post without Origin (no content type at all) reaches no action either.
    const bare = await run('/sign-out', { method: 'POST', headers: { cookie: `${SESSION_COOKIE}=${token}` } })
    expect(bare.response.status).toBe(403)
  })

  it('refuses a foreign Origin whatever the content type and method', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const { response, resolved } = await run('/referrals/new?/send', {
        method,
        headers: {
          cookie: `${SESSION_COOKIE}=${token}`,
          origin: 'https://evil.example',
          'content-type': 'application/json',
        },
        body: '{}',
      })
      expect(response.status, method).toBe(403)
      expect(resolved).toBe(0)
    }
  })

  it('keeps SvelteKit’s own check on too (builds), trusting the same empty list', () => {
    expect(config.kit?.csrf?.checkOrigin).not.toBe(false)
    expect(config.kit?.csrf?.trustedOrigins).toEqual([])
  })

  it('lets GET, HEAD and OPTIONS through from anywhere (they change nothing)', async () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      const { response, resolved } = await run('/referrals', {
        method,
        headers: { cookie: `${SESSION_COOKIE}=${token}`, origin: 'https://evil.example' },
      })
      expect(response.status, method).toBe(200)
      expect(resolved).toBe(1)
    }
  })
})

describe('hooks.server.ts: production headers', () => {
  it('sends Strict-Transport-Security in production only, on pages and on refusals alike', async () => {
    env.NODE_ENV = 'production'
    const page = await run('/directory', { method: 'GET' })
    const refused = await formPost({ origin: 'https://evil.example', 'content-type': FORM_TYPES[0]! })
    for (const { response } of [page, refused]) {
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=(\d{8,})/)
      expect(
        Number(/max-age=(\d+)/.exec(response.headers.get('strict-transport-security') ?? '')?.[1]),
      ).toBeGreaterThanOrEqual(31_536_000)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    }
    env.NODE_ENV = 'development'
    expect(
      (await run('/directory', { method: 'GET' })).response.headers.get('strict-transport-security'),
    ).toBeNull()
  })
})
