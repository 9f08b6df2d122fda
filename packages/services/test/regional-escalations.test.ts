// The Regional Lead queue (issue 15, item 3): SLA breaches and contact escalations of the lead's
// region arrive exactly once, and the lead acknowledges, assigns, notes, resolves or escalates
// onward. On PGlite, and Postgres when TEST_DATABASE_URL is set. Clocks are set explicitly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionPolicy } from '@fsn/auth'
import { seedAgency, seedProvider, seedReferenceData, seedUser, type Database } from '@fsn/db'
import { openTestDatabase, testDatabaseKinds } from '@fsn/db/testing'
import { userActor, type Actor, type Role } from '@fsn/domain'
import type { ServiceDeps } from '../src/context'
import type { ClaimedMessage } from '../src/outbox/outbox'
import {
  ACKNOWLEDGE_WITHIN_HOURS,
  acknowledgeRegionalEscalation,
  actOnReferral,
  assignRegionalEscalation,
  drainOutbox,
  escalateRegionalEscalation,
  grantConsent,
  listRegionalEscalations,
  memoryEmailSender,
  noteRegionalEscalation,
  recordContactAttempt,
  recordPerson,
  referralHandlers,
  resolveRegionalEscalation,
  sendReferral,
  verifyAuditChain,
} from '../src/index'
import { createEmbeddedSearchIndex } from '@fsn/search'

// Friday 23 October 2026, 16:00 NZDT; the SLA deadline is Wednesday 28 October 10:00 NZDT.
const FRIDAY_4PM = new Date('2026-10-23T03:00:00Z')
const RESPOND_BY = new Date('2026-10-27T21:00:00Z')
const HOUR = 3_600_000

