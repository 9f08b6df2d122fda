// Text normalisation for the PII detector (issue 12, item 9). A note can carry a phone number, a
// name or a date of birth written so that a pattern does not see it: "0 2 1 5 5 5 0 1 9 9",
// "Ar\u200Boha", "０２１ ５５５ ０１９９", "oh two one, five five five ...", "rua tahi ...",
// "the twenty-ninth of February nineteen eighty-four". Guidelines, "Protecting reporting
// information": free text must not carry identifiable features however it is written. So before the
// matchers run, the text is rewritten into the plain form they know:
//
// 1. invisible characters go (format characters: zero-width space, joiner and non-joiner, word
//    joiner, BOM, soft hyphen, bidi marks; variation selectors);
// 2. Unicode NFKC, per character with its marks (fullwidth, mathematical and circled letters and
//    digits, non-breaking and thin spaces become plain ones);
// 3. decimal digits of any script become ASCII (Arabic-Indic, Devanagari, Thai ...: NFKC leaves
//    them), dashes and slashes of other kinds become "-" and "/";
// 4. single letters or digits separated by single spaces ("0 2 1 5", "A r o h a") or, three or more,
//    by dots, hyphens, underscores, commas or slashes ("d.o.b", "K.L.M.4.5.6.3", "0,2,1") close up;
// 5. repeated spaces become one; "12 / 03" and "021 - 555" close up around the sign;
// 6. emails written with spaces, "at" or "dot" ("aroha @ gmail . com", "priya at gmail.com") become
//    plain addresses;
// 7. years in words become digits ("nineteen eighty-four", "two thousand and five", "twenty oh nine");
// 8. dates whose day is in words, or with "the", become "29 February 1984" ("the twenty-ninth of
//    February 1984", "February twenty ninth", "Feb the 29th, 1984", "twelve March eighty five");
// 9. runs of two or more digits in words, English or te reo Māori, become digits ("oh two one,
//    five five five" is "021 555", "double five" is "55", "kore rua tahi" is "021", "plus six four"
//    is "+64"); a number word on its own ("two children", "rua tamariki") is left as it is.
//
// Every character of the result knows the span of the original it came from, so a finding in the
// normalised text is reported on the original text (detect-pii.ts). Pure: no I/O.
import { MONTH_NAMES } from './months'

export interface NormalisedText {
  text: string
  /**
   * For each UTF-16 unit of `text`, the start (inclusive) of the original span it came from; null
   * while nothing has changed (each unit is itself: most notes).
   */
  starts: number[] | null
  /** ... and the end (exclusive). */
  ends: number[] | null
}

/** A piece of rewritten text standing for the current text's units [from, to). */
interface Piece {
  text: string
  from: number
  to: number
}

const startOf = (n: NormalisedText, i: number) => (n.starts ? (n.starts[i] as number) : i)
const endOf = (n: NormalisedText, i: number) => (n.ends ? (n.ends[i] as number) : i + 1)

/**
 * Rewrites each match of `pattern` (global) with the pieces `fn` returns, or leaves it when `fn`
 * returns null. A string stands for the whole match.
 */
function rewrite(
  n: NormalisedText,
  pattern: RegExp,
  fn: (m: RegExpExecArray) => Piece[] | string | null,
): NormalisedText {
  pattern.lastIndex = 0
  let text = ''
  const starts: number[] = []
  const ends: number[] = []
  let at = 0
  const copy = (from: number, to: number) => {
    text += n.text.slice(from, to)
    for (let i = from; i < to; i++) {
      starts.push(startOf(n, i))
      ends.push(endOf(n, i))
    }
  }
  let changed = false
  for (let m = pattern.exec(n.text); m !== null; m = pattern.exec(n.text)) {
    if (m[0] === '') {
      pattern.lastIndex++
      continue
    }
    const result = fn(m)
    if (result === null) continue
    const end = m.index + m[0].length
    const pieces = typeof result === 'string' ? [{ text: result, from: m.index, to: end }] : result
    copy(at, m.index)
    for (const p of pieces) {
      const last = Math.max(p.from, p.to - 1)
      for (let i = 0; i < p.text.length; i++) {
        starts.push(startOf(n, p.from))
        ends.push(endOf(n, last))
      }
      text += p.text
    }
    at = end
    changed = true
  }
  if (!changed) return n
  copy(at, n.text.length)
  return { text, starts, ends }
}

// ─── 1–3: characters ────────────────────────────────────────────────────────────────────────────

