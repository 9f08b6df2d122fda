import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKinds } from '@fsn/db/testing'
import { createTestApp, createUser, gql, signInCookie, type TestApp } from './harness'

describe.each(testDatabaseKinds())('health, GraphQL and REST on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind)
  })
  afterAll(async () => t?.close())

  it('GET /health reports the database ok', async () => {
    const res = await t.app.request('/health')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok', databaseKind: kind })
  })

  it('GET /health says when the public-holiday rules are about to run out, and when they have', async () => {
    try {
      t.setNow(new Date('2052-11-01T00:00:00Z'))
      const ending = await t.app.request('/health')
      expect(ending.status).toBe(200)
      expect(await ending.json()).toMatchObject({
        status: 'degraded',
        calendar: { status: 'ending', knownUntil: '2052-12-31', message: expect.stringMatching(/2053/) },
      })
      t.setNow(new Date('2053-02-01T00:00:00Z'))
      expect(await (await t.app.request('/health')).json()).toMatchObject({
        status: 'degraded',
        calendar: { status: 'failing' },
      })
    } finally {
      t.setNow(new Date('2026-11-22T20:00:00Z'))
    }
  })

  it('{ regions { name } } returns the 16 regions north to south', async () => {
    const res = await gql<{ regions: { name: string; code: string; nameMi: string }[] }>(
      t,
      '{ regions { name code nameMi } }',
    )
    expect(res.data!.regions).toHaveLength(16)
    expect(res.data!.regions[0]).toEqual({ name: 'Northland', code: '01', nameMi: 'Te Tai Tokerau' })
    expect(res.data!.regions.at(-1)!.name).toBe('Marlborough')
  })

  it('GET /api/v1/regions matches GraphQL', async () => {
    const res = await t.app.request('/api/v1/regions')
    expect(res.status).toBe(200)
    const regions = await res.json()
    expect(regions.map((r: { isoCode: string }) => r.isoCode)).toContain('NZ-WGN')
  })

  it('pages services and organisations Relay-style, with filters', async () => {
    const { organisation } = await createUser(t)
    const food = await t.db.prisma.taxonomyTerm.findFirstOrThrow({
      where: { code: 'food', groupCode: { not: null } },
    })
    const wellington = await t.db.prisma.region.findUniqueOrThrow({ where: { code: '09' } })
    const location = await t.db.prisma.location.create({
      data: {
        organisationId: organisation.id,
        name: 'Porirua hub',
        city: 'Porirua',
        regionId: wellington.id,
      },
    })
    for (const name of ['Kai for whānau', 'Budgeting', 'Counselling', 'Youth mentoring', 'Food bank']) {
      await t.db.prisma.service.create({
        data: {
          organisationId: organisation.id,
          name,
          description: `${name} in Porirua`,
          categories:
            name.includes('Kai') || name.includes('Food')
              ? { create: { taxonomyTermId: food.id } }
              : undefined,
          serviceAtLocations: { create: { locationId: location.id } },
        },
      })
    }
    const Q = `query($after: String, $cat: String, $org: ID) { services(first: 2, after: $after, categoryCode: $cat, organisationId: $org) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name organisation { id } categories { code } locations { region { code } } } } } }`
    type R = {
      services: {
        totalCount: number
        pageInfo: { hasNextPage: boolean; endCursor: string }
        edges: { node: { name: string } }[]
      }
    }
    const names: string[] = []
    let after: string | null = null
    for (let i = 0; i < 5; i++) {
      const res: Awaited<ReturnType<typeof gql<R>>> = await gql<R>(t, Q, { after, org: organisation.id })
      expect(res.errors).toBeUndefined()
      expect(res.data!.services.totalCount).toBe(5)
      names.push(...res.data!.services.edges.map((e) => e.node.name))
      if (!res.data!.services.pageInfo.hasNextPage) break
      after = res.data!.services.pageInfo.endCursor
    }
    expect(names).toEqual(['Budgeting', 'Counselling', 'Food bank', 'Kai for whānau', 'Youth mentoring'])

    const food2 = await gql<R>(t, Q, { cat: 'food', org: organisation.id })
    expect(food2.data!.services.totalCount).toBe(2)

    const orgs = await gql<{ organisations: { totalCount: number } }>(
      t,
      '{ organisations(first: 5, kind: PROVIDER) { totalCount edges { node { id name kind } } } }',
    )
    expect(orgs.data!.organisations.totalCount).toBeGreaterThanOrEqual(1)
  })

  it('a bad cursor is a VALIDATION_FAILED error naming `after`, not a 500', async () => {
    const res = await gql(t, '{ services(first: 2, after: "not-a-cursor") { totalCount } }')
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' })
  })

  it('parse and validation errors carry the catalogue codes', async () => {
    const parse = await gql(t, '{ regions { name ')
    expect(parse.errors![0]!.extensions?.code).toBe('BAD_REQUEST')
    const invalid = await gql(t, '{ regions { nope } }')
    expect(invalid.errors![0]!.extensions?.code).toBe('VALIDATION_FAILED')
    expect(invalid.errors![0]!.message).toContain('nope')
  })

  it('first over 100 is refused with the field named', async () => {
    const res = await gql(t, '{ services(first: 1000) { totalCount } }')
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'first' })
  })

  it('a commissioner sees their region on `me`', async () => {
    const { user } = await createUser(t, { role: 'REGIONAL_COMMISSIONER', kind: 'AGENCY' })
    const cookie = await signInCookie(t, user.email)
    const res = await gql<{ me: { capabilities: string[]; memberships: { region: { code: string } }[] } }>(
      t,
      '{ me { capabilities memberships { region { code } } } }',
      {},
      cookie,
    )
    expect(res.data!.me.memberships[0]!.region.code).toBe('09')
    expect(res.data!.me.capabilities).toContain('coverage:view-region')
    expect(res.data!.me.capabilities).not.toContain('referral:send')
  })

  it('serves its OpenAPI document with the auth and v1 routes', async () => {
    const res = await t.app.request('/api/openapi.json')
    expect(res.status).toBe(200)
    const doc = await res.json()
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/auth/sign-in', '/auth/sign-out', '/api/v1/regions']),
    )
  })

  it('unknown paths are a JSON 404', async () => {
    const res = await t.app.request('/nope')
    expect(res.status).toBe(404)
    expect((await res.json()).code).toBe('NOT_FOUND')
  })
})

describe('health when the database is gone', () => {
  it('answers 503 with database down', async () => {
    const t = await createTestApp('pglite')
    await t.db.close()
    const res = await t.app.request('/health')
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ status: 'down', database: 'down' })
  })
})
