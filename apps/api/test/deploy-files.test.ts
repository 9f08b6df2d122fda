// The deploy files (Dockerfile, .dockerignore, deploy/compose.yaml) cannot be built or run on the
// machine the tests run on (no image pulls), so their shape is checked here: every setting compose
// gives the app is a variable of the configuration schema with a value that passes it, every
// long-running service has a health check, the app runs as a non-root user, and the image's final
// stage installs production dependencies only.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { loadConfig } from '../src/config'
import { CONFIG_VARIABLES, ConfigSchema, REPO_ROOT } from '../src/config-schema'

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8')

interface Service {
  image?: string
  build?: { context: string; dockerfile: string; target?: string }
  command?: string[]
  user?: string
  restart?: string
  environment?: Record<string, string>
  healthcheck?: { test: string[]; disable?: boolean }
  depends_on?: Record<string, { condition: string }>
  deploy?: { replicas?: number }
}
const compose = parse(read('deploy/compose.yaml'), { merge: true }) as { services: Record<string, Service> }
const services = Object.entries(compose.services)

/**
 * Compose's interpolation as `docker compose up` would do it with the required variables set:
 * `${X:-default}` is the default, `${X:?message}` (required, a secret) a 40-character stand-in.
 */
function interpolate(value: string): string {
  return String(value).replace(
    /\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g,
    (_, name: string, op?: string, arg?: string) => {
      if (op === '-') return arg ?? ''
      if (op === '?') return 'x'.repeat(40)
      throw new Error(`\${${name}} has neither a default nor a required marker`)
    },
  )
}
const envOf = (s: Service) =>
  Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, interpolate(v)]))

/** Our services: built from the repository's Dockerfile. The rest are upstream images. */
const ours = services.filter(([, s]) => s.build?.dockerfile === 'Dockerfile')

/** The Dockerfile's stages: name -> lines (continuations joined). */
function stages(text: string) {
  const lines = text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
  const out: { from: string; name: string; lines: string[] }[] = []
  for (const l of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(l)
    if (from) out.push({ from: from[1]!, name: from[2] ?? '', lines: [] })
    else out.at(-1)?.lines.push(l)
  }
  return out
}
const dockerfile = read('Dockerfile')
const dockerStages = stages(dockerfile)
const final = dockerStages.at(-1)!

describe('deploy/compose.yaml', () => {
  it('has the services the issue names: Postgres 15, Redis 7, Meilisearch, migrate, two API processes, a worker, the web app', () => {
    const s = compose.services
    expect(s.postgres?.image).toMatch(/^postgres:15\b/)
    expect(s.redis?.image).toMatch(/^redis:7\b/)
    expect(s.meilisearch?.image).toMatch(/^getmeili\/meilisearch:v1\./)
    expect(s.migrate?.command?.join(' ')).toContain('apps/api/src/cli/migrate.ts')
    expect(s.api?.deploy?.replicas).toBe(2)
    expect(envOf(s.api!).WORKER).toBe('off')
    expect(envOf(s.worker!).WORKER).toBe('only')
    expect(s.web?.command).toEqual(['node', 'apps/web/build'])
    expect(ours.map(([name]) => name).sort()).toEqual(['api', 'migrate', 'web', 'worker'])
  })

  it.each(ours)(
    '%s: every variable it sets is in the configuration schema, with a value the schema accepts',
    (_name, service) => {
      const env = envOf(service)
      expect(Object.keys(env).length).toBeGreaterThan(1)
      expect(Object.keys(env).filter((k) => !(CONFIG_VARIABLES as string[]).includes(k))).toEqual([])
      for (const [k, v] of Object.entries(env)) {
        const parsed = ConfigSchema.shape[k as keyof typeof ConfigSchema.shape].safeParse(v)
        expect(parsed.success, `${k}=${v}: ${parsed.error?.issues[0]?.message}`).toBe(true)
      }
      // The whole start-up check, production rules included.
      expect(() => loadConfig(env)).not.toThrow()
    },
  )

  it('the API and the worker get what production requires (main.ts refuses otherwise) and reach the services by name', () => {
    for (const name of ['api', 'worker']) {
      const c = loadConfig(envOf(compose.services[name]!))
      expect(c.env).toBe('production')
      expect(c.countRoundingSecret?.length).toBeGreaterThanOrEqual(32)
      expect(c.cookieSecure).toBe(true)
      expect(new URL(c.databaseUrl!).hostname).toBe('postgres')
      expect(new URL(c.redisUrl!).hostname).toBe('redis')
    }
    expect(envOf(compose.services.migrate!).DATABASE_URL).toBe(envOf(compose.services.api!).DATABASE_URL)
    const web = envOf(compose.services.web!)
    expect(new URL(web.API_URL!).hostname).toBe('api')
    expect(new URL(web.API_URL!).port).toBe(envOf(compose.services.api!).PORT)
  })

  it('every long-running service has a health check; a one-shot service is awaited until it completes', () => {
    for (const [name, s] of services) {
      if (s.restart === 'no') {
        const waiting = services.filter(([, o]) => o.depends_on?.[name])
        expect(waiting.length, `${name} is one-shot: something must wait for it`).toBeGreaterThan(0)
        for (const [, o] of waiting)
          expect(o.depends_on![name]!.condition).toBe('service_completed_successfully')
        continue
      }
      expect(s.healthcheck?.disable, name).not.toBe(true)
      expect(s.healthcheck?.test?.length, `${name} has no healthcheck`).toBeGreaterThan(1)
    }
  })

  it('app health checks probe the port the service listens on: /ready for the API, /health for the worker', () => {
    const probe = (name: string) => compose.services[name]!.healthcheck!.test.join(' ')
    expect(probe('api')).toContain(`127.0.0.1:${envOf(compose.services.api!).PORT}/ready`)
    expect(probe('worker')).toContain(`127.0.0.1:${envOf(compose.services.worker!).PORT}/health`)
    expect(probe('web')).toContain(`127.0.0.1:${envOf(compose.services.web!).PORT}/`)
  })

  it('every dependency is waited on with a condition, and names a service that exists', () => {
    for (const [name, s] of services) {
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
        expect(compose.services[dep], `${name} depends on unknown ${dep}`).toBeDefined()
        expect(['service_healthy', 'service_completed_successfully'], `${name} -> ${dep}`).toContain(
          condition,
        )
        if (condition === 'service_healthy')
          expect(compose.services[dep]!.healthcheck?.test, dep).toBeDefined()
      }
    }
    expect(Object.keys(compose.services.api!.depends_on!).sort()).toEqual([
      'meilisearch',
      'migrate',
      'postgres',
      'redis',
    ])
  })

  it('the API, the worker and the web app run the runtime stage as the non-root user; migrate as that user too', () => {
    for (const [name, s] of ours) {
      if (name === 'migrate') {
        expect(s.build?.target).toBe('build')
        expect(s.user).toBe('node')
        continue
      }
      expect(s.build?.target, name).toBe(final.name)
      // compose could override the image's user: it must not, or must name a non-root one.
      expect(s.user === undefined || !/^(root|0)(:|$)/.test(s.user), name).toBe(true)
    }
  })
})

