// Composition root: reads the configuration, opens the database (embedded PGlite unless
// DATABASE_URL is set), applies migrations, seeds on first start in development, and serves.
// WORKER=on serves HTTP and runs the worker loops; off serves HTTP only; only runs the loops with
// /health alone. API_PROCESSES=N makes this process a supervisor of N (cluster/primary.ts).
import cluster from 'node:cluster'
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { Redis } from 'ioredis'
import { hashPassword, sessionPolicy } from '@fsn/auth'
import { openDatabase, redactUrl } from '@fsn/db'
import { holidayCalendarHealth } from '@fsn/domain'
import { createSearchIndex } from '@fsn/search'
import {
  accreditationHandlers,
  scheduleAccreditationExpiryCheck,
  coordinationHandlers,
  deliverWebhooks,
  directoryWatermark,
  publishDirectoryChanged,
  webhookPost,
  systemResolveHost,
  rebuildSearchIndex,
  referralHandlers,
  refreshReferralFlowRollup,
  searchIndexHandlers,
  startOutboxWorker,
  startSearchWatch,
  type ServiceDeps,
} from '@fsn/services'
import { consoleEmailSender, discardEmailSender, fileEmailSender } from './adapters/email'
import { discardSmsSender, fileSmsSender, httpSmsSender } from './adapters/sms'
import { createApp } from './app'
import { loadConfigOrExit } from './config'
import { seedOnStart } from './seed-on-start'
import { createLogger } from './http/log'
import { metricsExposure } from './http/metrics'
import { LEASE_KEYS, openCoordination, soleLease } from './cluster/coordination'
import { supervise } from './cluster/primary'
import { startSearchFanOut } from './cluster/search-fanout'
import { createPostgresSignInLimiter, createRedisSignInLimiter, type SignInLimiter } from './http/sign-in-limit'

const started = performance.now()
// A bad setting stops here with one line naming the variable (config-schema.ts lists them all).
const config = loadConfigOrExit()
// The SLA clock and report due dates need this year's public holidays: refuse to start, loudly,
// rather than count Christmas as a working day (holiday-rules.ts; /health warns 90 days ahead).
const calendar = holidayCalendarHealth(new Date())
if (calendar.status === 'failing') {
  console.error(`Cannot start: ${calendar.message}`)
  process.exit(1)
}
// Published coverage counts are randomly rounded under this secret (docs/coverage.md, "Small
// counts"): a known or changing secret would let the rounding be undone or averaged away.
if (config.env === 'production' && !config.countRoundingSecret) {
  console.error('Cannot start: COUNT_ROUNDING_SECRET is required in production (32 or more characters, kept stable)')
  process.exit(1)
}
// API_PROCESSES > 1: this process only supervises; the processes it forks run the code below.
if (cluster.isPrimary && config.apiProcesses > 1 && config.worker.mode !== 'only') await supervise(config)
const serving = config.worker.mode !== 'only'
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir })
const deps: ServiceDeps = {
  prisma: db.prisma,
  clock: () => new Date(),
  sessionPolicy: sessionPolicy(config.sessionTtlDays),
  countRoundingSecret: config.countRoundingSecret,
  contactWindowHours: config.contactWindowHours,
  search: createSearchIndex(process.env),
  // Webhooks go only to public addresses; there is deliberately no setting that widens that.
  resolveHost: systemResolveHost,
  webhookSecretOverlapHours: config.webhookSecretOverlapHours,
}
const seeded = await seedOnStart({ db, config, hashPassword })

// The embedded engine lives in this process's memory: build it from the database before serving.
// Meilisearch keeps its index; it is rebuilt here only when it holds nothing (a new server).
// On Postgres every process has its own embedded index: each hears every directory change (NOTIFY,
// cluster/search-fanout.ts) from the watermark taken before its build. A worker alone serves no
// search and builds none.
const searchStarted = performance.now()
const embeddedSearch = deps.search.name.startsWith('embedded')
const fanOut = embeddedSearch && db.kind === 'postgres'
const watermark = fanOut && serving ? await directoryWatermark({ deps }) : null
const indexed = (embeddedSearch ? serving : (await deps.search.count().catch(() => -1)) === 0)
  ? await rebuildSearchIndex({ deps })
  : null
