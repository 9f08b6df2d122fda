// Issue 12 (items 1-3, 11) through the use cases on a real database (PGlite, and Postgres with
// TEST_DATABASE_URL): shared cases, people and consents follow the need-to-know rule (the role's
// duty, not the organisation), every read of personal details writes an access record, and the
// recording organisation's consent recorders can list them (Privacy Act 2020, IPP 6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionPolicy } from '@fsn/auth'
import { seedAgency, seedProvider, seedReferenceData, seedUser, type Database } from '@fsn/db'
import { openTestDatabase, testDatabaseKinds } from '@fsn/db/testing'
import { isAppError, userActor, type Actor, type ActorMembership, type Role } from '@fsn/domain'
import { createEmbeddedSearchIndex } from '@fsn/search'
import type { ServiceDeps } from '../src/context'
import {
  actOnCase,
  findMyCases,
  findPeople,
  getCaseMembers,
  getMyFund,
  getSharedCase,
  grantConsent,
  listAccessRecords,
  openCase,
  recordPerson,
  withdrawConsent,
} from '../src/index'

async function failure(p: Promise<unknown>) {
  try {
    await p
  } catch (e) {
    if (isAppError(e)) return { code: e.code, field: e.field, message: e.message }
    throw e
  }
  throw new Error('expected the call to fail')
}

