// Reading referrals. Lists carry no personal information; opening one runs the ONE redaction rule
// (packages/domain redactPerson) and writes an access record listing exactly the fields shown.
import {
  AppError,
  REFERRAL_STATUSES,
  ZPageInput,
  redactPerson,
  slaStatus,
  validationError,
  type Actor,
  type SlaStatus,
} from '@fsn/domain'
import type { Prisma } from '@fsn/db'
import { z } from 'zod'
import type { ServiceDeps } from '../context'
import { isNationalAdmin, organisationIdsOf, requireUser } from '../actor-scope'
import { consentViewOf } from './load'

const ZFindReferralsInput = ZPageInput.extend({
  box: z.enum(['INBOX', 'OUTBOX'], { error: 'box must be INBOX or OUTBOX' }),
  status: z.array(z.enum(REFERRAL_STATUSES, { error: 'status is not a referral status' })).optional(),
  overdue: z.boolean({ error: 'overdue must be true or false' }).optional(),
  regionCode: z
    .string()
    .regex(/^\d{2}$/, { error: 'regionCode is a two-digit Stats NZ code' })
    .optional(),
  serviceId: z.uuid({ error: 'serviceId must be a UUID' }).optional(),
})
export type TFindReferralsInput = z.input<typeof ZFindReferralsInput>

const listSelect = {
  id: true,
  reference: true,
  status: true,
  priority: true,
  sentAt: true,
  respondBy: true,
  respondedAt: true,
  closedAt: true,
  escalatedAt: true,
  escalationLevel: true,
  outcome: true,
  fromOrganisation: { select: { id: true, name: true } },
  toOrganisation: { select: { id: true, name: true } },
  service: { select: { id: true, name: true } },
  categoryTerm: { select: { code: true, name: true } },
  createdAt: true,
} satisfies Prisma.ReferralSelect

export type ReferralListItem = Prisma.ReferralGetPayload<{ select: typeof listSelect }> & { sla: SlaStatus }

/** A provider's inbox (referrals to its organisations) or a sender's outbox, newest first. */
export async function findReferrals({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: TFindReferralsInput
}) {
  requireUser(actor)
  const parsed = ZFindReferralsInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const f = parsed.data
  const orgIds = organisationIdsOf(actor)
  const now = deps.clock()
  const where: Prisma.ReferralWhereInput = {
    ...(f.box === 'INBOX' ? { toOrganisationId: { in: orgIds } } : { fromOrganisationId: { in: orgIds } }),
    ...(f.status ? { status: { in: f.status } } : {}),
    ...(f.overdue ? { status: 'SENT', respondBy: { lt: now } } : {}),
    ...(f.serviceId ? { serviceId: f.serviceId } : {}),
    ...(f.regionCode ? { person: { region: { code: f.regionCode } } } : {}),
  }
  const cursor = f.after ? decodeIdCursor(f.after) : null
  const [rows, totalCount] = await Promise.all([
    deps.prisma.referral.findMany({
      where: cursor ? { AND: [where, { id: { lt: cursor } }] } : where,
      orderBy: { id: 'desc' }, // UUID v7: newest first
      take: f.first + 1,
      select: listSelect,
    }),
    deps.prisma.referral.count({ where }),
  ])
  const nodes = rows.slice(0, f.first).map((r) => ({ ...r, sla: slaStatus(r, now) }))
  return {
    totalCount,
    nodes,
    edges: nodes.map((node) => ({ cursor: Buffer.from(node.id).toString('base64url'), node })),
    hasNextPage: rows.length > f.first,
    endCursor: nodes.length ? Buffer.from(nodes.at(-1)!.id).toString('base64url') : null,
  }
}

function decodeIdCursor(after: string): string {
  const id = Buffer.from(after, 'base64url').toString('utf8')
  if (!/^[0-9a-f-]{36}$/.test(id))
    throw new AppError('VALIDATION_FAILED', 'after: not a cursor from a previous page', 'after')
  return id
}

