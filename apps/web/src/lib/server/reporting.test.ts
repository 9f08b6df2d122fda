import { describe, expect, it } from 'vitest'
import {
  checkGrant,
  checkInteraction,
  dollarsToCents,
  formatCents,
  grantValues,
  interactionValues,
  notesCheck,
  nzLocalToIso,
  recordedLate,
  weekOf,
  weekParam,
} from './reporting'

const PERSON = { id: '0b3f1c3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f', givenName: 'Aroha', familyName: 'Ngata' }
const NOW = new Date('2026-11-30T23:00:00.000Z') // Tuesday 1 December, 12:00 NZDT

const formOf = (entries: [string, string][]) => {
  const f = new FormData()
  for (const [k, v] of entries) f.append(k, v)
  return f
}

describe('dollarsToCents', () => {
  it('turns typed dollars into integer cents without floating point', () => {
    expect(dollarsToCents('120')).toBe(12_000)
    expect(dollarsToCents('45.5')).toBe(4_550)
    expect(dollarsToCents('$1,200.05')).toBe(120_005)
    expect(dollarsToCents('0.29')).toBe(29)
  })
  it('refuses anything that is not a positive amount with at most two decimals', () => {
    for (const bad of ['', '0', '-5', '1.234', 'ten', '1e3', '12.']) expect(dollarsToCents(bad), bad).toBeNull()
  })
  it('formats cents as NZ dollars', () => {
    expect(formatCents(12_345)).toBe('$123.45')
  })
})

describe('weeks and times', () => {
  it('names the NZ week an instant falls in and accepts only week ids or Mondays from URLs', () => {
    expect(weekOf(NOW)).toBe('2026-W49')
    expect(weekParam('2026-W48')).toBe('2026-W48')
    expect(weekParam('2026-11-23')).toBe('2026-11-23')
    expect(weekParam('next week')).toBeNull()
    expect(weekParam(null)).toBeNull()
  })
  it('reads datetime-local values as New Zealand time', () => {
    expect(nzLocalToIso('2026-12-01T09:30')).toBe('2026-11-30T20:30:00.000Z')
    expect(nzLocalToIso('yesterday')).toBeNull()
  })
  it('flags a record made after the NZ day of the interaction', () => {
    expect(recordedLate(new Date('2026-11-30T20:30:00.000Z'), NOW)).toBe(false)
    expect(recordedLate(new Date('2026-11-29T20:30:00.000Z'), NOW)).toBe(true)
  })
})

describe('notesCheck', () => {
  it('passes plain notes and empty notes', () => {
    expect(notesCheck('Talked through food support options and a budgeting service.', PERSON)).toEqual({ ok: true, reasons: [] })
    expect(notesCheck('  ', PERSON).ok).toBe(true)
  })
  it('flags a phone number and the name on record, with the reasons', () => {
    const phone = notesCheck('Call back on 021 555 0199 tomorrow.', PERSON)
    expect(phone.ok).toBe(false)
    expect(phone.reasons.join(' ')).toMatch(/phone/i)
    expect(notesCheck('Aroha needs a food parcel.', PERSON).ok).toBe(false)
  })
})

describe('checkInteraction', () => {
  const base: [string, string][] = [
    ['personId', PERSON.id],
    ['occurredAt', '2026-12-01T09:30'],
    ['method', 'PHONE'],
    ['needCategories', 'food'],
    ['needCategories', 'food'],
    ['outcome', ''],
    ['notes', ' Needs kai support. '],
  ]
  it('builds the API input from the form', () => {
    const { input, errors } = checkInteraction(interactionValues(formOf(base)), NOW)
    expect(errors).toEqual({})
    expect(input).toEqual({
      personId: PERSON.id,
      occurredAt: '2026-11-30T20:30:00.000Z',
      method: 'PHONE',
      needCategories: ['food'],
      notes: 'Needs kai support.',
    })
  })
  it('names every field that is wrong', () => {
    const { input, errors } = checkInteraction(
      interactionValues(formOf([['personId', 'x'], ['occurredAt', '2026-12-09T09:00'], ['method', 'FAX'], ['outcome', 'DONE']])),
      NOW,
    )
    expect(input).toBeNull()
    expect(Object.keys(errors).sort()).toEqual(['method', 'needCategories', 'occurredAt', 'outcome', 'personId'])
  })
})

describe('checkGrant', () => {
  it('sends both Work and Income records with the amount in cents', () => {
    const { input, errors } = checkGrant(
      grantValues(
        formOf([
          ['personId', PERSON.id],
          ['category', 'FOOD'],
          ['amount', '80.50'],
          ['basis', 'workAndIncome'],
          ['cwymgDone', 'yes'],
          ['cwymgOutcome', 'NOT_ELIGIBLE'],
          ['cwymgOn', '2026-11-30'],
          ['caseManagerName', 'Mere Tipene'],
          ['caseManagerOn', '2026-12-01'],
        ]),
      ),
      NOW,
    )
    expect(errors).toEqual({})
    expect(input).toMatchObject({
      personId: PERSON.id,
      category: 'FOOD',
      amountCents: 8_050,
      eligibility: {
        checkWhatYouMightGet: { done: true, outcome: 'NOT_ELIGIBLE', at: expect.any(String) },
        caseManagerConfirmation: { name: 'Mere Tipene', at: expect.any(String) },
      },
    })
  })
  it("takes today's New Zealand date at every hour of the NZ day, and refuses tomorrow's", () => {
    // 2026-12-08 NZDT (UTC+13): 00:30, 09:00 (UTC still the 7th), 11:59, 12:01, 23:59 local.
    for (const utc of ['2026-12-07T11:30:00Z', '2026-12-07T20:00:00Z', '2026-12-07T22:59:00Z', '2026-12-07T23:01:00Z', '2026-12-08T10:59:00Z']) {
      const at = new Date(utc)
      const form = (day: string) =>
        grantValues(
          formOf([
            ['personId', PERSON.id],
            ['category', 'FOOD'],
            ['amount', '20'],
            ['basis', 'workAndIncome'],
            ['cwymgDone', 'yes'],
            ['cwymgOutcome', 'NOT_ELIGIBLE'],
            ['cwymgOn', day],
            ['caseManagerName', 'Mere Tipene'],
            ['caseManagerOn', day],
          ]),
        )
      const today = checkGrant(form('2026-12-08'), at)
      expect(today.errors, utc).toEqual({})
      // Sent as the start of that NZ day: never after the moment it is assessed.
      expect(new Date(today.input!.eligibility.checkWhatYouMightGet!.at).getTime()).toBeLessThanOrEqual(at.getTime())
      expect(Object.keys(checkGrant(form('2026-12-09'), at).errors).sort(), utc).toEqual(['caseManagerOn', 'cwymgOn'])
    }
  })
  it('takes a time-critical imperative instead, and asks for what is missing', () => {
    const ok = checkGrant(grantValues(formOf([['personId', PERSON.id], ['category', 'UTILITY_POWER'], ['amount', '60'], ['basis', 'timeCritical'], ['timeCritical', 'Power disconnection today']])), NOW)
    expect(ok.input?.eligibility).toEqual({ timeCriticalImperative: 'Power disconnection today' })
    const bad = checkGrant(grantValues(formOf([['basis', 'workAndIncome'], ['cwymgOn', '2026-12-25']])), NOW)
    expect(bad.input).toBeNull()
    expect(Object.keys(bad.errors).sort()).toEqual(['amount', 'caseManagerName', 'caseManagerOn', 'category', 'cwymgDone', 'cwymgOn', 'cwymgOutcome', 'personId'])
  })
})
