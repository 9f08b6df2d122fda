// A provider edits its organisation's own details: name, description, email, website, phones and
// contacts (or a moderator does). One transaction with its audit record and directory.changed.
import {
  AppError,
  ZUpdateOrganisationListingInput,
  diffListing,
  validationError,
  type Actor,
} from '@fsn/domain'
import type { ServiceDeps } from '../../context'
import { requireUser } from '../../actor-scope'
import { listingEditorFor } from './access'
import { isUuid } from './get-organisation-listing'
import {
  organisationInclude,
  organisationSnapshot,
  toOrganisationListing,
  type OrganisationListing,
} from './listing-view'
import {
  LISTING_ACTIONS,
  claimVersion,
  recordListingChange,
  replaceContacts,
  replacePhones,
} from './listing-writes'

export async function updateOrganisationListing({
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
  const parsed = ZUpdateOrganisationListingInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const { organisationId, expectedUpdatedAt, phones, contacts, ...fields } = parsed.data
  const found = isUuid(organisationId)
    ? await deps.prisma.organisation.findUnique({ where: { id: organisationId }, select: { id: true } })
    : null
  if (!found) throw new AppError('NOT_FOUND', 'No such organisation.', 'organisationId')
  const editor = listingEditorFor(actor, organisationId)
  const now = deps.clock()
  const load = (tx: Parameters<Parameters<typeof deps.prisma.$transaction>[0]>[0]) =>
    tx.organisation.findUniqueOrThrow({ where: { id: organisationId }, include: organisationInclude() })

  return deps.prisma.$transaction(async (tx) => {
    const stamp = await claimVersion(tx, 'organisation', organisationId, expectedUpdatedAt, now)
    const before = toOrganisationListing(await load(tx), now)
    await tx.organisation.update({
      where: { id: organisationId },
      data: {
        ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
        updatedAt: stamp,
        // An edit counts as verification: its owner has just read these details and saved them as
        // they should be (see updateServiceListing). It verifies the organisation's own details,
        // not its services, which the provider did not look at in this form.
        lastVerifiedAt: now,
        lastVerifiedById: editor.userId,
      },
    })
    if (phones) await replacePhones(tx, { organisationId }, phones)
    if (contacts) await replaceContacts(tx, { organisationId }, contacts)
    const after = toOrganisationListing(await load(tx), now)
    await recordListingChange(tx, {
      editor,
      action: LISTING_ACTIONS.organisationUpdated,
      entityType: 'Organisation',
      entityId: organisationId,
      organisationId,
      changes: diffListing(organisationSnapshot(before), organisationSnapshot(after)),
      reason: 'listing-edit',
      // The organisation's name and details are in every one of its services' search documents.
      serviceIds: after.services.map((s) => s.id),
      now,
      requestId,
    })
    return after
  })
}
