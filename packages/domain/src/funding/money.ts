// Money in the fund is integer cents (NZD): no floating-point dollars, so a ledger always adds up.

/**
 * Largest single grant, $2,000.00. The guidelines set no figure; the fund is for "immediate
 * hardship", and a bigger need than this is one for Work and Income or a regional lead. Our choice:
 * change it here if the Ministry names a limit.
 */
export const MAX_GRANT_CENTS = 200_000

/** Largest single allocation to a connector's fund, $50,000.00: a guard against a typo in cents. */
export const MAX_ALLOCATION_CENTS = 5_000_000

const nzd = new Intl.NumberFormat('en-NZ', { style: 'currency', currency: 'NZD' })

/** "$1,234.50" for 123450 cents, as people in Aotearoa write dollars. */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`expected whole cents, got ${cents}`)
  return nzd.format(cents / 100)
}

/**
 * Dollars as people type them ("25", "25.5", "$1,200.00") to integer cents, with no floating
 * point on the way; null when it is not a non-negative amount with at most two decimal places.
 * Limits (a grant's maximum, "more than zero") are the caller's rule.
 */
export function parseDollars(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.replace(/[$,\s]/g, ''))
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}
