// The s396 notifications the domain returns, as outbox messages (one per event).
import type { S396Notification, S396Status } from '@fsn/domain'
import type { Tx } from '../context'
import { CARE_PARTNER_NOTIFY, enqueueNotify } from './notify'

const EVENT_WORDS: Record<string, string> = {
  start: 'has started to apply to become an s396 care partner',
  moveToReadiness: 'moved to care partner readiness',
  captureReadinessSection: 'readiness section captured',
  reviewReadiness: 'readiness template reviewed',
  recordFindingsDiscussion: 'findings discussed',
  returnToReadiness: 'returned to readiness',
  prepareRecommendation: 'recommendation prepared for endorsement',
  endorseRecommendation: 'recommendation endorsed to the DCE Māori, Partnerships and Communities',
  returnRecommendation: 'recommendation returned to the Quality Hub',
  approve: 'approved as an s396 care partner',
  decline: 'not approved as an s396 care partner',
  transitionToQualityAssurance: 'moved into the Quality Assurance cycle',
  agreeFunding: 'funding agreed',
  withdraw: 'application withdrawn',
}

export async function writeS396Notifications(
  tx: Tx,
  n: {
    applicationId: string
    organisationName: string
    eventId: string
    eventType: string
    status: S396Status
    notifications: readonly S396Notification[]
    now: Date
  },
): Promise<void> {
  const words = EVENT_WORDS[n.eventType] ?? n.eventType
  await enqueueNotify(
    tx,
    CARE_PARTNER_NOTIFY,
    n.applicationId,
    {
      sourceEventId: `s396:${n.eventId}`,
      kind: `s396.${n.eventType}`,
      title: `s396 application, ${n.organisationName}: ${words}`,
      body: `${n.organisationName}: ${words}. The application is now ${n.status.toLowerCase().replace(/_/g, ' ')}.`,
      recipients: n.notifications.map((x) => x.to),
    },
    n.now,
  )
}
