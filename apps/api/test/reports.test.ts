// Issue 5 over the transports on a real database (PGlite, and Postgres with TEST_DATABASE_URL):
// the weekly de-identified export over REST (JSON, CSV, blocked, 4xx, the OpenAPI dictionary) and
// interactions, report status and the discretionary fund over GraphQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '@fsn/auth'
import { seedAgency, seedProvider, seedUser } from '@fsn/db'
import { testDatabaseKinds } from '@fsn/db/testing'
import { detectPii } from '@fsn/domain'
import { PASSWORD, createTestApp, gql, signInCookie, type TestApp } from './harness'

const WEEK = '2026-W43' // Monday 19 to Sunday 25 October 2026; Monday 26 October is Labour Day
const RECORDS = {
  checkWhatYouMightGet: { done: true, at: '2026-10-20T19:00:00.000Z', outcome: 'NOT_ELIGIBLE' },
  caseManagerConfirmation: { name: 'Sina Faleolo', at: '2026-10-20T20:00:00.000Z' },
}
const RECORD = `mutation($input: RecordInteractionInput!) {
  recordInteraction(input: $input) { recordedSameDay notesExportable notesReasons interaction { id reportWeek } }
}`
const GRANT = `mutation($input: RequestGrantInput!) {
  requestGrant(input: $input) {
    approved grantRequestId balanceAfterCents reasons { code message field } suggestion
    suggestedServices { name organisationName territorialAuthorityName }
  }
}`

