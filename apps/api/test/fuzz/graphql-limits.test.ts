// GraphQL hardening (issue 7): depth, cost and token limits, batching refused, introspection and
// GraphiQL off in production, oversized bodies and malformed cookies refused cleanly. The web
// app's own documents must all fit inside the limits.
import { buildSchema, QUERY_LIMITS, LIST_FACTOR, PAGE_SIZE_ARGUMENTS, costLimitRule, depthLimitRule, measureOperation, type Variables } from '@fsn/graphql'
import { Kind, parse, print, specifiedRules, validate, type FieldNode, type OperationDefinitionNode, type ValidationContext } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { createTestApp, createUser, postJson, signInCookie, type TestApp } from '../harness'
import { webDocuments, webOperationCount } from './web-documents'

const schema = buildSchema()
const limitRules = [depthLimitRule(QUERY_LIMITS.maxDepth), costLimitRule(QUERY_LIMITS.maxCost)]

function measure(query: string, variables: Variables = {}) {
  const doc = parse(query)
  const fragments = new Map(doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])))
  const context = { getSchema: () => schema, getFragment: (name: string) => fragments.get(name) } as unknown as ValidationContext
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
  return ops.map((op) => measureOperation(context, op, variables))
}

/**
 * The largest page sizes a document's variables can ask for: every page-size variable huge (the
 * cost clamps it to the field's maximum), every input object with a huge perPage.
 */
function largestPages(query: string): Record<string, unknown> {
  const op = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!
  const variables: Record<string, unknown> = {}
  for (const v of op.variableDefinitions ?? []) {
    const name = v.variable.name.value
    if ((PAGE_SIZE_ARGUMENTS as readonly string[]).includes(name)) variables[name] = 1_000_000
    else if (/Input$/.test(print(v.type).replace(/[![\]]/g, ''))) variables[name] = Object.fromEntries(PAGE_SIZE_ARGUMENTS.map((k) => [k, 1_000_000]))
  }
  return variables
}

const costOf = (query: string, variables: Variables = {}) => Math.max(...measure(query, variables).map((m) => m.cost))

/**
 * The documents the web sends without a session: the public directory and provider pages. (DIRECTORY,
 * services by page, is in no page, only the web's client test at first: 20; at first: 100 it costs
 * about 1,800 and would be refused anonymously.)
 */
const PUBLIC_DOCUMENTS = ['ME', 'DIRECTORY_LOOKUPS', 'SEARCH_DIRECTORY', 'ORGANISATION_LISTING']

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
    let costliest = ''
    for (const d of documents) {
      const largest = largestPages(d.query)
      const errors = validate(schema, parse(d.query), [...specifiedRules, depthLimitRule(QUERY_LIMITS.maxDepth), costLimitRule(QUERY_LIMITS.maxCost, largest)])
      if (errors.length) over.push(`${d.file} ${d.name}: ${errors.map((e) => e.message).join('; ')}`)
      for (const m of measure(d.query, largest)) {
        depth = Math.max(depth, m.depth)
        if (m.cost > cost) costliest = d.name
        cost = Math.max(cost, m.cost)
      }
      maxTokens = Math.max(maxTokens, tokens(d.query))
    }
    expect(over).toEqual([])
    console.log(`web documents: ${documents.length}; deepest ${depth}, costliest ${cost} (${costliest}, largest pages), longest ${maxTokens} tokens; limits ${QUERY_LIMITS.maxDepth} / ${QUERY_LIMITS.maxCost} signed in / ${QUERY_LIMITS.maxTokens}`)
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

  it('the public documents cost at most half the anonymous budget, at their largest pages', () => {
    const publicDocs = webDocuments().filter((d) => PUBLIC_DOCUMENTS.includes(d.name))
    expect(publicDocs.map((d) => d.name).sort()).toEqual([...PUBLIC_DOCUMENTS].sort())
    const costs = publicDocs.map((d) => [d.name, costOf(d.query, largestPages(d.query))] as const)
    console.log(`public documents: ${costs.map(([n, c]) => `${n} ${c}`).join(', ')}; anonymous budget ${QUERY_LIMITS.maxAnonymousCost}`)
    for (const [name, c] of costs) expect(c * 2, name).toBeLessThanOrEqual(QUERY_LIMITS.maxAnonymousCost)
    expect(QUERY_LIMITS.maxAnonymousCost).toBeLessThan(QUERY_LIMITS.maxCost)
  })
})

