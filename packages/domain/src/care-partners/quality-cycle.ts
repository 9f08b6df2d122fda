// The partnered-care Quality Assurance cycle for approved care partners. Source: "Partnered Care"
// (Oranga Tamariki, ../shared/seeds/oranga-tamariki-partnered-care.txt), Quality Assurance:
//   "Partnership Touchpoints occur throughout the year ... to reflect on how the partnership is
//     working ... and address any concerns as early as possible."
//   "Annual Care Partners Reflections are intended to create space once a year ... to celebrate
//     positive outcomes, discuss the quality of practice".
//   "The Partnered Care Quality Review will involve a holistic assessment ... on a two-yearly basis.
//     This will inform the Care Partner confirmation process."
//   "Communities of Practice are regular learning forums to share insights, learnings, challenges".
//   "The Escalation Process was developed to ensure all individuals and organisations involved in
//     partnered care have an avenue to express, raise and escalate concerns to resolve issues as
//     early as possible. This process can be triggered at any point throughout the Quality cycle."
//   "The Celebration Process is an opportunity to share successes and highlight positive experiences".
// And the s396 information sheet, Roles and Responsibilities: advisors "Invite National Quality Lead
// to first Partnership Touchpoint conversation".
// The sources give no frequency for touchpoints or communities of practice and no deadlines for
// escalations: the defaults below are this project's, named as options so they can be changed.
import { z } from 'zod'
import { can, type Actor } from '../actor'
import { AppError, validationError } from '../errors'
import type { Role } from '../roles'
import { addBusinessHours, type BusinessClockOptions } from '../sla/business-hours'
import { nzDateOf } from '../sla/nz-time'
import { addMonthsToDate, endOfNzDate } from './calendar'
import { isoDateField, listOr, optionalTextField, referenceField, textField, uuidField } from './fields'

// ─── Items ──────────────────────────────────────────────────────────────────────────────────────

export const QUALITY_ITEM_KINDS = [
  'PARTNERSHIP_TOUCHPOINT',
  'ANNUAL_REFLECTION',
  'QUALITY_REVIEW',
  'COMMUNITY_OF_PRACTICE',
  'ESCALATION_ACKNOWLEDGEMENT',
  'ESCALATION_RESOLUTION',
  'CELEBRATION_SHARING',
] as const
export type QualityItemKind = (typeof QUALITY_ITEM_KINDS)[number]

/** Who takes part, beyond the role the item is assigned to. */
export type QualityParticipant =
  | 'CARE_PARTNER'
  | 'QUALITY_HUB'
  | 'QUALITY_MANAGER'
  | 'NATIONAL_QUALITY_LEAD'
  | 'CARE_PARTNERS_NETWORK'
  | 'RAISER'

export interface QualityCycleItem {
  /** Deterministic: the same partner and approval give the same ids, so regenerating is idempotent. */
  id: string
  kind: QualityItemKind
  carePartnerOrganisationId: string
  title: string
  /** The New Zealand date it is due. */
  dueOn: string
  /** The instant it becomes overdue: the end of `dueOn` in New Zealand, or an escalation's deadline. */
  dueBy: Date
  /** The role that holds it (the Quality Hub's or Quality Manager's home page lists it). */
  assignedRole: Role
  participants: readonly QualityParticipant[]
  /** The two-yearly review "will inform the Care Partner confirmation process". */
  feedsReconfirmation: boolean
  completedAt: Date | null
  /** The escalation or celebration an item tracks. */
  sourceId?: string
}

const ITEM_TITLES: Record<QualityItemKind, string> = {
  PARTNERSHIP_TOUCHPOINT: 'Partnership touchpoint',
  ANNUAL_REFLECTION: 'Annual care partner reflection',
  QUALITY_REVIEW: 'Partnered care quality review',
  COMMUNITY_OF_PRACTICE: 'Community of practice',
  ESCALATION_ACKNOWLEDGEMENT: 'Acknowledge the escalation',
  ESCALATION_RESOLUTION: 'Resolve the escalation',
  CELEBRATION_SHARING: 'Share the celebration',
}

const MONTH_STEPS = [1, 2, 3, 4, 6, 12] as const

