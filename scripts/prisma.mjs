#!/usr/bin/env node
// Runs the Prisma CLI offline. Prisma's native engines cannot be downloaded on our machines, so
// the engine variables point at an existing file (never loaded: the config uses the WASM schema
// engine and the client uses the query compiler). See docs/decisions/0001-prisma-offline.md.
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const placeholder = fileURLToPath(import.meta.url)
const env = {
  ...process.env,
  PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
  PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
  // schema.prisma's datasource needs a URL to parse; the adapters ignore it.
  PRISMA_DATASOURCE_PLACEHOLDER: 'postgresql://placeholder@localhost/placeholder',
}

function prisma(args, opts = {}) {
  const res = spawnSync(join(root, 'node_modules/.bin/prisma'), args, {
    cwd: root,
    env,
    encoding: 'utf8',
    stdio: opts.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
  })
  if (res.error) throw res.error
  return res
}

const diffArgs = [
  'migrate',
  'diff',
  '--from-migrations',
  'prisma/migrations',
  '--to-schema-datamodel',
  'prisma/schema.prisma',
  '--script',
]

const [command, name] = process.argv.slice(2)
switch (command) {
  case 'generate': {
    const res = prisma(['generate'])
    process.exit(res.status ?? 1)
  }
  case 'migration-check': {
    // --exit-code: 0 when the migrations already produce schema.prisma, 2 when they drift.
    const res = prisma([...diffArgs, '--exit-code'], { capture: true })
    if (res.status === 0) {
      console.log('migrations match prisma/schema.prisma')
      process.exit(0)
    }
    if (res.status === 2) {
      console.error('prisma/schema.prisma and prisma/migrations disagree. Missing SQL:\n' + res.stdout)
      console.error('Run: pnpm db:migration:new <name>')
    }
    process.exit(res.status || 1)
  }
  case 'migration-new': {
    if (!name || !/^[a-z0-9_]+$/.test(name)) {
      console.error('usage: pnpm db:migration:new <snake_case_name>')
      process.exit(64)
    }
    const res = prisma([...diffArgs, '--exit-code'], { capture: true })
    if (res.status === 0) {
      console.log('no changes: schema.prisma already matches the migrations')
      process.exit(0)
    }
    if (res.status !== 2) process.exit(res.status || 1)
    const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)
    const dir = join(root, 'prisma/migrations', `${stamp}_${name}`)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'migration.sql'), res.stdout)
    console.log(`wrote ${dir}/migration.sql`)
    console.log(
      readdirSync(join(root, 'prisma/migrations'))
        .filter((d) => d !== 'migration_lock.toml')
        .join('\n'),
    )
    process.exit(0)
  }
  default:
    console.error('usage: node scripts/prisma.mjs generate|migration-check|migration-new <name>')
    process.exit(64)
}
