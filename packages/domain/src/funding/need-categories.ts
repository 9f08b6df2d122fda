// What a connector's discretionary fund may pay for. Guidelines, "Discretionary Funding": the fund
// "can be used, but not limited to, for the following hardship needs" (rent arrears; medical needs
// i.e. doctors' bills and prescriptions; utilities i.e. phone bill, internet or phone data expenses
// and power bills; general household items i.e. clothing, blankets and bedding; transportation
// costs i.e. medical appointments and arranging delivery or collection of items; education needs
// i.e. activity packs) and "cannot be used for: Food; Purchasing a vehicle; Cigarettes or Alcohol".
// The forbidden ones are categories too, so that a request for them is refused with the reason
// instead of being filed under something else.

export const GRANT_NEED_CATEGORIES = [
  'RENT_ARREARS',
  'MEDICAL_DOCTORS_BILL',
  'MEDICAL_PRESCRIPTION',
  'UTILITY_PHONE',
  'UTILITY_INTERNET_OR_DATA',
  'UTILITY_POWER',
  'HOUSEHOLD_CLOTHING',
  'HOUSEHOLD_BLANKETS',
  'HOUSEHOLD_BEDDING',
  'TRANSPORT_MEDICAL_APPOINTMENT',
  'TRANSPORT_DELIVERY_OR_COLLECTION',
  'EDUCATION_ACTIVITY_PACK',
  'FOOD',
  'VEHICLE_PURCHASE',
  'CIGARETTES_OR_ALCOHOL',
] as const
export type GrantNeedCategory = (typeof GRANT_NEED_CATEGORIES)[number]

export type GrantNeedGroup =
  | 'Rent arrears'
  | 'Medical needs'
  | 'Utilities'
  | 'General household items'
  | 'Transportation costs'
  | 'Education needs'
  | 'Not funded'

export interface GrantNeedCategoryInfo {
  code: GrantNeedCategory
  label: string
  /** The guideline's heading for the need. */
  group: GrantNeedGroup
  allowed: boolean
  /** For a forbidden category, the reason a connector is shown; for an allowed one, the rule. */
  rule: string
  /**
   * Table 1 lists this need among the welfare services MSD itself delivers: the person may well
   * qualify for Work and Income help, so the eligibility check matters most here.
   */
  workAndIncomeAlsoHelpsWith: string | null
}

const ALLOWED_RULE = 'Guidelines, Discretionary Funding: a hardship need the fund can be used for.'

