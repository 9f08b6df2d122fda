import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { validationError } from '../errors'
import {
  ZCancelReferralInput,
  ZCompleteReferralInput,
  ZDeclineReferralInput,
  ZFailReferralInput,
  ZGrantConsentInput,
  ZPutOnHoldInput,
  ZRecordContactAttemptInput,
  ZRecordPersonInput,
  ZRedirectReferralInput,
  ZReferralIdInput,
  ZSendReferralInput,
  ZWithdrawConsentInput,
  dateOfBirthProblem,
} from './schemas'

const ID1 = '01900000-0000-7000-8000-000000000001'
const ID2 = '01900000-0000-7000-8000-000000000002'
const ID3 = '6f1c2b1e-8f0a-4c39-9a57-2b1f2f3c4d5e'

/** The API's first-issue error, as the client sees it. */
function failure(schema: z.ZodType, input: unknown): { field: string | undefined; message: string } {
  const r = schema.safeParse(input)
  if (r.success) throw new Error(`expected ${JSON.stringify(input)} to fail`)
  const e = validationError(r.error.issues)
  return { field: e.field, message: e.message }
}

describe('ZSendReferralInput', () => {
  const ok = { personId: ID1, consentId: ID2, serviceId: ID3, sharedInformationKinds: ['CONTACT_DETAILS'] }

  it('fills in defaults and trims', () => {
    expect(ZSendReferralInput.parse({ ...ok, needsSummary: '  Kai and power  ' })).toEqual({
      ...ok,
      needsSummary: 'Kai and power',
      priority: 'ROUTINE',
    })
  })

  it('accepts every optional field', () => {
    const full = {
      ...ok,
      sharedInformationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'],
      priority: 'URGENT',
      idempotencyKey: 'send-2026_03-02-abc',
      routingOverrideReason: 'Only kaupapa Māori provider the whānau will talk to',
    }
    expect(ZSendReferralInput.parse(full)).toEqual(full)
  })

  it.each([
    [{ ...ok, personId: undefined }, 'personId', 'personId: personId is required'],
    [{ ...ok, personId: 'abc' }, 'personId', 'personId: personId must be a UUID'],
    [{ ...ok, sharedInformationKinds: [] }, 'sharedInformationKinds', /must name at least one kind/],
    [
      { ...ok, sharedInformationKinds: undefined },
      'sharedInformationKinds',
      /sharedInformationKinds is required/,
    ],
    [
      { ...ok, sharedInformationKinds: ['CONTACT_DETAILS', 'GOSSIP'] },
      'sharedInformationKinds.1',
      /sharedInformationKinds must be one of CONTACT_DETAILS, NEEDS_SUMMARY, HEALTH, CHILDREN_AND_CARE or FINANCIAL/,
    ],
    [
      { ...ok, sharedInformationKinds: ['HEALTH', 'HEALTH'] },
      'sharedInformationKinds',
      /same kind of information twice/,
    ],
    [
      { ...ok, needsSummary: 'x'.repeat(2001) },
      'needsSummary',
      /needsSummary must be at most 2000 characters/,
    ],
    [{ ...ok, priority: 'SOON' }, 'priority', /priority must be one of ROUTINE or URGENT/],
    [{ ...ok, idempotencyKey: 'short' }, 'idempotencyKey', /idempotencyKey must be 8 to 128/],
    [{ ...ok, idempotencyKey: 'has spaces in it' }, 'idempotencyKey', /idempotencyKey/],
    [{ ...ok, idempotencyKey: 'k'.repeat(129) }, 'idempotencyKey', /idempotencyKey/],
    [{ ...ok, routingOverrideReason: '  because  ' }, 'routingOverrideReason', /at least 10 characters/],
    [{ ...ok, routingOverrideReason: 'x'.repeat(1001) }, 'routingOverrideReason', /at most 1000/],
  ])('%j fails on %s', (input, field, message) => {
    const f = failure(ZSendReferralInput, input)
    expect(f.field).toBe(field)
    expect(f.message).toMatch(message)
  })
})

