// The access matrix (issue 7): every role x every operation x own organisation / another
// organisation / another region, against the real app and one database. Expectations come from the
// documented rules (operations.ts names them), never from what the code happens to answer. A new
// REST path or GraphQL field that is not in the table fails the first test until it is classified.
//
// "allow" means the call got past the access check: 2xx, or a state rule's 409/422 (the state
// machine answers those only to a party who may act). "deny" is 401, 403 or 404 (another
// organisation's resource is not found, so its existence does not leak). Anything else fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getNamedType, isObjectType, type GraphQLObjectType } from 'graphql'
import { buildSchema } from '@fsn/graphql'
import { testDatabaseKinds } from '@fsn/db/testing'
import { createTestApp, type TestApp } from '../harness'
import { buildWorld, leaksIn, PII_FIELDS, ROLE_KEYS, SCOPES, type RoleKey, type Scope, type World } from './world'
import { COVERED_ELSEWHERE, GRAPHQL_OPERATIONS, REST_OPERATIONS, type Call, type Expected, type Operation } from './operations'
import { NTK_OPERATIONS } from './need-to-know'
import { REGIONAL_ESCALATION_OPERATIONS } from './regional-escalation-operations'
import { ACCREDITATION_GRAPHQL_OPERATIONS, ACCREDITATION_OPERATIONS } from './accreditation-operations'
import { WEBHOOK_OPERATIONS } from './webhook-operations'

const OPERATIONS = [
  ...REST_OPERATIONS,
  ...GRAPHQL_OPERATIONS,
  ...REGIONAL_ESCALATION_OPERATIONS,
  ...ACCREDITATION_OPERATIONS,
  ...ACCREDITATION_GRAPHQL_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
]
const DENY_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'])
const PAST_ACCESS_CODES = new Set(['CONFLICT', 'ROUTING_REFUSED', 'CONSENT_REQUIRED'])

interface Outcome {
  got: 'allow' | 'deny' | string
  text: string
}

async function perform(t: TestApp, w: World, role: RoleKey, call: Call, op: Operation): Promise<Outcome> {
  const refused = (code?: string, field?: string) => op.refusals?.some((r) => r.code === code && (r.field === undefined || r.field === field)) ?? false
  const cookie = role === 'anonymous' ? undefined : w.cookies[role]
  if (call.kind === 'rest') {
    const res = await t.app.request(call.path, {
      method: call.method,
      headers: { ...(cookie ? { cookie } : {}), ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: call.body !== undefined ? JSON.stringify(call.body) : undefined,
    })
    const text = await res.text()
    const err = res.status >= 400 ? (JSON.parse(text) as { code?: string; field?: string }) : null
    if (err && refused(err.code, err.field)) return { got: 'deny', text }
    if (res.status < 300 || res.status === 409 || res.status === 422) return { got: 'allow', text }
    if ([401, 403, 404].includes(res.status)) return { got: 'deny', text }
    return { got: `${res.status} ${text.slice(0, 200)}`, text }
  }
  const res = await t.app.request('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query: call.query, variables: call.variables ?? {} }),
  })
  const text = await res.text()
  const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] }
  const first = body.errors?.[0] as { extensions?: { code?: string; field?: string } } | undefined
  const code = first?.extensions?.code
  if (code && refused(code, first?.extensions?.field)) return { got: 'deny', text }
  if (!code) return { got: res.status === 200 ? 'allow' : `${res.status} ${text.slice(0, 200)}`, text }
  if (PAST_ACCESS_CODES.has(code)) return { got: 'allow', text }
  if (DENY_CODES.has(code)) {
    // A refused field is null, never partly filled.
    const values = Object.values(body.data ?? {})
    if (values.some((v) => v !== null)) return { got: `denied with data ${text.slice(0, 200)}`, text }
    return { got: 'deny', text }
  }
  return { got: `${code}: ${body.errors?.[0]?.message}`, text }
}

/** Personal details this role is not entitled to by the need-to-know rule (world.ts entitledFields). */
function leaks(w: World, role: RoleKey, text: string): string[] {
  return leaksIn(w, role, text)
}

