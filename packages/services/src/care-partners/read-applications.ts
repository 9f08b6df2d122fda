// What everyone involved in an application sees: its step and status, the four steps' progress,
// who holds the next action ("Track scheduling and application progress"), the commands the reader
// may apply now, the readiness template and the history. Oranga Tamariki's care roles see every
// application (the Quality Hub's board); an organisation's people see their own.
import {
  AppError,
  availableS396Commands,
  involvementOf,
  missingReadinessSections,
  s396CurrentStep,
  s396NextAction,
  s396Progress,
  type Actor,
  type Role,
  type S396Status,
} from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { requireUser } from '../actor-scope'
import {
  accreditationsByOrganisation,
  accreditationsOf,
  applicationInclude,
  applicationOf,
  loadApplicationRow,
  requireUuid,
  type ApplicationRow,
} from './load'

const OT_CARE_ROLES: Role[] = ['OT_OFFICER', 'QUALITY_HUB', 'QUALITY_MANAGER', 'DCE_MPC', 'BUDGET_MANAGER']

export function seesAllApplications(actor: Actor): boolean {
  return actor.kind === 'user' && actor.memberships.some((m) => OT_CARE_ROLES.includes(m.role))
}

function viewOf(
  row: ApplicationRow,
  actor: Actor,
  accreditations: Awaited<ReturnType<typeof accreditationsOf>>,
  now: Date,
) {
  const a = applicationOf(row, accreditations)
  return {
    id: row.id,
    organisationId: row.organisationId,
    organisationName: row.organisation.name,
    status: a.status,
    step: s396CurrentStep(a),
    progress: s396Progress(a),
    nextAction: s396NextAction(a),
    availableCommands: availableS396Commands(a, actor, now),
    missingReadinessSections: missingReadinessSections(a),
    readiness: a.readiness,
    review: a.review,
    findingsDiscussion: a.findingsDiscussion,
    recommendation: a.recommendation,
    endorsement: a.endorsement,
    decision: a.decision,
    qualityAssuranceFrom: a.qualityAssuranceFrom,
    fundingAgreements: a.fundingAgreements,
    withdrawal: a.withdrawal,
    history: a.history,
    startedAt: row.startedAt,
    updatedAt: row.updatedAt,
  }
}
export type CarePartnerApplicationView = ReturnType<typeof viewOf>

export async function getCarePartnerApplication({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { id: string }
}): Promise<CarePartnerApplicationView> {
  requireUser(actor)
  requireUuid(input.id, 'id')
  const row = await loadApplicationRow(deps.prisma, input.id).catch(() => {
    throw new AppError('NOT_FOUND', 'No such s396 care partner application.', 'id')
  })
  if (!involvementOf(actor, { carePartnerOrganisationId: row.organisationId })) {
    // Not involved: as if it did not exist, so ids reveal nothing.
    throw new AppError('NOT_FOUND', 'No such s396 care partner application.', 'id')
  }
  return viewOf(row, actor, await accreditationsOf(deps.prisma, row.organisationId), deps.clock())
}

/** The board: by step or status; an organisation's own people see only theirs. */
export async function findCarePartnerApplications({
  deps,
  actor,
  input = {},
}: {
  deps: ServiceDeps
  actor: Actor
  input?: { step?: number | null; status?: S396Status | null; organisationId?: string | null }
}): Promise<CarePartnerApplicationView[]> {
  const user = requireUser(actor)
  if (input.step != null && ![1, 2, 3, 4].includes(input.step)) {
    throw new AppError('VALIDATION_FAILED', 'step must be 1, 2, 3 or 4', 'step')
  }
  if (input.organisationId != null) requireUuid(input.organisationId, 'organisationId')
  const own = user.memberships.map((m) => m.organisationId)
  const rows = await deps.prisma.s396Application.findMany({
    where: {
      ...(seesAllApplications(actor) ? {} : { organisationId: { in: own } }),
      ...(input.organisationId ? { organisationId: input.organisationId } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(input.step != null ? { step: input.step } : {}),
    },
    include: applicationInclude,
    orderBy: [{ step: 'asc' }, { updatedAt: 'desc' }],
    take: 500,
  })
  const now = deps.clock()
  // One query for every listed organisation's accreditations, not one per application.
  const accreditations = await accreditationsByOrganisation(deps.prisma, [
    ...new Set(rows.map((r) => r.organisationId)),
  ])
  return rows.map((row) => viewOf(row, actor, accreditations.get(row.organisationId) ?? [], now))
}
