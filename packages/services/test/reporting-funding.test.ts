// Interaction records, the weekly de-identified report and the discretionary fund through the use
// cases, on a real database (PGlite, and Postgres when TEST_DATABASE_URL is set).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionPolicy } from '@fsn/auth'
import { seedAgency, seedProvider, seedReferenceData, seedUser, type Database } from '@fsn/db'
import { openTestDatabase, testDatabaseKinds } from '@fsn/db/testing'
import { detectPii, isAppError, userActor, type Actor, type Role } from '@fsn/domain'
import { createEmbeddedSearchIndex } from '@fsn/search'
import type { ServiceDeps } from '../src/context'
import {
  allocateFund,
  amendInteractionNotes,
  exportWeeklyReport,
  findInteractions,
  getWeeklyReportStatus,
  rebuildSearchIndex,
  recordInteraction,
  requestGrant,
  submitWeeklyReport,
  verifyAuditChain,
} from '../src/index'

// Week 2026-W43 runs Monday 19 to Sunday 25 October 2026; Monday 26 October is Labour Day.
const WEEK = '2026-W43'
const WED = new Date('2026-10-20T21:00:00.000Z') // Wednesday 21 October, 10:00 NZDT
const RECORDS = {
  checkWhatYouMightGet: { done: true, at: '2026-10-20T19:00:00.000Z', outcome: 'NOT_ELIGIBLE' },
  caseManagerConfirmation: { name: 'Sina Faleolo', at: '2026-10-20T20:00:00.000Z' },
}

async function failure(p: Promise<unknown>) {
  try {
    await p
  } catch (e) {
    if (isAppError(e)) return { code: e.code, field: e.field, message: e.message }
    throw e
  }
  throw new Error('expected the call to fail')
}

