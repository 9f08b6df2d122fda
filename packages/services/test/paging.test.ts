import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, toPage } from '../src/paging'

describe('keyset cursors', () => {
  it('round-trip names with any characters', () => {
    const c = { name: 'Te Whare Āwhina — "Porirua", 2/3', id: '0195f0c2-0000-7000-8000-000000000001' }
    expect(decodeCursor(encodeCursor(c))).toEqual(c)
  })

  it.each(['', null, undefined])('treat %j as the first page', (v) => expect(decodeCursor(v)).toBeNull())

  it.each([
    'not-a-cursor',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('[1,2]').toString('base64url'),
  ])('refuse %j with a 400 naming `after`', (v) =>
    expect(() => decodeCursor(v)).toThrowError(
      expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'after' }),
    ),
  )

  it('say there is a next page only when one more row came back', () => {
    const rows = [1, 2, 3].map((i) => ({ name: `n${i}`, id: `i${i}` }))
    expect(toPage(rows, 2, 3)).toMatchObject({ hasNextPage: true, nodes: rows.slice(0, 2) })
    expect(toPage(rows.slice(0, 2), 2, 2)).toMatchObject({ hasNextPage: false })
    expect(toPage([], 2, 0)).toMatchObject({ hasNextPage: false, endCursor: null, edges: [] })
  })
})
