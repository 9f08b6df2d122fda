import {
  AppError,
  ZRecordPersonInput,
  dateOfBirthProblem,
  decidePersonAccess,
  validationError,
  type Actor,
} from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { membershipFor } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'
import { namesOf } from './person-view'

const day = (iso: string | undefined) => (iso ? new Date(`${iso}T00:00:00Z`) : null)

/**
 * Records a person and their whānau: the minimum a warm referral needs (IPP 1). The answer is the
 * person's names as the need-to-know rule shows them to the recorder (nothing else is echoed back).
 */
export async function recordPerson({
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
  const m = membershipFor(actor, 'person:record')
  const parsed = ZRecordPersonInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const p = parsed.data
  const now = deps.clock()
  for (const [field, dob] of [
    ['dateOfBirth', p.dateOfBirth] as const,
    ...p.whanau.map((w, i) => [`whanau.${i}.dateOfBirth`, w.dateOfBirth] as const),
  ]) {
    const problem = dob ? dateOfBirthProblem(dob, now, field) : null
    if (problem) throw new AppError('VALIDATION_FAILED', problem, field)
  }
  const region = await deps.prisma.region.findUnique({ where: { code: p.regionCode } })
  if (!region) throw new AppError('VALIDATION_FAILED', `regionCode: no region ${p.regionCode}`, 'regionCode')
  let territorialAuthorityId: string | null = null
  if (p.territorialAuthorityCode) {
    const ta = await deps.prisma.territorialAuthority.findUnique({
      where: { code: p.territorialAuthorityCode },
    })
    if (!ta) {
      throw new AppError(
        'VALIDATION_FAILED',
        `territorialAuthorityCode: no territorial authority ${p.territorialAuthorityCode}`,
        'territorialAuthorityCode',
      )
    }
    territorialAuthorityId = ta.id
  }
  const person = await deps.prisma.$transaction(async (tx) => {
    const person = await tx.person.create({
      data: {
        givenName: p.givenName,
        familyName: p.familyName ?? null,
        preferredName: p.preferredName ?? null,
        dateOfBirth: day(p.dateOfBirth),
        phone: p.phone ?? null,
        email: p.email ?? null,
        addressLine: p.addressLine ?? null,
        regionId: region.id,
        territorialAuthorityId,
        needsSummary: p.needsSummary ?? null,
        statusChannel: p.statusChannel,
        messageLanguage: p.messageLanguage,
        recordedByOrganisationId: m.organisationId,
        recordedById: (actor as { user: { id: string } }).user.id,
        createdAt: now,
        whanau: {
          create: p.whanau.map((w) => ({
            name: w.name,
            relationship: w.relationship,
            dateOfBirth: day(w.dateOfBirth),
            dependent: w.dependent,
          })),
        },
      },
    })
    // No personal details in the audit: the id says which record, the person table says the rest.
    await writeAudit(tx, {
      occurredAt: now,
      actorId: (actor as { user: { id: string } }).user.id,
      actorOrganisationId: m.organisationId,
      action: 'person.record',
      entityType: 'Person',
      entityId: person.id,
      data: { whanauCount: p.whanau.length },
      requestId,
    })
    return person
  })
  const decision = decidePersonAccess(
    actor,
    { kind: 'PERSON', recordedByOrganisationId: person.recordedByOrganisationId },
    now,
  )
  const names = namesOf(person, decision)
  // The recorder always sees their own record; anything else would be a broken rule, not an answer.
  if (!names) throw new Error('the recorder of a person may not see their names')
  return names
}
