// Reading referrals. Lists carry no personal information and show only the boxes the caller's role
// works (referral:respond for the inbox, referral:send for the outbox). Opening one, and the answer
// of every lifecycle step, goes through the need-to-know rule (packages/domain decidePersonAccess):
// a caller without a duty gets NOT_FOUND as for an unknown id, and every answer that shows a
// personal field writes an access record listing exactly those fields (Privacy Act 2020, IPP 5).
import {
  AppError,
  REFERRAL_STATUSES,
  ROLE_CAPABILITIES,
  ZPageInput,
  accessPurposeOf,
  applyPersonAccess,
  decidePersonAccess,
  kindVisible,
  noteTextFor,
  noteTextVisible,
  slaStatus,
  validationError,
  type Actor,
  type InformationKind,
  type PersonAccessDecision,
  type PersonRecordContext,
  type Redacted,
  type RedactedPerson,
  type SlaStatus,
  type ViewerAccess,
} from '@fsn/domain'
import type { Prisma } from '@fsn/db'
import { z } from 'zod'
import type { ServiceDeps, Tx } from '../context'
import { requireUser } from '../actor-scope'
import { consentViewOf } from './load'
import { loadReferralChain, type ReferralChainLink } from './referral-chain'
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

/** The capability a box is worked under: the inbox answers referrals, the outbox sends them. */
const BOX_CAPABILITY = { INBOX: 'referral:respond', OUTBOX: 'referral:send' } as const

/**
 * A provider's inbox (referrals to the organisations where the caller responds to referrals) or a
 * sender's outbox (from the organisations where the caller sends them), newest first. A role with
 * no referral duty in any organisation (commissioner, Quality Hub, administrator) has no box.
 */
export async function findReferrals({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: TFindReferralsInput
}) {
  const user = requireUser(actor)
  const parsed = ZFindReferralsInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const f = parsed.data
  const capability = BOX_CAPABILITY[f.box]
  const orgIds = [
    ...new Set(
      user.memberships.filter((m) => ROLE_CAPABILITIES[m.role].includes(capability)).map((m) => m.organisationId),
    ),
  ]
  if (orgIds.length === 0) throw new AppError('FORBIDDEN', `Your role does not allow this (${capability}).`)
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

// ─── One referral, as this caller may see it ────────────────────────────────────────────────────

type Db = ServiceDeps['prisma'] | Tx

const detailInclude = {
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
  onwardFrom: { select: { id: true, reference: true } },
} satisfies Prisma.ReferralInclude

type ReferralDetailRow = Prisma.ReferralGetPayload<{ include: typeof detailInclude }>

/** The referral as the need-to-know rule reads it. */
export function referralContextOf(r: {
  fromOrganisationId: string
  toOrganisationId: string
  sharedInformationKinds: readonly InformationKind[]
  escalatedAt: Date | null
  escalationLevel: number
  onwardFromId?: string | null
  person: { regionId: string | null }
  consent: Parameters<typeof consentViewOf>[0]
}): PersonRecordContext {
  return {
    kind: 'REFERRAL',
    fromOrganisationId: r.fromOrganisationId,
    toOrganisationId: r.toOrganisationId,
    sharedInformationKinds: r.sharedInformationKinds,
    personRegionId: r.person.regionId,
    // Escalated by the third failed contact attempt or an SLA breach (both stamp escalatedAt and
    // raise escalationLevel): the Regional Lead's duty begins.
    escalated: r.escalatedAt !== null || r.escalationLevel > 0,
    consent: consentViewOf(r.consent),
    // The CCS referring onward did not record the person: it holds only what it was shared.
    onward: r.onwardFromId != null,
  }
}

/** The web app's older word for the relationship. */
function viewerAccessOf(d: PersonAccessDecision): ViewerAccess {
  return d.relationship === 'SENDER' ? 'SENDER' : d.relationship === 'RECEIVER' ? 'RECIPIENT' : 'NONE'
}

const NEEDS_HIDDEN = 'The person has not agreed to share their needs with your organisation, or the consent no longer stands.'

/**
 * Free text the parties wrote on the referral's steps (reasons, event and attempt notes) can name
 * or describe the person: only the sending and receiving staff, who wrote it, read it.
 */
const readsNotes = (d: PersonAccessDecision) => d.relationship === 'SENDER' || d.relationship === 'RECEIVER'

function viewOf(r: ReferralDetailRow, d: PersonAccessDecision, now: Date, chain: ReferralChainLink[]) {
  const p = r.person
  const person: RedactedPerson = applyPersonAccess(
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
    d,
  )
  // The referral's own needs text is governed by NEEDS_SUMMARY, as the person's is.
  const needsSummary: string | null | Redacted = kindVisible(d, 'NEEDS_SUMMARY')
    ? r.needsSummary
    : { redacted: true, reason: d.reasons.needsSummary ?? NEEDS_HIDDEN }
  const notes = readsNotes(d)
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    priority: r.priority,
    sla: slaStatus(r, now),
    sentAt: r.sentAt,
    respondBy: r.respondBy,
    respondedAt: r.respondedAt,
    startedAt: r.startedAt,
    closedAt: r.closedAt,
    escalatedAt: r.escalatedAt,
    escalationLevel: r.escalationLevel,
    declineReason: notes ? r.declineReason : null,
    cancelReason: notes ? r.cancelReason : null,
    outcome: r.outcome,
    failureReason: r.failureReason,
    sharedInformationKinds: [...r.sharedInformationKinds],
    needsSummary,
    fromOrganisation: r.fromOrganisation,
    toOrganisation: r.toOrganisation,
    service: r.service,
    category: r.categoryTerm ? { code: r.categoryTerm.code, name: r.categoryTerm.name } : null,
    personRegion: { code: p.region.code, name: p.region.name },
    person,
    consentId: r.consentId,
    consentState: {
      givenAt: r.consent.givenAt,
      expiresAt: r.consent.expiresAt,
      withdrawnAt: r.consent.withdrawnAt,
    },
    events: r.events.map((e) => ({
      id: e.id,
      type: e.type,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      // A note between the organisations follows the needs summary's rule (add-referral-note.ts).
      note: e.type === 'NOTE_ADDED' ? (noteTextVisible(d, e.actorOrganisationId) ? e.note : null) : notes ? e.note : null,
      occurredAt: e.occurredAt,
    })),
    notes: r.events
      .filter((e) => e.type === 'NOTE_ADDED')
      .map((e) => {
        const bySender = e.actorOrganisationId === r.fromOrganisationId
        return {
          id: e.id,
          authorSide: bySender ? ('SENDER' as const) : ('RECEIVER' as const),
          authorOrganisation: bySender ? r.fromOrganisation : r.toOrganisation,
          text: noteTextFor(d, e.actorOrganisationId, e.note),
          addedAt: e.occurredAt,
        }
      }),
    contactAttempts: r.contactAttempts.map((a) => ({
      id: a.id,
      attemptNumber: a.attemptNumber,
      method: a.method,
      result: a.result,
      note: notes ? a.note : null,
      attemptedAt: a.attemptedAt,
    })),
    redirectedTo: r.redirectedTo,
    redirectedFrom: r.redirectedFrom,
    onwardFrom: r.onwardFrom,
    // Statuses, organisations, services and dates of the whole triage -> CCS -> provider chain.
    chain: chain.map((c) => ({
      id: c.id,
      reference: c.reference,
      status: c.status,
      depth: c.depth,
      onwardFromId: c.onwardFromId,
      fromOrganisation: c.fromOrganisation,
      toOrganisation: c.toOrganisation,
      service: c.service,
      sentAt: c.sentAt,
      respondedAt: c.respondedAt,
      closedAt: c.closedAt,
    })),
    relationship: d.relationship,
    viewerAccess: viewerAccessOf(d),
    fieldsShown: [...d.fieldsShown],
  }
}

