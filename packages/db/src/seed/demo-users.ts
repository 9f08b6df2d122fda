// Demo sign-ins, one per role a demo walks through: a community connector, a provider intake
// worker and that provider's listing administrator in Wellington, MSD triage, an Oranga Tamariki
// officer, the Wellington Regional Commissioner and a national administrator; and for the s396 care
// partner process (issue 6) the MPC National Quality Hub, the MPC Quality Manager, the DCE Māori,
// Partnerships and Communities (who alone holds the approval delegation), a budget manager, and the
// administrator of a provider ready to apply (seed/care-partners.ts). Never in production: the
// password is public.
import { CATEGORY_TAXONOMY, type Role } from '@fsn/domain'
import type { PrismaClient } from '../generated/prisma/client'
import { AGENCY_CODES } from './generate'
import { seedCarePartnerDemo } from './care-partners'

export const DEMO_PASSWORD = 'kia-ora-demo'

export type DemoOrganisation =
  'CONNECTOR_PROVIDER' | 'INTAKE_PROVIDER' | 'MSD' | 'ORANGA_TAMARIKI' | 'CARE_PARTNER_READY'

export interface DemoUser {
  email: string
  name: string
  role: Role
  description: string
  organisation: DemoOrganisation
  /** Stats NZ region code the membership is scoped to, for regional roles. */
  regionCode?: string
}

const WELLINGTON = '09'

export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: 'connector@demo.example.nz',
    name: 'Aroha Ngata',
    role: 'COMMUNITY_CONNECTOR',
    description:
      'Community connector at a Wellington provider hosting the Community Connection Service (MSD Level 3)',
    organisation: 'CONNECTOR_PROVIDER',
  },
  {
    email: 'triage@demo.example.nz',
    name: 'Sam Patel',
    role: 'TRIAGE_OFFICER',
    description: 'MSD Triage Team: receives cases and refers whānau to providers',
    organisation: 'MSD',
  },
  {
    email: 'ot@demo.example.nz',
    name: 'Losa Faleolo',
    role: 'OT_OFFICER',
    description: 'Oranga Tamariki officer',
    organisation: 'ORANGA_TAMARIKI',
  },
  {
    email: 'intake@demo.example.nz',
    name: 'Hēmi Walker',
    role: 'PROVIDER_INTAKE',
    description: 'Intake worker at another Wellington provider: accepts or declines referrals',
    organisation: 'INTAKE_PROVIDER',
  },
  {
    email: 'provider@demo.example.nz',
    name: 'Tania Rāwiri',
    role: 'PROVIDER_ADMIN',
    description:
      'Provider administrator at the intake worker’s provider: keeps its directory listing up to date',
    organisation: 'INTAKE_PROVIDER',
  },
  {
    email: 'commissioner@demo.example.nz',
    name: 'Mere Tawhiri',
    role: 'REGIONAL_COMMISSIONER',
    description: 'MSD Regional Commissioner, Wellington: views network coverage for the region',
    organisation: 'MSD',
    regionCode: WELLINGTON,
  },
  {
    email: 'regional-lead@demo.example.nz',
    name: 'Tama Ngata',
    role: 'REGIONAL_LEAD',
    description:
      "MSD Regional Lead, Wellington: receives the region's SLA breaches and contact escalations (/escalations)",
    organisation: 'MSD',
    regionCode: WELLINGTON,
  },
  {
    email: 'admin@demo.example.nz',
    name: 'Grace Chen',
    role: 'NATIONAL_ADMIN',
    description: 'National administrator at MSD',
    organisation: 'MSD',
  },
  {
    email: 'quality-hub@demo.example.nz',
    name: 'Ngaire Paewai',
    role: 'QUALITY_HUB',
    description:
      'MPC National Quality Hub, Oranga Tamariki: leads s396 steps two to four, holds the quality cycle and escalations',
    organisation: 'ORANGA_TAMARIKI',
  },
  {
    email: 'quality-manager@demo.example.nz',
    name: 'Rawiri Tane',
    role: 'QUALITY_MANAGER',
    description: 'MPC Quality Manager, Oranga Tamariki: endorses recommendations to the DCE (cannot approve)',
    organisation: 'ORANGA_TAMARIKI',
  },
  {
    email: 'dce@demo.example.nz',
    name: 'Huia Mahuika',
    role: 'DCE_MPC',
    description:
      'DCE Māori, Partnerships and Communities, Oranga Tamariki: holds the delegation to approve s396 care partners',
    organisation: 'ORANGA_TAMARIKI',
  },
  {
    email: 'budget@demo.example.nz',
    name: 'Fiona Lam',
    role: 'BUDGET_MANAGER',
    description:
      'Budget manager, Oranga Tamariki: agrees care agreements and funding once s396 approval is obtained',
    organisation: 'ORANGA_TAMARIKI',
  },
  {
    email: 'carepartner@demo.example.nz',
    name: 'Moana Herewini',
    role: 'PROVIDER_ADMIN',
    description:
      'Administrator at Te Whare Manaaki Tamariki, a Wellington provider with current Te Kāhui Kāhu Level 2: ready to apply to become an s396 care partner',
    organisation: 'CARE_PARTNER_READY',
  },
]

