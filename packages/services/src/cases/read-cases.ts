// What a member agency sees of a shared case: everything the family's consent lets that agency see
// (the domain's caseViewFor and planAssessment, which call the referral issue's consent rule), the
// workgroup and its actions, the timeline, and what is due. Non-members: as if no case existed.
import {
  AppError,
  availableCaseCommands,
  caseActionsDue,
  caseViewFor,
  overdueCaseActions,
  planAssessment,
  type Actor,
} from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { requireUser } from '../actor-scope'
import { requireUuid } from '../care-partners/load'
import { loadSharedCaseRow, sharedCaseInclude, sharedCaseOf, type SharedCaseRow } from './load'

/** The member agency the actor reads as: the one asked for, else the lead if theirs, else their first. */
function viewerOrganisation(actor: Actor, row: SharedCaseRow, asked?: string | null): string | null {
  if (actor.kind !== 'user') return null
  const mine = actor.memberships.map((m) => m.organisationId)
  const members = row.members.map((m) => m.organisationId).filter((o) => mine.includes(o))
  if (asked) return members.includes(asked) ? asked : null
  return members.includes(row.leadOrganisationId) ? row.leadOrganisationId : (members[0] ?? null)
}

async function loadForMember(deps: ServiceDeps, actor: Actor, id: string, asked?: string | null) {
  requireUser(actor)
  requireUuid(id, 'id')
  const row = await loadSharedCaseRow(deps.prisma, id, 'id').catch(() => null)
  const org = row ? viewerOrganisation(actor, row, asked) : null
  if (!row || !org) throw new AppError('NOT_FOUND', 'No such case.', 'id')
  return { row, org }
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
  if (input.organisationId != null) requireUuid(input.organisationId, 'organisationId')
  const { row, org } = await loadForMember(deps, actor, input.id, input.organisationId)
  return readViewOf(row, org, actor, deps.clock())
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
  const { row } = await loadForMember(deps, actor, input.id)
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

/** The cases the actor's agencies are members of (the case members' home page). */
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
  const mine = user.memberships.map((m) => m.organisationId)
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
  return rows.flatMap((row) => {
    const org = viewerOrganisation(actor, row)
    return org ? [readViewOf(row, org, actor, now)] : []
  })
}
