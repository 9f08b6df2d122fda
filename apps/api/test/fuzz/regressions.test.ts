// What the API fuzzer (api.fuzz.test.ts) found, each pinned by a plain example so it stays fixed
// even if the fuzzer's seed or generators change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, createUser, gql, postJson, signInCookie, type TestApp } from '../harness'

describe('fuzzer findings', () => {
  let t: TestApp
  let cookie: string

  beforeAll(async () => {
    t = await createTestApp('pglite')
    const { user } = await createUser(t)
    cookie = await signInCookie(t, user.email)
  })
  afterAll(() => t?.close())

  it('an HSDA page past the database OFFSET range is a 400 naming page, not a 500', async () => {
    for (const path of ['/api/v1/organizations', '/api/v1/services', '/api/v1/service_at_locations', '/api/v1/taxonomies', '/api/v1/taxonomy_terms']) {
      for (const page of ['2147483648', '9007199254740991', '100001']) {
        const res = await t.app.request(`${path}?page=${page}`)
        expect(res.status, `${path}?page=${page}`).toBe(400)
        expect(await res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'page' })
      }
    }
    expect((await t.app.request('/api/v1/organizations?page=100000')).status).toBe(200)
  })

  it('markNotificationsRead with ids that are not UUIDs is VALIDATION_FAILED naming ids, not INTERNAL', async () => {
    for (const ids of [['1'], ['a,b'], ['00000000-0000-4000-8000-000000000000', 'nope']]) {
      const r = await gql(t, 'mutation ($ids: [ID!]) { markNotificationsRead(ids: $ids) }', { ids }, cookie)
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: expect.stringMatching(/^ids\.\d+$/) })
    }
    const ok = await gql(t, 'mutation ($ids: [ID!]) { markNotificationsRead(ids: $ids) }', { ids: ['00000000-0000-4000-8000-000000000000'] }, cookie)
    expect(ok).toMatchObject({ data: { markNotificationsRead: 0 } })
  })

  it('a body that is not JSON is a 400 naming the body; a form body where JSON is declared is a 415', async () => {
    const bad = await postJson(t, '/auth/sign-in', '{"email":', {})
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ code: 'BAD_REQUEST', field: '(body)', requestId: expect.any(String) })
    const form = await t.app.request('/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a&password=b' })
    expect(form.status).toBe(415)
    expect(await form.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' })
  })

  it("the referral inbox's 400s name the query parameter sent (per_page, status), not the use case's names", async () => {
    const perPage = await t.app.request('/api/v1/referrals?box=INBOX&per_page=0', { headers: { cookie } })
    expect(perPage.status).toBe(400)
    expect(await perPage.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'per_page', message: expect.stringMatching(/^per_page: /) })
    const status = await t.app.request('/api/v1/referrals?box=INBOX&status=NOPE', { headers: { cookie } })
    expect(status.status).toBe(400)
    expect(await status.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'status' })
  })

  it('a consent whose dates are not ISO instants is a 400 naming the date, on REST and GraphQL, not a 500', async () => {
    const base = {
      personId: '00000000-0000-4000-8000-000000000001',
      purpose: 'Budgeting help',
      informationKinds: ['FINANCIAL'],
      recipientOrganisationIds: ['00000000-0000-4000-8000-000000000002'],
      method: 'VERBAL',
      givenAt: '2026-11-20T09:00:00+13:00',
    }
    for (const [change, field] of [
      [{ expiresAt: 'next week' }, 'expiresAt'],
      [{ givenAt: 'tab\tnew\nline', expiresAt: 'x' }, 'givenAt'],
      [{ givenAt: 'yesterday' }, 'givenAt'],
    ] as const) {
      const rest = await postJson(t, '/api/v1/consents', { ...base, ...change }, { cookie })
      expect(rest.status, JSON.stringify(change)).toBe(400)
      expect(await rest.json()).toMatchObject({ code: 'VALIDATION_FAILED', field })
      const g = await gql(t, 'mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', { input: { ...base, ...change } }, cookie)
      expect(g.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field })
    }
  })

  it('an HSDA search with a NUL character is a 400 naming search, not a 500', async () => {
    for (const path of ['/api/v1/organizations', '/api/v1/services', '/api/v1/taxonomies', '/api/v1/taxonomy_terms']) {
      const res = await t.app.request(`${path}?search=nul%00byte`)
      expect(res.status, path).toBe(400)
      expect(await res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'search' })
    }
  })

  it('a GraphQL POST in a media type Yoga cannot read is 415 with an error carrying UNSUPPORTED_MEDIA_TYPE, not an empty body', async () => {
    for (const type of ['text/plain', 'application/xml']) {
      const res = await t.app.request('/graphql', { method: 'POST', headers: { 'content-type': type }, body: '{"query":"mutation { __typename }"}' })
      expect(res.status, type).toBe(415)
      expect(await res.json()).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }] })
    }
    // What Yoga reads still works: JSON, and GET for queries.
    expect(await (await postJson(t, '/graphql', { query: '{ __typename }' })).json()).toEqual({ data: { __typename: 'Query' } })
    expect(await (await t.app.request('/graphql?query=%7B__typename%7D')).json()).toEqual({ data: { __typename: 'Query' } })
  })

  it('GraphQL errors Yoga raises itself carry a catalogue code', async () => {
    for (const body of [
      { query: 'mutation A { __typename } mutation B { __typename }' },
      { query: 'mutation M { __typename }', operationName: 'Other' },
    ]) {
      const res = await postJson(t, '/graphql', body, { cookie })
      expect(res.status).toBeLessThan(500)
      const json = (await res.json()) as { errors: { extensions: { code: string } }[] }
      expect(json.errors[0]!.extensions.code).toBe('BAD_REQUEST')
    }
  })
})
