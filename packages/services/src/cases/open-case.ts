// ComLink: a shared case for a person or whānau with complex needs, led by the opening officer's
// agency, which the family's consent must name (domain: openSharedCase).
import { randomUUID } from 'node:crypto'
import { AppError, openSharedCase, validationError, ZOpenSharedCaseInput, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { requireUser } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'
import { consentViewOf } from '../referrals/load'

export async function openCase({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { personId: string; leadOrganisationId: string }
  requestId?: string
}) {
  const user = requireUser(actor)
  const parsed = ZOpenSharedCaseInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const now = deps.clock()
  return deps.prisma.$transaction(async (tx) => {
    const person = await tx.person.findUnique({
      where: { id: parsed.data.personId },
      include: { consents: { include: { recipients: true } } },
    })
    if (!person) throw new AppError('NOT_FOUND', 'personId: no such person', 'personId')
    const decision = openSharedCase({
      id: randomUUID(),
      input: parsed.data,
      consents: person.consents.map(consentViewOf),
      actor,
      at: now,
    })
    if (!decision.ok) throw decision.error
    const c = decision.sharedCase
    const officer = c.workgroup[0]!
    const row = await tx.sharedCase.create({
      data: {
        id: c.id,
        personId: c.personId,
        leadOrganisationId: c.leadOrganisationId,
        openedAt: now,
        openedById: user.user.id,
        members: {
          create: [{ organisationId: c.leadOrganisationId, joinedAt: now, addedById: user.user.id }],
        },
        officers: {
          create: [
            {
              userId: officer.userId,
              organisationId: officer.organisationId,
              name: officer.name,
              addedAt: now,
            },
          ],
        },
        events: {
          create: [{ type: 'open', at: now, byUserId: user.user.id, byOrganisationId: c.leadOrganisationId }],
        },
      },
    })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: c.leadOrganisationId,
      action: 'shared-case.open',
      entityType: 'SharedCase',
      entityId: row.id,
      data: { personId: c.personId },
      requestId,
    })
    return row
  })
}
