import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PII_KINDS, detectPii, foldName, isExportable, type PiiKind } from './detect-pii'
import { irdCheckDigit } from './ird'
import { nhiCheckCharacter } from './nhi'

const found = (text: string, knownNames?: string[]) =>
  detectPii(text, knownNames ? { knownNames } : {}).map((f) => [f.kind, f.match])

describe('detectPii finds each kind', () => {
  it.each<[PiiKind, string, string]>([
    // phone: mobiles, with and without spaces or dashes
    ['phone', 'Call her on 021 555 0199 after school.', '021 555 0199'],
    ['phone', 'Mobile 022-123-4567.', '022-123-4567'],
    ['phone', 'Text 0271234567 before 10:30.', '0271234567'],
    ['phone', 'New number 029 123 4567!', '029 123 4567'],
    ['phone', 'Use (021) 555 0199 please', '(021) 555 0199'],
    ['phone', 'Eight-digit mobile 021 1234 5678.', '021 1234 5678'],
    ['phone', 'Short 021 555 019 works too', '021 555 019'],
    ['phone', 'Dots: 021.555.0199', '021.555.0199'],
    // +64 and 0064
    ['phone', 'From overseas +64 21 555 0199', '+64 21 555 0199'],
    ['phone', 'Whānau in Sydney rang +64 (0)21 555 0199', '+64 (0)21 555 0199'],
    ['phone', 'Dial 0064 9 123 4567', '0064 9 123 4567'],
    ['phone', 'Landline +64 4 499 1234', '+64 4 499 1234'],
    ['phone', 'No gaps: +6421555019.', '+6421555019'],
    ['phone', 'Freephone +64 800 123 456', '+64 800 123 456'],
    // landlines
    ['phone', 'Home phone 09 123 4567', '09 123 4567'],
    ['phone', 'Work: (04) 499-1234', '(04) 499-1234'],
    ['phone', 'Nan is on 03-379 1234.', '03-379 1234'],
    ['phone', 'Ring 064991234 any time', '064991234'],
    ['phone', 'Office (07) 1234 567', '(07) 1234 567'],
    // 0800 and 0508
    ['phone', 'Healthline 0800 611 116', '0800 611 116'],
    ['phone', 'Call 0508 123 4567', '0508 123 4567'],
    ['phone', 'Free: 0800 12 34 56', '0800 12 34 56'],
    // seven digits after a phone word
    ['phone', 'ph 499 1234', '499 1234'],
    ['phone', 'Landline: 4991234', '4991234'],
    ['phone', 'Ring her on 499-1234', '499-1234'],
    // email
    ['email', 'Sent to aroha.ngata@gmail.com today', 'aroha.ngata@gmail.com'],
    ['email', 'Email: T.Parata+kids@xtra.co.nz.', 'T.Parata+kids@xtra.co.nz'],
    ['email', 'Email mere [at] xtra [dot] co [dot] nz', 'mere [at] xtra [dot] co [dot] nz'],
    ['email', 'mere at xtra dot co dot nz', 'mere at xtra dot co dot nz'],
    ['email', 'Reply to tāmati@whānau.nz', 'tāmati@whānau.nz'],
    // street addresses
    ['address', 'Lives at 12 Queen Street now', '12 Queen Street'],
    ['address', 'Flat 3/45 Rata Road, Ōtaki', 'Flat 3/45 Rata Road'],
    ['address', 'Moved to 3B Kowhai Cres.', '3B Kowhai Cres.'],
    ['address', 'Unit 2, 18 Te Atatu Rd is the new place', 'Unit 2, 18 Te Atatu Rd'],
    ['address', 'At 7/112 Great North Road', '7/112 Great North Road'],
    ['address', 'Parcel to 12-14 Pōhutukawa Ave', '12-14 Pōhutukawa Ave'],
    ['address', 'Kuia at 5 St Heliers Bay Rd', '5 St Heliers Bay Rd'],
    ['address', 'House at 220 Ngāti Ōtara Tce', '220 Ngāti Ōtara Tce'],
    ['address', 'Apartment 4, 9 Cuba St', 'Apartment 4, 9 Cuba St'],
    ['address', '5 Te Ara Hou, Porirua', '5 Te Ara Hou'],
    ['address', 'Whare at 14 Hinemoa Tiriti', '14 Hinemoa Tiriti'],
    ['address', 'staying at 10 queen st', '10 queen st'],
    ['address', 'ADDRESS: 12 QUEEN STREET', '12 QUEEN STREET'],
    ['address', 'Mail to PO Box 1234, Masterton', 'PO Box 1234'],
    ['address', 'Private Bag 39990', 'Private Bag 39990'],
    // dates that look like dates of birth
    ['birth-date', 'Koro 12/03/1985 needs a heater', '12/03/1985'],
    ['birth-date', 'Pēpi 12-3-85 needs nappies', '12-3-85'],
    ['birth-date', 'Her date 12.03.1985 was given', '12.03.1985'],
    ['birth-date', 'Eldest 12 March 1985.', '12 March 1985'],
    ['birth-date', 'Mum, 1st of May, 1990, asked for help', '1st of May, 1990'],
    ['birth-date', 'Mum, March 12, 1985, asked for help', 'March 12, 1985'],
    ['birth-date', "Tama 3 Mar '85 needs a coat", "3 Mar '85"],
    ['birth-date', 'Kuia 1942-07-04 needs a ride', '1942-07-04'],
    ['birth-date', 'He was born 1985 in Rotorua', 'born 1985'],
    ['birth-date', 'She was born in 1962.', 'born in 1962'],
    ['birth-date', 'DOB 12/3/85', 'DOB 12/3/85'],
    ['birth-date', 'D.O.B.: 4 July', 'D.O.B.: 4 July'],
    ['birth-date', 'date of birth 3 May 1990', 'date of birth 3 May 1990'],
    ['birth-date', 'birthday is 3 May so a cake', 'birthday is 3 May'],
    ['birth-date', 'born March 1985', 'born March 1985'],
    ['birth-date', 'Koro, b. 1941, kaumātua', 'b. 1941'],
    ['birth-date', 'Rā whānau 5 Hereturikōkā', 'Rā whānau 5 Hereturikōkā'],
    ['birth-date', 'Pēpi born 03/02/2025 has a GP appointment on Monday', 'born 03/02/2025'],
    ['birth-date', 'US style 12/25/1985 still a date', '12/25/1985'],
    // NHI numbers: valid check character, or any NHI shape after "NHI"
    ['nhi', 'GP letter quotes ZAC5361.', 'ZAC5361'],
    ['nhi', 'New format ZBN77VL on the script', 'ZBN77VL'],
    ['nhi', 'lower case zac5361 too', 'zac5361'],
    ['nhi', 'NHI ABC1234 (typo or not, it is an NHI)', 'ABC1234'],
    ['nhi', 'NHI number: ZAC 5361', 'ZAC 5361'],
    // IRD numbers: valid check digit, or any 8-9 digits after "IRD"
    ['ird', 'IRD 49-091-850 for WFF', '49-091-850'],
    ['ird', 'Tax form: 136410132', '136410132'],
    ['ird', 'Gave 049 091 850', '049 091 850'],
    ['ird', 'IRD number 123-456-789', '123-456-789'],
    ['ird', 'tax number is 12345678', '12345678'],
    // bank accounts
    ['bank-account', 'Paid into 12-3140-0123456-00', '12-3140-0123456-00'],
    ['bank-account', 'Acct 02 0100 0123456 001', '02 0100 0123456 001'],
  ])('%s in %j', (kind, text, match) => {
    expect(found(text)).toContainEqual([kind, match])
  })

  it.each<[string, string[], string]>([
    ['Aroha came in with the tamariki', ['Aroha Ngata'], 'Aroha'],
    ['Spoke with ngata whānau', ['Aroha Ngata'], 'ngata'],
    ['TAMATI was not home', ['Tāmati Parata'], 'TAMATI'],
    ['Tamati was not home', ['Tāmati Parata'], 'Tamati'],
    ['Tāmati was not home', ['Tamati Parata'], 'Tāmati'],
    ["Mere's pēpi is unwell", ['Mere Kereama'], 'Mere'],
    ['Aroha Ngata called', ['Aroha Ngata'], 'Aroha Ngata'],
    ['Jack Te Whata called', ['Jack Te Whata'], 'Jack Te Whata'],
    ['Whata whānau called', ['Jack Te Whata'], 'Whata'],
    ['Losa Fa’amausili rang', ["Losa Fa'amausili"], 'Losa Fa’amausili'],
    ['Rāwiri-Smith household', ['Hēmi Rāwiri-Smith'], 'Rāwiri-Smith'],
    ['Smith household', ['Hēmi Rāwiri-Smith'], 'Smith'],
    ['Spoke to the preferred name Hemi', ['Hēmi'], 'Hemi'],
    ['Hūhana came', ['Ana Walker', 'Hūhana Walker'], 'Hūhana'],
  ])('name in %j (on record: %j)', (text, names, match) => {
    expect(found(text, names)).toContainEqual(['name', match])
  })
})

