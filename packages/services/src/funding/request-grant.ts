// A community connector asks their discretionary fund for a grant for a person or whānau their
// organisation recorded. assessGrantRequest (Guidelines, Discretionary Funding and its Assessment
// Criteria) decides; refused requests are kept with every reason, and a food request is pointed at
// the nearest Work and Income office or Community Food Provider in the directory (Guidelines: "we
// recommend the Community Connector support the whānau by contacting a local Work and Income office
// or a nearby Community Food Provider").
//
// The balance never goes below zero, also under concurrent grants: the debit is one conditional
// UPDATE (balance >= amount) inside the grant's transaction. Two grants assessed against the same
// balance both pass the rule; on PostgreSQL the second UPDATE waits for the first to commit, then
// re-reads the row and matches nothing, so that grant is refused as the rule would refuse it now.
import {
  AppError,
  ZGrantRequestInput,
  assessGrantRequest,
  reportWeek,
  validationError,
  type Actor,
  type GrantReason,
  type GrantSuggestion,
} from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { requireUser } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'
import { searchDirectory } from '../directory/search-directory'

export interface SuggestedService {
  serviceId: string
  organisationId: string
  name: string
  organisationName: string
  categoryCodes: string[]
  taName: string | null
  regionName: string | null
  city: string | null
}

/** Directory categories a food suggestion looks for: food providers, and Work and Income's own. */
export const FOOD_SUGGESTION_CATEGORIES = ['food', 'benefit-payments'] as const

async function foodSuggestions(
  deps: ServiceDeps,
  actor: Actor,
  place: { regionCode: string; taCode: string | null },
): Promise<SuggestedService[]> {
  // Nearest first as the directory knows places: the person's district, then their region.
  const attempts = [
    ...(place.taCode ? [{ taCodes: [place.taCode] }] : []),
    { regionCodes: [place.regionCode] },
  ]
  for (const where of attempts) {
    try {
      const result = await searchDirectory({
        deps,
        actor,
        input: { ...where, categoryCodes: [...FOOD_SUGGESTION_CATEGORIES], perPage: 5, facets: false },
      })
      if (result.hits.length > 0) {
        return result.hits.map((h) => ({
          serviceId: h.serviceId,
          organisationId: h.organisationId,
          name: h.name,
          organisationName: h.organisationName,
          categoryCodes: h.categoryCodes,
          taName: h.taName,
          regionName: h.regionName,
          city: h.city,
        }))
      }
    } catch {
      // Search down: the refusal and its reason still stand; the suggestion list is just empty.
      return []
    }
  }
  return []
}

export type GrantRequestResult =
  | {
      approved: true
      grantRequestId: string
      amountCents: number
      balanceAfterCents: number
      basis: string
    }
  | {
      approved: false
      grantRequestId: string
      reasons: GrantReason[]
      suggestion: GrantSuggestion | null
      suggestedServices: SuggestedService[]
    }

