// The weekly report (Guidelines, Reporting measures): this week's and last week's status, the
// de-identified preview of one week with its column dictionary, the records holding it back, the
// CSV downloads and Submit. The API decides every rule; the page shows its reasons.
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit'
import { can } from '$lib/capabilities'
import { t } from '$lib/i18n'
import { ApiError } from '$lib/server/api'
import { actionProblem, apiMessage, call, failLoad } from '$lib/server/call'
import { REPORT_STATUSES, SUBMIT_WEEKLY_REPORT, WEEKLY_REPORT, weekOf, weekParam } from '$lib/server/reporting'
import type { Actions, PageServerLoad } from './$types'

function requireConnector(event: Pick<RequestEvent, 'locals' | 'url'>) {
  const { locals, url } = event
  if (!locals.user) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  if (!can(locals.user, 'reporting:submit')) error(403, { message: t('error.forbidden'), code: 'FORBIDDEN' })
}

export const load: PageServerLoad = async (event) => {
  requireConnector(event)
  try {
    const statuses = await call(event, REPORT_STATUSES, { current: weekOf(new Date()) })
    // Without ?week= the report shown is the one to submit next: last week's until it is in.
    const week = weekParam(event.url.searchParams.get('week')) ?? (statuses.last.status === 'submitted' ? statuses.current.week : statuses.last.week)
    const report = await call(event, WEEKLY_REPORT, { week })
    return { current: statuses.current, last: statuses.last, week, status: report.status, report: report.weeklyReportExport }
  } catch (e) {
    failLoad(e, event, 'weekly report')
  }
}

export const actions: Actions = {
  submit: async (event) => {
    requireConnector(event)
    const form = await event.request.formData()
    const week = weekParam(String(form.get('week') ?? ''))
    if (!week) return fail(400, { messages: [t('report.submitBlocked')], submitted: null })
    try {
      const { submitWeeklyReport } = await call(event, SUBMIT_WEEKLY_REPORT, { week })
      return { messages: [] as string[], submitted: submitWeeklyReport }
    } catch (e) {
      // The refusal's own sentence (what to do), not its per-record details, which the page lists with their reasons.
      if (e instanceof ApiError && e.status < 500) return fail(e.status, { messages: [apiMessage(e)], submitted: null })
      const problem = actionProblem(e, 'submit weekly report')
      return fail(problem.status, { messages: problem.messages, submitted: null })
    }
  },
}
