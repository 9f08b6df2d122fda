// Privacy Act 2020, IPP 6: a person may ask an agency what personal information it holds about them
// and who has seen it. The organisation that recorded the person answers: staff there who record
// consent (consent:record) list every access record of the person, whoever read it, in time order.
// Anyone else is answered as for an unknown person (no existence leak).
import { AppError, ROLE_CAPABILITIES, type Actor } from '@fsn/domain'
import { z } from 'zod'
import type { ServiceDeps } from '../context'
import { requireUser } from '../actor-scope'

export interface AccessRecordView {
  id: string
  accessedAt: Date
  /** Who read it. */
  user: { id: string; name: string }
  /** The organisation they read it for. */
  organisation: { id: string; name: string }
  /** Exactly what was shown: person fields, or for a case read the information kinds. */
  fields: string[]
  /** Why: the action and the need-to-know rule it was read under (`referral.view:referral-receiver`). */
  purpose: string
  /** The action part of the purpose (`referral.view`, `people.list`, `case.view`). */
  action: string
  /** The rule part of the purpose (`referral-receiver`), null for records older than the rule. */
  rule: string | null
  referralId: string | null
  consentId: string | null
}

export async function listAccessRecords({
  deps,
  actor,
  personId,
}: {
  deps: ServiceDeps
  actor: Actor
  personId: string
}): Promise<{ personId: string; records: AccessRecordView[] }> {
  const user = requireUser(actor)
  if (!z.uuid().safeParse(personId).success)
    throw new AppError('VALIDATION_FAILED', 'personId must be a UUID', 'personId')
  const person = await deps.prisma.person.findUnique({
    where: { id: personId },
    select: { recordedByOrganisationId: true },
  })
  const answers = user.memberships.some(
    (m) =>
      person !== null &&
      m.organisationId === person.recordedByOrganisationId &&
      ROLE_CAPABILITIES[m.role].includes('consent:record'),
  )
  if (!person || !answers) {
    throw new AppError('NOT_FOUND', 'personId: no such person recorded by your organisation', 'personId')
  }
  const rows = await deps.prisma.accessRecord.findMany({
    where: { personId },
    orderBy: [{ accessedAt: 'asc' }, { id: 'asc' }],
    include: {
      user: { select: { id: true, name: true } },
      organisation: { select: { id: true, name: true } },
    },
  })
  return {
    personId,
    records: rows.map((r) => {
      const at = r.purpose.indexOf(':')
      return {
        id: r.id,
        accessedAt: r.accessedAt,
        user: r.user,
        organisation: r.organisation,
        fields: [...r.fields],
        purpose: r.purpose,
        action: at < 0 ? r.purpose : r.purpose.slice(0, at),
        rule: at < 0 ? null : r.purpose.slice(at + 1),
        referralId: r.referralId,
        consentId: r.consentId,
      }
    }),
  }
}
