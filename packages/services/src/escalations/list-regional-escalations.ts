// The Regional Lead's queue: their regions' SLA breaches and contact escalations, open ones first
// (overdue first among them), then the rest newest first.
import { AppError, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { leadRegionIds, requireEscalationId } from './load'
import { viewsOf, type RegionalEscalationView } from './view'

export async function listRegionalEscalations({
  deps,
  actor,
  input = {},
}: {
  deps: ServiceDeps
  actor: Actor
  input?: { open?: boolean }
}): Promise<RegionalEscalationView[]> {
  const regions = leadRegionIds(actor)
  const rows = await deps.prisma.regionalEscalation.findMany({
    where: { regionId: { in: regions }, ...(input.open ? { status: { not: 'RESOLVED' } } : {}) },
    orderBy: [{ acknowledgeBy: 'asc' }, { id: 'asc' }],
    take: 500,
  })
  const views = await viewsOf(deps.prisma, rows, deps.clock())
  const rank = (v: RegionalEscalationView) => (v.overdue ? 0 : v.status === 'RESOLVED' ? 2 : 1)
  return views.sort((a, b) => rank(a) - rank(b))
}

export async function getRegionalEscalation({
  deps,
  actor,
  escalationId,
}: {
  deps: ServiceDeps
  actor: Actor
  escalationId: string
}): Promise<RegionalEscalationView> {
  const regions = leadRegionIds(actor)
  const id = requireEscalationId(escalationId)
  const row = await deps.prisma.regionalEscalation.findUnique({ where: { id } })
  if (!row || !regions.includes(row.regionId))
    throw new AppError('NOT_FOUND', 'No such escalation in your region.', 'escalationId')
  return (await viewsOf(deps.prisma, [row], deps.clock()))[0]!
}
