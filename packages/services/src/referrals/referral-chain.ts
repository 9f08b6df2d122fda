// The chain of a referral: MSD triage -> the Community Connection Service -> the providers it
// refers onward to (Guidelines 3-5). Triage follows the whānau's path by it. Each link carries the
// referral's status, organisations, service and dates only: no personal field and no free text,
// so it shows the same to every caller who may open one of its referrals (docs/privacy.md).
import type { Prisma } from '@fsn/db'
import type { ServiceDeps, Tx } from '../context'

type Db = ServiceDeps['prisma'] | Tx

const linkSelect = {
  id: true,
  reference: true,
  status: true,
  onwardFromId: true,
  sentAt: true,
  respondedAt: true,
  closedAt: true,
  fromOrganisation: { select: { id: true, name: true } },
  toOrganisation: { select: { id: true, name: true } },
  service: { select: { id: true, name: true } },
} satisfies Prisma.ReferralSelect

export type ReferralChainLink = Prisma.ReferralGetPayload<{ select: typeof linkSelect }> & {
  /** 0 for the first referral of the chain, 1 for those referred onward from it, and so on. */
  depth: number
}

/** A guard against a cycle no use case can make (onwardFromId is set once, to an older referral). */
const MAX_DEPTH = 20

/**
 * The whole chain the referral belongs to, from its first referral down, each level oldest first.
 * A referral neither continuing nor continued is a chain of one.
 */
export async function loadReferralChain(db: Db, referral: { id: string; onwardFromId: string | null }) {
  // Up to the first referral.
  let rootId = referral.id
  let up = referral.onwardFromId
  for (let i = 0; up && i < MAX_DEPTH; i++) {
    rootId = up
    const parent: { onwardFromId: string | null } | null = await db.referral.findUnique({
      where: { id: up },
      select: { onwardFromId: true },
    })
    up = parent?.onwardFromId ?? null
  }
  // Down, a level at a time.
  const root = await db.referral.findUnique({ where: { id: rootId }, select: linkSelect })
  if (!root) return []
  const chain: ReferralChainLink[] = [{ ...root, depth: 0 }]
  let level = [root.id]
  for (let depth = 1; level.length > 0 && depth <= MAX_DEPTH; depth++) {
    const next = await db.referral.findMany({
      where: { onwardFromId: { in: level } },
      orderBy: { id: 'asc' },
      select: linkSelect,
    })
    chain.push(...next.map((r) => ({ ...r, depth })))
    level = next.map((r) => r.id)
  }
  return chain
}
