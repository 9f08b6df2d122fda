import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { DirectorySearchInput } from '$lib/directory-search'
import { ApiError } from './api'

const asked: DirectorySearchInput[] = []
let refusePostcode: ApiError | null = null

vi.mock('./call', () => ({
  call: async (_event: unknown, _op: unknown, variables: { input: DirectorySearchInput }) => {
    asked.push(variables.input)
    if (variables.input.postcode && refusePostcode) throw refusePostcode
    return { searchDirectory: { total: 0, page: 1, perPage: 20, tookMs: 1, origin: null, hits: [], facets: [] } }
  },
}))

const { searchDirectory } = await import('./directory-search')

const event = (query: string) => ({
  url: new URL(`http://web.test/directory/search?${query}`),
  locals: { user: null, sessionToken: null },
  getClientAddress: () => '127.0.0.1',
})

beforeEach(() => {
  asked.length = 0
  refusePostcode = null
})

describe('one directory search', () => {
  it('asks the API once with the search in the URL', async () => {
    const outcome = await searchDirectory(event('q=whanau&region=09'))
    expect(asked).toEqual([{ q: 'whanau', regionCodes: ['09'], page: 1, perPage: 20, facets: true, sort: 'RELEVANCE' }])
    expect(outcome).toMatchObject({ criteria: { q: 'whanau', region: ['09'] }, postcodeError: null, postcodeTyped: null })
  })

  it('says a postcode is not one, without asking the API about it', async () => {
    const outcome = await searchDirectory(event('postcode=12'))
    expect(asked[0]?.postcode).toBeUndefined()
    expect(outcome).toMatchObject({ postcodeError: 'Enter a 4-digit New Zealand postcode, like 6011', postcodeTyped: '12' })
  })

  it('runs the search again without a postcode we list nothing at, and says why', async () => {
    refusePostcode = new ApiError('VALIDATION_FAILED', 'postcode: no listed location has postcode 9999', 400, 'postcode')
    const outcome = await searchDirectory(event('q=kai&postcode=9999&sort=distance'))
    expect(asked.map((i) => [i.postcode, i.sort])).toEqual([
      ['9999', 'DISTANCE'],
      [undefined, 'RELEVANCE'],
    ])
    expect(outcome).toMatchObject({ criteria: { q: 'kai', postcode: null }, postcodeTyped: '9999' })
    expect(outcome.postcodeError).toMatch(/postcode 9999/)
  })

  it('passes any other refusal on', async () => {
    refusePostcode = new ApiError('SERVICE_UNAVAILABLE', 'down', 503)
    await expect(searchDirectory(event('postcode=6011'))).rejects.toThrow('down')
  })
})
