// Step one of becoming an s396 care partner. Refused without a current Te Kāhui Kāhu Level 1 or 2
// accreditation (the domain decides); starting notifies the MPC National Quality Hub and Te Kāhui
// Kāhu ("Notify the MPC National Quality Hub and Te Kāhui Kāhu of any organisation that is being
// supported to become a care partner").
import { randomUUID } from 'node:crypto'
import {
  AppError,
  S396_OPEN_STATUSES,
  startS396Application,
  validationError,
  ZStartS396ApplicationInput,
  type Actor,
} from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { requireUser } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'
import { accreditationsOf, actorOrganisationId, applicationColumns } from './load'
import { writeS396Notifications } from './s396-notify'

export async function startCarePartnerApplication({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: unknown
  requestId?: string
}) {
  const user = requireUser(actor)
  const parsed = ZStartS396ApplicationInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const { organisationId } = parsed.data
  const now = deps.clock()
  return deps.prisma.$transaction(async (tx) => {
    const org = await tx.organisation.findUnique({
      where: { id: organisationId },
      select: { id: true, name: true },
    })
    if (!org) throw new AppError('NOT_FOUND', 'organisationId: no such organisation', 'organisationId')
    const decision = startS396Application({
      applicationId: randomUUID(),
      organisationId,
      organisationAccreditations: await accreditationsOf(tx, organisationId),
      actor,
      at: now,
    })
    if (!decision.ok) throw decision.error
    const open = await tx.s396Application.findFirst({
      where: { organisationId, status: { in: [...S396_OPEN_STATUSES] } },
      select: { id: true },
    })
    if (open)
      throw new AppError('CONFLICT', `This organisation already has an open application (${open.id}).`)
    const a = decision.application
    const row = await tx.s396Application.create({
      data: { organisationId, startedAt: now, startedById: user.user.id, ...applicationColumns(a, 1) },
    })
    const event = await tx.s396Event.create({
      data: {
        applicationId: row.id,
        type: 'start',
        party: decision.event.party,
        fromStatus: null,
        toStatus: 'PREPARATION',
        at: now,
        byUserId: user.user.id,
      },
    })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: actorOrganisationId(actor),
      action: 's396.start',
      entityType: 'S396Application',
      entityId: row.id,
      data: { organisationId, party: decision.event.party },
      requestId,
    })
    await writeS396Notifications(tx, {
      applicationId: row.id,
      organisationName: org.name,
      eventId: event.id,
      eventType: 'start',
      status: 'PREPARATION',
      notifications: decision.notifications,
      now,
    })
    return row
  })
}