export async function requestGrant({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: unknown
  requestId?: string
}): Promise<GrantRequestResult> {
  const user = requireUser(actor)
  const m = user.memberships.find((x) => x.role === 'COMMUNITY_CONNECTOR')
  if (!m) throw new AppError('FORBIDDEN', 'Only community connectors request grants from their fund.')
  const parsed = ZGrantRequestInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const p = parsed.data
  const now = deps.clock()
  const person = await deps.prisma.person.findFirst({
    where: { id: p.personId, recordedByOrganisationId: m.organisationId },
    select: {
      id: true,
      region: { select: { code: true } },
      territorialAuthority: { select: { code: true } },
    },
  })
  if (!person) {
    throw new AppError('VALIDATION_FAILED', 'personId: no person recorded by your organisation', 'personId')
  }
  const fund = await deps.prisma.connectorFund.findUnique({ where: { connectorId: user.user.id } })
  const eligibility = {
    checkWhatYouMightGet: p.eligibility.checkWhatYouMightGet ?? null,
    caseManagerConfirmation: p.eligibility.caseManagerConfirmation ?? null,
    timeCriticalImperative: p.eligibility.timeCriticalImperative ?? null,
  }
  const assess = (balanceCents: number) =>
    assessGrantRequest({
      category: p.category,
      amountCents: p.amountCents,
      balanceCents,
      eligibility,
      assessedAt: now,
    })
  const decision = assess(fund?.balanceCents ?? 0)
  const suggestedServices =
    !decision.approved && decision.suggest === 'WORK_AND_INCOME_OR_FOOD_PROVIDER'
      ? await foodSuggestions(deps, actor, {
          regionCode: person.region.code,
          taCode: person.territorialAuthority?.code ?? null,
        })
      : []

  const record = {
    fundId: fund?.id ?? null,
    connectorId: user.user.id,
    organisationId: m.organisationId,
    personId: person.id,
    category: p.category,
    amountCents: p.amountCents,
    checkWhatYouMightGetDone: eligibility.checkWhatYouMightGet?.done ?? null,
    checkWhatYouMightGetOutcome: eligibility.checkWhatYouMightGet?.outcome ?? null,
    checkWhatYouMightGetAt: eligibility.checkWhatYouMightGet?.at ?? null,
    caseManagerName: eligibility.caseManagerConfirmation?.name ?? null,
    caseManagerConfirmedAt: eligibility.caseManagerConfirmation?.at ?? null,
    timeCriticalImperative: eligibility.timeCriticalImperative || null,
    note: p.note || null,
    decidedAt: now,
    reportWeek: reportWeek(now).id,
  }
  const audit = (entityId: string, data: Record<string, string | number | null>) => ({
    occurredAt: now,
    actorId: user.user.id,
    actorOrganisationId: m.organisationId,
    action: 'grant.request',
    entityType: 'GrantRequest',
    entityId,
    data: { personId: person.id, category: p.category, amountCents: p.amountCents, ...data },
    requestId,
  })

  return deps.prisma.$transaction(async (tx) => {
    const refuse = async (reasons: GrantReason[], suggestion: GrantSuggestion | null) => {
      const row = await tx.grantRequest.create({
        data: { ...record, status: 'REFUSED', reasons: reasons.map((r) => ({ ...r })), suggestion },
      })
      await writeAudit(
        tx,
        audit(row.id, { status: 'REFUSED', reasons: reasons.map((r) => r.code).join(',') }),
      )
      return {
        approved: false as const,
        grantRequestId: row.id,
        reasons,
        suggestion,
        suggestedServices,
      }
    }
    if (!decision.approved) return refuse(decision.reasons, decision.suggest ?? null)
    if (!fund) throw new Error('approved without a fund') // assess(0) refuses every amount
    // The debit: one statement, conditional on the balance at this moment.
    const [debited] = await tx.$queryRaw<{ balanceCents: number }[]>`
      UPDATE "ConnectorFund"
         SET "balanceCents" = "balanceCents" - ${p.amountCents}, "updatedAt" = ${now}
       WHERE "id" = ${fund.id}::uuid AND "balanceCents" >= ${p.amountCents}
   RETURNING "balanceCents"`
    if (!debited) {
      // Another grant got there first: decide again on the balance as it is now.
      const current = await tx.connectorFund.findUniqueOrThrow({ where: { id: fund.id } })
      const again = assess(current.balanceCents)
      if (again.approved) throw new Error('conditional debit matched nothing on a sufficient balance')
      return refuse(again.reasons, again.suggest ?? null)
    }
    const row = await tx.grantRequest.create({
      data: { ...record, status: 'APPROVED', basis: decision.basis },
    })
    await tx.fundLedgerEntry.create({
      data: {
        fundId: fund.id,
        kind: 'GRANT',
        amountCents: -p.amountCents,
        balanceAfterCents: debited.balanceCents,
        grantRequestId: row.id,
        byUserId: user.user.id,
        at: now,
      },
    })
    await writeAudit(tx, audit(row.id, { status: 'APPROVED', balanceAfterCents: debited.balanceCents }))
    return {
      approved: true as const,
      grantRequestId: row.id,
      amountCents: p.amountCents,
      balanceAfterCents: debited.balanceCents,
      basis: decision.basis,
    }
  })
}
