// The search document builder and the word rules both engines share.
import { describe, expect, it } from 'vitest'
import {
  accreditationAtLeast,
  currentAccreditations,
  toSearchDocuments,
  weeklyOpeningHours,
  type SearchServiceRow,
} from '../src/document'
import { isOpenAt, nzMinuteOfWeek } from '../src/port'
import { loadSettings, parseSettings, SETTINGS_DIR } from '../src/settings'
import { Analyzer, editDistance, normalise, typoCount } from '../src/text'
import { generateSearchDocuments } from '../src/testing'
import { NOW, nz } from './fixtures'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const week = (s: Partial<SearchServiceRow['schedules'][number]>) => ({
  freq: 'WEEKLY' as const,
  byday: 'MO,TU,WE,TH,FR',
  opensAt: '08:30',
  closesAt: '17:00',
  validFrom: null,
  validTo: null,
  ...s,
})

const region = { code: '09', name: 'Wellington', nameMi: 'Te Upoko o te Ika' }
const row = (over: Partial<SearchServiceRow> = {}): SearchServiceRow => ({
  id: 'svc-1',
  organisationId: 'org-1',
  name: 'Whānau Ora Navigation',
  alternateName: null,
  description: 'Kaiārahi for whānau.',
  status: 'ACTIVE',
  capacityStatus: 'ACCEPTING',
  deliveryModes: ['PHONE', 'IN_PERSON'],
  culturalFocus: ['KAUPAPA_MAORI'],
  nationwide: false,
  lastVerifiedAt: new Date('2026-11-01T00:00:00Z'),
  organisation: {
    name: 'Te Rūnanga o Raukawa',
    alternateName: 'Raukawa',
    accreditations: [
      { scheme: 'MSD_SSAS', level: 3, status: 'ACTIVE', validFrom: new Date('2025-01-01'), validTo: null },
      {
        scheme: 'TE_KAHUI_KAHU',
        level: 1,
        status: 'ACTIVE',
        validFrom: new Date('2020-01-01'),
        validTo: new Date('2026-01-01'),
      },
      {
        scheme: 'OT_S396',
        level: null,
        status: 'SUSPENDED',
        validFrom: new Date('2025-01-01'),
        validTo: null,
      },
    ],
  },
  categories: [{ taxonomyTerm: { code: 'whanau-ora', name: 'Whānau Ora', nameMi: null } }],
  languages: [{ code: 'mi' }],
  schedules: [],
  serviceAreas: [
    {
      name: 'Horowhenua',
      region: null,
      territorialAuthority: {
        code: '042',
        name: 'Horowhenua District',
        region: { code: '08', name: 'Manawatū-Whanganui', nameMi: null },
      },
    },
  ],
  serviceAtLocations: [
    {
      id: 'sal-1',
      schedules: [],
      location: {
        id: 'loc-1',
        suburb: 'Ōtaki',
        city: 'Ōtaki',
        latitude: -40.7563,
        longitude: 175.1503,
        region,
        territorialAuthority: { code: '043', name: 'Kāpiti Coast District' },
        schedules: [week({})],
        languages: [{ code: 'en' }],
      },
    },
  ],
  ...over,
})

