import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { validationError } from '../errors'
import {
  ZCreateServiceListingInput,
  ZFindListingChangesInput,
  ZUpdateLocationBody,
  ZUpdateLocationInput,
  ZUpdateOrganisationListingInput,
  ZUpdateServiceListingBody,
  ZUpdateServiceListingInput,
  ZVerifyListingInput,
  ageRangeProblem,
  serviceAreaProblem,
} from './listing-schemas'

const SERVICE = '01900000-0000-7000-8000-000000000001'
const ORG = '01900000-0000-7000-8000-000000000002'
const LOC = '01900000-0000-7000-8000-000000000003'
const AT = '2026-11-22T20:00:00.000Z'

/** The API's first-issue error, as the client sees it. */
function failure(schema: z.ZodType, input: unknown): { field: string | undefined; message: string } {
  const r = schema.safeParse(input)
  if (r.success) throw new Error(`expected ${JSON.stringify(input)} to fail`)
  const e = validationError(r.error.issues)
  return { field: e.field, message: e.message }
}

describe('ZUpdateServiceListingInput', () => {
  const ok = { serviceId: SERVICE, expectedUpdatedAt: AT }

  it('takes a patch of nothing but the version read (an edit with no change still verifies)', () => {
    expect(ZUpdateServiceListingInput.parse(ok)).toEqual({ serviceId: SERVICE, expectedUpdatedAt: new Date(AT) })
  })

  it('trims, lowercases codes and emails, and turns blank optional text into null', () => {
    const r = ZUpdateServiceListingInput.parse({
      ...ok,
      name: '  Kai for whānau  ',
      alternateName: '   ',
      email: ' Kai@Example.NZ ',
      languages: ['EN', ' mi ', 'nzs'],
      categoryCodes: ['food'],
    })
    expect(r).toMatchObject({
      name: 'Kai for whānau',
      alternateName: null,
      email: 'kai@example.nz',
      languages: ['en', 'mi', 'nzs'],
      categoryCodes: ['food'],
    })
  })

  it('accepts every field', () => {
    const full = {
      ...ok,
      name: 'Budgeting help',
      alternateName: 'Financial mentoring',
      description: 'One-to-one financial mentoring.',
      url: 'https://example.org.nz/budgeting',
      email: 'help@example.org.nz',
      status: 'TEMPORARILY_CLOSED',
      eligibilityDescription: 'Anyone in Porirua',
      minimumAge: 16,
      maximumAge: 16,
      feesDescription: 'Free',
      freeOfCharge: true,
      costOptions: [{ option: 'Per session', amountCents: 0, amountDescription: 'Koha' }],
      applicationProcess: 'Phone or walk in',
      interpretationServices: 'Interpreters on request',
      capacityStatus: 'WAITLIST',
      deliveryModes: ['IN_PERSON', 'PHONE'],
      culturalFocus: ['KAUPAPA_MAORI', 'PACIFIC'],
      languages: ['en', 'mi', 'sm', 'to', 'nzs'],
      categoryCodes: ['financial-mentoring', 'food'],
      nationwide: false,
      serviceAreas: [{ regionCode: '09' }, { territorialAuthorityCode: '047' }],
      locationIds: [LOC],
      openingHours: [
        { day: 'MO', opensAt: '09:00', closesAt: '12:00' },
        { day: 'MO', opensAt: '13:00', closesAt: '17:00' },
        { day: 'SA', opensAt: '10:00', closesAt: '24:00' },
      ],
      contacts: [{ name: 'Mere', title: 'Manager', email: 'mere@example.org.nz', phones: [{ number: '021 123 4567' }] }],
      phones: [{ number: '0800 123 456', type: 'voice', description: 'Free to call' }, { number: '4202', type: 'text' }],
    }
    const r = ZUpdateServiceListingInput.parse(full)
    expect(r).toMatchObject({ ...full, expectedUpdatedAt: new Date(AT) })
  })

  it('lets null clear what may be empty', () => {
    const r = ZUpdateServiceListingInput.parse({
      ...ok,
      alternateName: null,
      url: null,
      email: null,
      minimumAge: null,
      maximumAge: null,
      eligibilityDescription: null,
    })
    expect(r).toMatchObject({ alternateName: null, url: null, email: null, minimumAge: null, maximumAge: null })
  })

  it.each([
    // [case, patch, field, message]
    ['missing version', { expectedUpdatedAt: undefined }, 'expectedUpdatedAt', /expectedUpdatedAt is required/],
    ['version not a date', { expectedUpdatedAt: 'yesterday' }, 'expectedUpdatedAt', /ISO 8601/],
    ['version without offset', { expectedUpdatedAt: '2026-11-22T20:00:00' }, 'expectedUpdatedAt', /ISO 8601/],
    ['bad id', { serviceId: 'abc' }, 'serviceId', /serviceId must be a UUID/],
    ['blank name', { name: '   ' }, 'name', /name must not be blank/],
    ['null name', { name: null }, 'name', /name cannot be cleared/],
    ['long name', { name: 'x'.repeat(201) }, 'name', /name must be at most 200 characters/],
    ['null description', { description: null }, 'description', /description cannot be cleared/],
    ['long description', { description: 'x'.repeat(4001) }, 'description', /at most 4000/],
    ['url without scheme', { url: 'example.nz' }, 'url', /url must be a web address/],
    ['javascript url', { url: 'javascript:alert(1)' }, 'url', /url must be a web address/],
    ['ftp url', { url: 'ftp://example.nz/file' }, 'url', /url must be a web address/],
    ['bad email', { email: 'not-an-email' }, 'email', /email must be an email address/],
    ['unknown status', { status: 'OPEN' }, 'status', /status must be one of ACTIVE, INACTIVE, DEFUNCT or TEMPORARILY_CLOSED/],
    ['unknown capacity', { capacityStatus: 'FULL' }, 'capacityStatus', /ACCEPTING, WAITLIST or NO_CAPACITY/],
    ['age negative', { minimumAge: -1 }, 'minimumAge', /minimumAge must be a whole number from 0 to 120/],
    ['age too old', { maximumAge: 121 }, 'maximumAge', /maximumAge must be a whole number from 0 to 120/],
    ['age fraction', { minimumAge: 2.5 }, 'minimumAge', /whole number/],
    ['age as text', { minimumAge: '18' }, 'minimumAge', /whole number/],
    ['min above max', { minimumAge: 18, maximumAge: 12 }, 'maximumAge', /maximumAge must be at least minimumAge \(18\)/],
    ['freeOfCharge text', { freeOfCharge: 'yes' }, 'freeOfCharge', /freeOfCharge must be true or false/],
    ['no delivery mode', { deliveryModes: [] }, 'deliveryModes', /deliveryModes must name at least one delivery mode/],
    ['unknown delivery mode', { deliveryModes: ['PHONE', 'CARRIER_PIGEON'] }, 'deliveryModes.1', /deliveryModes must be one of IN_PERSON, PHONE, ONLINE or OUTREACH/],
    ['repeated delivery mode', { deliveryModes: ['PHONE', 'PHONE'] }, 'deliveryModes.1', /same delivery mode twice/],
    ['unknown cultural focus', { culturalFocus: ['MAORI'] }, 'culturalFocus.0', /KAUPAPA_MAORI, PACIFIC or ETHNIC_COMMUNITIES/],
    ['unknown language', { languages: ['en', 'klingon'] }, 'languages.1', /languages must be ISO 639 codes/],
    ['language name not code', { languages: ['English'] }, 'languages.0', /ISO 639/],
    ['language three-letter for two', { languages: ['mri'] }, 'languages.0', /ISO 639/],
    ['repeated language, case apart', { languages: ['mi', 'MI'] }, 'languages.1', /same language twice/],
    ['no category', { categoryCodes: [] }, 'categoryCodes', /at least one category/],
    ['unknown category', { categoryCodes: ['food', 'astrology'] }, 'categoryCodes.1', /categoryCodes must be service category codes/],
    ['too many categories', { categoryCodes: Array(11).fill('food') }, 'categoryCodes', /at most 10/],
    ['region 10 does not exist', { serviceAreas: [{ regionCode: '10' }] }, 'serviceAreas.0.regionCode', /01 to 09 or 12 to 18/],
    ['region as name', { serviceAreas: [{ regionCode: 'Wellington' }] }, 'serviceAreas.0.regionCode', /region code/],
    ['TA out of range', { serviceAreas: [{ territorialAuthorityCode: '077' }] }, 'serviceAreas.0.territorialAuthorityCode', /001 to 076/],
    ['TA zero', { serviceAreas: [{ territorialAuthorityCode: '000' }] }, 'serviceAreas.0.territorialAuthorityCode', /001 to 076/],
    ['TA two digits', { serviceAreas: [{ territorialAuthorityCode: '47' }] }, 'serviceAreas.0.territorialAuthorityCode', /001 to 076/],
    ['area naming both', { serviceAreas: [{ regionCode: '09', territorialAuthorityCode: '047' }] }, 'serviceAreas.0.regionCode', /exactly one/],
    ['area naming neither', { serviceAreas: [{}] }, 'serviceAreas.0.regionCode', /exactly one/],
    ['repeated area', { serviceAreas: [{ regionCode: '09' }, { regionCode: '09' }] }, 'serviceAreas.1', /same area twice/],
    ['nationwide with areas', { nationwide: true, serviceAreas: [{ regionCode: '09' }] }, 'serviceAreas', /nationwide/],
    ['bad location id', { locationIds: ['nope'] }, 'locationIds.0', /locationIds must be a UUID/],
    ['hours not a list', { openingHours: { MO: '9-5' } }, 'openingHours', /openingHours must be a list/],
    ['unknown day', { openingHours: [{ day: 'MON', opensAt: '09:00', closesAt: '17:00' }] }, 'openingHours.0.day', /day must be one of MO, TU, WE, TH, FR, SA or SU/],
    ['time without colon', { openingHours: [{ day: 'MO', opensAt: '0900', closesAt: '17:00' }] }, 'openingHours.0.opensAt', /opensAt must be a time as HH:MM/],
    ['time 25:00', { openingHours: [{ day: 'MO', opensAt: '09:00', closesAt: '25:00' }] }, 'openingHours.0.closesAt', /closesAt must be a time as HH:MM/],
    ['opens at 24:00', { openingHours: [{ day: 'MO', opensAt: '24:00', closesAt: '24:00' }] }, 'openingHours.0.opensAt', /HH:MM/],
    ['minute 60', { openingHours: [{ day: 'MO', opensAt: '09:60', closesAt: '17:00' }] }, 'openingHours.0.opensAt', /HH:MM/],
    ['am/pm', { openingHours: [{ day: 'MO', opensAt: '9am', closesAt: '5pm' }] }, 'openingHours.0.opensAt', /HH:MM/],
    ['closes before opening', { openingHours: [{ day: 'TU', opensAt: '17:00', closesAt: '09:00' }] }, 'openingHours.0.closesAt', /closesAt must be after opensAt \(17:00\)/],
    ['closes as it opens', { openingHours: [{ day: 'TU', opensAt: '09:00', closesAt: '09:00' }] }, 'openingHours.0.closesAt', /after opensAt/],
    [
      'overlap on one day',
      { openingHours: [{ day: 'WE', opensAt: '09:00', closesAt: '13:00' }, { day: 'TH', opensAt: '09:00', closesAt: '13:00' }, { day: 'WE', opensAt: '12:30', closesAt: '17:00' }] },
      'openingHours.2.opensAt',
      /overlaps another interval on WE/,
    ],
    [
      'same interval twice',
      { openingHours: [{ day: 'FR', opensAt: '09:00', closesAt: '17:00' }, { day: 'FR', opensAt: '09:00', closesAt: '17:00' }] },
      'openingHours.1.opensAt',
      /overlaps/,
    ],
    [
      'one inside another',
      { openingHours: [{ day: 'FR', opensAt: '08:00', closesAt: '18:00' }, { day: 'FR', opensAt: '10:00', closesAt: '11:00' }] },
      'openingHours.1.opensAt',
      /overlaps/,
    ],
    ['phone junk', { phones: [{ number: 'call us' }] }, 'phones.0.number', /number must be a New Zealand phone number/],
    ['phone missing', { phones: [{ description: 'Reception' }] }, 'phones.0.number', /number is required/],
    ['phone bad type', { phones: [{ number: '04 123 4567', type: 'mobile' }] }, 'phones.0.type', /type must be one of voice, cell/],
    ['phone bad extension', { phones: [{ number: '04 123 4567', extension: 'ext 12' }] }, 'phones.0.extension', /extension must be 1 to 6 digits/],
    ['text short code as voice', { phones: [{ number: '4202', type: 'voice' }] }, 'phones.0.number', /New Zealand phone number/],
    ['contact with nothing', { contacts: [{}] }, 'contacts.0.name', /a contact needs a name, title, department, email or phone/],
    ['contact bad email', { contacts: [{ name: 'Mere', email: 'mere@' }] }, 'contacts.0.email', /email must be an email address/],
    ['contact phone junk', { contacts: [{ name: 'Mere', phones: [{ number: '12345' }] }] }, 'contacts.0.phones.0.number', /New Zealand phone number/],
    ['cost option empty', { costOptions: [{}] }, 'costOptions.0.option', /cost option needs/],
    ['cost negative', { costOptions: [{ amountCents: -500 }] }, 'costOptions.0.amountCents', /must not be negative/],
    ['cost in dollars', { costOptions: [{ amountCents: 12.5 }] }, 'costOptions.0.amountCents', /whole number of cents/],
  ])('%s: names %s', (_case, patch, field, message) => {
    const f = failure(ZUpdateServiceListingInput, { ...ok, ...patch })
    expect(f.field).toBe(field)
    expect(f.message).toMatch(message)
    expect(f.message.startsWith(`${field}: `)).toBe(true)
  })

  it('the REST body is the same schema without the id from the path', () => {
    expect(Object.keys(ZUpdateServiceListingBody.shape).sort()).toEqual(
      Object.keys(ZUpdateServiceListingInput.shape).filter((k) => k !== 'serviceId').sort(),
    )
    expect(failure(ZUpdateServiceListingBody, { expectedUpdatedAt: AT, minimumAge: 30, maximumAge: 20 }).field).toBe('maximumAge')
  })
})

