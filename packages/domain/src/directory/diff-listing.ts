// What an edit changed, field by field, for the listing's change record: who changed what, when
// (the audit record holds this list; the provider page's history shows it). Guidelines, "Family
// services directory": providers keep their listing up to date, and moderators need to see what a
// provider changed and when, not just that something did.

export interface ListingChange {
  field: string
  from: unknown
  to: unknown
}

/** JSON-safe and comparable: dates as ISO strings, undefined as null, object keys sorted. */
function normalise(value: unknown): unknown {
  if (value === undefined || value === null) return null
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(normalise)
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, normalise((value as Record<string, unknown>)[k])])
        .filter(([, v]) => v !== null),
    )
  }
  return value
}

/**
 * The fields whose values differ between two snapshots of a listing, in the order the fields
 * appear (before's keys, then keys only after has). Values compare by content: lists by their
 * elements in order (pass set-like lists sorted), objects by their keys, dates by their instant; a
 * missing field equals null. `from` and `to` are JSON-safe, ready for an audit record.
 */
export function diffListing(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): ListingChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  const changes: ListingChange[] = []
  for (const field of fields) {
    const from = normalise(before[field])
    const to = normalise(after[field])
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field, from, to })
  }
  return changes
}
