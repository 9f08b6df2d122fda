// Shapes the pages use. SessionUser carries no secret: it is safe to send to the browser.
import type { Capability, Role } from '@fsn/domain'

export type OrganisationKind = 'PROVIDER' | 'AGENCY'

export interface Membership {
  role: Role
  organisation: { id: string; name: string; kind: OrganisationKind } | null
  /** The region the role is scoped to (a Regional Commissioner's); null when it is not scoped. */
  region: { code: string; name: string } | null
}

export interface SessionUser {
  id: string
  email: string
  name: string
  roles: Role[]
  capabilities: Capability[]
  memberships: Membership[]
}

export type CapacityStatus = 'ACCEPTING' | 'WAITLIST' | 'NO_CAPACITY'
export type ServiceStatus = 'ACTIVE' | 'INACTIVE' | 'DEFUNCT' | 'TEMPORARILY_CLOSED'

export interface DirectoryService {
  id: string
  name: string
  description: string
  status: ServiceStatus
  capacityStatus: CapacityStatus
  lastVerifiedAt: string | null
  /** Delivered anywhere in Aotearoa (phone and online services). */
  nationwide: boolean
  organisation: { id: string; name: string }
  categories: { code: string; name: string }[]
  locations: { id: string; name: string | null; city: string | null; region: { code: string; name: string } | null }[]
}

export interface Region {
  id: string
  code: string
  isoCode: string
  name: string
  nameMi: string | null
  council: string | null
}

export interface ServiceCategoryOption {
  code: string
  name: string
  nameMi: string | null
  group: string | null
}

export interface PageInfo {
  hasNextPage: boolean
  endCursor: string | null
}
