// GraphQL hardening (issue 7): depth, cost and token limits, batching refused, introspection and
// GraphiQL off in production, oversized bodies and malformed cookies refused cleanly. The web
// app's own documents must all fit inside the limits.
import { buildSchema, QUERY_LIMITS, depthLimitRule, costLimitRule, measureOperation } from '@fsn/graphql'
import { Kind, parse, print, specifiedRules, validate, type FieldNode, type OperationDefinitionNode, type ValidationContext } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { createTestApp, createUser, postJson, signInCookie, type TestApp } from '../harness'
import { webDocuments, webOperationCount } from './web-documents'

const schema = buildSchema()
const limitRules = [depthLimitRule(QUERY_LIMITS.maxDepth), costLimitRule(QUERY_LIMITS.maxCost)]

function measure(query: string) {
  const doc = parse(query)
  const fragments = new Map(doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])))
  const context = { getSchema: () => schema, getFragment: (name: string) => fragments.get(name) } as unknown as ValidationContext
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
  return ops.map((op) => measureOperation(context, op))
}

function tokens(query: string): number {
  // parse() counts tokens only to enforce maxTokens: find the smallest limit that passes.
  let lo = 1
  let hi = 100_000
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2)
    try {
      parse(query, { maxTokens: mid })
      hi = mid
    } catch {
      lo = mid + 1
    }
  }
  return lo
}

describe("the web app's documents fit the limits", () => {
  const documents = webDocuments()

  it('reads every operation the web source writes', () => {
    const sources = new Set(documents.map((d) => `${d.file}#${d.name.replace(/\(.*\)$/, '')}`))
    expect(sources.size).toBe(webOperationCount())
    expect(documents.length).toBeGreaterThan(40)
  })

  it('each is valid with the limits added, and the largest figures leave headroom', () => {
    let depth = 0
    let cost = 0
    let maxTokens = 0
    const over: string[] = []
    for (const d of documents) {
      const errors = validate(schema, parse(d.query), [...specifiedRules, ...limitRules])
      if (errors.length) over.push(`${d.file} ${d.name}: ${errors.map((e) => e.message).join('; ')}`)
      for (const m of measure(d.query)) {
        depth = Math.max(depth, m.depth)
        cost = Math.max(cost, m.cost)
      }
      maxTokens = Math.max(maxTokens, tokens(d.query))
    }
    expect(over).toEqual([])
    console.log(`web documents: ${documents.length}; deepest ${depth}, costliest ${cost}, longest ${maxTokens} tokens; limits ${QUERY_LIMITS.maxDepth} / ${QUERY_LIMITS.maxCost} / ${QUERY_LIMITS.maxTokens}`)
    // At least half the limit spare, so a bigger page does not trip it the week it ships.
    expect(depth * 1.5).toBeLessThanOrEqual(QUERY_LIMITS.maxDepth)
    expect(cost * 2).toBeLessThanOrEqual(QUERY_LIMITS.maxCost)
    expect(maxTokens * 2).toBeLessThanOrEqual(QUERY_LIMITS.maxTokens)
  })
})

describe('the limit rules', () => {
  it('count depth through fields, inline fragments and fragment spreads, but not __typename', () => {
    const [m] = measure('query { services { edges { node { ...S } } } } fragment S on Service { __typename locations { ... on LocationSummary { region { code } } } }')
    expect(m!.depth).toBe(6)
  })

  it('multiply what sits under a list', () => {
    expect(measure('{ regions { code name } }')[0]!.cost).toBe(1 + 10 * 2)
    expect(measure('{ a: regions { code } b: regions { code } }')[0]!.cost).toBe(2 * (1 + 10))
  })

  it('survive a fragment cycle (reported by graphql-js itself)', () => {
    const errors = validate(schema, parse('{ regions { ...A } } fragment A on Region { ...B } fragment B on Region { ...A }'), [...specifiedRules, ...limitRules])
    expect(errors.some((e) => /cycle|itself/i.test(e.message))).toBe(true)
  })
})

