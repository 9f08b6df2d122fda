// Issue 12: every answer that can carry a referral, person, consent, case or grant has a declared,
// closed shape, and a person's details appear only as the redactable type.
// (a) Walks /api/openapi.json: every 2xx JSON answer of the operations under the paths below must be
//     closed objects all the way down (additionalProperties: false, with properties).
// (b) No property named like a person field (givenName, familyName, phone, email, dateOfBirth,
//     addressLine, needsSummary, whanau) outside the RedactedPerson component unless it is the
//     redactable type (RedactableText; RedactableWhanau for whānau).
// (c) Calls every referral operation on a real test app, as the sender, the receiver and the
//     national administrator, and parses each answer with the route's declared schema, strictly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from '@hono/zod-openapi'
import { testDatabaseKinds } from '@fsn/db/testing'
import { createTestApp, postJson, type TestApp } from '../harness'
import * as routes from '../../src/routes/referrals.routes'
import { privacyWorld, type PrivacyWorld } from './privacy-world'

type Schema = Record<string, unknown>
type Doc = { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>; components: { schemas: Record<string, Schema> } }

/** The path prefixes whose answers can carry a person's details. */
const PREFIXES = ['/api/v1/referrals', '/api/v1/people', '/api/v1/consents', '/api/v1/cases', '/api/v1/funds'] as const
/**
 * Typed by another engineer at the same time (issue 12): checked once their operations exist in the
 * document; until then the check is an explicit todo naming them, not a pass.
 */
const PENDING = new Set<string>([
  // Funds and grants have no REST operation yet (GraphQL only): nothing to check until they do.
  '/api/v1/funds',
])

const PERSON_FIELD_NAMES = ['givenName', 'familyName', 'phone', 'email', 'dateOfBirth', 'addressLine', 'needsSummary', 'whanau']
const REDACTABLE = (field: string) =>
  field === 'whanau' ? '#/components/schemas/RedactableWhanau' : '#/components/schemas/RedactableText'
const PERSON_COMPONENT = '#/components/schemas/RedactedPerson'

let doc: Doc

function answers(prefix: string) {
  const out: { op: string; schema: Schema }[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith(prefix)) continue
    for (const [method, op] of Object.entries(methods)) {
      for (const [status, res] of Object.entries(op.responses ?? {})) {
        const schema = res.content?.['application/json']?.schema
        if (/^2/.test(status) && schema) out.push({ op: `${method.toUpperCase()} ${path} ${status}`, schema })
      }
    }
  }
  return out
}

const resolve = (ref: string) => doc.components.schemas[ref.replace('#/components/schemas/', '')]!

/**
 * Every problem found walking `schema`; `seen` stops at components already walked. `personRule`
 * off: inside the person's own redactable types (a whānau member's date of birth is part of the
 * whānau list, which is redacted as a whole), only closedness is checked.
 */
function problems(schema: Schema, where: string, seen: Set<string>, personRule = true): string[] {
  if (typeof schema.$ref === 'string') {
    if (seen.has(schema.$ref)) return []
    seen.add(schema.$ref)
    return problems(resolve(schema.$ref), `${where} -> ${schema.$ref.split('/').at(-1)}`, seen, personRule)
  }
  const out: string[] = []
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const [i, s] of ((schema[key] as Schema[] | undefined) ?? []).entries())
      out.push(...problems(s, `${where}.${key}[${i}]`, seen, personRule))
  }
  if (schema.items) out.push(...problems(schema.items as Schema, `${where}[]`, seen, personRule))
  const isObject = schema.type === 'object' || schema.properties !== undefined || schema.additionalProperties !== undefined
  if (!isObject) return out
  const properties = (schema.properties ?? {}) as Record<string, Schema>
  if (schema.additionalProperties !== false || Object.keys(properties).length === 0) out.push(`${where}: open object`)
  for (const [name, prop] of Object.entries(properties)) {
    if (personRule && PERSON_FIELD_NAMES.includes(name)) {
      if (prop.$ref !== REDACTABLE(name)) out.push(`${where}.${name}: a person field not of the redactable type`)
      continue // the redactable types are checked once, below
    }
    // A person's details live in RedactedPerson: its fields are all checked by the test of that component.
    if (prop.$ref === PERSON_COMPONENT) continue
    out.push(...problems(prop, `${where}.${name}`, seen, personRule))
  }
  return out
}

