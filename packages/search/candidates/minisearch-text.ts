// Benchmark candidate (bench/search/engines.ts), not production code. MiniSearch as the embedded
// full-text library: BM25+ over the searchable fields, with its query
// tree doing the AND/OR of an expanded plan in one call, filters applied while scoring.
import MiniSearch from 'minisearch'
import type { Query } from 'minisearch'
import {
  fieldBoosts,
  type TextIndex,
  type TextIndexFactory,
  type TextIndexOptions,
} from '../src/embedded/text-index'
import { matchQuality, planWords, toMatches, type TextMatch } from './combine'

export const miniSearchText: TextIndexFactory = (options: TextIndexOptions): TextIndex => {
  const boost = fieldBoosts(options.fields)
  const create = () =>
    new MiniSearch<{ id: number } & Record<string, string | number>>({
      idField: 'id',
      fields: [...options.fields],
      storeFields: [],
      tokenize: options.tokenize,
      // Words arrive folded from tokenize; queries arrive as single index words.
      processTerm: (term) => term,
      searchOptions: { tokenize: (text) => [text], processTerm: (term) => term },
    })
  let mini = create()
  return {
    engine: 'minisearch',
    add(slot, fields) {
      mini.add({ id: slot, ...fields })
    },
    remove(slot) {
      // discard, not remove: removal would need the old text; discarded postings are vacuumed later.
      mini.discard(slot)
    },
    clear() {
      mini = create()
    },
    match(plan, allow) {
      const weights = new Map<string, number>()
      const query: Query = {
        combineWith: 'AND',
        queries: plan.map((clause) => ({
          combineWith: 'OR',
          queries: clause.map((conj) => ({
            combineWith: 'AND',
            queries: conj.map((slot) => ({
              combineWith: 'OR',
              queries: slot.map((e) => {
                weights.set(e.word, Math.max(weights.get(e.word) ?? 0, e.weight))
                return e.word
              }),
            })),
          })),
        })),
      }
      const results = mini.search(query, {
        boost,
        prefix: false,
        fuzzy: false,
        boostTerm: (term) => weights.get(term) ?? 1,
        ...(allow ? { boostDocument: (id: number) => (allow(id) ? 1 : 0) } : {}),
      })
      const words = planWords(plan)
      const out = new Map<number, TextMatch>()
      for (const r of results) {
        out.set(r.id as number, { score: r.score, ...matchQuality(plan.length, words, r.queryTerms) })
      }
      return toMatches(out)
    },
  }
}
