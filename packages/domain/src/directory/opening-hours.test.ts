import { describe, expect, it } from 'vitest'
import { expandOpeningHours, firstOverlap, groupOpeningHours, sortOpeningHours, type TOpeningHoursInterval } from './opening-hours'

const iv = (day: string, opensAt: string, closesAt: string) => ({ day, opensAt, closesAt }) as TOpeningHoursInterval

describe('opening hours', () => {
  it.each([
    ['none', [], -1],
    ['one', [iv('MO', '09:00', '17:00')], -1],
    ['two days, same hours', [iv('MO', '09:00', '17:00'), iv('TU', '09:00', '17:00')], -1],
    ['split day', [iv('MO', '09:00', '12:00'), iv('MO', '13:00', '17:00')], -1],
    ['touching', [iv('MO', '09:00', '12:00'), iv('MO', '12:00', '17:00')], -1],
    ['overlapping by a minute', [iv('MO', '09:00', '12:01'), iv('MO', '12:00', '17:00')], 1],
    ['earlier after later', [iv('MO', '13:00', '17:00'), iv('MO', '08:00', '13:30')], 1],
    ['third overlaps first', [iv('MO', '09:00', '10:00'), iv('TU', '09:00', '10:00'), iv('MO', '09:30', '09:45')], 2],
    ['until midnight', [iv('SU', '18:00', '24:00'), iv('SU', '10:00', '18:00')], -1],
  ])('%s: first overlap at %s', (_case, intervals, index) => expect(firstOverlap(intervals)).toBe(index))

  it('sorts Monday first, then by opening time', () => {
    expect(sortOpeningHours([iv('SU', '10:00', '12:00'), iv('MO', '13:00', '17:00'), iv('MO', '08:00', '12:00')])).toEqual([
      iv('MO', '08:00', '12:00'),
      iv('MO', '13:00', '17:00'),
      iv('SU', '10:00', '12:00'),
    ])
  })

  it('stores days with the same hours as one schedule row, and reads them back per day', () => {
    const week = ['FR', 'MO', 'TU', 'WE', 'TH'].map((d) => iv(d, '08:30', '17:00'))
    const rows = groupOpeningHours([...week, iv('SA', '10:00', '13:00')])
    expect(rows).toEqual([
      { byday: 'MO,TU,WE,TH,FR', opensAt: '08:30', closesAt: '17:00' },
      { byday: 'SA', opensAt: '10:00', closesAt: '13:00' },
    ])
    expect(expandOpeningHours(rows)).toEqual(sortOpeningHours([...week, iv('SA', '10:00', '13:00')]))
  })

  it('skips schedule rows it cannot show as weekly hours', () => {
    expect(
      expandOpeningHours([
        { byday: null, opensAt: '09:00', closesAt: '17:00' },
        { byday: 'MO', opensAt: null, closesAt: null },
        { byday: 'mo, XX', opensAt: '09:00', closesAt: '10:00' },
      ]),
    ).toEqual([iv('MO', '09:00', '10:00')])
  })
})
