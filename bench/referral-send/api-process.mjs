// Shared by the HTTP benches (referral send, GraphQL): a throwaway Postgres database and the real
// API (`tsx apps/api/src/main.ts`) started on it as a separate process on loopback, seeded with the
// demo directory. Everything started here is stopped and dropped by `stop()`, which also runs on
// Ctrl-C and on an uncaught error.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

export const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))))
export const log = (s) => process.stderr.write(`${s}\n`)

/** The API as the node process serving it (tsx runs node as its child), or the tsx pid itself. */
export function apiPid(child) {
  try {
    const kids = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
    return Number(kids[0] ?? child.pid)
  } catch {
    return child.pid
  }
}

/** Resident and peak resident memory of a process in MB, from /proc (NaN off Linux). */
export function memoryOf(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (k) => Number(s.match(new RegExp(`${k}:\\s+(\\d+) kB`))?.[1] ?? NaN)
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 }
  } catch {
    return { rssMb: NaN, hwmMb: NaN }
  }
}

/** CPU time (user + system) a process has used, in ms (NaN off Linux). */
export function cpuMsOf(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100 // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return NaN
  }
}

/** Samples the RSS of pid every intervalMs until stopped; returns the largest sample. */
export function sampleRss(pid, intervalMs = 200) {
  let max = 0
  const t = setInterval(() => {
    const { rssMb } = memoryOf(pid)
    if (rssMb > max) max = rssMb
  }, intervalMs)
  return () => {
    clearInterval(t)
    return max
  }
}

/**
 * Creates fsn_bench_<label>_<pid>_<hex> on adminUrl's server, starts the API on it and waits for
 * /health. Options: seedProviders, seedServices (the demo directory's size), worker ('on'|'off').
 */
export async function startApi({
  adminUrl,
  label,
  seedProviders = 400,
  seedServices = 1500,
  worker = 'on',
  timeoutMs = 300_000,
  existing = null,
  nodeArgs = [],
  env = {},
}) {
  // `existing`: another API on the database of an earlier startApi (which still drops it).
  const name = existing?.name ?? `fsn_bench_${label}_${process.pid}_${randomBytes(3).toString('hex')}`
  if (!existing) {
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE "${name}"`)
    await admin.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const databaseUrl = url.toString()

  let child = null
  let stopped = false
  const stopApiOnly = async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM')
      await Promise.race([
        new Promise((r) => child.once('exit', r)),
        new Promise((r) => setTimeout(r, 10_000)),
      ])
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  }
  const stop = async () => {
    if (stopped) return
    stopped = true
    await stopApiOnly()
    if (existing) return existing.stop()
    const c = new pg.Client({ connectionString: adminUrl })
    await c.connect()
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await c.end()
    log(`dropped database ${name}`)
  }
  const onSignal = () => void stop().finally(() => process.exit(130))
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)

  try {
    const port = 4900 + Math.floor(Math.random() * 900)
    const t0 = performance.now()
    // nodeArgs: node flags for the API process (tsx passes them on), e.g. --cpu-prof.
    child = spawn(join(root, 'node_modules/.bin/tsx'), [...nodeArgs, join(root, 'apps/api/src/main.ts')], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: databaseUrl,
        HOST: '127.0.0.1',
        PORT: String(port),
        FSN_SEED: 'auto',
        FSN_SEED_PROVIDERS: String(seedProviders),
        FSN_SEED_SERVICES: String(seedServices),
        EMAIL_SINK: 'none',
        WORKER: worker,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (d) => (output = (output + d).slice(-4000)))
    child.stderr.on('data', (d) => (output = (output + d).slice(-4000)))
    const base = `http://127.0.0.1:${port}`
    for (;;) {
      if (child.exitCode !== null) throw new Error(`API exited (${child.exitCode}):\n${output}`)
      if (performance.now() - t0 > timeoutMs)
        throw new Error(`API not up after ${timeoutMs / 1000} s:\n${output}`)
      try {
        if ((await fetch(`${base}/health`)).status === 200) break
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250))
    }
    log(`API up on ${base} (database ${name}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    return { base, port, child, pid: apiPid(child), databaseUrl, name, stop, stopApiOnly }
  } catch (err) {
    await stop()
    throw err
  }
}

/** Signs in (demo password) and returns the Cookie header value. */
export async function signIn(base, email, password = 'kia-ora-demo') {
  const res = await fetch(`${base}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (res.status !== 200) throw new Error(`sign-in ${email}: ${res.status} ${await res.text()}`)
  return (res.headers.get('set-cookie') ?? '').split(';')[0]
}

export async function postJson(base, path, body, cookie, headers = {}) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: JSON.stringify(body),
  })
  const text = await res.text()
  let json
  try {
    json = JSON.parse(text)
  } catch {
    json = { text }
  }
  return { status: res.status, body: json }
}

