// Helpers for the benchmarked libraries (MiniSearch, Orama): their results as the engine's columns,
// and a plan evaluated from per-word postings for a library without boolean queries.
import type { ExpandedPlan, TextMatches } from '../src/embedded/text-index'
import type { Expansion } from '../src/embedded/vocabulary'

/**
 * How a document matched: Meilisearch ranks by typos before anything else, and an exact word above
 * a synonym or a completion ('exactness'), so BM25 alone would let a rare synonym outrank the word
 * typed. typos: summed over clauses, the fewest in each; inexact: clauses met only by a synonym,
 * completion or typo.
 */
export interface TextMatch {
  score: number
  typos: number
  inexact: number
}

export function toMatches(map: Map<number, TextMatch>): TextMatches {
  const out: TextMatches = {
    length: map.size,
    slots: new Int32Array(map.size),
    scores: new Float64Array(map.size),
    typos: new Uint8Array(map.size),
    inexact: new Uint8Array(map.size),
  }
  let i = 0
  for (const [slot, m] of map) {
    out.slots[i] = slot
    out.scores[i] = m.score
    out.typos[i] = Math.min(255, m.typos)
    out.inexact[i++] = Math.min(255, m.inexact)
  }
  return out
}

/** For each index word of a plan, the clauses it serves and how well. */
export function planWords(
  plan: ExpandedPlan,
): Map<string, { clause: number; typos: number; exact: boolean }[]> {
  const out = new Map<string, { clause: number; typos: number; exact: boolean }[]>()
  plan.forEach((clause, c) => {
    for (const conj of clause)
      for (const slot of conj)
        for (const e of slot) {
          const list = out.get(e.word) ?? []
          list.push({ clause: c, typos: e.typos, exact: e.exact })
          out.set(e.word, list)
        }
  })
  return out
}

/** typos and inexact (see TextMatch) from the index words a document matched. */
export function matchQuality(
  clauses: number,
  words: ReturnType<typeof planWords>,
  matched: readonly string[],
): { typos: number; inexact: number } {
  const typos = new Array<number>(clauses).fill(Infinity)
  const exact = new Array<boolean>(clauses).fill(false)
  for (const w of matched) {
    for (const u of words.get(w) ?? []) {
      if (u.typos < typos[u.clause]!) typos[u.clause] = u.typos
      if (u.exact) exact[u.clause] = true
    }
  }
  let t = 0
  let inexact = 0
  for (let c = 0; c < clauses; c++) {
    t += Number.isFinite(typos[c]) ? typos[c]! : 0
    if (!exact[c]) inexact++
  }
  return { typos: t, inexact }
}

interface Partial {
  s: number
  t: number
  e: boolean
}

/**
 * Evaluates an expanded plan from per-word postings, for libraries without boolean queries:
 * OR sums scores and keeps the best quality, AND keeps documents in every part and adds up.
 */
export function evaluatePlan(
  plan: ExpandedPlan,
  postings: (word: string) => Map<number, number>,
): Map<number, TextMatch> {
  const cache = new Map<string, Map<number, number>>()
  const union = (parts: Map<number, Partial>[]) => {
    const out = new Map<number, Partial>()
    for (const part of parts) {
      for (const [id, p] of part) {
        const o = out.get(id)
        if (!o) out.set(id, { ...p })
        else {
          o.s += p.s
          o.t = Math.min(o.t, p.t)
          o.e ||= p.e
        }
      }
    }
    return out
  }
  const intersect = (parts: Map<number, Partial>[], combine: (a: Partial, b: Partial) => void) => {
    const sorted = [...parts].sort((a, b) => a.size - b.size)
    const out = new Map<number, Partial>()
    outer: for (const [id, first] of sorted[0] ?? []) {
      const acc = { ...first }
      for (let k = 1; k < sorted.length; k++) {
        const v = sorted[k]!.get(id)
        if (v === undefined) continue outer
        combine(acc, v)
      }
      out.set(id, acc)
    }
    return out
  }
  const word = (e: Expansion) => {
    let p = cache.get(e.word)
    if (!p) cache.set(e.word, (p = postings(e.word)))
    const out = new Map<number, Partial>()
    for (const [id, s] of p) out.set(id, { s: s * e.weight, t: e.typos, e: e.exact })
    return out
  }
  const clauses = plan.map((clause) =>
    union(
      clause.map((conj) =>
        intersect(
          conj.map((slot) => union(slot.map(word))),
          (a, b) => {
            a.s += b.s
            a.t += b.t
            a.e &&= b.e
          },
        ),
      ),
    ),
  )
  const out = new Map<number, TextMatch>()
  if (clauses.length === 0) return out
  // Per clause, then summed: the inexact count needs each clause's own flag.
  const sorted = clauses.map((m, i) => [m, i] as const).sort((a, b) => a[0].size - b[0].size)
  outer: for (const [id] of sorted[0]![0]) {
    let score = 0
    let typos = 0
    let inexact = 0
    for (const [m] of sorted) {
      const p = m.get(id)
      if (!p) continue outer
      score += p.s
      typos += p.t
      if (!p.e) inexact++
    }
    out.set(id, { score, typos, inexact })
  }
  return out
}