describe.each(testDatabaseKinds())('interactions, weekly report and discretionary fund on %s', (kind) => {
  let db: Database
  let now = WED
  let deps: ServiceDeps
  let connector: Actor
  let otherConnector: Actor
  let intake: Actor
  let admin: Actor
  let connectorUserId: string
  const people: { id: string; names: string[] }[] = []

  async function actor(role: Role, organisationId: string) {
    const { user } = await seedUser(db.prisma, { role, organisationId })
    const org = await db.prisma.organisation.findUniqueOrThrow({ where: { id: organisationId } })
    return {
      userId: user.id,
      actor: userActor({ id: user.id, email: user.email, name: user.name }, 'session', [
        { organisationId, organisationName: org.name, organisationKind: org.kind, role, regionId: null },
      ]),
    }
  }

  const counts = async () => ({
    interactions: await db.prisma.interaction.count(),
    grants: await db.prisma.grantRequest.count(),
    ledger: await db.prisma.fundLedgerEntry.count(),
    funds: await db.prisma.connectorFund.count(),
    reports: await db.prisma.weeklyReport.count(),
    audit: await db.prisma.auditRecord.count(),
  })

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
      name: 'Te Aro Community Connectors',
      territorialAuthorityCode: '047',
      categories: ['community-connection'],
      accreditations: [{ scheme: 'MSD_SSAS', level: 3 }],
      now,
    })
    await seedProvider(db.prisma, {
      name: 'Newtown Kai Collective',
      territorialAuthorityCode: '047',
      categories: ['food'],
      now,
    })
    const other = await seedProvider(db.prisma, { name: 'Hutt Valley Whānau Services', now })
    const msd = await seedAgency(db.prisma, { name: 'Ministry of Social Development' })
    await rebuildSearchIndex({ deps })
    const c = await actor('COMMUNITY_CONNECTOR', home.organisation.id)
    connector = c.actor
    connectorUserId = c.userId
    otherConnector = (await actor('COMMUNITY_CONNECTOR', other.organisation.id)).actor
    intake = (await actor('PROVIDER_INTAKE', home.organisation.id)).actor
    admin = (await actor('NATIONAL_ADMIN', msd.id)).actor
    const region = await db.prisma.region.findUniqueOrThrow({ where: { code: '09' } })
    const ta = await db.prisma.territorialAuthority.findUniqueOrThrow({ where: { code: '047' } })
    const seeded = [
      { givenName: 'Aroha', familyName: 'Ngata', whanau: ['Tāmati Ngata', 'Mere Ngata'] },
      { givenName: 'Losa', familyName: 'Faleolo', whanau: [] },
      { givenName: 'Wiremu', familyName: 'Parata', whanau: ['Hine Parata'] },
    ]
    for (const s of seeded) {
      const person = await db.prisma.person.create({
        data: {
          givenName: s.givenName,
          familyName: s.familyName,
          dateOfBirth: new Date('1985-03-12T00:00:00Z'),
          phone: '021 555 0199',
          email: `${s.givenName.toLowerCase()}@example.nz`,
          addressLine: '12 Queen Street, Te Aro',
          regionId: region.id,
          territorialAuthorityId: ta.id,
          recordedByOrganisationId: home.organisation.id,
          recordedById: connectorUserId,
          whanau: { create: s.whanau.map((name) => ({ name, relationship: 'tamaiti', dependent: true })) },
        },
      })
      people.push({ id: person.id, names: [s.givenName, s.familyName, ...s.whanau] })
    }
  })
  afterAll(async () => db?.close())

  it('records interactions, flags one not recorded on the day, and finds them by week', async () => {
    const notes = ['Talked through the power bill options.', 'Referred on for budgeting help.', null]
    for (const [i, person] of people.entries()) {
      const r = await recordInteraction({
        deps,
        actor: connector,
        input: {
          personId: person.id,
          occurredAt: '2026-10-20T20:00:00.000Z',
          method: 'PHONE',
          needCategories: ['utility-bills', 'food'],
          referredCategories: ['financial-mentoring'],
          outcome: 'REFERRED',
          ...(notes[i] ? { notes: notes[i] } : {}),
        },
      })
      expect(r.recordedSameDay).toBe(true)
      expect(r.notesExportable).toBe(true)
    }
    // Two days later: accepted, flagged (Guidelines: same day is asked for, not required).
    now = new Date('2026-10-22T21:00:00.000Z')
    const late = await recordInteraction({
      deps,
      actor: connector,
      input: {
        personId: people[1]!.id,
        occurredAt: '2026-10-19T22:00:00.000Z',
        method: 'VISIT',
        needCategories: ['housing-support'],
      },
    })
    expect(late.recordedSameDay).toBe(false)
    expect(late.interaction.reportWeek).toBe(WEEK)
    const found = await findInteractions({ deps, actor: connector, input: { week: '2026-10-19' } })
    expect(found).toHaveLength(4)
    expect(await findInteractions({ deps, actor: otherConnector, input: { week: WEEK } })).toHaveLength(0)
  })

  it('exports the seeded week with no personal information in it', async () => {
    const result = await exportWeeklyReport({ deps, actor: connector, input: { week: WEEK } })
    if (!result.exportable) throw new Error(JSON.stringify(result.blocked))
    expect(result.interactions).toHaveLength(4)
    const knownNames = people.flatMap((p) => p.names)
    for (const text of [result.csv.interactions, result.csv.grants, JSON.stringify(result.interactions)]) {
      expect(detectPii(text, { knownNames })).toEqual([])
      for (const value of [
        '021 555 0199',
        'Queen Street',
        '1985',
        '@example.nz',
        ...people.map((p) => p.id),
      ]) {
        expect(text).not.toContain(value)
      }
    }
    expect(result.csv.interactions.split('\r\n')[0]).toBe(
      'reportWeek,regionCode,territorialAuthorityCode,ageBand,whanauSize,method,needCategories,referredCategories,recordedSameDay,notes',
    )
    expect(result.interactions.map((r) => r.ageBand)).toEqual(['40-64', '40-64', '40-64', '40-64'])
    expect(result.interactions.filter((r) => !r.recordedSameDay)).toHaveLength(1)
  })

  it('is due Tuesday 17:00 when the Monday after the week is a public holiday (Labour Day)', async () => {
    now = new Date('2026-10-26T03:00:00.000Z') // Labour Day, 16:00 NZDT
    const s = await getWeeklyReportStatus({ deps, actor: connector, input: { week: WEEK } })
    expect(s.dueAt.toISOString()).toBe('2026-10-27T04:00:00.000Z') // Tuesday 27 October, 17:00 NZDT
    expect(s).toMatchObject({ status: 'due', inProgress: false, interactionCount: 4, notSameDayCount: 1 })
    // The default is the last complete week.
    expect((await getWeeklyReportStatus({ deps, actor: connector, input: {} })).week).toBe(WEEK)
    now = new Date('2026-10-27T04:00:00.000Z')
    expect((await getWeeklyReportStatus({ deps, actor: connector, input: { week: WEEK } })).status).toBe(
      'overdue',
    )
    // An ordinary week: Monday 17:00.
    const next = await getWeeklyReportStatus({ deps, actor: connector, input: { week: '2026-W44' } })
    expect(next.dueAt.toISOString()).toBe('2026-11-02T04:00:00.000Z')
  })

  it('blocks the export while a note holds personal information, with the reason per record', async () => {
    now = new Date('2026-10-28T21:00:00.000Z')
    const flagged = await recordInteraction({
      deps,
      actor: connector,
      input: {
        personId: people[0]!.id,
        occurredAt: '2026-10-28T20:00:00.000Z',
        method: 'PHONE',
        needCategories: ['food'],
        notes: 'Tāmati will call back on 021 555 0199 after school.',
      },
    })
    expect(flagged.notesExportable).toBe(false)
    const result = await exportWeeklyReport({ deps, actor: connector, input: { week: '2026-W44' } })
    expect(result.exportable).toBe(false)
    if (result.exportable) return
    expect(result.blocked).toHaveLength(1)
    expect(result.blocked[0]!.interactionId).toBe(flagged.interaction.id)
    expect(result.blocked[0]!.reasons.join(' ')).toMatch(/phone number/)
    expect(result.blocked[0]!.reasons.join(' ')).toMatch(/name of the person or whānau on record: Tāmati/)
    now = new Date('2026-11-02T01:00:00.000Z')
    const before = await counts()
    expect(
      await failure(submitWeeklyReport({ deps, actor: connector, input: { week: '2026-W44' } })),
    ).toMatchObject({
      code: 'CONFLICT',
      field: 'notes',
    })
    expect(await counts()).toEqual(before)
  })

  it('submits a complete week once, late after the deadline', async () => {
    const report = await submitWeeklyReport({ deps, actor: connector, input: { week: WEEK } })
    expect(report).toMatchObject({ week: WEEK, late: true, interactionCount: 4 })
    expect((await getWeeklyReportStatus({ deps, actor: connector, input: { week: WEEK } })).status).toBe(
      'submitted',
    )
    expect(
      await failure(submitWeeklyReport({ deps, actor: connector, input: { week: WEEK } })),
    ).toMatchObject({
      code: 'CONFLICT',
    })
    expect(
      await failure(submitWeeklyReport({ deps, actor: connector, input: { week: '2026-W45' } })),
    ).toMatchObject({
      code: 'CONFLICT',
      field: 'week',
    })
  })

  it('rewords a flagged note so the export passes; other organisations 403, unknown 404, submitted week 409', async () => {
    const blocked = await exportWeeklyReport({ deps, actor: connector, input: { week: '2026-W44' } })
    if (blocked.exportable) throw new Error('expected 2026-W44 to be blocked')
    const interactionId = blocked.blocked[0]!.interactionId
    const before = await counts()
    // Another organisation's connector, and a role that does not report: 403, nothing written.
    expect(
      await failure(
        amendInteractionNotes({ deps, actor: otherConnector, input: { interactionId, notes: 'x' } }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' })
    expect(
      await failure(amendInteractionNotes({ deps, actor: intake, input: { interactionId, notes: 'x' } })),
    ).toMatchObject({ code: 'FORBIDDEN' })
    expect(
      await failure(
        amendInteractionNotes({
          deps,
          actor: connector,
          input: { interactionId: '00000000-0000-4000-8000-000000000000', notes: 'x' },
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' })
    expect(
      await failure(
        amendInteractionNotes({ deps, actor: connector, input: { interactionId: 'nope', notes: 'x' } }),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'interactionId' })
    expect(await counts()).toEqual(before)

    // Still flagged: saved, with the reasons, and the export stays blocked.
    const still = await amendInteractionNotes({
      deps,
      actor: connector,
      input: { interactionId, notes: 'Call back on 021 555 0199 after school.' },
    })
    expect(still.notesExportable).toBe(false)
    expect(still.notesReasons.join(' ')).toMatch(/phone number/)
    expect(
      (await exportWeeklyReport({ deps, actor: connector, input: { week: '2026-W44' } })).exportable,
    ).toBe(false)

    const reworded = await amendInteractionNotes({
      deps,
      actor: connector,
      input: { interactionId, notes: '  A family member will call back after school.  ' },
    })
    expect(reworded).toMatchObject({ notesExportable: true, notesReasons: [] })
    expect(reworded.interaction.notes).toBe('A family member will call back after school.')
    const result = await exportWeeklyReport({ deps, actor: connector, input: { week: '2026-W44' } })
    if (!result.exportable) throw new Error(JSON.stringify(result.blocked))
    const knownNames = people.flatMap((p) => p.names)
    for (const text of [result.csv.interactions, JSON.stringify(result.interactions)]) {
      expect(detectPii(text, { knownNames })).toEqual([])
    }
    // The audit holds the check results, never the text.
    const audits = await db.prisma.auditRecord.findMany({
      where: { action: 'interaction.amend-notes', entityId: interactionId },
      orderBy: { occurredAt: 'asc' },
    })
    expect(audits).toHaveLength(2)
    expect(audits.map((a) => a.data)).toEqual([
      {
        reportWeek: '2026-W44',
        before: { exportable: false, reasonCount: 2 },
        after: { exportable: false, reasonCount: 1 },
      },
      {
        reportWeek: '2026-W44',
        before: { exportable: false, reasonCount: 1 },
        after: { exportable: true, reasonCount: 0 },
      },
    ])
    expect(JSON.stringify(audits, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toMatch(
      /021 555|Tāmati|family member/,
    )

    // 2026-W43 was submitted: its records stay as they were sent.
    const [sent] = await findInteractions({ deps, actor: connector, input: { week: WEEK } })
    const submittedBefore = await counts()
    expect(
      await failure(
        amendInteractionNotes({
          deps,
          actor: connector,
          input: { interactionId: sent!.id, notes: 'Changed.' },
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already submitted/) })
    expect(await counts()).toEqual(submittedBefore)
    expect(await verifyAuditChain(db.prisma)).toBeNull()
  })

  it('rewording and Submit racing on one week never both succeed: the report holds what was checked', async () => {
    // Without a per-week lock, Submit could build the report from the old note while a rewording
    // into a flagged note commits beside it: both would succeed and the submitted week would hold
    // a note the check never saw. Six weeks, each raced once (real concurrency on Postgres).
    const then = now
    now = new Date('2026-12-28T01:00:00.000Z')
    const weeks = ['2026-W46', '2026-W47', '2026-W48', '2026-W49', '2026-W50', '2026-W51']
    const mondays = ['2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30', '2026-12-07', '2026-12-14']
    for (const [i, week] of weeks.entries()) {
      const recorded = await recordInteraction({
        deps,
        actor: connector,
        input: {
          personId: people[1]!.id,
          occurredAt: `${mondays[i]}T22:00:00.000Z`,
          method: 'PHONE',
          needCategories: ['food'],
          notes: 'Talked through budgeting options.',
        },
      })
      const [amend, submit] = await Promise.allSettled([
        amendInteractionNotes({
          deps,
          actor: connector,
          input: { interactionId: recorded.interaction.id, notes: 'Call Losa back on 021 555 0199.' },
        }),
        submitWeeklyReport({ deps, actor: connector, input: { week } }),
      ])
      expect([amend.status, submit.status], week).not.toEqual(['fulfilled', 'fulfilled'])
      const report = await db.prisma.weeklyReport.findUnique({
        where: { organisationId_week: { organisationId: recorded.interaction.organisationId, week } },
      })
      const row = await db.prisma.interaction.findUniqueOrThrow({ where: { id: recorded.interaction.id } })
      if (report) expect(row.notes, week).toBe('Talked through budgeting options.')
      else expect(row.notes, week).toMatch(/021 555 0199/)
    }
    now = then
  })

  it('allocates a fund and refuses a food grant with the reason and a directory suggestion', async () => {
    const fund = await allocateFund({
      deps,
      actor: admin,
      input: { connectorId: connectorUserId, amountCents: 60_000 },
    })
    expect(fund).toMatchObject({ allocatedCents: 60_000, balanceCents: 60_000 })
    const food = await requestGrant({
      deps,
      actor: connector,
      input: { personId: people[0]!.id, category: 'FOOD', amountCents: 5_000, eligibility: RECORDS },
    })
    expect(food.approved).toBe(false)
    if (food.approved) return
    expect(food.reasons.map((r) => r.code)).toEqual(['FORBIDDEN_CATEGORY'])
    expect(food.reasons[0]!.message).toMatch(
      /cannot be used for food.*Work and Income office or a nearby Community Food Provider/,
    )
    expect(food.suggestion).toBe('WORK_AND_INCOME_OR_FOOD_PROVIDER')
    expect(food.suggestedServices.map((s) => s.organisationName)).toContain('Newtown Kai Collective')
    expect(food.suggestedServices[0]!.taName).toBe('Wellington City')
    const row = await db.prisma.grantRequest.findUniqueOrThrow({ where: { id: food.grantRequestId } })
    expect(row.status).toBe('REFUSED')
    expect(
      (await db.prisma.connectorFund.findUniqueOrThrow({ where: { connectorId: connectorUserId } }))
        .balanceCents,
    ).toBe(60_000)
  })

  it('two concurrent grants that together exceed the balance: one is paid, one refused, balance >= 0', async () => {
    const ask = () =>
      requestGrant({
        deps,
        actor: connector,
        input: {
          personId: people[1]!.id,
          category: 'UTILITY_POWER',
          amountCents: 40_000,
          eligibility: RECORDS,
        },
      })
    const results = await Promise.all([ask(), ask()])
    expect(results.filter((r) => r.approved)).toHaveLength(1)
    const refused = results.find((r) => !r.approved)
    expect(refused && !refused.approved ? refused.reasons.map((r) => r.code) : []).toEqual([
      'INSUFFICIENT_BALANCE',
    ])
    const fund = await db.prisma.connectorFund.findUniqueOrThrow({
      where: { connectorId: connectorUserId },
      include: { ledger: true },
    })
    expect(fund.balanceCents).toBe(20_000)
    expect(fund.balanceCents).toBeGreaterThanOrEqual(0)
    expect(fund.ledger.reduce((s, e) => s + e.amountCents, 0)).toBe(fund.balanceCents)
    // The grant shows in its week's export by category and amount only.
    const exported = await exportWeeklyReport({ deps, actor: connector, input: { week: '2026-W45' } })
    expect(exported.exportable && exported.grants).toEqual([
      { reportWeek: '2026-W45', category: 'UTILITY_POWER', amountCents: 40_000 },
    ])
    expect(await verifyAuditChain(db.prisma)).toBeNull()
  })

  it('six concurrent grants against a balance that covers five: five paid, one refused, balance exactly zero', async () => {
    await allocateFund({ deps, actor: admin, input: { connectorId: connectorUserId, amountCents: 30_000 } })
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        requestGrant({
          deps,
          actor: connector,
          input: {
            personId: people[2]!.id,
            category: 'HOUSEHOLD_BLANKETS',
            amountCents: 10_000,
            eligibility: RECORDS,
          },
        }),
      ),
    )
    expect(results.filter((r) => r.approved)).toHaveLength(5)
    const fund = await db.prisma.connectorFund.findUniqueOrThrow({
      where: { connectorId: connectorUserId },
      include: { ledger: true },
    })
    expect(fund.balanceCents).toBe(0)
    expect(fund.allocatedCents).toBe(90_000)
    expect(fund.ledger.reduce((s, e) => s + e.amountCents, 0)).toBe(0)
  })

  it('refuses the wrong role (403) and bad input (400 naming the field), writing nothing', async () => {
    const before = await counts()
    const interaction = {
      personId: people[0]!.id,
      occurredAt: '2026-11-01T20:00:00.000Z',
      method: 'PHONE',
      needCategories: ['food'],
    }
    expect(await failure(recordInteraction({ deps, actor: intake, input: interaction }))).toMatchObject({
      code: 'FORBIDDEN',
    })
    expect(await failure(recordInteraction({ deps, actor: admin, input: interaction }))).toMatchObject({
      code: 'FORBIDDEN',
    })
    expect(await failure(exportWeeklyReport({ deps, actor: intake, input: { week: WEEK } }))).toMatchObject({
      code: 'FORBIDDEN',
    })
    expect(await failure(requestGrant({ deps, actor: intake, input: {} }))).toMatchObject({
      code: 'FORBIDDEN',
    })
    expect(
      await failure(
        allocateFund({ deps, actor: connector, input: { connectorId: connectorUserId, amountCents: 1 } }),
      ),
    ).toMatchObject({
      code: 'FORBIDDEN',
    })
    // Another organisation's connector cannot record against our person.
    expect(
      await failure(recordInteraction({ deps, actor: otherConnector, input: interaction })),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'personId',
    })
    expect(
      await failure(
        recordInteraction({
          deps,
          actor: connector,
          input: { ...interaction, needCategories: ['groceries'] },
        }),
      ),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'needCategories.0',
    })
    expect(
      await failure(recordInteraction({ deps, actor: connector, input: { ...interaction, method: 'FAX' } })),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'method',
    })
    expect(
      await failure(
        recordInteraction({
          deps,
          actor: connector,
          input: { ...interaction, occurredAt: '2027-01-01T00:00:00.000Z' },
        }),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'occurredAt' })
    expect(
      await failure(
        requestGrant({
          deps,
          actor: connector,
          input: {
            personId: people[0]!.id,
            category: 'RENT_ARREARS',
            amountCents: 12.5,
            eligibility: RECORDS,
          },
        }),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'amountCents' })
    expect(
      await failure(
        allocateFund({ deps, actor: admin, input: { connectorId: connectorUserId, amountCents: -5 } }),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'amountCents' })
    expect(
      await failure(exportWeeklyReport({ deps, actor: connector, input: { week: '2026-10-20' } })),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'week',
    })
    expect(await counts()).toEqual(before)
  })
})
