// A personal-information detector for free text bound for the Ministry's weekly report.
// Guidelines, "Protecting reporting information": "You must also ensure that any information you
// put into any free-text data fields ... does not contain any identifiable features (e.g., name,
// DOB, address, etc)", because "when the line-level data is combined, it could be used to
// re-identify individuals". Issue 5 names the kinds: NZ phone numbers, emails, street addresses,
// dates that look like dates of birth, NHI and IRD numbers, and names of the person or whānau on
// record. Bank account numbers are caught as well: a grant paid into an account would otherwise
// leave one in a note.
//
// The detector leans towards flagging. A flag costs the connector a rewording ("the export shows the
// reason"); a miss sends a person's details to the Ministry. So a full date with a year is treated
// as a possible date of birth unless the sentence says it is an appointment or other event, and a
// seven-digit number counts as a phone number only when a word like "phone" comes before it.
import { isValidIrdNumber } from './ird'
import { MONTHS } from './months'
import { isValidNhi } from './nhi'
import { normaliseForPii, originalSpan } from './normalise'

export const PII_KINDS = [
  'phone',
  'email',
  'address',
  'birth-date',
  'nhi',
  'ird',
  'bank-account',
  'name',
] as const
export type PiiKind = (typeof PII_KINDS)[number]

/** How a reason names each kind: "contains a phone number: 021 555 0199". */
export const PII_KIND_LABELS: Record<PiiKind, string> = {
  phone: 'a phone number',
  email: 'an email address',
  address: 'a street address',
  'birth-date': 'a date that could be a date of birth',
  nhi: 'an NHI number',
  ird: 'an IRD number',
  'bank-account': 'a bank account number',
  name: 'a name of the person or whānau on record',
}

export interface PiiFinding {
  kind: PiiKind
  /** UTF-16 offsets into the text, end exclusive, so `text.slice(start, end) === match`. */
  start: number
  end: number
  match: string
  /** Why the detector flagged it, in plain words ("NZ mobile number", "next to 'DOB'"). */
  reason: string
}

export interface PiiContext {
  /**
   * Names of the person and whānau on record ("Aroha Ngata", "Tāmati"). Each word is matched on its
   * own, as a whole word, ignoring case and macrons: a given name alone still identifies someone in
   * a small community.
   */
  knownNames?: readonly string[]
}

export type ExportCheck = { ok: true } | { ok: false; reasons: string[] }

// ─── Building blocks ────────────────────────────────────────────────────────────────────────────

/** Not glued to a letter or digit on that side. */
const B_BEFORE = '(?<![\\p{L}\\p{N}])'
const B_AFTER = '(?![\\p{L}\\p{N}])'
/** One optional separator inside a phone number: "021 555 0199", "021-555-0199", "021.555.0199". */
const S = '[ .\\-]?'

const re = (source: string, flags = '') => new RegExp(source, `gu${flags}`)

interface Draft {
  kind: PiiKind
  start: number
  end: number
  reason: string
  /** 1 when a cue word backs it ("NHI ...", "IRD ..."): it then wins over a finding of another kind. */
  rank?: 1
}

function* matches(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[0] === '') pattern.lastIndex++
    yield m
  }
}

