// People your organisation recorded, with their consents, newest first: the recorder's own records,
// for choosing whom to refer. Each is shown as the need-to-know rule decides (decidePersonAccess,
// PERSON: a role that records people, in the recording organisation), names only, and each person
// shown gets an access record (Privacy Act 2020, IPP 5; answered under IPP 6).
import { accessPurposeOf, decidePersonAccess, ROLE_CAPABILITIES, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { membershipFor, requireUser } from '../actor-scope'
import { namesOf } from './person-view'

export async function findPeople({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { first?: number }
}) {
  const user = requireUser(actor)
  membershipFor(actor, 'person:record')
  // Every organisation where the actor records people: those are the people they may list.
  const orgs = [
    ...new Set(
      user.memberships
        .filter((m) => ROLE_CAPABILITIES[m.role].includes('person:record'))
        .map((m) => m.organisationId),
    ),
  ]
  const rows = await deps.prisma.person.findMany({
    where: { recordedByOrganisationId: { in: orgs } },
    orderBy: { id: 'desc' },
    take: Math.min(Math.max(Number.isInteger(input.first) ? input.first! : 50, 1), 200),
    select: {
      id: true,
      givenName: true,
      familyName: true,
      preferredName: true,
      recordedByOrganisationId: true,
      createdAt: true,
      consents: { include: { recipients: true }, orderBy: { givenAt: 'desc' } },
      region: { select: { code: true, name: true } },
    },
  })
  const now = deps.clock()
  const shown = rows.flatMap((row) => {
    const decision = decidePersonAccess(
      actor,
      { kind: 'PERSON', recordedByOrganisationId: row.recordedByOrganisationId },
      now,
    )
    const names = decision.mayOpen ? namesOf(row, decision) : null
    if (!names || !decision.organisationId) return []
    return [{ row, decision, names, organisationId: decision.organisationId }]
  })
  if (shown.length > 0) {
    await deps.prisma.accessRecord.createMany({
      data: shown.map(({ row, decision, names, organisationId }) => ({
        userId: user.user.id,
        organisationId,
        personId: row.id,
        purpose: accessPurposeOf(decision, 'people.list'),
        fields: names.fieldsShown,
        accessedAt: now,
      })),
    })
  }
  return shown.map(({ row, names }) => ({
    ...names,
    createdAt: row.createdAt,
    region: row.region,
    consents: row.consents,
  }))
}