describe.each(testDatabaseKinds())(
  'weekly report and discretionary fund over REST and GraphQL on %s',
  (kind) => {
    let t: TestApp
    let cookies: { connector: string; intake: string; admin: string }
    let connectorId: string
    const people: { id: string; names: string[] }[] = []

    const counts = async () => ({
      interactions: await t.db.prisma.interaction.count(),
      grants: await t.db.prisma.grantRequest.count(),
      funds: await t.db.prisma.connectorFund.count(),
      ledger: await t.db.prisma.fundLedgerEntry.count(),
      audit: await t.db.prisma.auditRecord.count(),
    })

    beforeAll(async () => {
      t = await createTestApp(kind)
      t.setNow(new Date('2026-10-20T21:00:00.000Z'))
      const prisma = t.db.prisma
      const home = await seedProvider(prisma, {
        name: 'Te Aro Community Connectors',
        territorialAuthorityCode: '047',
        categories: ['community-connection'],
        accreditations: [{ scheme: 'MSD_SSAS', level: 3 }],
      })
      await seedProvider(prisma, {
        name: 'Newtown Kai Collective',
        territorialAuthorityCode: '047',
        categories: ['food'],
      })
      const msd = await seedAgency(prisma, { name: 'Ministry of Social Development' })
      await t.reindex()
      const user = async (
        role: 'COMMUNITY_CONNECTOR' | 'PROVIDER_INTAKE' | 'NATIONAL_ADMIN',
        organisationId: string,
      ) => {
        const { user: u } = await seedUser(prisma, { role, organisationId, password: PASSWORD, hashPassword })
        return { id: u.id, cookie: await signInCookie(t, u.email) }
      }
      const connector = await user('COMMUNITY_CONNECTOR', home.organisation.id)
      connectorId = connector.id
      cookies = {
        connector: connector.cookie,
        intake: (await user('PROVIDER_INTAKE', home.organisation.id)).cookie,
        admin: (await user('NATIONAL_ADMIN', msd.id)).cookie,
      }
      const region = await prisma.region.findUniqueOrThrow({ where: { code: '09' } })
      const ta = await prisma.territorialAuthority.findUniqueOrThrow({ where: { code: '047' } })
      for (const [givenName, familyName, whanau] of [
        ['Aroha', 'Ngata', ['Tāmati Ngata']],
        ['Wiremu', 'Parata', []],
      ] as const) {
        const p = await prisma.person.create({
          data: {
            givenName,
            familyName,
            dateOfBirth: new Date('2019-06-01T00:00:00Z'),
            phone: '027 555 0123',
            addressLine: 'Flat 3/45 Rata Road, Newtown',
            regionId: region.id,
            territorialAuthorityId: ta.id,
            recordedByOrganisationId: home.organisation.id,
            recordedById: connector.id,
            whanau: { create: whanau.map((name) => ({ name, relationship: 'tuakana', dependent: false })) },
          },
        })
        people.push({ id: p.id, names: [givenName, familyName, ...whanau] })
      }
    })
    afterAll(async () => t?.close())

    it('records interactions over GraphQL and exports the week as JSON and CSV with no personal information', async () => {
      for (const person of people) {
        const r = await gql<{ recordInteraction: { recordedSameDay: boolean; notesExportable: boolean } }>(
          t,
          RECORD,
          {
            input: {
              personId: person.id,
              occurredAt: '2026-10-20T20:30:00.000Z',
              method: 'VISIT',
              needCategories: ['early-learning-packs'],
              notes: 'Dropped off an activity pack; whānau doing well.',
            },
          },
          cookies.connector,
        )
        expect(r.errors).toBeUndefined()
        expect(r.data?.recordInteraction).toEqual(
          expect.objectContaining({ recordedSameDay: true, notesExportable: true }),
        )
      }
      const json = await t.app.request(`/api/v1/reports/weekly/${WEEK}`, {
        headers: { cookie: cookies.connector },
      })
      expect(json.status).toBe(200)
      const body = (await json.json()) as {
        interactions: { ageBand: string }[]
        columns: { interactions: unknown[] }
      }
      expect(body.interactions).toHaveLength(2)
      expect(body.interactions.map((r) => r.ageBand)).toEqual(['5-12', '5-12'])
      expect(body.columns.interactions).toHaveLength(10)
      const csv = await t.app.request(`/api/v1/reports/weekly/2026-10-19?format=csv`, {
        headers: { cookie: cookies.connector },
      })
      expect(csv.status).toBe(200)
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
      const text = await csv.text()
      expect(text.split('\r\n')).toHaveLength(4) // header, two rows, final line end
      const knownNames = people.flatMap((p) => p.names)
      for (const exported of [text, JSON.stringify(body)]) {
        expect(detectPii(exported, { knownNames })).toEqual([])
        for (const value of ['027 555 0123', 'Rata Road', '2019', ...people.map((p) => p.id)]) {
          expect(exported).not.toContain(value)
        }
      }
    })

    it('shows the report due Tuesday 17:00 when Monday is Labour Day', async () => {
      t.setNow(new Date('2026-10-25T22:00:00.000Z')) // Labour Day, 11:00 NZDT
      const r = await gql<{
        weeklyReportStatus: { week: string; status: string; dueAt: string; interactionCount: number }
      }>(t, '{ weeklyReportStatus { week status dueAt interactionCount } }', {}, cookies.connector)
      expect(r.data?.weeklyReportStatus).toEqual({
        week: WEEK,
        status: 'due',
        dueAt: '2026-10-27T04:00:00.000Z',
        interactionCount: 2,
      })
    })

    it('blocks the export with the reasons per record while a note names the whānau', async () => {
      t.setNow(new Date('2026-10-27T21:00:00.000Z'))
      const r = await gql<{
        recordInteraction: { notesExportable: boolean; notesReasons: string[]; interaction: { id: string } }
      }>(
        t,
        RECORD,
        {
          input: {
            personId: people[0]!.id,
            occurredAt: '2026-10-27T20:00:00.000Z',
            method: 'PHONE',
            needCategories: ['food'],
            notes: 'Spoke with Tāmati about the food parcel.',
          },
        },
        cookies.connector,
      )
      expect(r.data?.recordInteraction.notesExportable).toBe(false)
      const res = await t.app.request('/api/v1/reports/weekly/2026-W44', {
        headers: { cookie: cookies.connector },
      })
      expect(res.status).toBe(409)
      const body = (await res.json()) as {
        code: string
        field: string
        blocked: { interactionId: string; reasons: string[] }[]
      }
      expect(body).toMatchObject({ code: 'CONFLICT', field: 'notes' })
      expect(body.blocked).toEqual([
        expect.objectContaining({
          interactionId: r.data?.recordInteraction.interaction.id,
          reasons: [expect.stringMatching(/name of the person or whānau on record: Tāmati/)],
        }),
      ])
      const g = await gql<{
        weeklyReportExport: {
          exportable: boolean
          blocked: { reasons: string[] }[]
          interactionsCsv: string | null
        }
      }>(
        t,
        '{ weeklyReportExport(week: "2026-W44") { exportable blocked { reasons } interactionsCsv } }',
        {},
        cookies.connector,
      )
      expect(g.data?.weeklyReportExport).toMatchObject({ exportable: false, interactionsCsv: null })
    })

    it('allocates a fund and refuses a food grant with the reason and a directory suggestion', async () => {
      const a = await gql(
        t,
        'mutation($input: AllocateFundInput!) { allocateFund(input: $input) { balanceCents allocatedCents } }',
        { input: { connectorId, amountCents: 50_000 } },
        cookies.admin,
      )
      expect(a.data).toEqual({ allocateFund: { balanceCents: 50_000, allocatedCents: 50_000 } })
      const r = await gql<{
        requestGrant: {
          approved: boolean
          reasons: { code: string; message: string }[]
          suggestion: string
          suggestedServices: { organisationName: string }[]
        }
      }>(
        t,
        GRANT,
        { input: { personId: people[0]!.id, category: 'FOOD', amountCents: 8_000, eligibility: RECORDS } },
        cookies.connector,
      )
      expect(r.errors).toBeUndefined()
      expect(r.data?.requestGrant).toMatchObject({
        approved: false,
        suggestion: 'WORK_AND_INCOME_OR_FOOD_PROVIDER',
      })
      expect(r.data?.requestGrant.reasons[0]).toMatchObject({
        code: 'FORBIDDEN_CATEGORY',
        message: expect.stringMatching(/food/),
      })
      expect(r.data?.requestGrant.suggestedServices.map((s) => s.organisationName)).toContain(
        'Newtown Kai Collective',
      )
      const ok = await gql<{ requestGrant: { approved: boolean; balanceAfterCents: number } }>(
        t,
        GRANT,
        {
          input: {
            personId: people[1]!.id,
            category: 'HOUSEHOLD_BEDDING',
            amountCents: 12_000,
            eligibility: RECORDS,
          },
        },
        cookies.connector,
      )
      expect(ok.data?.requestGrant).toMatchObject({ approved: true, balanceAfterCents: 38_000 })
    })

    it('answers 403 for the wrong role and 400 naming the field, writing nothing', async () => {
      const before = await counts()
      expect(
        (await t.app.request(`/api/v1/reports/weekly/${WEEK}`, { headers: { cookie: cookies.intake } }))
          .status,
      ).toBe(403)
      expect((await t.app.request(`/api/v1/reports/weekly/${WEEK}`)).status).toBe(401)
      const badWeek = await t.app.request('/api/v1/reports/weekly/2026-10-20', {
        headers: { cookie: cookies.connector },
      })
      expect(badWeek.status).toBe(400)
      expect(await badWeek.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'week' })
      const badFormat = await t.app.request(`/api/v1/reports/weekly/${WEEK}?format=xml`, {
        headers: { cookie: cookies.connector },
      })
      expect(badFormat.status).toBe(400)
      const interaction = {
        personId: people[0]!.id,
        occurredAt: '2026-10-27T20:00:00.000Z',
        method: 'PHONE',
        needCategories: ['food'],
      }
      const wrongRole = await gql(t, RECORD, { input: interaction }, cookies.intake)
      expect(wrongRole.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      const badCategory = await gql(
        t,
        RECORD,
        { input: { ...interaction, needCategories: ['kai'] } },
        cookies.connector,
      )
      expect(badCategory.errors?.[0]?.extensions).toMatchObject({
        code: 'VALIDATION_FAILED',
        field: 'needCategories.0',
      })
      const notConnector = await gql(
        t,
        GRANT,
        {
          input: {
            personId: people[0]!.id,
            category: 'RENT_ARREARS',
            amountCents: 100,
            eligibility: RECORDS,
          },
        },
        cookies.admin,
      )
      expect(notConnector.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      const fraction = await gql(
        t,
        GRANT,
        {
          input: {
            personId: people[0]!.id,
            category: 'RENT_ARREARS',
            amountCents: 12.5,
            eligibility: RECORDS,
          },
        },
        cookies.connector,
      )
      expect(fraction.errors?.[0]?.extensions).toMatchObject({
        code: 'VALIDATION_FAILED',
        field: 'amountCents',
      })
      const notAdmin = await gql(
        t,
        'mutation($input: AllocateFundInput!) { allocateFund(input: $input) { balanceCents } }',
        { input: { connectorId, amountCents: 100 } },
        cookies.connector,
      )
      expect(notAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      expect(await counts()).toEqual(before)
    })

    it('documents the export and its column dictionary in the OpenAPI document', async () => {
      const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
        paths: Record<string, { get?: { description?: string; responses: Record<string, unknown> } }>
      }
      const op = doc.paths['/api/v1/reports/weekly/{week}']?.get
      expect(op?.description).toMatch(/\| `ageBand` \| code \|/)
      expect(op?.description).toMatch(/\| `amountCents` \| integer \|/)
      expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '403', '409']))
    })
  },
)
