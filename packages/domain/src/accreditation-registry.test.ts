import { describe, expect, it } from 'vitest'
import {
  daysUntilExpiry,
  dueReminder,
  expiresSoon,
  lapseInstantOf,
  lastValidDateOf,
  nextAccreditationStatus,
  parseAccreditationCsv,
  reminderKey,
  ZRecordAccreditationInput,
  type RegistryAccreditation,
} from './accreditation-registry'
import { COMMUNITY_CONNECTION_REQUIREMENT } from './accreditation'
import { checkRouting, type RoutingService } from './routing/check-routing'
import { fromNzLocal } from './sla/nz-time'

const ORG = '0190a0b0-0000-7000-8000-000000000001'

describe('lapse on the New Zealand day after the last valid date', () => {
  it.each([
    // NZDT (+13): 00:00 on 16 Dec NZ is 11:00 on 15 Dec UTC
    ['2026-12-15', '2026-12-15T11:00:00.000Z'],
    // NZST (+12): 00:00 on 16 Jun NZ is 12:00 on 15 Jun UTC
    ['2026-06-15', '2026-06-15T12:00:00.000Z'],
  ])('%s lapses at %s', (date, instant) => {
    expect(lapseInstantOf(date).toISOString()).toBe(instant)
    expect(lastValidDateOf(lapseInstantOf(date))).toBe(date)
  })

  it('routing holds through the last day and is refused from 00:00 NZ the next day', () => {
    const service: RoutingService = {
      status: 'ACTIVE',
      capacityStatus: 'ACCEPTING',
      nationwide: true,
      regionIds: [],
      territorialAuthorityIds: [],
      requiredAccreditations: [COMMUNITY_CONNECTION_REQUIREMENT],
    }
    const held = [
      {
        scheme: 'MSD_SSAS' as const,
        level: 3,
        status: 'ACTIVE' as const,
        validFrom: fromNzLocal('2024-01-01 00:00'),
        validTo: lapseInstantOf('2026-12-15'),
      },
    ]
    const person = { regionId: 'r', territorialAuthorityId: null }
    const at = (t: string) =>
      checkRouting({ service, providerAccreditations: held, person, at: fromNzLocal(t) })
    expect(at('2026-12-15 23:59')).toEqual({ allowed: true })
    const after = at('2026-12-16 00:00')
    expect(after.allowed).toBe(false)
    if (!after.allowed) expect(after.reasons.map((r) => r.code)).toEqual(['ACCREDITATION_EXPIRED'])
  })
})

describe('reminders 60, 30 and 7 days before', () => {
  const acc = (lastDay: string, over: Partial<RegistryAccreditation> = {}): RegistryAccreditation => ({
    status: 'ACTIVE',
    validFrom: fromNzLocal('2025-01-01 00:00'),
    validTo: lapseInstantOf(lastDay),
    ...over,
  })
  it.each([
    ['2026-10-01 09:00', 75, null],
    ['2026-10-16 09:00', 60, 60],
    ['2026-10-17 00:00', 59, 60],
    ['2026-11-15 09:00', 30, 30],
    ['2026-12-08 09:00', 7, 7],
    ['2026-12-15 23:59', 0, 7],
    ['2026-12-16 00:00', -1, null],
  ])('at %s: %i days left, reminder %s', (now, days, threshold) => {
    const a = acc('2026-12-15')
    expect(daysUntilExpiry(a.validTo!, fromNzLocal(now))).toBe(days)
    expect(dueReminder(a, fromNzLocal(now))).toBe(threshold)
  })
  it('none for suspended, revoked, open-ended', () => {
    const at = fromNzLocal('2026-12-08 09:00')
    expect(dueReminder(acc('2026-12-15', { status: 'SUSPENDED' }), at)).toBeNull()
    expect(dueReminder(acc('2026-12-15', { status: 'REVOKED' }), at)).toBeNull()
    expect(dueReminder(acc('2026-12-15', { validTo: null }), at)).toBeNull()
  })
  it('the key changes with the expiry, so a renewal is reminded again', () => {
    expect(reminderKey('a', lapseInstantOf('2026-12-15'), 7)).toBe('accreditation-expiry:a:2026-12-15:7')
    expect(reminderKey('a', lapseInstantOf('2027-12-15'), 7)).not.toBe(
      reminderKey('a', lapseInstantOf('2026-12-15'), 7),
    )
  })
  it('expires soon: within 60 days of the last day, while it holds', () => {
    const a = acc('2026-12-15')
    expect(expiresSoon(a, fromNzLocal('2026-10-15 09:00'))).toBe(false)
    expect(expiresSoon(a, fromNzLocal('2026-10-16 09:00'))).toBe(true)
    expect(expiresSoon(a, fromNzLocal('2026-12-16 00:00'))).toBe(false)
    expect(expiresSoon({ ...a, status: 'SUSPENDED' }, fromNzLocal('2026-12-01 09:00'))).toBe(false)
  })
})

