// Care agreements and their funding model (Partnered Care, Funding: Fixed, Individualised,
// Dynamic), the children in care under them, ad-hoc requests and additional support rates with
// their approval, and the reconciliation per period. Money is integer cents; every rule (who may
// agree, only after s396 approval, rates and periods) is the domain's.
import { randomUUID } from 'node:crypto'
import {
  AppError,
  ZPlacement,
  agreeFundingModel,
  decideFundingRequest,
  dynamicFunding,
  agreedAdditionalRates,
  involvementOf,
  reconcileFundingPeriod,
  requestFunding,
  validationError,
  type Actor,
  type FundingModel,
  type FundingRequest,
  type FundingRequestCommand,
  type FundingRequestDetail,
  type TFundingModelInput,
  type TFundingRequestInput,
} from '@fsn/domain'
import type { Prisma } from '@fsn/db'
import type { ServiceDeps, Tx } from '../context'
import { requireUser } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'
import {
  accreditationsOf,
  actorOrganisationId,
  dateOf,
  isoDate,
  isUniqueViolation,
  requireObject,
  requireUuid,
} from './load'
import { CARE_PARTNER_NOTIFY, enqueueNotify } from './notify'

type Db = ServiceDeps['prisma'] | Tx
type AgreementRow = Prisma.CareAgreementGetPayload<object>

function modelOf(a: AgreementRow): FundingModel {
  switch (a.fundingModel) {
    case 'FIXED':
      return {
        kind: 'FIXED',
        amountCents: a.fixedAmountCents!,
        per: a.fixedPer as 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR',
      }
    case 'INDIVIDUALISED':
      return {
        kind: 'INDIVIDUALISED',
        childRef: a.individualChildRef!,
        ratePerDayCents: a.individualRatePerDayCents!,
        highNeedsServicesInput: a.highNeedsServicesInput as {
          recordedOn: string
          advisorName: string
          summary: string
        },
      }
    case 'DYNAMIC':
      return { kind: 'DYNAMIC', generalSupportRateCents: a.generalSupportRateCents! }
  }
}

function modelColumns(m: FundingModel) {
  return {
    fundingModel: m.kind,
    fixedAmountCents: m.kind === 'FIXED' ? m.amountCents : null,
    fixedPer: m.kind === 'FIXED' ? m.per : null,
    individualChildRef: m.kind === 'INDIVIDUALISED' ? m.childRef : null,
    individualRatePerDayCents: m.kind === 'INDIVIDUALISED' ? m.ratePerDayCents : null,
    highNeedsServicesInput: m.kind === 'INDIVIDUALISED' ? m.highNeedsServicesInput : undefined,
    generalSupportRateCents: m.kind === 'DYNAMIC' ? m.generalSupportRateCents : null,
  }
}

function agreementView(a: AgreementRow) {
  return { ...a, model: modelOf(a) }
}

async function loadAgreement(db: Db, id: string, field = 'careAgreementId') {
  const a = await db.careAgreement.findUnique({ where: { id } })
  if (!a) throw new AppError('NOT_FOUND', `${field}: no such care agreement`, field)
  return a
}

function requireInvolved(actor: Actor, carePartnerOrganisationId: string) {
  if (!involvementOf(actor, { carePartnerOrganisationId })) {
    throw new AppError('NOT_FOUND', 'No such care agreement.', 'careAgreementId')
  }
}

