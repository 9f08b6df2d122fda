// Conventions 11: one role x operation matrix. Each row: who acts, on a referral from the
// connector's organisation to the target provider, and the HTTP status they must get.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKinds } from '@fsn/db/testing'
import { createTestApp, postJson, type TestApp } from './harness'
import { referralNetwork, sendOne, type Network } from './referrals.harness'

type Who = 'anonymous' | 'connector' | 'intake' | 'otherIntake' | 'otherConnector' | 'admin' | 'lead' | 'commissioner'
type Op = { name: string; path: (id: string) => string; method: 'GET' | 'POST'; body?: object; before?: Op[] }

const read: Op = { name: 'read', method: 'GET', path: (id) => `/api/v1/referrals/${id}` }
const accept: Op = { name: 'accept', method: 'POST', path: (id) => `/api/v1/referrals/${id}/accept`, body: {} }
const decline: Op = { name: 'decline', method: 'POST', path: (id) => `/api/v1/referrals/${id}/decline`, body: { reason: 'No capacity this week' } }
const cancel: Op = { name: 'cancel', method: 'POST', path: (id) => `/api/v1/referrals/${id}/cancel`, body: { reason: 'Whānau found other help' } }
const attempt: Op = {
  name: 'contact attempt',
  method: 'POST',
  path: (id) => `/api/v1/referrals/${id}/contact-attempts`,
  body: { method: 'PHONE', result: 'NO_ANSWER', attemptedAt: '2026-11-22T19:00:00Z' },
  before: [accept],
}

// Expected status per actor for each operation on a SENT referral (attempt: on an ACCEPTED one).
// Need to know (docs/privacy.md): a caller without a duty on the referral gets 404 as for an unknown
// id; one who may open it but not take this step gets 403.
const MATRIX: [Op, Record<Who, number>][] = [
  [read, { anonymous: 401, connector: 200, intake: 200, otherIntake: 404, otherConnector: 404, admin: 200, lead: 404, commissioner: 404 }],
  [accept, { anonymous: 401, connector: 403, intake: 200, otherIntake: 404, otherConnector: 404, admin: 403, lead: 404, commissioner: 404 }],
  [decline, { anonymous: 401, connector: 403, intake: 200, otherIntake: 404, otherConnector: 404, admin: 403, lead: 404, commissioner: 404 }],
  [cancel, { anonymous: 401, connector: 200, intake: 403, otherIntake: 404, otherConnector: 404, admin: 200, lead: 404, commissioner: 404 }],
  [attempt, { anonymous: 401, connector: 403, intake: 201, otherIntake: 404, otherConnector: 404, admin: 403, lead: 404, commissioner: 404 }],
]

const CODES: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' }

describe.each(testDatabaseKinds())('referral access matrix on %s', (kind) => {
  let t: TestApp
  let n: Network
  beforeAll(async () => {
    t = await createTestApp(kind)
    n = await referralNetwork(t)
  })
  afterAll(async () => t?.close())

  const call = (op: Op, id: string, who: Who) => {
    const headers: Record<string, string> = who === 'anonymous' ? {} : { cookie: n.cookies[who]! }
    return op.method === 'GET' ? t.app.request(op.path(id), { headers }) : postJson(t, op.path(id), op.body ?? {}, headers)
  }

  for (const [op, expected] of MATRIX) {
    for (const [who, status] of Object.entries(expected) as [Who, number][]) {
      it(`${who} ${op.name}: ${status}`, async () => {
        const { body } = await sendOne(t, n)
        for (const step of op.before ?? []) expect((await call(step, body.id, 'intake')).status).toBe(200)
        const before = await t.db.prisma.referralEvent.count({ where: { referralId: body.id } })
        const res = await call(op, body.id, who)
        expect(res.status).toBe(status)
        const json = await res.json()
        if (status >= 400) {
          expect(json.code).toBe(CODES[status])
          expect(JSON.stringify(json)).not.toContain('027 444 5555')
          expect(await t.db.prisma.referralEvent.count({ where: { referralId: body.id } })).toBe(before)
        }
      })
    }
  }

  it('a national administrator reads a referral without personal details', async () => {
    const { body } = await sendOne(t, n)
    const res = await t.app.request(`/api/v1/referrals/${body.id}`, { headers: { cookie: n.cookies.admin! } })
    const json = await res.json()
    expect(json.fieldsShown).toEqual([])
    expect(JSON.stringify(json)).not.toContain('027 444 5555')
  })
})
