// Oranga Tamariki care partners in GraphQL (issue 6): the s396 application's four steps, the
// partnered-care quality cycle, escalations, care agreements with their funding model, and the
// reconciliation per period. Thin over packages/services: a command union (ZS396Command,
// ZEscalationCommand, ZFundingRequestCommand, ZFundingModel, ZFundingRequestInput) is one flat
// input with `type` (or `kind`) and the optional fields of every variant, passed to the use case,
// which parses it with the same zod schema; inputs.test.ts keeps the fields in step.
import {
  ESCALATION_COMMAND_TYPES,
  ESCALATION_STATUSES,
  FIXED_PERIOD_UNITS,
  FUNDING_MODEL_KINDS,
  FUNDING_REQUEST_KINDS,
  FUNDING_REQUEST_STATUSES,
  QUALITY_ITEM_KINDS,
  READINESS_SECTIONS,
  READINESS_SECTION_CODES,
  RECONCILIATION_FLAGS,
  S396_COMMAND_TYPES,
  S396_PARTIES,
  S396_STATUSES,
  type QualityItemKind,
  type S396Command,
  type EscalationCommand,
  type FundingRequestCommand,
  type TFundingModelInput,
  type TFundingRequestInput,
} from '@fsn/domain'
import {
  actOnCareEscalation,
  actOnCarePartnerApplication,
  agreeCareAgreement,
  completeQualityCycleItem,
  decideCareFundingRequest,
  findCareAgreements,
  findCareCelebrations,
  findCareEscalations,
  findCarePartnerApplications,
  findQualityCycleItems,
  getCareAgreement,
  getCareEscalation,
  getCarePartnerApplication,
  raiseCareEscalation,
  reconcileCareAgreement,
  recordCareCelebration,
  recordCarePlacement,
  requestCareFunding,
  startCarePartnerApplication,
  type CareCelebrationView,
  type CareEscalationView,
  type CarePartnerApplicationView,
} from '@fsn/services'
import { builder } from '../builder'

const e = <T extends readonly string[]>(name: string, values: T, description?: string) =>
  builder.enumType(name, { values, ...(description ? { description } : {}) })

const S396StatusEnum = e('S396Status', S396_STATUSES)
const S396CommandEnum = e('S396CommandType', S396_COMMAND_TYPES)
const S396PartyEnum = e('S396Party', S396_PARTIES, 'The part someone plays in an s396 application.')
const StepStateEnum = e('S396StepState', ['DONE', 'CURRENT', 'NOT_STARTED', 'STOPPED'] as const)
const ReadinessSectionEnum = e(
  'ReadinessSection',
  READINESS_SECTION_CODES,
  'Sections of the readiness template.',
)
const RecommendationEnum = e('S396Recommendation', ['APPROVE', 'DECLINE'] as const)
const DecisionOutcomeEnum = e('S396DecisionOutcome', ['APPROVED', 'DECLINED'] as const)
const QualityItemKindEnum = e('QualityItemKind', QUALITY_ITEM_KINDS)
const EscalationStatusEnum = e('CareEscalationStatus', ESCALATION_STATUSES)
const EscalationCommandEnum = e('CareEscalationCommandType', ESCALATION_COMMAND_TYPES)
const FundingModelKindEnum = e('FundingModelKind', FUNDING_MODEL_KINDS)
const FixedPeriodUnitEnum = e('FixedPeriodUnit', FIXED_PERIOD_UNITS)
const FundingRequestKindEnum = e('FundingRequestKind', FUNDING_REQUEST_KINDS)
const FundingRequestStatusEnum = e('FundingRequestStatus', FUNDING_REQUEST_STATUSES)
const FundingDecisionEnum = e('FundingRequestCommandType', ['approve', 'decline', 'withdraw'] as const)
const ReconciliationFlagEnum = e('ReconciliationFlag', RECONCILIATION_FLAGS)

/** GraphQL sends null for an absent optional field; the zod schemas want it absent. */
function dropNulls<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) as T
}

const SECTION_TITLE = Object.fromEntries(READINESS_SECTIONS.map((s) => [s.code, s.title])) as Record<
  string,
  string
>
const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null)

// ─── The application ──────────────────────────────────────────────────────────────────────────────

type View = CarePartnerApplicationView

const StepProgressRef = builder.objectRef<View['progress'][number]>('S396StepProgress').implement({
  fields: (t) => ({ step: t.exposeInt('step'), state: t.expose('state', { type: StepStateEnum }) }),
})

const NextActionRef = builder.objectRef<NonNullable<View['nextAction']>>('S396NextAction').implement({
  description: 'Who holds the next action on an application and what it is.',
  fields: (t) => ({
    step: t.exposeInt('step'),
    party: t.expose('party', { type: S396PartyEnum }),
    role: t.exposeString('role'),
    organisationId: t.exposeID('organisationId', {
      nullable: true,
      description: 'The applying organisation, when the applicant holds it.',
    }),
    command: t.expose('command', { type: S396CommandEnum }),
    summary: t.exposeString('summary'),
  }),
})

