// Interaction records and the weekly de-identified report in GraphQL (issue 5): thin over
// packages/services. Inputs pass to the use cases, which validate them with the zod schemas; a test
// keeps RecordInteractionInput's fields in step with ZRecordInteractionInput. The export is the
// domain's de-identified rows (and CSV), or the records whose notes block it, with the reasons.
import {
  CONTACT_METHODS,
  GRANT_EXPORT_COLUMNS,
  INTERACTION_EXPORT_COLUMNS,
  type ExportColumn,
  type GrantExportRow,
  type InteractionExportRow,
} from '@fsn/domain'
import {
  INTERACTION_OUTCOMES,
  amendInteractionNotes,
  exportWeeklyReport,
  findInteractions,
  getWeeklyReportStatus,
  recordInteraction,
  submitWeeklyReport,
  type BlockedInteraction,
  type WeeklyReportExport,
} from '@fsn/services'
import { builder } from '../builder'

const InteractionMethodEnum = builder.enumType('InteractionMethod', {
  description: 'How the interaction happened (the same values as ContactMethod).',
  values: CONTACT_METHODS,
})
const InteractionOutcomeEnum = builder.enumType('InteractionOutcome', {
  description: "How the interaction ended, for the connector's own follow-up; not exported.",
  values: INTERACTION_OUTCOMES,
})
const WeeklyReportStateEnum = builder.enumType('WeeklyReportState', {
  description:
    'due until Monday 17:00 NZ time after the week (Tuesday when Monday is a public holiday), then overdue.',
  values: ['due', 'overdue', 'submitted'] as const,
})

interface InteractionShape {
  id: string
  personId: string
  occurredAt: Date
  recordedAt: Date
  recordedSameDay: boolean
  reportWeek: string
  method: (typeof CONTACT_METHODS)[number]
  needCategories: string[]
  referredCategories: string[]
  outcome: (typeof INTERACTION_OUTCOMES)[number] | null
  notes: string | null
  regionCode: string
  territorialAuthorityCode: string | null
}

const InteractionRef = builder.objectRef<InteractionShape>('Interaction').implement({
  description:
    'An interaction a community connector had with a person or whānau (Guidelines: recorded on the day).',
  fields: (t) => ({
    id: t.exposeID('id'),
    personId: t.exposeID('personId'),
    occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
    recordedSameDay: t.exposeBoolean('recordedSameDay', {
      description: 'Recorded on the New Zealand date it happened. A later record is accepted and flagged.',
    }),
    reportWeek: t.exposeString('reportWeek', { description: 'ISO week, NZ time: "2026-W43".' }),
    method: t.expose('method', { type: InteractionMethodEnum }),
    needCategories: t.exposeStringList('needCategories'),
    referredCategories: t.exposeStringList('referredCategories'),
    outcome: t.expose('outcome', { type: InteractionOutcomeEnum, nullable: true }),
    notes: t.exposeString('notes', { nullable: true }),
    regionCode: t.exposeString('regionCode'),
    territorialAuthorityCode: t.exposeString('territorialAuthorityCode', { nullable: true }),
  }),
})

const RecordInteractionResultRef = builder
  .objectRef<{
    interaction: InteractionShape
    recordedSameDay: boolean
    notesExportable: boolean
    notesReasons: string[]
  }>('RecordInteractionResult')
  .implement({
    fields: (t) => ({
      interaction: t.field({ type: InteractionRef, resolve: (r) => r.interaction }),
      recordedSameDay: t.exposeBoolean('recordedSameDay'),
      notesExportable: t.exposeBoolean('notesExportable', {
        description:
          'Whether the notes would pass the weekly export as written; if not, notesReasons says why.',
      }),
      notesReasons: t.exposeStringList('notesReasons'),
    }),
  })

