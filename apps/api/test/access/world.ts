// One small network for the access matrix, in two regions, built through the API as the people who
// would do it: each of the eight roles the matrix asks about in its own organisation, with people,
// consents and referrals of their own, beside organisations of the same region and of another that
// none of those roles belongs to.
import { hashPassword } from '@fsn/auth'
import { seedAgency, seedCarePartnerDemo, seedProvider, seedUser } from '@fsn/db'
import type { Role } from '@fsn/domain'
import { gql, PASSWORD, postJson, signInCookie, type TestApp } from '../harness'

export const ROLE_KEYS = ['anonymous', 'connector', 'triage', 'ot', 'intake', 'commissioner', 'admin', 'dce'] as const
export type RoleKey = (typeof ROLE_KEYS)[number]
/** Whose resource a call aims at: the caller's own organisation, another of its region, another region. */
export const SCOPES = ['own', 'otherOrg', 'otherRegion'] as const
export type Scope = (typeof SCOPES)[number]

export const ROLE_OF: Record<Exclude<RoleKey, 'anonymous'>, Role> = {
  connector: 'COMMUNITY_CONNECTOR',
  triage: 'TRIAGE_OFFICER',
  ot: 'OT_OFFICER',
  intake: 'PROVIDER_INTAKE',
  commissioner: 'REGIONAL_COMMISSIONER',
  admin: 'NATIONAL_ADMIN',
  dce: 'DCE_MPC',
}

/** Personal details that must never appear outside the organisations entitled to them. */
export interface SeededPerson {
  id: string
  consentId: string
  /** Organisation that recorded the person. */
  orgKey: OrgKey
  givenName: string
  familyName: string
  phone: string
  email: string
  dateOfBirth: string
}

export type OrgKey = 'conn' | 'intake' | 'msd' | 'ot' | 'otherA' | 'otherA2' | 'senderB' | 'targetB'

const PEOPLE: Record<'conn' | 'msd' | 'ot' | 'otherA' | 'senderB', Omit<SeededPerson, 'id' | 'consentId' | 'orgKey'>> = {
  conn: { givenName: 'Wiremu', familyName: 'Kahukura', phone: '027 301 4411', email: 'wiremu.kahukura@example.nz', dateOfBirth: '1988-03-14' },
  msd: { givenName: 'Anahera', familyName: 'Pohatu', phone: '027 302 5522', email: 'anahera.pohatu@example.nz', dateOfBirth: '1979-07-02' },
  ot: { givenName: 'Rangimarie', familyName: 'Tawhiri', phone: '027 303 6633', email: 'rangimarie.tawhiri@example.nz', dateOfBirth: '2011-11-23' },
  otherA: { givenName: 'Kahurangi', familyName: 'Ngatai', phone: '027 304 7744', email: 'kahurangi.ngatai@example.nz', dateOfBirth: '1995-05-30' },
  senderB: { givenName: 'Tamati', familyName: 'Whaanga', phone: '027 305 8855', email: 'tamati.whaanga@example.nz', dateOfBirth: '1969-01-09' },
}

