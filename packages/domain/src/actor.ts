// Who is asking. Every REST and GraphQL request resolves to one of these before any use case runs.
import { capabilitiesOf, type Capability, type Role } from './roles'

export type OrganisationKind = 'PROVIDER' | 'AGENCY'

export interface ActorMembership {
  organisationId: string
  organisationName: string
  organisationKind: OrganisationKind
  role: Role
  /** Region the role is scoped to (regional commissioner, regional lead), else null. */
  regionId: string | null
}

export interface SessionUser {
  id: string
  email: string
  name: string
}

export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user'
      user: SessionUser
      sessionId: string
      memberships: ActorMembership[]
      roles: Role[]
      capabilities: Capability[]
    }

export const ANONYMOUS: Actor = { kind: 'anonymous' }

export function userActor(user: SessionUser, sessionId: string, memberships: ActorMembership[]): Actor {
  const roles = [...new Set(memberships.map((m) => m.role))]
  return { kind: 'user', user, sessionId, memberships, roles, capabilities: capabilitiesOf(roles) }
}

/** Anonymous visitors may search the public directory and nothing else. */
export function can(actor: Actor, capability: Capability): boolean {
  if (actor.kind === 'anonymous') return capability === 'directory:search'
  return actor.capabilities.includes(capability)
}
