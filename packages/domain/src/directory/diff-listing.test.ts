import { describe, expect, it } from 'vitest'
import { diffListing } from './diff-listing'

describe('diffListing', () => {
  it.each([
    ['nothing changed', { name: 'A', languages: ['en'] }, { name: 'A', languages: ['en'] }, []],
    ['a text field', { name: 'A' }, { name: 'B' }, [{ field: 'name', from: 'A', to: 'B' }]],
    ['cleared', { alternateName: 'TWA' }, { alternateName: null }, [{ field: 'alternateName', from: 'TWA', to: null }]],
    ['set from empty', { url: null }, { url: 'https://a.nz' }, [{ field: 'url', from: null, to: 'https://a.nz' }]],
    ['missing equals null', { email: null }, {}, []],
    ['undefined equals null', { email: undefined }, { email: null }, []],
    ['a number', { minimumAge: 16 }, { minimumAge: 18 }, [{ field: 'minimumAge', from: 16, to: 18 }]],
    ['zero is not null', { minimumAge: null }, { minimumAge: 0 }, [{ field: 'minimumAge', from: null, to: 0 }]],
    ['false is not null', { freeOfCharge: null }, { freeOfCharge: false }, [{ field: 'freeOfCharge', from: null, to: false }]],
    ['a boolean', { freeOfCharge: true }, { freeOfCharge: false }, [{ field: 'freeOfCharge', from: true, to: false }]],
    ['a list grew', { languages: ['en'] }, { languages: ['en', 'mi'] }, [{ field: 'languages', from: ['en'], to: ['en', 'mi'] }]],
    ['a list reordered', { languages: ['en', 'mi'] }, { languages: ['mi', 'en'] }, [{ field: 'languages', from: ['en', 'mi'], to: ['mi', 'en'] }]],
    [
      'objects compare by content, not key order',
      { openingHours: [{ day: 'MO', opensAt: '09:00', closesAt: '17:00' }] },
      { openingHours: [{ closesAt: '17:00', opensAt: '09:00', day: 'MO' }] },
      [],
    ],
    [
      'an object in a list changed',
      { phones: [{ number: '04 123 4567', type: 'voice' }] },
      { phones: [{ number: '04 123 4567', type: 'cell' }] },
      [{ field: 'phones', from: [{ number: '04 123 4567', type: 'voice' }], to: [{ number: '04 123 4567', type: 'cell' }] }],
    ],
    [
      'dates by instant, as ISO strings',
      { lastVerifiedAt: new Date('2026-01-01T00:00:00Z') },
      { lastVerifiedAt: new Date('2026-01-02T00:00:00Z') },
      [{ field: 'lastVerifiedAt', from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' }],
    ],
    ['same date, two objects', { at: new Date('2026-01-01T00:00:00Z') }, { at: new Date('2026-01-01T00:00:00Z') }, []],
    ['a field only after', {}, { status: 'ACTIVE' }, [{ field: 'status', from: null, to: 'ACTIVE' }]],
  ])('%s', (_case, before, after, expected) => {
    expect(diffListing(before, after)).toEqual(expected)
  })

  it('lists changes in field order, before then after (a field dropped is cleared)', () => {
    const changes = diffListing({ a: 1, b: 2, c: 3 }, { c: 4, a: 0, d: 5 })
    expect(changes.map((c) => c.field)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('is JSON-safe for the audit record', () => {
    const changes = diffListing({ at: new Date(0), nested: { x: undefined } }, { at: new Date(1), nested: { x: 1 } })
    expect(JSON.parse(JSON.stringify(changes))).toEqual(changes)
  })
})
