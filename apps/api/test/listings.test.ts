// Provider listings over the real app and database (PGlite, and Postgres when TEST_DATABASE_URL is
// set): REST /api/v1/listings and the GraphQL operations, by intent: happy paths, 400s naming the
// field, 401/403, 409 on a stale version, the provider page in a fixed number of SQL statements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '@fsn/auth'
import { seedAgency, seedProvider, seedUser, type Role } from '@fsn/db'
import { testDatabaseKinds } from '@fsn/db/testing'
import { createTestApp, gql, PASSWORD, signInCookie, type TestApp } from './harness'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(testDatabaseKinds())('listings on %s', (kind) => {
  let t: TestApp
  let statements: string[] = []
  let home: Awaited<ReturnType<typeof seedProvider>>
  let other: Awaited<ReturnType<typeof seedProvider>>
  const cookies: Record<'provider' | 'otherProvider' | 'intake' | 'moderator', string> = {} as never
  let n = 0

  async function signedIn(role: Role, organisationId: string) {
    n += 1
    const email = `listings-${n}@example.nz`
    await seedUser(t.db.prisma, { role, organisationId, email, password: PASSWORD, hashPassword })
    return signInCookie(t, email)
  }

  const call = async (method: string, path: string, body?: unknown, cookie?: string) => {
    const res = await t.app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: res.status, body: (await res.json()) as Json }
  }
  const serviceVersion = async (id = home.service.id) =>
    (await t.db.prisma.service.findUniqueOrThrow({ where: { id } })).updatedAt.toISOString()
  const orgVersion = async (id = home.organisation.id) =>
    (await t.db.prisma.organisation.findUniqueOrThrow({ where: { id } })).updatedAt.toISOString()

  beforeAll(async () => {
    t = await createTestApp(kind, { onQuery: (sql) => statements.push(sql) })
    const now = new Date('2026-11-22T20:00:00Z')
    home = await seedProvider(t.db.prisma, {
      name: 'Porirua Whānau Centre',
      territorialAuthorityCode: '044',
      categories: ['food'],
      accreditations: [{ scheme: 'MSD_SSAS', level: 3 }],
      now,
    })
    other = await seedProvider(t.db.prisma, { name: 'Hutt Kai Collective', now })
    const msd = await seedAgency(t.db.prisma, { name: 'Ministry of Social Development' })
    cookies.provider = await signedIn('PROVIDER_ADMIN', home.organisation.id)
    cookies.intake = await signedIn('PROVIDER_INTAKE', home.organisation.id)
    cookies.otherProvider = await signedIn('PROVIDER_ADMIN', other.organisation.id)
    cookies.moderator = await signedIn('NATIONAL_ADMIN', msd.id)
  })
  afterAll(async () => t?.close())

  describe('REST', () => {
    it('shows the provider page to anyone', async () => {
      const { status, body } = await call('GET', `/api/v1/listings/organisations/${home.organisation.id}`)
      expect(status).toBe(200)
      expect(body).toMatchObject({
        id: home.organisation.id,
        name: 'Porirua Whānau Centre',
        freshness: { stale: false, daysSinceVerified: 0 },
        needsVerification: false,
        accreditations: [{ scheme: 'MSD_SSAS', level: 3, status: 'ACTIVE', current: true }],
        locations: [{ id: home.location.id, region: { code: '09', name: 'Wellington' } }],
        services: [{ id: home.service.id, categories: [{ code: 'food' }], freshness: { stale: false } }],
      })
      expect(typeof body.updatedAt).toBe('string')
      const service = await call('GET', `/api/v1/listings/services/${home.service.id}`)
      expect(service.status).toBe(200)
      expect(service.body.organisation).toEqual({ id: home.organisation.id, name: 'Porirua Whānau Centre' })
      expect((await call('GET', '/api/v1/listings/organisations/01900000-0000-7000-8000-000000000000')).status).toBe(404)
      expect((await call('GET', '/api/v1/listings/organisations/not-a-uuid')).body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' })
    })

    it('lets provider staff edit their own service (200), recorded with an audit record and an outbox message', async () => {
      const { status, body } = await call(
        'PATCH',
        `/api/v1/listings/services/${home.service.id}`,
        {
          expectedUpdatedAt: await serviceVersion(),
          name: 'Kai parcels',
          capacityStatus: 'WAITLIST',
          languages: ['en', 'mi'],
          openingHours: [{ day: 'MO', opensAt: '09:00', closesAt: '17:00' }],
          phones: [{ number: '04 237 1234' }],
        },
        cookies.provider,
      )
      expect(status, JSON.stringify(body)).toBe(200)
      expect(body).toMatchObject({
        id: home.service.id,
        name: 'Kai parcels',
        capacityStatus: 'WAITLIST',
        languages: [{ code: 'en', name: 'English' }, { code: 'mi', name: 'te reo Māori' }],
        openingHours: [{ day: 'MO', opensAt: '09:00', closesAt: '17:00' }],
        phones: [{ number: '04 237 1234' }],
      })
      const audit = await t.db.prisma.auditRecord.findFirstOrThrow({ orderBy: { seq: 'desc' } })
      expect(audit).toMatchObject({ action: 'directory.listing.service-updated', entityId: home.service.id })
      expect(audit.requestId).toBeTruthy()
      expect(await t.db.prisma.outboxMessage.count({ where: { topic: 'directory.changed', aggregateId: home.organisation.id } })).toBe(1)
    })

    it('answers 400 naming the field, and writes nothing', async () => {
      const before = await t.db.prisma.auditRecord.count()
      const cases: [unknown, string][] = [
        [{ expectedUpdatedAt: await serviceVersion(), phones: [{ number: 'call us' }] }, 'phones.0.number'],
        [{ expectedUpdatedAt: await serviceVersion(), minimumAge: 30, maximumAge: 12 }, 'maximumAge'],
        [{ expectedUpdatedAt: await serviceVersion(), openingHours: [{ day: 'MO', opensAt: '17:00', closesAt: '09:00' }] }, 'openingHours.0.closesAt'],
        [{ name: 'No version' }, 'expectedUpdatedAt'],
      ]
      for (const [body, field] of cases) {
        const res = await call('PATCH', `/api/v1/listings/services/${home.service.id}`, body, cookies.provider)
        expect(res.status).toBe(400)
        expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', field })
        expect(res.body.message).toContain(field)
        expect(res.body.requestId).toBeTruthy()
      }
      const location = await call(
        'PATCH',
        `/api/v1/listings/locations/${home.location.id}`,
        { expectedUpdatedAt: new Date().toISOString(), latitude: -33.87, longitude: 151.21 },
        cookies.provider,
      )
      expect(location.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'longitude' })
      // Rules the use case checks against the database still answer 400, not 500.
      const elsewhere = await call(
        'PATCH',
        `/api/v1/listings/services/${home.service.id}`,
        { expectedUpdatedAt: await serviceVersion(), locationIds: [other.location.id] },
        cookies.provider,
      )
      expect(elsewhere).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', field: 'locationIds.0' } })
      expect(await t.db.prisma.auditRecord.count()).toBe(before)
    })

    it('answers 403 to another organisation’s staff and to staff without the listing role, 401 to anonymous writes', async () => {
      const body = { expectedUpdatedAt: await serviceVersion(), name: 'Hijacked' }
      const path = `/api/v1/listings/services/${home.service.id}`
      expect((await call('PATCH', path, body, cookies.otherProvider)).body).toMatchObject({ code: 'FORBIDDEN' })
      expect((await call('PATCH', path, body, cookies.otherProvider)).status).toBe(403)
      expect((await call('PATCH', path, body, cookies.intake)).status).toBe(403)
      const anonymous = await call('PATCH', path, body)
      expect(anonymous).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } })
      // Before the body is read: a bad body gets 401 too, not a lesson in the rules.
      expect((await call('PATCH', path, { name: '' })).status).toBe(401)
      expect((await call('POST', `/api/v1/listings/organisations/${home.organisation.id}/verify`, { expectedUpdatedAt: await orgVersion() })).status).toBe(401)
      expect((await call('POST', '/api/v1/listings/services', {})).status).toBe(401)
      expect((await call('GET', `/api/v1/listings/organisations/${home.organisation.id}/changes`)).status).toBe(401)
      expect((await call('GET', '/api/v1/listings/mine')).status).toBe(401)
      expect((await t.db.prisma.service.findUniqueOrThrow({ where: { id: home.service.id } })).name).not.toBe('Hijacked')
    })

    it('lets a moderator edit any listing', async () => {
      const res = await call(
        'PATCH',
        `/api/v1/listings/organisations/${other.organisation.id}`,
        { expectedUpdatedAt: await orgVersion(other.organisation.id), website: 'https://kai.example.org.nz' },
        cookies.moderator,
      )
      expect(res.status).toBe(200)
      expect(res.body.website).toBe('https://kai.example.org.nz')
    })

    it('answers 409 to an edit from a stale version, writing nothing', async () => {
      const stale = await serviceVersion()
      const first = await call('PATCH', `/api/v1/listings/services/${home.service.id}`, { expectedUpdatedAt: stale, alternateName: 'Kai' }, cookies.provider)
      expect(first.status).toBe(200)
      const before = await t.db.prisma.auditRecord.count()
      const second = await call('PATCH', `/api/v1/listings/services/${home.service.id}`, { expectedUpdatedAt: stale, alternateName: 'Food' }, cookies.provider)
      expect(second).toMatchObject({ status: 409, body: { code: 'CONFLICT', field: 'expectedUpdatedAt' } })
      expect(await t.db.prisma.auditRecord.count()).toBe(before)
      expect((await t.db.prisma.service.findUniqueOrThrow({ where: { id: home.service.id } })).alternateName).toBe('Kai')
    })

    it('creates a service (201), verifies the listing, lists mine and the change history', async () => {
      const created = await call(
        'POST',
        '/api/v1/listings/services',
        {
          organisationId: home.organisation.id,
          expectedUpdatedAt: await orgVersion(),
          name: 'Budgeting help',
          description: 'One-to-one financial mentoring.',
          categoryCodes: ['financial-mentoring'],
          deliveryModes: ['IN_PERSON', 'PHONE'],
          locationIds: [home.location.id],
        },
        cookies.provider,
      )
      expect(created.status, JSON.stringify(created.body)).toBe(201)
      expect(created.body).toMatchObject({ name: 'Budgeting help', locations: [{ id: home.location.id }] })

      const verified = await call(
        'POST',
        `/api/v1/listings/organisations/${home.organisation.id}/verify`,
        { expectedUpdatedAt: await orgVersion() },
        cookies.provider,
      )
      expect(verified.status).toBe(200)
      expect(verified.body.lastVerifiedAt).toBe('2026-11-22T20:00:00.000Z')

      const location = await call(
        'PATCH',
        `/api/v1/listings/locations/${home.location.id}`,
        {
          expectedUpdatedAt: (await t.db.prisma.location.findUniqueOrThrow({ where: { id: home.location.id } })).updatedAt.toISOString(),
          accessibility: 'Step-free entrance.',
          latitude: -41.1339,
          longitude: 174.8406,
        },
        cookies.provider,
      )
      expect(location.status).toBe(200)
      expect(location.body).toMatchObject({ accessibility: 'Step-free entrance.', latitude: -41.1339 })

      const mine = await call('GET', '/api/v1/listings/mine', undefined, cookies.provider)
      expect(mine.status).toBe(200)
      expect(mine.body.contents.map((o: Json) => o.id)).toEqual([home.organisation.id])

      const changes = await call('GET', `/api/v1/listings/organisations/${home.organisation.id}/changes?first=2`, undefined, cookies.provider)
      expect(changes.status).toBe(200)
      expect(changes.body).toMatchObject({ has_next_page: true, contents: [{ action: 'directory.listing.location-updated' }, { action: 'directory.listing.verified' }] })
      expect(changes.body.total_items).toBeGreaterThanOrEqual(5)
      const rest = await call(
        'GET',
        `/api/v1/listings/organisations/${home.organisation.id}/changes?first=50&after=${changes.body.next_cursor}`,
        undefined,
        cookies.moderator,
      )
      expect(rest.body.contents.length).toBe(changes.body.total_items - 2)
      expect((await call('GET', `/api/v1/listings/organisations/${home.organisation.id}/changes`, undefined, cookies.otherProvider)).status).toBe(403)
    })

    it('documents the routes in the OpenAPI document, apart from the HSDA ones', async () => {
      const doc = (await call('GET', '/api/openapi.json')).body
      for (const path of [
        '/api/v1/listings/organisations/{id}',
        '/api/v1/listings/services/{id}',
        '/api/v1/listings/services',
        '/api/v1/listings/locations/{id}',
        '/api/v1/listings/organisations/{id}/verify',
        '/api/v1/listings/organisations/{id}/changes',
        '/api/v1/listings/mine',
      ]) {
        expect(doc.paths[path], path).toBeDefined()
      }
      const patch = doc.paths['/api/v1/listings/services/{id}'].patch
      expect(Object.keys(patch.requestBody.content['application/json'].schema.properties)).toEqual(
        expect.arrayContaining(['expectedUpdatedAt', 'name', 'openingHours', 'languages', 'serviceAreas']),
      )
      expect(Object.keys(patch.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '409']))
    })
  })

  describe('GraphQL', () => {
    const PAGE = `query($id: ID!) { organisation(id: $id) {
      id name updatedAt needsVerification freshness { stale daysSinceVerified verifyBy }
      phones { number } contacts { name phones { number } }
      accreditations { scheme level status validTo current label }
      locations { id name region { code name } openingHours { day opensAt closesAt } phones { number } languages { code } }
      services { id name updatedAt status capacityStatus deliveryModes culturalFocus freshness { stale }
        categories { code name } languages { code name } serviceAreas { regionCode territorialAuthorityCode name }
        locations { id name region { code } } openingHours { day opensAt closesAt } contacts { name } phones { number } costOptions { option } }
    } }`

    it('updateServiceListing: the happy path, then FORBIDDEN and VALIDATION_FAILED with the field', async () => {
      const mutation = `mutation($input: UpdateServiceListingInput!) { updateServiceListing(input: $input) {
        id name alternateName updatedAt lastVerifiedAt capacityStatus openingHours { day opensAt closesAt } serviceAreas { regionCode name }
      } }`
      const input = {
        serviceId: home.service.id,
        expectedUpdatedAt: await serviceVersion(),
        name: 'Kai and budgeting',
        alternateName: null,
        capacityStatus: 'NO_CAPACITY',
        openingHours: [{ day: 'TU', opensAt: '10:00', closesAt: '14:00' }],
        serviceAreas: [{ regionCode: '09' }],
      }
      const ok = await gql<{ updateServiceListing: Json }>(t, mutation, { input }, cookies.provider)
      expect(ok.errors).toBeUndefined()
      expect(ok.data!.updateServiceListing).toMatchObject({
        id: home.service.id,
        name: 'Kai and budgeting',
        alternateName: null,
        capacityStatus: 'NO_CAPACITY',
        openingHours: [{ day: 'TU', opensAt: '10:00', closesAt: '14:00' }],
        serviceAreas: [{ regionCode: '09', name: 'Wellington' }],
      })

      const forbidden = await gql(t, mutation, { input: { ...input, expectedUpdatedAt: ok.data!.updateServiceListing.updatedAt } }, cookies.otherProvider)
      expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      const invalid = await gql(
        t,
        mutation,
        { input: { serviceId: home.service.id, expectedUpdatedAt: ok.data!.updateServiceListing.updatedAt, languages: ['en', 'xx'] } },
        cookies.provider,
      )
      expect(invalid.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'languages.1' })
      const stale = await gql(t, mutation, { input }, cookies.provider)
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedUpdatedAt' })
      const anonymous = await gql(t, mutation, { input })
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    })

    it('verifyListing, myListings and listingChanges', async () => {
      const verify = await gql<{ verifyListing: Json }>(
        t,
        `mutation($input: VerifyListingInput!) { verifyListing(input: $input) { id lastVerifiedAt needsVerification services { id lastVerifiedAt } } }`,
        { input: { organisationId: home.organisation.id, expectedUpdatedAt: await orgVersion(), serviceIds: [home.service.id] } },
        cookies.provider,
      )
      expect(verify.errors).toBeUndefined()
      expect(verify.data!.verifyListing).toMatchObject({ id: home.organisation.id, needsVerification: false })
      const mine = await gql<{ myListings: Json[] }>(t, `{ myListings { id needsVerification services { id freshness { stale } } } }`, {}, cookies.provider)
      expect(mine.data!.myListings.map((o) => o.id)).toEqual([home.organisation.id])
      const changes = await gql<{ listingChanges: Json }>(
        t,
        `query($id: ID!) { listingChanges(organisationId: $id, first: 3) { totalCount pageInfo { hasNextPage endCursor }
          edges { node { action entityType subject moderated actor { name } changes { field from to } } } } }`,
        { id: home.organisation.id },
        cookies.provider,
      )
      expect(changes.errors).toBeUndefined()
      const nodes = changes.data!.listingChanges.edges.map((e: Json) => e.node)
      expect(nodes[0]).toMatchObject({ action: 'directory.listing.verified', entityType: 'Organisation', subject: 'Porirua Whānau Centre', moderated: false })
      expect(nodes[1].changes).toContainEqual({ field: 'name', from: JSON.stringify('Kai parcels'), to: JSON.stringify('Kai and budgeting') })
      expect(changes.data!.listingChanges.pageInfo.hasNextPage).toBe(true)
    })

    it('organisation and service are null when not found; the provider page costs the same SQL for 2 and 8 services', async () => {
      const none = await gql(t, `{ organisation(id: "01900000-0000-7000-8000-000000000000") { id } service(id: "x") { id } }`)
      expect(none).toMatchObject({ data: { organisation: null, service: null } })

      const count = async (id: string) => {
        statements = []
        const res = await gql<{ organisation: Json }>(t, PAGE, { id })
        expect(res.errors).toBeUndefined()
        return { statements: statements.length, services: res.data!.organisation.services.length }
      }
      const small = await seedProvider(t.db.prisma, { name: 'Small Trust', categories: ['food', 'counselling'] })
      const large = await seedProvider(t.db.prisma, { name: 'Large Trust', categories: ['food', 'counselling'] })
      for (let i = 0; i < 7; i++) {
        await t.db.prisma.service.create({
          data: {
            organisationId: large.organisation.id,
            name: `Extra ${i}`,
            description: 'd',
            serviceAtLocations: { create: [{ locationId: large.location.id }] },
            schedules: { create: [{ byday: 'MO,TU', opensAt: '09:00', closesAt: '17:00' }] },
            languages: { create: [{ code: 'en', name: 'English' }] },
            phones: { create: [{ number: '04 123 4567' }] },
          },
        })
      }
      const a = await count(small.organisation.id)
      const b = await count(large.organisation.id)
      expect([a.services, b.services]).toEqual([1, 8])
      expect(b.statements).toBe(a.statements)
      expect(a.statements).toBeLessThanOrEqual(3)
    })
  })
})