export const GRANT_NEED_CATEGORY_INFO: Readonly<Record<GrantNeedCategory, GrantNeedCategoryInfo>> = {
  RENT_ARREARS: {
    code: 'RENT_ARREARS',
    label: 'Rent arrears',
    group: 'Rent arrears',
    allowed: true,
    rule: ALLOWED_RULE,
    workAndIncomeAlsoHelpsWith: 'Income related accommodation costs to sustain current home',
  },
  MEDICAL_DOCTORS_BILL: {
    code: 'MEDICAL_DOCTORS_BILL',
    label: "Doctors' bills",
    group: 'Medical needs',
    allowed: true,
    rule: ALLOWED_RULE,
    workAndIncomeAlsoHelpsWith: null,
  },
  MEDICAL_PRESCRIPTION: {
    code: 'MEDICAL_PRESCRIPTION',
    label: 'Prescriptions',
    group: 'Medical needs',
    allowed: true,
    rule: ALLOWED_RULE,
    workAndIncomeAlsoHelpsWith: null,
  },
  UTILITY_PHONE: {
    code: 'UTILITY_PHONE',
    label: 'Phone bill',
    group: 'Utilities',
    allowed: true,
    rule: ALLOWED_RULE,
    workAndIncomeAlsoHelpsWith: null,
  },
  UTILITY_INTERNET_OR_DATA: {
    code: 'UTILITY_INTERNET_OR_DATA',
    label: 'Internet or phone data',
    group: 'Utilities',
    allowed: true,
    rule: ALLOWED_RULE,
    workAndIncomeAlsoHelpsWith: null,
  },
  UTILITY_POWER: {
    code: 'UTILITY_POWER',
    label: 'Power bill',
    group: 'Utilities',
    allowed: true,
    rule: ALLOWED_RULE,
    workAndIncomeAlsoHelpsWith: 'Power, gas, heating or water bills',
  },
  HOUSEHOLD_CLOTHING: {
    code: 'HOUSEHOLD_CLOTHING',
    label: 'Clothing',
    group: 'General household items',
    allowed: true,
    rule: ALLOWED_RULE,
    workAndIncomeAlsoHelpsWith: null,
  },
  HOUSEHOLD_BLANKETS: {
    code: 'HOUSEHOLD_BLANKETS',
    label: 'Blankets',
    group: 'General household items',
    allowed: true,
    rule: ALLOWED_RULE,
    workAndIncomeAlsoHelpsWith: null,
  },
  HOUSEHOLD_BEDDING: {
    code: 'HOUSEHOLD_BEDDING',
    label: 'Bedding',
    group: 'General household items',
    allowed: true,
    rule: ALLOWED_RULE,
    workAndIncomeAlsoHelpsWith: null,
  },
  TRANSPORT_MEDICAL_APPOINTMENT: {
    code: 'TRANSPORT_MEDICAL_APPOINTMENT',
    label: 'Transport to medical appointments',
    group: 'Transportation costs',
    allowed: true,
    rule: ALLOWED_RULE,
    workAndIncomeAlsoHelpsWith: null,
  },
  TRANSPORT_DELIVERY_OR_COLLECTION: {
    code: 'TRANSPORT_DELIVERY_OR_COLLECTION',
    label: 'Delivery or collection of items',
    group: 'Transportation costs',
    allowed: true,
    rule: ALLOWED_RULE,
    workAndIncomeAlsoHelpsWith: null,
  },
  EDUCATION_ACTIVITY_PACK: {
    code: 'EDUCATION_ACTIVITY_PACK',
    label: 'Activity packs',
    group: 'Education needs',
    allowed: true,
    rule: ALLOWED_RULE,
    workAndIncomeAlsoHelpsWith: 'Early Learning Education Packs (Ministry of Education and MSD)',
  },
  FOOD: {
    code: 'FOOD',
    label: 'Food',
    group: 'Not funded',
    allowed: false,
    rule: 'The discretionary fund cannot be used for food. Contact a local Work and Income office or a nearby Community Food Provider to help the whānau with food.',
    workAndIncomeAlsoHelpsWith: 'Food',
  },
  VEHICLE_PURCHASE: {
    code: 'VEHICLE_PURCHASE',
    label: 'Purchasing a vehicle',
    group: 'Not funded',
    allowed: false,
    rule: 'The discretionary fund cannot be used to purchase a vehicle.',
    workAndIncomeAlsoHelpsWith: null,
  },
  CIGARETTES_OR_ALCOHOL: {
    code: 'CIGARETTES_OR_ALCOHOL',
    label: 'Cigarettes or alcohol',
    group: 'Not funded',
    allowed: false,
    rule: 'The discretionary fund cannot be used for cigarettes or alcohol.',
    workAndIncomeAlsoHelpsWith: null,
  },
}

export const ALLOWED_GRANT_NEED_CATEGORIES: readonly GrantNeedCategory[] = GRANT_NEED_CATEGORIES.filter(
  (c) => GRANT_NEED_CATEGORY_INFO[c].allowed,
)
export const FORBIDDEN_GRANT_NEED_CATEGORIES: readonly GrantNeedCategory[] = GRANT_NEED_CATEGORIES.filter(
  (c) => !GRANT_NEED_CATEGORY_INFO[c].allowed,
)

export function isGrantNeedCategory(value: string): value is GrantNeedCategory {
  return (GRANT_NEED_CATEGORIES as readonly string[]).includes(value)
}
