// Factories for tests and benchmarks: one call makes a provider with a service and a location, or
// a user with a membership, with sensible defaults and overrides for what the test is about
// (Conventions 12). They need reference data: call seedReferenceData(prisma) once first.
import {
  CATEGORY_TAXONOMY,
  COMMUNITY_CONNECTION_REQUIREMENT,
  type AccreditationScheme,
  type Role,
} from '@fsn/domain'
import type {
  AccreditationStatus,
  CapacityStatus,
  CulturalFocus,
  DeliveryMode,
  ServiceStatus,
} from '../generated/prisma/enums'
import type { PrismaClient } from '../generated/prisma/client'
import { PLACES } from '../seed/places'

const DAY_MS = 86_400_000
let counter = 0
const next = () => ++counter

async function requireRegion(prisma: PrismaClient, code: string) {
  const region = await prisma.region.findUnique({
    where: { code },
    select: { id: true, code: true, name: true },
  })
  if (!region) {
    const any = await prisma.region.count()
    throw new Error(
      any === 0
        ? 'factories need reference data: call seedReferenceData(prisma) first'
        : `no region with code ${code}`,
    )
  }
  return region
}

export interface AccreditationOverride {
  scheme: AccreditationScheme
  level?: number | null
  status?: AccreditationStatus
  validFrom?: Date
  /** Default: a year after `now`. Pass a past date for an expired accreditation, null for none. */
  validTo?: Date | null
}

export interface SeedProviderOptions {
  /** Stats NZ region code (default '09', Wellington). */
  regionCode?: string
  /** Stats NZ territorial authority code; default the first town listed for the region. */
  territorialAuthorityCode?: string
  name?: string
  kind?: 'PROVIDER' | 'AGENCY'
  accreditations?: AccreditationOverride[]
  /** Category codes for the service (default ['community-support']). */
  categories?: string[]
  /**
   * What the service requires of its provider. Default: MSD_SSAS Level 3 for a
   * 'community-connection' service (Guidelines, Social sector accreditation standards),
   * OT_S396 for 'shared-care', nothing otherwise.
   */
  requiredAccreditations?: { scheme: AccreditationScheme; minimumLevel?: number | null }[]
  service?: {
    name?: string
    status?: ServiceStatus
    capacityStatus?: CapacityStatus
    deliveryModes?: DeliveryMode[]
    culturalFocus?: CulturalFocus[]
    nationwide?: boolean
    lastVerifiedAt?: Date | null
  }
  /** Reference time for accreditation validity (default: now). */
  now?: Date
}

/** Creates an organisation with one location, one service (with categories and a service area)
 *  and the accreditations asked for. Returns the rows created. */
