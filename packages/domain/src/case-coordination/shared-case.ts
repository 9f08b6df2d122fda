// A shared case across agencies, the ComLink way. Source: MSF, "Forging Closer Partnerships"
// (../shared/seeds/msf-comlink-closer-partnerships.txt):
//   para 3: "proactive case support and coordination ... through regular case discussions within the
//     local workgroups, to track families' progress and link them up to the right agencies";
//   para 5: "local implementation workgroups ... (comprising officers from the respective SSOs and
//     community partners)";
//   para 8: "frontline officers often need to make referrals to other agencies and coordinate support
//     closely across agencies. We will digitalise this process to make referrals, shared assessments
//     and coordination across agencies easier".
// Adapted to Aotearoa: one lead agency holds the case (issue 6: "Closing a case needs the lead
// agency"), member agencies join it only as far as the family's consent names them (Privacy Act
// 2020, IPP 11: checkConsentCovers, reused), and each sees only the kinds of information the consent
// covers for it. Pure: the use case loads the case with its consent, calls `decideCase`, and writes
// the result in one transaction.
import { z } from 'zod'
import type { Actor } from '../actor'
import { INFORMATION_KINDS, type InformationKind } from '../consent/consent-enums'
import type { ConsentView, Redacted } from '../consent/coverage'
import { AppError, validationError } from '../errors'
import { nzDateOf } from '../sla/nz-time'
import { endOfNzDate } from '../care-partners/calendar'
import {
  instantField,
  isoDateField,
  listOr,
  oneOfField,
  textField,
  uuidField,
} from '../care-partners/fields'
import {
  ASSESSMENT_SECTION_CODES,
  ASSESSMENT_SECTION_TITLE,
  assessmentFor,
  consentNamesAgency,
  consentProblemsFor,
  type AgencyContext,
  type AssessmentAnswer,
  type SectionView,
} from './shared-assessment'

// ─── The case ───────────────────────────────────────────────────────────────────────────────────

export const CASE_STATUSES = ['OPEN', 'CLOSED'] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

export interface CaseMember {
  organisationId: string
  joinedAt: Date
  addedByUserId: string
}

/** A named officer of the workgroup, acting for one member agency. */
export interface CaseOfficer {
  userId: string
  name: string
  organisationId: string
  addedAt: Date
}

export interface CaseAction {
  id: string
  description: string
  ownerUserId: string
  /** New Zealand date the action is due. */
  dueOn: string
  completedAt: Date | null
  completedByUserId: string | null
}

export interface CaseDiscussion {
  id: string
  heldAt: Date
  recordedByUserId: string
  recordedByOrganisationId: string
  attendeeUserIds: readonly string[]
  minutes: string
  /** The kinds of personal information the minutes and actions contain: they decide who reads them. */
  informationKinds: readonly InformationKind[]
  actions: readonly CaseAction[]
}

export interface CaseEvent {
  type: 'open' | CaseCommandType
  at: Date
  byUserId: string
  byOrganisationId: string
  note: string | null
}

export interface SharedCase {
  id: string
  /** The person (or whānau lead) the case is about. */
  personId: string
  status: CaseStatus
  leadOrganisationId: string
  /** Member agencies, the lead among them. */
  members: readonly CaseMember[]
  workgroup: readonly CaseOfficer[]
  /** The person's consents, loaded with the case (see AgencyContext.consents). */
  consents: readonly ConsentView[]
  assessment: readonly AssessmentAnswer[]
  discussions: readonly CaseDiscussion[]
  linkedReferralIds: readonly string[]
  openedAt: Date
  closure: { at: Date; byUserId: string; reason: string } | null
  history: readonly CaseEvent[]
}

// ─── Inputs ─────────────────────────────────────────────────────────────────────────────────────

const reasonField = (purpose: string) => textField('reason', 2000, `reason is required ${purpose}`)

