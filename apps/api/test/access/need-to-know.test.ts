// The need-to-know matrix (issue 12, item 4): every role of roles.ts (each as a user INSIDE an
// organisation of the world: MSD, Oranga Tamariki, the receiving provider, a connector provider)
// and anonymous x every operation that can carry a person's details (REST and GraphQL) x every
// referral, person and case of the world: the sender's, the receiver's, neither's, another
// Wellington organisation's, Auckland's, one whose consent was withdrawn, one escalated to the
// Wellington Regional Lead. Expectations are need-to-know.ts's hand-written table of relationships
// (from the rule, never from the code's answers):
// - NONE: the record is not found, answered exactly as for an id that does not exist (no existence
//   leak), and nothing of the person appears;
// - any other relationship: the record opens (its step may still be refused: 403, 409, 422), and no
//   response shows a field the role is not entitled to (world.ts entitledFields); a referral read
//   shows exactly the relationship's fields, none missing, none more;
// - lists (inbox, outbox, people, cases) belong to the duty that works them and carry no one else;
// - the notifications and emails the run sets off show each recipient only what its role may see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decidePersonAccess, ROLE_CAPABILITIES, userActor, type Actor, type ConsentView, type InformationKind } from '@fsn/domain'
import { testDatabaseKinds } from '@fsn/db/testing'
import { coordinationHandlers, drainOutbox, memoryEmailSender, referralHandlers, searchIndexHandlers } from '@fsn/services'
import { createTestApp, gql, type TestApp } from '../harness'
import type { Call } from './operations'
import {
  ALL_ROLE_KEYS,
  buildWorld,
  leaksIn,
  MEMBERSHIP,
  PERSON_KEYS,
  PII_FIELDS,
  type AnyRoleKey,
  type PersonKey,
  type PiiField,
  type World,
} from './world'
import {
  CASE_KEYS,
  CASE_MEMBERS,
  caseRelationship,
  NTK_OPERATIONS,
  PEOPLE_LIST,
  personRelationship,
  positionOf,
  REFERRAL_FACTS,
  REFERRAL_KEYS,
  REFERRAL_RELATIONSHIP,
  referralFields,
  UNKNOWN,
  type CaseKey,
  type NtkOperation,
  type TargetIds,
} from './need-to-know'

type Expect = 'open' | 'hidden' | 'unauth' | 'either'
interface Answer {
  /** open | hidden (404 / NOT_FOUND) | unauth (401 / UNAUTHENTICATED) | refused (400, 403, 409, 422: not done) | other */
  kind: 'open' | 'hidden' | 'unauth' | 'refused' | 'other'
  /** What an outsider can compare: status, code, field, message, any data. */
  signature: string
  text: string
  body: unknown
}

const PERSON_FIELD_OF: Partial<Record<PiiField, string>> = { referralNeeds: 'the referral’s needs' }

async function send(t: TestApp, w: World, role: AnyRoleKey, call: Call, hideIds: string[]): Promise<Answer> {
  const cookie = role === 'anonymous' ? undefined : w.cookies[role]
  const res =
    call.kind === 'rest'
      ? await t.app.request(call.path, {
          method: call.method,
          headers: { ...(cookie ? { cookie } : {}), ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}) },
          body: call.body !== undefined ? JSON.stringify(call.body) : undefined,
        })
      : await t.app.request('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
          body: JSON.stringify({ query: call.query, variables: call.variables ?? {} }),
        })
  const text = await res.text()
  let body: unknown = null
  try {
    body = JSON.parse(text)
  } catch {
    body = text
  }
  // The id asked about is masked, so an unknown id and a known one compare alike.
  const mask = (s: string) => hideIds.reduce((acc, id) => acc.split(id).join('<id>'), s)
  if (call.kind === 'rest') {
    const err = (res.status >= 400 ? body : null) as { code?: string; field?: string; message?: string } | null
    const signature = mask(`${res.status} ${err?.code ?? ''} ${err?.field ?? ''} ${err?.message ?? ''}`)
    const kind =
      res.status < 300 ? 'open' : res.status === 404 ? 'hidden' : res.status === 401 ? 'unauth' : [400, 403, 409, 422].includes(res.status) ? 'refused' : 'other'
    return { kind, signature: res.status < 300 ? `${res.status}` : signature, text, body }
  }
  const g = body as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string; field?: string } }[] }
  const first = g.errors?.[0]
  const code = first?.extensions?.code
  const anyData = Object.values(g.data ?? {}).some((v) => v !== null)
  const signature = mask(`${res.status} ${code ?? ''} ${first?.extensions?.field ?? ''} ${first?.message ?? ''} data:${anyData}`)
  const kind = !code
    ? res.status === 200
      ? 'open'
      : 'other'
    : code === 'NOT_FOUND'
      ? 'hidden'
      : code === 'UNAUTHENTICATED'
        ? 'unauth'
        : ['FORBIDDEN', 'CONFLICT', 'CONSENT_REQUIRED', 'ROUTING_REFUSED', 'VALIDATION_FAILED'].includes(code)
          ? 'refused'
          : 'other'
  return { kind, signature: kind === 'open' ? '200' : signature, text, body: g }
}

