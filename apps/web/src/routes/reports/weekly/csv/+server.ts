// The weekly export as CSV, proxied from the API's REST endpoint with the user's session, so the
// download link works from the page without exposing the API's origin or the session token.
import { error, redirect } from '@sveltejs/kit'
import { env } from '$env/dynamic/private'
import { t } from '$lib/i18n'
import { weekParam } from '$lib/server/reporting'
import { SESSION_COOKIE } from '$lib/server/session'
import type { RequestHandler } from './$types'

export const GET: RequestHandler = async ({ locals, url }) => {
  if (!locals.user || !locals.sessionToken) redirect(303, `/sign-in?redirectTo=${encodeURIComponent('/reports/weekly')}`)
  const week = weekParam(url.searchParams.get('week'))
  const table = url.searchParams.get('table') === 'grants' ? 'grants' : 'interactions'
  if (!week) error(400, { message: t('error.notFound'), code: 'VALIDATION_FAILED' })
  const base = (env.API_URL || 'http://127.0.0.1:4000').replace(/\/+$/, '')
  let res: Response
  try {
    res = await fetch(`${base}/api/v1/reports/weekly/${encodeURIComponent(week)}?format=csv&table=${table}`, {
      headers: { cookie: `${SESSION_COOKIE}=${locals.sessionToken}`, accept: 'text/csv' },
      signal: AbortSignal.timeout(15_000),
    })
  } catch (e) {
    console.error('[web] weekly csv failed:', e instanceof Error ? e.message : e)
    error(503, { message: t('error.unavailable'), code: 'SERVICE_UNAVAILABLE' })
  }
  if (res.status === 409) error(409, { message: t('report.submitBlocked'), code: 'CONFLICT' })
  if (res.status === 403) error(403, { message: t('error.forbidden'), code: 'FORBIDDEN' })
  if (!res.ok) error(res.status >= 500 ? 503 : res.status, { message: t('error.unavailable'), code: 'SERVICE_UNAVAILABLE' })
  return new Response(await res.text(), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="weekly-report-${week}-${table}.csv"`,
      'cache-control': 'private, no-store',
    },
  })
}
