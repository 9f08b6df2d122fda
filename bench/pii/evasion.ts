// PII detector before and after text normalisation (issue 12, item 9): precision, recall and time
// per sentence on both corpora, the generated note corpus (packages/domain/src/pii/pii-corpus.ts)
// and the evasion corpus (packages/domain/test/fixtures/pii-evasion-corpus.ts: spaced and dotted
// characters, invisible characters, fullwidth and other digits, numbers and dates in words).
// "Before" is the detector as it was at a git ref (copied out of git into a temporary directory);
// "after" is the working tree. Prints tables; asserts nothing (the per-sentence rules are tests).
//
// Usage: npx tsx --tsconfig tsconfig.base.json bench/pii/evasion.ts [--before <ref>] [--size 800]
//        [--seeds 20260305,1,424242] [--repeat 5] [--examples 0]
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { PII_KINDS, detectPii, type PiiKind } from '../../packages/domain/src/pii/detect-pii'
import { normaliseForPii } from '../../packages/domain/src/pii/normalise'
import {
  generatePiiCorpus,
  scorePiiCorpus,
  type CorpusSentence,
} from '../../packages/domain/src/pii/pii-corpus'
import { PII_EVASION_CORPUS } from '../../packages/domain/test/fixtures/pii-evasion-corpus'

/** The last commit with the detector as it was before the normalisation pass. */
const BEFORE_NORMALISATION = 'a7ea341'

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    before: { type: 'string', default: BEFORE_NORMALISATION },
    size: { type: 'string', default: '800' },
    seeds: { type: 'string', default: '20260305,1,424242' },
    repeat: { type: 'string', default: '5' },
    examples: { type: 'string', default: '0' },
  },
})

type Detect = (
  text: string,
  knownNames: string[],
) => { kind: PiiKind; start: number; end: number; match: string }[]

async function detectorAt(ref: string): Promise<Detect> {
  const dir = mkdtempSync(join(tmpdir(), 'pii-before-'))
  const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim()
  for (const file of ['detect-pii.ts', 'nhi.ts', 'ird.ts']) {
    const source = execFileSync('git', ['show', `${ref}:packages/domain/src/pii/${file}`], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 10_000_000,
    })
    writeFileSync(join(dir, file), source)
  }
  const mod = (await import(pathToFileURL(join(dir, 'detect-pii.ts')).href)) as {
    detectPii: (text: string, context: { knownNames: string[] }) => ReturnType<Detect>
  }
  rmSync(dir, { recursive: true, force: true })
  return (text, knownNames) => mod.detectPii(text, { knownNames })
}

const before = await detectorAt(values.before)
const after: Detect = (text, knownNames) => detectPii(text, { knownNames })
const beforeRef = execFileSync('git', ['rev-parse', '--short', values.before], { encoding: 'utf8' }).trim()

const seeds = values.seeds.split(',').map(Number)
const generated = seeds.flatMap((seed) => generatePiiCorpus({ seed, size: Number(values.size) }))
const corpora: [string, readonly CorpusSentence[]][] = [
  [`generated (${generated.length})`, generated],
  [`evasion (${PII_EVASION_CORPUS.length})`, PII_EVASION_CORPUS],
]
const repeat = Number(values.repeat)

/**
 * Microseconds per sentence for each detector on each corpus: the fastest of `repeat` passes, the
 * detectors taking turns pass by pass, after a warm-up pass each (on a shared machine the fastest
 * pass is the one least disturbed, and taking turns spreads any disturbance over both).
 */
function timings(): Map<string, number> {
  const runs: [string, (s: CorpusSentence) => unknown, readonly CorpusSentence[]][] = corpora.flatMap(
    ([name, corpus]) => [
      [`${name} before`, (s: CorpusSentence) => before(s.text, s.knownNames), corpus] as const,
      [`${name} after`, (s: CorpusSentence) => after(s.text, s.knownNames), corpus] as const,
      [`${name} normalise`, (s: CorpusSentence) => normaliseForPii(s.text), corpus] as const,
    ],
  )
  const best = new Map<string, number>()
  for (const [, run, corpus] of runs) for (const s of corpus) run(s)
  for (let i = 0; i < repeat; i++) {
    for (const [key, run, corpus] of runs) {
      const started = performance.now()
      for (const s of corpus) run(s)
      const us = ((performance.now() - started) * 1000) / corpus.length
      best.set(key, Math.min(best.get(key) ?? Infinity, us))
    }
  }
  return best
}
const times = timings()