const ReadinessEntryRef = builder.objectRef<View['readiness'][number]>('ReadinessEntry').implement({
  fields: (t) => ({
    section: t.expose('section', { type: ReadinessSectionEnum }),
    title: t.string({ resolve: (r) => SECTION_TITLE[r.section] ?? r.section }),
    summary: t.exposeString('summary'),
    party: t.expose('party', { type: S396PartyEnum }),
    at: t.expose('at', { type: 'DateTime' }),
    byUserId: t.exposeID('byUserId'),
  }),
})

/** One recorded act on an application (review, discussion, recommendation, ...) with its text. */
interface Recorded {
  at: Date
  byUserId: string
  text: string | null
}
const RecordedRef = builder.objectRef<Recorded>('S396Record').implement({
  description: 'Who recorded it, when, and what they wrote (findings, notes, rationale, reason or note).',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    byUserId: t.exposeID('byUserId'),
    text: t.exposeString('text', { nullable: true }),
  }),
})

const RecommendationRef = builder
  .objectRef<NonNullable<View['recommendation']>>('S396RecommendationRecord')
  .implement({
    fields: (t) => ({
      recommendation: t.expose('recommendation', { type: RecommendationEnum }),
      rationale: t.exposeString('rationale'),
      at: t.expose('at', { type: 'DateTime' }),
      byUserId: t.exposeID('byUserId'),
    }),
  })

const DecisionRef = builder.objectRef<NonNullable<View['decision']>>('S396DecisionRecord').implement({
  fields: (t) => ({
    outcome: t.expose('outcome', { type: DecisionOutcomeEnum }),
    reason: t.exposeString('reason', { nullable: true }),
    at: t.expose('at', { type: 'DateTime' }),
    byUserId: t.exposeID('byUserId'),
  }),
})

const FundingAgreementRef = builder
  .objectRef<View['fundingAgreements'][number]>('S396FundingAgreement')
  .implement({
    fields: (t) => ({
      reference: t.exposeString('reference'),
      note: t.exposeString('note', { nullable: true }),
      at: t.expose('at', { type: 'DateTime' }),
      byUserId: t.exposeID('byUserId'),
    }),
  })

const S396EventRef = builder.objectRef<View['history'][number]>('S396Event').implement({
  fields: (t) => ({
    type: t.exposeString('type', { description: 'start, or the command applied.' }),
    party: t.expose('party', { type: S396PartyEnum }),
    from: t.expose('from', { type: S396StatusEnum, nullable: true }),
    to: t.expose('to', { type: S396StatusEnum }),
    note: t.exposeString('note', { nullable: true }),
    section: t.field({ type: ReadinessSectionEnum, nullable: true, resolve: (h) => h.section ?? null }),
    at: t.expose('at', { type: 'DateTime' }),
    byUserId: t.exposeID('byUserId'),
  }),
})

const rec = (r: { at: Date; byUserId: string } | null, text: string | null | undefined): Recorded | null =>
  r ? { at: r.at, byUserId: r.byUserId, text: text ?? null } : null

