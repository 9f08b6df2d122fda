import { json } from '@sveltejs/kit'
import { t } from '$lib/i18n'
import { ApiError } from '$lib/server/api'
import { apiMessage } from '$lib/server/call'
import { searchDirectory } from '$lib/server/directory-search'
import type { RequestHandler } from './$types'

/**
 * GET /directory/search?q=…&region=09…: the directory page's results as JSON, for searching as
 * someone types. The same query string as the page (see $lib/directory-search), answered as the
 * visitor: the session cookie goes to the API, which decides what they may see.
 */
export const GET: RequestHandler = async (event) => {
  try {
    const outcome = await searchDirectory(event)
    return json(outcome, { headers: { vary: 'cookie' } })
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) {
      return json({ code: e.code, message: apiMessage(e), field: e.field ?? null }, { status: e.status })
    }
    console.error('[web] directory search failed:', e instanceof Error ? e.message : e)
    return json({ code: 'SERVICE_UNAVAILABLE', message: t('search.failed') }, { status: 503 })
  }
}
