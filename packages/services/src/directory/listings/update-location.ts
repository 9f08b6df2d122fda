// A provider edits one of its locations: address, region and district, map pin, accessibility,
// hours, phones, languages (or a moderator does). One transaction with its audit record and
// directory.changed for the services delivered there (their search documents carry the place).
import { AppError, ZUpdateLocationInput, diffListing, validationError, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../../context'
import { requireUser } from '../../actor-scope'
import { listingEditorFor } from './access'
import { isUuid } from './get-organisation-listing'
import { locationInclude, locationSnapshot, toLocationListing, type LocationListing } from './listing-view'
import {
  LISTING_ACTIONS,
  claimVersion,
  recordListingChange,
  regionByCode,
  replaceLanguages,
  replaceOpeningHours,
  replacePhones,
  territorialAuthorityByCode,
} from './listing-writes'

export async function updateLocation({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: unknown
  requestId?: string
}): Promise<LocationListing> {
  requireUser(actor)
  const parsed = ZUpdateLocationInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const {
    locationId,
    expectedUpdatedAt,
    regionCode,
    territorialAuthorityCode,
    accessibility,
    openingHours,
    phones,
    languages,
    ...fields
  } = parsed.data
  const found = isUuid(locationId)
    ? await deps.prisma.location.findUnique({ where: { id: locationId }, select: { organisationId: true } })
    : null
  if (!found) throw new AppError('NOT_FOUND', 'No such location.', 'locationId')
  const organisationId = found.organisationId
  const editor = listingEditorFor(actor, organisationId)
  const region = regionCode ? await regionByCode(deps.prisma, regionCode, 'regionCode') : undefined
  // undefined: unchanged; null: cleared.
  const ta =
    territorialAuthorityCode == null
      ? territorialAuthorityCode
      : await territorialAuthorityByCode(deps.prisma, territorialAuthorityCode, 'territorialAuthorityCode')
  const now = deps.clock()

  return deps.prisma.$transaction(async (tx) => {
    const stamp = await claimVersion(tx, 'location', locationId, expectedUpdatedAt, now)
    const load = async () =>
      toLocationListing(
        await tx.location.findUniqueOrThrow({ where: { id: locationId }, include: locationInclude }),
      )
    const before = await load()
    // Every location is in one region; its district, if named, must lie in that region (a few
    // districts span two: Stats NZ lists the others in otherRegionCodes).
    const regionAfter = region?.code ?? before.region.code
    const taAfter =
      ta === undefined
        ? before.territorialAuthority
          ? await territorialAuthorityByCode(tx, before.territorialAuthority.code, 'territorialAuthorityCode')
          : null
        : ta
    if (taAfter && taAfter.region.code !== regionAfter && !taAfter.otherRegionCodes.includes(regionAfter)) {
      throw new AppError(
        'VALIDATION_FAILED',
        `territorialAuthorityCode: ${taAfter.name} is not in region ${regionAfter}`,
        'territorialAuthorityCode',
      )
    }
    await tx.location.update({
      where: { id: locationId },
      data: {
        ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
        ...(region ? { regionId: region.id } : {}),
        ...(ta !== undefined ? { territorialAuthorityId: ta?.id ?? null } : {}),
        updatedAt: stamp,
      },
    })
    if (accessibility !== undefined) {
      await tx.accessibility.deleteMany({ where: { locationId } })
      if (accessibility) await tx.accessibility.create({ data: { locationId, description: accessibility } })
    }
    if (openingHours) await replaceOpeningHours(tx, { locationId }, openingHours)
    if (phones) await replacePhones(tx, { locationId }, phones)
    if (languages) await replaceLanguages(tx, { locationId }, languages)
    const after = await load()
    const services = await tx.serviceAtLocation.findMany({
      where: { locationId },
      select: { serviceId: true },
    })
    // A location has no verification stamp of its own, and editing an address does not confirm the
    // organisation's other details or its services: lastVerifiedAt is left as it is.
    await recordListingChange(tx, {
      editor,
      action: LISTING_ACTIONS.locationUpdated,
      entityType: 'Location',
      entityId: locationId,
      organisationId,
      changes: diffListing(locationSnapshot(before), locationSnapshot(after)),
      reason: 'listing-edit',
      serviceIds: services.map((s) => s.serviceId),
      locationIds: [locationId],
      now,
      requestId,
    })
    return after
  })
}
