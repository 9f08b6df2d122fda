// A small referral network for route tests: a connector's provider, a Level 3 provider with an
// intake worker, another provider, MSD with a national administrator and a regional lead.
import { hashPassword } from '@fsn/auth'
import { seedAgency, seedProvider, seedUser } from '@fsn/db'
import type { Role } from '@fsn/domain'
import { PASSWORD, postJson, signInCookie, type TestApp } from './harness'

export async function referralNetwork(t: TestApp) {
  const home = await seedProvider(t.db.prisma, { name: 'Porirua Whānau Centre', categories: ['community-connection'], accreditations: [{ scheme: 'MSD_SSAS', level: 3 }] })
  const target = await seedProvider(t.db.prisma, { name: 'Level Three Trust', categories: ['community-connection'], accreditations: [{ scheme: 'MSD_SSAS', level: 3 }] })
  const other = await seedProvider(t.db.prisma, { name: 'Other Provider', categories: ['community-connection'], accreditations: [{ scheme: 'MSD_SSAS', level: 2 }] })
  const msd = await seedAgency(t.db.prisma, { name: 'MSD test' })
  const cookies: Record<string, string> = {}
  const user = async (key: string, role: Role, organisationId: string, regionCode?: string) => {
    const { user } = await seedUser(t.db.prisma, { role, organisationId, regionCode, password: PASSWORD, hashPassword })
    cookies[key] = await signInCookie(t, user.email)
    return user
  }
  const users = {
    connector: await user('connector', 'COMMUNITY_CONNECTOR', home.organisation.id),
    intake: await user('intake', 'PROVIDER_INTAKE', target.organisation.id),
    otherIntake: await user('otherIntake', 'PROVIDER_INTAKE', other.organisation.id),
    otherConnector: await user('otherConnector', 'COMMUNITY_CONNECTOR', other.organisation.id),
    admin: await user('admin', 'NATIONAL_ADMIN', msd.id),
    lead: await user('lead', 'REGIONAL_LEAD', msd.id, '09'),
    commissioner: await user('commissioner', 'REGIONAL_COMMISSIONER', msd.id, '09'),
  }
  return { home, target, other, msd, users, cookies }
}

export type Network = Awaited<ReturnType<typeof referralNetwork>>

/** Records a person with consent for the target provider and sends them a referral over REST. */
export async function sendOne(t: TestApp, n: Network, extra: Record<string, unknown> = {}) {
  const person = await postJson(t, '/api/v1/people', { givenName: 'Hemi', familyName: 'Walker', phone: '027 444 5555', regionCode: '09' }, { cookie: n.cookies.connector! })
  const personId = (await person.json()).id as string
  const consent = await postJson(
    t,
    '/api/v1/consents',
    {
      personId,
      purpose: 'Warm referral to a local provider',
      informationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'],
      recipientOrganisationIds: [n.target.organisation.id],
      method: 'VERBAL',
      givenAt: new Date(t.deps.clock().getTime() - 60_000).toISOString(),
    },
    { cookie: n.cookies.connector! },
  )
  const consentBody = await consent.json()
  if (consent.status !== 201) throw new Error(`consent: ${JSON.stringify(consentBody)}`)
  const consentId = consentBody.id as string
  const res = await postJson(
    t,
    '/api/v1/referrals',
    { personId, consentId, serviceId: n.target.service.id, sharedInformationKinds: ['CONTACT_DETAILS'], ...extra },
    { cookie: n.cookies.connector! },
  )
  return { res, personId, consentId, body: await res.json() }
}
