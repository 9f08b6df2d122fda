// Referral exchange in GraphQL: thin over packages/services. Inputs pass straight to the use
// cases, which validate them with the domain's zod schemas (one schema per input); a test keeps
// these input types' fields in step with those schemas.
import {
  CONSENT_METHODS,
  CONTACT_METHODS,
  CONTACT_RESULTS,
  INFORMATION_KINDS,
  MESSAGE_LANGUAGES,
  PERSON_MESSAGE_CHANNELS,
  PERSON_RELATIONSHIPS,
  REFERRAL_COMMAND_TYPES,
  REFERRAL_EVENT_TYPES,
  REFERRAL_FAILURE_REASONS,
  REFERRAL_OUTCOMES,
  REFERRAL_PRIORITIES,
  REFERRAL_STATUSES,
  availableCommands,
  isRedacted,
} from '@fsn/domain'
import {
  actOnReferral,
  checkReferralRouting,
  findPeople,
  findReferrals,
  getReferral,
  grantConsent,
  listNotifications,
  markNotificationsRead,
  recordContactAttempt,
  recordPerson,
  redirectReferral,
  sendReferral,
  withdrawConsent,
  type ReferralListItem,
  type ReferralView,
} from '@fsn/services'
import { builder, type GraphQLContext } from '../builder'
import { partyFor } from '@fsn/services/actor-scope'

const e = <T extends readonly string[]>(name: string, values: T, description?: string) =>
  builder.enumType(name, { values, ...(description ? { description } : {}) })

export const ReferralStatusEnum = e('ReferralStatus', REFERRAL_STATUSES)
const ReferralEventTypeEnum = e('ReferralEventType', REFERRAL_EVENT_TYPES)
export const InformationKindEnum = e('InformationKind', INFORMATION_KINDS, 'Kinds of personal information a consent covers.')
const ConsentMethodEnum = e('ConsentMethod', CONSENT_METHODS)
const ContactMethodEnum = e('ContactMethod', CONTACT_METHODS)
const ContactResultEnum = e('ContactResult', CONTACT_RESULTS)
const OutcomeEnum = e('ReferralOutcome', REFERRAL_OUTCOMES)
const FailureReasonEnum = e('ReferralFailureReason', REFERRAL_FAILURE_REASONS)
const PriorityEnum = e('ReferralPriority', REFERRAL_PRIORITIES)
const CommandEnum = e('ReferralCommandType', REFERRAL_COMMAND_TYPES)
const SlaEnum = e('SlaStatus', ['ON_TIME', 'DUE_SOON', 'OVERDUE', 'MET', 'MISSED', 'NOT_APPLICABLE'] as const, 'The 12-business-hour accept-or-decline deadline.')
const BoxEnum = e('ReferralBox', ['INBOX', 'OUTBOX'] as const)
const RelationshipEnum = e('PersonRelationship', PERSON_RELATIONSHIPS, 'How you stand to a record holding a person’s details (the need-to-know rule, docs/privacy.md).')
const ViewerAccessEnum = e('ViewerAccess', ['SENDER', 'RECIPIENT', 'NONE'] as const)
const PersonMessageChannelEnum = e('PersonMessageChannel', PERSON_MESSAGE_CHANNELS, 'Status messages to the person: none, by email or by SMS.')
const MessageLanguageEnum = e('MessageLanguage', MESSAGE_LANGUAGES)

/** GraphQL sends null for an absent optional field; the zod schemas want it absent. */
function dropNulls<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) as T
}

const NamedRef = builder.objectRef<{ id: string; name: string }>('NamedRef').implement({
  fields: (t) => ({ id: t.exposeID('id'), name: t.exposeString('name') }),
})
const CodeNameRef = builder.objectRef<{ code: string; name: string }>('CodeName').implement({
  fields: (t) => ({ code: t.exposeString('code'), name: t.exposeString('name') }),
})

/**
 * The consent state and latest event of the referrals on one page, read in one statement for the
 * whole page (Prisma's relation joins), not one per row: every summary resolved in the same tick
 * asks for its own id, and one query answers them all. Cached per request (the context object).
 */
