// A generated corpus for the PII detector (issue 5: "test the detector on a corpus you generate,
// hundreds of sentences with and without PII"). Sentences are the kind a connector writes in an
// interaction note, built from templates, New Zealand place names, te reo Māori words and numbers
// that are not personal information ("$250", "3 children", "room 12", "10:30"). Each sentence
// carries the spans a careful human would mark, so the tests can require zero misses and the bench
// (bench/pii/run.ts) can print precision and recall. Deterministic: the same seed gives the same
// corpus. Used by tests and the bench only; not exported from the package.
import { EVERYDAY_NAME_WORDS, foldName, type PiiKind } from './detect-pii'
import { irdCheckDigit } from './ird'
import { nhiCheckCharacter } from './nhi'

export interface LabelledSpan {
  kind: PiiKind
  start: number
  end: number
}

export interface CorpusSentence {
  text: string
  knownNames: string[]
  expected: LabelledSpan[]
  /** The template it came from, to find a failing one quickly. */
  template: string
}

// ─── Random choices ─────────────────────────────────────────────────────────────────────────────

/** mulberry32: small, fast and good enough to vary test sentences. */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

type Rand = ReturnType<typeof prng>
const int = (r: Rand, min: number, max: number) => min + Math.floor(r() * (max - min + 1))
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T
const digits = (r: Rand, n: number) => Array.from({ length: n }, () => int(r, 0, 9)).join('')

// ─── Vocabulary ─────────────────────────────────────────────────────────────────────────────────

// prettier-ignore
const GIVEN = [
  'Tāmati', 'Mere', 'Hēmi', 'Wiremu', 'Rāwiri', 'Kahurangi', 'Mikaere', 'Anahera', 'Ngārangi', 'Tipene',
  'Sione', 'Losa', 'Malia', 'Tevita', 'Priya', 'Wei', 'Jack', 'Olivia', 'Charlotte', 'Liam', 'Mia', 'Isla',
  'Aroha', 'Moana', 'Hūhana', 'Te Ao', 'Pita', 'Ana', 'Fetu', 'Anjali',
] as const
// prettier-ignore
const FAMILY = [
  'Ngata', 'Parata', 'Walker', 'Horomona', 'Tautahi', "Fa'amausili", 'Taufa', 'Singh', 'Chen', 'Wilson',
  'Thompson', 'Kereama', 'Pōmare', 'Rāwiri-Smith', 'Te Whata', 'Tuhiwai', 'Mahuika', 'Nguyen', 'Patel',
  'Brown',
] as const
/** People who are not on record (staff, other agencies): their names are not flagged. */
// prettier-ignore
const OTHERS = [
  'Whaea Jo', 'Kevin from the food bank', 'Dr Lim', 'Sina at Work and Income', 'Matua Rob',
]
// prettier-ignore
const PLACES = [
  'Ōtautahi', 'Kirikiriroa', 'Porirua', 'Whangārei', 'Rotorua', 'Te Awamutu', 'Ōtaki', 'Kaikōura',
  'Tauranga', 'Whanganui', 'Gisborne', 'Invercargill', 'Masterton', 'Te Kūiti', 'Ngāruawāhia', 'Pōneke',
  'Manurewa', 'Ōtara', 'Flaxmere', 'Kaitāia',
] as const
// prettier-ignore
const REO = [
  'kai', 'mahi', 'hui', 'kōrero', 'manaakitanga', 'kaupapa', 'tautoko', 'whanaungatanga', 'mātauranga',
  'hauora', 'rongoā', 'tikanga',
] as const
// prettier-ignore
const WEEKDAYS = [
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
] as const
// prettier-ignore
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December',
] as const
// prettier-ignore
const MONTHS_SHORT = [
  'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec',
] as const
// prettier-ignore
const STREETS = [
  'Queen', 'Victoria', 'Rata', 'Kowhai', 'Pōhutukawa', 'Te Atatu', 'Tainui', 'Rimu', 'Mānuka', 'Karaka',
  'Tōtara', 'Hinemoa', 'Ranui', 'Kauri', 'St Heliers Bay', 'Great North', 'Te Rapa', 'Whakatū', 'Cuba',
  'Manchester',
] as const
// prettier-ignore
const STREET_TYPES = [
  'Street', 'St', 'Road', 'Rd', 'Avenue', 'Ave', 'Crescent', 'Cres', 'Place', 'Pl', 'Terrace', 'Tce',
  'Drive', 'Lane', 'Grove', 'Close', 'Way', 'Parade', 'Rise',
] as const
// prettier-ignore
const EMAIL_DOMAINS = [
  'gmail.com', 'xtra.co.nz', 'outlook.com', 'hotmail.co.nz', 'yahoo.co.nz', 'orcon.net.nz', 'icloud.com',
]

