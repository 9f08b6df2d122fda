// One directory search against the API, as the page's load and the JSON endpoint both run it:
// with the visitor's session when there is one (the API decides what anyone may see), and with an
// unknown postcode answered as a message by the postcode field rather than as an error page.
import type { RequestEvent } from '@sveltejs/kit'
import { criteriaToInput, parseCriteria, type SearchCriteria, type SearchOutcome } from '$lib/directory-search'
import { t } from '$lib/i18n'
import { ApiError } from './api'
import { call } from './call'
import { SEARCH_DIRECTORY } from './queries'

type Caller = Pick<RequestEvent, 'locals' | 'getClientAddress' | 'url'>

const isPostcodeError = (e: unknown): e is ApiError =>
  e instanceof ApiError && e.status === 400 && (e.field === 'postcode' || e.field?.endsWith('.postcode') === true || /\bpostcode\b/i.test(e.message))

/**
 * The search in the request's query string. A postcode the API does not know is dropped and the
 * search run again without it, so the person still sees results and is told why there are no
 * distances; a postcode that is not four digits never reaches the API.
 */
export async function searchDirectory(event: Caller): Promise<SearchOutcome> {
  const { criteria, badPostcode } = parseCriteria(event.url.searchParams)
  const postcodeTyped = event.url.searchParams.get('postcode')?.trim().slice(0, 20) || null
  const run = async (c: SearchCriteria) => (await call(event, SEARCH_DIRECTORY, { input: criteriaToInput(c) })).searchDirectory
  try {
    const result = await run(criteria)
    return { criteria, result, postcodeError: badPostcode ? t('search.postcodeInvalid') : null, postcodeTyped }
  } catch (e) {
    if (!criteria.postcode || !isPostcodeError(e)) throw e
    const without: SearchCriteria = { ...criteria, postcode: null, sort: criteria.sort === 'distance' ? null : criteria.sort }
    const result = await run(without)
    return { criteria: without, result, postcodeError: t('search.postcodeUnknown', { postcode: criteria.postcode }), postcodeTyped }
  }
}
