// Text handling for the embedded engine, written to behave like Meilisearch so the two engines
// answer the same query the same way (the contract suite holds both to it):
// - folding: NFKD, combining marks removed, lower case (Meilisearch's Latin normaliser does the
//   same: compatibility decomposition, nonspacing-mark removal, lower case), so 'Maori' finds
//   'Māori' and 'whānau' finds 'whanau';
// - typos: Damerau-Levenshtein (a swap of two letters is one typo: 'menatl' finds 'mental'), the
//   allowance by word length from settings, and a typo on the first letter counted as two;
// - prefix: the last query word, as it is being typed, also matches longer words;
// - synonyms: mutual groups, single words and phrases ('mental health' / 'hauora hinengaro');
// - stop words: left out of the index and of queries.
import type { SearchSettings } from './settings'
import { allStopWords } from './settings'

/** Folds macrons and other diacritics and lower-cases: 'Whānau Ōtaki' -> 'whanau otaki'. */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
}

const SEPARATOR = /[^\p{L}\p{N}]+/u

/** Folded words of a text, stop words included. */
export function words(text: string): string[] {
  return normalise(text).split(SEPARATOR).filter(Boolean)
}

export type TermKind = 'exact' | 'synonym'

/** One word of a query as the planner wants it matched. */
export interface PlanTerm {
  term: string
  kind: TermKind
  /** Also match longer words starting with it (the word being typed). */
  prefix: boolean
  /** Typos allowed by the word's length (0, 1 or 2). */
  maxTypos: number
}

/** Any of these words. */
export type Slot = PlanTerm[]
/** All of these slots (a phrase, or one word). */
export type Conjunction = Slot[]
/** Any of these conjunctions: the query word or phrase, or a synonym of it. */
export type Clause = Conjunction[]

/** A query as clauses that must all match (Meilisearch matchingStrategy "all"). */
export interface QueryPlan {
  clauses: Clause[]
  /** The folded query words after stop words, for tests and debugging. */
  words: string[]
}

interface Phrase {
  words: string[]
  group: number
}

/** The settings' word rules compiled once: stop words, synonym lookup and typo allowance. */
export class Analyzer {
  readonly stopWords: ReadonlySet<string>
  private readonly phrasesByFirst = new Map<string, Phrase[]>()
  private readonly groups: string[][][] = []
  private readonly oneTypo: number
  private readonly twoTypos: number
  private readonly typosEnabled: boolean
  private readonly typosOnNumbers: boolean

  constructor(settings: SearchSettings) {
    this.stopWords = new Set(allStopWords(settings).flatMap(words))
    this.oneTypo = settings.typoTolerance.minWordSizeForTypos.oneTypo
    this.twoTypos = settings.typoTolerance.minWordSizeForTypos.twoTypos
    this.typosEnabled = settings.typoTolerance.enabled
    this.typosOnNumbers = !settings.typoTolerance.disableOnNumbers
    for (const group of settings.synonymGroups) {
      const phrases = new Map<string, string[]>()
      for (const p of group) {
        const w = this.indexWords(p)
        if (w.length > 0) phrases.set(w.join(' '), w)
      }
      const index = this.groups.length
      this.groups.push([...phrases.values()])
      for (const w of phrases.values()) {
        const list = this.phrasesByFirst.get(w[0]!) ?? []
        list.push({ words: w, group: index })
        // Longest first, so 'mental health' wins over 'mental'.
        list.sort((a, b) => b.words.length - a.words.length)
        this.phrasesByFirst.set(w[0]!, list)
      }
    }
  }

  /** Words as the index keeps them: folded, stop words left out. */
  indexWords(text: string): string[] {
    return words(text).filter((w) => !this.stopWords.has(w))
  }

  /** Typos a query word may have: settings.typoTolerance, as Meilisearch counts them. */
  typosAllowed(word: string): number {
    if (!this.typosEnabled) return 0
    if (!this.typosOnNumbers && /^\p{N}+$/u.test(word)) return 0
    const length = [...word].length
    return length >= this.twoTypos ? 2 : length >= this.oneTypo ? 1 : 0
  }