export const ZQualityCycleOptions = z.object({
  carePartnerOrganisationId: uuidField('carePartnerOrganisationId'),
  /** How far ahead to schedule. Two years is one quality review cycle. */
  years: z
    .number({ error: 'years must be a whole number from 1 to 10' })
    .int({ error: 'years must be a whole number from 1 to 10' })
    .min(1, { error: 'years must be a whole number from 1 to 10' })
    .max(10, { error: 'years must be a whole number from 1 to 10' })
    .default(2),
  /** "throughout the year": quarterly unless agreed otherwise. */
  touchpointsPerYear: z
    .literal([1, 2, 3, 4, 6, 12], { error: 'touchpointsPerYear must be 1, 2, 3, 4, 6 or 12' })
    .default(4),
  /** "regular learning forums": every three months unless agreed otherwise. */
  communityOfPracticeEveryMonths: z
    .literal(MONTH_STEPS, { error: `communityOfPracticeEveryMonths must be ${listOr(MONTH_STEPS.map(String))}` })
    .default(3),
})
export type TQualityCycleOptions = z.input<typeof ZQualityCycleOptions>

const KIND_ORDER = Object.fromEntries(QUALITY_ITEM_KINDS.map((k, i) => [k, i])) as Record<QualityItemKind, number>

/**
 * The dated, assigned items of a partner's quality cycle, from its approval (the anchor is the New
 * Zealand date of `approvedAt`) for `years` years:
 * - a partnership touchpoint every 12 / touchpointsPerYear months, the first with the National
 *   Quality Lead invited;
 * - an annual care partner reflection on each anniversary;
 * - a partnered care quality review on every second anniversary, marked as feeding re-confirmation;
 * - a community of practice every `communityOfPracticeEveryMonths` months.
 * Every date counts from the anchor (31 August plus six months is the end of February), so a series
 * never drifts; all are assigned to the Quality Hub, which leads the cycle. Sorted by date.
 */
export function qualityCycleSchedule(approvedAt: Date, options: TQualityCycleOptions): QualityCycleItem[] {
  const parsed = ZQualityCycleOptions.safeParse(options)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const { carePartnerOrganisationId: org, years, touchpointsPerYear, communityOfPracticeEveryMonths } = parsed.data
  const anchor = nzDateOf(approvedAt)
  const items: QualityCycleItem[] = []
  const add = (
    kind: QualityItemKind,
    n: number,
    months: number,
    participants: readonly QualityParticipant[],
    feedsReconfirmation = false,
  ) => {
    const dueOn = addMonthsToDate(anchor, months)
    items.push({
      id: `${org}:${anchor}:${kind}:${n}`,
      kind,
      carePartnerOrganisationId: org,
      title: `${ITEM_TITLES[kind]} ${n}`,
      dueOn,
      dueBy: endOfNzDate(dueOn),
      assignedRole: 'QUALITY_HUB',
      participants,
      feedsReconfirmation,
      completedAt: null,
    })
  }
  const touchpointMonths = 12 / touchpointsPerYear
  for (let n = 1; n <= years * touchpointsPerYear; n++) {
    add(
      'PARTNERSHIP_TOUCHPOINT',
      n,
      n * touchpointMonths,
      n === 1 ? ['CARE_PARTNER', 'QUALITY_HUB', 'NATIONAL_QUALITY_LEAD'] : ['CARE_PARTNER', 'QUALITY_HUB'],
    )
  }
  for (let n = 1; n <= years; n++) add('ANNUAL_REFLECTION', n, 12 * n, ['CARE_PARTNER', 'QUALITY_HUB'])
  for (let n = 1; 2 * n <= years; n++) {
    add('QUALITY_REVIEW', n, 24 * n, ['CARE_PARTNER', 'QUALITY_HUB'], true)
  }
  for (let n = 1; n * communityOfPracticeEveryMonths <= years * 12; n++) {
    add('COMMUNITY_OF_PRACTICE', n, n * communityOfPracticeEveryMonths, ['CARE_PARTNER', 'CARE_PARTNERS_NETWORK'])
  }
  return sortItems(items)
}

