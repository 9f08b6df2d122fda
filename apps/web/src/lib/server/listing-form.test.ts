import { describe, expect, it } from 'vitest'
import {
  checkLocation,
  checkNewService,
  checkOrganisation,
  checkService,
  contactRows,
  hoursRows,
  inputIdOfApiField,
  locationValues,
  organisationValues,
  serviceValues,
} from './listing-form'

const SERVICE_ID = '01900000-0000-7000-8000-0000000000c1'
const ORG_ID = '01900000-0000-7000-8000-0000000000a1'
const LOCATION_ID = '01900000-0000-7000-8000-0000000000b1'
const READ_AT = '2026-05-01T02:03:04.000Z'

/** A service form as the editor posts it, with these fields changed. */
function serviceForm(changes: Record<string, string | string[]> = {}): FormData {
  const fields: Record<string, string | string[]> = {
    expectedUpdatedAt: READ_AT,
    name: 'Pātaka Kai',
    description: 'Food parcels for whānau.',
    status: 'ACTIVE',
    capacityStatus: 'ACCEPTING',
    eligibilityDescription: '',
    minimumAge: '',
    maximumAge: '',
    feesDescription: '',
    applicationProcess: 'Walk in.',
    url: '',
    email: '',
    categoryCodes: ['food'],
    deliveryModes: ['IN_PERSON'],
    culturalFocus: [],
    languages: ['en', 'mi'],
    languagesOther: '',
    nationwide: [],
    regionCodes: ['09'],
    locationIds: [LOCATION_ID],
    'hours-MO-0-opensAt': '09:00',
    'hours-MO-0-closesAt': '17:00',
    'hours-MO-1-opensAt': '',
    'hours-MO-1-closesAt': '',
    'hours-TU-0-opensAt': '09:00',
    'hours-TU-0-closesAt': '12:00',
    'hours-TU-1-opensAt': '13:00',
    'hours-TU-1-closesAt': '16:00',
    'phones-0-number': '04 123 4567',
    'phones-0-type': 'voice',
    'phones-0-description': '',
    'phones-0-extension': '',
    'phones-1-number': '',
    'phones-1-type': '',
    'phones-1-description': '',
    'phones-1-extension': '',
    'contacts-0-name': '',
    'contacts-0-title': '',
    'contacts-0-department': '',
    'contacts-0-email': '',
    'contacts-0-phones-0-number': '',
    ...changes,
  }
  const form = new FormData()
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(key, v)
  return form
}

