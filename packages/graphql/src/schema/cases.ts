// Shared cases across agencies (ComLink) in GraphQL (issue 6). Each member agency reads the case
// as the family's consent lets it (the domain's caseViewFor and planAssessment, reusing the
// referral consent rule): a section it may not see comes back redacted with the reason, and the
// assessment plan says what to reuse, what it may still ask, and what is withheld. A case command
// is one flat input with `type` and the optional fields of every variant (ZCaseCommand).
import {
  ASSESSMENT_SECTIONS,
  ASSESSMENT_SECTION_CODES,
  ASSESSMENT_SECTION_TITLE,
  CASE_COMMAND_TYPES,
  CASE_STATUSES,
  isRedacted,
  type CaseCommand,
} from '@fsn/domain'
import {
  actOnCase,
  findMyCases,
  getCaseMembers,
  getSharedCase,
  openCase,
  type SharedCaseReadView,
} from '@fsn/services'
import { builder } from '../builder'
import { InformationKindEnum, RedactableTextRef } from './referrals'

const CaseStatusEnum = builder.enumType('CaseStatus', { values: CASE_STATUSES })
const CaseCommandEnum = builder.enumType('CaseCommandType', { values: CASE_COMMAND_TYPES })
const AssessmentSectionEnum = builder.enumType('AssessmentSection', {
  values: ASSESSMENT_SECTION_CODES,
  description: `Sections of the shared assessment: ${ASSESSMENT_SECTIONS.map((s) => s.code).join(', ')}.`,
})
const SectionStateEnum = builder.enumType('AssessmentSectionState', {
  values: ['NOT_ANSWERED', 'ANSWERED'] as const,
})

function dropNulls<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) as T
}

const redactable = (v: unknown) =>
  isRedacted(v)
    ? { value: null, redacted: true, reason: v.reason }
    : { value: (v as string | null) ?? null, redacted: false, reason: null }

type View = SharedCaseReadView
type Section = View['assessment'][number]
type Discussion = View['discussions'][number]
type Action = Discussion['actions'][number]

const CaseMemberRef = builder
  .objectRef<{ organisationId: string; name: string; joinedAt: Date; isLead: boolean }>('CaseMemberAgency')
  .implement({
    fields: (t) => ({
      organisationId: t.exposeID('organisationId'),
      name: t.exposeString('name'),
      joinedAt: t.expose('joinedAt', { type: 'DateTime' }),
      isLead: t.exposeBoolean('isLead'),
    }),
  })

const CaseOfficerRef = builder.objectRef<View['workgroup'][number]>('CaseOfficer').implement({
  description: 'A named workgroup officer acting for one member agency.',
  fields: (t) => ({
    userId: t.exposeID('userId'),
    name: t.exposeString('name'),
    organisationId: t.exposeID('organisationId'),
    addedAt: t.expose('addedAt', { type: 'DateTime' }),
  }),
})

const AssessmentSectionRef = builder.objectRef<Section>('CaseAssessmentSection').implement({
  description: 'One section of the shared assessment as your agency sees it.',
  fields: (t) => ({
    section: t.expose('section', { type: AssessmentSectionEnum }),
    title: t.string({ resolve: (s) => ASSESSMENT_SECTION_TITLE[s.section] }),
    kind: t.expose('kind', { type: InformationKindEnum }),
    state: t.expose('state', { type: SectionStateEnum }),
    answer: t.field({
      type: RedactableTextRef,
      nullable: true,
      description: 'The answer, or why the consent withholds it from your agency; null when not answered.',
      resolve: (s) => (s.state === 'ANSWERED' ? redactable(s.answer) : null),
    }),
    answeredAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (s) => (s.state === 'ANSWERED' ? s.answeredAt : null),
    }),
    answeredByOrganisationId: t.field({
      type: 'ID',
      nullable: true,
      resolve: (s) => (s.state === 'ANSWERED' ? s.answeredByOrganisationId : null),
    }),
  }),
})

