import { emptyOutcome, type SearchOutcome } from '$lib/directory-search'
import { t } from '$lib/i18n'
import type { PageLoad } from './$types'

// On the server (and as the page first hydrates) the search comes from +page.server.ts. In the
// browser every later search comes from the JSON endpoint, the same one as-you-type results use.
// A failed search keeps the page (and what was typed) and says so, rather than an error page.
export const load: PageLoad = async ({ data, url, fetch }) => {
  if (data.search) return { search: data.search, failed: null }
  try {
    const res = await fetch(`/directory/search${url.search}`, { headers: { accept: 'application/json' } })
    if (res.ok) return { search: (await res.json()) as SearchOutcome, failed: null }
    const body = (await res.json().catch(() => null)) as { message?: string } | null
    return { search: emptyOutcome(url.searchParams), failed: body?.message ?? t('search.failed') }
  } catch {
    return { search: emptyOutcome(url.searchParams), failed: t('search.failed') }
  }
}
