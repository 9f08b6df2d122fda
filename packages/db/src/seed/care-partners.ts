// Two Wellington providers for the s396 care partner demo (issue 6), created with the demo users:
// one holding a current Te Kāhui Kāhu Level 2 accreditation and so ready to start an application
// ("The first prerequisite ... is obtaining Level 1/Level 2 accreditation from Te Kāhui Kāhu"), and
// one without, which the application refuses. Each offers a shared-care service that requires
// s396 approval, so the demo shows routing refuse it until the DCE approves. Deterministic: fixed
// codes, names and places, and dates relative to the seed's `now`; a second run changes nothing.
import { CATEGORY_TAXONOMY } from '@fsn/domain'
import type { PrismaClient } from '../generated/prisma/client'
import { PLACES } from './places'

const DAY_MS = 86_400_000

export const CARE_PARTNER_DEMO = {
  READY: {
    code: 'demo-care-partner-ready',
    name: 'Te Whare Manaaki Tamariki',
    description:
      'Kaupapa Māori whānau care for tamariki and rangatahi in Porirua and Wellington. Accredited by Te Kāhui Kāhu (Level 2) and preparing to become an s396 Oranga Tamariki care partner.',
    placeIndex: 2,
    teKahuiKahuLevel: 2 as number | null,
  },
  UNACCREDITED: {
    code: 'demo-care-partner-unaccredited',
    name: 'Kāinga Hou Whānau Trust',
    description:
      'Community home for rangatahi in Wellington. Not yet accredited by Te Kāhui Kāhu, so it cannot yet apply to become an s396 care partner.',
    placeIndex: 3,
    teKahuiKahuLevel: null as number | null,
  },
} as const

export interface SeededCarePartner {
  id: string
  name: string
}

/** Creates the two demo providers once (by code); returns them. Needs reference data. */
export async function seedCarePartnerDemo(
  prisma: PrismaClient,
  now: Date,
): Promise<{ ready: SeededCarePartner; unaccredited: SeededCarePartner }> {
  const region = await prisma.region.findUnique({ where: { code: '09' }, select: { id: true, name: true } })
  if (!region) throw new Error('reference data missing: run seedReferenceData first')
  const sharedCare = await prisma.taxonomyTerm.findFirst({
    where: { code: 'shared-care', taxonomy: { name: CATEGORY_TAXONOMY.name } },
    select: { id: true },
  })
  if (!sharedCare) throw new Error('reference data missing: the shared-care category')

  const one = async (demo: (typeof CARE_PARTNER_DEMO)[keyof typeof CARE_PARTNER_DEMO]) => {
    const existing = await prisma.organisation.findUnique({
      where: { code: demo.code },
      select: { id: true, name: true },
    })
    if (existing) return existing
    const place = PLACES['09']![demo.placeIndex]!
    const ta = await prisma.territorialAuthority.findUnique({
      where: { code: place.taCode },
      select: { id: true },
    })
    return prisma.$transaction(async (tx) => {
      const org = await tx.organisation.create({
        data: {
          kind: 'PROVIDER',
          code: demo.code,
          name: demo.name,
          description: demo.description,
          legalStatus: 'Charitable trust',
          lastVerifiedAt: new Date(now.getTime() - 20 * DAY_MS),
        },
        select: { id: true, name: true },
      })
      const location = await tx.location.create({
        data: {
          organisationId: org.id,
          name: demo.name,
          suburb: place.suburb,
          city: place.city,
          postcode: place.postcode,
          regionId: region.id,
          territorialAuthorityId: ta?.id ?? null,
          latitude: place.lat,
          longitude: place.lng,
        },
      })
      await tx.service.create({
        data: {
          organisationId: org.id,
          name: `${demo.name}: shared care of tamariki`,
          description:
            'Shared care of tamariki in the custody of Oranga Tamariki, with their whānau and caregivers.',
          status: 'ACTIVE',
          capacityStatus: 'ACCEPTING',
          deliveryModes: ['IN_PERSON'],
          culturalFocus: [],
          nationwide: false,
          lastVerifiedAt: new Date(now.getTime() - 20 * DAY_MS),
          categories: { create: [{ taxonomyTermId: sharedCare.id }] },
          serviceAtLocations: { create: [{ locationId: location.id }] },
          serviceAreas: { create: [{ regionId: region.id, name: region.name }] },
          // Oranga Tamariki Act 1989 s396: only approved care partners may share care of tamariki.
          requiredAccreditations: { create: [{ scheme: 'OT_S396', minimumLevel: null }] },
        },
      })
      if (demo.teKahuiKahuLevel !== null) {
        await tx.accreditation.create({
          data: {
            organisationId: org.id,
            scheme: 'TE_KAHUI_KAHU',
            level: demo.teKahuiKahuLevel,
            status: 'ACTIVE',
            validFrom: new Date(now.getTime() - 200 * DAY_MS),
            validTo: new Date(now.getTime() + 530 * DAY_MS),
            evidenceNote: 'Te Kāhui Kāhu Level 2 accreditation certificate on file.',
          },
        })
      }
      return org
    })
  }
  return {
    ready: await one(CARE_PARTNER_DEMO.READY),
    unaccredited: await one(CARE_PARTNER_DEMO.UNACCREDITED),
  }
}
