// A provider's listing edit, as the outage test needs one: the write and its directory.changed
// outbox message in one transaction (what every listing use case does).
import { enqueue } from '@fsn/services'
import type { TestApp } from './harness'

export async function editServiceListing(
  t: TestApp,
  serviceId: string,
  patch: { name?: string; status?: 'ACTIVE' | 'DEFUNCT' },
): Promise<{ status: number; body: unknown }> {
  const now = t.deps.clock()
  const service = await t.db.prisma.$transaction(async (tx) => {
    const s = await tx.service.update({ where: { id: serviceId }, data: { ...patch, lastVerifiedAt: now } })
    await enqueue(
      tx,
      { topic: 'directory.changed', aggregateId: s.organisationId, payload: { reason: 'listing-edit', serviceIds: [s.id] } },
      now,
    )
    return s
  })
  return { status: 200, body: service }
}
