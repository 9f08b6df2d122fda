// Money on the funding pages: the API speaks integer cents; people type and read dollars.

/** "1,234.50" or "$45" to whole cents; null when it is not an amount with at most two decimals. */
export function dollarsToCents(text: string): number | null {
  const t = text.replace(/[$,\s]/g, '')
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(t)
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

const nzd = new Intl.NumberFormat('en-NZ', { style: 'currency', currency: 'NZD' })

/** Whole cents as dollars, "$5,400.00"; exact, because cents / 100 has at most two decimals. */
export function centsToDollars(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${nzd.format(Math.trunc(abs / 100)).replace(/\.00$/, '')}.${String(abs % 100).padStart(2, '0')}`
}