type PageExtras = { consent: { id: string; givenAt: Date; expiresAt: Date | null; withdrawnAt: Date | null }; latestEvent: { type: (typeof REFERRAL_EVENT_TYPES)[number]; toStatus: (typeof REFERRAL_STATUSES)[number] | null; occurredAt: Date } | null }
const pageExtrasByContext = new WeakMap<GraphQLContext, (referralId: string) => Promise<PageExtras>>()

function pageExtras(ctx: GraphQLContext) {
  let load = pageExtrasByContext.get(ctx)
  if (load) return load
  let queued: { id: string; resolve: (v: PageExtras) => void; reject: (e: unknown) => void }[] = []
  const dispatch = async () => {
    const batch = queued
    queued = []
    try {
      const rows = await ctx.deps.prisma.referral.findMany({
        where: { id: { in: [...new Set(batch.map((b) => b.id))] } },
        select: {
          id: true,
          consent: { select: { id: true, givenAt: true, expiresAt: true, withdrawnAt: true } },
          events: { select: { type: true, toStatus: true, occurredAt: true }, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], take: 1 },
        },
      })
      const byId = new Map(rows.map((r) => [r.id, { consent: r.consent, latestEvent: r.events[0] ?? null }]))
      for (const b of batch) {
        const found = byId.get(b.id)
        if (found) b.resolve(found)
        else b.reject(new Error(`referral ${b.id} not found`))
      }
    } catch (err) {
      for (const b of batch) b.reject(err)
    }
  }
  load = (id) =>
    new Promise<PageExtras>((resolve, reject) => {
      // After the resolvers of this tick have all asked (as DataLoader batches).
      if (queued.length === 0) void Promise.resolve().then(() => process.nextTick(() => void dispatch()))
      queued.push({ id, resolve, reject })
    })
  pageExtrasByContext.set(ctx, load)
  return load
}

const ReferralConsentStateRef = builder
  .objectRef<PageExtras['consent']>('ReferralConsentState')
  .implement({
    description: 'The consent a referral relies on: when given, when it expires, whether withdrawn (no personal details).',
    fields: (t) => ({
      id: t.exposeID('id'),
      givenAt: t.expose('givenAt', { type: 'DateTime' }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
      withdrawnAt: t.expose('withdrawnAt', { type: 'DateTime', nullable: true }),
    }),
  })

const ReferralLatestEventRef = builder.objectRef<NonNullable<PageExtras['latestEvent']>>('ReferralLatestEvent').implement({
  description: 'The most recent step on a referral (no note: lists carry no personal information).',
  fields: (t) => ({
    type: t.expose('type', { type: ReferralEventTypeEnum }),
    toStatus: t.expose('toStatus', { type: ReferralStatusEnum, nullable: true }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
  }),
})

export const ReferralSummaryRef = builder.objectRef<ReferralListItem>('ReferralSummary')
ReferralSummaryRef.implement({
  description: 'A referral in an inbox or outbox: no personal information.',
  fields: (t) => ({
    id: t.exposeID('id'),
    reference: t.exposeString('reference'),
    status: t.expose('status', { type: ReferralStatusEnum }),
    priority: t.expose('priority', { type: PriorityEnum }),
    sla: t.expose('sla', { type: SlaEnum }),
    sentAt: t.expose('sentAt', { type: 'DateTime', nullable: true }),
    respondBy: t.expose('respondBy', { type: 'DateTime', nullable: true }),
    respondedAt: t.expose('respondedAt', { type: 'DateTime', nullable: true }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    escalatedAt: t.expose('escalatedAt', { type: 'DateTime', nullable: true }),
    outcome: t.expose('outcome', { type: OutcomeEnum, nullable: true }),
    fromOrganisation: t.field({ type: NamedRef, resolve: (r) => r.fromOrganisation }),
    toOrganisation: t.field({ type: NamedRef, resolve: (r) => r.toOrganisation }),
    service: t.field({ type: NamedRef, resolve: (r) => r.service }),
    category: t.field({ type: CodeNameRef, nullable: true, resolve: (r) => r.categoryTerm }),
    consent: t.field({ type: ReferralConsentStateRef, resolve: async (r, _a, ctx) => (await pageExtras(ctx)(r.id)).consent }),
    latestEvent: t.field({ type: ReferralLatestEventRef, nullable: true, resolve: async (r, _a, ctx) => (await pageExtras(ctx)(r.id)).latestEvent }),
  }),
})

// The same redacted view GET /api/v1/referrals/{id} answers with (packages/services referralViewFor).
type Detail = ReferralView

export const RedactableTextRef = builder.objectRef<{ value: string | null; redacted: boolean; reason: string | null }>('RedactableText')
RedactableTextRef.implement({
  description: 'A personal detail: its value, or why it is withheld from you (redacted, not missing).',
  fields: (t) => ({
    value: t.exposeString('value', { nullable: true }),
    redacted: t.exposeBoolean('redacted'),
    reason: t.exposeString('reason', { nullable: true }),
  }),
})

function redactable(v: unknown) {
  if (isRedacted(v)) return { value: null, redacted: true, reason: v.reason }
  if (v instanceof Date) return { value: v.toISOString().slice(0, 10), redacted: false, reason: null }
  return { value: (v as string | null) ?? null, redacted: false, reason: null }
}

const WhanauMemberRef = builder.objectRef<{ name: string; relationship: string; dateOfBirth: Date | null; dependent: boolean }>('WhanauMember').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    relationship: t.exposeString('relationship'),
    dateOfBirth: t.string({ nullable: true, resolve: (w) => w.dateOfBirth?.toISOString().slice(0, 10) ?? null }),
    dependent: t.exposeBoolean('dependent'),
  }),
})

