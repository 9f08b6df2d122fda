// Conventions 13: count the SQL an operation issues, so an N+1 fails a test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseKinds } from '@fsn/db/testing'
import { createTestApp, createUser, gql, type TestApp } from './harness'

const PAGE = `query($first: Int) { services(first: $first) { totalCount edges { node {
  id name status capacityStatus lastVerifiedAt organisation { id name } categories { code name }
  locations { id name city region { code name } } } } } }`

describe.each(testDatabaseKinds())('GraphQL statement counts on %s', (kind) => {
  let t: TestApp
  let statements: string[] = []
  beforeAll(async () => {
    t = await createTestApp(kind, { onQuery: (sql) => statements.push(sql) })
    const { organisation } = await createUser(t)
    const terms = await t.db.prisma.taxonomyTerm.findMany({ where: { groupCode: { not: null } }, take: 3 })
    const regions = await t.db.prisma.region.findMany({ take: 3 })
    const locations = await Promise.all(
      regions.map((r, i) =>
        t.db.prisma.location.create({
          data: { organisationId: organisation.id, name: `Site ${i}`, regionId: r.id },
        }),
      ),
    )
    for (let i = 0; i < 60; i++) {
      await t.db.prisma.service.create({
        data: {
          organisationId: organisation.id,
          name: `Service ${String(i).padStart(2, '0')}`,
          description: 'd',
          categories: { create: terms.slice(0, 1 + (i % 3)).map((term) => ({ taxonomyTermId: term.id })) },
          serviceAtLocations: { create: locations.slice(0, 1 + (i % 3)).map((l) => ({ locationId: l.id })) },
        },
      })
    }
  })
  afterAll(async () => t?.close())

  async function count(first: number) {
    statements = []
    const res = await gql(t, PAGE, { first })
    expect(res.errors).toBeUndefined()
    return statements.length
  }

  it('a page of services with organisation, categories and locations costs the same SQL at 5 and 50 rows', async () => {
    const small = await count(5)
    const large = await count(50)
    expect(large).toBe(small)
    expect(small).toBeLessThanOrEqual(5)
    console.log(`services page: ${small} SQL statements at 5 and at 50 rows`)
  })
})