/** Runs fn over items with at most `concurrency` in flight. */
export async function pool(items, concurrency, fn) {
  const out = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++
        out[i] = await fn(items[i], i)
      }
    }),
  )
  return out
}

export function percentile(sorted, p) {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

/**
 * A seeded service that takes referrals for a Wellington person (the demo connector's region), and
 * `count` people recorded by the connector's organisation, each with a consent for that service's
 * provider. The first person and consent go through the API; the rest are copies of them (same
 * region, organisation, recorder, purpose, kinds and recipient) made set-based in SQL: recording
 * thousands through the API takes minutes on a small machine and is not what the benches measure.
 * Returns { service: { id, organisationId }, people: [{ personId, consentId }] }.
 */
export async function preparePeople({ api, cookie, sql, count, region = '09' }) {
  const probe = await postJson(
    api.base,
    '/api/v1/people',
    { givenName: 'Probe', familyName: 'Person', regionCode: region },
    cookie,
  )
  if (probe.status !== 201) throw new Error(`record person: ${probe.status} ${JSON.stringify(probe.body)}`)
  // The first candidate whose routing check passes, as the send form checks before sending.
  const { rows: candidates } = await sql.query(
    `SELECT id, "organisationId" FROM "Service" WHERE status = 'ACTIVE' AND "capacityStatus" = 'ACCEPTING' ORDER BY name LIMIT 300`,
  )
  let service = null
  for (const c of candidates) {
    const r = await postJson(
      api.base,
      '/api/v1/referrals/routing-check',
      { serviceId: c.id, personId: probe.body.id },
      cookie,
    )
    if (r.status === 200 && r.body.allowed) {
      service = c
      break
    }
  }
  if (!service) throw new Error(`no seeded service accepts a referral for region ${region}`)
  const template = await postJson(
    api.base,
    '/api/v1/consents',
    {
      personId: probe.body.id,
      purpose: 'Warm referral to a local provider',
      informationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'],
      recipientOrganisationIds: [service.organisationId],
      method: 'VERBAL',
      givenAt: new Date(Date.now() - 60_000).toISOString(),
    },
    cookie,
  )
  if (template.status !== 201)
    throw new Error(`grant consent: ${template.status} ${JSON.stringify(template.body)}`)
  const t0 = performance.now()
  await sql.query('BEGIN')
  await sql.query(
    'CREATE TEMP TABLE bench_people ON COMMIT DROP AS SELECT g, gen_random_uuid() AS pid, gen_random_uuid() AS cid FROM generate_series(1, $1::int) g',
    [count],
  )
  await sql.query(
    `INSERT INTO "Person" (id, "givenName", "familyName", phone, "regionId", "territorialAuthorityId", "recordedByOrganisationId", "recordedById", "createdAt", "updatedAt")
     SELECT b.pid, 'Bench' || b.g, t."familyName", '027 444 5555', t."regionId", t."territorialAuthorityId", t."recordedByOrganisationId", t."recordedById", now(), now()
     FROM bench_people b, "Person" t WHERE t.id = $1`,
    [probe.body.id],
  )
  await sql.query(
    `INSERT INTO "Consent" (id, "personId", purpose, method, "selfReferral", "recordedById", "recordedByOrganisationId", "givenAt", "informationKinds", "createdAt")
     SELECT b.cid, b.pid, c.purpose, c.method, c."selfReferral", c."recordedById", c."recordedByOrganisationId", c."givenAt", c."informationKinds", now()
     FROM bench_people b, "Consent" c WHERE c.id = $1`,
    [template.body.id],
  )
  await sql.query(
    `INSERT INTO "ConsentRecipient" ("consentId", "organisationId") SELECT b.cid, r."organisationId" FROM bench_people b, "ConsentRecipient" r WHERE r."consentId" = $1`,
    [template.body.id],
  )
  const { rows: people } = await sql.query(
    'SELECT pid AS "personId", cid AS "consentId" FROM bench_people ORDER BY g',
  )
  await sql.query('COMMIT')
  await sql.query('ANALYZE')
  log(`${count} people with consents made in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  return { service, people }
}

/** Reads the PostgreSQL server's log from a byte offset (for statements logged by one database). */
export function pgLog(path) {
  const size = () => (existsSync(path) ? statSync(path).size : null)
  return {
    size,
    since(offset) {
      if (offset === null) return []
      const buf = Buffer.alloc(Math.max(0, size() - offset))
      const fd = openSync(path, 'r')
      readSync(fd, buf, 0, buf.length, offset)
      closeSync(fd)
      return buf.toString('utf8').split('\n')
    },
  }
}

/** Statements (execute or simple query) and their summed durations, from log_min_duration_statement = 0 lines. */
export function loggedStatements(lines, database) {
  const mine = lines.filter((l) => l.includes(`@${database} LOG:  duration: `))
  return {
    statements: mine.filter((l) => /ms {2}(statement|execute)/.test(l)).length,
    ms: mine.reduce((sum, l) => sum + Number(l.match(/duration: ([\d.]+) ms/)?.[1] ?? 0), 0),
  }
}

/**
 * Where a process's CPU went, from a V8 .cpuprofile: self time by package (node_modules name,
 * workspace package, Prisma's WebAssembly query compiler, garbage collection), as shares of the
 * non-idle samples. Returns [{ what, share }] largest first.
 */
export function cpuProfileByPackage(path, lastSeconds = Infinity) {
  const p = JSON.parse(readFileSync(path, 'utf8'))
  // Only the samples of the last `lastSeconds` before the profile ended (the measured requests,
  // not the start-up's migrations check and search index build).
  const hits = new Map()
  let t = p.startTime
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0
    if (p.endTime - t <= lastSeconds * 1e6) hits.set(p.samples[i], (hits.get(p.samples[i]) ?? 0) + 1)
  }
  const groups = new Map()
  const category = ({ url, functionName }) => {
    if (!url) {
      if (functionName === '(idle)') return null
      if (functionName === '(garbage collector)') return 'garbage collection'
      if (functionName.startsWith('wasm-function')) return 'Prisma query compiler (WebAssembly)'
      return 'native (I/O, microtasks, program)'
    }
    if (/wasm/.test(url)) return 'Prisma query compiler (WebAssembly)'
    const m = url.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(@[^/]+\/[^/]+|[^/]+)/)
    if (m) return m[1]
    if (url.includes('/generated/prisma')) return '@prisma/client'
    if (url.startsWith('node:')) return 'node internals'
    const w = url.match(/\/((?:packages|apps)\/[^/]+)\//)
    return w ? w[1] : 'other'
  }
  let busy = 0
  for (const n of p.nodes) {
    const what = category(n.callFrame)
    const h = hits.get(n.id) ?? 0
    if (!what || !h) continue
    busy += h
    groups.set(what, (groups.get(what) ?? 0) + h)
  }
  return [...groups].map(([what, hits]) => ({ what, share: hits / busy })).sort((a, b) => b.share - a.share)
}
