// Dates read the way people in Aotearoa write them, in New Zealand time whatever the server's zone.
const dateFormat = new Intl.DateTimeFormat('en-NZ', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Pacific/Auckland' })

export function formatDate(iso: string): string {
  const at = new Date(iso)
  return Number.isNaN(at.getTime()) ? iso : dateFormat.format(at)
}

/** The query string ('?…' or '') of `url` with some parameters changed; null or '' removes one. */
export function queryWith(url: URL, changes: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams(url.searchParams)
  for (const [key, value] of Object.entries(changes)) {
    if (value) params.set(key, value)
    else params.delete(key)
  }
  const query = params.toString()
  return query ? `?${query}` : ''
}
