import type { Organisation } from '@fsn/db'
import { findOrganisations, findServices, listServiceCategories, type ServiceListItem } from '@fsn/services'
import { AppError } from '@fsn/domain'
import { builder } from '../builder'
import { RegionRef } from './places'

export const OrganisationKindEnum = builder.enumType('OrganisationKind', {
  values: ['PROVIDER', 'AGENCY'] as const,
})
export const ServiceStatusEnum = builder.enumType('ServiceStatus', {
  values: ['ACTIVE', 'INACTIVE', 'DEFUNCT', 'TEMPORARILY_CLOSED'] as const,
})
export const CapacityStatusEnum = builder.enumType('CapacityStatus', {
  description: 'Whether the service is taking new people (HSDS 3.1 service_capacity).',
  values: ['ACCEPTING', 'WAITLIST', 'NO_CAPACITY'] as const,
})

export const DeliveryModeEnum = builder.enumType('DeliveryMode', {
  description: 'How a service is delivered.',
  values: ['IN_PERSON', 'PHONE', 'ONLINE', 'OUTREACH'] as const,
})
export const CulturalFocusEnum = builder.enumType('CulturalFocus', {
  description: 'Guidelines, cultural responsiveness: Māori, Pacific, ethnic and culturally diverse communities.',
  values: ['KAUPAPA_MAORI', 'PACIFIC', 'ETHNIC_COMMUNITIES'] as const,
})

export const OrganisationRef =
  builder.objectRef<
    Pick<Organisation, 'id' | 'name' | 'kind' | 'description' | 'website' | 'email' | 'lastVerifiedAt'>
  >('Organisation')
OrganisationRef.implement({
  description: 'A provider or an agency (HSDS organization).',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: OrganisationKindEnum }),
    description: t.exposeString('description'),
    website: t.exposeString('website', { nullable: true }),
    email: t.exposeString('email', { nullable: true }),
    lastVerifiedAt: t.expose('lastVerifiedAt', { type: 'DateTime', nullable: true }),
  }),
})

export const CategoryRef = builder.objectRef<{
  code: string
  name: string
  nameMi: string | null
  groupCode?: string | null
}>('ServiceCategory')
CategoryRef.implement({
  description: 'A service category (MSD guidelines Table 1 and family services).',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    nameMi: t.exposeString('nameMi', { nullable: true }),
    group: t.string({ nullable: true, resolve: (c) => c.groupCode ?? null }),
  }),
})

const LocationSummaryRef = builder.objectRef<ServiceListItem['locations'][number]>('LocationSummary')
LocationSummaryRef.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    city: t.exposeString('city', { nullable: true }),
    region: t.field({ type: RegionRef, resolve: (l) => l.region }),
  }),
})

export const ServiceRef = builder.objectRef<ServiceListItem>('Service')
ServiceRef.implement({
  description: 'A service a provider delivers (HSDS service).',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    status: t.expose('status', { type: ServiceStatusEnum }),
    capacityStatus: t.expose('capacityStatus', { type: CapacityStatusEnum }),
    nationwide: t.exposeBoolean('nationwide'),
    lastVerifiedAt: t.expose('lastVerifiedAt', { type: 'DateTime', nullable: true }),
    // Loaded with the page in one query set by findServices: no N+1.
    organisation: t.field({
      type: builder.objectRef<{ id: string; name: string }>('ServiceOrganisation').implement({
        fields: (o) => ({ id: o.exposeID('id'), name: o.exposeString('name') }),
      }),
      resolve: (s) => s.organisation,
    }),
    categories: t.field({ type: [CategoryRef], resolve: (s) => s.categories }),
    locations: t.field({ type: [LocationSummaryRef], resolve: (s) => s.locations }),
  }),
})

builder.queryField('serviceCategories', (t) =>
  t.field({
    type: [CategoryRef],
    resolve: (_root, _args, ctx) => listServiceCategories({ deps: ctx.deps }),
  }),
)

builder.queryField('services', (t) =>
  t.connection(
    {
      type: ServiceRef,
      description: 'Services in the directory, by name. Anyone may search the public directory.',
      args: {
        categoryCode: t.arg.string({ required: false }),
        regionCode: t.arg.string({ required: false, description: 'Stats NZ region code, e.g. "09".' }),
        organisationId: t.arg.id({ required: false }),
      },
      resolve: async (_root, args, ctx) => {
        forwardOnly(args)
        const page = await findServices({
          deps: ctx.deps,
          actor: ctx.actor,
          input: {
            first: args.first ?? undefined,
            after: args.after ?? undefined,
            categoryCode: args.categoryCode ?? undefined,
            regionCode: args.regionCode ?? undefined,
            organisationId: args.organisationId ? String(args.organisationId) : undefined,
          },
        })
        return connectionOf(page)
      },
    },
    {
      name: 'ServiceConnection',
      fields: (c) => ({
        totalCount: c.int({
          description: 'How many match the filters, across all pages.',
          resolve: (conn) => (conn as { totalCount: number }).totalCount,
        }),
      }),
    },
    { name: 'ServiceEdge' },
  ),
)

builder.queryField('organisations', (t) =>
  t.connection(
    {
      type: OrganisationRef,
      args: {
        kind: t.arg({ type: OrganisationKindEnum, required: false }),
        regionCode: t.arg.string({ required: false }),
      },
      resolve: async (_root, args, ctx) => {
        forwardOnly(args)
        const page = await findOrganisations({
          deps: ctx.deps,
          actor: ctx.actor,
          input: {
            first: args.first ?? undefined,
            after: args.after ?? undefined,
            kind: args.kind ?? undefined,
            regionCode: args.regionCode ?? undefined,
          },
        })
        return connectionOf(page)
      },
    },
    {
      name: 'OrganisationConnection',
      fields: (c) => ({
        totalCount: c.int({
          description: 'How many match the filters, across all pages.',
          resolve: (conn) => (conn as { totalCount: number }).totalCount,
        }),
      }),
    },
    { name: 'OrganisationEdge' },
  ),
)

// The Relay plugin adds `last`/`before` to every connection; keyset paging here runs forwards
// only, so say so instead of silently ignoring them.
function forwardOnly(args: { last?: number | null; before?: string | null }) {
  if (args.last != null)
    throw new AppError('VALIDATION_FAILED', 'last: paging runs forwards; use first and after', 'last')
  if (args.before != null)
    throw new AppError('VALIDATION_FAILED', 'before: paging runs forwards; use first and after', 'before')
}

function connectionOf<T>(page: {
  edges: { cursor: string; node: T }[]
  hasNextPage: boolean
  endCursor: string | null
  totalCount: number
}) {
  return {
    edges: page.edges,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: false,
      startCursor: page.edges[0]?.cursor ?? null,
      endCursor: page.endCursor,
    },
  }
}