describe('New Zealand phone numbers', () => {
  const phone = (number: string, type?: string) =>
    ZUpdateServiceListingInput.safeParse({ serviceId: SERVICE, expectedUpdatedAt: AT, phones: [{ number, ...(type ? { type } : {}) }] }).success

  it.each([
    ['04 123 4567', 'Wellington landline'],
    ['(04) 123 4567', 'bracketed area code'],
    ['04-123-4567', 'dashes'],
    ['03 477 1234', 'Dunedin'],
    ['06 355 1234', 'Palmerston North'],
    ['07 838 1234', 'Hamilton'],
    ['09 302 1234', 'Auckland'],
    ['021 123 4567', 'mobile 021'],
    ['021 123 456', 'older 9-digit 021'],
    ['022 123 4567', 'mobile 022'],
    ['027 555 0123', 'mobile 027'],
    ['020 1234 5678', 'mobile 020, long'],
    ['029 123 4567', 'mobile 029'],
    ['0800 123 456', 'freephone 0800'],
    ['0800 1234 567', 'freephone 0800, seven digits'],
    ['0508 326 459', 'freephone 0508'],
    ['+64 4 123 4567', 'international landline'],
    ['+64 (0)4 123 4567', 'international with (0)'],
    ['+6421 123 4567', 'international mobile'],
    ['+64 800 123 456', 'international freephone'],
    ['105', 'Police non-emergency short code'],
    ['1737', 'Need to talk? short code'],
  ])('accepts %s (%s)', (n) => expect(phone(n)).toBe(true))

  it.each([
    ['', 'empty'],
    ['555', 'short code not starting 1'],
    ['4202', 'a four-digit text code used as voice'],
    ['12345', 'five digits'],
    ['04 123 456', 'landline a digit short'],
    ['04 123 45678', 'landline a digit long'],
    ['05 123 4567', '05 is not an area code'],
    ['08 123 4567', '08 is not an area code'],
    ['01 123 4567', '01 is not an area code'],
    ['0900 123 456', '0900 premium rate'],
    ['0800 12 345', 'freephone too short'],
    ['021 12 34', 'mobile too short'],
    ['+61 2 9123 4567', 'Australian'],
    ['+64 0 4 123 4567', 'international with a stray 0'],
    ['0064 4 123 4567', 'international with 00 (use +64)'],
    ['ring 04 123 4567', 'words'],
    ['04 123 4567 ext 2', 'extension in the number'],
    ['4 123 4567', 'no leading 0'],
    ['0000000000', 'zeros'],
  ])('refuses %j (%s)', (n) => expect(phone(n)).toBe(false))

  it('takes a four-digit short code as a text line', () => expect(phone('4202', 'text')).toBe(true))
})

