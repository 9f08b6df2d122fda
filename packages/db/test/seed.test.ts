// The seed on a real database, PGlite and (with TEST_DATABASE_URL) Postgres: the default-size
// directory once, reference data twice, demo users in and out of production, and the factories.
import { COMMUNITY_CONNECTION_REQUIREMENT } from '@fsn/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../src/database'
import { seedAgency, seedProvider, seedUser } from '../src/factories/index'
import { DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } from '../src/seed/demo-users'
import { CARE_PARTNER_DEMO } from '../src/seed/care-partners'
import { AGENCY_NAMES, COVERAGE_GAPS, generateDirectory } from '../src/seed/generate'
import { pointInGeometry } from '../src/seed/geo'
import { loadGeneratorReference, readReferenceFiles, seedReferenceData } from '../src/seed/reference'
import { isDatabaseSeeded, seedDatabase } from '../src/seed/seed'
import { openTestDatabase, testDatabaseKinds } from '../src/testing'

// @fsn/db does not depend on @fsn/auth, so tests hash with a stand-in (never used by the CLI).
const stubHash = async (plain: string) => `stub$${[...plain].reverse().join('')}`
const NOW = new Date('2026-11-23T02:00:00Z')
const DAY_MS = 86_400_000
const { regionPolygons } = readReferenceFiles()

async function withNodeEnv<T>(value: string, fn: () => Promise<T>): Promise<T> {
  const before = process.env.NODE_ENV
  process.env.NODE_ENV = value
  try {
    return await fn()
  } finally {
    process.env.NODE_ENV = before
  }
}

async function referenceCounts(db: Database) {
  const [regions, tas, taxonomies, terms] = await Promise.all([
    db.prisma.region.count(),
    db.prisma.territorialAuthority.count(),
    db.prisma.taxonomy.count(),
    db.prisma.taxonomyTerm.count(),
  ])
  return { regions, tas, taxonomies, terms }
}

