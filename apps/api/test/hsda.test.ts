// HSDA endpoints (Open Referral API reference) over the real app and database: every endpoint's
// happy path, the page object, AND-combined parameters, documents valid against the official
// compiled schemas, nearest-first service_at_locations, and 400s that name the parameter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedProvider } from '@fsn/db'
import { testDatabaseKinds } from '@fsn/db/testing'
import { validateHsds } from '@fsn/services'
import { createTestApp, type TestApp } from './harness'

type Doc = Record<string, unknown> & { id: string; name?: string }
type Page = {
  total_items: number
  total_pages: number
  page_number: number
  size: number
  first_page: boolean
  last_page: boolean
  empty: boolean
  contents: Doc[]
}

const WELLINGTON = { lat: -41.2865, lng: 174.7762 }

describe.each(testDatabaseKinds())('HSDA /api/v1 on %s', (kind) => {
  let t: TestApp
  const ids: Record<'kai' | 'budget' | 'akl' | 'chch', { service: string; org: string; location: string }> =
    {} as never
  let food: { id: string; equivalentTermId: string | null; taxonomyId: string }

  const get = async (path: string) => {
    const res = await t.app.request(path)
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }
  const list = async (path: string) => {
    const { status, body } = await get(path)
    expect(status, JSON.stringify(body)).toBe(200)
    return body as unknown as Page
  }
  const names = (p: Page) => p.contents.map((c) => c.name).sort()

  beforeAll(async () => {
    t = await createTestApp(kind)
    const now = new Date('2026-11-22T20:00:00Z')
    const make = async (
      key: keyof typeof ids,
      place: { lat: number; lng: number; postcode: string; city: string },
      options: Parameters<typeof seedProvider>[1],
    ) => {
      const p = await seedProvider(t.db.prisma, { ...options, now })
      await t.db.prisma.location.update({
        where: { id: p.location.id },
        data: { latitude: place.lat, longitude: place.lng, postcode: place.postcode, city: place.city },
      })
      ids[key] = { service: p.service.id, org: p.organisation.id, location: p.location.id }
      return p
    }
    const kai = await make(
      'kai',
      { ...WELLINGTON, postcode: '6011', city: 'Wellington' },
      {
        name: 'Te Rōpū Āwhina',
        categories: ['food'],
        service: { name: 'Kai for Whānau', culturalFocus: ['KAUPAPA_MAORI'] },
        accreditations: [{ scheme: 'MSD_SSAS', level: 3 }],
      },
    )
    await t.db.prisma.language.create({
      data: { serviceId: kai.service.id, code: 'mi', name: 'te reo Māori' },
    })
    await make(
      'budget',
      { lat: -41.1333, lng: 174.8406, postcode: '5022', city: 'Porirua' },
      {
        name: 'Porirua Budget Advice',
        categories: ['financial-mentoring'],
        service: { name: 'Budgeting help', capacityStatus: 'WAITLIST' },
      },
    )
    await make(
      'akl',
      { lat: -36.8485, lng: 174.7633, postcode: '1010', city: 'Auckland' },
      {
        regionCode: '02',
        name: 'Tāmaki Food Bank Trust',
        categories: ['food'],
        service: { name: 'Auckland City Food Bank' },
      },
    )
    await make(
      'chch',
      { lat: -43.5321, lng: 172.6362, postcode: '8011', city: 'Christchurch' },
      {
        regionCode: '13',
        name: 'Ōtautahi Counselling',
        categories: ['counselling'],
        service: { name: 'Counselling for families', status: 'TEMPORARILY_CLOSED' },
      },
    )
    food = await t.db.prisma.taxonomyTerm.findFirstOrThrow({
      where: { code: 'food', groupCode: { not: null } },
    })
    await t.reindex()
  })
  afterAll(async () => t?.close())

  it('GET /api/v1 describes the API (HSDA "/")', async () => {
    for (const path of ['/api/v1', '/api/v1/']) {
      const { status, body } = await get(path)
      expect(status).toBe(200)
      expect(body).toEqual({ version: '3.0.1', openapi_url: 'http://localhost/api/openapi.json' })
    }
  })

  it("GET /services pages with HSDA's page object", async () => {
    const first = await list('/api/v1/services?per_page=3')
    expect(Object.keys(first).sort()).toEqual(
      [
        'contents',
        'empty',
        'first_page',
        'last_page',
        'page_number',
        'size',
        'total_items',
        'total_pages',
      ].sort(),
    )
    expect(first).toMatchObject({
      total_items: 4,
      total_pages: 2,
      page_number: 1,
      size: 3,
      first_page: true,
      last_page: false,
      empty: false,
    })
    const second = await list('/api/v1/services?per_page=3&page=2')
    expect(second).toMatchObject({
      page_number: 2,
      size: 1,
      first_page: false,
      last_page: true,
      empty: false,
    })
    expect(new Set([...first.contents, ...second.contents].map((s) => s.id)).size).toBe(4)
    const beyond = await list('/api/v1/services?per_page=3&page=9')
    expect(beyond).toMatchObject({ size: 0, empty: true, last_page: true, contents: [] })
    for (const item of first.contents) expect(validateHsds('service_list', item)).toEqual([])
    // full=true: the nested documents, each valid.
    const full = await list('/api/v1/services?full=true&per_page=2')
    for (const s of full.contents) expect(validateHsds('service', s)).toEqual([])
  })

  it('GET /services/{id} is a fully nested service valid against compiled/service.json', async () => {
    const { status, body } = await get(`/api/v1/services/${ids.kai.service}`)
    expect(status).toBe(200)
    expect(validateHsds('service', body)).toEqual([])
    expect(body).toMatchObject({
      id: ids.kai.service,
      name: 'Kai for Whānau',
      status: 'active',
      organization: { id: ids.kai.org, name: 'Te Rōpū Āwhina' },
      x_fsn: { cultural_focus: ['kaupapa_maori'] },
    })
    expect((body.service_at_locations as Doc[])[0]!.location).toMatchObject({
      id: ids.kai.location,
      latitude: WELLINGTON.lat,
    })
    expect(await get('/api/v1/services/0195f0a0-0000-7000-8000-00000000dead')).toMatchObject({ status: 404 })
    expect(await get('/api/v1/services/not-a-uuid')).toMatchObject({ status: 400, body: { field: 'id' } })
  })

  it('search folds macrons and case, and looks at organisation and category names', async () => {
    // The word typed ranks first; 'family' is whānau's synonym (search/synonyms.json), so the
    // families' counselling service follows it.
    const whanau = await list('/api/v1/services?search=whanau')
    expect(whanau.contents.map((c) => c.name)).toEqual(['Kai for Whānau', 'Counselling for families'])
    expect(names(await list('/api/v1/services?search=KAI'))).toEqual([
      'Auckland City Food Bank',
      'Kai for Whānau',
    ])
    expect(names(await list('/api/v1/services?search=tamaki%20food'))).toEqual(['Auckland City Food Bank'])
    expect(names(await list('/api/v1/services?search=nothing%20like%20this'))).toEqual([])
    expect(names(await list('/api/v1/services?search=100%25'))).toEqual([])
  })

  it('search is the directory engine: typos, te reo synonyms, prefixes, ranked best first', async () => {
    // One typo from 5 letters, two from 9 (Meilisearch's rule): a dropped or a doubled letter.
    expect(names(await list('/api/v1/services?search=counseling'))).toEqual(['Counselling for families'])
    expect(names(await list('/api/v1/services?search=budgetting'))).toEqual(['Budgeting help'])
    expect(names(await list('/api/v1/services?search=whānau%20kai'))).toEqual(['Kai for Whānau'])
    expect(names(await list('/api/v1/services?search=budg'))).toEqual(['Budgeting help'])
    // Combined with SQL-only parameters, still AND.
    expect(names(await list(`/api/v1/services?search=kai&taxonomy_term_id=${food.id}&region=09`))).toEqual([
      'Kai for Whānau',
    ])
    // service_at_locations with search and a point: only matches, nearest first.
    const near = await list(
      `/api/v1/service_at_locations?search=food&proximity=${WELLINGTON.lat},${WELLINGTON.lng}`,
    )
    expect(near.contents.map((c) => (c.service as Doc).name)).toEqual(['Kai for Whānau', 'Auckland City Food Bank'])
  })

  it('combined parameters are AND, extensions included', async () => {
    const q = (s: string) => list(`/api/v1/services?${s}`).then(names)
    expect(await q(`taxonomy_term_id=${food.id}`)).toEqual(['Auckland City Food Bank', 'Kai for Whānau'])
    expect(await q(`taxonomy_term_id=${food.id}&region=09`)).toEqual(['Kai for Whānau'])
    expect(await q(`taxonomy_term_id=${food.id}&region=NZ-AUK`)).toEqual(['Auckland City Food Bank'])
    expect(await q(`taxonomy_term_id=${food.id}&region=13`)).toEqual([])
    // The Open Eligibility term our "food" category maps to finds the same services.
    expect(await q(`taxonomy_term_id=${food.equivalentTermId}`)).toEqual([
      'Auckland City Food Bank',
      'Kai for Whānau',
    ])
    expect(await q(`taxonomy_id=${food.taxonomyId}&search=food`)).toEqual([
      'Auckland City Food Bank',
      'Kai for Whānau',
    ])
    expect(await q(`organization_id=${ids.budget.org}`)).toEqual(['Budgeting help'])
    expect(await q(`organization_id=${ids.budget.org}&search=kai`)).toEqual([])
    expect(await q('accreditation=MSD_SSAS:3')).toEqual(['Kai for Whānau'])
    expect(await q('accreditation=MSD_SSAS:4')).toEqual([])
    expect(await q('capacity=waitlist')).toEqual(['Budgeting help'])
    expect(await q('capacity=waitlist,accepting&region=09')).toEqual(['Budgeting help', 'Kai for Whānau'])
    expect(await q('cultural_focus=kaupapa_maori&language=mi')).toEqual(['Kai for Whānau'])
    expect(await q('language=sm')).toEqual([])
    expect(await q('status=temporarily%20closed')).toEqual(['Counselling for families'])
    expect(await q('modified_after=2026-11-01T00:00:00Z')).toHaveLength(4)
    expect(await q('modified_after=2099-01-01T00:00:00Z')).toEqual([])
  })

  it('GET /service_at_locations sorts by distance from a point, with the distance', async () => {
    const byPoint = await list(`/api/v1/service_at_locations?proximity=${WELLINGTON.lat},${WELLINGTON.lng}`)
    expect(byPoint.contents.map((c) => (c.service as Doc).name)).toEqual([
      'Kai for Whānau',
      'Budgeting help',
      'Counselling for families',
      'Auckland City Food Bank',
    ])
    const distances = byPoint.contents.map((c) => (c.x_fsn as { distance_m: number }).distance_m)
    expect(distances[0]).toBe(0)
    expect(distances[1]).toBeGreaterThan(15_000)
    expect(distances[1]).toBeLessThan(20_000)
    expect([...distances].sort((a, b) => a - b)).toEqual(distances)
    for (const item of byPoint.contents) expect(validateHsds('service_at_location_list', item)).toEqual([])

    const near = await list(
      `/api/v1/service_at_locations?lat=${WELLINGTON.lat}&lng=${WELLINGTON.lng}&proximity_radius=25`,
    )
    expect(near.contents.map((c) => (c.service as Doc).name)).toEqual(['Kai for Whānau', 'Budgeting help'])
    expect(near.total_items).toBe(2)
    // HSDA's own form: a postcode and a distance in metres.
    const postcode = await list('/api/v1/service_at_locations?postcode=6011&proximity=20000')
    expect(postcode.contents.map((c) => (c.service as Doc).name)).toEqual([
      'Kai for Whānau',
      'Budgeting help',
    ])
    // A postcode alone: services covering its region, nearest first.
    const covering = await list('/api/v1/service_at_locations?postcode=5022')
    expect(covering.contents.map((c) => (c.service as Doc).name)).toEqual([
      'Budgeting help',
      'Kai for Whānau',
    ])
    // Combined with the other filters (AND).
    const foodNear = await list(
      `/api/v1/service_at_locations?lat=${WELLINGTON.lat}&lng=${WELLINGTON.lng}&taxonomy_term_id=${food.id}`,
    )
    expect(foodNear.contents.map((c) => (c.service as Doc).name)).toEqual([
      'Kai for Whānau',
      'Auckland City Food Bank',
    ])
    const inAuckland = await list('/api/v1/service_at_locations?region=02')
    expect(inAuckland.contents.map((c) => c.location_id)).toEqual([ids.akl.location])
  })

  it('GET /service_at_locations/{id} validates against compiled/service_at_location.json', async () => {
    const sal = await t.db.prisma.serviceAtLocation.findFirstOrThrow({
      where: { serviceId: ids.budget.service },
    })
    const { status, body } = await get(`/api/v1/service_at_locations/${sal.id}`)
    expect(status).toBe(200)
    expect(validateHsds('service_at_location', body)).toEqual([])
    expect(body).toMatchObject({
      id: sal.id,
      service: { id: ids.budget.service },
      location: { id: ids.budget.location },
    })
  })

  it('GET /organizations and /organizations/{id}', async () => {
    const page = await list('/api/v1/organizations?search=otautahi')
    expect(page.contents.map((o) => o.name)).toEqual(['Ōtautahi Counselling'])
    for (const o of (await list('/api/v1/organizations')).contents)
      expect(validateHsds('organization_list', o)).toEqual([])
    const { status, body } = await get(`/api/v1/organizations/${ids.kai.org}`)
    expect(status).toBe(200)
    expect(validateHsds('organization', body)).toEqual([])
    expect((body.services as Doc[]).map((s) => s.id)).toEqual([ids.kai.service])
    expect((body.locations as Doc[]).map((l) => l.id)).toEqual([ids.kai.location])
    const full = await get(`/api/v1/organizations/${ids.kai.org}?full_service=true`)
    expect(validateHsds('organization', full.body)).toEqual([])
    expect((full.body.services as Doc[])[0]).toHaveProperty('service_at_locations')
  })

  it('GET /taxonomies and /taxonomy_terms', async () => {
    const taxonomies = await list('/api/v1/taxonomies')
    expect(taxonomies.total_items).toBe(2)
    for (const x of taxonomies.contents) expect(validateHsds('taxonomy', x)).toEqual([])
    const one = await get(`/api/v1/taxonomies/${food.taxonomyId}`)
    expect(one.status).toBe(200)
    const terms = await list(`/api/v1/taxonomy_terms?taxonomy_id=${food.taxonomyId}&search=kai`)
    expect(terms.contents.map((x) => x.code)).toEqual(['food'])
    for (const x of terms.contents) expect(validateHsds('taxonomy_term', x)).toEqual([])
    const top = await list(`/api/v1/taxonomy_terms?taxonomy_id=${food.taxonomyId}&top_only=true&per_page=100`)
    expect(top.total_items).toBeGreaterThan(20)
    const term = await get(`/api/v1/taxonomy_terms/${food.id}`)
    expect(term.body).toMatchObject({ id: food.id, code: 'food', name: 'Food', x_fsn: { name_mi: 'Kai' } })
  })

  it.each([
    ['/api/v1/services?page=-1', 'page'],
    ['/api/v1/services?page=0', 'page'],
    ['/api/v1/services?page=two', 'page'],
    ['/api/v1/services?per_page=101', 'per_page'],
    ['/api/v1/services?per_page=0', 'per_page'],
    ['/api/v1/services?modified_after=yesterday', 'modified_after'],
    ['/api/v1/services?taxonomy_term_id=food', 'taxonomy_term_id'],
    ['/api/v1/services?taxonomy_term_id=0195f0a0-0000-7000-8000-00000000dead', 'taxonomy_term_id'],
    ['/api/v1/services?taxonomy_id=0195f0a0-0000-7000-8000-00000000dead', 'taxonomy_id'],
    ['/api/v1/services?region=99', 'region'],
    ['/api/v1/services?region=Wellington', 'region'],
    ['/api/v1/services?accreditation=ISO_9001', 'accreditation'],
    ['/api/v1/services?capacity=full', 'capacity'],
    ['/api/v1/services?format=ndjson', 'format'],
    ['/api/v1/service_at_locations?proximity=here', 'proximity'],
    ['/api/v1/service_at_locations?proximity=-141.2,174.7', 'proximity'],
    ['/api/v1/service_at_locations?proximity=5000', 'proximity'],
    ['/api/v1/service_at_locations?lat=-95&lng=174', 'lat'],
    ['/api/v1/service_at_locations?lat=-41.2', 'lng'],
    ['/api/v1/service_at_locations?proximity_radius=10', 'proximity_radius'],
    ['/api/v1/service_at_locations?postcode=60111', 'postcode'],
    ['/api/v1/service_at_locations?postcode=9999', 'postcode'],
    ['/api/v1/taxonomy_terms?parent_id=0195f0a0-0000-7000-8000-00000000dead', 'parent_id'],
    ['/api/v1/organizations?per_page=1000', 'per_page'],
  ])('GET %s is a 400 naming %s', async (path, field) => {
    const { status, body } = await get(path)
    expect(status).toBe(400)
    expect(body).toMatchObject({ code: 'VALIDATION_FAILED', field })
    expect(body.message).toMatch(new RegExp(field))
  })

  it('the OpenAPI document lists the HSDA parameters and our extensions', async () => {
    const doc = (await get('/api/openapi.json')).body as {
      paths: Record<
        string,
        { get: { parameters: { name: string; description?: string; schema: { maximum?: number } }[] } }
      >
    }
    const params = doc.paths['/api/v1/services']!.get.parameters
    const byName = new Map(params.map((p) => [p.name, p]))
    for (const name of [
      'search',
      'page',
      'per_page',
      'taxonomy_term_id',
      'organization_id',
      'modified_after',
      'region',
      'accreditation',
      'capacity',
      'cultural_focus',
      'language',
    ]) {
      expect(byName.get(name)?.description, name).toBeTruthy()
    }
    expect(byName.get('per_page')!.schema.maximum).toBe(100)
    expect(byName.get('region')!.description).toMatch(/Extension/)
    const sal = new Set(doc.paths['/api/v1/service_at_locations']!.get.parameters.map((p) => p.name))
    for (const name of ['proximity', 'postcode', 'lat', 'lng', 'proximity_radius'])
      expect(sal.has(name), name).toBe(true)
    for (const path of [
      '/api/v1',
      '/api/v1/services/{id}',
      '/api/v1/organizations',
      '/api/v1/organizations/{id}',
      '/api/v1/taxonomies',
      '/api/v1/taxonomy_terms',
    ]) {
      expect(doc.paths[path], path).toBeDefined()
    }
  })
})
