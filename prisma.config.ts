// Prisma 6.19 with the WASM schema engine ("engine: js"): the native schema and query engines
// cannot be downloaded on our machines, so the CLI only ever runs `generate` and `migrate diff`,
// and the shadow database for `migrate diff --from-migrations` is an in-memory PGlite.
// Why not Prisma 7 and why not `migrate deploy`: docs/decisions/0001-prisma-offline.md.
import { defineConfig } from 'prisma/config'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'

// pglite-prisma-adapter 0.6 runs multi-statement migration scripts through a prepared statement,
// which Postgres refuses ("cannot insert multiple commands into a prepared statement"); run
// parameterless statements with PGlite's simple-query `exec` instead.
async function shadowAdapter() {
  const pg = new PGlite()
  const adapter = await new PrismaPGlite(pg).connect()
  const executeRaw = adapter.executeRaw.bind(adapter)
  adapter.executeScript = async (script: string) => {
    await pg.exec(script)
  }
  adapter.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query)
    const results = await pg.exec(query.sql)
    return results.at(-1)?.affectedRows ?? 0
  }
  return adapter
}

export default defineConfig({
  engine: 'js',
  experimental: { adapter: true },
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  async adapter() {
    const factory = new PrismaPGlite(new PGlite())
    return {
      provider: 'postgres' as const,
      adapterName: factory.adapterName,
      connect: () => factory.connect(),
      connectToShadowDb: shadowAdapter,
    }
  },
})
