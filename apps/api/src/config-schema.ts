// The one list of environment variables: each with its type and default (zod) and what it does.
// loadConfig (config.ts) parses the environment with it at start, README.md's Configuration table is
// generated from it (`pnpm config:table`; a test fails when the two differ), and the deploy files'
// settings are checked against it (test/deploy-files.test.ts).
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..')

/** Which program reads a variable (the table's "read by" column). */
export type Reader = 'api' | 'worker' | 'web' | 'start' | 'tests'

export interface VariableDoc {
  description: string
  /** The default as the README shows it (Markdown), when the schema's own default is not the words to show. */
  shownDefault?: string
  readBy: Reader[]
}

/** Documentation of every variable, keyed by its schema (zod registry: typed, not global). */
export const variableDocs = z.registry<VariableDoc>()

const doc = <T extends z.ZodType>(schema: T, meta: VariableDoc): T => {
  variableDocs.add(schema, meta)
  return schema
}

const API: Reader[] = ['api', 'worker']

/** An absolute URL with one of these schemes; the message names what was expected. */
function url(schemes: string[], example: string) {
  return z.string().refine(
    (v) => {
      try {
        const u = new URL(v)
        // A host is needed; PostgreSQL's Unix socket form names it in the query (`?host=/run/postgresql`).
        return (
          schemes.includes(u.protocol.replace(/:$/, '')) && (u.hostname !== '' || u.searchParams.has('host'))
        )
      } catch {
        return false
      }
    },
    { error: `must be a URL like ${example} (${schemes.map((s) => `${s}://`).join(' or ')})` },
  )
}

/** An http(s) origin: scheme, host, optional port; no path, no '*'. */
export function isOrigin(value: string): boolean {
  try {
    const u = new URL(value)
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === value.replace(/\/$/, '')
  } catch {
    return false
  }
}

const onOff = (fallback: 'on' | 'off') => z.enum(['on', 'off']).default(fallback)

export const ConfigSchema = z.object({
  NODE_ENV: doc(z.enum(['development', 'test', 'production']).default('development'), {
    description:
      '`development`, `test` or `production`; production never seeds demo data, requires Secure cookies and `COUNT_ROUNDING_SECRET`, and publishes no GraphQL schema',
    readBy: ['api', 'worker', 'web'],
  }),
  PORT: doc(z.coerce.number().int().min(0).max(65_535).default(4000), {
    description: "API port (the web app's port when running `apps/web` alone, e.g. in a container)",
    readBy: ['api', 'web', 'start'],
  }),
  HOST: doc(z.string().default('127.0.0.1'), {
    description: 'listen address (`0.0.0.0` in a container)',
    readBy: ['api', 'web'],
  }),
  WEB_PORT: doc(z.coerce.number().int().min(0).max(65_535).default(3000), {
    description: 'web app port under `pnpm start`',
    readBy: ['start'],
  }),
  API_URL: doc(url(['http', 'https'], 'http://127.0.0.1:4000').default('http://127.0.0.1:4000'), {
    description: "where the web app's server reaches the API",
    readBy: ['web'],
  }),
  ORIGIN: doc(url(['http', 'https'], 'https://fsn.example.nz').optional(), {
    description:
      "the web app's public origin when it runs built (`node apps/web/build`) behind a proxy or in a container; SvelteKit checks form posts against it",
    readBy: ['web'],
  }),
  DATABASE_URL: doc(url(['postgres', 'postgresql'], 'postgres://user@host:5432/fsn').optional(), {
    description: '`postgres://…` to use real PostgreSQL instead of the embedded one',
    readBy: API,
  }),
  DATA_DIR: doc(z.string().default(join(REPO_ROOT, '.data/pglite')), {
    description: 'embedded database folder (git ignores it); `memory` for a throwaway in-memory database',
    shownDefault: '`.data/pglite`',
    readBy: API,
  }),
  FSN_SEED: doc(z.enum(['auto', 'demo', 'off']).default('auto'), {
    description:
      '`auto`: on first start in development/test seed the directory and demo users (production: reference data only); `demo`: the same, refused in production; `off`: no seeding',
    readBy: ['api'],
  }),
  FSN_SEED_PROVIDERS: doc(z.coerce.number().int().min(1).default(400), {
    description: 'providers generated on first start',
    readBy: ['api'],
  }),
  FSN_SEED_SERVICES: doc(z.coerce.number().int().min(1).default(1500), {
    description: 'services generated on first start',
    readBy: ['api'],
  }),
  FSN_SEED_RANDOM: doc(z.coerce.number().int().default(20261123), {
    description: "the generator's random seed (same seed, same data)",
    readBy: ['api'],
  }),
  SESSION_TTL_DAYS: doc(z.coerce.number().positive().default(30), {
    description: 'session lifetime; a session used in its second half is renewed',
    readBy: ['api'],
  }),
  COOKIE_SECURE: doc(z.enum(['true', 'false']).optional(), {
    description: 'force the `Secure` cookie attribute on or off; `false` is refused in production',
    shownDefault: 'production: `true`',
    readBy: ['api'],
  }),
  BODY_LIMIT_BYTES: doc(
    z.coerce
      .number()
      .int()
      .positive()
      .default(1024 * 1024),
    {
      description: 'largest accepted request body (413 beyond)',
      readBy: ['api'],
    },
  ),
  WEB_URL: doc(url(['http', 'https'], 'https://fsn.example.nz').default('http://localhost:3000'), {
    description:
      "printed on start; the browser origin besides the API's own allowed to send state-changing requests (CSRF check) and granted CORS with credentials",
    readBy: ['api'],
  }),
  CORS_ORIGINS: doc(
    z
      .string()
      .default('')
      .refine(
        (v) =>
          v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
            .every(isOrigin),
        {
          error:
            'must be comma-separated origins like https://fsn.example.nz (scheme, host, optional port; no path, no *)',
        },
      ),
    {
      description:
        'more browser origins trusted like `WEB_URL` (CORS grants with credentials, CSRF check), comma-separated exact origins (`https://a.example.nz,https://b.example.nz`); any other `Origin` gets no CORS header',
      shownDefault: 'unset',
      readBy: ['api'],
    },
  ),
  TRUSTED_PROXIES: doc(z.string().default('127.0.0.1,::1'), {
    description:
      'peers whose `X-Forwarded-For` is believed (the web server), for the per-address sign-in limit; `none` trusts nobody',
    readBy: ['api'],
  }),
  WORKER: doc(z.enum(['on', 'off', 'only']).default('on'), {
    description:
      'the outbox worker (notifications, SLA checks, webhooks, search index updates): `on` inside the API; `off` when a separate worker runs; `only`: this process is that worker',
    readBy: API,
  }),
  WORKER_INTERVAL_MS: doc(z.coerce.number().int().min(50).default(1000), {
    description: 'how often the worker looks for due outbox messages',
    readBy: ['worker'],
  }),
  CONTACT_WINDOW_HOURS: doc(z.coerce.number().positive().max(168).default(12), {
    description:
      'elapsed hours three unsuccessful contact attempts must span before a referral escalates to the Regional Lead (Guidelines: "three attempts over 12-hour period")',
    readBy: ['api', 'worker'],
  }),
  WORKER_CLAIM_MS: doc(z.coerce.number().int().min(1000).default(60_000), {
    description:
      'how long a worker holds an outbox message it claimed: one killed mid-message leaves it to another worker after this (keep it above the slowest handler)',
    readBy: ['worker'],
  }),
  API_PROCESSES: doc(z.coerce.number().int().min(1).max(64).default(1), {
    description: 'API processes serving the one port (cluster mode); more than 1 needs `DATABASE_URL`',
    readBy: ['api'],
  }),
  WEBHOOK_SECRET_OVERLAP_HOURS: doc(z.coerce.number().positive().max(720).default(24), {
    description:
      'after a webhook signing secret is rotated, how long deliveries still carry a signature with the old secret too (both `v1=` values), so partners can switch',
    readBy: API,
  }),
  REDIS_URL: doc(url(['redis', 'rediss'], 'redis://127.0.0.1:6379').optional(), {
    description:
      'Redis for state shared by several API processes (sign-in limits); unset: kept in PostgreSQL or in the process',
    readBy: API,
  }),
  COUNT_ROUNDING_SECRET: doc(z.string().min(32, { error: 'must be at least 32 characters' }).optional(), {
    description:
      '**required in production** (32+ characters, kept stable across restarts and shared by every API process): keys the random rounding of published coverage counts ([docs/coverage.md](docs/coverage.md), "Small counts")',
    shownDefault: 'unset (development value)',
    readBy: ['api'],
  }),
  EMAIL_SINK: doc(z.enum(['file', 'console', 'none']).optional(), {
    description: 'where notification email goes (`file`, `console`, `none`)',
    shownDefault: 'development: `file`; test: `none`; production: `console`',
    readBy: ['worker'],
  }),
  EMAIL_FILE: doc(z.string().default(join(REPO_ROOT, '.data/mail.jsonl')), {
    description: "the file sink's file",
    shownDefault: '`.data/mail.jsonl`',
    readBy: ['worker'],
  }),
  SMS_SINK: doc(z.enum(['file', 'http', 'none']).optional(), {
    description:
      'where status texts to the person go (`file`, `http` to an SMS gateway, `none`: SMS is not sent; email still is)',
    shownDefault: 'development: `file`; otherwise `none`',
    readBy: ['worker'],
  }),
  SMS_FILE: doc(z.string().default(join(REPO_ROOT, '.data/sms.jsonl')), {
    description: "the SMS file sink's file",
    shownDefault: '`.data/sms.jsonl`',
    readBy: ['worker'],
  }),
  SMS_GATEWAY_URL: doc(url(['https'], 'https://sms.example.nz/v1/messages').optional(), {
    description: 'with `SMS_SINK=http`: the gateway POSTed `{ to, text }` (apps/api/src/adapters/sms.ts)',
    readBy: ['worker'],
  }),
  SMS_GATEWAY_TOKEN: doc(z.string().min(16, { error: 'must be at least 16 characters' }).optional(), {
    description: 'with `SMS_SINK=http`: the bearer token for the gateway (a secret)',
    readBy: ['worker'],
  }),
  MEILI_URL: doc(url(['http', 'https'], 'http://127.0.0.1:7700').optional(), {
    description: '`http://host:7700` to search with Meilisearch instead of the embedded engine',
    readBy: API,
  }),
  MEILI_API_KEY: doc(z.string().optional(), {
    description: 'Meilisearch key, when the server needs one',
    readBy: API,
  }),
  MEILI_INDEX: doc(z.string().optional(), {
    description: 'Meilisearch index name',
    shownDefault: '`services` (search/settings.json)',
    readBy: API,
  }),
  LOG_LEVEL: doc(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), {
    description: 'least severe log line written (pino levels)',
    readBy: API,
  }),
  METRICS: doc(onOff('on'), {
    description: 'serve Prometheus metrics at `/metrics`',
    readBy: ['api'],
  }),
  METRICS_TOKEN: doc(z.string().min(32, { error: 'must be at least 32 characters' }).optional(), {
    description:
      '`/metrics` answers only `Authorization: Bearer <METRICS_TOKEN>`; in production, unset means no `/metrics` at all (never public)',
    readBy: ['api'],
  }),
  TEST_DATABASE_URL: doc(
    url(['postgres', 'postgresql'], 'postgres://postgres@127.0.0.1:5432/postgres').optional(),
    {
      description:
        'tests: also run every database suite on this PostgreSQL server (each suite creates and drops its own database)',
      readBy: ['tests'],
    },
  ),
  TEST_REDIS_URL: doc(url(['redis', 'rediss'], 'redis://127.0.0.1:6379').optional(), {
    description: 'tests: run the Redis suites on this server (skipped when unset)',
    readBy: ['tests'],
  }),
  FSN_TEST_API_URL: doc(url(['http', 'https'], 'http://127.0.0.1:4000').optional(), {
    description: 'browser tests: use this running API instead of starting one',
    readBy: ['tests'],
  }),
  FSN_WEB_SKIP_BUILD: doc(z.enum(['0', '1']).optional(), {
    description: 'browser tests: `1` reuses apps/web/build as it is instead of building the web app first',
    readBy: ['tests'],
  }),
  FSN_SCREENSHOT_DIR: doc(z.string().optional(), {
    description: 'browser tests: save screenshots in this folder',
    readBy: ['tests'],
  }),
  CHROMIUM_PATH: doc(z.string().default('/usr/bin/chromium'), {
    description: 'tests: the Chromium the browser tests drive',
    readBy: ['tests'],
  }),
})