export const CarePartnerApplicationRef = builder.objectRef<View>('CarePartnerApplication')
CarePartnerApplicationRef.implement({
  description:
    'An organisation becoming an s396 Oranga Tamariki care partner: its step, progress, who holds the next action, what you may do, and its timeline.',
  fields: (t) => ({
    id: t.exposeID('id'),
    organisationId: t.exposeID('organisationId'),
    organisationName: t.exposeString('organisationName'),
    status: t.expose('status', { type: S396StatusEnum }),
    step: t.exposeInt('step', {
      description: '1 preparation, 2 readiness, 3 approval, 4 quality assurance.',
    }),
    progress: t.field({ type: [StepProgressRef], resolve: (a) => a.progress }),
    nextAction: t.field({ type: NextActionRef, nullable: true, resolve: (a) => a.nextAction }),
    availableCommands: t.field({
      type: [S396CommandEnum],
      description: 'The commands you may apply now (status, your part and the gates all allow them).',
      resolve: (a) => a.availableCommands,
    }),
    missingReadinessSections: t.field({
      type: [ReadinessSectionEnum],
      resolve: (a) => a.missingReadinessSections,
    }),
    readiness: t.field({ type: [ReadinessEntryRef], resolve: (a) => [...a.readiness] }),
    review: t.field({ type: RecordedRef, nullable: true, resolve: (a) => rec(a.review, a.review?.findings) }),
    findingsDiscussion: t.field({
      type: RecordedRef,
      nullable: true,
      resolve: (a) => rec(a.findingsDiscussion, a.findingsDiscussion?.notes),
    }),
    recommendation: t.field({ type: RecommendationRef, nullable: true, resolve: (a) => a.recommendation }),
    endorsement: t.field({
      type: RecordedRef,
      nullable: true,
      resolve: (a) => rec(a.endorsement, a.endorsement?.note),
    }),
    decision: t.field({ type: DecisionRef, nullable: true, resolve: (a) => a.decision }),
    qualityAssuranceFrom: t.expose('qualityAssuranceFrom', { type: 'DateTime', nullable: true }),
    fundingAgreements: t.field({ type: [FundingAgreementRef], resolve: (a) => [...a.fundingAgreements] }),
    withdrawal: t.field({
      type: RecordedRef,
      nullable: true,
      resolve: (a) => rec(a.withdrawal, a.withdrawal?.reason),
    }),
    timeline: t.field({ type: [S396EventRef], resolve: (a) => [...a.history] }),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
})

builder.queryField('carePartnerApplication', (t) =>
  t.field({
    type: CarePartnerApplicationRef,
    description: 'One application, for everyone involved (NOT_FOUND for anyone else).',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, args, ctx) =>
      getCarePartnerApplication({ deps: ctx.deps, actor: ctx.actor, input: { id: String(args.id) } }),
  }),
)

builder.queryField('carePartnerApplications', (t) =>
  t.field({
    type: [CarePartnerApplicationRef],
    description:
      "The Quality Hub's board (Oranga Tamariki care roles see all; an organisation's people see their own), by step.",
    args: {
      step: t.arg.int(),
      status: t.arg({ type: S396StatusEnum }),
      organisationId: t.arg.id(),
    },
    resolve: (_r, args, ctx) =>
      findCarePartnerApplications({
        deps: ctx.deps,
        actor: ctx.actor,
        input: {
          step: args.step ?? null,
          status: args.status ?? null,
          organisationId: args.organisationId != null ? String(args.organisationId) : null,
        },
      }),
  }),
)

const StartApplicationInput = builder.inputType('StartCarePartnerApplicationInput', {
  fields: (t) => ({ organisationId: t.id({ required: true }) }),
})

const ApplicationCommandInput = builder.inputType('CarePartnerApplicationCommandInput', {
  description:
    'One command on an application: `type` and the fields that command needs (captureReadinessSection: section, summary; reviewReadiness: findings; recordFindingsDiscussion: notes; returnToReadiness, returnRecommendation, decline, withdraw: reason; prepareRecommendation: recommendation, rationale; endorseRecommendation, approve: note; agreeFunding: reference, note).',
  fields: (t) => ({
    applicationId: t.id({ required: true }),
    type: t.field({ type: S396CommandEnum, required: true }),
    section: t.field({ type: ReadinessSectionEnum }),
    summary: t.string(),
    findings: t.string(),
    notes: t.string(),
    reason: t.string(),
    recommendation: t.field({ type: RecommendationEnum }),
    rationale: t.string(),
    note: t.string(),
    reference: t.string(),
  }),
})

builder.mutationField('startCarePartnerApplication', (t) =>
  t.field({
    type: CarePartnerApplicationRef,
    description: 'Step one. Refused (CONFLICT) without a current Te Kāhui Kāhu Level 1 or 2 accreditation.',
    args: { input: t.arg({ type: StartApplicationInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const row = await startCarePartnerApplication({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { organisationId: String(input.organisationId) },
        requestId: ctx.requestId,
      })
      return getCarePartnerApplication({ deps: ctx.deps, actor: ctx.actor, input: { id: row.id } })
    },
  }),
)

builder.mutationField('actOnCarePartnerApplication', (t) =>
  t.field({
    type: CarePartnerApplicationRef,
    description:
      'Steps two to four and funding. Only a user holding the DCE Māori, Partnerships and Communities delegation may approve (FORBIDDEN for anyone else).',
    args: { input: t.arg({ type: ApplicationCommandInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const { applicationId, ...command } = dropNulls(input)
      const row = await actOnCarePartnerApplication({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { applicationId: String(applicationId), command: command as S396Command },
        requestId: ctx.requestId,
      })
      return getCarePartnerApplication({ deps: ctx.deps, actor: ctx.actor, input: { id: row.id } })
    },
  }),
)

// ─── The quality cycle ────────────────────────────────────────────────────────────────────────────

type QualityItem = Awaited<ReturnType<typeof findQualityCycleItems>>[number]

const QualityCycleItemRef = builder.objectRef<QualityItem>('QualityCycleItem').implement({
  description: 'A dated, assigned item of the partnered-care quality cycle.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: QualityItemKindEnum, resolve: (i) => i.kind as QualityItemKind }),
    title: t.exposeString('title'),
    organisationId: t.exposeID('organisationId'),
    organisationName: t.exposeString('organisationName'),
    dueOn: t.exposeString('dueOn', { description: 'The New Zealand date it is due (YYYY-MM-DD).' }),
    dueBy: t.expose('dueBy', { type: 'DateTime' }),
    assignedRole: t.exposeString('assignedRole'),
    participants: t.exposeStringList('participants'),
    feedsReconfirmation: t.exposeBoolean('feedsReconfirmation'),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true }),
    overdue: t.exposeBoolean('overdue'),
  }),
})

builder.queryField('qualityCycleItems', (t) =>
  t.field({
    type: [QualityCycleItemRef],
    description: "The quality cycle's items, soonest first; overdueOnly for the home pages.",
    args: { organisationId: t.arg.id(), overdueOnly: t.arg.boolean(), openOnly: t.arg.boolean() },
    resolve: (_r, args, ctx) =>
      findQualityCycleItems({
        deps: ctx.deps,
        actor: ctx.actor,
        input: {
          organisationId: args.organisationId != null ? String(args.organisationId) : null,
          overdueOnly: args.overdueOnly ?? null,
          openOnly: args.openOnly ?? null,
        },
      }),
  }),
)

builder.mutationField('completeQualityCycleItem', (t) =>
  t.field({
    type: QualityCycleItemRef,
    description: 'The MPC National Quality Hub marks an item done.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_r, args, ctx) => {
      const row = await completeQualityCycleItem({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { id: String(args.id) },
        requestId: ctx.requestId,
      })
      const items = await findQualityCycleItems({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { organisationId: row.organisationId },
      })
      return items.find((i) => i.id === row.id)!
    },
  }),
)

