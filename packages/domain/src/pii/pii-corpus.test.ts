import { describe, expect, it } from 'vitest'
import { PII_KINDS, detectPii } from './detect-pii'
import { CORPUS_TEMPLATE_IDS, generatePiiCorpus, scorePiiCorpus } from './pii-corpus'

// Issue 5: "Test the detector on a corpus you generate (hundreds of sentences with and without PII)
// ... misses on the kinds above must be zero on that corpus." Precision and recall are printed by
// bench/pii/run.ts; here the corpus is held to zero misses, on several seeds.
const detect = (text: string, knownNames: string[]) => detectPii(text, { knownNames })

describe('the generated corpus', () => {
  const corpus = generatePiiCorpus()

  it('has hundreds of sentences, with and without personal information, from every template', () => {
    expect(corpus.length).toBe(800)
    const withPii = corpus.filter((s) => s.expected.length > 0).length
    expect(withPii).toBeGreaterThan(300)
    expect(corpus.length - withPii).toBeGreaterThan(300)
    expect(new Set(corpus.map((s) => s.template))).toEqual(new Set(CORPUS_TEMPLATE_IDS))
    for (const kind of PII_KINDS) {
      expect(corpus.some((s) => s.expected.some((e) => e.kind === kind))).toBe(true)
    }
  })

  it('labels spans inside the text, and is the same for the same seed', () => {
    for (const s of corpus) {
      for (const e of s.expected) {
        expect(e.start).toBeGreaterThanOrEqual(0)
        expect(e.end).toBeLessThanOrEqual(s.text.length)
        expect(s.text.slice(e.start, e.end).trim()).not.toBe('')
      }
    }
    expect(generatePiiCorpus()).toEqual(corpus)
    expect(generatePiiCorpus({ seed: 7 })).not.toEqual(corpus)
  })
})

describe.each([20_260_305, 1, 424_242])('the detector on the corpus (seed %i)', (seed) => {
  const corpus = generatePiiCorpus({ seed, size: 800 })
  const score = scorePiiCorpus(corpus, detect, PII_KINDS)

  it('misses nothing, of any kind', () => {
    expect(score.misses.map((m) => `${m.span.kind}: ${m.sentence.text}`)).toEqual([])
    for (const k of score.byKind) expect(k.recall).toBe(1)
    expect(score.sentences.wronglyPassed).toBe(0)
  })

  it('blocks few clean sentences (a guard against drift, not a target)', () => {
    for (const k of score.byKind) expect(k.precision).toBeGreaterThanOrEqual(0.9)
    expect(score.sentences.wronglyBlocked).toBeLessThanOrEqual(corpus.length * 0.01)
  })
})
