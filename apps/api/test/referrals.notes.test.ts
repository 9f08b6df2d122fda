// Issue 15, items 4 and 5: notes between the sending and receiving organisations, governed by the
// consent like the needs summary (the other party reads a note's text only while NEEDS_SUMMARY is
// visible to it; the author's organisation always reads its own), notified in-app and delivered to
// webhook subscribers as referral.note_added; and consent withdrawn on an open referral: the
// state machine offers and allows only the closing steps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '@fsn/auth'
import { seedUser } from '@fsn/db'
import { testDatabaseKinds } from '@fsn/db/testing'
import { drainOutbox, memoryEmailSender, referralHandlers } from '@fsn/services'
import { PASSWORD, createTestApp, gql, postJson, signInCookie, type TestApp } from './harness'
import { referralNetwork, sendOne, type Network } from './referrals.harness'

const SENDER_NOTE = 'Whānau prefer a call after 3pm; needs kai for three tamariki'
const PROVIDER_NOTE = 'Tried once, will call again tomorrow'

type Note = { authorSide: string; authorOrganisation: { id: string }; text: unknown }

describe.each(testDatabaseKinds())('notes and consent withdrawal on %s', (kind) => {
  let t: TestApp
  let n: Network
  let adminCookie = ''

  beforeAll(async () => {
    t = await createTestApp(kind)
    // Tuesday 24 November 2026, 10:00 in Wellington: inside business hours.
    t.setNow(new Date('2026-11-23T21:00:00Z'))
    n = await referralNetwork(t)
    const { user } = await seedUser(t.db.prisma, {
      role: 'PROVIDER_ADMIN',
      organisationId: n.target.organisation.id,
      password: PASSWORD,
      hashPassword,
    })
    adminCookie = await signInCookie(t, user.email)
  }, 120_000)
  afterAll(async () => {
    await t?.close()
  })

  const get = async (id: string, cookie: string) => {
    const res = await t.app.request(`/api/v1/referrals/${id}`, { headers: { cookie } })
    expect(res.status).toBe(200)
    return res.json()
  }
  const note = (id: string, text: unknown, cookie: string) =>
    postJson(t, `/api/v1/referrals/${id}/notes`, { text }, { cookie })

  it('a note flows each way, is notified to the other side and delivered as referral.note_added; withdrawal hides the other side’s text', async () => {
    const hook = await postJson(
      t,
      '/api/v1/webhooks',
      { url: 'https://partner.example.nz/hook', eventTypes: ['referral.note_added'] },
      { cookie: adminCookie },
    )
    expect(hook.status).toBe(201)
    const { body, consentId } = await sendOne(t, n, { sharedInformationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'] })
    const id = body.id as string
    const handlers = referralHandlers({ email: memoryEmailSender() })
    await drainOutbox({ deps: t.deps, handlers })

    const sent = await note(id, `  ${SENDER_NOTE}  `, n.cookies.connector!)
    expect(sent.status).toBe(201)
    const sentView = await sent.json()
    expect(sentView.notes.map((x: Note) => [x.authorSide, x.text])).toEqual([['SENDER', SENDER_NOTE]])

    t.setNow(new Date('2026-11-23T21:10:00Z'))
    const reply = await note(id, PROVIDER_NOTE, n.cookies.intake!)
    expect(reply.status).toBe(201)
    const intakeView = await reply.json()
    expect(intakeView.notes.map((x: Note) => [x.authorSide, x.authorOrganisation.id, x.text])).toEqual([
      ['SENDER', n.home.organisation.id, SENDER_NOTE],
      ['RECEIVER', n.target.organisation.id, PROVIDER_NOTE],
    ])
    expect(intakeView.events.filter((e: { type: string }) => e.type === 'NOTE_ADDED')).toHaveLength(2)

    await drainOutbox({ deps: t.deps, handlers })
    const notified = await t.db.prisma.notification.findMany({
      where: { referralId: id, kind: 'referral.note_added' },
      select: { userId: true, body: true },
    })
    expect(notified.map((x) => x.userId).sort()).toEqual([n.users.intake.id, n.users.connector.id].sort())
    // The notification says a note was added, never what it says.
    expect(JSON.stringify(notified)).not.toContain('tamariki')
    expect(JSON.stringify(notified)).not.toContain('tomorrow')
    const deliveries = await t.db.prisma.webhookDelivery.findMany({ where: { eventType: 'referral.note_added' } })
    expect(deliveries).toHaveLength(2)
    expect(JSON.stringify(deliveries.map((d) => d.payload))).not.toContain('tamariki')

    // A Regional Lead without an escalation has no duty: as for an unknown referral.
    expect((await note(id, 'hello', n.cookies.lead!)).status).toBe(404)
    expect((await note(id, 'hello', n.cookies.otherIntake!)).status).toBe(404)

    // The person withdraws consent.
    t.setNow(new Date('2026-11-23T21:20:00Z'))
    const w = await postJson(t, `/api/v1/consents/${consentId}/withdraw`, { reason: 'Person asked' }, { cookie: n.cookies.connector! })
    expect(w.status).toBe(200)
    const afterIntake = await get(id, n.cookies.intake!)
    expect(afterIntake.consentState.withdrawnAt).not.toBeNull()
    const [fromSender, ownReply] = afterIntake.notes as Note[]
    expect(fromSender!.text).toMatchObject({ redacted: true })
    expect(ownReply!.text).toBe(PROVIDER_NOTE) // its own note, always
    expect(JSON.stringify(afterIntake)).not.toContain('tamariki')
    // The sender still reads its own note.
    const afterSender = await get(id, n.cookies.connector!)
    expect((afterSender.notes as Note[])[0]!.text).toBe(SENDER_NOTE)

    // A note sent after withdrawal reaches the provider as a redacted entry only.
    const late = await note(id, 'Please close this one, the whānau moved to Ōtaki', n.cookies.connector!)
    expect(late.status).toBe(201)
    const lateIntake = await get(id, n.cookies.intake!)
    expect((lateIntake.notes as Note[]).at(-1)!.text).toMatchObject({ redacted: true })
    expect(JSON.stringify(lateIntake)).not.toContain('Ōtaki')

    // GraphQL reads the same thread.
    const g = await gql<{ referral: { notes: { authorSide: string; text: { value: string | null; redacted: boolean } }[] } }>(
      t,
      'query($id: ID!) { referral(id: $id) { notes { authorSide text { value redacted } } } }',
      { id },
      n.cookies.intake,
    )
    expect(g.data!.referral.notes.map((x) => [x.authorSide, x.text.redacted])).toEqual([
      ['SENDER', true],
      ['RECEIVER', false],
      ['SENDER', true],
    ])
  }, 120_000)

  it('names the field of a bad note and refuses a blank one', async () => {
    const { body } = await sendOne(t, n)
    const blank = await note(body.id, '   ', n.cookies.connector!)
    expect(blank.status).toBe(400)
    expect((await blank.json()).field).toBe('text')
    const long = await note(body.id, 'x'.repeat(2001), n.cookies.connector!)
    expect(long.status).toBe(400)
    expect((await long.json()).field).toBe('text')
    const g = await gql(
      t,
      'mutation($i: AddReferralNoteInput!) { addReferralNote(input: $i) { id } }',
      { i: { referralId: body.id, text: '' } },
      n.cookies.intake,
    )
    expect(g.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'text' })
  }, 120_000)

  it('after withdrawal on an open referral only closing steps are offered and allowed (CONFLICT, CONSENT_WITHDRAWN)', async () => {
    const { body, consentId } = await sendOne(t, n)
    const id = body.id as string
    const accepted = await postJson(t, `/api/v1/referrals/${id}/accept`, {}, { cookie: n.cookies.intake! })
    expect(accepted.status).toBe(200)
    const commands = async () =>
      (
        await gql<{ referral: { availableCommands: string[]; consentWithdrawnAt: string | null } }>(
          t,
          'query($id: ID!) { referral(id: $id) { availableCommands consentWithdrawnAt } }',
          { id },
          n.cookies.intake,
        )
      ).data!.referral
    expect((await commands()).availableCommands).toEqual(['recordContactAttempt', 'start', 'fail', 'redirect'])

    const w = await postJson(t, `/api/v1/consents/${consentId}/withdraw`, { reason: 'Moved in with her sister' }, { cookie: n.cookies.connector! })
    expect(w.status).toBe(200)
    const after = await commands()
    expect(after.consentWithdrawnAt).not.toBeNull()
    expect(after.availableCommands).toEqual(['fail'])
    // The withdrawal is on the timeline for both parties, without the reason.
    for (const cookie of [n.cookies.intake!, n.cookies.connector!]) {
      const view = await get(id, cookie)
      const entry = (view.events as { type: string; note: string | null }[]).filter((e) => e.type === 'CONSENT_WITHDRAWN')
      expect(entry).toEqual([expect.objectContaining({ type: 'CONSENT_WITHDRAWN', note: null })])
    }

    const start = await postJson(t, `/api/v1/referrals/${id}/start`, {}, { cookie: n.cookies.intake! })
    expect(start.status).toBe(409)
    const refusal = await start.json()
    expect(refusal.code).toBe('CONFLICT')
    expect(refusal.details).toEqual([expect.objectContaining({ code: 'CONSENT_WITHDRAWN' })])
    const attempt = await postJson(
      t,
      `/api/v1/referrals/${id}/contact-attempts`,
      { method: 'PHONE', result: 'NO_ANSWER', attemptedAt: '2026-11-23T21:00:00Z' },
      { cookie: n.cookies.intake! },
    )
    expect(attempt.status).toBe(409)
    const redirect = await postJson(
      t,
      `/api/v1/referrals/${id}/redirect`,
      { serviceId: n.other.service.id, reason: 'Another service fits' },
      { cookie: n.cookies.intake! },
    )
    expect(redirect.status).toBe(409)

    const fail = await postJson(t, `/api/v1/referrals/${id}/fail`, { reason: 'PERSON_DECLINED_SERVICE' }, { cookie: n.cookies.intake! })
    expect(fail.status).toBe(200)
    expect((await fail.json()).status).toBe('FAILED')

    // The provider's intake was told (consent.withdrawn handler), without details.
    await drainOutbox({ deps: t.deps, handlers: referralHandlers({ email: memoryEmailSender() }) })
    const told = await t.db.prisma.notification.findMany({ where: { referralId: id, kind: 'consent.withdrawn' } })
    expect(told.map((x) => x.userId)).toEqual([n.users.intake.id])
  }, 120_000)

  it('the sender may still cancel a withdrawn referral that was never answered', async () => {
    const { body, consentId } = await sendOne(t, n)
    await postJson(t, `/api/v1/consents/${consentId}/withdraw`, {}, { cookie: n.cookies.connector! })
    const accept = await postJson(t, `/api/v1/referrals/${body.id}/accept`, {}, { cookie: n.cookies.intake! })
    expect(accept.status).toBe(409)
    const cancel = await postJson(t, `/api/v1/referrals/${body.id}/cancel`, { reason: 'Consent withdrawn' }, { cookie: n.cookies.connector! })
    expect(cancel.status).toBe(200)
    expect((await cancel.json()).status).toBe('CANCELLED')
    // A closed referral gets no withdrawal entry from a later withdrawal of another consent; this
    // one got exactly one, and the terminal step after it.
    const types = ((await get(body.id, n.cookies.connector!)).events as { type: string }[]).map((e) => e.type)
    expect(types.slice(-2)).toEqual(['CONSENT_WITHDRAWN', 'CANCELLED'])
  }, 120_000)
})
