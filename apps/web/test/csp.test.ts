// The web app's Content-Security-Policy (svelte.config.js): scripts only from our own origin, with
// SvelteKit's hashes/nonces for its bootstrap, never inline script or eval. The browser tests fail
// on any CSP violation the pages cause; this checks the policy itself cannot quietly loosen.
import { describe, expect, it } from 'vitest'
import config from '../svelte.config.js'

const directives = (config.kit?.csp?.directives ?? {}) as Record<string, string[] | undefined>

describe('web Content-Security-Policy', () => {
  it('allows no inline script, no eval and no other origin for scripts', () => {
    expect(config.kit?.csp?.mode).toBe('auto')
    for (const name of ['script-src', 'script-src-elem', 'script-src-attr', 'default-src']) {
      const values = directives[name] ?? []
      expect(values, name).not.toContain('unsafe-inline')
      expect(values, name).not.toContain('unsafe-eval')
      expect(values, name).not.toContain('strict-dynamic')
      for (const v of values) expect(v, name).not.toMatch(/^(https?:|\*|data:|blob:)/)
    }
    expect(directives['script-src']).toEqual(['self'])
  })

  it('refuses framing, foreign form targets, base rewriting and plugins', () => {
    expect(directives['frame-ancestors']).toEqual(['none'])
    expect(directives['form-action']).toEqual(['self'])
    expect(directives['base-uri']).toEqual(['self'])
    expect(directives['object-src']).toEqual(['none'])
    expect(directives['default-src']).toEqual(['self'])
  })
})
