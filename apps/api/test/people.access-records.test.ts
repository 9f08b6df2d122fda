// Privacy Act 2020, IPP 6 over HTTP: the organisation that recorded a person answers who has read
// their details. A person's referral is read by the receiver and the sender, and the person appears
// in the recorder's people list; GET /api/v1/people/{id}/access-records and GraphQL
// personAccessRecords list each read (who, which organisation, when, which fields, why). A role
// without consent:record in that organisation, and every other organisation, get 404 as for an
// unknown person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '@fsn/auth'
import { seedUser } from '@fsn/db'
import { testDatabaseKinds } from '@fsn/db/testing'
import { PASSWORD, createTestApp, gql, signInCookie, type TestApp } from './harness'
import { referralNetwork, sendOne, type Network } from './referrals.harness'
import { ZPersonAccessRecords } from '../src/routes/people.schemas'

describe.each(testDatabaseKinds())('IPP 6 access records over HTTP on %s', (kind) => {
  let t: TestApp
  let n: Network
  let homeAdmin: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    n = await referralNetwork(t)
    const { user } = await seedUser(t.db.prisma, {
      role: 'PROVIDER_ADMIN',
      organisationId: n.home.organisation.id,
      password: PASSWORD,
      hashPassword,
    })
    homeAdmin = await signInCookie(t, user.email)
  }, 120_000)
  afterAll(async () => t?.close())

  const get = (path: string, cookie?: string) => t.app.request(path, { headers: cookie ? { cookie } : {} })

  it('lists the receiver’s read, the sender’s read and the list read, each with who, when, what and why', async () => {
    const sent = await sendOne(t, n)
    expect(sent.res.status).toBe(201)
    const referralId = sent.body.id as string
    const base = t.deps.clock().getTime()
    const at = (minutes: number) => new Date(base + minutes * 60_000)

    t.setNow(at(1))
    expect((await get(`/api/v1/referrals/${referralId}`, n.cookies.intake)).status).toBe(200)
    t.setNow(at(2))
    expect((await get(`/api/v1/referrals/${referralId}`, n.cookies.connector)).status).toBe(200)
    t.setNow(at(3))
    const list = await gql<{ people: { id: string }[] }>(t, '{ people(first: 200) { id givenName } }', {}, n.cookies.connector)
    expect(list.errors).toBeUndefined()
    expect(list.data!.people.map((p) => p.id)).toContain(sent.personId)

    t.setNow(at(4))
    const res = await get(`/api/v1/people/${sent.personId}/access-records`, n.cookies.connector)
    expect(res.status).toBe(200)
    const body = ZPersonAccessRecords.parse(await res.json()) // the declared, strict shape
    expect(body.personId).toBe(sent.personId)
    const reads = body.records.map((r) => ({
      who: r.user.name,
      organisation: r.organisation.id,
      when: r.accessedAt,
      action: r.action,
      rule: r.rule,
      referralId: r.referralId,
    }))
    expect(reads).toEqual([
      // The send's own answer shows the sender the referral as GET would.
      {
        who: n.users.connector.name,
        organisation: n.home.organisation.id,
        when: at(0).toISOString(),
        action: 'referral.send',
        rule: 'referral-sender',
        referralId,
      },
      {
        who: n.users.intake.name,
        organisation: n.target.organisation.id,
        when: at(1).toISOString(),
        action: 'referral.view',
        rule: 'referral-receiver',
        referralId,
      },
      {
        who: n.users.connector.name,
        organisation: n.home.organisation.id,
        when: at(2).toISOString(),
        action: 'referral.view',
        rule: 'referral-sender',
        referralId,
      },
      {
        who: n.users.connector.name,
        organisation: n.home.organisation.id,
        when: at(3).toISOString(),
        action: 'people.list',
        rule: 'recorder',
        referralId: null,
      },
    ])
    // Which fields: the receiver saw the contact details the referral shared and the consent covers.
    expect(body.records[1]!.fields).toEqual(expect.arrayContaining(['givenName', 'familyName', 'phone']))
    expect(body.records[1]!.fields).not.toContain('needsSummary')
    expect(body.records[1]!.purpose).toBe('referral.view:referral-receiver')
    expect(body.records[3]!.fields).toEqual(['givenName', 'familyName', 'preferredName'])

    // The same answer over GraphQL.
    const viaGraphql = await gql<{ personAccessRecords: { user: { name: string }; action: string; rule: string; fields: string[] }[] }>(
      t,
      'query($id: ID!) { personAccessRecords(personId: $id) { user { name } action rule fields accessedAt } }',
      { id: sent.personId },
      n.cookies.connector,
    )
    expect(viaGraphql.errors).toBeUndefined()
    expect(viaGraphql.data!.personAccessRecords.map((r) => [r.user.name, r.action, r.rule])).toEqual(
      reads.map((r) => [r.who, r.action, r.rule]),
    )
  })

  it('answers 404 to a role without consent:record, to other organisations and for an unknown person, alike', async () => {
    const sent = await sendOne(t, n)
    const unknown = await get('/api/v1/people/0190a0a0-0000-7000-8000-00000000abcd/access-records', n.cookies.connector)
    expect(unknown.status).toBe(404)
    const unknownBody = (await unknown.json()) as { code: string; message: string; field?: string }
    expect(unknownBody).toMatchObject({ code: 'NOT_FOUND', field: 'personId' })
    for (const cookie of [homeAdmin, n.cookies.intake, n.cookies.otherConnector, n.cookies.admin, n.cookies.commissioner]) {
      const res = await get(`/api/v1/people/${sent.personId}/access-records`, cookie)
      expect(res.status).toBe(404)
      const body = (await res.json()) as { code: string; message: string; field?: string }
      expect({ code: body.code, message: body.message, field: body.field }).toEqual({
        code: unknownBody.code,
        message: unknownBody.message,
        field: unknownBody.field,
      })
    }
    const g = await gql(t, 'query($id: ID!) { personAccessRecords(personId: $id) { id } }', { id: sent.personId }, homeAdmin)
    expect(g.errors?.[0]?.extensions?.code).toBe('NOT_FOUND')
    expect((await get(`/api/v1/people/${sent.personId}/access-records`)).status).toBe(401)
    const bad = await get('/api/v1/people/not-a-uuid/access-records', n.cookies.connector)
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ field: 'id' })
  })
})