describe('detectPii leaves alone', () => {
  it.each([
    'Approved $250 for the power bill; 3 children in the whare.',
    'Met in room 12 on level 3 at 10:30.',
    'The 2024 budget covers 120 whānau across Porirua.',
    'Hui next Monday at 1-2pm at the marae.',
    'Appointment on 14 March at the Rotorua clinic.',
    'Appointment 14/3 at 9am.',
    'Follow-up appointment booked for 14/03/2025.',
    'School term starts on 14/04/2025.',
    'Isolation ended 12/08/2022; whānau back at mahi.',
    "Office closed for King's Birthday on 2 June.",
    'Since March 2025 the whānau has been in emergency housing.',
    'Free call or text 1737 any time.',
    'Food voucher reference 482913 issued.',
    'Bus route 110 runs every 15 minutes.',
    'They live a 10 minute walk from Work and Income.',
    'A 2 hour drive to Whangārei Hospital.',
    'Lives in Te Atatu with 4 tamariki.',
    'Kaumātua aged 84, needs a heater and 2 blankets.',
    'About 30 km out of town on SH1.',
    'Case notes for the 2024/25 year, funding round 2.',
    'Form ABC1234 sent with the request (its check digit would be 5).',
    'Week 14 report: 32 referrals, 91% accepted within 12 hours.',
    'Called 3 times between 9am and 4pm, no answer.',
    'Phone bill of $180.50 paid; data top-up of $20 too.',
    '45% of the $5,000 fund is spent.',
    'The 0800 number is on the card.',
    'Rent of $1,250.00 per fortnight.',
    'Te reo Māori spoken at home; te ao Māori matters to the whānau.',
    'Version 1.2 of the form.',
    'Scores 3-2 at netball.',
  ])('%j', (text) => {
    expect(found(text, ['Aroha Ngata', 'Te Rangi Parata'])).toEqual([])
  })

  it.each<[string, string[]]>([
    ['The whānau showed real aroha during the kōrero.', ['Aroha Ngata']],
    ['Took the tamariki down to the moana.', ['Moana Wilson']],
    ['A young mum with a brown coat.', ['Ana Young', 'Mia Brown']],
    ['Te reo spoken; Te Whatu Ora referral made.', ['Te Rangi Parata']],
    ['Spoke to Whaea Jo at the food bank.', ['Aroha Ngata']],
    ['J. came with the kids.', ['J. Ngata']],
    ['A mere $50 was left.', ['Mere Kereama']],
  ])('%j with %j on record', (text, names) => {
    expect(found(text, names)).toEqual([])
  })
})

