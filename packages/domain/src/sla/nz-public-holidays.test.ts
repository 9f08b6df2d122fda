// The only domain test that reads from disk: it keeps the generated constant in step with the
// reference data the seed loads (prisma/reference/public_holidays.csv).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { NZ_REGION_NAMES } from './business-hours'
import { NZ_PUBLIC_HOLIDAYS } from './nz-public-holidays'

const CSV = new URL('../../../../prisma/reference/public_holidays.csv', import.meta.url)

/** RFC 4180 fields: quoted fields may hold commas and doubled quotes. */
function parseCsvLine(line: string): string[] {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      fields.push(field)
      field = ''
    } else field += c
  }
  fields.push(field)
  return fields
}

function readCsv(): Record<string, string>[] {
  const [header, ...lines] = readFileSync(CSV, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0)
  const names = parseCsvLine(header ?? '')
  return lines.map((l) => Object.fromEntries(parseCsvLine(l).map((v, i) => [names[i], v])))
}

describe('NZ_PUBLIC_HOLIDAYS', () => {
  const rows = readCsv()

  it('matches prisma/reference/public_holidays.csv row for row', () => {
    expect(NZ_PUBLIC_HOLIDAYS).toEqual(
      rows.map((r) => ({
        date: r.date,
        name: r.name,
        type: r.type,
        regions: r.regions ? r.regions.split('; ') : [],
      })),
    )
  })

  it('agrees with the CSV on the day of the week of every date', () => {
    const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
    for (const r of rows) {
      expect(days[new Date(`${r.date}T00:00:00Z`).getUTCDay()], r.date).toBe(r.day_of_week)
    }
  })

  it('never puts a holiday on a weekend: Mondayised dates are the observed ones', () => {
    for (const h of NZ_PUBLIC_HOLIDAYS) {
      expect([0, 6], `${h.date} ${h.name}`).not.toContain(new Date(`${h.date}T00:00:00Z`).getUTCDay())
    }
  })

  it('names only known regions, and only on regional holidays', () => {
    const known = new Set<string>([...NZ_REGION_NAMES, 'Chatham Islands'])
    for (const h of NZ_PUBLIC_HOLIDAYS) {
      if (h.type === 'national') expect(h.regions).toEqual([])
      else {
        expect(h.regions.length).toBeGreaterThan(0)
        for (const r of h.regions) expect(known, r).toContain(r)
      }
    }
  })

  it('covers 2024 to 2028 with the 11 national holidays each year', () => {
    for (const year of ['2024', '2025', '2026', '2027', '2028']) {
      const national = NZ_PUBLIC_HOLIDAYS.filter((h) => h.type === 'national' && h.date.startsWith(year))
      expect(national, year).toHaveLength(11)
    }
  })

  it('gives every one of the 16 regions an anniversary day each year', () => {
    for (const year of ['2024', '2025', '2026', '2027', '2028']) {
      for (const region of NZ_REGION_NAMES) {
        const own = NZ_PUBLIC_HOLIDAYS.filter((h) => h.date.startsWith(year) && h.regions.includes(region))
        expect(own.length, `${region} ${year}`).toBeGreaterThan(0)
      }
    }
  })
})