function sortItems(items: QualityCycleItem[]): QualityCycleItem[] {
  return items.sort(
    (a, b) =>
      a.dueBy.getTime() - b.dueBy.getTime() ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.id.localeCompare(b.id),
  )
}

/** Done at `now`: completed at or before it (a completion recorded for later has not happened yet). */
export function isItemDone(item: Pick<QualityCycleItem, 'completedAt'>, now: Date): boolean {
  return item.completedAt !== null && item.completedAt.getTime() <= now.getTime()
}

export function isItemOverdue(item: Pick<QualityCycleItem, 'completedAt' | 'dueBy'>, now: Date): boolean {
  return !isItemDone(item, now) && now.getTime() >= item.dueBy.getTime()
}

/**
 * The items overdue at `now`, oldest first: what the care partner's and the Quality Hub's home
 * pages show. An item due today is not overdue until the day ends.
 */
export function overdueItems<T extends Pick<QualityCycleItem, 'completedAt' | 'dueBy'>>(
  items: readonly T[],
  now: Date,
): T[] {
  return items.filter((i) => isItemOverdue(i, now)).sort((a, b) => a.dueBy.getTime() - b.dueBy.getTime())
}

// ─── Who is involved ────────────────────────────────────────────────────────────────────────────

/** Oranga Tamariki roles involved in partnered care. */
const OT_CARE_ROLES: readonly Role[] = ['OT_OFFICER', 'QUALITY_HUB', 'QUALITY_MANAGER', 'DCE_MPC', 'BUDGET_MANAGER']

export interface PartnerContext {
  carePartnerOrganisationId: string
  /** Other organisations involved in this partner's care (a caregiver's organisation, a site). */
  involvedOrganisationIds?: readonly string[]
}

/**
 * "all individuals and organisations involved in partnered care": anyone in the care partner (its
 * caregivers' organisation) or another organisation involved, and Oranga Tamariki's care roles.
 * Returns the organisation they act for, or null when they are not involved.
 */
export function involvementOf(actor: Actor, ctx: PartnerContext): { organisationId: string } | null {
  if (actor.kind !== 'user') return null
  const orgs = [ctx.carePartnerOrganisationId, ...(ctx.involvedOrganisationIds ?? [])]
  const member = actor.memberships.find((m) => orgs.includes(m.organisationId))
  if (member) return { organisationId: member.organisationId }
  const ot = actor.memberships.find((m) => OT_CARE_ROLES.includes(m.role))
  return ot ? { organisationId: ot.organisationId } : null
}

const NOT_INVOLVED = 'Only people involved in this partner’s care, and Oranga Tamariki’s care teams, may do this.'

// ─── Escalation ─────────────────────────────────────────────────────────────────────────────────

export const ESCALATION_STATUSES = ['RAISED', 'ACKNOWLEDGED', 'ESCALATED', 'RESOLVED'] as const
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number]

export const ESCALATION_COMMAND_TYPES = ['acknowledge', 'escalate', 'resolve'] as const
export type EscalationCommandType = (typeof ESCALATION_COMMAND_TYPES)[number]

/**
 * RAISER: the person who raised it; QUALITY_HUB: care-partner:review; QUALITY_MANAGER:
 * care-partner:endorse. Members of the care partner play no Oranga Tamariki part in it.
 */
export type EscalationParty = 'RAISER' | 'QUALITY_HUB' | 'QUALITY_MANAGER'

export interface EscalationTransition {
  from: EscalationStatus
  command: EscalationCommandType
  to: EscalationStatus
  by: readonly EscalationParty[]
}

/** Raise, acknowledge, resolve; and escalate to the MPC Quality Manager when that is not enough. */
export const ESCALATION_TRANSITIONS: readonly EscalationTransition[] = [
  { from: 'RAISED', command: 'acknowledge', to: 'ACKNOWLEDGED', by: ['QUALITY_HUB'] },
  { from: 'RAISED', command: 'escalate', to: 'ESCALATED', by: ['RAISER', 'QUALITY_HUB'] },
  { from: 'ACKNOWLEDGED', command: 'escalate', to: 'ESCALATED', by: ['RAISER', 'QUALITY_HUB'] },
  { from: 'ACKNOWLEDGED', command: 'resolve', to: 'RESOLVED', by: ['QUALITY_HUB'] },
  { from: 'ESCALATED', command: 'resolve', to: 'RESOLVED', by: ['QUALITY_MANAGER'] },
]