describe('how findings are reported', () => {
  it('gives offsets, the matched text and a reason, in reading order', () => {
    const text = 'Aroha (DOB 12/03/1985) is on 021 555 0199, aroha@gmail.com.'
    const findings = detectPii(text, { knownNames: ['Aroha Ngata'] })
    expect(findings.map((f) => [f.kind, f.match])).toEqual([
      ['name', 'Aroha'],
      ['birth-date', 'DOB 12/03/1985'],
      ['phone', '021 555 0199'],
      ['email', 'aroha@gmail.com'],
    ])
    for (const f of findings) {
      expect(text.slice(f.start, f.end)).toBe(f.match)
      expect(f.reason).not.toBe('')
    }
  })

  it('drops a finding inside a stronger one: a name in an email or an address', () => {
    expect(found('Email smith.whanau@xtra.co.nz', ['John Smith'])).toEqual([
      ['email', 'smith.whanau@xtra.co.nz'],
    ])
    expect(found('At 12 Ngata Street', ['Aroha Ngata'])).toEqual([['address', '12 Ngata Street']])
  })

  it('keeps both readings of the same digits: "021 899 917" is a mobile or an IRD number with its zero', () => {
    expect(found('Number 021 899 917')).toEqual([
      ['phone', '021 899 917'],
      ['ird', '021 899 917'],
    ])
  })

  it('says why: a check digit, a cue word, a shape', () => {
    const reasons = (t: string) => detectPii(t).map((f) => f.reason)
    expect(reasons('ZAC5361')).toEqual(['NHI number with a valid check character'])
    expect(reasons('NHI ABC1234')).toEqual(["NHI-shaped code after 'NHI'"])
    expect(reasons('IRD 123-456-789')).toEqual(["number after 'IRD'"])
    expect(reasons('49091850')).toEqual(['IRD number with a valid check digit'])
    expect(reasons('DOB 12/3/85')).toEqual(['date next to a birth word'])
    expect(reasons('Koro 12/3/1985 needs a ride')).toEqual(['full date with a year'])
  })

  it('finishes on long, repetitive input (no runaway backtracking; the test timeout is the guard)', () => {
    for (const text of [
      'a'.repeat(20_000),
      '1'.repeat(20_000),
      'a@'.repeat(10_000),
      '12 Queen Kowhai '.repeat(1_500),
    ]) {
      expect(detectPii(text, { knownNames: ['Aroha Ngata'] })).toEqual([])
    }
  })

  it('is empty for empty text and with no names on record', () => {
    expect(detectPii('')).toEqual([])
    expect(detectPii('Aroha came', { knownNames: [] })).toEqual([])
  })
})