const searchSummary = `${deps.search.name}${indexed ? `, ${indexed.documents} listings of ${indexed.services} services indexed in ${((performance.now() - searchStarted) / 1000).toFixed(1)} s` : ''}`

// In embedded mode the API runs the outbox worker itself; with WORKER=off a separate process does.
const email =
  config.email.sink === 'file' ? fileEmailSender(config.email.file) : config.email.sink === 'console' ? consoleEmailSender() : discardEmailSender
// Status texts to the person (issue 15): a file in development, a gateway when configured.
if (config.sms.sink === 'http' && (!config.sms.gatewayUrl || !config.sms.gatewayToken)) {
  throw new Error('SMS_SINK=http needs SMS_GATEWAY_URL and SMS_GATEWAY_TOKEN')
}
const sms =
  config.sms.sink === 'file'
    ? fileSmsSender(config.sms.file)
    : config.sms.sink === 'http'
      ? httpSmsSender({ url: config.sms.gatewayUrl!, token: config.sms.gatewayToken! })
      : discardSmsSender
// JSON lines on stdout (LOG_LEVEL), every one scrubbed of what the PII detector finds (http/log.ts).
const logger = createLogger({ level: config.logLevel })
const logError = (err: unknown) => logger.error({ err, worker: true }, 'worker error')
// Several processes on one Postgres: one connection each for NOTIFY and leases; alone, every lease.
const origin = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
const coordination =
  db.kind === 'postgres' ? await openCoordination({ url: config.databaseUrl!, onError: logError }) : null
const scheduler = coordination ? coordination.lease(LEASE_KEYS.scheduler) : soleLease
const outbox = config.worker.enabled
  ? startOutboxWorker({
      deps,
      handlers: {
        ...referralHandlers({ email, sms }),
        ...searchIndexHandlers(
          fanOut ? { publish: (ids) => publishDirectoryChanged(deps, ids, origin), indexLocally: serving } : {},
        ),
        ...coordinationHandlers({ email }),
        ...accreditationHandlers({ email }),
      },
      intervalMs: config.worker.intervalMs,
      lockMs: config.outboxClaimMs,
      onError: logError,
    })
  : null
// The daily accreditation expiry check (60/30/7-day reminders) re-schedules itself; this seeds it once.
if (outbox) await scheduleAccreditationExpiryCheck(deps).catch(logError)
// When the search engine comes back after an outage, owed index updates run at once.
const searchWatch = config.worker.enabled
  ? startSearchWatch({
      deps,
      shouldRun: () => scheduler.holds(),
      onRecovered: (n) => logger.info({ rearmed: n }, 'search engine back'),
      onError: logError,
    })
  : null
// Webhook deliveries and the rollup run in whichever process holds the scheduler lease (one at a
// time; another takes over within a tick when it dies). The outbox needs no lease: SKIP LOCKED.
let webhooksRunning = false
const webhooks = config.worker.enabled
  ? setInterval(() => {
      if (webhooksRunning) return
      webhooksRunning = true
      void (async () => {
        if (await scheduler.holds()) await deliverWebhooks({ deps, post: webhookPost })
      })()
        .catch(logError)
        .finally(() => (webhooksRunning = false))
    }, config.worker.intervalMs * 2)
  : null
webhooks?.unref()
// The national referral flow's rollup: reads refresh it themselves when a referral changed; this
// keeps that work off the reads and looks again at writes that committed late.
let rollupRunning = false
const rollup = config.worker.enabled
  ? setInterval(() => {
      if (rollupRunning) return
      rollupRunning = true
      void (async () => {
        if (await scheduler.holds()) await refreshReferralFlowRollup(deps.prisma, { force: true })
      })()
        .catch(logError)
        .finally(() => (rollupRunning = false))
    }, 30_000)
  : null
rollup?.unref()

