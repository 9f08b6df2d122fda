// Conventions 13: a page of referrals with provider, service, consent and latest event costs the
// same SQL at 5 and at 50 rows (the consent and latest event come in one statement per page).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKinds } from '@fsn/db/testing'
import { createTestApp, gql, postJson, type TestApp } from './harness'
import { referralNetwork, sendOne, type Network } from './referrals.harness'

const PAGE = `query($first: Int) { referrals(box: OUTBOX, first: $first) { totalCount edges { node {
  id reference status toOrganisation { id name } service { id name } category { code name }
  consent { id givenAt expiresAt withdrawnAt } latestEvent { type toStatus occurredAt } } } } }`

type Page = {
  referrals: {
    totalCount: number
    edges: {
      node: {
        id: string
        consent: { id: string; withdrawnAt: string | null }
        latestEvent: { type: string; toStatus: string } | null
      }
    }[]
  }
}

describe.each(testDatabaseKinds())('GraphQL referral page statement counts on %s', (kind) => {
  let t: TestApp
  let n: Network
  let statements: string[] = []
  const sent: { id: string; consentId: string }[] = []
  beforeAll(async () => {
    t = await createTestApp(kind, { onQuery: (sql) => statements.push(sql) })
    n = await referralNetwork(t)
    for (let i = 0; i < 55; i++) {
      const { res, body, consentId } = await sendOne(t, n)
      expect(res.status).toBe(201)
      sent.push({ id: body.id, consentId })
    }
    // One referral moves on, so the latest event is not always the send.
    const accepted = await postJson(
      t,
      `/api/v1/referrals/${sent[54]!.id}/accept`,
      {},
      { cookie: n.cookies.intake! },
    )
    expect(accepted.status).toBe(200)
  })
  afterAll(async () => t?.close())

  async function page(first: number) {
    statements = []
    const res = await gql<Page>(t, PAGE, { first }, n.cookies.connector)
    expect(res.errors).toBeUndefined()
    return { count: statements.length, page: res.data!.referrals }
  }

  it('costs the same SQL at 5 and 50 rows, and each row carries its own consent and latest event', async () => {
    const small = await page(5)
    const large = await page(50)
    expect(small.page.edges).toHaveLength(5)
    expect(large.page.edges).toHaveLength(50)
    expect(large.count).toBe(small.count)
    expect(small.count).toBeLessThanOrEqual(5)

    const newest = large.page.edges[0]!.node
    expect(newest.id).toBe(sent[54]!.id)
    expect(newest.latestEvent).toMatchObject({ type: 'ACCEPTED', toStatus: 'ACCEPTED' })
    const byId = new Map(sent.map((s) => [s.id, s.consentId]))
    for (const { node } of large.page.edges) expect(node.consent.id).toBe(byId.get(node.id))
    expect(large.page.edges[1]!.node.latestEvent).toMatchObject({ type: 'SENT', toStatus: 'SENT' })
  })
})
