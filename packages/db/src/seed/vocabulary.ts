// Words the generator builds names from. Every organisation it makes is fictional: the patterns
// follow how NZ community providers name themselves (a town and what they do, a kaupapa Māori
// name with its rohe or iwi, a Pacific or ethnic community trust), not any real body.

/** Iwi and hapū with mana whenua in each region (Stats NZ code), for kaupapa Māori provider names. */
export const IWI_BY_REGION: Record<string, readonly string[]> = {
  '01': ['Ngāpuhi', 'Te Rarawa', 'Ngāti Kahu', 'Te Aupōuri', 'Ngāti Wai', 'Ngāti Whātua'],
  '02': ['Ngāti Whātua', 'Ngāti Pāoa', 'Te Ākitai Waiohua', 'Ngāti Tamaoho', 'Ngāti Maru'],
  '03': ['Waikato-Tainui', 'Ngāti Maniapoto', 'Ngāti Hauā', 'Raukawa', 'Ngāti Tūwharetoa', 'Hauraki'],
  '04': ['Ngāti Awa', 'Ngāi Te Rangi', 'Te Arawa', 'Ngāti Ranginui', 'Tūhoe', 'Te Whānau-ā-Apanui'],
  '05': ['Ngāti Porou', 'Rongowhakaata', 'Te Aitanga-a-Māhaki', 'Ngāi Tāmanuhiri'],
  '06': ['Ngāti Kahungunu', 'Ngāti Pāhauwera', 'Heretaunga'],
  '07': ['Te Ātiawa', 'Ngāti Ruanui', 'Ngā Ruahine', 'Ngāti Mutunga', 'Ngā Rauru'],
  '08': ['Whanganui', 'Rangitāne', 'Ngāti Raukawa', 'Ngāti Apa', 'Ngāti Hauiti', 'Muaūpoko'],
  '09': [
    'Te Āti Awa',
    'Ngāti Toa Rangatira',
    'Rangitāne o Wairarapa',
    'Ngāti Kahungunu ki Wairarapa',
    'Ngāti Raukawa ki te Tonga',
  ],
  '12': ['Ngāti Waewae', 'Kāti Māhaki ki Makaawhio', 'Poutini Ngāi Tahu'],
  '13': ['Ngāi Tahu', 'Ngāi Tūāhuriri', 'Ngāti Kurī', 'Arowhenua', 'Taumutu'],
  '14': ['Kāi Tahu', 'Ōtākou', 'Puketeraki', 'Moeraki'],
  '15': ['Ngāi Tahu', 'Awarua', 'Waihōpai', 'Ōraka Aparima', 'Hokonui'],
  '16': ['Ngāti Rārua', 'Te Ātiawa o Te Waka-a-Māui', 'Ngāti Tama', 'Ngāti Apa ki te Rā Tō'],
  '17': ['Ngāti Koata', 'Ngāti Rārua', 'Ngāti Kuia', 'Te Ātiawa o Te Waka-a-Māui'],
  '18': ['Rangitāne o Wairau', 'Ngāti Toa Rangatira', 'Ngāti Kuia', 'Ngāti Apa ki te Rā Tō'],
}

/** Kaupapa Māori provider names; `{iwi}`, `{town}` are filled in. */
export const MAORI_ORG_PATTERNS: readonly string[] = [
  'Te Whare Āwhina o {town}',
  'Te Whare Manaaki o {town}',
  'Te Whare Oranga o {town}',
  'Te Rūnanga o {iwi}',
  '{iwi} Social Services',
  '{iwi} Hauora',
  '{iwi} Whānau Services',
  'Te Puna Ora o {town}',
  'Te Puna Hauora o {iwi}',
  'Te Oranga o {iwi}',
  'Te Roopu Āwhina ki {town}',
  'Ngā Kākano Whānau Ora {town}',
  'Te Ara Whānau {town}',
  'Te Kōtuku Whānau Services {town}',
  'Whānau Tahi {town}',
  'Te Tira Manaaki {town}',
  'Te Kāhui Oranga o {iwi}',
  'Mana Wāhine {town}',
  'Te Hā o {iwi}',
  'Tū Tangata {town}',
]

export const PACIFIC_ORG_PATTERNS: readonly string[] = [
  'Pasifika Family Services {town}',
  '{town} Pacific Island Community Trust',
  'Fale Pasifika {town}',
  '{town} Tongan Community Trust',
  '{town} Samoan Community Support Trust',
  'Kāinga Pasifika {town}',
  'Ola Lelei Pasifika {town}',
  '{town} Cook Islands Community Trust',
  'Pasifika Wellbeing {town}',
  '{town} Fijian Community Services',
]

export const ETHNIC_ORG_PATTERNS: readonly string[] = [
  '{town} Multicultural Services Trust',
  '{town} Migrant and Refugee Support',
  '{town} Ethnic Communities Support Trust',
  '{town} Newcomers Network',
  '{town} Chinese Community Support Trust',
  '{town} Indian Community Support Trust',
  '{town} Refugee Resettlement Support',
  '{town} Muslim Community Support Services',
]