/** The targets of an operation: every referral, person or case of the world. */
function targetsOf(w: World, o: NtkOperation): { key: string; ids: TargetIds }[] {
  switch (o.target) {
    case 'referral':
      return REFERRAL_KEYS.map((k) => ({ key: k, ids: { id: w.referrals[k]!, consentId: w.people[k]!.consentId } }))
    case 'person':
      return PERSON_KEYS.map((k) => ({ key: k, ids: { id: w.people[k]!.id, consentId: w.people[k]!.consentId } }))
    case 'case':
      return CASE_KEYS.map((k) => ({ key: k, ids: { id: w.cases[k], consentId: '' } }))
    case 'none':
      return [{ key: '-', ids: UNKNOWN }]
  }
}

function expectation(o: NtkOperation, role: AnyRoleKey, key: string): { expect: Expect; relationship: string } {
  if (o.target === 'none' && !o.duty) return { expect: 'either', relationship: '-' }
  if (role === 'anonymous') return { expect: 'unauth', relationship: 'NONE' }
  if (o.target === 'none') {
    const holds = ROLE_CAPABILITIES[MEMBERSHIP[role].role].includes(o.duty!)
    return { expect: holds ? 'open' : 'hidden', relationship: holds ? o.duty! : `no ${o.duty}` }
  }
  const relationship =
    o.target === 'referral'
      ? REFERRAL_RELATIONSHIP[role][key as PersonKey]
      : o.target === 'person'
        ? personRelationship(role, key as PersonKey)
        : caseRelationship(role, key as CaseKey)
  // A receiver opening a case for the person it was referred (the family's consent names it) is
  // not settled by the rule (the person is read as RECORDER or nobody): not asserted, see the report.
  if (o.id === 'mutation openCase' && relationship === 'NONE' && REFERRAL_RELATIONSHIP[role][key as PersonKey] === 'RECEIVER')
    return { expect: 'either', relationship: 'RECEIVER (of a referral)' }
  return { expect: relationship === 'NONE' ? 'hidden' : 'open', relationship }
}

/** A read of the referral's person: which of the expected fields are missing and which are extra. */
function exactFields(w: World, key: PersonKey, expected: readonly PiiField[], text: string): string[] {
  const person = w.people[key]!
  const problems: string[] = []
  for (const field of PII_FIELDS) {
    const shown = text.includes(person[field])
    const label = PERSON_FIELD_OF[field] ?? field
    if (expected.includes(field) && !shown) problems.push(`missing ${label}`)
    if (!expected.includes(field) && shown) problems.push(`shows ${label}`)
  }
  return problems
}

async function inGroups<T>(items: T[], size: number, run: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run))
}