const pad2 = (n: number) => String(n).padStart(2, '0')
const ordinal = (d: number) =>
  d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'
const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '')

// ─── Generators for each kind of personal information ───────────────────────────────────────────

/** A piece of generated text: only `pii` is personal information; `before`/`after` are cue words. */
interface Piece {
  before?: string
  pii: string
  after?: string
}

function phone(r: Rand): Piece {
  const sub7 = () => digits(r, 7)
  const n = sub7()
  const [a, b] = [n.slice(0, 3), n.slice(3)]
  const mobile = pick(r, ['021', '022', '027', '029', '020', '028'])
  const area = pick(r, ['03', '04', '06', '07', '09'])
  switch (int(r, 0, 13)) {
    case 0:
      return { pii: `${mobile} ${a} ${b}` }
    case 1:
      return { pii: `${mobile}-${a}-${b}` }
    case 2:
      return { pii: `${mobile}${a}${b}` }
    case 3:
      return { pii: `(${mobile}) ${a} ${b}` }
    case 4:
      return { pii: `021 ${digits(r, 4)} ${digits(r, 4)}` }
    case 5:
      return { pii: `${area} ${a} ${b}` }
    case 6:
      return { pii: `(${area}) ${a}-${b}` }
    case 7:
      return { pii: `${area}${a}${b}` }
    case 8:
      return { pii: `${pick(r, ['0800', '0508'])} ${digits(r, 3)} ${digits(r, pick(r, [3, 4]))}` }
    case 9:
      return { pii: `+64 ${mobile.slice(1)} ${a} ${b}` }
    case 10:
      return { pii: `0064 ${area.slice(1)} ${a} ${b}` }
    case 11:
      return { pii: `+64 (0)${mobile.slice(1)} ${a} ${b}` }
    case 12:
      return { pii: `+64${mobile.slice(1)}${a}${b}` }
    default:
      return { before: `${pick(r, ['ph', 'phone', 'landline', 'tel'])} `, pii: `${a} ${b}` }
  }
}

function email(r: Rand, given: string, family: string): Piece {
  const g = plain(given)
    .toLowerCase()
    .replace(/[^a-z]/g, '')
  const f = plain(family)
    .toLowerCase()
    .replace(/[^a-z]/g, '')
  const domain = pick(r, EMAIL_DOMAINS)
  switch (int(r, 0, 4)) {
    case 0:
      return { pii: `${g}.${f}@${domain}` }
    case 1:
      return { pii: `${g}${int(r, 1, 99)}@${domain}` }
    case 2:
      return { pii: `${f}.whanau@${domain}` }
    case 3:
      return { pii: `${g[0]}${f}@${domain}`.replace(/^(.)/, (c) => c.toUpperCase()) }
    default:
      return { pii: `${g} [at] ${domain.replace(/\./g, ' [dot] ')}` }
  }
}

