// The need-to-know rule, exhaustively: every role, standing in every organisation a referral, a
// person record or a case can involve, against consents live, withdrawn, expired and not naming the
// receiver, and every combination of shared kinds. Expectations are written from the rule table
// (docs/privacy.md), not read back from the implementation.
import { describe, expect, it } from 'vitest'
import { userActor, type Actor, type ActorMembership, type OrganisationKind } from '../actor'
import { INFORMATION_KINDS, type InformationKind } from '../consent/consent-enums'
import { PERSON_FIELDS, PERSON_IDENTITY_FIELDS, type ConsentView, type PersonRecord } from '../consent/coverage'
import { ROLES, ROLE_CAPABILITIES, type Role } from '../roles'
import {
  applyPersonAccess,
  decidePersonAccess,
  NEED_TO_KNOW_RULES,
  PERSON_RELATIONSHIPS,
  type PersonRecordContext,
} from './need-to-know'

const AT = new Date('2026-12-08T01:00:00Z')
const FROM = 'org-from'
const TO = 'org-to'
const OTHER = 'org-other'
const WELLINGTON = 'region-09'
const AUCKLAND = 'region-02'

function actorIn(orgId: string, role: Role, regionId: string | null = null): Actor {
  const kind: OrganisationKind = orgId === TO || orgId === OTHER ? 'PROVIDER' : 'AGENCY'
  const m: ActorMembership = { organisationId: orgId, organisationName: orgId, organisationKind: kind, role, regionId }
  return userActor({ id: `u-${orgId}-${role}`, email: 'x@example.nz', name: 'X' }, 's', [m])
}

function consent(over: Partial<ConsentView> = {}): ConsentView {
  return {
    id: 'c1',
    personId: 'p1',
    informationKinds: [...INFORMATION_KINDS],
    recipientOrganisationIds: [TO],
    givenAt: new Date('2026-11-01T00:00:00Z'),
    expiresAt: null,
    withdrawnAt: null,
    ...over,
  }
}

function referral(over: Partial<Extract<PersonRecordContext, { kind: 'REFERRAL' }>> = {}): PersonRecordContext {
  return {
    kind: 'REFERRAL',
    fromOrganisationId: FROM,
    toOrganisationId: TO,
    sharedInformationKinds: [...INFORMATION_KINDS],
    personRegionId: WELLINGTON,
    escalated: false,
    consent: consent(),
    ...over,
  }
}

const PERSON: PersonRecord = {
  id: 'p1',
  givenName: 'Aroha',
  familyName: 'Te Whata',
  preferredName: null,
  dateOfBirth: new Date('1990-01-01T00:00:00Z'),
  phone: '021 555 1234',
  email: 'aroha@example.nz',
  addressLine: '1 Cuba St',
  needsSummary: 'Food and power',
  whanau: [{ name: 'Mere', relationship: 'daughter', dateOfBirth: null, dependent: true }],
}

const sends = (r: Role) => ROLE_CAPABILITIES[r].includes('referral:send')
const responds = (r: Role) => ROLE_CAPABILITIES[r].includes('referral:respond')
const records = (r: Role) => ROLE_CAPABILITIES[r].includes('person:record')
const participates = (r: Role) => ROLE_CAPABILITIES[r].includes('case:participate')

