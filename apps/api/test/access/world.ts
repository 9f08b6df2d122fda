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

/** Personal details that must never appear outside the roles entitled to them. */
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
  /** CONTACT_DETAILS. */
  addressLine: string
  /** The person's own needs note (NEEDS_SUMMARY). */
  needsSummary: string
  /** The referral's needs text (NEEDS_SUMMARY, the referral's own free text). */
  referralNeeds: string
}

export type OrgKey = 'conn' | 'intake' | 'msd' | 'ot' | 'otherA' | 'otherA2' | 'senderB' | 'targetB'

/** The people of the world: who recorded them is in buildWorld. */
export const PERSON_KEYS = ['conn', 'msd', 'ot', 'otherA', 'senderB', 'withdrawn', 'escalated'] as const
export type PersonKey = (typeof PERSON_KEYS)[number]
type PersonDetails = Omit<SeededPerson, 'id' | 'consentId' | 'orgKey' | 'referralNeeds'>

// Every value is distinctive, so finding it in a response can only mean that person's field.
const PEOPLE: Record<PersonKey, PersonDetails> = {
  conn: { givenName: 'Wiremu', familyName: 'Kahukura', phone: '027 301 4411', email: 'wiremu.kahukura@example.nz', dateOfBirth: '1988-03-14', addressLine: '11 Rimu Street, Porirua', needsSummary: 'Needs-note conn: rent arrears since August' },
  msd: { givenName: 'Anahera', familyName: 'Pohatu', phone: '027 302 5522', email: 'anahera.pohatu@example.nz', dateOfBirth: '1979-07-02', addressLine: '22 Matai Road, Naenae', needsSummary: 'Needs-note msd: food insecurity this winter' },
  ot: { givenName: 'Rangimarie', familyName: 'Tawhiri', phone: '027 303 6633', email: 'rangimarie.tawhiri@example.nz', dateOfBirth: '2011-11-23', addressLine: '33 Totara Lane, Tawa', needsSummary: 'Needs-note ot: school attendance support' },
  otherA: { givenName: 'Kahurangi', familyName: 'Ngatai', phone: '027 304 7744', email: 'kahurangi.ngatai@example.nz', dateOfBirth: '1995-05-30', addressLine: '44 Kowhai Crescent, Stokes Valley', needsSummary: 'Needs-note otherA: budgeting advice' },
  senderB: { givenName: 'Tamati', familyName: 'Whaanga', phone: '027 305 8855', email: 'tamati.whaanga@example.nz', dateOfBirth: '1969-01-09', addressLine: '55 Puriri Drive, Manurewa', needsSummary: 'Needs-note senderB: transport to appointments' },
  withdrawn: { givenName: 'Mereana', familyName: 'Tuhoro', phone: '027 306 9966', email: 'mereana.tuhoro@example.nz', dateOfBirth: '1983-09-18', addressLine: '66 Karaka Street, Wainuiomata', needsSummary: 'Needs-note withdrawn: housing repairs' },
  escalated: { givenName: 'Hohepa', familyName: 'Rauhihi', phone: '027 307 1177', email: 'hohepa.rauhihi@example.nz', dateOfBirth: '1991-04-27', addressLine: '77 Miro Place, Petone', needsSummary: 'Needs-note escalated: power bill hardship' },
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
  // The accreditation registry's decisions act on this one: an agency's, so no routing depends on it.
  const registryAccreditation = await p.accreditation.create({
    data: { organisationId: msd.id, scheme: 'TE_KAHUI_KAHU', level: 1, validFrom: new Date('2026-01-01T00:00:00Z'), validTo: null },
  })
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
  // One argon2id hash for every user (same password): hashing is the slowest part of building the world.
  const passwordHash = await hashPassword(PASSWORD)
  const user = async (key: string, role: Role, organisationId: string, regionCode?: string) => {
    const { user } = await seedUser(p, { role, organisationId, regionCode, password: PASSWORD, hashPassword: async () => passwordHash })
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
  // The other roles, inside the sending, receiving and connector organisations (need-to-know.test.ts).
  await user('regionalLead', 'REGIONAL_LEAD', orgId.msd, '09')
  await user('leadAuckland', 'REGIONAL_LEAD', orgId.msd, '02')
  await user('qm', 'QUALITY_MANAGER', orgId.ot)
  await user('intakeAdmin', 'PROVIDER_ADMIN', orgId.intake)
  await user('connAdmin', 'PROVIDER_ADMIN', orgId.conn)

  const asUser = (key: string) => ({ cookie: cookies[key]! })
  const must = async (res: Response, what: string) => {
    const body = await res.json()
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(body)}`)
    return body
  }

  /** A person recorded by `by` for `home`, with a consent naming `recipient`, referred to `service` over REST. */
  const people: Record<string, SeededPerson> = {}
  const referrals: Record<string, string> = {}
  const refer = async (key: PersonKey, by: string, home: OrgKey, regionCode: string, recipient: OrgKey, serviceId: string) => {
    const details = PEOPLE[key]
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
    const referralNeeds = `Referral-needs ${key}: help with a benefit review`
    const referral = await must(
      await postJson(
        t,
        '/api/v1/referrals',
        { personId: person.id, consentId: consent.id, serviceId, sharedInformationKinds: ['CONTACT_DETAILS'], needsSummary: referralNeeds },
        asUser(by),
      ),
      `referral ${key}`,
    )
    people[key] = { ...details, id: person.id, consentId: consent.id, orgKey: home, referralNeeds }
    referrals[key] = referral.id as string
  }
  await refer('conn', 'connector', 'conn', '09', 'intake', orgs.intake.service.id)
  await refer('msd', 'triage', 'msd', '09', 'intake', orgs.intake.service.id)
  await refer('ot', 'ot', 'ot', '09', 'intake', orgs.intake.service.id)
  await refer('otherA', 'otherAConnector', 'otherA', '09', 'otherA2', orgs.otherA2.service.id)
  await refer('senderB', 'senderBConnector', 'senderB', '02', 'targetB', orgs.targetB.service.id)
  // A referral whose consent the person withdrew after it was sent: the receiver sees nothing.
  await refer('withdrawn', 'triage', 'msd', '09', 'intake', orgs.intake.service.id)
  await must(
    await postJson(t, `/api/v1/consents/${people.withdrawn!.consentId}/withdraw`, { reason: 'The person asked us to stop sharing' }, asUser('triage')),
    'withdraw consent',
  )
  // A Wellington referral escalated to the Regional Lead (three unanswered calls): set directly, the
  // contact-attempt path being the referral tests' to prove.
  await refer('escalated', 'otherAConnector', 'otherA', '09', 'otherA2', orgs.otherA2.service.id)
  await p.referral.update({ where: { id: referrals.escalated! }, data: { escalatedAt: new Date(t.deps.clock().getTime() - 30_000), escalationLevel: 1 } })

  // Shared cases: the connector's, another Wellington provider's, an Auckland provider's.
  const openCase = async (by: string, personKey: PersonKey, lead: OrgKey) => {
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
  // The receiving provider joins the connector's case (the family's consent names it).
  const joined = await gql(
    t,
    'mutation($i: CaseCommandInput!) { actOnCase(input: $i) { id } }',
    { i: { caseId: cases.conn, type: 'addMember', organisationId: orgId.intake } },
    cookies.connector,
  )
  if (!joined.data) throw new Error(`case member: ${JSON.stringify(joined.errors)}`)

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
    accreditationId: registryAccreditation.id,
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

// ─── The need-to-know view of the world ─────────────────────────────────────────────────────────

/**
 * Every role of packages/domain/src/roles.ts as one user inside an organisation of the world (the
 * Regional Lead twice: Wellington, where the escalated referral is, and Auckland), and anonymous.
 */
export const ALL_ROLE_KEYS = [
  'anonymous',
  'connector',
  'connAdmin',
  'triage',
  'commissioner',
  'regionalLead',
  'leadAuckland',
  'admin',
  'ot',
  'hub',
  'qm',
  'dce',
  'budget',
  'intake',
  'intakeAdmin',
] as const
export type AnyRoleKey = (typeof ALL_ROLE_KEYS)[number]

/** Each user's one membership: role, organisation and, for regional roles, region code. */
export const MEMBERSHIP: Record<Exclude<AnyRoleKey, 'anonymous'>, { role: Role; org: OrgKey; region?: '09' | '02' }> = {
  connector: { role: 'COMMUNITY_CONNECTOR', org: 'conn' },
  connAdmin: { role: 'PROVIDER_ADMIN', org: 'conn' },
  triage: { role: 'TRIAGE_OFFICER', org: 'msd' },
  commissioner: { role: 'REGIONAL_COMMISSIONER', org: 'msd', region: '09' },
  regionalLead: { role: 'REGIONAL_LEAD', org: 'msd', region: '09' },
  leadAuckland: { role: 'REGIONAL_LEAD', org: 'msd', region: '02' },
  admin: { role: 'NATIONAL_ADMIN', org: 'msd' },
  ot: { role: 'OT_OFFICER', org: 'ot' },
  hub: { role: 'QUALITY_HUB', org: 'ot' },
  qm: { role: 'QUALITY_MANAGER', org: 'ot' },
  dce: { role: 'DCE_MPC', org: 'ot' },
  budget: { role: 'BUDGET_MANAGER', org: 'ot' },
  intake: { role: 'PROVIDER_INTAKE', org: 'intake' },
  intakeAdmin: { role: 'PROVIDER_ADMIN', org: 'intake' },
}

/** The personal values the scans look for: the person's fields and the referral's needs text. */
export const PII_FIELDS = ['givenName', 'familyName', 'phone', 'email', 'dateOfBirth', 'addressLine', 'needsSummary', 'referralNeeds'] as const
export type PiiField = (typeof PII_FIELDS)[number]
export const ALL_FIELDS: readonly PiiField[] = PII_FIELDS
/** Names: shown whenever any kind is, and all a Regional Lead sees of an escalation. */
export const NAMES: readonly PiiField[] = ['givenName', 'familyName']
/** Names and CONTACT_DETAILS (phone, email, address): what every referral here shares. */
export const CONTACT: readonly PiiField[] = [...NAMES, 'phone', 'email', 'addressLine']

/**
 * What of whom each role may ever see, by the need-to-know rule (docs/privacy.md; the source of
 * truth is NEED_TO_KNOW_RULES in packages/domain/src/privacy/need-to-know.ts), written out by hand:
 * - the recorder / sender (a role holding person:record or referral:send in the recording and
 *   sending organisation): every field of its own people;
 * - the receiver (referral:respond in the receiving organisation): names and the shared and
 *   consented kind (CONTACT_DETAILS) while the consent is live; nothing of the withdrawn one;
 *   and, as a member of the connector's case (case:participate), the kinds the family's consent
 *   names it for (CONTACT_DETAILS, NEEDS_SUMMARY);
 * - the Wellington Regional Lead: the escalated Wellington referral's person's names;
 * - everyone else, including the commissioner, the other Regional Lead and the administrator
 *   inside MSD, the Quality Hub, Quality Manager, DCE and budget manager inside Oranga Tamariki and
 *   the provider administrators inside the sending and receiving providers: nobody.
 * The people of organisations outside these roles' (otherA, senderB) are nobody's here.
 */
export function entitledFields(role: AnyRoleKey): Partial<Record<PersonKey, readonly PiiField[]>> {
  switch (role) {
    case 'connector':
      return { conn: ALL_FIELDS }
    case 'triage':
      return { msd: ALL_FIELDS, withdrawn: ALL_FIELDS }
    case 'ot':
      return { ot: ALL_FIELDS }
    case 'intake':
      return { conn: [...CONTACT, 'needsSummary', 'referralNeeds'], msd: CONTACT, ot: CONTACT }
    case 'regionalLead':
      return { escalated: NAMES }
    default:
      return {}
  }
}

/** Personal values in `text` that `role` is not entitled to, as `person.field`. */
export function leaksIn(w: World, role: AnyRoleKey, text: string): string[] {
  const entitled = entitledFields(role)
  const found: string[] = []
  for (const key of PERSON_KEYS) {
    const person = w.people[key]
    if (!person) continue
    const allowed = entitled[key] ?? []
    for (const field of PII_FIELDS) if (!allowed.includes(field) && text.includes(person[field])) found.push(`${key}.${field}`)
  }
  return found
}
