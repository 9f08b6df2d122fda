export type { ServiceDeps, Tx } from './context'
export { signIn, type SignInResult } from './auth/sign-in'
export { signOut, revokeUserSessions } from './auth/sign-out'
export { validateSessionToken, type ValidatedSession } from './auth/validate-session'
export { getMe } from './auth/get-me'
export { findServices, type ServiceListItem } from './directory/find-services'
export { findOrganisations } from './directory/find-organisations'
export { listRegions, listServiceCategories } from './places/list-regions'
export { writeAudit, verifyAuditChain, auditHash, type AuditEntry } from './audit/write-audit'
export { encodeCursor, decodeCursor, type Page } from './paging'
export {
  enqueue,
  drainOutbox,
  startOutboxWorker,
  retryDelayMs,
  MAX_ATTEMPTS,
  type OutboxHandler,
  type ClaimedMessage,
} from './outbox/outbox'
export { createNotifications, listNotifications, markNotificationsRead } from './notifications/notifications'
export { deliverWebhooks, webhookPost, type HttpPost } from './webhooks/deliver-webhooks'
export { checkWebhookTarget, systemResolveHost, type WebhookTarget } from './webhooks/webhook-target'
export { signWebhook, signingSecrets, verifyWebhookSignature } from './webhooks/signature'
export { recordPerson } from './people/record-person'
export { grantConsent, withdrawConsent } from './people/consents'
export { sendReferral, checkReferralRouting, type SendReferralResult } from './referrals/send-referral'
export { actOnReferral, recordContactAttempt, redirectReferral } from './referrals/act-on-referral'
export { addReferralNote } from './referrals/add-referral-note'
export { informPerson, memorySmsSender, type SmsSender } from './people/inform-person'
export {
  findReferrals,
  getReferral,
  type ReferralListItem,
  type ReferralView,
  type TFindReferralsInput,
} from './referrals/read-referrals'
export { referralHandlers, memoryEmailSender, type EmailSender } from './referrals/handlers'
export { findPeople } from './people/find-people'
export { listAccessRecords, type AccessRecordView } from './people/list-access-records'
export { createWebhookSubscription, ZCreateWebhookInput, WEBHOOK_EVENT_TYPES } from './webhooks/subscriptions'
export {
  findWebhookSubscriptions,
  getWebhookSubscription,
  actOnWebhookSubscription,
  rotateWebhookSecret,
  findWebhookDeliveries,
  resendWebhookDelivery,
  ZWebhookDeliveriesInput,
  DEFAULT_WEBHOOK_SECRET_OVERLAP_HOURS,
  type WebhookSubscriptionView,
  type WebhookDeliveryView,
  type WebhookSubscriptionAction,
} from './webhooks/manage-subscriptions'
export { directoryWebhookHandlers, DIRECTORY_WEBHOOKS } from './webhooks/directory-events'
export * from './directory/hsds/index'
export {
  DIRECTORY_CHANGED,
  DIRECTORY_CHANNEL,
  publishDirectoryChanged,
  parseDirectoryNotice,
  directoryWatermark,
  catchUpSearchIndex,
  type DirectoryNotice,
  indexServices,
  rebuildSearchIndex,
  searchIndexHandlers,
  getSearchHealth,
  rearmSearchIndexing,
  startSearchWatch,
  type SearchHealth,
} from './directory/search-indexer'
export {
  searchDirectory,
  ZSearchDirectoryInput,
  type TSearchDirectoryInput,
  type DirectorySearchResult,
  type DirectoryHit,
  type FacetValue,
} from './directory/search-directory'
export * from './directory/listings/index'
export * from './care-partners/index'
export * from './cases/index'
export * from './reporting/index'
export * from './funding/index'
export * from './coverage/index'
export * from './escalations/index'
export * from './accreditations/index'
