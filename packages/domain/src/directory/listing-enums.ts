// Directory vocabularies a listing edit uses, spelled exactly as the enums in prisma/schema.prisma.
// (Service status and capacity live in ../routing/routing-enums.ts, which the routing check reads.)

export const DELIVERY_MODES = ['IN_PERSON', 'PHONE', 'ONLINE', 'OUTREACH'] as const
export type DeliveryMode = (typeof DELIVERY_MODES)[number]

/** Guidelines, cultural responsiveness: Māori, Pacific, ethnic and culturally diverse communities. */
export const CULTURAL_FOCUSES = ['KAUPAPA_MAORI', 'PACIFIC', 'ETHNIC_COMMUNITIES'] as const
export type CulturalFocus = (typeof CULTURAL_FOCUSES)[number]

/** HSDS phone.type. */
export const PHONE_TYPES = ['voice', 'cell', 'text', 'fax', 'video', 'pager', 'textphone'] as const
export type PhoneType = (typeof PHONE_TYPES)[number]

/** RFC 5545 BYDAY codes, as HSDS schedules (and our Schedule.byday) spell weekdays. */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const
export type Weekday = (typeof WEEKDAYS)[number]

/** The 16 regional council regions by Stats NZ REGC code (10 and 11 are not used). */
export const REGION_CODES = [
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
] as const
