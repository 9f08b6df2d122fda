// A compact inverted index written for this workload, the third embedded candidate: per word and
// field, typed arrays of (document slot, BM25 term weight), and query evaluation into dense
// per-slot accumulators. The libraries build an object per matching document per word; a broad
// query ('whanau' matches four listings in ten) at 100,000 services then spends its time
// allocating. Scoring is MiniSearch's BM25+ (k 1.2, b 0.7, d 0.5) with field boosts.
import {
  fieldBoosts,
  type ExpandedPlan,
  type TextFields,
  type TextIndex,
  type TextIndexFactory,
  type TextIndexOptions,
  type TextMatches,
} from './text-index'
import type { Expansion } from './vocabulary'

const K1 = 1.2
const B = 0.7
const D = 0.5
// Recompute stored term weights when average field lengths move this much (bulk loads).
const DRIFT = 0.05

/** Postings of one word in one field. Removed documents are skipped by generation, then compacted. */
class Postings {
  n = 0
  dead = 0
  slots = new Int32Array(4)
  gens = new Uint32Array(4)
  tfs = new Uint16Array(4)
  weights = new Float32Array(4)

  push(slot: number, gen: number, tf: number, weight: number): void {
    if (this.n === this.slots.length) {
      const size = this.n * 2
      const grow = <T extends Int32Array | Uint32Array | Uint16Array | Float32Array>(
        a: T,
        make: (n: number) => T,
      ) => {
        const b = make(size)
        b.set(a)
        return b
      }
      this.slots = grow(this.slots, (s) => new Int32Array(s))
      this.gens = grow(this.gens, (s) => new Uint32Array(s))
      this.tfs = grow(this.tfs, (s) => new Uint16Array(s))
      this.weights = grow(this.weights, (s) => new Float32Array(s))
    }
    this.slots[this.n] = slot
    this.gens[this.n] = gen
    this.tfs[this.n] = tf
    this.weights[this.n++] = weight
  }

  compact(current: Uint32Array): void {
    let j = 0
    for (let i = 0; i < this.n; i++) {
      const slot = this.slots[i]!
      if (this.gens[i] !== current[slot]) continue
      this.slots[j] = slot
      this.gens[j] = this.gens[i]!
      this.tfs[j] = this.tfs[i]!
      this.weights[j++] = this.weights[i]!
    }
    this.n = j
    this.dead = 0
  }
}

/** Dense per-slot state for one level of query evaluation; an epoch stamp replaces clearing. */
class Accumulator {
  epoch = 0
  stamp = new Int32Array(0)
  score = new Float64Array(0)
  typos = new Uint8Array(0)
  exact = new Uint8Array(0)
  count = new Uint16Array(0)
  inexact = new Uint8Array(0)
  touched = new Int32Array(0)
  size = 0

  reset(capacity: number): void {
    if (this.stamp.length < capacity) {
      const c = Math.max(capacity, this.stamp.length * 2)
      this.stamp = new Int32Array(c)
      this.score = new Float64Array(c)
      this.typos = new Uint8Array(c)
      this.exact = new Uint8Array(c)
      this.count = new Uint16Array(c)
      this.inexact = new Uint8Array(c)
      this.touched = new Int32Array(c)
      this.epoch = 0
    }
    this.epoch++
    this.size = 0
  }

  has(slot: number): boolean {
    return this.stamp[slot] === this.epoch
  }

  /** First sight of a slot at this level. */
  start(slot: number, score: number, typos: number, exact: number): void {
    this.stamp[slot] = this.epoch
    this.score[slot] = score
    this.typos[slot] = typos
    this.exact[slot] = exact
    this.count[slot] = 1
    this.inexact[slot] = 0
    this.touched[this.size++] = slot
  }

  /** Any of: scores add up, the best typo count and exactness win. */
  union(slot: number, score: number, typos: number, exact: number): void {
    if (this.stamp[slot] !== this.epoch) return this.start(slot, score, typos, exact)
    this.score[slot]! += score
    if (typos < this.typos[slot]!) this.typos[slot] = typos
    if (exact) this.exact[slot] = 1
  }
}