describe('referral command inputs', () => {
  const cases = [
    [ZDeclineReferralInput, { referralId: ID1 }, 'reason', 'reason: reason is required to decline'],
    [
      ZDeclineReferralInput,
      { referralId: ID1, reason: '   ' },
      'reason',
      'reason: reason is required to decline',
    ],
    [
      ZDeclineReferralInput,
      { referralId: ID1, reason: 'no' },
      'reason',
      'reason: reason must be at least 3 characters',
    ],
    [ZDeclineReferralInput, { reason: 'Full' }, 'referralId', 'referralId: referralId is required'],
    [ZCancelReferralInput, { referralId: ID1, reason: '' }, 'reason', 'reason: reason is required to cancel'],
    [ZPutOnHoldInput, { referralId: ID1 }, 'reason', 'reason: reason is required to put a referral on hold'],
    [
      ZRedirectReferralInput,
      { referralId: ID1, reason: 'Better fit' },
      'serviceId',
      'serviceId: serviceId is required',
    ],
    [
      ZRedirectReferralInput,
      { referralId: ID1, serviceId: ID2 },
      'reason',
      'reason: reason is required to redirect',
    ],
    [ZCompleteReferralInput, { referralId: ID1 }, 'outcome', 'outcome: outcome is required'],
    [
      ZCompleteReferralInput,
      { referralId: ID1, outcome: 'DONE' },
      'outcome',
      'outcome: outcome must be one of NEEDS_MET, PARTLY_MET or NOT_MET',
    ],
    [
      ZFailReferralInput,
      { referralId: ID1, reason: 'BORED' },
      'reason',
      'reason: reason must be one of UNABLE_TO_CONTACT or PERSON_DECLINED_SERVICE',
    ],
    [ZReferralIdInput, { referralId: 42 }, 'referralId', 'referralId: referralId must be a UUID'],
  ] as const
  it.each(cases.map(([schema, input, field, message]) => ({ schema, input, field, message })))(
    '$message',
    ({ schema, input, field, message }) => {
      expect(failure(schema, input)).toEqual({ field, message })
    },
  )

  it('parse good input, trimming reasons', () => {
    expect(ZDeclineReferralInput.parse({ referralId: ID1, reason: '  No capacity this week  ' })).toEqual({
      referralId: ID1,
      reason: 'No capacity this week',
    })
    expect(
      ZCompleteReferralInput.parse({ referralId: ID1, outcome: 'PARTLY_MET', note: 'Kai sorted' }),
    ).toEqual({
      referralId: ID1,
      outcome: 'PARTLY_MET',
      note: 'Kai sorted',
    })
    expect(ZFailReferralInput.parse({ referralId: ID1, reason: 'UNABLE_TO_CONTACT' }).reason).toBe(
      'UNABLE_TO_CONTACT',
    )
    expect(
      ZRedirectReferralInput.parse({ referralId: ID1, serviceId: ID2, reason: 'Closer to home' }).serviceId,
    ).toBe(ID2)
  })
})

describe('ZRecordContactAttemptInput', () => {
  const ok = {
    referralId: ID1,
    method: 'PHONE',
    result: 'NO_ANSWER',
    attemptedAt: '2026-03-02T09:00:00+13:00',
  }

  it('turns attemptedAt into a Date', () => {
    const r = ZRecordContactAttemptInput.parse(ok)
    expect(r.attemptedAt).toBeInstanceOf(Date)
    expect(r.attemptedAt.toISOString()).toBe('2026-03-01T20:00:00.000Z')
    expect(
      ZRecordContactAttemptInput.parse({ ...ok, attemptedAt: '2026-03-01T20:00:00Z' }).attemptedAt,
    ).toEqual(r.attemptedAt)
  })

  it.each([
    [{ ...ok, attemptedAt: undefined }, 'attemptedAt', 'attemptedAt: attemptedAt is required'],
    [
      { ...ok, attemptedAt: '2026-03-02 09:00' },
      'attemptedAt',
      /attemptedAt must be an ISO 8601 date and time/,
    ],
    [{ ...ok, attemptedAt: '2026-03-02T09:00:00' }, 'attemptedAt', /with an offset/],
    [
      { ...ok, method: 'PIGEON' },
      'method',
      'method: method must be one of PHONE, TEXT, EMAIL, VISIT or VIDEO',
    ],
    [{ ...ok, result: undefined }, 'result', 'result: result is required'],
    [{ ...ok, note: 'n'.repeat(2001) }, 'note', 'note: note must be at most 2000 characters'],
  ])('%j fails on %s', (input, field, message) => {
    const f = failure(ZRecordContactAttemptInput, input)
    expect(f.field).toBe(field)
    expect(f.message).toMatch(message)
  })
})

