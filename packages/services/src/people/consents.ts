// Consent: recorded before any referral (Guidelines, Protecting referral information: "MSD is
// required to obtain consent from whānau before referring them"), withdrawn at any time. Only the
// person's recorder, in a role that records consent, reaches a person's consents: the need-to-know
// rule (decidePersonAccess, PERSON) decides, and anyone else is answered as for an unknown person.
import {
  AppError,
  ROLE_CAPABILITIES,
  ZGrantConsentInput,
  ZWithdrawConsentInput,
  decidePersonAccess,
  isOpenStatus,
  validationError,
  type Actor,
  type ActorMembership,
} from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { membershipFor, requireUser } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'
import { enqueue } from '../outbox/outbox'

/** The membership that records this person's consents, when the rule makes the actor their recorder. */
function consentRecorder(actor: Actor, recordedByOrganisationId: string, at: Date): ActorMembership | null {
  if (actor.kind !== 'user') return null
  const d = decidePersonAccess(actor, { kind: 'PERSON', recordedByOrganisationId }, at)
  if (d.relationship !== 'RECORDER') return null
  return (
    actor.memberships.find(
      (m) =>
        m.organisationId === recordedByOrganisationId && ROLE_CAPABILITIES[m.role].includes('consent:record'),
    ) ?? null
  )
}

export async function grantConsent({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: unknown
  requestId?: string
}) {
  membershipFor(actor, 'consent:record')
  const user = requireUser(actor)
  const parsed = ZGrantConsentInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const c = parsed.data
  const now = deps.clock()
  const person = await deps.prisma.person.findUnique({
    where: { id: c.personId },
    select: { recordedByOrganisationId: true },
  })
  // Only the organisation that recorded the person holds their consents.
  const m = person ? consentRecorder(actor, person.recordedByOrganisationId, now) : null
  if (!person || !m) {
    throw new AppError('NOT_FOUND', 'personId: no such person recorded by your organisation', 'personId')
  }
  const orgs = await deps.prisma.organisation.findMany({
    where: { id: { in: c.recipientOrganisationIds } },
    select: { id: true },
  })
  const missing = c.recipientOrganisationIds.filter((id) => !orgs.some((o) => o.id === id))
  if (missing.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      `recipientOrganisationIds: no organisation ${missing[0]}`,
      'recipientOrganisationIds',
    )
  }
  if (c.givenAt.getTime() > now.getTime() + 60_000) {
    throw new AppError(
      'VALIDATION_FAILED',
      'givenAt: consent cannot be recorded as given in the future',
      'givenAt',
    )
  }
  return deps.prisma.$transaction(async (tx) => {
    const consent = await tx.consent.create({
      data: {
        personId: c.personId,
        purpose: c.purpose,
        informationKinds: c.informationKinds,
        method: c.method,
        selfReferral: c.selfReferral,
        recordedById: user.user.id,
        recordedByOrganisationId: m.organisationId,
        givenAt: c.givenAt,
        expiresAt: c.expiresAt ?? null,
        notes: c.notes ?? null,
        createdAt: now,
        recipients: { create: c.recipientOrganisationIds.map((organisationId) => ({ organisationId })) },
      },
      include: { recipients: true },
    })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: m.organisationId,
      action: 'consent.grant',
      entityType: 'Consent',
      entityId: consent.id,
      data: {
        personId: c.personId,
        informationKinds: c.informationKinds,
        recipients: c.recipientOrganisationIds,
        method: c.method,
        expiresAt: c.expiresAt?.toISOString() ?? null,
      },
      requestId,
    })
    return consent
  })
}

/**
 * Withdrawal takes effect at once: every read after it is redacted by the one redaction rule, on
 * every referral that relied on this consent; the history stays, without personal details.
 */
export async function withdrawConsent({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: unknown
  requestId?: string
}) {
  const user = requireUser(actor)
  // Recording a withdrawal is recording consent: the same capability as granting it (roles.ts),
  // not any member of the organisation that recorded it.
  membershipFor(actor, 'consent:record')
  const parsed = ZWithdrawConsentInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const now = deps.clock()
  const consent = await deps.prisma.consent.findUnique({
    where: { id: parsed.data.consentId },
    include: { person: { select: { recordedByOrganisationId: true } } },
  })
  const m = consent ? consentRecorder(actor, consent.person.recordedByOrganisationId, now) : null
  if (!consent || !m || m.organisationId !== consent.recordedByOrganisationId) {
    throw new AppError('NOT_FOUND', 'consentId: no such consent recorded by your organisation', 'consentId')
  }
  if (consent.withdrawnAt)
    throw new AppError('CONFLICT', 'consentId: this consent was already withdrawn', 'consentId')
  return deps.prisma.$transaction(async (tx) => {
    // Conditional: two withdrawals racing leave one withdrawal time.
    const { count } = await tx.consent.updateMany({
      where: { id: consent.id, withdrawnAt: null },
      data: { withdrawnAt: now, withdrawnById: user.user.id, withdrawalReason: parsed.data.reason ?? null },
    })
    if (count === 0)
      throw new AppError('CONFLICT', 'consentId: this consent was already withdrawn', 'consentId')
    const referrals = await tx.referral.findMany({
      where: { consentId: consent.id },
      select: { id: true, toOrganisationId: true, status: true },
    })
    // Issue 15: an open referral shows the withdrawal on its timeline (no reason: it may describe
    // the person); from now on its state machine offers only closing steps.
    const open = referrals.filter((r) => isOpenStatus(r.status))
    if (open.length) {
      await tx.referralEvent.createMany({
        data: open.map((r) => ({
          referralId: r.id,
          type: 'CONSENT_WITHDRAWN' as const,
          actorId: user.user.id,
          actorOrganisationId: consent.recordedByOrganisationId,
          occurredAt: now,
        })),
      })
    }
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: consent.recordedByOrganisationId,
      action: 'consent.withdraw',
      entityType: 'Consent',
      entityId: consent.id,
      data: { referrals: referrals.map((r) => r.id) },
      requestId,
    })
    for (const r of referrals) {
      await enqueue(
        tx,
        {
          topic: 'consent.withdrawn',
          aggregateId: r.id,
          payload: { referralId: r.id, consentId: consent.id },
        },
        now,
      )
    }
    return tx.consent.findUniqueOrThrow({ where: { id: consent.id }, include: { recipients: true } })
  })
}
