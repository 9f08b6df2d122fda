// The national referral flow read from ReferralFlowRollup equals the live statement
// (referralFlowSql) on generated referrals, across periods and filters, before and after changes
// made after the watermark; the median is within the stated bound. PGlite, and Postgres when
// TEST_DATABASE_URL is set. COVERAGE_ROLLUP_REFERRALS makes the data set larger (default 2,500).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedAgency, seedProvider, seedReferenceData, seedUser, type Database } from '@fsn/db'
import { openTestDatabase, testDatabaseKinds } from '@fsn/db/testing'
import type { Period } from '@fsn/domain'
import {
  MEDIAN_RELATIVE_ERROR,
  MINUTE_BUCKETS,
  bucketBounds,
  medianFromHistogram,
  nationalFlowFromRollup,
  planPeriod,
  referralFlowSql,
  refreshReferralFlowRollup,
  type NationalFlowRow,
} from '../src/coverage/index'

const REFERRALS = Number(process.env.COVERAGE_ROLLUP_REFERRALS ?? 2500)
const NOW = new Date('2026-11-23T00:00:00Z')
const DAY = 86_400_000
const MINUTE = 60_000

/** A small deterministic PRNG (mulberry32): the same data on every run and database. */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** percentile_cont(0.5) of a list. */
function exactMedian(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const p = (s.length - 1) / 2
  return s[Math.floor(p)]! + (s[Math.ceil(p)]! - s[Math.floor(p)]!) * (p - Math.floor(p))
}

