import { describe, expect, it } from 'vitest'
import { fromNzLocal } from '../sla/nz-time'
import { toCsv } from './csv'
import {
  GRANT_EXPORT_COLUMNS,
  INTERACTION_EXPORT_COLUMNS,
  deidentifyGrant,
  type ExportColumn,
  type InteractionExportRow,
} from './deidentify'

const row = (over: Partial<InteractionExportRow> = {}): InteractionExportRow => ({
  reportWeek: '2026-W10',
  regionCode: '09',
  territorialAuthorityCode: null,
  ageBand: '25-39',
  whanauSize: '3-4',
  method: 'PHONE',
  needCategories: ['food', 'utility-bills'],
  referredCategories: [],
  recordedSameDay: true,
  notes: 'Power bill sorted, hui at 10:30',
  ...over,
})

describe('toCsv', () => {
  it('writes a header row and one line per row, CRLF, lists joined by semicolons', () => {
    expect(toCsv(INTERACTION_EXPORT_COLUMNS, [row()])).toBe(
      'reportWeek,regionCode,territorialAuthorityCode,ageBand,whanauSize,method,needCategories,referredCategories,recordedSameDay,notes\r\n' +
        '2026-W10,09,,25-39,3-4,PHONE,food;utility-bills,,true,"Power bill sorted, hui at 10:30"\r\n',
    )
  })

  it.each([
    ['a quote', 'She said "kia ora"', '"She said ""kia ora"""'],
    ['a line break', 'Line one\nline two', '"Line one\nline two"'],
    ['leading space', ' padded', '" padded"'],
    ['a formula', '=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['a plus', '+64 is the code', "'+64 is the code"],
    ['an at sign', '@mention', "'@mention"],
    ['a minus', '-5 degrees', "'-5 degrees"],
    ['plain text', 'Kia ora', 'Kia ora'],
  ])('quotes or guards %s', (_what, notes, cell) => {
    const csv = toCsv(INTERACTION_EXPORT_COLUMNS, [row({ notes })])
    expect(csv.split('\r\n')[1]?.endsWith(`,${cell}`)).toBe(true)
  })

  it('does not touch numbers: a grant amount stays a number', () => {
    const grant = deidentifyGrant({
      id: 'g',
      personId: 'p',
      connectorId: 'c',
      category: 'HOUSEHOLD_BEDDING',
      amountCents: 12_550,
      grantedAt: fromNzLocal('2026-03-04 10:00'),
      note: null,
    })
    expect(toCsv(GRANT_EXPORT_COLUMNS, [grant])).toBe(
      'reportWeek,category,amountCents\r\n2026-W10,HOUSEHOLD_BEDDING,12550\r\n',
    )
  })

  it('writes only the header for no rows, and follows the dictionary order', () => {
    const columns: ExportColumn<'b' | 'a'>[] = [
      { name: 'b', type: 'integer', description: 'second letter' },
      { name: 'a', type: 'boolean', description: 'first letter' },
    ]
    expect(toCsv(columns, [])).toBe('b,a\r\n')
    expect(toCsv(columns, [{ a: false, b: -1 }])).toBe('b,a\r\n-1,false\r\n')
  })
})