export async function seedProvider(prisma: PrismaClient, options: SeedProviderOptions = {}) {
  const now = options.now ?? new Date()
  const region = await requireRegion(prisma, options.regionCode ?? '09')
  const places = PLACES[region.code] ?? []
  const place = options.territorialAuthorityCode
    ? places.find((p) => p.taCode === options.territorialAuthorityCode)
    : places[0]
  const taCode = options.territorialAuthorityCode ?? place?.taCode
  const ta = taCode
    ? await prisma.territorialAuthority.findUnique({
        where: { code: taCode },
        select: { id: true, regionId: true },
      })
    : null
  if (taCode && (!ta || ta.regionId !== region.id))
    throw new Error(`territorial authority ${taCode} is not in region ${region.code}`)

  const categoryCodes = options.categories ?? ['community-support']
  const terms = await prisma.taxonomyTerm.findMany({
    where: { code: { in: categoryCodes }, taxonomy: { name: CATEGORY_TAXONOMY.name } },
    select: { id: true, code: true },
  })
  const missing = categoryCodes.filter((c) => !terms.some((t) => t.code === c))
  if (missing.length) throw new Error(`unknown categories: ${missing.join(', ')}`)

  const required = options.requiredAccreditations ?? [
    ...(categoryCodes.includes('community-connection') ? [COMMUNITY_CONNECTION_REQUIREMENT] : []),
    ...(categoryCodes.includes('shared-care') ? [{ scheme: 'OT_S396' as const, minimumLevel: null }] : []),
  ]

  const n = next()
  const city = place?.city ?? region.name
  const name = options.name ?? `${city} Test Provider ${n}`
  const organisation = await prisma.organisation.create({
    data: {
      kind: options.kind ?? 'PROVIDER',
      name,
      description: `Test provider ${n} in ${region.name}.`,
      email: `provider${n}@test.example.nz`,
      lastVerifiedAt: now,
    },
  })
  const location = await prisma.location.create({
    data: {
      organisationId: organisation.id,
      name,
      addressLine1: `${n} Main Street`,
      suburb: place?.suburb ?? null,
      city,
      postcode: place?.postcode ?? null,
      regionId: region.id,
      territorialAuthorityId: ta?.id ?? null,
      // A place centre, which tests check lies inside the region polygon.
      latitude: place?.lat ?? null,
      longitude: place?.lng ?? null,
    },
  })
  const s = options.service ?? {}
  const service = await prisma.service.create({
    data: {
      organisationId: organisation.id,
      name: s.name ?? `${name} service`,
      description: `Test service of ${name}.`,
      status: s.status ?? 'ACTIVE',
      capacityStatus: s.capacityStatus ?? 'ACCEPTING',
      deliveryModes: s.deliveryModes ?? ['IN_PERSON', 'PHONE'],
      culturalFocus: s.culturalFocus ?? [],
      nationwide: s.nationwide ?? false,
      lastVerifiedAt: s.lastVerifiedAt === undefined ? now : s.lastVerifiedAt,
      categories: { create: terms.map((t) => ({ taxonomyTermId: t.id })) },
      serviceAtLocations: { create: [{ locationId: location.id }] },
      serviceAreas: { create: [{ regionId: region.id, name: region.name }] },
      requiredAccreditations: {
        create: required.map((r) => ({ scheme: r.scheme, minimumLevel: r.minimumLevel ?? null })),
      },
    },
  })
  const accreditations = []
  for (const a of options.accreditations ?? []) {
    accreditations.push(
      await prisma.accreditation.create({
        data: {
          organisationId: organisation.id,
          scheme: a.scheme,
          level: a.level === undefined ? (a.scheme === 'OT_S396' ? null : 1) : a.level,
          status: a.status ?? 'ACTIVE',
          validFrom: a.validFrom ?? new Date(now.getTime() - 365 * DAY_MS),
          validTo: a.validTo === undefined ? new Date(now.getTime() + 365 * DAY_MS) : a.validTo,
        },
      }),
    )
  }
  return { organisation, location, service, accreditations, region }
}

/** Finds or creates an agency (kind AGENCY) by name, e.g. AGENCY_NAMES.MSD from the seed. */
export async function seedAgency(prisma: PrismaClient, options: { name: string; description?: string }) {
  const existing = await prisma.organisation.findFirst({ where: { kind: 'AGENCY', name: options.name } })
  if (existing) return existing
  return prisma.organisation.create({
    data: {
      kind: 'AGENCY',
      name: options.name,
      description: options.description ?? `${options.name} (test agency).`,
    },
  })
}

export interface SeedUserOptions {
  role: Role
  organisationId: string
  email?: string
  name?: string
  /** Plain password to hash (default 'test-password'); hashed only when hashPassword is given. */
  password?: string
  hashPassword?: (plain: string) => Promise<string>
  /** Region scope for regional roles, by Stats NZ code. */
  regionCode?: string
  active?: boolean
}

/** Creates a user with one membership. Without hashPassword the user has no password. */
export async function seedUser(prisma: PrismaClient, options: SeedUserOptions) {
  const n = next()
  const email = (options.email ?? `user${n}@test.example.nz`).toLowerCase()
  const passwordHash = options.hashPassword
    ? await options.hashPassword(options.password ?? 'test-password')
    : null
  const regionId = options.regionCode ? (await requireRegion(prisma, options.regionCode)).id : null
  const user = await prisma.user.create({
    data: { email, name: options.name ?? `Test User ${n}`, passwordHash, active: options.active ?? true },
  })
  const membership = await prisma.membership.create({
    data: { userId: user.id, organisationId: options.organisationId, role: options.role, regionId },
  })
  return { user, membership }
}