const PersonDetailsRef = builder.objectRef<Detail['person']>('PersonDetails')
PersonDetailsRef.implement({
  description: 'The referred person as you may see them under their consent.',
  fields: (t) => ({
    id: t.exposeID('id'),
    givenName: t.field({ type: RedactableTextRef, resolve: (p) => redactable(p.givenName) }),
    familyName: t.field({ type: RedactableTextRef, resolve: (p) => redactable(p.familyName) }),
    preferredName: t.field({ type: RedactableTextRef, resolve: (p) => redactable(p.preferredName) }),
    dateOfBirth: t.field({ type: RedactableTextRef, resolve: (p) => redactable(p.dateOfBirth) }),
    phone: t.field({ type: RedactableTextRef, resolve: (p) => redactable(p.phone) }),
    email: t.field({ type: RedactableTextRef, resolve: (p) => redactable(p.email) }),
    addressLine: t.field({ type: RedactableTextRef, resolve: (p) => redactable(p.addressLine) }),
    needsSummary: t.field({ type: RedactableTextRef, resolve: (p) => redactable(p.needsSummary) }),
    whanauRedacted: t.boolean({ resolve: (p) => isRedacted(p.whanau) }),
    whanau: t.field({ type: [WhanauMemberRef], resolve: (p) => (isRedacted(p.whanau) ? [] : [...p.whanau]) }),
  }),
})

const ReferralEventRef = builder.objectRef<Detail['events'][number]>('ReferralEvent').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    type: t.expose('type', { type: ReferralEventTypeEnum }),
    fromStatus: t.expose('fromStatus', { type: ReferralStatusEnum, nullable: true }),
    toStatus: t.expose('toStatus', { type: ReferralStatusEnum, nullable: true }),
    note: t.exposeString('note', { nullable: true }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
  }),
})

const ContactAttemptRef = builder.objectRef<Detail['contactAttempts'][number]>('ContactAttempt').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    attemptNumber: t.exposeInt('attemptNumber'),
    method: t.expose('method', { type: ContactMethodEnum }),
    result: t.expose('result', { type: ContactResultEnum }),
    note: t.exposeString('note', { nullable: true }),
    attemptedAt: t.expose('attemptedAt', { type: 'DateTime' }),
  }),
})

