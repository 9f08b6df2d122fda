// What the embedded engine asks of a full-text library: keep postings for the searchable fields and
// score documents for a query already expanded into index words. Query planning (synonyms, typos,
// prefixes), filters, facets, geo and ranking tiers live in engine.ts, the same for every library,
// so the libraries can be swapped and benchmarked on equal terms.
import type { SearchableAttribute } from '../settings'
import type { Expansion } from './vocabulary'

export type TextFields = Record<SearchableAttribute, string>

/** clauses (all) -> conjunctions (any) -> slots (all) -> index words (any). */
export type ExpandedPlan = Expansion[][][][]

/**
 * Matches as columns (a Map of 40,000 objects costs more than finding them). typos: Meilisearch
 * ranks by typos before anything else, summed over clauses, the fewest in each; inexact: clauses
 * met only by a synonym, completion or typo (its 'exactness'), so BM25 alone cannot let a rare
 * synonym outrank the word typed.
 */
export interface TextMatches {
  length: number
  slots: Int32Array
  scores: Float64Array
  typos: Uint8Array
  inexact: Uint8Array
}

export interface TextIndex {
  readonly engine: string
  add(slot: number, fields: TextFields): void
  remove(slot: number, fields: TextFields): void
  /** Makes added documents searchable (libraries that batch inserts). */
  flush?(): void
  clear(): void
  /**
   * Every document matching every clause, among those `allow` lets through (applied inside the
   * library where it can, so it scores fewer documents). The columns may be reused by the next
   * call: read them before matching again.
   */
  match(plan: ExpandedPlan, allow: ((slot: number) => boolean) | null): TextMatches
}

export interface TextIndexOptions {
  /** Searchable attributes in rank order (settings.searchableAttributes). */
  fields: readonly SearchableAttribute[]
  /** Folded index words of a text, stop words left out (Analyzer.indexWords). */
  tokenize: (text: string) => string[]
}

export type TextIndexFactory = (options: TextIndexOptions) => TextIndex

/**
 * Field weights from the searchable attributes' order: the first counts most, as Meilisearch's
 * attribute rule ranks a match in an earlier attribute higher.
 */
export function fieldBoosts(fields: readonly string[]): Record<string, number> {
  return Object.fromEntries(fields.map((f, i) => [f, fields.length - i]))
}
