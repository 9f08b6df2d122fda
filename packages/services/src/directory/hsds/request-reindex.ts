// `pnpm hsds reindex`: asks the search indexer to rebuild from the database. The index is a
// projection (Conventions 5), so rebuilding is replaying `directory.changed` for every service;
// whichever indexer consumes the outbox (embedded or Meilisearch, @fsn/search) does the work after
// commit, exactly as it does for imports and edits.
import { AppError, can } from '@fsn/domain'
import type { ServiceDeps } from '../../context'
import { enqueue } from '../../outbox/outbox'
import type { ImportActor } from './import'

export async function requestHsdsReindex({
  deps,
  actor,
  batchSize = 500,
  onProgress,
}: {
  deps: ServiceDeps
  actor: ImportActor
  batchSize?: number
  onProgress?: (done: number, total: number) => void
}): Promise<{ services: number; messages: number }> {
  if (actor.kind !== 'system' && !can(actor, 'directory:moderate')) throw new AppError('FORBIDDEN')
  const total = await deps.prisma.service.count()
  let done = 0
  let messages = 0
  let after: string | undefined
  onProgress?.(0, total)
  for (;;) {
    const rows = await deps.prisma.service.findMany({
      where: after ? { id: { gt: after } } : {},
      orderBy: { id: 'asc' },
      take: batchSize,
      select: { id: true },
    })
    if (rows.length === 0) break
    const now = deps.clock()
    // One message per batch keeps the outbox small: 100,000 services are 200 messages.
    await deps.prisma.$transaction((tx) =>
      enqueue(
        tx,
        { topic: 'directory.changed', payload: { reason: 'reindex', serviceIds: rows.map((r) => r.id) } },
        now,
      ),
    )
    messages += 1
    done += rows.length
    after = rows.at(-1)!.id
    onProgress?.(done, total)
  }
  return { services: done, messages }
}