export const ZOpenSharedCaseInput = z.object({
  personId: uuidField('personId'),
  leadOrganisationId: uuidField('leadOrganisationId'),
})
export type TOpenSharedCaseInput = z.input<typeof ZOpenSharedCaseInput>

const ZCaseActionInput = z.object({
  id: uuidField('id'),
  description: textField('description', 1000),
  ownerUserId: uuidField('ownerUserId'),
  dueOn: isoDateField('dueOn'),
})

export const CASE_COMMAND_TYPES = [
  'addMember',
  'removeMember',
  'addOfficer',
  'removeOfficer',
  'recordDiscussion',
  'completeAction',
  'reassignAction',
  'answerSection',
  'reviseSection',
  'linkReferral',
  'transferLead',
  'close',
  'reopen',
] as const
export type CaseCommandType = (typeof CASE_COMMAND_TYPES)[number]

export const ZCaseCommand = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('addMember'), organisationId: uuidField('organisationId') }),
    z.object({
      type: z.literal('removeMember'),
      organisationId: uuidField('organisationId'),
      reason: reasonField('to remove an agency'),
    }),
    z.object({
      type: z.literal('addOfficer'),
      userId: uuidField('userId'),
      name: textField('name', 200),
      organisationId: uuidField('organisationId'),
    }),
    z.object({ type: z.literal('removeOfficer'), userId: uuidField('userId') }),
    z.object({
      type: z.literal('recordDiscussion'),
      id: uuidField('id'),
      heldAt: instantField('heldAt'),
      attendeeUserIds: z
        .array(uuidField('attendeeUserIds'), { error: 'attendeeUserIds must be a list' })
        .min(1, { error: 'attendeeUserIds must name at least one officer' })
        .max(50, { error: 'attendeeUserIds can name at most 50' }),
      minutes: textField('minutes', 20_000),
      informationKinds: z
        .array(oneOfField('informationKinds', INFORMATION_KINDS), { error: 'informationKinds must be a list' })
        .max(INFORMATION_KINDS.length)
        .default([]),
      actions: z.array(ZCaseActionInput, { error: 'actions must be a list' }).max(50).default([]),
    }),
    z.object({ type: z.literal('completeAction'), actionId: uuidField('actionId') }),
    z.object({
      type: z.literal('reassignAction'),
      actionId: uuidField('actionId'),
      ownerUserId: uuidField('ownerUserId'),
    }),
    z.object({
      type: z.literal('answerSection'),
      section: oneOfField('section', ASSESSMENT_SECTION_CODES),
      answer: textField('answer', 10_000),
    }),
    z.object({
      type: z.literal('reviseSection'),
      section: oneOfField('section', ASSESSMENT_SECTION_CODES),
      answer: textField('answer', 10_000),
      reason: reasonField('to revise an answer'),
    }),
    z.object({ type: z.literal('linkReferral'), referralId: uuidField('referralId') }),
    z.object({ type: z.literal('transferLead'), organisationId: uuidField('organisationId') }),
    z.object({ type: z.literal('close'), reason: reasonField('to close a case') }),
    z.object({ type: z.literal('reopen'), reason: reasonField('to reopen a case') }),
  ],
  { error: () => `type must be one of ${listOr(CASE_COMMAND_TYPES)}` },
)
export type TCaseCommand = z.infer<typeof ZCaseCommand>
export type CaseCommand = z.input<typeof ZCaseCommand>

// ─── Who acts ───────────────────────────────────────────────────────────────────────────────────

/** OFFICER: a named workgroup officer of a member agency; LEAD: such an officer of the lead agency. */
export type CaseParty = 'LEAD' | 'OFFICER'

export interface CaseTransition {
  from: CaseStatus
  command: CaseCommandType
  to: CaseStatus
  by: readonly CaseParty[]
}

const LEAD = ['LEAD'] as const
const OFFICER = ['OFFICER'] as const

/**
 * Each row's party is the widest who may ever; `caseRuleRefusal` then narrows (only your own
 * agency's officers, only your own actions). Nothing but reopening happens to a closed case.
 */
