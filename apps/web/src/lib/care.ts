// Issue 6's page helpers (no server code, safe in the browser bundle): who sees which navigation
// entry, the board's columns, how long an application has waited, the readiness template's order.
// Only hints for the UI: the API decides every permission.
import { can } from '$lib/capabilities'
import type { SessionUser } from '$lib/types'

export const canSeeCareBoard = (user: SessionUser | null) =>
  can(user, 'care-partner:review', 'care-partner:endorse', 'care-partner:approve', 'funding:agree')

/** The Quality Hub's home: overdue quality cycle items and open escalations. */
export const isQualityHub = (user: SessionUser | null) => can(user, 'care-partner:review')

/** Case members: the people who coordinate around a person or whānau (and provider staff named on a case). */
export const canSeeCases = (user: SessionUser | null) =>
  can(user, 'referral:send', 'referral:respond', 'person:record') || (user?.roles.includes('PROVIDER_ADMIN') ?? false)

/** The organisations a user administers, each of which may apply to become an s396 care partner. */
export function applicantOrganisations(user: SessionUser | null): { id: string; name: string }[] {
  if (!user) return []
  const seen = new Map<string, string>()
  for (const m of user.memberships) {
    if (m.role === 'PROVIDER_ADMIN' && m.organisation) seen.set(m.organisation.id, m.organisation.name)
  }
  return [...seen].map(([id, name]) => ({ id, name }))
}

/** The readiness template's sections in the information sheet's order. */
export const READINESS_SECTIONS = [
  { code: 'ORGANISATION_AND_ASPIRATIONS', title: 'The organisation, its needs and aspirations' },
  { code: 'MODEL_OF_CARE', title: 'Model of care' },
  { code: 'CAPACITY', title: 'Capacity to deliver the model of care' },
  { code: 'CAPABILITY', title: 'Capability to provide high quality care' },
  { code: 'SUPPORT_FOR_TAMARIKI_WHANAU_AND_CARERS', title: 'Support for tamariki, their whānau and carers' },
  { code: 'NATIONAL_CARE_STANDARDS', title: 'Meeting the National Care Standards and Related Matters 2018' },
  { code: 'SECTION_7AA', title: 'Section 7AA of the Oranga Tamariki Act 1989' },
  { code: 'LOCAL_AND_REGIONAL_RELATIONSHIPS', title: 'Relationships with Oranga Tamariki locally and regionally' },
] as const

export const STEPS = [1, 2, 3, 4] as const
export type Step = (typeof STEPS)[number]

/** Applications in the board's four columns, longest waiting first within each. */
export function byStep<T extends { step: number; updatedAt: string }>(applications: readonly T[]): Record<Step, T[]> {
  const columns: Record<Step, T[]> = { 1: [], 2: [], 3: [], 4: [] }
  for (const a of applications) {
    const step = STEPS.find((s) => s === a.step)
    if (step) columns[step].push(a)
  }
  for (const step of STEPS) columns[step].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
  return columns
}

/** How long since the last move, in the largest whole unit that reads naturally. */
export function waited(sinceIso: string, now: Date = new Date()): { unit: 'minutes' | 'hours' | 'day' | 'days'; n: number } {
  const ms = Math.max(0, now.getTime() - new Date(sinceIso).getTime())
  const hours = Math.floor(ms / 3_600_000)
  if (hours < 1) return { unit: 'minutes', n: Math.floor(ms / 60_000) }
  if (hours < 24) return { unit: 'hours', n: hours }
  const days = Math.floor(hours / 24)
  return days === 1 ? { unit: 'day', n: 1 } : { unit: 'days', n: days }
}

/** The id of a form field for a readiness section (also its anchor). */
export const sectionFieldId = (code: string) => `readiness-${code.toLowerCase().replace(/_/g, '-')}`
