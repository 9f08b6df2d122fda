import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SERVICE_CATEGORIES } from '../categories'
import { detectPii } from '../pii/detect-pii'
import { CONTACT_METHODS } from '../referrals/referral-enums'
import { fromNzLocal } from '../sla/nz-time'
import {
  GRANT_EXPORT_COLUMNS,
  INTERACTION_EXPORT_COLUMNS,
  INTERACTION_FIELD_MAPPING,
  buildInteractionExport,
  deidentifyGrant,
  deidentifyInteraction,
  knownNamesOf,
  type InteractionExportRow,
  type InteractionRecord,
} from './deidentify'

const nz = fromNzLocal

// A record carrying every kind of personal information the app holds.
const record = (
  over: Partial<InteractionRecord> = {},
  person: Partial<InteractionRecord['person']> = {},
): InteractionRecord => ({
  id: '01950000-0000-7000-8000-000000000001',
  personId: '01950000-0000-7000-8000-0000000000aa',
  connectorId: '01950000-0000-7000-8000-0000000000bb',
  organisationId: '01950000-0000-7000-8000-0000000000cc',
  interactionAt: nz('2026-03-04 10:30'),
  recordedAt: nz('2026-03-04 16:00'),
  method: 'VISIT',
  needCategories: ['utility-bills', 'food'],
  referredCategories: ['financial-mentoring'],
  notes: 'Whānau need help with the power bill; referred for budgeting. Hui next Monday at 10:30.',
  person: {
    id: '01950000-0000-7000-8000-0000000000aa',
    givenName: 'Mereana',
    familyName: 'Tūhoe-Parata',
    preferredName: 'Mere',
    dateOfBirth: new Date('1987-06-14T00:00:00Z'),
    phone: '021 555 0199',
    email: 'mereana.parata@xtra.co.nz',
    addressLine: 'Flat 3/45 Rata Road, Ōtaki 5512',
    needsSummary: 'Mereana (DOB 14/06/1987) needs power paid',
    whanau: [
      {
        name: 'Tāmati Parata',
        relationship: 'son',
        dateOfBirth: new Date('2015-02-01T00:00:00Z'),
        dependent: true,
      },
      { name: 'Hine Parata', relationship: 'daughter', dateOfBirth: null, dependent: true },
    ],
    regionCode: '09',
    territorialAuthorityCode: '043',
    ...person,
  },
  ...over,
})

const PERSONAL_VALUES = [
  'Mereana',
  'Tūhoe',
  'Parata',
  'Mere',
  'Tāmati',
  'Hine',
  '1987',
  '14/06',
  '06-14',
  '2015-02-01',
  '021 555 0199',
  '0215550199',
  'xtra.co.nz',
  'Rata Road',
  '5512',
  'needs power paid',
  '01950000',
]

