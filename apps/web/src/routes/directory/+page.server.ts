import { error, redirect } from '@sveltejs/kit'
import { t } from '$lib/i18n'
import { ApiError } from '$lib/server/api'
import { searchDirectory } from '$lib/server/directory-search'
import type { PageServerLoad } from './$types'

// The search as a GET form: everything is in the URL, so a search can be linked, bookmarked and
// run without JavaScript, and this load answers it as the page is rendered on the server.
//
// Once the page is running in the browser, every new search (typing, a filter, the map, the next
// page, back and forward) is a client-side navigation whose universal load (+page.ts) asks the
// JSON endpoint (./search) instead. Such navigations reach this load only as a data request; it
// answers null without reading the URL, so SvelteKit stops asking it at all after the first.
export const load: PageServerLoad = async (event) => {
  if (event.isDataRequest) return { search: null }
  try {
    return { search: await searchDirectory(event) }
  } catch (e) {
    if (e instanceof ApiError) {
      // The API decides whether the directory is public; if it wants a session, ask for one.
      if (e.code === 'UNAUTHENTICATED') redirect(303, `/sign-in?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`)
      if (e.status === 400) error(400, { message: e.message, code: e.code })
    }
    console.error('[web] directory search failed:', e instanceof Error ? e.message : e)
    error(503, { message: t('directory.unavailable'), code: 'SERVICE_UNAVAILABLE' })
  }
}
