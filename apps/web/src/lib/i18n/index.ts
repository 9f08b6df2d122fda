import type { Capability, Role } from '@fsn/domain'
import { en, type MessageKey } from './en'
import { mi, type MiKey } from './mi'

export type { MessageKey, MiKey }

type Params = Record<string, string | number>

/** English text for a key; {placeholders} are filled from params and left as-is when missing. */
export function t(key: MessageKey, params?: Params): string {
  const text: string = en[key]
  if (!params) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/** te reo Māori text for a key that has one. */
export function tMi(key: MiKey): string {
  return mi[key]
}

export function hasMi(key: MessageKey): key is MiKey {
  return key in mi
}

/**
 * A label in both languages, te reo first as NZ agencies show it ("Rārangi ratonga / Directory").
 * Returned as parts so markup can mark the te reo with lang="mi".
 */
export function bilingual(key: MessageKey): { mi: string | null; en: string } {
  return { mi: hasMi(key) ? mi[key] : null, en: en[key] }
}

/** Plain text of a bilingual label, for <title> and aria-label where markup cannot go. */
export function bilingualText(key: MessageKey): string {
  return hasMi(key) ? `${mi[key]} / ${en[key]}` : en[key]
}

// Template-literal keys make adding a role or capability in @fsn/domain without a label a type error.
export function roleLabel(role: Role): string {
  return t(`role.${role}`)
}

export function capabilityLabel(capability: Capability): string {
  return t(`cap.${capability}`)
}

export function pageTitle(page: string): string {
  return t('app.pageTitle', { page })
}
