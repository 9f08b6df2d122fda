// Issue 12, item 8: a NUL, a lone surrogate or another control character in any text field was a
// 500 (PostgreSQL cannot store a NUL; the insert failed). Now every REST and GraphQL input is looked
// at before validation (http/control-characters.ts, graphql.ts): 400 VALIDATION_FAILED naming the
// field, and nothing written. Tab, LF and CR stay allowed (notes are multi-line).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKinds } from '@fsn/db/testing'
import { createTestApp, gql, postJson, type TestApp } from './harness'
import { referralNetwork, sendOne, type Network } from './referrals.harness'

const BAD = [
  ['NUL', '\u0000', 'U+0000'],
  ['a lone high surrogate', '\uD83D', 'U+D83D'],
  ['a lone low surrogate', '\uDE00', 'U+DE00'],
  ['escape (C0)', '\u001B', 'U+001B'],
  ['next line (C1)', '\u0085', 'U+0085'],
  ['U+FFFF', '\uFFFF', 'U+FFFF'],
] as const

const RECORD_PERSON = 'mutation ($input: RecordPersonInput!) { recordPerson(input: $input) { id } }'
const GRANT_CONSENT = 'mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }'
const DECLINE = 'mutation ($input: ReferralStepInput!) { declineReferral(input: $input) { id status } }'
const RECORD_INTERACTION = 'mutation ($input: RecordInteractionInput!) { recordInteraction(input: $input) { interaction { id } } }'
const AMEND_NOTES = 'mutation ($input: AmendInteractionNotesInput!) { amendInteractionNotes(input: $input) { interaction { id } } }'