describe('ZCreateServiceListingInput', () => {
  const ok = {
    organisationId: ORG,
    expectedUpdatedAt: AT,
    name: 'Kai parcels',
    description: 'Food parcels for whānau in Porirua.',
    categoryCodes: ['food'],
    deliveryModes: ['IN_PERSON'],
  }

  it('needs a name, description, categories and delivery modes', () => {
    expect(ZCreateServiceListingInput.parse(ok)).toMatchObject({ ...ok, expectedUpdatedAt: new Date(AT) })
  })

  it.each([
    ['organisationId', { organisationId: undefined }, /organisationId is required/],
    ['name', { name: undefined }, /name is required/],
    ['description', { description: '' }, /description must not be blank/],
    ['categoryCodes', { categoryCodes: undefined }, /categoryCodes is required/],
    ['deliveryModes', { deliveryModes: undefined }, /deliveryModes is required/],
    ['expectedUpdatedAt', { expectedUpdatedAt: undefined }, /expectedUpdatedAt is required/],
    ['maximumAge', { minimumAge: 65, maximumAge: 18 }, /at least minimumAge \(65\)/],
  ])('names %s', (field, patch, message) => {
    const f = failure(ZCreateServiceListingInput, { ...ok, ...patch })
    expect(f.field).toBe(field)
    expect(f.message).toMatch(message)
  })
})