const StatusRef = builder
  .objectRef<Awaited<ReturnType<typeof getWeeklyReportStatus>>>('WeeklyReportStatus')
  .implement({
    fields: (t) => ({
      organisationId: t.exposeID('organisationId'),
      week: t.exposeString('week'),
      monday: t.exposeString('monday'),
      sunday: t.exposeString('sunday'),
      status: t.expose('status', { type: WeeklyReportStateEnum }),
      dueAt: t.expose('dueAt', { type: 'DateTime' }),
      inProgress: t.exposeBoolean('inProgress', { description: 'The week has not finished yet.' }),
      late: t.exposeBoolean('late', { description: 'Submitted after the deadline.' }),
      submittedAt: t.expose('submittedAt', { type: 'DateTime', nullable: true }),
      interactionCount: t.exposeInt('interactionCount'),
      notSameDayCount: t.exposeInt('notSameDayCount', { description: 'Records not made on the day.' }),
    }),
  })

const ExportColumnRef = builder.objectRef<ExportColumn>('ExportColumn').implement({
  description: 'One column of the de-identified export: its name, type and meaning.',
  fields: (t) => ({
    name: t.exposeString('name'),
    type: t.exposeString('type'),
    description: t.exposeString('description'),
    values: t.field({ type: ['String'], nullable: true, resolve: (c) => (c.values ? [...c.values] : null) }),
  }),
})

const InteractionRowRef = builder.objectRef<InteractionExportRow>('InteractionExportRow').implement({
  fields: (t) => ({
    reportWeek: t.exposeString('reportWeek'),
    regionCode: t.exposeString('regionCode'),
    territorialAuthorityCode: t.exposeString('territorialAuthorityCode', { nullable: true }),
    ageBand: t.exposeString('ageBand'),
    whanauSize: t.exposeString('whanauSize'),
    method: t.expose('method', { type: InteractionMethodEnum }),
    needCategories: t.exposeStringList('needCategories'),
    referredCategories: t.exposeStringList('referredCategories'),
    recordedSameDay: t.exposeBoolean('recordedSameDay'),
    notes: t.exposeString('notes', { nullable: true }),
  }),
})

const GrantRowRef = builder.objectRef<GrantExportRow>('GrantExportRow').implement({
  fields: (t) => ({
    reportWeek: t.exposeString('reportWeek'),
    category: t.exposeString('category'),
    amountCents: t.expose('amountCents', { type: 'Cents' }),
  }),
})

const BlockedRef = builder.objectRef<BlockedInteraction>('BlockedInteraction').implement({
  description: 'An interaction whose notes hold personal information: reword them, then export again.',
  fields: (t) => ({
    interactionId: t.exposeID('interactionId'),
    occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
    reasons: t.exposeStringList('reasons'),
  }),
})

const ExportRef = builder.objectRef<WeeklyReportExport>('WeeklyReportExport').implement({
  description:
    'The de-identified weekly export (Guidelines, Protecting reporting information). When any note fails the personal-information check, exportable is false, nothing is exported and blocked lists the records to reword.',
  fields: (t) => ({
    week: t.string({ resolve: (r) => r.week.id }),
    exportable: t.exposeBoolean('exportable'),
    blocked: t.field({ type: [BlockedRef], resolve: (r) => (r.exportable ? [] : r.blocked) }),
    interactions: t.field({
      type: [InteractionRowRef],
      resolve: (r) => (r.exportable ? r.interactions : []),
    }),
    grants: t.field({ type: [GrantRowRef], resolve: (r) => (r.exportable ? r.grants : []) }),
    interactionsCsv: t.string({ nullable: true, resolve: (r) => (r.exportable ? r.csv.interactions : null) }),
    grantsCsv: t.string({ nullable: true, resolve: (r) => (r.exportable ? r.csv.grants : null) }),
    interactionColumns: t.field({ type: [ExportColumnRef], resolve: () => [...INTERACTION_EXPORT_COLUMNS] }),
    grantColumns: t.field({ type: [ExportColumnRef], resolve: () => [...GRANT_EXPORT_COLUMNS] }),
  }),
})

const WeeklyReportRef = builder
  .objectRef<Awaited<ReturnType<typeof submitWeeklyReport>>>('WeeklyReport')
  .implement({
    fields: (t) => ({
      id: t.exposeID('id'),
      week: t.exposeString('week'),
      submittedAt: t.expose('submittedAt', { type: 'DateTime' }),
      dueAt: t.expose('dueAt', { type: 'DateTime' }),
      late: t.exposeBoolean('late'),
      interactionCount: t.exposeInt('interactionCount'),
      grantCount: t.exposeInt('grantCount'),
    }),
  })