function address(r: Rand): Piece {
  const street = `${pick(r, STREETS)} ${pick(r, STREET_TYPES)}`
  const n = int(r, 1, 420)
  switch (int(r, 0, 7)) {
    case 0:
      return { pii: `${n} ${street}` }
    case 1:
      return { pii: `Flat ${int(r, 1, 9)}/${n} ${street}` }
    case 2:
      return { pii: `${int(r, 1, 12)}/${n} ${street}` }
    case 3:
      return { pii: `Unit ${int(r, 1, 20)}, ${n} ${street}` }
    case 4:
      return { pii: `${n}${pick(r, ['A', 'B', 'C', 'a'])} ${street}` }
    case 5:
      return { pii: `${n}-${n + 2} ${street}` }
    // lower case: templates put "to" or "at" before an address, which the detector needs then
    case 6:
      return {
        pii: `${n} ${pick(r, ['queen', 'kowhai', 'rata'])} ${pick(r, ['street', 'st', 'road', 'rd'])}`,
      }
    default:
      return { pii: `PO Box ${int(r, 10, 99_999)}` }
  }
}

function dateOfBirth(r: Rand): Piece {
  const y = int(r, 1932, 2024)
  const m = int(r, 1, 12)
  const d = int(r, 1, 28)
  const yy = pad2(y % 100)
  const month = MONTHS[m - 1] as string
  switch (int(r, 0, 15)) {
    case 0:
      return { pii: `${pad2(d)}/${pad2(m)}/${y}` }
    case 1:
      return { pii: `${d}-${m}-${yy}` }
    case 2:
      return { pii: `${pad2(d)}.${pad2(m)}.${y}` }
    case 3:
      return { pii: `${y}-${pad2(m)}-${pad2(d)}` }
    case 4:
      return { pii: `${d} ${month} ${y}` }
    case 5:
      return { pii: `${d}${ordinal(d)} of ${month} ${y}` }
    case 6:
      return { pii: `${month} ${d}, ${y}` }
    case 7:
      return { pii: `${d} ${MONTHS_SHORT[m - 1]} '${yy}` }
    case 8:
      return { pii: `born ${y}` }
    case 9:
      return { pii: `born in ${y}` }
    case 10:
      return { pii: `DOB ${d}/${m}/${yy}` }
    case 11:
      return { pii: `DOB: ${d} ${month}` }
    case 12:
      return { pii: `date of birth ${d} ${month} ${y}` }
    case 13:
      return { pii: `born ${month} ${y}` }
    case 14:
      return { pii: `b. ${y}` }
    default:
      return { pii: `d.o.b. ${pad2(d)}/${pad2(m)}/${y}` }
  }
}

const NHI_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
const letters = (r: Rand, n: number) => Array.from({ length: n }, () => pick(r, [...NHI_LETTERS])).join('')

export function randomNhi(r: Rand, format: 'old' | 'new'): string {
  for (;;) {
    const six =
      format === 'old' ? `${letters(r, 3)}${digits(r, 3)}` : `${letters(r, 3)}${digits(r, 2)}${letters(r, 1)}`
    const check = nhiCheckCharacter(six)
    if (check !== null) return six + check
  }
}

/** An NHI-shaped code whose check character is wrong: a form or product code, not an NHI. */
function notAnNhi(r: Rand): string {
  for (;;) {
    const six = `${letters(r, 3)}${digits(r, 3)}`
    const check = nhiCheckCharacter(six)
    const wrong = String(int(r, 0, 9))
    if (check !== wrong) return six + wrong
  }
}

function nhi(r: Rand): Piece {
  const code = randomNhi(r, r() < 0.5 ? 'old' : 'new')
  switch (int(r, 0, 3)) {
    case 0:
      return { before: 'NHI ', pii: code }
    case 1:
      return { before: 'NHI: ', pii: code.toLowerCase() }
    case 2:
      return { before: 'NHI number ', pii: `${code.slice(0, 3)} ${code.slice(3)}` }
    default:
      return { pii: code }
  }
}

export function randomIrd(r: Rand): string {
  for (;;) {
    const n = int(r, 10_000_000, 150_000_000)
    const base = String(Math.floor(n / 10))
    const check = irdCheckDigit(base)
    if (check !== null) return `${base}${check}`
  }
}