describe('ZUpdateOrganisationListingInput', () => {
  const ok = { organisationId: ORG, expectedUpdatedAt: AT }

  it('accepts every field', () => {
    const full = {
      ...ok,
      name: 'Te Whare Āwhina',
      alternateName: 'TWA',
      description: 'Whānau support in Porirua',
      email: 'kia.ora@twa.org.nz',
      website: 'https://twa.org.nz',
      phones: [{ number: '04 237 1234', type: 'voice', description: 'Reception' }],
      contacts: [{ name: 'Aroha', title: 'Kaiwhakahaere' }],
    }
    expect(ZUpdateOrganisationListingInput.parse(full)).toMatchObject({ ...full, expectedUpdatedAt: new Date(AT) })
  })

  it.each([
    ['organisationId', { organisationId: 'x' }, /organisationId must be a UUID/],
    ['name', { name: '' }, /name must not be blank/],
    ['website', { website: 'twa.org.nz' }, /website must be a web address/],
    ['website', { website: 'http://localhost:3000' }, /website must be a web address/],
    ['email', { email: 'kia ora@twa' }, /email must be an email address/],
    ['phones.0.number', { phones: [{ number: '555-1234' }] }, /New Zealand phone number/],
    ['contacts.0.phones.0.number', { contacts: [{ name: 'A', phones: [{ number: 'x' }] }] }, /New Zealand/],
    ['phones', { phones: Array(21).fill({ number: '04 123 4567' }) }, /phones can list at most 20/],
  ])('names %s', (field, patch, message) => {
    const f = failure(ZUpdateOrganisationListingInput, { ...ok, ...patch })
    expect(f.field).toBe(field)
    expect(f.message).toMatch(message)
  })
})

