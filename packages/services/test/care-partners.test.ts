// Issue 6 through the use cases on a real database (PGlite, and Postgres with TEST_DATABASE_URL):
// the s396 application's four steps, the DCE-only approval and the routing it unlocks, escalations
// reaching the Quality Hub, dynamic funding in cents, and shared cases under consent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionPolicy } from '@fsn/auth'
import { seedAgency, seedProvider, seedReferenceData, seedUser, type Database } from '@fsn/db'
import { openTestDatabase, testDatabaseKinds } from '@fsn/db/testing'
import {
  READINESS_SECTION_CODES,
  checkRouting,
  isAppError,
  userActor,
  type Actor,
  type Role,
} from '@fsn/domain'
import { createEmbeddedSearchIndex } from '@fsn/search'
import type { ServiceDeps } from '../src/context'
import {
  actOnCarePartnerApplication,
  actOnCareEscalation,
  actOnCase,
  agreeCareAgreement,
  CARE_PARTNER_NOTIFY,
  coordinationHandlers,
  drainOutbox,
  findCareCelebrations,
  findQualityCycleItems,
  getCareEscalation,
  getCarePartnerApplication,
  getSharedCase,
  memoryEmailSender,
  openCase,
  raiseCareEscalation,
  reconcileCareAgreement,
  recordCareCelebration,
  recordCarePlacement,
  startCarePartnerApplication,
  verifyAuditChain,
} from '../src/index'
import { loadServiceForRouting, providerAccreditationsOf, routingServiceOf } from '../src/referrals/load'

async function failure(p: Promise<unknown>) {
  try {
    await p
  } catch (e) {
    if (isAppError(e)) return { code: e.code, field: e.field, message: e.message }
    throw e
  }
  throw new Error('expected the call to fail')
}