/** Demo accounts share a published password, so they must never exist in production. */
export function assertDemoUsersAllowed(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV === 'production') {
    throw new Error('refusing to create demo users when NODE_ENV=production (their password is public)')
  }
}

export interface SeedDemoUsersOptions {
  hashPassword: (plain: string) => Promise<string>
  /** "Current" accreditation is judged at this time (default: now). */
  now?: Date
}

export interface SeededDemoUser {
  id: string
  email: string
  role: Role
  organisationId: string
  organisationName: string
}

/** Upserts the demo users (by email) and their memberships. Needs the generated directory. */
export async function seedDemoUsers(
  prisma: PrismaClient,
  options: SeedDemoUsersOptions,
): Promise<SeededDemoUser[]> {
  assertDemoUsersAllowed()
  const now = options.now ?? new Date()
  const wellington = await prisma.region.findUnique({ where: { code: WELLINGTON }, select: { id: true } })
  if (!wellington) throw new Error('reference data missing: run seedReferenceData first')

  const agency = async (code: string) => {
    const org = await prisma.organisation.findUnique({ where: { code }, select: { id: true, name: true } })
    if (!org) throw new Error(`agency "${code}" not found: seed the directory before demo users`)
    return org
  }
  const msd = await agency(AGENCY_CODES.MSD)
  const ot = await agency(AGENCY_CODES.ORANGA_TAMARIKI)

  // Guidelines, Social sector accreditation standards: the connector's provider must hold a
  // current Level Three (or higher) to host the Community Connection Service.
  const connectorOrg = await prisma.organisation.findFirst({
    where: {
      kind: 'PROVIDER',
      locations: { some: { regionId: wellington.id } },
      services: {
        some: {
          status: 'ACTIVE',
          categories: {
            some: {
              taxonomyTerm: { code: 'community-connection', taxonomy: { name: CATEGORY_TAXONOMY.name } },
            },
          },
        },
      },
      accreditations: {
        some: {
          scheme: 'MSD_SSAS',
          level: { gte: 3 },
          status: 'ACTIVE',
          validFrom: { lte: now },
          OR: [{ validTo: null }, { validTo: { gt: now } }],
        },
      },
    },
    orderBy: { id: 'asc' },
    select: { id: true, name: true },
  })
  if (!connectorOrg) {
    throw new Error(
      'no Wellington provider hosts the Community Connection Service with a current MSD Level 3: seed the directory first',
    )
  }
  const intakeOrg = await prisma.organisation.findFirst({
    where: {
      kind: 'PROVIDER',
      id: { not: connectorOrg.id },
      locations: { some: { regionId: wellington.id } },
      services: { some: { status: 'ACTIVE', capacityStatus: 'ACCEPTING', nationwide: false } },
    },
    orderBy: { id: 'asc' },
    select: { id: true, name: true },
  })
  if (!intakeOrg)
    throw new Error('no second Wellington provider for the intake demo user: seed the directory first')

  const carePartners = await seedCarePartnerDemo(prisma, now)

  const orgs: Record<DemoOrganisation, { id: string; name: string }> = {
    CONNECTOR_PROVIDER: connectorOrg,
    INTAKE_PROVIDER: intakeOrg,
    MSD: msd,
    ORANGA_TAMARIKI: ot,
    CARE_PARTNER_READY: carePartners.ready,
  }

  const out: SeededDemoUser[] = []
  for (const demo of DEMO_USERS) {
    const org = orgs[demo.organisation]
    const passwordHash = await options.hashPassword(DEMO_PASSWORD)
    const email = demo.email.toLowerCase()
    const user = await prisma.user.upsert({
      where: { email },
      create: { email, name: demo.name, passwordHash },
      update: { name: demo.name, passwordHash, active: true },
      select: { id: true },
    })
    const regionId = demo.regionCode === WELLINGTON ? wellington.id : null
    // One membership per demo user: drop any left from an earlier seed that chose another provider.
    await prisma.membership.deleteMany({
      where: { userId: user.id, NOT: { organisationId: org.id, role: demo.role } },
    })
    await prisma.membership.upsert({
      where: { userId_organisationId_role: { userId: user.id, organisationId: org.id, role: demo.role } },
      create: { userId: user.id, organisationId: org.id, role: demo.role, regionId },
      update: { regionId, revokedAt: null },
    })
    out.push({ id: user.id, email, role: demo.role, organisationId: org.id, organisationName: org.name })
  }
  return out
}
