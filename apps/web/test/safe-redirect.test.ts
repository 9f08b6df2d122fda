// The sign-in redirect (issue 12): `/sign-in?redirectTo=%2F%09%2Fevil.example` sent the browser to
// //evil.example (browsers drop the tab), and a newline in redirectTo answered 500. Every value
// arrives through the query string or the form, so each is tried as the raw string and as what
// URLSearchParams makes of it percent-encoded once and twice.
import { describe, expect, it } from 'vitest'
import { safeRedirectPath } from '../src/lib/server/session'

/** What the sign-in page reads from `?redirectTo=<query>`. */
const fromQuery = (query: string) => new URLSearchParams(`redirectTo=${query}`).get('redirectTo')

const ATTACKS: string[] = [
  // protocol-relative and its disguises
  '//evil.example',
  '//evil.example/path',
  '///evil.example',
  '/\\evil.example',
  '\\/evil.example',
  '\\\\evil.example',
  '/\\/evil.example',
  '/.//evil.example',
  '/..//evil.example',
  '/a/../..//evil.example',
  // control characters a browser strips or a header refuses
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/\r/evil.example',
  '/directory\nSet-Cookie: x=1',
  '/\u0000/evil.example',
  '/\u001f/evil.example',
  '/\u007f/evil.example',
  '/\u0085/evil.example',
  '/\u009b/evil.example',
  '\t//evil.example',
  ' //evil.example',
  '/\u00a0/evil.example',
  '/\u2028/evil.example',
  '/\ufeff/evil.example',
  // schemes and absolute URLs
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'https://evil.example',
  'http://evil.example/',
  'https:/evil.example',
  'https:evil.example',
  'evil.example',
  'directory',
  '',
  // percent-encoded once more than the query string decodes (a later decode must not make an attack)
  '/%09/evil.example',
  '/%0a/evil.example',
  '/%0D%0A/evil.example',
  '/%2F/evil.example',
  '/%2f%2fevil.example',
  '/%5C/evil.example',
  '/%5cevil.example',
  '/%00',
  '/%E2%80%A8',
  '/%', // malformed
  '/%E0%A4%A', // malformed
  // back to sign-in or sign-out
  '/sign-in',
  '/sign-in?redirectTo=/directory',
  '/sign-out',
  '/sign-out/',
  '/%73ign-in',
  // absurdly long
  `/${'a'.repeat(5000)}`,
]

// As they arrive in the address bar: percent-encoded in the query string.
const QUERY_ATTACKS: string[] = [
  '%2F%09%2Fevil.example',
  '%2F%0A%2Fevil.example',
  '%2F%0D%0A%2Fevil.example',
  '%2F%2Fevil.example',
  '//evil.example',
  '%2F%5Cevil.example',
  '%5C%2Fevil.example',
  '%2F%5C%2Fevil.example',
  'javascript%3Aalert(1)',
  'javascript:alert(1)',
  'https%3A%2F%2Fevil.example',
  'https://evil.example',
  '%2F%252F%252Fevil.example',
  '%2F%2509%2Fevil.example',
  '%2F%250A%2Fevil.example',
  '%09%2F%2Fevil.example',
  '%C2%85%2Fevil.example',
  '%2F%C2%9B%2Fevil.example',
]

const SAFE: [string, string][] = [
  ['/', '/'],
  ['/directory', '/directory'],
  ['/directory?category=food&region=09', '/directory?category=food&region=09'],
  ['/referrals/0190a1b2-0000-7000-8000-000000000001', '/referrals/0190a1b2-0000-7000-8000-000000000001'],
  ['/referrals?box=INBOX#top', '/referrals?box=INBOX#top'],
  // what call.ts sends: the URL's own (already encoded) path and query
  ['/directory?q=wh%C4%81nau%20support', '/directory?q=wh%C4%81nau%20support'],
  // a raw non-ASCII character is sent on percent-encoded, never as a raw byte in Location
  ['/directory?q=whānau', '/directory?q=wh%C4%81nau'],
  // dot segments resolve on this site
  ['/referrals/../coverage', '/coverage'],
  ['/sign-inside', '/sign-inside'],
]

describe('safeRedirectPath', () => {
  it.each(ATTACKS.map((a) => [JSON.stringify(a), a]))('%s falls back to /', (_, attack) => {
    expect(safeRedirectPath(attack)).toBe('/')
  })

  it.each(QUERY_ATTACKS)('?redirectTo=%s falls back to /', (query) => {
    expect(safeRedirectPath(fromQuery(query))).toBe('/')
  })

  it.each(SAFE)('%s stays on this site as %s', (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected)
    expect(safeRedirectPath(fromQuery(encodeURIComponent(input)))).toBe(expected)
  })

  it('refuses what is not a string', () => {
    for (const value of [null, undefined, 42, ['/directory'], { toString: () => '/directory' }]) {
      expect(safeRedirectPath(value)).toBe('/')
    }
  })

  it('whatever it returns is a same-origin path a Location header can carry', () => {
    // Every character from U+0000 to U+00FF and some beyond, after a slash and between two.
    const base = 'https://fsn.example.nz'
    for (let code = 0; code < 0x3000; code += code < 0x100 ? 1 : 97) {
      const c = String.fromCharCode(code)
      for (const input of [`/${c}/evil.example`, `/${c}${c}evil.example`, `${c}//evil.example`, `/x?${c}`]) {
        const out = safeRedirectPath(input)
        expect(new URL(out, base).origin, JSON.stringify(input)).toBe(base)
        expect(
          out.startsWith('/') && !out.startsWith('//') && !out.includes('\\'),
          JSON.stringify(input),
        ).toBe(true)
        expect(() => new Headers({ location: out }), JSON.stringify(input)).not.toThrow()
        // what a browser does to Location: drop tabs and newlines, then resolve
        expect(new URL(out.replace(/[\t\n\r]/g, ''), base).origin, JSON.stringify(input)).toBe(base)
      }
    }
  })
})