// Format characters (Cf: U+200B–U+200F, U+2060–U+2064, U+FEFF, U+00AD, U+180E, bidi controls ...),
// the combining grapheme joiner, Hangul fillers and variation selectors: none shows, all split a token.
const INVISIBLE = /(?:[\p{Cf}\u115F\u1160\u3164\uFFA0]|\p{Variation_Selector}|\u034F)+/gu
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu
const OTHER_DIGIT = /(?![0-9])\p{Nd}/gu
const IS_DIGIT = /^\p{Nd}$/u
const DASH = /[\u2010-\u2015\u2212\uFE58\uFE63]/gu
const SLASH = /[\u2044\u2215\u29F8]/gu

/** A decimal digit's value: Unicode encodes each script's digits as one run 0..9. */
function digitValue(ch: string): number {
  let cp = ch.codePointAt(0) as number
  let steps = 0
  while (steps < 200 && IS_DIGIT.test(String.fromCodePoint(cp - 1))) {
    cp--
    steps++
  }
  return steps % 10
}

// ─── 4–5: spaced and dotted characters ─────────────────────────────────────────────────────────

const SPACED_RUN =
  /(?<![\p{L}\p{N}\p{M}])(?:[\p{L}\p{N}]\p{M}*[ ._,/-])+[\p{L}\p{N}]\p{M}*(?![\p{L}\p{N}\p{M}])/gu
const IS_LETTER = /^\p{L}/u
const IS_LOWER = /^\p{Ll}/u
const IS_UPPER = /^\p{Lu}/u

function closeUp(m: RegExpExecArray): Piece[] | null {
  const run = m[0]
  const items: { text: string; at: number }[] = []
  const seps: string[] = []
  for (const c of run.matchAll(/([\p{L}\p{N}]\p{M}*)([ ._,/-]?)/gu)) {
    items.push({ text: c[1] as string, at: m.index + c.index })
    if (c[2]) seps.push(c[2])
  }
  // Two items close up only across a space ("n z", "c o"): "1.5", "e.g" and "3-4" stay.
  if (items.length < 2 || (items.length === 2 && seps[0] !== ' ')) return null
  const letter = items.map((it) => IS_LETTER.test(it.text))
  // Length of the letter or digit group each item belongs to.
  const group = new Array<number>(items.length).fill(1)
  for (let i = 0; i < items.length;) {
    let j = i
    while (j + 1 < items.length && letter[j + 1] === letter[i]) j++
    for (let k = i; k <= j; k++) group[k] = j - i + 1
    i = j + 1
  }
  const pieces: Piece[] = []
  items.forEach((it, i) => {
    if (i > 0) {
      const prev = items[i - 1] as { text: string; at: number }
      // A lone letter before or after digits is a word ("a 0 2 1 ...", "5 a week"), not part of a
      // code; a lower-case letter followed by a capital starts a new word ("a W i r e m u").
      const loneLetter =
        letter[i] !== letter[i - 1] &&
        ((letter[i] && group[i] === 1) || (letter[i - 1] && group[i - 1] === 1))
      const newWord = letter[i] && letter[i - 1] && IS_LOWER.test(prev.text) && IS_UPPER.test(it.text)
      if (loneLetter || newWord) pieces.push({ text: ' ', from: it.at - 1, to: it.at })
    }
    pieces.push({ text: it.text, from: it.at, to: it.at + it.text.length })
  })
  return pieces
}

// ─── 6: emails written out ──────────────────────────────────────────────────────────────────────

