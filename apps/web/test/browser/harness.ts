// Starts the real API and the built web app as child processes on free ports, and launches the
// system Chromium. Everything here fails loudly: a browser test that quietly skips proves nothing.
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { expect } from 'vitest'

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
      // The outbox worker (notifications, SLA checks) runs every 200 ms instead of every second.
      WORKER_INTERVAL_MS: '200',
    },
  })
  const url = `http://127.0.0.1:${port}`
  await waitForHttp(child, `${url}/health`, (s) => s === 200, 90_000)
  return { url, child }
}

// What the build is made from. A build whose stamp matches these inputs is reused, so the browser
// test files (which vitest runs side by side) build once between them.
const BUILD_INPUTS = ['src', 'static', 'package.json', 'svelte.config.js', 'vite.config.ts', '../../packages/domain/src']
const BUILD_STAMP = resolve(WEB_ROOT, 'build/.fsn-build-inputs')
const BUILD_LOCK = resolve(WEB_ROOT, '.svelte-kit/browser-test-build.lock')

function buildInputsHash(): string {
  const hash = createHash('sha256')
  const visit = (path: string) => {
    if (!existsSync(path)) return
    const stat = statSync(path)
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name))
    } else {
      hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`)
    }
  }
  for (const input of BUILD_INPUTS) visit(resolve(WEB_ROOT, input))
  return hash.digest('hex')
}

/** One `vite build` at a time (a directory is created atomically), waiting for another to finish. */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(BUILD_LOCK), { recursive: true })
  const deadline = Date.now() + 180_000
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK)
      break
    } catch {
      // A lock older than any build is left from a crashed run.
      if (existsSync(BUILD_LOCK) && Date.now() - statSync(BUILD_LOCK).mtimeMs > 300_000) rmSync(BUILD_LOCK, { recursive: true, force: true })
      if (Date.now() > deadline) throw new Error(`another vite build held ${BUILD_LOCK} for 3 minutes`)
      await new Promise((r) => setTimeout(r, 200))
    }
  }
  try {
    return await work()
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true })
  }
}

/**
 * `vite build`, unless build/ was made from exactly these sources (another test file built it);
 * FSN_WEB_SKIP_BUILD=1 reuses build/ whatever it was made from, when iterating on tests.
 */
export async function buildWeb(): Promise<number> {
  const started = Date.now()
  if (process.env.FSN_WEB_SKIP_BUILD === '1' && existsSync(resolve(WEB_ROOT, 'build/index.js'))) return 0
  return withBuildLock(async () => {
    const inputs = buildInputsHash()
    if (existsSync(BUILD_STAMP) && readFileSync(BUILD_STAMP, 'utf8') === inputs && existsSync(resolve(WEB_ROOT, 'build/index.js'))) return 0
    const child = startChild('vite build', process.execPath, [resolve(WEB_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: WEB_ROOT,
      env: { NODE_ENV: 'production' },
    })
    const code = await new Promise<number | null>((res) => child.process.once('exit', res))
    running.delete(child)
    if (code !== 0) throw new Error(`vite build failed (exit ${code}):\n${child.output()}`)
    writeFileSync(BUILD_STAMP, inputs)
    return Date.now() - started
  })
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

// ─── Shared by the browser tests ─────────────────────────────────────────────────────────────────

export const DEMO_PASSWORD = 'kia-ora-demo'

/** Signs in through the form, finding each field by its label as a screen reader user would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  const posts: string[] = []
  const onRequest = (r: { method(): string; url(): string; postData(): string | null }) => {
    if (r.method() === 'POST') posts.push(`${r.url()} ${r.postData()?.replace(/password=[^&]*/, 'password=…') ?? ''}`)
  }
  page.on('request', onRequest)
  await page.goto('/sign-in')
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByLabel('Password').press('Enter')
  try {
    await page.waitForURL((url) => url.pathname === '/')
  } catch (e) {
    // Say what the page said (the API down, a wrong password) rather than only that it timed out.
    const alert = await page.locator('[role="alert"]').allInnerTexts().catch(() => [])
    const typed = await page.locator('#email').inputValue().catch(() => '?')
    throw new Error(
      `signing in as ${email} stayed on ${page.url()}: ${alert.join(' ').trim() || 'no message'}; email field now ${JSON.stringify(typed)}; posted ${JSON.stringify(posts)} (${String(e)})`,
    )
  } finally {
    page.off('request', onRequest)
  }
}

/** axe-core's WCAG 2.1 A and AA rules and best practices; the page must have no violations. */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  await page.addScriptTag({ content: axeSource })
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    return result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  })
  expect(violations, `axe violations on ${what}`).toEqual([])
}

/** Saves a screenshot when FSN_SCREENSHOT_DIR is set. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  const dir = process.env.FSN_SCREENSHOT_DIR
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: join(dir, `fsn-${name}.png`), fullPage })
}

/** A GraphQL client signed in at the API as one demo user, for finding what the tests expect. */
export async function apiSession(apiUrl: string, email: string, password = DEMO_PASSWORD) {
  const res = await fetch(`${apiUrl}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  expect(res.status, `the API signs in ${email}`).toBe(200)
  const token = /fsn_session=([^;]+)/.exec(res.headers.getSetCookie().join('\n'))?.[1]
  expect(token, 'the API sets fsn_session').toBeTruthy()
  return {
    async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const answer = await fetch(`${apiUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `fsn_session=${token}` },
        body: JSON.stringify({ query, variables }),
      })
      const body = (await answer.json()) as { data?: T; errors?: { message: string }[] }
      if (body.errors?.length || !body.data) throw new Error(`GraphQL as ${email}: ${JSON.stringify(body.errors)}`)
      return body.data
    },
    async close() {
      await fetch(`${apiUrl}/auth/sign-out`, { method: 'POST', headers: { cookie: `fsn_session=${token}` } })
    },
  }
}
