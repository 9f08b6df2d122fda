// Who may change a listing. Provider staff keep their own organisation's listing (Guidelines,
// "Family services directory": providers keep their listing up to date); national administrators
// moderate any listing. Staff of another organisation may not touch it: FORBIDDEN, not NOT_FOUND,
// because listings are public and hiding that one exists protects nothing.
import { AppError, ROLE_CAPABILITIES, can, type Actor } from '@fsn/domain'
import { requireUser } from '../../actor-scope'

export interface ListingEditor {
  userId: string
  /** The organisation the actor acts for: the listing's own, or the moderator's. */
  actorOrganisationId: string
  /** True when the actor edits as a moderator rather than as the organisation's own staff. */
  moderated: boolean
}

/**
 * The membership must itself grant directory:edit-own-listing in that organisation: an intake
 * worker at this provider who is an administrator at another may not edit this listing.
 */
function ownMembership(actor: Actor, organisationId: string) {
  if (actor.kind !== 'user') return undefined
  return actor.memberships.find(
    (m) =>
      m.organisationId === organisationId && ROLE_CAPABILITIES[m.role].includes('directory:edit-own-listing'),
  )
}

export function canEditListing(actor: Actor, organisationId: string): boolean {
  return (
    (can(actor, 'directory:edit-own-listing') && ownMembership(actor, organisationId) !== undefined) ||
    can(actor, 'directory:moderate')
  )
}

/** The editor's identity for the audit record; UNAUTHENTICATED or FORBIDDEN when they may not. */
export function listingEditorFor(actor: Actor, organisationId: string): ListingEditor {
  const user = requireUser(actor)
  const own = can(actor, 'directory:edit-own-listing') ? ownMembership(actor, organisationId) : undefined
  if (own) return { userId: user.user.id, actorOrganisationId: organisationId, moderated: false }
  if (can(actor, 'directory:moderate')) {
    const m = user.memberships.find((x) => ROLE_CAPABILITIES[x.role].includes('directory:moderate'))!
    return { userId: user.user.id, actorOrganisationId: m.organisationId, moderated: true }
  }
  throw new AppError('FORBIDDEN', "You may change only your own organisation's listing.")
}
