// A growable bit set over document slots: filters are ORs within a facet and ANDs across facets,
// done a machine word at a time instead of a document at a time.
export class Bitset {
  words: Uint32Array

  constructor(bits = 1024) {
    this.words = new Uint32Array(Math.max(1, Math.ceil(bits / 32)))
  }

  private ensure(bit: number): void {
    const need = (bit >>> 5) + 1
    if (need <= this.words.length) return
    const grown = new Uint32Array(Math.max(need, this.words.length * 2))
    grown.set(this.words)
    this.words = grown
  }

  set(bit: number): void {
    this.ensure(bit)
    this.words[bit >>> 5]! |= 1 << (bit & 31)
  }

  unset(bit: number): void {
    const w = bit >>> 5
    if (w < this.words.length) this.words[w]! &= ~(1 << (bit & 31))
  }

  has(bit: number): boolean {
    const w = bit >>> 5
    return w < this.words.length && (this.words[w]! & (1 << (bit & 31))) !== 0
  }

  /** this |= other */
  or(other: Bitset): this {
    if (other.words.length > this.words.length) this.ensure(other.words.length * 32 - 1)
    const a = this.words
    const b = other.words
    for (let i = 0; i < b.length; i++) a[i]! |= b[i]!
    return this
  }

  /** this &= other */
  and(other: Bitset): this {
    const a = this.words
    const b = other.words
    const n = Math.min(a.length, b.length)
    for (let i = 0; i < n; i++) a[i]! &= b[i]!
    a.fill(0, n)
    return this
  }

  /** Calls fn for every set bit, in order. */
  forEach(fn: (bit: number) => void): void {
    const a = this.words
    for (let i = 0; i < a.length; i++) {
      let w = a[i]!
      while (w !== 0) {
        const t = w & -w
        fn((i << 5) + 31 - Math.clz32(t))
        w ^= t
      }
    }
  }

  /** Number of bits set in both. */
  countAnd(other: Bitset): number {
    const a = this.words
    const b = other.words
    const n = Math.min(a.length, b.length)
    let count = 0
    for (let i = 0; i < n; i++) {
      let v = a[i]! & b[i]!
      if (v === 0) continue
      v = v - ((v >>> 1) & 0x55555555)
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
      count += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
    }
    return count
  }

  /** Empties the set, keeping room for `bits`. */
  reset(bits: number): this {
    const need = Math.max(1, Math.ceil(bits / 32))
    if (this.words.length < need) this.words = new Uint32Array(need)
    else this.words.fill(0)
    return this
  }

  clone(): Bitset {
    const b = new Bitset(1)
    b.words = this.words.slice()
    return b
  }
}
