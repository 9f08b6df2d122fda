#!/usr/bin/env node
// `pnpm bench`: runs every benchmark, one after another, and writes docs/benchmarks.md with the
// machine (cores, memory, CPU model, load), the Node and PostgreSQL versions and each bench's
// tables. Each bench is its own script (bench/*); this runs the command package.json gives it and
// keeps the markdown it prints on stdout (tables, their headings and target lines), so the
// scripts stay runnable alone. A bench that fails is reported as failed and the rest still run.
//
// Usage: pnpm bench [-- --quick] [--only send,graphql,search,coverage,startup] [--out docs/benchmarks.md]
//   --quick  smaller sizes so the whole command finishes in minutes (the default is the issue's
//            full sizes: 100,000 services for search, 1,000,000 referrals for coverage).
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import pg from 'pg'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string', default: join(root, 'docs/benchmarks.md') },
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
})
const QUICK = values.quick
const dbArg = ['--database-url', values['database-url']]
const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts

/** Each bench: the package.json script it runs, its arguments (full and --quick), and its target. */
const BENCHES = [
  {
    id: 'send',
    title: 'Referral send at sustained load (HTTP, Postgres)',
    script: 'bench:send',
    args: QUICK ? ['--quick', ...dbArg] : dbArg,
    target: 'at least 300 sends/s with p95 at most 30 ms',
  },
  {
    id: 'graphql',
    title: 'GraphQL referral page: SQL statements and latency',
    script: 'bench:graphql',
    args: QUICK ? ['--quick', ...dbArg] : dbArg,
    target:
      'a constant number of SQL statements (at most 5) at any page size; p95 at most 30 ms for 50 referrals over HTTP',
  },
  {
    id: 'search',
    title: 'Directory search',
    script: 'bench:search',
    args: QUICK ? ['--services', '10000', '--rounds', '2', ...dbArg] : dbArg,
    target: 'the targets the bench prints (issue 3)',
  },
  {
    id: 'coverage',
    title: 'Coverage matrix and referral flow',
    script: 'bench:coverage',
    args: QUICK ? ['--referrals', '50000', '--people', '10000', '--runs', '10', ...dbArg] : dbArg,
    target: 'the whole country in at most 150 ms, p95 (issue 5)',
  },
  {
    id: 'startup',
    title: 'Start-up and memory',
    script: 'bench:startup',
    args: [],
    target: 'pnpm start on an installed, built checkout serving in at most 20 s; memory recorded (issues 7, 13)',
  },
]
const only = values.only ? new Set(values.only.split(',')) : null
const selected = BENCHES.filter((b) => !only || only.has(b.id))

let current = null
const stopChild = () => {
  if (current && current.exitCode === null) current.kill('SIGINT') // each bench drops its database on SIGINT
}
process.on('SIGINT', () => {
  stopChild()
  setTimeout(() => process.exit(130), 15_000).unref()
})

