import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { detectPii } from './detect-pii'
import { normaliseForPii, originalSpan } from './normalise'

const norm = (text: string) => normaliseForPii(text).text

describe('normaliseForPii rewrites what a matcher would not read', () => {
  it.each<[string, string]>([
    // invisible characters
    ['Ar\u200Boha', 'Aroha'],
    ['Tā\u200C\u200Dmati', 'Tāmati'],
    ['Me\u2060re\uFEFF', 'Mere'],
    ['Nga\u00ADta', 'Ngata'],
    // NFKC and other digits
    ['０２１ ５５５ ０１９９', '021 555 0199'],
    ['𝐀𝐫𝐨𝐡𝐚 𝟎𝟐𝟏', 'Aroha 021'],
    ['ⓐⓡⓞⓗⓐ', 'aroha'],
    ['٠٢١ ٥٥٥', '021 555'],
    ['०२१ ५५५', '021 555'],
    ['๐๒๑', '021'],
    ['021\u00A0555\u20090199', '021 555 0199'],
    ['12−03–1985', '12-03-1985'],
    // spaced, dotted and dashed characters
    ['0 2 1 5 5 5 0 1 9 9', '0215550199'],
    ['0 2 1  5 5 5  0 1 9 9', '021 555 0199'],
    ['0.2.1.5.5.5', '021555'],
    ['0,2,1,5,5,5 and 0/2/1/5', '021555 and 0215'],
    ['A-r-o-h-a came', 'Aroha came'],
    ['T i p e n e   P a r a t a', 'Tipene Parata'],
    ['ki a W i r e m u', 'ki a Wiremu'],
    ['Z A C 5 3 6 1', 'ZAC5361'],
    ['Z B N 7 7 V L', 'ZBN77VL'],
    ['call a 0 2 1 5', 'call a 0215'],
    ['d.o.b. 12/03/1985', 'dob. 12/03/1985'],
    ['1 2 / 0 3 / 1 9 8 5', '12/03/1985'],
    ['0 2 1 - 5 5 5 - 0 1 9 9', '021-555-0199'],
    // emails written out
    ['a r o h a . n g a t a @ g m a i l . c o m', 'aroha.ngata@gmail.com'],
    ['priya at gmail.com', 'priya@gmail.com'],
    ['mere [at] xtra [dot] co [dot] nz', 'mere@xtra.co.nz'],
    ['TIPENE AT GMAIL DOT COM', 'TIPENE@GMAIL.COM'],
    // numbers in words, English and te reo
    ['oh two one, five five five, oh one nine nine', '021 555 0199'],
    ['zero two one triple five oh one double nine', '0215550199'],
    ['oh two one - five five five', '021-555'],
    ['kore rua tahi rima rima rima', '021555'],
    ['plus six four two one', '+6421'],
    ['oh eight hundred, six one one', '0800 611'],
    ['021 five five five 0199', '0215550199'],
    ['four nine oh nine one eight five oh', '49091850'],
    // years and dates in words
    ['born in nineteen eighty-four', 'born in 1984'],
    ['born the first of May, two thousand and five', 'born 1 May 2005'],
    ['born twenty oh nine', 'born 2009'],
    ['the sixth of May nineteen hundred and forty', '6 May 1940'],
    ['the twenty-ninth of February 1984', '29 February 1984'],
    ['February twenty ninth nineteen eighty four', '29 February 1984'],
    ['Feb the 29th, 1984', '29 Feb 1984'],
    ['twelve March eighty five', "12 March '85"],
    ['THE TWENTY-NINTH OF FEBRUARY 1984', '29 FEBRUARY 1984'],
    ['the fifth of Hereturikōkā 2019', '5 Hereturikōkā 2019'],
  ])('%j → %j', (text, expected) => {
    expect(norm(text)).toBe(expected)
  })

  it.each([
    'Two children came with Mum; rua tamariki, toru mokopuna.',
    'Approved $250 for 3 nights at 10:30.',
    'Version 1.2 of the form; scores 3-2; e.g. kai; 1/2 day; 12/03/2025 hui.',
    'Paid $5 a week; Plan B; section 8 a.',
    'Te reo Māori spoken at home.',
    'Met at the marae. Co-op shop closed at 9. Then home.',
    'Kaumātua aged eighty-four, needs a heater.',
    'Hui at ten o’clock.',
  ])('leaves %j as it is', (text) => {
    expect(norm(text)).toBe(text)
  })
})

