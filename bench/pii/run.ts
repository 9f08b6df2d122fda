// PII detector precision and recall (issue 5: "report precision and recall in your note") on the
// generated corpus of interaction-note sentences (packages/domain/src/pii/pii-corpus.ts). Prints
// tables; asserts nothing (Conventions 14). The zero-misses rule is a test:
// packages/domain/src/pii/pii-corpus.test.ts.
//
// Precision: of the findings of a kind, how many overlap a span labelled with that kind.
// Recall: of the labelled spans of a kind, how many a finding of that kind overlaps.
// Sentences: a sentence is blocked from export when anything at all is found in it.
//
// Usage: npx tsx bench/pii/run.ts [--size 2000] [--seeds 20260305,1,424242] [--examples 10]
import { parseArgs } from 'node:util'
import { PII_KINDS, detectPii } from '../../packages/domain/src/pii/detect-pii'
import { generatePiiCorpus, scorePiiCorpus } from '../../packages/domain/src/pii/pii-corpus'

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    size: { type: 'string', default: '2000' },
    seeds: { type: 'string', default: '20260305,1,424242' },
    examples: { type: 'string', default: '10' },
  },
})
const size = Number(values.size)
const seeds = values.seeds.split(',').map(Number)

const corpus = seeds.flatMap((seed) => generatePiiCorpus({ seed, size }))
const started = performance.now()
const score = scorePiiCorpus(corpus, (text, knownNames) => detectPii(text, { knownNames }), PII_KINDS)
const ms = performance.now() - started

const pct = (x: number) => `${(x * 100).toFixed(1)}%`
const pad = (s: string | number, n: number) => String(s).padStart(n)
const padEnd = (s: string, n: number) => s.padEnd(n)

console.log(
  `\nPII detector on ${corpus.length} generated sentences (seeds ${seeds.join(', ')}, ${size} each)\n`,
)
console.log(
  `${padEnd('kind', 14)}${pad('labelled', 10)}${pad('found', 8)}${pad('missed', 8)}${pad('false +', 9)}${pad('precision', 11)}${pad('recall', 9)}`,
)
let tp = 0
let fp = 0
let expected = 0
let foundAll = 0
for (const k of score.byKind) {
  tp += k.truePositives
  fp += k.falsePositives
  expected += k.expected
  foundAll += k.found
  console.log(
    `${padEnd(k.kind, 14)}${pad(k.expected, 10)}${pad(k.found, 8)}${pad(k.missed, 8)}${pad(k.falsePositives, 9)}${pad(pct(k.precision), 11)}${pad(pct(k.recall), 9)}`,
  )
}
console.log(
  `${padEnd('all kinds', 14)}${pad(expected, 10)}${pad(foundAll, 8)}${pad(expected - foundAll, 8)}${pad(fp, 9)}${pad(pct(tp / (tp + fp)), 11)}${pad(pct(foundAll / expected), 9)}`,
)

const s = score.sentences
const clean = s.total - s.withPii
const rightlyBlocked = s.blocked - s.wronglyBlocked
console.log(`\n${padEnd('sentences', 24)}${pad('count', 7)}`)
console.log(`${padEnd('with PII', 24)}${pad(s.withPii, 7)}`)
console.log(`${padEnd('without PII', 24)}${pad(clean, 7)}`)
console.log(`${padEnd('blocked', 24)}${pad(s.blocked, 7)}`)
console.log(`${padEnd('blocked but clean', 24)}${pad(s.wronglyBlocked, 7)}`)
console.log(`${padEnd('passed but with PII', 24)}${pad(s.wronglyPassed, 7)}`)
console.log(
  `sentence-level precision ${pct(rightlyBlocked / s.blocked)}, recall ${pct(rightlyBlocked / s.withPii)}; ` +
    `${(ms / corpus.length).toFixed(3)} ms per sentence`,
)

const examples = Number(values.examples)
if (score.falsePositives.length > 0 && examples > 0) {
  console.log(
    `\nfalse positives (first ${Math.min(examples, score.falsePositives.length)} of ${score.falsePositives.length}):`,
  )
  for (const { sentence, finding } of score.falsePositives.slice(0, examples)) {
    console.log(`  ${finding.kind}: "${finding.match}" in "${sentence.text}"`)
  }
}
if (score.misses.length > 0) {
  console.log(`\nmisses (${score.misses.length}):`)
  for (const { sentence, span } of score.misses.slice(0, examples)) {
    console.log(`  ${span.kind}: "${sentence.text.slice(span.start, span.end)}" in "${sentence.text}"`)
  }
}