export type ReferralView = ReturnType<typeof viewOf>

/**
 * The ONE view of a referral that every answer about a referral returns: GET, and each lifecycle
 * step and send (with the step as `action`, e.g. 'referral.accept'). A caller the rule gives no
 * duty gets NOT_FOUND, worded as for an unknown id, so a referral's existence does not leak. An
 * answer showing any personal field writes the access record (IPP 5): who, when, for which
 * organisation, which fields, under which duty.
 */
export async function referralViewFor(
  db: Db,
  actor: Actor,
  referralId: string,
  { action, now }: { action: string; now: Date },
): Promise<ReferralView> {
  const user = requireUser(actor)
  const referral = await db.referral.findUnique({ where: { id: referralId }, include: detailInclude })
  if (!referral) throw notFound()
  const d = decidePersonAccess(actor, referralContextOf(referral), now)
  if (!d.mayOpen) throw notFound()
  if (d.fieldsShown.length > 0) {
    await db.accessRecord.create({
      data: {
        userId: user.user.id,
        // Set whenever a field is shown: the membership that carries the duty.
        organisationId: d.organisationId!,
        personId: referral.personId,
        referralId: referral.id,
        consentId: referral.consentId,
        purpose: accessPurposeOf(d, action),
        fields: d.fieldsShown,
        accessedAt: now,
      },
    })
  }
  return viewOf(referral, d, now, await loadReferralChain(db, referral))
}

const notFound = () => new AppError('NOT_FOUND', 'referralId: no such referral', 'referralId')

/** Whether the caller may open the referral at all (NOT_FOUND otherwise), before acting on it. */
export async function requireOpenable(db: Db, actor: Actor, referralId: string, now: Date): Promise<void> {
  const referral = await db.referral.findUnique({
    where: { id: referralId },
    select: {
      fromOrganisationId: true,
      toOrganisationId: true,
      sharedInformationKinds: true,
      escalatedAt: true,
      escalationLevel: true,
      onwardFromId: true,
      person: { select: { regionId: true } },
      consent: { include: { recipients: true } },
    },
  })
  if (!referral || !decidePersonAccess(actor, referralContextOf(referral), now).mayOpen) throw notFound()
}

/** One referral with its person as this caller may see them; the read is recorded. */
export async function getReferral({
  deps,
  actor,
  referralId,
  purpose = 'referral.view',
}: {
  deps: ServiceDeps
  actor: Actor
  referralId: string
  /** The action word of the access record's purpose (the rule id is appended). */
  purpose?: string
}): Promise<ReferralView> {
  requireUser(actor)
  if (!z.uuid().safeParse(referralId).success)
    throw new AppError('VALIDATION_FAILED', 'referralId must be a UUID', 'referralId')
  return referralViewFor(deps.prisma, actor, referralId, { action: purpose, now: deps.clock() })
}
