// Referring onward (Guidelines 5): the community connector at the Community Connection Service,
// having accepted MSD triage's referral, connects the whānau to local providers. The onward
// referral is linked to the one it continues, so triage can follow the chain.
import { AppError, ROLE_CAPABILITIES, type Actor, type TSendReferralInput } from '@fsn/domain'
import type { ServiceDeps, Tx } from '../context'
import { requireOpenable } from './read-referrals'

type Db = ServiceDeps['prisma'] | Tx

/** The steps of the first referral during which the connector is working with the whānau. */
const ONWARD_FROM_STATUSES = ['ACCEPTED', 'IN_PROGRESS'] as const

/**
 * Whether `data.onwardFromReferralId` may be continued by this send; its id when so. Only the
 * receiving side of that referral (referral:respond in its to-organisation, sending as that
 * organisation) may, while it is accepted or in progress, for the same person under the same
 * consent, sharing no kind the first referral did not share. The consent must still cover the
 * onward provider: the send's own consent check (checkConsentCovers) runs after this.
 */
export async function checkOnwardFrom(
  db: Db,
  actor: Actor,
  fromOrganisationId: string,
  data: TSendReferralInput,
  now: Date,
): Promise<string> {
  const id = data.onwardFromReferralId!
  // A caller with no duty on that referral learns nothing of it (NOT_FOUND as for an unknown id).
  await requireOpenable(db, actor, id, now).catch(() => {
    throw new AppError('NOT_FOUND', 'onwardFromReferralId: no such referral', 'onwardFromReferralId')
  })
  const first = await db.referral.findUnique({
    where: { id },
    select: {
      toOrganisationId: true,
      status: true,
      personId: true,
      consentId: true,
      sharedInformationKinds: true,
    },
  })
  if (!first)
    throw new AppError('NOT_FOUND', 'onwardFromReferralId: no such referral', 'onwardFromReferralId')
  const responds =
    actor.kind === 'user' &&
    actor.memberships.some(
      (m) =>
        m.organisationId === first.toOrganisationId && ROLE_CAPABILITIES[m.role].includes('referral:respond'),
    )
  if (!responds || first.toOrganisationId !== fromOrganisationId) {
    throw new AppError(
      'FORBIDDEN',
      'onwardFromReferralId: only the organisation that received this referral may refer it onward',
      'onwardFromReferralId',
    )
  }
  if (!(ONWARD_FROM_STATUSES as readonly string[]).includes(first.status)) {
    throw new AppError(
      'CONFLICT',
      `onwardFromReferralId: accept the referral before referring onward (it is ${first.status})`,
      'onwardFromReferralId',
    )
  }
  if (data.personId !== first.personId) {
    throw new AppError('VALIDATION_FAILED', 'personId: an onward referral is for the same person', 'personId')
  }
  if (data.consentId !== first.consentId) {
    throw new AppError(
      'VALIDATION_FAILED',
      'consentId: an onward referral goes under the same consent',
      'consentId',
    )
  }
  const extra = data.sharedInformationKinds.filter((k) => !first.sharedInformationKinds.includes(k))
  if (extra.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `sharedInformationKinds: ${extra.join(', ')} was not shared with your organisation, so cannot be shared onward`,
      'sharedInformationKinds',
    )
  }
  return id
}