describe('referral: every role in every organisation, live consent sharing everything', () => {
  for (const role of ROLES) {
    it(`${role} in the sending organisation`, () => {
      const d = decidePersonAccess(actorIn(FROM, role), referral(), AT)
      if (sends(role)) {
        expect(d.relationship).toBe('SENDER')
        expect(d.fieldsShown).toEqual([...PERSON_FIELDS])
      } else {
        expect(d.fieldsShown).toEqual([])
        expect(d.relationship).toBe(role === 'NATIONAL_ADMIN' ? 'OVERSIGHT' : 'NONE')
        expect(d.mayOpen).toBe(role === 'NATIONAL_ADMIN')
      }
    })
    it(`${role} in the receiving organisation`, () => {
      const d = decidePersonAccess(actorIn(TO, role), referral(), AT)
      if (responds(role)) {
        expect(d.relationship).toBe('RECEIVER')
        expect(d.fieldsShown).toEqual([...PERSON_FIELDS])
      } else {
        expect(d.fieldsShown).toEqual([])
        expect(d.relationship).toBe(role === 'NATIONAL_ADMIN' ? 'OVERSIGHT' : 'NONE')
      }
    })
    it(`${role} in another organisation sees nothing`, () => {
      const d = decidePersonAccess(actorIn(OTHER, role, WELLINGTON), referral(), AT)
      expect(d.fieldsShown).toEqual([])
      expect(['NONE', 'OVERSIGHT']).toContain(d.relationship)
    })
    it(`${role} for the person's region, referral escalated`, () => {
      const d = decidePersonAccess(actorIn(OTHER, role, WELLINGTON), referral({ escalated: true }), AT)
      if (role === 'REGIONAL_LEAD') {
        expect(d.relationship).toBe('REGIONAL_LEAD')
        expect(d.fieldsShown).toEqual([...PERSON_IDENTITY_FIELDS])
      } else expect(d.fieldsShown).toEqual([])
    })
  }

  it('a regional commissioner in the sending agency for the same region sees nothing (the finding)', () => {
    const d = decidePersonAccess(actorIn(FROM, 'REGIONAL_COMMISSIONER', WELLINGTON), referral(), AT)
    expect(d).toMatchObject({ relationship: 'NONE', fieldsShown: [], mayOpen: false })
  })
  it('a Regional Lead of another region sees nothing of an escalated referral', () => {
    const d = decidePersonAccess(actorIn(OTHER, 'REGIONAL_LEAD', AUCKLAND), referral({ escalated: true }), AT)
    expect(d.fieldsShown).toEqual([])
  })
  it('a Regional Lead sees nothing once the consent is withdrawn', () => {
    const r = referral({ escalated: true, consent: consent({ withdrawnAt: new Date('2026-12-01T00:00:00Z') }) })
    expect(decidePersonAccess(actorIn(OTHER, 'REGIONAL_LEAD', WELLINGTON), r, AT).fieldsShown).toEqual([])
  })
  it('anonymous sees nothing', () => {
    expect(decidePersonAccess({ kind: 'anonymous' }, referral(), AT)).toMatchObject({ relationship: 'NONE', mayOpen: false })
  })
  it('one user who sends in one organisation and is a commissioner in another sees as the sender', () => {
    const a = userActor({ id: 'u', email: 'x@example.nz', name: 'X' }, 's', [
      { organisationId: OTHER, organisationName: 'o', organisationKind: 'AGENCY', role: 'REGIONAL_COMMISSIONER', regionId: WELLINGTON },
      { organisationId: FROM, organisationName: 'f', organisationKind: 'AGENCY', role: 'TRIAGE_OFFICER', regionId: null },
    ])
    expect(decidePersonAccess(a, referral(), AT)).toMatchObject({ relationship: 'SENDER', organisationId: FROM })
  })
})

describe('referral: the receiver under every consent state and every shared subset', () => {
  const intake = actorIn(TO, 'PROVIDER_INTAKE')
  const subsets: InformationKind[][] = []
  for (let mask = 0; mask < 1 << INFORMATION_KINDS.length; mask++)
    subsets.push(INFORMATION_KINDS.filter((_, i) => mask & (1 << i)))

  for (const shared of subsets) {
    for (const consented of [shared, [...INFORMATION_KINDS]]) {
      it(`shared [${shared.join(',')}] consented [${consented.join(',')}]`, () => {
        const d = decidePersonAccess(
          intake,
          referral({ sharedInformationKinds: shared, consent: consent({ informationKinds: consented }) }),
          AT,
        )
        const visible = INFORMATION_KINDS.filter((k) => shared.includes(k) && consented.includes(k))
        expect(d.visibleKinds).toEqual(visible)
        const expected = new Set<string>()
        if (visible.length > 0) PERSON_IDENTITY_FIELDS.forEach((f) => expected.add(f))
        if (visible.includes('CONTACT_DETAILS')) ['phone', 'email', 'addressLine'].forEach((f) => expected.add(f))
        if (visible.includes('NEEDS_SUMMARY')) expected.add('needsSummary')
        if (visible.includes('CHILDREN_AND_CARE')) ['dateOfBirth', 'whanau'].forEach((f) => expected.add(f))
        expect(new Set(d.fieldsShown)).toEqual(expected)
        // The sender always sees everything, whatever was shared.
        const s = decidePersonAccess(actorIn(FROM, 'COMMUNITY_CONNECTOR'), referral({ sharedInformationKinds: shared }), AT)
        expect(s.fieldsShown).toEqual([...PERSON_FIELDS])
      })
    }
  }

  const states: [string, Partial<ConsentView>][] = [
    ['withdrawn', { withdrawnAt: new Date('2026-12-08T00:59:59Z') }],
    ['expired', { expiresAt: new Date('2026-12-08T01:00:00Z') }],
    ['not yet given', { givenAt: new Date('2026-12-09T00:00:00Z') }],
    ['not naming the receiver', { recipientOrganisationIds: [OTHER] }],
  ]
  for (const [name, over] of states) {
    it(`consent ${name}: the receiver sees nothing, with a reason on every field`, () => {
      const d = decidePersonAccess(intake, referral({ consent: consent(over) }), AT)
      expect(d.relationship).toBe('RECEIVER')
      expect(d.fieldsShown).toEqual([])
      const view = applyPersonAccess(PERSON, d)
      for (const f of PERSON_FIELDS) expect(view[f]).toMatchObject({ redacted: true, reason: expect.any(String) })
      const text = JSON.stringify(view)
      for (const secret of ['Aroha', '021 555', 'aroha@', 'Cuba', 'Food', 'Mere']) expect(text).not.toContain(secret)
    })
  }
  it('a withdrawal recorded for later than now has not happened yet', () => {
    const d = decidePersonAccess(intake, referral({ consent: consent({ withdrawnAt: new Date('2026-12-08T01:00:01Z') }) }), AT)
    expect(d.fieldsShown).toEqual([...PERSON_FIELDS])
  })
})

