// Every change to a shared case (members, workgroup officers, discussions with minutes and actions,
// the shared assessment, linked referrals, the lead, closing) is decided by the domain's
// `decideCase`; this writes the difference in one transaction with the event, the audit record and
// the notifications. Only roles that take part in cases act (case:participate, the need-to-know
// rule); to anyone else the case does not exist.
import {
  AppError,
  ROLE_CAPABILITIES,
  decideCase,
  userActor,
  type Actor,
  type CaseCommand,
  type SharedCase,
} from '@fsn/domain'
import type { ServiceDeps, Tx } from '../context'
import { requireUser } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'
import { dateOf, requireObject, requireUuid } from '../care-partners/load'
import { SHARED_CASE_NOTIFY, enqueueNotify } from '../care-partners/notify'
import { loadSharedCaseRow, sharedCaseOf } from './load'
import { decideCaseAccess } from './read-cases'

const WORDS: Record<string, string> = {
  addMember: 'your agency was added to the case',
  removeMember: 'your agency was removed from the case',
  addOfficer: 'you were added to the case workgroup',
  recordDiscussion: 'a case discussion gave you an action',
  reassignAction: 'an action was reassigned to you',
  transferLead: 'your agency now leads the case',
  close: 'the case was closed',
  reopen: 'the case was reopened',
}

export async function actOnCase({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { caseId: string; command: CaseCommand }
  requestId?: string
}) {
  const user = requireUser(actor)
  requireUuid(input?.caseId, 'caseId')
  requireObject(input.command, 'command')
  const now = deps.clock()
  // The actor as far as their case roles go: a workgroup seat held through a membership without
  // case:participate (a provider administrator's, say) gives no right to act.
  const participant = userActor(
    user.user,
    user.sessionId,
    user.memberships.filter((m) => ROLE_CAPABILITIES[m.role].includes('case:participate')),
  )
  return deps.prisma.$transaction(async (tx) => {
    const row = await loadSharedCaseRow(tx, input.caseId)
    if (decideCaseAccess(participant, row, now).relationship !== 'CASE_MEMBER')
      throw new AppError('NOT_FOUND', 'caseId: no such case', 'caseId')
    const before = sharedCaseOf(row)
    const decision = decideCase(before, input.command, participant, now)
    if (!decision.ok) throw decision.error
    const { sharedCase: after, event } = decision
    await checkReferences(tx, before, after, participant)
    const { count } = await tx.sharedCase.updateMany({
      where: { id: row.id, version: row.version },
      data: {
        status: after.status,
        leadOrganisationId: after.leadOrganisationId,
        closedAt: after.closure?.at ?? null,
        closedById: after.closure?.byUserId ?? null,
        closureReason: after.closure?.reason ?? null,
        version: { increment: 1 },
      },
    })
    if (count === 0)
      throw new AppError('CONFLICT', 'The case changed while you were acting on it: reload and try again.')
    await writeDifference(tx, before, after, user.user.id)
    const saved = await tx.sharedCaseEvent.create({
      data: {
        caseId: row.id,
        type: event.type,
        at: now,
        byUserId: user.user.id,
        byOrganisationId: event.byOrganisationId,
        note: event.note,
      },
    })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: event.byOrganisationId,
      action: `shared-case.${event.type}`,
      entityType: 'SharedCase',
      entityId: row.id,
      data: { note: event.note },
      requestId,
    })
    const words = WORDS[event.type]
    if (words) {
      await enqueueNotify(
        tx,
        SHARED_CASE_NOTIFY,
        row.id,
        {
          sourceEventId: `shared-case:${saved.id}`,
          kind: `shared-case.${event.type}`,
          title: `Shared case: ${words}`,
          body: `On a shared case you are part of, ${words}.`,
          recipients: decision.notifications.map((n) => n.to),
        },
        now,
      )
    }
    return tx.sharedCase.findUniqueOrThrow({ where: { id: row.id } })
  })
}