// Guidelines 3-5: triage -> Community Connection Service -> providers; no personal field, no free text.
const ReferralChainLinkRef = builder.objectRef<Detail['chain'][number]>('ReferralChainLink').implement({
  description: 'One referral of the chain this referral belongs to: status, organisations, service and dates only.',
  fields: (t) => ({
    id: t.exposeID('id'),
    reference: t.exposeString('reference'),
    status: t.expose('status', { type: ReferralStatusEnum }),
    depth: t.exposeInt('depth', { description: '0 for the first referral of the chain, 1 for one referred onward from it, ...' }),
    onwardFromId: t.exposeID('onwardFromId', { nullable: true }),
    fromOrganisation: t.field({ type: NamedRef, resolve: (r) => r.fromOrganisation }),
    toOrganisation: t.field({ type: NamedRef, resolve: (r) => r.toOrganisation }),
    service: t.field({ type: NamedRef, resolve: (r) => r.service }),
    sentAt: t.expose('sentAt', { type: 'DateTime', nullable: true }),
    respondedAt: t.expose('respondedAt', { type: 'DateTime', nullable: true }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
  }),
})

export const ReferralRef = builder.objectRef<Detail>('Referral')
ReferralRef.implement({
  description: 'One referral with its timeline; personal details only as the consent allows.',
  fields: (t) => ({
    id: t.exposeID('id'),
    reference: t.exposeString('reference'),
    status: t.expose('status', { type: ReferralStatusEnum }),
    priority: t.expose('priority', { type: PriorityEnum }),
    sla: t.expose('sla', { type: SlaEnum }),
    sentAt: t.expose('sentAt', { type: 'DateTime', nullable: true }),
    respondBy: t.expose('respondBy', { type: 'DateTime', nullable: true }),
    respondedAt: t.expose('respondedAt', { type: 'DateTime', nullable: true }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    escalatedAt: t.expose('escalatedAt', { type: 'DateTime', nullable: true }),
    declineReason: t.exposeString('declineReason', { nullable: true }),
    cancelReason: t.exposeString('cancelReason', { nullable: true }),
    outcome: t.expose('outcome', { type: OutcomeEnum, nullable: true }),
    failureReason: t.expose('failureReason', { type: FailureReasonEnum, nullable: true }),
    sharedInformationKinds: t.expose('sharedInformationKinds', { type: [InformationKindEnum] }),
    needsSummary: t.field({ type: RedactableTextRef, resolve: (r) => redactable(r.needsSummary) }),
    fromOrganisation: t.field({ type: NamedRef, resolve: (r) => r.fromOrganisation }),
    toOrganisation: t.field({ type: NamedRef, resolve: (r) => r.toOrganisation }),
    service: t.field({ type: NamedRef, resolve: (r) => r.service }),
    category: t.field({ type: CodeNameRef, nullable: true, resolve: (r) => r.category }),
    personRegion: t.field({ type: CodeNameRef, resolve: (r) => r.personRegion }),
    person: t.field({ type: PersonDetailsRef, resolve: (r) => r.person }),
    consentId: t.exposeID('consentId', { description: 'The consent this referral relies on (its sender may withdraw it).' }),
    consentWithdrawnAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.consentState.withdrawnAt }),
    consentExpiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.consentState.expiresAt }),
    events: t.field({ type: [ReferralEventRef], resolve: (r) => r.events }),
    contactAttempts: t.field({ type: [ContactAttemptRef], resolve: (r) => r.contactAttempts }),
    redirectedTo: t.field({ type: builder.objectRef<{ id: string; reference: string }>('ReferralLink').implement({ fields: (l) => ({ id: l.exposeID('id'), reference: l.exposeString('reference') }) }), nullable: true, resolve: (r) => r.redirectedTo }),
    onwardFromId: t.id({
      nullable: true,
      description: 'The referral this one continues (the Community Connection Service referring onward).',
      resolve: (r) => r.onwardFrom?.id ?? null,
    }),
    chain: t.field({
      type: [ReferralChainLinkRef],
      description: 'The whole chain this referral belongs to (triage -> CCS -> providers).',
      resolve: (r) => r.chain,
    }),
    availableCommands: t.field({
      type: [CommandEnum],
      description: 'What you may do next, from the lifecycle rules.',
      resolve: (r, _args, ctx) =>
        availableCommands(
          r.status,
          partyFor(ctx.actor, { fromOrganisationId: r.fromOrganisation.id, toOrganisationId: r.toOrganisation.id }),
          { withdrawn: r.consentState.withdrawnAt != null },
        ),
    }),
    relationship: t.expose('relationship', { type: RelationshipEnum, description: 'The duty under which you see this referral (docs/privacy.md).' }),
    viewerAccess: t.expose('viewerAccess', { type: ViewerAccessEnum, description: 'SENDER, RECIPIENT, or NONE (a Regional Lead or an administrator).' }),
    fieldsShown: t.stringList({ description: 'The personal fields shown to you: what the access record lists.', resolve: (r) => r.fieldsShown }),
  }),
})