describe('over HTTP', () => {
  let t: TestApp
  let cookie: string

  beforeAll(async () => {
    t = await createTestApp('pglite')
    const { user } = await createUser(t)
    cookie = await signInCookie(t, user.email)
  })
  afterAll(() => t?.close())

  // Yoga answers a refused GraphQL document 200 with errors and no data (application/json).
  async function expectRefused(res: Response, status: number, code: string) {
    expect(res.status).toBe(status)
    const body = (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[]; code?: string }
    if (body.errors) {
      expect(body.data).toBeUndefined()
      expect(body.errors.length).toBeGreaterThan(0)
      for (const e of body.errors) expect(e.extensions?.code).toBe(code)
      return body.errors.map((e) => e.message)
    }
    expect(body.code).toBe(code)
    return [String((body as { message?: string }).message)]
  }

  it('refuses a query nested deeper than the limit', async () => {
    const deep = '{ ' + 'me { '.repeat(QUERY_LIMITS.maxDepth + 5) + 'id' + ' }'.repeat(QUERY_LIMITS.maxDepth + 5) + ' }'
    const messages = await expectRefused(await postJson(t, '/graphql', { query: deep }, { cookie }), 200, 'VALIDATION_FAILED')
    expect(messages.join('\n')).toMatch(new RegExp(`nested ${QUERY_LIMITS.maxDepth + 6} fields deep; the limit is ${QUERY_LIMITS.maxDepth}`))
  })

  it("refuses aliased copies of the web's costliest document, and answers one copy", async () => {
    // The costliest real document, its root fields repeated under aliases until it passes maxCost.
    const costliest = webDocuments()
      .map((d) => ({ d, cost: Math.max(...measure(d.query).map((m) => m.cost)) }))
      .sort((a, b) => b.cost - a.cost)[0]!
    const copies = Math.floor(QUERY_LIMITS.maxCost / costliest.cost) + 1
    const op = parse(costliest.d.query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!
    const roots = op.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD)
    const aliased: OperationDefinitionNode = {
      ...op,
      selectionSet: {
        ...op.selectionSet,
        selections: Array.from({ length: copies }, (_, i) => roots.map((f): FieldNode => ({ ...f, alias: { kind: Kind.NAME, value: `copy${i}_${f.name.value}` } }))).flat(),
      },
    }
    const query = print({ kind: Kind.DOCUMENT, definitions: [aliased] })
    expect(measure(query)[0]!.cost).toBeGreaterThan(QUERY_LIMITS.maxCost)
    expect(tokens(query)).toBeLessThanOrEqual(QUERY_LIMITS.maxTokens)
    const variables = Object.fromEntries((op.variableDefinitions ?? []).map((v) => [v.variable.name.value, '00000000-0000-4000-8000-000000000000']))
    const messages = await expectRefused(await postJson(t, '/graphql', { query, variables }, { cookie }), 200, 'VALIDATION_FAILED')
    expect(messages.join('\n')).toMatch(/would cost \d+; the limit is/)
    const one = await postJson(t, '/graphql', { query: costliest.d.query, variables }, { cookie })
    const body = (await one.json()) as { errors?: { extensions?: { code?: string } }[] }
    expect(one.status).toBe(200)
    for (const e of body.errors ?? []) expect(['VALIDATION_FAILED', 'BAD_REQUEST']).not.toContain(e.extensions?.code)
  })

  it('refuses a document with more tokens than the limit', async () => {
    const long = `{ ${'__typename '.repeat(QUERY_LIMITS.maxTokens)} }`
    const messages = await expectRefused(await postJson(t, '/graphql', { query: long }, { cookie }), 200, 'BAD_REQUEST')
    expect(messages.join('\n')).toMatch(new RegExp(`${QUERY_LIMITS.maxTokens} tokens`))
  })

  it('refuses batched operations (an array body), whatever their number', async () => {
    for (const n of [1, 2, 50]) {
      const res = await postJson(t, '/graphql', Array.from({ length: n }, () => ({ query: '{ me { id } }' })), { cookie })
      expect(res.status).toBe(400)
      const body = (await res.json()) as { errors?: { message: string }[]; data?: unknown }
      expect(body.data).toBeUndefined()
      expect(body.errors?.[0]?.message).toBeTruthy()
    }
  })

  it('refuses an oversized body on /graphql and on a REST route with 413 and the error body', async () => {
    const big = 'x'.repeat(70 * 1024)
    for (const path of ['/graphql', '/api/v1/people', '/auth/sign-in']) {
      const res = await postJson(t, path, { query: `{ me { id } } # ${big}`, name: big }, { cookie })
      expect(res.status).toBe(413)
      expect(await res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', requestId: expect.any(String) })
    }
    // Streamed, with no Content-Length to trust.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 80; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)))
        controller.close()
      },
    })
    const res = await t.app.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: stream, duplex: 'half' } as RequestInit)
    expect(res.status).toBe(413)
  })

  it('answers malformed session cookies as anonymous (401 where a session is needed), never 500', async () => {
    const garbage = [
      'fsn_session=',
      'fsn_session=%',
      'fsn_session=%E0%A4%A',
      'fsn_session="unterminated',
      'fsn_session=' + 'A'.repeat(6000),
      Array.from({ length: 400 }, (_, i) => `c${i}=${i}`).join('; ') + '; fsn_session=abc',
      'fsn_session=abc; fsn_session=def',
      'fsn_session=\u00e9\u00ff\u00c0t\u00f6k\u00eb\u00f1',
      '=; ;;; =fsn_session; fsn_session',
      'fsn_session=a\tb',
      'fsn_session=' + encodeURIComponent('🙂 kia ora'),
      'fsn_session=../../etc/passwd',
      "fsn_session=' OR 1=1 --",
    ]
    for (const value of garbage) {
      const rest = await t.app.request('/api/v1/listings/mine', { headers: { cookie: value } })
      expect(rest.status, value.slice(0, 60)).toBe(401)
      expect(await rest.json()).toMatchObject({ code: 'UNAUTHENTICATED', requestId: expect.any(String) })
      const g = await postJson(t, '/graphql', { query: '{ me { id } }' }, { cookie: value })
      expect(g.status, value.slice(0, 60)).toBe(200)
      expect(await g.json()).toEqual({ data: { me: null } })
      const bearer = await t.app.request('/api/v1/listings/mine', { headers: { authorization: `Bearer ${value}` } })
      expect(bearer.status).toBe(401)
    }
  })
})

