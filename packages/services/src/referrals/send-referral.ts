// Guidelines: a warm referral with the person's consent, to a provider whose accreditation is
// checked; the provider must accept or decline within 12 business hours (Service Agreements).
import {
  AppError,
  ZSendReferralInput,
  checkConsentCovers,
  checkRouting,
  decide,
  respondBy,
  validationError,
  type Actor,
  type TSendReferralInput,
} from '@fsn/domain'
import type { ReferralEventType, ReferralStatus } from '@fsn/db'
import type { ServiceDeps, Tx } from '../context'
import { isNationalAdmin, membershipFor } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'
import { enqueueMany } from '../outbox/outbox'
import {
  consentViewOf,
  loadServiceForRouting,
  nextReference,
  providerAccreditationsOf,
  providerPlace,
  routingServiceOf,
  type ServiceForRouting,
} from './load'
import { referralViewFor, type ReferralView } from './read-referrals'
import { checkOnwardFrom } from './refer-onward'

/** The routing check the form shows before the user presses send. */
export async function checkReferralRouting({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { serviceId: string; personId: string }
}) {
  const m = membershipFor(actor, 'referral:send')
  const service = await loadServiceForRouting(deps.prisma, input.serviceId)
  const person = await deps.prisma.person.findUnique({ where: { id: input.personId } })
  if (!person || person.recordedByOrganisationId !== m.organisationId) {
    throw new AppError('NOT_FOUND', 'personId: no such person recorded by your organisation', 'personId')
  }
  return checkRouting({
    service: routingServiceOf(service),
    providerAccreditations: providerAccreditationsOf(service),
    person: { regionId: person.regionId, territorialAuthorityId: person.territorialAuthorityId },
    at: deps.clock(),
  })
}

export interface SendReferralResult {
  /** The referral as GET shows it to the sender (the same view; the read is recorded). */
  referral: ReferralView
  /** True when an earlier send with the same idempotency key is returned instead. */
  replayed: boolean
}

export async function sendReferral({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: unknown
  requestId?: string
}): Promise<SendReferralResult> {
  const m = membershipFor(actor, 'referral:send')
  const userId = (actor as { user: { id: string } }).user.id
  const parsed = ZSendReferralInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const data = parsed.data

  // The replay check comes before anything else, so a replay takes no reference.
  const answer = async (referralId: string, replayed: boolean): Promise<SendReferralResult> => ({
    referral: await referralViewFor(deps.prisma, actor, referralId, { action: 'referral.send', now: deps.clock() }),
    replayed,
  })
  if (data.idempotencyKey) {
    const existing = await findReplay(deps, m.organisationId, data.idempotencyKey)
    if (existing) return answer(existing.id, true)
  }
  // The checks read outside the transaction: at READ COMMITTED a read inside it locks nothing and
  // sees nothing more, and a refused send then takes no reference and opens no transaction.
  const plan = await prepareSend(deps.prisma, deps, actor, m.organisationId, userId, data)
  // The reference in its own autocommit statement: the year's counter row is locked for that one
  // statement, not to the send's COMMIT (every send updates that row). A send failing after this
  // leaves a gap in the year's references; docs/referrals.md "References" says why that is fine.
  const reference = await nextReference(deps.prisma, plan.now)
  try {
    const referral = await deps.prisma.$transaction((tx) => writeSend(tx, plan, reference, requestId))
    return await answer(referral.id, false)
  } catch (err) {
    // Two sends with one key racing: the unique index lets one in; the other returns it.
    if (data.idempotencyKey && isUniqueViolation(err)) {
      const existing = await findReplay(deps, m.organisationId, data.idempotencyKey)
      if (existing) return answer(existing.id, true)
    }
    throw err
  }
}

/** A unique-index violation, as Prisma reports it or as a driver adapter passes it through. */
function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string }; message?: string }
  return e?.code === 'P2002' || e?.cause?.code === '23505' || /unique constraint/i.test(e?.message ?? '')
}