describe('isExportable', () => {
  it('passes text with nothing personal in it', () => {
    expect(isExportable('Approved $250 for 3 children; hui at 10:30.')).toEqual({ ok: true })
  })

  it('blocks with a human reason for each finding', () => {
    expect(isExportable('Call 021 555 0199')).toEqual({
      ok: false,
      reasons: ['contains a phone number: 021 555 0199'],
    })
    const check = isExportable('Aroha, DOB 12/03/1985, 12 Queen Street, NHI ZAC5361, IRD 49-091-850', {
      knownNames: ['Aroha Ngata'],
    })
    expect(check).toEqual({
      ok: false,
      reasons: [
        'contains a name of the person or whānau on record: Aroha',
        'contains a date that could be a date of birth: DOB 12/03/1985',
        'contains a street address: 12 Queen Street',
        'contains an NHI number: ZAC5361',
        'contains an IRD number: 49-091-850',
      ],
    })
  })

  it('lists a repeated finding once', () => {
    expect(isExportable('021 555 0199 or 021 555 0199')).toEqual({
      ok: false,
      reasons: ['contains a phone number: 021 555 0199'],
    })
  })
})

// ─── Properties ─────────────────────────────────────────────────────────────────────────────────

const digit = fc.integer({ min: 0, max: 9 }).map(String)
const digitsOf = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''))
const sep = fc.constantFrom(' ', '-', '')

const mobile = fc
  .tuple(
    fc.constantFrom('021', '022', '027', '029', '020', '028'),
    digitsOf(3),
    sep,
    digitsOf(4),
    fc.boolean(),
  )
  .map(([p, a, s, b, intl]) => (intl ? `+64 ${p.slice(1)} ${a}${s}${b}` : `${p} ${a}${s}${b}`))
const landline = fc
  .tuple(fc.constantFrom('03', '04', '06', '07', '09'), digitsOf(3), sep, digitsOf(4), fc.boolean())
  .map(([p, a, s, b, paren]) => `${paren ? `(${p})` : p} ${a}${s}${b}`)
const freephone = fc
  .tuple(fc.constantFrom('0800', '0508'), digitsOf(3), digitsOf(3))
  .map(([p, a, b]) => `${p} ${a} ${b}`)

const NHI_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
const nhiLetter = fc.constantFrom(...NHI_LETTERS)
const validNhi = fc
  .tuple(nhiLetter, nhiLetter, nhiLetter, digit, digit, fc.oneof(digit, nhiLetter))
  .map((cs) => cs.join(''))
  .filter((six) => nhiCheckCharacter(six) !== null)
  .map((six) => six + nhiCheckCharacter(six))
const validIrd = fc
  .integer({ min: 1_000_000, max: 14_999_999 })
  .filter((b) => irdCheckDigit(String(b)) !== null)
  .map((b) => `${b}${irdCheckDigit(String(b))}`)
  .map((n) => n.padStart(9, '0'))
  .chain((n) => fc.constantFrom(`${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`, n.replace(/^0/, '')))

