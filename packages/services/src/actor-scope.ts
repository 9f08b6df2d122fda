// How an actor's memberships meet a use case: which organisation they act for, and on which side
// of a referral they stand. Pure helpers over the Actor the transport resolved.
import {
  AppError,
  ROLE_CAPABILITIES,
  type Actor,
  type ActorMembership,
  type Capability,
  type ReferralParty,
  type Role,
} from '@fsn/domain'

export type UserActor = Extract<Actor, { kind: 'user' }>

export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED')
  return actor
}

/** The membership through which the actor holds `capability`; the first one if several. */
export function membershipFor(actor: Actor, capability: Capability): ActorMembership {
  const user = requireUser(actor)
  const m = user.memberships.find((x) => ROLE_CAPABILITIES[x.role].includes(capability))
  if (!m) throw new AppError('FORBIDDEN', `Your role does not allow this (${capability}).`)
  return m
}

export function organisationIdsOf(actor: Actor): string[] {
  return actor.kind === 'user' ? [...new Set(actor.memberships.map((m) => m.organisationId))] : []
}

export function isNationalAdmin(actor: Actor): boolean {
  return actor.kind === 'user' && actor.roles.includes('NATIONAL_ADMIN')
}

/** Which side of this referral the actor stands on, with the roles they hold there. */
export function partyFor(
  actor: Actor,
  referral: { fromOrganisationId: string; toOrganisationId: string },
): ReferralParty {
  if (actor.kind !== 'user') return { side: 'OTHER', roles: [] }
  const rolesIn = (orgId: string): Role[] =>
    actor.memberships.filter((m) => m.organisationId === orgId).map((m) => m.role)
  // A national administrator acts from any organisation.
  const admin: Role[] = actor.roles.includes('NATIONAL_ADMIN') ? ['NATIONAL_ADMIN'] : []
  const sender = rolesIn(referral.fromOrganisationId)
  const recipient = rolesIn(referral.toOrganisationId)
  if (recipient.length > 0) return { side: 'RECIPIENT', roles: [...recipient, ...admin] }
  if (sender.length > 0) return { side: 'SENDER', roles: [...sender, ...admin] }
  return { side: 'OTHER', roles: admin }
}
