import { describe, expect, it } from 'vitest'
import { applicantOrganisations, byStep, canSeeCareBoard, canSeeCases, READINESS_SECTIONS, sectionFieldId, waited } from './care'
import type { SessionUser } from './types'

const user = (over: Partial<SessionUser>): SessionUser => ({
  id: 'u',
  email: 'u@example.nz',
  name: 'U',
  roles: [],
  capabilities: [],
  memberships: [],
  ...over,
})

describe('care partner pages', () => {
  it('puts applications in their step column, longest waiting first', () => {
    const columns = byStep([
      { id: 'a', step: 2, updatedAt: '2026-11-02T00:00:00Z' },
      { id: 'b', step: 2, updatedAt: '2026-11-01T00:00:00Z' },
      { id: 'c', step: 4, updatedAt: '2026-11-03T00:00:00Z' },
      { id: 'd', step: 9, updatedAt: '2026-11-03T00:00:00Z' },
    ])
    expect(columns[1]).toEqual([])
    expect(columns[2].map((a) => a.id)).toEqual(['b', 'a'])
    expect(columns[4].map((a) => a.id)).toEqual(['c'])
  })

  it('says how long an application has waited', () => {
    const now = new Date('2026-11-10T12:00:00Z')
    expect(waited('2026-11-10T11:30:00Z', now)).toEqual({ unit: 'minutes', n: 30 })
    expect(waited('2026-11-10T07:00:00Z', now)).toEqual({ unit: 'hours', n: 5 })
    expect(waited('2026-11-09T06:00:00Z', now)).toEqual({ unit: 'day', n: 1 })
    expect(waited('2026-11-01T12:00:00Z', now)).toEqual({ unit: 'days', n: 9 })
    expect(waited('2026-11-11T12:00:00Z', now)).toEqual({ unit: 'minutes', n: 0 })
  })

  it('lists the eight readiness sections with distinct field ids', () => {
    expect(READINESS_SECTIONS).toHaveLength(8)
    expect(new Set(READINESS_SECTIONS.map((s) => sectionFieldId(s.code))).size).toBe(8)
    expect(sectionFieldId('SECTION_7AA')).toBe('readiness-section-7aa')
  })

  it('offers the board, cases and the application by role, as hints only', () => {
    expect(canSeeCareBoard(user({ capabilities: ['care-partner:approve'] }))).toBe(true)
    expect(canSeeCareBoard(user({ capabilities: ['referral:send'] }))).toBe(false)
    expect(canSeeCases(user({ capabilities: ['referral:respond'] }))).toBe(true)
    expect(canSeeCases(user({ roles: ['QUALITY_HUB'] }))).toBe(false)
    const admin = user({
      roles: ['PROVIDER_ADMIN'],
      memberships: [
        { role: 'PROVIDER_ADMIN', organisation: { id: 'o1', name: 'Te Whare', kind: 'PROVIDER' }, region: null },
        { role: 'PROVIDER_INTAKE', organisation: { id: 'o2', name: 'Other', kind: 'PROVIDER' }, region: null },
      ],
    })
    expect(applicantOrganisations(admin)).toEqual([{ id: 'o1', name: 'Te Whare' }])
  })
})
