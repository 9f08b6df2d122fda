// One service as its listing shows it, with the organisation it belongs to.
import { AppError, can, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../../context'
import { canEditListing } from './access'
import { isUuid } from './get-organisation-listing'
import { serviceInclude, toServiceListing, type ServiceListing } from './listing-view'

export async function getServiceListing({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { serviceId: string }
}): Promise<ServiceListing> {
  if (!can(actor, 'directory:search')) throw new AppError('FORBIDDEN')
  const id = input.serviceId
  const row = isUuid(id)
    ? await deps.prisma.service.findUnique({ where: { id }, include: serviceInclude })
    : null
  // A defunct service is shown only to those who keep the listing.
  if (!row || (row.status === 'DEFUNCT' && !canEditListing(actor, row.organisationId))) {
    throw new AppError('NOT_FOUND', 'No such service.', 'serviceId')
  }
  return toServiceListing(row, deps.clock())
}
