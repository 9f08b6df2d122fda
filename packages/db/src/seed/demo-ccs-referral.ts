// The demo's Community Connection Service path (Guidelines 3-5; README "The Community Connection
// Service path"): MSD triage has referred a whānau to the Wellington CCS host, so the connector
// (connector@demo.example.nz) has one referral waiting in the inbox to accept, contact and refer
// onward to the intake worker's provider (the consent names both). Idempotent by its reference.
// Never in production (it only runs with the demo users).
import { CATEGORY_TAXONOMY, respondBy } from '@fsn/domain'
import type { PrismaClient } from '../generated/prisma/client'
import type { SeededDemoUser } from './demo-users'

export const DEMO_CCS_REFERENCE = 'R-DEMO-CCS-1'

export async function seedCcsDemoReferral(prisma: PrismaClient, users: readonly SeededDemoUser[], now: Date) {
  const triage = users.find((u) => u.email === 'triage@demo.example.nz')
  const connector = users.find((u) => u.email === 'connector@demo.example.nz')
  const intake = users.find((u) => u.email === 'intake@demo.example.nz')
  if (!triage || !connector || !intake) return null
  const existing = await prisma.referral.findUnique({ where: { reference: DEMO_CCS_REFERENCE }, select: { id: true } })
  if (existing) return existing.id

  const service = await prisma.service.findFirst({
    where: {
      organisationId: connector.organisationId,
      status: 'ACTIVE',
      categories: {
        some: { taxonomyTerm: { code: 'community-connection', taxonomy: { name: CATEGORY_TAXONOMY.name } } },
      },
    },
    orderBy: { id: 'asc' },
    select: { id: true, categories: { select: { taxonomyTermId: true }, take: 1 } },
  })
  const wellington = await prisma.region.findUnique({ where: { code: '09' }, select: { id: true, name: true } })
  if (!service || !wellington) return null

  const givenAt = new Date(now.getTime() - 30 * 60_000)
  const sentAt = new Date(now.getTime() - 20 * 60_000)
  return prisma.$transaction(async (tx) => {
    const person = await tx.person.create({
      data: {
        givenName: 'Kiri',
        familyName: 'Demo-Whānau',
        phone: '021 000 0009',
        regionId: wellington.id,
        needsSummary: 'Food this week and help with a power bill; two tamariki at home.',
        recordedByOrganisationId: triage.organisationId,
        recordedById: triage.id,
      },
    })
    const consent = await tx.consent.create({
      data: {
        personId: person.id,
        purpose: 'Referral to the Community Connection Service and the local providers it connects the whānau to',
        informationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'],
        method: 'VERBAL',
        recordedById: triage.id,
        recordedByOrganisationId: triage.organisationId,
        givenAt,
        recipients: {
          create: [{ organisationId: connector.organisationId }, { organisationId: intake.organisationId }],
        },
      },
    })
    const referral = await tx.referral.create({
      data: {
        reference: DEMO_CCS_REFERENCE,
        personId: person.id,
        consentId: consent.id,
        fromOrganisationId: triage.organisationId,
        senderId: triage.id,
        toOrganisationId: connector.organisationId,
        serviceId: service.id,
        categoryTermId: service.categories[0]?.taxonomyTermId ?? null,
        status: 'SENT',
        sharedInformationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'],
        needsSummary: 'Whānau of three in Porirua: kai this week and a power bill. Prefers a call after 3pm.',
        sentAt,
        respondBy: respondBy(sentAt, { region: wellington.name }),
        regionId: wellington.id,
        createdAt: sentAt,
      },
    })
    await tx.referralEvent.create({
      data: {
        referralId: referral.id,
        type: 'SENT',
        fromStatus: 'DRAFT',
        toStatus: 'SENT',
        actorId: triage.id,
        actorOrganisationId: triage.organisationId,
        occurredAt: sentAt,
      },
    })
    return referral.id
  })
}
