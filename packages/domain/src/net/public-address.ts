// Outbound requests (partner webhooks) go only to the public internet. A URL a partner gives us
// must not make the server reach its own network, the cloud metadata service or loopback
// (server-side request forgery; issue 12, item 6). Pure: the caller resolves the name and passes
// the addresses in; the same rule runs when a subscription is made and again before every
// delivery, because a name can resolve differently the second time (DNS rebinding).
//
// Ranges: IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and successors).

export type AddressVerdict = { public: true } | { public: false; reason: string }

export interface PublicAddressOptions {
  /**
   * TESTS ONLY: exact addresses (e.g. '127.0.0.1') let through although they are not public, so a
   * test can deliver to a server on loopback; a URL whose host is one of them as a literal may
   * also be plain http (test servers have no certificate). The composition root never sets it.
   */
  allowAddresses?: readonly string[]
}

export type UrlVerdict =
  | {
      allowed: true
      url: URL
      /** Lower-case host name without brackets or trailing dot. */
      hostname: string
      /** The address itself when the host is an IP literal (nothing to resolve), else null. */
      address: string | null
    }
  | { allowed: false; reason: string }

export type AddressesVerdict = { allowed: true; address: string } | { allowed: false; reason: string }

// ---------- IPv4 ----------

/** Strict dotted quad (what a resolver returns and what WHATWG URL parsing normalises to). */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.')
  if (parts.length !== 4) return null
  let value = 0
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return null
    const n = Number(p)
    if (n > 255) return null
    value = value * 256 + n
  }
  return value
}

/**
 * inet_aton spellings as well: 1 to 4 parts, each decimal, 0x hex or 0-prefixed octal, the last
 * part filling the remaining bytes (2130706433, 0x7f000001, 0177.0.0.1, 127.1). `new URL()`
 * already normalises these in a host; this catches them when a host did not come through it.
 */
export function parseIpv4Loose(text: string): number | null {
  const t = text.endsWith('.') ? text.slice(0, -1) : text
  const parts = t.split('.')
  if (parts.length < 1 || parts.length > 4) return null
  const nums: number[] = []
  for (const p of parts) {
    let n: number
    if (/^0x[0-9a-f]*$/i.test(p)) n = p.length === 2 ? 0 : parseInt(p.slice(2), 16)
    else if (/^0[0-7]+$/.test(p)) n = parseInt(p.slice(1), 8)
    else if (/^(0|[1-9][0-9]*)$/.test(p)) n = Number(p)
    else return null
    if (!Number.isSafeInteger(n)) return null
    nums.push(n)
  }
  const last = nums.pop()!
  if (nums.some((n) => n > 255)) return null
  if (last >= 256 ** (4 - nums.length)) return null
  return nums.reduce((acc, n, i) => acc + n * 256 ** (3 - i), 0) + last
}

const v4Text = (v: number) => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.')

const V4_RANGES: readonly (readonly [string, number, string])[] = [
  ['0.0.0.0', 8, 'unspecified ("this network", 0.0.0.0/8)'],
  ['10.0.0.0', 8, 'private (10.0.0.0/8)'],
  ['100.64.0.0', 10, 'carrier-grade NAT (100.64.0.0/10)'],
  ['127.0.0.0', 8, 'loopback (127.0.0.0/8)'],
  ['169.254.0.0', 16, 'link-local (169.254.0.0/16, includes cloud metadata)'],
  ['172.16.0.0', 12, 'private (172.16.0.0/12)'],
  ['192.0.0.0', 24, 'reserved for IETF protocol assignments (192.0.0.0/24)'],
  ['192.0.2.0', 24, 'documentation (192.0.2.0/24)'],
  ['192.88.99.0', 24, 'reserved 6to4 relay anycast (192.88.99.0/24)'],
  ['192.168.0.0', 16, 'private (192.168.0.0/16)'],
  ['198.18.0.0', 15, 'benchmarking (198.18.0.0/15)'],
  ['198.51.100.0', 24, 'documentation (198.51.100.0/24)'],
  ['203.0.113.0', 24, 'documentation (203.0.113.0/24)'],
  ['224.0.0.0', 4, 'multicast (224.0.0.0/4)'],
  ['255.255.255.255', 32, 'broadcast (255.255.255.255)'],
  ['240.0.0.0', 4, 'reserved (240.0.0.0/4)'],
]

