// `pnpm start` serves the production build (issue 13): runs scripts/start.mjs --no-build on free
// ports with an in-memory database, against the build Turborepo made first (turbo.json:
// @fsn/api#test depends on both apps' builds; this test never builds). Checks what a user gets:
// no Vite dev client in the pages, the API as plain node running the bundle (not tsx), SvelteKit's
// own cross-site form check on (ORIGIN is set), and a same-origin sign-in form post going through.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { basename, dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const API_BUNDLE = resolve(ROOT, 'apps/api/dist/main.js')
const WEB_BUILD = resolve(ROOT, 'apps/web/build/index.js')
// The web browser tests rebuild apps/web/build when their own stamp does not match, holding this
// lock (apps/web/test/browser/harness.ts). Holding it while we serve from that folder keeps a
// rebuild from emptying it under the running server.
const WEB_BUILD_LOCK = resolve(ROOT, 'apps/web/.svelte-kit/browser-test-build.lock')

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer()
    server.once('error', rej)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => res(port))
    })
  })
}

async function takeBuildLock(): Promise<void> {
  mkdirSync(dirname(WEB_BUILD_LOCK), { recursive: true })
  const deadline = Date.now() + 240_000
  for (;;) {
    try {
      mkdirSync(WEB_BUILD_LOCK)
      return
    } catch {
      // Same staleness rule as the harness: a lock older than any build is left from a crashed run.
      if (existsSync(WEB_BUILD_LOCK) && Date.now() - statSync(WEB_BUILD_LOCK).mtimeMs > 300_000)
        rmSync(WEB_BUILD_LOCK, { recursive: true, force: true })
      if (Date.now() > deadline) throw new Error(`another web build held ${WEB_BUILD_LOCK} for 4 minutes`)
      await new Promise((r) => setTimeout(r, 250))
    }
  }
}

/** The command line of a running process, as the kernel (or ps) reports it. */
function commandLine(pid: number): string[] {
  const proc = `/proc/${pid}/cmdline`
  if (existsSync(proc)) return readFileSync(proc, 'utf8').split('\0').filter(Boolean)
  return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' })
    .trim()
    .split(/\s+/)
}

let start: ChildProcess
let output = ''
let lockHeld = false
let apiPort = 0
let webPort = 0
let webUrl = ''
let webOrigin = ''

beforeAll(async () => {
  for (const f of [API_BUNDLE, WEB_BUILD]) {
    if (!existsSync(f))
      throw new Error(`${f} is missing: run \`npx -y pnpm@10.34.9 build\` (turbo runs it before this test)`)
  }
  await takeBuildLock()
  lockHeld = true
  apiPort = await freePort()
  webPort = await freePort()
  webUrl = `http://127.0.0.1:${webPort}`
  webOrigin = `http://localhost:${webPort}`
  // Vitest sets NODE_ENV=test; `pnpm start` runs with the user's environment, normally without it.
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env.NODE_ENV
  delete env.DATABASE_URL
  start = spawn(process.execPath, [resolve(ROOT, 'scripts/start.mjs'), '--no-build'], {
    cwd: ROOT,
    env: {
      ...env,
      PORT: String(apiPort),
      WEB_PORT: String(webPort),
      DATA_DIR: 'memory',
      FSN_SEED_PROVIDERS: '40',
      FSN_SEED_SERVICES: '100',
      EMAIL_SINK: 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so the end of the test stops the API and web server too.
    detached: true,
  })
  start.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  start.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const deadline = Date.now() + 170_000
  while (!output.includes('Family Services Network is up in')) {
    if (start.exitCode !== null) throw new Error(`start exited with ${start.exitCode}:\n${output}`)
    if (Date.now() > deadline) throw new Error(`start did not come up within 170 s:\n${output}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}, 420_000)

afterAll(async () => {
  if (start?.pid !== undefined && start.exitCode === null && start.signalCode === null) {
    const exited = new Promise<void>((r) => start.once('exit', () => r()))
    process.kill(-start.pid, 'SIGTERM')
    const kill = setTimeout(() => process.kill(-start.pid!, 'SIGKILL'), 15_000)
    await exited
    clearTimeout(kill)
  }
  if (lockHeld) rmSync(WEB_BUILD_LOCK, { recursive: true, force: true })
}, 30_000)

describe('pnpm start serves the production build', () => {
  it('runs the API as plain node on the bundle, not through tsx', () => {
    const pid = Number(output.match(/\[start\] api pid (\d+)/)?.[1])
    expect(pid, output).toBeGreaterThan(0)
    const argv = commandLine(pid)
    expect(basename(argv[0]!)).toMatch(/^node(\.exe)?$/)
    expect(argv.at(-1)).toBe(API_BUNDLE)
    expect(argv.join(' ')).not.toMatch(/tsx/)
  })

  it('answers on the API with the demo seed of development mode', async () => {
    const res = await fetch(`http://127.0.0.1:${apiPort}/health`)
    expect(res.status).toBe(200)
    expect(output).toContain('connector@demo.example.nz')
    expect(output).toMatch(/API NODE_ENV=development/)
  })

  it('serves built pages: no Vite dev client, hashed assets', async () => {
    const res = await fetch(`${webUrl}/sign-in`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<form')
    // Under `vite dev` Kit's page imports its client entry from /@fs/… (which pulls in
    // /@vite/client); a build links hashed files under /_app/immutable/.
    expect(html).not.toContain('/@vite/client')
    expect(html).not.toContain('/@fs/')
    expect(html).toMatch(/\/_app\/immutable\//)
  })

  it('refuses a form post from another origin (403)', async () => {
    const res = await fetch(`${webUrl}/sign-in`, {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
      body: 'email=connector%40demo.example.nz&password=kia-ora-demo',
      redirect: 'manual',
    })
    expect(res.status).toBe(403)
    expect(res.headers.get('set-cookie')).toBeNull()
    expect(await res.text()).toMatch(/cross-site/i)
  })

  it('lets a same-origin sign-in form post through to the API (303 home with a session)', async () => {
    const res = await fetch(`${webUrl}/sign-in`, {
      method: 'POST',
      headers: {
        origin: webOrigin,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
      body: 'email=connector%40demo.example.nz&password=kia-ora-demo',
      redirect: 'manual',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/')
    expect(res.headers.get('set-cookie') ?? '').toMatch(/fsn_session=/)
  })
})