/** Project defaults (the source sets no times): two business days to acknowledge, ten to resolve. */
export const ESCALATION_DEFAULTS = {
  acknowledgeWithinBusinessHours: 18,
  resolveWithinBusinessHours: 90,
} as const

export interface EscalationClock {
  acknowledgeWithinBusinessHours?: number
  resolveWithinBusinessHours?: number
  /** The business clock (region for anniversary days, holiday calendar); national holidays by default. */
  business?: BusinessClockOptions
}

interface Recorded {
  at: Date
  byUserId: string
}

export interface EscalationEvent extends Recorded {
  type: 'raise' | EscalationCommandType
  from: EscalationStatus | null
  to: EscalationStatus
  note: string | null
}

export interface Escalation {
  id: string
  carePartnerOrganisationId: string
  involvedOrganisationIds: readonly string[]
  status: EscalationStatus
  concern: string
  /** A child's reference, when the concern is about one child's care. */
  childRef: string | null
  raisedAt: Date
  raisedByUserId: string
  raisedByOrganisationId: string
  acknowledgeBy: Date
  resolveBy: Date
  acknowledged: (Recorded & { note: string | null }) | null
  escalated: (Recorded & { reason: string }) | null
  resolved: (Recorded & { resolution: string }) | null
  history: readonly EscalationEvent[]
}

export type QualityRecipient =
  | { kind: 'ROLE'; role: Role }
  | { kind: 'ORGANISATION'; organisationId: string }
  | { kind: 'USER'; userId: string }

export interface QualityNotification {
  to: QualityRecipient
  event: EscalationEvent['type'] | 'celebrate'
  carePartnerOrganisationId: string
  sourceId: string
}

export const ZRaiseEscalationInput = z.object({
  carePartnerOrganisationId: uuidField('carePartnerOrganisationId'),
  concern: textField('concern', 5000, 'concern is required: say what the concern is'),
  childRef: referenceField('childRef').optional(),
})
export type TRaiseEscalationInput = z.input<typeof ZRaiseEscalationInput>

export const ZEscalationCommand = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('acknowledge'), note: optionalTextField('note', 2000) }),
    z.object({
      type: z.literal('escalate'),
      reason: textField('reason', 2000, 'reason is required to escalate'),
    }),
    z.object({
      type: z.literal('resolve'),
      resolution: textField('resolution', 5000, 'resolution is required: say how it was resolved'),
    }),
  ],
  { error: () => `type must be one of ${listOr(ESCALATION_COMMAND_TYPES)}` },
)
export type EscalationCommand = z.input<typeof ZEscalationCommand>

export type EscalationDecision =
  | { ok: true; escalation: Escalation; event: EscalationEvent; notifications: QualityNotification[] }
  | { ok: false; error: AppError }

export interface RaiseEscalationArgs extends PartnerContext {
  id: string
  actor: Actor
  concern: string
  childRef?: string
  at: Date
  clock?: EscalationClock
}

/**
 * Anyone involved may raise a concern, at any point in the cycle. It goes straight to the Quality
 * Hub (and to the care partner, when someone else raised it), with deadlines on the business clock.
 */