function ird(r: Rand): Piece {
  const n = randomIrd(r)
  const padded = n.padStart(9, '0')
  const grouped = (sep: string) => `${padded.slice(0, 3)}${sep}${padded.slice(3, 6)}${sep}${padded.slice(6)}`
  switch (int(r, 0, 4)) {
    case 0:
      return { pii: grouped('-') }
    case 1:
      return { pii: n.length === 8 ? `${n.slice(0, 2)}-${n.slice(2, 5)}-${n.slice(5)}` : grouped('-') }
    case 2:
      return { pii: grouped(' ') }
    case 3:
      return { before: 'IRD number ', pii: n }
    default:
      return { pii: n }
  }
}

function bankAccount(r: Rand): Piece {
  return {
    pii: `${pick(r, ['01', '02', '03', '06', '12', '38'])}-${digits(r, 4)}-${digits(r, 7)}-${pad2(int(r, 0, 99))}`,
  }
}

// ─── Non-personal numbers and dates ─────────────────────────────────────────────────────────────

const money = (r: Rand) =>
  pick(r, [`$${int(r, 20, 900)}`, `$${int(r, 1, 4)},${int(r, 100, 999)}.00`, `$${int(r, 10, 99)}.50`])
const count = (r: Rand) => String(int(r, 2, 9))
const time = (r: Rand) =>
  pick(r, [
    `${int(r, 8, 16)}:${pick(r, ['00', '15', '30', '45'])}`,
    `${int(r, 9, 11)}am`,
    `${int(r, 1, 4)}pm`,
    `${int(r, 1, 3)}-${int(r, 4, 5)}pm`,
  ])
const dayMonth = (r: Rand) =>
  pick(r, [`${int(r, 1, 28)} ${pick(r, MONTHS)}`, `${int(r, 1, 28)}/${int(r, 1, 12)}`])
const eventDate = (r: Rand) =>
  pick(r, [
    `${pad2(int(r, 1, 28))}/${pad2(int(r, 1, 12))}/${int(r, 2024, 2027)}`,
    `${int(r, 1, 28)} ${pick(r, MONTHS)} ${int(r, 2024, 2027)}`,
  ])

// ─── Templates ──────────────────────────────────────────────────────────────────────────────────

interface Person {
  given: string
  family: string
  /** Given name of a whānau member on record (same family name). */
  whanauGiven: string
}

function person(r: Rand): Person {
  const family = pick(r, FAMILY)
  const given = pick(r, GIVEN)
  let whanauGiven = pick(r, GIVEN)
  while (whanauGiven === given) whanauGiven = pick(r, GIVEN)
  return { given, family, whanauGiven }
}

/** A name as a connector might write it: any case, macrons dropped. */
function nameAsWritten(r: Rand, p: Person): string {
  const name = pick(r, [p.given, p.family, `${p.given} ${p.family}`, p.whanauGiven])
  // Names that are everyday words count only with a capital letter (detect-pii.ts).
  const everyday = name.split(/[\s-]+/).some((w) => EVERYDAY_NAME_WORDS.has(foldName(w)))
  switch (int(r, 0, 4)) {
    case 0:
      return plain(name)
    case 1:
      return everyday ? name : name.toLowerCase()
    case 2:
      return name.toUpperCase()
    default:
      return name
  }
}

type Template = { id: string; pii: boolean; parts: (r: Rand, p: Person) => (string | [PiiKind, Piece])[] }

const P = (kind: PiiKind, piece: Piece): [PiiKind, Piece] => [kind, piece]
const N = (kind: 'name', text: string): [PiiKind, Piece] => [kind, { pii: text }]