/** Runs one package.json script with node_modules/.bin on PATH; stdout kept, stderr passed through. */
function run(bench) {
  const command = `${scripts[bench.script]} ${bench.args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')}`
  process.stderr.write(`\n=== ${bench.title}: ${command}\n`)
  return new Promise((resolve) => {
    const t0 = performance.now()
    // exec: the bench replaces the shell, so Ctrl-C's SIGINT reaches it (and it drops its database).
    const child = spawn('sh', ['-c', `exec ${command}`], {
      cwd: root,
      env: { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    current = child
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      process.stdout.write(d)
    })
    child.on('exit', (code, signal) => {
      current = null
      resolve({ code: code ?? signal, out, seconds: (performance.now() - t0) / 1000, command })
    })
  })
}

/**
 * The markdown worth keeping from a bench's stdout: tables (lines starting with `|`), headings,
 * the non-empty line just before each table (its caption) and lines naming targets.
 */
export function markdownOf(stdout) {
  const lines = stdout.split('\n').map((l) => l.trimEnd())
  const keep = []
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]
    const isTable = l.startsWith('|')
    const startsTable = isTable && !lines[i - 1]?.startsWith('|')
    if (startsTable) {
      // Caption: the closest non-empty line above, unless it is already kept.
      let j = i - 1
      while (j >= 0 && !lines[j].trim()) j--
      if (j >= 0 && !lines[j].startsWith('|') && keep.at(-1)?.index !== j)
        keep.push({ index: j, text: lines[j] })
      if (keep.length) keep.push({ index: -1, text: '' })
    }
    if (isTable || l.startsWith('#') || /^\**targets?\b/i.test(l)) {
      if (!isTable && keep.length && keep.at(-1).text !== '') keep.push({ index: -1, text: '' })
      if (keep.at(-1)?.index !== i) keep.push({ index: i, text: l })
    } else if (keep.at(-1)?.text.startsWith('|')) keep.push({ index: -1, text: '' })
  }
  return keep
    .map((k) => k.text)
    .join('\n')
    .replace(/^#+ /gm, '#### ')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** met / not met / partly met from the verdicts the bench printed (`met`, `not met`), else none. */
function verdictOf(markdown) {
  const notMet = (markdown.match(/not met/gi) ?? []).length
  const met = (markdown.replace(/not met/gi, '').match(/\bmet\b/gi) ?? []).length
  if (!notMet && !met) return 'no target verdict printed; see tables'
  return notMet && met ? `partly met (${met} met, ${notMet} not met)` : notMet ? 'not met' : 'met'
}

async function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown'
  let pgVersion = 'unknown'
  try {
    const c = new pg.Client({ connectionString: values['database-url'] })
    await c.connect()
    pgVersion = (await c.query('SHOW server_version')).rows[0].server_version
    await c.end()
  } catch (err) {
    pgVersion = `unreachable (${err.message})`
  }
  cpu = cpu.replace(/\s+/g, ' ').trim()
  return {
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGb: os.totalmem() / 1024 ** 3,
    cpu,
    node: process.version,
    postgres: pgVersion,
  }
}

const started = new Date()
const m = await machine()
const loadBefore = os.loadavg()
const results = []
for (const bench of selected) {
  if (!scripts[bench.script]) {
    results.push({ bench, code: 'missing script', out: '', seconds: 0, command: bench.script })
    continue
  }
  const r = await run(bench)
  results.push({ bench, ...r, load: os.loadavg() })
}

const fmtLoad = (l) => l.map((x) => x.toFixed(2)).join(' / ')
const doc = [
  '# Benchmarks',
  '',
  `Written by \`pnpm bench${QUICK ? ' -- --quick' : ''}\` (bench/run-all.mjs) on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC. Each bench is a script in bench/ that prints tables; no test asserts on time. Re-run with \`pnpm bench\` (full sizes) or \`pnpm bench -- --quick\`; one bench alone with \`--only send\` (send, graphql, search, coverage, startup).`,
  '',
  '| machine | |',
  '|---|---|',
  `| CPU | ${m.cpu} |`,
  `| cores | ${m.cores} |`,
  `| memory | ${m.memoryGb.toFixed(1)} GB |`,
  `| Node | ${m.node} |`,
  `| PostgreSQL | ${m.postgres} |`,
  `| sizes | ${QUICK ? '--quick (smaller than the issue asks: see each command)' : 'full (as the issue asks)'} |`,
  `| load average (1 / 5 / 15 min) at start | ${fmtLoad(loadBefore)} |`,
  '',
  'Anything else running on the machine slows these numbers: the load average at the start is above, and after each bench in its section (a 1-minute figure well above 0 means something else was busy). What the numbers mean, and why a target is missed: bench/README.md.',
  '',
  '| bench | target | result | seconds |',
  '|---|---|---|---:|',
  ...results.map((r) => {
    const md = r.code === 0 ? markdownOf(r.out) : ''
    const verdict = r.code === 0 ? verdictOf(md) : `failed (${r.code})`
    return `| ${r.bench.title} | ${r.bench.target} | ${verdict} | ${r.seconds.toFixed(0)} |`
  }),
  '',
]
for (const r of results) {
  doc.push(`## ${r.bench.title}`, '')
  doc.push(
    `\`${r.command}\` (${r.seconds.toFixed(0)} s${r.load ? `; load average afterwards ${fmtLoad(r.load)}` : ''}). Target: ${r.bench.target}.`,
    '',
  )
  if (r.code !== 0) {
    doc.push(
      `Failed (exit ${r.code}); its output on stderr above the run. Tables printed before it failed:`,
      '',
    )
  }
  const md = markdownOf(r.out)
  doc.push(md || '_(no tables printed)_', '')
}
writeFileSync(values.out, doc.join('\n'))
process.stderr.write(`\nwrote ${values.out}\n`)
process.exitCode = results.every((r) => r.code === 0) ? 0 : 1
