// Benchmark candidate (bench/search/engines.ts), not production code. Orama as the embedded
// full-text library. Orama has no
// boolean query tree, so each expanded word is looked up on its own (Orama's exact term search,
// BM25 per field) and the plan is combined here.
import { components, count, create, insertMultiple, removeMultiple, type AnyOrama } from '@orama/orama'
import {
  fieldBoosts,
  type TextIndex,
  type TextIndexFactory,
  type TextIndexOptions,
} from '../src/embedded/text-index'
import { evaluatePlan, toMatches } from './combine'

const BM25 = { k: 1.2, b: 0.75, d: 0.5 }

export const oramaText: TextIndexFactory = (options: TextIndexOptions): TextIndex => {
  const fields = [...options.fields]
  const boost = fieldBoosts(fields)
  const make = (): AnyOrama =>
    create({
      schema: Object.fromEntries(fields.map((f) => [f, 'string'])) as Record<string, 'string'>,
      components: {
        tokenizer: {
          language: 'english',
          normalizationCache: new Map(),
          tokenize: (raw: string) => options.tokenize(raw),
        },
      },
    }) as AnyOrama
  let db = make()
  let pending: Record<string, string>[] = []
  // Orama inserts faster in batches; flush before anything reads the index.
  const flush = () => {
    if (pending.length === 0) return
    void insertMultiple(db, pending, pending.length)
    pending = []
  }
  return {
    engine: 'orama',
    add(slot, f) {
      pending.push({ id: String(slot), ...f })
    },
    flush,
    remove(slot) {
      flush()
      void removeMultiple(db, [String(slot)])
    },
    clear() {
      db = make()
      pending = []
    },
    match(plan, allow) {
      flush()
      const store = db.internalDocumentIDStore
      const docsCount = count(db)
      const result = evaluatePlan(plan, (word) => {
        const scores = components.index.search(
          db.data.index as components.index.Index,
          word,
          db.tokenizer,
          undefined,
          fields,
          true,
          0,
          boost,
          BM25,
          docsCount,
          undefined,
          1,
        )
        const out = new Map<number, number>()
        for (const [internalId, score] of scores) {
          out.set(Number(store.internalIdToId[internalId - 1]), score)
        }
        return out
      })
      if (allow) for (const slot of result.keys()) if (!allow(slot)) result.delete(slot)
      return toMatches(result)
    },
  }
}
