// Accreditation schemes and their levels. Expiry is derived from validTo against a time passed in.

export const ACCREDITATION_SCHEMES = ['MSD_SSAS', 'TE_KAHUI_KAHU', 'OT_S396'] as const
export type AccreditationScheme = (typeof ACCREDITATION_SCHEMES)[number]

export interface SchemeDefinition {
  scheme: AccreditationScheme
  name: string
  /** Levels the scheme grants, lowest first; empty for an approval with no levels. */
  levels: readonly number[]
}

export const SCHEMES: Record<AccreditationScheme, SchemeDefinition> = {
  // Social Sector Accreditation Standards: levels One to Four.
  MSD_SSAS: { scheme: 'MSD_SSAS', name: 'MSD Social Sector Accreditation Standards', levels: [1, 2, 3, 4] },
  // Te Kāhui Kāhu: Level 1 or Level 2 is the prerequisite for s396 approval.
  TE_KAHUI_KAHU: { scheme: 'TE_KAHUI_KAHU', name: 'Te Kāhui Kāhu', levels: [1, 2] },
  // Oranga Tamariki Act 1989 s396: approval to care for tamariki in the Chief Executive's custody.
  OT_S396: { scheme: 'OT_S396', name: 'Oranga Tamariki s396 care partner approval', levels: [] },
}

/** Guidelines, Social sector accreditation standards: the Community Connection Service needs Level Three. */
export const COMMUNITY_CONNECTION_REQUIREMENT = { scheme: 'MSD_SSAS', minimumLevel: 3 } as const

export function levelLabel(scheme: AccreditationScheme, level: number | null): string {
  const def = SCHEMES[scheme]
  if (def.levels.length === 0 || level === null) return def.name
  return `${def.name}, Level ${level}`
}

export function isValidLevel(scheme: AccreditationScheme, level: number | null): boolean {
  const levels = SCHEMES[scheme].levels
  return levels.length === 0 ? level === null : level !== null && levels.includes(level)
}
