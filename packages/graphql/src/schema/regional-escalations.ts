// The Regional Lead queue (Guidelines, Service Agreements: "please contact your Regional Lead who
// may escalate it"): thin over packages/services/src/escalations. No personal field: the person is
// read through Referral.person, where the need-to-know rule applies.
import {
  acknowledgeRegionalEscalation,
  assignRegionalEscalation,
  escalateRegionalEscalation,
  listRegionalEscalations,
  noteRegionalEscalation,
  resolveRegionalEscalation,
  type RegionalEscalationView,
} from '@fsn/services'
import { builder } from '../builder'

type Note = RegionalEscalationView['notes'][number]

const RegionalEscalationNoteRef = builder.objectRef<Note>('RegionalEscalationNote').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    body: t.exposeString('body'),
    at: t.expose('at', { type: 'DateTime' }),
    author: t.exposeString('author'),
  }),
})

const AssigneeRef = builder.objectRef<{ id: string; name: string }>('RegionalEscalationAssignee').implement({
  fields: (t) => ({ id: t.exposeID('id'), name: t.exposeString('name') }),
})

const RegionalEscalationRef = builder.objectRef<RegionalEscalationView>('RegionalEscalation').implement({
  description: "An item in a Regional Lead's queue: an SLA breach or a contact escalation of their region.",
  fields: (t) => ({
    id: t.exposeID('id'),
    referralId: t.exposeID('referralId'),
    reference: t.exposeString('reference'),
    reason: t.exposeString('reason', { description: 'SLA_BREACH or CONTACT_ATTEMPTS' }),
    status: t.exposeString('status', { description: 'OPEN, ACKNOWLEDGED, ESCALATED or RESOLVED' }),
    regionName: t.exposeString('regionName'),
    openedAt: t.expose('openedAt', { type: 'DateTime' }),
    acknowledgeBy: t.expose('acknowledgeBy', { type: 'DateTime' }),
    overdue: t.exposeBoolean('overdue', { description: 'Still OPEN after acknowledgeBy.' }),
    acknowledgedAt: t.expose('acknowledgedAt', { type: 'DateTime', nullable: true }),
    assignedTo: t.field({ type: AssigneeRef, nullable: true, resolve: (e) => e.assignedTo }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
    outcome: t.exposeString('outcome', { nullable: true }),
    escalatedAt: t.expose('escalatedAt', { type: 'DateTime', nullable: true }),
    onwardContact: t.exposeString('onwardContact', { nullable: true }),
    onwardReason: t.exposeString('onwardReason', { nullable: true }),
    notes: t.field({ type: [RegionalEscalationNoteRef], resolve: (e) => e.notes }),
  }),
})

builder.queryField('regionalEscalations', (t) =>
  t.field({
    type: [RegionalEscalationRef],
    description: "Your regions' queue (escalation:receive): overdue first, then open, then resolved.",
    args: { openOnly: t.arg.boolean() },
    resolve: (_r, args, ctx) =>
      listRegionalEscalations({ deps: ctx.deps, actor: ctx.actor, input: { open: args.openOnly === true } }),
  }),
)

const RegionalEscalationStepInput = builder.inputType('RegionalEscalationStepInput', {
  fields: (t) => ({
    escalationId: t.id({ required: true }),
    assigneeId: t.id({ description: 'assignRegionalEscalation: a Regional Lead of the same region' }),
    body: t.string({ description: 'noteRegionalEscalation' }),
    outcome: t.string({ description: 'resolveRegionalEscalation' }),
    onwardContact: t.string({ description: 'escalateRegionalEscalation: the national contact' }),
    reason: t.string({ description: 'escalateRegionalEscalation: why' }),
  }),
})

for (const [field, useCase] of [
  ['acknowledgeRegionalEscalation', acknowledgeRegionalEscalation],
  ['assignRegionalEscalation', assignRegionalEscalation],
  ['noteRegionalEscalation', noteRegionalEscalation],
  ['resolveRegionalEscalation', resolveRegionalEscalation],
  ['escalateRegionalEscalation', escalateRegionalEscalation],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: RegionalEscalationRef,
      args: { input: t.arg({ type: RegionalEscalationStepInput, required: true }) },
      resolve: (_r, { input }, ctx) =>
        useCase({
          deps: ctx.deps,
          actor: ctx.actor,
          requestId: ctx.requestId,
          input: Object.fromEntries(
            Object.entries(input)
              .filter(([, v]) => v !== null && v !== undefined)
              .map(([k, v]) => [k, String(v)]),
          ),
        }),
    }),
  )
}