export const CASE_TRANSITIONS: readonly CaseTransition[] = [
  { from: 'OPEN', command: 'addMember', to: 'OPEN', by: LEAD },
  { from: 'OPEN', command: 'removeMember', to: 'OPEN', by: LEAD },
  { from: 'OPEN', command: 'addOfficer', to: 'OPEN', by: OFFICER },
  { from: 'OPEN', command: 'removeOfficer', to: 'OPEN', by: OFFICER },
  { from: 'OPEN', command: 'recordDiscussion', to: 'OPEN', by: OFFICER },
  { from: 'OPEN', command: 'completeAction', to: 'OPEN', by: OFFICER },
  { from: 'OPEN', command: 'reassignAction', to: 'OPEN', by: OFFICER },
  { from: 'OPEN', command: 'answerSection', to: 'OPEN', by: OFFICER },
  { from: 'OPEN', command: 'reviseSection', to: 'OPEN', by: OFFICER },
  { from: 'OPEN', command: 'linkReferral', to: 'OPEN', by: OFFICER },
  { from: 'OPEN', command: 'transferLead', to: 'OPEN', by: LEAD },
  // Issue 6: "Closing a case needs the lead agency."
  { from: 'OPEN', command: 'close', to: 'CLOSED', by: LEAD },
  { from: 'CLOSED', command: 'reopen', to: 'OPEN', by: LEAD },
]

const isMember = (c: Pick<SharedCase, 'members'>, organisationId: string) =>
  c.members.some((m) => m.organisationId === organisationId)

/** The workgroup seats `actor` holds: officer records for agencies they belong to that are members. */
export function officerSeatsOf(actor: Actor, c: SharedCase): CaseOfficer[] {
  if (actor.kind !== 'user') return []
  return c.workgroup.filter(
    (o) =>
      o.userId === actor.user.id &&
      isMember(c, o.organisationId) &&
      actor.memberships.some((m) => m.organisationId === o.organisationId),
  )
}

export function casePartiesOf(actor: Actor, c: SharedCase): CaseParty[] {
  const seats = officerSeatsOf(actor, c)
  if (seats.length === 0) return []
  return seats.some((s) => s.organisationId === c.leadOrganisationId) ? ['LEAD', 'OFFICER'] : ['OFFICER']
}

const PARTY_WORDS: Record<CaseParty, string> = {
  LEAD: 'the lead agency’s officers in the workgroup',
  OFFICER: 'officers named in the case workgroup',
}

const VERBS: Record<CaseCommandType, string> = {
  addMember: 'add an agency to the case',
  removeMember: 'remove an agency from the case',
  addOfficer: 'add an officer to the workgroup',
  removeOfficer: 'remove an officer from the workgroup',
  recordDiscussion: 'record a case discussion',
  completeAction: 'complete an action',
  reassignAction: 'reassign an action',
  answerSection: 'answer an assessment section',
  reviseSection: 'revise an assessment answer',
  linkReferral: 'link a referral',
  transferLead: 'hand the lead to another agency',
  close: 'close the case',
  reopen: 'reopen the case',
}

// ─── Rules beyond the table ─────────────────────────────────────────────────────────────────────

interface RuleContext {
  c: SharedCase
  seats: CaseOfficer[]
  lead: boolean
  userId: string
  at: Date
}

const conflict = (message: string, field?: string) => new AppError('CONFLICT', message, field)
const forbidden = (message: string) => new AppError('FORBIDDEN', message)

function allActions(c: SharedCase): CaseAction[] {
  return c.discussions.flatMap((d) => d.actions)
}

function openActionsOf(c: SharedCase, userIds: readonly string[]): CaseAction[] {
  return allActions(c).filter((a) => a.completedAt === null && userIds.includes(a.ownerUserId))
}