/** Case-, macron- and apostrophe-insensitive form of a word: "Tāmati" and "TAMATI" are one. */
export function foldName(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘`]/g, "'").toLowerCase()
}

/** The sentence around [start, end): cue words count only inside it. */
function sentenceAround(text: string, start: number, end: number, before: number, after: number) {
  const from = Math.max(0, start - before)
  const to = Math.min(text.length, end + after)
  let left = text.slice(from, start)
  let right = text.slice(end, to)
  // A full stop ends a sentence only when a space or the end follows ("12.03.85" is not one); a
  // bracket ends a clause: in "Mum (Mere, 12/03/1985) asked about a food grant" the grant is not
  // what the date is about.
  const stop = /[.!?](?=\s|$)|[\n;()[\]]/g
  let lastStop = -1
  for (const m of left.matchAll(stop)) lastStop = m.index + m[0].length
  if (lastStop >= 0) left = left.slice(lastStop)
  const firstStop = right.search(/[.!?](?=\s|$)|[\n;()[\]]/)
  if (firstStop >= 0) right = right.slice(0, firstStop)
  return { left, right }
}

// ─── Phone numbers ──────────────────────────────────────────────────────────────────────────────
// Numbering plan as the directory's nz-phone.ts reads it: mobiles 02x + 6 to 8 digits; landlines
// 0 + area code 3, 4, 6, 7 or 9 + 7 digits; freephone 0800 / 0508 + 6 or 7 digits; +64 or 0064
// without the trunk 0. Group shapes are listed longest first so "021 555 0199 3 kids" stops at 0199.

const MOBILE_REST = `(?:\\d{4}${S}\\d{4}|\\d{3}${S}\\d{5}|\\d{3}${S}\\d{3}${S}\\d{2}|\\d{3}${S}\\d{4}|\\d{4}${S}\\d{3}|\\d{3}${S}\\d{3}|\\d{2}${S}\\d{2}${S}\\d{3})`
const LANDLINE_REST = `(?:\\d{3}${S}\\d{4}|\\d{4}${S}\\d{3})`
const FREEPHONE_REST = `(?:\\d{3}${S}\\d{4}|\\d{4}${S}\\d{3}|\\d{3}${S}\\d{3}|\\d{2}${S}\\d{2}${S}\\d{2,3})`

const PHONE_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [re(`(?<![\\p{L}\\p{N}+]|\\d[:.])\\(?02\\d\\)?${S}${MOBILE_REST}(?!\\d)`), 'NZ mobile number'],
  [re(`(?<![\\p{L}\\p{N}+]|\\d[:.])\\(?0[34679]\\)?${S}${LANDLINE_REST}(?!\\d)`), 'NZ landline number'],
  [re(`(?<![\\p{L}\\p{N}+]|\\d[:.])0(?:800|508)${S}${FREEPHONE_REST}(?!\\d)`), '0800 or 0508 number'],
  [
    re(
      `(?<![\\p{L}\\p{N}])(?:\\+|00)${S}64${S}(?:\\(0\\)${S})?` +
        `(?:\\(?2\\d\\)?${S}${MOBILE_REST}|\\(?[34679]\\)?${S}${LANDLINE_REST}|(?:800|508)${S}${FREEPHONE_REST})(?!\\d)`,
    ),
    'NZ number in international form',
  ],
]

// "ph 499 1234": a seven-digit local number counts only after a word that says it is one.
const PHONE_CUE = re(
  `${B_BEFORE}(?:ph|phone|phoned|tel|mob|mobile|cell|cellphone|landline|text|txt|call|called|ring|rang|contact number|number)` +
    `(?:\\s+(?:her|him|them|me|us|on|is|at|back|was|no\\.?)){0,3}\\s*[:#.]?\\s*(\\d{3}[ .\\-]?\\d{4})(?![\\p{N}])`,
  'i',
)

function findPhones(text: string): Draft[] {
  const out: Draft[] = []
  for (const [pattern, reason] of PHONE_PATTERNS) {
    for (const m of matches(pattern, text)) {
      out.push({ kind: 'phone', start: m.index, end: m.index + m[0].length, reason })
    }
  }
  for (const m of matches(PHONE_CUE, text)) {
    const number = m[1] as string
    const start = m.index + m[0].length - number.length
    out.push({
      kind: 'phone',
      start,
      end: start + number.length,
      reason: 'seven-digit number after a phone word',
    })
  }
  return out
}

// ─── Email addresses ────────────────────────────────────────────────────────────────────────────

const EMAIL = re(
  `(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}${B_AFTER}`,
)
// "mere [at] gmail [dot] com", "mere at xtra dot co dot nz": written out to dodge a filter.
const EMAIL_SPELLED = re(
  `(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+\\s*(?:\\(at\\)|\\[at\\]|\\s+at\\s+)\\s*[\\p{L}\\p{N}-]+` +
    `(?:\\s*(?:\\(dot\\)|\\[dot\\]|\\s+dot\\s+)\\s*[\\p{L}\\p{N}-]+)+${B_AFTER}`,
  'i',
)

function findEmails(text: string): Draft[] {
  const out: Draft[] = []
  for (const m of matches(EMAIL, text)) {
    out.push({ kind: 'email', start: m.index, end: m.index + m[0].length, reason: 'email address' })
  }
  for (const m of matches(EMAIL_SPELLED, text)) {
    out.push({
      kind: 'email',
      start: m.index,
      end: m.index + m[0].length,
      reason: 'email address written out',
    })
  }
  return out
}

// ─── Street addresses ───────────────────────────────────────────────────────────────────────────
// A street number, optionally a flat or unit ("Flat 3/45", "Unit 2, 18", "3B", "12-14"), one to
// four capitalised words (te reo names with macrons, "Te Atatu", "St Heliers Bay"), then a street
// type: the usual NZ street types, in full and abbreviated ("Rd", "Cres", "Tce"), and the
// te reo ones (Tiriti, Rori, Huarahi, Ara). A street named without a number ("lives on Rata Road")
// is not flagged: in most places a street alone does not single out a household.

// prettier-ignore
const STREET_TYPES = [
  'Street', 'St', 'Road', 'Rd', 'Avenue', 'Ave', 'Drive', 'Dr', 'Crescent', 'Cres', 'Cr', 'Place', 'Pl',
  'Terrace', 'Tce', 'Lane', 'Ln', 'Way', 'Grove', 'Gr', 'Close', 'Cl', 'Court', 'Ct', 'Parade', 'Pde',
  'Highway', 'Hwy', 'Boulevard', 'Blvd', 'Quay', 'Rise', 'View', 'Heights', 'Hts', 'Mews', 'Square', 'Sq',
  'Esplanade', 'Esp', 'Loop', 'Glen', 'Green', 'Row', 'Walk', 'Wynd', 'Common', 'Crest', 'Ridge', 'Vale',
  'Promenade', 'Circle', 'Mall', 'Track', 'Tiriti', 'Rori', 'Huarahi', 'Ara',
] as const
/** Types written in lower case ("12 queen street") only count after "at", "on", "to" or "address". */
// prettier-ignore
const STRONG_STREET_TYPES = [
  'street', 'st', 'road', 'rd', 'avenue', 'ave', 'crescent', 'cres', 'terrace', 'tce', 'place', 'lane',
  'grove', 'highway', 'hwy', 'parade', 'court', 'close', 'drive',
] as const

const anyCase = (word: string) => `(?:${word}|${word.toLowerCase()}|${word.toUpperCase()})`
const TYPE = `(?:${STREET_TYPES.map(anyCase).join('|')})\\.?${B_AFTER}`
const STRONG_TYPE = `(?:${STRONG_STREET_TYPES.join('|')})\\.?${B_AFTER}`

const UNIT = `(?:(?:Flat|Unit|Apartment|Apt|Suite|Level)\\.?\\s*\\d{1,4}[A-Za-z]?\\s*(?:[/,]\\s*|\\s+))?(?:\\d{1,4}[A-Za-z]?\\s*/\\s*)?`
const STREET_NUMBER = `${UNIT}\\d{1,5}[A-Za-z]?(?:\\s*-\\s*\\d{1,5}[A-Za-z]?)?`
const NAME_WORD = `\\p{Lu}[\\p{L}\\p{M}'’\\-]*`
const PARTICLE = `(?:te|o|a|ki|de|la|du|of|the)`
const STREET_NAME = `${NAME_WORD}(?:\\s+(?:${PARTICLE}\\s+)?${NAME_WORD}){0,3}`

const ADDRESS = re(`${B_BEFORE}${STREET_NUMBER}\\s+${STREET_NAME}\\s+${TYPE}`)
// "12 Te Ara Hou", "5 Huarahi Tuarua": te reo street type first.
const ADDRESS_REO_FIRST = re(
  `${B_BEFORE}${STREET_NUMBER}\\s+(?:Te\\s+Ara|Ara|Huarahi|Tiriti)\\s+${STREET_NAME}`,
)
const ADDRESS_LOWER = re(
  `(?<=${B_BEFORE}(?:at|on|to|address(?:\\s+is)?:?|lives|living)\\s+)${STREET_NUMBER}\\s+(?:[\\p{L}\\p{M}'’\\-]+\\s+){1,3}${STRONG_TYPE}`,
  'i',
)
const PO_BOX = re(`${B_BEFORE}(?:P\\.?\\s?O\\.?\\s*Box|Private\\s+Bag)\\s*\\d{1,6}${B_AFTER}`, 'i')

function findAddresses(text: string): Draft[] {
  const out: Draft[] = []
  const add = (pattern: RegExp, reason: string) => {
    for (const m of matches(pattern, text)) {
      out.push({ kind: 'address', start: m.index, end: m.index + m[0].length, reason })
    }
  }
  add(ADDRESS, 'street number, street name and street type')
  add(ADDRESS_REO_FIRST, 'street number and te reo street name')
  add(ADDRESS_LOWER, 'street number, street name and street type')
  add(PO_BOX, 'postal address')
  return out
}

// ─── Dates that could be dates of birth ─────────────────────────────────────────────────────────

const MONTH_NUMBER = new Map<string, number>()
for (const [n, names] of MONTHS) for (const name of names) MONTH_NUMBER.set(foldName(name), n)
// Longest first, so "Sept" is not read as "Sep" + "t".
const MONTH = `(?:${[...MONTHS.flatMap(([, names]) => names)].sort((a, b) => b.length - a.length).join('|')})`

const DAY = '(?:[12]\\d|3[01]|0?[1-9])'
const ORDINAL = '(?:st|nd|rd|th)?'
const YEAR = "(?:\\d{4}|['’]?\\d{2})"

// Each date form, with the groups that give day, month and year (0 when the form has none).
interface DateForm {
  pattern: RegExp
  day: number
  month: number
  year: number
  monthIsName: boolean
}
const DATE_FORMS: readonly DateForm[] = [
  // 12/03/1985, 12-3-85, 12.03.1985 (day first, as New Zealand writes them)
  {
    pattern: re(
      `(?<![\\p{L}\\p{N}/.\\-:$])(\\d{1,2})([/.\\-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\p{L}\\p{N}]|[/\\-]\\d|\\.\\d)`,
    ),
    day: 1,
    month: 3,
    year: 4,
    monthIsName: false,
  },
  // 1985-03-12
  {
    pattern: re(`(?<![\\p{L}\\p{N}/.\\-])(\\d{4})-(\\d{1,2})-(\\d{1,2})(?![\\p{L}\\p{N}]|[/\\-]\\d)`),
    day: 3,
    month: 2,
    year: 1,
    monthIsName: false,
  },
  // 12 March 1985, 12th of March, 1985, 12 Mar '85
  {
    pattern: re(`${B_BEFORE}(${DAY})${ORDINAL}\\s+(?:of\\s+)?(${MONTH})\\.?,?\\s+(${YEAR})${B_AFTER}`, 'i'),
    day: 1,
    month: 2,
    year: 3,
    monthIsName: true,
  },
  // March 12, 1985
  {
    pattern: re(`${B_BEFORE}(${MONTH})\\.?\\s+(${DAY})${ORDINAL},?\\s+(${YEAR})${B_AFTER}`, 'i'),
    day: 2,
    month: 1,
    year: 3,
    monthIsName: true,
  },
]
// Forms with no year, or no day, or a year alone: a date of birth only after a birth word.
const PARTIAL_DATE = `(?:${DAY}${ORDINAL}\\s+(?:of\\s+)?${MONTH}|${MONTH}\\s+${DAY}${ORDINAL}|${MONTH},?\\s+${YEAR}|${DAY}[/.]\\d{1,2}|(?:in\\s+)?(?:19|20)\\d{2}|['’]\\d{2})`
const BIRTH_WORD =
  "(?:born(?:\\s+(?:on|in))?|b\\.|d\\.?\\s?o\\.?\\s?b\\.?|date\\s+of\\s+birth|birth\\s?date|(?<!(?:King|Queen)['’]s\\s)birthday|b['’]?day|rā\\s+whānau)"

const BIRTH_CUE = new RegExp(`${B_BEFORE}${BIRTH_WORD}${B_AFTER}`, 'iu')
/** A birth word, then within a few characters a date in any form (full dates are found anyway). */
const CUED_PARTIAL_DATE = re(
  `${B_BEFORE}${BIRTH_WORD}(?:\\s*(?:is|was|:|-|=))?\\s*(?:\\s+(?:on|in|the))?\\s*${PARTIAL_DATE}${B_AFTER}`,
  'i',
)
/** Words that say a dated thing is an event, not a birthday: the date then is not flagged. */
const EVENT_CUE = new RegExp(
  `${B_BEFORE}(?:appointments?|appt|booked|booking|meeting|hui|visit(?:ed)?|session|court|hearing|due|paid|payment|invoiced?|lease|review|follow(?:ed)?[ -]?up|referr(?:al|ed)|interview|scan|surgery|delivered|moved|start(?:s|ed)?|until|since|deadline|expir(?:es|y|ed)|closes|closing|from|ends?|ended)${B_AFTER}`,
  'iu',
)

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function plausibleDate(day: number, month: number, year: number | null): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  return day <= daysInMonth(year ?? 2000, month)
}

