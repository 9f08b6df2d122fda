import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { REFERRAL_EVENT_TYPES } from '../referrals/referral-enums'
import {
  MESSAGE_LANGUAGES,
  PERSON_MESSAGE_STATUSES,
  PROVIDER_NAME_MAX,
  decidePersonMessage,
  personMessageStatusOf,
  personStatusMessage,
} from './status-messages'

const PROVIDER = 'Te Aro Food Bank'

describe('personStatusMessage', () => {
  const cells = MESSAGE_LANGUAGES.flatMap((language) =>
    PERSON_MESSAGE_STATUSES.flatMap((status) => (['EMAIL', 'SMS'] as const).map((channel) => ({ language, status, channel }))),
  )

  it.each(cells)('$language $status $channel: names the provider and nothing else', ({ language, status, channel }) => {
    const m = personStatusMessage({ language, status, channel, providerName: PROVIDER })
    expect(m.text).toContain(PROVIDER)
    // Nothing but the template's words and the provider: no digits (no reference, no date, no
    // phone number), no link, no address.
    expect(m.text.replace(PROVIDER, '')).not.toMatch(/\d|https?:|www\.|@/)
    expect(m.text.length).toBeLessThanOrEqual(160)
    expect(m.subject === null).toBe(channel === 'SMS')
  })

  it('each language has its own words for every status', () => {
    for (const status of PERSON_MESSAGE_STATUSES) {
      const en = personStatusMessage({ language: 'EN', status, channel: 'SMS', providerName: PROVIDER }).text
      const mi = personStatusMessage({ language: 'MI', status, channel: 'SMS', providerName: PROVIDER }).text
      expect(en).not.toBe(mi)
    }
    expect(personStatusMessage({ language: 'MI', status: 'ACCEPTED', channel: 'EMAIL', providerName: PROVIDER })).toMatchObject({
      subject: 'He kōrero hou mō tō tono',
      text: expect.stringContaining('Kua whakaae'),
    })
  })

  it('the text is the template with the provider put in: any name, and only that name, varies it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PERSON_MESSAGE_STATUSES),
        fc.constantFrom(...MESSAGE_LANGUAGES),
        fc.string({ minLength: 1, maxLength: 200 }),
        (status, language, name) => {
          const a = personStatusMessage({ status, language, channel: 'SMS', providerName: name }).text
          const b = personStatusMessage({ status, language, channel: 'SMS', providerName: PROVIDER }).text
          const template = b.replace(PROVIDER, '{p}')
          const [before, after] = template.split('{p}') as [string, string]
          expect(a.startsWith(before) && a.endsWith(after)).toBe(true)
          const inserted = a.slice(before.length, a.length - after.length)
          expect(inserted.length).toBeLessThanOrEqual(PROVIDER_NAME_MAX)
          expect(inserted).not.toMatch(/\p{Cc}/u)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('personMessageStatusOf', () => {
  it.each([
    ['SENT', 'SENT'],
    ['ACCEPTED', 'ACCEPTED'],
    ['DECLINED', 'DECLINED'],
    ['REDIRECTED', 'REDIRECTED'],
    ['COMPLETED', 'CLOSED'],
    ['FAILED', 'CLOSED'],
    ['CANCELLED', 'CLOSED'],
  ] as const)('%s -> %s', (event, status) => expect(personMessageStatusOf(event)).toBe(status))
  it('every other event says nothing to the person', () => {
    const told = REFERRAL_EVENT_TYPES.filter((e) => personMessageStatusOf(e) !== null)
    expect(told.sort()).toEqual(['ACCEPTED', 'CANCELLED', 'COMPLETED', 'DECLINED', 'FAILED', 'REDIRECTED', 'SENT'])
  })
})

describe('decidePersonMessage', () => {
  const now = new Date('2026-11-24T00:00:00Z')
  const person = { statusChannel: 'SMS' as const, email: 'aroha@example.nz', phone: '027 555 0101' }
  const live = { withdrawnAt: null, expiresAt: null }
  it.each([
    ['chose SMS, consent live', person, live, { send: true, channel: 'SMS', to: '027 555 0101' }],
    ['chose email', { ...person, statusChannel: 'EMAIL' as const }, live, { send: true, channel: 'EMAIL', to: 'aroha@example.nz' }],
    ['chose nothing', { ...person, statusChannel: 'NONE' as const }, live, { send: false, reason: 'NO_CHANNEL' }],
    ['consent withdrawn', person, { withdrawnAt: now, expiresAt: null }, { send: false, reason: 'CONSENT_NOT_CURRENT' }],
    ['consent expired', person, { withdrawnAt: null, expiresAt: now }, { send: false, reason: 'CONSENT_NOT_CURRENT' }],
    ['no phone', { ...person, phone: null }, live, { send: false, reason: 'NO_CONTACT_DETAIL' }],
  ] as const)('%s', (_n, p, c, expected) => expect(decidePersonMessage(p, c, now)).toEqual(expected))
})