function consentRefusal(c: SharedCase, organisationId: string, at: Date): AppError | null {
  const problems = consentNamesAgency({ organisationId, consents: c.consents, personId: c.personId, at })
  if (problems.length === 0) return null
  return new AppError(
    'CONSENT_REQUIRED',
    `The family’s consent does not let this agency take part in the case: ${problems.map((p) => p.message).join(' ')}`,
    undefined,
    problems.map((p) => ({ code: p.code, message: p.message })),
  )
}

const inWorkgroup = (c: SharedCase, userId: string) =>
  c.workgroup.some((o) => o.userId === userId && isMember(c, o.organisationId))

/** Why a command the table allows is still refused here, or null. Runs after the input is parsed. */
function caseRuleRefusal(cmd: TCaseCommand, ctx: RuleContext): AppError | null {
  const { c, seats, lead, userId, at } = ctx
  const ownOrgs = seats.map((s) => s.organisationId)
  switch (cmd.type) {
    case 'addMember':
      if (isMember(c, cmd.organisationId)) return conflict('This agency is already a member of the case.', 'organisationId')
      return consentRefusal(c, cmd.organisationId, at)
    case 'removeMember': {
      if (cmd.organisationId === c.leadOrganisationId) {
        return conflict('The lead agency cannot be removed: hand the lead to another agency first.', 'organisationId')
      }
      if (!isMember(c, cmd.organisationId)) return conflict('This agency is not a member of the case.', 'organisationId')
      const officers = c.workgroup.filter((o) => o.organisationId === cmd.organisationId).map((o) => o.userId)
      const open = openActionsOf(c, officers)
      return open.length > 0
        ? conflict(`Reassign this agency’s open actions first: ${open.map((a) => a.description).join('; ')}.`)
        : null
    }
    case 'addOfficer':
      if (!isMember(c, cmd.organisationId)) {
        return conflict('Officers must come from a member agency: add the agency first.', 'organisationId')
      }
      if (!lead && !ownOrgs.includes(cmd.organisationId)) {
        return forbidden('Only the lead agency adds officers for other agencies; add your own agency’s officers.')
      }
      return c.workgroup.some((o) => o.userId === cmd.userId && o.organisationId === cmd.organisationId)
        ? conflict('This officer is already in the workgroup.', 'userId')
        : null
    case 'removeOfficer': {
      const seat = c.workgroup.find((o) => o.userId === cmd.userId)
      if (!seat) return conflict('This person is not in the workgroup.', 'userId')
      if (!lead && !ownOrgs.includes(seat.organisationId)) {
        return forbidden('Only the lead agency removes officers of other agencies.')
      }
      if (
        seat.organisationId === c.leadOrganisationId &&
        c.workgroup.filter((o) => o.organisationId === c.leadOrganisationId).length === 1
      ) {
        return conflict('The lead agency must keep at least one officer in the workgroup.', 'userId')
      }
      const open = openActionsOf(c, [cmd.userId])
      return open.length > 0
        ? conflict(`Reassign this officer’s open actions first: ${open.map((a) => a.description).join('; ')}.`)
        : null
    }
    case 'recordDiscussion': {
      if (c.discussions.some((d) => d.id === cmd.id)) return conflict('This discussion is already recorded.', 'id')
      if (cmd.heldAt.getTime() > at.getTime()) return conflict('heldAt must not be in the future.', 'heldAt')
      const strangers = cmd.attendeeUserIds.filter((u) => !inWorkgroup(c, u))
      if (strangers.length > 0) {
        return conflict('Every attendee must be an officer in the workgroup.', 'attendeeUserIds')
      }
      const heldOn = nzDateOf(cmd.heldAt)
      const known = new Set(allActions(c).map((a) => a.id))
      for (const [i, a] of cmd.actions.entries()) {
        if (!inWorkgroup(c, a.ownerUserId)) {
          return conflict('Every action needs an owner from the workgroup.', `actions.${i}.ownerUserId`)
        }
        if (a.dueOn < heldOn) return conflict('An action cannot be due before the discussion.', `actions.${i}.dueOn`)
        if (known.has(a.id)) return conflict('This action is already recorded.', `actions.${i}.id`)
        known.add(a.id)
      }
      return null
    }
    case 'completeAction':
    case 'reassignAction': {
      const action = allActions(c).find((a) => a.id === cmd.actionId)
      if (!action) return new AppError('NOT_FOUND', 'There is no such action on this case.', 'actionId')
      if (action.completedAt !== null) return conflict('This action is already complete.', 'actionId')
      if (!lead && action.ownerUserId !== userId) {
        return forbidden(`Only the action’s owner or the lead agency may ${VERBS[cmd.type].split(' ')[0]} it.`)
      }
      if (cmd.type === 'reassignAction' && !inWorkgroup(c, cmd.ownerUserId)) {
        return conflict('The new owner must be an officer in the workgroup.', 'ownerUserId')
      }
      return null
    }
    case 'answerSection': {
      const answered = c.assessment.find((a) => a.section === cmd.section)
      // ComLink, para 8: the family is not asked again for what one agency already has.
      return answered
        ? conflict(
            `${ASSESSMENT_SECTION_TITLE[cmd.section]} was answered on ${nzDateOf(answered.answeredAt)}: ` +
              'reuse that answer rather than asking the family again.',
            'section',
          )
        : null
    }
    case 'reviseSection': {
      const answered = c.assessment.find((a) => a.section === cmd.section)
      if (!answered) return conflict('This section has not been answered yet: answer it instead.', 'section')
      return lead || ownOrgs.includes(answered.answeredByOrganisationId)
        ? null
        : forbidden('Only the agency that answered a section, or the lead agency, may revise it.')
    }
    case 'linkReferral':
      return c.linkedReferralIds.includes(cmd.referralId)
        ? conflict('This referral is already linked to the case.', 'referralId')
        : null
    case 'transferLead':
      if (cmd.organisationId === c.leadOrganisationId) return conflict('This agency already leads the case.', 'organisationId')
      if (!isMember(c, cmd.organisationId)) return conflict('The lead can pass only to a member agency.', 'organisationId')
      return c.workgroup.some((o) => o.organisationId === cmd.organisationId)
        ? null
        : conflict('The new lead agency needs an officer in the workgroup first.', 'organisationId')
    case 'close':
    case 'reopen':
      return null
  }
}

