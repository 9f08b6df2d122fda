// The logs name nobody: a realistic run (sign-in failures and a lockout, people recorded, consent,
// a referral sent and answered, the outbox delivering it by email to the console, refused and
// malformed requests, and a 500 from a database call that fails with the person's details in
// Prisma's message) with every console line captured and scanned for the people's details and
// the session tokens, by value and by the domain's PII detector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { detectPii } from '@fsn/domain'
import { testDatabaseKinds } from '@fsn/db/testing'
import { drainOutbox, referralHandlers, type ServiceDeps } from '@fsn/services'
import { consoleEmailSender } from '../../src/adapters/email'
import { createApp } from '../../src/app'
import { createTestApp, gql, postJson, type TestApp } from '../harness'
import { referralNetwork, type Network } from '../referrals.harness'

const PERSON = {
  givenName: 'Hinewai',
  familyName: 'Rangitāne',
  phone: '021 774 3391',
  email: 'hinewai.r@example.nz',
  dateOfBirth: '1991-08-17',
  addressLine: '14 Kōwhai Street, Porirua',
}

/**
 * The same database client, except that creating a person fails the way a programming mistake
 * does: Prisma refuses an unknown column and prints the whole query, values and all, in its message.
 */
function breakPersonCreate(prisma: ServiceDeps['prisma']): ServiceDeps['prisma'] {
  const wrap = (client: object): object =>
    new Proxy(client, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown
        if (prop === 'person') {
          const person = value as { create: (args: { data: object }) => Promise<unknown> }
          return new Proxy(person, {
            get: (p, key) =>
              key === 'create'
                ? (args: { data: object }) => person.create({ ...args, data: { ...args.data, notAColumn: true } })
                : Reflect.get(p, key),
          })
        }
        if (prop === '$transaction') {
          return (fn: unknown, ...rest: unknown[]) =>
            typeof fn === 'function'
              ? (value as (f: unknown, ...r: unknown[]) => unknown).call(target, (tx: object) => fn(wrap(tx)), ...rest)
              : (value as (f: unknown, ...r: unknown[]) => unknown).call(target, fn, ...rest)
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
      },
    })
  return wrap(prisma) as ServiceDeps['prisma']
}

