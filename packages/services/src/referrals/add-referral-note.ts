// Notes between the sending and receiving organisations (Guidelines, Service Agreements: keep the
// referrer informed; the provider asks the sender what it needs to know). A note is a NOTE_ADDED
// event on the referral: no status change, one audit record, one outbox message, after which the
// other organisation is notified in-app and webhook subscribers receive `referral.note_added`.
// Its text is governed like the needs summary (domain noteTextVisible): the other party reads it
// only while the consent shows it NEEDS_SUMMARY; the author's organisation always reads its own.
import { AppError, ZAddReferralNoteInput, decidePersonAccess, validationError, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { requireUser } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'
import { enqueue } from '../outbox/outbox'
import { referralContextOf, referralViewFor, type ReferralView } from './read-referrals'

export async function addReferralNote({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: unknown
  requestId?: string
}): Promise<ReferralView> {
  const user = requireUser(actor)
  const parsed = ZAddReferralNoteInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const { referralId, text } = parsed.data
  const now = deps.clock()
  await deps.prisma.$transaction(async (tx) => {
    const referral = await tx.referral.findUnique({
      where: { id: referralId },
      select: {
        id: true,
        status: true,
        fromOrganisationId: true,
        toOrganisationId: true,
        sharedInformationKinds: true,
        escalatedAt: true,
        escalationLevel: true,
        onwardFromId: true,
        person: { select: { regionId: true } },
        consent: { include: { recipients: true } },
      },
    })
    const d = referral ? decidePersonAccess(actor, referralContextOf(referral), now) : null
    // Without a duty on it, the referral does not exist for this caller (need to know).
    if (!referral || !d?.mayOpen) throw new AppError('NOT_FOUND', 'referralId: no such referral', 'referralId')
    // The thread is between the two organisations: a Regional Lead or an overseer reads, not writes.
    if ((d.relationship !== 'SENDER' && d.relationship !== 'RECEIVER') || !d.organisationId) {
      throw new AppError('FORBIDDEN', 'Only the sending and receiving organisations write notes on a referral.')
    }
    if (referral.status === 'DRAFT') {
      throw new AppError('CONFLICT', 'cannot add a note to a referral that is DRAFT')
    }
    const event = await tx.referralEvent.create({
      data: {
        referralId: referral.id,
        type: 'NOTE_ADDED',
        actorId: user.user.id,
        actorOrganisationId: d.organisationId,
        note: text,
        occurredAt: now,
      },
    })
    // The audit keeps who wrote to whom and when, not the text (it may describe the person).
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: d.organisationId,
      action: 'referral.note',
      entityType: 'Referral',
      entityId: referral.id,
      data: { eventId: event.id, side: d.relationship, length: text.length },
      requestId,
    })
    await enqueue(tx, { topic: 'referral.event', aggregateId: referral.id, payload: { eventId: event.id } }, now)
  })
  return referralViewFor(deps.prisma, actor, referralId, { action: 'referral.note', now })
}