describe('toSearchDocuments', () => {
  it('makes one document per service at a location, with every facet', () => {
    const [doc, ...rest] = toSearchDocuments([row()], { now: NOW })
    expect(rest).toEqual([])
    expect(doc).toMatchObject({
      id: 'sal-1',
      serviceId: 'svc-1',
      organisationId: 'org-1',
      locationId: 'loc-1',
      sortName: 'whanau ora navigation',
      organisationAlternateName: 'Raukawa',
      categoryCodes: ['whanau-ora'],
      regionCode: '09',
      taCode: '043',
      // Served regions and districts include the service areas (routing's rule).
      regionCodes: ['08', '09'],
      taCodes: ['042', '043'],
      lat: -40.7563,
      lng: 175.1503,
      // Current only: the Te Kāhui Kāhu one has expired, the s396 approval is suspended.
      accreditations: ['MSD_SSAS', 'MSD_SSAS:3'],
      languages: ['en', 'mi'],
      deliveryModes: ['IN_PERSON', 'PHONE'],
      capacity: 'ACCEPTING',
      status: 'ACTIVE',
      lastVerifiedAt: new Date('2026-11-01T00:00:00Z').getTime(),
      nationwide: false,
    })
    expect(doc!.placeNames).toEqual(
      expect.arrayContaining([
        'Ōtaki',
        'Kāpiti Coast District',
        'Wellington',
        'Te Upoko o te Ika',
        'Horowhenua District',
      ]),
    )
    // The location's office hours, as no more specific schedule exists.
    expect(doc!.openingHours).toHaveLength(5)
  })

  it('prefers the service-at-location schedule, then the service, then the location', () => {
    const sal = week({ byday: 'SA', opensAt: '10:00', closesAt: '12:00' })
    const svc = week({ byday: 'SU', opensAt: '10:00', closesAt: '12:00' })
    const base = row()
    const withSal = row({
      schedules: [svc],
      serviceAtLocations: [{ ...base.serviceAtLocations[0]!, schedules: [sal] }],
    })
    expect(toSearchDocuments([withSal], { now: NOW })[0]!.openingHours).toEqual([
      [5 * 1440 + 600, 5 * 1440 + 720],
    ])
    expect(toSearchDocuments([row({ schedules: [svc] })], { now: NOW })[0]!.openingHours).toEqual([
      [6 * 1440 + 600, 6 * 1440 + 720],
    ])
  })

  it('keys a service with no location by its own id, without a point', () => {
    const [doc] = toSearchDocuments([row({ serviceAtLocations: [], nationwide: true })], { now: NOW })
    expect(doc).toMatchObject({
      id: 'svc-1',
      locationId: null,
      lat: null,
      regionCodes: ['08'],
      nationwide: true,
    })
  })

  it('never indexes a DEFUNCT service', () => {
    expect(toSearchDocuments([row({ status: 'DEFUNCT' })], { now: NOW })).toEqual([])
  })

  it('builds documents from the generator with every field filled sensibly', () => {
    const docs = generateSearchDocuments({ services: 120, providers: 30, now: NOW, seed: 3 })
    expect(docs.length).toBeGreaterThanOrEqual(100)
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length)
    for (const d of docs) {
      expect(d.categoryCodes.length).toBeGreaterThan(0)
      expect(d.nationwide || d.regionCodes.length > 0).toBe(true)
      expect(d.nationwide || (d.lat !== null && d.taCode !== null)).toBe(true)
    }
  })
})

describe('opening hours', () => {
  it('rounds outward to quarter hours and treats 23:59 as midnight', () => {
    expect(weeklyOpeningHours([week({ byday: 'MO', opensAt: '08:40', closesAt: '23:59' })], NOW)).toEqual([
      [510, 1440],
    ])
  })

  it('runs past midnight and wraps Sunday night into Monday', () => {
    expect(weeklyOpeningHours([week({ byday: 'SU', opensAt: '22:00', closesAt: '02:00' })], NOW)).toEqual([
      [0, 120],
      [6 * 1440 + 1320, 7 * 1440],
    ])
  })

  it('merges overlapping rules and skips rules out of their dates or not weekly', () => {
    const hours = weeklyOpeningHours(
      [
        week({ byday: 'MO', opensAt: '09:00', closesAt: '12:00' }),
        week({ byday: 'MO', opensAt: '11:00', closesAt: '14:00' }),
        week({ byday: 'TU', validTo: new Date('2026-01-01') }),
        week({ byday: 'WE', validFrom: new Date('2027-01-01') }),
        week({ byday: 'TH', freq: 'MONTHLY' }),
      ],
      NOW,
    )
    expect(hours).toEqual([[540, 840]])
  })

  it('reads open now in New Zealand time across daylight saving', () => {
    const doc = toSearchDocuments([row()], { now: NOW })[0]!
    expect(isOpenAt(doc, nzMinuteOfWeek(nz('2026-11-23 08:30')))).toBe(true)
    expect(isOpenAt(doc, nzMinuteOfWeek(nz('2026-11-23 08:29')))).toBe(false)
    expect(isOpenAt(doc, nzMinuteOfWeek(nz('2026-07-13 16:59')))).toBe(true) // NZST
    expect(isOpenAt(doc, nzMinuteOfWeek(nz('2026-11-28 10:00')))).toBe(false) // Saturday
    expect(isOpenAt({ ...doc, status: 'TEMPORARILY_CLOSED' }, nzMinuteOfWeek(nz('2026-11-23 10:00')))).toBe(
      false,
    )
  })
})