export function raiseEscalation(args: RaiseEscalationArgs): EscalationDecision {
  const { id, actor, at, clock = {} } = args
  if (actor.kind !== 'user') return { ok: false, error: new AppError('UNAUTHENTICATED') }
  const involvement = involvementOf(actor, args)
  if (!involvement) return { ok: false, error: new AppError('FORBIDDEN', NOT_INVOLVED) }
  const input = ZRaiseEscalationInput.safeParse({
    carePartnerOrganisationId: args.carePartnerOrganisationId,
    concern: args.concern,
    childRef: args.childRef,
  })
  if (!input.success) return { ok: false, error: validationError(input.error.issues) }
  const business = clock.business ?? { region: null }
  const event: EscalationEvent = {
    type: 'raise',
    at,
    byUserId: actor.user.id,
    from: null,
    to: 'RAISED',
    note: input.data.concern,
  }
  const escalation: Escalation = {
    id,
    carePartnerOrganisationId: input.data.carePartnerOrganisationId,
    involvedOrganisationIds: [...(args.involvedOrganisationIds ?? [])],
    status: 'RAISED',
    concern: input.data.concern,
    childRef: input.data.childRef ?? null,
    raisedAt: at,
    raisedByUserId: actor.user.id,
    raisedByOrganisationId: involvement.organisationId,
    acknowledgeBy: addBusinessHours(
      at,
      clock.acknowledgeWithinBusinessHours ?? ESCALATION_DEFAULTS.acknowledgeWithinBusinessHours,
      business,
    ),
    resolveBy: addBusinessHours(
      at,
      clock.resolveWithinBusinessHours ?? ESCALATION_DEFAULTS.resolveWithinBusinessHours,
      business,
    ),
    acknowledged: null,
    escalated: null,
    resolved: null,
    history: [event],
  }
  const to: QualityRecipient[] = [{ kind: 'ROLE', role: 'QUALITY_HUB' }]
  if (involvement.organisationId !== escalation.carePartnerOrganisationId) {
    to.push({ kind: 'ORGANISATION', organisationId: escalation.carePartnerOrganisationId })
  }
  return { ok: true, escalation, event, notifications: notify(escalation, 'raise', to) }
}

function notify(
  e: Pick<Escalation, 'carePartnerOrganisationId' | 'id'>,
  event: QualityNotification['event'],
  to: readonly QualityRecipient[],
): QualityNotification[] {
  return to.map((r) => ({ to: r, event, carePartnerOrganisationId: e.carePartnerOrganisationId, sourceId: e.id }))
}

export function escalationPartiesOf(actor: Actor, escalation: Escalation): EscalationParty[] {
  if (actor.kind !== 'user') return []
  const parties: EscalationParty[] = []
  if (actor.user.id === escalation.raisedByUserId) parties.push('RAISER')
  const inPartner = actor.memberships.some((m) => m.organisationId === escalation.carePartnerOrganisationId)
  if (!inPartner && can(actor, 'care-partner:review')) parties.push('QUALITY_HUB')
  if (!inPartner && can(actor, 'care-partner:endorse')) parties.push('QUALITY_MANAGER')
  return parties
}

const ESCALATION_PARTY_WORDS: Record<EscalationParty, string> = {
  RAISER: 'the person who raised it',
  QUALITY_HUB: 'the MPC National Quality Hub',
  QUALITY_MANAGER: 'the MPC Quality Manager',
}

const ESCALATION_STATUS_WORDS: Record<EscalationStatus, string> = {
  RAISED: 'raised',
  ACKNOWLEDGED: 'acknowledged',
  ESCALATED: 'escalated to the MPC Quality Manager',
  RESOLVED: 'resolved',
}