export type ConfigVariable = keyof typeof ConfigSchema.shape
export const CONFIG_VARIABLES = Object.keys(ConfigSchema.shape) as ConfigVariable[]

export function variableDoc(name: ConfigVariable): VariableDoc {
  const d = variableDocs.get(ConfigSchema.shape[name])
  if (!d) throw new Error(`${name} has no documentation in config-schema.ts`)
  return d
}

/** The default as documented: the schema's own (parsed from nothing) unless the doc says otherwise. */
export function shownDefault(name: ConfigVariable): string {
  const d = variableDoc(name)
  if (d.shownDefault) return d.shownDefault
  const parsed = ConfigSchema.shape[name].safeParse(undefined)
  return parsed.success && parsed.data !== undefined ? `\`${String(parsed.data)}\`` : 'unset'
}

export const TABLE_START =
  '<!-- config-table: generated from apps/api/src/config-schema.ts by `pnpm config:table`; edit there -->'
export const TABLE_END = '<!-- /config-table -->'

/** The README's Configuration table, one row per variable in schema order. */
export function renderConfigTable(): string {
  const rows = CONFIG_VARIABLES.map((name) => {
    const d = variableDoc(name)
    return `| \`${name}\` | ${shownDefault(name)} | ${d.readBy.join(', ')} | ${d.description.replaceAll('|', '\\|')} |`
  })
  return ['| variable | default | read by | what it does |', '|---|---|---|---|', ...rows].join('\n')
}

/** Replaces what stands between the markers in `readme` with the table; throws when a marker is missing. */
export function withConfigTable(readme: string): string {
  const start = readme.indexOf(TABLE_START)
  const end = readme.indexOf(TABLE_END)
  if (start < 0 || end < start) throw new Error('README.md has no config-table markers')
  return `${readme.slice(0, start + TABLE_START.length)}\n\n${renderConfigTable()}\n\n${readme.slice(end)}`
}

/** The table as README.md holds it now (between the markers), for the freshness test. */
export function readmeConfigTable(readme: string): string | undefined {
  const start = readme.indexOf(TABLE_START)
  const end = readme.indexOf(TABLE_END)
  if (start < 0 || end < start) return undefined
  return readme.slice(start + TABLE_START.length, end).trim()
}
