// What a member agency sees of a shared case: everything the family's consent lets that agency see
// (the domain's caseViewFor and planAssessment, which call the referral issue's consent rule), the
// workgroup and its actions, the timeline, and what is due. Who may open a case at all, and as which
// agency, is the need-to-know rule (decidePersonAccess, CASE): a membership in a member agency in a
// role that takes part in cases (case:participate). Everyone else, including other roles inside a
// member agency, is answered as if no case existed (Privacy Act 2020, IPP 5 and IPP 11).
import {
  AppError,
  ROLE_CAPABILITIES,
  accessPurposeOf,
  availableCaseCommands,
  caseActionsDue,
  caseViewFor,
  decidePersonAccess,
  overdueCaseActions,
  planAssessment,
  userActor,
  type Actor,
  type PersonAccessDecision,
} from '@fsn/domain'
import type { ServiceDeps, Tx } from '../context'
import { requireUser } from '../actor-scope'
import { requireUuid } from '../care-partners/load'
import { consentViewOf } from '../referrals/load'
import { loadSharedCaseRow, sharedCaseInclude, sharedCaseOf, type SharedCaseRow } from './load'

/** The actor as far as one of their organisations goes (a view asked for as that agency). */
function asMemberOf(actor: Actor, organisationId: string): Actor {
  if (actor.kind !== 'user') return actor
  return userActor(
    actor.user,
    actor.sessionId,
    actor.memberships.filter((m) => m.organisationId === organisationId),
  )
}

/**
 * The need-to-know decision for reading this case: the organisation it names is the agency the
 * actor reads as (the lead when they can, else a member). `asked` narrows it to one of their agencies.
 */
export function decideCaseAccess(
  actor: Actor,
  row: Pick<SharedCaseRow, 'leadOrganisationId' | 'members' | 'personId' | 'person'>,
  at: Date,
  asked?: string | null,
): PersonAccessDecision {
  return decidePersonAccess(
    asked ? asMemberOf(actor, asked) : actor,
    {
      kind: 'CASE',
      leadOrganisationId: row.leadOrganisationId,
      memberOrganisationIds: row.members.map((m) => m.organisationId),
      personId: row.personId,
      consents: row.person.consents.map(consentViewOf),
    },
    at,
  )
}

type Db = ServiceDeps['prisma'] | Tx

async function loadForMember(
  db: Db,
  actor: Actor,
  id: string,
  at: Date,
  asked?: string | null,
): Promise<{ row: SharedCaseRow; decision: PersonAccessDecision; org: string }> {
  requireUser(actor)
  requireUuid(id, 'id')
  const row = await loadSharedCaseRow(db, id, 'id').catch(() => null)
  const decision = row ? decideCaseAccess(actor, row, at, asked) : null
  // No duty (or no such case): the same answer, so the id's existence does not leak.
  if (!row || !decision || decision.relationship !== 'CASE_MEMBER' || !decision.organisationId)
    throw new AppError('NOT_FOUND', 'No such case.', 'id')
  return { row, decision, org: decision.organisationId }
}

/** The access record a case read writes when the family's consent let the agency see any of it. */
function caseAccessRecord(
  userId: string,
  row: { personId: string },
  decision: PersonAccessDecision,
  at: Date,
) {
  if (decision.visibleKinds.length === 0 || !decision.organisationId) return null
  return {
    userId,
    organisationId: decision.organisationId,
    personId: row.personId,
    purpose: accessPurposeOf(decision, 'case.view'),
    // A case shows content by information kind (assessment sections, minutes): those kinds.
    fields: [...decision.visibleKinds],
    accessedAt: at,
  }
}

export async function getSharedCase({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { id: string; organisationId?: string | null }
}) {
  const user = requireUser(actor)
  if (input.organisationId != null) requireUuid(input.organisationId, 'organisationId')
  const now = deps.clock()
  const { row, decision, org } = await loadForMember(deps.prisma, actor, input.id, now, input.organisationId)
  const record = caseAccessRecord(user.user.id, row, decision, now)
  // Privacy Act 2020: who read whose case content, when, as which agency and under which rule.
  if (record) await deps.prisma.accessRecord.create({ data: record })
  return readViewOf(row, org, actor, now)
}

function readViewOf(row: SharedCaseRow, org: string, actor: Actor, now: Date) {
  const c = sharedCaseOf(row)
  const view = caseViewFor(c, org, now)!
  const names = new Map(row.members.map((m) => [m.organisationId, m.organisation.name]))
  const ctx = { organisationId: org, consents: c.consents, personId: c.personId, at: now }
  return {
    ...view,
    memberNames: row.members.map((m) => ({
      organisationId: m.organisationId,
      name: names.get(m.organisationId) ?? '',
    })),
    availableCommands: availableCaseCommands(c, actor),
    assessmentPlan: planAssessment(c.assessment, ctx),
    actionsDue: caseActionsDue(c, now).map((a) => a.id),
    overdueActions: overdueCaseActions(c, now).map((a) => a.id),
    // The timeline says who did what and when; notes (reasons, answers) stay out of it.
    timeline: c.history.map((h) => ({
      type: h.type,
      at: h.at,
      byUserId: h.byUserId,
      byOrganisationId: h.byOrganisationId,
    })),
  }
}
export type SharedCaseReadView = ReturnType<typeof readViewOf>

/** Case membership, for partner systems: the agencies, the lead and the named officers. */
export async function getCaseMembers({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { id: string }
}) {
  const { row } = await loadForMember(deps.prisma, actor, input.id, deps.clock())
  // Membership and officers only: the family's details are not part of it, so no access record.
  return {
    caseId: row.id,
    status: row.status,
    leadOrganisationId: row.leadOrganisationId,
    members: row.members.map((m) => ({
      organisationId: m.organisationId,
      name: m.organisation.name,
      isLead: m.organisationId === row.leadOrganisationId,
      joinedAt: m.joinedAt,
      officers: row.officers
        .filter((o) => o.organisationId === m.organisationId)
        .map((o) => ({ userId: o.userId, name: o.name, addedAt: o.addedAt })),
    })),
  }
}

/**
 * The cases the actor takes part in: those with a member agency where the actor holds a role with
 * case:participate (the case members' home page). Each read case writes its access record.
 */
export async function findMyCases({
  deps,
  actor,
  input = {},
}: {
  deps: ServiceDeps
  actor: Actor
  input?: { status?: 'OPEN' | 'CLOSED' | null }
}) {
  const user = requireUser(actor)
  const mine = [
    ...new Set(
      user.memberships
        .filter((m) => ROLE_CAPABILITIES[m.role].includes('case:participate'))
        .map((m) => m.organisationId),
    ),
  ]
  if (mine.length === 0) return []
  const rows = await deps.prisma.sharedCase.findMany({
    where: {
      members: { some: { organisationId: { in: mine } } },
      ...(input.status ? { status: input.status } : {}),
    },
    orderBy: { openedAt: 'desc' },
    take: 200,
    include: sharedCaseInclude,
  })
  // Loaded with their members, consents and history in one go: no query per case.
  const now = deps.clock()
  const read = rows.flatMap((row) => {
    const decision = decideCaseAccess(actor, row, now)
    if (decision.relationship !== 'CASE_MEMBER' || !decision.organisationId) return []
    return [{ row, decision, view: readViewOf(row, decision.organisationId, actor, now) }]
  })
  const records = read.flatMap(({ row, decision }) => {
    const r = caseAccessRecord(user.user.id, row, decision, now)
    return r ? [r] : []
  })
  if (records.length > 0) await deps.prisma.accessRecord.createMany({ data: records })
  return read.map((r) => r.view)
}
