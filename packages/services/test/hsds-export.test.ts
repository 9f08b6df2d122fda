// The directory exported as HSDS 3.0, checked by ajv against Open Referral's own compiled schemas
// (prisma/reference/hsds), on a small generated directory: every service, organisation and
// service_at_location, and the HSDA list items against the list schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionPolicy } from '@fsn/auth'
import { ANONYMOUS } from '@fsn/domain'
import { seedDatabase, seedProvider, type Database } from '@fsn/db'
import { openTestDatabase, testDatabaseKinds } from '@fsn/db/testing'
import type { ServiceDeps } from '../src/context'
import {
  exportHsdsServices,
  findHsdsOrganizations,
  findHsdsServiceAtLocations,
  findHsdsServices,
  getHsdsOrganization,
  getHsdsService,
  getHsdsServiceAtLocation,
  validateHsds,
  type HsdsObject,
} from '../src/index'
import { createEmbeddedSearchIndex } from '@fsn/search'

// 10:00 NZDT on Monday 23 November 2026: New Zealand is at +13:00.
const NOW = new Date('2026-11-22T21:00:00Z')

describe.each(testDatabaseKinds())('HSDS export on %s', (kind) => {
  let db: Database
  let deps: ServiceDeps
  const exported: HsdsObject[] = []
  let special: Awaited<ReturnType<typeof seedProvider>>

  beforeAll(async () => {
    db = await openTestDatabase(kind)
    deps = { prisma: db.prisma, clock: () => NOW, sessionPolicy: sessionPolicy(), search: createEmbeddedSearchIndex() }
    await seedDatabase({ db, providers: 12, services: 40, now: NOW })
    // Edges the generator does not make: a temporarily closed service, a phone extension with words,
    // a schedule kept in another time zone, a cost option, a service area by district.
    special = await seedProvider(db.prisma, {
      name: 'Te Whare Tiaki Whānau',
      categories: ['family-violence', 'counselling'],
      service: { status: 'TEMPORARILY_CLOSED', capacityStatus: 'WAITLIST', culturalFocus: ['KAUPAPA_MAORI'] },
      accreditations: [{ scheme: 'MSD_SSAS', level: 3, validFrom: new Date('2025-01-01'), validTo: null }],
      now: NOW,
    })
    const s = special.service.id
    await db.prisma.phone.create({
      data: { serviceId: s, number: '04 555 0101', extension: 'press 2, then 4' },
    })
    await db.prisma.schedule.create({
      data: { serviceId: s, byday: 'MO', opensAt: '09:00', closesAt: '12:00', timezone: 'Etc/GMT-10' },
    })
    await db.prisma.costOption.create({ data: { serviceId: s, option: 'Per session', amountCents: 4550 } })
    const ta = await db.prisma.territorialAuthority.findFirstOrThrow({ where: { code: '047' } })
    await db.prisma.serviceArea.create({ data: { serviceId: s, territorialAuthorityId: ta.id } })
    for await (const batch of exportHsdsServices({ deps, actor: ANONYMOUS, batchSize: 15 }))
      exported.push(...batch.services)
  })
  afterAll(async () => db?.close())

  it('exports every service, and each validates against compiled/service.json', async () => {
    expect(exported).toHaveLength(await db.prisma.service.count())
    const invalid = exported.flatMap((doc) =>
      validateHsds('service', doc).map((i) => `${doc.id as string} ${i.path}: ${i.message}`),
    )
    expect(invalid).toEqual([])
    // The validator is not vacuous: a broken copy fails, naming the fields.
    const broken = { ...exported[0], id: 'not-a-uuid', status: 'open' } as HsdsObject
    delete broken.name
    expect(
      validateHsds('service', broken)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['/id', '/name', '/status'])
  })

  it('every organisation and service_at_location validates too', async () => {
    const orgs = await db.prisma.organisation.findMany({ select: { id: true } })
    for (const { id } of orgs) {
      const doc = await getHsdsOrganization({ deps, actor: ANONYMOUS, input: { id, full_service: 'true' } })
      expect(validateHsds('organization', doc), `organization ${id}`).toEqual([])
    }
    const sals = await db.prisma.serviceAtLocation.findMany({ select: { id: true }, take: 10 })
    expect(sals.length).toBeGreaterThan(5)
    for (const { id } of sals) {
      const doc = await getHsdsServiceAtLocation({ deps, actor: ANONYMOUS, input: { id } })
      expect(validateHsds('service_at_location', doc), `service_at_location ${id}`).toEqual([])
    }
  })

  it('HSDA list items validate against the list schemas', async () => {
    const services = await findHsdsServices({ deps, actor: ANONYMOUS, input: { per_page: 100 } })
    for (const item of services.contents) expect(validateHsds('service_list', item)).toEqual([])
    const orgs = await findHsdsOrganizations({ deps, actor: ANONYMOUS, input: { per_page: 100 } })
    for (const item of orgs.contents) expect(validateHsds('organization_list', item)).toEqual([])
    const sals = await findHsdsServiceAtLocations({
      deps,
      actor: ANONYMOUS,
      input: { per_page: 50, proximity: '-41.29,174.78' },
    })
    for (const item of sals.contents) expect(validateHsds('service_at_location_list', item)).toEqual([])
  })

  it('maps status, hours, money, areas and our extensions as HSDS expects', async () => {
    const doc = await getHsdsService({ deps, actor: ANONYMOUS, input: { id: special.service.id } })
    expect(doc).toMatchObject({
      status: 'temporarily closed',
      organization_id: special.organisation.id,
      assured_date: '2026-11-23',
      last_modified: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      x_fsn: { capacity_status: 'waitlist', cultural_focus: ['kaupapa_maori'], free_of_charge: true },
      cost_options: [expect.objectContaining({ amount: 45.5, currency: 'NZD' })],
    })
    const schedules = doc.schedules as HsdsObject[]
    expect(schedules).toContainEqual(
      expect.objectContaining({ opens_at: '09:00+10:00', timezone: 10, x_fsn: { timezone: 'Etc/GMT-10' } }),
    )
    const phones = doc.phones as HsdsObject[]
    expect(phones.find((p) => p.number === '04 555 0101')).toEqual(
      expect.objectContaining({ x_fsn: { extension: 'press 2, then 4' } }),
    )
    expect((doc.service_areas as HsdsObject[]).map((a) => a.name)).toContain('Wellington City')
    const attributes = doc.attributes as { taxonomy_term: HsdsObject; link_entity: string }[]
    expect(attributes.map((a) => a.taxonomy_term.code).sort()).toEqual(['counselling', 'family-violence'])
    expect(attributes[0]!.link_entity).toBe('service')
    const location = (doc.service_at_locations as HsdsObject[])[0]!.location as HsdsObject
    expect(location.addresses).toEqual([
      expect.objectContaining({ country: 'NZ', state_province: 'Wellington', address_type: 'physical' }),
    ])
    const org = doc.organization as HsdsObject
    expect(org.x_fsn).toMatchObject({
      kind: 'provider',
      accreditations: [expect.objectContaining({ scheme: 'MSD_SSAS', level: 3 })],
    })

    // Opening hours kept in NZ time carry the offset in force: +13:00 in November (NZDT).
    const nz = exported
      .flatMap((s) => (s.schedules as HsdsObject[]) ?? [])
      .find((x) => x.opens_at && x.timezone === 13)
    expect(nz?.opens_at).toMatch(/^\d{2}:\d{2}\+13:00$/)
  })
})