/** Whether `actor` may apply `command` now; checks in the same order as the other state machines. */
export function decideEscalation(
  escalation: Escalation,
  command: EscalationCommand,
  actor: Actor,
  at: Date,
): EscalationDecision {
  const type = (command as { type?: unknown }).type
  const rows = ESCALATION_TRANSITIONS.filter((r) => r.command === type)
  const first = rows[0]
  if (!first) {
    return {
      ok: false,
      error: new AppError('VALIDATION_FAILED', `type must be one of ${listOr(ESCALATION_COMMAND_TYPES)}`, 'type'),
    }
  }
  if (actor.kind !== 'user') return { ok: false, error: new AppError('UNAUTHENTICATED') }
  const parties = escalationPartiesOf(actor, escalation)
  const mayEver = [...new Set(rows.flatMap((r) => r.by))]
  if (!mayEver.some((p) => parties.includes(p))) {
    return {
      ok: false,
      error: new AppError(
        'FORBIDDEN',
        `Only ${listOr(mayEver.map((p) => ESCALATION_PARTY_WORDS[p]))} may ${first.command} an escalation.`,
      ),
    }
  }
  const row = rows.find((r) => r.from === escalation.status)
  if (!row) {
    return {
      ok: false,
      error: new AppError(
        'CONFLICT',
        `Cannot ${first.command} an escalation that is ${ESCALATION_STATUS_WORDS[escalation.status]}.`,
      ),
    }
  }
  if (!row.by.some((p) => parties.includes(p))) {
    return {
      ok: false,
      error: new AppError(
        'FORBIDDEN',
        `Only ${listOr(row.by.map((p) => ESCALATION_PARTY_WORDS[p]))} may ${row.command} an escalation that is ` +
          `${ESCALATION_STATUS_WORDS[escalation.status]}.`,
      ),
    }
  }
  const parsed = ZEscalationCommand.safeParse(command)
  if (!parsed.success) return { ok: false, error: validationError(parsed.error.issues) }
  const c = parsed.data
  const rec = { at, byUserId: actor.user.id }
  const note = c.type === 'acknowledge' ? (c.note ?? null) : c.type === 'escalate' ? c.reason : c.resolution
  const event: EscalationEvent = { type: c.type, ...rec, from: escalation.status, to: row.to, note }
  let next: Escalation = { ...escalation, status: row.to, history: [...escalation.history, event] }
  const raiser: QualityRecipient = { kind: 'USER', userId: escalation.raisedByUserId }
  const others = (rs: QualityRecipient[]) =>
    rs.filter((r) => !(r.kind === 'USER' && r.userId === actor.user.id))
  let to: QualityRecipient[]
  switch (c.type) {
    case 'acknowledge':
      next = { ...next, acknowledged: { ...rec, note: c.note ?? null } }
      to = others([raiser])
      break
    case 'escalate':
      next = { ...next, escalated: { ...rec, reason: c.reason } }
      to = others([{ kind: 'ROLE', role: 'QUALITY_MANAGER' }, raiser])
      break
    case 'resolve':
      next = { ...next, resolved: { ...rec, resolution: c.resolution } }
      to = others([raiser, { kind: 'ORGANISATION', organisationId: escalation.carePartnerOrganisationId }])
      break
  }
  return { ok: true, escalation: next, event, notifications: notify(next, c.type, to) }
}

export function availableEscalationCommands(escalation: Escalation, actor: Actor): EscalationCommandType[] {
  const parties = escalationPartiesOf(actor, escalation)
  return ESCALATION_TRANSITIONS.filter(
    (r) => r.from === escalation.status && r.by.some((p) => parties.includes(p)),
  ).map((r) => r.command)
}

/**
 * An escalation's deadlines as tracked items, so `overdueItems` shows them beside the scheduled
 * ones: acknowledgement (done once it leaves RAISED, whoever moved it) and resolution (held by the
 * Quality Manager once escalated).
 */
export function escalationItems(e: Escalation): QualityCycleItem[] {
  const leftRaised = e.history.find((h) => h.from === 'RAISED')
  const base = {
    carePartnerOrganisationId: e.carePartnerOrganisationId,
    participants: ['RAISER'] as const,
    feedsReconfirmation: false,
    sourceId: e.id,
  }
  return [
    {
      ...base,
      id: `${e.id}:ESCALATION_ACKNOWLEDGEMENT`,
      kind: 'ESCALATION_ACKNOWLEDGEMENT',
      title: ITEM_TITLES.ESCALATION_ACKNOWLEDGEMENT,
      dueOn: nzDateOf(e.acknowledgeBy),
      dueBy: e.acknowledgeBy,
      assignedRole: 'QUALITY_HUB',
      completedAt: leftRaised?.at ?? null,
    },
    {
      ...base,
      id: `${e.id}:ESCALATION_RESOLUTION`,
      kind: 'ESCALATION_RESOLUTION',
      title: ITEM_TITLES.ESCALATION_RESOLUTION,
      dueOn: nzDateOf(e.resolveBy),
      dueBy: e.resolveBy,
      assignedRole: e.status === 'ESCALATED' || e.escalated ? 'QUALITY_MANAGER' : 'QUALITY_HUB',
      completedAt: e.resolved?.at ?? null,
    },
  ]
}

// ─── Celebration ────────────────────────────────────────────────────────────────────────────────

