// The registry: every accreditation (or one organisation's, or those expiring soon), with the
// history of decisions on each. National administrators only; the directory shows organisations'
// current accreditations to everyone through the listings.
import { AppError, EXPIRES_SOON_DAYS, type Actor } from '@fsn/domain'
import { z } from 'zod'
import type { ServiceDeps } from '../context'
import { historyOf, requireRegistryKeeper, toView, type AccreditationView } from './view'

const ZFind = z.object({
  organisationId: z.uuid({ error: 'organisationId must be a UUID' }).optional(),
  expiringSoon: z.boolean({ error: 'expiringSoon must be true or false' }).optional(),
})

export async function findAccreditations({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { organisationId?: unknown; expiringSoon?: unknown }
}): Promise<{ items: AccreditationView[] }> {
  requireRegistryKeeper(actor)
  const parsed = ZFind.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new AppError(
      'VALIDATION_FAILED',
      `${String(issue.path[0])}: ${issue.message}`,
      String(issue.path[0]),
    )
  }
  const now = deps.clock()
  const rows = await deps.prisma.accreditation.findMany({
    where: {
      ...(parsed.data.organisationId ? { organisationId: parsed.data.organisationId } : {}),
      // Expiring soon: a window one day wider than the rule, then the rule itself filters (NZ days).
      ...(parsed.data.expiringSoon
        ? { validTo: { gt: now, lte: new Date(now.getTime() + (EXPIRES_SOON_DAYS + 2) * 86_400_000) } }
        : {}),
    },
    include: { organisation: { select: { name: true } } },
    orderBy: [{ organisation: { name: 'asc' } }, { scheme: 'asc' }, { validFrom: 'desc' }],
    take: 2000,
  })
  const history = await historyOf(
    deps.prisma,
    rows.map((r) => r.id),
  )
  const items = rows.map((r) => toView(r, r.organisation.name, history.get(r.id) ?? [], now))
  return { items: parsed.data.expiringSoon ? items.filter((i) => i.expiresSoon) : items }
}
