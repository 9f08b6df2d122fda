// A person's access records in GraphQL (Privacy Act 2020, IPP 6): who read the person's details,
// for which organisation, when, which fields and under which need-to-know rule. Only staff who
// record consent at the organisation that recorded the person may ask (NOT_FOUND for anyone else,
// as for an unknown person).
import { listAccessRecords, type AccessRecordView } from '@fsn/services'
import { builder } from '../builder'

const AccessRecordUserRef = builder
  .objectRef<AccessRecordView['user']>('AccessRecordUser')
  .implement({ fields: (t) => ({ id: t.exposeID('id'), name: t.exposeString('name') }) })

const AccessRecordOrganisationRef = builder
  .objectRef<AccessRecordView['organisation']>('AccessRecordOrganisation')
  .implement({ fields: (t) => ({ id: t.exposeID('id'), name: t.exposeString('name') }) })

const AccessRecordRef = builder.objectRef<AccessRecordView>('PersonAccessRecord').implement({
  description: 'One read of a person’s details: who, for which organisation, when, what and why.',
  fields: (t) => ({
    id: t.exposeID('id'),
    accessedAt: t.expose('accessedAt', { type: 'DateTime' }),
    user: t.field({ type: AccessRecordUserRef, resolve: (r) => r.user }),
    organisation: t.field({ type: AccessRecordOrganisationRef, resolve: (r) => r.organisation }),
    fields: t.stringList({
      description: 'The person fields shown; for a shared case read, the information kinds shown.',
      resolve: (r) => r.fields,
    }),
    purpose: t.exposeString('purpose', { description: 'action:rule, e.g. referral.view:referral-receiver.' }),
    action: t.exposeString('action', { description: 'What was read: referral.view, people.list, case.view …' }),
    rule: t.exposeString('rule', {
      nullable: true,
      description: 'The need-to-know rule the read was allowed under (docs/privacy.md).',
    }),
    referralId: t.exposeID('referralId', { nullable: true }),
    consentId: t.exposeID('consentId', { nullable: true }),
  }),
})

builder.queryField('personAccessRecords', (t) =>
  t.field({
    type: [AccessRecordRef],
    description:
      'Every recorded read of a person your organisation recorded, oldest first (Privacy Act 2020, IPP 6). Needs consent:record at that organisation; NOT_FOUND otherwise.',
    args: { personId: t.arg.id({ required: true }) },
    resolve: async (_r, args, ctx) =>
      (await listAccessRecords({ deps: ctx.deps, actor: ctx.actor, personId: String(args.personId) })).records,
  }),
)
