// Seeded randomness for the generator: the same seed must give the same directory, ids included,
// so tests, benchmarks and screenshots can rely on it. sfc32 (Chris Doty-Humphrey's Small Fast
// Counting generator) passes PractRand and is a few lines; splitmix32 spreads a small integer seed.

function splitmix32(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
}

export class Random {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number) {
    const mix = splitmix32(seed)
    this.a = mix()
    this.b = mix()
    this.c = mix()
    this.d = 1
    // Discard the first outputs: sfc32 starts close to its seed words.
    for (let i = 0; i < 15; i++) this.uint32()
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[Math.floor(this.next() * items.length)]!
  }

  /** Up to k distinct items, in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items]
    const n = Math.min(k, copy.length)
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i))
      ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
    }
    return copy.slice(0, n)
  }

  /** Standard normal (Box-Muller). */
  gaussian(): number {
    const u = 1 - this.next()
    const v = this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  /** Digits as a string, first digit from `first` (e.g. NZ local numbers never start with 0 or 1). */
  digits(n: number, first = '0123456789'): string {
    let s = first[Math.floor(this.next() * first.length)]!
    for (let i = 1; i < n; i++) s += String(Math.floor(this.next() * 10))
    return s
  }
}

/** A weighted choice table built once and drawn from many times (binary search, O(log n)). */
export class WeightedTable<T> {
  private readonly items: T[]
  private readonly cumulative: number[]
  private readonly total: number

  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = []
    this.cumulative = []
    let sum = 0
    for (const [item, weight] of entries) {
      if (weight <= 0) continue
      sum += weight
      this.items.push(item)
      this.cumulative.push(sum)
    }
    if (this.items.length === 0) throw new Error('weighted table with no positive weight')
    this.total = sum
  }

  draw(random: Random): T {
    const x = random.next() * this.total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.cumulative[mid]! > x) hi = mid
      else lo = mid + 1
    }
    return this.items[lo]!
  }
}

/**
 * UUID v7 ids (RFC 9562 s5.7) drawn from the seeded generator: 48-bit Unix ms from `now`, version 7,
 * a 12-bit counter in rand_a (RFC 9562 s6.2 method 1) so ids sort in generation order, variant 10,
 * 62 random bits. Past 4096 ids the timestamp moves on by a millisecond, as a real clock would.
 */
export function uuidV7Factory(random: Random, now: Date): () => string {
  const base = now.getTime()
  let counter = 0
  return () => {
    const ms = base + Math.floor(counter / 4096)
    const randA = counter % 4096
    counter++
    const tsHex = ms.toString(16).padStart(12, '0')
    const r1 = random.uint32()
    const r2 = random.uint32()
    const varHi = ((r1 >>> 16) & 0x3fff) | 0x8000
    const hex = (n: number, w: number) => n.toString(16).padStart(w, '0')
    return `${tsHex.slice(0, 8)}-${tsHex.slice(8, 12)}-7${hex(randA, 3)}-${hex(varHi, 4)}-${hex(r1 & 0xffff, 4)}${hex(r2, 8)}`
  }
}
