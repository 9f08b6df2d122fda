// The GraphQL operations the web app runs, each with the types of its answer. Written by hand
// against the API contract; when packages/graphql commits schema.graphql these can be generated.
import { CAPABILITIES, ROLES, type Capability, type Role } from '@fsn/domain'
import type { DirectoryService, Membership, PageInfo, Region, ServiceCategoryOption, SessionUser } from '$lib/types'
import { operation } from './api'

interface RawMe {
  id: string
  email: string
  name: string
  roles: string[]
  capabilities: string[]
  memberships: { role: string; organisation: Membership['organisation']; region: Membership['region'] }[]
}

export const ME = operation<{ me: RawMe | null }>(`
  query Me {
    me {
      id email name roles capabilities
      memberships { role organisation { id name kind } region { code name } }
    }
  }
`)

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value)
const isCapability = (value: string): value is Capability => (CAPABILITIES as readonly string[]).includes(value)

/**
 * Keeps only the roles and capabilities this build knows. The API stays the authority on what a
 * user may do; an unknown one (a newer API) is left out of the UI rather than shown unlabelled.
 */
export function toSessionUser(me: RawMe): SessionUser {
  return {
    id: me.id,
    email: me.email,
    name: me.name,
    roles: me.roles.filter(isRole),
    capabilities: me.capabilities.filter(isCapability),
    memberships: me.memberships.flatMap((m) => (isRole(m.role) ? [{ ...m, role: m.role }] : [])),
  }
}

export interface DirectoryVariables extends Record<string, unknown> {
  first: number
  after: string | null
  categoryCode: string | null
  regionCode: string | null
}

// One round trip for the filters and the page of services.
export const DIRECTORY = operation<
  {
    regions: Region[]
    serviceCategories: ServiceCategoryOption[]
    services: { totalCount: number; pageInfo: PageInfo; edges: { cursor: string; node: DirectoryService }[] }
  },
  DirectoryVariables
>(`
  query Directory($first: Int, $after: String, $categoryCode: String, $regionCode: String) {
    regions { id code isoCode name nameMi council }
    serviceCategories { code name nameMi group }
    services(first: $first, after: $after, categoryCode: $categoryCode, regionCode: $regionCode) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id name description status capacityStatus lastVerifiedAt nationwide
          organisation { id name }
          categories { code name }
          locations { id name city region { code name } }
        }
      }
    }
  }
`)