describe.each(testDatabaseKinds())('control characters are bad input on %s', (kind) => {
  let t: TestApp
  let n: Network
  let personId: string
  let referralId: string
  let interactionId: string

  const rows = async () => ({
    people: await t.db.prisma.person.count(),
    whanau: await t.db.prisma.whanauMember.count(),
    consents: await t.db.prisma.consent.count(),
    events: await t.db.prisma.referralEvent.count(),
    interactions: await t.db.prisma.interaction.count(),
    audit: await t.db.prisma.auditRecord.count(),
  })

  const consentBody = (purpose: string) => ({
    personId,
    purpose,
    informationKinds: ['CONTACT_DETAILS'],
    recipientOrganisationIds: [n.target.organisation.id],
    method: 'VERBAL',
    givenAt: new Date(t.deps.clock().getTime() - 60_000).toISOString(),
  })
  const interaction = (notes: string) => ({ personId, occurredAt: new Date(t.deps.clock().getTime() - 60_000).toISOString(), method: 'VISIT', needCategories: ['community-connection'], notes })

  beforeAll(async () => {
    t = await createTestApp(kind)
    n = await referralNetwork(t)
    const sent = await sendOne(t, n)
    expect(sent.res.status).toBe(201)
    personId = sent.personId
    referralId = sent.body.id as string
    const r = await gql<{ recordInteraction: { interaction: { id: string } } }>(t, RECORD_INTERACTION, { input: interaction('First visit') }, n.cookies.connector)
    expect(r.errors).toBeUndefined()
    interactionId = r.data!.recordInteraction.interaction.id
  }, 120_000)
  afterAll(() => t?.close())

  async function expectRest(res: Response, field: string, character: string) {
    const body = (await res.json()) as { code: string; field: string; message: string }
    expect({ status: res.status, code: body.code, field: body.field }).toEqual({ status: 400, code: 'VALIDATION_FAILED', field })
    expect(body.message).toContain(character)
  }

  async function expectGraphQL(r: Awaited<ReturnType<typeof gql>>, field: string, character: string) {
    expect(r.status).toBe(400)
    expect(r.data).toBeUndefined()
    expect(r.errors).toHaveLength(1)
    expect(r.errors![0]!.extensions).toEqual({ code: 'VALIDATION_FAILED', field })
    expect(r.errors![0]!.message).toContain(character)
  }

  it.each(BAD)('REST: %s in a person, a whānau member, a consent purpose or a decline reason is a 400 naming the field', async (_name, c, character) => {
    const before = await rows()
    const person = { givenName: 'Hemi', familyName: 'Walker', regionCode: '09', whanau: [{ name: 'Mere Walker', relationship: 'sister' }] }
    const cookie = { cookie: n.cookies.connector! }
    await expectRest(await postJson(t, '/api/v1/people', { ...person, givenName: `He${c}mi` }, cookie), 'givenName', character)
    await expectRest(await postJson(t, '/api/v1/people', { ...person, whanau: [person.whanau[0], { name: `Tama${c}`, relationship: 'son' }] }, cookie), 'whanau.1.name', character)
    await expectRest(await postJson(t, '/api/v1/consents', consentBody(`Referral${c} to a provider`), cookie), 'purpose', character)
    await expectRest(await postJson(t, `/api/v1/referrals/${referralId}/decline`, { reason: `No capacity${c}` }, { cookie: n.cookies.intake! }), 'reason', character)
    // The query string by parameter, the path by its route parameter. A lone surrogate has no
    // UTF-8 form: what a client sends for one (its WTF-8 bytes) decodes to U+FFFD or not at all.
    if (!/[\uD800-\uDFFF]/.test(c)) {
      const q = encodeURIComponent(c)
      await expectRest(await t.app.request(`/api/v1/referrals?box=INBOX&status=SENT${q}`, { headers: cookie }), 'status', character)
      await expectRest(await t.app.request(`/api/v1/referrals/${referralId}${q}`, { headers: cookie }), 'id', character)
    } else {
      for (const url of [`/api/v1/referrals?box=INBOX&status=SENT%ED%A0%BD`, `/api/v1/referrals/${referralId}%ED%B8%80`]) {
        const res = await t.app.request(url, { headers: cookie })
        expect(res.status, url).toBeGreaterThanOrEqual(400)
        expect(res.status, url).toBeLessThan(500)
      }
    }
    expect(await rows()).toEqual(before)
  })

  it.each(BAD)('GraphQL: %s in recordPerson, grantConsent, declineReferral or interaction notes is a 400 naming the field by argument path', async (_name, c, character) => {
    const before = await rows()
    const input = { givenName: 'Hemi', regionCode: '09', whanau: [{ name: 'Mere Walker', relationship: 'sister' }] }
    await expectGraphQL(await gql(t, RECORD_PERSON, { input: { ...input, givenName: `He${c}mi` } }, n.cookies.connector), 'givenName', character)
    await expectGraphQL(await gql(t, RECORD_PERSON, { input: { ...input, whanau: [{ name: `Mere${c}`, relationship: 'sister' }] } }, n.cookies.connector), 'whanau.0.name', character)
    await expectGraphQL(await gql(t, GRANT_CONSENT, { input: consentBody(`Referral${c}`) }, n.cookies.connector), 'purpose', character)
    await expectGraphQL(await gql(t, DECLINE, { input: { referralId, reason: `Full${c}` } }, n.cookies.intake), 'reason', character)
    await expectGraphQL(await gql(t, RECORD_INTERACTION, { input: interaction(`Visited${c}`) }, n.cookies.connector), 'notes', character)
    await expectGraphQL(await gql(t, AMEND_NOTES, { input: { interactionId, notes: `Reworded${c}` } }, n.cookies.connector), 'notes', character)
    expect(await rows()).toEqual(before)
  })

  it('GraphQL: an escaped control character in a literal is named by argument path; raw ones the lexer refuses are 400 naming the query', async () => {
    const literal = await gql(t, `mutation { recordPerson(input: { givenName: "Hemi", regionCode: "09", whanau: [{ name: "Mere\\u0000", relationship: "sister" }] }) { id } }`, {}, n.cookies.connector)
    await expectGraphQL(literal, 'whanau.0.name', 'U+0000')
    // A variable is named by the argument it fills, whatever the client called it.
    const renamed = await gql(t, 'mutation ($p: RecordPersonInput!) { recordPerson(input: $p) { id } }', { p: { givenName: 'Hemi', regionCode: '09', whanau: [{ name: '\u0007', relationship: 'son' }] } }, n.cookies.connector)
    await expectGraphQL(renamed, 'whanau.0.name', 'U+0007')
    const ids = await gql(t, 'mutation ($x: [ID!]) { markNotificationsRead(ids: $x) }', { x: ['00000000-0000-4000-8000-000000000000', 'a\u0000'] }, n.cookies.connector)
    await expectGraphQL(ids, 'ids.1', 'U+0000')
    const raw = await gql(t, '{ services(categoryCode: "food\u0085") { totalCount } }')
    await expectGraphQL(raw, 'categoryCode', 'U+0085')
    // The lexer's own refusals: a NUL outside a string, a lone surrogate in one, an escaped one.
    for (const [query, character] of [
      ['{ me \u0000 { id } }', 'U+0000'],
      ['{ services(categoryCode: "a\uD800") { totalCount } }', 'U+D800'],
      ['{ services(categoryCode: "a\\uD800") { totalCount } }', 'U+D800'],
    ] as const) {
      await expectGraphQL(await gql(t, query), 'query', character)
    }
    // Over GET as well.
    const get = await t.app.request('/graphql?query=' + encodeURIComponent('{ services(categoryCode: "\\u001b") { totalCount } }'))
    expect(get.status).toBe(400)
    expect(await get.json()).toMatchObject({ errors: [{ extensions: { code: 'VALIDATION_FAILED', field: 'categoryCode' } }] })
  })

  it('tab, LF and CR are allowed, and the same inputs without the control character are accepted', async () => {
    const person = await postJson(t, '/api/v1/people', { givenName: 'Hemi', regionCode: '09', whanau: [{ name: 'Mere Walker', relationship: 'sister' }] }, { cookie: n.cookies.connector! })
    expect(person.status).toBe(201)
    const consent = await postJson(t, '/api/v1/consents', consentBody('Referral to a provider,\tas discussed'), { cookie: n.cookies.connector! })
    expect(consent.status).toBe(201)
    const notes = await gql(t, AMEND_NOTES, { input: { interactionId, notes: 'Line one\r\nLine two\tend' } }, n.cookies.connector)
    expect(notes.errors).toBeUndefined()
    const gPerson = await gql(t, RECORD_PERSON, { input: { givenName: 'Aroha', regionCode: '09' } }, n.cookies.connector)
    expect(gPerson.errors).toBeUndefined()
    const decline = await postJson(t, `/api/v1/referrals/${referralId}/decline`, { reason: 'No capacity this month.\nTry again in March.' }, { cookie: n.cookies.intake! })
    expect(decline.status).toBe(200)
  })
})