describe('ZUpdateLocationInput', () => {
  const ok = { locationId: LOC, expectedUpdatedAt: AT }

  it.each([
    ['Wellington', -41.2865, 174.7762],
    ['Cape Reinga', -34.43, 172.68],
    ['Stewart Island', -46.9, 168.1],
    ['Chatham Islands', -43.95, -176.56],
    ['Campbell Island', -52.55, 169.15],
    ['Raoul Island (Kermadecs)', -29.27, 177.9],
  ])('takes a pin in %s', (_place, latitude, longitude) => {
    expect(ZUpdateLocationInput.safeParse({ ...ok, latitude, longitude }).success).toBe(true)
  })

  it('accepts an address, accessibility, hours and phones, and clears a pin with both null', () => {
    const r = ZUpdateLocationInput.parse({
      ...ok,
      name: 'Porirua hub',
      addressLine1: '1 Cobham Court',
      suburb: 'Porirua Central',
      city: 'Porirua',
      postcode: '5022',
      regionCode: '09',
      territorialAuthorityCode: '047',
      accessibility: 'Step-free entrance; accessible toilet; hearing loop.',
      openingHours: [{ day: 'MO', opensAt: '08:30', closesAt: '17:00' }],
      phones: [{ number: '04 237 1234' }],
      languages: ['en', 'mi'],
      latitude: null,
      longitude: null,
    })
    expect(r).toMatchObject({ postcode: '5022', latitude: null, longitude: null, accessibility: expect.stringContaining('hearing loop') })
  })

  it.each([
    ['Sydney', -33.87, 151.21, 'longitude', /longitude must be in New Zealand/],
    ['Fiji', -18.1, 178.4, 'latitude', /latitude must be in New Zealand: -53 to -29/],
    ['Antarctica', -77.8, 166.7, 'latitude', /latitude must be in New Zealand/],
    ['lat and lng swapped', 174.7762, -41.2865, 'latitude', /latitude/],
    ['Tonga (east of the dateline, north)', -21.1, -175.2, 'latitude', /latitude/],
    ['east of the Chathams', -44, -175.5, 'longitude', /Chatham Islands/],
    ['the antimeridian itself', -44, 180, 'longitude', /longitude/],
  ])('refuses a pin in %s', (_place, latitude, longitude, field, message) => {
    const f = failure(ZUpdateLocationInput, { ...ok, latitude, longitude })
    expect(f.field).toBe(field)
    expect(f.message).toMatch(message)
  })

  it.each([
    ['latitude without longitude', { latitude: -41.3 }, 'longitude', /longitude is required with latitude/],
    ['longitude without latitude', { longitude: 174.8 }, 'latitude', /latitude is required with longitude/],
    ['clearing one only', { latitude: null, longitude: 174.8 }, 'longitude', /cleared with latitude/],
    ['latitude as text', { latitude: '-41.3', longitude: 174.8 }, 'latitude', /latitude must be a number/],
    ['postcode letters', { postcode: 'WN5022' }, 'postcode', /postcode must be four digits/],
    ['postcode short', { postcode: '502' }, 'postcode', /four digits/],
    ['region 19', { regionCode: '19' }, 'regionCode', /region code/],
    ['region cleared', { regionCode: null }, 'regionCode', /regionCode cannot be cleared/],
    ['TA letters', { territorialAuthorityCode: 'POR' }, 'territorialAuthorityCode', /001 to 076/],
    ['hours overlap', { openingHours: [{ day: 'SA', opensAt: '10:00', closesAt: '14:00' }, { day: 'SA', opensAt: '13:59', closesAt: '15:00' }] }, 'openingHours.1.opensAt', /overlaps/],
    ['accessibility too long', { accessibility: 'x'.repeat(2001) }, 'accessibility', /at most 2000/],
    ['unknown language', { languages: ['xx'] }, 'languages.0', /ISO 639/],
  ])('%s: names %s', (_case, patch, field, message) => {
    const f = failure(ZUpdateLocationInput, { ...ok, ...patch })
    expect(f.field).toBe(field)
    expect(f.message).toMatch(message)
  })

  it('back-to-back hours on one day do not overlap', () => {
    const r = ZUpdateLocationBody.safeParse({
      expectedUpdatedAt: AT,
      openingHours: [
        { day: 'SA', opensAt: '10:00', closesAt: '13:00' },
        { day: 'SA', opensAt: '13:00', closesAt: '15:00' },
      ],
    })
    expect(r.success).toBe(true)
  })
})

