// Composition root: reads the configuration, opens the database (embedded PGlite unless
// DATABASE_URL is set), applies migrations, seeds on first start in development, and serves.
import { serve } from '@hono/node-server'
import { hashPassword, sessionPolicy } from '@fsn/auth'
import { openDatabase, redactUrl } from '@fsn/db'
import { holidayCalendarHealth } from '@fsn/domain'
import { createSearchIndex } from '@fsn/search'
import {
  coordinationHandlers,
  deliverWebhooks,
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
import { createApp } from './app'
import { loadConfigOrExit } from './config'
import { seedOnStart } from './seed-on-start'
import { loggableError } from './http/log'

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
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir })
const deps: ServiceDeps = {
  prisma: db.prisma,
  clock: () => new Date(),
  sessionPolicy: sessionPolicy(config.sessionTtlDays),
  countRoundingSecret: config.countRoundingSecret,
  search: createSearchIndex(process.env),
  // Webhooks go only to public addresses; there is deliberately no setting that widens that.
  resolveHost: systemResolveHost,
}
const seeded = await seedOnStart({ db, config, hashPassword })

// The embedded engine lives in this process's memory: build it from the database before serving.
// Meilisearch keeps its index; it is rebuilt here only when it holds nothing (a new server).
const searchStarted = performance.now()
const indexed =
  deps.search.name.startsWith('embedded') || (await deps.search.count().catch(() => -1)) === 0
    ? await rebuildSearchIndex({ deps })
    : null
const searchSummary = `${deps.search.name}${indexed ? `, ${indexed.documents} listings of ${indexed.services} services indexed in ${((performance.now() - searchStarted) / 1000).toFixed(1)} s` : ''}`

// In embedded mode the API runs the outbox worker itself; with WORKER=off a separate process does.
const email =
  config.email.sink === 'file' ? fileEmailSender(config.email.file) : config.email.sink === 'console' ? consoleEmailSender() : discardEmailSender
const logError = (err: unknown) => console.error(JSON.stringify({ level: 'error', worker: true, ...loggableError(err) }))
const outbox = config.worker.enabled
  ? startOutboxWorker({
      deps,
      handlers: { ...referralHandlers({ email }), ...searchIndexHandlers(), ...coordinationHandlers({ email }) },
      intervalMs: config.worker.intervalMs,
      onError: logError,
    })
  : null
// When the search engine comes back after an outage, owed index updates run at once.
const searchWatch = config.worker.enabled
  ? startSearchWatch({
      deps,
      onRecovered: (n) => console.log(JSON.stringify({ level: 'info', msg: 'search engine back', rearmed: n })),
      onError: logError,
    })
  : null
const webhooks = config.worker.enabled
  ? setInterval(() => void deliverWebhooks({ deps, post: webhookPost }).catch(logError), config.worker.intervalMs * 2)
  : null
webhooks?.unref()
// The national referral flow's rollup: reads refresh it themselves when a referral changed; this
// keeps that work off the reads and looks again at writes that committed late.
let rollupRunning = false
const rollup = config.worker.enabled
  ? setInterval(() => {
      if (rollupRunning) return
      rollupRunning = true
      void refreshReferralFlowRollup(deps.prisma, { force: true })
        .catch(logError)
        .finally(() => (rollupRunning = false))
    }, 30_000)
  : null
rollup?.unref()

const app = createApp({
  deps,
  db,
  cookieSecure: config.cookieSecure,
  bodyLimitBytes: config.bodyLimitBytes,
  graphiql: config.graphiql,
  introspection: config.introspection,
  allowedOrigins: config.allowedOrigins,
  trustedProxies: config.trustedProxies,
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
  ]
  if (seeded.summary) lines.push(`  seeded     ${seeded.summary}`)
  if (seeded.demoUsers.length) {
    lines.push('  demo users (password kia-ora-demo, development only):')
    for (const u of seeded.demoUsers) lines.push(`    ${u.email.padEnd(32)} ${u.description}`)
  }
  console.log(lines.join('\n'))
})

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  console.log(`${signal}: closing`)
  server.close()
  if (webhooks) clearInterval(webhooks)
  if (rollup) clearInterval(rollup)
  searchWatch?.stop()
  await outbox?.stop()
  await db.close() // flushes PGlite to its data folder
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
