// A shared case loaded as the domain's SharedCase, with the person's consents (the referral issue's
// consent rows, reused), and written back after `decideCase`.
import { AppError, type AssessmentSectionCode, type CaseEvent, type SharedCase } from '@fsn/domain'
import type { Prisma } from '@fsn/db'
import type { ServiceDeps, Tx } from '../context'
import { consentViewOf } from '../referrals/load'
import { isoDate } from '../care-partners/load'

type Db = ServiceDeps['prisma'] | Tx

export const sharedCaseInclude = {
  members: { orderBy: { joinedAt: 'asc' }, include: { organisation: { select: { name: true } } } },
  officers: { orderBy: { addedAt: 'asc' } },
  discussions: { orderBy: { heldAt: 'asc' }, include: { actions: { orderBy: { id: 'asc' } } } },
  assessment: true,
  referrals: { orderBy: { linkedAt: 'asc' } },
  events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
  person: { include: { consents: { include: { recipients: true } } } },
} satisfies Prisma.SharedCaseInclude

export async function loadSharedCaseRow(db: Db, id: string, field = 'caseId') {
  const row = await db.sharedCase.findUnique({ where: { id }, include: sharedCaseInclude })
  if (!row) throw new AppError('NOT_FOUND', `${field}: no such case`, field)
  return row
}
export type SharedCaseRow = Awaited<ReturnType<typeof loadSharedCaseRow>>

export function sharedCaseOf(r: SharedCaseRow): SharedCase {
  return {
    id: r.id,
    personId: r.personId,
    status: r.status,
    leadOrganisationId: r.leadOrganisationId,
    members: r.members.map((m) => ({
      organisationId: m.organisationId,
      joinedAt: m.joinedAt,
      addedByUserId: m.addedById,
    })),
    workgroup: r.officers.map((o) => ({
      userId: o.userId,
      name: o.name,
      organisationId: o.organisationId,
      addedAt: o.addedAt,
    })),
    consents: r.person.consents.map(consentViewOf),
    assessment: r.assessment.map((a) => ({
      section: a.section as AssessmentSectionCode,
      answer: a.answer,
      answeredAt: a.answeredAt,
      answeredByUserId: a.answeredById,
      answeredByOrganisationId: a.answeredByOrganisationId,
      revisions: a.revisions,
    })),
    discussions: r.discussions.map((d) => ({
      id: d.id,
      heldAt: d.heldAt,
      recordedByUserId: d.recordedById,
      recordedByOrganisationId: d.recordedByOrganisationId,
      attendeeUserIds: d.attendeeUserIds,
      minutes: d.minutes,
      informationKinds: d.informationKinds,
      actions: d.actions.map((a) => ({
        id: a.id,
        description: a.description,
        ownerUserId: a.ownerUserId,
        dueOn: isoDate(a.dueOn),
        completedAt: a.completedAt,
        completedByUserId: a.completedById,
      })),
    })),
    linkedReferralIds: r.referrals.map((l) => l.referralId),
    openedAt: r.openedAt,
    closure:
      r.closedAt && r.closedById
        ? { at: r.closedAt, byUserId: r.closedById, reason: r.closureReason ?? '' }
        : null,
    history: r.events.map((e) => ({
      type: e.type as CaseEvent['type'],
      at: e.at,
      byUserId: e.byUserId,
      byOrganisationId: e.byOrganisationId,
      note: e.note,
    })),
  }
}
