// The one settings source for both engines: search/settings.json and the synonyms file it names, at
// the top of the repository. Read from disk (not imported) so an operator can change ranking words
// without a rebuild, and validated, because a typo in a JSON key would otherwise silently fall back
// to an engine default and the two engines would rank differently.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

/** The top-level search/ folder, found from this file so any working directory works. */
export const SETTINGS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../search')

const ZFacetAttribute = z.enum([
  'regionCodes',
  'taCodes',
  'categoryCodes',
  'accreditations',
  'languages',
  'culturalFocus',
  'deliveryModes',
  'capacity',
])

export const FACET_NAMES = [
  'region',
  'territorialAuthority',
  'category',
  'accreditation',
  'language',
  'culturalFocus',
  'deliveryMode',
  'capacity',
] as const
export type FacetName = (typeof FACET_NAMES)[number]
export type FacetAttribute = z.infer<typeof ZFacetAttribute>

const ZSearchableAttribute = z.enum([
  'name',
  'categoryNames',
  'organisationName',
  'placeNames',
  'description',
])
export type SearchableAttribute = z.infer<typeof ZSearchableAttribute>

export const ZSettingsFile = z.strictObject({
  $comment: z.string().optional(),
  index: z.string().min(1),
  primaryKey: z.literal('id'),
  searchableAttributes: z.array(ZSearchableAttribute).min(1),
  filterableAttributes: z.array(z.string()).min(1),
  sortableAttributes: z.array(z.string()),
  facets: z.strictObject(
    Object.fromEntries(FACET_NAMES.map((f) => [f, ZFacetAttribute])) as Record<
      FacetName,
      typeof ZFacetAttribute
    >,
  ),
  rankingRules: z.array(z.string()).min(1),
  matchingStrategy: z.enum(['all', 'last', 'frequency']),
  typoTolerance: z.strictObject({
    enabled: z.boolean(),
    minWordSizeForTypos: z.strictObject({ oneTypo: z.int().min(1), twoTypos: z.int().min(1) }),
    disableOnNumbers: z.boolean(),
  }),
  stopWords: z.record(z.string(), z.array(z.string())),
  synonyms: z.string().min(1),
  staleAfterDays: z.int().positive(),
  pagination: z.strictObject({ maxTotalHits: z.int().positive() }),
  faceting: z.strictObject({ maxValuesPerFacet: z.int().positive() }),
  embedded: z.strictObject({
    $comment: z.string().optional(),
    matchWeights: z.strictObject({
      exact: z.number().positive(),
      synonym: z.number().positive(),
      prefix: z.number().positive(),
      oneTypo: z.number().positive(),
      twoTypos: z.number().positive(),
    }),
    maxExpansions: z.int().positive(),
  }),
})

export const ZSynonymsFile = z.strictObject({
  groups: z.array(z.array(z.string().min(1)).min(2)),
})

export type SettingsFile = z.infer<typeof ZSettingsFile>

/** Settings as the adapters use them: the file, with the synonyms file read in. */
export interface SearchSettings extends Omit<SettingsFile, 'synonyms' | '$comment'> {
  /** Mutual groups: a search for any phrase in a group also finds listings using another. */
  synonymGroups: string[][]
}

export function parseSettings(settings: unknown, synonyms: unknown): SearchSettings {
  const { synonyms: _file, $comment: _c, ...rest } = ZSettingsFile.parse(settings)
  if (rest.typoTolerance.minWordSizeForTypos.twoTypos < rest.typoTolerance.minWordSizeForTypos.oneTypo) {
    throw new Error('search settings: typoTolerance.minWordSizeForTypos.twoTypos must be >= oneTypo')
  }
  for (const attribute of Object.values(rest.facets)) {
    if (!rest.filterableAttributes.includes(attribute)) {
      throw new Error(`search settings: facet attribute ${attribute} is not in filterableAttributes`)
    }
  }
  return { ...rest, synonymGroups: ZSynonymsFile.parse(synonyms).groups }
}

const cache = new Map<string, SearchSettings>()

/** Reads and validates search/settings.json and its synonyms file (once per process and folder). */
export function loadSettings(dir = SETTINGS_DIR): SearchSettings {
  const hit = cache.get(dir)
  if (hit) return hit
  const settings = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as { synonyms?: unknown }
  const synonymsFile = typeof settings.synonyms === 'string' ? settings.synonyms : 'synonyms.json'
  const synonyms: unknown = JSON.parse(readFileSync(join(dir, synonymsFile), 'utf8'))
  const parsed = parseSettings(settings, synonyms)
  cache.set(dir, parsed)
  return parsed
}

/** Every stop word, all languages together (a query mixes te reo and English freely). */
export function allStopWords(settings: SearchSettings): string[] {
  return [...new Set(Object.values(settings.stopWords).flat())]
}
