#!/usr/bin/env node
// Prints the time `pnpm start` takes on an installed checkout, from the command to both servers
// answering (API /health 200, web /sign-in): first the build step alone (Turborepo; a cache hit when
// the checkout was built and nothing changed), then start itself on a new embedded database (migrate
// + seed 400 providers / 1,500 services + demo users) and on the existing one, with the resident
// memory of the API and web processes at rest. Loopback only; each run bounded to 300 s.
// Run it through pnpm (`pnpm bench:startup`): Turborepo needs pnpm on PATH.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const dataDir = mkdtempSync(join(tmpdir(), 'fsn-bench-'))
const apiPort = 4700 + Math.floor(Math.random() * 200)
const webPort = apiPort + 300

function rssMb(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
    return m ? Number(m[1]) / 1024 : NaN
  } catch {
    return NaN // not Linux
  }
}

async function build() {
  const t0 = performance.now()
  // As scripts/start.mjs builds: without NODE_ENV, so the start after this is a cache hit.
  const env = { TURBO_TELEMETRY_DISABLED: '1', ...process.env }
  delete env.NODE_ENV
  let out = ''
  const child = spawn(
    join(root, 'node_modules/.bin/turbo'),
    ['run', 'build', '--filter=@fsn/api', '--filter=@fsn/web', '--output-logs=errors-only'],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  const code = await new Promise((r) => child.on('exit', r))
  if (code !== 0) throw new Error(`build failed:\n${out}`)
  const cached = out.match(/Cached:\s+(\d+) cached, (\d+) total/)
  return { s: (performance.now() - t0) / 1000, cached: cached ? `${cached[1]} of ${cached[2]} cached` : '?' }
}

async function start(label) {
  const t0 = performance.now()
  let out = ''
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(apiPort),
      WEB_PORT: String(webPort),
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
      EMAIL_SINK: 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  const deadline = t0 + 300_000
  let ms = null
  while (performance.now() < deadline && child.exitCode === null) {
    if (out.includes('Family Services Network is up in')) {
      ms = performance.now() - t0
      break
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  await new Promise((r) => setTimeout(r, 2000))
  const api = rssMb(Number(out.match(/\[start\] api pid (\d+)/)?.[1]))
  const web = rssMb(Number(out.match(/\[start\] web pid (\d+)/)?.[1]))
  const build = out.match(/production build, (build cached \([^)]*\)|built in [^;)]+)/)?.[1] ?? '?'
  const exited = new Promise((r) => child.on('exit', r))
  if (child.exitCode === null) process.kill(-child.pid, 'SIGTERM')
  await exited
  const secs = ms === null ? 'timed out' : (ms / 1000).toFixed(1)
  return { ms, line: `| ${label} | ${secs} | ${build} | ${api.toFixed(0)} | ${web.toFixed(0)} |` }
}

const b = await build()
const rows = [await start('start, new data folder: migrate + seed'), await start('start, existing data')]
rmSync(dataDir, { recursive: true, force: true })
console.log(`Build step (turbo run build, api + web): ${b.s.toFixed(1)} s, ${b.cached}`)
console.log('')
console.log(
  '| pnpm start (production build, embedded PGlite) | seconds to both serving | build step | API RSS (MB) | web RSS (MB) |',
)
console.log('|---|---:|---|---:|---:|')
for (const r of rows) console.log(r.line)
// Issue 13: start on an installed and built checkout serving in at most 20 s.
const warm = rows[1].ms
const cold = rows[0].ms
const fmt = (ms) => (ms === null ? 'timed out' : `${(ms / 1000).toFixed(1)} s`)
console.log('')
console.log(
  `Target: start on an installed, built checkout serving in at most 20 s (issue 13): **${warm !== null && warm <= 20_000 ? 'met' : 'not met'}** (${fmt(warm)}; with a new database ${fmt(cold)}).`,
)
