// The discretionary fund in GraphQL (issue 5; Guidelines, Discretionary Funding): a connector's
// fund and ledger, grant requests decided by the domain's assessGrantRequest, and allocations by
// national administrators. Inputs mirror ZGrantRequestInput and ZFundAllocationInput (inputs.test.ts).
import {
  CHECK_WHAT_YOU_MIGHT_GET_OUTCOMES,
  GRANT_NEED_CATEGORIES,
  GRANT_NEED_CATEGORY_INFO,
  type GrantNeedCategoryInfo,
  type GrantReason,
} from '@fsn/domain'
import {
  allocateFund,
  getMyFund,
  requestGrant,
  type GrantRequestResult,
  type SuggestedService,
} from '@fsn/services'
import { builder } from '../builder'

const GrantNeedCategoryEnum = builder.enumType('GrantNeedCategory', {
  description:
    'Needs the fund may pay for, and the ones it may not (FOOD, VEHICLE_PURCHASE, CIGARETTES_OR_ALCOHOL: refused with the reason).',
  values: GRANT_NEED_CATEGORIES,
})
const CheckOutcomeEnum = builder.enumType('CheckWhatYouMightGetOutcome', {
  values: CHECK_WHAT_YOU_MIGHT_GET_OUTCOMES,
})

type Fund = NonNullable<Awaited<ReturnType<typeof getMyFund>>>

const LedgerEntryRef = builder.objectRef<Fund['ledger'][number]>('FundLedgerEntry').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind', { description: 'ALLOCATION or GRANT' }),
    amountCents: t.expose('amountCents', { type: 'Cents', description: 'Signed: negative for a grant.' }),
    balanceAfterCents: t.expose('balanceAfterCents', { type: 'Cents' }),
    grantRequestId: t.exposeID('grantRequestId', { nullable: true }),
    note: t.exposeString('note', { nullable: true }),
    at: t.expose('at', { type: 'DateTime' }),
  }),
})

const GrantReasonRef = builder.objectRef<GrantReason>('GrantReason').implement({
  fields: (t) => ({
    code: t.exposeString('code'),
    message: t.exposeString('message'),
    field: t.exposeString('field'),
  }),
})

const GrantRequestRef = builder.objectRef<Fund['grantRequests'][number]>('GrantRequest').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    personId: t.exposeID('personId'),
    category: t.expose('category', { type: GrantNeedCategoryEnum }),
    amountCents: t.expose('amountCents', { type: 'Cents' }),
    status: t.exposeString('status', { description: 'APPROVED or REFUSED' }),
    basis: t.exposeString('basis', { nullable: true }),
    reasons: t.field({ type: [GrantReasonRef], resolve: (g) => (g.reasons as GrantReason[] | null) ?? [] }),
    suggestion: t.exposeString('suggestion', { nullable: true }),
    checkWhatYouMightGetDone: t.exposeBoolean('checkWhatYouMightGetDone', { nullable: true }),
    checkWhatYouMightGetOutcome: t.exposeString('checkWhatYouMightGetOutcome', { nullable: true }),
    checkWhatYouMightGetAt: t.expose('checkWhatYouMightGetAt', { type: 'DateTime', nullable: true }),
    caseManagerName: t.exposeString('caseManagerName', { nullable: true }),
    caseManagerConfirmedAt: t.expose('caseManagerConfirmedAt', { type: 'DateTime', nullable: true }),
    timeCriticalImperative: t.exposeString('timeCriticalImperative', { nullable: true }),
    note: t.exposeString('note', { nullable: true }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime' }),
  }),
})

const FundRef = builder.objectRef<Fund>('ConnectorFund').implement({
  description: "A community connector's discretionary fund. The balance never goes below zero.",
  fields: (t) => ({
    id: t.exposeID('id'),
    connectorId: t.exposeID('connectorId'),
    organisationId: t.exposeID('organisationId'),
    allocatedCents: t.expose('allocatedCents', { type: 'Cents' }),
    balanceCents: t.expose('balanceCents', { type: 'Cents' }),
    ledger: t.field({ type: [LedgerEntryRef], resolve: (f) => f.ledger }),
    grantRequests: t.field({ type: [GrantRequestRef], resolve: (f) => f.grantRequests }),
  }),
})

const AllocatedFundRef = builder
  .objectRef<Omit<Fund, 'ledger' | 'grantRequests'>>('FundAllocation')
  .implement({
    fields: (t) => ({
      fundId: t.exposeID('id'),
      connectorId: t.exposeID('connectorId'),
      allocatedCents: t.expose('allocatedCents', { type: 'Cents' }),
      balanceCents: t.expose('balanceCents', { type: 'Cents' }),
    }),
  })

