// Service categories. Table 1 of the MSD Community Connection Service guidelines ("Welfare services
// offered through the Care in the Community Model"), the everyday family services a Family
// Services Directory lists, and the network's own services. Each maps to the Open Eligibility 2.0
// term that fits it (code from prisma/reference/open-eligibility-terms.csv), or null where none does.

export type CategoryGroup =
  'MSD_COORDINATED' | 'HEALTH_LED' | 'OTHER_AGENCIES' | 'FAMILY_SERVICES' | 'NETWORK'

export interface ServiceCategory {
  code: string
  name: string
  /** te reo Māori name, given only where one is in common use by NZ agencies. */
  nameMi: string | null
  group: CategoryGroup
  /** Lead agency named in Table 1, where it names one. */
  leadAgency: string | null
  description: string
  openEligibilityCode: string | null
}

export const CATEGORY_GROUP_LABELS: Record<CategoryGroup, string> = {
  MSD_COORDINATED: 'Co-ordinated by MSD',
  HEALTH_LED: 'Led by Health',
  OTHER_AGENCIES: 'Delivered by MSD and other agencies',
  FAMILY_SERVICES: 'Family services',
  NETWORK: 'Network services',
}

export const SERVICE_CATEGORIES: readonly ServiceCategory[] = [
  // Table 1, delivered by MSD directly or through community partners
  {
    code: 'benefit-payments',
    name: 'Benefit payments',
    nameMi: null,
    group: 'MSD_COORDINATED',
    leadAgency: 'MSD',
    description: 'Help to apply for and keep main benefits and supplementary assistance.',
    openEligibilityCode: '1256',
  },
  {
    code: 'employment-assistance',
    name: 'Employment assistance',
    nameMi: 'Mahi',
    group: 'MSD_COORDINATED',
    leadAgency: 'MSD',
    description: 'Job search, training and support into work.',
    openEligibilityCode: '1357',
  },
  {
    code: 'food',
    name: 'Food',
    nameMi: 'Kai',
    group: 'MSD_COORDINATED',
    leadAgency: 'MSD',
    description: 'Food parcels, community food providers and help to pay for food.',
    openEligibilityCode: '1102',
  },
  {
    code: 'accommodation-costs',
    name: 'Accommodation costs to sustain current home',
    nameMi: null,
    group: 'MSD_COORDINATED',
    leadAgency: 'MSD',
    description: 'Income-related help with rent, board and housing costs to keep a current home.',
    openEligibilityCode: '1137',
  },
  {
    code: 'utility-bills',
    name: 'Power, gas, heating or water bills',
    nameMi: null,
    group: 'MSD_COORDINATED',
    leadAgency: 'MSD',
    description: 'Help with power, gas, heating and water bills.',
    openEligibilityCode: '1119',
  },
  {
    code: 'senior-services',
    name: 'Senior services',
    nameMi: null,
    group: 'MSD_COORDINATED',
    leadAgency: 'MSD',
    description: 'Support for older people: NZ Super, SuperGold, isolation and daily living.',
    openEligibilityCode: '20006',
  },
  {
    code: 'other-urgent-costs',
    name: 'Other urgent costs',
    nameMi: null,
    group: 'MSD_COORDINATED',
    leadAgency: 'MSD',
    description: 'Hardship grants for urgent and unavoidable costs.',
    openEligibilityCode: '1113',
  },
  {
    code: 'community-support',
    name: 'Community support services',
    nameMi: null,
    group: 'MSD_COORDINATED',
    leadAgency: 'MSD',
    description: 'Local community support, navigation and practical help.',
    openEligibilityCode: '1303',
  },
  // Table 1, led by Health
  {
    code: 'disability-support',
    name: 'Disability support',
    nameMi: 'Whaikaha',
    group: 'HEALTH_LED',
    leadAgency: 'Health',
    description: 'Support for disabled people and their whānau.',
    openEligibilityCode: '20017',
  },
  {
    code: 'medication',
    name: 'Medication',
    nameMi: null,
    group: 'HEALTH_LED',
    leadAgency: 'Health',
    description: 'Prescriptions and help to get medicines.',
    openEligibilityCode: '1204',
  },
  {
    code: 'medical-devices',
    name: 'Medical devices',
    nameMi: null,
    group: 'HEALTH_LED',
    leadAgency: 'Health',
    description: 'Medical equipment and supplies.',
    openEligibilityCode: '1169',
  },
  {
    code: 'mental-health',
    name: 'Mental health',
    nameMi: 'Hauora hinengaro',
    group: 'HEALTH_LED',
    leadAgency: 'Health',
    description: 'Mental health and wellbeing support.',
    openEligibilityCode: '20025',
  },
  {
    code: 'addiction',
    name: 'Addiction',
    nameMi: null,
    group: 'HEALTH_LED',
    leadAgency: 'Health',
    description: 'Alcohol, drug and gambling harm support and treatment.',
    openEligibilityCode: '1178',
  },
  // Table 1, delivered by MSD and other agencies
  {
    code: 'early-learning-packs',
    name: 'Early learning education packs',
    nameMi: null,
    group: 'OTHER_AGENCIES',
    leadAgency: 'Ministry of Education and MSD',
    description: 'Learning packs for tamariki at home.',
    openEligibilityCode: '1344',
  },
  {
    code: 'educational-devices',
    name: 'Educational devices',
    nameMi: null,
    group: 'OTHER_AGENCIES',
    leadAgency: 'Ministry of Education',
    description: 'Devices and connectivity for learning.',
    openEligibilityCode: '1318',
  },
  {
    code: 'children-in-care',
    name: 'At-risk children and children in care',
    nameMi: null,
    group: 'OTHER_AGENCIES',
    leadAgency: 'Oranga Tamariki',
    description: 'Support for tamariki at risk and tamariki in care.',
    openEligibilityCode: '1271',
  },
  {
    code: 'family-violence',
    name: 'Family violence',
    nameMi: null,
    group: 'OTHER_AGENCIES',
    leadAgency: 'MSD and Police',
    description: 'Safety, advocacy and support for people affected by family violence.',
    openEligibilityCode: '1124',
  },
  {
    code: 'whanau-ora',
    name: 'Whānau Ora',
    nameMi: 'Whānau Ora',
    group: 'OTHER_AGENCIES',
    leadAgency: 'Te Puni Kōkiri',
    description: 'Whānau-centred support through Whānau Ora navigators.',
    openEligibilityCode: null,
  },
  {
    code: 'animal-welfare',
    name: 'Animal welfare',
    nameMi: null,
    group: 'OTHER_AGENCIES',
    leadAgency: 'Ministry for Primary Industries',
    description: 'Care for pets and animals when whānau cannot.',
    openEligibilityCode: '1276',
  },
  // Everyday family services
  {
    code: 'parenting-support',
    name: 'Parenting support',
    nameMi: null,
    group: 'FAMILY_SERVICES',
    leadAgency: null,
    description: 'Parenting programmes, home visiting and support for parents.',
    openEligibilityCode: '1195',
  },
  {
    code: 'counselling',
    name: 'Counselling',
    nameMi: null,
    group: 'FAMILY_SERVICES',
    leadAgency: null,
    description: 'Individual, couple and whānau counselling.',
    openEligibilityCode: '1304',
  },
  {
    code: 'financial-mentoring',
    name: 'Financial mentoring and budgeting',
    nameMi: null,
    group: 'FAMILY_SERVICES',
    leadAgency: null,
    description: 'Free financial mentoring, budgeting and debt help.',
    openEligibilityCode: '1262',
  },
  {
    code: 'housing-support',
    name: 'Housing and tenancy support',
    nameMi: null,
    group: 'FAMILY_SERVICES',
    leadAgency: null,
    description: 'Help to find and keep a home, and tenancy advice.',
    openEligibilityCode: '1142',
  },
  {
    code: 'legal-advice',
    name: 'Legal advice',
    nameMi: null,
    group: 'FAMILY_SERVICES',
    leadAgency: null,
    description: 'Free legal advice and advocacy.',
    openEligibilityCode: '1375',
  },
  {
    code: 'youth-services',
    name: 'Youth services',
    nameMi: 'Rangatahi',
    group: 'FAMILY_SERVICES',
    leadAgency: null,
    description: 'Support, mentoring and activities for rangatahi.',
    openEligibilityCode: '20004',
  },
  {
    code: 'kaumatua-services',
    name: 'Kaumātua services',
    nameMi: 'Kaumātua',
    group: 'FAMILY_SERVICES',
    leadAgency: null,
    description: 'Support and connection for kaumātua and their whānau.',
    openEligibilityCode: '20006',
  },
  // The network's own services
  {
    code: 'community-connection',
    name: 'Community Connection Service',
    nameMi: null,
    group: 'NETWORK',
    leadAgency: 'MSD',
    description: 'Community connectors link people and whānau to the support and services they need.',
    openEligibilityCode: '1292',
  },
  {
    code: 'shared-care',
    name: 'Shared (partnered) care',
    nameMi: null,
    group: 'NETWORK',
    leadAgency: 'Oranga Tamariki',
    description: 'Care for tamariki by approved s396 care partners, shared with Oranga Tamariki.',
    openEligibilityCode: '1272',
  },
] as const

export const CATEGORY_TAXONOMY = {
  name: 'Family Services Network categories',
  description:
    'Service categories from Table 1 of the MSD Community Connection Service guidelines, everyday family services and network services.',
  version: '1',
} as const

export const OPEN_ELIGIBILITY_TAXONOMY = {
  name: 'Open Eligibility 2.0',
  description: 'Open Eligibility human services taxonomy v2.0 (Aunt Bertha, CC BY-SA 3.0).',
  uri: 'http://openeligibility.org',
  version: '2.0',
} as const

export function categoryByCode(code: string): ServiceCategory | undefined {
  return SERVICE_CATEGORIES.find((c) => c.code === code)
}