function readYear(raw: string): number {
  const digits = raw.replace(/['’]/g, '')
  // Two-digit years: a report date is this century, a birth year often last century; either way it
  // is a date, and only the day/month check uses the year.
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits)
}

function findBirthDates(text: string): Draft[] {
  const out: Draft[] = []
  for (const form of DATE_FORMS) {
    for (const m of matches(form.pattern, text)) {
      const rawMonth = m[form.month] as string
      const month = form.monthIsName ? (MONTH_NUMBER.get(foldName(rawMonth)) ?? 0) : Number(rawMonth)
      const day = Number(m[form.day])
      const year = readYear(m[form.year] as string)
      // 03/12/1985 read day first; 12/25/1985 only fits month first (a US-style date), still a date.
      const fits = plausibleDate(day, month, year) || (!form.monthIsName && plausibleDate(month, day, year))
      if (!fits) continue
      const start = m.index
      const end = start + m[0].length
      const { left, right } = sentenceAround(text, start, end, 40, 30)
      const birth = BIRTH_CUE.test(left) || BIRTH_CUE.test(right)
      // An event word close by says what the date is: "appointment on 14/03/2025", "14/03/2025 hui".
      const event = EVENT_CUE.test(left.slice(-30)) || EVENT_CUE.test(right.slice(0, 20))
      if (birth) out.push({ kind: 'birth-date', start, end, reason: 'date next to a birth word' })
      else if (!event) out.push({ kind: 'birth-date', start, end, reason: 'full date with a year' })
    }
  }
  for (const m of matches(CUED_PARTIAL_DATE, text)) {
    out.push({
      kind: 'birth-date',
      start: m.index,
      end: m.index + m[0].length,
      reason: 'date next to a birth word',
    })
  }
  return out
}

// ─── NHI, IRD and bank account numbers ──────────────────────────────────────────────────────────

const NHI = re(`${B_BEFORE}(?:[A-HJ-NP-Z]{3}\\d{4}|[A-HJ-NP-Z]{3}\\d{2}[A-HJ-NP-Z]{2})${B_AFTER}`, 'i')
/** After "NHI" an NHI-shaped code counts even with a wrong check character (a typo is still one). */
const NHI_CUED = re(
  `${B_BEFORE}NHI(?:\\s*(?:number|no\\.?|#))?\\s*(?:is|:|-)?\\s*([A-Z]{3}\\s?\\d{4}|[A-Z]{3}\\s?\\d{2}[A-Z]{2})${B_AFTER}`,
  'i',
)

function findNhis(text: string): Draft[] {
  const out: Draft[] = []
  for (const m of matches(NHI, text)) {
    if (isValidNhi(m[0])) {
      out.push({
        kind: 'nhi',
        start: m.index,
        end: m.index + m[0].length,
        reason: 'NHI number with a valid check character',
      })
    }
  }
  for (const m of matches(NHI_CUED, text)) {
    const code = m[1] as string
    const start = m.index + m[0].length - code.length
    const reason = isValidNhi(code.replace(/\s/g, ''))
      ? 'NHI number with a valid check character'
      : "NHI-shaped code after 'NHI'"
    out.push({ kind: 'nhi', start, end: start + code.length, reason, rank: 1 })
  }
  return out
}

const IRD = re(
  `(?<![\\p{L}\\p{N}\\-]|\\d[:.])(?:\\d{2,3}([ \\-])\\d{3}\\1\\d{3}|\\d{8,9})(?![\\p{L}\\p{N}]|-\\d)`,
)
/** After "IRD" or "tax number" any eight or nine digits count, check digit or not. */
const IRD_CUED = re(
  `${B_BEFORE}(?:IRD|IR(?=\\s+(?:number|no))|tax\\s+(?:file\\s+)?number|TFN)(?:\\s*(?:number|no\\.?|#))?\\s*(?:is|:|-)?\\s*(\\d{2,3}[ \\-]?\\d{3}[ \\-]?\\d{3})(?![\\p{L}\\p{N}])`,
  'i',
)

function findIrdNumbers(text: string): Draft[] {
  const out: Draft[] = []
  for (const m of matches(IRD, text)) {
    if (isValidIrdNumber(m[0])) {
      out.push({
        kind: 'ird',
        start: m.index,
        end: m.index + m[0].length,
        reason: 'IRD number with a valid check digit',
      })
    }
  }
  for (const m of matches(IRD_CUED, text)) {
    const number = m[1] as string
    const start = m.index + m[0].length - number.length
    const reason = isValidIrdNumber(number) ? 'IRD number with a valid check digit' : "number after 'IRD'"
    out.push({ kind: 'ird', start, end: start + number.length, reason, rank: 1 })
  }
  return out
}

// NZ bank account: bank 2 digits, branch 4, account 7, suffix 2 or 3 ("12-3140-0123456-00").
const BANK_ACCOUNT = re(`${B_BEFORE}\\d{2}([ \\-])\\d{4}\\1\\d{7}\\1\\d{2,3}${B_AFTER}`)

function findBankAccounts(text: string): Draft[] {
  return [...matches(BANK_ACCOUNT, text)].map((m) => ({
    kind: 'bank-account' as const,
    start: m.index,
    end: m.index + m[0].length,
    reason: 'NZ bank account number',
  }))
}

// ─── Names on record ────────────────────────────────────────────────────────────────────────────

/**
 * Words that are never matched as names: te reo particles and English function words that are
 * also parts of names ("Te Rangi", "Van Der Berg"), so "te reo" is not flagged for "Te Rangi".
 */
// prettier-ignore
const NAME_STOP_WORDS = new Set(
  [
    'te', 'ta', 'nga', 'o', 'a', 'ki', 'ma', 'me', 'na', 'no', 'i', 'e', 'he', 'the', 'of', 'and', 'van',
    'von', 'der', 'de', 'da', 'la', 'le', 'du', 'del', 'di', 'mc', 'mac', 'st', 'jr', 'sr', 'mr', 'mrs',
    'ms', 'miss', 'dr', 'whaea', 'matua', 'koro', 'nan', 'aunty', 'uncle',
  ].map(foldName),
)
/**
 * Names that are also everyday words, in te reo Māori or English ("aroha", "moana", "hope",
 * "young"). They count only when written with a capital letter, so "we showed aroha" is not
 * flagged for a person called Aroha, while "Aroha came in" is.
 */
// prettier-ignore
export const EVERYDAY_NAME_WORDS: ReadonlySet<string> = new Set(
  [
    'aroha', 'mere', 'ao', 'moana', 'rangi', 'ariki', 'huia', 'tui', 'kahu', 'mana', 'wai', 'hine', 'tama',
    'awa', 'kiri', 'ngaio', 'kauri', 'rata', 'rimu', 'kowhai', 'nikau', 'pounamu', 'manaaki', 'kaha', 'hope',
    'grace', 'faith', 'joy', 'rose', 'may', 'june', 'april', 'august', 'will', 'bill', 'mark', 'pat', 'rob',
    'sue', 'summer', 'hunter', 'king', 'young', 'white', 'black', 'brown', 'green', 'baker', 'cook', 'wood',
    'hill', 'love', 'star', 'sky', 'bay', 'dawn', 'ivy', 'holly', 'jade', 'ruby', 'pearl', 'amber', 'river',
    'storm', 'day', 'long', 'little', 'rich', 'hall', 'field', 'bell', 'wise', 'noble', 'page', 'price',
    'gold', 'sterling',
  ].map(foldName),
)

/** The words of the known names, folded, without stop words or single letters ("J."). */
function nameWords(knownNames: readonly string[]): Set<string> {
  const words = new Set<string>()
  for (const name of knownNames) {
    for (const part of name.split(/[\s\-‐–—(),.]+/)) {
      const w = foldName(part).replace(/^'+|'+$/g, '')
      if ([...w].length >= 2 && !NAME_STOP_WORDS.has(w)) words.add(w)
    }
  }
  return words
}

const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu

function findNames(text: string, knownNames: readonly string[]): Draft[] {
  const words = nameWords(knownNames)
  if (words.size === 0) return []
  const out: Draft[] = []
  for (const m of matches(WORD, text)) {
    let token = m[0]
    // "Aroha's" is Aroha: match the name, flag the name.
    const possessive = /['’]s$/i.exec(token)
    const bare = possessive ? token.slice(0, -2) : token
    for (const candidate of possessive ? [token, bare] : [token]) {
      const folded = foldName(candidate)
      if (!words.has(folded)) continue
      if (EVERYDAY_NAME_WORDS.has(folded) && !/^\p{Lu}/u.test(candidate)) continue
      token = candidate
      out.push({
        kind: 'name',
        start: m.index,
        end: m.index + token.length,
        reason: 'matches a name on record',
      })
      break
    }
  }
  // "Aroha Ngata" and "Aroha Te Whata" are one finding each, not two.
  const merged: Draft[] = []
  for (const d of out) {
    const last = merged[merged.length - 1]
    const gap = last ? text.slice(last.end, d.start) : ''
    const joined =
      /^[\s\-‐]+$/.test(gap) || (/^\s+(\p{L}+)\s+$/u.test(gap) && NAME_STOP_WORDS.has(foldName(gap.trim())))
    if (last && joined) last.end = d.end
    else merged.push({ ...d })
  }
  return merged
}

// ─── Putting it together ────────────────────────────────────────────────────────────────────────

function findAll(text: string, knownNames: readonly string[]): Draft[] {
  return [
    ...findEmails(text),
    ...findNhis(text),
    ...findBankAccounts(text),
    ...findPhones(text),
    ...findIrdNumbers(text),
    ...findBirthDates(text),
    ...findAddresses(text),
    ...findNames(text, knownNames),
  ]
}

/** When one finding lies inside another, the earlier kind here wins ("Smith" inside an email). */
const KIND_RANK: Record<PiiKind, number> = {
  email: 0,
  nhi: 1,
  'bank-account': 2,
  phone: 3,
  ird: 4,
  'birth-date': 5,
  address: 6,
  name: 7,
}

/**
 * Every piece of personal information found in `text`, in reading order. Findings of different
 * kinds may overlap; one lying wholly inside a stronger one (a name inside an email address, a
 * street name inside an address) is dropped.
 */
export function detectPii(text: string, context: PiiContext = {}): PiiFinding[] {
  const knownNames = context.knownNames ?? []
  const drafts = findAll(text, knownNames)
  // Issue 12, item 9: the same matchers again on the text normalised (normalise.ts: invisible
  // characters out, NFKC, spaced characters closed up, numbers and dates in words as digits), each
  // finding reported on the original text. Both readings count, so nothing found before is lost.
  const normalised = normaliseForPii(text)
  if (normalised.text !== text) {
    for (const d of findAll(normalised.text, knownNames)) {
      const span = originalSpan(normalised, d.start, d.end)
      drafts.push({
        ...d,
        ...span,
        reason: `${d.reason} (once spacing, invisible characters or words are read)`,
      })
    }
  }
  // Cued findings (rank 1) beat uncued ones of other kinds: "IRD 049 123 456" is not a landline.
  const order = (d: Draft) => (d.rank === 1 ? -1 : KIND_RANK[d.kind])
  drafts.sort((a, b) => order(a) - order(b) || b.end - b.start - (a.end - a.start) || a.start - b.start)
  const kept: Draft[] = []
  for (const d of drafts) {
    // Exactly the same text read two ways ("021 899 917": a mobile, or an IRD number with its
    // leading zero) keeps both readings; the connector sees both reasons.
    const inside = (k: Draft) =>
      k.start <= d.start && d.end <= k.end && !(k.start === d.start && k.end === d.end && k.kind !== d.kind)
    if (kept.some(inside)) continue
    kept.push(d)
  }
  kept.sort((a, b) => a.start - b.start || a.end - b.end)
  // Overlapping findings of one kind are one finding: "DOB: 12/03" and "12/03/1985" in "DOB: 12/03/1985".
  const merged: Draft[] = []
  for (const d of kept) {
    const same = merged.findLast((k) => k.kind === d.kind && d.start < k.end)
    if (same) same.end = Math.max(same.end, d.end)
    else merged.push({ ...d })
  }
  return merged.map(({ kind, start, end, reason }) => ({
    kind,
    start,
    end,
    match: text.slice(start, end),
    reason,
  }))
}

/**
 * Whether free text may go into the Ministry's export as written. Guidelines, "Protecting reporting
 * information": flagged text is held back until reworded, and the connector is told why:
 * "contains a phone number: 021 555 0199". The reasons quote the text back to its author; do not
 * log them.
 */
export function isExportable(text: string, context: PiiContext = {}): ExportCheck {
  const findings = detectPii(text, context)
  if (findings.length === 0) return { ok: true }
  const reasons = [...new Set(findings.map((f) => `contains ${PII_KIND_LABELS[f.kind]}: ${f.match}`))]
  return { ok: false, reasons }
}
