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
// A national table draws a few thousand times per request, so the keyed states are computed once
// per secret and the buffers are reused: no allocation per draw but the message's bytes.

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
const IV = new Uint32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
])
const W = new Uint32Array(64)
const TAIL = new Uint8Array(128)
const DIGEST = new Uint8Array(32)
const encoder = new TextEncoder()

/** One 64-byte block of `bytes` at `o` into the state `h`. */
function compress(h: Uint32Array, bytes: Uint8Array, o: number): void {
  for (let i = 0; i < 16; i++, o += 4)
    W[i] = (bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15]!
    const y = W[i - 2]!
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0
  }
  let a = h[0]!
  let b = h[1]!
  let c = h[2]!
  let d = h[3]!
  let e = h[4]!
  let f = h[5]!
  let g = h[6]!
  let k = h[7]!
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
    const t1 = (k + S1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0
    k = g
    g = f
    f = e
    e = (d + t1) | 0
    d = c
    c = b
    b = a
    a = (t1 + t2) | 0
  }
  h[0] = h[0]! + a
  h[1] = h[1]! + b
  h[2] = h[2]! + c
  h[3] = h[3]! + d
  h[4] = h[4]! + e
  h[5] = h[5]! + f
  h[6] = h[6]! + g
  h[7] = h[7]! + k
}

/** The rest of a message into `h`, with its padding; `prefix` bytes were compressed before it. */
function finish(h: Uint32Array, data: Uint8Array, prefix: number): Uint32Array {
  let o = 0
  for (; o + 64 <= data.length; o += 64) compress(h, data, o)
  const rest = data.length - o
  const end = rest + 9 <= 64 ? 64 : 128
  TAIL.fill(0, 0, end)
  TAIL.set(data.subarray(o), 0)
  TAIL[rest] = 0x80
  const bits = (prefix + data.length) * 8
  const high = Math.floor(bits / 2 ** 32)
  const low = bits >>> 0
  for (let i = 0; i < 4; i++) {
    TAIL[end - 8 + i] = (high >>> (24 - 8 * i)) & 0xff
    TAIL[end - 4 + i] = (low >>> (24 - 8 * i)) & 0xff
  }
  compress(h, TAIL, 0)
  if (end === 128) compress(h, TAIL, 64)
  return h
}

function bytesOf(h: Uint32Array, out: Uint8Array): Uint8Array {
  for (let i = 0; i < 8; i++) {
    out[4 * i] = h[i]! >>> 24
    out[4 * i + 1] = (h[i]! >>> 16) & 0xff
    out[4 * i + 2] = (h[i]! >>> 8) & 0xff
    out[4 * i + 3] = h[i]! & 0xff
  }
  return out
}

export function sha256(data: Uint8Array): Uint8Array {
  return bytesOf(finish(IV.slice(), data, 0), new Uint8Array(32))
}

/** The states after the key block XOR ipad and XOR opad (RFC 2104). */
function keyedStates(key: Uint8Array): { inner: Uint32Array; outer: Uint32Array } {
  const block = new Uint8Array(64)
  block.set(key.length > 64 ? sha256(key) : key)
  const pad = new Uint8Array(64)
  const inner = IV.slice()
  const outer = IV.slice()
  for (let i = 0; i < 64; i++) pad[i] = block[i]! ^ 0x36
  compress(inner, pad, 0)
  for (let i = 0; i < 64; i++) pad[i] = block[i]! ^ 0x5c
  compress(outer, pad, 0)
  return { inner, outer }
}

const H = new Uint32Array(8)

function hmacState(states: { inner: Uint32Array; outer: Uint32Array }, message: Uint8Array): Uint32Array {
  H.set(states.inner)
  bytesOf(finish(H, message, 64), DIGEST)
  H.set(states.outer)
  return finish(H, DIGEST, 64)
}

export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  return bytesOf(hmacState(keyedStates(key), message), new Uint8Array(32))
}

// One deployment uses one secret (tests a few): the cache stays tiny, and is emptied if not.
const keyedBySecret = new Map<string, { inner: Uint32Array; outer: Uint32Array }>()

/** A number in [0, 1) from the first 52 bits of HMAC-SHA-256(secret, message). */
function uniform(secret: string, message: string): number {
  let states = keyedBySecret.get(secret)
  if (!states) {
    if (keyedBySecret.size >= 64) keyedBySecret.clear()
    states = keyedStates(encoder.encode(secret))
    keyedBySecret.set(secret, states)
  }
  const h = hmacState(states, encoder.encode(message))
  // 52 bits, exactly representable in a double: the first word and the top 20 bits of the second.
  return (h[0]! * 2 ** 20 + (h[1]! >>> 12)) / 2 ** 52
}
