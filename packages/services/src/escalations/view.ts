// What the Regional Lead queue shows of an item: the referral's reference, why, where it stands.
// No personal details: the person is shown only through the referral view, where the need-to-know
// rule (decidePersonAccess) gives a Regional Lead names on escalated referrals of their region.
import type { ServiceDeps, Tx } from '../context'

type Db = ServiceDeps['prisma'] | Tx

export interface RegionalEscalationView {
  id: string
  referralId: string
  reference: string
  reason: string
  status: string
  regionName: string
  openedAt: Date
  acknowledgeBy: Date
  /** Still OPEN after acknowledgeBy: shown on the lead's home page. */
  overdue: boolean
  acknowledgedAt: Date | null
  assignedTo: { id: string; name: string } | null
  resolvedAt: Date | null
  outcome: string | null
  escalatedAt: Date | null
  onwardContact: string | null
  onwardReason: string | null
  notes: { id: string; body: string; at: Date; author: string }[]
}

export const TERMINAL_STATUSES = ['RESOLVED']

export async function viewsOf(
  db: Db,
  rows: readonly {
    id: string
    referralId: string
    reason: string
    status: string
    regionId: string
    openedAt: Date
    acknowledgeBy: Date
    acknowledgedAt: Date | null
    assignedToId: string | null
    resolvedAt: Date | null
    outcome: string | null
    escalatedAt: Date | null
    onwardContact: string | null
    onwardReason: string | null
  }[],
  now: Date,
): Promise<RegionalEscalationView[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [referrals, regions, notes] = await Promise.all([
    db.referral.findMany({
      where: { id: { in: rows.map((r) => r.referralId) } },
      select: { id: true, reference: true },
    }),
    db.region.findMany({
      where: { id: { in: rows.map((r) => r.regionId) } },
      select: { id: true, name: true },
    }),
    db.regionalEscalationNote.findMany({
      where: { escalationId: { in: ids } },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
    }),
  ])
  const userIds = [
    ...new Set(
      [...rows.map((r) => r.assignedToId), ...notes.map((n) => n.authorId)].filter((x): x is string => !!x),
    ),
  ]
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })
  const nameOf = new Map(users.map((u) => [u.id, u.name]))
  const refOf = new Map(referrals.map((r) => [r.id, r.reference]))
  const regionOf = new Map(regions.map((r) => [r.id, r.name]))
  return rows.map((r) => ({
    id: r.id,
    referralId: r.referralId,
    reference: refOf.get(r.referralId) ?? '',
    reason: r.reason,
    status: r.status,
    regionName: regionOf.get(r.regionId) ?? '',
    openedAt: r.openedAt,
    acknowledgeBy: r.acknowledgeBy,
    overdue: r.status === 'OPEN' && now.getTime() > r.acknowledgeBy.getTime(),
    acknowledgedAt: r.acknowledgedAt,
    assignedTo: r.assignedToId ? { id: r.assignedToId, name: nameOf.get(r.assignedToId) ?? '' } : null,
    resolvedAt: r.resolvedAt,
    outcome: r.outcome,
    escalatedAt: r.escalatedAt,
    onwardContact: r.onwardContact,
    onwardReason: r.onwardReason,
    notes: notes
      .filter((n) => n.escalationId === r.id)
      .map((n) => ({ id: n.id, body: n.body, at: n.at, author: nameOf.get(n.authorId) ?? '' })),
  }))
}
