// National Health Index numbers. Guidelines, "Protecting reporting information": free text sent to
// the Ministry must carry no identifying features, and an NHI identifies a person across the whole
// health system. The detector uses the check character so that a reference code shaped like an NHI
// ("ABC1234") is not flagged by chance (one in eleven old-format codes passes, one in 23 new ones).
//
// Check routine as Te Whatu Ora publishes it (HISO 10046:2023 Consumer Health Identity Standard,
// NHI validation routine): letters count A=1 .. Z=24 with I and O left out (they look like 1 and
// 0), digits count as themselves; the first six characters are weighted 7, 6, 5, 4, 3, 2 and summed.
// - Old format AAANNNN: sum mod 11; a remainder of 0 is invalid; the check digit is 11 - remainder,
//   with 10 written as 0.
// - New format AAANNAX: sum mod 23; the check letter is the letter worth 23 - remainder (A to Y;
//   never Z). Earlier editions said mod 24; the 2023 edition corrected it, and its test NHIs
//   (ZZZ00AC, ZBN77VL) pass only mod 23.

const NHI_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
const OLD_FORMAT = /^[A-HJ-NP-Z]{3}\d{4}$/
const NEW_FORMAT = /^[A-HJ-NP-Z]{3}\d{2}[A-HJ-NP-Z]{2}$/

export type NhiFormat = 'old' | 'new'

const valueOf = (c: string): number => (/\d/.test(c) ? Number(c) : NHI_LETTERS.indexOf(c) + 1)

function weightedSum(nhi: string): number {
  let sum = 0
  for (let i = 0; i < 6; i++) sum += valueOf(nhi[i] as string) * (7 - i)
  return sum
}

/** Which NHI layout `value` has (letters upper-cased, nothing else forgiven), or null. */
export function nhiFormat(value: string): NhiFormat | null {
  const v = value.toUpperCase()
  if (OLD_FORMAT.test(v)) return 'old'
  if (NEW_FORMAT.test(v)) return 'new'
  return null
}

/**
 * The check character the first six characters call for ("ZAC536" gives "1", "ZBN77V" gives "L"),
 * or null when the six cannot start a valid NHI (bad layout, or an old-format sum divisible by 11).
 */
export function nhiCheckCharacter(firstSix: string): string | null {
  const v = firstSix.toUpperCase()
  if (/^[A-HJ-NP-Z]{3}\d{3}$/.test(v)) {
    const remainder = weightedSum(v) % 11
    if (remainder === 0) return null
    return String((11 - remainder) % 10)
  }
  if (/^[A-HJ-NP-Z]{3}\d{2}[A-HJ-NP-Z]$/.test(v)) {
    return NHI_LETTERS[23 - (weightedSum(v) % 23) - 1] ?? null
  }
  return null
}

/** True when `value` is an NHI number with the right check character, either format, any case. */
export function isValidNhi(value: string): boolean {
  const v = value.toUpperCase()
  if (nhiFormat(v) === null) return false
  return nhiCheckCharacter(v.slice(0, 6)) === v[6]
}