describe.each(testDatabaseKinds())('access matrix on %s', (kind) => {
  let t: TestApp
  let w: World
  const logged: string[] = []
  const originals = { log: console.log, info: console.info, warn: console.warn, error: console.error }

  beforeAll(async () => {
    t = await createTestApp(kind)
    w = await buildWorld(t)
    // Everything the app logs while the matrix runs, to scan for personal details afterwards.
    for (const level of ['log', 'info', 'warn', 'error'] as const) {
      console[level] = (...args: unknown[]) => {
        logged.push(args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.message}\n${a.stack}` : JSON.stringify(a))).join(' '))
      }
    }
  }, 120_000)
  afterAll(async () => {
    Object.assign(console, originals)
    await t?.close()
  })

  it('classifies every REST operation in the OpenAPI document and every GraphQL query and mutation', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> }
    const rest = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
    const schema = buildSchema()
    const graph = [
      ...Object.keys(schema.getQueryType()!.getFields()).map((f) => `query ${f}`),
      ...Object.keys(schema.getMutationType()!.getFields()).map((f) => `mutation ${f}`),
    ]
    const classified = new Set([...OPERATIONS.map((o) => o.id), ...Object.keys(COVERED_ELSEWHERE)])
    // Operations that exist only to carry a person are in the need-to-know matrix (need-to-know.ts).
    const needToKnow = new Set(NTK_OPERATIONS.map((o) => o.id))
    expect([...rest, ...graph].filter((id) => !classified.has(id) && !needToKnow.has(id)), 'operations missing from the access table').toEqual([])
    expect([...classified].filter((id) => !rest.includes(id) && !graph.includes(id)), 'table rows naming no operation').toEqual([])
    expect(OPERATIONS.length).toBe(new Set(OPERATIONS.map((o) => o.id)).size)
  })

  it('every role x operation x scope gets the documented answer, and no response carries another organisation’s person', async () => {
    const mismatches: string[] = []
    const counts = { cells: 0, run: 0, allow: 0, deny: 0, na: 0 }
    // Reads first, so each sees the fixtures as built; then the writes; withdrawing the consents last,
    // since a withdrawn consent refuses what follows (CONSENT_REQUIRED) whoever asks.
    const last = (o: Operation) => /withdraw/i.test(o.id)
    const ordered = [
      ...OPERATIONS.filter((o) => !o.writes),
      ...OPERATIONS.filter((o) => o.writes && !last(o)),
      ...OPERATIONS.filter(last),
    ]
    for (const op of ordered) {
      for (const role of ROLE_KEYS) {
        const scopes: readonly Scope[] = op.scoped ? SCOPES : ['own']
        for (const scope of scopes) {
          counts.cells += 1
          const call = op.call(w, role, scope)
          const expected: Expected = call === null ? 'n/a' : op.expect(role, scope)
          if (expected === 'n/a') {
            counts.na += 1
            continue
          }
          // Time moves a minute per call: sessions slide, deadlines pass as they would.
          t.setNow(new Date(t.deps.clock().getTime() + 60_000))
          const outcome = await perform(t, w, role, call!, op)
          counts.run += 1
          counts[expected] += 1
          const where = `${op.id} as ${role}${op.scoped ? ` (${scope})` : ''}`
          if (outcome.got !== expected) mismatches.push(`${where}: expected ${expected}, got ${outcome.got}`)
          const leaked = leaks(w, role, outcome.text)
          if (leaked.length) mismatches.push(`${where}: leaked ${leaked.join(', ')}`)
        }
      }
    }
    originals.info(
      `[access matrix] ${OPERATIONS.length} operations (${REST_OPERATIONS.length} REST, ${GRAPHQL_OPERATIONS.length} GraphQL) x ${ROLE_KEYS.length} roles: ${counts.cells} cells, ${counts.run} run (${counts.allow} allow, ${counts.deny} deny), ${counts.na} n/a`,
    )
    if (process.env.ACCESS_MATRIX_OUT) (await import('node:fs')).writeFileSync(process.env.ACCESS_MATRIX_OUT, mismatches.join('\n'))
    expect(mismatches).toEqual([])
    expect(counts.run).toBeGreaterThan(1000)
  }, 900_000) // 2,116 cells: 322 s once at load 20 on 2 cores; a quiet run is well under this

  it('nothing the app logged during the matrix names a person or carries a session token', () => {
    const text = logged.join('\n')
    const found: string[] = []
    for (const [key, person] of Object.entries(w.people)) {
      for (const field of PII_FIELDS) if (text.includes(person[field])) found.push(`${key}.${field}`)
    }
    for (const [who, cookie] of Object.entries(w.cookies)) if (cookie && text.includes(cookie.split('=')[1]!)) found.push(`${who} token`)
    expect(found).toEqual([])
  })

  // The field-level checks (fields.test.ts) cover each path to a person; a new one must join them.
  it('the schema reaches personal details only through Referral.person, Person and Query.people', () => {
    const schema = buildSchema()
    const holders = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
      .flatMap((type) =>
        Object.values((type as GraphQLObjectType).getFields())
          .filter((f) => ['Person', 'PersonDetails', 'RecordedPerson'].includes(getNamedType(f.type).name))
          .map((f) => `${type.name}.${f.name}`),
      )
      .sort()
    // A new path to a person must be added to the field-level checks (fields.test.ts) first.
    expect(holders).toEqual(['Mutation.recordPerson', 'Query.people', 'Referral.person'])
  })
})
