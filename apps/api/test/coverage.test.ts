// Coverage for regional commissioners over REST on a real database (PGlite, and Postgres with
// TEST_DATABASE_URL): the matrix of a seeded directory shows its gaps (computed again here from the
// rows), a Wellington commissioner sees only Wellington's referral details, the national view only
// aggregates (small counts suppressed), other roles get 403, bad periods 400 naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '@fsn/auth'
import { COVERAGE_GAPS, seedAgency, seedDatabase, seedUser } from '@fsn/db'
import { testDatabaseKinds } from '@fsn/db/testing'
import { CATEGORY_TAXONOMY } from '@fsn/domain'
import { PASSWORD, createTestApp, gql, signInCookie, type TestApp } from './harness'

const NOW = new Date('2026-11-20T00:00:00.000Z')
const HOUR = 3_600_000

interface Cell {
  regionCode: string
  territorialAuthorityCode: string
  categoryCode: string
  accreditedProviders: number
  gap: string | null
  overlap: boolean
}

describe.each(testDatabaseKinds())('coverage over REST on %s', (kind) => {
  let t: TestApp
  let cookies: { commissioner: string; admin: string; connector: string; lead: string }
  const wellingtonRefs: string[] = []
  const aucklandRefs: string[] = []

  const get = (path: string, cookie?: string) => t.app.request(path, { headers: cookie ? { cookie } : {} })

  beforeAll(async () => {
    t = await createTestApp(kind)
    await seedDatabase({ db: t.db, seed: 11, providers: 140, services: 420, now: NOW })
    t.setNow(NOW)
    const prisma = t.db.prisma
    const msd = await seedAgency(prisma, { name: 'Coverage test agency' })
    const user = async (
      role: 'REGIONAL_COMMISSIONER' | 'NATIONAL_ADMIN' | 'COMMUNITY_CONNECTOR' | 'TRIAGE_OFFICER',
      regionCode?: string,
    ) => {
      const { user: u } = await seedUser(prisma, {
        role,
        organisationId: msd.id,
        password: PASSWORD,
        hashPassword,
        regionCode,
      })
      return { id: u.id, cookie: await signInCookie(t, u.email) }
    }
    const commissioner = await user('REGIONAL_COMMISSIONER', '09')
    cookies = {
      commissioner: commissioner.cookie,
      admin: (await user('NATIONAL_ADMIN')).cookie,
      connector: (await user('COMMUNITY_CONNECTOR')).cookie,
      lead: (await user('TRIAGE_OFFICER')).cookie,
    }

    // Referrals: six for people in Wellington City, two in Auckland.
    const service = await prisma.service.findFirstOrThrow({
      where: { status: 'ACTIVE', categories: { some: {} } },
      include: { categories: true },
    })
    const categoryTermId = service.categories[0]!.taxonomyTermId
    let n = 0
    const referral = async (
      regionCode: string,
      taCode: string,
      shape: {
        respondedAfterH?: number
        respondByH: number
        status: string
        escalated?: boolean
        outcome?: string
      },
    ) => {
      n += 1
      const region = await prisma.region.findUniqueOrThrow({ where: { code: regionCode } })
      const ta = await prisma.territorialAuthority.findUniqueOrThrow({ where: { code: taCode } })
      const person = await prisma.person.create({
        data: {
          givenName: `Tama ${n}`,
          regionId: region.id,
          territorialAuthorityId: ta.id,
          recordedByOrganisationId: msd.id,
          recordedById: commissioner.id,
        },
      })
      const consent = await prisma.consent.create({
        data: {
          personId: person.id,
          purpose: 'referral',
          informationKinds: ['CONTACT_DETAILS'],
          method: 'VERBAL',
          recordedById: commissioner.id,
          recordedByOrganisationId: msd.id,
          givenAt: new Date(NOW.getTime() - 30 * 24 * HOUR),
        },
      })
      const sentAt = new Date(NOW.getTime() - 10 * 24 * HOUR + n * HOUR)
      const r = await prisma.referral.create({
        data: {
          reference: `R-26-9${String(n).padStart(4, '0')}`,
          personId: person.id,
          consentId: consent.id,
          fromOrganisationId: msd.id,
          senderId: commissioner.id,
          toOrganisationId: service.organisationId,
          serviceId: service.id,
          categoryTermId,
          status: shape.status as never,
          sentAt,
          respondBy: new Date(sentAt.getTime() + shape.respondByH * HOUR),
          respondedAt:
            shape.respondedAfterH === undefined
              ? null
              : new Date(sentAt.getTime() + shape.respondedAfterH * HOUR),
          escalatedAt: shape.escalated ? new Date(sentAt.getTime() + shape.respondByH * HOUR) : null,
          escalationLevel: shape.escalated ? 1 : 0,
          outcome: (shape.outcome ?? null) as never,
          declineReason: shape.status === 'DECLINED' ? 'No capacity' : null,
          regionId: region.id,
          territorialAuthorityId: ta.id,
        },
      })
      ;(regionCode === '09' ? wellingtonRefs : aucklandRefs).push(r.reference)
    }
    await referral('09', '047', { respondedAfterH: 1, respondByH: 48, status: 'ACCEPTED' })
    await referral('09', '047', { respondedAfterH: 1, respondByH: 48, status: 'IN_PROGRESS' })
    await referral('09', '047', {
      respondedAfterH: 1,
      respondByH: 48,
      status: 'COMPLETED',
      outcome: 'NEEDS_MET',
    })
    await referral('09', '047', { respondedAfterH: 50, respondByH: 48, status: 'ACCEPTED' })
    await referral('09', '047', { respondedAfterH: 2, respondByH: 48, status: 'DECLINED' })
    await referral('09', '047', { respondByH: 48, status: 'SENT', escalated: true })
    await referral('02', '076', { respondedAfterH: 1, respondByH: 48, status: 'ACCEPTED' })
    await referral('02', '076', { respondByH: 48, status: 'SENT' })
  }, 240_000)

  afterAll(async () => {
    await t?.close()
  })

  /** The gaps again, from the rows, without the coverage SQL. */
  async function expectedGaps(): Promise<Set<string>> {
    const prisma = t.db.prisma
    const tas = await prisma.territorialAuthority.findMany({
      select: { id: true, code: true, regionId: true },
    })
    const categories = await prisma.taxonomyTerm.findMany({
      where: { taxonomy: { name: CATEGORY_TAXONOMY.name } },
      select: { id: true, code: true },
    })
    const services = await prisma.service.findMany({
      where: { status: 'ACTIVE', nationwide: false },
      select: {
        id: true,
        organisationId: true,
        categories: { select: { taxonomyTermId: true } },
        requiredAccreditations: { select: { scheme: true, minimumLevel: true } },
        serviceAtLocations: { select: { location: { select: { territorialAuthorityId: true } } } },
        serviceAreas: { select: { regionId: true, territorialAuthorityId: true } },
        organisation: { select: { accreditations: true } },
      },
    })
    const providers = new Map<string, Set<string>>() // "taId|catId" -> organisation ids
    for (const s of services) {
      const current = s.organisation.accreditations.filter(
        (a) => a.status === 'ACTIVE' && a.validFrom <= NOW && (a.validTo === null || a.validTo > NOW),
      )
      const accredited =
        current.length > 0 &&
        s.requiredAccreditations.every((r) =>
          current.some(
            (a) => a.scheme === r.scheme && (r.minimumLevel === null || (a.level ?? 0) >= r.minimumLevel),
          ),
        )
      if (!accredited) continue
      const where = new Set<string>()
      for (const sal of s.serviceAtLocations)
        if (sal.location.territorialAuthorityId) where.add(sal.location.territorialAuthorityId)
      for (const a of s.serviceAreas) {
        if (a.territorialAuthorityId) where.add(a.territorialAuthorityId)
        if (a.regionId) for (const ta of tas) if (ta.regionId === a.regionId) where.add(ta.id)
      }
      for (const taId of where)
        for (const c of s.categories) {
          const key = `${taId}|${c.taxonomyTermId}`
          providers.set(key, (providers.get(key) ?? new Set()).add(s.organisationId))
        }
    }
    const gaps = new Set<string>()
    for (const ta of tas)
      for (const c of categories) if (!providers.has(`${ta.id}|${c.id}`)) gaps.add(`${ta.code}|${c.code}`)
    return gaps
  }

  it('the national matrix shows the seeded gaps, as computed from the rows', async () => {
    const res = await get('/api/v1/coverage/matrix', cookies.admin)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { scope: { kind: string }; cells: Cell[] }
    expect(body.scope.kind).toBe('NATIONAL')
    const tas = await t.db.prisma.territorialAuthority.count()
    const categories = await t.db.prisma.taxonomyTerm.count({
      where: { taxonomy: { name: CATEGORY_TAXONOMY.name } },
    })
    expect(body.cells).toHaveLength(tas * categories)
    const gaps = new Set(
      body.cells.filter((c) => c.gap).map((c) => `${c.territorialAuthorityCode}|${c.categoryCode}`),
    )
    expect(gaps).toEqual(await expectedGaps())
    // The generator's designed gaps are among them: every TA of the region, every gap category.
    const gapCells = body.cells.filter((c) => c.gap === 'NO_PROVIDER')
    for (const [regionCode, codes] of Object.entries(COVERAGE_GAPS))
      for (const code of codes) {
        const cells = body.cells.filter((c) => c.regionCode === regionCode && c.categoryCode === code)
        expect(cells.length).toBeGreaterThan(0)
        for (const cell of cells) expect(gapCells).toContainEqual(cell)
      }
    // Overlaps: three or more accredited providers.
    for (const c of body.cells) expect(c.overlap).toBe(c.accreditedProviders >= 3)
    const overlaps = (await (await get('/api/v1/coverage/overlaps', cookies.admin)).json()) as {
      cells: Cell[]
    }
    expect(overlaps.cells.length).toBe(body.cells.filter((c) => c.overlap).length)
    const gapList = (await (await get('/api/v1/coverage/gaps', cookies.admin)).json()) as { cells: Cell[] }
    expect(gapList.cells.length).toBe(gaps.size)
  })

  it('a Wellington commissioner sees Wellington only, as JSON and CSV', async () => {
    const res = await get('/api/v1/coverage/matrix', cookies.commissioner)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { scope: { kind: string; regionCode: string }; cells: Cell[] }
    expect(body.scope).toMatchObject({ kind: 'REGION', regionCode: '09' })
    expect(new Set(body.cells.map((c) => c.regionCode))).toEqual(new Set(['09']))
    const csv = await get('/api/v1/coverage/matrix?format=csv&category=family-violence', cookies.commissioner)
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/)
    const lines = (await csv.text()).trimEnd().split('\r\n')
    expect(lines[0]).toBe(
      'regionCode,regionName,territorialAuthorityCode,territorialAuthorityName,population,categoryCode,categoryName,activeAccreditedServices,accreditedProviders,providersWithCapacity,activeServices,gap,overlap',
    )
    expect(lines.length - 1).toBe(body.cells.filter((c) => c.categoryCode === 'family-violence').length)
    expect((await get('/api/v1/coverage/matrix?region=02', cookies.commissioner)).status).toBe(403)
    const stale = await get('/api/v1/coverage/stale-listings', cookies.commissioner)
    expect(stale.status).toBe(200)
    const s = (await stale.json()) as {
      total: number
      listings: { regionCode: string; daysSinceVerified: number | null }[]
    }
    expect(s.total).toBeGreaterThan(0)
    for (const l of s.listings) {
      expect(l.regionCode).toBe('09')
      expect(l.daysSinceVerified === null || l.daysSinceVerified > 180).toBe(true)
    }
  })

  const period = 'from=2026-11-01&to=2026-11-21'

  it("a Wellington commissioner sees Wellington's referral details and flow, nothing of Auckland", async () => {
    const res = await get(`/api/v1/coverage/referral-flow?${period}`, cookies.commissioner)
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      areaKind: string
      rows: Record<string, unknown>[]
      totals: Record<string, unknown>
      details: { reference: string }[]
    }
    expect(body.areaKind).toBe('TERRITORIAL_AUTHORITY')
    expect(body.details.map((d) => d.reference).sort()).toEqual([...wellingtonRefs].sort())
    expect(body.rows).toHaveLength(1)
    expect(body.rows[0]).toMatchObject({
      areaCode: '047',
      sent: '6',
      received: '5',
      accepted: '4',
      declined: '1',
      acceptedWithinSla: '3',
      slaPercent: 50, // 3 of 6 answered or past due
      medianMinutesToAccept: 60,
      overdueNow: '1',
      escalated: '1',
      needsMet: '1',
    })
    expect(JSON.stringify(body)).not.toMatch(/Tama/)
    const csv = await get(
      `/api/v1/coverage/referral-flow?${period}&format=csv&table=details`,
      cookies.commissioner,
    )
    expect((await csv.text()).trimEnd().split('\r\n')).toHaveLength(1 + wellingtonRefs.length)
    expect(
      (await get(`/api/v1/coverage/referral-flow?${period}&region=02`, cookies.commissioner)).status,
    ).toBe(403)
  })

  it('the national view only aggregates, with small counts suppressed', async () => {
    const res = await get(`/api/v1/coverage/referral-flow?${period}`, cookies.admin)
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      areaKind: string
      rows: Record<string, unknown>[]
      totals: Record<string, unknown>
      details: unknown[]
    }
    expect(body.areaKind).toBe('REGION')
    expect(body.details).toEqual([])
    const byArea = Object.fromEntries(body.rows.map((r) => [r.areaCode, r]))
    expect(byArea['09']).toMatchObject({
      sent: '6',
      accepted: '<5',
      slaPercent: 50,
      medianMinutesToAccept: null,
    })
    expect(byArea['02']).toMatchObject({
      sent: '<5',
      accepted: '<5',
      slaPercent: null,
      medianMinutesToAccept: null,
    })
    expect(body.totals).toMatchObject({ sent: '8', accepted: '5', acceptedWithinSla: '<5' })
    // Filters: an agency with no referrals gives an empty table.
    const none = (await (
      await get(`/api/v1/coverage/referral-flow?${period}&agency=oranga-tamariki`, cookies.admin)
    ).json()) as { rows: unknown[] }
    expect(none.rows).toEqual([])
    // A national administrator may drill into one region, with details.
    const wgn = (await (
      await get(`/api/v1/coverage/referral-flow?${period}&region=09`, cookies.admin)
    ).json()) as { details: unknown[] }
    expect(wgn.details).toHaveLength(wellingtonRefs.length)
  })

  it('a Wellington commissioner sees the national view as aggregates only (region=NZ)', async () => {
    const res = await get(`/api/v1/coverage/referral-flow?${period}&region=NZ`, cookies.commissioner)
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      scope: { kind: string; details: boolean }
      areaKind: string
      rows: Record<string, unknown>[]
      details: unknown[]
    }
    const admin = (await (await get(`/api/v1/coverage/referral-flow?${period}`, cookies.admin)).json()) as {
      rows: Record<string, unknown>[]
    }
    expect(body.scope).toMatchObject({ kind: 'NATIONAL', details: false })
    expect(body.areaKind).toBe('REGION')
    expect(body.details).toEqual([])
    // Exactly what the national administrator sees: Auckland's small counts suppressed.
    expect(body.rows).toEqual(admin.rows)
    expect(body.rows.find((r) => r.areaCode === '02')).toMatchObject({ sent: '<5' })
    const matrix = await get('/api/v1/coverage/matrix?region=nz', cookies.commissioner)
    expect(matrix.status).toBe(200)
    expect(((await matrix.json()) as { scope: { kind: string } }).scope.kind).toBe('NATIONAL')
    // Details stay with the region: its own, never Auckland's.
    expect((await get(`/api/v1/coverage/referral-flow?${period}&region=02`, cookies.commissioner)).status).toBe(403)
  })

  it('refuses other roles (403) and anonymous callers (401)', async () => {
    for (const cookie of [cookies.connector, cookies.lead]) {
      for (const path of [
        '/api/v1/coverage/matrix',
        '/api/v1/coverage/stale-listings',
        `/api/v1/coverage/referral-flow?${period}`,
      ]) {
        const res = await get(path, cookie)
        expect(res.status).toBe(403)
        expect(((await res.json()) as { code: string }).code).toBe('FORBIDDEN')
      }
    }
    expect((await get('/api/v1/coverage/matrix')).status).toBe(401)
  })

  it('answers 400 naming the field for a bad period', async () => {
    const cases: [string, string][] = [
      ['from=yesterday&to=2026-11-21', 'from'],
      ['from=2026-11-01&to=2026-13-45', 'to'],
      ['from=2026-11-21&to=2026-11-01', 'to'],
      ['to=2026-11-21', 'from'],
      [`${period}&region=Wellington`, 'region'],
    ]
    for (const [query, field] of cases) {
      const res = await get(`/api/v1/coverage/referral-flow?${query}`, cookies.admin)
      expect(res.status, query).toBe(400)
      expect(((await res.json()) as { field: string }).field, query).toBe(field)
    }
  })

  const FLOW = `query($from: String!, $to: String!, $region: String) {
    referralFlow(from: $from, to: $to, region: $region) {
      scope { kind regionCode details } areaKind
      rows { areaCode sent accepted acceptedWithinSla slaPercent medianMinutesToAccept overdueNow }
      totals { sent } details { reference territorialAuthorityCode } csv
    }
  }`

  it('answers the same over GraphQL: matrix with gaps, flow scoped by role', async () => {
    const m = await gql<{
      coverageMatrix: {
        scope: { kind: string }
        gaps: { territorialAuthorityCode: string; categoryCode: string }[]
        csv: string
      }
    }>(
      t,
      '{ coverageMatrix { scope { kind } gaps { territorialAuthorityCode categoryCode } csv } }',
      {},
      cookies.admin,
    )
    expect(m.errors).toBeUndefined()
    expect(
      new Set(m.data!.coverageMatrix.gaps.map((g) => `${g.territorialAuthorityCode}|${g.categoryCode}`)),
    ).toEqual(await expectedGaps())
    const vars = { from: '2026-11-01', to: '2026-11-21' }
    type Flow = {
      referralFlow: {
        scope: { kind: string }
        rows: { areaCode: string; sent: string }[]
        details: { reference: string }[]
      }
    }
    const regional = await gql<Flow>(t, FLOW, vars, cookies.commissioner)
    expect(regional.errors).toBeUndefined()
    expect(regional.data!.referralFlow.details.map((d) => d.reference).sort()).toEqual(
      [...wellingtonRefs].sort(),
    )
    expect(regional.data!.referralFlow.rows.map((r) => r.areaCode)).toEqual(['047'])
    const national = await gql<Flow>(t, FLOW, vars, cookies.admin)
    expect(national.data!.referralFlow.details).toEqual([])
    expect(national.data!.referralFlow.rows.find((r) => r.areaCode === '02')?.sent).toBe('<5')
    const other = await gql(t, FLOW, { ...vars, region: '02' }, cookies.commissioner)
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    const connector = await gql(t, '{ coverageMatrix { asOf } }', {}, cookies.connector)
    expect(connector.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    const bad = await gql(t, FLOW, { from: '2026-11-21', to: '2026-11-01' }, cookies.admin)
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'to' })
  })

  it('gives volumes and SLA compliance per week for the charts, suppressed nationally', async () => {
    const TREND = `query($region: String) {
      referralTrend(from: "2026-11-01", to: "2026-11-21", region: $region) {
        bucket points { start sent acceptedWithinSla due slaPercent }
      }
    }`
    type Trend = { referralTrend: { bucket: string; points: Record<string, unknown>[] } }
    const regional = await gql<Trend>(t, TREND, {}, cookies.commissioner)
    expect(regional.errors).toBeUndefined()
    // Sent on Tuesday 10 November NZ time: the week of Monday 9 November.
    expect(regional.data!.referralTrend).toEqual({
      bucket: 'WEEK',
      points: [{ start: '2026-11-09', sent: '6', acceptedWithinSla: '3', due: '6', slaPercent: 50 }],
    })
    const national = await gql<Trend>(t, TREND, {}, cookies.admin)
    expect(national.data!.referralTrend.points).toEqual([
      { start: '2026-11-09', sent: '8', acceptedWithinSla: '<5', due: '8', slaPercent: 50 },
    ])
    expect((await gql(t, TREND, {}, cookies.connector)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  })

  it('documents the coverage routes in the OpenAPI document', async () => {
    const doc = (await (await get('/api/openapi.json')).json()) as { paths: Record<string, unknown> }
    for (const p of ['matrix', 'gaps', 'overlaps', 'stale-listings', 'referral-flow'])
      expect(Object.keys(doc.paths)).toContain(`/api/v1/coverage/${p}`)
  })
})
