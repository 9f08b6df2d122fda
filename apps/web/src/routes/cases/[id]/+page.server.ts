// One shared case as this agency sees it under the family's consent: members, workgroup, actions
// due, discussions, the shared assessment (reused, withheld with the reason, or still to ask) and
// the timeline. Answering a section, completing an action, recording a discussion, adding a member
// agency or a workgroup officer and closing the case are form actions calling actOnCase; the API
// decides (closing needs the lead agency) and its field errors are shown beside the fields.
import { randomUUID } from 'node:crypto'
import { error, fail, type RequestEvent } from '@sveltejs/kit'
import { t } from '$lib/i18n'
import { actionProblem, call, failLoad, requireSignIn } from '$lib/server/call'
import { UUID } from '$lib/server/care'
import { ACT_ON_CASE, CASE_CONSENT_RECIPIENTS, ORGANISATION_NAME, SHARED_CASE, type AssessmentSection } from '$lib/server/care-queries'
import { nzLocalToIso } from '$lib/server/reporting'
import { INFORMATION_KINDS } from '$lib/vocab'
import type { InformationKind } from '$lib/types'
import type { Actions, PageServerLoad } from './$types'

export const load: PageServerLoad = async (event) => {
  requireSignIn(event)
  if (!UUID.test(event.params.id)) error(404, { message: t('error.notFound'), code: 'NOT_FOUND' })
  try {
    const { sharedCase } = await call(event, SHARED_CASE, { id: event.params.id })
    let organisations: { id: string; name: string }[] = []
    if (sharedCase.availableCommands.includes('addMember')) {
      const members = new Set(sharedCase.members.map((m) => m.organisationId))
      const { people } = await call(event, CASE_CONSENT_RECIPIENTS, {})
      const now = Date.now()
      const named = new Set(
        (people.find((p) => p.id === sharedCase.personId)?.consents ?? [])
          .filter((c) => !c.withdrawnAt && (!c.expiresAt || Date.parse(c.expiresAt) > now))
          .flatMap((c) => c.recipientOrganisationIds)
          .filter((id) => !members.has(id)),
      )
      const found = await Promise.all([...named].map((id) => call(event, ORGANISATION_NAME, { id }).catch(() => ({ organisation: null }))))
      organisations = found.flatMap((f) => (f.organisation ? [f.organisation] : [])).sort((a, b) => a.name.localeCompare(b.name))
    }
    return { sharedCase, organisations }
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
  recordDiscussion: async (event) => {
    requireSignIn(event)
    const form = await event.request.formData()
    const heldAtLocal = text(form, 'heldAt')
    const minutes = text(form, 'minutes')
    const attendeeUserIds = form.getAll('attendeeUserIds').map(String).filter((v) => UUID.test(v))
    const informationKinds = form.getAll('informationKinds').map(String).filter(isKind)
    const rows = Array.from({ length: MAX_ACTIONS }, (_, i) => ({
      description: text(form, `action-${i}-description`),
      ownerUserId: text(form, `action-${i}-owner`),
      dueOn: text(form, `action-${i}-due`),
    }))
    const values = { heldAt: heldAtLocal, minutes, attendeeUserIds, informationKinds, actions: rows }
    const errors: Record<string, string> = {}
    const heldAt = heldAtLocal ? nzLocalToIso(heldAtLocal) : null
    if (!heldAt) errors['discussion-heldAt'] = t('cases.errorHeldAt')
    if (minutes.length === 0) errors['discussion-minutes'] = t('cases.errorMinutes')
    const actions: { id: string; description: string; ownerUserId: string; dueOn: string }[] = []
    rows.forEach((r, i) => {
      if (!r.description && !r.dueOn) return
      if (!r.description) errors[`action-${i}-description`] = t('cases.errorActionDescription')
      if (!UUID.test(r.ownerUserId)) errors[`action-${i}-owner`] = t('cases.errorActionOwner')
      if (!/^\d{4}-\d{2}-\d{2}$/.test(r.dueOn)) errors[`action-${i}-due`] = t('cases.errorActionDue')
      actions.push({ id: randomUUID(), ...r })
    })
    if (Object.keys(errors).length > 0) return fail(400, { action: 'recordDiscussion', errors, messages: [] as string[], values })
    const fieldName = (f: string) => {
      const m = /^actions\.(\d+)\.(description|ownerUserId|dueOn)$/.exec(f)
      if (m) {
        const kept = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.description || r.dueOn)
        const i = kept[Number(m[1])]?.i ?? 0
        return `action-${i}-${m[2] === 'ownerUserId' ? 'owner' : m[2] === 'dueOn' ? 'due' : 'description'}`
      }
      return ({ heldAt: 'discussion-heldAt', minutes: 'discussion-minutes', attendeeUserIds: 'discussion-attendees', informationKinds: 'discussion-kinds' } as Record<string, string>)[f] ?? null
    }
    return act(
      event,
      'recordDiscussion',
      { type: 'recordDiscussion', id: randomUUID(), heldAt: heldAt!, attendeeUserIds, minutes, informationKinds, actions },
      values,
      fieldName,
      t('cases.discussionRecorded'),
    )
  },
  addMember: async (event) => {
    requireSignIn(event)
    const form = await event.request.formData()
    const organisationId = text(form, 'organisationId')
    const values = { organisationId }
    if (!UUID.test(organisationId)) return fail(400, { action: 'addMember', errors: { 'member-organisation': t('cases.errorAgency') }, messages: [] as string[], values })
    return act(event, 'addMember', { type: 'addMember', organisationId }, values, (f) => (f === 'organisationId' ? 'member-organisation' : null), t('cases.memberAdded'))
  },
  addOfficer: async (event) => {
    requireSignIn(event)
    const form = await event.request.formData()
    const userId = text(form, 'userId')
    const name = text(form, 'name')
    const organisationId = text(form, 'organisationId')
    const values = { userId, name, organisationId }
    const errors: Record<string, string> = {}
    if (!UUID.test(userId)) errors['officer-user'] = t('cases.errorOfficerUser')
    if (!name) errors['officer-name'] = t('cases.errorOfficerName')
    if (!UUID.test(organisationId)) errors['officer-organisation'] = t('cases.errorAgency')
    if (Object.keys(errors).length > 0) return fail(400, { action: 'addOfficer', errors, messages: [] as string[], values })
    const fields: Record<string, string> = { userId: 'officer-user', name: 'officer-name', organisationId: 'officer-organisation' }
    return act(event, 'addOfficer', { type: 'addOfficer', userId, name, organisationId }, values, (f) => fields[f] ?? null, t('cases.officerAdded'))
  },
  close: async (event) => {
    requireSignIn(event)
    const form = await event.request.formData()
    const reason = text(form, 'reason')
    const values = { reason }
    if (!reason) return fail(400, { action: 'close', errors: { 'close-reason': t('cases.errorCloseReason') }, messages: [] as string[], values })
    return act(event, 'close', { type: 'close', reason }, values, (f) => (f === 'reason' ? 'close-reason' : null), t('cases.caseClosed'))
  },
}

const MAX_ACTIONS = 2
const isKind = (v: string): v is InformationKind => (INFORMATION_KINDS as readonly string[]).includes(v)

type Input = NonNullable<(typeof ACT_ON_CASE)['__types']>['variables']['input']

/** Calls actOnCase; a refusal comes back with the API's field error under the form's own field name. */
async function act(
  event: RequestEvent,
  action: string,
  input: Omit<Input, 'caseId'>,
  values: Record<string, unknown>,
  fieldName: (apiField: string) => string | null,
  done: string,
) {
  try {
    await call(event, ACT_ON_CASE, { input: { caseId: String(event.params.id), ...input } })
  } catch (e) {
    const p = actionProblem(e, `case ${input.type}`)
    const field = p.field ? fieldName(p.field) : null
    const errors = field ? { [field]: p.messages.join(' ') } : {}
    return fail(p.status, { action, errors, messages: field ? [] : p.messages, values })
  }
  return { action, done }
}