describe('response contracts in /api/openapi.json', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp('pglite')
    doc = (await (await t.app.request('/api/openapi.json')).json()) as Doc
  }, 60_000)
  afterAll(async () => t?.close())

  for (const prefix of PREFIXES) {
    if (PENDING.has(prefix)) {
      it.todo(`${prefix}: closed answers and redactable person fields (being typed by another engineer)`)
      continue
    }
    it(`${prefix}: every answer is closed and carries person fields only as the redactable type`, () => {
      const found = answers(prefix)
      expect(found.length, `no operations under ${prefix}`).toBeGreaterThan(0)
      const all = found.flatMap(({ op, schema }) => problems(schema, op, new Set()))
      expect(all).toEqual([])
    })
  }

  it('RedactedPerson: every person field is the redactable type, and its markers are closed', () => {
    const person = doc.components.schemas.RedactedPerson!
    expect(person.additionalProperties).toBe(false)
    const props = person.properties as Record<string, Schema>
    for (const field of PERSON_FIELD_NAMES) expect(props[field]?.$ref, field).toBe(REDACTABLE(field))
    expect(problems({ $ref: '#/components/schemas/RedactableText' }, 'RedactableText', new Set(), false)).toEqual([])
    expect(problems({ $ref: '#/components/schemas/RedactableWhanau' }, 'RedactableWhanau', new Set(), false)).toEqual([])
  })

  it('the walker finds what it must (it can fail)', () => {
    expect(problems({ type: 'object', properties: { a: { type: 'string' } } }, 'x', new Set())).toEqual(['x: open object'])
    expect(problems({ type: 'object', additionalProperties: false, properties: { phone: { type: 'string' } } }, 'x', new Set())).toEqual([
      'x.phone: a person field not of the redactable type',
    ])
    expect(problems({ type: 'object', additionalProperties: false, properties: { n: { type: 'array', items: { type: 'object' } } } }, 'x', new Set())).toEqual([
      'x.n[]: open object',
    ])
  })
})