function findReplay(deps: ServiceDeps, organisationId: string, key: string) {
  return deps.prisma.referral.findUnique({
    where: { fromOrganisationId_idempotencyKey: { fromOrganisationId: organisationId, idempotencyKey: key } },
    select: { id: true },
  })
}

type Db = ServiceDeps['prisma'] | Tx

/** What a send decided before writing anything: the checks passed, with what they read. */
interface SendPlan {
  now: Date
  fromOrganisationId: string
  senderId: string
  data: TSendReferralInput
  redirectedFromId: string | null
  onwardFromId: string | null
  service: ServiceForRouting
  person: { id: string; regionId: string | null; territorialAuthorityId: string | null }
  consentId: string
  routing: ReturnType<typeof checkRouting>
  override: string | null
  decision: { to: ReferralStatus; event: ReferralEventType }
  due: Date
}

/** The consent and routing checks and the state machine's decision; throws when a send is refused. */
async function prepareSend(
  db: Db,
  deps: ServiceDeps,
  actor: Actor,
  fromOrganisationId: string,
  senderId: string,
  data: TSendReferralInput,
  redirectedFromId: string | null = null,
): Promise<SendPlan> {
  const now = deps.clock()
  const service = await loadServiceForRouting(db, data.serviceId)
  // The person and the named consent (only if it is theirs) in one read.
  const person = await db.person.findUnique({
    where: { id: data.personId },
    include: { consents: { where: { id: data.consentId }, include: { recipients: true } } },
  })
  // An onward referral sends on a person the organisation received, not one it recorded.
  const onwardFromId = data.onwardFromReferralId
    ? await checkOnwardFrom(db, actor, fromOrganisationId, data, now)
    : null
  if (!person || (onwardFromId === null && person.recordedByOrganisationId !== fromOrganisationId)) {
    throw new AppError('NOT_FOUND', 'personId: no such person recorded by your organisation', 'personId')
  }
  const consent = person.consents[0]
  if (!consent) {
    throw new AppError('NOT_FOUND', 'consentId: no such consent for this person', 'consentId')
  }

  const coverage = checkConsentCovers(consentViewOf(consent), {
    organisationId: service.organisationId,
    kinds: data.sharedInformationKinds,
    at: now,
  })
  if (!coverage.ok) {
    throw new AppError(
      'CONSENT_REQUIRED',
      `consentId: ${coverage.problems.map((p) => p.message).join(' ')}`,
      'consentId',
      coverage.problems.map((p) => ({ code: p.code, message: p.message })),
    )
  }

  const routing = checkRouting({
    service: routingServiceOf(service),
    providerAccreditations: providerAccreditationsOf(service),
    person: { regionId: person.regionId, territorialAuthorityId: person.territorialAuthorityId },
    at: now,
  })
  let override: string | null = null
  if (!routing.allowed) {
    // Only a national administrator may override, with a written reason, and it is audited.
    if (!data.routingOverrideReason || !isNationalAdmin(actor)) {
      throw new AppError(
        'ROUTING_REFUSED',
        routing.reasons.map((r) => r.message).join(' '),
        'serviceId',
        routing.reasons.map((r) => ({ code: r.code, message: r.message })),
      )
    }
    override = data.routingOverrideReason
  }

  // A redirect was already decided by the state machine on the referral it replaces (and may be
  // made by the recipient), so the linked new referral is sent on that authority.
  const decision = redirectedFromId
    ? ({ ok: true, to: 'SENT', event: 'SENT' } as const)
    : decide('DRAFT', { type: 'send' }, { side: 'SENDER', roles: actorRolesIn(actor, fromOrganisationId) })
  if (!decision.ok) throw decision.error

  return {
    now,
    fromOrganisationId,
    senderId,
    data,
    redirectedFromId,
    onwardFromId,
    service,
    person: {
      id: person.id,
      regionId: person.regionId,
      territorialAuthorityId: person.territorialAuthorityId,
    },
    consentId: consent.id,
    routing,
    override,
    decision: { to: decision.to, event: decision.event },
    due: respondBy(now, providerPlace(service)),
  }
}