interface ActionRow extends Action {
  overdue: boolean
}
const CaseActionRef = builder.objectRef<ActionRow>('CaseAction').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    discussionId: t.exposeID('discussionId'),
    description: t.field({ type: RedactableTextRef, resolve: (a) => redactable(a.description) }),
    ownerUserId: t.exposeID('ownerUserId'),
    dueOn: t.exposeString('dueOn', { description: 'New Zealand date (YYYY-MM-DD).' }),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true }),
    overdue: t.exposeBoolean('overdue'),
  }),
})

const withOverdue = (v: View) => {
  const overdue = new Set(v.overdueActions)
  return (a: Action): ActionRow => ({ ...a, overdue: overdue.has(a.id) })
}

const CaseDiscussionRef = builder
  .objectRef<Discussion & { actionRows: ActionRow[] }>('CaseDiscussion')
  .implement({
    description: 'A case discussion: minutes and actions, shown only as the consent allows.',
    fields: (t) => ({
      id: t.exposeID('id'),
      heldAt: t.expose('heldAt', { type: 'DateTime' }),
      recordedByUserId: t.exposeID('recordedByUserId'),
      recordedByOrganisationId: t.exposeID('recordedByOrganisationId'),
      attendeeUserIds: t.idList({ resolve: (d) => [...d.attendeeUserIds] }),
      informationKinds: t.field({ type: [InformationKindEnum], resolve: (d) => [...d.informationKinds] }),
      minutes: t.field({ type: RedactableTextRef, resolve: (d) => redactable(d.minutes) }),
      actions: t.field({ type: [CaseActionRef], resolve: (d) => d.actionRows }),
    }),
  })

const WithheldRef = builder
  .objectRef<View['assessmentPlan']['withheld'][number]>('AssessmentWithheld')
  .implement({
    fields: (t) => ({
      section: t.expose('section', { type: AssessmentSectionEnum }),
      reason: t.exposeString('reason'),
    }),
  })

const AssessmentPlanRef = builder.objectRef<View['assessmentPlan']>('AssessmentPlan').implement({
  description:
    'What your agency does with each section: reuse (answered, visible), ask (nobody has asked yet: the only sections to ask the family), withheld (answered, not covered by consent for you: not asked again).',
  fields: (t) => ({
    reuse: t.field({ type: [AssessmentSectionEnum], resolve: (p) => p.reuse }),
    ask: t.field({ type: [AssessmentSectionEnum], resolve: (p) => p.ask }),
    withheld: t.field({ type: [WithheldRef], resolve: (p) => p.withheld }),
  }),
})

const TimelineRef = builder.objectRef<View['timeline'][number]>('CaseTimelineEntry').implement({
  fields: (t) => ({
    type: t.exposeString('type', { description: 'open, or the command applied.' }),
    at: t.expose('at', { type: 'DateTime' }),
    byUserId: t.exposeID('byUserId'),
    byOrganisationId: t.exposeID('byOrganisationId'),
  }),
})

const ClosureRef = builder.objectRef<NonNullable<View['closure']>>('CaseClosure').implement({
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    byUserId: t.exposeID('byUserId'),
    reason: t.exposeString('reason'),
  }),
})