/** A budget manager agrees a care agreement's funding model, only once s396 approval is obtained. */
export async function agreeCareAgreement({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { carePartnerOrganisationId: string; reference: string; model: TFundingModelInput }
  requestId?: string
}) {
  const user = requireUser(actor)
  requireObject(input, 'input')
  requireUuid(input.carePartnerOrganisationId, 'carePartnerOrganisationId')
  const reference = typeof input.reference === 'string' ? input.reference.trim() : ''
  if (!reference) throw new AppError('VALIDATION_FAILED', 'reference is required', 'reference')
  if (reference.length > 100)
    throw new AppError('VALIDATION_FAILED', 'reference must be at most 100 characters', 'reference')
  const now = deps.clock()
  try {
    return await deps.prisma.$transaction(async (tx) => {
      const org = await tx.organisation.findUnique({
        where: { id: input.carePartnerOrganisationId },
        select: { id: true, name: true },
      })
      if (!org)
        throw new AppError(
          'NOT_FOUND',
          'carePartnerOrganisationId: no such organisation',
          'carePartnerOrganisationId',
        )
      const decision = agreeFundingModel({
        input: { careAgreementId: randomUUID(), model: input.model },
        carePartnerOrganisationId: org.id,
        partnerAccreditations: await accreditationsOf(tx, org.id),
        actor,
        at: now,
      })
      if (!decision.ok) throw decision.error
      const { agreed } = decision
      const row = await tx.careAgreement.create({
        data: {
          id: agreed.careAgreementId,
          carePartnerOrganisationId: org.id,
          reference,
          ...modelColumns(agreed.model),
          agreedAt: now,
          agreedById: user.user.id,
        },
      })
      await writeAudit(tx, {
        occurredAt: now,
        actorId: user.user.id,
        actorOrganisationId: actorOrganisationId(actor),
        action: 'care-agreement.agree',
        entityType: 'CareAgreement',
        entityId: row.id,
        data: { carePartnerOrganisationId: org.id, reference, model: agreed.model as never },
        requestId,
      })
      await enqueueNotify(
        tx,
        CARE_PARTNER_NOTIFY,
        row.id,
        {
          sourceEventId: `care-agreement:${row.id}`,
          kind: 'care-agreement.agreed',
          title: `Care agreement ${reference} agreed`,
          body: `Funding for care agreement ${reference} with ${org.name} was agreed (${agreed.model.kind.toLowerCase()} model).`,
          recipients: [
            { kind: 'ORGANISATION', organisationId: org.id },
            { kind: 'ROLE', role: 'QUALITY_HUB' },
          ],
        },
        now,
      )
      return agreementView(row)
    })
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError(
        'CONFLICT',
        'This care partner already has an agreement with that reference.',
        'reference',
      )
    }
    throw err
  }
}

/** A child placed with the partner under an agreement (by reference: no personal details). */
export async function recordCarePlacement({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { careAgreementId: string; childRef: string; from: string | Date; to?: string | Date | null }
  requestId?: string
}) {
  const user = requireUser(actor)
  requireObject(input, 'input')
  requireUuid(input.careAgreementId, 'careAgreementId')
  const parsed = ZPlacement.safeParse({ childRef: input.childRef, from: input.from, to: input.to ?? null })
  if (!parsed.success) throw validationError(parsed.error.issues)
  const now = deps.clock()
  return deps.prisma.$transaction(async (tx) => {
    const a = await loadAgreement(tx, input.careAgreementId)
    requireInvolved(actor, a.carePartnerOrganisationId)
    const partnerAdmin = user.memberships.some(
      (m) => m.organisationId === a.carePartnerOrganisationId && m.role === 'PROVIDER_ADMIN',
    )
    if (!partnerAdmin && !user.roles.includes('OT_OFFICER') && !user.roles.includes('BUDGET_MANAGER')) {
      throw new AppError(
        'FORBIDDEN',
        'Only the care partner’s administrator, an Oranga Tamariki officer or a budget manager may record a placement.',
      )
    }
    const p = await tx.carePlacement.create({
      data: {
        careAgreementId: a.id,
        childRef: parsed.data.childRef,
        from: parsed.data.from,
        to: parsed.data.to,
        recordedById: user.user.id,
      },
    })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: actorOrganisationId(actor),
      action: 'care-placement.record',
      entityType: 'CarePlacement',
      entityId: p.id,
      data: { careAgreementId: a.id, childRef: p.childRef },
      requestId,
    })
    return p
  })
}

function requestOf(r: Prisma.FundingRequestGetPayload<object>): FundingRequest {
  const detail: FundingRequestDetail =
    r.kind === 'AD_HOC'
      ? {
          kind: 'AD_HOC',
          careAgreementId: r.careAgreementId,
          ...(r.childRef ? { childRef: r.childRef } : {}),
          amountCents: r.amountCents!,
          incurredOn: isoDate(r.incurredOn!),
          reason: r.reason,
        }
      : {
          kind: 'ADDITIONAL_SUPPORT_RATE',
          careAgreementId: r.careAgreementId,
          childRef: r.childRef!,
          ratePerDayCents: r.ratePerDayCents!,
          from: isoDate(r.from!),
          to: r.to ? isoDate(r.to) : null,
          reason: r.reason,
        }
  return {
    id: r.id,
    carePartnerOrganisationId: r.carePartnerOrganisationId,
    detail,
    status: r.status,
    requestedAt: r.requestedAt,
    requestedByUserId: r.requestedById,
    decision:
      r.decidedAt && r.decidedById
        ? { at: r.decidedAt, byUserId: r.decidedById, agreedCents: r.agreedCents, reason: r.decisionReason }
        : null,
  }
}

