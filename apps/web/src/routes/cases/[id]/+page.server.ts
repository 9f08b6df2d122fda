// One shared case as this agency sees it under the family's consent: members, workgroup, actions
// due, discussions, the shared assessment (reused, withheld with the reason, or still to ask) and
// the timeline. Answering a section and completing an action are form actions; the API decides.
import { error, fail } from '@sveltejs/kit'
import { t } from '$lib/i18n'
import { actionProblem, call, failLoad, requireSignIn } from '$lib/server/call'
import { UUID } from '$lib/server/care'
import { ACT_ON_CASE, SHARED_CASE, type AssessmentSection } from '$lib/server/care-queries'
import type { Actions, PageServerLoad } from './$types'

export const load: PageServerLoad = async (event) => {
  requireSignIn(event)
  if (!UUID.test(event.params.id)) error(404, { message: t('error.notFound'), code: 'NOT_FOUND' })
  try {
    const { sharedCase } = await call(event, SHARED_CASE, { id: event.params.id })
    return { sharedCase }
  } catch (e) {
    failLoad(e, event, 'shared case query')
  }
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim()

export const actions: Actions = {
  answerSection: async (event) => {
    requireSignIn(event)
    const form = await event.request.formData()
    const section = text(form, 'section') as AssessmentSection
    const answer = text(form, 'answer')
    const values = { section, answer }
    const field = `answer-${section}`
    if (answer.length < 3) return fail(400, { action: 'answerSection', errors: { [field]: t('care.errorText') }, messages: [] as string[], values })
    try {
      await call(event, ACT_ON_CASE, { input: { caseId: event.params.id, type: 'answerSection', section, answer } })
    } catch (e) {
      const p = actionProblem(e, 'answer case section')
      const errors = p.field === 'answer' || p.field === 'section' ? { [field]: p.messages.join(' ') } : {}
      return fail(p.status, { action: 'answerSection', errors, messages: Object.keys(errors).length ? [] : p.messages, values })
    }
    return { action: 'answerSection', done: t('cases.answered') }
  },
  completeAction: async (event) => {
    requireSignIn(event)
    const form = await event.request.formData()
    const actionId = text(form, 'actionId')
    if (!UUID.test(actionId)) return fail(400, { action: 'completeAction', errors: {}, messages: [t('error.notFound')], values: {} })
    try {
      await call(event, ACT_ON_CASE, { input: { caseId: event.params.id, type: 'completeAction', actionId } })
    } catch (e) {
      const p = actionProblem(e, 'complete case action')
      return fail(p.status, { action: 'completeAction', errors: {}, messages: p.messages, values: {} })
    }
    return { action: 'completeAction', done: t('cases.actionDone') }
  },
}