describe('production settings', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp('pglite')
  })
  afterAll(() => t?.close())

  const appWith = (production: boolean) =>
    createApp({ deps: t.deps, db: t.db, cookieSecure: production, bodyLimitBytes: 64 * 1024, graphiql: !production, introspection: !production })

  it('answer introspection in development and refuse it in production', async () => {
    const query = '{ __schema { queryType { name } } }'
    const dev = await appWith(false).request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })
    expect(await dev.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } })
    for (const q of [query, '{ __type(name: "Query") { name } }']) {
      const prod = await appWith(true).request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) })
      expect(prod.status).toBe(200)
      const body = (await prod.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] }
      expect(body.data).toBeUndefined()
      expect(body.errors[0]!.message).toMatch(/introspection/i)
      expect(body.errors[0]!.extensions.code).toBe('VALIDATION_FAILED')
    }
    // __typename is not introspection of the schema; clients rely on it.
    const typename = await appWith(true).request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) })
    expect(await typename.json()).toEqual({ data: { __typename: 'Query' } })
  })

  it('serve GraphiQL only outside production', async () => {
    const get = (production: boolean) => appWith(production).request('/graphql', { headers: { accept: 'text/html' } })
    const dev = await get(false)
    expect(dev.headers.get('content-type')).toMatch(/text\/html/)
    expect(await dev.text()).toMatch(/graphiql/i)
    const prod = await get(true)
    expect(prod.headers.get('content-type') ?? '').not.toMatch(/text\/html/)
    expect(prod.status).toBeGreaterThanOrEqual(400)
    expect(prod.status).toBeLessThan(500)
  })
})
