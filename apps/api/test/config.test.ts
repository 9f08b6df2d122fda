import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config'

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({ env: 'development', port: 4000, host: '127.0.0.1', databaseUrl: undefined, cookieSecure: false })
    expect(c.email.sink).toBe('file')
    expect(c.worker).toEqual({ enabled: true, intervalMs: 1000 })
  })

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 4000 })
  })

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ FSN_SEED: 'always' }, 'FSN_SEED'],
    [{ COUNT_ROUNDING_SECRET: 'too short' }, 'COUNT_ROUNDING_SECRET'],
  ])('refuses %j naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrowError(new RegExp(`^Configuration: ${name}:`))
  })

  it('production: Secure cookies, console email, DATA_DIR=memory means in-memory', () => {
    const c = loadConfig({ NODE_ENV: 'production', DATA_DIR: 'memory' })
    expect(c).toMatchObject({ cookieSecure: true, dataDir: undefined })
    expect(c.email.sink).toBe('console')
  })

  it('carries the count-rounding secret (main.ts refuses production without it)', () => {
    expect(loadConfig({}).countRoundingSecret).toBeUndefined()
    const secret = 'x'.repeat(32)
    expect(loadConfig({ COUNT_ROUNDING_SECRET: secret }).countRoundingSecret).toBe(secret)
  })
})