// ─── Deciding ───────────────────────────────────────────────────────────────────────────────────

export type CaseRecipient = { kind: 'ORGANISATION'; organisationId: string } | { kind: 'USER'; userId: string }

export interface CaseNotification {
  to: CaseRecipient
  event: CaseEvent['type']
  caseId: string
}

export type CaseDecision =
  | { ok: true; sharedCase: SharedCase; event: CaseEvent; notifications: CaseNotification[] }
  | { ok: false; error: AppError }

/**
 * Whether `actor` may apply `command` to the case at `at`, and the case after it. Checks, in order:
 * the command type (VALIDATION_FAILED); signed in (UNAUTHENTICATED); the actor is a workgroup
 * officer at all, or of the lead agency where the row needs it (FORBIDDEN); the status
 * (CONFLICT); the input (VALIDATION_FAILED); then the command's own rules (CONFLICT, FORBIDDEN,
 * CONSENT_REQUIRED, NOT_FOUND).
 */
export function decideCase(c: SharedCase, command: CaseCommand, actor: Actor, at: Date): CaseDecision {
  const type = (command as { type?: unknown }).type
  const rows = CASE_TRANSITIONS.filter((r) => r.command === type)
  const first = rows[0]
  if (!first) {
    return {
      ok: false,
      error: new AppError('VALIDATION_FAILED', `type must be one of ${listOr(CASE_COMMAND_TYPES)}`, 'type'),
    }
  }
  if (actor.kind !== 'user') return { ok: false, error: new AppError('UNAUTHENTICATED') }
  const parties = casePartiesOf(actor, c)
  const verb = VERBS[first.command]
  const needed = [...new Set(rows.flatMap((r) => r.by))]
  if (!needed.some((p) => parties.includes(p))) {
    return { ok: false, error: forbidden(`Only ${listOr(needed.map((p) => PARTY_WORDS[p]))} may ${verb}.`) }
  }
  const row = rows.find((r) => r.from === c.status)
  if (!row) return { ok: false, error: conflict(`Cannot ${verb}: the case is ${c.status.toLowerCase()}.`) }
  const parsed = ZCaseCommand.safeParse(command)
  if (!parsed.success) return { ok: false, error: validationError(parsed.error.issues) }
  const cmd = parsed.data
  const seats = officerSeatsOf(actor, c)
  const lead = parties.includes('LEAD')
  const refusal = caseRuleRefusal(cmd, { c, seats, lead, userId: actor.user.id, at })
  if (refusal) return { ok: false, error: refusal }
  // Acting for the lead agency where the actor holds that seat, else their first seat.
  const byOrganisationId =
    (lead ? c.leadOrganisationId : undefined) ?? seats[0]?.organisationId ?? c.leadOrganisationId
  return { ok: true, ...apply(c, cmd, row.to, actor.user.id, byOrganisationId, at) }
}

