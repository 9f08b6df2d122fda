// Record an interaction (Guidelines, Reporting measures: on the day). The notes are checked for
// personal information before the record exists, so they can be reworded while fresh; the API's
// reply is the authority and is shown too. A record made after the day is kept and flagged.
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit'
import { can } from '$lib/capabilities'
import { nzDateTimeLocalValue } from '$lib/format'
import { t } from '$lib/i18n'
import { actionProblem, call, failLoad } from '$lib/server/call'
import {
  INTERACTION_FORM,
  PEOPLE_SHOWN,
  RECORD_INTERACTION,
  UUID,
  checkInteraction,
  interactionValues,
  notesCheck,
} from '$lib/server/reporting'
import type { Actions, PageServerLoad } from './$types'

function requireConnector(event: Pick<RequestEvent, 'locals' | 'url'>) {
  const { locals, url } = event
  if (!locals.user) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  if (!can(locals.user, 'reporting:submit')) error(403, { message: t('error.forbidden'), code: 'FORBIDDEN' })
}

export const load: PageServerLoad = async (event) => {
  requireConnector(event)
  try {
    const data = await call(event, INTERACTION_FORM, { first: PEOPLE_SHOWN })
    const personId = event.url.searchParams.get('personId')
    return {
      people: data.people.map((p) => ({ id: p.id, givenName: p.givenName, familyName: p.familyName })),
      categories: data.serviceCategories.map((c) => ({ code: c.code, name: c.name })),
      personId: personId && UUID.test(personId) ? personId : null,
      now: nzDateTimeLocalValue(new Date()),
    }
  } catch (e) {
    failLoad(e, event, 'interaction form')
  }
}

export const actions: Actions = {
  default: async (event) => {
    requireConnector(event)
    const form = await event.request.formData()
    const values = interactionValues(form)
    const now = new Date()
    const { input, errors } = checkInteraction(values, now)
    if (!input) return fail(400, { values, errors, messages: [] as string[], flagged: null })
    try {
      const { people } = await call(event, INTERACTION_FORM, { first: PEOPLE_SHOWN })
      const person = people.find((p) => p.id === input.personId) ?? null
      if (!person) return fail(400, { values, errors: { personId: t('interaction.errorPerson') }, messages: [] as string[], flagged: null })
      const check = notesCheck(input.notes ?? '', person)
      // Nothing is saved: a record once made holds back the weekly export until it is reworded.
      if (!check.ok) return fail(422, { values, errors: {}, messages: [] as string[], flagged: check.reasons })
      const { recordInteraction: r } = await call(event, RECORD_INTERACTION, { input })
      return {
        recorded: {
          id: r.interaction.id,
          week: r.interaction.reportWeek,
          recordedSameDay: r.recordedSameDay,
          notesExportable: r.notesExportable,
          notesReasons: r.notesReasons,
          hadNotes: Boolean(input.notes),
        },
      }
    } catch (e) {
      const problem = actionProblem(e, 'record interaction')
      const field = problem.field && ['personId', 'occurredAt', 'method', 'needCategories', 'outcome', 'notes'].includes(problem.field) ? problem.field : null
      return fail(problem.status, {
        values,
        errors: field ? { [field]: problem.messages.join(' ') } : {},
        messages: field ? [] : problem.messages,
        flagged: null,
      })
    }
  },
}