describe.each(testDatabaseKinds())('referral answers match their declared schemas, strictly, on %s', (kind) => {
  let t: TestApp
  let w: PrivacyWorld
  const exercised = new Set<string>()

  /** The route's declared JSON schema for `status`. */
  const declared = (route: { path: string; method: string; responses: Record<string, unknown> }, status: number) => {
    const res = route.responses[String(status)] as { content?: { 'application/json'?: { schema?: z.ZodType } } } | undefined
    const schema = res?.content?.['application/json']?.schema
    if (!schema) throw new Error(`${route.method} ${route.path}: no schema declared for ${status}`)
    return schema
  }
  const check = async (route: Parameters<typeof declared>[0], res: Response, status: number) => {
    const text = await res.text()
    expect(res.status, `${route.method} ${route.path}: ${text}`).toBe(status)
    const parsed = declared(route, status).safeParse(JSON.parse(text))
    expect(parsed.success ? null : { route: `${route.method} ${route.path}`, issues: parsed.error.issues.slice(0, 3) }).toBeNull()
    exercised.add(`${route.method} ${route.path}`)
    return JSON.parse(text)
  }
  const post = (path: string, body: unknown, who: string) => postJson(t, path, body, w.as(who))
  const get = (path: string, who: string) => t.app.request(path, { headers: w.as(who) })

  beforeAll(async () => {
    t = await createTestApp(kind)
    w = await privacyWorld(t)
  }, 120_000)
  afterAll(async () => t?.close())

  it('every referral, person and consent operation', async () => {
    const personRes = await post('/api/v1/people', { givenName: 'Mere', familyName: 'Hohaia', phone: '027 555 1212', regionCode: '02', whanau: [{ name: 'Aperahama Hohaia', relationship: 'son', dateOfBirth: '2016-04-04', dependent: true }] }, 'triage')
    const person = await check(routes.recordPersonRoute, personRes, 201)
    const grant = (kinds: string[]) =>
      post('/api/v1/consents', { personId: person.id, purpose: 'Warm referral', informationKinds: kinds, recipientOrganisationIds: [w.target.organisation.id, w.second.organisation.id], method: 'VERBAL', givenAt: new Date(t.deps.clock().getTime() - 60_000).toISOString() }, 'triage')
    const consent = await check(routes.grantConsentRoute, await grant(['CONTACT_DETAILS', 'NEEDS_SUMMARY', 'CHILDREN_AND_CARE']), 201)
    const sendBody = { personId: person.id, consentId: consent.id, serviceId: w.target.service.id, sharedInformationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY', 'CHILDREN_AND_CARE'], needsSummary: 'Food parcel and a budget plan' }
    const routing = await check(routes.routingCheckRoute, await post('/api/v1/referrals/routing-check', { serviceId: w.target.service.id, personId: person.id }, 'triage'), 200)
    expect(routing.allowed).toBe(true)
    const sent = await check(routes.sendReferralRoute, await post('/api/v1/referrals', { ...sendBody, idempotencyKey: 'contract-0001' }, 'triage'), 201)
    await check(routes.sendReferralRoute, await post('/api/v1/referrals', { ...sendBody, idempotencyKey: 'contract-0001' }, 'triage'), 200)
    const id = sent.id as string
    // GET as each kind of viewer: every field shown, some, none.
    for (const who of ['triage', 'intake', 'admin']) await check(routes.getReferralRoute, await get(`/api/v1/referrals/${id}`, who), 200)
    await check(routes.listReferralsRoute, await get('/api/v1/referrals?box=INBOX', 'intake'), 200)
    await check(routes.listReferralsRoute, await get('/api/v1/referrals?box=OUTBOX', 'triage'), 200)

    const step = async (name: routes.StepPath, body: object, referralId = id) =>
      check(routes.stepRoutes[name], await postJson(t, `/api/v1/referrals/${referralId}/${name}`, body, w.as(name === 'cancel' ? 'triage' : 'intake')), 200)
    await step('accept', {})
    const attemptedAt = new Date(t.deps.clock().getTime() - 1000).toISOString()
    await check(routes.contactAttemptRoute, await post(`/api/v1/referrals/${id}/contact-attempts`, { method: 'PHONE', result: 'NO_ANSWER', attemptedAt }, 'intake'), 201)
    await step('start', {})
    await step('put-on-hold', { reason: 'Waiting for the whānau' })
    await step('resume', {})
    await step('complete', { outcome: 'NEEDS_MET' })

    const more = async () => (await (await post('/api/v1/referrals', sendBody, 'triage')).json()).id as string
    await step('decline', { reason: 'No capacity this week' }, await more())
    await step('cancel', { reason: 'Found help elsewhere' }, await more())
    const failing = await more()
    await step('accept', {}, failing)
    await step('fail', { reason: 'UNABLE_TO_CONTACT' }, failing)
    await check(routes.redirectRoute, await post(`/api/v1/referrals/${await more()}/redirect`, { serviceId: w.second.service.id, reason: 'Closer to home' }, 'intake'), 201)

    // After a withdrawal the receiver's answers are all markers: still the declared shape.
    const withdrawn = await check(routes.withdrawConsentRoute, await post(`/api/v1/consents/${consent.id}/withdraw`, {}, 'triage'), 200)
    expect(withdrawn.withdrawnAt).not.toBeNull()
    t.setNow(new Date(t.deps.clock().getTime() + 60_000))
    await check(routes.getReferralRoute, await get(`/api/v1/referrals/${id}`, 'intake'), 200)

    // Every route this file declares (webhooks aside) was called and checked.
    const declaredRoutes = [
      routes.sendReferralRoute, routes.listReferralsRoute, routes.getReferralRoute, routes.routingCheckRoute,
      ...Object.values(routes.stepRoutes), routes.contactAttemptRoute, routes.redirectRoute,
      routes.recordPersonRoute, routes.grantConsentRoute, routes.withdrawConsentRoute,
    ].map((r) => `${r.method} ${r.path}`)
    expect([...exercised].sort()).toEqual([...new Set(declaredRoutes)].sort())
  }, 120_000)

  it('the strict schemas refuse an answer with a field they do not declare (the check can fail)', async () => {
    const list = await (await get('/api/v1/referrals?box=OUTBOX', 'triage')).json()
    const schema = declared(routes.listReferralsRoute, 200)
    expect(schema.safeParse(list).success).toBe(true)
    expect(schema.safeParse({ ...list, contents: [{ ...list.contents[0], phone: '027 555 1212' }] }).success).toBe(false)
  })
})
