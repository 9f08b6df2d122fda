import { describe, expect, it } from 'vitest'
import { isPlausibleToken, readSessionSetCookie, safeRedirectPath, sessionCookieOptions } from './session'

const headersWith = (...cookies: string[]) => {
  const headers = new Headers()
  for (const c of cookies) headers.append('set-cookie', c)
  return headers
}

describe('readSessionSetCookie', () => {
  it('reads the token and Max-Age, ignoring other cookies', () => {
    const headers = headersWith('other=1; Path=/', 'fsn_session=abc123; HttpOnly; SameSite=Lax; Path=/; Max-Age=2592000')
    expect(readSessionSetCookie(headers)).toEqual({ value: 'abc123', maxAge: 2592000 })
  })

  it('derives Max-Age from Expires when Max-Age is missing', () => {
    const now = new Date('2026-01-01T00:00:00Z')
    const headers = headersWith('fsn_session=abc; Path=/; Expires=Thu, 01 Jan 2026 01:00:00 GMT')
    expect(readSessionSetCookie(headers, now)).toEqual({ value: 'abc', maxAge: 3600 })
  })

  it('prefers Max-Age over Expires (RFC 6265 5.3)', () => {
    const headers = headersWith('fsn_session=abc; Expires=Thu, 01 Jan 2099 00:00:00 GMT; Max-Age=60')
    expect(readSessionSetCookie(headers)?.maxAge).toBe(60)
  })

  it('reports a cleared cookie and an absent one differently', () => {
    expect(readSessionSetCookie(headersWith('fsn_session=; Path=/; Max-Age=0'))).toEqual({ value: '', maxAge: 0 })
    expect(readSessionSetCookie(headersWith('fsn_session_other=x'))).toBeNull()
    expect(readSessionSetCookie(new Headers())).toBeNull()
  })
})

describe('sessionCookieOptions', () => {
  it('is HttpOnly, SameSite=Lax, Path=/ and Secure off loopback', () => {
    expect(sessionCookieOptions(new URL('https://fsn.example.nz/sign-in'), 60)).toEqual({
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: true,
      maxAge: 60,
    })
    // Plain http on a real host still gets Secure: the browser then refuses it, which is right.
    expect(sessionCookieOptions(new URL('http://fsn.example.nz/'), 60).secure).toBe(true)
  })

  it('drops Secure only for plain-http loopback, where development and the browser tests run', () => {
    expect(sessionCookieOptions(new URL('http://127.0.0.1:3000/'), 60).secure).toBe(false)
    expect(sessionCookieOptions(new URL('http://localhost:3000/'), 60).secure).toBe(false)
  })

  it('leaves out Max-Age when the API gave none, making a browser-session cookie', () => {
    expect(sessionCookieOptions(new URL('https://fsn.example.nz/'), null)).not.toHaveProperty('maxAge')
  })
})

describe('safeRedirectPath', () => {
  it.each([
    ['/directory?category=food', '/directory?category=food'],
    ['//evil.example/', '/'],
    ['/\\evil.example/', '/'],
    ['https://evil.example/', '/'],
    ['/sign-in', '/'],
    [null, '/'],
  ])('%s -> %s', (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected)
  })
})

describe('isPlausibleToken', () => {
  it('accepts url-safe tokens and refuses anything a header could be abused with', () => {
    expect(isPlausibleToken('Yx3k9_Qm-2vB8nL4pR7sT1wZ')).toBe(true)
    expect(isPlausibleToken('short')).toBe(false)
    expect(isPlausibleToken('a'.repeat(20) + '; other=1')).toBe(false)
    expect(isPlausibleToken(undefined)).toBe(false)
  })
})