/** General provider names by the category the provider mainly delivers. */
export const ORG_PATTERNS_BY_CATEGORY: Record<string, readonly string[]> = {
  'benefit-payments': [
    '{town} Beneficiaries Advocacy Group',
    '{town} Welfare Rights Service',
    '{town} Advocacy Trust',
  ],
  'employment-assistance': [
    '{town} Employment Services Trust',
    '{town} Work Skills Trust',
    'Jobs for {town}',
    '{town} Training and Employment Hub',
  ],
  food: [
    '{town} Foodbank',
    '{town} Community Pantry',
    '{town} Food Rescue',
    '{town} Community Foodbank Trust',
    '{town} City Mission',
  ],
  'accommodation-costs': ['{town} Housing Advocacy Service', '{town} Tenants Support Trust'],
  'utility-bills': ['{town} Energy Hardship Service', '{town} Warm Homes Trust'],
  'senior-services': [
    '{town} Seniors Support Trust',
    '{town} Older Persons Support Service',
    '{town} Senior Citizens Association',
  ],
  'other-urgent-costs': ['{town} Hardship Support Trust', '{town} Community Assistance Fund'],
  'community-support': [
    '{town} Community House',
    '{town} Community Centre Trust',
    '{town} Community Hub',
    '{town} Neighbourhood Centre',
  ],
  'disability-support': [
    '{town} Disability Resource Centre',
    '{town} Independent Living Trust',
    '{town} Disability Support Network',
  ],
  medication: ['{town} Community Health Trust', '{town} Health Shuttle Trust'],
  'medical-devices': ['{town} Equipment Loan Service', '{town} Mobility Equipment Trust'],
  'mental-health': [
    '{town} Mental Health Support Trust',
    '{town} Wellbeing Centre',
    '{town} Peer Support Network',
  ],
  addiction: ['{town} Alcohol and Drug Service', '{town} Recovery Trust', '{town} Gambling Harm Service'],
  'early-learning-packs': ['{town} Learning Hub', '{town} Early Years Trust'],
  'educational-devices': ['{town} Digital Inclusion Trust', '{town} Computers in Homes Trust'],
  'children-in-care': [
    "{town} Children's Trust",
    '{town} Foster Care Support Trust',
    '{town} Kids First Trust',
  ],
  'family-violence': [
    "{town} Women's Refuge",
    '{town} Safe Families Trust',
    '{town} Stopping Violence Services',
    '{town} Family Safety Network',
  ],
  'whanau-ora': ['{town} Whānau Ora Collective', '{town} Whānau Support Trust'],
  'animal-welfare': ['{town} Animal Rescue Trust', '{town} Pet Food Bank', '{town} Animal Welfare Society'],
  'parenting-support': [
    '{town} Parent Centre',
    '{town} Family Centre',
    '{town} Parenting Trust',
    '{town} Dads Support Network',
  ],
  counselling: [
    '{town} Family Counselling Centre',
    '{town} Counselling Trust',
    '{town} Counselling and Support Services',
  ],
  'financial-mentoring': [
    '{town} Budget Service Trust',
    '{town} Budgeting Services',
    '{town} Financial Mentoring Service',
    'Money Matters {town}',
  ],
  'housing-support': [
    '{town} Housing Trust',
    '{town} Night Shelter Trust',
    '{town} Housing Support Services',
  ],
  'legal-advice': [
    '{town} Community Law Centre',
    '{town} Citizens Advice Service',
    '{town} Legal Advice Trust',
  ],
  'youth-services': [
    '{town} Youth Trust',
    '{town} Youth One Stop Shop',
    'Rangatahi Hub {town}',
    '{town} Youth Development Trust',
  ],
  'kaumatua-services': ['{town} Kaumātua Support Trust', '{town} Elders Support Network'],
  'community-connection': ['{town} Community Connectors Trust'],
  'shared-care': ['{town} Care Partners Trust', '{town} Shared Care Services'],
}

/** National providers (helplines, online services) based in a main centre. */
export const NATIONAL_ORG_PATTERNS: readonly string[] = [
  'Aotearoa {topic} Helpline Trust',
  '{topic} Line Aotearoa',
  'National {topic} Support Trust',
  '{topic} Online NZ',
  'Te Waea {topic} Aotearoa',
]

export const NATIONAL_TOPICS_BY_CATEGORY: Record<string, readonly string[]> = {
  'financial-mentoring': ['Budgeting', 'Money Talks', 'Debt Help'],
  'parenting-support': ['Parenting', 'Parent Support', 'New Parents'],
  'mental-health': ['Wellbeing', 'Talk It Through', 'Peer Support'],
  counselling: ['Counselling', 'Listening'],
  'youth-services': ['Youth', 'Rangatahi'],
  'senior-services': ['Seniors', 'Older Persons'],
  'kaumatua-services': ['Kaumātua'],
  'legal-advice': ['Legal Advice', 'Tenancy Advice'],
  'disability-support': ['Disability Information', 'Deaf Community'],
  'housing-support': ['Housing Advice'],
  'community-support': ['Community Information', 'Family Services'],
  'employment-assistance': ['Jobs and Skills'],
  'whanau-ora': ['Whānau'],
}

