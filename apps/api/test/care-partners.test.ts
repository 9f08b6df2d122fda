// Issue 6 over REST on a real database (PGlite, and Postgres with TEST_DATABASE_URL): an
// application's status and a case's membership for partner systems, with their 4xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedAgency, seedProvider, seedUser } from '@fsn/db'
import { testDatabaseKinds } from '@fsn/db/testing'
import { hashPassword } from '@fsn/auth'
import { userActor } from '@fsn/domain'
import { actOnCarePartnerApplication, openCase, startCarePartnerApplication } from '@fsn/services'
import { PASSWORD, createTestApp, signInCookie, type TestApp } from './harness'
import { ZCaseMembership } from '../src/routes/cases.routes'

describe.each(testDatabaseKinds())('care partner and case REST on %s', (kind) => {
  let t: TestApp
  let applicationId: string
  let caseId: string
  let cookies: { applicant: string; hub: string; outsider: string; lead: string; commissioner: string }

  beforeAll(async () => {
    t = await createTestApp(kind)
    const now = t.deps.clock()
    const prisma = t.db.prisma
    const ot = await seedAgency(prisma, { name: 'Oranga Tamariki' })
    const ready = await seedProvider(prisma, {
      name: 'Te Whare Manaaki',
      accreditations: [{ scheme: 'TE_KAHUI_KAHU', level: 2 }],
      now,
    })
    const other = await seedProvider(prisma, { name: 'Kāinga Hou Trust', now })
    const user = async (
      role: 'PROVIDER_ADMIN' | 'QUALITY_HUB' | 'TRIAGE_OFFICER' | 'REGIONAL_COMMISSIONER',
      organisationId: string,
    ) => {
      const { user: u } = await seedUser(prisma, { role, organisationId, password: PASSWORD, hashPassword })
      const org = await prisma.organisation.findUniqueOrThrow({ where: { id: organisationId } })
      return {
        actor: userActor({ id: u.id, email: u.email, name: u.name }, 's', [
          { organisationId, organisationName: org.name, organisationKind: org.kind, role, regionId: null },
        ]),
        cookie: await signInCookie(t, u.email),
        id: u.id,
      }
    }
    const applicant = await user('PROVIDER_ADMIN', ready.organisation.id)
    const hub = await user('QUALITY_HUB', ot.id)
    const outsider = await user('PROVIDER_ADMIN', other.organisation.id)
    const msd = await seedAgency(prisma, { name: 'Ministry of Social Development' })
    const lead = await user('TRIAGE_OFFICER', msd.id)
    // A role without a case duty inside the lead agency itself (need to know: no case:participate).
    const commissioner = await user('REGIONAL_COMMISSIONER', msd.id)
    applicationId = (
      await startCarePartnerApplication({
        deps: t.deps,
        actor: applicant.actor,
        input: { organisationId: ready.organisation.id },
      })
    ).id
    await actOnCarePartnerApplication({
      deps: t.deps,
      actor: hub.actor,
      input: { applicationId, command: { type: 'moveToReadiness' } },
    })
    const person = await prisma.person.create({
      data: {
        givenName: 'Ana',
        regionId: ready.region.id,
        recordedByOrganisationId: msd.id,
        recordedById: lead.id,
      },
    })
    await prisma.consent.create({
      data: {
        personId: person.id,
        purpose: 'Coordinated support',
        informationKinds: ['NEEDS_SUMMARY'],
        method: 'WRITTEN',
        recordedById: lead.id,
        recordedByOrganisationId: msd.id,
        givenAt: new Date(now.getTime() - 86_400_000),
        recipients: { create: [{ organisationId: msd.id }] },
      },
    })
    caseId = (
      await openCase({
        deps: t.deps,
        actor: lead.actor,
        input: { personId: person.id, leadOrganisationId: msd.id },
      })
    ).id
    cookies = {
      applicant: applicant.cookie,
      hub: hub.cookie,
      outsider: outsider.cookie,
      lead: lead.cookie,
      commissioner: commissioner.cookie,
    }
  })
  afterAll(async () => t?.close())

  const get = (path: string, cookie?: string) => t.app.request(path, { headers: cookie ? { cookie } : {} })

  it('shows an application its step, status and who holds the next action', async () => {
    for (const cookie of [cookies.applicant, cookies.hub]) {
      const res = await get(`/api/v1/care-partner-applications/${applicationId}`, cookie)
      expect(res.status).toBe(200)
      const body = (await res.json()) as { status: string; step: number; nextAction: { party: string } }
      expect(body).toMatchObject({ status: 'READINESS', step: 2, nextAction: { party: 'APPLICANT' } })
    }
    expect((await get(`/api/v1/care-partner-applications/${applicationId}`, cookies.outsider)).status).toBe(
      404,
    )
    expect((await get(`/api/v1/care-partner-applications/${applicationId}`)).status).toBe(401)
    const bad = await get('/api/v1/care-partner-applications/not-a-uuid', cookies.hub)
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' })
  })

  it('lists a case membership for member agencies’ case roles only, in its declared strict shape', async () => {
    const res = await get(`/api/v1/cases/${caseId}/members`, cookies.lead)
    expect(res.status).toBe(200)
    const body = ZCaseMembership.parse(await res.json())
    expect(body.members).toHaveLength(1)
    expect(body.members[0]).toMatchObject({ isLead: true })
    expect(body.members[0]!.officers).toHaveLength(1)
    const unknown = await get('/api/v1/cases/0190a0a0-0000-7000-8000-00000000c0de/members', cookies.lead)
    expect(unknown.status).toBe(404)
    const unknownBody = await unknown.json()
    for (const cookie of [cookies.hub, cookies.commissioner]) {
      const refused = await get(`/api/v1/cases/${caseId}/members`, cookie)
      expect(refused.status).toBe(404)
      const b = await refused.json()
      expect([b.code, b.message, b.field]).toEqual([unknownBody.code, unknownBody.message, unknownBody.field])
    }
  })
})