const TEMPLATES: readonly Template[] = [
  // ── with personal information ──
  {
    id: 'phone-ring',
    pii: true,
    parts: (r) => [
      'Rang the whānau on ',
      P('phone', phone(r)),
      ` to check the ${pick(r, REO)} parcel arrived.`,
    ],
  },
  {
    id: 'phone-after',
    pii: true,
    parts: (r) => ['Best number is ', P('phone', phone(r)), `, after ${time(r)} on weekdays.`],
  },
  {
    id: 'phone-text',
    pii: true,
    parts: (r) => [
      `Mum asked us to text `,
      P('phone', phone(r)),
      ` before the ${pick(r, REO)} on ${pick(r, WEEKDAYS)}.`,
    ],
  },
  {
    id: 'email-sent',
    pii: true,
    parts: (r, p) => [
      `Sent the ${pick(r, REO)} pack details to `,
      P('email', email(r, p.given, p.family)),
      '.',
    ],
  },
  {
    id: 'email-contact',
    pii: true,
    parts: (r, p) => ['Contact email for the whānau: ', P('email', email(r, p.given, p.family))],
  },
  {
    id: 'address-drop',
    pii: true,
    parts: (r) => [`Dropped ${count(r)} blankets to `, P('address', address(r)), `, ${pick(r, PLACES)}.`],
  },
  {
    id: 'address-moved',
    pii: true,
    parts: (r) => ['The whānau moved to ', P('address', address(r)), ` last ${pick(r, WEEKDAYS)}.`],
  },
  {
    id: 'address-kuia',
    pii: true,
    parts: (r) => ['Kuia is staying at ', P('address', address(r)), ` with ${count(r)} mokopuna.`],
  },
  {
    id: 'dob-koro',
    pii: true,
    parts: (r) => [
      'Koro (',
      P('birth-date', dateOfBirth(r)),
      `) needs a ride to the marae in ${pick(r, PLACES)}.`,
    ],
  },
  {
    id: 'dob-pepi',
    pii: true,
    parts: (r) => [
      'Pēpi ',
      P('birth-date', dateOfBirth(r)),
      `, needs bedding and ${count(r)} packs of nappies.`,
    ],
  },
  {
    id: 'dob-plain',
    pii: true,
    parts: (r) => [`Tamariki: ${count(r)}; eldest `, P('birth-date', dateOfBirth(r)), '.'],
  },
  {
    id: 'dob-birthday',
    pii: true,
    parts: (r) => [
      'Her ',
      P('birth-date', { pii: `birthday is ${int(r, 1, 28)} ${pick(r, MONTHS)}` }),
      ', so the whānau asked about a cake.',
    ],
  },
  {
    id: 'nhi-gp',
    pii: true,
    parts: (r) => ['GP referral quotes ', P('nhi', nhi(r)), ' for the prescription.'],
  },
  {
    id: 'nhi-noted',
    pii: true,
    parts: (r) => ['Noted ', P('nhi', nhi(r)), ` before the ${pick(r, PLACES)} Hospital visit.`],
  },
  {
    id: 'ird-wff',
    pii: true,
    parts: (r) => ['Gave ', P('ird', ird(r)), ' for the Working for Families check.'],
  },
  { id: 'ird-form', pii: true, parts: (r) => ['Tax form filled in: ', P('ird', ird(r)), '.'] },
  {
    id: 'bank',
    pii: true,
    parts: (r) => [`Paid ${money(r)} into `, P('bank-account', bankAccount(r)), ' for the power bill.'],
  },
  {
    id: 'name-came',
    pii: true,
    parts: (r, p) => [N('name', nameAsWritten(r, p)), ` came in with ${count(r)} tamariki.`],
  },
  {
    id: 'name-talked',
    pii: true,
    parts: (r, p) => [
      'Talked with ',
      N('name', nameAsWritten(r, p)),
      ` about the ${pick(r, ['power bill', 'rent arrears', 'school uniforms'])}.`,
    ],
  },
  {
    id: 'name-possessive',
    pii: true,
    parts: (r, p) => [
      N('name', `${p.given}`),
      `'s ${pick(r, ['koro', 'pēpi', 'landlord'])} called about ${pick(r, REO)}.`,
    ],
  },
  {
    id: 'two-kinds',
    pii: true,
    parts: (r, p) => [
      'Call ',
      N('name', `${p.given} ${p.family}`),
      ' on ',
      P('phone', phone(r)),
      ' or email ',
      P('email', email(r, p.given, p.family)),
      '.',
    ],
  },
  {
    id: 'mum-dob',
    pii: true,
    parts: (r, p) => [
      'Mum (',
      N('name', p.given),
      ', ',
      P('birth-date', dateOfBirth(r)),
      `) asked about ${pick(r, ['school uniforms', 'blankets', 'a food grant'])}.`,
    ],
  },
  {
    id: 'born-appointment',
    pii: true,
    parts: (r) => [
      'Pēpi ',
      P('birth-date', { pii: `born ${pad2(int(r, 1, 28))}/${pad2(int(r, 1, 12))}/${int(r, 2020, 2025)}` }),
      ` has a GP appointment on ${pick(r, WEEKDAYS)}.`,
    ],
  },
  {
    id: 'delivered-at',
    pii: true,
    parts: (r, p) => [
      'Delivered a kai parcel to ',
      N('name', p.family),
      ' whānau at ',
      P('address', address(r)),
      '.',
    ],
  },
  // ── without personal information ──
  {
    id: 'money',
    pii: false,
    parts: (r) => [`Approved ${money(r)} for the power bill; ${count(r)} children in the whare.`],
  },
  { id: 'hui', pii: false, parts: (r) => [`Hui at the marae at ${time(r)} next ${pick(r, WEEKDAYS)}.`] },
  {
    id: 'appointment',
    pii: false,
    parts: (r) => [`Appointment on ${dayMonth(r)} at ${time(r)} at the ${pick(r, PLACES)} clinic.`],
  },
  { id: 'appointment-year', pii: false, parts: (r) => [`Follow-up appointment booked for ${eventDate(r)}.`] },
  {
    id: 'budget',
    pii: false,
    parts: (r) => [`The 2024 budget covers ${int(r, 20, 400)} whānau across ${pick(r, PLACES)}.`],
  },
  {
    id: 'room',
    pii: false,
    parts: (r) => [`Met in room ${int(r, 1, 40)} on level ${int(r, 1, 9)} of the ${pick(r, PLACES)} hub.`],
  },
  {
    id: 'kai',
    pii: false,
    parts: (r) => [`Kai parcel for ${count(r)} people; referred to the ${pick(r, PLACES)} food bank.`],
  },
  {
    id: 'aroha',
    pii: false,
    parts: (r) => [`The whānau showed real aroha and ${pick(r, REO)} during the kōrero.`],
  },
  { id: 'moana', pii: false, parts: () => ['Took the tamariki down to the moana for the afternoon.'] },
  {
    id: 'walk',
    pii: false,
    parts: (r) => [
      `They live a ${int(r, 5, 25)} minute walk from the ${pick(r, PLACES)} Work and Income office.`,
    ],
  },
  {
    id: 'drive',
    pii: false,
    parts: (r) => [`A ${int(r, 1, 3)} hour drive to ${pick(r, PLACES)} Hospital for the scan.`],
  },
  {
    id: 'bus',
    pii: false,
    parts: (r) => [`Bus route ${int(r, 1, 300)} runs every ${int(r, 10, 30)} minutes.`],
  },
  {
    id: 'rent',
    pii: false,
    parts: (r) => [`Rent arrears of ${money(r)} cleared; next review in ${int(r, 2, 8)} weeks.`],
  },
  {
    id: '1737',
    pii: false,
    parts: () => ['Free call or text 1737 any time to talk to a trained counsellor.'],
  },
  {
    id: 'kings-birthday',
    pii: false,
    parts: (r) => [`Office closed for King's Birthday on ${int(r, 1, 7)} June and for Matariki.`],
  },
  // Eight-digit receipt numbers: about one in eleven passes the IRD check by chance (a known false positive).
  {
    id: 'receipt',
    pii: false,
    parts: (r) => [`Pharmacy receipt ${int(r, 10_000_000, 99_999_999)} kept on file.`],
  },
  {
    id: 'reference',
    pii: false,
    parts: (r) => [`Food voucher reference ${int(r, 100_000, 999_999)} issued at ${time(r)}.`],
  },
  {
    id: 'week-report',
    pii: false,
    parts: (r) => [
      `Week ${int(r, 1, 52)} report: ${int(r, 3, 60)} referrals, ${int(r, 50, 100)}% accepted within 12 hours.`,
    ],
  },
  { id: 'others', pii: false, parts: (r) => [`Spoke to ${pick(r, OTHERS)} about ${pick(r, REO)} support.`] },
  {
    id: 'reo',
    pii: false,
    parts: (r) => [`Whānau from ${pick(r, PLACES)} were supported with ${pick(r, REO)} and ${pick(r, REO)}.`],
  },
  {
    id: 'term',
    pii: false,
    parts: (r) => [`School term starts on ${eventDate(r)}; activity packs ordered for ${count(r)} tamariki.`],
  },
  {
    id: 'year-range',
    pii: false,
    parts: () => ['Case notes updated for the 2024/25 year, funding round 2.'],
  },
  {
    id: 'state-highway',
    pii: false,
    parts: (r) => [`About ${int(r, 5, 60)} km out of town on SH${int(r, 1, 58)}.`],
  },
  { id: 'form-code', pii: false, parts: (r) => [`Form ${notAnNhi(r)} sent with the grant request.`] },
  {
    id: 'month-year',
    pii: false,
    parts: (r) => [
      `Since ${pick(r, MONTHS)} ${int(r, 2023, 2026)} the whānau has been in emergency housing.`,
    ],
  },
  {
    id: 'nights',
    pii: false,
    parts: (r) => [`Covered ${int(r, 2, 7)} nights of motel from ${dayMonth(r)} to ${dayMonth(r)}.`],
  },
  {
    id: 'called-times',
    pii: false,
    parts: (r) => [`Called ${int(r, 2, 5)} times between ${time(r)} and ${time(r)}, no answer.`],
  },
  {
    id: 'suburb',
    pii: false,
    parts: (r) => [
      `Lives in ${pick(r, ['Te Atatu', 'Ōtara', 'Flaxmere', 'Three Kings', 'Cannons Creek'])} with ${count(r)} tamariki.`,
    ],
  },
  {
    id: 'age',
    pii: false,
    parts: (r) => [`Kaumātua aged ${int(r, 60, 95)}, needs a heater and ${count(r)} blankets.`],
  },
  { id: 'ended', pii: false, parts: (r) => [`Isolation ended ${eventDate(r)}; whānau back at mahi.`] },
  {
    id: 'phone-bill',
    pii: false,
    parts: (r) => [`Phone bill of $${int(r, 40, 300)}.50 paid; data top-up of $${int(r, 10, 60)} too.`],
  },
  {
    id: 'text-reminder',
    pii: false,
    parts: (r) => [`Text reminder sent at ${time(r)} for the hui on ${pick(r, WEEKDAYS)}.`],
  },
  {
    id: 'may',
    pii: false,
    parts: (r) => [
      `They may need ${int(r, 2, 6)} more nights; review on ${pick(r, WEEKDAYS)} ${int(r, 1, 28)} ${pick(r, MONTHS)}.`,
    ],
  },
  {
    id: 'percent',
    pii: false,
    parts: (r) => [
      `${int(r, 10, 90)}% of the $${int(r, 1, 9)},000 fund is spent; ${int(r, 1, 9)} grants left.`,
    ],
  },
]

