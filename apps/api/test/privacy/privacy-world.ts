// A network for the need-to-know tests: MSD and Oranga Tamariki each send a referral for a person
// living in Auckland to an Auckland provider; around them every role that must see nothing of the
// person (issue 12, finding 1): regional commissioners of Wellington and Auckland, the national
// administrator, OT's DCE, Quality Hub, Quality Manager and budget manager, and the provider's own
// administrator. Built through the API as the people who would do it.
import { hashPassword } from '@fsn/auth'
import { seedAgency, seedProvider, seedUser } from '@fsn/db'
import type { Role } from '@fsn/domain'
import { PASSWORD, postJson, signInCookie, type TestApp } from '../harness'

export const NEEDS_TEXT = 'Rent arrears after losing work; two tamariki at kura'

/** Strings that must appear in no answer to a caller without a duty. */
export interface PersonSecrets {
  givenName: string
  familyName: string
  phone: string
  email: string
  dateOfBirth: string
  addressLine: string
  whanauName: string
}

const PEOPLE = {
  msd: { givenName: 'Anahera', familyName: 'Pohatu', phone: '027 302 5522', email: 'anahera.pohatu@example.nz', dateOfBirth: '1979-07-02', addressLine: '14 Kowhai Street, Ōtara', whanauName: 'Tui Pohatu' },
  ot: { givenName: 'Rangimarie', familyName: 'Tawhiri', phone: '027 303 6633', email: 'rangimarie.tawhiri@example.nz', dateOfBirth: '1984-11-23', addressLine: '7 Rimu Road, Mangere', whanauName: 'Nikau Tawhiri' },
} satisfies Record<string, PersonSecrets>

export async function privacyWorld(t: TestApp) {
  const p = t.db.prisma
  const accredited = { categories: ['community-connection'], accreditations: [{ scheme: 'MSD_SSAS' as const, level: 3 }] }
  const target = await seedProvider(p, { name: 'Ōtara Whānau Trust', regionCode: '02', ...accredited })
  const second = await seedProvider(p, { name: 'Manukau Family Services', regionCode: '02', ...accredited })
  const msd = await seedAgency(p, { name: 'MSD need-to-know test' })
  const ot = await seedAgency(p, { name: 'Oranga Tamariki need-to-know test' })

  const cookies: Record<string, string> = {}
  const userIds: Record<string, string> = {}
  const user = async (key: string, role: Role, organisationId: string, regionCode?: string) => {
    const { user } = await seedUser(p, { role, organisationId, regionCode, password: PASSWORD, hashPassword })
    cookies[key] = await signInCookie(t, user.email)
    userIds[key] = user.id
  }
  await user('triage', 'TRIAGE_OFFICER', msd.id)
  await user('commissionerWellington', 'REGIONAL_COMMISSIONER', msd.id, '09')
  await user('commissionerAuckland', 'REGIONAL_COMMISSIONER', msd.id, '02')
  await user('admin', 'NATIONAL_ADMIN', msd.id)
  await user('leadAuckland', 'REGIONAL_LEAD', msd.id, '02')
  await user('otOfficer', 'OT_OFFICER', ot.id)
  await user('dce', 'DCE_MPC', ot.id)
  await user('hub', 'QUALITY_HUB', ot.id)
  await user('qualityManager', 'QUALITY_MANAGER', ot.id)
  await user('budget', 'BUDGET_MANAGER', ot.id)
  await user('intake', 'PROVIDER_INTAKE', target.organisation.id)
  await user('providerAdmin', 'PROVIDER_ADMIN', target.organisation.id)
  await user('secondIntake', 'PROVIDER_INTAKE', second.organisation.id)

  const as = (key: string) => ({ cookie: cookies[key]! })
  const must = async (res: Response, what: string) => {
    const body = await res.json()
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(body)}`)
    return body
  }

  /** A person in Auckland recorded by `by`, with whānau, and a consent naming both providers. */
  const person = async (key: keyof typeof PEOPLE, by: string, kinds: string[]) => {
    const d = PEOPLE[key]
    const created = await must(
      await postJson(
        t,
        '/api/v1/people',
        {
          givenName: d.givenName,
          familyName: d.familyName,
          phone: d.phone,
          email: d.email,
          dateOfBirth: d.dateOfBirth,
          addressLine: d.addressLine,
          regionCode: '02',
          needsSummary: NEEDS_TEXT,
          whanau: [{ name: d.whanauName, relationship: 'child', dateOfBirth: '2015-02-03', dependent: true }],
        },
        as(by),
      ),
      `person ${key}`,
    )
    const consent = await must(
      await postJson(
        t,
        '/api/v1/consents',
        {
          personId: created.id,
          purpose: 'Warm referral to a local provider',
          informationKinds: kinds,
          recipientOrganisationIds: [target.organisation.id, second.organisation.id],
          method: 'VERBAL',
          givenAt: new Date(t.deps.clock().getTime() - 60_000).toISOString(),
        },
        as(by),
      ),
      `consent ${key}`,
    )
    return { id: created.id as string, consentId: consent.id as string, secrets: d }
  }

  const refer = async (by: string, who: { id: string; consentId: string }, shared: string[]) => {
    const body = await must(
      await postJson(
        t,
        '/api/v1/referrals',
        { personId: who.id, consentId: who.consentId, serviceId: target.service.id, sharedInformationKinds: shared, needsSummary: NEEDS_TEXT },
        as(by),
      ),
      'referral',
    )
    return body.id as string
  }

  return { target, second, msd, ot, cookies, userIds, as, must, person, refer, people: PEOPLE }
}

export type PrivacyWorld = Awaited<ReturnType<typeof privacyWorld>>

/** Every secret of the person that occurs in `text` (the answer as sent). */
export function leaked(text: string, s: PersonSecrets): string[] {
  return Object.values(s).filter((v) => text.includes(v)).concat(text.includes(NEEDS_TEXT) ? [NEEDS_TEXT] : [])
}