describe('median from the minutes-to-accept histogram', () => {
  const bucketOf = (m: number) => {
    if (m < 1) return 0
    const k = 1 + Math.floor((6 * Math.log(m)) / Math.log(2))
    return Math.min(MINUTE_BUCKETS - 1, k)
  }
  it('is within the stated bound of the exact median on random samples', () => {
    const random = prng(7)
    for (let run = 0; run < 400; run++) {
      const n = 1 + Math.floor(random() * 60)
      const scale = [1, 30, 600, 6000, 60_000][run % 5]!
      const values = Array.from({ length: n }, () => random() ** 2 * scale)
      const h = new Array<number>(MINUTE_BUCKETS).fill(0)
      for (const v of values) h[bucketOf(v)]! += 1
      const exact = exactMedian(values)
      const estimate = medianFromHistogram(h)
      expect(estimate).toBeTypeOf('number')
      expect(Math.abs(estimate! - exact)).toBeLessThanOrEqual(MEDIAN_RELATIVE_ERROR * exact + 1)
    }
  })
  it('is null for no values and undefined when a middle value is in the open last bucket', () => {
    expect(medianFromHistogram(new Array<number>(MINUTE_BUCKETS).fill(0))).toBeNull()
    const h = new Array<number>(MINUTE_BUCKETS).fill(0)
    h[MINUTE_BUCKETS - 1] = 3
    h[10] = 1
    expect(medianFromHistogram(h)).toBeUndefined()
    expect(bucketBounds(MINUTE_BUCKETS - 1)[1]).toBe(Infinity)
  })
  it('splits a period into live edges, whole days and whole NZ months', () => {
    // 1 Oct 2026 00:00 UTC is 13:00 NZDT: that day is partial, read live.
    const plan = planPeriod(
      { from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-12-15T00:00:00Z') },
      false,
    )
    expect(plan.months).toEqual(['2026-11-01', '2026-12-01'])
    // Whole NZ weeks (Monday to Sunday) inside the runs of days around the months.
    expect(plan.weeks).toEqual([
      ['2026-10-05', '2026-10-26'],
      ['2026-12-07', '2026-12-14'],
    ])
    expect(plan.days).toEqual([
      ['2026-10-02', '2026-10-05'],
      ['2026-10-26', '2026-11-01'],
      ['2026-12-01', '2026-12-07'],
      ['2026-12-14', '2026-12-15'],
    ])
    expect(plan.live.map(([a, b]) => [a.toISOString(), b.toISOString()])).toEqual([
      ['2026-10-01T00:00:00.000Z', '2026-10-01T11:00:00.000Z'],
      ['2026-12-14T11:00:00.000Z', '2026-12-15T00:00:00.000Z'],
    ])
    const perAgency = planPeriod(
      { from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-12-15T00:00:00Z') },
      true,
    )
    expect(perAgency.days).toEqual([])
    expect(perAgency.weeks).toEqual([])
    expect(perAgency.live.map(([a, b]) => [a.toISOString(), b.toISOString()])).toEqual([
      ['2026-10-01T00:00:00.000Z', '2026-10-31T11:00:00.000Z'],
      ['2026-11-30T11:00:00.000Z', '2026-12-15T00:00:00.000Z'],
    ])
  })
})

describe.each(testDatabaseKinds())('referral flow rollup on %s', (kind) => {
  let db: Database
  let categories: string[]
  let agencies: string[]

  beforeAll(async () => {
    db = await openTestDatabase(kind)
    const prisma = db.prisma
    await seedReferenceData(prisma)
    const providers = await Promise.all(
      [
        { regionCode: '09', categories: ['community-support'] },
        { regionCode: '02', categories: ['family-violence'] },
        { regionCode: '13', categories: ['food'] },
      ].map((o, i) =>
        seedProvider(prisma, { ...o, name: `Rollup provider ${i}`, requiredAccreditations: [] }),
      ),
    )
    const agencyRows = [
      await seedAgency(prisma, { name: 'Rollup agency A' }),
      await seedAgency(prisma, { name: 'Rollup agency B' }),
    ]
    agencies = agencyRows.map((a) => a.id)
    const { user } = await seedUser(prisma, { role: 'COMMUNITY_CONNECTOR', organisationId: agencies[0]! })
    const tas = await prisma.territorialAuthority.findMany({
      select: { id: true, regionId: true },
      orderBy: { code: 'asc' },
    })
    const services = await prisma.service.findMany({
      where: { organisationId: { in: providers.map((p) => p.organisation.id) } },
      select: { id: true, organisationId: true, categories: { select: { taxonomyTermId: true } } },
    })
    categories = [...new Set(services.flatMap((s) => s.categories.map((c) => c.taxonomyTermId)))]
    const people: {
      person: { id: string }
      consent: { id: string }
      ta: { id: string; regionId: string }
    }[] = []
    for (let i = 0; i < 12; i++) {
      const ta = tas[(i * 7) % tas.length]!
      const person = await prisma.person.create({
        data: {
          givenName: `Rollup ${i}`,
          regionId: ta.regionId,
          territorialAuthorityId: ta.id,
          recordedByOrganisationId: agencies[0]!,
          recordedById: user.id,
        },
      })
      const consent = await prisma.consent.create({
        data: {
          personId: person.id,
          purpose: 'referral',
          informationKinds: ['CONTACT_DETAILS'],
          method: 'VERBAL',
          recordedById: user.id,
          recordedByOrganisationId: agencies[0]!,
          givenAt: new Date(NOW.getTime() - 500 * DAY),
        },
      })
      people.push({ person, consent, ta })
    }
    // Referrals over the last 14 months: every status, answers in seconds to weeks (one in
    // months), deadlines before and after now, escalations, outcomes, some without area or
    // category (sent before areas were recorded).
    const random = prng(42)
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!
    const statuses = [
      'SENT',
      'ACCEPTED',
      'DECLINED',
      'REDIRECTED',
      'CANCELLED',
      'IN_PROGRESS',
      'COMPLETED',
    ] as const
    const data = Array.from({ length: REFERRALS }, (_, i) => {
      const who = pick(people)
      const service = pick(services)
      const sentAt = new Date(NOW.getTime() - random() * 430 * DAY + (i % 40 === 0 ? 2 * DAY : 0))
      const status = i % 500 === 250 ? 'ACCEPTED' : pick([...statuses])
      const answered = status !== 'SENT' && status !== 'CANCELLED'
      const minutes =
        i % 500 === 250 ? 400 * 24 * 60 : random() < 0.05 ? random() * 2 : random() ** 3 * 20 * 24 * 60
      const respondBy = new Date(sentAt.getTime() + (4 + random() * 90) * 60 * MINUTE)
      const noArea = i % 97 === 0
      return {
        reference: `RR-${i}`,
        personId: who.person.id,
        consentId: who.consent.id,
        fromOrganisationId: pick(agencies),
        senderId: user.id,
        toOrganisationId: service.organisationId,
        serviceId: service.id,
        categoryTermId: i % 89 === 0 ? null : service.categories[0]!.taxonomyTermId,
        status,
        sentAt,
        respondBy: i % 151 === 0 ? null : respondBy,
        respondedAt: answered ? new Date(sentAt.getTime() + minutes * MINUTE) : null,
        escalatedAt: random() < 0.05 ? respondBy : null,
        escalationLevel: 0,
        outcome: status === 'COMPLETED' ? pick(['NEEDS_MET', 'PARTLY_MET', 'NOT_MET'] as const) : null,
        regionId: noArea ? null : who.ta.regionId,
        territorialAuthorityId: noArea ? null : who.ta.id,
      }
    })
    await prisma.referral.createMany({ data })
    // A draft (never sent) is in neither answer.
    await prisma.referral.create({
      data: { ...data[1]!, reference: 'RR-draft', status: 'DRAFT', sentAt: null },
    })
  }, 240_000)

  afterAll(async () => {
    await db?.close()
  })

  const live = (period: Period, now: Date, categoryTermId: string | null, agencyId: string | null) =>
    db.prisma.$queryRaw<NationalFlowRow[]>(
      referralFlowSql({ now, period, regionId: null, categoryTermId, agencyId, byRegion: true }),
    )

  let compared = 0
  let medianCount = 0
  let relativeErrors = 0
  let fellBack = 0
  /** Compares every measure exactly, the median within the bound. */
  async function expectSame(
    period: Period,
    now: Date,
    categoryTermId: string | null,
    agencyId: string | null,
  ) {
    const [expected, got] = await Promise.all([
      live(period, now, categoryTermId, agencyId),
      nationalFlowFromRollup(db.prisma, { now, period, categoryTermId, agencyId }),
    ])
    const label = `${period.from.toISOString()}..${period.to.toISOString()} cat=${categoryTermId} agency=${agencyId}`
    if (got === undefined) {
      // A median in the open last bucket: the use case counts live. Only possible with the
      // 400-day answers generated above.
      fellBack++
      return false
    }
    compared++
    const key = (r: NationalFlowRow) => `${r.grouped === 0 ? 'row' : 'total'}|${r.area}|${r.cat}`
    const want = new Map(expected.filter((r) => Number(r.sent) > 0).map((r) => [key(r), r]))
    const have = new Map(got.map((r) => [key(r), r]))
    expect([...have.keys()].sort(), label).toEqual([...want.keys()].sort())
    for (const [k, w] of want) {
      const h = have.get(k)!
      const fields = [
        'sent',
        'received',
        'accepted',
        'declined',
        'within',
        'due',
        'overdue',
        'escalated',
        'needsMet',
        'partlyMet',
        'notMet',
      ] as const
      for (const f of fields) expect(Number(h[f]), `${label} ${k} ${f}`).toBe(Number(w[f]))
      if (w.medianMinutes === null) expect(h.medianMinutes, `${label} ${k} median`).toBeNull()
      else {
        const exact = Number(w.medianMinutes)
        expect(Math.abs(Number(h.medianMinutes) - exact), `${label} ${k} median`).toBeLessThanOrEqual(
          MEDIAN_RELATIVE_ERROR * Math.abs(exact) + 1,
        )
        medianCount++
        relativeErrors += Math.abs(Number(h.medianMinutes) - exact) / Math.max(1, exact)
      }
    }
    return true
  }

  function periods(): Period[] {
    const random = prng(3)
    const fixed: [string, string][] = [
      ['2025-09-01T00:00:00Z', '2026-12-01T00:00:00Z'], // everything
      ['2025-11-22T00:00:00Z', '2026-11-23T00:00:00Z'], // the bench's year
      ['2026-10-24T00:00:00Z', '2026-11-23T00:00:00Z'], // the last 30 days
      ['2026-03-31T11:00:00Z', '2026-06-30T12:00:00Z'], // NZ midnight (NZDT ends 5 April) to NZ midnight
      ['2026-09-26T11:00:00Z', '2026-09-28T11:00:00Z'], // NZDT starts 27 September: days of 23 and 24 hours
      ['2026-05-10T03:00:00Z', '2026-05-10T09:00:00Z'], // within one day
      ['2026-11-20T00:00:00Z', '2026-11-26T00:00:00Z'], // around now: deadlines still ahead
    ]
    const out = fixed.map(([a, b]) => ({ from: new Date(a), to: new Date(b) }))
    for (let i = 0; i < 10; i++) {
      const from = NOW.getTime() - random() * 440 * DAY
      const to = from + random() * (i % 2 ? 40 : 400) * DAY
      out.push({
        from: new Date(Math.round(from / MINUTE) * MINUTE),
        to: new Date(Math.round(to / MINUTE) * MINUTE),
      })
    }
    return out
  }

  it('builds the rollup from every referral and answers as the live statement does', async () => {
    const first = await refreshReferralFlowRollup(db.prisma)
    expect(first.refreshed).toBe(true)
    expect(first.days).toBeGreaterThan(300)
    // Nothing changed: nothing to do.
    expect((await refreshReferralFlowRollup(db.prisma)).refreshed).toBe(false)
    for (const period of periods())
      for (const [cat, agency] of [
        [null, null],
        [categories[0]!, null],
        [null, agencies[1]!],
        [categories[1]!, agencies[0]!],
        ['00000000-0000-0000-0000-000000000000', null], // an unknown category matches nothing
      ] as const)
        await expectSame(period, NOW, cat, agency)
    // Nearly every answer came from the rollup (not the live fallback); the bound is a bound, the
    // usual median error is far below it.
    expect(fellBack).toBeLessThan(compared / 10)
    // A median in the open last bucket (accepted after 400 days): no answer, the use case counts live.
    const late = await db.prisma.referral.findUniqueOrThrow({ where: { reference: 'RR-250' } })
    const alone = { from: late.sentAt!, to: new Date(late.sentAt!.getTime() + 1) }
    expect(
      await nationalFlowFromRollup(db.prisma, {
        now: NOW,
        period: alone,
        categoryTermId: null,
        agencyId: null,
      }),
    ).toBeUndefined()
    expect(medianCount).toBeGreaterThan(500)
    expect(relativeErrors / medianCount).toBeLessThan(MEDIAN_RELATIVE_ERROR / 3)
    console.log(
      `${compared} answers (${fellBack} live), ${medianCount} medians, mean error ${((100 * relativeErrors) / medianCount).toFixed(2)}%`,
    )
  }, 240_000)

  it('stays right after accepts, declines, escalations and outcomes made after the watermark', async () => {
    const prisma = db.prisma
    await refreshReferralFlowRollup(prisma)
    const pending = await prisma.referral.findMany({
      where: { status: 'SENT', sentAt: { not: null } },
      orderBy: { reference: 'asc' },
      select: { id: true, sentAt: true },
      take: 40,
    })
    expect(pending.length).toBeGreaterThan(20)
    const at = (r: { sentAt: Date | null }, minutes: number) =>
      new Date(r.sentAt!.getTime() + minutes * MINUTE)
    // The use cases change referrals with updateMany (act-on-referral, the escalation handler);
    // Prisma stamps updatedAt there too.
    for (const [i, r] of pending.entries()) {
      if (i % 4 === 0)
        await prisma.referral.updateMany({
          where: { id: r.id },
          data: { status: 'ACCEPTED', respondedAt: at(r, 30 + i) },
        })
      else if (i % 4 === 1)
        await prisma.referral.updateMany({
          where: { id: r.id },
          data: { status: 'DECLINED', respondedAt: at(r, 90), declineReason: 'Full' },
        })
      else if (i % 4 === 2)
        await prisma.referral.updateMany({
          where: { id: r.id },
          data: { escalatedAt: at(r, 600), escalationLevel: 1 },
        })
    }
    const completed = await prisma.referral.findFirstOrThrow({
      where: { status: 'IN_PROGRESS' },
      select: { id: true },
    })
    await prisma.referral.update({
      where: { id: completed.id },
      data: { status: 'COMPLETED', outcome: 'NEEDS_MET' },
    })
    // No refresh in between: the read path brings the rollup up to date itself.
    for (const period of periods().slice(0, 4)) {
      expect(await expectSame(period, NOW, null, null)).toBe(true)
      expect(await expectSame(period, NOW, null, agencies[0]!)).toBe(true)
    }
    // Later, with more deadlines passed.
    await expectSame(periods()[0]!, new Date(NOW.getTime() + 3 * DAY), null, null)
  }, 240_000)

  it('sees a write stamped just before the watermark but committed after the refresh', async () => {
    const prisma = db.prisma
    const state = await refreshReferralFlowRollup(prisma)
    const [a, b] = await prisma.referral.findMany({
      where: { status: 'ACCEPTED', sentAt: { lt: new Date(NOW.getTime() - 100 * DAY) } },
      take: 2,
    })
    // As if its transaction had stamped updatedAt ten seconds before the watermark and committed
    // after the refresh had read: the fingerprint of that window changed, the read looks again.
    await prisma.$executeRaw`UPDATE "Referral" SET status = 'DECLINED', "updatedAt" = ${new Date(state.watermark!.getTime() - 10_000)} WHERE id = ${a!.id}::uuid`
    expect(await expectSame(periods()[0]!, NOW, null, null)).toBe(true)
    expect(await expectSame(periods()[1]!, NOW, null, agencies[1]!)).toBe(true)
    expect((await refreshReferralFlowRollup(prisma)).refreshed).toBe(false)
    // A forced refresh (the API's timer) looks at that window again whatever the fingerprint says.
    await prisma.$executeRaw`UPDATE "Referral" SET outcome = 'NOT_MET', status = 'COMPLETED' WHERE id = ${b!.id}::uuid`
    expect((await refreshReferralFlowRollup(prisma, { force: true })).refreshed).toBe(true)
  }, 240_000)
})