export const SharedCaseRef = builder.objectRef<View>('SharedCase').implement({
  description: 'A shared case as your agency sees it under the family’s consent.',
  fields: (t) => ({
    id: t.exposeID('id'),
    personId: t.exposeID('personId'),
    status: t.expose('status', { type: CaseStatusEnum }),
    leadOrganisationId: t.exposeID('leadOrganisationId'),
    viewerOrganisationId: t.exposeID('viewerOrganisationId', {
      description: 'The member agency this view is for.',
    }),
    isLead: t.exposeBoolean('isLead'),
    visibleKinds: t.field({
      type: [InformationKindEnum],
      description: 'The kinds of information the consent lets your agency see now.',
      resolve: (v) => v.visibleKinds,
    }),
    members: t.field({
      type: [CaseMemberRef],
      resolve: (v) => {
        const names = new Map(v.memberNames.map((m) => [m.organisationId, m.name]))
        return v.members.map((m) => ({
          organisationId: m.organisationId,
          name: names.get(m.organisationId) ?? '',
          joinedAt: m.joinedAt,
          isLead: m.organisationId === v.leadOrganisationId,
        }))
      },
    }),
    workgroup: t.field({ type: [CaseOfficerRef], resolve: (v) => [...v.workgroup] }),
    assessment: t.field({ type: [AssessmentSectionRef], resolve: (v) => v.assessment }),
    assessmentPlan: t.field({ type: AssessmentPlanRef, resolve: (v) => v.assessmentPlan }),
    discussions: t.field({
      type: [CaseDiscussionRef],
      resolve: (v) => v.discussions.map((d) => ({ ...d, actionRows: d.actions.map(withOverdue(v)) })),
    }),
    actionsDue: t.field({
      type: [CaseActionRef],
      description: 'Open actions due today or earlier (New Zealand date), soonest first.',
      resolve: (v) => {
        const byId = new Map(v.discussions.flatMap((d) => d.actions.map((a) => [a.id, a] as const)))
        return v.actionsDue.flatMap((id) => {
          const a = byId.get(id)
          return a ? [withOverdue(v)(a)] : []
        })
      },
    }),
    linkedReferralIds: t.idList({ resolve: (v) => [...v.linkedReferralIds] }),
    openedAt: t.expose('openedAt', { type: 'DateTime' }),
    closure: t.field({ type: ClosureRef, nullable: true, resolve: (v) => v.closure }),
    timeline: t.field({ type: [TimelineRef], resolve: (v) => v.timeline }),
    availableCommands: t.field({ type: [CaseCommandEnum], resolve: (v) => v.availableCommands }),
  }),
})

builder.queryField('sharedCase', (t) =>
  t.field({
    type: SharedCaseRef,
    description:
      'A case your agency is a member of, read in a role that takes part in cases (case:participate; NOT_FOUND otherwise); organisationId picks which of your agencies reads it. The read is recorded.',
    args: { id: t.arg.id({ required: true }), organisationId: t.arg.id() },
    resolve: (_r, args, ctx) =>
      getSharedCase({
        deps: ctx.deps,
        actor: ctx.actor,
        input: {
          id: String(args.id),
          organisationId: args.organisationId != null ? String(args.organisationId) : null,
        },
      }),
  }),
)

builder.queryField('myCases', (t) =>
  t.field({
    type: [SharedCaseRef],
    description:
      "The cases where you take part (case:participate) for a member agency, newest first (the case members' home page). Each read is recorded.",
    args: { status: t.arg({ type: CaseStatusEnum }) },
    resolve: (_r, args, ctx) =>
      findMyCases({ deps: ctx.deps, actor: ctx.actor, input: { status: args.status ?? null } }),
  }),
)

type Members = Awaited<ReturnType<typeof getCaseMembers>>
const MembershipOfficerRef = builder
  .objectRef<Members['members'][number]['officers'][number]>('CaseMembershipOfficer')
  .implement({
    fields: (t) => ({
      userId: t.exposeID('userId'),
      name: t.exposeString('name'),
      addedAt: t.expose('addedAt', { type: 'DateTime' }),
    }),
  })
const MembershipMemberRef = builder.objectRef<Members['members'][number]>('CaseMembershipAgency').implement({
  fields: (t) => ({
    organisationId: t.exposeID('organisationId'),
    name: t.exposeString('name'),
    isLead: t.exposeBoolean('isLead'),
    joinedAt: t.expose('joinedAt', { type: 'DateTime' }),
    officers: t.field({ type: [MembershipOfficerRef], resolve: (m) => m.officers }),
  }),
})
const CaseMembershipRef = builder.objectRef<Members>('CaseMembership').implement({
  fields: (t) => ({
    caseId: t.exposeID('caseId'),
    status: t.expose('status', { type: CaseStatusEnum }),
    leadOrganisationId: t.exposeID('leadOrganisationId'),
    members: t.field({ type: [MembershipMemberRef], resolve: (m) => m.members }),
  }),
})