function noteOf(cmd: TCaseCommand): string | null {
  switch (cmd.type) {
    case 'addMember':
    case 'transferLead':
      return cmd.organisationId
    case 'removeMember':
      return `${cmd.organisationId}: ${cmd.reason}`
    case 'addOfficer':
    case 'removeOfficer':
      return cmd.userId
    case 'recordDiscussion':
      return cmd.id
    case 'completeAction':
      return cmd.actionId
    case 'reassignAction':
      return `${cmd.actionId} → ${cmd.ownerUserId}`
    case 'answerSection':
      return cmd.section
    case 'reviseSection':
      return `${cmd.section}: ${cmd.reason}`
    case 'linkReferral':
      return cmd.referralId
    case 'close':
    case 'reopen':
      return cmd.reason
  }
}

function apply(
  c: SharedCase,
  cmd: TCaseCommand,
  to: CaseStatus,
  userId: string,
  byOrganisationId: string,
  at: Date,
): { sharedCase: SharedCase; event: CaseEvent; notifications: CaseNotification[] } {
  const event: CaseEvent = { type: cmd.type, at, byUserId: userId, byOrganisationId, note: noteOf(cmd) }
  let next: SharedCase = { ...c, status: to, history: [...c.history, event] }
  const notify: CaseRecipient[] = []
  const updateAction = (id: string, change: (a: CaseAction) => CaseAction) => ({
    discussions: c.discussions.map((d) => ({
      ...d,
      actions: d.actions.map((a) => (a.id === id ? change(a) : a)),
    })),
  })
  switch (cmd.type) {
    case 'addMember':
      next = { ...next, members: [...c.members, { organisationId: cmd.organisationId, joinedAt: at, addedByUserId: userId }] }
      notify.push({ kind: 'ORGANISATION', organisationId: cmd.organisationId })
      break
    case 'removeMember':
      next = {
        ...next,
        members: c.members.filter((m) => m.organisationId !== cmd.organisationId),
        workgroup: c.workgroup.filter((o) => o.organisationId !== cmd.organisationId),
      }
      notify.push({ kind: 'ORGANISATION', organisationId: cmd.organisationId })
      break
    case 'addOfficer':
      next = {
        ...next,
        workgroup: [...c.workgroup, { userId: cmd.userId, name: cmd.name, organisationId: cmd.organisationId, addedAt: at }],
      }
      notify.push({ kind: 'USER', userId: cmd.userId })
      break
    case 'removeOfficer':
      next = { ...next, workgroup: c.workgroup.filter((o) => o.userId !== cmd.userId) }
      break
    case 'recordDiscussion':
      next = {
        ...next,
        discussions: [
          ...c.discussions,
          {
            id: cmd.id,
            heldAt: cmd.heldAt,
            recordedByUserId: userId,
            recordedByOrganisationId: byOrganisationId,
            attendeeUserIds: [...new Set(cmd.attendeeUserIds)],
            minutes: cmd.minutes,
            informationKinds: [...new Set(cmd.informationKinds)],
            actions: cmd.actions.map((a) => ({ ...a, completedAt: null, completedByUserId: null })),
          },
        ],
      }
      for (const owner of new Set(cmd.actions.map((a) => a.ownerUserId))) {
        if (owner !== userId) notify.push({ kind: 'USER', userId: owner })
      }
      break
    case 'completeAction':
      next = { ...next, ...updateAction(cmd.actionId, (a) => ({ ...a, completedAt: at, completedByUserId: userId })) }
      break
    case 'reassignAction':
      next = { ...next, ...updateAction(cmd.actionId, (a) => ({ ...a, ownerUserId: cmd.ownerUserId })) }
      if (cmd.ownerUserId !== userId) notify.push({ kind: 'USER', userId: cmd.ownerUserId })
      break
    case 'answerSection':
      next = {
        ...next,
        assessment: [
          ...c.assessment,
          {
            section: cmd.section,
            answer: cmd.answer,
            answeredAt: at,
            answeredByUserId: userId,
            answeredByOrganisationId: byOrganisationId,
            revisions: 0,
          },
        ],
      }
      break
    case 'reviseSection':
      // The answering agency stays the source: a revision corrects its record, it does not take it over.
      next = {
        ...next,
        assessment: c.assessment.map((a) =>
          a.section === cmd.section ? { ...a, answer: cmd.answer, answeredAt: at, revisions: a.revisions + 1 } : a,
        ),
      }
      break
    case 'linkReferral':
      next = { ...next, linkedReferralIds: [...c.linkedReferralIds, cmd.referralId] }
      break
    case 'transferLead':
      next = { ...next, leadOrganisationId: cmd.organisationId }
      notify.push({ kind: 'ORGANISATION', organisationId: cmd.organisationId })
      break
    case 'close':
      next = { ...next, closure: { at, byUserId: userId, reason: cmd.reason } }
      for (const m of c.members) {
        if (m.organisationId !== byOrganisationId) notify.push({ kind: 'ORGANISATION', organisationId: m.organisationId })
      }
      break
    case 'reopen':
      next = { ...next, closure: null }
      for (const m of c.members) {
        if (m.organisationId !== byOrganisationId) notify.push({ kind: 'ORGANISATION', organisationId: m.organisationId })
      }
      break
  }
  return { sharedCase: next, event, notifications: notify.map((to) => ({ to, event: cmd.type, caseId: c.id })) }
}

