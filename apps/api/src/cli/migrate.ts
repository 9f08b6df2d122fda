// Applies pending migrations and exits: `pnpm migrate` (DATABASE_URL or DATA_DIR as for the API).
// A deploy runs it once before starting replicas; the API applies them at start too, and the
// runner's advisory lock (packages/db migrations.ts) serialises replicas that start together, so
// two never apply one migration twice. An edited applied migration stops here with exit 1.
import { openDatabase, redactUrl } from '@fsn/db'
import { loadConfig } from '../config'

const config = loadConfig()
const started = performance.now()
try {
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 })
  await db.close()
  const where = config.databaseUrl ? redactUrl(config.databaseUrl) : `embedded PGlite (${db.location})`
  const took = `${((performance.now() - started) / 1000).toFixed(1)} s`
  console.log(
    db.migrationsApplied.length
      ? `migrations: applied ${db.migrationsApplied.length} to ${where} in ${took}:\n  ${db.migrationsApplied.join('\n  ')}`
      : `migrations: ${where} is current`,
  )
} catch (err) {
  console.error(`migrations: ${(err as Error).message}`)
  process.exitCode = 1
}