describe('deidentifyInteraction', () => {
  it('maps a record to the export row: week, places as codes, age band, whānau size, codes and the checked note', () => {
    expect(deidentifyInteraction(record())).toEqual({
      ok: true,
      row: {
        reportWeek: '2026-W10',
        regionCode: '09',
        territorialAuthorityCode: '043',
        ageBand: '25-39',
        whanauSize: '3-4',
        method: 'VISIT',
        needCategories: ['food', 'utility-bills'],
        referredCategories: ['financial-mentoring'],
        recordedSameDay: true,
        notes: 'Whānau need help with the power bill; referred for budgeting. Hui next Monday at 10:30.',
      },
    })
  })

  it('leaves out every name, date of birth, contact detail, address and id', () => {
    const result = deidentifyInteraction(record())
    const json = JSON.stringify(result)
    for (const value of PERSONAL_VALUES) expect(json).not.toContain(value)
    // And the detector, told the names on record, finds nothing in the whole row.
    expect(detectPii(json, { knownNames: knownNamesOf(record().person) })).toEqual([])
  })

  it.each([
    ['a name on record', 'Mere came in with Tāmati.', /name of the person or whānau on record: Mere/],
    ['a phone number', 'Call back on 021 555 0199.', /phone number: 021 555 0199/],
    ['an address', 'Blankets dropped to 45 Rata Road.', /street address: 45 Rata Road/],
    ['a date of birth', 'Son born 01/02/2015 needs a coat.', /date of birth: born 01\/02\/2015/],
    ['an NHI', 'GP letter quotes ZAC5361.', /NHI number: ZAC5361/],
    ['an IRD number', 'IRD 49-091-850 for WFF.', /IRD number: 49-091-850/],
  ])('holds the record back when the note has %s, with the reason', (_what, notes, reason) => {
    const result = deidentifyInteraction(record({ notes }))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.interactionId).toBe(record().id)
    expect(result.reasons.join('\n')).toMatch(reason)
  })

  it('exports an empty note as null', () => {
    expect(deidentifyInteraction(record({ notes: null }))).toMatchObject({ ok: true, row: { notes: null } })
    expect(deidentifyInteraction(record({ notes: '   ' }))).toMatchObject({ ok: true, row: { notes: null } })
  })

  it('takes the age on the NZ day of the interaction, and "unknown" without a date of birth', () => {
    const birthday = record(
      { interactionAt: nz('2005-06-14 09:00'), recordedAt: nz('2005-06-14 09:00') },
      {
        dateOfBirth: new Date('1987-06-14T00:00:00Z'),
      },
    )
    const row = (r: InteractionRecord) => (deidentifyInteraction(r) as { row: InteractionExportRow }).row
    expect(row(birthday).ageBand).toBe('18-24')
    expect(row(record({}, { dateOfBirth: null })).ageBand).toBe('unknown')
  })

  it.each([
    [[], '1'],
    [[{ name: 'A B', relationship: 'son', dateOfBirth: null, dependent: true }], '2'],
    [
      Array.from({ length: 3 }, () => ({
        name: 'A B',
        relationship: 'child',
        dateOfBirth: null,
        dependent: true,
      })),
      '3-4',
    ],
    [
      Array.from({ length: 5 }, () => ({
        name: 'A B',
        relationship: 'child',
        dateOfBirth: null,
        dependent: true,
      })),
      '5-6',
    ],
    [
      Array.from({ length: 9 }, () => ({
        name: 'A B',
        relationship: 'child',
        dateOfBirth: null,
        dependent: true,
      })),
      '7+',
    ],
  ])('bands a whānau of %# members', (whanau, band) => {
    expect(deidentifyInteraction(record({ notes: null }, { whanau }))).toMatchObject({
      ok: true,
      row: { whanauSize: band },
    })
  })

  it('flags a record made the next day', () => {
    expect(deidentifyInteraction(record({ recordedAt: nz('2026-03-05 08:00') }))).toMatchObject({
      row: { recordedSameDay: false },
    })
  })

  it('exports no territorial authority when none is known, never anything finer', () => {
    expect(deidentifyInteraction(record({}, { territorialAuthorityCode: null }))).toMatchObject({
      row: { territorialAuthorityCode: null, regionCode: '09' },
    })
  })

  it('throws rather than let free text out through a code field', () => {
    expect(() => deidentifyInteraction(record({ needCategories: ['Mere needs kai'] }))).toThrow(
      /not a service category code/,
    )
    expect(() => deidentifyInteraction(record({}, { regionCode: 'Wellington' }))).toThrow(/regionCode/)
    expect(() => deidentifyInteraction(record({}, { territorialAuthorityCode: 'Ōtaki' }))).toThrow(
      /territorialAuthorityCode/,
    )
    expect(() => deidentifyInteraction(record({ method: 'Mere rang' as never }))).toThrow(/method/)
  })
})

describe('the mapping spec and the column dictionary', () => {
  it('every export column comes from a record field, and every record field is decided', () => {
    const columns = INTERACTION_EXPORT_COLUMNS.map((c) => c.name)
    const produced = new Set(
      Object.values(INTERACTION_FIELD_MAPPING).flatMap((r) => (r.exportedAs ? [r.exportedAs] : [])),
    )
    for (const column of columns) {
      expect(produced).toContain(column)
    }
    for (const [field, rule] of Object.entries(INTERACTION_FIELD_MAPPING)) {
      expect(rule.why, field).not.toBe('')
      if (rule.exportedAs) expect(columns, field).toContain(rule.exportedAs)
    }
  })

  it('drops names, dates of birth, contact details, addresses and ids', () => {
    for (const field of [
      'id',
      'personId',
      'connectorId',
      'person.id',
      'person.givenName',
      'person.familyName',
      'person.preferredName',
      'person.phone',
      'person.email',
      'person.addressLine',
      'person.needsSummary',
    ] as const) {
      expect(INTERACTION_FIELD_MAPPING[field].exportedAs, field).toBeNull()
    }
    expect(INTERACTION_FIELD_MAPPING['person.dateOfBirth'].exportedAs).toBe('ageBand')
  })

  it('describes exactly the columns of a row, in order, with a type and a description each', () => {
    const result = deidentifyInteraction(record())
    expect(result.ok && Object.keys(result.row).sort()).toEqual(
      INTERACTION_EXPORT_COLUMNS.map((c) => c.name).sort(),
    )
    for (const c of [...INTERACTION_EXPORT_COLUMNS, ...GRANT_EXPORT_COLUMNS]) {
      expect(c.description.length).toBeGreaterThan(10)
    }
    expect(INTERACTION_EXPORT_COLUMNS.find((c) => c.name === 'ageBand')?.values).toEqual([
      '0-4',
      '5-12',
      '13-17',
      '18-24',
      '25-39',
      '40-64',
      '65+',
      'unknown',
    ])
  })
})