describe('Dockerfile', () => {
  it('builds from node:20-bookworm-slim in stages, the last being the runtime', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m)
    expect(dockerStages.map((s) => s.name)).toEqual(['base', 'build', 'runtime'])
    expect(dockerStages[0]!.from).toBe('${NODE_IMAGE}')
    expect(dockerStages.slice(1).every((s) => s.from === 'base')).toBe(true)
  })

  it('the final stage installs production dependencies only: no dev install, build, compiler or test tool', () => {
    const runs = final.lines.filter((l) => /^RUN\b/.test(l))
    const installs = runs.filter((l) => /\b(pnpm|npm)\s+(install|i|ci|add)\b/.test(l))
    expect(installs.length).toBe(1)
    for (const l of installs) expect(l).toMatch(/--prod\b/)
    for (const l of runs) {
      expect(l).not.toMatch(
        /\b(pnpm|npm)\s+(run\s+)?build\b|\btsx\b|\bvite\b|\bturbo\b|\bvitest\b|--dev\b|devDependencies/,
      )
    }
    // The built output comes from the build stage.
    expect(final.lines).toContain('COPY --from=build /app/apps/api/dist apps/api/dist')
    expect(final.lines).toContain('COPY --from=build /app/apps/web/build apps/web/build')
    // The build stage is where the full install and the build happen.
    const build = dockerStages.find((s) => s.name === 'build')!
    expect(build.lines.some((l) => /pnpm install --frozen-lockfile$/.test(l))).toBe(true)
    expect(build.lines).toContain('RUN pnpm build')
  })

  it('runs as a non-root user, starts the bundle with node and checks /ready', () => {
    const users = final.lines.filter((l) => l.startsWith('USER '))
    expect(users.length).toBeGreaterThan(0)
    expect(users.at(-1)).toMatch(/^USER (?!root\b|0\b)\S+/)
    // Nothing after USER switches back to root.
    expect(
      final.lines.slice(final.lines.indexOf(users.at(-1)!)).some((l) => /^USER (root|0)\b/.test(l)),
    ).toBe(false)
    expect(final.lines.find((l) => l.startsWith('HEALTHCHECK'))).toMatch(/\/ready/)
    expect(final.lines.at(-1)).toBe('CMD ["node", "apps/api/dist/main.js"]')
    expect(JSON.parse(read('apps/api/package.json')).scripts.start).toBe('node dist/main.js')
  })
})

describe('.dockerignore', () => {
  const patterns = read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
  const toRegExp = (p: string) =>
    new RegExp(
      `^${p
        .replace(/[.+^$()|[\]\\]/g, '\\$&')
        .replace(/\*\*\//g, '\0')
        .replace(/\*/g, '[^/]*')
        .replaceAll('\0', '(.*/)?')}(/.*)?$`,
    )
  const excluded = (path: string) => {
    let out = false
    for (const p of patterns) {
      if (p.startsWith('!')) {
        if (toRegExp(p.slice(1)).test(path)) out = false
      } else if (toRegExp(p).test(path)) out = true
    }
    return out
  }

  it('keeps installs, builds, local databases, secrets and git history out of the image', () => {
    for (const path of [
      'node_modules/x',
      'apps/api/node_modules/x',
      'apps/api/dist/main.js',
      'apps/web/build/index.js',
      '.data/pglite/PG_VERSION',
      '.env',
      '.env.production',
      '.git/HEAD',
      'packages/db/src/generated/client.ts',
    ]) {
      expect(excluded(path), path).toBe(true)
    }
  })

  it('leaves every tracked source, migration and data file in (the image reads them)', () => {
    const tracked = execFileSync('git', ['ls-files'], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
    expect(tracked.length).toBeGreaterThan(100)
    const dropped = tracked
      .filter(excluded)
      .filter((p) => !['Dockerfile', '.dockerignore'].includes(p) && !p.startsWith('deploy/'))
    expect(dropped).toEqual([])
  })
})