describe.each(testDatabaseKinds())('need-to-know matrix on %s', (kind) => {
  let t: TestApp
  let w: World

  beforeAll(async () => {
    t = await createTestApp(kind)
    w = await buildWorld(t)
    // One fixed instant for the whole run: consents given a minute before the world was built are live.
    t.setNow(new Date(t.deps.clock().getTime() + 60_000))
  }, 180_000)
  afterAll(async () => t?.close())

  it('the hand-written table agrees with decidePersonAccess, cell by cell', async () => {
    const at = t.deps.clock()
    const p = t.db.prisma
    const regions = Object.fromEntries((await p.region.findMany({ select: { id: true, code: true } })).map((r) => [r.code, r.id]))
    const actorOf = (role: Exclude<AnyRoleKey, 'anonymous'>): Actor => {
      const m = MEMBERSHIP[role]
      return userActor({ id: w.userIds[role]!, email: `${role}@example.nz`, name: role }, 'session', [
        {
          organisationId: w.orgId[m.org],
          organisationName: m.org,
          organisationKind: m.org === 'msd' || m.org === 'ot' ? 'AGENCY' : 'PROVIDER',
          role: m.role,
          regionId: m.region ? regions[m.region]! : null,
        },
      ])
    }
    const consentOf = async (consentId: string): Promise<ConsentView> => {
      const c = await p.consent.findUniqueOrThrow({ where: { id: consentId }, include: { recipients: true } })
      return {
        id: c.id,
        personId: c.personId,
        informationKinds: c.informationKinds as InformationKind[],
        recipientOrganisationIds: c.recipients.map((r) => r.organisationId),
        givenAt: c.givenAt,
        expiresAt: c.expiresAt,
        withdrawnAt: c.withdrawnAt,
      }
    }
    const fieldsOf = (d: ReturnType<typeof decidePersonAccess>) =>
      PII_FIELDS.filter((f) => (f === 'referralNeeds' ? d.visibleKinds.includes('NEEDS_SUMMARY') : d.fieldsShown.includes(f as never)))
    const differences: string[] = []
    for (const role of ALL_ROLE_KEYS) {
      if (role === 'anonymous') continue
      const actor = actorOf(role)
      for (const key of REFERRAL_KEYS) {
        const f = REFERRAL_FACTS[key]
        const d = decidePersonAccess(
          actor,
          {
            kind: 'REFERRAL',
            fromOrganisationId: w.orgId[f.from],
            toOrganisationId: w.orgId[f.to],
            sharedInformationKinds: ['CONTACT_DETAILS'],
            personRegionId: regions[f.region]!,
            escalated: f.escalated === true,
            consent: await consentOf(w.people[key]!.consentId),
          },
          at,
        )
        const rel = REFERRAL_RELATIONSHIP[role][key]
        const want = referralFields(rel, key)
        if (d.relationship !== rel || d.mayOpen !== (rel !== 'NONE') || fieldsOf(d).join() !== want.join())
          differences.push(`referral ${key} as ${role}: table ${rel} [${want.join(' ')}], rule ${d.relationship} mayOpen ${d.mayOpen} [${fieldsOf(d).join(' ')}]`)
      }
      for (const key of PERSON_KEYS) {
        const person = await p.person.findUniqueOrThrow({ where: { id: w.people[key]!.id }, select: { recordedByOrganisationId: true } })
        const d = decidePersonAccess(actor, { kind: 'PERSON', recordedByOrganisationId: person.recordedByOrganisationId }, at)
        if (d.relationship !== personRelationship(role, key))
          differences.push(`person ${key} as ${role}: table ${personRelationship(role, key)}, rule ${d.relationship}`)
      }
      for (const key of CASE_KEYS) {
        const c = await p.sharedCase.findUniqueOrThrow({ where: { id: w.cases[key] }, include: { members: true } })
        const d = decidePersonAccess(
          actor,
          {
            kind: 'CASE',
            leadOrganisationId: c.leadOrganisationId,
            memberOrganisationIds: c.members.map((m) => m.organisationId),
            personId: c.personId,
            consents: [await consentOf(w.people[key]!.consentId)],
          },
          at,
        )
        const kinds = CASE_MEMBERS[key][role] ?? []
        if (d.relationship !== caseRelationship(role, key) || d.visibleKinds.join() !== kinds.join())
          differences.push(`case ${key} as ${role}: table ${caseRelationship(role, key)} [${kinds.join(' ')}], rule ${d.relationship} [${d.visibleKinds.join(' ')}]`)
      }
    }
    expect(differences).toEqual([])
  })

  it('every role x person-carrying operation x record: not found without a duty, exactly the entitled fields with one', async () => {
    const failures: string[] = []
    const counts = { cells: 0, open: 0, hidden: 0, unauth: 0, either: 0 }
    /** The answer to the same call with ids that do not exist, per operation and role. */
    const unknownAnswers = new Map<string, Promise<Answer>>()
    const unknownAnswer = (o: NtkOperation, role: AnyRoleKey) => {
      const k = `${o.id}|${role}`
      if (!unknownAnswers.has(k)) unknownAnswers.set(k, send(t, w, role, o.call(w, UNKNOWN, role), [UNKNOWN.id, UNKNOWN.consentId]))
      return unknownAnswers.get(k)!
    }

    const cell = async (o: NtkOperation, role: AnyRoleKey, key: string, ids: TargetIds) => {
      const { expect: want, relationship } = expectation(o, role, key)
      const who = role === 'anonymous' ? 'anonymous' : `${role} (${MEMBERSHIP[role].role} in ${MEMBERSHIP[role].org})`
      const what = o.target === 'none' ? (o.duty ? `, ${relationship}` : '') : ` on ${o.target} ${key}${o.target === 'referral' ? ` [${positionOf(role, key as PersonKey)}]` : ''}, ${relationship}`
      const where = `${o.id} as ${who}${what}`
      const answer = await send(t, w, role, o.call(w, ids, role), [ids.id, ids.consentId].filter(Boolean))
      counts.cells += 1
      counts[want] += 1
      if (answer.kind === 'other') failures.push(`${where}: unexpected answer ${answer.signature} ${answer.text.slice(0, 160)}`)
      else if (want === 'unauth' && answer.kind !== 'unauth') failures.push(`${where}: expected 401, got ${answer.signature}`)
      else if (want === 'open' && (answer.kind === 'hidden' || answer.kind === 'unauth' || (!o.writes && answer.kind !== 'open')))
        failures.push(`${where}: expected to open, got ${answer.signature}`)
      else if (want === 'hidden') {
        const unknown = await unknownAnswer(o, role)
        if (answer.kind === 'open')
          failures.push(`${where}: expected ${o.target === 'none' ? 'a refusal' : 'not found'}, got ${answer.signature} ${answer.text.slice(0, 160)}`)
        else if (answer.signature !== unknown.signature)
          failures.push(`${where}: existence leak: answered ${answer.signature} where an unknown id gets ${unknown.signature}`)
      }
      // Nothing of anyone the role is not entitled to, whatever the answer.
      const leaked = o.noPerson ? leaksIn(w, 'anonymous', answer.text) : leaksIn(w, role, answer.text)
      if (leaked.length) failures.push(`${where}: leaked ${leaked.join(', ')}`)
      // A referral read shows exactly the relationship's fields.
      if (o.exact && want === 'open' && answer.kind === 'open') {
        const problems = exactFields(w, key as PersonKey, referralFields(relationship as never, key as PersonKey), answer.text)
        if (problems.length) failures.push(`${where}: ${problems.join(', ')}`)
      }
      // Lists whose members the rule fixes.
      if (o.id === 'query people' && answer.kind === 'open') {
        const ids = ((answer.body as { data: { people: { id: string }[] } }).data.people ?? []).map((x) => x.id).sort()
        const wantIds = (PEOPLE_LIST[role] ?? []).map((k) => w.people[k]!.id).sort()
        if (ids.join() !== wantIds.join()) failures.push(`${where}: people lists ${ids.length}, expected ${wantIds.length} (${(PEOPLE_LIST[role] ?? []).join(' ')})`)
      }
      if (o.id === 'query myCases' && answer.kind === 'open') {
        const got = (answer.body as { data: { myCases: { id: string; visibleKinds: string[] }[] } }).data.myCases
        const wantCases = CASE_KEYS.filter((k) => CASE_MEMBERS[k][role])
        const gotIds = got.map((c) => c.id).sort()
        if (gotIds.join() !== wantCases.map((k) => w.cases[k]).sort().join()) failures.push(`${where}: myCases lists ${gotIds.length}, expected ${wantCases.join(' ') || 'none'}`)
      }
      if (o.id === 'query sharedCase' && answer.kind === 'open') {
        const kinds = (answer.body as { data: { sharedCase: { visibleKinds: string[] } } }).data.sharedCase.visibleKinds
        const wantKinds = CASE_MEMBERS[key as CaseKey][role] ?? []
        if ([...kinds].sort().join() !== [...wantKinds].sort().join()) failures.push(`${where}: visibleKinds ${kinds.join(' ')}, expected ${wantKinds.join(' ')}`)
      }
    }

    // Anonymous is turned away before any record is looked up: one target per operation for it.
    const cellsOf = (ops: NtkOperation[]) =>
      ops.flatMap((o) =>
        ALL_ROLE_KEYS.flatMap((role) => targetsOf(w, o).slice(0, role === 'anonymous' ? 1 : undefined).map(({ key, ids }) => ({ o, role, key, ids }))),
      )
    // Reads first, each seeing the world as built; then the writes (a step moves the referral on:
    // every later answer is still opened or not found, whatever the state); the withdrawals last,
    // since a withdrawn consent changes what the receiver is entitled to. In small concurrent groups
    // of one operation at a time: the order of the operations holds, and the run stays short.
    await inGroups(cellsOf(NTK_OPERATIONS.filter((o) => !o.writes)), 6, (c) => cell(c.o, c.role, c.key, c.ids))
    for (const o of NTK_OPERATIONS.filter((x) => x.writes && !x.last)) await inGroups(cellsOf([o]), 6, (c) => cell(c.o, c.role, c.key, c.ids))
    for (const o of NTK_OPERATIONS.filter((x) => x.last)) await inGroups(cellsOf([o]), 6, (c) => cell(c.o, c.role, c.key, c.ids))

    console.info(
      `[need-to-know matrix] ${NTK_OPERATIONS.length} operations x ${ALL_ROLE_KEYS.length} roles: ${counts.cells} cells (${counts.open} open, ${counts.hidden} not found, ${counts.unauth} anonymous, ${counts.either} checked for leaks only), ${failures.length} failing`,
    )
    if (process.env.NEED_TO_KNOW_OUT) (await import('node:fs')).writeFileSync(`${process.env.NEED_TO_KNOW_OUT}.${kind}`, failures.join('\n'))
    expect(failures).toEqual([])
    expect(counts.hidden).toBeGreaterThan(1000)
  }, 600_000)

  // Runs after the matrix: its sends, steps, redirects and escalations have set off notifications.
  it('the notifications and emails all that set off show each recipient only what its role is entitled to', async () => {
    const email = memoryEmailSender()
    const handlers = { ...referralHandlers({ email }), ...searchIndexHandlers(), ...coordinationHandlers({ email }) }
    for (let round = 0; round < 100; round++) {
      const drained = await drainOutbox({ deps: t.deps, handlers, limit: 200 })
      if (drained.processed + drained.failed === 0) break
    }
    const roles = ALL_ROLE_KEYS.filter((r): r is Exclude<AnyRoleKey, 'anonymous'> => r !== 'anonymous')
    const users = await t.db.prisma.user.findMany({ where: { id: { in: roles.map((r) => w.userIds[r]!) } }, select: { id: true, email: true } })
    const roleOf = new Map(users.map((u) => [u.email, roles.find((r) => w.userIds[r] === u.id)!]))
    const failures: string[] = []
    let checked = 0
    for (const m of email.sent) {
      const role = roleOf.get(m.to)
      if (!role) continue
      checked += 1
      const leaked = leaksIn(w, role, `${m.subject}\n${m.text}`)
      if (leaked.length) failures.push(`email "${m.subject}" to ${role}: leaked ${leaked.join(', ')}`)
    }
    for (const role of roles) {
      const res = await gql<{ notifications: { items: { title: string; body: string }[] } }>(
        t,
        '{ notifications(first: 100) { items { kind title body referralId } } }',
        {},
        w.cookies[role],
      )
      checked += res.data?.notifications.items.length ?? 0
      const leaked = leaksIn(w, role, JSON.stringify(res))
      if (leaked.length) failures.push(`notifications of ${role}: leaked ${leaked.join(', ')}`)
    }
    expect(failures).toEqual([])
    // Something was looked at: the matrix's steps tell the sender and the receiver.
    expect(checked).toBeGreaterThan(0)
  }, 180_000)
})
