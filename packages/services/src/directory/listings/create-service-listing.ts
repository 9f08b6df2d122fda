// A provider adds a service to its listing (or a moderator does). One transaction: the service
// and its lists, the audit record (every field set, as changes from nothing), directory.changed.
import { AppError, ZCreateServiceListingInput, diffListing, validationError, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../../context'
import { requireUser } from '../../actor-scope'
import { listingEditorFor } from './access'
import { isUuid } from './get-organisation-listing'
import { serviceInclude, serviceSnapshot, toServiceListing, type ServiceListing } from './listing-view'
import { LISTING_ACTIONS, claimVersion, recordListingChange } from './listing-writes'
import { resolveServiceRefs, writeService } from './update-service-listing'

export async function createServiceListing({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: unknown
  requestId?: string
}): Promise<ServiceListing> {
  requireUser(actor)
  const parsed = ZCreateServiceListingInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const { organisationId, expectedUpdatedAt, ...data } = parsed.data
  const organisation = isUuid(organisationId)
    ? await deps.prisma.organisation.findUnique({ where: { id: organisationId }, select: { kind: true } })
    : null
  if (!organisation) throw new AppError('NOT_FOUND', 'No such organisation.', 'organisationId')
  const editor = listingEditorFor(actor, organisationId)
  if (organisation.kind !== 'PROVIDER') {
    throw new AppError(
      'VALIDATION_FAILED',
      'organisationId: only a provider lists services',
      'organisationId',
    )
  }
  const refs = await resolveServiceRefs(deps, organisationId, data)
  const now = deps.clock()

  return deps.prisma.$transaction(async (tx) => {
    // Adding a service changes the organisation's listing: claim its version, so a form submitted
    // twice (or from two tabs) adds one service and gets CONFLICT the second time.
    await claimVersion(tx, 'organisation', organisationId, expectedUpdatedAt, now)
    const created = await tx.service.create({
      data: {
        organisationId,
        name: data.name,
        description: data.description,
        // Listed by its provider just now: verified now (see updateServiceListing).
        lastVerifiedAt: now,
        lastVerifiedById: editor.userId,
        capacityUpdatedAt: now,
        createdAt: now,
        updatedAt: now,
      },
      select: { id: true },
    })
    await writeService(tx, created.id, data, refs, { now, scalars: { updatedAt: now }, clearAreas: false })
    const after = toServiceListing(
      await tx.service.findUniqueOrThrow({ where: { id: created.id }, include: serviceInclude }),
      now,
    )
    await recordListingChange(tx, {
      editor,
      action: LISTING_ACTIONS.serviceCreated,
      entityType: 'Service',
      entityId: created.id,
      organisationId,
      // Every field the new listing has, as changes from nothing (empty lists are not news).
      changes: diffListing({}, serviceSnapshot(after)).filter(
        (c) => !(Array.isArray(c.to) && c.to.length === 0),
      ),
      reason: 'listing-create',
      serviceIds: [created.id],
      locationIds: after.locations.map((l) => l.id),
      now,
      requestId,
    })
    return after
  })
}
