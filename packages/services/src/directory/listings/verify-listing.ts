// The one-click "still correct". Guidelines, "Family services directory": providers keep their
// listing up to date; a provider who has checked its listing says so, and the listing is current
// again for staleAfterDays (search/settings.json). Stamps the organisation and the services named
// (all of them when none are named) with now and the actor, in one transaction with its audit
// record and directory.changed (freshness ranks search results).
import { AppError, ZVerifyListingInput, validationError, type Actor } from '@fsn/domain'
import { Prisma } from '@fsn/db'
import type { ServiceDeps } from '../../context'
import { requireUser } from '../../actor-scope'
import { listingEditorFor } from './access'
import { isUuid } from './get-organisation-listing'
import { organisationInclude, toOrganisationListing, type OrganisationListing } from './listing-view'
import { LISTING_ACTIONS, claimVersion, recordListingChange } from './listing-writes'

export async function verifyListing({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: unknown
  requestId?: string
}): Promise<OrganisationListing> {
  requireUser(actor)
  const parsed = ZVerifyListingInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const { organisationId, expectedUpdatedAt, serviceIds } = parsed.data
  const organisation = isUuid(organisationId)
    ? await deps.prisma.organisation.findUnique({
        where: { id: organisationId },
        select: { lastVerifiedAt: true, services: { select: { id: true, lastVerifiedAt: true } } },
      })
    : null
  if (!organisation) throw new AppError('NOT_FOUND', 'No such organisation.', 'organisationId')
  const editor = listingEditorFor(actor, organisationId)
  serviceIds?.forEach((id, i) => {
    if (!organisation.services.some((s) => s.id === id)) {
      throw new AppError(
        'VALIDATION_FAILED',
        `serviceIds.${i}: not a service of this organisation`,
        `serviceIds.${i}`,
      )
    }
  })
  const verified = serviceIds ?? organisation.services.map((s) => s.id)
  const now = deps.clock()

  return deps.prisma.$transaction(async (tx) => {
    // Verification changes no content, so it keeps the listing's version: an editor open in
    // another tab can still save, and a double click verifies twice instead of failing. The check
    // still holds: details changed after the verifier looked get CONFLICT, not a verification.
    await claimVersion(tx, 'organisation', organisationId, expectedUpdatedAt, now, { keepVersion: true })
    await tx.organisation.update({
      where: { id: organisationId },
      data: { lastVerifiedAt: now, lastVerifiedById: editor.userId, updatedAt: expectedUpdatedAt },
    })
    // Raw, because Prisma would move each service's updatedAt (its version) on any update.
    if (verified.length) {
      await tx.$executeRaw`
        UPDATE "Service" SET "lastVerifiedAt" = ${now}, "lastVerifiedById" = ${editor.userId}::uuid
        WHERE "organisationId" = ${organisationId}::uuid
          AND "id" IN (${Prisma.join(verified.map((id) => Prisma.sql`${id}::uuid`))})`
    }
    const was = (id: string) =>
      organisation.services.find((s) => s.id === id)?.lastVerifiedAt?.toISOString() ?? null
    await recordListingChange(tx, {
      editor,
      action: LISTING_ACTIONS.verified,
      entityType: 'Organisation',
      entityId: organisationId,
      organisationId,
      changes: [
        {
          field: 'lastVerifiedAt',
          from: organisation.lastVerifiedAt?.toISOString() ?? null,
          to: now.toISOString(),
        },
        ...verified.map((id) => ({
          field: `services.${id}.lastVerifiedAt`,
          from: was(id),
          to: now.toISOString(),
        })),
      ],
      reason: 'listing-verify',
      serviceIds: organisation.services.map((s) => s.id),
      extra: { verifiedServiceIds: verified },
      now,
      requestId,
    })
    return toOrganisationListing(
      await tx.organisation.findUniqueOrThrow({
        where: { id: organisationId },
        include: organisationInclude(),
      }),
      now,
    )
  })
}