// Sign-in limits shared by every API process: Redis when REDIS_URL is set, else Postgres; the
// embedded single process keeps them in memory (http/sign-in-limit.ts).
const redis =
  serving && config.redisUrl
    ? new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false })
    : null
if (redis) {
  redis.on('error', logError)
  await redis.connect()
}
const signInLimiter: SignInLimiter | undefined = !serving
  ? undefined
  : redis
  ? createRedisSignInLimiter(redis, deps.clock, undefined, { onError: logError })
  : db.kind === 'postgres'
    ? createPostgresSignInLimiter(deps.prisma, deps.clock)
    : undefined
const searchFanOut =
  fanOut && serving && coordination
    ? await startSearchFanOut({ deps, coordination, origin, since: watermark, onError: logError })
    : null

// A worker alone (WORKER=only) answers /health only, for its orchestrator; the supervisor gives
// its worker PORT=0, a port of its own, so no API request is ever handed to it.
const workerApp = new Hono().get('/health', async (c) => {
  const database = (await db.ping()) ? 'ok' : 'down'
  return c.json({ status: database, role: 'worker', database }, database === 'ok' ? 200 : 503)
})
// /metrics: behind METRICS_TOKEN when set; never open in production (http/metrics.ts).
const exposure = metricsExposure(config)
if (exposure.warning && serving) logger.warn(exposure.warning)
const app = !serving ? workerApp : createApp({
  signInLimiter,
  deps,
  db,
  cookieSecure: config.cookieSecure,
  bodyLimitBytes: config.bodyLimitBytes,
  graphiql: config.graphiql,
  introspection: config.introspection,
  allowedOrigins: config.allowedOrigins,
  trustedProxies: config.trustedProxies,
  logger,
  metrics: exposure.metrics,
})

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}`
  const where = config.databaseUrl ? redactUrl(config.databaseUrl) : `embedded PGlite (${db.location})`
  const lines = [
    `Family Services Network API ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    `  database   ${where}${db.migrationsApplied.length ? `, applied ${db.migrationsApplied.length} migration(s)` : ''}`,
    `  health     ${base}/health`,
    `  GraphQL    ${base}/graphql`,
    `  REST       ${base}/api/v1  (OpenAPI: ${base}/api/openapi.json)`,
    `  search     ${searchSummary}`,
    `  web        ${config.webUrl}`,
    `  worker     ${config.worker.enabled ? `outbox every ${config.worker.intervalMs} ms` : 'off'}; email ${config.email.sink === 'file' ? config.email.file : config.email.sink}`,
    `  process    ${serving ? (config.worker.enabled ? 'API and worker' : 'API only (WORKER=off)') : 'worker only (WORKER=only): /health alone'}, pid ${process.pid}; sign-in limits ${signInLimiter?.store ?? 'memory'}${searchFanOut ? '; search index fan-out on' : ''}`,
  ]
  if (seeded.summary) lines.push(`  seeded     ${seeded.summary}`)
  if (seeded.demoUsers.length) {
    lines.push('  demo users (password kia-ora-demo, development only):')
    for (const u of seeded.demoUsers) lines.push(`    ${u.email.padEnd(32)} ${u.description}`)
  }
  console.log(lines.join('\n'))
})

/**
 * Stops accepting connections and lets the requests in flight finish (their transactions commit
 * or roll back whole), bounded by `ms`; idle keep-alive connections are closed at once.
 */
function drainServer(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
      resolve()
    }, ms)
    server.close(() => {
      clearTimeout(timer)
      resolve()
    })
    ;(server as { closeIdleConnections?: () => void }).closeIdleConnections?.()
  })
}

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  console.log(`${signal}: closing`)
  // In order: no new requests, and the ones in flight finish; the worker finishes the message in
  // hand and releases the rest of its batch; then the connections close.
  await drainServer(25_000)
  if (webhooks) clearInterval(webhooks)
  if (rollup) clearInterval(rollup)
  searchWatch?.stop()
  await outbox?.stop()
  await searchFanOut?.stop()
  await coordination?.close()
  await redis?.quit().catch(() => undefined)
  await db.close() // flushes PGlite to its data folder
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