describe.each(testDatabaseKinds())('seed on %s', (kind) => {
  describe('the default-size directory with demo users', () => {
    let db: Database
    let elapsedMs = 0
    beforeAll(async () => {
      db = await openTestDatabase(kind)
      const started = performance.now()
      await seedDatabase({ db, now: NOW, demoUsers: { hashPassword: stubHash } })
      elapsedMs = performance.now() - started
      console.log(
        `[${kind}] default seed (400 providers, 1,500 services) in ${(elapsedMs / 1000).toFixed(1)} s`,
      )
    })
    afterAll(async () => {
      await db?.close()
    })

    it('has every region, territorial authority, provider and service', async () => {
      expect(await isDatabaseSeeded(db.prisma)).toBe(true)
      expect(await db.prisma.region.count()).toBe(16)
      expect(await db.prisma.territorialAuthority.count()).toBe(67)
      expect(await db.prisma.organisation.count({ where: { kind: 'PROVIDER' } })).toBeGreaterThanOrEqual(400)
      expect(await db.prisma.service.count()).toBeGreaterThanOrEqual(1500)
      const agencies = await db.prisma.organisation.findMany({
        where: { kind: 'AGENCY' },
        select: { name: true },
      })
      expect(agencies.map((a) => a.name).sort()).toEqual(Object.values(AGENCY_NAMES).sort())
      // Measured and printed; the budget is generous so a slow CI machine does not fail it.
      expect(elapsedMs).toBeLessThan(30_000)
    })

    it('leaves a triage -> Community Connection Service referral waiting in the connector\'s inbox', async () => {
      const connector = await db.prisma.membership.findFirstOrThrow({
        where: { user: { email: 'connector@demo.example.nz' } },
        select: { organisationId: true },
      })
      const triage = await db.prisma.membership.findFirstOrThrow({
        where: { user: { email: 'triage@demo.example.nz' } },
        select: { organisationId: true },
      })
      const waiting = await db.prisma.referral.findMany({
        where: { toOrganisationId: connector.organisationId, status: 'SENT' },
        include: { consent: { include: { recipients: true } }, person: true, events: true },
      })
      expect(waiting).toHaveLength(1)
      const r = waiting[0]!
      expect(r.fromOrganisationId).toBe(triage.organisationId)
      expect(r.person.recordedByOrganisationId).toBe(triage.organisationId)
      expect(r.respondBy!.getTime()).toBeGreaterThan(r.sentAt!.getTime())
      expect(r.events.map((e) => e.type)).toEqual(['SENT'])
      // The consent names the CCS and the intake worker's provider, so the connector can refer onward.
      const intake = await db.prisma.membership.findFirstOrThrow({
        where: { user: { email: 'intake@demo.example.nz' } },
        select: { organisationId: true },
      })
      expect(r.consent.recipients.map((c) => c.organisationId).sort()).toEqual(
        [connector.organisationId, intake.organisationId].sort(),
      )
    })

    it('puts every location inside its region polygon, in a territorial authority of that region', async () => {
      const locations = await db.prisma.location.findMany({
        select: {
          latitude: true,
          longitude: true,
          region: { select: { code: true, id: true } },
          territorialAuthority: { select: { regionId: true } },
        },
      })
      expect(locations.length).toBeGreaterThanOrEqual(400)
      for (const l of locations) {
        expect(pointInGeometry(l.latitude!, l.longitude!, regionPolygons[l.region.code]!)).toBe(true)
        expect(l.territorialAuthority?.regionId).toBe(l.region.id)
      }
    })

    it('has accreditations already expired and expiring within 30 days', async () => {
      const now = NOW
      const in30 = new Date(now.getTime() + 30 * DAY_MS)
      expect(await db.prisma.accreditation.count({ where: { validTo: { lt: now } } })).toBeGreaterThanOrEqual(
        1,
      )
      expect(
        await db.prisma.accreditation.count({ where: { validTo: { gte: now, lte: in30 } } }),
      ).toBeGreaterThanOrEqual(1)
      expect(await db.prisma.accreditation.count({ where: { status: 'SUSPENDED' } })).toBeGreaterThanOrEqual(
        1,
      )
      expect(await db.prisma.accreditation.count({ where: { scheme: 'OT_S396' } })).toBeGreaterThanOrEqual(1)
      expect(
        await db.prisma.accreditation.count({ where: { scheme: 'TE_KAHUI_KAHU' } }),
      ).toBeGreaterThanOrEqual(1)
    })

    it('requires MSD Level 3 of every Community Connection service, and most hosts hold it', async () => {
      const ccs = await db.prisma.service.findMany({
        where: { categories: { some: { taxonomyTerm: { code: 'community-connection' } } } },
        select: {
          requiredAccreditations: { select: { scheme: true, minimumLevel: true } },
          organisation: {
            select: {
              accreditations: {
                where: {
                  scheme: 'MSD_SSAS',
                  level: { gte: 3 },
                  status: 'ACTIVE',
                  validFrom: { lte: NOW },
                  OR: [{ validTo: null }, { validTo: { gt: NOW } }],
                },
                select: { id: true },
              },
            },
          },
        },
      })
      expect(ccs.length).toBeGreaterThanOrEqual(10)
      for (const s of ccs) expect(s.requiredAccreditations).toContainEqual(COMMUNITY_CONNECTION_REQUIREMENT)
      const compliant = ccs.filter((s) => s.organisation.accreditations.length > 0).length / ccs.length
      expect(compliant).toBeGreaterThan(0.6)
      expect(compliant).toBeLessThan(1) // some hosts have lapsed, so eligibility checks have work to do

      const sharedCare = await db.prisma.service.findMany({
        where: { categories: { some: { taxonomyTerm: { code: 'shared-care' } } } },
        select: { requiredAccreditations: { select: { scheme: true } } },
      })
      expect(sharedCare.length).toBeGreaterThanOrEqual(1)
      for (const s of sharedCare) expect(s.requiredAccreditations.map((r) => r.scheme)).toContain('OT_S396')
    })

    it('leaves real region x category gaps in local provision', async () => {
      // Local provision: a service's sites, and the regions and TAs it says it serves.
      const covered = await db.sql.query<{ region: string; category: string }>(`
        WITH service_region AS (
          SELECT sal."serviceId" AS service_id, l."regionId" AS region_id
            FROM "ServiceAtLocation" sal JOIN "Location" l ON l.id = sal."locationId"
          UNION SELECT sa."serviceId", sa."regionId" FROM "ServiceArea" sa WHERE sa."regionId" IS NOT NULL
          UNION SELECT sa."serviceId", ta."regionId"
            FROM "ServiceArea" sa JOIN "TerritorialAuthority" ta ON ta.id = sa."territorialAuthorityId"
        )
        SELECT DISTINCT r.code AS region, t.code AS category
          FROM service_region sr
          JOIN "Service" s ON s.id = sr.service_id AND NOT s.nationwide
          JOIN "ServiceTaxonomyTerm" st ON st."serviceId" = s.id
          JOIN "TaxonomyTerm" t ON t.id = st."taxonomyTermId"
          JOIN "Region" r ON r.id = sr.region_id`)
      const have = new Set(covered.map((c) => `${c.region}:${c.category}`))
      for (const [region, categories] of Object.entries(COVERAGE_GAPS)) {
        for (const category of categories)
          expect(have.has(`${region}:${category}`), `${region}:${category}`).toBe(false)
      }
      expect(have.has('05:addiction') || have.has('12:family-violence')).toBe(false)
      // And plenty of coverage elsewhere: Auckland has nearly everything.
      expect([...have].filter((k) => k.startsWith('02:')).length).toBeGreaterThan(20)
    })

    it('creates the demo users with their roles, organisations and regions', async () => {
      const users = await db.prisma.user.findMany({
        include: {
          memberships: {
            include: {
              organisation: { include: { locations: { include: { region: true } } } },
              region: true,
            },
          },
        },
      })
      expect(users.map((u) => u.email).sort()).toEqual(DEMO_USERS.map((d) => d.email).sort())
      const byEmail = new Map(users.map((u) => [u.email, u]))
      for (const d of DEMO_USERS) {
        const u = byEmail.get(d.email)!
        expect(u.passwordHash).toBe(await stubHash(DEMO_PASSWORD))
        expect(u.memberships.map((m) => m.role)).toEqual([d.role])
      }
      const org = (email: string) => byEmail.get(email)!.memberships[0]!.organisation
      expect(org('triage@demo.example.nz').name).toBe(AGENCY_NAMES.MSD)
      expect(org('admin@demo.example.nz').name).toBe(AGENCY_NAMES.MSD)
      expect(org('ot@demo.example.nz').name).toBe(AGENCY_NAMES.ORANGA_TAMARIKI)
      expect(byEmail.get('commissioner@demo.example.nz')!.memberships[0]!.region?.code).toBe('09')

      const connector = org('connector@demo.example.nz')
      const intake = org('intake@demo.example.nz')
      expect(connector.id).not.toBe(intake.id)
      for (const o of [connector, intake]) {
        expect(o.kind).toBe('PROVIDER')
        expect(o.locations.some((l) => l.region.code === '09')).toBe(true)
      }
      const current = await db.prisma.accreditation.count({
        where: {
          organisationId: connector.id,
          scheme: 'MSD_SSAS',
          level: { gte: 3 },
          status: 'ACTIVE',
          validTo: { gt: NOW },
        },
      })
      expect(current).toBeGreaterThanOrEqual(1)
      const hosts = await db.prisma.service.count({
        where: {
          organisationId: connector.id,
          categories: { some: { taxonomyTerm: { code: 'community-connection' } } },
        },
      })
      expect(hosts).toBeGreaterThanOrEqual(1)
    })

    it('seeds demo users idempotently', async () => {
      const organisations = await db.prisma.organisation.count()
      await seedDemoUsers(db.prisma, { hashPassword: stubHash, now: NOW })
      expect(await db.prisma.user.count()).toBe(DEMO_USERS.length)
      expect(await db.prisma.membership.count()).toBe(DEMO_USERS.length)
      expect(await db.prisma.organisation.count()).toBe(organisations)
    })

    it('seeds one provider ready to apply as an s396 care partner and one without Te Kāhui Kāhu', async () => {
      const byCode = (code: string) =>
        db.prisma.organisation.findUniqueOrThrow({
          where: { code },
          include: {
            accreditations: true,
            memberships: { include: { user: true } },
            services: { include: { requiredAccreditations: true } },
          },
        })
      const ready = await byCode(CARE_PARTNER_DEMO.READY.code)
      const unaccredited = await byCode(CARE_PARTNER_DEMO.UNACCREDITED.code)
      const current = (o: typeof ready, scheme: string) =>
        o.accreditations.filter(
          (a) =>
            a.scheme === scheme &&
            a.status === 'ACTIVE' &&
            a.validFrom <= NOW &&
            (!a.validTo || a.validTo > NOW),
        )
      expect(current(ready, 'TE_KAHUI_KAHU').map((a) => a.level)).toEqual([2])
      expect(current(ready, 'OT_S396')).toEqual([])
      expect(unaccredited.accreditations).toEqual([])
      expect(ready.memberships.map((m) => [m.user.email, m.role])).toEqual([
        ['carepartner@demo.example.nz', 'PROVIDER_ADMIN'],
      ])
      for (const o of [ready, unaccredited])
        expect(o.services.flatMap((s) => s.requiredAccreditations.map((r) => r.scheme))).toEqual(['OT_S396'])
      const ot = await db.prisma.organisation.findUniqueOrThrow({ where: { code: 'oranga-tamariki' } })
      for (const [email, role] of [
        ['quality-hub@demo.example.nz', 'QUALITY_HUB'],
        ['quality-manager@demo.example.nz', 'QUALITY_MANAGER'],
        ['dce@demo.example.nz', 'DCE_MPC'],
        ['budget@demo.example.nz', 'BUDGET_MANAGER'],
      ] as const) {
        const m = await db.prisma.membership.findFirstOrThrow({ where: { user: { email } } })
        expect([m.organisationId, m.role]).toEqual([ot.id, role])
      }
    })

    it('does not duplicate reference data, or the directory, when run again', async () => {
      const before = await referenceCounts(db)
      expect(before).toMatchObject({ regions: 16, tas: 67, taxonomies: 2 })
      await seedReferenceData(db.prisma)
      expect(await referenceCounts(db)).toEqual(before)
      const services = await db.prisma.service.count()
      const again = await seedDatabase({ db, now: NOW })
      expect(again.directorySkipped).toBe(true)
      expect(await db.prisma.service.count()).toBe(services)
      expect(await referenceCounts(db)).toEqual(before)
    })

    it('links categories to Open Eligibility and keeps the term tree', async () => {
      const food = await db.prisma.taxonomyTerm.findFirst({
        where: { code: 'food', groupCode: 'MSD_COORDINATED' },
        include: { equivalentTerm: true },
      })
      expect(food?.equivalentTerm?.code).toBe('1102')
      const primary = await db.prisma.taxonomyTerm.findFirst({
        where: { code: '1206-primary-care' },
        include: { parent: true },
      })
      expect(primary?.parent?.name).toBe('Medical Care')
      const ta = await db.prisma.territorialAuthority.findUnique({
        where: { code: '021' },
        include: { region: true },
      })
      expect(ta).toMatchObject({
        name: 'Taupō District',
        nameAscii: 'Taupo District',
        otherRegionCodes: ['04', '06', '08'],
      })
      expect(ta?.region.code).toBe('03')
      const wgn = await db.prisma.region.findUnique({ where: { code: '09' } })
      expect(wgn).toMatchObject({
        isoCode: 'NZ-WGN',
        nameMi: 'Te Upoko o te Ika',
        island: 'North',
        landAreaKm2: 8107,
      })
    })
  })

  describe('a smaller directory, in production mode', () => {
    let db: Database
    beforeAll(async () => {
      db = await openTestDatabase(kind)
    })
    afterAll(async () => {
      await db?.close()
    })

    it('refuses demo users in production and writes nothing', async () => {
      await withNodeEnv('production', async () => {
        await expect(
          seedDatabase({
            db,
            providers: 120,
            services: 400,
            now: NOW,
            demoUsers: { hashPassword: stubHash },
          }),
        ).rejects.toThrow(/production/)
        await expect(seedDemoUsers(db.prisma, { hashPassword: stubHash })).rejects.toThrow(/production/)
      })
      expect(await db.prisma.organisation.count()).toBe(0)
      expect(await db.prisma.region.count()).toBe(0)
    })

    it('seeds the directory without demo users, and the generator matches what was written', async () => {
      const result = await withNodeEnv('production', () =>
        seedDatabase({ db, seed: 7, providers: 120, services: 400, now: NOW }),
      )
      expect(result.demoUsers).toEqual([])
      expect(await db.prisma.user.count()).toBe(0)
      expect(await db.prisma.organisation.count({ where: { kind: 'PROVIDER' } })).toBe(120)
      expect(await db.prisma.service.count()).toBe(400)

      // Same seed, same reference ids: the same rows, deep-equal; another seed differs.
      const reference = await loadGeneratorReference(db.prisma)
      const a = generateDirectory({ ...reference, seed: 7, providers: 120, services: 400, now: NOW })
      const b = generateDirectory({ ...reference, seed: 7, providers: 120, services: 400, now: NOW })
      const c = generateDirectory({ ...reference, seed: 8, providers: 120, services: 400, now: NOW })
      expect(a).toEqual(b)
      expect(c.services.map((s) => s.id)).not.toEqual(a.services.map((s) => s.id))
      const ids = (await db.prisma.service.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map(
        (s) => s.id,
      )
      expect(ids).toEqual(a.services.map((s) => s.id).sort())
    })

    it('factories make a provider with service, location and accreditations, and a user', async () => {
      const { organisation, service, location, accreditations } = await seedProvider(db.prisma, {
        regionCode: '09',
        accreditations: [{ scheme: 'MSD_SSAS', level: 3 }],
        categories: ['community-connection', 'food'],
        now: NOW,
      })
      expect(location.regionId).toBe((await db.prisma.region.findUnique({ where: { code: '09' } }))!.id)
      expect(pointInGeometry(location.latitude!, location.longitude!, regionPolygons['09']!)).toBe(true)
      expect(accreditations).toMatchObject([{ scheme: 'MSD_SSAS', level: 3, status: 'ACTIVE' }])
      const full = await db.prisma.service.findUniqueOrThrow({
        where: { id: service.id },
        include: {
          categories: { include: { taxonomyTerm: true } },
          requiredAccreditations: true,
          serviceAtLocations: true,
        },
      })
      expect(full.categories.map((c) => c.taxonomyTerm.code).sort()).toEqual(['community-connection', 'food'])
      expect(full.requiredAccreditations).toMatchObject([COMMUNITY_CONNECTION_REQUIREMENT])
      expect(full.serviceAtLocations.map((s) => s.locationId)).toEqual([location.id])

      const expired = await seedProvider(db.prisma, {
        regionCode: '12',
        accreditations: [{ scheme: 'MSD_SSAS', level: 3, validTo: new Date(NOW.getTime() - DAY_MS) }],
        now: NOW,
      })
      expect(expired.accreditations[0]!.validTo!.getTime()).toBeLessThan(NOW.getTime())

      const msd = await seedAgency(db.prisma, { name: AGENCY_NAMES.MSD })
      expect(msd.kind).toBe('AGENCY')
      const { user, membership } = await seedUser(db.prisma, {
        role: 'COMMUNITY_CONNECTOR',
        organisationId: organisation.id,
        hashPassword: stubHash,
      })
      expect(user.passwordHash).toBe(await stubHash('test-password'))
      expect(membership).toMatchObject({ role: 'COMMUNITY_CONNECTOR', organisationId: organisation.id })
      const commissioner = await seedUser(db.prisma, {
        role: 'REGIONAL_COMMISSIONER',
        organisationId: msd.id,
        regionCode: '09',
      })
      expect(commissioner.membership.regionId).toBe(location.regionId)
      await expect(seedProvider(db.prisma, { categories: ['no-such-category'] })).rejects.toThrow(
        /unknown categories/,
      )
    })
  })
})
