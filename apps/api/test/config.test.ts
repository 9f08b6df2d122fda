import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config'
import {
  CONFIG_VARIABLES,
  ConfigSchema,
  REPO_ROOT,
  readmeConfigTable,
  renderConfigTable,
  shownDefault,
  variableDoc,
  withConfigTable,
} from '../src/config-schema'

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({
      env: 'development',
      port: 4000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      cookieSecure: false,
    })
    expect(c.email.sink).toBe('file')
    expect(c.worker).toEqual({ mode: 'on', enabled: true, intervalMs: 1000 })
    expect(c).toMatchObject({ apiProcesses: 1, redisUrl: undefined, logLevel: 'info', metrics: true })
  })

  it('accepts the URL forms in use', () => {
    for (const url of [
      'postgres://fsn:secret@db:5432/fsn',
      'postgresql://postgres@127.0.0.1/fsn?sslmode=require',
      'postgresql:///fsn?host=/run/postgresql',
    ]) {
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url)
    }
    expect(loadConfig({ REDIS_URL: 'rediss://:pw@redis.example.nz:6380/0' }).redisUrl).toBe(
      'rediss://:pw@redis.example.nz:6380/0',
    )
    expect(() =>
      loadConfig({
        MEILI_URL: 'http://meili:7700',
        API_URL: 'http://api:4000',
        WEB_URL: 'https://fsn.example.nz',
      }),
    ).not.toThrow()
  })

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 4000 })
  })

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres:/db' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL'],
    [{ MEILI_URL: '127.0.0.1:7700' }, 'MEILI_URL'],
    [{ API_URL: 'api:4000' }, 'API_URL'],
    [{ WEB_URL: 'localhost:3000' }, 'WEB_URL'],
    [{ ORIGIN: 'fsn.example.nz' }, 'ORIGIN'],
    [{ TEST_DATABASE_URL: 'not a url' }, 'TEST_DATABASE_URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ FSN_SEED: 'always' }, 'FSN_SEED'],
    [{ COUNT_ROUNDING_SECRET: 'too short' }, 'COUNT_ROUNDING_SECRET'],
    [{ WORKER: 'yes' }, 'WORKER'],
    [{ API_PROCESSES: '0' }, 'API_PROCESSES'],
    [{ API_PROCESSES: '65' }, 'API_PROCESSES'],
    [{ API_PROCESSES: '1.5' }, 'API_PROCESSES'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ METRICS: 'true' }, 'METRICS'],
  ])('refuses %j naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrowError(new RegExp(`^Configuration: ${name}:`))
  })

  it('refuses an unknown FSN_ variable, naming it and suggesting the closest', () => {
    expect(() => loadConfig({ FSN_SEEDS: 'off' })).toThrowError(
      /^Configuration: FSN_SEEDS: unknown variable \(did you mean FSN_SEED\?\)/,
    )
    expect(() => loadConfig({ FSN_COLOUR: 'blue' })).toThrowError(
      /^Configuration: FSN_COLOUR: unknown variable; known FSN_ variables: FSN_SEED, /,
    )
    // Other prefixes belong to other programs (shells, npm, CI): not ours to refuse.
    expect(() => loadConfig({ npm_config_foo: 'x', CI: 'true', FSNSEED: 'x' })).not.toThrow()
  })

  it('production refuses demo seeding and insecure cookies; development allows both', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', FSN_SEED: 'demo' })).toThrowError(
      /^Configuration: FSN_SEED: demo seeding is refused/,
    )
    expect(() => loadConfig({ NODE_ENV: 'production', COOKIE_SECURE: 'false' })).toThrowError(
      /^Configuration: COOKIE_SECURE: false is refused/,
    )
    expect(loadConfig({ FSN_SEED: 'demo', COOKIE_SECURE: 'false' })).toMatchObject({
      cookieSecure: false,
      seed: { mode: 'demo' },
    })
    expect(loadConfig({ NODE_ENV: 'production', FSN_SEED: 'off', COOKIE_SECURE: 'true' })).toMatchObject({
      cookieSecure: true,
      seed: { mode: 'off' },
    })
  })

  it('errors are ConfigErrors carrying the variable', () => {
    try {
      loadConfig({ REDIS_URL: 'nope' })
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError)
      expect((err as ConfigError).variable).toBe('REDIS_URL')
    }
  })

  it('reads the settings of several processes', () => {
    const c = loadConfig({
      WORKER: 'only',
      API_PROCESSES: '4',
      REDIS_URL: 'redis://127.0.0.1:6379/2',
      LOG_LEVEL: 'warn',
      METRICS: 'off',
    })
    expect(c.worker).toEqual({ mode: 'only', enabled: true, intervalMs: 1000 })
    expect(c).toMatchObject({
      apiProcesses: 4,
      redisUrl: 'redis://127.0.0.1:6379/2',
      logLevel: 'warn',
      metrics: false,
    })
    expect(loadConfig({ WORKER: 'off' }).worker.enabled).toBe(false)
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

describe('the configuration schema is the one list', () => {
  const source = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8')

  it('every variable has a description, readers and a documented default', () => {
    for (const name of CONFIG_VARIABLES) {
      const d = variableDoc(name)
      expect(d.description.length, name).toBeGreaterThan(10)
      expect(d.readBy.length, name).toBeGreaterThan(0)
      expect(shownDefault(name), name).not.toBe('')
    }
  })

  it('a plain default shown in the table is the schema default', () => {
    expect(shownDefault('PORT')).toBe('`4000`')
    expect(shownDefault('WORKER')).toBe('`on`')
    expect(shownDefault('DATABASE_URL')).toBe('unset')
    expect(ConfigSchema.shape.API_PROCESSES.parse(undefined)).toBe(1)
  })

  it('every process.env variable the programs read is in the schema', () => {
    // The sources that read the environment by name (not tests); `env.X` / `process.env.X`.
    const files = [
      'apps/api/src/main.ts',
      'apps/api/src/config.ts',
      'packages/search/src/index.ts',
      'packages/services/src/webhooks/webhook-target.ts',
      'packages/db/src/seed/demo-users.ts',
      'apps/web/src/lib/server/config.ts',
      'apps/web/src/hooks.server.ts',
      'apps/web/src/routes/coverage/csv/+server.ts',
      'apps/web/src/routes/reports/weekly/csv/+server.ts',
      'scripts/start.mjs',
    ]
    const read = new Set<string>()
    for (const f of files) for (const m of source(f).matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) read.add(m[1]!)
    expect(read.size).toBeGreaterThan(5)
    const missing = [...read].filter((v) => !(CONFIG_VARIABLES as string[]).includes(v))
    expect(missing).toEqual([])
  })

  it('every FSN_ variable named anywhere in the code is in the schema (the start refuses unknown ones)', () => {
    const files = execFileSync('git', ['ls-files', '*.ts', '*.mjs', '*.js', '*.svelte', '.ci/run'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((f) => f && !f.endsWith('apps/api/test/config.test.ts'))
    const named = new Set<string>()
    for (const f of files) for (const m of source(f).matchAll(/\bFSN_[A-Z0-9_]*[A-Z0-9]\b/g)) named.add(m[0])
    expect(named.has('FSN_SEED')).toBe(true)
    expect([...named].filter((v) => !(CONFIG_VARIABLES as string[]).includes(v))).toEqual([])
  })

  it("README.md's configuration table is the one the schema generates (run `pnpm config:table`)", () => {
    const readme = source('README.md')
    expect(readmeConfigTable(readme)).toBe(renderConfigTable())
    expect(withConfigTable(readme)).toBe(readme)
    for (const name of CONFIG_VARIABLES) expect(readme).toContain(`| \`${name}\` |`)
  })

  it('a stale README table is noticed', () => {
    const readme = source('README.md')
    const stale = readme.replace('| `LOG_LEVEL` | `info` |', '| `LOG_LEVEL` | `debug` |')
    expect(stale).not.toBe(readme)
    expect(readmeConfigTable(stale)).not.toBe(renderConfigTable())
    expect(() => withConfigTable('# no markers')).toThrowError(/no config-table markers/)
  })
})