function render(template: Template, r: Rand, p: Person): CorpusSentence {
  let text = ''
  const expected: LabelledSpan[] = []
  for (const part of template.parts(r, p)) {
    if (typeof part === 'string') {
      text += part
      continue
    }
    const [kind, piece] = part
    text += piece.before ?? ''
    expected.push({ kind, start: text.length, end: text.length + piece.pii.length })
    text += piece.pii + (piece.after ?? '')
  }
  return {
    text,
    knownNames: [`${p.given} ${p.family}`, `${p.whanauGiven} ${p.family}`],
    expected,
    template: template.id,
  }
}

/**
 * `size` sentences, about 55% with personal information, each with the names on record of its own
 * made-up person and whānau.
 */
export function generatePiiCorpus({
  seed = 20_260_305,
  size = 800,
}: { seed?: number; size?: number } = {}): CorpusSentence[] {
  const r = prng(seed)
  const withPii = TEMPLATES.filter((t) => t.pii)
  const without = TEMPLATES.filter((t) => !t.pii)
  return Array.from({ length: size }, () => {
    const template = r() < 0.55 ? pick(r, withPii) : pick(r, without)
    return render(template, r, person(r))
  })
}

export const CORPUS_TEMPLATE_IDS = TEMPLATES.map((t) => t.id)

