// Small counts in published aggregates (issue 12, item 10). Suppressing only the small cells ("<5")
// can be undone by arithmetic: a national total of 9 and a Wellington count of 8 reveal Auckland's
// suppressed 1. The method here is Stats NZ's: random rounding to base 3 (RR3) of every published
// count, totals included, each rounded from its own true value; and counts below a threshold
// suppressed (Stats NZ, "Microdata output guide" and "Confidentiality rules" for tables: counts are
// randomly rounded to base 3, small counts suppressed). docs/coverage.md says what it guarantees.
//
// The random choice is deterministic: a keyed hash (HMAC-SHA-256 with a server secret) of the
// cell's identity and its true value. The identity never holds the period or anything else about
// the query, so asking again, or for an overlapping period whose count in that cell is the same,
// gives the same rounding: there is no fresh noise to average away. Pure: the secret is an argument.

/** Counts 0 to this are never published: shown as SUPPRESSED_COUNT. */
export const SMALL_COUNT_MAX = 5
/** How a suppressed count reads: the true value is 0 to 5. */
export const SUPPRESSED_COUNT = `<${SMALL_COUNT_MAX + 1}`

/** Whether a true count is suppressed (0 included, so a suppressed cell may be empty: see docs/coverage.md). */
export function isSmallCount(n: number): boolean {
  return n <= SMALL_COUNT_MAX
}

/**
 * What a published count is, query-independently: the measure, the area ("*" all areas, null the
 * unknown area), the category ("*" all, null none) and the sending agency ("*" all). Never the period.
 */
export interface CountCell {
  measure: string
  area: string | null
  category: string | null
  agency: string | null
}

export const ALL = '*'

/** The identity string hashed with the true value; null and "*" are kept apart. */
export function cellKey(cell: CountCell): string {
  const part = (v: string | null) => (v === null ? '\u2205' : v)
  return ['fsn-count-v1', cell.measure, part(cell.area), part(cell.category), part(cell.agency)].join(
    '\u001f',
  )
}

/**
 * Random rounding to base 3: a multiple of 3 stays; any other value goes to the nearer multiple of
 * 3 with probability 2/3 and to the farther with 1/3 (Stats NZ RR3), the draw made by
 * HMAC-SHA-256(secret, cell key, value). Unbiased: the expected rounded value is the true value.
 */
export function randomRound3(value: number, key: string, secret: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('a count is a non-negative integer')
  const r = value % 3
  if (r === 0) return value
  const down = value - r
  const up = down + 3
  const nearer = r === 1 ? down : up
  const farther = r === 1 ? up : down
  return uniform(secret, `${key}\u001e${value}`) < 2 / 3 ? nearer : farther
}

/** A count as published in an aggregate view: "<6" for 0 to 5, otherwise its RR3 value. */
export function protectCount(value: number, cell: CountCell | string, secret: string): string {
  if (isSmallCount(value)) return SUPPRESSED_COUNT
  return String(randomRound3(value, typeof cell === 'string' ? cell : cellKey(cell), secret))
}

/** The true values a published count allows: [lo, hi] (what anyone knowing this method can say). */
export function publishedRange(published: string): { lo: number; hi: number } {
  if (published === SUPPRESSED_COUNT) return { lo: 0, hi: SMALL_COUNT_MAX }
  const p = Number(published)
  if (!Number.isSafeInteger(p) || p < 0 || p % 3 !== 0)
    throw new RangeError(`not a published count: ${published}`)
  return { lo: Math.max(SMALL_COUNT_MAX + 1, p - 2), hi: p + 2 }
}

/**
 * SLA % in an aggregate view, computed from the published (rounded) counts only, so it says nothing
 * the counts do not: a percentage of the true counts would let within and due be solved for exactly
 * (70.0% of a due between 8 and 12 can only be 7 of 10), and exact large cells undo the protection
 * of small ones by subtraction. Null when either count is suppressed; at most 100.
 */
export function publishedSlaPercent(acceptedWithinSla: string, due: string): number | null {
  if (acceptedWithinSla === SUPPRESSED_COUNT || due === SUPPRESSED_COUNT) return null
  const within = Number(acceptedWithinSla)
  const d = Number(due)
  if (!(d > 0)) return null
  return Math.min(100, Math.round((within / d) * 1000) / 10)
}

// ─── HMAC-SHA-256 (FIPS 180-4, RFC 2104), pure so the domain needs no platform crypto ──────────

/** A number in [0, 1) from the first 52 bits of HMAC-SHA-256(secret, message). */
function uniform(secret: string, message: string): number {
  const mac = hmacSha256(utf8(secret), utf8(message))
  // 52 bits: 4 bytes and 20 bits, exactly representable in a double.
  const hi = ((mac[0]! << 24) | (mac[1]! << 16) | (mac[2]! << 8) | mac[3]!) >>> 0
  const lo = (mac[4]! << 12) | (mac[5]! << 4) | (mac[6]! >>> 4)
  return (hi * 2 ** 20 + lo) / 2 ** 52
}

function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s)
}

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
])

export function sha256(data: Uint8Array): Uint8Array {
  const bitLength = data.length * 8
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64)
  padded.set(data)
  padded[data.length] = 0x80
  const view = new DataView(padded.buffer)
  view.setUint32(padded.length - 8, Math.floor(bitLength / 2 ** 32))
  view.setUint32(padded.length - 4, bitLength >>> 0)
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ])
  const w = new Uint32Array(64)
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n))
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4)
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15]!, 7) ^ rotr(w[i - 15]!, 18) ^ (w[i - 15]! >>> 3)
      const s1 = rotr(w[i - 2]!, 17) ^ rotr(w[i - 2]!, 19) ^ (w[i - 2]! >>> 10)
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0
    }
    let [a, b, c, d, e, f, g, hh] = [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!]
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
      const ch = (e & f) ^ (~e & g)
      const t1 = (hh + S1 + ch + K[i]! + w[i]!) >>> 0
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
      const maj = (a & b) ^ (a & c) ^ (b & c)
      const t2 = (S0 + maj) >>> 0
      hh = g
      g = f
      f = e
      e = (d + t1) >>> 0
      d = c
      c = b
      b = a
      a = (t1 + t2) >>> 0
    }
    h[0] = (h[0]! + a) >>> 0
    h[1] = (h[1]! + b) >>> 0
    h[2] = (h[2]! + c) >>> 0
    h[3] = (h[3]! + d) >>> 0
    h[4] = (h[4]! + e) >>> 0
    h[5] = (h[5]! + f) >>> 0
    h[6] = (h[6]! + g) >>> 0
    h[7] = (h[7]! + hh) >>> 0
  }
  const out = new Uint8Array(32)
  const outView = new DataView(out.buffer)
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, h[i]!)
  return out
}

export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const block = new Uint8Array(64)
  block.set(key.length > 64 ? sha256(key) : key)
  const inner = new Uint8Array(64 + message.length)
  const outer = new Uint8Array(64 + 32)
  for (let i = 0; i < 64; i++) {
    inner[i] = block[i]! ^ 0x36
    outer[i] = block[i]! ^ 0x5c
  }
  inner.set(message, 64)
  outer.set(sha256(inner), 64)
  return sha256(outer)
}