// ─── Queries ────────────────────────────────────────────────────────────────────────────────────

const WEEK = 'ISO week ("2026-W43") or its Monday ("2026-10-19")'

builder.queryField('interactions', (t) =>
  t.field({
    type: [InteractionRef],
    description: "Your organisation's interaction records, newest first.",
    args: { week: t.arg.string({ description: WEEK }), personId: t.arg.id(), first: t.arg.int() },
    resolve: (_r, args, ctx) =>
      findInteractions({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { week: args.week, personId: args.personId ? String(args.personId) : null, first: args.first },
      }),
  }),
)

builder.queryField('weeklyReportStatus', (t) =>
  t.field({
    type: StatusRef,
    description: "Where a week's report stands; without a week, the last complete week.",
    args: { week: t.arg.string({ description: WEEK }) },
    resolve: (_r, args, ctx) =>
      getWeeklyReportStatus({ deps: ctx.deps, actor: ctx.actor, input: { week: args.week } }),
  }),
)

builder.queryField('weeklyReportExport', (t) =>
  t.field({
    type: ExportRef,
    args: { week: t.arg.string({ required: true, description: WEEK }) },
    resolve: (_r, args, ctx) =>
      exportWeeklyReport({ deps: ctx.deps, actor: ctx.actor, input: { week: args.week } }),
  }),
)

// ─── Mutations ──────────────────────────────────────────────────────────────────────────────────

export const RecordInteractionInput = builder.inputType('RecordInteractionInput', {
  fields: (t) => ({
    personId: t.id({ required: true }),
    occurredAt: t.string({ required: true, description: 'ISO 8601 with offset' }),
    method: t.field({ type: InteractionMethodEnum, required: true }),
    needCategories: t.stringList({ required: true, description: 'Service category codes' }),
    referredCategories: t.stringList({ description: 'Service category codes referred on to' }),
    outcome: t.field({ type: InteractionOutcomeEnum }),
    notes: t.string({
      description: 'Free text; the weekly export refuses it while it holds personal information.',
    }),
  }),
})

/** GraphQL sends null for an absent optional field; the zod schemas want it absent. */
const dropNulls = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined))

builder.mutationField('recordInteraction', (t) =>
  t.field({
    type: RecordInteractionResultRef,
    args: { input: t.arg({ type: RecordInteractionInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      recordInteraction({
        deps: ctx.deps,
        actor: ctx.actor,
        input: dropNulls({ ...input, personId: String(input.personId) }),
        requestId: ctx.requestId,
      }),
  }),
)

builder.mutationField('submitWeeklyReport', (t) =>
  t.field({
    type: WeeklyReportRef,
    args: { week: t.arg.string({ required: true, description: WEEK }) },
    resolve: (_r, args, ctx) =>
      submitWeeklyReport({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { week: args.week },
        requestId: ctx.requestId,
      }),
  }),
)

export const AmendInteractionNotesInput = builder.inputType('AmendInteractionNotesInput', {
  fields: (t) => ({
    interactionId: t.id({ required: true }),
    notes: t.string({
      required: true,
      description: 'The reworded notes (empty to remove them); checked for personal information again.',
    }),
  }),
})

const AmendInteractionNotesResultRef = builder
  .objectRef<{ interaction: InteractionShape; notesExportable: boolean; notesReasons: string[] }>(
    'AmendInteractionNotesResult',
  )
  .implement({
    fields: (t) => ({
      interaction: t.field({ type: InteractionRef, resolve: (r) => r.interaction }),
      notesExportable: t.exposeBoolean('notesExportable', {
        description: 'Whether the reworded notes now pass the weekly export; if not, notesReasons says why.',
      }),
      notesReasons: t.exposeStringList('notesReasons'),
    }),
  })

builder.mutationField('amendInteractionNotes', (t) =>
  t.field({
    type: AmendInteractionNotesResultRef,
    description:
      "Reword an interaction's notes so its week's export is no longer held back. Only a connector of its organisation, and only until that week's report is submitted (409).",
    args: { input: t.arg({ type: AmendInteractionNotesInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      amendInteractionNotes({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { interactionId: String(input.interactionId), notes: input.notes },
        requestId: ctx.requestId,
      }),
  }),
)