// "gmail . com" and "gmail.com", not "at 9. Co-op": a dot with space on one side only ends a sentence.
const AT = String.raw`(?:\s*@\s*|\s*[([{]\s*at\s*[)\]}]\s*|\s+at\s+)`
const DOT = String.raw`(?:\.|\s+\.\s+|\s*[([{]\s*dot\s*[)\]}]\s*|\s+dot\s+)`
const LOCAL_WORD = String.raw`[\p{L}\p{N}_%+-]+`
const LABEL = String.raw`[\p{L}\p{N}-]+`
const TLD = '(?:com|net|org|nz|au|uk|io|co|govt|gov|edu|ac|school|iwi|maori|kiwi|info|biz|me|us|ca)'
const EMAIL_WRITTEN = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+-])(${LOCAL_WORD}(?:${DOT}${LOCAL_WORD})*)${AT}((?:${LABEL}${DOT})+${TLD})(?![\p{L}\p{N}])`,
  'giu',
)

const EMAIL_SEPARATOR = new RegExp(`(${AT})|${DOT}`, 'giu')

/** The address written plainly; its letters keep their own places, so a name in it stays inside it. */
function plainEmail(m: RegExpExecArray): Piece[] | null {
  // Already plain ("aroha@gmail.com"): the matcher reads it as it is.
  if (/^[^\s()[\]{}]+$/u.test(m[0])) return null
  const pieces: Piece[] = []
  let at = 0
  const keep = (to: number) => {
    for (let i = at; i < to; i++)
      pieces.push({ text: m[0][i] as string, from: m.index + i, to: m.index + i + 1 })
  }
  for (const sep of m[0].matchAll(EMAIL_SEPARATOR)) {
    keep(sep.index)
    pieces.push({
      text: sep[1] ? '@' : '.',
      from: m.index + sep.index,
      to: m.index + sep.index + sep[0].length,
    })
    at = sep.index + sep[0].length
  }
  keep(m[0].length)
  return pieces
}

// ─── 7–9: numbers and dates in words ───────────────────────────────────────────────────────────

const UNIT_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
// prettier-ignore
const TEEN_WORDS = [
  'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
]
const TENS_WORDS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']
// prettier-ignore
const ORDINAL_UNITS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth']
// prettier-ignore
const ORDINAL_TEENS = [
  'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth',
  'eighteenth', 'nineteenth',
]
/** Digits one word stands for: English and te reo Māori (kore 0, tahi 1 ... iwa 9). */
const DIGIT_WORDS = new Map<string, string>([
  ['zero', '0'],
  ['oh', '0'],
  ['o', '0'],
  ['nought', '0'],
  ['nil', '0'],
  ...UNIT_WORDS.map((w, i): [string, string] => [w, String(i + 1)]),
  ['kore', '0'],
  ['tahi', '1'],
  ['rua', '2'],
  ['toru', '3'],
  ['whā', '4'],
  ['wha', '4'],
  ['rima', '5'],
  ['ono', '6'],
  ['whitu', '7'],
  ['waru', '8'],
  ['iwa', '9'],
])
const VALUE = new Map<string, number>([
  ...UNIT_WORDS.map((w, i): [string, number] => [w, i + 1]),
  ...TEEN_WORDS.map((w, i): [string, number] => [w, i + 10]),
  ...TENS_WORDS.map((w, i): [string, number] => [w, (i + 2) * 10]),
  ['fourty', 40],
  ...ORDINAL_UNITS.map((w, i): [string, number] => [w, i + 1]),
  ...ORDINAL_TEENS.map((w, i): [string, number] => [w, i + 10]),
  ['twentieth', 20],
  ['thirtieth', 30],
  ['oh', 0],
  ['o', 0],
  ['zero', 0],
])

const alt = (words: readonly string[]) => `(?:${[...words].sort((a, b) => b.length - a.length).join('|')})`
const NOT_LETTER_AFTER = '(?![\\p{L}])'
const NOT_ALNUM_BEFORE = '(?<![\\p{L}\\p{N}])'
const W = '(?:\\s+|\\s*-\\s*)'
const UNIT = alt(UNIT_WORDS)
const TEEN = alt(TEEN_WORDS)
const TENS = alt([...TENS_WORDS, 'fourty'])
const TENS_UNIT = `${TENS}(?:${W}${UNIT})?`
/** The last two digits of a year in words: "eighty-four", "twelve", "oh nine", "twenty". */
const YEAR_TAIL = `(?:${TENS_UNIT}|${TEEN}|(?:oh|o|zero)${W}${UNIT})`
const YEAR_WORDS = new RegExp(
  `${NOT_ALNUM_BEFORE}(?:(?:eighteen|nineteen|twenty)${W}(?:hundred(?:(?:\\s+and)?\\s+(?:${TENS_UNIT}|${TEEN}|${UNIT}))?|${YEAR_TAIL})` +
    `|two\\s+thousand(?:(?:\\s+and)?\\s+(?:${TENS_UNIT}|${TEEN}|${UNIT}))?)${NOT_LETTER_AFTER}`,
  'giu',
)

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w !== '' && w !== 'and')

/** The value of "eighty four", "twelve", "oh nine", "thirty-first" (0 for nothing). */
function smallValue(ws: readonly string[]): number {
  return ws.reduce((sum, w) => sum + (VALUE.get(w) ?? 0), 0)
}

function yearValue(m: RegExpExecArray): string {
  const ws = words(m[0])
  if (ws[0] === 'two' && ws[1] === 'thousand') return String(2000 + smallValue(ws.slice(2)))
  const century = (VALUE.get(ws[0] as string) ?? 0) * 100
  const rest = ws.slice(1)
  if (rest[0] === 'hundred') return String(century + smallValue(rest.slice(1)))
  return String(century + smallValue(rest))
}

const DAY_WORD = alt([
  ...['twenty', 'thirty'].flatMap((t) =>
    [...ORDINAL_UNITS, ...UNIT_WORDS].flatMap((u) => [`${t}-${u}`, `${t}\\s+${u}`]),
  ),
  'twentieth',
  'thirtieth',
  ...ORDINAL_TEENS,
  ...ORDINAL_UNITS,
  ...TEEN_WORDS,
  'twenty',
  'thirty',
  ...UNIT_WORDS,
])
const DAY = `(?:(${DAY_WORD})${NOT_LETTER_AFTER}|(\\d{1,2})(?:st|nd|rd|th)?(?![\\p{L}\\p{N}]))`
const MONTH = `(${alt(MONTH_NAMES)})\\.?${NOT_LETTER_AFTER}`
/** A year after a date: digits, or two digits in words ("eighty five", "eighty-five"). */
const DATE_YEAR = `(?:,?\\s+(\\d{4}|['’]?\\d{2}|${TENS}${W}${UNIT})(?![\\p{L}\\p{N}]))?`
const DATE_DAY_FIRST = new RegExp(
  `${NOT_ALNUM_BEFORE}(the\\s+)?${DAY}(?:\\s+of)?\\s+${MONTH}${DATE_YEAR}`,
  'giu',
)
const DATE_MONTH_FIRST = new RegExp(`${NOT_ALNUM_BEFORE}${MONTH},?\\s+(the\\s+)?${DAY}${DATE_YEAR}`, 'giu')

function dateYear(raw: string | undefined): string {
  if (raw === undefined) return ''
  if (/\d/.test(raw)) return ` ${raw}`
  return ` '${String(smallValue(words(raw))).padStart(2, '0')}`
}

function dayFirst(m: RegExpExecArray): string | null {
  const [, the, dayWord, dayDigits, month, year] = m
  if (!dayWord && !the && !(year && !/\d/.test(year))) return null
  const day = dayWord ? smallValue(words(dayWord)) : Number(dayDigits)
  return `${day} ${month}${dateYear(year)}`
}

function monthFirst(m: RegExpExecArray): string | null {
  const [, month, the, dayWord, dayDigits, year] = m
  if (!dayWord && !the && !(year && !/\d/.test(year))) return null
  const day = dayWord ? smallValue(words(dayWord)) : Number(dayDigits)
  return `${day} ${month}${dateYear(year)}`
}

const DIGIT_WORD = alt([...DIGIT_WORDS.keys()])
/** "o" before "'clock" is not a zero. */
const WORD_END = "(?![\\p{L}'’])"
const WORD_ITEM =
  `(?:(?:double|triple)\\s+${DIGIT_WORD}${WORD_END}|${TENS}(?:-${UNIT}|\\s+${UNIT})?${WORD_END}` +
  `|${TEEN}${WORD_END}|${DIGIT_WORD}(?:\\s+hundred)?${WORD_END})`
const DIGITS_ITEM = '\\d+(?![\\p{L}\\p{N}])'
const ITEM = `(?:${WORD_ITEM}|${DIGITS_ITEM})`
const SEP = '(?:\\s*[,-]\\s*|\\s+)'
// Starts at a word (after any digit groups): plain digit groups alone are not looked at.
const SPELLED_RUN = new RegExp(
  `${NOT_ALNUM_BEFORE}(?:plus\\s+)?(?:${DIGITS_ITEM}${SEP})*${WORD_ITEM}(?:${SEP}${ITEM})+`,
  'giu',
)
const ITEM_AND_SEP = new RegExp(`(${ITEM})(${SEP})?`, 'giu')

function itemDigits(item: string): string {
  const ws = words(item)
  const first = ws[0] as string
  if (first === 'double' || first === 'triple') {
    return (DIGIT_WORDS.get(ws[1] as string) ?? '').repeat(first === 'double' ? 2 : 3)
  }
  if (/^\d+$/.test(first)) return first
  if (ws[1] === 'hundred') return `${DIGIT_WORDS.get(first) ?? ''}00`
  const digit = DIGIT_WORDS.get(first)
  if (digit !== undefined && ws.length === 1) return digit
  return String(smallValue(ws))
}

function spelledDigits(m: RegExpExecArray): string | null {
  let run = m[0]
  let out = ''
  if (/^plus\s/i.test(run)) {
    out = '+'
    run = run.replace(/^plus\s+/i, '')
  }
  let wordItems = 0
  for (const c of run.matchAll(ITEM_AND_SEP)) {
    const item = c[1] as string
    if (!/^\d+$/.test(item)) wordItems++
    out += itemDigits(item)
    const sep = c[2] ?? ''
    // A comma or a spaced dash keeps the groups apart ("oh two one, five five five" is "021 555").
    if (sep.includes(',')) out += ' '
    else if (sep.includes('-') && /\s/.test(sep)) out += '-'
  }
  // "two children", "rua tamariki", "3 kids, two teens": one number word is a number, not digits.
  if (wordItems < 2) return null
  return out.trimEnd()
}

// ─── The pass ───────────────────────────────────────────────────────────────────────────────────

const SPACES = / {2,}/g
const AROUND_SIGN = /(?<=\d)(?: ([-/]) ?|([-/]) )(?=\d)/g
/** Cheap tests that say a pass has nothing to do, so a plain note costs little (it runs on every save). */
const ODD_CHARACTER =
  /[\p{Cf}\u115F\u1160\u3164\uFFA0\p{Variation_Selector}\u2010-\u2015\u2212\uFE58\uFE63\u2044\u2215\u29F8]|\u034F|(?![0-9])\p{Nd}/u
const SIGN_WITH_SPACE = / [-/]|[-/] /
const EMAIL_WORD = /@|\bat\b|\bdot\b/i
const EMAIL_END = new RegExp(`(?<![\\p{L}])${TLD}(?![\\p{L}])`, 'iu')
const LETTERS = /\p{L}+/gu
const NUMBER_WORDS = new Set([
  ...DIGIT_WORDS.keys(),
  ...TEEN_WORDS,
  ...TENS_WORDS,
  'fourty',
  'hundred',
  'thousand',
  'double',
  'triple',
])
const DAY_WORDS = new Set([
  ...UNIT_WORDS,
  ...TEEN_WORDS,
  'twenty',
  'thirty',
  ...ORDINAL_UNITS,
  ...ORDINAL_TEENS,
  'twentieth',
  'thirtieth',
])
const MONTH_WORDS = new Set(MONTH_NAMES.map((m) => (m.split('-')[0] as string).toLowerCase()))

const closeAroundSign = (n: NormalisedText) =>
  SIGN_WITH_SPACE.test(n.text) ? rewrite(n, AROUND_SIGN, (m) => (m[1] ?? m[2]) as string) : n

/** The text as the matchers should read it, with each character's original span. */
export function normaliseForPii(original: string): NormalisedText {
  let n: NormalisedText = { text: original, starts: null, ends: null }
  if (ODD_CHARACTER.test(n.text)) {
    n = rewrite(n, INVISIBLE, () => '')
    n = rewrite(n, OTHER_DIGIT, (m) => String(digitValue(m[0])))
  }
  if (n.text.normalize('NFKC') !== n.text) {
    n = rewrite(n, CLUSTER, (m) => {
      const folded = m[0].normalize('NFKC')
      return folded === m[0] ? null : folded
    })
    // NFKC can bring out digits of other scripts and dashes ("⑴" no, "﹣" yes).
    n = rewrite(n, OTHER_DIGIT, (m) => String(digitValue(m[0])))
  }
  if (ODD_CHARACTER.test(n.text)) {
    n = rewrite(n, DASH, () => '-')
    n = rewrite(n, SLASH, () => '/')
  }
  n = rewrite(n, SPACED_RUN, closeUp)
  if (n.text.includes('  ')) n = rewrite(n, SPACES, (m) => [{ text: ' ', from: m.index, to: m.index + 1 }])
  n = closeAroundSign(n)
  if (EMAIL_WORD.test(n.text) && EMAIL_END.test(n.text)) n = rewrite(n, EMAIL_WRITTEN, plainEmail)

  let numberWords = 0
  let dayWord = false
  let month = false
  for (const [word] of n.text.toLowerCase().matchAll(LETTERS)) {
    if (NUMBER_WORDS.has(word)) numberWords++
    if (DAY_WORDS.has(word)) dayWord = true
    if (MONTH_WORDS.has(word)) month = true
  }
  // A year or a run of digits in words takes two number words at least ("nineteen eighty", "oh two").
  if (numberWords >= 2) n = rewrite(n, YEAR_WORDS, yearValue)
  if (month && (dayWord || /\bthe\s+\d/i.test(n.text))) {
    n = rewrite(n, DATE_DAY_FIRST, dayFirst)
    n = rewrite(n, DATE_MONTH_FIRST, monthFirst)
  }
  if (numberWords >= 2) {
    n = rewrite(n, SPELLED_RUN, spelledDigits)
    n = closeAroundSign(n)
  }
  return n
}

/** Where a span [start, end) of the normalised text lies in the original. */
export function originalSpan(n: NormalisedText, start: number, end: number): { start: number; end: number } {
  return { start: startOf(n, start), end: endOf(n, Math.max(start, end - 1)) }
}
