// Every environment variable the API reads, in one place (listed in the README's Configuration).
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..')

const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'DATABASE_URL must start with postgres:// or postgresql://' })
    .optional(),
  DATA_DIR: z.string().default(join(REPO_ROOT, '.data/pglite')),
  FSN_SEED: z.enum(['auto', 'demo', 'off']).default('auto'),
  FSN_SEED_PROVIDERS: z.coerce.number().int().min(1).default(400),
  FSN_SEED_SERVICES: z.coerce.number().int().min(1).default(1500),
  FSN_SEED_RANDOM: z.coerce.number().int().default(20261123),
  SESSION_TTL_DAYS: z.coerce.number().positive().default(30),
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  WEB_URL: z.string().default('http://localhost:3000'),
  // More browser origins trusted like WEB_URL (CORS grants with credentials, state-changing
  // requests): a comma-separated list of exact http(s) origins, nothing else (no paths, no '*').
  CORS_ORIGINS: z
    .string()
    .default('')
    .refine((v) => v.split(',').map((s) => s.trim()).filter(Boolean).every(isOrigin), {
      error: 'CORS_ORIGINS must be comma-separated origins like https://fsn.example.nz (scheme, host, optional port; no path, no *)',
    }),
  // The web server runs beside the API and forwards the browser's address in X-Forwarded-For.
  TRUSTED_PROXIES: z.string().default('127.0.0.1,::1'),
  EMAIL_SINK: z.enum(['file', 'console', 'none']).optional(),
  EMAIL_FILE: z.string().default(join(REPO_ROOT, '.data/mail.jsonl')),
  WORKER: z.enum(['on', 'off']).default('on'),
  WORKER_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  // Keys the random rounding of published coverage counts; required in production (main.ts).
  COUNT_ROUNDING_SECRET: z
    .string()
    .min(32, { error: 'COUNT_ROUNDING_SECRET must be at least 32 characters' })
    .optional(),
})

function isOrigin(value: string): boolean {
  try {
    const u = new URL(value)
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === value.replace(/\/$/, '')
  } catch {
    return false
  }
}

export type Config = ReturnType<typeof loadConfig>

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  // An empty variable (`DATABASE_URL= pnpm start`) means unset, as shells users expect.
  const parsed = ZEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new Error(`Configuration: ${issue.path.join('.')}: ${issue.message}`)
  }
  const e = parsed.data
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    /** undefined = in-memory PGlite (DATA_DIR=memory). */
    dataDir: e.DATA_DIR === 'memory' ? undefined : e.DATA_DIR,
    seed: {
      mode: e.FSN_SEED,
      providers: e.FSN_SEED_PROVIDERS,
      services: e.FSN_SEED_SERVICES,
      random: e.FSN_SEED_RANDOM,
    },
    sessionTtlDays: e.SESSION_TTL_DAYS,
    cookieSecure: e.COOKIE_SECURE ? e.COOKIE_SECURE === 'true' : e.NODE_ENV === 'production',
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    // Production publishes no schema: no GraphiQL, no introspection, no "Did you mean …?" (the
    // SDL is in the repository for those who need it).
    graphiql: e.NODE_ENV !== 'production',
    introspection: e.NODE_ENV !== 'production',
    webUrl: e.WEB_URL,
    /** Browser origins trusted besides the API's own: WEB_URL and CORS_ORIGINS. */
    allowedOrigins: [e.WEB_URL, ...e.CORS_ORIGINS.split(',').map((s) => s.trim().replace(/\/$/, '')).filter(Boolean)],
    /** Peers whose X-Forwarded-For is believed, for the sign-in rate limit; `none` trusts nobody. */
    trustedProxies: e.TRUSTED_PROXIES === 'none' ? [] : e.TRUSTED_PROXIES.split(',').map((s) => s.trim()).filter(Boolean),
    email: { sink: e.EMAIL_SINK ?? (e.NODE_ENV === 'development' ? 'file' : e.NODE_ENV === 'test' ? 'none' : 'console'), file: e.EMAIL_FILE },
    worker: { enabled: e.WORKER === 'on', intervalMs: e.WORKER_INTERVAL_MS },
    /** Keys the rounding of published counts (domain protectCount); never logged. */
    countRoundingSecret: e.COUNT_ROUNDING_SECRET,
  }
}
