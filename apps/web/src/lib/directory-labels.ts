// Human labels for the directory search's facets and badges, from the message catalogue, with the
// API's own label as the fallback for a value this build does not know (a new category, a
// language we have no name for), so nothing shows as a bare code.
import {
  CAPACITIES,
  CULTURAL_FOCUSES,
  DELIVERY_MODES,
  FACET_NAMES,
  LIST_PARAMS,
  PARAM_OF_FACET,
  type DirectoryFacet,
  type FacetName,
  type ListParam,
  type SearchCriteria,
} from './directory-search'
import { t, type MessageKey } from './i18n'

export interface NamedCode {
  code: string
  name: string
  nameMi: string | null
}

export interface Lookups {
  regions: readonly NamedCode[]
  categories: readonly NamedCode[]
}

const ACCREDITATION = /^([A-Z][A-Z0-9_]*)(?::(\d{1,2}))?$/
const SCHEMES = ['MSD_SSAS', 'TE_KAHUI_KAHU', 'OT_S396'] as const
type Scheme = (typeof SCHEMES)[number]
const isScheme = (s: string): s is Scheme => (SCHEMES as readonly string[]).includes(s)

/** "MSD Level 3", "Te Kāhui Kāhu Level 1", "s396 care partner"; the API's label for anything else. */
export function accreditationLabel(value: string, fallback?: string): string {
  const m = ACCREDITATION.exec(value)
  const scheme = m?.[1]
  if (!m || !scheme || !isScheme(scheme)) return fallback || value
  const level = m[2]
  if (level === undefined || scheme === 'OT_S396') return t(`search.accreditation.${scheme}`)
  return t(`search.accreditation.${scheme}.level`, { level: Number(level) })
}

const LANGUAGES = ['en', 'mi', 'sm', 'to', 'zh', 'hi', 'nzs'] as const
type KnownLanguage = (typeof LANGUAGES)[number]
const isKnownLanguage = (s: string): s is KnownLanguage => (LANGUAGES as readonly string[]).includes(s)

export function languageLabel(code: string, fallback?: string): string {
  if (isKnownLanguage(code)) return t(`search.language.${code}`)
  return fallback && fallback !== code ? fallback : code
}

export function cultureLabel(value: string, fallback?: string): string {
  return (CULTURAL_FOCUSES as readonly string[]).includes(value) ? t(`search.culture.${value as (typeof CULTURAL_FOCUSES)[number]}`) : fallback || value
}

export function modeLabel(value: string, fallback?: string): string {
  return (DELIVERY_MODES as readonly string[]).includes(value) ? t(`search.mode.${value as (typeof DELIVERY_MODES)[number]}`) : fallback || value
}

export function capacityLabel(value: string, fallback?: string): string {
  return (CAPACITIES as readonly string[]).includes(value) ? t(`search.capacity.${value as (typeof CAPACITIES)[number]}`) : fallback || value
}

export interface FacetOption {
  value: string
  /** English (or the only) label. */
  label: string
  /** The te reo Māori name, when the API gives one (categories, regions). */
  labelMi: string | null
  count: number
  selected: boolean
}

export interface FacetGroup {
  name: FacetName
  /** The URL parameter (and form field name) its values go in. */
  param: ListParam
  legend: string
  legendKey: MessageKey
  /** Shown straight away: the first few, and every chosen value. */
  shown: FacetOption[]
  /** The rest, behind "Show n more". */
  more: FacetOption[]
}

/** How many values a group shows before "Show n more". */
export const FACET_SHOWN = 8

// Small, fixed vocabularies keep their own order; the rest go by count, then label.
const FIXED_ORDER: Partial<Record<FacetName, readonly string[]>> = {
  capacity: CAPACITIES,
  culturalFocus: CULTURAL_FOCUSES,
  deliveryMode: DELIVERY_MODES,
}

function optionLabel(name: FacetName, value: string, apiLabel: string, lookups: Lookups): { label: string; labelMi: string | null } {
  switch (name) {
    case 'region': {
      const r = lookups.regions.find((x) => x.code === value)
      return { label: r?.name ?? (apiLabel || value), labelMi: r?.nameMi ?? null }
    }
    case 'category': {
      const c = lookups.categories.find((x) => x.code === value)
      return { label: c?.name ?? (apiLabel || value), labelMi: c?.nameMi ?? null }
    }
    case 'accreditation':
      return { label: accreditationLabel(value, apiLabel), labelMi: null }
    case 'language':
      return { label: languageLabel(value, apiLabel), labelMi: null }
    case 'culturalFocus':
      return { label: cultureLabel(value, apiLabel), labelMi: null }
    case 'deliveryMode':
      return { label: modeLabel(value, apiLabel), labelMi: null }
    case 'capacity':
      return { label: capacityLabel(value, apiLabel), labelMi: null }
    default:
      return { label: apiLabel || value, labelMi: null }
  }
}

const isFacetName = (name: string): name is FacetName => (FACET_NAMES as readonly string[]).includes(name)

/**
 * The facet groups the page shows, in a fixed order. Every value the search chose is listed even
 * when the API no longer counts it (0 results), so it can always be unticked.
 */
export function facetGroups(facets: readonly DirectoryFacet[], criteria: SearchCriteria, lookups: Lookups): FacetGroup[] {
  const byName = new Map(facets.filter((f) => isFacetName(f.name)).map((f) => [f.name as FacetName, f]))
  return FACET_NAMES.flatMap((name) => {
    const param = PARAM_OF_FACET[name]
    const chosen = new Set<string>(criteria[param])
    const options = new Map<string, FacetOption>()
    for (const v of byName.get(name)?.values ?? []) {
      if (!LIST_PARAMS[param].pattern.test(v.value)) continue
      options.set(v.value, { value: v.value, ...optionLabel(name, v.value, v.label, lookups), count: v.count, selected: chosen.has(v.value) })
    }
    for (const value of chosen) {
      if (!options.has(value)) options.set(value, { value, ...optionLabel(name, value, '', lookups), count: 0, selected: true })
    }
    if (options.size === 0) return []
    const fixed = FIXED_ORDER[name]
    const sorted = [...options.values()].sort((a, b) => {
      if (fixed) return fixed.indexOf(a.value) - fixed.indexOf(b.value)
      if (name === 'region') return a.value.localeCompare(b.value)
      return b.count - a.count || a.label.localeCompare(b.label, 'en-NZ')
    })
    // All 16 regions fit; long lists (districts, languages) keep the rest behind "more".
    const limit = name === 'region' ? 16 : FACET_SHOWN
    const shown = sorted.filter((o, i) => i < limit || o.selected)
    const more = sorted.filter((o, i) => !(i < limit || o.selected))
    const legendKey: MessageKey = `search.facet.${name}`
    return [{ name, param, legend: t(legendKey), legendKey, shown, more }]
  })
}

/** Counts per region code from the region facet, for the map. */
export function regionCounts(facets: readonly DirectoryFacet[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const v of facets.find((f) => f.name === 'region')?.values ?? []) counts[v.value] = v.count
  return counts
}