  /**
   * The query as clauses. The last word is a prefix unless the query ends in a separator (the
   * person has finished typing it). A query of stop words only plans to nothing: a browse.
   */
  plan(q: string): QueryPlan {
    const all = words(q)
    const content = all.filter((w) => !this.stopWords.has(w))
    const lastIsPrefix = /[\p{L}\p{N}]$/u.test(normalise(q))
    const clauses: Clause[] = []
    for (let i = 0; i < content.length;) {
      const isLast = (k: number) => lastIsPrefix && k === content.length - 1
      const literal = (k: number): Slot => [
        {
          term: content[k]!,
          kind: 'exact',
          prefix: isLast(k),
          maxTypos: this.typosAllowed(content[k]!),
        },
        ...this.singleWordSynonyms(content[k]!),
      ]
      const phrase = this.phraseAt(content, i)
      if (phrase && phrase.words.length > 1) {
        const span = phrase.words.length
        const conjunctions: Clause = [content.slice(i, i + span).map((_, k) => literal(i + k))]
        for (const other of this.groups[phrase.group]!) {
          if (other.join(' ') === phrase.words.join(' ')) continue
          conjunctions.push(other.map((w) => [synonym(w)]))
        }
        clauses.push(conjunctions)
        i += span
      } else {
        const conjunctions: Clause = [[literal(i)]]
        for (const other of this.synonymsOf(content[i]!)) {
          if (other.length > 1) conjunctions.push(other.map((w) => [synonym(w)]))
        }
        clauses.push(conjunctions)
        i += 1
      }
    }
    return { clauses, words: content }
  }

  private phraseAt(content: readonly string[], i: number): Phrase | undefined {
    for (const p of this.phrasesByFirst.get(content[i]!) ?? []) {
      if (p.words.every((w, k) => content[i + k] === w)) return p
    }
    return undefined
  }

  private synonymsOf(word: string): string[][] {
    const own = (this.phrasesByFirst.get(word) ?? []).filter((p) => p.words.length === 1)
    const out: string[][] = []
    for (const p of own) {
      for (const other of this.groups[p.group]!)
        if (!(other.length === 1 && other[0] === word)) out.push(other)
    }
    return out
  }

  private singleWordSynonyms(word: string): PlanTerm[] {
    return this.synonymsOf(word)
      .filter((w) => w.length === 1)
      .map((w) => synonym(w[0]!))
  }
}

function synonym(term: string): PlanTerm {
  // Synonyms match as written: a typo on top of a substitution finds too much.
  return { term, kind: 'synonym', prefix: false, maxTypos: 0 }
}

// ─── Edit distance ───────────────────────────────────────────────────────────────────────────────

let rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)]

/**
 * Optimal-string-alignment (Damerau-Levenshtein without reuse) distance from `query` to `word`, or
 * to the closest prefix of `word` when `prefix` (the query is still being typed). Returns max + 1
 * as soon as the distance must exceed `max`, so scanning a vocabulary stays cheap.
 */
export function editDistance(query: string, word: string, max: number, prefix = false): number {
  const m = query.length
  const n = prefix ? Math.min(word.length, m + max) : word.length
  if (!prefix && Math.abs(m - n) > max) return max + 1
  if (rows[0]!.length <= n) rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)]
  let prev2 = rows[0]!
  let prev = rows[1]!
  let cur = rows[2]!
  for (let j = 0; j <= n; j++) prev[j] = j
  for (let i = 1; i <= m; i++) {
    cur[0] = i
    let rowMin = i
    const qc = query.charCodeAt(i - 1)
    for (let j = 1; j <= n; j++) {
      const wc = word.charCodeAt(j - 1)
      const cost = qc === wc ? 0 : 1
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && qc === word.charCodeAt(j - 2) && query.charCodeAt(i - 2) === wc) {
        d = Math.min(d, prev2[j - 2]! + 1)
      }
      cur[j] = d
      if (d < rowMin) rowMin = d
    }
    // Rows never get cheaper by more than a swap can save, so a row wholly past max ends it.
    if (rowMin > max) return max + 1
    const t = prev2
    prev2 = prev
    prev = cur
    cur = t
  }
  if (!prefix) return Math.min(prev[n]!, max + 1)
  let best = max + 1
  for (let j = 0; j <= n; j++) if (prev[j]! < best) best = prev[j]!
  return best
}

/**
 * Typos between a query word and an index word under Meilisearch's rule that a typo on the first
 * letter counts as two; Infinity when beyond `maxTypos`.
 */
export function typoCount(query: string, word: string, maxTypos: number, prefix: boolean): number {
  if (maxTypos === 0) return Infinity
  if (query[0] === word[0]) {
    const d = editDistance(query, word, maxTypos, prefix)
    return d <= maxTypos ? d : Infinity
  }
  if (maxTypos < 2) return Infinity
  return editDistance(query, word, 1, prefix) <= 1 ? 2 : Infinity
}