describe.each(testDatabaseKinds())('logs carry no personal details on %s', (kind) => {
  let t: TestApp
  let n: Network
  const lines: string[] = []
  const originals = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug }

  beforeAll(async () => {
    t = await createTestApp(kind)
    n = await referralNetwork(t)
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      console[level] = (...args: unknown[]) => {
        lines.push(args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.message}\n${a.stack}` : JSON.stringify(a))).join(' '))
      }
    }
  })
  afterAll(async () => {
    Object.assign(console, originals)
    await t?.close()
  })

  it('a day of sign-ins, referrals, refusals and a forced 500 logs none of the person’s details nor any token', async () => {
    const connectorEmail = (await t.db.prisma.user.findUniqueOrThrow({ where: { id: n.users.connector.id } })).email
    // Sign-in failures to the point of a lockout, for a real and an unknown account.
    for (let i = 0; i < 6; i++) {
      await postJson(t, '/auth/sign-in', { email: connectorEmail, password: `wrong ${PERSON.phone}` })
      await postJson(t, '/auth/sign-in', { email: PERSON.email, password: PERSON.dateOfBirth })
    }

    // The person recorded, consented and referred; the recipient opens and accepts it.
    const person = await postJson(t, '/api/v1/people', { ...PERSON, regionCode: '09' }, { cookie: n.cookies.connector! })
    expect(person.status).toBe(201)
    const personId = (await person.json()).id as string
    const consent = await postJson(
      t,
      '/api/v1/consents',
      {
        personId,
        purpose: 'Warm referral',
        informationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'],
        recipientOrganisationIds: [n.target.organisation.id],
        method: 'VERBAL',
        givenAt: new Date(t.deps.clock().getTime() - 60_000).toISOString(),
      },
      { cookie: n.cookies.connector! },
    )
    const consentId = (await consent.json()).id as string
    const sent = await postJson(
      t,
      '/api/v1/referrals',
      { personId, consentId, serviceId: n.target.service.id, sharedInformationKinds: ['CONTACT_DETAILS'], needsSummary: `Call ${PERSON.givenName} on ${PERSON.phone}` },
      { cookie: n.cookies.connector! },
    )
    expect(sent.status).toBe(201)
    const referralId = (await sent.json()).id as string
    expect((await t.app.request(`/api/v1/referrals/${referralId}`, { headers: { cookie: n.cookies.intake! } })).status).toBe(200)
    expect((await postJson(t, `/api/v1/referrals/${referralId}/accept`, {}, { cookie: n.cookies.intake! })).status).toBe(200)
    // The outbox delivers notifications and email (to the console, as in production).
    await drainOutbox({ deps: t.deps, handlers: referralHandlers({ email: consoleEmailSender() }) })

    // Refusals and bad input carrying the details: another organisation, a malformed field, bad JSON.
    // Another organisation's referral is not found, as an unknown id (need to know: no existence leak).
    expect((await t.app.request(`/api/v1/referrals/${referralId}`, { headers: { cookie: n.cookies.otherConnector! } })).status).toBe(404)
    expect((await postJson(t, '/api/v1/people', { ...PERSON, phone: `${PERSON.phone} x`, regionCode: '09' }, { cookie: n.cookies.connector! })).status).toBe(400)
    expect((await postJson(t, '/api/v1/people', `{"givenName": "${PERSON.givenName}", `, { cookie: n.cookies.connector! })).status).toBe(400)
    const badGraph = await gql(t, `{ people(first: "${PERSON.givenName}") { id } }`, {}, n.cookies.connector)
    expect(badGraph.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED')

    // A 500 whose underlying error quotes the person: over REST and over GraphQL.
    const broken = createApp({
      deps: { ...t.deps, prisma: breakPersonCreate(t.deps.prisma) },
      db: t.db,
      cookieSecure: false,
      bodyLimitBytes: 64 * 1024,
      graphiql: false,
    })
    const before = lines.length
    const rest = await broken.request('/api/v1/people', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: n.cookies.connector! },
      body: JSON.stringify({ ...PERSON, regionCode: '09' }),
    })
    expect(rest.status).toBe(500)
    const restBody = await rest.text()
    const graph = await broken.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: n.cookies.connector! },
      body: JSON.stringify({
        query: 'mutation($i: RecordPersonInput!) { recordPerson(input: $i) { id } }',
        variables: { i: { ...PERSON, regionCode: '09' } },
      }),
    })
    const graphBody = await graph.text()
    expect(JSON.parse(graphBody).errors[0].extensions.code).toBe('INTERNAL')
    // The failures were logged (so the scan below looks at something), and the answers say nothing.
    expect(lines.length).toBeGreaterThan(before + 1)
    expect(lines.slice(before).join('\n')).toMatch(/PrismaClientValidationError|prisma\.person\.create/)
    for (const body of [restBody, graphBody]) for (const value of Object.values(PERSON)) expect(body).not.toContain(value)

    const log = lines.join('\n')
    const found = Object.entries(PERSON).filter(([, value]) => log.includes(value)).map(([field]) => field)
    for (const cookie of Object.values(n.cookies)) if (cookie && log.includes(cookie.split('=')[1]!)) found.push('session token')
    // The detector reads the log as a connector's note would be read; the findings that are this
    // person (a stack frame's "hono@4.13.19" reads as a date, and that is not them) must be none.
    const theirs = (f: { kind: string; match: string }) =>
      f.kind === 'name' || f.kind === 'address' || /1991|774|hinewai/i.test(f.match)
    const detected = detectPii(log, { knownNames: [PERSON.givenName, PERSON.familyName] }).filter(theirs)
    expect(found).toEqual([])
    expect(detected).toEqual([])
  })
})