describe('each normalised character knows where it came from', () => {
  it('maps a span back onto the original text', () => {
    const text = 'Call 0 2 1 5 5 5 0 1 9 9 now'
    const n = normaliseForPii(text)
    const at = n.text.indexOf('0215550199')
    const span = originalSpan(n, at, at + 10)
    expect(text.slice(span.start, span.end)).toBe('0 2 1 5 5 5 0 1 9 9')
  })

  it('keeps spans inside the original, in order, for any text', () => {
    const pieces = fc.constantFrom(
      'a',
      'Z',
      '5',
      ' ',
      '.',
      '-',
      '@',
      '/',
      '\u200B',
      '\u00AD',
      '\uFEFF',
      '０',
      '𝟓',
      '٣',
      'ﬁ',
      'ā',
      'a\u0304',
      ' two',
      ' oh',
      ' rua',
      ' twenty',
      '-ninth',
      ' of March',
      ' nineteen',
      ' at ',
      ' dot ',
      'com',
      ' the ',
      '\u00A0',
    )
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join('')
        const n = normaliseForPii(text)
        if (n.starts === null || n.ends === null) {
          expect(n.text).toBe(text)
        } else {
          expect(n.starts.length).toBe(n.text.length)
          expect(n.ends.length).toBe(n.text.length)
          for (let i = 0; i < n.text.length; i++) {
            const s = n.starts[i] as number
            const e = n.ends[i] as number
            expect(s).toBeGreaterThanOrEqual(0)
            expect(e).toBeGreaterThan(s)
            expect(e).toBeLessThanOrEqual(text.length)
            if (i > 0) expect(s).toBeGreaterThanOrEqual(n.starts[i - 1] as number)
          }
        }
        // Findings are reported on the text as written.
        for (const f of detectPii(text, { knownNames: ['Aroha Ngata'] })) {
          expect(text.slice(f.start, f.end)).toBe(f.match)
        }
      }),
      { numRuns: 500 },
    )
  })
})

describe('detectPii through the normalisation', () => {
  it('reports the finding on the text as written, invisible characters included', () => {
    const text = 'Aro\u200Bha is on ０２１ ５５５ ０１９９, born the twenty-ninth of February 1984.'
    const findings = detectPii(text, { knownNames: ['Aroha Ngata'] })
    expect(findings.map((f) => [f.kind, f.match])).toEqual([
      ['name', 'Aro\u200Bha'],
      ['phone', '０２１ ５５５ ０１９９'],
      ['birth-date', 'born the twenty-ninth of February 1984'],
    ])
  })

  it('keeps a name inside a written-out email inside it', () => {
    expect(detectPii('Email aroha.ngata @ gmail . com today', { knownNames: ['Aroha Ngata'] })).toEqual([
      expect.objectContaining({ kind: 'email', match: 'aroha.ngata @ gmail . com' }),
    ])
  })

  it('still finds what the plain text shows, with the reason it always had', () => {
    const [f] = detectPii('Call her on 021 555 0199 after school.')
    expect(f).toMatchObject({ kind: 'phone', match: '021 555 0199', reason: 'NZ mobile number' })
  })

  it('says when the finding needed the normalisation', () => {
    const [f] = detectPii('Call her on oh two one five five five oh one nine nine.')
    expect(f?.match).toBe('oh two one five five five oh one nine nine')
    expect(f?.reason).toMatch(/^NZ mobile number \(once/)
  })
})
