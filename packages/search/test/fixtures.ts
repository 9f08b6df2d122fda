// A small hand-made directory for the contract suite: each listing is there to prove one behaviour
// (named in its comment), with places, hours and dates chosen so the expected answer is obvious.
import { fromNzLocal } from '@fsn/domain'
import type { SearchDocument } from '../src/document'
import { normalise } from '../src/text'

/** Mon 23 Nov 2026 13:00 NZDT. */
export const NOW = new Date('2026-11-23T00:00:00Z')
const DAY = 86_400_000
const FRESH = NOW.getTime() - 10 * DAY
const STALE = NOW.getTime() - 300 * DAY

const MON_FRI_0830_1700: [number, number][] = [0, 1, 2, 3, 4].map((d) => [d * 1440 + 510, d * 1440 + 1020])
const TUE_THU_1000_1400: [number, number][] = [1, 3].map((d) => [d * 1440 + 600, d * 1440 + 840])
const ALWAYS: [number, number][] = [[0, 7 * 1440]]

export const WELLINGTON_CENTRAL = { lat: -41.2865, lng: 174.7762 }

type Place = Pick<
  SearchDocument,
  'regionCode' | 'regionName' | 'taCode' | 'taName' | 'city' | 'suburb' | 'lat' | 'lng'
> & { regionMi: string }

const WELLINGTON: Place = {
  regionCode: '09',
  regionName: 'Wellington',
  regionMi: 'Te Upoko o te Ika',
  taCode: '047',
  taName: 'Wellington City',
  city: 'Wellington',
  suburb: 'Te Aro',
  lat: -41.2924,
  lng: 174.7787,
}

const place = (p: Place, over: Partial<Place> = {}): Place => ({ ...p, ...over })

function listing(
  id: string,
  over: Partial<SearchDocument> & { at?: Place | null; categories?: [string, string, string?][] },
): SearchDocument {
  const {
    at = WELLINGTON,
    categories = [['community-support', 'Community support services']],
    ...rest
  } = over
  const doc: SearchDocument = {
    id,
    serviceId: `svc-${id}`,
    organisationId: `org-${id}`,
    locationId: at ? `loc-${id}` : null,
    name: id,
    alternateName: null,
    sortName: '',
    description: '',
    organisationName: 'Community Trust',
    organisationAlternateName: null,
    categoryCodes: categories.map((c) => c[0]),
    categoryNames: categories.flatMap((c) => c.slice(1).filter((x): x is string => !!x)),
    regionCode: at?.regionCode ?? null,
    regionName: at?.regionName ?? null,
    taCode: at?.taCode ?? null,
    taName: at?.taName ?? null,
    city: at?.city ?? null,
    suburb: at?.suburb ?? null,
    regionCodes: at?.regionCode ? [at.regionCode] : [],
    taCodes: at?.taCode ? [at.taCode] : [],
    placeNames: at
      ? [at.suburb, at.city, at.taName, at.regionName, at.regionMi].filter((x): x is string => !!x)
      : [],
    lat: at?.lat ?? null,
    lng: at?.lng ?? null,
    accreditations: [],
    languages: ['en'],
    culturalFocus: [],
    deliveryModes: ['IN_PERSON'],
    capacity: 'ACCEPTING',
    status: 'ACTIVE',
    lastVerifiedAt: FRESH,
    openingHours: MON_FRI_0830_1700,
    nationwide: false,
    ...rest,
  }
  doc.sortName = normalise(doc.name)
  return doc
}

