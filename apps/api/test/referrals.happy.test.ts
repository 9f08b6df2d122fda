import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKinds } from '@fsn/db/testing'
import { createTestApp, gql, postJson, type TestApp } from './harness'
import { referralNetwork, sendOne, type Network } from './referrals.harness'

describe.each(testDatabaseKinds())('referral exchange over HTTP on %s', (kind) => {
  let t: TestApp
  let n: Network
  beforeAll(async () => {
    t = await createTestApp(kind)
    n = await referralNetwork(t)
  })
  afterAll(async () => t?.close())

  it('REST: send (201), replay with the Idempotency-Key header (200, same referral), read, accept, attempts', async () => {
    const { res, body, personId, consentId } = await sendOne(t, n, {})
    expect(res.status).toBe(201)
    expect(body).toMatchObject({ status: 'SENT', replayed: false })

    const again = await postJson(
      t,
      '/api/v1/referrals',
      { personId, consentId, serviceId: n.target.service.id, sharedInformationKinds: ['CONTACT_DETAILS'] },
      { cookie: n.cookies.connector!, 'idempotency-key': 'header-key-0001' },
    )
    expect(again.status).toBe(201)
    const replay = await postJson(
      t,
      '/api/v1/referrals',
      { personId, consentId, serviceId: n.target.service.id, sharedInformationKinds: ['CONTACT_DETAILS'] },
      { cookie: n.cookies.connector!, 'idempotency-key': 'header-key-0001' },
    )
    expect(replay.status).toBe(200)
    expect((await replay.json()).id).toBe((await again.json()).id)

    const read = await t.app.request(`/api/v1/referrals/${body.id}`, { headers: { cookie: n.cookies.intake! } })
    expect(read.status).toBe(200)
    const detail = await read.json()
    expect(detail.person.phone).toBe('027 444 5555')
    expect(detail.person.needsSummary).toEqual({ redacted: true, reason: expect.any(String) })

    const accept = await postJson(t, `/api/v1/referrals/${body.id}/accept`, {}, { cookie: n.cookies.intake! })
    expect(accept.status).toBe(200)
    expect((await accept.json()).status).toBe('ACCEPTED')
    const attempt = await postJson(
      t,
      `/api/v1/referrals/${body.id}/contact-attempts`,
      { method: 'PHONE', result: 'NO_ANSWER', attemptedAt: t.deps.clock().toISOString() },
      { cookie: n.cookies.intake! },
    )
    expect(attempt.status).toBe(201)

    const inbox = await t.app.request('/api/v1/referrals?box=INBOX', { headers: { cookie: n.cookies.intake! } })
    const page = await inbox.json()
    expect(page.contents.map((r: { id: string }) => r.id)).toContain(body.id)
    expect(JSON.stringify(page)).not.toContain('027 444 5555') // lists carry no personal details
  })

  it('GraphQL: routing check, send, inbox, open with redaction markers, available commands', async () => {
    const person = await gql<{ recordPerson: { id: string } }>(
      t,
      'mutation($i: RecordPersonInput!) { recordPerson(input: $i) { id } }',
      { i: { givenName: 'Ana', regionCode: '09', phone: '021 000 1111', whanau: [{ name: 'Tama', relationship: 'son', dependent: true }] } },
      n.cookies.connector,
    )
    expect(person.errors).toBeUndefined()
    const personId = person.data!.recordPerson.id
    const routing = await gql<{ routingCheck: { allowed: boolean; reasons: { code: string }[] } }>(
      t,
      'query($s: ID!, $p: ID!) { routingCheck(serviceId: $s, personId: $p) { allowed reasons { code message } } }',
      { s: n.other.service.id, p: personId },
      n.cookies.connector,
    )
    expect(routing.data!.routingCheck).toMatchObject({ allowed: false, reasons: [{ code: 'LEVEL_TOO_LOW' }] })

    const consent = await gql<{ grantConsent: { id: string } }>(
      t,
      'mutation($i: GrantConsentInput!) { grantConsent(input: $i) { id } }',
      {
        i: {
          personId,
          purpose: 'Referral for whānau support',
          informationKinds: ['CONTACT_DETAILS'],
          recipientOrganisationIds: [n.target.organisation.id],
          method: 'WRITTEN',
          givenAt: t.deps.clock().toISOString(),
        },
      },
      n.cookies.connector,
    )
    expect(consent.errors).toBeUndefined()
    const sent = await gql<{ sendReferral: { id: string; reference: string; replayed: boolean } }>(
      t,
      'mutation($i: SendReferralInput!) { sendReferral(input: $i) { id reference status respondBy replayed } }',
      { i: { personId, consentId: consent.data!.grantConsent.id, serviceId: n.target.service.id, sharedInformationKinds: ['CONTACT_DETAILS'] } },
      n.cookies.connector,
    )
    expect(sent.errors).toBeUndefined()
    const id = sent.data!.sendReferral.id

    const open = await gql<{ referral: { person: { phone: { value: string }; whanauRedacted: boolean }; availableCommands: string[] } }>(
      t,
      'query($id: ID!) { referral(id: $id) { status sla person { phone { value redacted } whanauRedacted } availableCommands events { type } } }',
      { id },
      n.cookies.intake,
    )
    expect(open.errors).toBeUndefined()
    expect(open.data!.referral.person.phone.value).toBe('021 000 1111')
    expect(open.data!.referral.person.whanauRedacted).toBe(true) // CHILDREN_AND_CARE was not shared
    expect(open.data!.referral.availableCommands.sort()).toEqual(['accept', 'decline', 'redirect'])

    const inbox = await gql<{ referrals: { totalCount: number; edges: { node: { id: string; sla: string } }[] } }>(
      t,
      '{ referrals(box: INBOX, first: 50) { totalCount edges { node { id reference sla status } } } }',
      {},
      n.cookies.intake,
    )
    expect(inbox.data!.referrals.edges.map((e) => e.node.id)).toContain(id)
  })

  it('GraphQL errors carry the catalogue codes and every reason in details', async () => {
    const { personId, consentId } = await sendOne(t, n)
    const res = await gql(
      t,
      'mutation($i: SendReferralInput!) { sendReferral(input: $i) { id } }',
      { i: { personId, consentId, serviceId: n.other.service.id, sharedInformationKinds: ['CONTACT_DETAILS'] } },
      n.cookies.connector,
    )
    // The consent names only the Level 3 provider, so sending elsewhere is refused on consent first.
    expect(res.errors![0]!.extensions).toMatchObject({
      code: 'CONSENT_REQUIRED',
      field: 'consentId',
      details: [{ code: 'RECIPIENT_NOT_COVERED', message: expect.any(String) }],
    })
  })
})