// Sentence parts that are never personal: words, small numbers, money, times.
const safeWord = fc.constantFrom(
  'whānau',
  'kai',
  'hui',
  'tamariki',
  'marae',
  'kōrero',
  'power',
  'bill',
  'rent',
  'the',
  'and',
  'for',
  // No month names: "1 March 1990" made of safe parts is a date.
  'Porirua',
  'Ōtaki',
  'Rotorua',
  'blankets',
  'room',
  'level',
  'children',
  'budget',
  'Monday',
  'appointment',
  'next',
  'week',
  'approved',
  'grant',
  'referral',
  'Work and Income',
  'te reo',
)
const safeNumber = fc.oneof(
  fc.integer({ min: 0, max: 999 }).map(String),
  fc.integer({ min: 1, max: 999 }).map((n) => `$${n}`),
  fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${h}:${String(m).padStart(2, '0')}`),
  fc.integer({ min: 1990, max: 2030 }).map((y) => `${y} budget`),
  fc.integer({ min: 1, max: 60 }).map((n) => `${n}%`),
)
// Each number is followed by a word: three bare numbers in a row ("100 258 258") are how an IRD
// number is written, not how a note reads.
const safeSentence = fc
  .array(fc.tuple(safeWord, fc.option(safeNumber, { nil: '' })), { minLength: 1, maxLength: 10 })
  .map((parts) => `${parts.map(([w, n]) => (n ? `${n} ${w}` : w)).join(' ')}.`)

const inSentence = (pii: fc.Arbitrary<string>) =>
  fc.tuple(safeSentence, pii, safeSentence).map(([a, p, b]) => ({ text: `${a} ${p}, ${b}`, pii: p }))

describe('properties', () => {
  it('sentences of words, small numbers, money, times and years hold nothing personal', () => {
    fc.assert(
      fc.property(safeSentence, (text) => {
        expect(detectPii(text, { knownNames: ['Aroha Ngata'] })).toEqual([])
      }),
      { numRuns: 500 },
    )
  })

  it.each<[PiiKind, fc.Arbitrary<string>]>([
    ['phone', mobile],
    ['phone', landline],
    ['phone', freephone],
    ['nhi', validNhi],
    ['ird', validIrd],
  ])('finds any generated %s anywhere in a sentence', (kind, arb) => {
    fc.assert(
      fc.property(inSentence(arb), ({ text, pii }) => {
        const findings = detectPii(text)
        expect(findings.some((f) => f.kind === kind && f.match === pii)).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  it('finds a name on record whatever its case or macrons', () => {
    const name = fc.constantFrom(
      'Tāmati',
      'Hēmi',
      'Ngārangi',
      'Kahurangi',
      'Pōmare',
      'Horomona',
      'Sione',
      'Priya',
    )
    const written = fc
      .tuple(name, fc.constantFrom('as is', 'upper', 'lower', 'plain'))
      .map(([n, how]) =>
        how === 'upper'
          ? n.toUpperCase()
          : how === 'lower'
            ? n.toLowerCase()
            : how === 'plain'
              ? foldName(n).replace(/^./, (c) => c.toUpperCase())
              : n,
      )
    fc.assert(
      fc.property(name, written, safeSentence, (onRecord, asWritten, rest) => {
        fc.pre(foldName(onRecord) === foldName(asWritten))
        const text = `${asWritten} came in. ${rest}`
        expect(detectPii(text, { knownNames: [`${onRecord} Ngata`] })).toContainEqual(
          expect.objectContaining({ kind: 'name', match: asWritten }),
        )
      }),
      { numRuns: 200 },
    )
  })

  it('on any text: offsets match the text, findings are in order, kinds are known', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }),
        (text, names) => {
          const findings = detectPii(text, { knownNames: names })
          let last = -1
          for (const f of findings) {
            expect(PII_KINDS).toContain(f.kind)
            expect(f.start).toBeGreaterThanOrEqual(0)
            expect(f.end).toBeGreaterThan(f.start)
            expect(f.end).toBeLessThanOrEqual(text.length)
            expect(text.slice(f.start, f.end)).toBe(f.match)
            expect(f.start).toBeGreaterThanOrEqual(last)
            last = f.start
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('isExportable is ok exactly when nothing is found', () => {
    const text = fc.oneof(
      safeSentence,
      inSentence(fc.oneof(mobile, validNhi, validIrd)).map((s) => s.text),
    )
    fc.assert(
      fc.property(text, (t) => {
        expect(isExportable(t).ok).toBe(detectPii(t).length === 0)
      }),
      { numRuns: 200 },
    )
  })
})
