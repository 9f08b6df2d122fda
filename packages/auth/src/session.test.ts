import { describe, expect, it } from 'vitest'
import {
  decideSession,
  generateSessionToken,
  isWellFormedToken,
  sessionCookieAttributes,
  sessionIdFromToken,
  sessionPolicy,
} from './session'
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password'

const now = new Date('2026-11-23T02:00:00Z')
const policy = sessionPolicy(30)
const days = (n: number) => new Date(now.getTime() + n * 86_400_000)

describe('session tokens', () => {
  it('are 32 base32 characters, unique, and hashed to a 64-hex id that is not the token', () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateSessionToken))
    expect(tokens.size).toBe(1000)
    for (const t of tokens) {
      expect(isWellFormedToken(t)).toBe(true)
      const id = sessionIdFromToken(t)
      expect(id).toMatch(/^[0-9a-f]{64}$/)
      expect(id).not.toContain(t)
    }
  })

  it('hashes deterministically (SHA-256 test vector)', () => {
    expect(sessionIdFromToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it.each(['', 'short', 'A'.repeat(32), 'a'.repeat(33), 'a1'.repeat(16), "'; drop table session;--"])(
    'refuses malformed token %j',
    (t) => expect(isWellFormedToken(t)).toBe(false),
  )
})

describe('decideSession (sliding expiry)', () => {
  it.each([
    { expiresIn: 30, expected: 'valid' },
    { expiresIn: 15.01, expected: 'valid' },
    { expiresIn: 14.99, expected: 'renew' },
    { expiresIn: 0.001, expected: 'renew' },
    { expiresIn: 0, expected: 'expired' },
    { expiresIn: -1, expected: 'expired' },
  ])('a session expiring in $expiresIn days is $expected', ({ expiresIn, expected }) => {
    const d = decideSession(days(expiresIn), now, policy)
    expect(d.kind).toBe(expected)
    if (d.kind === 'renew') expect(d.expiresAt).toEqual(days(30))
  })
})

describe('session cookie', () => {
  it('is HTTP-only, SameSite=Lax, on /, with Max-Age to the expiry', () => {
    expect(sessionCookieAttributes(days(30), now, { secure: true })).toEqual({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: true,
      maxAge: 30 * 86_400,
    })
  })
})

describe('passwords (argon2id)', () => {
  it('verifies the right password and refuses a wrong one or a malformed hash', async () => {
    const h = await hashPassword('kia-ora-demo')
    expect(h.startsWith('$argon2id$')).toBe(true)
    expect(await verifyPassword(h, 'kia-ora-demo')).toBe(true)
    expect(await verifyPassword(h, 'kia-ora-demo ')).toBe(false)
    expect(await verifyPassword('not-a-hash', 'kia-ora-demo')).toBe(false)
    expect(await verifyAgainstDummy('anything')).toBe(false)
  })
})
