import { describe, expect, it } from 'vitest'
import { PII_KINDS, detectPii } from '../src/pii/detect-pii'
import { scorePiiCorpus } from '../src/pii/pii-corpus'
import { PII_EVASION_CORPUS, type EvasionSentence } from './fixtures/pii-evasion-corpus'

// Issue 12, item 9: personal details written to dodge the detector (spaced, dotted, invisible
// characters, look-alike digits and letters, numbers and dates in words) are found, each on its own
// sentence, and ordinary notes written the same ways are left alone. Precision and recall before and
// after are printed by bench/pii/evasion.ts.
const show = (s: EvasionSentence) => `${s.template}: ${JSON.stringify(s.text)}`
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end

describe('the evasion corpus', () => {
  it('has several hundred sentences, a good share benign, covering every evasion', () => {
    expect(PII_EVASION_CORPUS.length).toBeGreaterThanOrEqual(300)
    expect(PII_EVASION_CORPUS.length).toBeLessThanOrEqual(500)
    const benign = PII_EVASION_CORPUS.filter((s) => s.expected.length === 0)
    expect(benign.length).toBeGreaterThanOrEqual(100)
    const templates = PII_EVASION_CORPUS.map((s) => s.template).join(' ')
    // prettier-ignore
    for (const evasion of [
      'spaced', 'dotted', 'zwsp', 'zwnj', 'zwj', 'word-joiner', 'bom', 'soft-hyphen', 'fullwidth',
      'arabic-indic', 'devanagari', 'math-bold', 'circled', 'spelled-en', 'spelled-reo', 'double',
      'date-words', 'email-at', 'intl', 'freephone',
    ]) {
      expect(templates, evasion).toContain(evasion)
    }
    for (const kind of PII_KINDS.filter((k) => k !== 'address')) {
      expect(PII_EVASION_CORPUS.some((s) => s.expected.some((e) => e.kind === kind))).toBe(true)
    }
  })

  it('labels non-empty spans inside each sentence', () => {
    for (const s of PII_EVASION_CORPUS) {
      for (const e of s.expected) {
        expect(e.start, show(s)).toBeGreaterThanOrEqual(0)
        expect(e.end, show(s)).toBeLessThanOrEqual(s.text.length)
        expect(s.text.slice(e.start, e.end).trim(), show(s)).not.toBe('')
      }
    }
  })
})

describe('the detector on each evasion sentence', () => {
  const withPii = PII_EVASION_CORPUS.filter((s) => s.expected.length > 0)
  const benign = PII_EVASION_CORPUS.filter((s) => s.expected.length === 0)

  it.each(withPii.map((s) => [show(s), s] as const))('finds what is in %s, and nothing else', (_, s) => {
    const findings = detectPii(s.text, { knownNames: s.knownNames })
    for (const e of s.expected) {
      const hit = findings.find((f) => f.kind === e.kind && overlaps(f, e))
      expect(hit, `${e.kind} ${JSON.stringify(s.text.slice(e.start, e.end))}`).toBeDefined()
    }
    for (const f of findings) {
      // Reported on the text as written, invisible characters and all.
      expect(s.text.slice(f.start, f.end)).toBe(f.match)
      const labelled = s.expected.some((e) => e.kind === f.kind && overlaps(f, e))
      expect(labelled, `unexpected ${f.kind} ${JSON.stringify(f.match)}`).toBe(true)
    }
  })

  it.each(benign.map((s) => [show(s), s] as const))('leaves %s alone', (_, s) => {
    expect(detectPii(s.text, { knownNames: s.knownNames }).map((f) => [f.kind, f.match])).toEqual([])
  })

  it('misses nothing over the whole corpus, and blocks no benign sentence', () => {
    const score = scorePiiCorpus(
      PII_EVASION_CORPUS,
      (text, knownNames) => detectPii(text, { knownNames }),
      PII_KINDS,
    )
    expect(score.misses.map((m) => show(m.sentence))).toEqual([])
    expect(score.sentences.wronglyBlocked).toBe(0)
    expect(score.falsePositives).toEqual([])
  })
})