/** An ad-hoc request or an additional support rate, asked by the partner or an OT officer. */
export async function requestCareFunding({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: TFundingRequestInput
  requestId?: string
}) {
  const user = requireUser(actor)
  requireObject(input, 'input')
  requireUuid((input as { careAgreementId?: unknown }).careAgreementId, 'careAgreementId')
  const now = deps.clock()
  return deps.prisma.$transaction(async (tx) => {
    const a = await loadAgreement(tx, input.careAgreementId)
    const decision = requestFunding({
      id: randomUUID(),
      carePartnerOrganisationId: a.carePartnerOrganisationId,
      input,
      actor,
      at: now,
    })
    if (!decision.ok) throw decision.error
    const d = decision.request.detail
    const row = await tx.fundingRequest.create({
      data: {
        id: decision.request.id,
        careAgreementId: a.id,
        carePartnerOrganisationId: a.carePartnerOrganisationId,
        kind: d.kind,
        childRef: d.childRef ?? null,
        amountCents: d.kind === 'AD_HOC' ? d.amountCents : null,
        incurredOn: d.kind === 'AD_HOC' ? dateOf(d.incurredOn) : null,
        ratePerDayCents: d.kind === 'ADDITIONAL_SUPPORT_RATE' ? d.ratePerDayCents : null,
        from: d.kind === 'ADDITIONAL_SUPPORT_RATE' ? dateOf(d.from) : null,
        to: d.kind === 'ADDITIONAL_SUPPORT_RATE' && d.to ? dateOf(d.to) : null,
        reason: d.reason,
        requestedAt: now,
        requestedById: user.user.id,
      },
    })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: actorOrganisationId(actor),
      action: 'funding-request.request',
      entityType: 'FundingRequest',
      entityId: row.id,
      data: { careAgreementId: a.id, kind: d.kind },
      requestId,
    })
    await enqueueNotify(
      tx,
      CARE_PARTNER_NOTIFY,
      row.id,
      {
        sourceEventId: `funding-request:${row.id}:requested`,
        kind: 'funding-request.requested',
        title: `Funding request on care agreement ${a.reference}`,
        body: `A ${d.kind === 'AD_HOC' ? 'ad-hoc funding request' : 'request for an additional support rate'} on care agreement ${a.reference} is waiting for a decision.`,
        recipients: [{ kind: 'ROLE', role: 'BUDGET_MANAGER' }],
      },
      now,
    )
    return row
  })
}

/** Approve (possibly for less), decline, or withdraw a funding request. */
export async function decideCareFundingRequest({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { requestId: string; command: FundingRequestCommand }
  requestId?: string
}) {
  const user = requireUser(actor)
  requireUuid(input?.requestId, 'requestId')
  requireObject(input.command, 'command')
  const now = deps.clock()
  return deps.prisma.$transaction(async (tx) => {
    const r = await tx.fundingRequest.findUnique({ where: { id: input.requestId } })
    if (!r) throw new AppError('NOT_FOUND', 'requestId: no such funding request', 'requestId')
    const decision = decideFundingRequest({
      request: requestOf(r),
      command: input.command,
      actor,
      partnerAccreditations: await accreditationsOf(tx, r.carePartnerOrganisationId),
      at: now,
    })
    if (!decision.ok) throw decision.error
    const d = decision.request.decision!
    const { count } = await tx.fundingRequest.updateMany({
      where: { id: r.id, version: r.version },
      data: {
        status: decision.request.status,
        decidedAt: d.at,
        decidedById: d.byUserId,
        agreedCents: d.agreedCents,
        decisionReason: d.reason,
        version: { increment: 1 },
      },
    })
    if (count === 0)
      throw new AppError('CONFLICT', 'The request changed while you were deciding it: reload and try again.')
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: actorOrganisationId(actor),
      action: `funding-request.${decision.request.status.toLowerCase()}`,
      entityType: 'FundingRequest',
      entityId: r.id,
      data: { agreedCents: d.agreedCents },
      requestId,
    })
    await enqueueNotify(
      tx,
      CARE_PARTNER_NOTIFY,
      r.id,
      {
        sourceEventId: `funding-request:${r.id}:${decision.request.status}`,
        kind: `funding-request.${decision.request.status.toLowerCase()}`,
        title: `Funding request ${decision.request.status.toLowerCase()}`,
        body: `A funding request was ${decision.request.status.toLowerCase()}.`,
        recipients: [
          { kind: 'USER', userId: r.requestedById },
          { kind: 'ORGANISATION', organisationId: r.carePartnerOrganisationId },
        ],
      },
      now,
    )
    return tx.fundingRequest.findUniqueOrThrow({ where: { id: r.id } })
  })
}