builder.queryField('referrals', (t) =>
  t.connection(
    {
      type: ReferralSummaryRef,
      description: "Your organisation's inbox (referrals to it) or outbox (referrals it sent), newest first.",
      args: {
        box: t.arg({ type: BoxEnum, required: true }),
        status: t.arg({ type: [ReferralStatusEnum], required: false }),
        overdue: t.arg.boolean({ required: false }),
        regionCode: t.arg.string({ required: false }),
        serviceId: t.arg.id({ required: false }),
      },
      resolve: async (_root, args, ctx) => {
        const page = await findReferrals({
          deps: ctx.deps,
          actor: ctx.actor,
          input: dropNulls({
            box: args.box,
            first: args.first ?? undefined,
            after: args.after ?? undefined,
            status: args.status ?? undefined,
            overdue: args.overdue ?? undefined,
            regionCode: args.regionCode ?? undefined,
            serviceId: args.serviceId ? String(args.serviceId) : undefined,
          }),
        })
        return {
          edges: page.edges,
          totalCount: page.totalCount,
          pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: false, startCursor: page.edges[0]?.cursor ?? null, endCursor: page.endCursor },
        }
      },
    },
    {
      name: 'ReferralConnection',
      fields: (c) => ({ totalCount: c.int({ resolve: (conn) => (conn as { totalCount: number }).totalCount }) }),
    },
    { name: 'ReferralEdge' },
  ),
)

builder.queryField('referral', (t) =>
  t.field({
    type: ReferralRef,
    description: 'Opening a referral records who read which personal details.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getReferral({ deps: ctx.deps, actor: ctx.actor, referralId: String(args.id) }),
  }),
)

const RoutingReasonRef = builder.objectRef<{ code: string; message: string }>('RoutingReason').implement({
  fields: (t) => ({ code: t.exposeString('code'), message: t.exposeString('message') }),
})
const RoutingDecisionRef = builder.objectRef<{ allowed: boolean; reasons?: { code: string; message: string }[] }>('RoutingDecision').implement({
  fields: (t) => ({
    allowed: t.exposeBoolean('allowed'),
    reasons: t.field({ type: [RoutingReasonRef], resolve: (d) => d.reasons ?? [] }),
  }),
})

builder.queryField('routingCheck', (t) =>
  t.field({
    type: RoutingDecisionRef,
    description: 'Whether this service can take a referral for this person, with every reason if not.',
    args: { serviceId: t.arg.id({ required: true }), personId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      checkReferralRouting({ deps: ctx.deps, actor: ctx.actor, input: { serviceId: String(args.serviceId), personId: String(args.personId) } }),
  }),
)

// ─── Inputs (fields mirror the domain's zod schemas) ──────────────────────────────────────────────

const WhanauInput = builder.inputType('WhanauMemberInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    relationship: t.string({ required: true }),
    dateOfBirth: t.string({ description: 'YYYY-MM-DD' }),
    dependent: t.boolean(),
  }),
})

