import { describe, expect, it } from 'vitest'
import { fieldOf } from '../errors'
import { MAX_ALLOCATION_CENTS, MAX_GRANT_CENTS, parseDollars } from './money'
import { ZFundAllocationInput, ZGrantRequestInput } from './schemas'

const PERSON = '01900000-0000-7000-8000-0000000000aa'
const CONNECTOR = '01900000-0000-7000-8000-0000000000bb'
const ok = {
  personId: PERSON,
  category: 'UTILITY_POWER',
  amountCents: 25_000,
  eligibility: {
    checkWhatYouMightGet: { done: true, at: '2026-03-03T09:00:00+13:00', outcome: 'NOT_ELIGIBLE' },
    caseManagerConfirmation: { name: ' Sina Faleolo ', at: '2026-03-03T10:00:00+13:00' },
  },
}
const firstIssue = (schema: typeof ZGrantRequestInput | typeof ZFundAllocationInput, input: unknown) => {
  const r = schema.safeParse(input)
  if (r.success) return null
  const issue = r.error.issues[0]
  return issue ? { field: fieldOf(issue), message: issue.message } : null
}

describe('ZGrantRequestInput', () => {
  it('reads a request, dates as instants and names trimmed', () => {
    const r = ZGrantRequestInput.parse(ok)
    expect(r.eligibility.checkWhatYouMightGet?.at).toEqual(new Date('2026-03-02T20:00:00Z'))
    expect(r.eligibility.caseManagerConfirmation?.name).toBe('Sina Faleolo')
  })

  it('takes a time-critical imperative instead of the records, and forbidden categories (the rule refuses those)', () => {
    expect(
      ZGrantRequestInput.safeParse({
        ...ok,
        category: 'FOOD',
        eligibility: { timeCriticalImperative: 'Eviction at noon today' },
      }).success,
    ).toBe(true)
  })

  it.each([
    [{ ...ok, personId: undefined }, 'personId', 'personId is required'],
    [{ ...ok, personId: 'p1' }, 'personId', 'personId must be a UUID'],
    [
      { ...ok, category: 'GROCERIES' },
      'category',
      /^category must be one of RENT_ARREARS, .* or CIGARETTES_OR_ALCOHOL$/,
    ],
    [{ ...ok, amountCents: undefined }, 'amountCents', 'amountCents is required'],
    [{ ...ok, amountCents: '2500' }, 'amountCents', /amountCents must be a whole number of cents/],
    [{ ...ok, amountCents: 25.5 }, 'amountCents', /amountCents must be a whole number of cents/],
    [{ ...ok, amountCents: 0 }, 'amountCents', 'amountCents must be more than 0'],
    [{ ...ok, amountCents: -100 }, 'amountCents', 'amountCents must be more than 0'],
    [
      { ...ok, amountCents: MAX_GRANT_CENTS + 1 },
      'amountCents',
      'amountCents must be at most 200000 ($2,000.00)',
    ],
    [{ ...ok, eligibility: undefined }, 'eligibility', 'eligibility is required'],
    [
      {
        ...ok,
        eligibility: {
          ...ok.eligibility,
          checkWhatYouMightGet: { done: 'yes', at: '2026-03-03T09:00:00Z', outcome: 'NOT_ELIGIBLE' },
        },
      },
      'eligibility.checkWhatYouMightGet.done',
      'eligibility.checkWhatYouMightGet.done must be true or false',
    ],
    [
      {
        ...ok,
        eligibility: {
          ...ok.eligibility,
          checkWhatYouMightGet: { done: true, at: '3 March', outcome: 'NOT_ELIGIBLE' },
        },
      },
      'eligibility.checkWhatYouMightGet.at',
      /eligibility.checkWhatYouMightGet.at must be an ISO 8601 date and time/,
    ],
    [
      {
        ...ok,
        eligibility: {
          ...ok.eligibility,
          checkWhatYouMightGet: { done: true, at: '2026-03-03T09:00:00Z', outcome: 'maybe' },
        },
      },
      'eligibility.checkWhatYouMightGet.outcome',
      'eligibility.checkWhatYouMightGet.outcome must be one of NOT_ELIGIBLE or MAY_BE_ELIGIBLE',
    ],
    [
      {
        ...ok,
        eligibility: {
          ...ok.eligibility,
          caseManagerConfirmation: { name: '  ', at: '2026-03-03T09:00:00Z' },
        },
      },
      'eligibility.caseManagerConfirmation.name',
      'eligibility.caseManagerConfirmation.name must not be blank',
    ],
    [
      { ...ok, eligibility: { timeCriticalImperative: 'x'.repeat(2001) } },
      'eligibility.timeCriticalImperative',
      'eligibility.timeCriticalImperative must be at most 2000 characters',
    ],
    [{ ...ok, note: 'x'.repeat(1001) }, 'note', 'note must be at most 1000 characters'],
  ])('refuses %j naming %s', (input, field, message) => {
    const issue = firstIssue(ZGrantRequestInput, input)
    expect(issue?.field).toBe(field)
    if (typeof message === 'string') expect(issue?.message).toBe(message)
    else expect(issue?.message).toMatch(message)
  })
})

describe('ZFundAllocationInput', () => {
  it('reads an allocation', () => {
    expect(
      ZFundAllocationInput.parse({ connectorId: CONNECTOR, amountCents: 500_000, note: ' Q1 top-up ' }),
    ).toEqual({
      connectorId: CONNECTOR,
      amountCents: 500_000,
      note: 'Q1 top-up',
    })
  })

  it.each([
    [{ amountCents: 100 }, 'connectorId', 'connectorId is required'],
    [{ connectorId: CONNECTOR }, 'amountCents', 'amountCents is required'],
    [{ connectorId: CONNECTOR, amountCents: 0 }, 'amountCents', 'amountCents must be more than 0'],
    [
      { connectorId: CONNECTOR, amountCents: MAX_ALLOCATION_CENTS + 1 },
      'amountCents',
      'amountCents must be at most 5000000 ($50,000.00)',
    ],
    [{ connectorId: CONNECTOR, amountCents: 1.25 }, 'amountCents', /whole number of cents/],
  ])('refuses %j naming %s', (input, field, message) => {
    const issue = firstIssue(ZFundAllocationInput, input)
    expect(issue?.field).toBe(field)
    if (typeof message === 'string') expect(issue?.message).toBe(message)
    else expect(issue?.message).toMatch(message)
  })
})

describe('parseDollars', () => {
  it.each([
    ['60', 6000],
    ['$1,234.5', 123450],
    ['0.07', 7],
    ['0', 0],
    [' 25.50 ', 2550],
  ] as const)('%s is %i cents', (text, cents) => expect(parseDollars(text)).toBe(cents))
  it.each(['', '-5', '1.234', 'ten', '1e3', '12.', '1234567890'])('%s is not an amount', (text) =>
    expect(parseDollars(text)).toBeNull(),
  )
})