const empty = (size: number): TextMatches => ({
  length: 0,
  slots: new Int32Array(size),
  scores: new Float64Array(size),
  typos: new Uint8Array(size),
  inexact: new Uint8Array(size),
})

export const postingsText: TextIndexFactory = (options: TextIndexOptions): TextIndex => {
  const fields = [...options.fields]
  const F = fields.length
  const boosts = fieldBoosts(fields)
  const boost = fields.map((f) => boosts[f]!)
  let postings = new Map<string, (Postings | undefined)[]>()
  let gens = new Uint32Array(1024)
  let live = new Uint8Array(1024)
  let fieldLength = fields.map(() => new Uint16Array(1024))
  let totalLength = new Float64Array(F)
  let docs = 0
  // Average field lengths the stored weights were computed with.
  let weightedAverage = new Float64Array(F)
  const levels = {
    slot: new Accumulator(),
    conj: new Accumulator(),
    clause: new Accumulator(),
    plan: new Accumulator(),
  }
  // The result columns, reused: a query's garbage on a heap of 100,000 listings means long GC pauses.
  let out: TextMatches = empty(0)
  const result = (size: number): TextMatches => {
    if (out.slots.length < size) out = empty(Math.max(size, out.slots.length * 2))
    out.length = 0
    return out
  }

  const average = (f: number) => (docs > 0 ? totalLength[f]! / docs : 1) || 1
  const tfWeight = (tf: number, length: number, avg: number) =>
    D + (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / avg))

  const ensure = (slot: number) => {
    if (slot < gens.length) return
    const size = Math.max(slot + 1, gens.length * 2)
    const g = new Uint32Array(size)
    g.set(gens)
    gens = g
    const l = new Uint8Array(size)
    l.set(live)
    live = l
    fieldLength = fieldLength.map((a) => {
      const b = new Uint16Array(size)
      b.set(a)
      return b
    })
  }

  const termCounts = (text: string) => {
    const words = options.tokenize(text)
    const counts = new Map<string, number>()
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1)
    return { counts, length: words.length }
  }

  const reweigh = () => {
    for (let f = 0; f < F; f++) weightedAverage[f] = average(f)
    for (const lists of postings.values()) {
      lists.forEach((p, f) => {
        if (!p) return
        const lengths = fieldLength[f]!
        const avg = weightedAverage[f]!
        for (let i = 0; i < p.n; i++) p.weights[i] = tfWeight(p.tfs[i]!, lengths[p.slots[i]!]!, avg)
      })
    }
  }

  const drifted = () => {
    for (let f = 0; f < F; f++) {
      const w = weightedAverage[f]!
      if (w === 0 || Math.abs(average(f) - w) / w > DRIFT) return true
    }
    return false
  }

  /** Adds one expanded word's postings into acc (filtered by `only`), scaled by its weight. */
  const scan = (e: Expansion, acc: Accumulator, only: Accumulator | null, onlyCount: number) => {
    const lists = postings.get(e.word)
    if (!lists) return
    for (let f = 0; f < F; f++) {
      const p = lists[f]
      if (!p || p.n === 0) continue
      const df = p.n - p.dead
      const idf = Math.log(1 + (docs - df + 0.5) / (df + 0.5))
      const factor = e.weight * boost[f]! * idf
      const exact = e.exact ? 1 : 0
      const { slots, weights } = p
      const pg = p.gens
      for (let i = 0; i < p.n; i++) {
        const slot = slots[i]!
        if (pg[i] !== gens[slot]) continue
        if (only && (only.stamp[slot] !== only.epoch || only.count[slot] !== onlyCount)) continue
        acc.union(slot, factor * weights[i]!, e.typos, exact)
      }
    }
  }

  return {
    engine: 'postings',
    add(slot, text: TextFields) {
      ensure(slot)
      live[slot] = 1
      docs++
      fields.forEach((field, f) => {
        const { counts, length } = termCounts(text[field])
        fieldLength[f]![slot] = Math.min(length, 65535)
        totalLength[f]! += length
        const avg = weightedAverage[f] || average(f)
        for (const [word, tf] of counts) {
          let lists = postings.get(word)
          if (!lists) postings.set(word, (lists = new Array<Postings | undefined>(F)))
          const p = (lists[f] ??= new Postings())
          p.push(slot, gens[slot]!, Math.min(tf, 65535), tfWeight(tf, length, avg))
        }
      })
    },
    remove(slot, text: TextFields) {
      if (!live[slot]) return
      live[slot] = 0
      docs--
      gens[slot]!++
      fields.forEach((field, f) => {
        const { counts } = termCounts(text[field])
        totalLength[f]! -= fieldLength[f]![slot]!
        for (const word of counts.keys()) {
          const p = postings.get(word)?.[f]
          if (!p) continue
          // Skipped at query time until enough are dead to be worth a pass.
          if (++p.dead * 2 > p.n) p.compact(gens)
        }
      })
    },
    flush() {
      if (drifted()) reweigh()
    },
    clear() {
      postings = new Map()
      gens = new Uint32Array(1024)
      live = new Uint8Array(1024)
      fieldLength = fields.map(() => new Uint16Array(1024))
      totalLength = new Float64Array(F)
      weightedAverage = new Float64Array(F)
      docs = 0
    },
    match(plan: ExpandedPlan, allow): TextMatches {
      const capacity = gens.length
      const { slot: S, conj: K, clause: C, plan: P } = levels
      P.reset(capacity)
      plan.forEach((clause, ci) => {
        const only = ci === 0 ? null : P
        C.reset(capacity)
        for (const conj of clause) {
          // One word (the usual case): straight into the clause, no phrase bookkeeping.
          if (conj.length === 1) {
            for (const e of conj[0]!) scan(e, C, only, ci)
            continue
          }
          K.reset(capacity)
          conj.forEach((words, si) => {
            S.reset(capacity)
            for (const e of words) scan(e, S, only, ci)
            // All of a phrase's slots: a slot's documents must have met every earlier slot.
            for (let t = 0; t < S.size; t++) {
              const d = S.touched[t]!
              if (si === 0) K.start(d, S.score[d]!, S.typos[d]!, S.exact[d]!)
              else if (K.has(d) && K.count[d] === si) {
                K.score[d]! += S.score[d]!
                K.typos[d]! += S.typos[d]!
                if (!S.exact[d]) K.exact[d] = 0
                K.count[d]!++
              }
            }
          })
          for (let t = 0; t < K.size; t++) {
            const d = K.touched[t]!
            if (K.count[d] === conj.length) C.union(d, K.score[d]!, K.typos[d]!, K.exact[d]!)
          }
        }
        // One clause: the plan is the clause.
        if (plan.length === 1) return
        for (let t = 0; t < C.size; t++) {
          const d = C.touched[t]!
          const inexact = C.exact[d] ? 0 : 1
          if (ci === 0) {
            P.start(d, C.score[d]!, C.typos[d]!, 1)
            P.inexact[d] = inexact
          } else if (P.has(d) && P.count[d] === ci) {
            P.score[d]! += C.score[d]!
            P.typos[d] = Math.min(255, P.typos[d]! + C.typos[d]!)
            P.inexact[d]! += inexact
            P.count[d]!++
          }
        }
      })
      if (plan.length === 1) {
        const out = result(C.size)
        for (let t = 0; t < C.size; t++) {
          const d = C.touched[t]!
          if (allow && !allow(d)) continue
          const i = out.length++
          out.slots[i] = d
          out.scores[i] = C.score[d]!
          out.typos[i] = C.typos[d]!
          out.inexact[i] = C.exact[d] ? 0 : 1
        }
        return out
      }
      const out = result(P.size)
      for (let t = 0; t < P.size; t++) {
        const d = P.touched[t]!
        if (P.count[d] !== plan.length || (allow && !allow(d))) continue
        const i = out.length++
        out.slots[i] = d
        out.scores[i] = P.score[d]!
        out.typos[i] = P.typos[d]!
        out.inexact[i] = P.inexact[d]!
      }
      return out
    },
  }
}
