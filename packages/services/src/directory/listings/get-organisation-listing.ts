// The provider page: an organisation with its services, locations, weekly hours, contacts, phones,
// languages, accreditations and how fresh each part is. Anyone may read it (the public directory).
import { AppError, can, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../../context'
import { canEditListing } from './access'
import { organisationInclude, toOrganisationListing, type OrganisationListing } from './listing-view'

export async function getOrganisationListing({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { organisationId: string }
}): Promise<OrganisationListing> {
  if (!can(actor, 'directory:search')) throw new AppError('FORBIDDEN')
  const id = input.organisationId
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'No such organisation.', 'organisationId')
  // A defunct service is history: its own staff and moderators still see it, the public does not.
  const row = await deps.prisma.organisation.findUnique({
    where: { id },
    include: organisationInclude(canEditListing(actor, id) ? {} : { status: { not: 'DEFUNCT' } }),
  })
  if (!row) throw new AppError('NOT_FOUND', 'No such organisation.', 'organisationId')
  return toOrganisationListing(row, deps.clock())
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** An id that is not a UUID names nothing; asking Postgres would fail the uuid cast instead. */
export function isUuid(id: string): boolean {
  return UUID.test(id)
}
