// GraphQL field-level access: a field the caller may not see is null with an error at its path,
// and no nested path (referral -> person, person -> consents, case -> members) reaches another
// organisation's person. A personal field the caller may open the record but not the detail of
// comes back as { redacted: true, reason } (docs/referrals.md "Who sees what"), never the value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKinds } from '@fsn/db/testing'
import { createTestApp, gql, postJson, type TestApp } from '../harness'
import { buildWorld, type World } from './world'

type Redactable = { value: string | null; redacted: boolean; reason: string | null }
type PersonView = Record<'givenName' | 'familyName' | 'phone' | 'email' | 'dateOfBirth', Redactable>
const PERSON = '{ givenName { value redacted reason } familyName { value redacted reason } phone { value redacted reason } email { value redacted reason } dateOfBirth { value redacted reason } }'

describe.each(testDatabaseKinds())('GraphQL field-level access on %s', (kind) => {
  let t: TestApp
  let w: World
  const personal = (key: string) => {
    const p = w.people[key]!
    return [p.givenName, p.familyName, p.phone, p.email, p.dateOfBirth]
  }

  beforeAll(async () => {
    t = await createTestApp(kind)
    w = await buildWorld(t)
  }, 120_000)
  afterAll(async () => t?.close())

  it('another organisation’s referral is null with NOT_FOUND at its path (as an unknown id), however deep the selection', async () => {
    const mine = await gql<{ referral: { id: string } }>(t, `query($id: ID!) { referral(id: $id) { id person ${PERSON} } }`, { id: w.referrals.conn }, w.cookies.connector)
    expect(mine.data?.referral.id).toBe(w.referrals.conn)
    for (const [key, id] of [['otherA', w.referrals.otherA], ['senderB', w.referrals.senderB]] as const) {
      // Query.referral is non-null (Referral!), so the refusal nulls `data` itself: a document
      // asking for a referral it may not open gets nothing else either.
      const res = await gql(
        t,
        `query($id: ID!) { r: referral(id: $id) { id needsSummary { value } events { type } person ${PERSON} } }`,
        { id },
        w.cookies.connector,
      )
      expect(res.data ?? null).toBeNull()
      // Need to know: no relationship, no existence (packages/domain/src/privacy/need-to-know.ts).
      expect(res.errors?.map((e) => [(e as { path?: string[] }).path?.join('.'), e.extensions?.code])).toEqual([['r', 'NOT_FOUND']])
      const text = JSON.stringify(res)
      for (const value of personal(key)) expect(text).not.toContain(value)
    }
  })

  it('the recipient sees the consented contact details and not the date of birth; after withdrawal, nothing', async () => {
    const read = () =>
      gql<{ referral: { person: PersonView } }>(t, `query($id: ID!) { referral(id: $id) { person ${PERSON} } }`, { id: w.referrals.conn }, w.cookies.intake)
    const before = (await read()).data!.referral.person
    const conn = w.people.conn!
    expect(before.givenName.value).toBe(conn.givenName)
    expect(before.phone.value).toBe(conn.phone)
    // CONTACT_DETAILS was shared; CHILDREN_AND_CARE (dates of birth) was not.
    expect(before.dateOfBirth).toMatchObject({ value: null, redacted: true })

    const withdrawn = await postJson(t, `/api/v1/consents/${conn.consentId}/withdraw`, { reason: 'Asked us to stop' }, { cookie: w.cookies.connector! })
    expect(withdrawn.status).toBe(200)
    const after = (await read()).data!.referral.person
    for (const field of ['givenName', 'familyName', 'phone', 'email', 'dateOfBirth'] as const) {
      expect(after[field]).toMatchObject({ value: null, redacted: true })
      expect(after[field].reason).toBeTruthy()
    }
    // The sender keeps its own record.
    const sender = await gql<{ referral: { person: PersonView } }>(
      t,
      `query($id: ID!) { referral(id: $id) { person ${PERSON} } }`,
      { id: w.referrals.conn },
      w.cookies.connector,
    )
    expect(sender.data!.referral.person.givenName.value).toBe(conn.givenName)
  })

  it('a national administrator opens any referral without a single personal detail', async () => {
    const res = await gql<{ a: { person: PersonView }; b: { person: PersonView } }>(
      t,
      `query($a: ID!, $b: ID!) { a: referral(id: $a) { person ${PERSON} } b: referral(id: $b) { person ${PERSON} } }`,
      { a: w.referrals.otherA, b: w.referrals.senderB },
      w.cookies.admin,
    )
    expect(res.errors).toBeUndefined()
    for (const view of [res.data!.a.person, res.data!.b.person]) {
      for (const field of Object.values(view)) expect(field).toMatchObject({ value: null, redacted: true })
    }
    const text = JSON.stringify(res)
    for (const value of [...personal('otherA'), ...personal('senderB')]) expect(text).not.toContain(value)
  })

  it('people and their consents are the caller’s organisation’s only; inbox and outbox carry no person at all', async () => {
    const people = await gql<{ people: { id: string; givenName: string; consents: { id: string }[] }[] }>(
      t,
      '{ people(first: 100) { id givenName familyName consents { id } } }',
      {},
      w.cookies.connector,
    )
    expect(people.data!.people.map((p) => p.id)).toEqual([w.people.conn!.id])
    const intake = await gql(t, '{ people { id } }', {}, w.cookies.intake)
    expect(intake.data).toBeNull()
    expect(intake.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')

    // The inbox is the receiver's duty (referral:respond), the outbox the sender's (referral:send).
    const inbox = await gql(t, '{ in: referrals(box: INBOX) { edges { node { id } } } }', {}, w.cookies.intake)
    const outbox = await gql(t, '{ out: referrals(box: OUTBOX) { edges { node { id } } } }', {}, w.cookies.connector)
    const text = JSON.stringify([inbox, outbox])
    expect(JSON.stringify(inbox)).toContain(w.referrals.conn)
    expect(JSON.stringify(outbox)).toContain(w.referrals.conn)
    for (const key of Object.keys(w.people)) for (const value of personal(key)) expect(text).not.toContain(value)
  })

  it('another organisation’s case is null with an error at its path through sharedCase and caseMembers; myCases lists only the caller’s', async () => {
    for (const [name, query] of [
      ['sharedCase', 'query($id: ID!) { c: sharedCase(id: $id) { id personId members { organisationId } assessment { answer { value } } } }'],
      ['caseMembers', 'query($id: ID!) { c: caseMembers(id: $id) { members { organisationId officers { userId } } } }'],
    ] as const) {
      const res = await gql(t, query, { id: w.cases.otherA }, w.cookies.connector)
      expect(res.data ?? null, name).toBeNull()
      const [error] = res.errors ?? []
      expect((error as { path?: string[] }).path, name).toEqual(['c'])
      expect(error?.extensions?.code, name).toBe('NOT_FOUND')
      expect(JSON.stringify(res)).not.toContain(w.people.otherA!.id)
    }
    const mine = await gql<{ myCases: { id: string }[] }>(t, '{ myCases { id } }', {}, w.cookies.connector)
    expect(mine.data?.myCases.map((c) => c.id)).toEqual([w.cases.conn])
  })
})
