// How services in each category read in a directory listing: names, descriptions, how they are
// delivered, who they are for. `{town}` is the provider's town. Te reo Māori names are used by
// kaupapa Māori providers, as many do; descriptions are bilingual where that is natural.

export type Mode = 'IN_PERSON' | 'PHONE' | 'ONLINE' | 'OUTREACH'

export interface CategoryProfile {
  /** Relative share of providers whose main work this is (network categories are placed apart). */
  weight: number
  /** How a provider's description says it does this ("We offer ..."). */
  phrase: string
  names: readonly string[]
  namesMi?: readonly string[]
  descriptions: readonly string[]
  /** Probability of each delivery mode (at least one is always chosen). */
  modes: Partial<Record<Mode, number>>
  eligibility?: readonly string[]
  minimumAge?: number
  maximumAge?: number
  applicationProcess?: readonly string[]
}

const SELF_REFER = [
  'Self-referral: phone, email or walk in.',
  'Walk in during opening hours or phone to make a time.',
  'Self-referral or referral from any agency, GP or community connector.',
]
const AGENCY_REFER = [
  'Referral from Work and Income, a GP, school or community agency; self-referrals welcome.',
  'Phone for an initial conversation; we can take referrals from other services with your consent.',
]

export const CATEGORY_PROFILES: Record<string, CategoryProfile> = {
  'benefit-payments': {
    phrase: 'benefit advocacy',
    weight: 2,
    names: ['Benefit Advocacy', 'Welfare Rights Advice', 'Work and Income Support'],
    descriptions: [
      'Free advocacy for people dealing with Work and Income in {town}: checking entitlements, help with applications and reviews of decisions, and someone to come with you to appointments.',
      'We help you understand what you are entitled to, fill in forms and sort out problems with benefits, supplementary assistance and debts to MSD.',
    ],
    modes: { IN_PERSON: 0.95, PHONE: 0.7, ONLINE: 0.2 },
    applicationProcess: SELF_REFER,
  },
  'employment-assistance': {
    phrase: 'employment support',
    weight: 4,
    names: ['Employment Support', 'Job Ready Programme', 'Work Skills Course', 'Driver Licence Programme'],
    namesMi: ['Mahi Ora', 'Te Ara Mahi'],
    descriptions: [
      'One-to-one help into work for people in {town}: CVs, interview practice, licences and tickets, and support in the first months of a new job.',
      'Free courses and mentoring for job seekers, with links to local employers. Rangatahi not in work or study are especially welcome.',
    ],
    modes: { IN_PERSON: 0.95, PHONE: 0.4, ONLINE: 0.3, OUTREACH: 0.1 },
    eligibility: [
      'Job seekers aged 16 and over.',
      'People receiving a main benefit, and others looking for work.',
    ],
    minimumAge: 16,
    applicationProcess: AGENCY_REFER,
  },
  food: {
    phrase: 'kai and food support',
    weight: 10,
    names: ['Foodbank', 'Community Pantry', 'Food Parcels', 'Community Meals', 'Food Rescue'],
    namesMi: ['Pātaka Kai', 'Kai Parcels', 'Kai Mō Te Whānau'],
    descriptions: [
      'Emergency food parcels for individuals and whānau in {town}. Please bring photo ID and, if you have one, a referral from Work and Income or a community agency.',
      'A community pantry open to anyone who needs kai. Take what you need; fresh produce from local growers most days.',
      'Free hot meals and a warm space, no questions asked. Kai parcels available on request.',
    ],
    modes: { IN_PERSON: 1, OUTREACH: 0.15 },
    eligibility: [
      'Anyone in need of food.',
      'People and whānau in hardship; a referral helps but is not required.',
    ],
    applicationProcess: SELF_REFER,
  },
  'accommodation-costs': {
    phrase: 'help with rent and housing costs',
    weight: 1.5,
    names: ['Rent Arrears Support', 'Housing Costs Advocacy'],
    descriptions: [
      'Help to keep your home: we work with you, your landlord and Work and Income on rent arrears, bonds and accommodation supplement.',
    ],
    modes: { IN_PERSON: 0.9, PHONE: 0.8 },
    applicationProcess: AGENCY_REFER,
  },
  'utility-bills': {
    phrase: 'help with power and water bills',
    weight: 1,
    names: ['Power Bill Support', 'Warm Homes Advice', 'Energy Hardship Service'],
    descriptions: [
      'Behind on power, gas or water? We talk to your retailer, check you are on the right plan and help with hardship grants and curtain and heater banks.',
    ],
    modes: { IN_PERSON: 0.6, PHONE: 0.9, OUTREACH: 0.3 },
    applicationProcess: SELF_REFER,
  },
  'senior-services': {
    phrase: 'support for older people',
    weight: 4,
    names: ['Seniors Support', 'Visiting Service', 'Older Persons Advocacy', 'SuperGold Help Desk'],
    descriptions: [
      'Friendly visiting, help with NZ Super and SuperGold, and advocacy for older people in {town}. We also run weekly social mornings.',
      'Support for older people to stay safe and well at home, including elder abuse prevention and help with forms and appointments.',
    ],
    modes: { IN_PERSON: 0.9, PHONE: 0.7, OUTREACH: 0.5 },
    eligibility: ['People aged 65 and over and their whānau.'],
    minimumAge: 65,
    applicationProcess: SELF_REFER,
  },
  'other-urgent-costs': {
    phrase: 'hardship support',
    weight: 1.5,
    names: ['Hardship Assistance', 'Emergency Support Fund'],
    descriptions: [
      'Help with urgent, unavoidable costs when other support has run out: we help apply for hardship grants and can give small one-off assistance.',
    ],
    modes: { IN_PERSON: 0.9, PHONE: 0.8 },
    applicationProcess: AGENCY_REFER,
  },
  'community-support': {
    phrase: 'community support and advice',
    weight: 8,
    names: ['Community Support', 'Drop-in Centre', 'Information and Advice', 'Community Navigation'],
    namesMi: ['Whanaungatanga', 'Manaaki Tangata'],
    descriptions: [
      'A welcoming community house in {town}: information and advice, help with forms, a free phone and computer, and links to local services.',
      'Practical help and navigation for people and whānau who are not sure where to start. We help you find the right service and come with you if you want.',
    ],
    modes: { IN_PERSON: 1, PHONE: 0.6, OUTREACH: 0.2 },
    applicationProcess: SELF_REFER,
  },
  'disability-support': {
    phrase: 'disability support',
    weight: 4,
    names: [
      'Disability Support',
      'Disability Information and Advisory',
      'Carer Support',
      'Independent Living Service',
    ],
    descriptions: [
      'Information, advocacy and practical support for disabled people, their whānau and carers in {town}, including help with funding and equipment.',
      'Support to live independently: life skills, community participation and respite for carers.',
    ],
    modes: { IN_PERSON: 0.8, PHONE: 0.7, ONLINE: 0.3, OUTREACH: 0.4 },
    applicationProcess: AGENCY_REFER,
  },
  medication: {
    phrase: 'help getting medicines',
    weight: 1,
    names: ['Prescription Support', 'Medicines Delivery'],
    descriptions: [
      'Help to get prescriptions filled and delivered when you cannot get to a pharmacy, including help with prescription costs.',
    ],
    modes: { IN_PERSON: 0.6, PHONE: 0.8, OUTREACH: 0.7 },
    applicationProcess: AGENCY_REFER,
  },
  'medical-devices': {
    phrase: 'equipment loans',
    weight: 0.7,
    names: ['Equipment Loan', 'Mobility Equipment Hire'],
    descriptions: [
      'Short-term loan of mobility aids, shower stools and other equipment while you wait for funded supply.',
    ],
    modes: { IN_PERSON: 1, PHONE: 0.6 },
    applicationProcess: SELF_REFER,
  },
  'mental-health': {
    phrase: 'mental health and wellbeing support',
    weight: 6,
    names: ['Mental Health Support', 'Peer Support', 'Wellbeing Programme', 'Community Support Work'],
    namesMi: ['Hauora Hinengaro', 'Oranga Hinengaro'],
    descriptions: [
      'Free community mental health support in {town}: one-to-one support workers, peer support groups and help to stay connected.',
      'Wellbeing support for adults experiencing stress, anxiety or low mood. Not a crisis service: in an emergency call 111, or call or text 1737.',
    ],
    modes: { IN_PERSON: 0.9, PHONE: 0.7, ONLINE: 0.4, OUTREACH: 0.3 },
    applicationProcess: AGENCY_REFER,
  },
  addiction: {
    phrase: 'alcohol, drug and gambling harm support',
    weight: 3,
    names: [
      'Alcohol and Drug Counselling',
      'Gambling Harm Support',
      'Recovery Support',
      'Addiction Support Group',
    ],
    namesMi: ['Te Ara Whakaora'],
    descriptions: [
      'Free, confidential counselling for people affected by alcohol, drugs or gambling, and for their whānau. Day and evening appointments.',
      'Recovery support groups and one-to-one help for people wanting to cut down or stop, with links to detox and residential services.',
    ],
    modes: { IN_PERSON: 0.95, PHONE: 0.6, ONLINE: 0.3 },
    eligibility: ['People aged 18 and over affected by alcohol, drug or gambling harm, and their whānau.'],
    minimumAge: 18,
    applicationProcess: SELF_REFER,
  },
  'early-learning-packs': {
    phrase: 'early learning packs',
    weight: 0.7,
    names: ['Learning at Home Packs', 'Early Learning Packs'],
    descriptions: [
      'Learning packs with books, puzzles and activities for tamariki aged 0-5 learning at home, delivered to the door.',
    ],
    modes: { IN_PERSON: 0.5, OUTREACH: 0.8 },
    eligibility: ['Whānau with tamariki aged 0 to 5.'],
    minimumAge: 0,
    maximumAge: 5,
    applicationProcess: AGENCY_REFER,
  },
  'educational-devices': {
    phrase: 'devices for learning',
    weight: 0.8,
    names: ['Device Access', 'Digital Inclusion', 'Computers for Whānau'],
    descriptions: [
      'Refurbished laptops, internet connection and digital skills for whānau with school-age tamariki.',
    ],
    modes: { IN_PERSON: 0.9, ONLINE: 0.3 },
    eligibility: ['Whānau with tamariki at school who have no device at home.'],
    minimumAge: 5,
    maximumAge: 18,
    applicationProcess: AGENCY_REFER,
  },
  'children-in-care': {
    phrase: 'support for tamariki and their caregivers',
    weight: 2,
    names: ['Caregiver Support', 'Foster Care Support', 'Tamariki Wellbeing Service'],
    namesMi: ['Mokopuna Ora'],
    descriptions: [
      'Support for caregivers and tamariki in care: training, respite and a social worker you can call. We work alongside Oranga Tamariki.',
      'Intensive support for tamariki at risk and their whānau so tamariki can stay safely at home.',
    ],
    modes: { IN_PERSON: 0.7, PHONE: 0.6, OUTREACH: 0.7 },
    eligibility: ['Tamariki and rangatahi under 18, their whānau and caregivers.'],
    minimumAge: 0,
    maximumAge: 17,
    applicationProcess: ['Referral from Oranga Tamariki, schools, health services or community agencies.'],
  },
  'family-violence': {
    phrase: 'family violence support',
    weight: 5,
    names: ['Safety and Advocacy', 'Family Violence Support', 'Stopping Violence Programme', 'Safe House'],
    namesMi: ['Whānau Haumaru'],
    descriptions: [
      'Free, confidential support for anyone affected by family violence in {town}: safety planning, advocacy, protection orders and safe accommodation. Call us any time.',
      'Non-violence programmes for people who want to stop using violence, with support for their partners and whānau.',
    ],
    modes: { IN_PERSON: 0.9, PHONE: 0.9, OUTREACH: 0.4 },
    applicationProcess: ['Phone us any time; self-referral, Police and agency referrals accepted.'],
  },
  'whanau-ora': {
    phrase: 'Whānau Ora navigation',
    weight: 5,
    names: ['Whānau Ora Navigation', 'Whānau Ora Kaiārahi', 'Whānau Planning'],
    descriptions: [
      'Whānau Ora navigators (kaiārahi) walk alongside whānau to set their own goals and reach the support they need: housing, health, education and income.',
      'He ratonga Whānau Ora mō ngā whānau katoa. Our kaiārahi work with the whole whānau, in your home or on the marae.',
    ],
    modes: { IN_PERSON: 0.8, PHONE: 0.6, OUTREACH: 0.9 },
    applicationProcess: SELF_REFER,
  },
  'animal-welfare': {
    phrase: 'care for pets',
    weight: 0.8,
    names: ['Pet Food Bank', 'Emergency Pet Care', 'Animal Desexing Support'],
    descriptions: [
      'Pet food and emergency foster care for animals when their owners are in hospital, isolating or escaping violence.',
    ],
    modes: { IN_PERSON: 0.9, PHONE: 0.6 },
    applicationProcess: SELF_REFER,
  },
  'parenting-support': {
    phrase: 'parenting support',
    weight: 8,
    names: [
      'Parenting Programme',
      'Home Visiting',
      'Parent Support',
      'Toolbox Parenting Course',
      'Dads Group',
    ],
    namesMi: ['Hapū Wānanga', 'Mokopuna Ora', 'Whakatipu Tamariki'],
    descriptions: [
      'Free parenting courses and home visits for parents and caregivers of tamariki in {town}. Morning and evening groups; tamariki welcome.',
      'A social worker visits you at home to support you with your baby or young tamariki, from pregnancy until your child turns five.',
    ],
    modes: { IN_PERSON: 0.9, OUTREACH: 0.6, ONLINE: 0.2 },
    eligibility: ['Parents, caregivers and hapū māmā.', 'Parents and caregivers of tamariki aged 0 to 12.'],
    applicationProcess: SELF_REFER,
  },
  counselling: {
    phrase: 'counselling',
    weight: 8,
    names: ['Counselling', 'Family Counselling', 'Couples Counselling', 'Youth Counselling', 'Grief Support'],
    namesMi: ['Whakaora Counselling'],
    descriptions: [
      'Individual, couple and whānau counselling with registered counsellors in {town}. Low-cost or free for Community Services Card holders.',
      'Counselling for people going through grief, relationship breakdown, stress or trauma. Appointments usually within two weeks.',
    ],
    modes: { IN_PERSON: 0.95, PHONE: 0.4, ONLINE: 0.5 },
    applicationProcess: SELF_REFER,
  },
  'financial-mentoring': {
    phrase: 'financial mentoring',
    weight: 9,
    names: ['Financial Mentoring', 'Budgeting Service', 'Debt Help', 'Money Management Course'],
    namesMi: ['Whānau Pūtea', 'Kaitiaki Pūtea'],
    descriptions: [
      'Free, confidential financial mentoring in {town}: we help you make a plan, deal with debt, talk to creditors and get what you are entitled to.',
      'One-to-one budgeting support and group money courses. Bring your bank statements and bills to your first appointment.',
    ],
    modes: { IN_PERSON: 0.95, PHONE: 0.6, ONLINE: 0.3 },
    applicationProcess: SELF_REFER,
  },
  'housing-support': {
    phrase: 'housing and tenancy support',
    weight: 5,
    names: ['Tenancy Support', 'Housing Navigation', 'Emergency Housing Support', 'Night Shelter'],
    namesMi: ['Kāinga Whānau', 'Te Whare Noho'],
    descriptions: [
      'Help to find and keep a home in {town}: tenancy advice, help with applications for public housing, and support while in emergency accommodation.',
      'Supported accommodation and a night shelter for people without a safe place to stay, with case workers to help into long-term housing.',
    ],
    modes: { IN_PERSON: 0.95, PHONE: 0.7, OUTREACH: 0.3 },
    applicationProcess: AGENCY_REFER,
  },
  'legal-advice': {
    phrase: 'free legal advice',
    weight: 3,
    names: ['Free Legal Advice', 'Legal Clinic', 'Tenancy and Employment Advice'],
    descriptions: [
      'Free legal advice from lawyers and trained volunteers on family, tenancy, employment, debt and criminal matters. Evening clinics weekly.',
    ],
    modes: { IN_PERSON: 0.9, PHONE: 0.7, ONLINE: 0.3 },
    applicationProcess: ['Phone to book an appointment; drop-in clinics some evenings.'],
  },
  'youth-services': {
    phrase: 'youth services',
    weight: 6,
    names: ['Youth Mentoring', 'Youth Hub', 'Youth Health and Wellbeing', 'Alternative Education Support'],
    namesMi: ['Rangatahi Programme', 'Te Ara Rangatahi'],
    descriptions: [
      'A free space for rangatahi aged 12 to 24 in {town}: mentoring, health services, activities and help with school, training and work.',
      'Youth workers support rangatahi through tough times, one-to-one and in groups, at school, in the community or online.',
    ],
    modes: { IN_PERSON: 0.9, ONLINE: 0.3, OUTREACH: 0.4 },
    eligibility: ['Rangatahi aged 12 to 24.'],
    minimumAge: 12,
    maximumAge: 24,
    applicationProcess: SELF_REFER,
  },
  'kaumatua-services': {
    phrase: 'kaumātua services',
    weight: 3,
    names: ['Kaumātua Programme', 'Kaumātua Support'],
    namesMi: ['Kaumātua Rōpū', 'Te Whare Kaumātua'],
    descriptions: [
      'Weekly kaumātua rōpū with kai, kōrero, gentle exercise and outings, plus help with health appointments and NZ Super.',
      'Tautoko for kaumātua and their whānau: home visits, transport to appointments, and kapa haka and te reo sessions.',
    ],
    modes: { IN_PERSON: 0.9, OUTREACH: 0.6, PHONE: 0.3 },
    eligibility: ['Kaumātua aged 55 and over; whānau welcome.'],
    minimumAge: 55,
    applicationProcess: SELF_REFER,
  },
  'community-connection': {
    phrase: 'the Community Connection Service',
    weight: 0,
    names: ['Community Connection Service', 'Community Connectors'],
    descriptions: [
      'Community connectors support people and whānau in {town} to reach the support and services they need: income entitlements, housing, kai, health and employment. Funded by the Ministry of Social Development.',
      'Our community connectors walk alongside whānau, link them with local providers and government agencies, and can help with immediate hardship when other support is exhausted.',
    ],
    modes: { IN_PERSON: 0.9, PHONE: 0.9, OUTREACH: 0.7 },
    applicationProcess: [
      'Referral from the MSD Triage Team or self-referral. We confirm within 12 hours whether we can accept a referral.',
    ],
  },
  'shared-care': {
    phrase: 'shared care of tamariki as an s396 care partner',
    weight: 0,
    names: ['Shared Care', 'Partnered Care', 'Care Partner Services'],
    descriptions: [
      'Approved s396 care partner: we provide care for tamariki and rangatahi in the custody of Oranga Tamariki, in partnership with their whānau and Oranga Tamariki.',
    ],
    modes: { IN_PERSON: 0.6, OUTREACH: 0.8 },
    eligibility: ['Tamariki and rangatahi in the care or custody of Oranga Tamariki.'],
    minimumAge: 0,
    maximumAge: 17,
    applicationProcess: ['Referral from Oranga Tamariki only.'],
  },
}

/** Opening lines kaupapa Māori, Pacific and ethnic-community providers often put first. */
export const CULTURAL_OPENERS = {
  KAUPAPA_MAORI: [
    'Nau mai, haere mai. ',
    'He ratonga kaupapa Māori tēnei. ',
    'Kia ora, welcome. We are a kaupapa Māori service grounded in tikanga and whanaungatanga. ',
  ],
  PACIFIC: [
    'Talofa lava, mālō e lelei, kia orana. ',
    'A Pacific service for Pacific families, delivered in our languages and values. ',
  ],
  ETHNIC_COMMUNITIES: [
    'Support in your own language for migrant, refugee and ethnic communities. ',
    'Our multilingual team supports new New Zealanders and their families. ',
  ],
} as const

/** Tell apart two services of one provider with the same name (after the suburb). */
export const NAME_QUALIFIERS: readonly string[] = [
  'Evening',
  'Outreach',
  'Group Programme',
  'Weekend',
  'Drop-in',
]
