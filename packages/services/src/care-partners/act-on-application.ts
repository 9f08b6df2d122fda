// Steps two to four of an s396 application, and funding once approved: every command goes through
// the domain's `decideS396` (who may, from which status, with which gates), then its result is
// written in one transaction with the event, the audit record, the notifications and, on approval,
// the organisation's OT_S396 accreditation, which routing then honours. Moving into the Quality
// Assurance cycle schedules the cycle's dated items in the same transaction.
import {
  AppError,
  decideS396,
  qualityCycleSchedule,
  s396CurrentStep,
  type Actor,
  type S396Command,
} from '@fsn/domain'
import type { ServiceDeps, Tx } from '../context'
import { requireUser } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'
import {
  accreditationsOf,
  actorOrganisationId,
  applicationColumns,
  applicationOf,
  dateOf,
  loadApplicationRow,
  requireObject,
  requireUuid,
} from './load'
import { writeS396Notifications } from './s396-notify'

export interface ActOnApplicationInput {
  applicationId: string
  command: S396Command
}

export async function actOnCarePartnerApplication({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: ActOnApplicationInput
  requestId?: string
}) {
  const user = requireUser(actor)
  requireUuid(input?.applicationId, 'applicationId')
  requireObject(input.command, 'command')
  const now = deps.clock()
  return deps.prisma.$transaction(async (tx) => {
    const row = await loadApplicationRow(tx, input.applicationId)
    const before = applicationOf(row, await accreditationsOf(tx, row.organisationId))
    const decision = decideS396(before, input.command, actor, now)
    if (!decision.ok) throw decision.error
    const { application: a, event } = decision
    const { count } = await tx.s396Application.updateMany({
      where: { id: row.id, version: row.version },
      data: { ...applicationColumns(a, s396CurrentStep(a)), version: { increment: 1 } },
    })
    if (count === 0)
      throw new AppError(
        'CONFLICT',
        'The application changed while you were acting on it: reload and try again.',
      )
    const saved = await tx.s396Event.create({
      data: {
        applicationId: row.id,
        type: event.type,
        party: event.party,
        fromStatus: event.from,
        toStatus: event.to,
        note: event.note,
        section: event.section ?? null,
        at: now,
        byUserId: user.user.id,
      },
    })
    if (event.type === 'captureReadinessSection') {
      const entry = a.readiness.find((r) => r.section === event.section)!
      await tx.s396ReadinessEntry.upsert({
        where: { applicationId_section: { applicationId: row.id, section: entry.section } },
        create: { applicationId: row.id, ...entry },
        update: { summary: entry.summary, party: entry.party, at: entry.at, byUserId: entry.byUserId },
      })
    }
    if (event.type === 'agreeFunding') {
      const f = a.fundingAgreements[a.fundingAgreements.length - 1]!
      await tx.s396FundingAgreement.create({ data: { applicationId: row.id, ...f } })
    }
    if (decision.accreditation) {
      // The DCE's approval is the accreditation: same transaction, so routing never sees one without the other.
      await tx.accreditation.create({ data: { ...decision.accreditation } })
    }
    if (event.type === 'transitionToQualityAssurance') {
      await scheduleQualityCycle(tx, row.id, row.organisationId, now)
    }
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: actorOrganisationId(actor),
      action: `s396.${event.type}`,
      entityType: 'S396Application',
      entityId: row.id,
      data: {
        from: event.from,
        to: event.to,
        party: event.party,
        ...(event.section ? { section: event.section } : {}),
        ...(decision.accreditation ? { accreditation: 'OT_S396' } : {}),
      },
      requestId,
    })
    await writeS396Notifications(tx, {
      applicationId: row.id,
      organisationName: row.organisation.name,
      eventId: saved.id,
      eventType: event.type,
      status: a.status,
      notifications: decision.notifications,
      now,
    })
    return tx.s396Application.findUniqueOrThrow({ where: { id: row.id } })
  })
}

/** Step four: the partner's quality cycle, from the day it enters it. Idempotent by the items' keys. */
async function scheduleQualityCycle(tx: Tx, applicationId: string, organisationId: string, at: Date) {
  const items = qualityCycleSchedule(at, { carePartnerOrganisationId: organisationId })
  await tx.qualityCycleItem.createMany({
    data: items.map((i) => ({
      key: i.id,
      organisationId,
      applicationId,
      kind: i.kind,
      title: i.title,
      dueOn: dateOf(i.dueOn),
      dueBy: i.dueBy,
      assignedRole: i.assignedRole,
      participants: [...i.participants],
      feedsReconfirmation: i.feedsReconfirmation,
    })),
    skipDuplicates: true,
  })
}