export interface Celebration {
  id: string
  carePartnerOrganisationId: string
  summary: string
  /** Who is celebrated (people or teams; no child's personal details), when given. */
  who?: string
  /** The New Zealand date it happened (defaults to the day it was recorded). */
  happenedOn?: string
  raisedAt: Date
  raisedByUserId: string
  /** When it was shared with the network (set by the Quality Hub), else null. */
  sharedAt: Date | null
}

export const ZRecordCelebrationInput = z.object({
  carePartnerOrganisationId: uuidField('carePartnerOrganisationId'),
  summary: textField('summary', 5000, 'summary is required: say what went well'),
  who: optionalTextField('who', 500),
  happenedOn: isoDateField('happenedOn').optional(),
})

export interface RecordCelebrationArgs extends PartnerContext {
  id: string
  actor: Actor
  summary: string
  who?: string
  happenedOn?: string
  at: Date
}

export type CelebrationDecision =
  | { ok: true; celebration: Celebration; notifications: QualityNotification[] }
  | { ok: false; error: AppError }

/** Anyone involved may share a success; the Quality Hub hears of it. */
export function recordCelebration(args: RecordCelebrationArgs): CelebrationDecision {
  const { actor, at } = args
  if (actor.kind !== 'user') return { ok: false, error: new AppError('UNAUTHENTICATED') }
  if (!involvementOf(actor, args)) return { ok: false, error: new AppError('FORBIDDEN', NOT_INVOLVED) }
  const input = ZRecordCelebrationInput.safeParse({
    carePartnerOrganisationId: args.carePartnerOrganisationId,
    summary: args.summary,
    who: args.who,
    happenedOn: args.happenedOn,
  })
  if (!input.success) return { ok: false, error: validationError(input.error.issues) }
  const happenedOn = input.data.happenedOn ?? nzDateOf(at)
  if (happenedOn > nzDateOf(at)) {
    return {
      ok: false,
      error: new AppError('VALIDATION_FAILED', 'happenedOn: happenedOn must not be after today', 'happenedOn'),
    }
  }
  const celebration: Celebration = {
    id: args.id,
    carePartnerOrganisationId: input.data.carePartnerOrganisationId,
    summary: input.data.summary,
    ...(input.data.who ? { who: input.data.who } : {}),
    happenedOn,
    raisedAt: at,
    raisedByUserId: actor.user.id,
    sharedAt: null,
  }
  return {
    ok: true,
    celebration,
    notifications: [
      {
        to: { kind: 'ROLE', role: 'QUALITY_HUB' },
        event: 'celebrate',
        carePartnerOrganisationId: celebration.carePartnerOrganisationId,
        sourceId: celebration.id,
      },
    ],
  }
}

/** Without a community of practice scheduled after it, a celebration is shared within three months. */
export const CELEBRATION_FALLBACK_MONTHS = 3

/**
 * A celebration is shared at the next community of practice on or after the day it was raised
 * (the forum where partners "share insights"); this project's rule, as the source sets no time.
 */
export function celebrationItem(celebration: Celebration, schedule: readonly QualityCycleItem[]): QualityCycleItem {
  const raisedOn = nzDateOf(celebration.raisedAt)
  const forum = schedule
    .filter(
      (i) =>
        i.kind === 'COMMUNITY_OF_PRACTICE' &&
        i.carePartnerOrganisationId === celebration.carePartnerOrganisationId &&
        i.dueOn >= raisedOn,
    )
    .sort((a, b) => a.dueBy.getTime() - b.dueBy.getTime())[0]
  const dueOn = forum?.dueOn ?? addMonthsToDate(raisedOn, CELEBRATION_FALLBACK_MONTHS)
  return {
    id: `${celebration.id}:CELEBRATION_SHARING`,
    kind: 'CELEBRATION_SHARING',
    carePartnerOrganisationId: celebration.carePartnerOrganisationId,
    title: ITEM_TITLES.CELEBRATION_SHARING,
    dueOn,
    dueBy: forum?.dueBy ?? endOfNzDate(dueOn),
    assignedRole: 'QUALITY_HUB',
    participants: ['CARE_PARTNER', 'CARE_PARTNERS_NETWORK'],
    feedsReconfirmation: false,
    completedAt: celebration.sharedAt,
    sourceId: celebration.id,
  }
}