// ─── Scoring ────────────────────────────────────────────────────────────────────────────────────

export interface KindScore {
  kind: PiiKind
  expected: number
  found: number
  missed: number
  truePositives: number
  falsePositives: number
  precision: number
  recall: number
}

export interface CorpusScore {
  byKind: KindScore[]
  sentences: {
    total: number
    withPii: number
    blocked: number
    wronglyBlocked: number
    wronglyPassed: number
  }
  misses: { sentence: CorpusSentence; span: LabelledSpan }[]
  falsePositives: {
    sentence: CorpusSentence
    finding: { kind: PiiKind; start: number; end: number; match: string }
  }[]
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end

/**
 * Scores a detector on the corpus, per kind: a finding is right when it overlaps a labelled span of
 * its kind; a labelled span is found when a finding of its kind overlaps it. Sentence level: a
 * sentence is blocked when anything is found.
 */
export function scorePiiCorpus(
  corpus: readonly CorpusSentence[],
  detect: (
    text: string,
    knownNames: string[],
  ) => { kind: PiiKind; start: number; end: number; match: string }[],
  kinds: readonly PiiKind[],
): CorpusScore {
  const tally = new Map(kinds.map((k) => [k, { expected: 0, found: 0, tp: 0, fp: 0 }]))
  const misses: CorpusScore['misses'] = []
  const falsePositives: CorpusScore['falsePositives'] = []
  let withPii = 0
  let blocked = 0
  let wronglyBlocked = 0
  let wronglyPassed = 0
  for (const sentence of corpus) {
    const findings = detect(sentence.text, sentence.knownNames)
    if (sentence.expected.length > 0) withPii++
    if (findings.length > 0) blocked++
    if (findings.length > 0 && sentence.expected.length === 0) wronglyBlocked++
    if (findings.length === 0 && sentence.expected.length > 0) wronglyPassed++
    for (const span of sentence.expected) {
      const t = tally.get(span.kind)
      if (!t) continue
      t.expected++
      if (findings.some((f) => f.kind === span.kind && overlaps(f, span))) t.found++
      else misses.push({ sentence, span })
    }
    for (const f of findings) {
      const t = tally.get(f.kind)
      if (!t) continue
      if (sentence.expected.some((s) => s.kind === f.kind && overlaps(f, s))) t.tp++
      else {
        t.fp++
        falsePositives.push({ sentence, finding: f })
      }
    }
  }
  const byKind = kinds.map((kind) => {
    const t = tally.get(kind) ?? { expected: 0, found: 0, tp: 0, fp: 0 }
    return {
      kind,
      expected: t.expected,
      found: t.found,
      missed: t.expected - t.found,
      truePositives: t.tp,
      falsePositives: t.fp,
      precision: t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp),
      recall: t.expected === 0 ? 1 : t.found / t.expected,
    }
  })
  return {
    byKind,
    sentences: { total: corpus.length, withPii, blocked, wronglyBlocked, wronglyPassed },
    misses,
    falsePositives,
  }
}
