// Guidelines 3-5: MSD triage refers a whānau to the Community Connection Service; the connector
// there accepts, makes contact and refers onward to a provider; triage follows the chain. The link
// rules (only the receiving connector, only while accepted or in progress, same person and consent,
// no kind beyond what was shared, the consent must name the onward provider) and the chain's
// privacy (statuses, organisations, services and dates only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '@fsn/auth'
import { seedAgency, seedProvider, seedUser } from '@fsn/db'
import { testDatabaseKinds } from '@fsn/db/testing'
import type { Role } from '@fsn/domain'
import { createTestApp, gql, PASSWORD, postJson, signInCookie, type TestApp } from './harness'

const PHONE = '027 555 0101'
const NEEDS = 'Kai and a power bill this week'

describe.each(testDatabaseKinds())('triage -> CCS -> provider, onward referrals on %s', (kind) => {
  let t: TestApp
  const cookies: Record<string, string> = {}
  let ccs: Awaited<ReturnType<typeof seedProvider>>
  let provider: Awaited<ReturnType<typeof seedProvider>>
  let unnamed: Awaited<ReturnType<typeof seedProvider>>
  let personId = ''
  let consentId = ''
  let firstId = ''

  beforeAll(async () => {
    t = await createTestApp(kind)
    // Tuesday 24 November 2026, 10:00 in Wellington: inside business hours.
    t.setNow(new Date('2026-11-23T21:00:00Z'))
    const now = t.deps.clock()
    ccs = await seedProvider(t.db.prisma, {
      name: 'Wellington Community Connection',
      categories: ['community-connection'],
      accreditations: [{ scheme: 'MSD_SSAS', level: 3 }],
      now,
    })
    provider = await seedProvider(t.db.prisma, { name: 'Te Aro Food Bank', now })
    unnamed = await seedProvider(t.db.prisma, { name: 'Not In The Consent Trust', now })
    const msd = await seedAgency(t.db.prisma, { name: 'MSD triage test' })
    const other = await seedProvider(t.db.prisma, {
      name: 'Another CCS',
      categories: ['community-connection'],
      accreditations: [{ scheme: 'MSD_SSAS', level: 3 }],
      now,
    })
    const user = async (key: string, role: Role, organisationId: string) => {
      const { user } = await seedUser(t.db.prisma, { role, organisationId, password: PASSWORD, hashPassword })
      cookies[key] = await signInCookie(t, user.email)
    }
    await user('triage', 'TRIAGE_OFFICER', msd.id)
    await user('connector', 'COMMUNITY_CONNECTOR', ccs.organisation.id)
    await user('intake', 'PROVIDER_INTAKE', provider.organisation.id)
    await user('otherConnector', 'COMMUNITY_CONNECTOR', other.organisation.id)

    const person = await postJson(
      t,
      '/api/v1/people',
      { givenName: 'Aroha', familyName: 'Tipene', phone: PHONE, regionCode: '09', needsSummary: NEEDS },
      { cookie: cookies.triage! },
    )
    expect(person.status).toBe(201)
    personId = (await person.json()).id
    const consent = await postJson(
      t,
      '/api/v1/consents',
      {
        personId,
        purpose: 'Referral to the Community Connection Service and the providers it connects the whānau to',
        informationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'],
        recipientOrganisationIds: [ccs.organisation.id, provider.organisation.id],
        method: 'VERBAL',
        givenAt: new Date(now.getTime() - 60_000).toISOString(),
      },
      { cookie: cookies.triage! },
    )
    expect(consent.status).toBe(201)
    consentId = (await consent.json()).id
    const sent = await postJson(
      t,
      '/api/v1/referrals',
      {
        personId,
        consentId,
        serviceId: ccs.service.id,
        sharedInformationKinds: ['CONTACT_DETAILS'],
        needsSummary: NEEDS,
      },
      { cookie: cookies.triage! },
    )
    expect(sent.status).toBe(201)
    firstId = (await sent.json()).id
  }, 120_000)
  afterAll(async () => t?.close())

  const onward = (cookie: string, over: Record<string, unknown> = {}) =>
    postJson(
      t,
      '/api/v1/referrals',
      {
        personId,
        consentId,
        serviceId: provider.service.id,
        sharedInformationKinds: ['CONTACT_DETAILS'],
        onwardFromReferralId: firstId,
        ...over,
      },
      { cookie },
    )

  it('the connector has the referral in its inbox and may not refer onward before accepting', async () => {
    const inbox = await t.app.request('/api/v1/referrals?box=INBOX', {
      headers: { cookie: cookies.connector! },
    })
    expect(inbox.status).toBe(200)
    expect((await inbox.json()).contents.map((r: { id: string }) => r.id)).toContain(firstId)
    const early = await onward(cookies.connector!)
    expect(early.status).toBe(409)
    expect(await early.json()).toMatchObject({ code: 'CONFLICT', field: 'onwardFromReferralId' })
  })

  it('the connector accepts and records a contact attempt', async () => {
    const accept = await postJson(
      t,
      `/api/v1/referrals/${firstId}/accept`,
      {},
      { cookie: cookies.connector! },
    )
    expect(accept.status).toBe(200)
    expect((await accept.json()).status).toBe('ACCEPTED')
    const attempt = await postJson(
      t,
      `/api/v1/referrals/${firstId}/contact-attempts`,
      { method: 'PHONE', result: 'REACHED', attemptedAt: t.deps.clock().toISOString() },
      { cookie: cookies.connector! },
    )
    expect(attempt.status).toBe(201)
  })

  it('refuses an onward referral from anyone but the receiving connector, naming the field', async () => {
    const outsider = await onward(cookies.otherConnector!)
    expect(outsider.status).toBe(404)
    expect(await outsider.json()).toMatchObject({ code: 'NOT_FOUND', field: 'onwardFromReferralId' })
    // Triage sent it: the sender may open it but is not the one to refer it onward.
    const sender = await onward(cookies.triage!)
    expect(sender.status).toBe(403)
    expect(await sender.json()).toMatchObject({ code: 'FORBIDDEN', field: 'onwardFromReferralId' })
    // The provider's intake has no duty on the first referral at all.
    const intake = await onward(cookies.intake!)
    expect(intake.status).toBe(403)
  })

  it('refuses another person, another consent, a kind not shared, a provider the consent does not name', async () => {
    const otherPerson = await onward(cookies.connector!, { personId: '0190a0a0-0000-7000-8000-000000000001' })
    expect(otherPerson.status).toBe(400)
    expect(await otherPerson.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'personId' })
    const otherConsent = await onward(cookies.connector!, {
      consentId: '0190a0a0-0000-7000-8000-000000000002',
    })
    expect(otherConsent.status).toBe(400)
    expect(await otherConsent.json()).toMatchObject({ field: 'consentId' })
    const more = await onward(cookies.connector!, {
      sharedInformationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'],
    })
    expect(more.status).toBe(400)
    expect(await more.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'sharedInformationKinds' })
    const notNamed = await onward(cookies.connector!, { serviceId: unnamed.service.id })
    expect(notNamed.status).toBe(422)
    expect(await notNamed.json()).toMatchObject({ code: 'CONSENT_REQUIRED', field: 'consentId' })
    const badId = await onward(cookies.connector!, { onwardFromReferralId: 'not-a-uuid' })
    expect(badId.status).toBe(400)
    expect(await badId.json()).toMatchObject({ field: 'onwardFromReferralId' })
  })

  it('refers onward, linked; the connector sees only what it was shared; the provider accepts; triage sees the chain', async () => {
    const res = await onward(cookies.connector!)
    expect(res.status).toBe(201)
    const second = await res.json()
    expect(second.onwardFrom).toEqual({ id: firstId, reference: expect.any(String) })
    expect(second.fromOrganisation.id).toBe(ccs.organisation.id)
    // The onward sender did not record the person: the shared kinds only, not the needs it was not sent.
    expect(second.relationship).toBe('SENDER')
    expect(second.person.phone).toBe(PHONE)
    expect(second.person.needsSummary).toEqual({ redacted: true, reason: expect.any(String) })

    const accept = await postJson(t, `/api/v1/referrals/${second.id}/accept`, {}, { cookie: cookies.intake! })
    expect(accept.status).toBe(200)

    const read = await t.app.request(`/api/v1/referrals/${firstId}`, { headers: { cookie: cookies.triage! } })
    expect(read.status).toBe(200)
    const first = await read.json()
    expect(
      first.chain.map((c: Record<string, unknown>) => [
        c.id,
        c.depth,
        c.status,
        (c.toOrganisation as { name: string }).name,
      ]),
    ).toEqual([
      [firstId, 0, 'ACCEPTED', 'Wellington Community Connection'],
      [second.id, 1, 'ACCEPTED', 'Te Aro Food Bank'],
    ])
    // The chain carries no personal field: only these keys, and none of the person's values.
    for (const link of first.chain) {
      expect(Object.keys(link).sort()).toEqual([
        'closedAt',
        'depth',
        'fromOrganisation',
        'id',
        'onwardFromId',
        'reference',
        'respondedAt',
        'sentAt',
        'service',
        'status',
        'toOrganisation',
      ])
    }
    const chainText = JSON.stringify(first.chain)
    for (const value of ['Aroha', 'Tipene', PHONE, NEEDS, personId, consentId])
      expect(chainText).not.toContain(value)

    // The provider reads the same chain from its end, and still only what the onward referral shared.
    const fromProvider = await (
      await t.app.request(`/api/v1/referrals/${second.id}`, { headers: { cookie: cookies.intake! } })
    ).json()
    expect(fromProvider.chain.map((c: { id: string }) => c.id)).toEqual([firstId, second.id])
    expect(fromProvider.person.needsSummary).toEqual({ redacted: true, reason: expect.any(String) })

    // GraphQL carries the same chain; triage may not open the onward referral itself (no duty on it).
    const q = await gql<{
      referral: { onwardFromId: string | null; chain: { id: string; depth: number; status: string }[] }
    }>(
      t,
      `query($id: ID!) { referral(id: $id) { onwardFromId chain { id depth status } } }`,
      { id: firstId },
      cookies.triage!,
    )
    expect(q.errors).toBeUndefined()
    expect(q.data?.referral.onwardFromId).toBeNull()
    expect(q.data?.referral.chain.map((c) => [c.id, c.depth])).toEqual([
      [firstId, 0],
      [second.id, 1],
    ])
    const byIntake = await gql<{ referral: { onwardFromId: string | null } }>(
      t,
      `query($id: ID!) { referral(id: $id) { onwardFromId } }`,
      { id: second.id },
      cookies.intake!,
    )
    expect(byIntake.data?.referral.onwardFromId).toBe(firstId)
    const triageOnSecond = await t.app.request(`/api/v1/referrals/${second.id}`, {
      headers: { cookie: cookies.triage! },
    })
    expect(triageOnSecond.status).toBe(404)
  })
})
