// Issue 15, items 2 and 3 over REST: three missed calls ten minutes apart do not escalate; a miss
// 12 hours after the first does, and the Wellington Regional Lead finds it in their queue,
// acknowledges, notes and resolves it. Bad input is a 400 naming the field. Clocks set explicitly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKinds } from '@fsn/db/testing'
import { createTestApp, postJson, type TestApp } from './harness'
import { referralNetwork, sendOne, type Network } from './referrals.harness'

describe.each(testDatabaseKinds())('Regional Lead queue over REST on %s', (kind) => {
  let t: TestApp
  let n: Network
  beforeAll(async () => {
    t = await createTestApp(kind)
    n = await referralNetwork(t)
  }, 120_000)
  afterAll(async () => t?.close())

  it('ten-minute attempts do not escalate; 12-hour ones do, and the lead acknowledges, notes and resolves', async () => {
    const start = new Date('2026-11-23T20:00:00Z') // Tuesday 09:00 NZDT
    t.setNow(start)
    const { body } = await sendOne(t, n)
    expect(
      (await postJson(t, `/api/v1/referrals/${body.id}/accept`, {}, { cookie: n.cookies.intake! })).status,
    ).toBe(200)
    const attempt = async (minutes: number) => {
      const at = new Date(start.getTime() + minutes * 60_000)
      t.setNow(at)
      const res = await postJson(
        t,
        `/api/v1/referrals/${body.id}/contact-attempts`,
        { method: 'PHONE', result: 'NO_ANSWER', attemptedAt: at.toISOString() },
        { cookie: n.cookies.intake! },
      )
      expect(res.status).toBe(201)
      return res.json()
    }
    const quick = [await attempt(1), await attempt(11), await attempt(21)]
    expect(quick.map((a) => a.escalated)).toEqual([false, false, false])
    expect(quick[2].assessment.escalationPossibleAt).toBe(
      new Date(start.getTime() + (12 * 60 + 1) * 60_000).toISOString(),
    )
    const queue = () =>
      t.app.request('/api/v1/regional-escalations', { headers: { cookie: n.cookies.lead! } })
    expect(await (await queue()).json()).toEqual([])

    const late = await attempt(12 * 60 + 2)
    expect(late.escalated).toBe(true)
    const items = await (await queue()).json()
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({
      reference: body.reference,
      reason: 'CONTACT_ATTEMPTS',
      status: 'OPEN',
      overdue: false,
    })
    expect(JSON.stringify(items)).not.toContain('Hemi') // the queue names the referral, not the person
    const id = items[0].id as string

    expect(
      (await postJson(t, `/api/v1/regional-escalations/${id}/acknowledge`, {}, { cookie: n.cookies.intake! }))
        .status,
    ).toBe(403)
    expect(
      (await postJson(t, `/api/v1/regional-escalations/${id}/acknowledge`, {}, { cookie: n.cookies.lead! }))
        .status,
    ).toBe(200)
    const bad = await postJson(
      t,
      `/api/v1/regional-escalations/${id}/resolve`,
      {},
      { cookie: n.cookies.lead! },
    )
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ field: 'outcome' })
    const noted = await postJson(
      t,
      `/api/v1/regional-escalations/${id}/notes`,
      { body: 'Asked the provider to try after 5pm' },
      { cookie: n.cookies.lead! },
    )
    expect(noted.status).toBe(200)
    const resolved = await postJson(
      t,
      `/api/v1/regional-escalations/${id}/resolve`,
      { outcome: 'Reached on the evening call' },
      { cookie: n.cookies.lead! },
    )
    expect(resolved.status).toBe(200)
    expect(await resolved.json()).toMatchObject({
      status: 'RESOLVED',
      outcome: 'Reached on the evening call',
      notes: [{ body: 'Asked the provider to try after 5pm' }],
    })
    const open = await (
      await t.app.request('/api/v1/regional-escalations?open=true', { headers: { cookie: n.cookies.lead! } })
    ).json()
    expect(open).toEqual([])
  }, 120_000)
})
