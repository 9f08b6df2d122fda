// The accreditation registry over REST and GraphQL (issue 16, item 2), on both databases, with a
// set clock: a national administrator records, renews, suspends and bulk loads; bad input is a 400
// naming the field; everyone else is refused; responses match their typed schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKinds } from '@fsn/db/testing'
import { fromNzLocal } from '@fsn/domain'
import { createTestApp, createUser, gql, postJson, signInCookie, type TestApp } from './harness'

describe.each(testDatabaseKinds())('accreditation registry API on %s', (kind) => {
  let t: TestApp
  let admin: string
  let providerAdmin: string
  let orgId: string

  beforeAll(async () => {
    t = await createTestApp(kind)
    t.setNow(fromNzLocal('2026-12-08 09:00'))
    const a = await createUser(t, { role: 'NATIONAL_ADMIN', kind: 'AGENCY' })
    const p = await createUser(t, { role: 'PROVIDER_ADMIN' })
    orgId = p.organisation.id
    admin = await signInCookie(t, a.user.email)
    providerAdmin = await signInCookie(t, p.user.email)
  }, 120_000)
  afterAll(async () => t?.close())

  const body = {
    organisationId: '',
    scheme: 'MSD_SSAS',
    level: 3,
    validFrom: '2025-12-16',
    validTo: '2026-12-15',
    evidenceNote: 'MSD letter 10 December 2025',
  }

  it('records, lists as expiring soon, renews, suspends; history kept', async () => {
    const res = await postJson(
      t,
      '/api/v1/accreditations',
      { ...body, organisationId: orgId },
      { cookie: admin },
    )
    expect(res.status).toBe(201)
    const created = (await res.json()) as {
      id: string
      validTo: string
      expiresSoon: boolean
      history: unknown[]
    }
    expect(created).toMatchObject({ validTo: '2026-12-15', expiresSoon: true })
    const soon = await t.app.request('/api/v1/accreditations?expiringSoon=true', {
      headers: { cookie: admin },
    })
    expect(((await soon.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([created.id])

    const renew = await postJson(
      t,
      `/api/v1/accreditations/${created.id}/renew`,
      { validTo: '2027-12-15', evidenceNote: 'Renewed' },
      { cookie: admin },
    )
    expect(renew.status).toBe(200)
    expect(await renew.json()).toMatchObject({ validTo: '2027-12-15', expiresSoon: false })
    const suspend = await postJson(
      t,
      `/api/v1/accreditations/${created.id}/suspend`,
      { evidenceNote: 'Complaint' },
      { cookie: admin },
    )
    expect(await suspend.json()).toMatchObject({
      status: 'SUSPENDED',
      history: [
        { action: 'accreditation.record' },
        { action: 'accreditation.renew' },
        { action: 'accreditation.suspend' },
      ],
    })
    const again = await postJson(
      t,
      `/api/v1/accreditations/${created.id}/renew`,
      { validTo: '2028-12-15', evidenceNote: 'x' },
      { cookie: admin },
    )
    expect(again.status).toBe(409)

    const g = await gql<{ accreditations: { id: string; status: string }[] }>(
      t,
      `{ accreditations(organisationId: "${orgId}") { id status } }`,
      {},
      admin,
    )
    expect(g.data?.accreditations).toEqual([{ id: created.id, status: 'SUSPENDED' }])
    const reinstate = await gql<{ decideAccreditation: { status: string } }>(
      t,
      'mutation($i: AccreditationDecisionInput!) { decideAccreditation(input: $i) { status } }',
      { i: { id: created.id, action: 'REINSTATE', evidenceNote: 'Closed' } },
      admin,
    )
    expect(reinstate.data?.decideAccreditation.status).toBe('ACTIVE')
  })

  it.each([
    [{ level: 5 }, 'level'],
    [{ validTo: '2026-13-01' }, 'validTo'],
    [{ scheme: 'ISO9001' }, 'scheme'],
    [{ evidenceNote: '' }, 'evidenceNote'],
    [{ organisationId: 'not-a-uuid' }, 'organisationId'],
  ])('bad input %o: 400 naming %s', async (over, field) => {
    const res = await postJson(
      t,
      '/api/v1/accreditations',
      { ...body, organisationId: orgId, ...over },
      { cookie: admin },
    )
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field })
  })

  it('bad ids and query values are 400s naming the field', async () => {
    const r1 = await postJson(
      t,
      '/api/v1/accreditations/nope/suspend',
      { evidenceNote: 'x' },
      { cookie: admin },
    )
    expect(r1.status).toBe(400)
    expect(await r1.json()).toMatchObject({ field: 'id' })
    const r2 = await t.app.request('/api/v1/accreditations?expiringSoon=maybe', {
      headers: { cookie: admin },
    })
    expect(r2.status).toBe(400)
    expect(await r2.json()).toMatchObject({ field: 'expiringSoon' })
    const g = await gql(
      t,
      'mutation($i: AccreditationDecisionInput!) { decideAccreditation(input: $i) { id } }',
      { i: { id: 'x', action: 'REVOKE', evidenceNote: 'y' } },
      admin,
    )
    expect(g.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' })
  })

  it('CSV dry run over REST: per row outcome naming the refused field, nothing written', async () => {
    const csv = [
      'organisationId,scheme,level,validFrom,validTo,evidenceNote',
      `${orgId},TE_KAHUI_KAHU,2,2026-01-01,2027-01-31,cert`,
      `${orgId},OT_S396,1,2026-01-01,,x`,
    ].join('\n')
    const before = await t.db.prisma.accreditation.count()
    const res = await postJson(t, '/api/v1/accreditations/import', { csv, dryRun: true }, { cookie: admin })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      dryRun: true,
      counts: { create: 1, update: 0, unchanged: 0, refused: 1 },
      rows: [
        { line: 2, outcome: 'create' },
        { line: 3, outcome: 'refused', field: 'level' },
      ],
    })
    expect(await t.db.prisma.accreditation.count()).toBe(before)
    const bad = await postJson(t, '/api/v1/accreditations/import', { csv, dryRun: 'yes' }, { cookie: admin })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ field: 'dryRun' })
  })

  it('a provider administrator and anonymous callers are refused', async () => {
    expect(
      (
        await postJson(
          t,
          '/api/v1/accreditations',
          { ...body, organisationId: orgId },
          { cookie: providerAdmin },
        )
      ).status,
    ).toBe(403)
    expect(
      (await t.app.request('/api/v1/accreditations', { headers: { cookie: providerAdmin } })).status,
    ).toBe(403)
    expect((await t.app.request('/api/v1/accreditations')).status).toBe(401)
  })
})