describe('the service form', () => {
  it('turns what was typed into the whole patch, skipping blank rows', () => {
    const { input, errors, messages } = checkService(SERVICE_ID, serviceValues(serviceForm()))
    expect(errors).toEqual({})
    expect(messages).toEqual([])
    expect(input).toMatchObject({
      serviceId: SERVICE_ID,
      name: 'Pātaka Kai',
      capacityStatus: 'ACCEPTING',
      minimumAge: null,
      freeOfCharge: false,
      categoryCodes: ['food'],
      languages: ['en', 'mi'],
      nationwide: false,
      serviceAreas: [{ regionCode: '09' }],
      locationIds: [LOCATION_ID],
      openingHours: [
        { day: 'MO', opensAt: '09:00', closesAt: '17:00' },
        { day: 'TU', opensAt: '09:00', closesAt: '12:00' },
        { day: 'TU', opensAt: '13:00', closesAt: '16:00' },
      ],
      phones: [{ number: '04 123 4567', type: 'voice', description: null, extension: null }],
      contacts: [],
      eligibilityDescription: null,
    })
    expect(new Date(input.expectedUpdatedAt).toISOString()).toBe(READ_AT)
  })

  it('keeps a third opening on a day that already had one', () => {
    const { input } = checkService(SERVICE_ID, serviceValues(serviceForm({ 'hours-TU-2-opensAt': '17:00', 'hours-TU-2-closesAt': '19:00' })))
    expect(input.openingHours?.filter((o) => o.day === 'TU')).toHaveLength(3)
  })

  it('says when a day closes before it opens, beside that closing time', () => {
    const { errors } = checkService(SERVICE_ID, serviceValues(serviceForm({ 'hours-MO-0-opensAt': '17:00', 'hours-MO-0-closesAt': '09:00' })))
    expect(errors).toEqual({ 'hours-MO-0-closesAt': 'Monday: closing time must be after opening time' })
  })

  it('wants both times of an opening, and real times', () => {
    const { errors } = checkService(
      SERVICE_ID,
      serviceValues(serviceForm({ 'hours-MO-0-closesAt': '', 'hours-TU-0-opensAt': '9am' })),
    )
    expect(errors).toEqual({
      'hours-MO-0-closesAt': 'Enter both an opening and a closing time, or leave the day blank',
      'hours-TU-0-opensAt': 'Enter a time like 8:30 am (08:30), or leave the day blank',
    })
  })

  it('finds overlapping hours through the API schema and points at the later one', () => {
    const { errors } = checkService(SERVICE_ID, serviceValues(serviceForm({ 'hours-TU-1-opensAt': '11:00' })))
    expect(Object.keys(errors)).toEqual(['hours-TU-1-opensAt'])
  })

  it('lists every problem at once, each beside its field', () => {
    const { errors } = checkService(
      SERVICE_ID,
      serviceValues(
        serviceForm({
          name: '',
          minimumAge: '18',
          maximumAge: '12',
          categoryCodes: [],
          deliveryModes: [],
          regionCodes: [],
          'phones-0-number': '12345',
          email: 'not-an-email',
          url: 'javascript:alert(1)',
        }),
      ),
    )
    expect(errors).toEqual({
      name: 'Enter a name',
      maximumAge: 'The oldest age must not be less than the youngest',
      'categoryCodes-group': 'Choose at least one category',
      'deliveryModes-group': 'Choose at least one way the service is delivered',
      nationwide: 'Tick at least one region, or anywhere in New Zealand',
      'phones-0-number': 'Enter a New Zealand phone number, like 04 123 4567, or leave it blank',
      email: 'Enter an email address, like name@example.nz, or leave it blank',
      url: 'Enter a web address starting https://, or leave it blank',
    })
  })

  it('says an age must be a whole number', () => {
    expect(checkService(SERVICE_ID, serviceValues(serviceForm({ minimumAge: 'ten' }))).errors).toEqual({
      minimumAge: 'Enter an age in whole years from 0 to 120, or leave it blank',
    })
  })

  it('takes other languages by code and refuses ones the directory does not know', () => {
    const ok = checkService(SERVICE_ID, serviceValues(serviceForm({ languagesOther: 'fj, HI' })))
    expect(ok.input.languages).toEqual(['en', 'mi', 'fj', 'hi'])
    const bad = checkService(SERVICE_ID, serviceValues(serviceForm({ languagesOther: 'english' })))
    expect(bad.errors).toEqual({ 'languages-group': 'Choose languages from the list' })
  })

  it('sends no areas for a nationwide service, and keeps district areas it does not show', () => {
    const nationwide = checkService(SERVICE_ID, serviceValues(serviceForm({ nationwide: 'on' })))
    expect(nationwide.errors).toEqual({})
    expect(nationwide.input.serviceAreas).toEqual([])
    const districts = checkService(SERVICE_ID, serviceValues(serviceForm({ territorialAuthorityCodes: ['047'] })))
    expect(districts.input.serviceAreas).toEqual([{ regionCode: '09' }, { territorialAuthorityCode: '047' }])
  })
})