describe('accreditation facets', () => {
  it('lists the scheme and the scheme with its level, for current ones only', () => {
    const at = new Date('2026-06-01')
    expect(
      currentAccreditations(
        [
          {
            scheme: 'MSD_SSAS',
            level: 4,
            status: 'PROVISIONAL',
            validFrom: new Date('2026-01-01'),
            validTo: new Date('2026-06-02'),
          },
          {
            scheme: 'OT_S396',
            level: null,
            status: 'ACTIVE',
            validFrom: new Date('2026-01-01'),
            validTo: null,
          },
          {
            scheme: 'TE_KAHUI_KAHU',
            level: 2,
            status: 'ACTIVE',
            validFrom: new Date('2026-07-01'),
            validTo: null,
          },
        ],
        at,
      ),
    ).toEqual(['MSD_SSAS', 'MSD_SSAS:4', 'OT_S396'])
    expect(accreditationAtLeast('MSD_SSAS', 3, [1, 2, 3, 4])).toEqual(['MSD_SSAS:3', 'MSD_SSAS:4'])
  })
})

describe('words', () => {
  const analyzer = new Analyzer(loadSettings())

  it('folds macrons and case', () => {
    expect(normalise('Whānau Ōtaki TAUPŌ Māori')).toBe('whanau otaki taupo maori')
    expect(analyzer.indexWords('Te Whare o ngā Tamariki')).toEqual(['whare', 'tamariki'])
  })

  it('counts a swap as one typo and a first-letter typo as two', () => {
    expect(editDistance('menatl', 'mental', 2)).toBe(1)
    expect(editDistance('helth', 'health', 2)).toBe(1)
    expect(editDistance('kitten', 'sitting', 2)).toBe(3)
    expect(editDistance('mento', 'mentoring', 1, true)).toBe(0)
    expect(editDistance('menta', 'mentoring', 1, true)).toBe(1)
    expect(typoCount('nental', 'mental', 1, false)).toBe(Infinity)
    expect(typoCount('nentalhealth', 'mentalhealth', 2, false)).toBe(2)
    expect(analyzer.typosAllowed('kai')).toBe(0)
    expect(analyzer.typosAllowed('whare')).toBe(1)
    expect(analyzer.typosAllowed('kaumātuas')).toBe(2)
    expect(analyzer.typosAllowed('123456')).toBe(0)
  })

  it('plans synonyms, phrases and the prefix word', () => {
    const plan = analyzer.plan('whanau mental health')
    expect(plan.clauses).toHaveLength(2)
    const [whanau, mentalHealth] = plan.clauses
    expect(whanau![0]![0]!.map((t) => t.term)).toEqual(
      expect.arrayContaining(['whanau', 'family', 'families']),
    )
    // The phrase as typed (last word a prefix), or its synonym phrase.
    expect(mentalHealth![0]!.map((slot) => slot[0]!.term)).toEqual(['mental', 'health'])
    expect(mentalHealth![0]![1]![0]!.prefix).toBe(true)
    expect(mentalHealth!.some((conj) => conj.map((s) => s[0]!.term).join(' ') === 'hauora hinengaro')).toBe(
      true,
    )
    expect(analyzer.plan('the of ').clauses).toEqual([])
  })
})

describe('settings', () => {
  const raw = JSON.parse(readFileSync(join(SETTINGS_DIR, 'settings.json'), 'utf8'))
  const synonyms = JSON.parse(readFileSync(join(SETTINGS_DIR, 'synonyms.json'), 'utf8'))

  it('has the synonym groups the directory promises', () => {
    const groups: string[][] = synonyms.groups
    const together = (a: string, b: string) => groups.some((g) => g.includes(a) && g.includes(b))
    for (const [a, b] of [
      ['whānau', 'family'],
      ['kai', 'food'],
      ['hauora', 'health'],
      ['tamariki', 'children'],
      ['rangatahi', 'youth'],
      ['kaumātua', 'elders'],
      ['mahi', 'work'],
      ['mahi', 'employment'],
      ['whare', 'house'],
      ['whare', 'housing'],
    ]) {
      expect(together(a!, b!), `${a} / ${b}`).toBe(true)
    }
  })

  it('rejects a misspelt key, and a facet that cannot be filtered', () => {
    expect(() => parseSettings({ ...raw, rankingRule: [] }, synonyms)).toThrow()
    expect(() => parseSettings({ ...raw, filterableAttributes: ['regionCodes'] }, synonyms)).toThrow(/facet/)
  })
})