// ─── Escalations ──────────────────────────────────────────────────────────────────────────────────

const EscalationEventRef = builder
  .objectRef<CareEscalationView['history'][number]>('CareEscalationEvent')
  .implement({
    fields: (t) => ({
      type: t.exposeString('type', { description: 'raise, acknowledge, escalate or resolve.' }),
      from: t.expose('from', { type: EscalationStatusEnum, nullable: true }),
      to: t.expose('to', { type: EscalationStatusEnum }),
      note: t.exposeString('note', { nullable: true }),
      at: t.expose('at', { type: 'DateTime' }),
      byUserId: t.exposeID('byUserId'),
    }),
  })

const EscalationDeadlineRef = builder
  .objectRef<CareEscalationView['items'][number]>('CareEscalationDeadline')
  .implement({
    fields: (t) => ({
      kind: t.field({ type: QualityItemKindEnum, resolve: (i) => i.kind }),
      title: t.string({ resolve: (i) => i.title }),
      dueBy: t.field({ type: 'DateTime', resolve: (i) => i.dueBy }),
      assignedRole: t.string({ resolve: (i) => i.assignedRole }),
      completedAt: t.field({ type: 'DateTime', nullable: true, resolve: (i) => i.completedAt ?? null }),
      overdue: t.exposeBoolean('overdue'),
    }),
  })

const CareEscalationRef = builder.objectRef<CareEscalationView>('CareEscalation').implement({
  description:
    'A concern about partnered care: raised, acknowledged, escalated, resolved, with who and when.',
  fields: (t) => ({
    id: t.exposeID('id'),
    carePartnerOrganisationId: t.exposeID('carePartnerOrganisationId'),
    carePartnerName: t.exposeString('carePartnerName'),
    involvedOrganisationIds: t.idList({ resolve: (x) => [...x.involvedOrganisationIds] }),
    status: t.expose('status', { type: EscalationStatusEnum }),
    concern: t.exposeString('concern'),
    childRef: t.exposeString('childRef', { nullable: true }),
    raisedAt: t.expose('raisedAt', { type: 'DateTime' }),
    raisedByUserId: t.exposeID('raisedByUserId'),
    raisedByOrganisationId: t.exposeID('raisedByOrganisationId'),
    acknowledgeBy: t.expose('acknowledgeBy', { type: 'DateTime' }),
    resolveBy: t.expose('resolveBy', { type: 'DateTime' }),
    acknowledged: t.field({
      type: RecordedRef,
      nullable: true,
      resolve: (x) => rec(x.acknowledged, x.acknowledged?.note),
    }),
    escalated: t.field({
      type: RecordedRef,
      nullable: true,
      resolve: (x) => rec(x.escalated, x.escalated?.reason),
    }),
    resolved: t.field({
      type: RecordedRef,
      nullable: true,
      resolve: (x) => rec(x.resolved, x.resolved?.resolution),
    }),
    deadlines: t.field({ type: [EscalationDeadlineRef], resolve: (x) => x.items }),
    availableCommands: t.field({ type: [EscalationCommandEnum], resolve: (x) => x.availableCommands }),
    timeline: t.field({ type: [EscalationEventRef], resolve: (x) => [...x.history] }),
  }),
})

builder.queryField('careEscalation', (t) =>
  t.field({
    type: CareEscalationRef,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, args, ctx) =>
      getCareEscalation({ deps: ctx.deps, actor: ctx.actor, input: { id: String(args.id) } }),
  }),
)

