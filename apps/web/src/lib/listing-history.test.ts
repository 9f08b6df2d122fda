import { describe, expect, it } from 'vitest'
import { describeChange } from './listing-history'

describe('describeChange', () => {
  it('says a verification in words', () => {
    expect(describeChange({ action: 'directory.listing.verified', changes: [{ field: 'lastVerifiedAt', from: null, to: '2026-01-01T00:00:00.000Z' }] })).toEqual({
      verified: true,
      lines: [],
    })
  })

  it('shows short values from and to, and only the label for lists and long text', () => {
    const { verified, lines } = describeChange({
      action: 'directory.listing.service-updated',
      changes: [
        { field: 'capacityStatus', from: 'ACCEPTING', to: 'WAITLIST' },
        { field: 'openingHours', from: [], to: [{ day: 'MO', opensAt: '09:00', closesAt: '17:00' }] },
        { field: 'minimumAge', from: null, to: 16 },
        { field: 'description', from: 'a'.repeat(80), to: 'b'.repeat(80) },
        { field: 'mystery', from: 1, to: 2 },
      ],
    })
    expect(verified).toBe(false)
    expect(lines).toEqual([
      { label: 'Capacity', from: 'Accepting referrals', to: 'Waitlist' },
      { label: 'Opening hours', from: null, to: null },
      { label: 'Youngest age', from: 'none', to: '16' },
      { label: 'Description', from: null, to: null },
      { label: 'mystery', from: '1', to: '2' },
    ])
  })

  it('names a field the form splits (an address) once', () => {
    const { lines } = describeChange({
      action: 'directory.listing.location-updated',
      changes: [
        { field: 'addressLine1', from: '1 Cuba St', to: '2 Cuba St' },
        { field: 'addressLine2', from: null, to: 'Level 2' },
      ],
    })
    expect(lines.map((l) => l.label)).toEqual(['Street address'])
  })
})