describe.each(testDatabaseKinds())('cases, people and access records under need to know on %s', (kind) => {
  let db: Database
  let now = new Date('2026-11-22T20:00:00.000Z')
  let deps: ServiceDeps
  const tick = () => (now = new Date(now.getTime() + 60_000))

  /** A user with one or more memberships (role at organisation). */
  async function actor(name: string, ...seats: [Role, string][]): Promise<Actor> {
    const { user } = await seedUser(db.prisma, { role: seats[0]![0], organisationId: seats[0]![1], name })
    for (const [role, organisationId] of seats.slice(1)) {
      await db.prisma.membership.create({ data: { userId: user.id, organisationId, role } })
    }
    const memberships: ActorMembership[] = []
    for (const [role, organisationId] of seats) {
      const org = await db.prisma.organisation.findUniqueOrThrow({ where: { id: organisationId } })
      memberships.push({ organisationId, organisationName: org.name, organisationKind: org.kind, role, regionId: null })
    }
    return userActor({ id: user.id, email: user.email, name: user.name }, 'session', memberships)
  }
  const idOf = (a: Actor) => (a.kind === 'user' ? a.user.id : '')

  let msd: string, school: string, other: string
  let lead: Actor, intake: Actor, schoolAdmin: Actor, msdCommissioner: Actor, otherConnector: Actor

  beforeAll(async () => {
    db = await openTestDatabase(kind)
    deps = { prisma: db.prisma, clock: () => now, sessionPolicy: sessionPolicy(), search: createEmbeddedSearchIndex() }
    await seedReferenceData(db.prisma)
    msd = (await seedAgency(db.prisma, { name: 'Ministry of Social Development' })).id
    school = (await seedProvider(db.prisma, { name: 'Porirua College', now })).organisation.id
    other = (await seedProvider(db.prisma, { name: 'Other Trust', now })).organisation.id
    lead = await actor('Mere Lead', ['TRIAGE_OFFICER', msd])
    intake = await actor('Hemi Intake', ['PROVIDER_INTAKE', school])
    schoolAdmin = await actor('Rawiri Admin', ['PROVIDER_ADMIN', school])
    msdCommissioner = await actor('Tui Commissioner', ['REGIONAL_COMMISSIONER', msd])
    otherConnector = await actor('Aroha Other', ['COMMUNITY_CONNECTOR', other])
  })
  afterAll(async () => db?.close())

  async function personWithConsent(by: Actor, recordingOrg: string, recipients: string[]) {
    const person = await recordPerson({
      deps,
      actor: by,
      input: { givenName: 'Ana', familyName: 'Ngata', phone: '021 555 0123', regionCode: '09' },
    })
    const consent = await grantConsent({
      deps,
      actor: by,
      input: {
        personId: person.id,
        purpose: 'Coordinated support',
        informationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY', 'CHILDREN_AND_CARE'],
        recipientOrganisationIds: recipients,
        method: 'WRITTEN',
        givenAt: new Date(now.getTime() - 3_600_000).toISOString(),
      },
    })
    expect(consent.recordedByOrganisationId).toBe(recordingOrg)
    return { person, consent }
  }

  async function caseWithSchool() {
    const { person } = await personWithConsent(lead, msd, [msd, school])
    tick()
    const c = await openCase({ deps, actor: lead, input: { personId: person.id, leadOrganisationId: msd } })
    tick()
    await actOnCase({ deps, actor: lead, input: { caseId: c.id, command: { type: 'addMember', organisationId: school } } })
    return { c, person }
  }

  it('recordPerson answers the names through the rule; findPeople lists own people and records each read', async () => {
    const { person } = await personWithConsent(lead, msd, [school])
    expect(person).toEqual({
      id: person.id,
      givenName: 'Ana',
      familyName: 'Ngata',
      preferredName: null,
      fieldsShown: ['givenName', 'familyName', 'preferredName'],
    })
    tick()
    const before = await db.prisma.accessRecord.count({ where: { userId: idOf(lead) } })
    const people = await findPeople({ deps, actor: lead, input: { first: 200 } })
    expect(people.map((p) => p.id)).toContain(person.id)
    expect(JSON.stringify(people)).not.toContain('021 555 0123') // a list carries names only
    const records = await db.prisma.accessRecord.findMany({ where: { userId: idOf(lead), accessedAt: now } })
    expect(records).toHaveLength(people.length)
    expect(await db.prisma.accessRecord.count({ where: { userId: idOf(lead) } })).toBe(before + people.length)
    expect(records.find((r) => r.personId === person.id)).toMatchObject({
      organisationId: msd,
      purpose: 'people.list:recorder',
      fields: ['givenName', 'familyName', 'preferredName'],
    })
    // Another organisation's connector never lists them.
    const theirs = await findPeople({ deps, actor: otherConnector, input: {} })
    expect(theirs.map((p) => p.id)).not.toContain(person.id)
    // A role without person:record lists nobody.
    expect((await failure(findPeople({ deps, actor: schoolAdmin, input: {} }))).code).toBe('FORBIDDEN')
  })

  it('a member agency’s staff without case:participate read no case: NOT_FOUND as for an unknown id', async () => {
    const { c } = await caseWithSchool()
    const unknown = await failure(getSharedCase({ deps, actor: intake, input: { id: '0190a0a0-0000-7000-8000-000000000000' } }))
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', field: 'id' })
    // The provider administrator of a member agency: same answer as an unknown case.
    expect(await failure(getSharedCase({ deps, actor: schoolAdmin, input: { id: c.id } }))).toEqual(unknown)
    expect(await failure(getCaseMembers({ deps, actor: schoolAdmin, input: { id: c.id } }))).toEqual(unknown)
    expect(await failure(getSharedCase({ deps, actor: msdCommissioner, input: { id: c.id } }))).toEqual(unknown)
    expect((await findMyCases({ deps, actor: schoolAdmin })).map((x) => x.id)).not.toContain(c.id)
    expect(await findMyCases({ deps, actor: msdCommissioner })).toEqual([])
    // Asking to read as an agency where the role has no case duty: not found either.
    const dual = await actor('Nikau Dual', ['PROVIDER_ADMIN', school], ['COMMUNITY_CONNECTOR', other])
    expect(await failure(getSharedCase({ deps, actor: dual, input: { id: c.id, organisationId: school } }))).toEqual(unknown)
    // Intake staff of the same member agency take part.
    const view = await getSharedCase({ deps, actor: intake, input: { id: c.id } })
    expect(view.viewerOrganisationId).toBe(school)
    expect((await findMyCases({ deps, actor: intake })).map((x) => x.id)).toContain(c.id)
  })

  it('a provider administrator named as an officer still cannot act on the case', async () => {
    const { c } = await caseWithSchool()
    tick()
    await actOnCase({
      deps,
      actor: lead,
      input: { caseId: c.id, command: { type: 'addOfficer', userId: idOf(schoolAdmin), name: 'Rawiri Admin', organisationId: school } },
    })
    tick()
    const refused = await failure(
      actOnCase({ deps, actor: schoolAdmin, input: { caseId: c.id, command: { type: 'answerSection', section: 'HOUSING', answer: 'Overcrowded' } } }),
    )
    expect(refused).toMatchObject({ code: 'NOT_FOUND', field: 'caseId' })
    expect(await db.prisma.caseAssessmentAnswer.count({ where: { caseId: c.id } })).toBe(0)
  })

  it('openCase needs case:participate, and another organisation’s person is as unknown as a missing one', async () => {
    const { person } = await personWithConsent(lead, msd, [msd, school])
    const before = await db.prisma.sharedCase.count()
    const admin = await failure(openCase({ deps, actor: schoolAdmin, input: { personId: person.id, leadOrganisationId: school } }))
    expect(admin.code).toBe('FORBIDDEN')
    const unknown = await failure(
      openCase({ deps, actor: otherConnector, input: { personId: '0190a0a0-0000-7000-8000-000000000001', leadOrganisationId: other } }),
    )
    expect(unknown).toEqual({ code: 'NOT_FOUND', field: 'personId', message: 'personId: no such person' })
    const theirs = await failure(openCase({ deps, actor: otherConnector, input: { personId: person.id, leadOrganisationId: other } }))
    expect(theirs).toEqual(unknown)
    expect(await db.prisma.sharedCase.count()).toBe(before)
  })

  it('case reads write access records naming the kinds shown and the rule; findMyCases one per case', async () => {
    const { c, person } = await caseWithSchool()
    tick()
    await getSharedCase({ deps, actor: intake, input: { id: c.id } })
    const read = await db.prisma.accessRecord.findMany({ where: { personId: person.id, userId: idOf(intake) } })
    expect(read).toHaveLength(1)
    expect(read[0]).toMatchObject({
      organisationId: school,
      purpose: 'case.view:case-member',
      fields: ['CONTACT_DETAILS', 'NEEDS_SUMMARY', 'CHILDREN_AND_CARE'],
      accessedAt: now,
    })
    tick()
    const mine = await findMyCases({ deps, actor: lead })
    const listed = await db.prisma.accessRecord.findMany({ where: { userId: idOf(lead), accessedAt: now } })
    expect(listed).toHaveLength(mine.length)
    expect(listed.map((r) => r.personId)).toContain(person.id)
  })

  it('IPP 6: consent recorders at the recording organisation list every read; anyone else gets NOT_FOUND', async () => {
    const { c, person, } = await caseWithSchool()
    tick()
    await getSharedCase({ deps, actor: intake, input: { id: c.id } })
    tick()
    await findPeople({ deps, actor: lead, input: { first: 200 } })
    const answer = await listAccessRecords({ deps, actor: lead, personId: person.id })
    expect(answer.records.map((r) => [r.user.name, r.organisation.id, r.action, r.rule])).toEqual([
      ['Hemi Intake', school, 'case.view', 'case-member'],
      ['Mere Lead', msd, 'people.list', 'recorder'],
    ])
    expect(answer.records[0]!.fields).toEqual(['CONTACT_DETAILS', 'NEEDS_SUMMARY', 'CHILDREN_AND_CARE'])
    const unknown = await failure(listAccessRecords({ deps, actor: lead, personId: '0190a0a0-0000-7000-8000-000000000002' }))
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', field: 'personId' })
    // A role without consent:record inside the recording organisation, and other organisations.
    expect(await failure(listAccessRecords({ deps, actor: msdCommissioner, personId: person.id }))).toEqual(unknown)
    expect(await failure(listAccessRecords({ deps, actor: intake, personId: person.id }))).toEqual(unknown)
    expect(await failure(listAccessRecords({ deps, actor: otherConnector, personId: person.id }))).toEqual(unknown)
  })

  it('a consent is withdrawn only by a consent recorder of the recording organisation', async () => {
    const { consent } = await personWithConsent(lead, msd, [school])
    // Consent recorder elsewhere, administrator in the recording organisation: not their record.
    const mixed = await actor('Kiri Mixed', ['COMMUNITY_CONNECTOR', other], ['REGIONAL_COMMISSIONER', msd])
    const refused = await failure(withdrawConsent({ deps, actor: mixed, input: { consentId: consent.id } }))
    expect(refused).toMatchObject({ code: 'NOT_FOUND', field: 'consentId' })
    expect((await db.prisma.consent.findUniqueOrThrow({ where: { id: consent.id } })).withdrawnAt).toBeNull()
    const done = await withdrawConsent({ deps, actor: lead, input: { consentId: consent.id } })
    expect(done.withdrawnAt).toEqual(now)
  })

  it('a grant request’s note about the person is shown only while the connector is still their recorder', async () => {
    const home = (await seedProvider(db.prisma, { name: 'Kāinga Trust', now })).organisation.id
    const connector = await actor('Wiremu Connector', ['COMMUNITY_CONNECTOR', home])
    const person = await recordPerson({ deps, actor: connector, input: { givenName: 'Ana', regionCode: '09' } })
    const fund = await db.prisma.connectorFund.create({
      data: { connectorId: idOf(connector), organisationId: home, allocatedCents: 10_000, balanceCents: 10_000 },
    })
    await db.prisma.grantRequest.create({
      data: {
        fundId: fund.id,
        connectorId: idOf(connector),
        organisationId: home,
        personId: person.id,
        category: 'RENT_ARREARS',
        amountCents: 5_000,
        note: 'Ana’s partner left last week',
        status: 'REFUSED',
        decidedAt: now,
        reportWeek: '2026-W48',
      },
    })
    const mine = await getMyFund({ deps, actor: connector })
    expect(mine!.grantRequests.map((g) => g.note)).toEqual(['Ana’s partner left last week'])
    // The same user, now a connector elsewhere only: the fund is still theirs, the note is not.
    const moved = userActor(connector.kind === 'user' ? connector.user : (null as never), 'session-2', [
      { organisationId: other, organisationName: 'Other Trust', organisationKind: 'PROVIDER', role: 'COMMUNITY_CONNECTOR', regionId: null },
    ])
    const after = await getMyFund({ deps, actor: moved })
    expect(after!.grantRequests.map((g) => [g.personId, g.note])).toEqual([[person.id, null]])
    expect(JSON.stringify(after)).not.toContain('partner left')
  })
})
