// Issue 15, item 7: the person kept informed. Status messages at sent, accepted, declined or
// redirected, and closed, by the channel the person chose (recorded with the person), in English
// or te reo Māori, through the outbox into the development sinks (.data/mail.jsonl and
// .data/sms.jsonl here in a temporary directory), with nothing beyond the status and the provider.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKinds } from '@fsn/db/testing'
import { drainOutbox, referralHandlers } from '@fsn/services'
import { fileEmailSender } from '../src/adapters/email'
import { e164, fileSmsSender } from '../src/adapters/sms'
import { createTestApp, postJson, type TestApp } from './harness'
import { referralNetwork, type Network } from './referrals.harness'

const NEEDS = 'Power bill overdue, two tamariki at home'

describe.each(testDatabaseKinds())('status messages to the person on %s', (kind) => {
  let t: TestApp
  let n: Network
  let dir = ''
  let mailFile = ''
  let smsFile = ''

  beforeAll(async () => {
    t = await createTestApp(kind)
    t.setNow(new Date('2026-11-23T21:00:00Z')) // Tuesday 10:00 in Wellington
    n = await referralNetwork(t)
    dir = await mkdtemp(join(tmpdir(), 'fsn-person-messages-'))
    mailFile = join(dir, 'mail.jsonl')
    smsFile = join(dir, 'sms.jsonl')
  }, 120_000)
  afterAll(async () => {
    await t?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  const drain = async () => {
    // A new sink per pass, as a restarted worker: it reads the keys already in the file.
    const handlers = referralHandlers({ email: fileEmailSender(mailFile), sms: fileSmsSender(smsFile) })
    await drainOutbox({ deps: t.deps, handlers })
  }
  const lines = async (file: string) =>
    (await readFile(file, 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { to: string; text: string; subject?: string; dedupeKey?: string })

  async function personWithReferral(person: Record<string, unknown>) {
    const p = await postJson(t, '/api/v1/people', { regionCode: '09', needsSummary: NEEDS, ...person }, { cookie: n.cookies.connector! })
    expect(p.status).toBe(201)
    const personId = (await p.json()).id as string
    const c = await postJson(
      t,
      '/api/v1/consents',
      {
        personId,
        purpose: 'Warm referral to a local provider',
        informationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'],
        recipientOrganisationIds: [n.target.organisation.id],
        method: 'VERBAL',
        givenAt: new Date(t.deps.clock().getTime() - 60_000).toISOString(),
      },
      { cookie: n.cookies.connector! },
    )
    expect(c.status).toBe(201)
    const consentId = (await c.json()).id as string
    const r = await postJson(
      t,
      '/api/v1/referrals',
      { personId, consentId, serviceId: n.target.service.id, sharedInformationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'] },
      { cookie: n.cookies.connector! },
    )
    expect(r.status).toBe(201)
    const body = await r.json()
    return { personId, consentId, id: body.id as string, reference: body.reference as string }
  }
  const step = async (id: string, path: string, body: unknown = {}) => {
    const res = await postJson(t, `/api/v1/referrals/${id}/${path}`, body, { cookie: n.cookies.intake! })
    expect(res.status).toBe(200)
  }
  const PROVIDER = 'Level Three Trust'

  it('SMS in te reo Māori at sent, accepted and closed; email in English at sent and declined; nothing else in them', async () => {
    const sms = await personWithReferral({ givenName: 'Mereana', familyName: 'Rāwiri', phone: '027 555 0101', statusChannel: 'SMS', messageLanguage: 'MI' })
    const mail = await personWithReferral({ givenName: 'Hemi', familyName: 'Walker', email: 'hemi.walker@example.nz', statusChannel: 'EMAIL' })
    const quiet = await personWithReferral({ givenName: 'Tama', phone: '027 555 0202', email: 'tama@example.nz' })
    await drain()
    await step(sms.id, 'accept')
    await step(sms.id, 'start')
    await step(sms.id, 'complete', { outcome: 'NEEDS_MET' })
    await step(mail.id, 'decline', { reason: 'Outside our area for Hemi, try Porirua' })
    await step(quiet.id, 'accept')
    await drain()
    await drain() // a second pass sends nothing twice

    const texts = (await lines(smsFile)).filter((m) => m.to === '027 555 0101')
    expect(texts.map((m) => m.text)).toEqual([
      `Kia ora. Kua tukuna tō tono ki a ${PROVIDER}. Ka whakapā mai rātou ki a koe.`,
      `Kia ora. Kua whakaae a ${PROVIDER} ki tō tono, ā, ka whakapā mai ki a koe.`,
      `Kia ora. Kua katia tō tono ki a ${PROVIDER}.`,
    ])
    expect(new Set(texts.map((m) => m.dedupeKey)).size).toBe(3)
    expect(e164(texts[0]!.to)).toBe('+64275550101')

    const emails = (await lines(mailFile)).filter((m) => m.to === 'hemi.walker@example.nz')
    expect(emails.map((m) => [m.subject, m.text])).toEqual([
      ['An update on your referral', `Kia ora. Your referral to ${PROVIDER} has been sent. They will be in touch.`],
      ['An update on your referral', `Kia ora. ${PROVIDER} cannot take your referral. The person who referred you will talk with you about next steps.`],
    ])
    // No name, needs, reason, reference or other detail in anything sent to the person.
    const toPerson = JSON.stringify([...texts.map((m) => m.text), ...emails.map((m) => [m.subject, m.text])])
    for (const detail of ['Mereana', 'Rāwiri', 'Hemi', 'Walker', 'tamariki', 'Porirua', sms.reference, mail.reference, 'Power']) {
      expect(toPerson).not.toContain(detail)
    }
    // The person who chose nothing hears nothing.
    expect(JSON.stringify([...(await lines(smsFile)), ...(await lines(mailFile))])).not.toMatch(/027 555 0202|tama@example/)
  }, 180_000)

  it('nothing once the consent is withdrawn', async () => {
    const r = await personWithReferral({ givenName: 'Aroha', phone: '027 555 0303', statusChannel: 'SMS' })
    await drain()
    const w = await postJson(t, `/api/v1/consents/${r.consentId}/withdraw`, {}, { cookie: n.cookies.connector! })
    expect(w.status).toBe(200)
    const cancel = await postJson(t, `/api/v1/referrals/${r.id}/cancel`, { reason: 'Consent withdrawn' }, { cookie: n.cookies.connector! })
    expect(cancel.status).toBe(200)
    await drain()
    const texts = (await lines(smsFile)).filter((m) => m.to === '027 555 0303')
    expect(texts.map((m) => m.text)).toEqual([`Kia ora. Your referral to ${PROVIDER} has been sent. They will be in touch.`])
  }, 120_000)

  it('recording a channel names the field when it cannot be used', async () => {
    const noPhone = await postJson(t, '/api/v1/people', { givenName: 'A', regionCode: '09', statusChannel: 'SMS' }, { cookie: n.cookies.connector! })
    expect(noPhone.status).toBe(400)
    expect((await noPhone.json()).field).toBe('statusChannel')
    const pigeon = await postJson(t, '/api/v1/people', { givenName: 'A', regionCode: '09', statusChannel: 'PIGEON' }, { cookie: n.cookies.connector! })
    expect(pigeon.status).toBe(400)
    expect((await pigeon.json()).field).toBe('statusChannel')
    const lang = await postJson(t, '/api/v1/people', { givenName: 'A', regionCode: '09', messageLanguage: 'FR' }, { cookie: n.cookies.connector! })
    expect(lang.status).toBe(400)
    expect((await lang.json()).field).toBe('messageLanguage')
  })
})