describe('ZRecordPersonInput', () => {
  const ok = { givenName: 'Aroha', regionCode: '09' }

  it.each([
    [{ statusChannel: 'SMS' }, 'statusChannel', 'statusChannel SMS needs the person’s phone'],
    [{ statusChannel: 'EMAIL', phone: '021 123 4567' }, 'statusChannel', 'statusChannel EMAIL needs the person’s email'],
    [{ statusChannel: 'FAX' }, 'statusChannel', 'statusChannel must be one of NONE, EMAIL or SMS'],
    [{ messageLanguage: 'FR' }, 'messageLanguage', 'messageLanguage must be one of EN or MI'],
  ])('a status channel it cannot use: %j', (extra, field, message) => {
    const r = ZRecordPersonInput.safeParse({ ...ok, ...extra })
    expect(r.error?.issues[0]).toMatchObject({ path: [field], message })
  })

  it('defaults whānau to none and keeps dates as written', () => {
    // No status messages to the person unless they choose a channel (issue 15, item 7).
    expect(ZRecordPersonInput.parse(ok)).toEqual({
      givenName: 'Aroha',
      regionCode: '09',
      whanau: [],
      statusChannel: 'NONE',
      messageLanguage: 'EN',
    })
    const full = ZRecordPersonInput.parse({
      ...ok,
      familyName: 'Ngata',
      dateOfBirth: '1990-05-04',
      phone: '021 123 4567',
      email: 'aroha@example.nz',
      territorialAuthorityCode: '047',
      whanau: [{ name: 'Mere', relationship: 'daughter', dateOfBirth: '2018-02-01' }],
    })
    expect(full.dateOfBirth).toBe('1990-05-04')
    expect(full.whanau).toEqual([
      { name: 'Mere', relationship: 'daughter', dateOfBirth: '2018-02-01', dependent: false },
    ])
  })

  it.each([
    '021 123 4567',
    '+64 21 123 4567',
    '(04) 123-4567',
    '0800 512 337',
    '027-555-0101',
    '0064 9 555 0101',
  ])('accepts the phone number %s', (phone) => {
    expect(ZRecordPersonInput.safeParse({ ...ok, phone }).success).toBe(true)
  })

  it.each([
    [{ ...ok, givenName: '  ' }, 'givenName', 'givenName: givenName is required'],
    [{ regionCode: '09' }, 'givenName', 'givenName: givenName is required'],
    [
      { ...ok, givenName: 'x'.repeat(101) },
      'givenName',
      'givenName: givenName must be at most 100 characters',
    ],
    [
      { ...ok, dateOfBirth: '04/05/1990' },
      'dateOfBirth',
      'dateOfBirth: dateOfBirth must be a date as YYYY-MM-DD',
    ],
    [
      { ...ok, dateOfBirth: '2026-02-30' },
      'dateOfBirth',
      'dateOfBirth: dateOfBirth must be a date as YYYY-MM-DD',
    ],
    [{ ...ok, phone: '12345' }, 'phone', /phone must be a New Zealand phone number/],
    [{ ...ok, phone: '+61 4 1234 5678' }, 'phone', /phone must be a New Zealand phone number/],
    [{ ...ok, email: 'aroha@' }, 'email', 'email: email must be an email address'],
    [{ ...ok, regionCode: '9' }, 'regionCode', 'regionCode: regionCode is a two-digit Stats NZ code'],
    [{ givenName: 'Aroha' }, 'regionCode', 'regionCode: regionCode is required'],
    [{ ...ok, territorialAuthorityCode: '47' }, 'territorialAuthorityCode', /three-digit Stats NZ code/],
    [{ ...ok, whanau: [{ relationship: 'son' }] }, 'whanau.0.name', 'whanau.0.name: name is required'],
    [
      { ...ok, whanau: Array.from({ length: 31 }, () => ({ name: 'A', relationship: 'cousin' })) },
      'whanau',
      'whanau: whanau can list at most 30 people',
    ],
  ])('%j fails on %s', (input, field, message) => {
    const f = failure(ZRecordPersonInput, input)
    expect(f.field).toBe(field)
    expect(f.message).toMatch(message)
  })

  it('leaves "not in the future" to dateOfBirthProblem, judged on the New Zealand date', () => {
    // 11:00 UTC on 1 March 2026 is already 2 March in New Zealand.
    const now = new Date('2026-03-01T11:00:00Z')
    expect(dateOfBirthProblem('2026-03-02', now)).toBeNull()
    expect(dateOfBirthProblem('2026-03-03', now)).toBe('dateOfBirth must not be in the future')
    expect(dateOfBirthProblem('2026-03-03', now, 'whanau.0.dateOfBirth')).toBe(
      'whanau.0.dateOfBirth must not be in the future',
    )
  })
})

