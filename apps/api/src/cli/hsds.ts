// `pnpm hsds <command>`: the directory as Open Referral HSDS 3.0, on the database the API uses
// (DATABASE_URL, else the PGlite folder DATA_DIR; see config.ts).
//   pnpm hsds export [--out file.json|file.ndjson]     every service, fully nested (stdout without --out)
//   pnpm hsds import <file|folder> [--region 09] [--kind service|organization|...]
//   pnpm hsds reindex                                  ask the search indexer to rebuild (outbox)
// Import exits 1 when any record failed, after importing the rest and printing every failure.
import { createWriteStream, readFileSync, readdirSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { parseArgs } from 'node:util'
import cliProgress from 'cli-progress'
import { sessionPolicy } from '@fsn/auth'
import { openDatabase, seedReferenceData } from '@fsn/db'
import {
  exportHsdsServices,
  importHsdsRecords,
  kindFromFileName,
  readRecords,
  rebuildSearchIndex,
  requestHsdsReindex,
  type HsdsImportProblem,
  type ImportKind,
  type RawRecord,
  type ServiceDeps,
} from '@fsn/services'
import { ANONYMOUS } from '@fsn/domain'
import { loadConfig } from '../config'
import { createSearchIndex } from '@fsn/search'

const USAGE = `Usage:
  pnpm hsds export [--out <file.json|file.ndjson>]
  pnpm hsds import <file|folder> [--region <Stats NZ code>] [--kind <kind>]
      kind: service, organization, service_at_location, location, taxonomy or taxonomy_term
  pnpm hsds reindex
      with MEILI_URL: rebuilds Meilisearch directly; otherwise queues every service for the
      running API's embedded index (it also rebuilds itself on every start)`

const CLI_ACTOR = { kind: 'system', name: 'cli' } as const
// Taxonomies first, then owners before what they own, so references resolve within one run.
const FILE_ORDER = [
  'taxonomy',
  'taxonomy_term',
  'tabular',
  'organization',
  'service',
  'service_at_location',
  'location',
  'auto',
]

function bar(label: string) {
  return new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} {percentage}% | {duration_formatted}`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  )
}

function filesOf(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path]
  const files = readdirSync(path).filter((f) => /\.(json|ndjson|jsonl)$/i.test(f))
  const rank = (f: string) => FILE_ORDER.indexOf(kindFromFileName(f))
  return files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((f) => join(path, f))
}

/** Records of one file: JSON (object, array, HSDA page, tabular) or NDJSON (one document a line). */
function recordsOf(
  file: string,
  kind: ImportKind | undefined,
): { records: RawRecord[]; problems: HsdsImportProblem[]; skipped: string[] } {
  const hint = kind ?? kindFromFileName(file)
  const text = readFileSync(file, 'utf8')
  const name = basename(file)
  const problems: HsdsImportProblem[] = []
  const values: unknown[] = []
  if (/\.(ndjson|jsonl)$/i.test(file)) {
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return
      try {
        values.push(JSON.parse(line))
      } catch (err) {
        problems.push({
          record: `${name} line ${i + 1}`,
          field: '(record)',
          message: `not JSON: ${(err as Error).message}`,
        })
      }
    })
  } else {
    try {
      values.push(JSON.parse(text))
    } catch (err) {
      problems.push({ record: name, field: '(record)', message: `not JSON: ${(err as Error).message}` })
    }
  }
  const records: RawRecord[] = []
  const skipped: string[] = []
  for (const v of values) {
    const read = readRecords(v, hint)
    records.push(...read.records.map((r) => ({ ...r, label: `${name}: ${r.label}` })))
    problems.push(
      ...read.unreadable.map((u) => ({
        record: `${name}: ${u.label}`,
        field: '(record)',
        message: u.reason,
      })),
    )
    skipped.push(...read.skipped.map((s) => `${name}: ${s.reason}`))
  }
  return { records, problems, skipped }
}

async function exportCommand(deps: ServiceDeps, out: string | undefined) {
  const ndjson = !!out && /\.(ndjson|jsonl)$/i.test(out)
  const stream = out ? createWriteStream(out) : process.stdout
  const write = (s: string) =>
    new Promise<void>((resolve, reject) => void stream.write(s, (err) => (err ? reject(err) : resolve())))
  const progress = bar('export')
  let started = false
  let first = true
  let count = 0
  if (!ndjson) await write('[\n')
  for await (const batch of exportHsdsServices({ deps, actor: ANONYMOUS })) {
    if (!started) progress.start(batch.total, 0)
    started = true
    for (const doc of batch.services) {
      await write(ndjson ? `${JSON.stringify(doc)}\n` : `${first ? '' : ',\n'}${JSON.stringify(doc)}`)
      first = false
      count += 1
    }
    progress.update(batch.done)
  }
  if (!ndjson) await write('\n]\n')
  progress.stop()
  if (out) {
    await new Promise<void>((resolve) => (stream as ReturnType<typeof createWriteStream>).end(resolve))
    console.error(`exported ${count} services to ${out}`)
  }
}

async function importCommand(
  deps: ServiceDeps,
  path: string,
  region: string | undefined,
  kind: ImportKind | undefined,
) {
  const records: RawRecord[] = []
  const problems: HsdsImportProblem[] = []
  const skipped: string[] = []
  for (const file of filesOf(path)) {
    const r = recordsOf(file, kind)
    records.push(...r.records)
    problems.push(...r.problems)
    skipped.push(...r.skipped)
  }
  const progress = bar('import')
  progress.start(records.length, 0)
  const report = await importHsdsRecords({
    deps,
    actor: CLI_ACTOR,
    records,
    options: { defaultRegionCode: region, source: basename(path) },
    onProgress: (done) => progress.update(done),
  })
  progress.stop()
  const failed = [...problems, ...report.failed]
  console.log(
    `created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, ` +
      `failed ${new Set(failed.map((f) => f.record)).size}`,
  )
  for (const s of [...skipped, ...report.skipped]) console.log(`skipped  ${s}`)
  for (const f of failed) console.log(`FAILED   ${f.record}  ${f.field}: ${f.message}`)
  if (report.warnings.length) {
    // Summarised by field: the same gap (e.g. funding) recurs in every record of a file.
    const byField = new Map<string, { message: string; count: number }>()
    for (const w of report.warnings) {
      const key = w.field.replace(/\[\d+\]/g, '[]')
      const e = byField.get(key) ?? { message: w.message, count: 0 }
      e.count += 1
      byField.set(key, e)
    }
    const lines = [...byField].map(
      ([field, e]) => `warning  ${field}: ${e.message} (${e.count} record${e.count === 1 ? '' : 's'})`,
    )
    for (const line of lines.slice(0, 20)) console.log(line)
    if (lines.length > 20) console.log(`warning  ... and ${lines.length - 20} more kinds of data not stored`)
  }
  process.exitCode = failed.length ? 1 : 0
}

/** A progress bar that starts when the first report says how many there are. */
function progressReporter(label: string) {
  const progress = bar(label)
  let started = false
  return {
    onProgress: (done: number, total: number) => {
      if (!started) progress.start(total, 0)
      started = true
      progress.update(done)
    },
    stop: () => progress.stop(),
  }
}

async function reindexCommand(deps: ServiceDeps) {
  const progress = progressReporter('reindex')
  if (!deps.search.name.startsWith('embedded')) {
    // Meilisearch is reachable from here: rebuild it directly, every service, with progress. (The
    // embedded engine lives in the API process, so for it the rebuild goes through the outbox.)
    const r = await rebuildSearchIndex({ deps, clear: false, onProgress: progress.onProgress })
    progress.stop()
    console.log(`indexed ${r.documents} listings of ${r.services} services in ${deps.search.name}`)
    return
  }
  const r = await requestHsdsReindex({ deps, actor: CLI_ACTOR, onProgress: progress.onProgress })
  progress.stop()
  console.log(
    `queued ${r.services} services in ${r.messages} directory.changed messages for the search indexer`,
  )
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string', short: 'o' },
    region: { type: 'string' },
    kind: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
})
const [command, target] = positionals
if (
  values.help ||
  !command ||
  !['export', 'import', 'reindex'].includes(command) ||
  (command === 'import' && !target)
) {
  console.log(USAGE)
  process.exitCode = values.help ? 0 : 2
} else {
  const config = loadConfig()
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir })
  try {
    const deps: ServiceDeps = {
      prisma: db.prisma,
      clock: () => new Date(),
      sessionPolicy: sessionPolicy(config.sessionTtlDays),
      search: createSearchIndex(process.env),
    }
    if (command === 'export') await exportCommand(deps, values.out)
    else if (command === 'import') {
      // Regions, districts and categories must be there to place locations and file services.
      await seedReferenceData(db.prisma)
      await importCommand(deps, target!, values.region, values.kind as ImportKind | undefined)
    } else await reindexCommand(deps)
  } catch (err) {
    console.error(`hsds ${command}: ${(err as Error).message}`)
    process.exitCode = 1
  } finally {
    await db.close()
  }
}
