// The accreditation registry through the use cases, on a real database (PGlite, and Postgres when
// TEST_DATABASE_URL is set), with a set clock: reminders 7 days out go once each, routing refuses
// from the New Zealand day after the last valid day, and a referral already open is not touched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionPolicy } from '@fsn/auth'
import { seedAgency, seedProvider, seedReferenceData, seedUser, type Database } from '@fsn/db'
import { openTestDatabase, testDatabaseKinds } from '@fsn/db/testing'
import { fromNzLocal, userActor, type Actor, type Role } from '@fsn/domain'
import { createEmbeddedSearchIndex } from '@fsn/search'
import type { ServiceDeps } from '../src/context'
import {
  ACCREDITATION_CHECK_TOPIC,
  accreditationHandlers,
  actOnReferral,
  checkAccreditationExpiries,
  drainOutbox,
  findAccreditations,
  grantConsent,
  importAccreditations,
  memoryEmailSender,
  recordAccreditation,
  recordPerson,
  reinstateAccreditation,
  renewAccreditation,
  revokeAccreditation,
  scheduleAccreditationExpiryCheck,
  sendReferral,
  suspendAccreditation,
  verifyAuditChain,
} from '../src/index'

describe.each(testDatabaseKinds())('accreditation registry on %s', (kind) => {
  let db: Database
  // Tuesday 8 December 2026, 09:00 NZDT.
  let now = fromNzLocal('2026-12-08 09:00')
  let deps: ServiceDeps
  const email = memoryEmailSender()
  const handlers = accreditationHandlers({ email })

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

  let admin: Actor
  let providerAdmin: Actor
  let commissioner: Actor
  let otherCommissioner: Actor
  let connector: Actor
  let intake: Actor
  let provider: Awaited<ReturnType<typeof seedProvider>>
  let home: Awaited<ReturnType<typeof seedProvider>>
  const drain = () => drainOutbox({ deps, handlers })

  beforeAll(async () => {
    db = await openTestDatabase(kind)
    deps = {
      prisma: db.prisma,
      clock: () => now,
      sessionPolicy: sessionPolicy(),
      search: createEmbeddedSearchIndex(),
    }
    await seedReferenceData(db.prisma)
    provider = await seedProvider(db.prisma, {
      name: 'Kāpiti Whānau Trust',
      categories: ['community-connection'],
      accreditations: [],
      now,
    })
    home = await seedProvider(db.prisma, {
      name: 'Porirua Connectors',
      categories: ['community-connection'],
      accreditations: [{ scheme: 'MSD_SSAS', level: 3 }],
      now,
    })
    const msd = await seedAgency(db.prisma, { name: 'MSD' })
    admin = await actor('NATIONAL_ADMIN', msd.id)
    providerAdmin = await actor('PROVIDER_ADMIN', provider.organisation.id)
    commissioner = await actor('REGIONAL_COMMISSIONER', msd.id, '09')
    otherCommissioner = await actor('REGIONAL_COMMISSIONER', msd.id, '02')
    connector = await actor('COMMUNITY_CONNECTOR', home.organisation.id)
    intake = await actor('PROVIDER_INTAKE', provider.organisation.id)
  }, 120_000)
  afterAll(async () => db?.close())

  const emailOf = (a: Actor) => (a.kind === 'user' ? a.user.email : '')
  let accreditationId = ''

  it('only a national administrator records; bad input names the field', async () => {
    const input = {
      organisationId: provider.organisation.id,
      scheme: 'MSD_SSAS',
      level: 3,
      validFrom: '2025-12-16',
      validTo: '2026-12-15',
      evidenceNote: 'MSD accreditation letter, 10 Dec 2025',
    }
    await expect(recordAccreditation({ deps, actor: providerAdmin, input })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    })
    await expect(recordAccreditation({ deps, actor: commissioner, input })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    })
    await expect(
      recordAccreditation({ deps, actor: admin, input: { ...input, level: 7 } }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'level',
    })
    await expect(
      recordAccreditation({
        deps,
        actor: admin,
        input: { ...input, organisationId: '0190a0b0-0000-7000-8000-000000000009' },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'organisationId' })
    const view = await recordAccreditation({ deps, actor: admin, input })
    accreditationId = view.id
    expect(view).toMatchObject({
      status: 'ACTIVE',
      level: 3,
      validTo: '2026-12-15',
      expired: false,
      expiresSoon: true,
    })
    expect(view.history).toEqual([
      expect.objectContaining({ action: 'accreditation.record', evidenceNote: input.evidenceNote }),
    ])
  })

  it('an accreditation expiring in 7 days reminds the provider admin and the region commissioner once each', async () => {
    expect(await scheduleAccreditationExpiryCheck(deps)).toBe(true)
    expect(await scheduleAccreditationExpiryCheck(deps)).toBe(false) // one pending check at a time
    await drain() // the check: enqueues the reminder and the next day's check
    await drain() // the reminder
    const to = email.sent.map((m) => m.to).sort()
    expect(to).toEqual([emailOf(commissioner), emailOf(providerAdmin)].sort())
    expect(email.sent[0]?.subject).toMatch(/7 days/)
    expect(email.sent[0]?.text).toMatch(/15 December 2026|15\/12\/2026|15 Dec 2026/)
    expect(email.sent.map((m) => m.to)).not.toContain(emailOf(otherCommissioner))
    const notes = await db.prisma.notification.findMany({ where: { kind: 'accreditation.expiring' } })
    expect(notes).toHaveLength(2)

    // Again, and the next day: nothing new (same accreditation, expiry and threshold).
    expect(await checkAccreditationExpiries({ deps })).toEqual({ enqueued: 0 })
    now = fromNzLocal('2026-12-09 06:00')
    await drain()
    await drain()
    expect(email.sent).toHaveLength(2)
    expect(await db.prisma.notification.count({ where: { kind: 'accreditation.expiring' } })).toBe(2)
    // The next check is scheduled for 06:00 NZ the following day.
    const pending = await db.prisma.outboxMessage.findMany({
      where: { topic: ACCREDITATION_CHECK_TOPIC, processedAt: null },
    })
    expect(pending.map((m) => m.availableAt)).toEqual([fromNzLocal('2026-12-10 06:00')])
  })

  it('routing holds on the last day, refuses from the NZ day after; a referral already open is not touched', async () => {
    now = fromNzLocal('2026-12-15 23:30')
    const person = await recordPerson({
      deps,
      actor: connector,
      input: {
        givenName: 'Mere',
        familyName: 'Tipene',
        phone: '021 555 0123',
        regionCode: '09',
        needsSummary: 'Needs kai',
      },
    })
    const consent = await grantConsent({
      deps,
      actor: connector,
      input: {
        personId: person.id,
        purpose: 'Warm referral for community connection support',
        informationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'],
        recipientOrganisationIds: [provider.organisation.id],
        method: 'VERBAL',
        givenAt: new Date(now.getTime() - 60_000).toISOString(),
      },
    })
    const send = () =>
      sendReferral({
        deps,
        actor: connector,
        input: {
          personId: person.id,
          consentId: consent.id,
          serviceId: provider.service.id,
          sharedInformationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'],
        },
      })
    const { referral } = await send()
    expect(referral.status).toBe('SENT')

    now = fromNzLocal('2026-12-16 00:00')
    const err = await send().catch((e) => e)
    expect(err).toMatchObject({ code: 'ROUTING_REFUSED' })
    expect(err.details).toEqual([expect.objectContaining({ code: 'ACCREDITATION_EXPIRED' })])
    // The open referral: still SENT, and its provider can still accept it.
    expect((await db.prisma.referral.findUniqueOrThrow({ where: { id: referral.id } })).status).toBe('SENT')
    await actOnReferral({ deps, actor: intake, type: 'accept', input: { referralId: referral.id } })
    expect((await db.prisma.referral.findUniqueOrThrow({ where: { id: referral.id } })).status).toBe(
      'ACCEPTED',
    )
  })

  it('renew, suspend, reinstate, revoke: each audited, refused when not open, the chain intact', async () => {
    now = fromNzLocal('2026-12-16 09:00')
    const renewed = await renewAccreditation({
      deps,
      actor: admin,
      input: { id: accreditationId, validTo: '2027-12-15', evidenceNote: 'Renewal letter' },
    })
    expect(renewed).toMatchObject({ validTo: '2027-12-15', expired: false, expiresSoon: false })
    await expect(
      renewAccreditation({
        deps,
        actor: admin,
        input: { id: accreditationId, validTo: '2027-12-15', level: 9, evidenceNote: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'level' })
    await expect(
      renewAccreditation({ deps, actor: admin, input: { id: 'nope', validTo: null, evidenceNote: 'x' } }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'id',
    })
    await expect(
      suspendAccreditation({ deps, actor: providerAdmin, input: { id: accreditationId, evidenceNote: 'x' } }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    })
    await expect(
      suspendAccreditation({ deps, actor: admin, input: { id: accreditationId } }),
    ).rejects.toMatchObject({
      field: 'evidenceNote',
    })
    expect(
      (
        await suspendAccreditation({
          deps,
          actor: admin,
          input: { id: accreditationId, evidenceNote: 'Complaint under review' },
        })
      ).status,
    ).toBe('SUSPENDED')
    await expect(
      renewAccreditation({
        deps,
        actor: admin,
        input: { id: accreditationId, validTo: '2028-12-15', evidenceNote: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(
      (
        await reinstateAccreditation({
          deps,
          actor: admin,
          input: { id: accreditationId, evidenceNote: 'Review closed' },
        })
      ).status,
    ).toBe('ACTIVE')
    const revoked = await revokeAccreditation({
      deps,
      actor: admin,
      input: { id: accreditationId, evidenceNote: 'Standards not met' },
    })
    expect(revoked.status).toBe('REVOKED')
    expect(revoked.history.map((h) => h.action)).toEqual([
      'accreditation.record',
      'accreditation.renew',
      'accreditation.suspend',
      'accreditation.reinstate',
      'accreditation.revoke',
    ])
    await expect(
      revokeAccreditation({ deps, actor: admin, input: { id: accreditationId, evidenceNote: 'again' } }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    expect(await db.prisma.$transaction((tx) => verifyAuditChain(tx))).toBeNull()
  })

  it('a reminder enqueued before a suspension sends nothing; a suspended accreditation is not checked', async () => {
    const a = await recordAccreditation({
      deps,
      actor: admin,
      input: {
        organisationId: home.organisation.id,
        scheme: 'TE_KAHUI_KAHU',
        level: 1,
        validFrom: '2026-01-01',
        validTo: '2027-01-20',
        evidenceNote: 'TKK certificate',
      },
    })
    now = fromNzLocal('2026-12-22 09:00') // 29 days before 20 January
    expect(await checkAccreditationExpiries({ deps })).toEqual({ enqueued: 1 })
    await suspendAccreditation({ deps, actor: admin, input: { id: a.id, evidenceNote: 'Audit pending' } })
    const before = email.sent.length
    await drain()
    expect(email.sent.length).toBe(before) // suspended meanwhile: the reminder says nothing true
    expect(await checkAccreditationExpiries({ deps })).toEqual({ enqueued: 0 })
  })

  it('CSV: the dry run says per row what would happen and writes nothing; the run does it', async () => {
    now = fromNzLocal('2026-12-22 10:00')
    const org = provider.organisation.id
    const csv = [
      'organisationId,scheme,level,status,validFrom,validTo,evidenceNote',
      `${org},MSD_SSAS,3,,2026-12-16,2027-12-15,Bulk load`,
      `${org},OT_S396,2,,2026-01-01,,s396 approval`,
      `${home.organisation.id},TE_KAHUI_KAHU,2,,2026-01-01,2027-06-30,bulk`,
      `0190a0b0-0000-7000-8000-000000000009,MSD_SSAS,3,,2026-01-01,,x`,
    ].join('\n')
    const before = await db.prisma.accreditation.count()
    const dry = await importAccreditations({ deps, actor: admin, input: { csv, dryRun: true } })
    expect(dry.rows.map((r) => [r.line, r.outcome, r.field])).toEqual([
      [2, 'create', null], // the earlier one was revoked
      [3, 'refused', 'level'],
      [4, 'refused', 'status'], // suspended
      [5, 'refused', 'organisationId'],
    ])
    expect(await db.prisma.accreditation.count()).toBe(before)
    const real = await importAccreditations({ deps, actor: admin, input: { csv, dryRun: false } })
    expect(real.counts).toEqual({ create: 1, update: 0, unchanged: 0, refused: 3 })
    expect(await db.prisma.accreditation.count()).toBe(before + 1)
    const again = await importAccreditations({ deps, actor: admin, input: { csv, dryRun: true } })
    expect(again.rows[0]?.outcome).toBe('unchanged')
    const changed = csv.replace('2027-12-15,Bulk load', '2028-12-15,Bulk load')
    expect(
      (await importAccreditations({ deps, actor: admin, input: { csv: changed, dryRun: true } })).rows[0]
        ?.outcome,
    ).toBe('update')
    await expect(
      importAccreditations({ deps, actor: admin, input: { csv: 'a,b\n', dryRun: true } }),
    ).rejects.toMatchObject({ field: 'csv' })
    await expect(importAccreditations({ deps, actor: admin, input: { csv } })).rejects.toMatchObject({
      field: 'dryRun',
    })
    await expect(
      importAccreditations({ deps, actor: providerAdmin, input: { csv, dryRun: true } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })
    const list = await findAccreditations({ deps, actor: admin, input: { organisationId: org } })
    expect(list.items.map((i) => i.status).sort()).toEqual(['ACTIVE', 'REVOKED'])
    await expect(findAccreditations({ deps, actor: intake, input: {} })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    })
  })
})
