// Provider staff's own listings: each organisation they keep, with its services, stale first, so
// the one that needs checking is at the top (Guidelines, "Family services directory": providers
// keep their listing up to date).
import { ROLE_CAPABILITIES, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../../context'
import { requireUser } from '../../actor-scope'
import {
  organisationInclude,
  toOrganisationListing,
  type OrganisationListing,
  type ServiceListing,
} from './listing-view'

const verifiedAt = (x: { lastVerifiedAt: Date | null }) => x.lastVerifiedAt?.getTime() ?? -Infinity

/** Stale before current; among each, least recently verified first; then by name. */
function staleFirst<T extends { name: string; lastVerifiedAt: Date | null }>(stale: (x: T) => boolean) {
  return (a: T, b: T) =>
    Number(stale(b)) - Number(stale(a)) || verifiedAt(a) - verifiedAt(b) || a.name.localeCompare(b.name)
}

export async function findMyListings({
  deps,
  actor,
}: {
  deps: ServiceDeps
  actor: Actor
}): Promise<OrganisationListing[]> {
  const user = requireUser(actor)
  const organisationIds = [
    ...new Set(
      user.memberships
        .filter((m) => ROLE_CAPABILITIES[m.role].includes('directory:edit-own-listing'))
        .map((m) => m.organisationId),
    ),
  ]
  if (organisationIds.length === 0) return []
  const rows = await deps.prisma.organisation.findMany({
    where: { id: { in: organisationIds } },
    include: organisationInclude(),
  })
  const now = deps.clock()
  return rows
    .map((row) => {
      const listing = toOrganisationListing(row, now)
      return {
        ...listing,
        services: [...listing.services].sort(staleFirst<ServiceListing>((s) => s.freshness.stale)),
      }
    })
    .sort(staleFirst<OrganisationListing>((o) => o.needsVerification))
}
