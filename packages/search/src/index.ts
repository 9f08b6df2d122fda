// @fsn/search: the SearchIndex port, the embedded engine (default) and the Meilisearch adapter.
import { createEmbeddedSearchIndex, type EmbeddedSearchIndexOptions } from './embedded/engine'
import { createMeilisearchIndex } from './meilisearch'
import type { SearchIndex } from './port'

export * from './document'
export * from './port'
export {
  FACET_NAMES,
  SETTINGS_DIR,
  loadSettings,
  parseSettings,
  allStopWords,
  type FacetName,
  type FacetAttribute,
  type SearchSettings,
} from './settings'
export { Analyzer, words, editDistance, typoCount, type QueryPlan } from './text'
export { createEmbeddedSearchIndex, type EmbeddedSearchIndexOptions } from './embedded/engine'
export {
  createMeilisearchIndex,
  toMeiliSettings,
  toMeiliSynonyms,
  toMeiliDocument,
  toMeiliFilter,
  toMeiliRequests,
  type MeilisearchIndexOptions,
} from './meilisearch'

/**
 * The composition root's one call: Meilisearch when MEILI_URL is set (MEILI_API_KEY if it needs a
 * key), otherwise the embedded engine. Nothing else in the system knows which.
 */
export function createSearchIndex(
  env: Record<string, string | undefined> = process.env,
  options: Pick<EmbeddedSearchIndexOptions, 'settings' | 'clock'> = {},
): SearchIndex {
  if (env.MEILI_URL) {
    return createMeilisearchIndex({
      url: env.MEILI_URL,
      ...(env.MEILI_API_KEY ? { apiKey: env.MEILI_API_KEY } : {}),
      ...(env.MEILI_INDEX ? { indexUid: env.MEILI_INDEX } : {}),
      ...options,
    })
  }
  return createEmbeddedSearchIndex(options)
}