describe('person records and cases', () => {
  for (const role of ROLES) {
    it(`${role} in the recording organisation`, () => {
      const d = decidePersonAccess(actorIn(FROM, role), { kind: 'PERSON', recordedByOrganisationId: FROM }, AT)
      expect(d.fieldsShown).toEqual(records(role) ? [...PERSON_FIELDS] : [])
      expect(d.relationship).toBe(records(role) ? 'RECORDER' : 'NONE')
    })
    it(`${role} in a member agency of a case`, () => {
      const c: PersonRecordContext = {
        kind: 'CASE',
        leadOrganisationId: FROM,
        memberOrganisationIds: [TO],
        personId: 'p1',
        consents: [consent({ recipientOrganisationIds: [FROM, TO], informationKinds: ['CONTACT_DETAILS'] })],
      }
      const d = decidePersonAccess(actorIn(TO, role), c, AT)
      if (participates(role)) {
        expect(d.relationship).toBe('CASE_MEMBER')
        expect(d.visibleKinds).toEqual(['CONTACT_DETAILS'])
        expect(d.fieldsShown).toEqual(['givenName', 'familyName', 'preferredName', 'phone', 'email', 'addressLine'])
      } else {
        expect(d).toMatchObject({ relationship: 'NONE', fieldsShown: [], mayOpen: false })
      }
    })
  }
  it('a case member whose consent was withdrawn sees no kind', () => {
    const c: PersonRecordContext = {
      kind: 'CASE',
      leadOrganisationId: FROM,
      memberOrganisationIds: [TO],
      personId: 'p1',
      consents: [consent({ recipientOrganisationIds: [TO], withdrawnAt: new Date('2026-12-01T00:00:00Z') })],
    }
    expect(decidePersonAccess(actorIn(TO, 'PROVIDER_INTAKE'), c, AT)).toMatchObject({ visibleKinds: [], fieldsShown: [] })
  })
  it('a consent for someone else covers nothing in a case', () => {
    const c: PersonRecordContext = {
      kind: 'CASE',
      leadOrganisationId: FROM,
      memberOrganisationIds: [TO],
      personId: 'p1',
      consents: [consent({ personId: 'p2', recipientOrganisationIds: [TO] })],
    }
    expect(decidePersonAccess(actorIn(TO, 'PROVIDER_INTAKE'), c, AT).visibleKinds).toEqual([])
  })
})

describe('the rule table', () => {
  it('names every relationship once, each with sources', () => {
    expect(new Set(NEED_TO_KNOW_RULES.map((r) => r.relationship))).toEqual(new Set(PERSON_RELATIONSHIPS))
    for (const r of NEED_TO_KNOW_RULES) expect(r.sources.length).toBeGreaterThan(0)
  })
})

describe('onward referral: the Community Connection Service refers on what it received', () => {
  // The onward referral goes from the CCS (FROM here, a connector organisation) to a provider (TO).
  const connector = actorIn(FROM, 'COMMUNITY_CONNECTOR')
  const onward = (over: Partial<Extract<PersonRecordContext, { kind: 'REFERRAL' }>> = {}) =>
    referral({ onward: true, consent: consent({ recipientOrganisationIds: [FROM, TO] }), ...over })

  it('the onward sender sees only the kinds it shared onward that the live consent covers', () => {
    const d = decidePersonAccess(connector, onward({ sharedInformationKinds: ['CONTACT_DETAILS'] }), AT)
    expect(d.relationship).toBe('SENDER')
    expect(d.rule).toBe('onward-sender')
    expect(new Set(d.fieldsShown)).toEqual(
      new Set([...PERSON_IDENTITY_FIELDS, 'phone', 'email', 'addressLine']),
    )
    expect(d.fieldsShown).not.toContain('dateOfBirth')
    expect(d.reasons.dateOfBirth).toBeTruthy()
  })

  it('the onward sender sees nothing once the consent is withdrawn, or when it does not name them', () => {
    const withdrawn = consent({
      recipientOrganisationIds: [FROM, TO],
      withdrawnAt: new Date('2026-12-08T00:00:00Z'),
    })
    expect(decidePersonAccess(connector, onward({ consent: withdrawn }), AT).fieldsShown).toEqual([])
    const notNaming = consent({ recipientOrganisationIds: [TO] })
    const d = decidePersonAccess(connector, onward({ consent: notNaming }), AT)
    expect(d.fieldsShown).toEqual([])
    expect(d.mayOpen).toBe(true)
  })

  it('a first-hand sender still sees every field', () => {
    expect(decidePersonAccess(connector, referral(), AT).fieldsShown).toEqual([...PERSON_FIELDS])
  })

  it('the onward receiver reads as any receiver', () => {
    const d = decidePersonAccess(
      actorIn(TO, 'PROVIDER_INTAKE'),
      onward({ sharedInformationKinds: ['NEEDS_SUMMARY'] }),
      AT,
    )
    expect(d.relationship).toBe('RECEIVER')
    expect(d.visibleKinds).toEqual(['NEEDS_SUMMARY'])
  })
})