builder.queryField('careEscalations', (t) =>
  t.field({
    type: [CareEscalationRef],
    description:
      "Escalations you may see, newest first: all for Oranga Tamariki's care roles, else your organisations'.",
    args: { carePartnerOrganisationId: t.arg.id(), openOnly: t.arg.boolean() },
    resolve: (_r, args, ctx) =>
      findCareEscalations({
        deps: ctx.deps,
        actor: ctx.actor,
        input: {
          carePartnerOrganisationId:
            args.carePartnerOrganisationId != null ? String(args.carePartnerOrganisationId) : null,
          openOnly: args.openOnly ?? null,
        },
      }),
  }),
)

const RaiseEscalationInput = builder.inputType('RaiseCareEscalationInput', {
  fields: (t) => ({
    carePartnerOrganisationId: t.id({ required: true }),
    concern: t.string({ required: true }),
    childRef: t.string({
      description: "A child's reference (no personal details), when it is about one child.",
    }),
    involvedOrganisationIds: t.idList({ description: 'Other organisations involved, who may follow it.' }),
  }),
})

const EscalationCommandInput = builder.inputType('CareEscalationCommandInput', {
  description: 'acknowledge: note; escalate: reason; resolve: resolution.',
  fields: (t) => ({
    escalationId: t.id({ required: true }),
    type: t.field({ type: EscalationCommandEnum, required: true }),
    note: t.string(),
    reason: t.string(),
    resolution: t.string(),
  }),
})