describe.each(testDatabaseKinds())('Regional Lead queue on %s', (kind) => {
  let db: Database
  let now = FRIDAY_4PM
  let deps: ServiceDeps
  const email = memoryEmailSender()
  let connector: Actor
  let intake: Actor
  let lead: Actor
  let colleague: Actor
  let aucklandLead: Actor
  let provider: Awaited<ReturnType<typeof seedProvider>>

  async function actor(role: Role, organisationId: string, regionCode?: string): Promise<Actor> {
    const { user } = await seedUser(db.prisma, { role, organisationId, regionCode })
    const org = await db.prisma.organisation.findUniqueOrThrow({ where: { id: organisationId } })
    const region = regionCode
      ? await db.prisma.region.findUniqueOrThrow({ where: { code: regionCode } })
      : null
    return userActor({ id: user.id, email: user.email, name: user.name }, 'session', [
      {
        organisationId,
        organisationName: org.name,
        organisationKind: org.kind,
        role,
        regionId: region?.id ?? null,
      },
    ])
  }
  const userId = (a: Actor) => (a.kind === 'user' ? a.user.id : '')

  beforeAll(async () => {
    db = await openTestDatabase(kind)
    deps = {
      prisma: db.prisma,
      clock: () => now,
      sessionPolicy: sessionPolicy(),
      search: createEmbeddedSearchIndex(),
    }
    await seedReferenceData(db.prisma)
    const home = await seedProvider(db.prisma, {
      name: 'Porirua Whānau Centre',
      categories: ['community-connection'],
      accreditations: [{ scheme: 'MSD_SSAS', level: 3 }],
      now,
    })
    provider = await seedProvider(db.prisma, {
      name: 'Level Three Trust',
      categories: ['community-connection'],
      accreditations: [{ scheme: 'MSD_SSAS', level: 3 }],
      now,
    })
    const msd = await seedAgency(db.prisma, { name: 'MSD' })
    connector = await actor('COMMUNITY_CONNECTOR', home.organisation.id)
    intake = await actor('PROVIDER_INTAKE', provider.organisation.id)
    lead = await actor('REGIONAL_LEAD', msd.id, '09')
    colleague = await actor('REGIONAL_LEAD', msd.id, '09')
    aucklandLead = await actor('REGIONAL_LEAD', msd.id, '02')
  })
  afterAll(async () => db?.close())

  async function sent() {
    now = FRIDAY_4PM
    const person = await recordPerson({
      deps,
      actor: connector,
      input: { givenName: 'Mere', familyName: 'Tipene', phone: '021 555 0123', regionCode: '09' },
    })
    const consent = await grantConsent({
      deps,
      actor: connector,
      input: {
        personId: person.id,
        purpose: 'Warm referral for community connection support',
        informationKinds: ['CONTACT_DETAILS'],
        recipientOrganisationIds: [provider.organisation.id],
        method: 'VERBAL',
        givenAt: new Date(now.getTime() - 60_000).toISOString(),
      },
    })
    const { referral } = await sendReferral({
      deps,
      actor: connector,
      input: {
        personId: person.id,
        consentId: consent.id,
        serviceId: provider.service.id,
        sharedInformationKinds: ['CONTACT_DETAILS'],
      },
    })
    return referral
  }

  it('an SLA breach reaches the queue exactly once: the handler run twice, by two workers at once, and after a restart', async () => {
    const referral = await sent()
    now = RESPOND_BY
    const message = {
      id: 'm',
      topic: 'referral.sla-check',
      payload: { referralId: referral.id },
    } as unknown as ClaimedMessage
    const workerA = referralHandlers({ email })['referral.sla-check']!
    const workerB = referralHandlers({ email })['referral.sla-check']!
    await Promise.all([workerA(message, deps), workerB(message, { ...deps })])
    await workerA(message, deps)
    await drainOutbox({ deps, handlers: referralHandlers({ email }) })
    await drainOutbox({ deps: { ...deps }, handlers: referralHandlers({ email }) }) // a restarted worker
    expect(await db.prisma.regionalEscalation.count({ where: { referralId: referral.id } })).toBe(1)
    const queue = await listRegionalEscalations({ deps, actor: lead })
    const item = queue.find((q) => q.referralId === referral.id)
    expect(item).toMatchObject({
      reason: 'SLA_BREACH',
      status: 'OPEN',
      reference: referral.reference,
      overdue: false,
    })
    expect(item!.acknowledgeBy).toEqual(new Date(RESPOND_BY.getTime() + ACKNOWLEDGE_WITHIN_HOURS * HOUR))
    // Arrival: one in-app notification and one email for the lead, however often the handlers ran.
    const leadUser = await db.prisma.user.findUniqueOrThrow({ where: { id: userId(lead) } })
    expect(
      await db.prisma.notification.count({
        where: { userId: leadUser.id, referralId: referral.id, kind: 'referral.sla_breached' },
      }),
    ).toBe(1)
    expect(
      email.sent.filter((m) => m.to === leadUser.email && m.subject.includes(referral.reference)),
    ).toHaveLength(1)
    // Another region's lead does not see it, and cannot act on it.
    expect(
      (await listRegionalEscalations({ deps, actor: aucklandLead })).map((q) => q.referralId),
    ).not.toContain(referral.id)
    await expect(
      acknowledgeRegionalEscalation({ deps, actor: aucklandLead, input: { escalationId: item!.id } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'escalationId' })
    await expect(listRegionalEscalations({ deps, actor: intake })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    })
    // Past the acknowledgement time it is overdue, first in the queue; the lead escalates it onward.
    now = new Date(RESPOND_BY.getTime() + (ACKNOWLEDGE_WITHIN_HOURS + 1) * HOUR)
    const overdue = await listRegionalEscalations({ deps, actor: lead, input: { open: true } })
    expect(overdue[0]).toMatchObject({ referralId: referral.id, overdue: true })
    await expect(
      escalateRegionalEscalation({
        deps,
        actor: lead,
        input: { escalationId: item!.id, reason: 'No answer from the provider' },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'onwardContact' })
    const onward = await escalateRegionalEscalation({
      deps,
      actor: lead,
      input: {
        escalationId: item!.id,
        onwardContact: 'National Community Connection lead',
        reason: 'No answer from the provider',
      },
    })
    expect(onward).toMatchObject({
      status: 'ESCALATED',
      onwardContact: 'National Community Connection lead',
      overdue: false,
    })
    expect(onward.acknowledgedAt).toEqual(now)
    now = FRIDAY_4PM
  })

  it('ten-minute contact attempts do not reach the queue; 12-hour ones do, and the lead acknowledges, assigns, notes and resolves', async () => {
    const referral = await sent()
    await actOnReferral({ deps, actor: intake, type: 'accept', input: { referralId: referral.id } })
    const start = FRIDAY_4PM
    const attempt = (minutes: number) => {
      now = new Date(start.getTime() + minutes * 60_000)
      return recordContactAttempt({
        deps,
        actor: intake,
        input: {
          referralId: referral.id,
          method: 'PHONE',
          result: 'NO_ANSWER',
          attemptedAt: now.toISOString(),
        },
      })
    }
    for (const m of [0, 10, 20]) await attempt(m)
    expect(await db.prisma.regionalEscalation.count({ where: { referralId: referral.id } })).toBe(0)
    const fourth = await attempt(12 * 60 + 1)
    expect(fourth.escalated).toBe(true)
    await attempt(12 * 60 + 30) // a fifth miss changes nothing in the queue
    await drainOutbox({ deps, handlers: referralHandlers({ email }) })
    const rows = await db.prisma.regionalEscalation.findMany({ where: { referralId: referral.id } })
    expect(rows.map((r) => r.reason)).toEqual(['CONTACT_ATTEMPTS'])
    expect(
      await db.prisma.notification.count({
        where: { userId: userId(lead), referralId: referral.id, kind: 'referral.escalated' },
      }),
    ).toBe(1)
    const id = rows[0]!.id

    const acked = await acknowledgeRegionalEscalation({ deps, actor: lead, input: { escalationId: id } })
    expect(acked).toMatchObject({ status: 'ACKNOWLEDGED', overdue: false })
    await expect(
      acknowledgeRegionalEscalation({ deps, actor: lead, input: { escalationId: id } }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(
      assignRegionalEscalation({
        deps,
        actor: lead,
        input: { escalationId: id, assigneeId: userId(aucklandLead) },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'assigneeId' })
    const assigned = await assignRegionalEscalation({
      deps,
      actor: lead,
      input: { escalationId: id, assigneeId: userId(colleague) },
    })
    expect(assigned.assignedTo?.id).toBe(userId(colleague))
    await expect(
      noteRegionalEscalation({ deps, actor: colleague, input: { escalationId: id, body: '  ' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'body' })
    const noted = await noteRegionalEscalation({
      deps,
      actor: colleague,
      input: {
        escalationId: id,
        body: 'Rang the provider; they will try the whānau at the marae on Sunday.',
      },
    })
    expect(noted.notes.map((n) => n.body)).toEqual([
      'Rang the provider; they will try the whānau at the marae on Sunday.',
    ])
    await expect(
      resolveRegionalEscalation({ deps, actor: colleague, input: { escalationId: id } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'outcome' })
    await expect(
      resolveRegionalEscalation({ deps, actor: colleague, input: { escalationId: 'nope', outcome: 'x' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'escalationId' })
    const resolved = await resolveRegionalEscalation({
      deps,
      actor: colleague,
      input: { escalationId: id, outcome: 'Person reached on Sunday; support under way.' },
    })
    expect(resolved).toMatchObject({
      status: 'RESOLVED',
      outcome: 'Person reached on Sunday; support under way.',
    })
    await expect(
      noteRegionalEscalation({ deps, actor: lead, input: { escalationId: id, body: 'late' } }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(
      (await listRegionalEscalations({ deps, actor: lead, input: { open: true } })).map((q) => q.id),
    ).not.toContain(id)
    expect(
      (await db.prisma.auditRecord.findMany({ where: { entityId: id }, orderBy: { seq: 'asc' } })).map(
        (a) => a.action,
      ),
    ).toEqual([
      'regional-escalation.acknowledge',
      'regional-escalation.assign',
      'regional-escalation.note',
      'regional-escalation.resolve',
    ])
    expect(await db.prisma.$transaction((tx) => verifyAuditChain(tx))).toBeNull()
    now = FRIDAY_4PM
  })
})