/**
 * The commands `actor` may apply now, as far as the status and their seat decide (the buttons to
 * show); a command's own rules (whose action, which agency) are checked when it is sent.
 */
export function availableCaseCommands(c: SharedCase, actor: Actor): CaseCommandType[] {
  const parties = casePartiesOf(actor, c)
  return CASE_TRANSITIONS.filter((r) => r.from === c.status && r.by.some((p) => parties.includes(p))).map(
    (r) => r.command,
  )
}

// ─── Opening ────────────────────────────────────────────────────────────────────────────────────

/**
 * Opens a case led by the actor's own agency, with the actor as its first officer. The family's
 * consent must stand and name the lead agency.
 */
export function openSharedCase(args: {
  id: string
  input: TOpenSharedCaseInput
  /** The person's consents. */
  consents: readonly ConsentView[]
  actor: Actor
  at: Date
}): CaseDecision {
  const { actor, at } = args
  if (actor.kind !== 'user') return { ok: false, error: new AppError('UNAUTHENTICATED') }
  const parsed = ZOpenSharedCaseInput.safeParse(args.input)
  if (!parsed.success) return { ok: false, error: validationError(parsed.error.issues) }
  const { personId, leadOrganisationId } = parsed.data
  if (!actor.memberships.some((m) => m.organisationId === leadOrganisationId)) {
    return { ok: false, error: forbidden('Open a case only for an agency you belong to: it will lead the case.') }
  }
  const event: CaseEvent = { type: 'open', at, byUserId: actor.user.id, byOrganisationId: leadOrganisationId, note: null }
  const sharedCase: SharedCase = {
    id: args.id,
    personId,
    status: 'OPEN',
    leadOrganisationId,
    members: [{ organisationId: leadOrganisationId, joinedAt: at, addedByUserId: actor.user.id }],
    workgroup: [{ userId: actor.user.id, name: actor.user.name, organisationId: leadOrganisationId, addedAt: at }],
    consents: args.consents.filter((c) => c.personId === personId),
    assessment: [],
    discussions: [],
    linkedReferralIds: [],
    openedAt: at,
    closure: null,
    history: [event],
  }
  const refusal = consentRefusal(sharedCase, leadOrganisationId, at)
  if (refusal) return { ok: false, error: refusal }
  return { ok: true, sharedCase, event, notifications: [] }
}

