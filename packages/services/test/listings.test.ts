// Provider listings end to end through the use cases, on a real database (PGlite, and Postgres
// when TEST_DATABASE_URL is set): own-organisation edits, moderation, optimistic concurrency,
// validation, verification and freshness. Actors are built as the transports build them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { sessionPolicy } from '@fsn/auth'
import { seedAgency, seedProvider, seedReferenceData, seedUser, type Database, type PrismaClient } from '@fsn/db'
import { openTestDatabase, testDatabaseKinds } from '@fsn/db/testing'
import { ANONYMOUS, isAppError, userActor, type Actor, type Role } from '@fsn/domain'
import { createEmbeddedSearchIndex, loadSettings } from '@fsn/search'
import type { ServiceDeps } from '../src/context'
import {
  createServiceListing,
  findListingChanges,
  findMyListings,
  getOrganisationListing,
  getServiceListing,
  updateLocation,
  updateOrganisationListing,
  updateServiceListing,
  verifyAuditChain,
  verifyListing,
} from '../src/index'

const DAY = 86_400_000
const NOW = new Date('2026-11-22T20:00:00.000Z')

/** The AppError a call fails with, as { code, field, message }. */
async function failure(p: Promise<unknown>) {
  try {
    await p
  } catch (e) {
    if (isAppError(e)) return { code: e.code, field: e.field, message: e.message }
    throw e
  }
  throw new Error('expected the call to fail')
}

