#!/usr/bin/env node
// `pnpm start`: builds what changed (Turborepo; a cache hit when nothing did) and runs the
// production build: the API bundle with plain node (apps/api/dist/main.js) and the SvelteKit
// adapter-node server (apps/web/build). `pnpm dev` (--dev): the API through tsx and the web app
// through `vite dev` with hot reload, nothing built. Ctrl-C stops both.
//
// NODE_ENV is the API's configuration, not how it was built: left unset it is `development`
// (demo seed on first start, GraphiQL, cookies without Secure for http://localhost), as before.
// NODE_ENV=production pnpm start applies the production rules (no demo users, COUNT_ROUNDING_SECRET
// required, Secure cookies). The web server is a production build either way and runs with
// NODE_ENV=production; ORIGIN tells it its public address, so SvelteKit's cross-site form check is on.
//
// --no-build skips the build step (the built output must exist): for tests that let Turborepo build.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const dev = process.argv.includes('--dev')
const skipBuild = process.argv.includes('--no-build')
const apiPort = process.env.PORT ?? '4000'
const webPort = process.env.WEB_PORT ?? '3000'
const apiUrl = `http://127.0.0.1:${apiPort}`
const webOrigin = `http://localhost:${webPort}`
const started = performance.now()

const children = []
function pipeLines(name, stream, write) {
  let buf = ''
  stream.on('data', (d) => {
    buf += d
    const lines = buf.split('\n')
    buf = lines.pop() ?? ''
    for (const l of lines) if (l) write(`[${name}] ${l}\n`)
  })
}

function run(name, cmd, args, options) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options })
  pipeLines(name, child.stdout, (l) => process.stdout.write(l))
  pipeLines(name, child.stderr, (l) => process.stdout.write(l))
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[${name}] exited (${signal ?? code}); stopping`)
      stop(code ?? 1)
    } else if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) {
      process.exit(exitCode)
    }
  })
  children.push(child)
  return child
}

let stopping = false
let exitCode = 0
function stop(code = 0) {
  if (stopping) return
  stopping = true
  exitCode = code
  for (const c of children) c.kill('SIGTERM')
  // The API flushes PGlite to its data folder on SIGTERM; give it time, then go regardless.
  setTimeout(() => process.exit(code), 10_000).unref()
  if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(code)
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

/**
 * turbo run build for the two apps; resolves with seconds taken and whether it was all cached.
 * Without NODE_ENV: it is the API's run-time setting, while `vite build` would make a development
 * build under NODE_ENV=development (and a different NODE_ENV would miss Turborepo's cache).
 */
function build() {
  const env = { TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', ...process.env }
  delete env.NODE_ENV
  const t0 = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(
      join(root, 'node_modules/.bin/turbo'),
      ['run', 'build', '--filter=@fsn/api', '--filter=@fsn/web', '--output-logs=errors-only'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env,
      },
    )
    let cached = ''
    const keep = (l) => {
      if (/Cached:/.test(l)) cached = l
      process.stdout.write(l)
    }
    pipeLines('build', child.stdout, keep)
    pipeLines('build', child.stderr, keep)
    child.on('exit', (code) => {
      if (code !== 0)
        return reject(
          new Error(
            `build failed (turbo exited ${code}); see the [build] lines above (Turborepo needs pnpm on PATH: run \`npx -y pnpm@10.34.9 start\`, not node scripts/start.mjs)`,
          ),
        )
      const m = cached.match(/Cached:\s+(\d+) cached, (\d+) total/)
      resolve({ seconds: (performance.now() - t0) / 1000, allCached: m !== null && m[1] === m[2] })
    })
  })
}

let buildNote = ''
if (dev) {
  run('api', join(root, 'node_modules/.bin/tsx'), [join(root, 'apps/api/src/main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: apiPort, WEB_URL: webOrigin },
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
} else {
  if (!skipBuild) {
    try {
      const b = await build()
      buildNote = b.allCached
        ? `build cached (${b.seconds.toFixed(1)} s)`
        : `built in ${b.seconds.toFixed(1)} s`
    } catch (err) {
      console.error(String(err instanceof Error ? err.message : err))
      process.exit(1)
    }
  }
  const apiMain = join(root, 'apps/api/dist/main.js')
  const webMain = join(root, 'apps/web/build/index.js')
  for (const f of [apiMain, webMain]) {
    if (!existsSync(f)) {
      console.error(`${f} does not exist: run \`npx -y pnpm@10.34.9 build\` (or start without --no-build)`)
      process.exit(1)
    }
  }
  const api = run('api', process.execPath, ['--enable-source-maps', apiMain], {
    cwd: root,
    env: { ...process.env, PORT: apiPort, WEB_URL: webOrigin },
  })
  const web = run('web', process.execPath, [webMain], {
    cwd: join(root, 'apps/web'),
    env: {
      ...process.env,
      API_URL: apiUrl,
      PORT: webPort,
      HOST: '127.0.0.1',
      ORIGIN: webOrigin,
      NODE_ENV: 'production',
    },
  })
  // Which processes serve, for people and for the start-up test.
  console.log(`[start] api pid ${api.pid}: node ${apiMain}`)
  console.log(`[start] web pid ${web.pid}: node ${webMain} (ORIGIN ${webOrigin})`)
}

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
    `Family Services Network is up in ${((performance.now() - started) / 1000).toFixed(1)} s (${dev ? 'development: tsx and vite dev, hot reload' : `production build${buildNote ? `, ${buildNote}` : ''}; API NODE_ENV=${process.env.NODE_ENV || 'development'}`})`,
    `  web      ${webOrigin}`,
    `  API      http://localhost:${apiPort}  (health /health, GraphQL /graphql, REST /api/v1, OpenAPI /api/openapi.json)`,
    '  Ctrl-C stops both.',
    '',
  ].join('\n'),
)