export const RecordPersonInput = builder.inputType('RecordPersonInput', {
  fields: (t) => ({
    givenName: t.string({ required: true }),
    familyName: t.string(),
    preferredName: t.string(),
    dateOfBirth: t.string({ description: 'YYYY-MM-DD' }),
    phone: t.string(),
    email: t.string(),
    addressLine: t.string(),
    regionCode: t.string({ required: true }),
    territorialAuthorityCode: t.string(),
    needsSummary: t.string(),
    whanau: t.field({ type: [WhanauInput] }),
    statusChannel: t.field({ type: PersonMessageChannelEnum, description: 'How the person chose to hear about their referral’s status (default NONE).' }),
    messageLanguage: t.field({ type: MessageLanguageEnum, description: 'English (EN, default) or te reo Māori (MI).' }),
  }),
})

export const GrantConsentInput = builder.inputType('GrantConsentInput', {
  fields: (t) => ({
    personId: t.id({ required: true }),
    purpose: t.string({ required: true }),
    informationKinds: t.field({ type: [InformationKindEnum], required: true }),
    recipientOrganisationIds: t.idList({ required: true }),
    method: t.field({ type: ConsentMethodEnum, required: true }),
    givenAt: t.string({ required: true, description: 'ISO 8601 with offset' }),
    expiresAt: t.string(),
    selfReferral: t.boolean(),
    notes: t.string(),
  }),
})

export const WithdrawConsentInput = builder.inputType('WithdrawConsentInput', {
  fields: (t) => ({ consentId: t.id({ required: true }), reason: t.string() }),
})

export const SendReferralInput = builder.inputType('SendReferralInput', {
  fields: (t) => ({
    personId: t.id({ required: true }),
    consentId: t.id({ required: true }),
    serviceId: t.id({ required: true }),
    sharedInformationKinds: t.field({ type: [InformationKindEnum], required: true }),
    needsSummary: t.string(),
    priority: t.field({ type: PriorityEnum }),
    idempotencyKey: t.string({ description: 'A retry with the same key returns the first referral.' }),
    routingOverrideReason: t.string({ description: 'National administrators only; audited.' }),
    onwardFromReferralId: t.id({
      description: 'Refer onward the referral your organisation received and accepted (the Community Connection Service).',
    }),
  }),
})

export const RecordContactAttemptInput = builder.inputType('RecordContactAttemptInput', {
  fields: (t) => ({
    referralId: t.id({ required: true }),
    method: t.field({ type: ContactMethodEnum, required: true }),
    result: t.field({ type: ContactResultEnum, required: true }),
    attemptedAt: t.string({ required: true }),
    note: t.string(),
  }),
})

export const RedirectReferralInput = builder.inputType('RedirectReferralInput', {
  fields: (t) => ({ referralId: t.id({ required: true }), serviceId: t.id({ required: true }), reason: t.string({ required: true }) }),
})

export const ReferralStepInput = builder.inputType('ReferralStepInput', {
  description: 'accept, decline, start, putOnHold, resume, complete, fail, cancel: the fields each needs.',
  fields: (t) => ({
    referralId: t.id({ required: true }),
    reason: t.string({ description: 'decline, putOnHold, cancel: why; fail: UNABLE_TO_CONTACT or PERSON_DECLINED_SERVICE' }),
    outcome: t.field({ type: OutcomeEnum, description: 'complete' }),
    note: t.string(),
  }),
})

// ─── Mutations ────────────────────────────────────────────────────────────────────────────────────

builder.mutationType({})

const PersonRef = builder.objectRef<{ id: string; givenName: string; familyName: string | null }>('RecordedPerson').implement({
  description: 'A person your organisation recorded.',
  fields: (t) => ({ id: t.exposeID('id'), givenName: t.exposeString('givenName'), familyName: t.exposeString('familyName', { nullable: true }) }),
})

