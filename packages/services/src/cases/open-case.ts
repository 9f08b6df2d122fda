// ComLink: a shared case for a person or whānau with complex needs, led by the opening officer's
// agency, which the family's consent must name (domain: openSharedCase). Only roles that take part
// in cases open one (case:participate), and only for a person the need-to-know rule lets them reach:
// one their organisation recorded, or one it sent or received a referral for with details shown.
// Any other person answers exactly as an unknown one (no existence leak, IPP 11).
import { randomUUID } from 'node:crypto'
import {
  AppError,
  decidePersonAccess,
  openSharedCase,
  validationError,
  ZOpenSharedCaseInput,
  type Actor,
  type InformationKind,
} from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { membershipFor, requireUser } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'
import { consentViewOf } from '../referrals/load'

export async function openCase({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { personId: string; leadOrganisationId: string }
  requestId?: string
}) {
  const user = requireUser(actor)
  membershipFor(actor, 'case:participate')
  const parsed = ZOpenSharedCaseInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const now = deps.clock()
  return deps.prisma.$transaction(async (tx) => {
    const person = await tx.person.findUnique({
      where: { id: parsed.data.personId },
      include: {
        consents: { include: { recipients: true } },
        referrals: {
          select: {
            fromOrganisationId: true,
            toOrganisationId: true,
            sharedInformationKinds: true,
            escalatedAt: true,
            onwardFromId: true,
            consent: { include: { recipients: true } },
          },
        },
      },
    })
    if (!person || !reachable(actor, person, now))
      throw new AppError('NOT_FOUND', 'personId: no such person', 'personId')
    const decision = openSharedCase({
      id: randomUUID(),
      input: parsed.data,
      consents: person.consents.map(consentViewOf),
      actor,
      at: now,
    })
    if (!decision.ok) throw decision.error
    const c = decision.sharedCase
    const officer = c.workgroup[0]!
    const row = await tx.sharedCase.create({
      data: {
        id: c.id,
        personId: c.personId,
        leadOrganisationId: c.leadOrganisationId,
        openedAt: now,
        openedById: user.user.id,
        members: {
          create: [{ organisationId: c.leadOrganisationId, joinedAt: now, addedById: user.user.id }],
        },
        officers: {
          create: [
            {
              userId: officer.userId,
              organisationId: officer.organisationId,
              name: officer.name,
              addedAt: now,
            },
          ],
        },
        events: {
          create: [{ type: 'open', at: now, byUserId: user.user.id, byOrganisationId: c.leadOrganisationId }],
        },
      },
    })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: c.leadOrganisationId,
      action: 'shared-case.open',
      entityType: 'SharedCase',
      entityId: row.id,
      data: { personId: c.personId },
      requestId,
    })
    return row
  })
}

/** Whether the need-to-know rule lets the actor see this person at all, as recorder or on a referral. */
function reachable(
  actor: Actor,
  person: {
    recordedByOrganisationId: string
    regionId: string
    referrals: {
      fromOrganisationId: string
      toOrganisationId: string
      sharedInformationKinds: InformationKind[]
      escalatedAt: Date | null
      onwardFromId: string | null
      consent: Parameters<typeof consentViewOf>[0]
    }[]
  },
  at: Date,
): boolean {
  const recorder = decidePersonAccess(
    actor,
    { kind: 'PERSON', recordedByOrganisationId: person.recordedByOrganisationId },
    at,
  )
  if (recorder.fieldsShown.length > 0) return true
  return person.referrals.some((r) => {
    const d = decidePersonAccess(
      actor,
      {
        kind: 'REFERRAL',
        fromOrganisationId: r.fromOrganisationId,
        toOrganisationId: r.toOrganisationId,
        sharedInformationKinds: r.sharedInformationKinds,
        personRegionId: person.regionId,
        escalated: r.escalatedAt !== null,
        consent: consentViewOf(r.consent),
        // An onward sender holds only what it was shared (need-to-know rule onward-sender).
        onward: r.onwardFromId !== null,
      },
      at,
    )
    return (d.relationship === 'SENDER' || d.relationship === 'RECEIVER') && d.fieldsShown.length > 0
  })
}
