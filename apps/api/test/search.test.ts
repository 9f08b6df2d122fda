// The directory search over HTTP (REST /api/v1/search, GraphQL searchDirectory, HSDA search) on
// a generated directory, through the real app and the embedded engine built from the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDatabase } from '@fsn/db'
import { testDatabaseKinds } from '@fsn/db/testing'
import { createTestApp, type TestApp } from './harness'

type Hit = {
  id: string
  serviceId: string
  name: string
  description: string
  categories: { code: string; name: string }[]
  regionCode: string | null
  distanceKm: number | null
  flags: string[]
  capacity: string
  lastVerifiedAt: number | null
}
type Result = {
  total: number
  hits: Hit[]
  origin: { lat: number; lng: number } | null
  facets: { name: string; values: { value: string; label: string; count: number; selected: boolean }[] }[]
}

const WELLINGTON = { lat: -41.2865, lng: 174.7762 }
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

describe.each(testDatabaseKinds())('directory search on %s', (kind) => {
  let t: TestApp
  const get = async (path: string) => {
    const res = await t.app.request(path)
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }
  const search = async (query: string): Promise<Result> => {
    const { status, body } = await get(`/api/v1/search?${query}`)
    expect(status, JSON.stringify(body)).toBe(200)
    return body as unknown as Result
  }

  beforeAll(async () => {
    t = await createTestApp(kind)
    await seedDatabase({ db: t.db, providers: 60, services: 240, now: t.deps.clock() })
    await t.reindex()
  })
  afterAll(async () => t?.close())

  it("'whanau' finds Whānau Ora services, and 'Whānau' finds the same", async () => {
    const plain = await search('q=whanau&per_page=100')
    expect(plain.total).toBeGreaterThan(0)
    expect(plain.hits.some((h) => h.categories.some((c) => c.code === 'whanau-ora'))).toBe(true)
    expect(fold(plain.hits[0]!.name + plain.hits[0]!.description)).toContain('whanau')
    const marked = await search('q=wh%C4%81nau&per_page=100')
    expect(marked.total).toBe(plain.total)
    expect(marked.hits.map((h) => h.id)).toEqual(plain.hits.map((h) => h.id))
  })

  it("'menatl helth' finds mental health services", async () => {
    const r = await search('q=menatl%20helth')
    expect(r.total).toBeGreaterThan(0)
    for (const h of r.hits) expect(fold(JSON.stringify(h))).toMatch(/mental/)
    expect(r.hits.some((h) => h.categories.some((c) => c.code === 'mental-health'))).toBe(true)
  })

  it('counts facets over every match, with labels, and a filter narrows them', async () => {
    const all = await search('facets=true')
    const region = all.facets.find((f) => f.name === 'region')!
    const wellington = region.values.find((v) => v.value === '09')!
    expect(wellington.label).toBe('Wellington')
    const category = all.facets.find((f) => f.name === 'category')!
    expect(category.values.every((v) => v.label !== v.value)).toBe(true)
    const filtered = await search('region=09&facets=true')
    expect(filtered.total).toBe(wellington.count)
    expect(filtered.hits.every((h) => h.regionCode === '09')).toBe(true)
    expect(filtered.facets.find((f) => f.name === 'region')!.values.find((v) => v.value === '09')).toMatchObject({
      selected: true,
    })
  })

  it('measures from a point or a postcode, nearest first', async () => {
    const r = await search(`lat=${WELLINGTON.lat}&lng=${WELLINGTON.lng}&radius_km=30&per_page=50`)
    const d = r.hits.map((h) => h.distanceKm!)
    expect(d.length).toBeGreaterThan(0)
    for (const x of d) expect(x).toBeLessThanOrEqual(30)
    // Current listings first, each tier nearest first (stale and full ones ranked lower, not hidden).
    const current = r.hits.filter((h) => h.flags.length === 0).map((h) => h.distanceKm!)
    expect([...current].sort((a, b) => a - b)).toEqual(current)
    const postcode = await t.db.prisma.location.findFirstOrThrow({
      where: { postcode: { not: null }, latitude: { not: null } },
      select: { postcode: true },
    })
    const byPostcode = await search(`postcode=${postcode.postcode}&radius_km=10`)
    expect(byPostcode.origin).not.toBeNull()
    expect(byPostcode.total).toBeGreaterThan(0)
  })

  it('GraphQL searchDirectory gives the same answer with facets', async () => {
    const res = await t.app.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query($input: DirectorySearchInput!) { searchDirectory(input: $input) {
          total hits { id name flags capacity distanceKm categories { code name } }
          facets { name values { value label count selected } } } }`,
        variables: { input: { q: 'menatl helth', facets: true, regionCodes: null } },
      }),
    })
    const body = (await res.json()) as { data: { searchDirectory: Result }; errors?: unknown }
    expect(body.errors).toBeUndefined()
    const rest = await search('q=menatl%20helth&facets=true')
    expect(body.data.searchDirectory.total).toBe(rest.total)
    expect(body.data.searchDirectory.hits.map((h) => h.id)).toEqual(rest.hits.map((h) => h.id))
    expect(body.data.searchDirectory.facets.map((f) => f.name)).toContain('capacity')
  })

  it('HSDA /services?search=whanau returns Whānau Ora services, best first', async () => {
    const { status, body } = await get('/api/v1/services?search=whanau&per_page=100')
    expect(status).toBe(200)
    const page = body as { total_items: number; contents: { id: string; name: string; description: string }[] }
    expect(page.total_items).toBeGreaterThan(0)
    const whanauOra = await t.db.prisma.service.findMany({
      where: { categories: { some: { taxonomyTerm: { code: 'whanau-ora' } } }, status: { not: 'DEFUNCT' } },
      select: { id: true },
    })
    expect(whanauOra.length).toBeGreaterThan(0)
    const ids = new Set(page.contents.map((c) => c.id))
    expect(whanauOra.filter((s) => ids.has(s.id)).length).toBeGreaterThan(0)
    expect(fold(page.contents[0]!.name + page.contents[0]!.description)).toContain('whanau')
  })

  it('HSDA /services?search= uses the same engine', async () => {
    const { status, body } = await get('/api/v1/services?search=menatl%20helth&per_page=100')
    expect(status).toBe(200)
    const page = body as { total_items: number; contents: { id: string }[] }
    const rest = await search('q=menatl%20helth&per_page=100')
    expect(page.total_items).toBe(new Set(rest.hits.map((h) => h.serviceId)).size)
  })

  it.each([
    ['page=-1', 'page'],
    ['per_page=101', 'per_page'],
    ['per_page=0', 'per_page'],
    ['lat=abc&lng=174', 'lat'],
    ['lat=-41.2', 'lng'],
    ['lat=-95&lng=174', 'lat'],
    ['region=9', 'region'],
    ['capacity=full', 'capacity'],
    ['accreditation=ISO_9001', 'accreditation'],
    ['postcode=60111', 'postcode'],
    ['postcode=0001', 'postcode'],
    ['radius_km=5', 'radius_km'],
    ['sort=distance', 'sort'],
    ['sort=loudest', 'sort'],
    ['open_now=yes', 'open_now'],
  ])('GET /api/v1/search?%s is a 400 naming %s', async (query, field) => {
    const { status, body } = await get(`/api/v1/search?${query}`)
    expect(status, JSON.stringify(body)).toBe(400)
    expect(body).toMatchObject({ code: 'VALIDATION_FAILED', field })
  })

  it('is in the OpenAPI document', async () => {
    const { body } = await get('/api/openapi.json')
    const params = (
      (body.paths as Record<string, { get: { parameters: { name: string }[] } }>)['/api/v1/search']!.get.parameters
    ).map((p) => p.name)
    expect(params).toEqual(expect.arrayContaining(['q', 'region', 'category', 'lat', 'lng', 'postcode', 'facets']))
  })
})