const ConsentRef = builder
  .objectRef<{ id: string; purpose: string; informationKinds: string[]; method: string; givenAt: Date; expiresAt: Date | null; withdrawnAt: Date | null; recipients: { organisationId: string }[] }>('Consent')
  .implement({
    fields: (t) => ({
      id: t.exposeID('id'),
      purpose: t.exposeString('purpose'),
      informationKinds: t.stringList({ resolve: (c) => c.informationKinds }),
      method: t.exposeString('method'),
      givenAt: t.expose('givenAt', { type: 'DateTime' }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
      withdrawnAt: t.expose('withdrawnAt', { type: 'DateTime', nullable: true }),
      recipientOrganisationIds: t.idList({ resolve: (c) => c.recipients.map((r) => r.organisationId) }),
    }),
  })

const MyPersonRef = builder
  .objectRef<Awaited<ReturnType<typeof findPeople>>[number]>('Person')
  .implement({
    description: 'A person your organisation recorded (your own record: shown in full).',
    fields: (t) => ({
      id: t.exposeID('id'),
      givenName: t.exposeString('givenName'),
      familyName: t.exposeString('familyName', { nullable: true }),
      region: t.field({ type: CodeNameRef, resolve: (p) => p.region }),
      consents: t.field({ type: [ConsentRef], resolve: (p) => p.consents }),
    }),
  })

builder.queryField('people', (t) =>
  t.field({
    type: [MyPersonRef],
    description: 'People your organisation recorded, newest first, with their consents.',
    args: { first: t.arg.int() },
    resolve: (_r, args, ctx) => findPeople({ deps: ctx.deps, actor: ctx.actor, input: { first: args.first ?? 50 } }),
  }),
)

builder.mutationField('recordPerson', (t) =>
  t.field({
    type: PersonRef,
    args: { input: t.arg({ type: RecordPersonInput, required: true }) },
    resolve: (_r, { input }, ctx) => recordPerson({ deps: ctx.deps, actor: ctx.actor, input: dropNulls({ ...input, whanau: input.whanau?.map((w) => dropNulls(w)) ?? undefined }), requestId: ctx.requestId }),
  }),
)

builder.mutationField('grantConsent', (t) =>
  t.field({
    type: ConsentRef,
    args: { input: t.arg({ type: GrantConsentInput, required: true }) },
    resolve: (_r, { input }, ctx) => grantConsent({ deps: ctx.deps, actor: ctx.actor, input: dropNulls({ ...input, recipientOrganisationIds: input.recipientOrganisationIds.map(String) }), requestId: ctx.requestId }),
  }),
)

builder.mutationField('withdrawConsent', (t) =>
  t.field({
    type: ConsentRef,
    args: { input: t.arg({ type: WithdrawConsentInput, required: true }) },
    resolve: (_r, { input }, ctx) => withdrawConsent({ deps: ctx.deps, actor: ctx.actor, input: dropNulls(input), requestId: ctx.requestId }),
  }),
)

const SendResultRef = builder.objectRef<{ referral: ReferralView; replayed: boolean }>('SendReferralResult').implement({
  fields: (t) => ({
    referral: t.field({ type: ReferralRef, resolve: (r) => r.referral }),
    id: t.id({ resolve: (r) => r.referral.id }),
    reference: t.string({ resolve: (r) => r.referral.reference }),
    status: t.string({ resolve: (r) => r.referral.status }),
    respondBy: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.referral.respondBy }),
    replayed: t.exposeBoolean('replayed', { description: 'True when an earlier send with the same idempotency key was returned.' }),
  }),
})

builder.mutationField('sendReferral', (t) =>
  t.field({
    type: SendResultRef,
    args: { input: t.arg({ type: SendReferralInput, required: true }) },
    resolve: (_r, { input }, ctx) => sendReferral({ deps: ctx.deps, actor: ctx.actor, input: dropNulls(input), requestId: ctx.requestId }),
  }),
)

const StepResultRef = builder.objectRef<{ id: string; reference: string; status: string }>('ReferralStepResult').implement({
  fields: (t) => ({ id: t.exposeID('id'), reference: t.exposeString('reference'), status: t.exposeString('status') }),
})

