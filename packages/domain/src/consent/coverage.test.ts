import { describe, expect, it } from 'vitest'
import { INFORMATION_KINDS, type InformationKind } from './consent-enums'
import {
  PERSON_FIELDS,
  PERSON_FIELD_KINDS,
  checkConsentCovers,
  consentState,
  isRedacted,
  redactPerson,
  type ConsentView,
  type PersonRecord,
  type RedactionContext,
} from './coverage'

const SENDER_ORG = '01900000-0000-7000-8000-000000000001'
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

describe('redactPerson', () => {
  const person: PersonRecord = {
    id: PERSON_ID,
    givenName: 'Aroha',
    familyName: 'Ngata',
    preferredName: 'Ro',
    dateOfBirth: d('1990-05-04T00:00:00Z'),
    phone: '021 555 0101',
    email: 'aroha@example.nz',
    addressLine: '12 Kōwhai Street, Porirua',
    needsSummary: 'Needs help with power bills and food this week.',
    whanau: [
      { name: 'Mere', relationship: 'daughter', dateOfBirth: d('2018-02-01T00:00:00Z'), dependent: true },
    ],
  }
  const base = (over: Partial<RedactionContext> = {}): RedactionContext => ({
    viewer: { organisationIds: [RECIPIENT_ORG] },
    referral: {
      fromOrganisationId: SENDER_ORG,
      toOrganisationId: RECIPIENT_ORG,
      sharedInformationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'],
    },
    consent: consent(),
    at: d('2026-05-01T00:00:00Z'),
    ...over,
  })
  const withKinds = (shared: InformationKind[], covered: InformationKind[]) =>
    base({
      referral: {
        fromOrganisationId: SENDER_ORG,
        toOrganisationId: RECIPIENT_ORG,
        sharedInformationKinds: shared,
      },
      consent: consent({ informationKinds: covered }),
    })
  const ALL = [...PERSON_FIELDS]
  const NAMES = ['givenName', 'familyName', 'preferredName']
  const NOTHING = 'Only the referring and receiving organisations can see this person’s details.'

  it.each([
    // [what, context, access, fields shown, why a hidden field is hidden: for all, or [field, why]]
    [
      'sender sees everything it recorded',
      base({ viewer: { organisationIds: [SENDER_ORG] } }),
      'SENDER',
      ALL,
      null,
    ],
    [
      'sender flagged by the caller sees everything',
      base({ viewer: { organisationIds: [], isSender: true } }),
      'SENDER',
      ALL,
      null,
    ],
    [
      'sender still sees its record after withdrawal',
      base({
        viewer: { organisationIds: [SENDER_ORG] },
        consent: consent({ withdrawnAt: d('2026-04-01T00:00:00Z') }),
      }),
      'SENDER',
      ALL,
      null,
    ],
    [
      'sender that is also the recipient is treated as the sender',
      base({ viewer: { organisationIds: [RECIPIENT_ORG, SENDER_ORG] } }),
      'SENDER',
      ALL,
      null,
    ],
    [
      'recipient, live consent: names, contact details, needs summary',
      base(),
      'RECIPIENT',
      [...NAMES, 'phone', 'email', 'addressLine', 'needsSummary'],
      null,
    ],
    [
      'recipient, one of several organisations the viewer belongs to',
      base({ viewer: { organisationIds: [OTHER_ORG, RECIPIENT_ORG] } }),
      'RECIPIENT',
      [...NAMES, 'phone', 'email', 'addressLine', 'needsSummary'],
      null,
    ],
    [
      'recipient, consent withdrawn',
      base({ consent: consent({ withdrawnAt: d('2026-04-01T00:00:00Z') }) }),
      'RECIPIENT',
      [],
      'The person has withdrawn their consent to share this.',
    ],
    [
      'recipient, consent expired',
      base({ at: d('2026-09-01T00:00:00Z') }),
      'RECIPIENT',
      [],
      'The person’s consent to share this has expired.',
    ],
    [
      'recipient, consent not yet given',
      base({ at: d('2026-02-01T00:00:00Z') }),
      'RECIPIENT',
      [],
      'The person’s consent to share this does not start until later.',
    ],
    [
      'recipient not named in the consent',
      base({ consent: consent({ recipientOrganisationIds: [OTHER_ORG] }) }),
      'RECIPIENT',
      [],
      'The person has not agreed to share information with your organisation.',
    ],
    [
      'consent for a different person',
      base({ consent: consent({ personId: 'someone-else' }) }),
      'RECIPIENT',
      [],
      'The consent on this referral is for someone else.',
    ],
    [
      'recipient, shared but not covered: nothing visible, not even names',
      withKinds(['HEALTH'], ['CONTACT_DETAILS']),
      'RECIPIENT',
      [],
      'No information about this person was shared with your organisation.',
    ],
    [
      'recipient, covered but not shared: contact details hidden',
      withKinds(['NEEDS_SUMMARY'], ['CONTACT_DETAILS', 'NEEDS_SUMMARY']),
      'RECIPIENT',
      [...NAMES, 'needsSummary'],
      ['phone', 'The referrer did not share contact details.'],
    ],
    [
      'recipient, shared and only partly covered: the needs summary hidden',
      withKinds(['CONTACT_DETAILS', 'NEEDS_SUMMARY'], ['CONTACT_DETAILS']),
      'RECIPIENT',
      [...NAMES, 'phone', 'email', 'addressLine'],
      ['needsSummary', 'The person has not agreed to share the needs summary.'],
    ],
    [
      'recipient, children and care: dates of birth and whānau',
      withKinds(['CHILDREN_AND_CARE'], ['CHILDREN_AND_CARE', 'CONTACT_DETAILS']),
      'RECIPIENT',
      [...NAMES, 'dateOfBirth', 'whanau'],
      ['addressLine', 'The referrer did not share contact details.'],
    ],
    [
      'recipient, health only: names only (health governs no person field)',
      withKinds(['HEALTH'], ['HEALTH']),
      'RECIPIENT',
      NAMES,
      ['email', 'The referrer did not share contact details.'],
    ],
    [
      'recipient, everything shared and covered',
      withKinds([...INFORMATION_KINDS], [...INFORMATION_KINDS]),
      'RECIPIENT',
      ALL,
      null,
    ],
    ['another organisation', base({ viewer: { organisationIds: [OTHER_ORG] } }), 'NONE', [], NOTHING],
    ['someone in no organisation', base({ viewer: { organisationIds: [] } }), 'NONE', [], NOTHING],
    [
      'another organisation, even with everything shared',
      {
        ...withKinds([...INFORMATION_KINDS], [...INFORMATION_KINDS]),
        viewer: { organisationIds: [OTHER_ORG] },
      },
      'NONE',
      [],
      NOTHING,
    ],
  ] as const)('%s', (_what, ctx, access, shown, reason) => {
    const r = redactPerson(person, ctx)
    expect(r.access).toBe(access)
    expect(r.fieldsShown).toEqual(shown)
    expect(r.person.id).toBe(PERSON_ID)
    for (const field of PERSON_FIELDS) {
      const value = r.person[field]
      if ((shown as readonly string[]).includes(field)) {
        expect(value, field).toEqual(person[field])
      } else {
        // Redacted fields are markers, never missing and never the value.
        expect(isRedacted(value), field).toBe(true)
        expect(value).toEqual({ redacted: true, reason: expect.any(String) })
      }
    }
    if (reason !== null) {
      // A string reason applies to every field (nothing shown); a pair names the field to look at.
      const [field, text] = typeof reason === 'string' ? (['givenName', reason] as const) : reason
      const marker = r.person[field]
      expect(isRedacted(marker) ? marker.reason : null).toBe(text)
    }
  })

  it('maps every non-name field to exactly one information kind', () => {
    const governed = Object.keys(PERSON_FIELD_KINDS).sort()
    expect([...governed, ...NAMES].sort()).toEqual([...PERSON_FIELDS].sort())
  })

  it('returns copies: changing the result does not change the record', () => {
    const r = redactPerson(person, base({ viewer: { organisationIds: [SENDER_ORG] } }))
    const whanau = r.person.whanau
    if (isRedacted(whanau)) throw new Error('expected whānau')
    ;(whanau as unknown as { name: string }[])[0]!.name = 'changed'
    expect(person.whanau[0]?.name).toBe('Mere')
  })

  it('shows a field recorded as empty as null, and lists it as shown', () => {
    const r = redactPerson({ ...person, email: null }, base())
    expect(r.person.email).toBeNull()
    expect(r.fieldsShown).toContain('email')
  })
})
