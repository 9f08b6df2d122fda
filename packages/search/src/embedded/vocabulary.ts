// Every word in the index with the number of documents using it, and the expansion of a query word
// into index words: itself, longer words when it is being typed, and words within its typo
// allowance. Kept apart from the text engines so every embedded candidate expands a query the same
// way (and the benchmark compares the engines, not their fuzzy rules).
import type { PlanTerm } from '../text'
import { typoCount } from '../text'

export interface MatchWeights {
  exact: number
  synonym: number
  prefix: number
  oneTypo: number
  twoTypos: number
}

/** An index word a query word matches, and how much that match counts. */
export interface Expansion {
  word: string
  weight: number
  typos: number
  /** The query word itself, as typed (not a synonym, completion or typo). */
  exact: boolean
}

export class Vocabulary {
  private readonly counts = new Map<string, number>()
  private sorted: string[] | null = null
  private byFirst: Map<string, string[]> | null = null
  private readonly cache = new Map<string, Expansion[]>()

  constructor(
    private readonly weights: MatchWeights,
    private readonly maxExpansions: number,
  ) {}

  get size(): number {
    return this.counts.size
  }

  /** Counts each distinct word of one document. */
  add(docWords: Iterable<string>): void {
    for (const w of new Set(docWords)) this.counts.set(w, (this.counts.get(w) ?? 0) + 1)
    this.dirty()
  }

  remove(docWords: Iterable<string>): void {
    for (const w of new Set(docWords)) {
      const n = (this.counts.get(w) ?? 0) - 1
      if (n > 0) this.counts.set(w, n)
      else this.counts.delete(w)
    }
    this.dirty()
  }

  clear(): void {
    this.counts.clear()
    this.dirty()
  }

  private dirty(): void {
    this.sorted = null
    this.byFirst = null
    if (this.cache.size) this.cache.clear()
  }

  private buckets(): { sorted: string[]; byFirst: Map<string, string[]> } {
    if (!this.sorted || !this.byFirst) {
      this.sorted = [...this.counts.keys()].sort()
      this.byFirst = new Map()
      for (const w of this.sorted) {
        const list = this.byFirst.get(w[0]!)
        if (list) list.push(w)
        else this.byFirst.set(w[0]!, [w])
      }
    }
    return { sorted: this.sorted, byFirst: this.byFirst }
  }

  /**
   * The index words a query word matches, best first, at most `maxExpansions` of them: a short
   * prefix such as 'a' would otherwise pull in thousands of words and every document.
   */
  expand(term: PlanTerm): Expansion[] {
    const key = `${term.term}|${term.kind}|${term.prefix ? 1 : 0}|${term.maxTypos}`
    const hit = this.cache.get(key)
    if (hit) return hit
    const { sorted, byFirst } = this.buckets()
    const found = new Map<string, Expansion>()
    const base = term.kind === 'synonym' ? this.weights.synonym : this.weights.exact
    if (this.counts.has(term.term)) {
      found.set(term.term, { word: term.term, weight: base, typos: 0, exact: term.kind === 'exact' })
    }
    if (term.prefix) {
      for (let i = lowerBound(sorted, term.term); i < sorted.length; i++) {
        const w = sorted[i]!
        if (!w.startsWith(term.term)) break
        if (w === term.term) continue
        // MiniSearch's prefix decay: longer completions count a little less.
        const weight = (this.weights.prefix * w.length) / (w.length + 0.3 * (w.length - term.term.length))
        found.set(w, { word: w, weight, typos: 0, exact: false })
      }
    }
    if (term.maxTypos > 0) {
      // A first-letter typo counts two, so with one typo allowed only words sharing the first
      // letter can match; with two, any word within one edit can.
      const lists = term.maxTypos >= 2 ? [...byFirst.values()] : [byFirst.get(term.term[0]!) ?? []]
      for (const list of lists) {
        for (const w of list) {
          if (found.has(w)) continue
          const typos = typoCount(term.term, w, term.maxTypos, term.prefix)
          if (typos === Infinity || typos === 0) continue
          const weight = typos === 1 ? this.weights.oneTypo : this.weights.twoTypos
          found.set(w, { word: w, weight, typos, exact: false })
        }
      }
    }
    const out = [...found.values()]
      .sort((a, b) => b.weight - a.weight || (this.counts.get(b.word) ?? 0) - (this.counts.get(a.word) ?? 0))
      .slice(0, this.maxExpansions)
    this.cache.set(key, out)
    return out
  }
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! < key) lo = mid + 1
    else hi = mid
  }
  return lo
}
