// Loading what the referral rules need, shaped for packages/domain.
import {
  AppError,
  CATEGORY_TAXONOMY,
  type RoutingService,
  type ProviderAccreditation,
  type ConsentView,
} from '@fsn/domain'
import type { Prisma } from '@fsn/db'
import type { ServiceDeps, Tx } from '../context'

type Db = ServiceDeps['prisma'] | Tx

const routingInclude = {
  organisation: {
    select: {
      id: true,
      name: true,
      accreditations: true,
      locations: {
        select: { region: { select: { id: true, name: true } } },
        take: 1,
        orderBy: { createdAt: 'asc' },
      },
    },
  },
  serviceAtLocations: {
    select: {
      location: {
        select: {
          regionId: true,
          territorialAuthorityId: true,
          region: { select: { name: true } },
          territorialAuthority: { select: { name: true } },
        },
      },
    },
    // The primary location is the first one the service was placed at (UUID v7 ids sort by
    // creation): deterministic, so the anniversary day that stops the SLA clock never depends on
    // the order rows happen to come back in.
    orderBy: { id: 'asc' },
  },
  serviceAreas: {
    select: {
      regionId: true,
      territorialAuthorityId: true,
      territorialAuthority: { select: { regionId: true } },
    },
  },
  requiredAccreditations: true,
  categories: {
    where: { taxonomyTerm: { taxonomy: { name: CATEGORY_TAXONOMY.name } } },
    select: { taxonomyTermId: true },
    take: 1,
  },
} satisfies Prisma.ServiceInclude

export type ServiceForRouting = Prisma.ServiceGetPayload<{ include: typeof routingInclude }>

export async function loadServiceForRouting(
  db: Db,
  serviceId: string,
  field = 'serviceId',
): Promise<ServiceForRouting> {
  const service = await db.service.findUnique({ where: { id: serviceId }, include: routingInclude })
  if (!service) throw new AppError('NOT_FOUND', `${field}: no such service`, field)
  return service
}

export function routingServiceOf(s: ServiceForRouting): RoutingService {
  const regionIds = new Set<string>()
  const taIds = new Set<string>()
  for (const sal of s.serviceAtLocations) {
    regionIds.add(sal.location.regionId)
    if (sal.location.territorialAuthorityId) taIds.add(sal.location.territorialAuthorityId)
  }
  for (const a of s.serviceAreas) {
    if (a.regionId) regionIds.add(a.regionId)
    if (a.territorialAuthorityId) taIds.add(a.territorialAuthorityId)
  }
  return {
    name: s.name,
    status: s.status,
    capacityStatus: s.capacityStatus,
    nationwide: s.nationwide,
    regionIds: [...regionIds],
    territorialAuthorityIds: [...taIds],
    requiredAccreditations: s.requiredAccreditations.map((r) => ({
      scheme: r.scheme,
      minimumLevel: r.minimumLevel,
    })),
  }
}

export function providerAccreditationsOf(s: ServiceForRouting): ProviderAccreditation[] {
  return s.organisation.accreditations.map((a) => ({
    scheme: a.scheme,
    level: a.level,
    status: a.status,
    validFrom: a.validFrom,
    validTo: a.validTo,
  }))
}

/**
 * The place whose anniversary day stops the provider's SLA clock: where the service is delivered
 * (its primary location: the first it was placed at), with its territorial authority, since South
 * Canterbury keeps its own day; else where the provider is based; null for a provider with neither.
 */
export function providerPlace(s: ServiceForRouting): { region: string | null; territorialAuthority: string | null } {
  const primary = s.serviceAtLocations[0]?.location
  if (primary) return { region: primary.region.name, territorialAuthority: primary.territorialAuthority?.name ?? null }
  return { region: s.organisation.locations[0]?.region.name ?? null, territorialAuthority: null }
}

/** The region of providerPlace. */
export function providerRegionName(s: ServiceForRouting): string | null {
  return providerPlace(s).region
}

export function consentViewOf(c: {
  id: string
  personId: string
  informationKinds: ConsentView['informationKinds']
  recipients: { organisationId: string }[]
  givenAt: Date
  expiresAt: Date | null
  withdrawnAt: Date | null
}): ConsentView {
  return {
    id: c.id,
    personId: c.personId,
    informationKinds: [...c.informationKinds],
    recipientOrganisationIds: c.recipients.map((r) => r.organisationId),
    givenAt: c.givenAt,
    expiresAt: c.expiresAt,
    withdrawnAt: c.withdrawnAt,
  }
}

/**
 * Next human reference for the year, e.g. "R-26-00042". One row per year, incremented atomically
 * (an upsert makes a new year's row). Called with the client, it is its own autocommit statement
 * and holds the row's lock for that statement only; called with a transaction, the lock is held to
 * its COMMIT, so every other send waits. References are unique and increasing per year, with gaps
 * where a send failed after taking one (docs/referrals.md).
 */
export async function nextReference(db: Db, now: Date): Promise<string> {
  const year = now.getUTCFullYear()
  const rows = await db.$queryRaw<{ last: number }[]>`
    INSERT INTO "ReferenceCounter" ("year", "last") VALUES (${year}, 1)
    ON CONFLICT ("year") DO UPDATE SET "last" = "ReferenceCounter"."last" + 1
    RETURNING "last"`
  return `R-${String(year % 100).padStart(2, '0')}-${String(rows[0]!.last).padStart(5, '0')}`
}
