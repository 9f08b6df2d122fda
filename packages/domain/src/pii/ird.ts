// IRD (Inland Revenue tax file) numbers. Guidelines, "Protecting reporting information": no
// identifying features in free text; a tax number is one. The check digit keeps an invoice number
// or a reference from being flagged by chance (about one in eleven eight- or nine-digit numbers in
// range passes).
//
// Routine from Inland Revenue's RWT and NRWT specification document ("IR number validation -
// modulus 11 digit check"):
// 1. The number must lie between 10-000-000 and 150-000-000.
// 2. Drop the trailing check digit; pad the base to eight digits with a leading zero.
// 3. Weight the eight digits 3, 2, 7, 6, 5, 4, 3, 2 and sum; remainder mod 11 of 0 gives check 0,
//    otherwise the check is 11 - remainder.
// 4. If that is 10, weight again with 7, 4, 3, 2, 5, 2, 7, 6; a second 10 means the number is invalid.

const PRIMARY = [3, 2, 7, 6, 5, 4, 3, 2] as const
const SECONDARY = [7, 4, 3, 2, 5, 2, 7, 6] as const

/** Lowest and highest IRD numbers the routine accepts (step 1). */
export const IRD_NUMBER_RANGE = { min: 10_000_000, max: 150_000_000 } as const

function checkWith(base: string, weights: readonly number[]): number {
  let sum = 0
  for (let i = 0; i < 8; i++) sum += Number(base[i]) * (weights[i] as number)
  const remainder = sum % 11
  return remainder === 0 ? 0 : 11 - remainder
}

/**
 * The check digit for a seven- or eight-digit base number, or null when the routine gives none
 * (both weightings give 10: no valid IRD number has that base).
 */
export function irdCheckDigit(base: string): number | null {
  if (!/^\d{7,8}$/.test(base)) return null
  const padded = base.padStart(8, '0')
  const first = checkWith(padded, PRIMARY)
  if (first <= 9) return first
  const second = checkWith(padded, SECONDARY)
  return second <= 9 ? second : null
}

/**
 * True for an IRD number with a valid check digit: eight or nine digits, written plainly
 * ("49091850"), in groups with dashes or spaces ("49-091-850", "136 410 132"), with or without a
 * leading zero ("049-091-850").
 */
export function isValidIrdNumber(value: string): boolean {
  const digits = value.trim().replace(/[\s-]/g, '')
  if (!/^\d{8,9}$/.test(digits)) return false
  const n = Number(digits)
  if (n < IRD_NUMBER_RANGE.min || n > IRD_NUMBER_RANGE.max) return false
  const base = String(Math.floor(n / 10))
  return irdCheckDigit(base) === n % 10
}