builder.mutationField('raiseCareEscalation', (t) =>
  t.field({
    type: CareEscalationRef,
    description: 'Anyone involved may raise a concern at any point; it reaches the MPC National Quality Hub.',
    args: { input: t.arg({ type: RaiseEscalationInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const i = dropNulls(input)
      const row = await raiseCareEscalation({
        deps: ctx.deps,
        actor: ctx.actor,
        input: {
          ...i,
          carePartnerOrganisationId: String(i.carePartnerOrganisationId),
          involvedOrganisationIds: i.involvedOrganisationIds?.map(String),
        },
        requestId: ctx.requestId,
      })
      return getCareEscalation({ deps: ctx.deps, actor: ctx.actor, input: { id: row.id } })
    },
  }),
)

builder.mutationField('actOnCareEscalation', (t) =>
  t.field({
    type: CareEscalationRef,
    args: { input: t.arg({ type: EscalationCommandInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const { escalationId, ...command } = dropNulls(input)
      const row = await actOnCareEscalation({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { escalationId: String(escalationId), command: command as EscalationCommand },
        requestId: ctx.requestId,
      })
      return getCareEscalation({ deps: ctx.deps, actor: ctx.actor, input: { id: row.id } })
    },
  }),
)

// ─── Celebrations ─────────────────────────────────────────────────────────────────────────────────

const CareCelebrationRef = builder.objectRef<CareCelebrationView>('CareCelebration').implement({
  description:
    'A success in partnered care: what went well, who is celebrated, when, and the community of practice it is shared at.',
  fields: (t) => ({
    id: t.exposeID('id'),
    carePartnerOrganisationId: t.exposeID('carePartnerOrganisationId'),
    carePartnerName: t.exposeString('carePartnerName'),
    summary: t.exposeString('summary', { description: 'What went well.' }),
    who: t.exposeString('who', { description: 'Who is celebrated.' }),
    happenedOn: t.exposeString('happenedOn', { description: 'The New Zealand date it happened.' }),
    raisedAt: t.expose('raisedAt', { type: 'DateTime' }),
    raisedByUserId: t.exposeID('raisedByUserId'),
    communityOfPractice: t.exposeString('communityOfPractice', {
      nullable: true,
      description: 'The community of practice it is shared at; null when none is scheduled after it.',
    }),
    shareOn: t.exposeString('shareOn', { description: 'The date it is to be shared by.' }),
    sharingItemId: t.exposeID('sharingItemId', {
      nullable: true,
      description: 'The quality cycle item the Quality Hub completes once it is shared.',
    }),
    sharedAt: t.expose('sharedAt', { type: 'DateTime', nullable: true }),
    overdue: t.exposeBoolean('overdue'),
  }),
})

builder.queryField('careCelebrations', (t) =>
  t.field({
    type: [CareCelebrationRef],
    description:
      "Celebrations you may see, newest first: all for Oranga Tamariki's care roles, else your organisations'.",
    args: { carePartnerOrganisationId: t.arg.id() },
    resolve: (_r, args, ctx) =>
      findCareCelebrations({
        deps: ctx.deps,
        actor: ctx.actor,
        input: {
          carePartnerOrganisationId:
            args.carePartnerOrganisationId != null ? String(args.carePartnerOrganisationId) : null,
        },
      }),
  }),
)

const RecordCelebrationInput = builder.inputType('RecordCareCelebrationInput', {
  fields: (t) => ({
    carePartnerOrganisationId: t.id({ required: true }),
    summary: t.string({ required: true, description: 'What went well.' }),
    who: t.string({ required: true, description: "Who is celebrated (no child's personal details)." }),
    happenedOn: t.string({ description: 'YYYY-MM-DD, New Zealand; today when absent.' }),
  }),
})

builder.mutationField('recordCareCelebration', (t) =>
  t.field({
    type: CareCelebrationRef,
    description:
      'Anyone involved may share a success; the Quality Hub hears of it and shares it at the next community of practice.',
    args: { input: t.arg({ type: RecordCelebrationInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const i = dropNulls(input)
      const row = await recordCareCelebration({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { ...i, carePartnerOrganisationId: String(i.carePartnerOrganisationId) },
        requestId: ctx.requestId,
      })
      const [view] = await findCareCelebrations({ deps: ctx.deps, actor: ctx.actor, input: { id: row.id } })
      return view!
    },
  }),
)

// ─── Care agreements and funding ──────────────────────────────────────────────────────────────────

type Agreement = Awaited<ReturnType<typeof getCareAgreement>>
type Placement = Agreement['placements'][number]
type FundingRequestRow = Agreement['fundingRequests'][number]

const HighNeedsRef = builder
  .objectRef<{ recordedOn: string; advisorName: string; summary: string }>('HighNeedsServicesInputRecord')
  .implement({
    description: 'The High Needs Services input an individualised rate rests on.',
    fields: (t) => ({
      recordedOn: t.exposeString('recordedOn'),
      advisorName: t.exposeString('advisorName'),
      summary: t.exposeString('summary'),
    }),
  })

const CarePlacementRef = builder.objectRef<Placement>('CarePlacement').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    childRef: t.exposeString('childRef'),
    from: t.expose('from', { type: 'DateTime' }),
    to: t.expose('to', { type: 'DateTime', nullable: true }),
  }),
})

const FundingRequestRef = builder.objectRef<FundingRequestRow>('CareFundingRequest').implement({
  description: 'An ad-hoc request or an additional support rate, and its decision. Money in whole cents.',
  fields: (t) => ({
    id: t.exposeID('id'),
    careAgreementId: t.exposeID('careAgreementId'),
    kind: t.expose('kind', { type: FundingRequestKindEnum }),
    status: t.expose('status', { type: FundingRequestStatusEnum }),
    childRef: t.exposeString('childRef', { nullable: true }),
    amountCents: t.expose('amountCents', { type: 'Cents', nullable: true }),
    incurredOn: t.string({ nullable: true, resolve: (r) => isoDay(r.incurredOn) }),
    ratePerDayCents: t.expose('ratePerDayCents', { type: 'Cents', nullable: true }),
    from: t.string({ nullable: true, resolve: (r) => isoDay(r.from) }),
    to: t.string({ nullable: true, resolve: (r) => isoDay(r.to) }),
    reason: t.exposeString('reason'),
    requestedAt: t.expose('requestedAt', { type: 'DateTime' }),
    requestedByUserId: t.exposeID('requestedById'),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    decidedByUserId: t.exposeID('decidedById', { nullable: true }),
    agreedCents: t.expose('agreedCents', { type: 'Cents', nullable: true }),
    decisionReason: t.exposeString('decisionReason', { nullable: true }),
  }),
})

const CareAgreementRef = builder.objectRef<Agreement>('CareAgreement').implement({
  description:
    'A care agreement with its funding model (fixed, individualised or dynamic). Money in whole cents.',
  fields: (t) => ({
    id: t.exposeID('id'),
    carePartnerOrganisationId: t.exposeID('carePartnerOrganisationId'),
    reference: t.exposeString('reference'),
    fundingModel: t.field({ type: FundingModelKindEnum, resolve: (a) => a.model.kind }),
    fixedAmountCents: t.field({
      type: 'Cents',
      nullable: true,
      resolve: (a) => (a.model.kind === 'FIXED' ? a.model.amountCents : null),
    }),
    fixedPer: t.field({
      type: FixedPeriodUnitEnum,
      nullable: true,
      resolve: (a) => (a.model.kind === 'FIXED' ? a.model.per : null),
    }),
    individualChildRef: t.field({
      type: 'String',
      nullable: true,
      resolve: (a) => (a.model.kind === 'INDIVIDUALISED' ? a.model.childRef : null),
    }),
    individualRatePerDayCents: t.field({
      type: 'Cents',
      nullable: true,
      resolve: (a) => (a.model.kind === 'INDIVIDUALISED' ? a.model.ratePerDayCents : null),
    }),
    highNeedsServicesInput: t.field({
      type: HighNeedsRef,
      nullable: true,
      resolve: (a) => (a.model.kind === 'INDIVIDUALISED' ? a.model.highNeedsServicesInput : null),
    }),
    generalSupportRateCents: t.field({
      type: 'Cents',
      nullable: true,
      description: 'Dynamic: per child per 24 hours.',
      resolve: (a) => (a.model.kind === 'DYNAMIC' ? a.model.generalSupportRateCents : null),
    }),
    agreedAt: t.expose('agreedAt', { type: 'DateTime' }),
    agreedByUserId: t.exposeID('agreedById'),
    placements: t.field({ type: [CarePlacementRef], resolve: (a) => a.placements }),
    fundingRequests: t.field({ type: [FundingRequestRef], resolve: (a) => a.fundingRequests }),
  }),
})

builder.queryField('careAgreement', (t) =>
  t.field({
    type: CareAgreementRef,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, args, ctx) =>
      getCareAgreement({ deps: ctx.deps, actor: ctx.actor, input: { id: String(args.id) } }),
  }),
)

builder.queryField('careAgreements', (t) =>
  t.field({
    type: [CareAgreementRef],
    args: { carePartnerOrganisationId: t.arg.id({ required: true }) },
    resolve: (_r, args, ctx) =>
      findCareAgreements({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { carePartnerOrganisationId: String(args.carePartnerOrganisationId) },
      }),
  }),
)

type Reconciliation = Awaited<ReturnType<typeof reconcileCareAgreement>>

const AgreedRef = builder.objectRef<Reconciliation['agreed']>('ReconciliationAgreed').implement({
  fields: (t) => ({
    modelCents: t.expose('modelCents', { type: 'Cents' }),
    additionalSupportCents: t.expose('additionalSupportCents', { type: 'Cents' }),
    adHocCents: t.expose('adHocCents', { type: 'Cents' }),
    totalCents: t.expose('totalCents', { type: 'Cents' }),
  }),
})

const ChildFundingRef = builder.objectRef<Reconciliation['children'][number]>('ChildFunding').implement({
  description: 'Dynamic model: one child in the period.',
  fields: (t) => ({
    childRef: t.exposeString('childRef'),
    days: t.exposeInt('days'),
    generalCents: t.expose('generalCents', { type: 'Cents' }),
    additionalDays: t.exposeInt('additionalDays'),
    additionalCents: t.expose('additionalCents', { type: 'Cents' }),
    cents: t.expose('cents', { type: 'Cents' }),
  }),
})

const PeriodRef = builder.objectRef<{ from: string; to: string }>('FundingPeriod').implement({
  fields: (t) => ({
    from: t.exposeString('from', { description: 'YYYY-MM-DD, inclusive.' }),
    to: t.exposeString('to', { description: 'YYYY-MM-DD, exclusive.' }),
  }),
})

const ReconciliationRef = builder.objectRef<Reconciliation>('CareAgreementReconciliation').implement({
  description: 'Agreed against claimed and paid for one period, exactly in cents.',
  fields: (t) => ({
    careAgreementId: t.exposeID('careAgreementId'),
    fundingModel: t.expose('fundingModel', { type: FundingModelKindEnum }),
    period: t.field({ type: PeriodRef, resolve: (r) => r.period }),
    agreed: t.field({ type: AgreedRef, resolve: (r) => r.agreed }),
    claimedCents: t.expose('claimedCents', { type: 'Cents' }),
    paidCents: t.expose('paidCents', { type: 'Cents' }),
    claimedMinusAgreedCents: t.expose('claimedMinusAgreedCents', { type: 'Cents' }),
    outstandingCents: t.expose('outstandingCents', { type: 'Cents' }),
    flags: t.field({ type: [ReconciliationFlagEnum], resolve: (r) => r.flags }),
    childDays: t.exposeInt('childDays', { nullable: true }),
    children: t.field({ type: [ChildFundingRef], resolve: (r) => r.children }),
  }),
})

const PeriodInput = builder.inputType('FundingPeriodInput', {
  fields: (t) => ({
    from: t.string({ required: true, description: 'YYYY-MM-DD, inclusive' }),
    to: t.string({ required: true, description: 'YYYY-MM-DD, exclusive' }),
  }),
})
const AmountInput = builder.inputType('CentsAmountInput', {
  fields: (t) => ({ amountCents: t.field({ type: 'Cents', required: true }) }),
})

const ReconcileInput = builder.inputType('ReconcileCareAgreementInput', {
  fields: (t) => ({
    careAgreementId: t.id({ required: true }),
    period: t.field({ type: PeriodInput, required: true }),
    claims: t.field({ type: [AmountInput] }),
    payments: t.field({ type: [AmountInput] }),
  }),
})

builder.queryField('careAgreementReconciliation', (t) =>
  t.field({
    type: ReconciliationRef,
    args: { input: t.arg({ type: ReconcileInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      reconcileCareAgreement({
        deps: ctx.deps,
        actor: ctx.actor,
        input: {
          careAgreementId: String(input.careAgreementId),
          period: input.period,
          claims: (input.claims ?? []) as { amountCents: number }[],
          payments: (input.payments ?? []) as { amountCents: number }[],
        },
      }),
  }),
)

const HighNeedsInput = builder.inputType('HighNeedsServicesInput', {
  fields: (t) => ({
    recordedOn: t.string({ required: true, description: 'YYYY-MM-DD' }),
    advisorName: t.string({ required: true }),
    summary: t.string({ required: true }),
  }),
})

const FundingModelInput = builder.inputType('FundingModelInput', {
  description:
    'FIXED: amountCents, per; INDIVIDUALISED: childRef, ratePerDayCents, highNeedsServicesInput; DYNAMIC: generalSupportRateCents (per child per 24 hours).',
  fields: (t) => ({
    kind: t.field({ type: FundingModelKindEnum, required: true }),
    amountCents: t.field({ type: 'Cents' }),
    per: t.field({ type: FixedPeriodUnitEnum }),
    childRef: t.string(),
    ratePerDayCents: t.field({ type: 'Cents' }),
    highNeedsServicesInput: t.field({ type: HighNeedsInput }),
    generalSupportRateCents: t.field({ type: 'Cents' }),
  }),
})

const AgreeInput = builder.inputType('AgreeCareAgreementInput', {
  fields: (t) => ({
    carePartnerOrganisationId: t.id({ required: true }),
    reference: t.string({ required: true }),
    model: t.field({ type: FundingModelInput, required: true }),
  }),
})

const PlacementInput = builder.inputType('RecordCarePlacementInput', {
  fields: (t) => ({
    careAgreementId: t.id({ required: true }),
    childRef: t.string({ required: true }),
    from: t.string({ required: true, description: 'ISO 8601 with offset' }),
    to: t.string({ description: 'ISO 8601 with offset; absent while the child is in care' }),
  }),
})

const FundingRequestInput = builder.inputType('CareFundingRequestInput', {
  description:
    'AD_HOC: amountCents, incurredOn, reason (childRef optional); ADDITIONAL_SUPPORT_RATE: childRef, ratePerDayCents, from, to, reason.',
  fields: (t) => ({
    kind: t.field({ type: FundingRequestKindEnum, required: true }),
    careAgreementId: t.id({ required: true }),
    childRef: t.string(),
    amountCents: t.field({ type: 'Cents' }),
    incurredOn: t.string({ description: 'YYYY-MM-DD' }),
    ratePerDayCents: t.field({ type: 'Cents' }),
    from: t.string({ description: 'YYYY-MM-DD' }),
    to: t.string({ description: 'YYYY-MM-DD, exclusive; absent while it stands' }),
    reason: t.string(),
  }),
})

const FundingDecisionInput = builder.inputType('CareFundingDecisionInput', {
  description:
    'approve: agreedCents (less than asked, or absent for all), note; decline: reason; withdraw: reason.',
  fields: (t) => ({
    requestId: t.id({ required: true }),
    type: t.field({ type: FundingDecisionEnum, required: true }),
    agreedCents: t.field({ type: 'Cents' }),
    note: t.string(),
    reason: t.string(),
  }),
})

builder.mutationField('agreeCareAgreement', (t) =>
  t.field({
    type: CareAgreementRef,
    description: 'A budget manager agrees the funding model, only once s396 approval is obtained.',
    args: { input: t.arg({ type: AgreeInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const model = dropNulls(input.model)
      const row = await agreeCareAgreement({
        deps: ctx.deps,
        actor: ctx.actor,
        input: {
          carePartnerOrganisationId: String(input.carePartnerOrganisationId),
          reference: input.reference,
          model: (model.highNeedsServicesInput
            ? { ...model, highNeedsServicesInput: dropNulls(model.highNeedsServicesInput) }
            : model) as TFundingModelInput,
        },
        requestId: ctx.requestId,
      })
      return getCareAgreement({ deps: ctx.deps, actor: ctx.actor, input: { id: row.id } })
    },
  }),
)

builder.mutationField('recordCarePlacement', (t) =>
  t.field({
    type: CarePlacementRef,
    args: { input: t.arg({ type: PlacementInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      recordCarePlacement({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { ...input, careAgreementId: String(input.careAgreementId), to: input.to ?? null },
        requestId: ctx.requestId,
      }),
  }),
)

builder.mutationField('requestCareFunding', (t) =>
  t.field({
    type: FundingRequestRef,
    args: { input: t.arg({ type: FundingRequestInput, required: true }) },
    resolve: (_r, { input }, ctx) => {
      const i = dropNulls(input)
      // An additional support rate without `to` stands until changed: the schema wants null.
      const withTo = i.kind === 'ADDITIONAL_SUPPORT_RATE' && i.to === undefined ? { ...i, to: null } : i
      return requestCareFunding({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { ...withTo, careAgreementId: String(i.careAgreementId) } as TFundingRequestInput,
        requestId: ctx.requestId,
      })
    },
  }),
)

builder.mutationField('decideCareFundingRequest', (t) =>
  t.field({
    type: FundingRequestRef,
    description: 'A budget manager (not the requester) approves or declines; the requester may withdraw.',
    args: { input: t.arg({ type: FundingDecisionInput, required: true }) },
    resolve: (_r, { input }, ctx) => {
      const { requestId, ...command } = dropNulls(input)
      return decideCareFundingRequest({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { requestId: String(requestId), command: command as FundingRequestCommand },
        requestId: ctx.requestId,
      })
    },
  }),
)
