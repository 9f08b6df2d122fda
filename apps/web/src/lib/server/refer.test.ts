import { describe, expect, it } from 'vitest'
import type { Consent } from '$lib/types'
import { checkConsent, checkPerson, inputIdOf, sendValues, stepUrl, usableConsents, type PersonValues } from './refer'

const NOW = new Date('2026-10-27T21:00:00Z') // Wed 28 Oct 2026, 10:00 am NZDT

const person = (over: Partial<PersonValues> = {}): PersonValues => ({
  givenName: 'Hine',
  familyName: '',
  phone: '',
  email: '',
  regionCode: '09',
  needsSummary: '',
  dateOfBirth: '',
  whanau: [
    { name: '', relationship: '', dateOfBirth: '', dependent: false },
    { name: '', relationship: '', dateOfBirth: '', dependent: false },
  ],
  ...over,
})

describe('checkPerson', () => {
  it('accepts the minimum and leaves blanks out of the API input', () => {
    const { input, errors } = checkPerson(person(), NOW)
    expect(errors).toEqual({})
    expect(input).toEqual({ givenName: 'Hine', regionCode: '09', whanau: [] })
  })

  it('says what is wrong with each field, in words, keyed by input id', () => {
    const { errors } = checkPerson(person({ givenName: '', regionCode: '', phone: '12', email: 'not-an-email', dateOfBirth: '2026-10-29' }), NOW)
    expect(errors).toEqual({
      givenName: 'Enter their given name',
      regionCode: 'Choose the region they live in',
      phone: 'Enter a New Zealand phone number, like 021 123 4567, or leave it blank',
      email: 'Enter an email address, like name@example.nz, or leave it blank',
      dateOfBirth: 'Enter a date of birth that is not in the future, or leave it blank',
    })
  })

  it('accepts NZ phone numbers as people write them', () => {
    for (const phone of ['021 123 4567', '+64 4 123 4567', '(04) 123-4567', '0800 512 337']) {
      expect(checkPerson(person({ phone }), NOW).errors, phone).toEqual({})
    }
  })

  it('skips blank whānau rows and ties a half-filled one to the right row', () => {
    const whanau = [
      { name: '', relationship: '', dateOfBirth: '', dependent: false },
      { name: 'Tama', relationship: '', dateOfBirth: '2031-01-01', dependent: true },
    ]
    const { input, errors } = checkPerson(person({ whanau }), NOW)
    expect(input.whanau).toEqual([{ name: 'Tama', relationship: '', dateOfBirth: '2031-01-01', dependent: true }])
    expect(errors['whanau-1-relationship']).toMatch(/name and relationship/)
    expect(errors['whanau-1-dateOfBirth']).toMatch(/not in the future/)
    expect(Object.keys(errors).some((k) => k.startsWith('whanau-0'))).toBe(false)
  })
})

describe('checkConsent', () => {
  const values = { informationKinds: ['CONTACT_DETAILS' as const], method: 'VERBAL', expiresOn: '', agreed: true }

  it('needs a kind, a method and the person’s agreement', () => {
    const { errors } = checkConsent({ informationKinds: [], method: '', expiresOn: '', agreed: false }, NOW)
    expect(Object.keys(errors).sort()).toEqual(['agreed', 'informationKinds', 'method'])
  })

  it('ends a consent at the end of the chosen day in New Zealand', () => {
    expect(checkConsent({ ...values, expiresOn: '2026-12-01' }, NOW).expiresAt).toBe('2026-12-01T10:59:59.000Z')
    expect(checkConsent({ ...values, expiresOn: '2026-06-01' }, new Date('2026-05-01T00:00:00Z')).expiresAt).toBe('2026-06-01T11:59:59.000Z')
  })

  it('refuses an end date of today or earlier, or one that is not a date', () => {
    for (const expiresOn of ['2026-10-28', '2026-10-01', 'soon']) {
      expect(checkConsent({ ...values, expiresOn }, NOW).errors.expiresOn, expiresOn).toBeTruthy()
    }
  })
})

describe('usableConsents', () => {
  const consent = (over: Partial<Consent>): Consent => ({
    id: 'c',
    purpose: 'p',
    informationKinds: ['CONTACT_DETAILS'],
    method: 'VERBAL',
    givenAt: '2026-10-01T00:00:00Z',
    expiresAt: null,
    withdrawnAt: null,
    recipientOrganisationIds: ['org'],
    ...over,
  })

  it('keeps only live consents that name the provider', () => {
    const list = [
      consent({ id: 'live' }),
      consent({ id: 'withdrawn', withdrawnAt: '2026-10-02T00:00:00Z' }),
      consent({ id: 'expired', expiresAt: '2026-10-20T00:00:00Z' }),
      consent({ id: 'other', recipientOrganisationIds: ['someone-else'] }),
      consent({ id: 'later', expiresAt: '2026-12-01T00:00:00Z' }),
    ]
    expect(usableConsents(list, 'org', NOW).map((c) => c.id)).toEqual(['live', 'later'])
  })
})

describe('form helpers', () => {
  it('keeps the chosen ids in the step URL', () => {
    expect(stepUrl({ serviceId: 's', organisationId: 'o', personId: 'p' }, 'consent')).toBe('/referrals/new?serviceId=s&organisationId=o&personId=p#consent')
    expect(stepUrl({ serviceId: 's', organisationId: null, personId: 'p', consentId: 'c' }, 'send')).toBe('/referrals/new?serviceId=s&personId=p&consentId=c#send')
  })

  it('maps an API field path to the input it names, or none', () => {
    expect(inputIdOf('whanau.0.name', ['whanau-0-name'])).toBe('whanau-0-name')
    expect(inputIdOf('territorialAuthorityCode', ['givenName'])).toBeNull()
    expect(inputIdOf(null, ['givenName'])).toBeNull()
  })

  it('keeps a good idempotency key and makes one when the form has none', () => {
    const form = new FormData()
    form.set('idempotencyKey', 'abc12345-key')
    form.append('sharedInformationKinds', 'CONTACT_DETAILS')
    form.append('sharedInformationKinds', 'NOT_A_KIND')
    expect(sendValues(form)).toMatchObject({ idempotencyKey: 'abc12345-key', sharedInformationKinds: ['CONTACT_DETAILS'], priority: 'ROUTINE' })
    form.set('idempotencyKey', 'x')
    expect(sendValues(form).idempotencyKey).toMatch(/^[0-9a-f-]{36}$/)
  })
})
