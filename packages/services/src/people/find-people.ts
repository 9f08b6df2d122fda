import type { Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { membershipFor } from '../actor-scope'

/**
 * People your organisation recorded, with their consents, newest first: the sender's own records,
 * for choosing whom to refer. Other organisations' people never appear here.
 */
export async function findPeople({ deps, actor, input }: { deps: ServiceDeps; actor: Actor; input: { first?: number } }) {
  const m = membershipFor(actor, 'person:record')
  return deps.prisma.person.findMany({
    where: { recordedByOrganisationId: m.organisationId },
    orderBy: { id: 'desc' },
    take: Math.min(Math.max(input.first ?? 50, 1), 200),
    include: { consents: { include: { recipients: true }, orderBy: { givenAt: 'desc' } }, region: { select: { code: true, name: true } } },
  })
}