// ─── What a member agency sees ──────────────────────────────────────────────────────────────────

export interface CaseActionView extends Omit<CaseAction, 'description'> {
  description: string | Redacted
  discussionId: string
}

export interface CaseDiscussionView extends Omit<CaseDiscussion, 'minutes' | 'actions'> {
  minutes: string | Redacted
  actions: CaseActionView[]
}

export interface SharedCaseView
  extends Omit<SharedCase, 'assessment' | 'discussions' | 'consents' | 'history'> {
  /** The agency this view is for. */
  viewerOrganisationId: string
  isLead: boolean
  /** The kinds the family's consent lets this agency see now. */
  visibleKinds: InformationKind[]
  assessment: SectionView[]
  discussions: CaseDiscussionView[]
}

/**
 * The case as one member agency sees it at `at`: assessment sections and discussion minutes (with
 * their actions' descriptions) only where the consent covers their kinds for this agency, or the
 * agency recorded them itself. Who the officers are, what actions exist, their owners and due dates
 * are always shown: the workgroup's coordination is not the family's personal information. Null for
 * an agency that is not a member.
 */
export function caseViewFor(c: SharedCase, organisationId: string, at: Date): SharedCaseView | null {
  if (!isMember(c, organisationId)) return null
  const ctx: AgencyContext = { organisationId, consents: c.consents, personId: c.personId, at }
  const hiddenReason = (d: CaseDiscussion): string | null => {
    if (d.recordedByOrganisationId === organisationId) return null
    const problems = d.informationKinds.flatMap((k) => consentProblemsFor(k, ctx))
    return problems.length === 0 ? null : [...new Set(problems.map((p) => p.message))].join(' ')
  }
  const { assessment, discussions, consents: _consents, history: _history, ...rest } = c
  return {
    ...rest,
    viewerOrganisationId: organisationId,
    isLead: organisationId === c.leadOrganisationId,
    visibleKinds: INFORMATION_KINDS.filter((k) => consentProblemsFor(k, ctx).length === 0),
    assessment: assessmentFor(assessment, ctx),
    discussions: discussions.map((d) => {
      const reason = hiddenReason(d)
      const hide = (text: string): string | Redacted => (reason === null ? text : { redacted: true, reason })
      return {
        ...d,
        minutes: hide(d.minutes),
        actions: d.actions.map((a) => ({ ...a, description: hide(a.description), discussionId: d.id })),
      }
    }),
  }
}

/** Open actions due on or before `now`'s New Zealand date, soonest first: "actions due". */
export function caseActionsDue(c: SharedCase, now: Date): CaseAction[] {
  const today = nzDateOf(now)
  return allActions(c)
    .filter((a) => a.completedAt === null && a.dueOn <= today)
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0))
}

/** Open actions whose due date has ended by `now`. */
export function overdueCaseActions(c: SharedCase, now: Date): CaseAction[] {
  return caseActionsDue(c, now).filter((a) => endOfNzDate(a.dueOn).getTime() <= now.getTime())
}