describe('the cost of a query: the most objects its response could hold', () => {
  const types = Object.keys(schema.getTypeMap()).length

  it('leaves cost nothing; each object costs 1; a list of n objects n times (1 + what each holds)', () => {
    expect(costOf('{ me { id } }')).toBe(1)
    expect(costOf('{ __typename me { id email } }')).toBe(1)
    expect(costOf('{ me { id memberships { organisationId } } }')).toBe(1 + LIST_FACTOR * 1)
    // regions: 16 known; aliases count separately.
    expect(costOf('{ regions { code name } }')).toBe(16)
    expect(costOf('{ a: regions { code } b: regions { code } }')).toBe(32)
  })

  it('sizes a page by first (literal or variable), else its default, clamped to its maximum', () => {
    const q = (args: string) => `{ services${args} { totalCount pageInfo { hasNextPage } edges { cursor node { id name } } } }`
    // 1 (the connection) + 100 edges × (edge + node), + pageInfo.
    expect(costOf(q('(first: 100)'))).toBe(1 + 1 + 100 * 2)
    expect(costOf(q(''))).toBe(1 + 1 + 20 * 2)
    expect(costOf(q('(first: 5000)'))).toBe(costOf(q('(first: 100)')))
    expect(costOf('query ($n: Int) { services(first: $n) { edges { node { id } } } }', { n: 50 })).toBe(1 + 50 * 2)
    expect(costOf('query ($n: Int) { services(first: $n) { edges { node { id } } } }', {})).toBe(1 + 20 * 2)
    // A page costs its rows even when nothing in them is selected: the resolver reads them.
    expect(costOf('{ services(first: 100) { totalCount } }')).toBe(1 + 100)
    expect(costOf('{ notifications(first: 30) { unreadCount } }')).toBe(1 + 30)
    expect(costOf('{ people(first: 500) { id } }')).toBe(200)
  })

  it("reads a page size inside an input object (searchDirectory's perPage)", () => {
    expect(costOf('{ searchDirectory(input: { perPage: 50 }) { total hits { serviceId } } }')).toBe(1 + 50)
    expect(costOf('query ($i: DirectorySearchInput!) { searchDirectory(input: $i) { hits { serviceId } } }', { i: { perPage: 80 } })).toBe(1 + 80)
    expect(costOf('{ searchDirectory(input: {}) { hits { serviceId } } }')).toBe(1 + 20)
  })

  it('multiplies lists inside lists', () => {
    // node: 1 + locations (LIST_FACTOR × (1 + region)); edge 1 more.
    const node = 1 + LIST_FACTOR * (1 + 1)
    expect(costOf('{ services(first: 10) { edges { node { locations { region { code } } } } } }')).toBe(1 + 10 * (1 + node))
  })

  it('expands fragments (spreads and inline) like the fields they hold, and survives a cycle', () => {
    const inline = costOf('{ services(first: 10) { edges { node { id locations { region { code } } } } } }')
    expect(costOf('{ services(first: 10) { edges { node { ...S } } } } fragment S on Service { id locations { ... on LocationSummary { region { code } } } }')).toBe(inline)
    expect(costOf('{ regions { ...A } } fragment A on Region { code ...B } fragment B on Region { ...A }')).toBe(16)
  })

  it('counts introspection, sized from the schema', () => {
    expect(costOf('{ __schema { types { name } } }')).toBe(1 + types)
    expect(costOf('{ a: __schema { types { name } } b: __schema { types { name } } }')).toBe(2 * (1 + types))
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

  it("refuses aliased copies of the web's costliest document (QUERY_TOO_COSTLY, 400), and answers one copy", async () => {
    // The costliest real document at its largest pages, its root fields repeated under aliases
    // until it passes the signed-in budget.
    const costliest = webDocuments()
      .map((d) => ({ d, cost: costOf(d.query, largestPages(d.query)) }))
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
    // Its largest real pages: 100 rows (every page's maximum is at least that).
    const variables = Object.fromEntries(
      (op.variableDefinitions ?? []).map((v) => {
        const name = v.variable.name.value
        if ((PAGE_SIZE_ARGUMENTS as readonly string[]).includes(name)) return [name, 100]
        return [name, v.type.kind === Kind.NON_NULL_TYPE ? '00000000-0000-4000-8000-000000000000' : null]
      }),
    )
    const cost = costOf(query, variables)
    expect(cost).toBeGreaterThan(QUERY_LIMITS.maxCost)
    expect(tokens(query)).toBeLessThanOrEqual(QUERY_LIMITS.maxTokens)
    const messages = await expectRefused(await postJson(t, '/graphql', { query, variables }, { cookie }), 400, 'QUERY_TOO_COSTLY')
    expect(messages).toEqual([`The query would cost ${cost}; the limit is ${QUERY_LIMITS.maxCost}. Ask for fewer fields, smaller pages or fewer aliases.`])
    const one = await postJson(t, '/graphql', { query: costliest.d.query, variables }, { cookie })
    const body = (await one.json()) as { errors?: { extensions?: { code?: string } }[] }
    expect(one.status).toBe(200)
    for (const e of body.errors ?? []) expect(['VALIDATION_FAILED', 'BAD_REQUEST', 'QUERY_TOO_COSTLY']).not.toContain(e.extensions?.code)
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

describe('cost budgets per caller (issue 12: ten aliased services(first: 100) took seconds anonymously)', () => {
  let t: TestApp
  let cookie: string
  let statements = 0

  beforeAll(async () => {
    t = await createTestApp('pglite', { onQuery: () => void (statements += 1) })
    const { user } = await createUser(t)
    cookie = await signInCookie(t, user.email)
  })
  afterAll(() => t?.close())

  const aliases = (n: number, selection: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: services(first: 100) { ${selection} }`).join(' ')} }`
  async function run(query: string, who: 'anonymous' | 'signed in') {
    statements = 0
    const res = await postJson(t, '/graphql', { query }, who === 'signed in' ? { cookie } : {})
    const body = (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: Record<string, unknown> }[] }
    return { status: res.status, body, statements }
  }

  it('refuses the anonymous ten-alias query before any resolver reads the database', async () => {
    for (const selection of ['edges { node { id name organisation { name } locations { region { name } } } }', 'edges { node { id name } }']) {
      const query = aliases(10, selection)
      const cost = costOf(query)
      expect(cost).toBeGreaterThan(QUERY_LIMITS.maxAnonymousCost)
      const r = await run(query, 'anonymous')
      expect(r.status).toBe(400)
      expect(r.body.data).toBeUndefined()
      expect(r.body.errors).toEqual([
        {
          message: `The query would cost ${cost}; the limit is ${QUERY_LIMITS.maxAnonymousCost}. Ask for fewer fields, smaller pages or fewer aliases.`,
          extensions: { code: 'QUERY_TOO_COSTLY', cost, budget: QUERY_LIMITS.maxAnonymousCost },
        },
      ])
      // No statement at all: no resolver ran (an anonymous request reads no session either).
      expect(r.statements).toBe(0)
    }
  })

  it('answers a modest anonymous query, which does read the database (the counter works)', async () => {
    const r = await run('{ services(first: 20) { totalCount edges { node { id name } } } regions { code } }', 'anonymous')
    expect(r.status).toBe(200)
    expect(r.body.errors).toBeUndefined()
    expect(r.body.data).toMatchObject({ services: { totalCount: expect.any(Number) }, regions: expect.any(Array) })
    expect(r.statements).toBeGreaterThan(0)
  })

  it('gives a signed-in caller the larger budget: the same ten aliases are answered', async () => {
    const query = aliases(10, 'edges { node { id name } }')
    expect(costOf(query)).toBeLessThanOrEqual(QUERY_LIMITS.maxCost)
    const r = await run(query, 'signed in')
    expect(r.status).toBe(200)
    expect(r.body.errors).toBeUndefined()
    expect(Object.keys(r.body.data ?? {})).toHaveLength(10)
    // …and the signed-in budget has its own ceiling: sixty aliases (the 26-second finding).
    const sixty = await run(aliases(60, 'edges { node { id name } }'), 'signed in')
    expect(sixty.status).toBe(400)
    expect(sixty.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', budget: QUERY_LIMITS.maxCost })
    expect(sixty.statements).toBeLessThanOrEqual(3) // the session lookup, no resolver
  })

  it('counts page sizes sent as variables', async () => {
    const query = `query ($n: Int) { ${Array.from({ length: 10 }, (_, i) => `a${i}: services(first: $n) { edges { node { id name } } }`).join(' ')} }`
    statements = 0
    const small = await postJson(t, '/graphql', { query, variables: { n: 5 } })
    expect(small.status).toBe(200)
    const big = await postJson(t, '/graphql', { query, variables: { n: 100 } })
    expect(big.status).toBe(400)
    expect(await big.json()).toMatchObject({ errors: [{ extensions: { code: 'QUERY_TOO_COSTLY' } }] })
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