describe('ZVerifyListingInput and ZFindListingChangesInput', () => {
  it('verifies every service when serviceIds is left out', () => {
    expect(ZVerifyListingInput.parse({ organisationId: ORG, expectedUpdatedAt: AT })).toEqual({
      organisationId: ORG,
      expectedUpdatedAt: new Date(AT),
    })
  })

  it.each([
    [{ organisationId: ORG }, 'expectedUpdatedAt'],
    [{ organisationId: ORG, expectedUpdatedAt: AT, serviceIds: ['x'] }, 'serviceIds.0'],
    [{ organisationId: ORG, expectedUpdatedAt: AT, serviceIds: [SERVICE, SERVICE] }, 'serviceIds.1'],
  ])('names the field (%j)', (input, field) => {
    expect(failure(ZVerifyListingInput, input).field).toBe(field)
  })

  it('pages changes 20 at a time by default, at most 100', () => {
    expect(ZFindListingChangesInput.parse({ organisationId: ORG })).toEqual({ organisationId: ORG, first: 20 })
    expect(failure(ZFindListingChangesInput, { organisationId: ORG, first: 101 }).field).toBe('first')
  })
})

describe('rules a patch merged with the stored listing must meet', () => {
  it.each([
    [null, null, null],
    [0, 120, null],
    [18, 18, null],
    [undefined, 5, null],
    [18, 17, 'maximumAge must be at least minimumAge (18)'],
  ])('ages %s to %s', (min, max, problem) => expect(ageRangeProblem(min, max)).toBe(problem))

  it.each([
    [true, 0, false],
    [false, 3, false],
    [undefined, 3, false],
    [true, 1, true],
  ])('nationwide %s with %s areas: problem %s', (nationwide, count, problem) =>
    expect(serviceAreaProblem(nationwide, count) !== null).toBe(problem))
})
