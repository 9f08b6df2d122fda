// A provider edits one of its services (or a moderator does). One transaction: the service row
// and its lists, the audit record with what changed, the directory.changed message.
import {
  AppError,
  ZUpdateServiceListingInput,
  ageRangeProblem,
  diffListing,
  serviceAreaProblem,
  validationError,
  type Actor,
  type TUpdateServiceListingInput,
} from '@fsn/domain'
import type { Prisma } from '@fsn/db'
import type { ServiceDeps, Tx } from '../../context'
import { requireUser } from '../../actor-scope'
import { listingEditorFor } from './access'
import { isUuid } from './get-organisation-listing'
import { serviceInclude, serviceSnapshot, toServiceListing, type ServiceListing } from './listing-view'
import {
  LISTING_ACTIONS,
  categoryTermIds,
  checkOwnLocations,
  claimVersion,
  recordListingChange,
  replaceContacts,
  replaceLanguages,
  replaceOpeningHours,
  replacePhones,
  serviceAreaRows,
} from './listing-writes'

export async function updateServiceListing({
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
  const parsed = ZUpdateServiceListingInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const data = parsed.data
  const found = isUuid(data.serviceId)
    ? await deps.prisma.service.findUnique({
        where: { id: data.serviceId },
        select: { organisationId: true },
      })
    : null
  if (!found) throw new AppError('NOT_FOUND', 'No such service.', 'serviceId')
  const organisationId = found.organisationId
  const editor = listingEditorFor(actor, organisationId)
  const refs = await resolveServiceRefs(deps, organisationId, data)
  const now = deps.clock()

  return deps.prisma.$transaction(async (tx) => {
    const stamp = await claimVersion(tx, 'service', data.serviceId, data.expectedUpdatedAt, now)
    const before = toServiceListing(
      await tx.service.findUniqueOrThrow({ where: { id: data.serviceId }, include: serviceInclude }),
      now,
    )
    // The patch merged with what is stored must still make sense.
    const ages = ageRangeProblem(
      data.minimumAge === undefined ? before.minimumAge : data.minimumAge,
      data.maximumAge === undefined ? before.maximumAge : data.maximumAge,
    )
    if (ages) throw new AppError('VALIDATION_FAILED', `maximumAge: ${ages}`, 'maximumAge')
    const areas = serviceAreaProblem(
      data.nationwide ?? before.nationwide,
      data.serviceAreas?.length ?? (data.nationwide === true ? 0 : before.serviceAreas.length),
    )
    if (areas) throw new AppError('VALIDATION_FAILED', `serviceAreas: ${areas}`, 'serviceAreas')

    await writeService(tx, data.serviceId, data, refs, {
      now,
      // An edit counts as verification: the provider has just read the listing and saved it as it
      // should be, so asking for a separate "still correct" click would be noise, and leaving the
      // listing flagged stale right after its owner fixed it would mislead connectors.
      scalars: {
        updatedAt: stamp,
        lastVerifiedAt: now,
        lastVerifiedById: editor.userId,
        ...(data.capacityStatus !== undefined && data.capacityStatus !== before.capacityStatus
          ? { capacityUpdatedAt: now }
          : {}),
      },
      // A nationwide service has no areas: switching to nationwide clears them.
      clearAreas: data.nationwide === true,
    })

    const after = toServiceListing(
      await tx.service.findUniqueOrThrow({ where: { id: data.serviceId }, include: serviceInclude }),
      now,
    )
    const locationIds = [...new Set([...before.locations, ...after.locations].map((l) => l.id))]
    await recordListingChange(tx, {
      editor,
      action: LISTING_ACTIONS.serviceUpdated,
      entityType: 'Service',
      entityId: data.serviceId,
      organisationId,
      changes: diffListing(serviceSnapshot(before), serviceSnapshot(after)),
      reason: 'listing-edit',
      serviceIds: [data.serviceId],
      locationIds,
      now,
      requestId,
    })
    return after
  })
}

export interface ServiceRefs {
  categoryTermIds?: string[]
  serviceAreas?: Awaited<ReturnType<typeof serviceAreaRows>>
}

/** Codes to rows before the transaction: reference data does not change under an edit. */
export async function resolveServiceRefs(
  deps: ServiceDeps,
  organisationId: string,
  data: Pick<TUpdateServiceListingInput, 'categoryCodes' | 'serviceAreas' | 'locationIds'>,
): Promise<ServiceRefs> {
  if (data.locationIds) await checkOwnLocations(deps.prisma, organisationId, data.locationIds)
  return {
    ...(data.categoryCodes
      ? { categoryTermIds: await categoryTermIds(deps.prisma, data.categoryCodes) }
      : {}),
    ...(data.serviceAreas ? { serviceAreas: await serviceAreaRows(deps.prisma, data.serviceAreas) } : {}),
  }
}

type ServicePatch = Omit<TUpdateServiceListingInput, 'serviceId' | 'expectedUpdatedAt'>

/** Writes the fields and lists the patch names; leaves the rest as they are. */
export async function writeService(
  tx: Tx,
  serviceId: string,
  data: ServicePatch,
  refs: ServiceRefs,
  options: { now: Date; scalars: Prisma.ServiceUncheckedUpdateInput; clearAreas: boolean },
) {
  const scalar = <K extends keyof ServicePatch>(k: K) => (data[k] === undefined ? {} : { [k]: data[k] })
  await tx.service.update({
    where: { id: serviceId },
    data: {
      ...scalar('name'),
      ...scalar('alternateName'),
      ...scalar('description'),
      ...scalar('url'),
      ...scalar('email'),
      ...scalar('status'),
      ...scalar('eligibilityDescription'),
      ...scalar('minimumAge'),
      ...scalar('maximumAge'),
      ...scalar('feesDescription'),
      ...scalar('freeOfCharge'),
      ...scalar('applicationProcess'),
      ...scalar('interpretationServices'),
      ...scalar('capacityStatus'),
      ...scalar('deliveryModes'),
      ...scalar('culturalFocus'),
      ...scalar('nationwide'),
      ...options.scalars,
    },
  })
  if (refs.categoryTermIds) {
    await tx.serviceTaxonomyTerm.deleteMany({ where: { serviceId } })
    await tx.serviceTaxonomyTerm.createMany({
      data: refs.categoryTermIds.map((taxonomyTermId) => ({ serviceId, taxonomyTermId })),
    })
  }
  if (refs.serviceAreas || options.clearAreas) {
    await tx.serviceArea.deleteMany({ where: { serviceId } })
    if (refs.serviceAreas?.length) {
      await tx.serviceArea.createMany({ data: refs.serviceAreas.map((a) => ({ serviceId, ...a })) })
    }
  }
  if (data.locationIds) {
    await tx.serviceAtLocation.deleteMany({ where: { serviceId, locationId: { notIn: data.locationIds } } })
    const kept = await tx.serviceAtLocation.findMany({ where: { serviceId }, select: { locationId: true } })
    const add = data.locationIds.filter((id) => !kept.some((k) => k.locationId === id))
    if (add.length)
      await tx.serviceAtLocation.createMany({ data: add.map((locationId) => ({ serviceId, locationId })) })
  }
  if (data.costOptions) {
    await tx.costOption.deleteMany({ where: { serviceId } })
    if (data.costOptions.length) {
      await tx.costOption.createMany({
        data: data.costOptions.map((c) => ({
          serviceId,
          option: c.option ?? null,
          amountCents: c.amountCents ?? null,
          amountDescription: c.amountDescription ?? null,
        })),
      })
    }
  }
  if (data.languages) await replaceLanguages(tx, { serviceId }, data.languages)
  if (data.openingHours) await replaceOpeningHours(tx, { serviceId }, data.openingHours)
  if (data.phones) await replacePhones(tx, { serviceId }, data.phones)
  if (data.contacts) await replaceContacts(tx, { serviceId }, data.contacts)
}
