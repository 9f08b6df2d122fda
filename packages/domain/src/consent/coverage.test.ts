import { describe, expect, it } from 'vitest'
import {
  PERSON_FIELDS,
  PERSON_FIELD_KINDS,
  PERSON_IDENTITY_FIELDS,
  checkConsentCovers,
  consentState,
  type ConsentView,
} from './coverage'

const RECIPIENT_ORG = '01900000-0000-7000-8000-000000000002'
const OTHER_ORG = '01900000-0000-7000-8000-000000000003'
const PERSON_ID = '01900000-0000-7000-8000-0000000000aa'

const d = (iso: string) => new Date(iso)

const consent = (over: Partial<ConsentView> = {}): ConsentView => ({
  id: 'c1',
  personId: PERSON_ID,
  informationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'],
  recipientOrganisationIds: [RECIPIENT_ORG],
  givenAt: d('2026-03-01T00:00:00Z'),
  expiresAt: d('2026-09-01T00:00:00Z'),
  withdrawnAt: null,
  ...over,
})

describe('consentState', () => {
  it.each([
    ['before it was given', consent(), '2026-02-28T23:59:59.999Z', 'NOT_YET_GIVEN'],
    ['the instant it is given', consent(), '2026-03-01T00:00:00Z', 'LIVE'],
    ['while it stands', consent(), '2026-05-01T00:00:00Z', 'LIVE'],
    ['a millisecond before expiry', consent(), '2026-08-31T23:59:59.999Z', 'LIVE'],
    ['the instant it expires', consent(), '2026-09-01T00:00:00Z', 'EXPIRED'],
    ['with no expiry, years later', consent({ expiresAt: null }), '2031-01-01T00:00:00Z', 'LIVE'],
    [
      'after withdrawal',
      consent({ withdrawnAt: d('2026-04-01T00:00:00Z') }),
      '2026-04-02T00:00:00Z',
      'WITHDRAWN',
    ],
    [
      'the instant of withdrawal',
      consent({ withdrawnAt: d('2026-04-01T00:00:00Z') }),
      '2026-04-01T00:00:00Z',
      'WITHDRAWN',
    ],
    [
      'before a withdrawal recorded for later (a past view)',
      consent({ withdrawnAt: d('2026-04-01T00:00:00Z') }),
      '2026-03-15T00:00:00Z',
      'LIVE',
    ],
    [
      'withdrawn and since expired: withdrawn',
      consent({ withdrawnAt: d('2026-04-01T00:00:00Z') }),
      '2026-10-01T00:00:00Z',
      'WITHDRAWN',
    ],
  ] as const)('%s', (_what, c, at, state) => {
    expect(consentState(c, d(at))).toBe(state)
  })
})

describe('checkConsentCovers', () => {
  const at = d('2026-05-01T00:00:00Z')

  it('passes when everything is covered', () => {
    expect(
      checkConsentCovers(consent(), { organisationId: RECIPIENT_ORG, kinds: ['CONTACT_DETAILS'], at }),
    ).toEqual({
      ok: true,
    })
  })

  it('passes with no kinds asked for, if the organisation is named and the consent live', () => {
    expect(checkConsentCovers(consent(), { organisationId: RECIPIENT_ORG, kinds: [], at }).ok).toBe(true)
  })

  it.each([
    [
      'expired',
      consent(),
      { organisationId: RECIPIENT_ORG, kinds: ['CONTACT_DETAILS'], at: d('2026-09-02T00:00:00Z') },
      [{ code: 'EXPIRED', message: 'The consent expired on 1 September 2026.' }],
    ],
    [
      'withdrawn',
      consent({ withdrawnAt: d('2026-04-10T02:00:00Z') }),
      { organisationId: RECIPIENT_ORG, kinds: ['CONTACT_DETAILS'], at },
      [{ code: 'WITHDRAWN', message: 'The person withdrew this consent on 10 April 2026.' }],
    ],
    [
      'not yet given',
      consent(),
      { organisationId: RECIPIENT_ORG, kinds: ['CONTACT_DETAILS'], at: d('2026-02-01T00:00:00Z') },
      [
        {
          code: 'NOT_YET_GIVEN',
          message: 'The consent is recorded as given on 1 March 2026, which is after this referral.',
        },
      ],
    ],
    [
      'recipient not named',
      consent(),
      { organisationId: OTHER_ORG, kinds: ['NEEDS_SUMMARY'], at },
      [
        {
          code: 'RECIPIENT_NOT_COVERED',
          message: 'The person has not agreed to share information with this organisation.',
        },
      ],
    ],
    [
      'a kind not covered',
      consent(),
      { organisationId: RECIPIENT_ORG, kinds: ['CONTACT_DETAILS', 'HEALTH'], at },
      [
        {
          code: 'KIND_NOT_COVERED',
          kind: 'HEALTH',
          message: 'Health information: the person has not agreed to share this.',
        },
      ],
    ],
    [
      'every problem at once, each kind once',
      consent({ withdrawnAt: d('2026-04-01T00:00:00Z') }),
      {
        organisationId: OTHER_ORG,
        kinds: ['FINANCIAL', 'CHILDREN_AND_CARE', 'FINANCIAL', 'CONTACT_DETAILS'],
        at: d('2026-10-01T00:00:00Z'),
      },
      [
        { code: 'WITHDRAWN', message: 'The person withdrew this consent on 1 April 2026.' },
        { code: 'EXPIRED', message: 'The consent expired on 1 September 2026.' },
        {
          code: 'RECIPIENT_NOT_COVERED',
          message: 'The person has not agreed to share information with this organisation.',
        },
        {
          code: 'KIND_NOT_COVERED',
          kind: 'FINANCIAL',
          message: 'Financial information: the person has not agreed to share this.',
        },
        {
          code: 'KIND_NOT_COVERED',
          kind: 'CHILDREN_AND_CARE',
          message: 'Information about children and care: the person has not agreed to share this.',
        },
      ],
    ],
  ] as const)('%s', (_what, c, request, problems) => {
    expect(checkConsentCovers(c, request)).toEqual({ ok: false, problems })
  })

  it('writes dates in New Zealand time: 1 September 2026 00:00 NZST is 31 August in UTC', () => {
    const c = consent({ expiresAt: d('2026-08-31T12:00:00Z') })
    const r = checkConsentCovers(c, {
      organisationId: RECIPIENT_ORG,
      kinds: [],
      at: d('2026-10-01T00:00:00Z'),
    })
    expect(r.ok ? null : r.problems[0]?.message).toBe('The consent expired on 1 September 2026.')
  })
})

// What a viewer sees is decided by the need-to-know rule (src/privacy/need-to-know.ts and its
// table tests); the organisation-based redactPerson that stood here is gone.
describe('PERSON_FIELD_KINDS', () => {
  it('maps every field except the names to exactly one information kind', () => {
    const governed = Object.keys(PERSON_FIELD_KINDS).sort()
    expect([...governed, ...PERSON_IDENTITY_FIELDS].sort()).toEqual([...PERSON_FIELDS].sort())
  })
})
