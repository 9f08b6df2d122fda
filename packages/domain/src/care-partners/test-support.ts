// Fixtures shared by the care-partner and case-coordination tests (not exported from the package).
import { ANONYMOUS, userActor, type Actor, type ActorMembership } from '../actor'
import type { Role } from '../roles'
import type { ProviderAccreditation } from '../routing/check-routing'
import { fromNzLocal } from '../sla/nz-time'

export const APPLICANT_ORG = '01900000-0000-7000-8000-00000000a001'
export const OTHER_PROVIDER_ORG = '01900000-0000-7000-8000-00000000a002'
export const OT_ORG = '01900000-0000-7000-8000-00000000a0a0'

export const nz = fromNzLocal

let counter = 0

/** A signed-in user with one membership per [organisation, role] pair. */
export function actorWith(
  name: string,
  memberships: readonly (readonly [string, Role])[],
  id = `01900000-0000-7000-8000-${String(++counter).padStart(12, '0')}`,
): Actor {
  const ms: ActorMembership[] = memberships.map(([organisationId, role]) => ({
    organisationId,
    organisationName: organisationId === OT_ORG ? 'Oranga Tamariki' : 'Provider',
    organisationKind: organisationId === OT_ORG ? 'AGENCY' : 'PROVIDER',
    role,
    regionId: null,
  }))
  return userActor({ id, email: `${name.replace(/\s+/g, '.')}@example.nz`, name }, `session-${id}`, ms)
}

export const anonymous: Actor = ANONYMOUS

export function userIdOf(actor: Actor): string {
  if (actor.kind !== 'user') throw new Error('anonymous actor has no id')
  return actor.user.id
}

export const accreditation = (
  over: Partial<ProviderAccreditation> & Pick<ProviderAccreditation, 'scheme'>,
): ProviderAccreditation => ({
  level: over.scheme === 'OT_S396' ? null : 1,
  status: 'ACTIVE',
  validFrom: nz('2025-01-01 00:00'),
  validTo: nz('2028-01-01 00:00'),
  ...over,
})

/** Te Kāhui Kāhu Level 2, current from 2025 to 2028. */
export const TKK_L2 = accreditation({ scheme: 'TE_KAHUI_KAHU', level: 2 })