export async function buildWorld(t: TestApp) {
  const p = t.db.prisma
  const accredited = { categories: ['community-connection'], accreditations: [{ scheme: 'MSD_SSAS' as const, level: 3 }] }
  const orgs = {
    conn: await seedProvider(p, { name: 'Porirua Connectors', ...accredited }),
    intake: await seedProvider(p, { name: 'Kāpiti Level Three Trust', ...accredited }),
    otherA: await seedProvider(p, { name: 'Hutt Valley Connectors', ...accredited }),
    otherA2: await seedProvider(p, { name: 'Wainuiomata Whānau Trust', ...accredited }),
    senderB: await seedProvider(p, { name: 'Manukau Connectors', regionCode: '02', ...accredited }),
    targetB: await seedProvider(p, { name: 'Ōtara Whānau Trust', regionCode: '02', ...accredited }),
  }
  const msd = await seedAgency(p, { name: 'MSD access test' })
  const ot = await seedAgency(p, { name: 'Oranga Tamariki access test' })
  const orgId: Record<OrgKey, string> = {
    conn: orgs.conn.organisation.id,
    intake: orgs.intake.organisation.id,
    otherA: orgs.otherA.organisation.id,
    otherA2: orgs.otherA2.organisation.id,
    senderB: orgs.senderB.organisation.id,
    targetB: orgs.targetB.organisation.id,
    msd: msd.id,
    ot: ot.id,
  }

  const cookies: Partial<Record<string, string>> = {}
  const userIds: Record<string, string> = {}
  const user = async (key: string, role: Role, organisationId: string, regionCode?: string) => {
    const { user } = await seedUser(p, { role, organisationId, regionCode, password: PASSWORD, hashPassword })
    cookies[key] = await signInCookie(t, user.email)
    userIds[key] = user.id
    return user
  }
  // The eight roles under test (anonymous has no cookie).
  await user('connector', 'COMMUNITY_CONNECTOR', orgId.conn)
  await user('triage', 'TRIAGE_OFFICER', orgId.msd)
  await user('ot', 'OT_OFFICER', orgId.ot)
  await user('intake', 'PROVIDER_INTAKE', orgId.intake)
  await user('commissioner', 'REGIONAL_COMMISSIONER', orgId.msd, '09')
  await user('admin', 'NATIONAL_ADMIN', orgId.msd)
  await user('dce', 'DCE_MPC', orgId.ot)
  // Helpers who build the other organisations' data; never asked about.
  await user('otherAConnector', 'COMMUNITY_CONNECTOR', orgId.otherA)
  await user('otherA2Intake', 'PROVIDER_INTAKE', orgId.otherA2)
  await user('senderBConnector', 'COMMUNITY_CONNECTOR', orgId.senderB)
  await user('targetBIntake', 'PROVIDER_INTAKE', orgId.targetB)
  await user('hub', 'QUALITY_HUB', orgId.ot)

  const asUser = (key: string) => ({ cookie: cookies[key]! })
  const must = async (res: Response, what: string) => {
    const body = await res.json()
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(body)}`)
    return body
  }

  /** A person recorded by `by`, with a consent naming `recipient`, referred to `service` over REST. */
  const people: Record<string, SeededPerson> = {}
  const referrals: Record<string, string> = {}
  const refer = async (key: keyof typeof PEOPLE, by: string, regionCode: string, recipient: OrgKey, serviceId: string) => {
    const details = PEOPLE[key]
    const home = key
    const person = await must(await postJson(t, '/api/v1/people', { ...details, regionCode }, asUser(by)), `person ${key}`)
    const consent = await must(
      await postJson(
        t,
        '/api/v1/consents',
        {
          personId: person.id,
          purpose: 'Warm referral to a local provider',
          informationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'],
          // The recorder too: a shared case led by the recorder needs the family's consent for it.
          recipientOrganisationIds: [orgId[recipient], orgId[home]],
          method: 'VERBAL',
          givenAt: new Date(t.deps.clock().getTime() - 60_000).toISOString(),
        },
        asUser(by),
      ),
      `consent ${key}`,
    )
    const referral = await must(
      await postJson(
        t,
        '/api/v1/referrals',
        { personId: person.id, consentId: consent.id, serviceId, sharedInformationKinds: ['CONTACT_DETAILS'] },
        asUser(by),
      ),
      `referral ${key}`,
    )
    people[key] = { ...details, id: person.id, consentId: consent.id, orgKey: home }
    referrals[key] = referral.id as string
  }
  await refer('conn', 'connector', '09', 'intake', orgs.intake.service.id)
  await refer('msd', 'triage', '09', 'intake', orgs.intake.service.id)
  await refer('ot', 'ot', '09', 'intake', orgs.intake.service.id)
  await refer('otherA', 'otherAConnector', '09', 'otherA2', orgs.otherA2.service.id)
  await refer('senderB', 'senderBConnector', '02', 'targetB', orgs.targetB.service.id)

  // Shared cases: the connector's, another Wellington provider's, an Auckland provider's.
  const openCase = async (by: string, personKey: keyof typeof PEOPLE, lead: OrgKey) => {
    const res = await gql<{ openCase: { id: string } }>(
      t,
      'mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }',
      { input: { personId: people[personKey]!.id, leadOrganisationId: orgId[lead] } },
      cookies[by],
    )
    if (!res.data?.openCase) throw new Error(`case ${personKey}: ${JSON.stringify(res.errors)}`)
    return res.data.openCase.id
  }
  const cases = {
    conn: await openCase('connector', 'conn', 'conn'),
    otherA: await openCase('otherAConnector', 'otherA', 'otherA'),
    senderB: await openCase('senderBConnector', 'senderB', 'senderB'),
  }

  // An interaction the connector recorded, for the reporting calls.
  const interaction = await gql<{ recordInteraction: { interaction: { id: string } } }>(
    t,
    'mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { interaction { id } } }',
    { i: { personId: people.conn!.id, method: 'PHONE', needCategories: ['community-support'], occurredAt: '2026-11-20T01:00:00Z' } },
    cookies.connector,
  )
  if (!interaction.data) throw new Error(`interaction: ${JSON.stringify(interaction.errors)}`)

  // Care partners: the demo's two Wellington providers; an s396 application and an escalation.
  const care = await seedCarePartnerDemo(p, t.deps.clock())
  await user('careAdmin', 'PROVIDER_ADMIN', care.ready.id)
  const app = await gql<{ startCarePartnerApplication: { id: string } }>(
    t,
    'mutation($input: StartCarePartnerApplicationInput!) { startCarePartnerApplication(input: $input) { id } }',
    { input: { organisationId: care.ready.id } },
    cookies.careAdmin,
  )
  if (!app.data) throw new Error(`application: ${JSON.stringify(app.errors)}`)
  const escalation = await gql<{ raiseCareEscalation: { id: string } }>(
    t,
    'mutation($input: RaiseCareEscalationInput!) { raiseCareEscalation(input: $input) { id } }',
    { input: { carePartnerOrganisationId: care.ready.id, concern: 'Placement support plan overdue for review' } },
    cookies.careAdmin,
  )
  if (!escalation.data) throw new Error(`escalation: ${JSON.stringify(escalation.errors)}`)

  const sal = await p.serviceAtLocation.findMany({
    where: { serviceId: { in: Object.values(orgs).map((o) => o.service.id) } },
    select: { id: true, serviceId: true },
  })
  const term = await p.taxonomyTerm.findFirstOrThrow({ where: { code: 'community-connection' }, select: { id: true, taxonomyId: true } })

  // An s396-approved partner with a care agreement (agreed by a budget manager) and an ad-hoc
  // funding request (asked by an Oranga Tamariki officer), for the funding calls.
  const approved = await seedProvider(p, {
    name: 'Whare Tiaki Care Partner',
    categories: ['shared-care'],
    accreditations: [{ scheme: 'OT_S396', level: null }],
  })
  await user('budget', 'BUDGET_MANAGER', orgId.ot)
  await user('otHelper', 'OT_OFFICER', orgId.ot)
  const agreement = await gql<{ agreeCareAgreement: { id: string } }>(
    t,
    'mutation($i: AgreeCareAgreementInput!) { agreeCareAgreement(input: $i) { id } }',
    { i: { carePartnerOrganisationId: approved.organisation.id, reference: 'CA-2026-001', model: { kind: 'FIXED', amountCents: 100000, per: 'MONTH' } } },
    cookies.budget,
  )
  if (!agreement.data) throw new Error(`care agreement: ${JSON.stringify(agreement.errors)}`)
  const careAgreementId = agreement.data.agreeCareAgreement.id
  const funding = await gql<{ requestCareFunding: { id: string } }>(
    t,
    'mutation($i: CareFundingRequestInput!) { requestCareFunding(input: $i) { id } }',
    { i: { careAgreementId, kind: 'AD_HOC', amountCents: 2500, incurredOn: '2026-11-20', reason: 'School camp fee' } },
    cookies.otHelper,
  )
  if (!funding.data) throw new Error(`funding request: ${JSON.stringify(funding.errors)}`)

  return {
    orgs,
    orgId,
    serviceAtLocation: Object.fromEntries(sal.map((x) => [x.serviceId, x.id])) as Record<string, string>,
    taxonomy: { id: term.taxonomyId, termId: term.id },
    cookies,
    userIds,
    people,
    referrals,
    cases,
    interactionId: interaction.data.recordInteraction.interaction.id,
    care: {
      ready: care.ready.id,
      unaccredited: care.unaccredited.id,
      applicationId: app.data.startCarePartnerApplication.id,
      escalationId: escalation.data.raiseCareEscalation.id,
      approved: approved.organisation.id,
      careAgreementId,
      fundingRequestId: funding.data.requestCareFunding.id,
    },
  }
}

export type World = Awaited<ReturnType<typeof buildWorld>>

/** The organisation a role acts for (anonymous: none). */
export const HOME_ORG: Record<RoleKey, OrgKey | null> = {
  anonymous: null,
  connector: 'conn',
  triage: 'msd',
  ot: 'ot',
  intake: 'intake',
  commissioner: 'msd',
  admin: 'msd',
  dce: 'ot',
}

/**
 * Whose person a role may see in full or in part: the one its organisation recorded, and for the
 * recipient the ones referred to it under a live consent naming it. Everyone else's, nobody's.
 */
export function entitledPeople(role: RoleKey): string[] {
  switch (HOME_ORG[role]) {
    case 'conn':
      return ['conn']
    case 'msd':
      return ['msd']
    case 'ot':
      return ['ot']
    case 'intake':
      return ['conn', 'msd', 'ot']
    default:
      return []
  }
}
