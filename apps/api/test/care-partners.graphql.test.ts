// Issue 6 over GraphQL on a real database (PGlite, and Postgres with TEST_DATABASE_URL), signed in
// as the people who play each part: an s396 application through its four steps (a Quality Manager
// refused the approval, the DCE's approval making an s396 service routable), an escalation reaching
// the Quality Hub, dynamic funding in cents, and a shared case read under consent; with bad input
// and wrong roles refused and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '@fsn/auth'
import { seedAgency, seedProvider, seedUser, type Role } from '@fsn/db'
import { testDatabaseKinds } from '@fsn/db/testing'
import { READINESS_SECTION_CODES } from '@fsn/domain'
import { coordinationHandlers, drainOutbox, memoryEmailSender } from '@fsn/services'
import { PASSWORD, createTestApp, gql, signInCookie, type TestApp } from './harness'

type Err = { message: string; extensions?: { code?: string; field?: string } }

const APPLICATION = `id status step organisationName
  progress { step state } nextAction { party role command summary } availableCommands
  missingReadinessSections readiness { section title summary party }
  recommendation { recommendation rationale } endorsement { byUserId } decision { outcome byUserId }
  qualityAssuranceFrom timeline { type party from to section }`

const START = `mutation($input: StartCarePartnerApplicationInput!) { startCarePartnerApplication(input: $input) { ${APPLICATION} } }`
const ACT = `mutation($input: CarePartnerApplicationCommandInput!) { actOnCarePartnerApplication(input: $input) { ${APPLICATION} } }`
const GET = `query($id: ID!) { carePartnerApplication(id: $id) { ${APPLICATION} } }`
const ROUTING = `query($s: ID!, $p: ID!) { routingCheck(serviceId: $s, personId: $p) { allowed reasons { code } } }`

const ESCALATION = `id status carePartnerName concern availableCommands
  acknowledged { byUserId } resolved { byUserId text } deadlines { kind overdue completedAt } timeline { type from to }`

const CASE = `id status isLead viewerOrganisationId visibleKinds members { organisationId name isLead }
  workgroup { userId name } assessment { section kind state answer { value redacted reason } }
  assessmentPlan { ask reuse withheld { section reason } } actionsDue { id dueOn overdue }
  timeline { type byOrganisationId } availableCommands closure { reason }`
const ACT_CASE = `mutation($input: CaseCommandInput!) { actOnCase(input: $input) { ${CASE} } }`

