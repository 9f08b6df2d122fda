// Languages a listing may say it offers, by ISO 639 code (639-1 where one exists, else 639-3:
// "nzs" New Zealand Sign Language, "niu" Niuean, "rar" Cook Islands Māori). New Zealand's official
// languages first, then Pasifika languages and the community languages NZ services most often
// offer. A closed list, so a typo ("mri", "english") is refused rather than shown on a listing.

export const LANGUAGES: Readonly<Record<string, string>> = {
  en: 'English',
  mi: 'te reo Māori',
  nzs: 'New Zealand Sign Language',
  // Pasifika
  sm: 'Gagana Sāmoa',
  to: 'Lea faka-Tonga',
  fj: 'Vosa Vakaviti (Fijian)',
  hif: 'Fiji Hindi',
  niu: 'Vagahau Niue',
  rar: 'Te reo Māori Kūki ʻĀirani (Cook Islands Māori)',
  tkl: 'Gagana Tokelau',
  tvl: 'Te Gana Tuvalu',
  gil: 'Te taetae ni Kiribati',
  rtm: 'Fäeag Rotuam',
  // Community languages
  zh: 'Chinese',
  cmn: 'Mandarin',
  yue: 'Cantonese',
  hi: 'Hindi',
  pa: 'Punjabi',
  gu: 'Gujarati',
  ur: 'Urdu',
  bn: 'Bengali',
  ta: 'Tamil',
  te: 'Telugu',
  ml: 'Malayalam',
  ne: 'Nepali',
  si: 'Sinhala',
  tl: 'Tagalog',
  fil: 'Filipino',
  ko: 'Korean',
  ja: 'Japanese',
  vi: 'Vietnamese',
  th: 'Thai',
  km: 'Khmer',
  my: 'Burmese',
  id: 'Indonesian',
  ms: 'Malay',
  ar: 'Arabic',
  fa: 'Persian (Farsi)',
  prs: 'Dari',
  ps: 'Pashto',
  ku: 'Kurdish',
  so: 'Somali',
  am: 'Amharic',
  ti: 'Tigrinya',
  sw: 'Swahili',
  es: 'Spanish',
  pt: 'Portuguese',
  fr: 'French',
  de: 'German',
  it: 'Italian',
  nl: 'Dutch',
  ru: 'Russian',
  uk: 'Ukrainian',
  af: 'Afrikaans',
}

export const LANGUAGE_CODES: readonly string[] = Object.keys(LANGUAGES)

export function languageName(code: string): string | undefined {
  return Object.hasOwn(LANGUAGES, code) ? LANGUAGES[code] : undefined
}