describe('lifecycle', () => {
  it.each([
    ['ACTIVE', 'RENEW', 'ACTIVE'],
    ['PROVISIONAL', 'RENEW', 'PROVISIONAL'],
    ['SUSPENDED', 'RENEW', null],
    ['REVOKED', 'RENEW', null],
    ['ACTIVE', 'SUSPEND', 'SUSPENDED'],
    ['SUSPENDED', 'SUSPEND', null],
    ['SUSPENDED', 'REINSTATE', 'ACTIVE'],
    ['ACTIVE', 'REINSTATE', null],
    ['SUSPENDED', 'REVOKE', 'REVOKED'],
    ['REVOKED', 'REVOKE', null],
  ] as const)('%s + %s -> %s', (from, action, to) => {
    expect(nextAccreditationStatus(from, action)).toBe(to)
  })
})

describe('input', () => {
  const base = {
    organisationId: ORG,
    scheme: 'MSD_SSAS',
    level: 3,
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    evidenceNote: 'MSD letter',
  }
  it.each([
    [{ level: 5 }, 'level'],
    [{ scheme: 'OT_S396', level: 1 }, 'level'],
    [{ validTo: '2025-12-31' }, 'validTo'],
    [{ validFrom: '2026-02-30' }, 'validFrom'],
    [{ organisationId: 'x' }, 'organisationId'],
    [{ evidenceNote: '  ' }, 'evidenceNote'],
    [{ scheme: 'ISO' }, 'scheme'],
  ])('%o is refused naming %s', (over, field) => {
    const r = ZRecordAccreditationInput.safeParse({ ...base, ...over })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.path[0]).toBe(field)
  })
  it('s396 has no level', () => {
    expect(ZRecordAccreditationInput.safeParse({ ...base, scheme: 'OT_S396', level: null }).success).toBe(
      true,
    )
  })
})

describe('CSV', () => {
  it('reads each row on its own, naming the bad field', () => {
    const csv = [
      'organisationId,scheme,level,validFrom,validTo,evidenceNote',
      `${ORG},MSD_SSAS,3,2026-01-01,2026-12-31,"Letter, 12 Jan"`,
      `${ORG},TE_KAHUI_KAHU,x,2026-01-01,,note`,
      `${ORG},OT_S396,,2026-01-01,,"said ""yes"""`,
    ].join('\r\n')
    const r = parseAccreditationCsv(csv)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.rows).toMatchObject([
      { line: 2, ok: true, input: { level: 3, evidenceNote: 'Letter, 12 Jan', validTo: '2026-12-31' } },
      { line: 3, ok: false, field: 'level' },
      { line: 4, ok: true, input: { level: null, validTo: null, evidenceNote: 'said "yes"' } },
    ])
  })
  it('a missing column refuses the whole file', () => {
    expect(parseAccreditationCsv('organisationId,scheme\n')).toMatchObject({ ok: false, field: 'csv' })
  })
})
