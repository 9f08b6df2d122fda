// The connector's organisation's interactions for one week (this week unless ?week= names one).
import { error, redirect } from '@sveltejs/kit'
import { can } from '$lib/capabilities'
import { t } from '$lib/i18n'
import { call, failLoad } from '$lib/server/call'
import { INTERACTIONS, WEEKLY_REPORT, weekOf, weekParam } from '$lib/server/reporting'
import type { PageServerLoad } from './$types'

export const load: PageServerLoad = async (event) => {
  const { locals, url } = event
  if (!locals.user) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  if (!can(locals.user, 'reporting:submit')) error(403, { message: t('error.forbidden'), code: 'FORBIDDEN' })
  const week = weekParam(url.searchParams.get('week')) ?? weekOf(new Date())
  try {
    const [list, report] = await Promise.all([call(event, INTERACTIONS, { week, first: 200 }), call(event, WEEKLY_REPORT, { week })])
    const names = new Map(list.people.map((p) => [p.id, [p.givenName, p.familyName].filter(Boolean).join(' ')]))
    const categories = new Map(list.serviceCategories.map((c) => [c.code, c.name]))
    const blocked = new Map(report.weeklyReportExport.blocked.map((b) => [b.interactionId, b.reasons]))
    return {
      week,
      status: report.status,
      interactions: list.interactions.map((i) => ({
        ...i,
        personName: names.get(i.personId) ?? null,
        needNames: i.needCategories.map((c) => categories.get(c) ?? c),
        blockedReasons: blocked.get(i.id) ?? null,
      })),
    }
  } catch (e) {
    failLoad(e, event, 'interactions')
  }
}
