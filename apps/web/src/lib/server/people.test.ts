// The IPP 6 page's server load: it asks the API for the person's access records as the signed-in
// user and shows each read in words (who, organisation, when, what, why); the API's NOT_FOUND (a
// role without consent:record, another organisation, an unknown person) is the not-found page.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from './api'
import type { AccessRecord, AccessRow } from './people'

const calls: { query: string; variables: unknown }[] = []
let answer: (() => unknown) | null = null
vi.mock('./call', async (importActual) => ({
  ...(await importActual<Record<string, unknown>>()),
  call: async (_event: unknown, op: { query: string }, variables: unknown) => {
    calls.push({ query: op.query, variables })
    return answer!()
  },
}))

const PERSON = '0190a0a0-0000-7000-8000-00000000beef'
const records: AccessRecord[] = [
  {
    id: 'a1',
    accessedAt: '2026-11-22T20:01:00.000Z',
    user: { id: 'u1', name: 'Hemi Intake' },
    organisation: { id: 'o1', name: 'Level Three Trust' },
    fields: ['givenName', 'familyName', 'phone'],
    action: 'referral.view',
    rule: 'referral-receiver',
  },
  {
    id: 'a2',
    accessedAt: '2026-11-22T20:02:00.000Z',
    user: { id: 'u2', name: 'Mere Lead' },
    organisation: { id: 'o2', name: 'MSD' },
    fields: ['NEEDS_SUMMARY'],
    action: 'case.view',
    rule: 'case-member',
  },
  {
    id: 'a3',
    accessedAt: '2026-11-22T20:03:00.000Z',
    user: { id: 'u3', name: 'Old Reader' },
    organisation: { id: 'o2', name: 'MSD' },
    fields: [],
    action: 'something.else',
    rule: null,
  },
]

async function load(id: string, signedIn = true) {
  const { load } = await import('../../routes/people/[id]/access/+page.server')
  const event = {
    params: { id },
    url: new URL(`http://web.test/people/${id}/access`),
    locals: { user: signedIn ? { id: 'u9' } : null, sessionToken: signedIn ? 't' : null },
    getClientAddress: () => '127.0.0.1',
  }
  return (load as (e: unknown) => Promise<{ personId: string; rows: AccessRow[] }>)(event)
}

describe('people/[id]/access load', () => {
  beforeEach(() => {
    calls.length = 0
    answer = null
  })

  it('asks for the person’s access records and shows who, organisation, when, what and why', async () => {
    answer = () => ({ personAccessRecords: records })
    const data = await load(PERSON)
    expect(calls).toHaveLength(1)
    expect(calls[0]!.query).toContain('personAccessRecords(personId: $personId)')
    expect(calls[0]!.variables).toEqual({ personId: PERSON })
    expect(data.personId).toBe(PERSON)
    expect(data.rows).toEqual([
      {
        id: 'a1',
        accessedAt: '2026-11-22T20:01:00.000Z',
        who: 'Hemi Intake',
        organisation: 'Level Three Trust',
        what: 'given name, family name, phone',
        why: 'Opened a referral: their organisation received the referral, under the person’s consent',
      },
      {
        id: 'a2',
        accessedAt: '2026-11-22T20:02:00.000Z',
        who: 'Mere Lead',
        organisation: 'MSD',
        what: 'needs summary',
        why: 'Read a shared case: their agency is a member of the shared case, under the family’s consent',
      },
      {
        id: 'a3',
        accessedAt: '2026-11-22T20:03:00.000Z',
        who: 'Old Reader',
        organisation: 'MSD',
        what: 'nothing personal',
        why: 'Read their details (something.else): recorded before the need-to-know rule',
      },
    ])
  })

  it('shows the not-found page when the API answers NOT_FOUND, and for an id that is not a UUID', async () => {
    answer = () => {
      throw new ApiError('NOT_FOUND', 'personId: no such person recorded by your organisation', 404, 'personId')
    }
    await expect(load(PERSON)).rejects.toMatchObject({ status: 404 })
    await expect(load('not-a-uuid')).rejects.toMatchObject({ status: 404 })
    expect(calls).toHaveLength(1) // the malformed id never reaches the API
  })

  it('sends a visitor who is not signed in to sign in', async () => {
    await expect(load(PERSON, false)).rejects.toMatchObject({ status: 303, location: expect.stringContaining('/sign-in') })
    expect(calls).toHaveLength(0)
  })
})