const SuggestedServiceRef = builder.objectRef<SuggestedService>('SuggestedService').implement({
  description:
    'A directory listing to turn to instead: a Work and Income office or a Community Food Provider.',
  fields: (t) => ({
    serviceId: t.exposeID('serviceId'),
    organisationId: t.exposeID('organisationId'),
    name: t.exposeString('name'),
    organisationName: t.exposeString('organisationName'),
    categoryCodes: t.exposeStringList('categoryCodes'),
    territorialAuthorityName: t.exposeString('taName', { nullable: true }),
    regionName: t.exposeString('regionName', { nullable: true }),
    city: t.exposeString('city', { nullable: true }),
  }),
})

const GrantDecisionRef = builder.objectRef<GrantRequestResult>('GrantDecision').implement({
  description:
    'The decision on a grant request: approved with the balance left, or refused with every reason.',
  fields: (t) => ({
    approved: t.exposeBoolean('approved'),
    grantRequestId: t.exposeID('grantRequestId'),
    amountCents: t.field({
      type: 'Cents',
      nullable: true,
      resolve: (d) => (d.approved ? d.amountCents : null),
    }),
    balanceAfterCents: t.field({
      type: 'Cents',
      nullable: true,
      resolve: (d) => (d.approved ? d.balanceAfterCents : null),
    }),
    basis: t.string({ nullable: true, resolve: (d) => (d.approved ? d.basis : null) }),
    reasons: t.field({ type: [GrantReasonRef], resolve: (d) => (d.approved ? [] : d.reasons) }),
    suggestion: t.string({ nullable: true, resolve: (d) => (d.approved ? null : d.suggestion) }),
    suggestedServices: t.field({
      type: [SuggestedServiceRef],
      resolve: (d) => (d.approved ? [] : d.suggestedServices),
    }),
  }),
})

const CategoryInfoRef = builder.objectRef<GrantNeedCategoryInfo>('GrantNeedCategoryInfo').implement({
  fields: (t) => ({
    code: t.expose('code', { type: GrantNeedCategoryEnum }),
    label: t.exposeString('label'),
    group: t.exposeString('group'),
    allowed: t.exposeBoolean('allowed'),
    rule: t.exposeString('rule'),
  }),
})

// ─── Queries ────────────────────────────────────────────────────────────────────────────────────

builder.queryField('myFund', (t) =>
  t.field({
    type: FundRef,
    nullable: true,
    description:
      "The signed-in connector's fund with its recent ledger and grant requests; null before any allocation.",
    resolve: (_r, _a, ctx) => getMyFund({ deps: ctx.deps, actor: ctx.actor }),
  }),
)

builder.queryField('grantNeedCategories', (t) =>
  t.field({
    type: [CategoryInfoRef],
    resolve: () => GRANT_NEED_CATEGORIES.map((c) => GRANT_NEED_CATEGORY_INFO[c]),
  }),
)

// ─── Mutations ──────────────────────────────────────────────────────────────────────────────────

const CheckInput = builder.inputType('CheckWhatYouMightGetInput', {
  fields: (t) => ({
    done: t.boolean({ required: true }),
    at: t.string({ required: true, description: 'ISO 8601 with offset' }),
    outcome: t.field({ type: CheckOutcomeEnum, required: true }),
  }),
})

const ConfirmationInput = builder.inputType('CaseManagerConfirmationInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    at: t.string({ required: true, description: 'ISO 8601 with offset' }),
  }),
})

const EligibilityInput = builder.inputType('GrantEligibilityInput', {
  description:
    'Both Work and Income records, or a time-critical imperative (Guidelines, Assessment Criteria).',
  fields: (t) => ({
    checkWhatYouMightGet: t.field({ type: CheckInput }),
    caseManagerConfirmation: t.field({ type: ConfirmationInput }),
    timeCriticalImperative: t.string(),
  }),
})

export const RequestGrantInput = builder.inputType('RequestGrantInput', {
  fields: (t) => ({
    personId: t.id({ required: true }),
    category: t.field({ type: GrantNeedCategoryEnum, required: true }),
    amountCents: t.field({ type: 'Cents', required: true }),
    eligibility: t.field({ type: EligibilityInput, required: true }),
    note: t.string(),
  }),
})

export const AllocateFundInput = builder.inputType('AllocateFundInput', {
  fields: (t) => ({
    connectorId: t.id({ required: true }),
    amountCents: t.field({ type: 'Cents', required: true }),
    note: t.string(),
  }),
})

const dropNulls = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined))

builder.mutationField('requestGrant', (t) =>
  t.field({
    type: GrantDecisionRef,
    args: { input: t.arg({ type: RequestGrantInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      requestGrant({
        deps: ctx.deps,
        actor: ctx.actor,
        input: dropNulls({
          ...input,
          personId: String(input.personId),
          eligibility: input.eligibility ? dropNulls(input.eligibility) : input.eligibility,
        }),
        requestId: ctx.requestId,
      }),
  }),
)

builder.mutationField('allocateFund', (t) =>
  t.field({
    type: AllocatedFundRef,
    args: { input: t.arg({ type: AllocateFundInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      allocateFund({
        deps: ctx.deps,
        actor: ctx.actor,
        input: dropNulls({ ...input, connectorId: String(input.connectorId) }),
        requestId: ctx.requestId,
      }),
  }),
)