describe.each(testDatabaseKinds())('care partners and shared cases over GraphQL on %s', (kind) => {
  let t: TestApp
  let statements: string[] = []
  const email = memoryEmailSender()
  let ready: Awaited<ReturnType<typeof seedProvider>>
  let unaccredited: Awaited<ReturnType<typeof seedProvider>>
  let ot: string
  let msd: string
  const u: Record<string, { id: string; cookie: string; organisationId: string }> = {}

  const tick = () => t.setNow(new Date(t.deps.clock().getTime() + 60_000))
  const counts = async () => {
    const p = t.db.prisma
    return {
      applications: await p.s396Application.count(),
      events: await p.s396Event.count(),
      readiness: await p.s396ReadinessEntry.count(),
      accreditations: await p.accreditation.count(),
      audit: await p.auditRecord.count(),
      outbox: await p.outboxMessage.count(),
      escalations: await p.careEscalation.count(),
      escalationEvents: await p.careEscalationEvent.count(),
      celebrations: await p.careCelebration.count(),
      qualityItems: await p.qualityCycleItem.count(),
      agreements: await p.careAgreement.count(),
      placements: await p.carePlacement.count(),
      cases: await p.sharedCase.count(),
      caseEvents: await p.sharedCaseEvent.count(),
      answers: await p.caseAssessmentAnswer.count(),
    }
  }
  const q = async <T = Record<string, unknown>>(
    who: string,
    query: string,
    variables: Record<string, unknown> = {},
  ) => {
    tick()
    return gql<T>(t, query, variables, u[who]!.cookie)
  }
  /** The call must fail with this code (and field); nothing may be written. */
  async function refused(
    who: string,
    query: string,
    variables: Record<string, unknown>,
    code: string,
    field?: string,
  ) {
    const before = await counts()
    const res = await q(who, query, variables)
    const error = res.errors?.[0] as Err | undefined
    expect(error?.extensions?.code, JSON.stringify(res.errors)).toBe(code)
    if (field) expect(error?.extensions?.field).toBe(field)
    expect(await counts()).toEqual(before)
    return error!
  }
  async function ok<T = Record<string, unknown>>(
    who: string,
    query: string,
    variables: Record<string, unknown> = {},
  ) {
    const res = await q<T>(who, query, variables)
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined()
    return res.data as T
  }

  beforeAll(async () => {
    t = await createTestApp(kind, { onQuery: (sql) => statements.push(sql) })
    const prisma = t.db.prisma
    const now = t.deps.clock()
    ot = (await seedAgency(prisma, { name: 'Oranga Tamariki' })).id
    msd = (await seedAgency(prisma, { name: 'Ministry of Social Development' })).id
    ready = await seedProvider(prisma, {
      name: 'Te Whare Manaaki',
      categories: ['shared-care'],
      accreditations: [{ scheme: 'TE_KAHUI_KAHU', level: 2 }],
      now,
    })
    unaccredited = await seedProvider(prisma, { name: 'Kāinga Hou Trust', now })
    const school = await seedProvider(prisma, { name: 'Porirua College', now })
    const user = async (key: string, role: Role, organisationId: string, name?: string) => {
      const { user: row } = await seedUser(prisma, {
        role,
        organisationId,
        name,
        password: PASSWORD,
        hashPassword,
      })
      u[key] = { id: row.id, cookie: await signInCookie(t, row.email), organisationId }
    }
    await user('applicant', 'PROVIDER_ADMIN', ready.organisation.id)
    await user('stranger', 'PROVIDER_ADMIN', unaccredited.organisation.id)
    await user('hub', 'QUALITY_HUB', ot)
    await user('manager', 'QUALITY_MANAGER', ot)
    await user('dce', 'DCE_MPC', ot)
    await user('budget', 'BUDGET_MANAGER', ot)
    await user('lead', 'TRIAGE_OFFICER', msd, 'Mere Lead')
    await user('teacher', 'PROVIDER_INTAKE', school.organisation.id, 'Hemi Teacher')
  })
  afterAll(async () => t?.close())

  it('moves an application through all four steps; a Quality Manager cannot approve; the DCE can, and routing follows', async () => {
    // Step one needs current Te Kāhui Kāhu accreditation; bad input names the field.
    const noTkk = await refused(
      'stranger',
      START,
      { input: { organisationId: unaccredited.organisation.id } },
      'CONFLICT',
    )
    expect(noTkk.message).toMatch(/Te Kāhui Kāhu/)
    await refused(
      'applicant',
      START,
      { input: { organisationId: 'nope' } },
      'VALIDATION_FAILED',
      'organisationId',
    )

    type A = {
      status: string
      step: number
      id: string
      nextAction: { party: string; command: string } | null
      availableCommands: string[]
      progress: { state: string }[]
      timeline: unknown[]
    }
    const started = (
      await ok<{ startCarePartnerApplication: A }>('applicant', START, {
        input: { organisationId: ready.organisation.id },
      })
    ).startCarePartnerApplication
    expect(started).toMatchObject({
      status: 'PREPARATION',
      step: 1,
      nextAction: { party: 'QUALITY_HUB', command: 'moveToReadiness' },
    })
    const id = started.id
    const act = async (who: string, command: Record<string, unknown>) =>
      (await ok<{ actOnCarePartnerApplication: A }>(who, ACT, { input: { applicationId: id, ...command } }))
        .actOnCarePartnerApplication

    // Starting tells the Quality Hub.
    await drainOutbox({ deps: t.deps, handlers: coordinationHandlers({ email }) })
    const inbox = await ok<{ notifications: { items: { kind: string }[] } }>(
      'hub',
      '{ notifications { items { kind } } }',
    )
    expect(inbox.notifications.items.map((n) => n.kind)).toContain('s396.start')

    const readiness = await act('hub', { type: 'moveToReadiness' })
    expect(readiness).toMatchObject({ status: 'READINESS', step: 2, nextAction: { party: 'APPLICANT' } })
    const seen = (await ok<{ carePartnerApplication: A }>('applicant', GET, { id })).carePartnerApplication
    expect(seen.availableCommands).toContain('captureReadinessSection')
    expect(seen.availableCommands).not.toContain('reviewReadiness')
    await refused(
      'applicant',
      ACT,
      { input: { applicationId: id, type: 'captureReadinessSection', section: 'MODEL_OF_CARE' } },
      'VALIDATION_FAILED',
      'summary',
    )
    for (const section of READINESS_SECTION_CODES)
      await act('applicant', { type: 'captureReadinessSection', section, summary: `About ${section}` })
    await act('hub', { type: 'reviewReadiness', findings: 'Strong model of care.' })
    await act('hub', { type: 'recordFindingsDiscussion', notes: 'Discussed with the board.' })
    const recommended = await act('hub', {
      type: 'prepareRecommendation',
      recommendation: 'APPROVE',
      rationale: 'Ready.',
    })
    expect(recommended).toMatchObject({ step: 3, nextAction: { party: 'QUALITY_MANAGER' } })
    const endorsed = await act('manager', { type: 'endorseRecommendation' })
    expect(endorsed.nextAction).toMatchObject({ party: 'DCE_MPC', command: 'approve' })
    expect(endorsed.availableCommands).not.toContain('approve')

    // An s396-requiring service is not routable yet.
    const person = await t.db.prisma.person.create({
      data: {
        givenName: 'Tama',
        regionId: ready.region.id,
        recordedByOrganisationId: msd,
        recordedById: u.lead!.id,
      },
    })
    const routable = async () =>
      (
        await ok<{ routingCheck: { allowed: boolean } }>('lead', ROUTING, {
          s: ready.service.id,
          p: person.id,
        })
      ).routingCheck.allowed
    expect(await routable()).toBe(false)

    // The Quality Manager does not hold the delegation: refused, nothing written.
    const byManager = await refused(
      'manager',
      ACT,
      { input: { applicationId: id, type: 'approve' } },
      'FORBIDDEN',
    )
    expect(byManager.message).toMatch(/DCE/)
    // Nor can funding be agreed before approval.
    await refused(
      'budget',
      AGREE,
      {
        input: {
          carePartnerOrganisationId: ready.organisation.id,
          reference: 'CA-0',
          model: { kind: 'DYNAMIC', generalSupportRateCents: 100 },
        },
      },
      'CONFLICT',
    )

    const approved = await act('dce', { type: 'approve', note: 'Approved.' })
    expect(approved).toMatchObject({
      status: 'APPROVED',
      step: 4,
      nextAction: { party: 'QUALITY_HUB', command: 'transitionToQualityAssurance' },
    })
    expect(await routable()).toBe(true)

    const done = await act('hub', { type: 'transitionToQualityAssurance' })
    expect(done.status).toBe('IN_QUALITY_ASSURANCE')
    expect(done.nextAction).toBeNull()
    expect(done.progress.map((p) => p.state)).toEqual(['DONE', 'DONE', 'DONE', 'DONE'])
    expect(done.timeline).toHaveLength(2 + READINESS_SECTION_CODES.length + 6)

    const board = await ok<{ carePartnerApplications: { id: string; step: number }[] }>(
      'hub',
      '{ carePartnerApplications(step: 4) { id step } }',
    )
    expect(board.carePartnerApplications.map((a) => a.id)).toEqual([id])
    const items = await ok<{ qualityCycleItems: { kind: string; overdue: boolean; assignedRole: string }[] }>(
      'hub',
      `query($o: ID) { qualityCycleItems(organisationId: $o) { kind overdue assignedRole } }`,
      { o: ready.organisation.id },
    )
    expect(items.qualityCycleItems.map((i) => i.kind)).toContain('QUALITY_REVIEW')
    expect(items.qualityCycleItems.some((i) => i.overdue)).toBe(false)
    // Someone else's organisation sees none of it.
    const strangers = await ok<{ carePartnerApplications: unknown[] }>(
      'stranger',
      '{ carePartnerApplications { id } }',
    )
    expect(strangers.carePartnerApplications).toEqual([])
    expect((await q('stranger', GET, { id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND')
  })

  it("routes an escalation raised by the care partner's staff to the Quality Hub and tracks it to resolution", async () => {
    const RAISE = `mutation($input: RaiseCareEscalationInput!) { raiseCareEscalation(input: $input) { ${ESCALATION} } }`
    const ACT_E = `mutation($input: CareEscalationCommandInput!) { actOnCareEscalation(input: $input) { ${ESCALATION} } }`
    await refused(
      'applicant',
      RAISE,
      { input: { carePartnerOrganisationId: ready.organisation.id, concern: '  ' } },
      'VALIDATION_FAILED',
      'concern',
    )
    type E = {
      id: string
      status: string
      availableCommands: string[]
      timeline: { type: string }[]
      resolved: { byUserId: string } | null
    }
    const raised = (
      await ok<{ raiseCareEscalation: E }>('applicant', RAISE, {
        input: {
          carePartnerOrganisationId: ready.organisation.id,
          concern: 'Respite for caregivers is late.',
        },
      })
    ).raiseCareEscalation
    expect(raised.status).toBe('RAISED')
    await drainOutbox({ deps: t.deps, handlers: coordinationHandlers({ email }) })
    const inbox = await ok<{ notifications: { items: { kind: string; title: string }[] } }>(
      'hub',
      '{ notifications { items { kind title } } }',
    )
    expect(inbox.notifications.items.find((n) => n.kind === 'care-escalation.raise')?.title).toMatch(
      /Te Whare Manaaki/,
    )
    const board = await ok<{ careEscalations: E[] }>(
      'hub',
      '{ careEscalations(openOnly: true) { id status availableCommands } }',
    )
    expect(board.careEscalations.find((x) => x.id === raised.id)?.availableCommands).toContain('acknowledge')

    await refused(
      'applicant',
      ACT_E,
      { input: { escalationId: raised.id, type: 'resolve', resolution: 'x' } },
      'FORBIDDEN',
    )
    await refused(
      'hub',
      ACT_E,
      { input: { escalationId: 'nope', type: 'acknowledge' } },
      'VALIDATION_FAILED',
      'escalationId',
    )
    await ok('hub', ACT_E, { input: { escalationId: raised.id, type: 'acknowledge', note: 'On it.' } })
    await refused(
      'hub',
      ACT_E,
      { input: { escalationId: raised.id, type: 'resolve' } },
      'VALIDATION_FAILED',
      'resolution',
    )
    const resolved = (
      await ok<{ actOnCareEscalation: E }>('hub', ACT_E, {
        input: { escalationId: raised.id, type: 'resolve', resolution: 'Respite booked.' },
      })
    ).actOnCareEscalation
    expect(resolved.status).toBe('RESOLVED')
    const view = (
      await ok<{ careEscalation: E }>(
        'applicant',
        `query($id: ID!) { careEscalation(id: $id) { ${ESCALATION} } }`,
        { id: raised.id },
      )
    ).careEscalation
    expect(view.timeline.map((h) => h.type)).toEqual(['raise', 'acknowledge', 'resolve'])
    expect(view.resolved?.byUserId).toBe(u.hub!.id)
  })

  it('records a celebration (what, who, when), shared at the next community of practice, in one transaction with its audit record', async () => {
    const CELEBRATION = `id summary who happenedOn communityOfPractice shareOn sharingItemId sharedAt overdue`
    const RECORD = `mutation($input: RecordCareCelebrationInput!) { recordCareCelebration(input: $input) { ${CELEBRATION} } }`
    const input = {
      carePartnerOrganisationId: ready.organisation.id,
      summary: 'Rangatahi reconnected with their marae.',
      who: 'The Te Whare Manaaki caregivers',
    }
    await refused('applicant', RECORD, { input: { ...input, who: ' ' } }, 'VALIDATION_FAILED', 'who')
    await refused('applicant', RECORD, { input: { ...input, summary: '' } }, 'VALIDATION_FAILED', 'summary')
    await refused(
      'applicant',
      RECORD,
      { input: { ...input, happenedOn: '2099-01-01' } },
      'VALIDATION_FAILED',
      'happenedOn',
    )
    await refused('stranger', RECORD, { input }, 'FORBIDDEN')
    const auditBefore = await t.db.prisma.auditRecord.count()
    type C = {
      id: string
      communityOfPractice: string | null
      shareOn: string
      sharingItemId: string
      sharedAt: string | null
      happenedOn: string
    }
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland' }).format(
      new Date(t.deps.clock().getTime() + 60_000),
    )
    const c = (await ok<{ recordCareCelebration: C }>('applicant', RECORD, { input })).recordCareCelebration
    expect(c.happenedOn).toBe(today)
    expect(c.communityOfPractice).toBe('Community of practice 1')
    expect(c.sharedAt).toBeNull()
    expect(await t.db.prisma.auditRecord.count()).toBe(auditBefore + 1)
    const forum = await t.db.prisma.qualityCycleItem.findFirstOrThrow({
      where: { organisationId: ready.organisation.id, title: 'Community of practice 1' },
    })
    expect(c.shareOn).toBe(forum.dueOn.toISOString().slice(0, 10))
    await drainOutbox({ deps: t.deps, handlers: coordinationHandlers({ email }) })
    const inbox = await ok<{ notifications: { items: { kind: string }[] } }>(
      'hub',
      '{ notifications { items { kind } } }',
    )
    expect(inbox.notifications.items.map((n) => n.kind)).toContain('care-celebration.record')
    // The Quality Hub marks it shared; everyone involved sees it, strangers do not.
    await ok('hub', `mutation($id: ID!) { completeQualityCycleItem(id: $id) { id } }`, {
      id: c.sharingItemId,
    })
    const list = await ok<{ careCelebrations: C[] }>(
      'applicant',
      `query($o: ID) { careCelebrations(carePartnerOrganisationId: $o) { ${CELEBRATION} } }`,
      { o: ready.organisation.id },
    )
    expect(list.careCelebrations.map((x) => x.id)).toEqual([c.id])
    expect(list.careCelebrations[0]!.sharedAt).not.toBeNull()
    const strangers = await ok<{ careCelebrations: C[] }>('stranger', '{ careCelebrations { id } }')
    expect(strangers.careCelebrations).toEqual([])
  })

  const AGREE = `mutation($input: AgreeCareAgreementInput!) { agreeCareAgreement(input: $input) { id fundingModel generalSupportRateCents placements { childRef } } }`

  it('computes dynamic funding for 3 children over a 30-day period exactly in cents', async () => {
    const bad = {
      carePartnerOrganisationId: ready.organisation.id,
      reference: 'CA-X',
      model: { kind: 'DYNAMIC', generalSupportRateCents: 12.5 },
    }
    await refused('budget', AGREE, { input: bad }, 'VALIDATION_FAILED', 'model.generalSupportRateCents')
    await refused(
      'hub',
      AGREE,
      { input: { ...bad, model: { kind: 'DYNAMIC', generalSupportRateCents: 100 } } },
      'FORBIDDEN',
    )
    const agreement = (
      await ok<{ agreeCareAgreement: { id: string; fundingModel: string; generalSupportRateCents: number } }>(
        'budget',
        AGREE,
        {
          input: {
            carePartnerOrganisationId: ready.organisation.id,
            reference: 'CA-2026-01',
            model: { kind: 'DYNAMIC', generalSupportRateCents: 12_345 },
          },
        },
      )
    ).agreeCareAgreement
    expect(agreement).toMatchObject({ fundingModel: 'DYNAMIC', generalSupportRateCents: 12_345 })
    const PLACE = `mutation($input: RecordCarePlacementInput!) { recordCarePlacement(input: $input) { id childRef } }`
    await refused(
      'applicant',
      PLACE,
      { input: { careAgreementId: agreement.id, childRef: 'T 1', from: '2026-04-01T00:00:00+13:00' } },
      'VALIDATION_FAILED',
      'childRef',
    )
    for (const childRef of ['T-1', 'T-2', 'T-3'])
      await ok('applicant', PLACE, {
        input: { careAgreementId: agreement.id, childRef, from: '2026-04-01T00:00:00+13:00' },
      })

    const RECONCILE = `query($input: ReconcileCareAgreementInput!) { careAgreementReconciliation(input: $input) {
      fundingModel period { from to } agreed { modelCents additionalSupportCents adHocCents totalCents }
      claimedCents paidCents outstandingCents flags childDays children { childRef days cents } } }`
    type R = {
      careAgreementReconciliation: {
        childDays: number
        agreed: { totalCents: number; modelCents: number }
        children: { cents: number; days: number }[]
        flags: string[]
        outstandingCents: number
      }
    }
    const r = (
      await ok<R>('budget', RECONCILE, {
        input: {
          careAgreementId: agreement.id,
          period: { from: '2026-04-01', to: '2026-05-01' },
          claims: [{ amountCents: 3 * 30 * 12_345 }],
        },
      })
    ).careAgreementReconciliation
    expect(r.childDays).toBe(90)
    expect(r.agreed.totalCents).toBe(1_111_050)
    expect(r.children.map((c) => [c.days, c.cents])).toEqual([
      [30, 370_350],
      [30, 370_350],
      [30, 370_350],
    ])
    expect(r.flags).toEqual(['PAYMENT_OUTSTANDING'])
    expect(r.outstandingCents).toBe(1_111_050)
    const wrongPeriod = await q('budget', RECONCILE, {
      input: { careAgreementId: agreement.id, period: { from: '2026-05-01', to: '2026-04-01' } },
    })
    expect(wrongPeriod.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'period.to',
    })
    const list = await ok<{ careAgreements: { placements: unknown[] }[] }>(
      'applicant',
      `query($o: ID!) { careAgreements(carePartnerOrganisationId: $o) { placements { childRef } } }`,
      {
        o: ready.organisation.id,
      },
    )
    expect(list.careAgreements[0]!.placements).toHaveLength(3)
  })

  async function openCaseFor(givenName: string, kinds: string[][]) {
    const prisma = t.db.prisma
    const school = u.teacher!.organisationId
    const person = await prisma.person.create({
      data: { givenName, regionId: ready.region.id, recordedByOrganisationId: msd, recordedById: u.lead!.id },
    })
    for (const [i, informationKinds] of kinds.entries())
      await prisma.consent.create({
        data: {
          personId: person.id,
          purpose: 'Coordinated support',
          informationKinds: informationKinds as never,
          method: 'WRITTEN',
          recordedById: u.lead!.id,
          recordedByOrganisationId: msd,
          givenAt: new Date(t.deps.clock().getTime() - 86_400_000),
          recipients: { create: [{ organisationId: i === 0 ? msd : school }] },
        },
      })
    const opened = await ok<{ openCase: { id: string; isLead: boolean } }>(
      'lead',
      `mutation($input: OpenCaseInput!) { openCase(input: $input) { ${CASE} } }`,
      { input: { personId: person.id, leadOrganisationId: msd } },
    )
    expect(opened.openCase.isLead).toBe(true)
    return opened.openCase.id
  }

  it('shows a member agency without health consent the case without it, and never re-asks the assessment', async () => {
    const school = u.teacher!.organisationId
    const caseId = await openCaseFor('Ana', [
      ['CONTACT_DETAILS', 'NEEDS_SUMMARY', 'HEALTH', 'CHILDREN_AND_CARE', 'FINANCIAL'],
      ['NEEDS_SUMMARY', 'CHILDREN_AND_CARE'],
    ])
    const act = (who: string, command: Record<string, unknown>) =>
      ok(who, ACT_CASE, { input: { caseId, ...command } })
    // Before the school is a member, its staff have no duty on the case: it does not exist for them.
    await refused(
      'teacher',
      ACT_CASE,
      { input: { caseId, type: 'addMember', organisationId: school } },
      'NOT_FOUND',
      'caseId',
    )
    await act('lead', { type: 'addMember', organisationId: school })
    await act('lead', {
      type: 'addOfficer',
      userId: u.teacher!.id,
      name: 'Hemi Teacher',
      organisationId: school,
    })
    await act('lead', {
      type: 'answerSection',
      section: 'HEALTH_AND_WELLBEING',
      answer: 'Asthma; sees a GP monthly.',
    })
    await act('lead', { type: 'answerSection', section: 'HOUSING', answer: 'Overcrowded rental.' })
    await act('lead', {
      type: 'recordDiscussion',
      id: '0190a7e2-0000-7000-8000-000000000001',
      heldAt: '2026-11-23T08:30:00+13:00',
      attendeeUserIds: [u.lead!.id, u.teacher!.id],
      minutes: 'Talked about the GP visits and asthma plan.',
      informationKinds: ['HEALTH'],
      actions: [
        {
          id: '0190a7e2-0000-7000-8000-000000000002',
          description: 'Ring the GP about the asthma plan',
          ownerUserId: u.lead!.id,
          dueOn: '2026-11-23',
        },
      ],
    })

    type Section = {
      section: string
      state: string
      answer: { value: string | null; redacted: boolean; reason: string | null } | null
    }
    type C = {
      sharedCase: {
        visibleKinds: string[]
        assessment: Section[]
        assessmentPlan: { ask: string[]; reuse: string[]; withheld: { section: string }[] }
        actionsDue: { id: string }[]
        availableCommands: string[]
        members: { name: string; isLead: boolean }[]
      }
    }
    const GET_CASE = `query($id: ID!) { sharedCase(id: $id) { ${CASE} discussions { minutes { value redacted } actions { description { value redacted } } } } }`
    const res = await q<C>('teacher', GET_CASE, { id: caseId })
    expect(res.errors).toBeUndefined()
    const schoolView = res.data!.sharedCase
    expect(schoolView.visibleKinds).not.toContain('HEALTH')
    const health = schoolView.assessment.find((s) => s.section === 'HEALTH_AND_WELLBEING')!
    expect(health).toMatchObject({ state: 'ANSWERED', answer: { value: null, redacted: true } })
    expect(JSON.stringify(res.data)).not.toMatch(/Asthma|asthma/)
    expect(schoolView.assessmentPlan.ask).not.toContain('HEALTH_AND_WELLBEING')
    expect(schoolView.assessmentPlan.ask).not.toContain('HOUSING')
    expect(schoolView.assessmentPlan.withheld.map((w) => w.section)).toEqual(['HEALTH_AND_WELLBEING'])
    expect(schoolView.assessmentPlan.reuse).toContain('HOUSING')
    expect(schoolView.actionsDue).toHaveLength(1)
    expect(schoolView.availableCommands).not.toContain('close')
    expect(schoolView.members.map((m) => m.isLead)).toEqual([true, false])
    const leadView = await q<C>('lead', GET_CASE, { id: caseId })
    expect(JSON.stringify(leadView.data)).toContain('Asthma')
    expect(leadView.data!.sharedCase.availableCommands).toContain('close')

    // Answered once: the school may not ask the family again; closing needs the lead agency.
    await refused(
      'teacher',
      ACT_CASE,
      { input: { caseId, type: 'answerSection', section: 'HEALTH_AND_WELLBEING', answer: 'Asked again' } },
      'CONFLICT',
      'section',
    )
    await refused('teacher', ACT_CASE, { input: { caseId, type: 'close', reason: 'Done' } }, 'FORBIDDEN')
    await refused('lead', ACT_CASE, { input: { caseId, type: 'close' } }, 'VALIDATION_FAILED', 'reason')
    await refused(
      'lead',
      ACT_CASE,
      { input: { caseId, type: 'answerSection', section: 'HOUSING_X', answer: 'x' } },
      'VALIDATION_FAILED',
    )
    const closed = await ok<{ actOnCase: { status: string; closure: { reason: string } } }>(
      'lead',
      ACT_CASE,
      {
        input: { caseId, type: 'close', reason: 'Family settled.' },
      },
    )
    expect(closed.actOnCase).toMatchObject({ status: 'CLOSED', closure: { reason: 'Family settled.' } })
    expect((await q('hub', GET_CASE, { id: caseId })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND')
    const members = await ok<{ caseMembers: { members: { name: string; officers: { name: string }[] }[] } }>(
      'teacher',
      `query($id: ID!) { caseMembers(id: $id) { members { name isLead officers { name } } } }`,
      { id: caseId },
    )
    expect(members.caseMembers.members[1]!.officers.map((o) => o.name)).toEqual(['Hemi Teacher'])
  })

  it('lists my cases and the applications board in the same number of SQL statements however many rows', async () => {
    const MY_CASES = `{ myCases { ${CASE} } }`
    const measure = async (who: string, query: string) => {
      statements = []
      const res = await gql(t, query, {}, u[who]!.cookie)
      expect(res.errors).toBeUndefined()
      return statements.length
    }
    const one = await measure('lead', MY_CASES)
    await openCaseFor('Wiremu', [['NEEDS_SUMMARY'], ['NEEDS_SUMMARY']])
    await openCaseFor('Hine', [['NEEDS_SUMMARY'], ['NEEDS_SUMMARY']])
    const three = await measure('lead', MY_CASES)
    expect(three).toBe(one)
    const board = `{ carePartnerApplications { ${APPLICATION} } }`
    const oneApplication = await measure('hub', board)
    const other = await seedProvider(t.db.prisma, {
      name: 'Whare Tiaki',
      accreditations: [{ scheme: 'TE_KAHUI_KAHU', level: 1 }],
      now: t.deps.clock(),
    })
    await ok('hub', START, { input: { organisationId: other.organisation.id } })
    expect(await measure('hub', board)).toBe(oneApplication)
    console.log(
      `myCases: ${one} SQL statements at 1 and 3 cases; carePartnerApplications: ${oneApplication} at 1 and 2`,
    )
  })
})
