// Roles and what each may do. One table, read by services (authorisation) and the web (home page).

export const ROLES = [
  'COMMUNITY_CONNECTOR',
  'PROVIDER_INTAKE',
  'PROVIDER_ADMIN',
  'TRIAGE_OFFICER',
  'OT_OFFICER',
  'REGIONAL_COMMISSIONER',
  'REGIONAL_LEAD',
  'QUALITY_HUB',
  'QUALITY_MANAGER',
  'DCE_MPC',
  'BUDGET_MANAGER',
  'NATIONAL_ADMIN',
] as const
export type Role = (typeof ROLES)[number]

export const CAPABILITIES = [
  'directory:search',
  'directory:edit-own-listing',
  'directory:moderate',
  'referral:send',
  'referral:respond',
  'person:record',
  'consent:record',
  'case:participate',
  'coverage:view-region',
  'coverage:view-national',
  'reporting:submit',
  'escalation:receive',
  'care-partner:review',
  'care-partner:endorse',
  'care-partner:approve',
  'funding:agree',
  'users:administer',
  'webhooks:manage',
] as const
export type Capability = (typeof CAPABILITIES)[number]

export const ROLE_CAPABILITIES: Record<Role, readonly Capability[]> = {
  // Guidelines 4-5: the connector at the Community Connection Service host accepts or declines
  // triage's referrals within 12 business hours, makes contact and refers onward.
  COMMUNITY_CONNECTOR: [
    'directory:search',
    'referral:send',
    'referral:respond',
    'person:record',
    'consent:record',
    'case:participate',
    'reporting:submit',
  ],
  PROVIDER_INTAKE: ['directory:search', 'referral:respond', 'case:participate'],
  PROVIDER_ADMIN: ['directory:search', 'directory:edit-own-listing', 'webhooks:manage'],
  TRIAGE_OFFICER: ['directory:search', 'referral:send', 'person:record', 'consent:record', 'case:participate'],
  OT_OFFICER: ['directory:search', 'referral:send', 'person:record', 'consent:record', 'case:participate'],
  REGIONAL_COMMISSIONER: ['directory:search', 'coverage:view-region'],
  REGIONAL_LEAD: ['directory:search', 'coverage:view-region', 'escalation:receive'],
  QUALITY_HUB: ['directory:search', 'care-partner:review'],
  QUALITY_MANAGER: ['directory:search', 'care-partner:review', 'care-partner:endorse'],
  // Oranga Tamariki: only the DCE Māori, Partnerships and Communities holds the s396 delegation.
  DCE_MPC: ['directory:search', 'care-partner:approve'],
  BUDGET_MANAGER: ['directory:search', 'funding:agree'],
  NATIONAL_ADMIN: [
    'directory:search',
    'directory:moderate',
    'coverage:view-national',
    'coverage:view-region',
    'users:administer',
  ],
}

export function capabilitiesOf(roles: readonly Role[]): Capability[] {
  return [...new Set(roles.flatMap((r) => ROLE_CAPABILITIES[r]))]
}
