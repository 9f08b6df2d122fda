#!/usr/bin/env node
// Starts the whole system for development: the API (embedded Postgres, migrated and seeded on
// first start) and the web app. Ctrl-C stops both.
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const apiPort = process.env.PORT ?? '4000'
const webPort = process.env.WEB_PORT ?? '3000'
const apiUrl = `http://127.0.0.1:${apiPort}`
const started = performance.now()

const children = []
function run(name, cmd, args, options) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options })
  const prefix = (line) => (line ? `[${name}] ${line}\n` : '')
  for (const stream of [child.stdout, child.stderr]) {
    let buf = ''
    stream.on('data', (d) => {
      buf += d
      const lines = buf.split('\n')
      buf = lines.pop() ?? ''
      for (const l of lines) process.stdout.write(prefix(l))
    })
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[${name}] exited (${signal ?? code}); stopping`)
      stop(code ?? 1)
    }
  })
  children.push(child)
  return child
}

let stopping = false
function stop(code = 0) {
  stopping = true
  for (const c of children) c.kill('SIGTERM')
  setTimeout(() => process.exit(code), 3000).unref()
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

run('api', join(root, 'node_modules/.bin/tsx'), [join(root, 'apps/api/src/main.ts')], {
  cwd: root,
  env: { ...process.env, PORT: apiPort, WEB_URL: `http://localhost:${webPort}` },
})
run(
  'web',
  join(root, 'apps/web/node_modules/.bin/vite'),
  ['dev', '--port', webPort, '--strictPort', '--host', '127.0.0.1'],
  {
    cwd: join(root, 'apps/web'),
    env: { ...process.env, API_URL: apiUrl, PORT: webPort },
  },
)

async function waitFor(url) {
  for (;;) {
    try {
      const res = await fetch(url)
      if (res.status < 500) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
}
await Promise.all([waitFor(`${apiUrl}/health`), waitFor(`http://127.0.0.1:${webPort}/sign-in`)])
console.log(
  [
    '',
    `Family Services Network is up in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    `  web      http://localhost:${webPort}`,
    `  API      http://localhost:${apiPort}  (health /health, GraphQL /graphql, REST /api/v1, OpenAPI /api/openapi.json)`,
    '  Ctrl-C stops both.',
    '',
  ].join('\n'),
)
