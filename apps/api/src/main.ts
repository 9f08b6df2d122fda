// Composition root: reads the configuration, opens the database (embedded PGlite unless
// DATABASE_URL is set), applies migrations, seeds on first start in development, and serves.
import { serve } from '@hono/node-server'
import { hashPassword, sessionPolicy } from '@fsn/auth'
import { openDatabase, redactUrl } from '@fsn/db'
import type { ServiceDeps } from '@fsn/services'
import { createApp } from './app'
import { loadConfig } from './config'
import { seedOnStart } from './seed-on-start'

const started = performance.now()
const config = loadConfig()
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir })
const deps: ServiceDeps = {
  prisma: db.prisma,
  clock: () => new Date(),
  sessionPolicy: sessionPolicy(config.sessionTtlDays),
}
const seeded = await seedOnStart({ db, config, hashPassword })

const app = createApp({
  deps,
  db,
  cookieSecure: config.cookieSecure,
  bodyLimitBytes: config.bodyLimitBytes,
  graphiql: config.env !== 'production',
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
    `  web        ${config.webUrl}`,
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
  await db.close() // flushes PGlite to its data folder
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
