// Fault tests run the real API as a child process (`tsx apps/api/src/main.ts`), so a SIGKILL is a
// real crash: no shutdown hook runs, PGlite gets no close, pg pools are cut mid-query.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hashPassword } from '@fsn/auth'
import { openDatabase, seedProvider, seedReferenceData, seedUser, type Database } from '@fsn/db'
import { createThrowawayDatabase } from '@fsn/db/testing'
import { REPO_ROOT } from '../../src/config'

export const PASSWORD = 'correct horse battery staple'

/** A port nobody listens on now; the API restarts on the same one so the client keeps its URL. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Small deterministic PRNG (mulberry32): a failing run is replayed with FAULTS_SEED. */
export function seededRandom(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export interface ApiProcess {
  child: ChildProcess
  /** Everything the process printed, for a failing test's message. */
  output: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** Starts the API and resolves once /health answers 200 (bounded by `timeoutMs`). */
export async function startApi(env: Record<string, string>, port: number, timeoutMs = 90_000): Promise<ApiProcess> {
  const child = spawn(join(REPO_ROOT, 'node_modules/.bin/tsx'), [join(REPO_ROOT, 'apps/api/src/main.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      FSN_SEED: 'off',
      HOST: '127.0.0.1',
      PORT: String(port),
      // The suite's own TEST_DATABASE_URL must not leak in as the API's database.
      DATABASE_URL: '',
      ...env,
    },
    // tsx runs node as its child: its own process group lets a kill reach both.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d) => (out = (out + d).slice(-20_000)))
  child.stderr!.on('data', (d) => (out = (out + d).slice(-20_000)))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  let gone = false
  void exited.then(() => (gone = true))
  const deadline = performance.now() + timeoutMs
  for (;;) {
    if (gone) throw new Error(`API exited before it was ready:\n${out}`)
    if (performance.now() > deadline) {
      killGroup(child)
      throw new Error(`API not ready after ${timeoutMs} ms:\n${out}`)
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2_000) })
      if (res.status === 200) break
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  return { child, output: () => out, exited }
}

/** SIGKILL to the whole process group (tsx and the node it started). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL') {
  try {
    process.kill(-child.pid!, signal)
  } catch {
    // already gone
  }
}

export async function crash(api: ApiProcess) {
  killGroup(api.child, 'SIGKILL')
  await api.exited
  // The node grandchild can outlive the tsx parent's exit event by a moment; wait for the group.
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(-api.child.pid!, 0)
    } catch {
      return
    }
    await sleep(20)
  }
}

export async function stop(api: ApiProcess) {
  killGroup(api.child, 'SIGTERM')
  const done = await Promise.race([api.exited.then(() => true), sleep(15_000).then(() => false)])
  if (!done) await crash(api)
}

/**
 * A connector's provider sending to a Level 3 provider with one intake worker (who gets one
 * notification and one email per referral), on a database this test owns.
 */
export async function seedNetwork(db: Database) {
  await seedReferenceData(db.prisma)
  const home = await seedProvider(db.prisma, { name: 'Porirua Whānau Centre', categories: ['community-connection'], accreditations: [{ scheme: 'MSD_SSAS', level: 3 }] })
  const target = await seedProvider(db.prisma, { name: 'Level Three Trust', categories: ['community-connection'], accreditations: [{ scheme: 'MSD_SSAS', level: 3 }] })
  const { user: connector } = await seedUser(db.prisma, { role: 'COMMUNITY_CONNECTOR', organisationId: home.organisation.id, password: PASSWORD, hashPassword })
  const { user: intake } = await seedUser(db.prisma, { role: 'PROVIDER_INTAKE', organisationId: target.organisation.id, password: PASSWORD, hashPassword })
  return { home, target, connector, intake }
}

export type FaultNetwork = Awaited<ReturnType<typeof seedNetwork>>

/** Opens, migrates and seeds a database, then closes it so the API process can own it. */
export async function prepareDatabase(options: { url?: string; dataDir?: string }): Promise<FaultNetwork> {
  const db = await openDatabase(options)
  try {
    return await seedNetwork(db)
  } finally {
    await db.close()
  }
}

export async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`)
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!
}

export async function post(base: string, path: string, body: unknown, headers: Record<string, string>, timeoutMs = 15_000) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  })
  const text = await res.text()
  let json: Record<string, unknown> = {}
  try {
    json = JSON.parse(text) as Record<string, unknown>
  } catch {
    json = { raw: text }
  }
  return { status: res.status, body: json }
}

/** A person with consent for the target provider, recorded over REST: what a referral needs. */
export async function personWithConsent(base: string, cookie: string, n: FaultNetwork, i: number) {
  const person = await post(base, '/api/v1/people', { givenName: 'Hemi', familyName: `Walker ${i}`, phone: '027 444 5555', regionCode: '09' }, { cookie })
  if (person.status !== 201) throw new Error(`person: ${person.status} ${JSON.stringify(person.body)}`)
  const consent = await post(
    base,
    '/api/v1/consents',
    {
      personId: person.body.id,
      purpose: 'Warm referral to a local provider',
      informationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'],
      recipientOrganisationIds: [n.target.organisation.id],
      method: 'VERBAL',
      givenAt: new Date(Date.now() - 60_000).toISOString(),
    },
    { cookie },
  )
  if (consent.status !== 201) throw new Error(`consent: ${consent.status} ${JSON.stringify(consent.body)}`)
  return { personId: person.body.id as string, consentId: consent.body.id as string }
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++
        await fn(items[i]!, i)
      }
    }),
  )
}

/**
 * One fault run's own world: a work folder, a throwaway Postgres database (TEST_DATABASE_URL's
 * server) or a PGlite folder in it, the seeded network, a free port, and the API's environment for
 * that database. What to remove afterwards goes on `cleanups`.
 */
export async function faultRun(kind: 'postgres' | 'pglite', name: string, cleanups: (() => Promise<void>)[]) {
  const work = mkdtempSync(join(tmpdir(), `fsn-${name}-${kind}-`))
  cleanups.push(async () => rmSync(work, { recursive: true, force: true }))
  let dbOptions: { url?: string; dataDir?: string }
  if (kind === 'postgres') {
    const throwaway = await createThrowawayDatabase(process.env.TEST_DATABASE_URL!, `fsn_${name}`)
    cleanups.push(throwaway.drop)
    dbOptions = { url: throwaway.url }
  } else {
    dbOptions = { dataDir: join(work, 'pglite') }
  }
  const network = await prepareDatabase(dbOptions)
  const port = await freePort()
  return {
    mailFile: join(work, 'mail.jsonl'),
    dbOptions,
    network,
    port,
    base: `http://127.0.0.1:${port}`,
    databaseEnv: (dbOptions.url ? { DATABASE_URL: dbOptions.url } : { DATA_DIR: dbOptions.dataDir! }) as Record<string, string>,
  }
}
