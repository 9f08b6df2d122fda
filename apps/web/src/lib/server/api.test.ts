// The API client against the fake API: the contract the web server relies on, without a database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAKE_CONNECTOR, FAKE_PASSWORD, startFakeApi, type FakeApi } from '../../../test/fake-api'
import { ApiError, createApi, type Api } from './api'
import { DIRECTORY, ME, toSessionUser } from './queries'

let fake: FakeApi
let api: Api

beforeAll(async () => {
  fake = await startFakeApi()
  api = createApi({ baseUrl: `${fake.url}/` })
})
afterAll(() => fake.close())

describe('createApi', () => {
  it('signs in, carrying the session token and its Max-Age from Set-Cookie', async () => {
    const result = await api.signIn({ email: FAKE_CONNECTOR.email, password: FAKE_PASSWORD })
    expect(result.user.name).toBe(FAKE_CONNECTOR.name)
    expect(result.session.value).toMatch(/^[\w-]{16,}$/)
    expect(result.session.maxAge).toBe(604800)
    expect(fake.sessions.has(result.session.value)).toBe(true)
  })

  it('passes on the API’s error code and message for wrong credentials', async () => {
    const error = await api.signIn({ email: FAKE_CONNECTOR.email, password: 'wrong' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401, message: 'The email or password is not right.' })
  })

  it('asks `me` with the cookie, and gets null without a valid one', async () => {
    const { session } = await api.signIn({ email: FAKE_CONNECTOR.email, password: FAKE_PASSWORD })
    const signedIn = await api.graphql(ME, {}, { token: session.value })
    expect(signedIn.data.me?.email).toBe(FAKE_CONNECTOR.email)
    expect((await api.graphql(ME, {}, { token: 'not-a-session-token-at-all' })).data.me).toBeNull()
    expect((await api.graphql(ME, {})).data.me).toBeNull()

    await api.signOut({ token: session.value })
    expect((await api.graphql(ME, {}, { token: session.value })).data.me).toBeNull()
  })

  it('pages the directory with cursors and turns GraphQL errors into ApiError', async () => {
    const first = await api.graphql(DIRECTORY, { first: 20, after: null, categoryCode: 'food', regionCode: null })
    expect(first.data.services.edges).toHaveLength(20)
    expect(first.data.services.pageInfo.hasNextPage).toBe(true)
    const second = await api.graphql(DIRECTORY, { first: 20, after: first.data.services.pageInfo.endCursor, categoryCode: 'food', regionCode: null })
    expect(second.data.services.edges[0]?.node.id).not.toBe(first.data.services.edges[0]?.node.id)

    const error = await api.graphql(DIRECTORY, { first: 20, after: '!!', categoryCode: null, regionCode: null }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, field: 'after' })
  })

  it('reports an unreachable API as SERVICE_UNAVAILABLE', async () => {
    const down = createApi({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 2_000 })
    await expect(down.graphql(ME, {})).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 })
  })
})

describe('toSessionUser', () => {
  it('keeps known roles and capabilities and drops ones this build cannot label', () => {
    const user = toSessionUser({
      ...FAKE_CONNECTOR,
      roles: ['COMMUNITY_CONNECTOR', 'FUTURE_ROLE'],
      capabilities: ['referral:send', 'future:thing'],
      memberships: [...FAKE_CONNECTOR.memberships, { role: 'FUTURE_ROLE', organisation: null, region: null }] as never,
    })
    expect(user.roles).toEqual(['COMMUNITY_CONNECTOR'])
    expect(user.capabilities).toEqual(['referral:send'])
    expect(user.memberships).toHaveLength(1)
  })
})