/**
 * One referral with its person as this viewer may see them. Only the sending and receiving
 * organisations may open it (a national administrator sees it without personal details).
 */
export async function getReferral({
  deps,
  actor,
  referralId,
  purpose = 'referral.view',
}: {
  deps: ServiceDeps
  actor: Actor
  referralId: string
  purpose?: string
}) {
  const user = requireUser(actor)
  if (!z.uuid().safeParse(referralId).success)
    throw new AppError('VALIDATION_FAILED', 'referralId must be a UUID', 'referralId')
  const referral = await deps.prisma.referral.findUnique({
    where: { id: referralId },
    include: {
      person: { include: { whanau: { orderBy: { name: 'asc' } }, region: true } },
      consent: { include: { recipients: true } },
      fromOrganisation: { select: { id: true, name: true } },
      toOrganisation: { select: { id: true, name: true } },
      service: { select: { id: true, name: true } },
      categoryTerm: { select: { code: true, name: true } },
      contactAttempts: { orderBy: { attemptNumber: 'asc' } },
      events: { orderBy: { occurredAt: 'asc' } },
      redirectedTo: { select: { id: true, reference: true } },
      redirectedFrom: { select: { id: true, reference: true } },
    },
  })
  const orgIds = organisationIdsOf(actor)
  const involved =
    referral && (orgIds.includes(referral.toOrganisationId) || orgIds.includes(referral.fromOrganisationId))
  if (!referral) throw new AppError('NOT_FOUND', 'referralId: no such referral', 'referralId')
  if (!involved && !isNationalAdmin(actor)) {
    throw new AppError('FORBIDDEN', 'Only the sending and receiving organisations can open this referral.')
  }
  const now = deps.clock()
  const { person: p, consent, ...rest } = referral
  const redaction = redactPerson(
    {
      id: p.id,
      givenName: p.givenName,
      familyName: p.familyName,
      preferredName: p.preferredName,
      dateOfBirth: p.dateOfBirth,
      phone: p.phone,
      email: p.email,
      addressLine: p.addressLine,
      needsSummary: p.needsSummary,
      whanau: p.whanau.map((w) => ({
        name: w.name,
        relationship: w.relationship,
        dateOfBirth: w.dateOfBirth,
        dependent: w.dependent,
      })),
    },
    {
      viewer: { organisationIds: orgIds },
      referral: {
        toOrganisationId: referral.toOrganisationId,
        fromOrganisationId: referral.fromOrganisationId,
        sharedInformationKinds: referral.sharedInformationKinds,
      },
      consent: consentViewOf(consent),
      at: now,
    },
  )
  if (redaction.fieldsShown.length > 0) {
    // Privacy Act 2020: who read whose details, when, under which consent, which fields.
    await deps.prisma.accessRecord.create({
      data: {
        userId: user.user.id,
        organisationId:
          redaction.access === 'RECIPIENT' ? referral.toOrganisationId : referral.fromOrganisationId,
        personId: p.id,
        referralId: referral.id,
        consentId: consent.id,
        purpose,
        fields: redaction.fieldsShown,
        accessedAt: now,
      },
    })
  }
  // The referral's own free text is part of what the consent governs (NEEDS_SUMMARY).
  const needsVisible = redaction.fieldsShown.includes('needsSummary') || redaction.access === 'SENDER'
  return {
    ...rest,
    needsSummary: needsVisible ? referral.needsSummary : null,
    needsSummaryRedacted: !needsVisible && referral.needsSummary !== null,
    person: redaction.person,
    personRegion: { code: p.region.code, name: p.region.name },
    fieldsShown: redaction.fieldsShown,
    viewerAccess: redaction.access,
    consentState: {
      givenAt: consent.givenAt,
      expiresAt: consent.expiresAt,
      withdrawnAt: consent.withdrawnAt,
    },
    sla: slaStatus(referral, now),
  }
}