builder.queryField('caseMembers', (t) =>
  t.field({
    type: CaseMembershipRef,
    description: 'The agencies, the lead and the named officers of a case you are a member of.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, args, ctx) =>
      getCaseMembers({ deps: ctx.deps, actor: ctx.actor, input: { id: String(args.id) } }),
  }),
)

const OpenCaseInput = builder.inputType('OpenCaseInput', {
  fields: (t) => ({ personId: t.id({ required: true }), leadOrganisationId: t.id({ required: true }) }),
})

const CaseActionInput = builder.inputType('CaseActionInput', {
  fields: (t) => ({
    id: t.id({ required: true, description: 'A new UUID you choose (so a retry is recognised).' }),
    description: t.string({ required: true }),
    ownerUserId: t.id({ required: true }),
    dueOn: t.string({ required: true, description: 'YYYY-MM-DD' }),
  }),
})

const CaseCommandInput = builder.inputType('CaseCommandInput', {
  description:
    'One command on a case: `type` and its fields. addMember, transferLead: organisationId; removeMember: organisationId, reason; addOfficer: userId, name, organisationId; removeOfficer: userId; recordDiscussion: id, heldAt, attendeeUserIds, minutes, informationKinds, actions; completeAction: actionId; reassignAction: actionId, ownerUserId; answerSection: section, answer; reviseSection: section, answer, reason; linkReferral: referralId; close, reopen: reason.',
  fields: (t) => ({
    caseId: t.id({ required: true }),
    type: t.field({ type: CaseCommandEnum, required: true }),
    organisationId: t.id(),
    reason: t.string(),
    userId: t.id(),
    name: t.string(),
    id: t.id(),
    heldAt: t.string({ description: 'ISO 8601 with offset' }),
    attendeeUserIds: t.idList(),
    minutes: t.string(),
    informationKinds: t.field({ type: [InformationKindEnum] }),
    actions: t.field({ type: [CaseActionInput] }),
    actionId: t.id(),
    ownerUserId: t.id(),
    section: t.field({ type: AssessmentSectionEnum }),
    answer: t.string(),
    referralId: t.id(),
  }),
})

builder.mutationField('openCase', (t) =>
  t.field({
    type: SharedCaseRef,
    description:
      "Opens a case led by your agency, which the family's consent must name. Needs case:participate; a person you may not reach is NOT_FOUND.",
    args: { input: t.arg({ type: OpenCaseInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const row = await openCase({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { personId: String(input.personId), leadOrganisationId: String(input.leadOrganisationId) },
        requestId: ctx.requestId,
      })
      return getSharedCase({ deps: ctx.deps, actor: ctx.actor, input: { id: row.id } })
    },
  }),
)

builder.mutationField('actOnCase', (t) =>
  t.field({
    type: SharedCaseRef,
    nullable: true,
    description:
      'Members, workgroup, discussions, the shared assessment, linked referrals; closing needs the lead agency. Null when the change leaves you no longer a member.',
    args: { input: t.arg({ type: CaseCommandInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const { caseId, ...rest } = dropNulls(input)
      const command = {
        ...rest,
        ...(rest.attendeeUserIds ? { attendeeUserIds: rest.attendeeUserIds.map(String) } : {}),
        ...(rest.actions
          ? {
              actions: rest.actions.map((a) => ({
                ...a,
                id: String(a.id),
                ownerUserId: String(a.ownerUserId),
              })),
            }
          : {}),
      }
      await actOnCase({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { caseId: String(caseId), command: command as CaseCommand },
        requestId: ctx.requestId,
      })
      // Removing one's own agency leaves the case unreadable to the actor: the change stands, the view is null.
      return getSharedCase({ deps: ctx.deps, actor: ctx.actor, input: { id: String(caseId) } }).catch(
        (err: unknown) => {
          if ((err as { code?: string }).code === 'NOT_FOUND') return null
          throw err
        },
      )
    },
  }),
)
