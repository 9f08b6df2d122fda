#!/usr/bin/env node
// Prints the API's time from process start to a 200 from /health: cold (new embedded database:
// migrate + seed 400 providers / 1,500 services + demo users) and warm (existing data folder),
// and the process's resident memory at rest. Loopback only; each run bounded to 120 s.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const dataDir = mkdtempSync(join(tmpdir(), 'fsn-bench-'))
const port = 4700 + Math.floor(Math.random() * 200)

async function run(label) {
  const t0 = performance.now()
  const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'apps/api/src/main.ts')], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, NODE_ENV: 'development' },
    stdio: 'ignore',
  })
  const deadline = t0 + 120_000
  let ms = null
  while (performance.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`)
      if (res.status === 200) {
        ms = performance.now() - t0
        break
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  await new Promise((r) => setTimeout(r, 2000))
  // tsx starts node as a child; read the resident memory of the whole process group we spawned.
  let rssMb = NaN
  try {
    const kids = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
    const pids = [child.pid, ...kids]
    rssMb = pids.reduce((sum, pid) => {
      const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
      return sum + (m ? Number(m[1]) / 1024 : 0)
    }, 0)
  } catch {
    // not Linux
  }
  child.kill('SIGTERM')
  await new Promise((r) => child.on('exit', r))
  return { ms, line: `| ${label} | ${ms === null ? 'timed out' : (ms / 1000).toFixed(1)} | ${rssMb.toFixed(0)} |` }
}

const rows = [await run('cold: migrate + seed'), await run('warm: existing data')]
rmSync(dataDir, { recursive: true, force: true })
console.log('| API start (embedded PGlite) | seconds to /health 200 | RSS at rest (MB) |')
console.log('|---|---:|---:|')
for (const r of rows) console.log(r.line)
// Issue 7: from start to serving on an installed checkout in at most 20 s (the cold start counts).
const cold = rows[0].ms
console.log('')
console.log(
  `Target: start to serving in at most 20 s (cold start, issue 7): **${cold !== null && cold <= 20_000 ? 'met' : 'not met'}** (${cold === null ? 'timed out' : `${(cold / 1000).toFixed(1)} s`}).`,
)
