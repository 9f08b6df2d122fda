// The accreditation registry for national administrators (issue 16, item 2): the list (expiring
// soon first when asked), record, renew, suspend, reinstate, revoke, and the CSV bulk load with a
// dry run. Every step is a form action (works without JavaScript); the API decides what is allowed.
import { error, fail } from '@sveltejs/kit'
import { t } from '$lib/i18n'
import { actionProblem, call, failLoad, requireSignIn } from '$lib/server/call'
import {
  ACCREDITATIONS,
  DECIDE_ACCREDITATION,
  IMPORT_ACCREDITATIONS,
  RECORD_ACCREDITATION,
} from '$lib/server/accreditation-queries'
import type { Actions, PageServerLoad } from './$types'

function requireNationalAdmin(event: Parameters<PageServerLoad>[0] | Parameters<Actions[string]>[0]) {
  requireSignIn(event)
  if (!event.locals.user!.memberships.some((m) => m.role === 'NATIONAL_ADMIN')) {
    error(403, { message: t('error.forbidden'), code: 'FORBIDDEN' })
  }
}

export const load: PageServerLoad = async (event) => {
  requireNationalAdmin(event)
  const expiringSoon = event.url.searchParams.get('expiring') === 'soon'
  try {
    const { accreditations } = await call(event, ACCREDITATIONS, { expiringSoon: expiringSoon || null })
    return { items: accreditations, expiringSoon }
  } catch (e) {
    failLoad(e, event, 'accreditations query')
  }
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim()

export const actions: Actions = {
  record: async (event) => {
    requireNationalAdmin(event)
    const form = await event.request.formData()
    const level = text(form, 'level')
    const input = {
      organisationId: text(form, 'organisationId'),
      scheme: text(form, 'scheme'),
      level: level === '' ? null : Number(level),
      validFrom: text(form, 'validFrom'),
      validTo: text(form, 'validTo') || null,
      evidenceNote: text(form, 'evidenceNote'),
    }
    try {
      await call(event, RECORD_ACCREDITATION, { input })
    } catch (e) {
      const problem = actionProblem(e, 'record accreditation')
      return fail(problem.status, { messages: problem.messages })
    }
    return { done: t('accreditations.done.record'), messages: [] as string[] }
  },
  decide: async (event) => {
    requireNationalAdmin(event)
    const form = await event.request.formData()
    const action = text(form, 'action')
    const input: Record<string, unknown> = {
      id: text(form, 'id'),
      action,
      evidenceNote: text(form, 'evidenceNote'),
    }
    if (action === 'RENEW') input.validTo = text(form, 'validTo') || null
    try {
      await call(event, DECIDE_ACCREDITATION, { input })
    } catch (e) {
      const problem = actionProblem(e, 'accreditation decision')
      return fail(problem.status, { id: input.id, messages: problem.messages })
    }
    return { id: input.id, done: t('accreditations.done.decide'), messages: [] as string[] }
  },
  import: async (event) => {
    requireNationalAdmin(event)
    const form = await event.request.formData()
    const file = form.get('file')
    const csv = file instanceof File && file.size > 0 ? await file.text() : text(form, 'csv')
    const dryRun = text(form, 'mode') !== 'apply'
    try {
      const { importAccreditations } = await call(event, IMPORT_ACCREDITATIONS, { input: { csv, dryRun } })
      return { imported: importAccreditations, messages: [] as string[] }
    } catch (e) {
      const problem = actionProblem(e, 'accreditation import')
      return fail(problem.status, { messages: problem.messages })
    }
  },
}