describe('a new service', () => {
  it('is created for the organisation, at the organisation’s version, with what the API requires', () => {
    const ok = checkNewService(ORG_ID, serviceValues(serviceForm()))
    expect(ok.errors).toEqual({})
    expect(ok.input).toMatchObject({ organisationId: ORG_ID, name: 'Pātaka Kai', categoryCodes: ['food'], deliveryModes: ['IN_PERSON'] })
    expect(ok.input).not.toHaveProperty('serviceId')
    const bad = checkNewService(ORG_ID, serviceValues(serviceForm({ name: '', description: '', categoryCodes: [] })))
    expect(Object.keys(bad.errors)).toEqual(['name', 'description', 'categoryCodes-group'])
  })
})

describe('API fields to inputs', () => {
  it('maps an interval, a phone row and a contact phone back to what the form showed', () => {
    const { maps } = checkService(
      SERVICE_ID,
      serviceValues(serviceForm({ 'phones-0-number': '', 'phones-1-number': '021 555 0199', 'contacts-0-name': 'Mere', 'contacts-0-phones-0-number': '04 123 4567' })),
    )
    expect(inputIdOfApiField('openingHours.2.closesAt', maps)).toBe('hours-TU-1-closesAt')
    expect(inputIdOfApiField('phones.0.number', maps)).toBe('phones-1-number')
    expect(inputIdOfApiField('contacts.0.phones.0.number', maps)).toBe('contacts-0-phones-0-number')
    expect(inputIdOfApiField('categoryCodes.0', maps)).toBe('categoryCodes-group')
    expect(inputIdOfApiField('expectedUpdatedAt', maps, (id) => id !== 'expectedUpdatedAt')).toBeNull()
    expect(inputIdOfApiField(null, maps)).toBeNull()
  })
})

describe('rows the editor shows', () => {
  it('puts each day’s openings in its slots, with blanks to fill', () => {
    const rows = hoursRows([
      { day: 'MO', opensAt: '09:00', closesAt: '17:00' },
      { day: 'TU', opensAt: '13:00', closesAt: '16:00' },
      { day: 'TU', opensAt: '09:00', closesAt: '12:00' },
    ])
    expect(rows.MO).toEqual([
      { opensAt: '09:00', closesAt: '17:00' },
      { opensAt: '', closesAt: '' },
    ])
    expect(rows.TU).toHaveLength(2)
    expect(rows.SU).toEqual([
      { opensAt: '', closesAt: '' },
      { opensAt: '', closesAt: '' },
    ])
  })

  it('offers a blank contact and phone beside those listed', () => {
    const rows = contactRows([{ name: 'Mere', title: null, department: null, email: null, phones: [{ number: '04 123 4567', extension: null, type: 'voice', description: null }] }])
    expect(rows).toHaveLength(2)
    expect(rows[0]!.phones).toHaveLength(2)
    expect(rows[1]).toMatchObject({ name: '', phones: [{ number: '' }] })
  })
})

describe('the organisation form', () => {
  it('clears what was emptied and checks the website', () => {
    const form = new FormData()
    for (const [k, v] of Object.entries({ expectedUpdatedAt: READ_AT, name: 'Te Awa', description: 'Whānau services.', email: '', website: 'te-awa' })) form.append(k, v)
    const { input, errors } = checkOrganisation(ORG_ID, organisationValues(form))
    expect(errors).toEqual({ website: 'Enter a web address starting https://, or leave it blank' })
    expect(input).toMatchObject({ organisationId: ORG_ID, email: null, phones: [], contacts: [] })
  })
})

describe('a location form', () => {
  it('names the field of the location it belongs to', () => {
    const form = new FormData()
    for (const [k, v] of Object.entries({ expectedUpdatedAt: READ_AT, name: 'Main office', addressLine1: '1 Cuba Street', city: 'Wellington', postcode: '60II', regionCode: '09' }))
      form.append(k, v)
    const { input, errors } = checkLocation(LOCATION_ID, locationValues(form))
    expect(errors).toEqual({ [`location-${LOCATION_ID}-postcode`]: 'Enter a four-digit postcode, like 5022, or leave it blank' })
    expect(input).toMatchObject({ locationId: LOCATION_ID, suburb: null, regionCode: '09' })
  })
})