function classifyV4(v: number): AddressVerdict {
  for (const [base, bits, what] of V4_RANGES) {
    const shift = 32 - bits
    if (Math.floor(v / 2 ** shift) === Math.floor(parseIpv4(base)! / 2 ** shift)) {
      return { public: false, reason: `${v4Text(v)} is ${what}` }
    }
  }
  return { public: true }
}

// ---------- IPv6 ----------

/** An IPv6 address (brackets and %zone allowed) as a 128-bit number, or null. */
export function parseIpv6(text: string): bigint | null {
  let s = text
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1)
  const zone = s.indexOf('%')
  if (zone >= 0) s = s.slice(0, zone)
  if (!s.includes(':')) return null
  const halves = s.split('::')
  if (halves.length > 2) return null
  const groupsOf = (part: string, mayEndInV4: boolean): number[] | null => {
    if (part === '') return []
    const out: number[] = []
    const pieces = part.split(':')
    for (const [i, p] of pieces.entries()) {
      if (mayEndInV4 && i === pieces.length - 1 && p.includes('.')) {
        const v4 = parseIpv4(p)
        if (v4 === null) return null
        out.push(v4 >>> 16, v4 & 0xffff)
      } else if (/^[0-9a-f]{1,4}$/i.test(p)) out.push(parseInt(p, 16))
      else return null
    }
    return out
  }
  const head = groupsOf(halves[0]!, halves.length === 1)
  const tail = halves.length === 2 ? groupsOf(halves[1]!, true) : []
  if (!head || !tail) return null
  let groups: number[]
  if (halves.length === 2) {
    const missing = 8 - head.length - tail.length
    if (missing < 1) return null
    groups = [...head, ...new Array<number>(missing).fill(0), ...tail]
  } else {
    if (head.length !== 8) return null
    groups = head
  }
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n)
}

const inV6 = (v: bigint, base: string, bits: number) => {
  const shift = BigInt(128 - bits)
  return v >> shift === parseIpv6(base)! >> shift
}

const v6Text = (v: bigint) =>
  Array.from({ length: 8 }, (_, i) => ((v >> BigInt(16 * (7 - i))) & 0xffffn).toString(16)).join(':')

const V6_RANGES: readonly (readonly [string, number, string])[] = [
  ['64:ff9b:1::', 48, 'local-use NAT64 (64:ff9b:1::/48)'],
  ['100::', 64, 'discard-only (100::/64)'],
  ['2001:db8::', 32, 'documentation (2001:db8::/32)'],
  ['2001::', 23, 'reserved for IETF protocol assignments, Teredo and benchmarking (2001::/23)'],
  ['3fff::', 20, 'documentation (3fff::/20)'],
  ['fc00::', 7, 'unique-local (fc00::/7)'],
  ['fe80::', 10, 'link-local (fe80::/10)'],
  ['fec0::', 10, 'site-local, deprecated (fec0::/10)'],
  ['ff00::', 8, 'multicast (ff00::/8)'],
]

function classifyV6(v: bigint): AddressVerdict {
  const text = v6Text(v)
  const refuse = (what: string): AddressVerdict => ({ public: false, reason: `${text} is ${what}` })
  const low32 = Number(v & 0xffffffffn)
  if (v === 0n) return refuse('unspecified (::)')
  if (v === 1n) return refuse('loopback (::1)')
  // A v4 address in v6 clothing: whatever it embeds, no partner endpoint needs this spelling.
  if (inV6(v, '::ffff:0:0', 96)) return refuse(`IPv4-mapped (::ffff:0:0/96) for ${v4Text(low32)}`)
  if (inV6(v, '::', 96)) return refuse(`IPv4-compatible, deprecated (::/96) for ${v4Text(low32)}`)
  // Translators and tunnels reach the IPv4 address they embed: judge that address.
  if (inV6(v, '64:ff9b::', 96)) {
    const inner = classifyV4(low32)
    return inner.public ? inner : refuse(`NAT64 (64:ff9b::/96) for ${inner.reason}`)
  }
  if (inV6(v, '2002::', 16)) {
    const inner = classifyV4(Number((v >> 80n) & 0xffffffffn))
    return inner.public ? inner : refuse(`6to4 (2002::/16) for ${inner.reason}`)
  }
  for (const [base, bits, what] of V6_RANGES) if (inV6(v, base, bits)) return refuse(what)
  // Everything else outside global unicast is unassigned or reserved.
  if (!inV6(v, '2000::', 3)) return refuse('outside global unicast (2000::/3)')
  return { public: true }
}