/** One care agreement: its model, placements and requests. */
export async function getCareAgreement({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { id: string }
}) {
  requireUser(actor)
  requireUuid(input.id, 'id')
  const a = await deps.prisma.careAgreement.findUnique({
    where: { id: input.id },
    include: {
      placements: { orderBy: { from: 'asc' } },
      fundingRequests: { orderBy: { requestedAt: 'asc' } },
    },
  })
  if (!a) throw new AppError('NOT_FOUND', 'No such care agreement.', 'id')
  requireInvolved(actor, a.carePartnerOrganisationId)
  return { ...agreementView(a), placements: a.placements, fundingRequests: a.fundingRequests }
}

export async function findCareAgreements({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { carePartnerOrganisationId: string }
}) {
  requireUser(actor)
  requireUuid(input?.carePartnerOrganisationId, 'carePartnerOrganisationId')
  if (!involvementOf(actor, { carePartnerOrganisationId: input.carePartnerOrganisationId })) return []
  const rows = await deps.prisma.careAgreement.findMany({
    where: { carePartnerOrganisationId: input.carePartnerOrganisationId },
    orderBy: { agreedAt: 'desc' },
    include: {
      placements: { orderBy: { from: 'asc' } },
      fundingRequests: { orderBy: { requestedAt: 'asc' } },
    },
  })
  return rows.map((a) => ({
    ...agreementView(a),
    placements: a.placements,
    fundingRequests: a.fundingRequests,
  }))
}

/**
 * The reconciliation view for one period: agreed (the model's amount, agreed additional support,
 * approved ad-hoc costs in the period) against claimed and paid, with the Dynamic model's per-child
 * breakdown. Computed from the stored agreement, placements and approved requests.
 */
export async function reconcileCareAgreement({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: {
    careAgreementId: string
    period: { from: string; to: string }
    claims?: { amountCents: number }[] | null
    payments?: { amountCents: number }[] | null
  }
}) {
  requireUser(actor)
  requireObject(input, 'input')
  requireUuid(input.careAgreementId, 'careAgreementId')
  requireObject(input.period, 'period')
  const a = await deps.prisma.careAgreement.findUnique({
    where: { id: input.careAgreementId },
    include: { placements: true, fundingRequests: true },
  })
  if (!a) throw new AppError('NOT_FOUND', 'careAgreementId: no such care agreement', 'careAgreementId')
  requireInvolved(actor, a.carePartnerOrganisationId)
  const model = modelOf(a)
  const placements = a.placements.map((p) => ({ childRef: p.childRef, from: p.from, to: p.to }))
  const requests = a.fundingRequests.map(requestOf)
  const reconciliation = reconcileFundingPeriod(
    { model, period: input.period, placements, claims: input.claims ?? [], payments: input.payments ?? [] },
    requests,
  )
  const children =
    model.kind === 'DYNAMIC'
      ? dynamicFunding({
          ratePerChildPerDayCents: model.generalSupportRateCents,
          placements,
          period: input.period,
          additionalRates: agreedAdditionalRates(requests.filter((r) => r.status === 'APPROVED')),
        })
      : null
  return {
    careAgreementId: a.id,
    fundingModel: model.kind,
    ...reconciliation,
    childDays: children?.childDays ?? null,
    children: children?.children ?? [],
  }
}
