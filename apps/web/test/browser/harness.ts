// Starts the real API and the built web app as child processes on free ports, and launches the
// system Chromium. Everything here fails loudly: a browser test that quietly skips proves nothing.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from 'playwright-core'

export const WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const API_MAIN = resolve(WEB_ROOT, '../api/src/main.ts')
// Same variable as scripts/ensure-browser.mjs, which the root `pnpm test` runs first.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer()
    server.once('error', rej)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => res(port))
    })
  })
}

export interface Child {
  name: string
  process: ChildProcess
  /** The last lines it printed, for failure messages. */
  output(): string
  stop(): Promise<void>
}

const running = new Set<Child>()

// Children must not outlive a crashed or interrupted test run and hold their ports.
process.once('exit', () => {
  for (const child of running) killGroup(child.process, 'SIGKILL')
})

function killGroup(proc: ChildProcess, signal: NodeJS.Signals) {
  if (proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null) return
  try {
    process.kill(-proc.pid, signal)
  } catch {
    proc.kill(signal)
  }
}

export function startChild(name: string, command: string, args: string[], options: { cwd: string; env: Record<string, string> }): Child {
  const proc = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stop() also ends anything it started.
    detached: true,
  })
  const lines: string[] = []
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean))
    if (lines.length > 80) lines.splice(0, lines.length - 80)
  }
  proc.stdout?.on('data', keep)
  proc.stderr?.on('data', keep)
  const child: Child = {
    name,
    process: proc,
    output: () => lines.join('\n'),
    stop: async () => {
      running.delete(child)
      if (proc.exitCode !== null || proc.signalCode !== null) return
      const exited = new Promise<void>((res) => proc.once('exit', () => res()))
      killGroup(proc, 'SIGTERM')
      const timer = setTimeout(() => killGroup(proc, 'SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    },
  }
  running.add(child)
  return child
}

/** Polls until `url` answers with an accepted status, or fails with what the child printed. */
export async function waitForHttp(child: Child, url: string, accept: (status: number) => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.process.exitCode !== null) {
      throw new Error(`${child.name} exited with code ${child.process.exitCode} before ${url} answered:\n${child.output()}`)
    }
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2_000) })
      if (accept(res.status)) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms:\n${child.output()}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** The real API, seeded with the demo users and a small directory, on an in-memory database. */
export async function startApi(): Promise<{ url: string; child: Child | null }> {
  // A developer may point the tests at an API they already run.
  if (process.env.FSN_TEST_API_URL) return { url: process.env.FSN_TEST_API_URL.replace(/\/+$/, ''), child: null }
  if (!existsSync(API_MAIN)) {
    throw new Error(`The browser tests need the real API at ${API_MAIN}, which does not exist yet (or set FSN_TEST_API_URL to a running API).`)
  }
  const port = await freePort()
  const child = startChild('api', process.execPath, ['--import', 'tsx', API_MAIN], {
    cwd: resolve(WEB_ROOT, '../api'),
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: 'memory',
      NODE_ENV: 'test',
      FSN_SEED: 'demo',
      FSN_SEED_PROVIDERS: '60',
      FSN_SEED_SERVICES: '150',
    },
  })
  const url = `http://127.0.0.1:${port}`
  await waitForHttp(child, `${url}/health`, (s) => s === 200, 90_000)
  return { url, child }
}

/** `vite build` once per run; FSN_WEB_SKIP_BUILD=1 reuses build/ when iterating on tests. */
export async function buildWeb(): Promise<number> {
  const started = Date.now()
  if (process.env.FSN_WEB_SKIP_BUILD === '1' && existsSync(resolve(WEB_ROOT, 'build/index.js'))) return 0
  const child = startChild('vite build', process.execPath, [resolve(WEB_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: WEB_ROOT,
    env: { NODE_ENV: 'production' },
  })
  const code = await new Promise<number | null>((res) => child.process.once('exit', res))
  running.delete(child)
  if (code !== 0) throw new Error(`vite build failed (exit ${code}):\n${child.output()}`)
  return Date.now() - started
}

/** The production server (adapter-node), exactly as `pnpm start` runs it. */
export async function startWeb(apiUrl: string): Promise<{ url: string; child: Child }> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = startChild('web', process.execPath, ['build'], {
    cwd: WEB_ROOT,
    env: { PORT: String(port), HOST: '127.0.0.1', ORIGIN: url, API_URL: apiUrl, NODE_ENV: 'production' },
  })
  await waitForHttp(child, `${url}/sign-in`, (s) => s === 200, 30_000)
  return { url, child }
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}. Run: apt-get install -y chromium (the root \`pnpm test\` installs it first), or set CHROMIUM_PATH.`)
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  })
}

export const axeSource: string = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
