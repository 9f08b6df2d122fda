export { startCarePartnerApplication } from './start-application'
export { actOnCarePartnerApplication, type ActOnApplicationInput } from './act-on-application'
export {
  getCarePartnerApplication,
  findCarePartnerApplications,
  type CarePartnerApplicationView,
} from './read-applications'
export { findQualityCycleItems, completeQualityCycleItem } from './quality-cycle'
export {
  raiseCareEscalation,
  actOnCareEscalation,
  getCareEscalation,
  findCareEscalations,
  type CareEscalationView,
} from './escalations'
export {
  recordCareCelebration,
  findCareCelebrations,
  type CareCelebrationView,
} from './celebrations'
export {
  agreeCareAgreement,
  recordCarePlacement,
  requestCareFunding,
  decideCareFundingRequest,
  getCareAgreement,
  findCareAgreements,
  reconcileCareAgreement,
} from './funding'
export { coordinationHandlers, CARE_PARTNER_NOTIFY, SHARED_CASE_NOTIFY } from './notify'