export const ORG_SUFFIXES: readonly (readonly [string, number])[] = [
  ['', 6],
  [' Trust', 1],
  [' Inc.', 1],
]

export const LEGAL_STATUSES: readonly (readonly [string, number])[] = [
  ['Charitable trust', 50],
  ['Incorporated society', 35],
  ['Limited company (registered charity)', 8],
  ['Iwi or hapū entity', 7],
]

// Names for listing contacts, in pools a provider's staff are likely to come from (a kaupapa
// Māori provider's contact is most likely Māori, and so on), with some mixing.
export type NamePool = 'maori' | 'pakeha' | 'pacific' | 'asian'

export const PERSON_NAMES: Record<NamePool, { given: readonly string[]; family: readonly string[] }> = {
  maori: {
    given: [
      'Aroha',
      'Mere',
      'Hine',
      'Tama',
      'Wiremu',
      'Rāwiri',
      'Ngaire',
      'Kiri',
      'Manaia',
      'Tui',
      'Hēmi',
      'Anahera',
    ],
    family: [
      'Ngata',
      'Tawhiri',
      'Parata',
      'Te Huia',
      'Henare',
      'Pōmare',
      'Tipene',
      'Kingi',
      'Walker',
      'Tamihana',
    ],
  },
  pakeha: {
    given: [
      'Sarah',
      'James',
      'Emma',
      'Michael',
      'Olivia',
      'David',
      'Charlotte',
      'Ben',
      'Rachel',
      'Mark',
      'Kate',
      'Tom',
    ],
    family: [
      'Smith',
      'Williams',
      'Brown',
      'Wilson',
      'Taylor',
      'Thompson',
      'Anderson',
      'Campbell',
      'Stewart',
      'Robertson',
    ],
  },
  pacific: {
    given: [
      'Losa',
      'Sione',
      'Mele',
      'Tevita',
      'Salote',
      'Ioane',
      'Malia',
      'Sefa',
      'Ana',
      'Leilani',
      'Tavita',
    ],
    family: [
      'Faleolo',
      'Tuilagi',
      'Fifita',
      'Taufa',
      'Leota',
      'Pouono',
      'Havili',
      'Sapolu',
      'Tupou',
      'Tuimavave',
    ],
  },
  asian: {
    given: ['Priya', 'Wei', 'Jia', 'Arjun', 'Mei', 'Raj', 'Fatima', 'Ahmed', 'Min-jun', 'Anh'],
    family: ['Patel', 'Singh', 'Chen', 'Wang', 'Li', 'Kumar', 'Sharma', 'Nguyen', 'Kim', 'Hassan'],
  },
}

export const CONTACT_TITLES: readonly string[] = [
  'Service Manager',
  'Intake Coordinator',
  'Team Leader',
  'General Manager',
  'Kaiwhakahaere',
  'Office Manager',
  'Whānau Ora Navigator',
  'Practice Lead',
]

export const STREETS: readonly string[] = [
  'Main Street',
  'High Street',
  'Queen Street',
  'King Street',
  'Victoria Street',
  'Church Street',
  'Station Road',
  'Bridge Street',
  'Albert Street',
  'Great North Road',
  'Russell Street',
  'Hospital Road',
  'Park Road',
  'Kauri Street',
  'Rimu Road',
  'Tōtara Street',
  'Mātai Street',
  'Kōwhai Avenue',
  'Pōhutukawa Drive',
  'Tainui Street',
  'Ruahine Street',
  'Aotea Street',
  'Te Rangi Road',
  'Tawa Street',
  'Miro Street',
  'Dee Street',
  'Palmerston Street',
  'Grey Street',
  'Heretaunga Street',
  'Devon Street',
  'Emerson Street',
  'Jackson Street',
  'Ward Street',
  'Cameron Road',
  'Hinemoa Street',
  'Fenton Street',
  'Gladstone Road',
]

export const UNIT_PREFIXES: readonly string[] = ['Unit 2, ', 'Level 1, ', 'Suite 3, ', 'Shop 4, ', 'Rear, ']

/** Landline area code by region: 09 Auckland and Northland, 07 Waikato and Bay of Plenty, 06 the
 *  rest of the lower North Island but Wellington, 04 Wellington, 03 the South Island. */
export const AREA_CODE_BY_REGION: Record<string, string> = {
  '01': '09',
  '02': '09',
  '03': '07',
  '04': '07',
  '05': '06',
  '06': '06',
  '07': '06',
  '08': '06',
  '09': '04',
  '12': '03',
  '13': '03',
  '14': '03',
  '15': '03',
  '16': '03',
  '17': '03',
  '18': '03',
}
