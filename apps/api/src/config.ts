// The API's and the worker's configuration, parsed at start from the environment with the one
// schema of every variable (config-schema.ts; README.md's Configuration table is generated from it).
// Anything wrong stops the start with a message naming the variable.
import { ConfigSchema, CONFIG_VARIABLES, REPO_ROOT } from './config-schema'

export { REPO_ROOT }

/** A setting that stops the start; the message begins `Configuration: NAME:`. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Configuration: ${variable}: ${problem}`)
    this.name = 'ConfigError'
  }
}

const KNOWN = new Set<string>(CONFIG_VARIABLES)

/** A misspelt FSN_ variable would silently do nothing: refuse it, suggesting the closest known one. */
function unknownFsnVariable(env: NodeJS.ProcessEnv): ConfigError | undefined {
  const name = Object.keys(env)
    .filter((k) => k.startsWith('FSN_') && !KNOWN.has(k))
    .sort()[0]
  if (!name) return undefined
  const known = CONFIG_VARIABLES.filter((k) => k.startsWith('FSN_'))
  const closest = known.map((k) => ({ k, d: distance(k, name) })).sort((a, b) => a.d - b.d)[0]
  const hint = closest && closest.d <= 3 ? ` (did you mean ${closest.k}?)` : ''
  return new ConfigError(name, `unknown variable${hint}; known FSN_ variables: ${known.join(', ')}`)
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = row
  }
  return prev[b.length]!
}

export type Config = ReturnType<typeof loadConfig>

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  // An empty variable (`DATABASE_URL= pnpm start`) means unset, as shells users expect.
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''))
  const unknown = unknownFsnVariable(set)
  if (unknown) throw unknown
  const parsed = ConfigSchema.safeParse(set)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new ConfigError(issue.path.join('.'), issue.message)
  }
  const e = parsed.data
  if (e.NODE_ENV === 'production') {
    // Demo users share a published password (packages/db seed/demo-users.ts).
    if (e.FSN_SEED === 'demo')
      throw new ConfigError(
        'FSN_SEED',
        'demo seeding is refused when NODE_ENV=production (the demo password is public); use auto or off',
      )
    // Session cookies must never travel over plain HTTP in production.
    if (e.COOKIE_SECURE === 'false')
      throw new ConfigError(
        'COOKIE_SECURE',
        'false is refused when NODE_ENV=production (session cookies must be Secure)',
      )
  }
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
    allowedOrigins: [
      e.WEB_URL,
      ...e.CORS_ORIGINS.split(',')
        .map((s) => s.trim().replace(/\/$/, ''))
        .filter(Boolean),
    ],
    /** Peers whose X-Forwarded-For is believed, for the sign-in rate limit; `none` trusts nobody. */
    trustedProxies:
      e.TRUSTED_PROXIES === 'none'
        ? []
        : e.TRUSTED_PROXIES.split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    email: {
      sink:
        e.EMAIL_SINK ?? (e.NODE_ENV === 'development' ? 'file' : e.NODE_ENV === 'test' ? 'none' : 'console'),
      file: e.EMAIL_FILE,
    },
    sms: {
      sink: e.SMS_SINK ?? (e.NODE_ENV === 'development' ? 'file' : 'none'),
      file: e.SMS_FILE,
      gatewayUrl: e.SMS_GATEWAY_URL,
      gatewayToken: e.SMS_GATEWAY_TOKEN,
    },
    /** `on`: inside the API; `off`: a separate worker runs; `only`: this process is that worker. */
    worker: { mode: e.WORKER, enabled: e.WORKER !== 'off', intervalMs: e.WORKER_INTERVAL_MS },
    /** How long an outbox claim holds (a crashed worker's message waits this long). */
    outboxClaimMs: e.WORKER_CLAIM_MS,
    webhookSecretOverlapHours: e.WEBHOOK_SECRET_OVERLAP_HOURS,
    /** API processes on the one port (cluster mode). */
    apiProcesses: e.API_PROCESSES,
    /** Shared state for several API processes; undefined keeps it in Postgres or the process. */
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    metrics: e.METRICS === 'on',
    /** The bearer token /metrics requires (http/metrics.ts metricsExposure); never logged. */
    metricsToken: e.METRICS_TOKEN,
    /** Keys the rounding of published counts (domain protectCount); never logged. */
    countRoundingSecret: e.COUNT_ROUNDING_SECRET,
    /** Elapsed hours three missed contact attempts must span before escalation (domain CONTACT_WINDOW_HOURS). */
    contactWindowHours: e.CONTACT_WINDOW_HOURS,
  }
}

/** loadConfig for a program's start: a bad setting prints one line naming the variable and exits 1. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env)
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    console.error(`Cannot start: ${err.message}`)
    process.exit(1)
  }
}