// ---------- addresses, names, URLs ----------

/** Is this IP address (v4 dotted quad or v6, brackets allowed) on the public internet? */
export function classifyIpAddress(address: string): AddressVerdict {
  const v4 = parseIpv4(address)
  if (v4 !== null) return classifyV4(v4)
  const v6 = parseIpv6(address)
  if (v6 !== null) return classifyV6(v6)
  return { public: false, reason: `${address} is not an IP address` }
}

// Names that only mean something inside a network: RFC 6761 localhost, RFC 6762 .local,
// ICANN's .internal (2024; metadata.google.internal, *.ec2.internal), RFC 8375 home.arpa and
// the rest of .arpa (reverse lookups), and the conventional localdomain.
const PRIVATE_NAME_SUFFIXES = ['localhost', 'local', 'internal', 'localdomain', 'arpa']

function classifyName(name: string): AddressVerdict {
  const labels = name.split('.')
  if (labels.length < 2) return { public: false, reason: `${name} is a single-label name (not on the public internet)` }
  const tld = labels.at(-1)!
  if (PRIVATE_NAME_SUFFIXES.includes(tld)) return { public: false, reason: `${name} is a private name (.${tld})` }
  if (labels.every((l) => /^(0x[0-9a-f]*|[0-9]+)$/i.test(l)) && parseIpv4Loose(name) !== null) {
    return classifyV4(parseIpv4Loose(name)!)
  }
  return { public: true }
}

const canonical = (address: string) => {
  const v4 = parseIpv4(address)
  if (v4 !== null) return v4Text(v4)
  const v6 = parseIpv6(address)
  return v6 !== null ? v6Text(v6) : address.toLowerCase()
}

const allowedByTest = (address: string, options: PublicAddressOptions) =>
  (options.allowAddresses ?? []).some((a) => canonical(a) === canonical(address))

/**
 * The URL alone: https only, no credentials, and a host that is neither a non-public IP literal
 * (in any spelling `new URL()` accepts) nor a private or single-label name. A name still has to
 * be resolved and its addresses checked with `checkResolvedAddresses`.
 */
export function checkPublicUrl(raw: string, options: PublicAddressOptions = {}): UrlVerdict {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { allowed: false, reason: 'is not a URL' }
  }
  const httpsOnly = { allowed: false, reason: 'webhooks are delivered over HTTPS only' } as const
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return httpsOnly
  if (url.username || url.password) return { allowed: false, reason: 'must not carry credentials' }
  let hostname = url.hostname.toLowerCase()
  if (hostname.startsWith('[') && hostname.endsWith(']')) hostname = hostname.slice(1, -1)
  else if (hostname.endsWith('.')) hostname = hostname.slice(0, -1)
  if (!hostname) return { allowed: false, reason: 'has no host' }
  const literal = parseIpv4(hostname) !== null || parseIpv6(hostname) !== null
  const testTarget = literal && allowedByTest(hostname, options)
  if (url.protocol === 'http:' && !testTarget) return httpsOnly
  if (testTarget) return { allowed: true, url, hostname, address: hostname }
  const verdict = literal ? classifyIpAddress(hostname) : classifyName(hostname)
  if (!verdict.public) return { allowed: false, reason: `refused: ${verdict.reason}` }
  return { allowed: true, url, hostname, address: literal ? hostname : null }
}

/**
 * What a name resolved to: refused if it resolved to nothing or if ANY address is not public (an
 * attacker's name can answer with one public and one internal address). Otherwise the first
 * address, which the caller connects to, so the request goes where this check looked.
 */
export function checkResolvedAddresses(
  hostname: string,
  addresses: readonly string[],
  options: PublicAddressOptions = {},
): AddressesVerdict {
  if (addresses.length === 0) return { allowed: false, reason: `refused: ${hostname} resolves to no address` }
  for (const a of addresses) {
    if (allowedByTest(a, options)) continue
    const verdict = classifyIpAddress(a)
    if (!verdict.public) return { allowed: false, reason: `refused: ${hostname} resolves to ${verdict.reason}` }
  }
  return { allowed: true, address: addresses[0]! }
}