export const FIXTURES: SearchDocument[] = [
  // Whānau Ora in Ōtaki: organisation name, district name, te reo, accreditation level 3.
  listing('whanau-ora-otaki', {
    name: 'Whānau Ora Navigation',
    description: 'Kaupapa Māori navigation: kaiārahi walk alongside whānau to reach the support they need.',
    organisationName: 'Te Rūnanga o Raukawa',
    categories: [['whanau-ora', 'Whānau Ora']],
    at: place(WELLINGTON, {
      taCode: '043',
      taName: 'Kāpiti Coast District',
      city: 'Ōtaki',
      suburb: 'Ōtaki',
      lat: -40.7563,
      lng: 175.1503,
    }),
    accreditations: ['MSD_SSAS', 'MSD_SSAS:3'],
    languages: ['en', 'mi'],
    culturalFocus: ['KAUPAPA_MAORI'],
    deliveryModes: ['IN_PERSON', 'OUTREACH'],
  }),
  // Whānau Ora in Taupō, in another region.
  listing('whanau-ora-taupo', {
    name: 'Whānau Ora Support Taupō',
    description: 'Whānau-centred support for families around the lake.',
    organisationName: 'Tūwharetoa Whānau Services',
    categories: [['whanau-ora', 'Whānau Ora']],
    at: {
      regionCode: '03',
      regionName: 'Waikato',
      regionMi: 'Waikato',
      taCode: '021',
      taName: 'Taupō District',
      city: 'Taupō',
      suburb: 'Taupō',
      lat: -38.6857,
      lng: 176.0702,
    },
    accreditations: ['MSD_SSAS', 'MSD_SSAS:4', 'TE_KAHUI_KAHU', 'TE_KAHUI_KAHU:2'],
    languages: ['en', 'mi'],
    culturalFocus: ['KAUPAPA_MAORI'],
  }),
  // Spelled without macrons in the source: found by 'whānau' as well.
  listing('whanau-plain', {
    name: 'Whanau Budget Kitchen',
    description: 'Cooking on a budget for whanau, Maori and Pacific families welcome.',
    categories: [['parenting-support', 'Parenting support']],
    at: place(WELLINGTON, { suburb: 'Newtown', lat: -41.3126, lng: 174.7794 }),
  }),
  // A mental health service, in the cluster near Wellington central.
  listing('mental-health', {
    name: 'Mental Health Support',
    description: 'Free counselling and peer support for adults.',
    organisationName: 'Capital Wellbeing Trust',
    categories: [['mental-health', 'Mental health', 'Hauora hinengaro']],
    at: place(WELLINGTON, { suburb: 'Te Aro', lat: -41.2941, lng: 174.7764 }),
    accreditations: ['MSD_SSAS', 'MSD_SSAS:2'],
    deliveryModes: ['IN_PERSON', 'PHONE'],
  }),
  // Says only 'hauora hinengaro': found by 'mental health' through the synonym phrase.
  listing('hauora-hinengaro-rangatahi', {
    name: 'Hauora Hinengaro Rangatahi',
    description: 'Kōrero with a kaimahi about how you are going.',
    categories: [['youth-services', 'Youth services', 'Rangatahi']],
    at: place(WELLINGTON, { suburb: 'Kilbirnie', lat: -41.3174, lng: 174.7947 }),
    languages: ['en', 'mi'],
  }),
  // Food bank: says 'food', found by 'kai'.
  listing('foodbank', {
    name: 'Porirua Foodbank',
    description: 'Emergency food parcels for households in need.',
    categories: [['food', 'Food', 'Kai']],
    at: place(WELLINGTON, {
      taCode: '044',
      taName: 'Porirua City',
      city: 'Porirua',
      suburb: 'Porirua',
      lat: -41.1327,
      lng: 174.8389,
    }),
    openingHours: TUE_THU_1000_1400,
  }),
  // Says only 'kai': found by 'food'.
  listing('pataka-kai', {
    name: 'Pātaka Kai',
    description: 'A community pātaka in the marae grounds.',
    categories: [['community-support', 'Community support services']],
    at: place(WELLINGTON, {
      suburb: 'Petone',
      city: 'Lower Hutt',
      taCode: '046',
      taName: 'Lower Hutt City',
      lat: -41.2267,
      lng: 174.8711,
    }),
  }),
  // Kaumātua: found by 'elders' and 'kaumatua'.
  listing('kaumatua', {
    name: 'Kaumātua Programme',
    description: 'Weekly gatherings, health checks and transport for our elders.',
    categories: [['kaumatua-services', 'Kaumātua services']],
    at: {
      regionCode: '03',
      regionName: 'Waikato',
      regionMi: 'Waikato',
      taCode: '016',
      taName: 'Hamilton City',
      city: 'Hamilton',
      suburb: 'Frankton',
      lat: -37.7896,
      lng: 175.2653,
    },
    culturalFocus: ['KAUPAPA_MAORI'],
  }),
  // Youth: found by 'rangatahi'.
  listing('youth', {
    name: 'Youth Mentoring',
    description: 'Mentors for young people aged 12 to 24.',
    categories: [['youth-services', 'Youth services']],
    at: {
      regionCode: '13',
      regionName: 'Canterbury',
      regionMi: 'Waitaha',
      taCode: '060',
      taName: 'Christchurch City',
      city: 'Christchurch',
      suburb: 'Linwood',
      lat: -43.5342,
      lng: 172.6664,
    },
  }),
  // Employment: found by 'mahi'.
  listing('employment', {
    name: 'Job Seekers Support',
    description: 'CV help and employment brokerage.',
    categories: [['employment-assistance', 'Employment assistance', 'Mahi']],
    at: place(WELLINGTON, { suburb: 'Johnsonville', lat: -41.2232, lng: 174.8049 }),
  }),
  // Housing: found by 'whare'.
  listing('housing', {
    name: 'Tenancy and Housing Advice',
    description: 'Help to find and keep a rental home.',
    categories: [['housing-support', 'Housing support']],
    at: place(WELLINGTON, { suburb: 'Newtown', lat: -41.3129, lng: 174.7797 }),
  }),
  // The current budgeting listing: less relevant to 'budgeting' than the two below, ranked first.
  listing('budgeting-current', {
    name: 'Financial Mentoring',
    description: 'Free financial mentors; budgeting help available.',
    categories: [['financial-mentoring', 'Financial mentoring']],
  }),
  // Stale: not verified for 300 days.
  listing('budgeting-stale', {
    name: 'Budgeting Advice',
    description: 'Budgeting advice and budgeting courses.',
    categories: [['financial-mentoring', 'Financial mentoring']],
    lastVerifiedAt: STALE,
  }),
  // No capacity.
  listing('budgeting-full', {
    name: 'Budgeting Service',
    description: 'Budgeting help for budgeting households.',
    categories: [['financial-mentoring', 'Financial mentoring']],
    capacity: 'NO_CAPACITY',
  }),
  // Temporarily closed: never 'open now', ranked with the lower tier.
  listing('closed', {
    name: 'Budgeting Drop-in',
    description: 'Closed while we move premises.',
    categories: [['financial-mentoring', 'Financial mentoring']],
    status: 'TEMPORARILY_CLOSED',
    capacity: 'NO_CAPACITY',
  }),
  // Pacific, Samoan and Tongan speaking, outreach only, on a waitlist.
  listing('pacific', {
    name: 'Pacific Family Support',
    description: 'Family support delivered in Gagana Sāmoa and lea faka-Tonga.',
    categories: [['parenting-support', 'Parenting support']],
    at: {
      regionCode: '02',
      regionName: 'Auckland',
      regionMi: 'Tāmaki Makaurau',
      taCode: '076',
      taName: 'Auckland',
      city: 'Auckland',
      suburb: 'Ōtara',
      lat: -36.9617,
      lng: 174.8762,
    },
    languages: ['en', 'sm', 'to'],
    culturalFocus: ['PACIFIC'],
    deliveryModes: ['OUTREACH'],
    capacity: 'WAITLIST',
  }),
  // Nationwide phone line, no location, open all hours.
  listing('helpline', {
    at: null,
    name: 'Family Violence Helpline',
    description: 'Free, confidential, 24 hours a day for anyone affected by family violence.',
    organisationName: 'National Helpline Trust',
    categories: [['family-violence', 'Family violence']],
    deliveryModes: ['PHONE', 'ONLINE'],
    languages: ['en', 'mi', 'nzs'],
    openingHours: ALWAYS,
    nationwide: true,
  }),
]

export const byId = (id: string): SearchDocument => {
  const d = FIXTURES.find((f) => f.id === id)
  if (!d) throw new Error(`no fixture ${id}`)
  return d
}

export const nz = fromNzLocal
