// The accreditation registry (issue 16, item 2): national administrators only; thin over
// packages/services/src/accreditations (the same use cases as REST /api/v1/accreditations).
import {
  findAccreditations,
  importAccreditations,
  recordAccreditation,
  reinstateAccreditation,
  renewAccreditation,
  revokeAccreditation,
  suspendAccreditation,
  type AccreditationHistoryEntry,
  type AccreditationView,
  type ImportRowResult,
} from '@fsn/services'
import { builder } from '../builder'

const HistoryRef = builder.objectRef<AccreditationHistoryEntry>('AccreditationHistoryEntry').implement({
  description: 'One decision on an accreditation, from the audit chain.',
  fields: (t) => ({
    action: t.exposeString('action'),
    at: t.exposeString('at', { description: 'ISO 8601 UTC' }),
    byUserId: t.exposeID('byUserId', { nullable: true }),
    evidenceNote: t.exposeString('evidenceNote', { nullable: true }),
    status: t.exposeString('status', { nullable: true }),
    level: t.exposeInt('level', { nullable: true }),
    validTo: t.exposeString('validTo', {
      nullable: true,
      description: 'Last valid day after the decision (NZ date)',
    }),
  }),
})

const AccreditationRef = builder.objectRef<AccreditationView>('RegistryAccreditation').implement({
  description: 'An organisation’s accreditation as the registry keeps it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    organisationId: t.exposeID('organisationId'),
    organisationName: t.exposeString('organisationName'),
    scheme: t.exposeString('scheme'),
    level: t.exposeInt('level', { nullable: true }),
    status: t.exposeString('status'),
    validFrom: t.exposeString('validFrom', { description: 'First valid day, NZ date' }),
    validTo: t.exposeString('validTo', {
      nullable: true,
      description: 'Last valid day (inclusive), NZ date',
    }),
    expired: t.exposeBoolean('expired'),
    expiresSoon: t.exposeBoolean('expiresSoon', {
      description: 'Holding, and its last valid day within 60 days',
    }),
    evidenceNote: t.exposeString('evidenceNote', { nullable: true }),
    decidedById: t.exposeID('decidedById', { nullable: true }),
    history: t.field({ type: [HistoryRef], resolve: (a) => a.history }),
  }),
})

builder.queryField('accreditations', (t) =>
  t.field({
    type: [AccreditationRef],
    description: 'The registry (national administrators): all, one organisation’s, or those expiring soon.',
    args: { organisationId: t.arg.id(), expiringSoon: t.arg.boolean() },
    resolve: async (_r, args, ctx) =>
      (
        await findAccreditations({
          deps: ctx.deps,
          actor: ctx.actor,
          input: {
            organisationId: args.organisationId ?? undefined,
            expiringSoon: args.expiringSoon ?? undefined,
          },
        })
      ).items,
  }),
)

const RecordAccreditationInput = builder.inputType('RecordAccreditationInput', {
  fields: (t) => ({
    organisationId: t.id({ required: true }),
    scheme: t.string({ required: true, description: 'MSD_SSAS, TE_KAHUI_KAHU or OT_S396' }),
    level: t.int(),
    status: t.string({ description: 'ACTIVE (default) or PROVISIONAL' }),
    validFrom: t.string({ required: true, description: 'First valid day, YYYY-MM-DD (NZ)' }),
    validTo: t.string({ description: 'Last valid day, YYYY-MM-DD (NZ); null: open-ended' }),
    evidenceNote: t.string({ required: true }),
  }),
})

builder.mutationField('recordAccreditation', (t) =>
  t.field({
    type: AccreditationRef,
    args: { input: t.arg({ type: RecordAccreditationInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      recordAccreditation({
        deps: ctx.deps,
        actor: ctx.actor,
        input: { ...input, validTo: input.validTo ?? null, status: input.status ?? undefined },
        requestId: ctx.requestId,
      }),
  }),
)

const ActionEnum = builder.enumType('AccreditationAction', {
  values: ['RENEW', 'SUSPEND', 'REINSTATE', 'REVOKE'] as const,
})

const AccreditationDecisionInput = builder.inputType('AccreditationDecisionInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    action: t.field({ type: ActionEnum, required: true }),
    evidenceNote: t.string({ required: true }),
    validTo: t.string({ description: 'RENEW: the new last valid day (YYYY-MM-DD, NZ); null: open-ended' }),
    level: t.int({ description: 'RENEW: a new level, when the renewal changes it' }),
  }),
})

builder.mutationField('decideAccreditation', (t) =>
  t.field({
    type: AccreditationRef,
    description: 'Renew, suspend, reinstate or revoke, with the evidence it rests on.',
    args: { input: t.arg({ type: AccreditationDecisionInput, required: true }) },
    resolve: (_r, { input }, ctx) => {
      const base = { deps: ctx.deps, actor: ctx.actor, requestId: ctx.requestId }
      const decision = { id: input.id, evidenceNote: input.evidenceNote }
      switch (input.action) {
        case 'RENEW':
          return renewAccreditation({
            ...base,
            input: {
              ...decision,
              validTo: input.validTo ?? null,
              ...(input.level != null ? { level: input.level } : {}),
            },
          })
        case 'SUSPEND':
          return suspendAccreditation({ ...base, input: decision })
        case 'REINSTATE':
          return reinstateAccreditation({ ...base, input: decision })
        case 'REVOKE':
          return revokeAccreditation({ ...base, input: decision })
      }
    },
  }),
)

const ImportRowRef = builder.objectRef<ImportRowResult>('AccreditationImportRow').implement({
  fields: (t) => ({
    line: t.exposeInt('line'),
    outcome: t.exposeString('outcome', { description: 'create, update, unchanged or refused' }),
    organisationId: t.exposeID('organisationId', { nullable: true }),
    scheme: t.exposeString('scheme', { nullable: true }),
    accreditationId: t.exposeID('accreditationId', { nullable: true }),
    field: t.exposeString('field', { nullable: true }),
    message: t.exposeString('message', { nullable: true }),
  }),
})
type ImportResult = Awaited<ReturnType<typeof importAccreditations>>
const ImportCountsRef = builder.objectRef<ImportResult['counts']>('AccreditationImportCounts').implement({
  fields: (t) => ({
    create: t.exposeInt('create'),
    update: t.exposeInt('update'),
    unchanged: t.exposeInt('unchanged'),
    refused: t.exposeInt('refused'),
  }),
})
const ImportResultRef = builder.objectRef<ImportResult>('AccreditationImportResult').implement({
  fields: (t) => ({
    dryRun: t.exposeBoolean('dryRun'),
    counts: t.field({ type: ImportCountsRef, resolve: (r) => r.counts }),
    rows: t.field({ type: [ImportRowRef], resolve: (r) => r.rows }),
  }),
})

const ImportAccreditationsInput = builder.inputType('ImportAccreditationsInput', {
  fields: (t) => ({
    csv: t.string({ required: true }),
    dryRun: t.boolean({ required: true }),
  }),
})

builder.mutationField('importAccreditations', (t) =>
  t.field({
    type: ImportResultRef,
    description: 'Bulk load from CSV; dryRun true says per row what would happen and writes nothing.',
    args: { input: t.arg({ type: ImportAccreditationsInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      importAccreditations({ deps: ctx.deps, actor: ctx.actor, input, requestId: ctx.requestId }),
  }),
)