describe.each(testDatabaseKinds())('care partners and shared cases on %s', (kind) => {
  let db: Database
  let now = new Date('2026-11-22T20:00:00.000Z')
  let deps: ServiceDeps
  const email = memoryEmailSender()

  async function actor(role: Role, organisationId: string, name?: string): Promise<Actor> {
    const { user } = await seedUser(db.prisma, { role, organisationId, name })
    const org = await db.prisma.organisation.findUniqueOrThrow({ where: { id: organisationId } })
    return userActor({ id: user.id, email: user.email, name: user.name }, 'session', [
      { organisationId, organisationName: org.name, organisationKind: org.kind, role, regionId: null },
    ])
  }
  const idOf = (a: Actor) => (a.kind === 'user' ? a.user.id : '')
  const tick = () => (now = new Date(now.getTime() + 60_000))
  const counts = async () => ({
    applications: await db.prisma.s396Application.count(),
    events: await db.prisma.s396Event.count(),
    accreditations: await db.prisma.accreditation.count(),
    audit: await db.prisma.auditRecord.count(),
    outbox: await db.prisma.outboxMessage.count(),
    escalations: await db.prisma.careEscalation.count(),
    celebrations: await db.prisma.careCelebration.count(),
    qualityItems: await db.prisma.qualityCycleItem.count(),
    agreements: await db.prisma.careAgreement.count(),
    cases: await db.prisma.sharedCase.count(),
    answers: await db.prisma.caseAssessmentAnswer.count(),
  })

  let ot: string
  let ready: Awaited<ReturnType<typeof seedProvider>>
  let unaccredited: Awaited<ReturnType<typeof seedProvider>>
  let hub: Actor,
    manager: Actor,
    dce: Actor,
    budget: Actor,
    applicant: Actor,
    strangerAdmin: Actor,
    connector: Actor

  beforeAll(async () => {
    db = await openTestDatabase(kind)
    deps = {
      prisma: db.prisma,
      clock: () => now,
      sessionPolicy: sessionPolicy(),
      search: createEmbeddedSearchIndex(),
    }
    await seedReferenceData(db.prisma)
    ot = (await seedAgency(db.prisma, { name: 'Oranga Tamariki' })).id
    ready = await seedProvider(db.prisma, {
      name: 'Te Whare Manaaki',
      categories: ['shared-care'],
      accreditations: [{ scheme: 'TE_KAHUI_KAHU', level: 2 }],
      now,
    })
    unaccredited = await seedProvider(db.prisma, { name: 'Kāinga Hou Trust', now })
    hub = await actor('QUALITY_HUB', ot)
    manager = await actor('QUALITY_MANAGER', ot)
    dce = await actor('DCE_MPC', ot)
    budget = await actor('BUDGET_MANAGER', ot)
    applicant = await actor('PROVIDER_ADMIN', ready.organisation.id)
    strangerAdmin = await actor('PROVIDER_ADMIN', unaccredited.organisation.id)
    connector = await actor('COMMUNITY_CONNECTOR', unaccredited.organisation.id)
  })
  afterAll(async () => db?.close())

  it('refuses to start without current Te Kāhui Kāhu accreditation, writing nothing', async () => {
    const before = await counts()
    const f = await failure(
      startCarePartnerApplication({
        deps,
        actor: strangerAdmin,
        input: { organisationId: unaccredited.organisation.id },
      }),
    )
    expect(f.code).toBe('CONFLICT')
    expect(f.message).toMatch(/Te Kāhui Kāhu/)
    expect(await counts()).toEqual(before)
    const bad = await failure(
      startCarePartnerApplication({ deps, actor: applicant, input: { organisationId: 'nope' } }),
    )
    expect(bad).toMatchObject({ code: 'VALIDATION_FAILED', field: 'organisationId' })
    expect(await counts()).toEqual(before)
  })

  it('moves an application through all four steps; a Quality Manager cannot approve; the DCE can, and routing follows', async () => {
    const started = await startCarePartnerApplication({
      deps,
      actor: applicant,
      input: { organisationId: ready.organisation.id },
    })
    const id = started.id
    const act = (a: Actor, command: Record<string, unknown>) => {
      tick()
      return actOnCarePartnerApplication({
        deps,
        actor: a,
        input: { applicationId: id, command: command as never },
      })
    }
    // Starting tells the Quality Hub and Te Kāhui Kāhu.
    await drainOutbox({ deps, handlers: coordinationHandlers({ email }) })
    expect(await db.prisma.notification.count({ where: { userId: idOf(hub), kind: 's396.start' } })).toBe(1)
    expect(email.sent.some((m) => m.to.includes('tekahuikahu'))).toBe(true)

    await act(hub, { type: 'moveToReadiness' })
    for (const section of READINESS_SECTION_CODES)
      await act(applicant, { type: 'captureReadinessSection', section, summary: `About ${section}` })
    await act(hub, { type: 'reviewReadiness', findings: 'Strong model of care.' })
    await act(hub, { type: 'recordFindingsDiscussion', notes: 'Discussed with the board.' })
    await act(hub, { type: 'prepareRecommendation', recommendation: 'APPROVE', rationale: 'Ready.' })
    await act(manager, { type: 'endorseRecommendation' })

    // Routing refuses a service that requires s396 approval before the decision.
    const routing = async () => {
      const s = await loadServiceForRouting(db.prisma, ready.service.id)
      return checkRouting({
        service: routingServiceOf(s),
        providerAccreditations: providerAccreditationsOf(s),
        person: { regionId: ready.region.id, territorialAuthorityId: null },
        at: now,
      }).allowed
    }
    expect(await routing()).toBe(false)

    const before = await counts()
    const refused = await failure(act(manager, { type: 'approve' }))
    expect(refused.code).toBe('FORBIDDEN')
    expect(refused.message).toMatch(/DCE/)
    expect(await counts()).toEqual(before)

    const noFunding = await failure(
      agreeCareAgreement({
        deps,
        actor: budget,
        input: {
          carePartnerOrganisationId: ready.organisation.id,
          reference: 'CA-1',
          model: { kind: 'DYNAMIC', generalSupportRateCents: 15_000 },
        },
      }),
    )
    expect(noFunding.code).toBe('CONFLICT')

    const approved = await act(dce, { type: 'approve', note: 'Approved.' })
    expect(approved.status).toBe('APPROVED')
    expect(approved.step).toBe(4)
    expect(
      await db.prisma.accreditation.count({
        where: { organisationId: ready.organisation.id, scheme: 'OT_S396' },
      }),
    ).toBe(1)
    expect(await routing()).toBe(true)

    await act(hub, { type: 'transitionToQualityAssurance' })
    const view = await getCarePartnerApplication({ deps, actor: applicant, input: { id } })
    expect(view.status).toBe('IN_QUALITY_ASSURANCE')
    expect(view.progress.every((p) => p.state === 'DONE')).toBe(true)
    const items = await findQualityCycleItems({
      deps,
      actor: hub,
      input: { organisationId: ready.organisation.id },
    })
    expect(items.map((i) => i.kind)).toContain('QUALITY_REVIEW')
    expect(items.every((i) => i.assignedRole === 'QUALITY_HUB')).toBe(true)
    expect(await verifyAuditChain(db.prisma)).toBeNull()
  })

  it('routes an escalation raised by the care partner to the Quality Hub and tracks it to resolution', async () => {
    tick()
    const e = await raiseCareEscalation({
      deps,
      actor: applicant,
      input: { carePartnerOrganisationId: ready.organisation.id, concern: 'Respite for caregivers is late.' },
    })
    await drainOutbox({ deps, handlers: coordinationHandlers({ email }) })
    expect(
      await db.prisma.notification.count({ where: { userId: idOf(hub), kind: 'care-escalation.raise' } }),
    ).toBe(1)
    const before = await counts()
    expect(
      (
        await failure(
          actOnCareEscalation({
            deps,
            actor: applicant,
            input: { escalationId: e.id, command: { type: 'resolve', resolution: 'x' } },
          }),
        )
      ).code,
    ).toBe('FORBIDDEN')
    expect(
      (
        await failure(
          actOnCareEscalation({
            deps,
            actor: hub,
            input: { escalationId: e.id, command: { type: 'resolve' } as never },
          }),
        )
      ).code,
    ).toBe('CONFLICT')
    expect(await counts()).toEqual(before)
    tick()
    await actOnCareEscalation({
      deps,
      actor: hub,
      input: { escalationId: e.id, command: { type: 'acknowledge' } },
    })
    tick()
    const r = await actOnCareEscalation({
      deps,
      actor: hub,
      input: { escalationId: e.id, command: { type: 'resolve', resolution: 'Respite booked.' } },
    })
    expect(r.status).toBe('RESOLVED')
    const view = await getCareEscalation({ deps, actor: applicant, input: { id: e.id } })
    expect(view.history.map((h) => h.type)).toEqual(['raise', 'acknowledge', 'resolve'])
    expect(view.resolved?.byUserId).toBe(idOf(hub))
  })

  it('records a celebration with what, who and when, to share at the next community of practice, with its audit record', async () => {
    tick()
    const input = {
      carePartnerOrganisationId: ready.organisation.id,
      summary: 'Rangatahi reconnected with their marae.',
      who: 'The Te Whare Manaaki caregivers',
      happenedOn: '2026-11-20',
    }
    const before = await counts()
    expect(
      await failure(recordCareCelebration({ deps, actor: applicant, input: { ...input, who: '' } })),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'who',
    })
    expect(
      await failure(
        recordCareCelebration({ deps, actor: applicant, input: { ...input, happenedOn: '2026-13-01' } }),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'happenedOn' })
    expect((await failure(recordCareCelebration({ deps, actor: connector, input }))).code).toBe('FORBIDDEN')
    expect(await counts()).toEqual(before)
    const row = await recordCareCelebration({ deps, actor: applicant, input })
    const after = await counts()
    expect(after).toMatchObject({
      celebrations: before.celebrations + 1,
      qualityItems: before.qualityItems + 1,
      audit: before.audit + 1,
      outbox: before.outbox + 1,
    })
    const audit = await db.prisma.auditRecord.findFirstOrThrow({ where: { entityId: row.id } })
    expect(audit.action).toBe('care-celebration.record')
    const [view] = await findCareCelebrations({ deps, actor: hub, input: { id: row.id } })
    expect(view).toMatchObject({
      who: input.who,
      happenedOn: '2026-11-20',
      communityOfPractice: 'Community of practice 1',
    })
    const forum = await db.prisma.qualityCycleItem.findFirstOrThrow({
      where: { organisationId: ready.organisation.id, title: 'Community of practice 1' },
    })
    expect(view!.shareOn).toBe(forum.dueOn.toISOString().slice(0, 10))
    expect(await findCareCelebrations({ deps, actor: connector })).toEqual([])
    await drainOutbox({ deps, handlers: coordinationHandlers({ email }) })
    expect(
      await db.prisma.notification.count({ where: { userId: idOf(hub), kind: 'care-celebration.record' } }),
    ).toBe(1)
  })

  it('computes dynamic funding for 3 children over 30 days exactly in cents', async () => {
    const a = await agreeCareAgreement({
      deps,
      actor: budget,
      input: {
        carePartnerOrganisationId: ready.organisation.id,
        reference: 'CA-2026-01',
        model: { kind: 'DYNAMIC', generalSupportRateCents: 12_345 },
      },
    })
    for (const childRef of ['T-1', 'T-2', 'T-3']) {
      await recordCarePlacement({
        deps,
        actor: applicant,
        input: { careAgreementId: a.id, childRef, from: '2026-04-01T00:00:00+13:00', to: null },
      })
    }
    const r = await reconcileCareAgreement({
      deps,
      actor: budget,
      input: {
        careAgreementId: a.id,
        period: { from: '2026-04-01', to: '2026-05-01' },
        claims: [{ amountCents: 3 * 30 * 12_345 }],
      },
    })
    expect(r.childDays).toBe(90)
    expect(r.agreed.totalCents).toBe(1_111_050)
    expect(r.children.map((c) => c.cents)).toEqual([370_350, 370_350, 370_350])
    expect(r.flags).toEqual(['PAYMENT_OUTSTANDING'])
    const before = await counts()
    const bad = await failure(
      agreeCareAgreement({
        deps,
        actor: budget,
        input: {
          carePartnerOrganisationId: ready.organisation.id,
          reference: 'CA-X',
          model: { kind: 'DYNAMIC', generalSupportRateCents: 12.5 },
        },
      }),
    )
    expect(bad).toMatchObject({ code: 'VALIDATION_FAILED', field: 'model.generalSupportRateCents' })
    expect(
      (
        await failure(
          agreeCareAgreement({
            deps,
            actor: hub,
            input: {
              carePartnerOrganisationId: ready.organisation.id,
              reference: 'CA-Y',
              model: { kind: 'DYNAMIC', generalSupportRateCents: 100 },
            },
          }),
        )
      ).code,
    ).toBe('FORBIDDEN')
    expect(await counts()).toEqual(before)
  })

  it('shows a member agency without health consent the case without it, and never re-asks the assessment', async () => {
    const msd = await seedAgency(db.prisma, { name: 'Ministry of Social Development' })
    const school = (await seedProvider(db.prisma, { name: 'Porirua College', now })).organisation
    const lead = await actor('TRIAGE_OFFICER', msd.id, 'Mere Lead')
    const teacher = await actor('PROVIDER_INTAKE', school.id, 'Hemi Teacher')
    const person = await db.prisma.person.create({
      data: {
        givenName: 'Ana',
        regionId: ready.region.id,
        recordedByOrganisationId: msd.id,
        recordedById: idOf(lead),
      },
    })
    const consent = (
      kinds: ('CONTACT_DETAILS' | 'NEEDS_SUMMARY' | 'HEALTH' | 'CHILDREN_AND_CARE' | 'FINANCIAL')[],
      orgs: string[],
    ) =>
      db.prisma.consent.create({
        data: {
          personId: person.id,
          purpose: 'Coordinated support',
          informationKinds: kinds,
          method: 'WRITTEN',
          recordedById: idOf(lead),
          recordedByOrganisationId: msd.id,
          givenAt: new Date(now.getTime() - 86_400_000),
          recipients: { create: orgs.map((organisationId) => ({ organisationId })) },
        },
      })
    await consent(['CONTACT_DETAILS', 'NEEDS_SUMMARY', 'HEALTH', 'CHILDREN_AND_CARE', 'FINANCIAL'], [msd.id])
    await consent(['NEEDS_SUMMARY', 'CHILDREN_AND_CARE'], [school.id])
    tick()
    const c = await openCase({
      deps,
      actor: lead,
      input: { personId: person.id, leadOrganisationId: msd.id },
    })
    const act = (a: Actor, command: Record<string, unknown>) => {
      tick()
      return actOnCase({ deps, actor: a, input: { caseId: c.id, command: command as never } })
    }
    await act(lead, { type: 'addMember', organisationId: school.id })
    await act(lead, {
      type: 'addOfficer',
      userId: idOf(teacher),
      name: 'Hemi Teacher',
      organisationId: school.id,
    })
    await act(lead, {
      type: 'answerSection',
      section: 'HEALTH_AND_WELLBEING',
      answer: 'Asthma; sees a GP monthly.',
    })
    await act(lead, { type: 'answerSection', section: 'HOUSING', answer: 'Overcrowded rental.' })

    const schoolView = await getSharedCase({ deps, actor: teacher, input: { id: c.id } })
    const health = schoolView.assessment.find((s) => s.section === 'HEALTH_AND_WELLBEING')!
    expect(health.state).toBe('ANSWERED')
    expect(health.state === 'ANSWERED' && typeof health.answer).toBe('object')
    expect(JSON.stringify(schoolView)).not.toContain('Asthma')
    expect(schoolView.assessmentPlan.ask).not.toContain('HEALTH_AND_WELLBEING')
    expect(schoolView.assessmentPlan.reuse).toContain('HOUSING')
    const leadView = await getSharedCase({ deps, actor: lead, input: { id: c.id } })
    expect(JSON.stringify(leadView)).toContain('Asthma')

    // The school may not ask the family again for what the case already holds.
    const before = await counts()
    const again = await failure(
      act(teacher, { type: 'answerSection', section: 'HEALTH_AND_WELLBEING', answer: 'Asked again' }),
    )
    expect(again).toMatchObject({ code: 'CONFLICT', field: 'section' })
    // Closing needs the lead agency.
    expect((await failure(act(teacher, { type: 'close', reason: 'Done' }))).code).toBe('FORBIDDEN')
    expect((await failure(act(lead, { type: 'close' }))).field).toBe('reason')
    expect(await counts()).toEqual(before)
    const closed = await act(lead, { type: 'close', reason: 'Family settled.' })
    expect(closed.status).toBe('CLOSED')
    await drainOutbox({ deps, handlers: coordinationHandlers({ email }) })
    expect(await db.prisma.outboxMessage.count({ where: { processedAt: null } })).toBe(0)
    expect((await getSharedCase({ deps, actor: connector, input: { id: c.id } }).catch((e) => e)).code).toBe(
      'NOT_FOUND',
    )
  })

  it('a crash after the emails and before the notification rows re-sends with the same keys; after the rows, nothing', async () => {
    const message = {
      id: 'crash-test',
      topic: CARE_PARTNER_NOTIFY,
      aggregateId: null,
      attempts: 1,
      payload: {
        sourceEventId: '7f1c2d3e-0000-4000-8000-00000000c0de',
        kind: 's396.test',
        title: 'Crash test',
        body: 'One notification per user per event.',
        recipients: [{ kind: 'ROLE', role: 'QUALITY_HUB' }, { kind: 'EXTERNAL', body: 'TE_KAHUI_KAHU' }],
      },
    }
    const keys = (sent: { dedupeKey?: string }[]) => sent.map((m) => m.dedupeKey).sort()
    // The process dies on the last email, after every user's: no notification row is written.
    const dying = memoryEmailSender()
    const crashing = coordinationHandlers({
      email: {
        send: async (m) => {
          await dying.send(m)
          if (m.to.includes('tekahuikahu')) throw new Error('killed')
        },
      },
    })[CARE_PARTNER_NOTIFY]!
    await expect(crashing(message, deps)).rejects.toThrow('killed')
    const hubUsers = await db.prisma.membership.count({ where: { role: 'QUALITY_HUB', revokedAt: null } })
    expect(dying.sent).toHaveLength(hubUsers + 1)
    expect(await db.prisma.notification.count({ where: { kind: 's396.test' } })).toBe(0)
    // The re-run sends every email again under the same keys (a remembering sink sends once), then the rows.
    const rerun = memoryEmailSender()
    await coordinationHandlers({ email: rerun })[CARE_PARTNER_NOTIFY]!({ ...message, attempts: 2 }, deps)
    expect(keys(rerun.sent)).toEqual(keys(dying.sent))
    expect(await db.prisma.notification.count({ where: { kind: 's396.test' } })).toBe(hubUsers)
    // A crash after the rows (before the message was marked done): the re-run emails no one.
    const after = memoryEmailSender()
    await coordinationHandlers({ email: after })[CARE_PARTNER_NOTIFY]!({ ...message, attempts: 3 }, deps)
    expect(after.sent).toEqual([])
    expect(await db.prisma.notification.count({ where: { kind: 's396.test' } })).toBe(hubUsers)
  })
})