const pct = (x: number) => `${(x * 100).toFixed(1)}%`
const pad = (s: string | number, n: number) => String(s).padStart(n)
const padEnd = (s: string, n: number) => s.padEnd(n)

console.log(`\nPII detector before (${beforeRef}) and after normalisation (working tree)\n`)
console.log(
  `${padEnd('corpus', 18)}${padEnd('detector', 10)}${pad('labelled', 9)}${pad('missed', 8)}${pad('false +', 9)}` +
    `${pad('precision', 11)}${pad('recall', 8)}${pad('clean blocked', 15)}${pad('PII passed', 12)}${pad('µs/sentence', 13)}`,
)
const results = new Map<string, ReturnType<typeof scorePiiCorpus>>()
for (const [name, corpus] of corpora) {
  for (const [label, detect] of [
    ['before', before],
    ['after', after],
  ] as const) {
    const score = scorePiiCorpus(corpus, detect, PII_KINDS)
    results.set(`${name} ${label}`, score)
    let tp = 0
    let fp = 0
    let expected = 0
    let found = 0
    for (const k of score.byKind) {
      tp += k.truePositives
      fp += k.falsePositives
      expected += k.expected
      found += k.found
    }
    const s = score.sentences
    console.log(
      `${padEnd(name, 18)}${padEnd(label, 10)}${pad(expected, 9)}${pad(expected - found, 8)}${pad(fp, 9)}` +
        `${pad(pct(tp + fp === 0 ? 1 : tp / (tp + fp)), 11)}${pad(pct(expected === 0 ? 1 : found / expected), 8)}` +
        `${pad(`${s.wronglyBlocked}/${s.total - s.withPii}`, 15)}${pad(`${s.wronglyPassed}/${s.withPii}`, 12)}` +
        `${pad((times.get(`${name} ${label}`) ?? NaN).toFixed(1), 13)}`,
    )
  }
}

// The matchers run a second time only on sentences the normalisation changed.
for (const [name, corpus] of corpora) {
  const changed = corpus.filter((s) => normaliseForPii(s.text).text !== s.text).length
  console.log(
    `${name}: normalisation changed ${changed} of ${corpus.length} sentences; ` +
      `normalisation alone ${(times.get(`${name} normalise`) ?? NaN).toFixed(1)} µs/sentence`,
  )
}

// Per kind on the evasion corpus: where the misses were and where they went.
const evasionName = corpora[1]?.[0] as string
const evBefore = results.get(`${evasionName} before`)
const evAfter = results.get(`${evasionName} after`)
if (evBefore && evAfter) {
  console.log(
    `\nevasion corpus by kind${pad('labelled', 14)}${pad('missed before', 15)}${pad('missed after', 14)}`,
  )
  for (const k of evBefore.byKind) {
    const a = evAfter.byKind.find((x) => x.kind === k.kind)
    console.log(`${padEnd(k.kind, 22)}${pad(k.expected, 14)}${pad(k.missed, 15)}${pad(a?.missed ?? 0, 14)}`)
  }
}

const examples = Number(values.examples)
if (examples > 0) {
  for (const [key, score] of results) {
    if (!key.endsWith('after')) continue
    for (const { sentence, span } of score.misses.slice(0, examples)) {
      console.log(
        `  miss (${key}) ${span.kind}: ${JSON.stringify(sentence.text.slice(span.start, span.end))}`,
      )
    }
    for (const { sentence, finding } of score.falsePositives.slice(0, examples)) {
      console.log(
        `  false + (${key}) ${finding.kind}: ${JSON.stringify(finding.match)} in ${JSON.stringify(sentence.text)}`,
      )
    }
  }
}
