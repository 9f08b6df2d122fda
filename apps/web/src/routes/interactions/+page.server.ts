// The connector's organisation's interactions for one week (this week unless ?week= names one).
// A record whose notes hold back the weekly export can be reworded here (issue 5: flagged free
// text "is blocked from export until reworded, with the reason shown").
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit'
import { can } from '$lib/capabilities'
import { t } from '$lib/i18n'
import { actionProblem, call, failLoad } from '$lib/server/call'
import { AMEND_INTERACTION_NOTES, INTERACTIONS, UUID, WEEKLY_REPORT, weekOf, weekParam } from '$lib/server/reporting'
import type { Actions, PageServerLoad } from './$types'

function requireConnector(event: Pick<RequestEvent, 'locals' | 'url'>) {
  const { locals, url } = event
  if (!locals.user) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  if (!can(locals.user, 'reporting:submit')) error(403, { message: t('error.forbidden'), code: 'FORBIDDEN' })
}

export const load: PageServerLoad = async (event) => {
  requireConnector(event)
  const { url } = event
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

export const actions: Actions = {
  reword: async (event) => {
    requireConnector(event)
    const form = await event.request.formData()
    const interactionId = String(form.get('interactionId') ?? '')
    const notes = String(form.get('notes') ?? '')
    if (!UUID.test(interactionId)) error(404, { message: t('error.notFound'), code: 'NOT_FOUND' })
    try {
      const { amendInteractionNotes: r } = await call(event, AMEND_INTERACTION_NOTES, { input: { interactionId, notes } })
      return { reworded: { id: interactionId, exportable: r.notesExportable, reasons: r.notesReasons, notes } }
    } catch (e) {
      const problem = actionProblem(e, 'reword interaction notes')
      return fail(problem.status, { rewordFailed: { id: interactionId, messages: problem.messages, notes } })
    }
  },
}
