// New Zealand phone numbers as a listing shows them. A connector rings the number on the listing
// with a whānau beside them, so a wrong or junk number costs a warm referral: check the shape.

/**
 * Once spaces, dashes, dots and brackets are dropped (and "+64 (0)4" is read as "+64 4"):
 * - landline: 0 + area code 3, 4, 6, 7 or 9 + 7 digits ("04 123 4567"); 05 and 08 are not area codes;
 * - mobile: 02 + 7 to 9 digits ("021 123 4567", "022 123 4567", "020 1234 5678");
 * - freephone: 0800 or 0508 + 6 or 7 digits ("0800 123 456");
 * - the same in international form, +64 without the leading 0 ("+64 4 123 4567", "+64 800 123 456").
 */
const NATIONAL = /^0(?:[34679]\d{7}|2\d{7,9}|800\d{6,7}|508\d{6,7})$/
const INTERNATIONAL = /^\+64(?:[34679]\d{7}|2\d{7,9}|800\d{6,7}|508\d{6,7})$/
/** Short codes: "105" (Police non-emergency), "1737" (Need to talk?), text lines ("234", "4202"). */
const SHORT_CODE = /^[1-9]\d{2,3}$/

export function compactPhone(raw: string): string {
  return raw
    .trim()
    .replace(/^\+64\s*\(0\)/, '+64')
    .replace(/[\s().-]/g, '')
}

/**
 * True for a New Zealand number a person can call or text. Three- and four-digit short codes are
 * real for text lines and for the 1xx/1xxx national lines (105, 1737), and junk otherwise.
 */
export function isNzPhoneNumber(raw: string, options: { type?: string | null } = {}): boolean {
  const n = compactPhone(raw)
  if (NATIONAL.test(n) || INTERNATIONAL.test(n)) return true
  if (SHORT_CODE.test(n)) return options.type === 'text' || n.startsWith('1')
  return false
}
