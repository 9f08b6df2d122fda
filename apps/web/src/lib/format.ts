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

// Times of day, for deadlines and events: "Wed, 28 Oct, 10:00 am" in New Zealand time, with the
// year only when it is not this year, so a deadline reads the way a person would say it.
const NZ = 'Pacific/Auckland'
const dateTimeFormat = new Intl.DateTimeFormat('en-NZ', {
  timeZone: NZ,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
})
const dateTimeYearFormat = new Intl.DateTimeFormat('en-NZ', {
  timeZone: NZ,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
})
const yearFormat = new Intl.DateTimeFormat('en-NZ', { timeZone: NZ, year: 'numeric' })
const localInputFormat = new Intl.DateTimeFormat('en-NZ', {
  timeZone: NZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

export function formatDateTime(iso: string, now: Date = new Date()): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return iso
  return yearFormat.format(at) === yearFormat.format(now) ? dateTimeFormat.format(at) : dateTimeYearFormat.format(at)
}

/** An instant as the value of <input type="datetime-local">, in New Zealand time: "2026-10-28T10:00". */
export function nzDateTimeLocalValue(at: Date): string {
  const parts: Record<string, string> = {}
  for (const p of localInputFormat.formatToParts(at)) parts[p.type] = p.value
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`
}

const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\b/g

/** Text from the API with any ISO instants in it ("…by 2026-10-27T21:00:00.000Z.") written in NZ time. */
export function withNzTimes(text: string, now: Date = new Date()): string {
  return text.replace(ISO_INSTANT, (iso) => formatDateTime(iso, now))
}