/** What the domain cannot know: that named agencies, officers and referrals exist and fit. */
async function checkReferences(tx: Tx, before: SharedCase, after: SharedCase, actor: Actor) {
  for (const m of after.members.filter(
    (x) => !before.members.some((b) => b.organisationId === x.organisationId),
  )) {
    const org = await tx.organisation.findUnique({ where: { id: m.organisationId }, select: { id: true } })
    if (!org) throw new AppError('NOT_FOUND', 'organisationId: no such organisation', 'organisationId')
  }
  for (const o of after.workgroup.filter(
    (x) => !before.workgroup.some((b) => b.userId === x.userId && b.organisationId === x.organisationId),
  )) {
    const m = await tx.membership.findFirst({
      where: { userId: o.userId, organisationId: o.organisationId, revokedAt: null, user: { active: true } },
    })
    if (!m)
      throw new AppError('CONFLICT', 'userId: this person is not an active member of that agency', 'userId')
  }
  for (const id of after.linkedReferralIds.filter((x) => !before.linkedReferralIds.includes(x))) {
    const r = await tx.referral.findUnique({
      where: { id },
      select: { personId: true, fromOrganisationId: true, toOrganisationId: true },
    })
    const orgs = actor.kind === 'user' ? actor.memberships.map((m) => m.organisationId) : []
    if (!r || (!orgs.includes(r.fromOrganisationId) && !orgs.includes(r.toOrganisationId))) {
      throw new AppError(
        'NOT_FOUND',
        'referralId: no such referral sent or received by your agency',
        'referralId',
      )
    }
    if (r.personId !== after.personId) {
      throw new AppError('CONFLICT', 'referralId: this referral is for someone else', 'referralId')
    }
  }
}

async function writeDifference(tx: Tx, before: SharedCase, after: SharedCase, userId: string) {
  const caseId = after.id
  const memberKey = (m: { organisationId: string }) => m.organisationId
  for (const m of after.members.filter((x) => !before.members.some((b) => memberKey(b) === memberKey(x)))) {
    await tx.sharedCaseMember.create({
      data: { caseId, organisationId: m.organisationId, joinedAt: m.joinedAt, addedById: m.addedByUserId },
    })
  }
  const officerKey = (o: { userId: string; organisationId: string }) => `${o.userId}:${o.organisationId}`
  for (const o of before.workgroup.filter(
    (x) => !after.workgroup.some((a) => officerKey(a) === officerKey(x)),
  )) {
    await tx.sharedCaseOfficer.delete({
      where: { caseId_userId_organisationId: { caseId, userId: o.userId, organisationId: o.organisationId } },
    })
  }
  for (const m of before.members.filter((x) => !after.members.some((a) => memberKey(a) === memberKey(x)))) {
    await tx.sharedCaseMember.delete({
      where: { caseId_organisationId: { caseId, organisationId: m.organisationId } },
    })
  }
  for (const o of after.workgroup.filter(
    (x) => !before.workgroup.some((b) => officerKey(b) === officerKey(x)),
  )) {
    await tx.sharedCaseOfficer.create({
      data: { caseId, userId: o.userId, organisationId: o.organisationId, name: o.name, addedAt: o.addedAt },
    })
  }
  for (const d of after.discussions.filter((x) => !before.discussions.some((b) => b.id === x.id))) {
    await tx.caseDiscussion.create({
      data: {
        id: d.id,
        caseId,
        heldAt: d.heldAt,
        recordedById: d.recordedByUserId,
        recordedByOrganisationId: d.recordedByOrganisationId,
        attendeeUserIds: [...d.attendeeUserIds],
        minutes: d.minutes,
        informationKinds: [...d.informationKinds],
      },
    })
    if (d.actions.length > 0) {
      await tx.caseAction.createMany({
        data: d.actions.map((a) => ({
          id: a.id,
          caseId,
          discussionId: d.id,
          description: a.description,
          ownerUserId: a.ownerUserId,
          dueOn: dateOf(a.dueOn),
        })),
      })
    }
  }
  const beforeActions = new Map(before.discussions.flatMap((d) => d.actions).map((a) => [a.id, a]))
  for (const a of after.discussions.flatMap((d) => d.actions)) {
    const b = beforeActions.get(a.id)
    if (b && (b.ownerUserId !== a.ownerUserId || b.completedAt !== a.completedAt)) {
      await tx.caseAction.update({
        where: { id: a.id },
        data: { ownerUserId: a.ownerUserId, completedAt: a.completedAt, completedById: a.completedByUserId },
      })
    }
  }
  for (const a of after.assessment) {
    const b = before.assessment.find((x) => x.section === a.section)
    if (!b) {
      // The (caseId, section) key: a section is answered once, whoever races to answer it.
      await tx.caseAssessmentAnswer.create({
        data: {
          caseId,
          section: a.section,
          answer: a.answer,
          answeredAt: a.answeredAt,
          answeredById: a.answeredByUserId,
          answeredByOrganisationId: a.answeredByOrganisationId,
        },
      })
    } else if (b.revisions !== a.revisions) {
      await tx.caseAssessmentAnswer.update({
        where: { caseId_section: { caseId, section: a.section } },
        data: { answer: a.answer, answeredAt: a.answeredAt, revisions: a.revisions },
      })
    }
  }
  for (const id of after.linkedReferralIds.filter((x) => !before.linkedReferralIds.includes(x))) {
    await tx.sharedCaseReferral.create({
      data: { caseId, referralId: id, linkedAt: after.history.at(-1)!.at, linkedById: userId },
    })
  }
}