describe('ZGrantConsentInput', () => {
  const ok = {
    personId: ID1,
    purpose: 'Referral for kai and power support',
    informationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'],
    recipientOrganisationIds: [ID2],
    method: 'VERBAL',
    givenAt: '2026-03-02T09:00:00+13:00',
  }

  it('parses, with selfReferral defaulting to false and times as Dates', () => {
    const r = ZGrantConsentInput.parse({ ...ok, expiresAt: '2026-09-02T09:00:00+12:00' })
    expect(r.selfReferral).toBe(false)
    expect(r.givenAt.toISOString()).toBe('2026-03-01T20:00:00.000Z')
    expect(r.expiresAt?.toISOString()).toBe('2026-09-01T21:00:00.000Z')
  })

  it.each([
    [{ ...ok, purpose: 'ok' }, 'purpose', 'purpose: purpose must be at least 3 characters'],
    [{ ...ok, purpose: 'p'.repeat(501) }, 'purpose', 'purpose: purpose must be at most 500 characters'],
    [{ ...ok, informationKinds: [] }, 'informationKinds', /informationKinds must name at least one kind/],
    [{ ...ok, informationKinds: ['HEALTH', 'HEALTH'] }, 'informationKinds', /must not name the same kind/],
    [{ ...ok, recipientOrganisationIds: [] }, 'recipientOrganisationIds', /at least one organisation/],
    [{ ...ok, recipientOrganisationIds: [ID2, ID2] }, 'recipientOrganisationIds', /same organisation twice/],
    [{ ...ok, recipientOrganisationIds: ['nope'] }, 'recipientOrganisationIds.0', /must be a UUID/],
    [
      {
        ...ok,
        recipientOrganisationIds: Array.from(
          { length: 51 },
          (_, i) => `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`,
        ),
      },
      'recipientOrganisationIds',
      'recipientOrganisationIds: recipientOrganisationIds can name at most 50',
    ],
    [{ ...ok, method: 'TELEPATHY' }, 'method', 'method: method must be one of VERBAL, WRITTEN or DIGITAL'],
    [{ ...ok, givenAt: undefined }, 'givenAt', 'givenAt: givenAt is required'],
    [
      { ...ok, expiresAt: '2026-03-02T08:59:59+13:00' },
      'expiresAt',
      'expiresAt: expiresAt must be after givenAt',
    ],
    [{ ...ok, selfReferral: 'yes' }, 'selfReferral', 'selfReferral: selfReferral must be true or false'],
  ])('%j fails on %s', (input, field, message) => {
    const f = failure(ZGrantConsentInput, input)
    expect(f.field).toBe(field)
    expect(f.message).toMatch(message)
  })
})

describe('ZWithdrawConsentInput', () => {
  it('needs only the consent', () => {
    expect(ZWithdrawConsentInput.parse({ consentId: ID1 })).toEqual({ consentId: ID1 })
    expect(failure(ZWithdrawConsentInput, {})).toEqual({
      field: 'consentId',
      message: 'consentId: consentId is required',
    })
    expect(failure(ZWithdrawConsentInput, { consentId: ID1, reason: 'r'.repeat(1001) }).field).toBe('reason')
  })
})