for (const [field, type] of [
  ['acceptReferral', 'accept'],
  ['declineReferral', 'decline'],
  ['startReferral', 'start'],
  ['putReferralOnHold', 'putOnHold'],
  ['resumeReferral', 'resume'],
  ['completeReferral', 'complete'],
  ['failReferral', 'fail'],
  ['cancelReferral', 'cancel'],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: ReferralRef,
      description: 'Answers with the referral as you may see it (the same view as the referral query).',
      args: { input: t.arg({ type: ReferralStepInput, required: true }) },
      resolve: (_r, { input }, ctx) => actOnReferral({ deps: ctx.deps, actor: ctx.actor, type, input: dropNulls(input), requestId: ctx.requestId }),
    }),
  )
}

const ContactAttemptResultRef = builder
  .objectRef<Awaited<ReturnType<typeof recordContactAttempt>>>('ContactAttemptResult')
  .implement({
    fields: (t) => ({
      attemptNumber: t.int({ resolve: (r) => r.attempt.attemptNumber }),
      escalated: t.exposeBoolean('escalated', { description: 'This attempt escalated the referral to the Regional Lead.' }),
      shouldEscalate: t.boolean({ resolve: (r) => r.assessment.shouldEscalate }),
      nextAttemptCountsFrom: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'The earliest time the next attempt counts toward escalation (three attempts over 12 hours).',
        resolve: (r) => r.assessment.nextAttemptCountsFrom,
      }),
      escalationPossibleAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'The earliest time escalation to the Regional Lead can become due.',
        resolve: (r) => r.assessment.escalationPossibleAt,
      }),
      message: t.string({ resolve: (r) => r.assessment.message }),
      referral: t.field({ type: ReferralRef, resolve: (r) => r.referral }),
    }),
  })

builder.mutationField('recordContactAttempt', (t) =>
  t.field({
    type: ContactAttemptResultRef,
    args: { input: t.arg({ type: RecordContactAttemptInput, required: true }) },
    resolve: (_r, { input }, ctx) => recordContactAttempt({ deps: ctx.deps, actor: ctx.actor, input: dropNulls(input), requestId: ctx.requestId }),
  }),
)

builder.mutationField('redirectReferral', (t) =>
  t.field({
    type: StepResultRef,
    description: 'Ends this referral as REDIRECTED and returns the linked new one.',
    args: { input: t.arg({ type: RedirectReferralInput, required: true }) },
    resolve: async (_r, { input }, ctx) => (await redirectReferral({ deps: ctx.deps, actor: ctx.actor, input: dropNulls(input), requestId: ctx.requestId })).next,
  }),
)

// ─── Notifications ───────────────────────────────────────────────────────────────────────────────

const NotificationRef = builder
  .objectRef<{ id: string; kind: string; title: string; body: string; referralId: string | null; createdAt: Date; readAt: Date | null }>('Notification')
  .implement({
    fields: (t) => ({
      id: t.exposeID('id'),
      kind: t.exposeString('kind'),
      title: t.exposeString('title'),
      body: t.exposeString('body'),
      referralId: t.exposeID('referralId', { nullable: true }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      readAt: t.expose('readAt', { type: 'DateTime', nullable: true }),
    }),
  })

const InboxRef = builder.objectRef<Awaited<ReturnType<typeof listNotifications>>>('NotificationInbox').implement({
  fields: (t) => ({
    unreadCount: t.exposeInt('unreadCount'),
    items: t.field({ type: [NotificationRef], resolve: (i) => i.items }),
  }),
})

builder.queryField('notifications', (t) =>
  t.field({
    type: InboxRef,
    args: { unreadOnly: t.arg.boolean(), first: t.arg.int() },
    resolve: (_r, args, ctx) =>
      listNotifications({ deps: ctx.deps, actor: ctx.actor, input: { unreadOnly: args.unreadOnly ?? false, first: args.first ?? 20 } }),
  }),
)

builder.mutationField('markNotificationsRead', (t) =>
  t.int({
    description: 'Marks these (or, with no ids, all) of your notifications read; returns how many.',
    args: { ids: t.arg.idList() },
    resolve: (_r, args, ctx) =>
      markNotificationsRead({ deps: ctx.deps, actor: ctx.actor, input: args.ids ? { ids: args.ids.map(String) } : {} }),
  }),
)