describe.each(testDatabaseKinds())('provider listings on %s', (kind) => {
  let db: Database
  let now = NOW
  let deps: ServiceDeps

  async function actor(role: Role, organisationId: string): Promise<Actor> {
    const { user } = await seedUser(db.prisma, { role, organisationId })
    const org = await db.prisma.organisation.findUniqueOrThrow({ where: { id: organisationId } })
    return userActor({ id: user.id, email: user.email, name: user.name }, 'session', [
      { organisationId, organisationName: org.name, organisationKind: org.kind, role, regionId: null },
    ])
  }

  let home: Awaited<ReturnType<typeof seedProvider>>
  let other: Awaited<ReturnType<typeof seedProvider>>
  let msdId: string
  let providerAdmin: Actor
  let intake: Actor
  let otherAdmin: Actor
  let moderator: Actor

  beforeAll(async () => {
    db = await openTestDatabase(kind)
    deps = { prisma: db.prisma, clock: () => now, sessionPolicy: sessionPolicy(), search: createEmbeddedSearchIndex() }
    await seedReferenceData(db.prisma)
    home = await seedProvider(db.prisma, {
      name: 'Porirua Whānau Centre',
      territorialAuthorityCode: '044',
      categories: ['food', 'financial-mentoring'],
      accreditations: [{ scheme: 'MSD_SSAS', level: 3 }],
      now,
    })
    other = await seedProvider(db.prisma, { name: 'Hutt Kai Collective', now })
    msdId = (await seedAgency(db.prisma, { name: 'Ministry of Social Development' })).id
    providerAdmin = await actor('PROVIDER_ADMIN', home.organisation.id)
    intake = await actor('PROVIDER_INTAKE', home.organisation.id)
    otherAdmin = await actor('PROVIDER_ADMIN', other.organisation.id)
    moderator = await actor('NATIONAL_ADMIN', msdId)
  })
  afterAll(async () => db?.close())
  // Each test a minute later, so "the latest outbox message" is the one the test wrote.
  beforeEach(() => {
    now = new Date(now.getTime() + 60_000)
  })

  const userId = (a: Actor) => (a.kind === 'user' ? a.user.id : '')
  const version = async (table: 'service' | 'organisation' | 'location', id: string) => {
    const delegate = db.prisma[table] as unknown as PrismaClient['service']
    return (await delegate.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } })).updatedAt.toISOString()
  }
  const counts = async () => ({
    audit: await db.prisma.auditRecord.count(),
    outbox: await db.prisma.outboxMessage.count({ where: { topic: 'directory.changed' } }),
  })

  it('uses the one staleness threshold, search/settings.json', () => {
    expect(loadSettings().staleAfterDays).toBe(180)
  })

  describe('updateServiceListing', () => {
    it("lets a provider edit its own service: the change, its audit record and its outbox message together", async () => {
      const before = await counts()
      const listing = await updateServiceListing({
        deps,
        actor: providerAdmin,
        input: {
          serviceId: home.service.id,
          expectedUpdatedAt: await version('service', home.service.id),
          name: 'Kai and budgeting support',
          capacityStatus: 'WAITLIST',
          languages: ['en', 'mi', 'SM'],
          minimumAge: 16,
          openingHours: [
            { day: 'MO', opensAt: '09:00', closesAt: '12:00' },
            { day: 'MO', opensAt: '13:00', closesAt: '17:00' },
            { day: 'TU', opensAt: '09:00', closesAt: '12:00' },
          ],
          phones: [{ number: '04 237 1234', type: 'voice', description: 'Reception' }],
          contacts: [{ name: 'Mere Tipene', title: 'Kaiwhakahaere', phones: [{ number: '021 555 0123', type: 'cell' }] }],
          serviceAreas: [{ regionCode: '09' }, { territorialAuthorityCode: '060' }],
          costOptions: [{ option: 'Budgeting course', amountCents: 0, amountDescription: 'Free' }],
        },
        requestId: 'req-1',
      })
      expect(listing).toMatchObject({
        name: 'Kai and budgeting support',
        capacityStatus: 'WAITLIST',
        capacityUpdatedAt: now,
        minimumAge: 16,
        lastVerifiedAt: now,
        freshness: { stale: false, daysSinceVerified: 0 },
        languages: [
          { code: 'en', name: 'English' },
          { code: 'mi', name: 'te reo Māori' },
          { code: 'sm', name: 'Gagana Sāmoa' },
        ],
        openingHours: [
          { day: 'MO', opensAt: '09:00', closesAt: '12:00' },
          { day: 'MO', opensAt: '13:00', closesAt: '17:00' },
          { day: 'TU', opensAt: '09:00', closesAt: '12:00' },
        ],
        phones: [{ number: '04 237 1234', type: 'voice', description: 'Reception', extension: null }],
        contacts: [{ name: 'Mere Tipene', phones: [{ number: '021 555 0123', type: 'cell' }] }],
        serviceAreas: [
          { regionCode: '09', territorialAuthorityCode: null, name: 'Wellington' },
          { regionCode: null, territorialAuthorityCode: '060', name: 'Christchurch City' },
        ],
      })
      expect(listing.updatedAt.getTime()).toBeGreaterThan(home.service.updatedAt.getTime())
      const row = await db.prisma.service.findUniqueOrThrow({ where: { id: home.service.id } })
      expect(row.lastVerifiedById).toBe(userId(providerAdmin))
      // Hours with the same times share one schedule row, as HSDS stores them.
      const schedules = await db.prisma.schedule.findMany({ where: { serviceId: home.service.id }, orderBy: { byday: 'asc' } })
      expect(schedules.map((s) => [s.byday, s.opensAt, s.closesAt])).toEqual([
        ['MO', '13:00', '17:00'],
        ['MO,TU', '09:00', '12:00'],
      ])

      expect(await counts()).toEqual({ audit: before.audit + 1, outbox: before.outbox + 1 })
      const audit = await db.prisma.auditRecord.findFirstOrThrow({ orderBy: { seq: 'desc' } })
      expect(audit).toMatchObject({
        action: 'directory.listing.service-updated',
        entityType: 'Service',
        entityId: home.service.id,
        actorId: userId(providerAdmin),
        actorOrganisationId: home.organisation.id,
        occurredAt: now,
        requestId: 'req-1',
      })
      const data = audit.data as { changes: { field: string; from: unknown; to: unknown }[]; moderated: boolean }
      expect(data.moderated).toBe(false)
      expect(data.changes).toContainEqual({ field: 'name', from: home.service.name, to: 'Kai and budgeting support' })
      expect(data.changes).toContainEqual({ field: 'capacityStatus', from: 'ACCEPTING', to: 'WAITLIST' })
      expect(data.changes).toContainEqual({ field: 'minimumAge', from: null, to: 16 })
      expect(data.changes.map((c) => c.field)).not.toContain('description')
      const message = await db.prisma.outboxMessage.findFirstOrThrow({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], where: { topic: 'directory.changed' } })
      expect(message).toMatchObject({ aggregateId: home.organisation.id, createdAt: now, availableAt: now })
      expect(message.payload).toMatchObject({ reason: 'listing-edit', serviceIds: [home.service.id], organisationIds: [home.organisation.id] })
      expect(await verifyAuditChain(db.prisma)).toBeNull()
    })

    it('writes nothing when its outbox message cannot be written (one transaction)', async () => {
      const failing = new Proxy(db.prisma, {
        get(target, prop) {
          if (prop !== '$transaction') return Reflect.get(target, prop, target)
          return (fn: (tx: unknown) => Promise<unknown>, options?: object) =>
            target.$transaction(
              (tx) =>
                fn(
                  new Proxy(tx, {
                    get(t, p) {
                      if (p === 'outboxMessage') return { create: () => Promise.reject(new Error('outbox unavailable')) }
                      const v = Reflect.get(t, p, t)
                      return typeof v === 'function' ? v.bind(t) : v
                    },
                  }),
                ),
              options,
            )
        },
      })
      const before = await counts()
      const row = await db.prisma.service.findUniqueOrThrow({ where: { id: home.service.id } })
      await expect(
        updateServiceListing({
          deps: { ...deps, prisma: failing },
          actor: providerAdmin,
          input: { serviceId: home.service.id, expectedUpdatedAt: row.updatedAt.toISOString(), name: 'Never saved' },
        }),
      ).rejects.toThrow('outbox unavailable')
      expect(await counts()).toEqual(before)
      expect(await db.prisma.service.findUniqueOrThrow({ where: { id: home.service.id } })).toEqual(row)
    })

    it.each([
      ['another provider’s staff', () => otherAdmin, 'FORBIDDEN'],
      ['intake staff of the same provider (no listing capability)', () => intake, 'FORBIDDEN'],
      ['anyone not signed in', () => ANONYMOUS, 'UNAUTHENTICATED'],
    ])('refuses %s, writing nothing', async (_who, who, code) => {
      const before = await counts()
      const row = await db.prisma.service.findUniqueOrThrow({ where: { id: home.service.id } })
      const f = await failure(
        updateServiceListing({
          deps,
          actor: who(),
          input: { serviceId: home.service.id, expectedUpdatedAt: row.updatedAt.toISOString(), name: 'Hijacked' },
        }),
      )
      expect(f.code).toBe(code)
      expect(await counts()).toEqual(before)
      expect((await db.prisma.service.findUniqueOrThrow({ where: { id: home.service.id } })).name).toBe(row.name)
    })

    it('lets a moderator edit any listing, recorded as moderation', async () => {
      const listing = await updateServiceListing({
        deps,
        actor: moderator,
        input: {
          serviceId: other.service.id,
          expectedUpdatedAt: await version('service', other.service.id),
          description: 'Community kai collective for the Hutt Valley.',
        },
      })
      expect(listing.description).toBe('Community kai collective for the Hutt Valley.')
      const audit = await db.prisma.auditRecord.findFirstOrThrow({ orderBy: { seq: 'desc' } })
      expect(audit).toMatchObject({ actorId: userId(moderator), actorOrganisationId: msdId })
      expect(audit.data).toMatchObject({ moderated: true, organisationId: other.organisation.id })
    })

    it('answers CONFLICT to an edit from a version someone else has changed, and writes nothing', async () => {
      const read = await version('service', home.service.id)
      await updateServiceListing({
        deps,
        actor: providerAdmin,
        input: { serviceId: home.service.id, expectedUpdatedAt: read, alternateName: 'First edit' },
      })
      const before = await counts()
      const row = await db.prisma.service.findUniqueOrThrow({ where: { id: home.service.id } })
      // Same clock reading: the version still moves, so the second edit cannot slip through.
      const f = await failure(
        updateServiceListing({
          deps,
          actor: providerAdmin,
          input: { serviceId: home.service.id, expectedUpdatedAt: read, alternateName: 'Second edit', languages: ['en'] },
        }),
      )
      expect(f).toMatchObject({ code: 'CONFLICT', field: 'expectedUpdatedAt' })
      expect(await counts()).toEqual(before)
      expect(await db.prisma.service.findUniqueOrThrow({ where: { id: home.service.id } })).toEqual(row)
      expect(await db.prisma.language.count({ where: { serviceId: home.service.id } })).toBe(3)
    })

    it('lets exactly one of two simultaneous edits from the same version win', async () => {
      const read = await version('service', home.service.id)
      const edit = (name: string) =>
        updateServiceListing({ deps, actor: providerAdmin, input: { serviceId: home.service.id, expectedUpdatedAt: read, name } }).then(
          () => 'ok',
          (e: unknown) => (isAppError(e) ? e.code : String(e)),
        )
      const results = await Promise.all([edit('Race A'), edit('Race B')])
      expect(results.sort()).toEqual(['CONFLICT', 'ok'])
    })

    it.each([
      ['a junk phone number', { phones: [{ number: 'ring the office' }] }, 'phones.0.number'],
      ['an unknown language', { languages: ['en', 'elvish'] }, 'languages.1'],
      ['an unknown category', { categoryCodes: ['astrology'] }, 'categoryCodes.0'],
      ['overlapping hours', { openingHours: [{ day: 'WE', opensAt: '09:00', closesAt: '13:00' }, { day: 'WE', opensAt: '12:00', closesAt: '15:00' }] }, 'openingHours.1.opensAt'],
      ['hours closing before they open', { openingHours: [{ day: 'WE', opensAt: '15:00', closesAt: '09:00' }] }, 'openingHours.0.closesAt'],
      ['a maximum age below the stored minimum (16)', { maximumAge: 12 }, 'maximumAge'],
      ['a district that does not exist', { serviceAreas: [{ territorialAuthorityCode: '004' }] }, 'serviceAreas.0.territorialAuthorityCode'],
      ['another provider’s location', { locationIds: ['OTHER_LOCATION'] }, 'locationIds.0'],
      ['areas on a service still nationwide', { nationwide: true, serviceAreas: [{ regionCode: '09' }] }, 'serviceAreas'],
      ['no version', { expectedUpdatedAt: undefined }, 'expectedUpdatedAt'],
    ])('refuses %s as VALIDATION_FAILED naming the field, writing nothing', async (_case, patch, field) => {
      const row = await db.prisma.service.findUniqueOrThrow({ where: { id: home.service.id } })
      const before = await counts()
      const input = JSON.parse(
        JSON.stringify({ serviceId: home.service.id, expectedUpdatedAt: row.updatedAt.toISOString(), name: 'Not saved', ...patch }).replace(
          'OTHER_LOCATION',
          other.location.id,
        ),
      )
      if (!('expectedUpdatedAt' in patch)) input.expectedUpdatedAt = row.updatedAt.toISOString()
      else delete input.expectedUpdatedAt
      const f = await failure(updateServiceListing({ deps, actor: providerAdmin, input }))
      expect(f).toMatchObject({ code: 'VALIDATION_FAILED', field })
      expect(f.message.startsWith(`${field}: `)).toBe(true)
      expect(await counts()).toEqual(before)
      expect(await db.prisma.service.findUniqueOrThrow({ where: { id: home.service.id } })).toEqual(row)
    })

    it('answers NOT_FOUND for a service that does not exist', async () => {
      const f = await failure(
        updateServiceListing({
          deps,
          actor: moderator,
          input: { serviceId: '01900000-0000-7000-8000-000000000000', expectedUpdatedAt: NOW.toISOString() },
        }),
      )
      expect(f).toMatchObject({ code: 'NOT_FOUND', field: 'serviceId' })
    })
  })

  describe('createServiceListing', () => {
    it('adds a service to the provider’s own listing, verified now, and refuses the same form twice', async () => {
      const read = await version('organisation', home.organisation.id)
      const input = {
        organisationId: home.organisation.id,
        expectedUpdatedAt: read,
        name: 'Tamariki holiday programme',
        description: 'School holiday programme for tamariki 5 to 12.',
        categoryCodes: ['youth-services', 'parenting-support'],
        deliveryModes: ['IN_PERSON'],
        minimumAge: 5,
        maximumAge: 12,
        culturalFocus: ['KAUPAPA_MAORI'],
        languages: ['mi', 'en'],
        locationIds: [home.location.id],
        openingHours: [{ day: 'MO', opensAt: '08:30', closesAt: '15:00' }],
        serviceAreas: [{ territorialAuthorityCode: '044' }],
      }
      const before = await counts()
      const created = await createServiceListing({ deps, actor: providerAdmin, input })
      expect(created).toMatchObject({
        organisationId: home.organisation.id,
        name: 'Tamariki holiday programme',
        status: 'ACTIVE',
        capacityStatus: 'ACCEPTING',
        lastVerifiedAt: now,
        categories: [
          expect.objectContaining({ code: 'parenting-support' }),
          expect.objectContaining({ code: 'youth-services' }),
        ],
        locations: [expect.objectContaining({ id: home.location.id, region: { code: '09', name: 'Wellington' } })],
        serviceAreas: [{ regionCode: null, territorialAuthorityCode: '044', name: 'Porirua City' }],
      })
      expect(await counts()).toEqual({ audit: before.audit + 1, outbox: before.outbox + 1 })
      const audit = await db.prisma.auditRecord.findFirstOrThrow({ orderBy: { seq: 'desc' } })
      expect(audit).toMatchObject({ action: 'directory.listing.service-created', entityId: created.id })
      expect((audit.data as { changes: { field: string }[] }).changes.map((c) => c.field)).toEqual(
        expect.arrayContaining(['name', 'description', 'categoryCodes', 'locationIds', 'openingHours']),
      )
      const message = await db.prisma.outboxMessage.findFirstOrThrow({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], where: { topic: 'directory.changed' } })
      expect(message.payload).toMatchObject({ reason: 'listing-create', serviceIds: [created.id] })

      const f = await failure(createServiceListing({ deps, actor: providerAdmin, input }))
      expect(f.code).toBe('CONFLICT')
      expect(await db.prisma.service.count({ where: { name: 'Tamariki holiday programme' } })).toBe(1)
    })

    it('refuses another provider’s staff and a service at another provider’s location', async () => {
      const base = {
        organisationId: home.organisation.id,
        expectedUpdatedAt: await version('organisation', home.organisation.id),
        name: 'Sneaky',
        description: 'x',
        categoryCodes: ['food'],
        deliveryModes: ['PHONE'],
      }
      expect((await failure(createServiceListing({ deps, actor: otherAdmin, input: base }))).code).toBe('FORBIDDEN')
      expect(
        await failure(createServiceListing({ deps, actor: providerAdmin, input: { ...base, locationIds: [other.location.id] } })),
      ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'locationIds.0' })
      expect(await failure(createServiceListing({ deps, actor: providerAdmin, input: { ...base, deliveryModes: [] } }))).toMatchObject({
        code: 'VALIDATION_FAILED',
        field: 'deliveryModes',
      })
      expect(await db.prisma.service.count({ where: { name: 'Sneaky' } })).toBe(0)
    })
  })

  describe('updateOrganisationListing and updateLocation', () => {
    it('edits the organisation’s own details, replacing its phones and contacts', async () => {
      const listing = await updateOrganisationListing({
        deps,
        actor: providerAdmin,
        input: {
          organisationId: home.organisation.id,
          expectedUpdatedAt: await version('organisation', home.organisation.id),
          alternateName: 'PWC',
          website: 'https://pwc.example.org.nz',
          phones: [{ number: '0800 123 456', description: 'Free to call' }],
          contacts: [{ name: 'Aroha Ngata', email: 'Aroha@PWC.example.org.nz' }],
        },
      })
      expect(listing).toMatchObject({
        alternateName: 'PWC',
        website: 'https://pwc.example.org.nz',
        lastVerifiedAt: now,
        phones: [{ number: '0800 123 456', description: 'Free to call' }],
        contacts: [{ name: 'Aroha Ngata', email: 'aroha@pwc.example.org.nz', phones: [] }],
      })
      const audit = await db.prisma.auditRecord.findFirstOrThrow({ orderBy: { seq: 'desc' } })
      expect(audit).toMatchObject({ action: 'directory.listing.organisation-updated', entityType: 'Organisation' })
      expect((audit.data as { changes: { field: string }[] }).changes.map((c) => c.field).sort()).toEqual(
        ['alternateName', 'contacts', 'phones', 'website'],
      )
      const message = await db.prisma.outboxMessage.findFirstOrThrow({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], where: { topic: 'directory.changed' } })
      expect((message.payload as { serviceIds: string[] }).serviceIds).toContain(home.service.id)
    })

    it('edits a location: address, district, pin, accessibility, hours', async () => {
      const listing = await updateLocation({
        deps,
        actor: providerAdmin,
        input: {
          locationId: home.location.id,
          expectedUpdatedAt: await version('location', home.location.id),
          addressLine1: '1 Cobham Court',
          postcode: '5022',
          territorialAuthorityCode: '044',
          latitude: -41.1339,
          longitude: 174.8406,
          accessibility: 'Step-free entrance; hearing loop.',
          openingHours: [{ day: 'FR', opensAt: '09:00', closesAt: '16:00' }],
          languages: ['en'],
        },
      })
      expect(listing).toMatchObject({
        addressLine1: '1 Cobham Court',
        postcode: '5022',
        territorialAuthority: { code: '044', name: 'Porirua City' },
        latitude: -41.1339,
        accessibility: 'Step-free entrance; hearing loop.',
        openingHours: [{ day: 'FR', opensAt: '09:00', closesAt: '16:00' }],
      })
      const message = await db.prisma.outboxMessage.findFirstOrThrow({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], where: { topic: 'directory.changed' } })
      expect(message.payload).toMatchObject({ reason: 'listing-edit', locationIds: [home.location.id] })
      expect((message.payload as { serviceIds: string[] }).serviceIds).toContain(home.service.id)
    })

    it.each([
      ['a district outside the region', { territorialAuthorityCode: '060' }, 'territorialAuthorityCode'],
      ['a region the district is not in', { regionCode: '13' }, 'territorialAuthorityCode'],
      ['a pin in Australia', { latitude: -33.87, longitude: 151.21 }, 'longitude'],
      ['half a pin', { latitude: -41.2 }, 'longitude'],
    ])('refuses %s, naming %s', async (_case, patch, field) => {
      const before = await counts()
      const f = await failure(
        updateLocation({
          deps,
          actor: providerAdmin,
          input: { locationId: home.location.id, expectedUpdatedAt: await version('location', home.location.id), ...patch },
        }),
      )
      expect(f).toMatchObject({ code: 'VALIDATION_FAILED', field })
      expect(await counts()).toEqual(before)
    })

    it('takes a district that spans two regions in either (Tararua: Manawatū-Whanganui and Wellington)', async () => {
      const listing = await updateLocation({
        deps,
        actor: moderator,
        input: {
          locationId: home.location.id,
          expectedUpdatedAt: await version('location', home.location.id),
          territorialAuthorityCode: '041',
        },
      })
      expect(listing.territorialAuthority?.code).toBe('041')
      expect(listing.region.code).toBe('09')
    })

    it('refuses another provider’s staff', async () => {
      const f = await failure(
        updateLocation({
          deps,
          actor: otherAdmin,
          input: { locationId: home.location.id, expectedUpdatedAt: await version('location', home.location.id), name: 'Mine now' },
        }),
      )
      expect(f.code).toBe('FORBIDDEN')
    })
  })

  describe('verifyListing and freshness', () => {
    const setVerified = (daysAgo: number) =>
      Promise.all([
        db.prisma.service.updateMany({
          where: { organisationId: home.organisation.id },
          data: { lastVerifiedAt: new Date(now.getTime() - daysAgo * DAY) },
        }),
        db.prisma.organisation.update({
          where: { id: home.organisation.id },
          data: { lastVerifiedAt: new Date(now.getTime() - daysAgo * DAY) },
        }),
      ])

    it('a listing 181 days unverified is stale; 179 days is not', async () => {
      await setVerified(181)
      let page = await getOrganisationListing({ deps, actor: ANONYMOUS, input: { organisationId: home.organisation.id } })
      expect(page.freshness).toMatchObject({ stale: true, daysSinceVerified: 181 })
      expect(page.services.every((s) => s.freshness.stale)).toBe(true)
      expect(page.needsVerification).toBe(true)

      await setVerified(179)
      page = await getOrganisationListing({ deps, actor: ANONYMOUS, input: { organisationId: home.organisation.id } })
      expect(page.freshness).toMatchObject({ stale: false, daysSinceVerified: 179 })
      expect(page.freshness.verifyBy).toEqual(new Date(now.getTime() + 1 * DAY))
      expect(page.services.some((s) => s.freshness.stale)).toBe(false)
      expect(page.needsVerification).toBe(false)
    })

    it('verify stamps the organisation and every service with now and the actor, keeping their versions', async () => {
      await setVerified(200)
      const orgVersion = await version('organisation', home.organisation.id)
      const serviceVersion = await version('service', home.service.id)
      const before = await counts()
      const listing = await verifyListing({
        deps,
        actor: providerAdmin,
        input: { organisationId: home.organisation.id, expectedUpdatedAt: orgVersion },
      })
      expect(listing.lastVerifiedAt).toEqual(now)
      expect(listing.needsVerification).toBe(false)
      expect(listing.services.every((s) => s.lastVerifiedAt?.getTime() === now.getTime())).toBe(true)
      const rows = await db.prisma.service.findMany({ where: { organisationId: home.organisation.id } })
      expect(rows.every((r) => r.lastVerifiedById === userId(providerAdmin))).toBe(true)
      expect((await db.prisma.organisation.findUniqueOrThrow({ where: { id: home.organisation.id } })).lastVerifiedById).toBe(
        userId(providerAdmin),
      )
      // Verification changes no content: an editor open elsewhere can still save.
      expect(await version('organisation', home.organisation.id)).toBe(orgVersion)
      expect(await version('service', home.service.id)).toBe(serviceVersion)
      expect(await counts()).toEqual({ audit: before.audit + 1, outbox: before.outbox + 1 })
      const audit = await db.prisma.auditRecord.findFirstOrThrow({ orderBy: { seq: 'desc' } })
      expect(audit).toMatchObject({ action: 'directory.listing.verified', entityId: home.organisation.id })
      const message = await db.prisma.outboxMessage.findFirstOrThrow({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], where: { topic: 'directory.changed' } })
      expect(message.payload).toMatchObject({ reason: 'listing-verify' })

      // A second click is fine.
      await verifyListing({ deps, actor: providerAdmin, input: { organisationId: home.organisation.id, expectedUpdatedAt: orgVersion } })
    })

    it('verifies only the services named, and refuses a service of another organisation', async () => {
      await setVerified(200)
      const all = await db.prisma.service.findMany({ where: { organisationId: home.organisation.id }, orderBy: { id: 'asc' } })
      expect(all.length).toBeGreaterThan(1)
      const expectedUpdatedAt = await version('organisation', home.organisation.id)
      await verifyListing({
        deps,
        actor: moderator,
        input: { organisationId: home.organisation.id, expectedUpdatedAt, serviceIds: [all[0]!.id] },
      })
      const after = await db.prisma.service.findMany({ where: { organisationId: home.organisation.id }, orderBy: { id: 'asc' } })
      expect(after[0]!.lastVerifiedAt).toEqual(now)
      expect(after[1]!.lastVerifiedAt).toEqual(all[1]!.lastVerifiedAt)
      expect(
        await failure(
          verifyListing({
            deps,
            actor: providerAdmin,
            input: { organisationId: home.organisation.id, expectedUpdatedAt, serviceIds: [other.service.id] },
          }),
        ),
      ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'serviceIds.0' })
      expect(
        (await failure(verifyListing({ deps, actor: otherAdmin, input: { organisationId: home.organisation.id, expectedUpdatedAt } })))
          .code,
      ).toBe('FORBIDDEN')
    })

    it('refuses to verify details changed after the verifier looked', async () => {
      const stale = await version('organisation', home.organisation.id)
      await updateOrganisationListing({
        deps,
        actor: moderator,
        input: { organisationId: home.organisation.id, expectedUpdatedAt: stale, description: 'Changed by the moderator.' },
      })
      const before = await counts()
      const f = await failure(verifyListing({ deps, actor: providerAdmin, input: { organisationId: home.organisation.id, expectedUpdatedAt: stale } }))
      expect(f).toMatchObject({ code: 'CONFLICT', field: 'expectedUpdatedAt' })
      expect(await counts()).toEqual(before)
    })

    it('findMyListings lists the staff member’s own organisations, stale services first', async () => {
      await setVerified(10)
      await db.prisma.service.update({ where: { id: home.service.id }, data: { lastVerifiedAt: new Date(now.getTime() - 300 * DAY) } })
      const mine = await findMyListings({ deps, actor: providerAdmin })
      expect(mine.map((o) => o.id)).toEqual([home.organisation.id])
      expect(mine[0]!.needsVerification).toBe(true)
      expect(mine[0]!.services[0]!.id).toBe(home.service.id)
      expect(mine[0]!.services[0]!.freshness.stale).toBe(true)
      expect(await findMyListings({ deps, actor: intake })).toEqual([])
      expect((await failure(findMyListings({ deps, actor: ANONYMOUS }))).code).toBe('UNAUTHENTICATED')
    })
  })

  describe('reading listings', () => {
    it('shows the provider page to anyone, with accreditations, hours and contacts, but not defunct services', async () => {
      const defunct = await db.prisma.service.create({
        data: { organisationId: home.organisation.id, name: 'Old programme', description: 'Closed.', status: 'DEFUNCT' },
      })
      const page = await getOrganisationListing({ deps, actor: ANONYMOUS, input: { organisationId: home.organisation.id } })
      expect(page).toMatchObject({
        id: home.organisation.id,
        name: 'Porirua Whānau Centre',
        accreditations: [expect.objectContaining({ scheme: 'MSD_SSAS', level: 3, status: 'ACTIVE', current: true, label: expect.stringContaining('Level 3') })],
        locations: [expect.objectContaining({ id: home.location.id, openingHours: [{ day: 'FR', opensAt: '09:00', closesAt: '16:00' }] })],
      })
      expect(page.services.map((s) => s.id)).not.toContain(defunct.id)
      const staffView = await getOrganisationListing({ deps, actor: providerAdmin, input: { organisationId: home.organisation.id } })
      expect(staffView.services.map((s) => s.id)).toContain(defunct.id)
      expect((await failure(getServiceListing({ deps, actor: ANONYMOUS, input: { serviceId: defunct.id } }))).code).toBe('NOT_FOUND')
      const service = await getServiceListing({ deps, actor: ANONYMOUS, input: { serviceId: home.service.id } })
      expect(service.organisation).toEqual({ id: home.organisation.id, name: 'Porirua Whānau Centre' })
      expect((await failure(getOrganisationListing({ deps, actor: ANONYMOUS, input: { organisationId: 'nope' } }))).code).toBe('NOT_FOUND')
    })

    it('findListingChanges: who changed what, newest first, paged; only for the listing’s keepers', async () => {
      const first = await findListingChanges({ deps, actor: providerAdmin, input: { organisationId: home.organisation.id, first: 2 } })
      expect(first.totalCount).toBeGreaterThan(4)
      expect(first.nodes).toHaveLength(2)
      expect(first.hasNextPage).toBe(true)
      const second = await findListingChanges({
        deps,
        actor: moderator,
        input: { organisationId: home.organisation.id, first: 100, after: first.endCursor },
      })
      expect(second.nodes).toHaveLength(first.totalCount - 2)
      const all = [...first.nodes, ...second.nodes]
      const times = all.map((c) => c.occurredAt.getTime())
      expect([...times].sort((a, b) => b - a)).toEqual(times)
      const nameEdit = all.find((c) => c.changes.some((x) => x.field === 'name' && x.to === 'Kai and budgeting support'))
      expect(nameEdit).toMatchObject({
        entityType: 'Service',
        entityId: home.service.id,
        action: 'directory.listing.service-updated',
        actor: { id: userId(providerAdmin) },
        moderated: false,
      })
      expect(all.some((c) => c.moderated && c.action === 'directory.listing.organisation-updated')).toBe(true)
      // Nothing of the other provider's listing.
      expect(all.every((c) => c.entityId !== other.service.id)).toBe(true)
      expect((await failure(findListingChanges({ deps, actor: otherAdmin, input: { organisationId: home.organisation.id } }))).code).toBe(
        'FORBIDDEN',
      )
      expect(
        await failure(findListingChanges({ deps, actor: providerAdmin, input: { organisationId: home.organisation.id, after: 'garbage' } })),
      ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' })
    })
  })
})