/**
 * The writes, in one transaction: the referral with its event, the two outbox messages, and the
 * audit record last, so the audit chain's lock (held to COMMIT) covers only its own statements.
 */
async function writeSend(tx: Tx, plan: SendPlan, reference: string, requestId: string | undefined) {
  const { now, fromOrganisationId, senderId, data, service, person, routing, override, decision, due } = plan
  const referral = await tx.referral.create({
    data: {
      reference,
      personId: person.id,
      consentId: plan.consentId,
      fromOrganisationId,
      senderId,
      toOrganisationId: service.organisationId,
      serviceId: service.id,
      categoryTermId: service.categories[0]?.taxonomyTermId ?? null,
      status: decision.to,
      priority: data.priority,
      sharedInformationKinds: data.sharedInformationKinds,
      needsSummary: data.needsSummary ?? null,
      sentAt: now,
      respondBy: due,
      routingOverrideReason: override,
      routingOverrideById: override ? senderId : null,
      redirectedFromId: plan.redirectedFromId,
      onwardFromId: plan.onwardFromId,
      idempotencyKey: data.idempotencyKey ?? null,
      // Coverage counts referral flow by where the person lived when referred.
      regionId: person.regionId,
      territorialAuthorityId: person.territorialAuthorityId,
      createdAt: now,
    },
  })
  // Two creates, not one nested create: Prisma follows a nested create with a SELECT of the whole
  // referral, a third statement.
  const event = await tx.referralEvent.create({
    data: {
      referralId: referral.id,
      type: decision.event,
      fromStatus: 'DRAFT',
      toStatus: decision.to,
      actorId: senderId,
      actorOrganisationId: fromOrganisationId,
      occurredAt: now,
      data: override
        ? { routingOverride: override, refusedFor: routing.allowed ? [] : routing.reasons.map((r) => r.code) }
        : undefined,
    },
    select: { id: true },
  })
  // The SLA check waits in the outbox until the respond-by time: durable across restarts.
  await enqueueMany(
    tx,
    [
      { topic: 'referral.event', aggregateId: referral.id, payload: { eventId: event.id } },
      { topic: 'referral.sla-check', aggregateId: referral.id, payload: { referralId: referral.id }, availableAt: due },
    ],
    now,
  )
  await writeAudit(tx, {
    occurredAt: now,
    actorId: senderId,
    actorOrganisationId: fromOrganisationId,
    action: override ? 'referral.send.override' : 'referral.send',
    entityType: 'Referral',
    entityId: referral.id,
    data: {
      reference: referral.reference,
      to: service.organisationId,
      serviceId: service.id,
      consentId: plan.consentId,
      kinds: data.sharedInformationKinds,
      respondBy: due.toISOString(),
      ...(plan.onwardFromId ? { onwardFrom: plan.onwardFromId } : {}),
      ...(override ? { override, reasons: routing.allowed ? [] : routing.reasons.map((r) => r.code) } : {}),
    },
    requestId,
  })
  return referral
}

/**
 * Used by redirect, inside its transaction: the same checks and writes as a send, linked to the
 * referral it replaces. Its reference is taken in that transaction (redirects are rare).
 */
async function send(
  tx: Tx,
  deps: ServiceDeps,
  actor: Actor,
  fromOrganisationId: string,
  senderId: string,
  data: TSendReferralInput,
  requestId: string | undefined,
  redirectedFromId: string | null = null,
) {
  const plan = await prepareSend(tx, deps, actor, fromOrganisationId, senderId, data, redirectedFromId)
  return writeSend(tx, plan, await nextReference(tx, plan.now), requestId)
}

function actorRolesIn(actor: Actor, organisationId: string) {
  return actor.kind === 'user'
    ? actor.memberships.filter((m) => m.organisationId === organisationId).map((m) => m.role)
    : []
}

/** Used by redirect: the same checks and writes as a send, linked to the referral it replaces. */
export { send as sendWithinTransaction }