describe('buildInteractionExport', () => {
  it('splits rows from held-back records and orders rows by their values, not by time', () => {
    const records = [
      record(
        { id: 'late', interactionAt: nz('2026-03-06 15:00'), recordedAt: nz('2026-03-06 15:00') },
        { territorialAuthorityCode: '047' },
      ),
      record(
        { id: 'early', interactionAt: nz('2026-03-02 09:00'), recordedAt: nz('2026-03-02 09:00') },
        { territorialAuthorityCode: '043' },
      ),
      record({ id: 'named', notes: 'Mere says hi' }),
    ]
    const { rows, blocked } = buildInteractionExport(records)
    expect(rows.map((r) => r.territorialAuthorityCode)).toEqual(['043', '047'])
    expect(blocked).toEqual([
      { interactionId: 'named', reasons: ['contains a name of the person or whānau on record: Mere'] },
    ])
  })
})

describe('deidentifyGrant (issue 5: by category and amount only)', () => {
  it('keeps the week, the category and the amount, and nothing else', () => {
    const row = deidentifyGrant({
      id: '01950000-0000-7000-8000-000000000009',
      personId: '01950000-0000-7000-8000-0000000000aa',
      connectorId: '01950000-0000-7000-8000-0000000000bb',
      category: 'UTILITY_POWER',
      amountCents: 25_000,
      grantedAt: nz('2026-03-08 23:30'),
      note: 'Power for Mereana at 45 Rata Road',
    })
    expect(row).toEqual({ reportWeek: '2026-W10', category: 'UTILITY_POWER', amountCents: 25_000 })
    expect(Object.keys(row)).toEqual(GRANT_EXPORT_COLUMNS.map((c) => c.name))
  })
})

describe('property: whatever personal details a record holds, none reach the row', () => {
  const word = fc.stringMatching(/^[A-Z][a-zāēīōū]{3,10}$/)
  const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`))
  const person = fc.record({
    givenName: word,
    familyName: word,
    preferredName: fc.option(word, { nil: null }),
    dateOfBirth: fc.option(
      fc
        .integer({ min: Date.UTC(1920, 0, 1) / 86_400_000, max: Date.UTC(2025, 0, 1) / 86_400_000 })
        .map((d) => new Date(d * 86_400_000)),
      { nil: null },
    ),
    phone: digits(7).map((d) => `021 ${d.slice(0, 3)} ${d.slice(3)}`),
    email: fc.tuple(word, word).map(([a, b]) => `${a.toLowerCase()}.${b.toLowerCase()}@example.co.nz`),
    addressLine: fc.tuple(fc.integer({ min: 1, max: 999 }), word).map(([n, w]) => `${n} ${w} Street`),
    whanau: fc.array(
      fc.record({
        name: fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
        relationship: fc.constant('child'),
        dateOfBirth: fc.constant(null),
        dependent: fc.boolean(),
      }),
      { maxLength: 8 },
    ),
    territorialAuthorityCode: fc.option(digits(3), { nil: null }),
  })
  const codes = fc.subarray(SERVICE_CATEGORIES.map((c) => c.code))

  it('rows hold only codes, bands, a week and a checked note', () => {
    fc.assert(
      fc.property(
        person,
        codes,
        codes,
        fc.constantFrom(...CONTACT_METHODS),
        fc.integer({ min: Date.UTC(2025, 0, 1) / 1000, max: Date.UTC(2027, 11, 31) / 1000 }),
        (p, needs, referred, method, seconds) => {
          const interactionAt = new Date(seconds * 1000)
          const r = record(
            {
              interactionAt,
              recordedAt: interactionAt,
              method,
              needCategories: needs,
              referredCategories: referred,
              notes: null,
            },
            { ...p, needsSummary: `${p.givenName} at ${p.addressLine}` },
          )
          if (p.dateOfBirth && p.dateOfBirth.getTime() > interactionAt.getTime()) return
          const result = deidentifyInteraction(r)
          expect(result.ok).toBe(true)
          const json = JSON.stringify(result)
          for (const value of [
            p.givenName,
            p.familyName,
            p.preferredName,
            p.phone,
            p.email,
            p.addressLine,
            ...p.whanau.map((w) => w.name),
          ]) {
            if (value) expect(json).not.toContain(value)
          }
          if (p.dateOfBirth) expect(json).not.toContain(p.dateOfBirth.toISOString().slice(0, 10))
          expect(detectPii(json, { knownNames: knownNamesOf(r.person) })).toEqual([])
        },
      ),
      { numRuns: 300 },
    )
  })
})
