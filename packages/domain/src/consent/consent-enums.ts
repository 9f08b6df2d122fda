// Consent vocabularies, spelled exactly as the enums in prisma/schema.prisma.

/** Kinds of personal information a consent may cover and a referral may carry. */
export const INFORMATION_KINDS = [
  'CONTACT_DETAILS',
  'NEEDS_SUMMARY',
  'HEALTH',
  'CHILDREN_AND_CARE',
  'FINANCIAL',
] as const
export type InformationKind = (typeof INFORMATION_KINDS)[number]

/** How each kind reads in a sentence: "The consent does not cover sharing health information." */
export const INFORMATION_KIND_LABELS: Record<InformationKind, string> = {
  CONTACT_DETAILS: 'contact details',
  NEEDS_SUMMARY: 'the needs summary',
  HEALTH: 'health information',
  CHILDREN_AND_CARE: 'information about children and care',
  FINANCIAL: 'financial information',
}

export const CONSENT_METHODS = ['VERBAL', 'WRITTEN', 'DIGITAL'] as const
export type ConsentMethod = (typeof CONSENT_METHODS)[number]
