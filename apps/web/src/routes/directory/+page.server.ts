import { error, redirect } from '@sveltejs/kit'
import { t } from '$lib/i18n'
import { ApiError } from '$lib/server/api'
import { api } from '$lib/server/config'
import { DIRECTORY } from '$lib/server/queries'
import type { PageServerLoad } from './$types'

const PAGE_SIZE = 20

// Same limits as ZServiceFilter and ZPageInput in @fsn/domain; a value outside them is dropped
// rather than sent on, so a mistyped link still shows the directory.
const PARAMS = {
  category: /^[a-z0-9-]{1,64}$/,
  region: /^\d{2}$/,
  after: /^[\w.~+/=:-]{1,200}$/,
} as const

function param(url: URL, name: keyof typeof PARAMS): string | null {
  const value = url.searchParams.get(name)?.trim()
  return value && PARAMS[name].test(value) ? value : null
}

export const load: PageServerLoad = async ({ url, locals, getClientAddress }) => {
  const category = param(url, 'category')
  const region = param(url, 'region')
  const after = param(url, 'after')

  try {
    const { data } = await api().graphql(
      DIRECTORY,
      { first: PAGE_SIZE, after, categoryCode: category, regionCode: region },
      { token: locals.sessionToken, clientAddress: getClientAddress() },
    )
    return {
      filters: { category, region },
      after,
      regions: data.regions,
      categories: data.serviceCategories,
      totalCount: data.services.totalCount,
      pageInfo: data.services.pageInfo,
      services: data.services.edges.map((edge) => edge.node),
    }
  } catch (e) {
    if (e instanceof ApiError) {
      // The API decides whether the directory is public; if it wants a session, ask for one.
      if (e.code === 'UNAUTHENTICATED') redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
      if (e.status === 400) error(400, { message: e.message, code: e.code })
    }
    console.error('[web] directory query failed:', e instanceof Error ? e.message : e)
    error(503, { message: t('directory.unavailable'), code: 'SERVICE_UNAVAILABLE' })
  }
}
