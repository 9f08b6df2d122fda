// Issue 12, findings 1 and 2: every referral path follows the need-to-know rule (decidePersonAccess).
// 1. Roles without a referral duty, even inside the sending or receiving organisation, get 404 as for
//    an unknown id, over REST and GraphQL, and have no inbox or outbox; the national administrator
//    opens the referral's status and dates without one personal detail.
// 2. Lifecycle answers are the redacted view GET gives: after a withdrawal, or when the consent never
//    covered the needs, they carry no needs text and no personal field, and record no access.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKinds } from '@fsn/db/testing'
import { createTestApp, gql, postJson, type TestApp } from '../harness'
import { leaked, NEEDS_TEXT, privacyWorld, type PrivacyWorld } from './privacy-world'

const DETAIL = `query($id: ID!) { referral(id: $id) {
  id status relationship viewerAccess fieldsShown
  needsSummary { value redacted reason }
  person { givenName { value redacted } familyName { value } phone { value } email { value } dateOfBirth { value } addressLine { value } needsSummary { value } whanau { name dateOfBirth } }
  events { type note } contactAttempts { note }
} }`

describe.each(testDatabaseKinds())('referrals follow the need-to-know rule on %s', (kind) => {
  let t: TestApp
  let w: PrivacyWorld
  let msdPerson: Awaited<ReturnType<PrivacyWorld['person']>>
  let otPerson: Awaited<ReturnType<PrivacyWorld['person']>>
  let msdReferral: string
  let otReferral: string

  const get = (path: string, who: string) => t.app.request(path, { headers: w.as(who) })
  const post = (path: string, body: unknown, who: string) => postJson(t, path, body, w.as(who))
  const accessRecords = (referralId: string) =>
    t.db.prisma.accessRecord.findMany({ where: { referralId }, orderBy: { accessedAt: 'asc' } })

  beforeAll(async () => {
    t = await createTestApp(kind)
    w = await privacyWorld(t)
    msdPerson = await w.person('msd', 'triage', ['CONTACT_DETAILS', 'NEEDS_SUMMARY', 'CHILDREN_AND_CARE'])
    otPerson = await w.person('ot', 'otOfficer', ['CONTACT_DETAILS', 'NEEDS_SUMMARY', 'CHILDREN_AND_CARE'])
    msdReferral = await w.refer('triage', msdPerson, ['CONTACT_DETAILS', 'NEEDS_SUMMARY', 'CHILDREN_AND_CARE'])
    otReferral = await w.refer('otOfficer', otPerson, ['CONTACT_DETAILS', 'NEEDS_SUMMARY', 'CHILDREN_AND_CARE'])
  }, 120_000)
  afterAll(async () => t?.close())

  describe('finding 1: roles without a referral duty', () => {
    const NO_DUTY: [string, 'msd' | 'ot'][] = [
      ['commissionerWellington', 'msd'],
      ['commissionerAuckland', 'msd'],
      ['providerAdmin', 'msd'],
      ['dce', 'ot'],
      ['hub', 'ot'],
      ['qualityManager', 'ot'],
      ['budget', 'ot'],
      ['providerAdmin', 'ot'],
      // The Regional Lead for the person's region has no duty until the referral is escalated.
      ['leadAuckland', 'msd'],
    ]

    it.each(NO_DUTY)('%s gets 404 as for an unknown id on the %s referral (REST), and no access record', async (who, which) => {
      const id = which === 'msd' ? msdReferral : otReferral
      const secrets = which === 'msd' ? msdPerson.secrets : otPerson.secrets
      const before = (await accessRecords(id)).length
      const res = await get(`/api/v1/referrals/${id}`, who)
      const text = await res.text()
      expect(res.status).toBe(404)
      expect(leaked(text, secrets)).toEqual([])
      const unknown = await get(`/api/v1/referrals/${randomUUID()}`, who)
      const { requestId: _a, ...body } = JSON.parse(text)
      const { requestId: _b, ...unknownBody } = await unknown.json()
      expect(body).toEqual(unknownBody)
      expect(body).toMatchObject({ code: 'NOT_FOUND', field: 'referralId' })
      expect((await accessRecords(id)).length).toBe(before)
    })

    it.each(NO_DUTY)('%s gets NOT_FOUND on the %s referral (GraphQL)', async (who, which) => {
      const id = which === 'msd' ? msdReferral : otReferral
      const secrets = which === 'msd' ? msdPerson.secrets : otPerson.secrets
      const res = await postJson(t, '/graphql', { query: DETAIL, variables: { id } }, w.as(who))
      const text = await res.text()
      expect(leaked(text, secrets)).toEqual([])
      const body = JSON.parse(text)
      expect(body.data?.referral ?? null).toBeNull()
      expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND')
    })

    it.each(NO_DUTY)('%s may not act on the %s referral: 404, nothing changes', async (who, which) => {
      const id = which === 'msd' ? msdReferral : otReferral
      for (const [step, body] of [['accept', {}], ['cancel', { reason: 'Not needed any more' }], ['decline', { reason: 'No capacity this week' }]] as const) {
        const res = await post(`/api/v1/referrals/${id}/${step}`, body, who)
        expect(res.status, step).toBe(404)
      }
      const row = await t.db.prisma.referral.findUniqueOrThrow({ where: { id } })
      expect(row.status).toBe('SENT')
    })

    it.each(['commissionerWellington', 'commissionerAuckland', 'admin', 'dce', 'hub', 'qualityManager', 'budget', 'leadAuckland'])(
      '%s has no outbox and no inbox (403), and the lists name no person',
      async (who) => {
        for (const box of ['OUTBOX', 'INBOX']) {
          const res = await get(`/api/v1/referrals?box=${box}`, who)
          expect(res.status, box).toBe(403)
          expect((await res.json()).code).toBe('FORBIDDEN')
        }
        const g = await gql(t, '{ referrals(box: OUTBOX) { totalCount } }', {}, w.cookies[who])
        expect(g.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      },
    )

    it('the provider administrator has no inbox; its intake worker has one', async () => {
      expect((await get('/api/v1/referrals?box=INBOX', 'providerAdmin')).status).toBe(403)
      const inbox = await (await get('/api/v1/referrals?box=INBOX', 'intake')).json()
      expect(inbox.contents.map((r: { id: string }) => r.id).sort()).toEqual([msdReferral, otReferral].sort())
      const outbox = await (await get('/api/v1/referrals?box=OUTBOX', 'triage')).json()
      expect(outbox.contents.map((r: { id: string }) => r.id)).toEqual([msdReferral])
      expect(leaked(JSON.stringify(inbox), msdPerson.secrets)).toEqual([])
    })

    it('the national administrator opens status and dates, no personal field, and no access record', async () => {
      const before = (await accessRecords(msdReferral)).length
      const res = await get(`/api/v1/referrals/${msdReferral}`, 'admin')
      const text = await res.text()
      expect(res.status).toBe(200)
      expect(leaked(text, msdPerson.secrets)).toEqual([])
      const body = JSON.parse(text)
      expect(body).toMatchObject({ id: msdReferral, status: 'SENT', relationship: 'OVERSIGHT', viewerAccess: 'NONE', fieldsShown: [] })
      expect(body.person.givenName).toEqual({ redacted: true, reason: expect.any(String) })
      expect(body.needsSummary).toEqual({ redacted: true, reason: expect.any(String) })
      const g = await postJson(t, '/graphql', { query: DETAIL, variables: { id: msdReferral } }, w.as('admin'))
      const gText = await g.text()
      expect(leaked(gText, msdPerson.secrets)).toEqual([])
      expect(JSON.parse(gText).data.referral.relationship).toBe('OVERSIGHT')
      expect((await accessRecords(msdReferral)).length).toBe(before)
    })

    it('the sender (triage) sees every field, recorded under the sender rule for MSD', async () => {
      const res = await get(`/api/v1/referrals/${msdReferral}`, 'triage')
      const body = await res.json()
      expect(res.status).toBe(200)
      expect(body).toMatchObject({ relationship: 'SENDER', viewerAccess: 'SENDER', needsSummary: NEEDS_TEXT })
      expect(body.person).toMatchObject({ givenName: 'Anahera', phone: '027 302 5522', email: 'anahera.pohatu@example.nz' })
      const last = (await accessRecords(msdReferral)).at(-1)!
      expect(last).toMatchObject({
        userId: w.userIds.triage,
        organisationId: w.msd.id,
        purpose: 'referral.view:referral-sender',
        personId: msdPerson.id,
      })
      expect(last.fields).toEqual(body.fieldsShown)
      expect(last.fields).toContain('phone')
    })
  })

  describe('finding 2: lifecycle answers are the redacted view', () => {
    it('after the consent is withdrawn, every step answers without needs or personal fields and records nothing', async () => {
      // Three referrals under one consent, all answered or declined after the withdrawal.
      const who = await w.person('msd', 'triage', ['CONTACT_DETAILS', 'NEEDS_SUMMARY'])
      const a = await w.refer('triage', who, ['CONTACT_DETAILS', 'NEEDS_SUMMARY'])
      const b = await w.refer('triage', who, ['CONTACT_DETAILS', 'NEEDS_SUMMARY'])
      const c = await w.refer('triage', who, ['CONTACT_DETAILS', 'NEEDS_SUMMARY'])

      // Before the withdrawal the receiver's answer carries what was shared, and records it.
      const accepted = await post(`/api/v1/referrals/${a}/accept`, {}, 'intake')
      const acceptedBody = await accepted.json()
      expect(accepted.status).toBe(200)
      expect(acceptedBody).toMatchObject({ status: 'ACCEPTED', relationship: 'RECEIVER', viewerAccess: 'RECIPIENT', needsSummary: NEEDS_TEXT })
      expect(acceptedBody.person.phone).toBe('027 302 5522')
      expect(acceptedBody.person.dateOfBirth).toMatchObject({ redacted: true })
      const acceptRecord = (await accessRecords(a)).find((r) => r.purpose === 'referral.accept:referral-receiver')
      expect(acceptRecord).toMatchObject({ userId: w.userIds.intake, organisationId: w.target.organisation.id })
      expect(acceptRecord!.fields).toEqual(acceptedBody.fieldsShown)
      expect(acceptRecord!.fields).not.toContain('dateOfBirth')
      expect((await post(`/api/v1/referrals/${c}/accept`, {}, 'intake')).status).toBe(200)
      expect((await post(`/api/v1/referrals/${a}/start`, {}, 'intake')).status).toBe(200)

      const withdrawn = await post(`/api/v1/consents/${who.consentId}/withdraw`, { reason: 'Changed their mind' }, 'triage')
      expect(withdrawn.status).toBe(200)
      t.setNow(new Date(t.deps.clock().getTime() + 60_000))

      // Issue 15: after withdrawal only closing steps are allowed (state machine); the others are
      // refused CONFLICT (CONSENT_WITHDRAWN), and neither kind of answer carries a personal detail.
      const steps: [string, string, object, number][] = [
        [c, 'contact-attempts', { method: 'PHONE', result: 'NO_ANSWER', attemptedAt: new Date(t.deps.clock().getTime() - 1000).toISOString() }, 409],
        [c, 'start', {}, 409],
        [a, 'put-on-hold', { reason: 'Waiting for a call back' }, 409],
        [a, 'complete', { outcome: 'PARTLY_MET' }, 200],
        [b, 'decline', { reason: 'No capacity this week' }, 200],
        [c, 'fail', { reason: 'UNABLE_TO_CONTACT' }, 200],
      ]
      const recordsBefore = (await t.db.prisma.accessRecord.count({ where: { personId: who.id } }))
      for (const [id, step, body, status] of steps) {
        const res = await post(`/api/v1/referrals/${id}/${step}`, body, 'intake')
        const text = await res.text()
        expect(res.status, `${step}: ${text}`).toBe(status)
        expect(leaked(text, who.secrets), step).toEqual([])
        const json = JSON.parse(text)
        if (status === 409) {
          expect(json, step).toMatchObject({ code: 'CONFLICT', details: [{ code: 'CONSENT_WITHDRAWN' }] })
          continue
        }
        const view = step === 'contact-attempts' ? json.referral : json
        expect(view, step).toMatchObject({ id, relationship: 'RECEIVER', fieldsShown: [] })
        expect(view.needsSummary, step).toMatchObject({ redacted: true })
        expect(view.person.givenName, step).toMatchObject({ redacted: true })
      }
      expect(await t.db.prisma.accessRecord.count({ where: { personId: who.id } })).toBe(recordsBefore)

      // The sender still reads its own record (the withdrawal stops disclosure, not its record).
      const own = await (await get(`/api/v1/referrals/${a}`, 'triage')).json()
      expect(own).toMatchObject({ relationship: 'SENDER', needsSummary: NEEDS_TEXT, status: 'COMPLETED' })
    })

    it('a referral that never shared the needs: answers carry contact details but not the needs text', async () => {
      const who = await w.person('ot', 'otOfficer', ['CONTACT_DETAILS'])
      const id = await w.refer('otOfficer', who, ['CONTACT_DETAILS'])
      const accepted = await post(`/api/v1/referrals/${id}/accept`, {}, 'intake')
      const text = await accepted.text()
      expect(accepted.status).toBe(200)
      expect(text).not.toContain(NEEDS_TEXT)
      const body = JSON.parse(text)
      expect(body.person.phone).toBe(who.secrets.phone)
      expect(body.needsSummary).toMatchObject({ redacted: true })
      expect(body.person.needsSummary).toMatchObject({ redacted: true })
      const record = (await accessRecords(id)).find((r) => r.purpose === 'referral.accept:referral-receiver')!
      expect(record.fields).toEqual(['givenName', 'familyName', 'preferredName', 'phone', 'email', 'addressLine'])

      // Redirect by the receiver: the answer is the redacted view and the new referral's ids.
      const redirected = await post(`/api/v1/referrals/${id}/redirect`, { serviceId: w.second.service.id, reason: 'Closer to home' }, 'intake')
      const rText = await redirected.text()
      expect(redirected.status, rText).toBe(201)
      expect(rText).not.toContain(NEEDS_TEXT)
      const r = JSON.parse(rText)
      expect(r.redirected).toMatchObject({ id, status: 'REDIRECTED', relationship: 'RECEIVER' })
      expect(Object.keys(r.next).sort()).toEqual(['id', 'reference', 'status', 'toOrganisationId'])
      // The provider that handed it on has no duty on the new referral.
      expect((await get(`/api/v1/referrals/${r.next.id}`, 'intake')).status).toBe(404)
      expect((await get(`/api/v1/referrals/${r.next.id}`, 'secondIntake')).status).toBe(200)
    })

    it('the send answers with the sender view and records it', async () => {
      const who = await w.person('msd', 'triage', ['CONTACT_DETAILS'])
      const res = await post('/api/v1/referrals', { personId: who.id, consentId: who.consentId, serviceId: w.target.service.id, sharedInformationKinds: ['CONTACT_DETAILS'] }, 'triage')
      const body = await res.json()
      expect(res.status).toBe(201)
      expect(body).toMatchObject({ relationship: 'SENDER', replayed: false, status: 'SENT' })
      const records = await accessRecords(body.id)
      expect(records.map((r) => r.purpose)).toEqual(['referral.send:referral-sender'])
    })

    it('GraphQL steps answer with the same view: the receiver after withdrawal sees nothing', async () => {
      const who = await w.person('ot', 'otOfficer', ['CONTACT_DETAILS', 'NEEDS_SUMMARY'])
      const id = await w.refer('otOfficer', who, ['CONTACT_DETAILS', 'NEEDS_SUMMARY'])
      expect((await post(`/api/v1/consents/${who.consentId}/withdraw`, {}, 'otOfficer')).status).toBe(200)
      t.setNow(new Date(t.deps.clock().getTime() + 60_000))
      const step = (mutation: string, extra: object) =>
        postJson(
          t,
          '/graphql',
          { query: `mutation($i: ReferralStepInput!) { ${mutation}(input: $i) { id status relationship fieldsShown needsSummary { value redacted } person { givenName { value redacted } phone { value } } } }`, variables: { i: { referralId: id, ...extra } } },
          w.as('intake'),
        )
      // Accepting is refused after withdrawal (issue 15); declining, a closing step, answers the view.
      const refused = await (await step('acceptReferral', {})).text()
      expect(leaked(refused, who.secrets)).toEqual([])
      expect(JSON.parse(refused).errors[0].extensions).toMatchObject({ code: 'CONFLICT' })
      const text = await (await step('declineReferral', { reason: 'Consent withdrawn' })).text()
      expect(leaked(text, who.secrets)).toEqual([])
      expect(JSON.parse(text).data.declineReferral).toMatchObject({ id, status: 'DECLINED', relationship: 'RECEIVER', fieldsShown: [], needsSummary: { redacted: true } })
    })
  })

  it('the Regional Lead for the person’s region sees the names only once the referral is escalated', async () => {
    const who = await w.person('msd', 'triage', ['CONTACT_DETAILS'])
    const id = await w.refer('triage', who, ['CONTACT_DETAILS'])
    expect((await get(`/api/v1/referrals/${id}`, 'leadAuckland')).status).toBe(404)
    await t.db.prisma.referral.update({ where: { id }, data: { escalatedAt: t.deps.clock(), escalationLevel: 1 } })
    const res = await get(`/api/v1/referrals/${id}`, 'leadAuckland')
    const body = await res.json()
    expect(res.status).toBe(200)
    expect(body).toMatchObject({ relationship: 'REGIONAL_LEAD', fieldsShown: ['givenName', 'familyName', 'preferredName'] })
    expect(JSON.stringify(body)).not.toContain(who.secrets.phone)
    expect((await accessRecords(id)).at(-1)).toMatchObject({ purpose: 'referral.view:regional-lead-escalation', organisationId: w.msd.id })
  })
})
