// Issue 6's GraphQL operations (s396 applications, the quality cycle, escalations, shared cases),
// each with the types of its answer. Written by hand against packages/graphql/schema.graphql.
import type { InformationKind, RedactableText } from '$lib/types'
import { operation } from './api'

export type S396Status =
  | 'PREPARATION'
  | 'READINESS'
  | 'READINESS_REVIEWED'
  | 'FINDINGS_DISCUSSED'
  | 'RECOMMENDED'
  | 'ENDORSED'
  | 'APPROVED'
  | 'DECLINED'
  | 'IN_QUALITY_ASSURANCE'
  | 'WITHDRAWN'
export type S396Party = 'APPLICANT' | 'OT_ADVISOR' | 'QUALITY_HUB' | 'QUALITY_MANAGER' | 'DCE_MPC' | 'BUDGET_MANAGER'
export type S396Command =
  | 'moveToReadiness'
  | 'captureReadinessSection'
  | 'reviewReadiness'
  | 'recordFindingsDiscussion'
  | 'returnToReadiness'
  | 'prepareRecommendation'
  | 'endorseRecommendation'
  | 'returnRecommendation'
  | 'approve'
  | 'decline'
  | 'transitionToQualityAssurance'
  | 'agreeFunding'
  | 'withdraw'
export type ReadinessSection =
  | 'ORGANISATION_AND_ASPIRATIONS'
  | 'MODEL_OF_CARE'
  | 'CAPACITY'
  | 'CAPABILITY'
  | 'SUPPORT_FOR_TAMARIKI_WHANAU_AND_CARERS'
  | 'NATIONAL_CARE_STANDARDS'
  | 'SECTION_7AA'
  | 'LOCAL_AND_REGIONAL_RELATIONSHIPS'
export type StepState = 'DONE' | 'CURRENT' | 'NOT_STARTED' | 'STOPPED'

export interface S396Record {
  at: string
  byUserId: string
  text: string | null
}

export interface CarePartnerApplication {
  id: string
  organisationId: string
  organisationName: string
  status: S396Status
  step: number
  startedAt: string
  updatedAt: string
  availableCommands: S396Command[]
  progress: { step: number; state: StepState }[]
  nextAction: { party: S396Party; role: string; command: S396Command; step: number; summary: string; organisationId: string | null } | null
  missingReadinessSections: ReadinessSection[]
  readiness: { section: ReadinessSection; title: string; summary: string; party: S396Party; at: string; byUserId: string }[]
  review: S396Record | null
  findingsDiscussion: S396Record | null
  recommendation: { recommendation: 'APPROVE' | 'DECLINE'; rationale: string; at: string; byUserId: string } | null
  endorsement: S396Record | null
  decision: { outcome: 'APPROVED' | 'DECLINED'; reason: string | null; at: string; byUserId: string } | null
  qualityAssuranceFrom: string | null
  withdrawal: S396Record | null
  timeline: { type: string; party: S396Party; from: S396Status | null; to: S396Status; section: ReadinessSection | null; note: string | null; at: string; byUserId: string }[]
}

const APPLICATION_FIELDS = `
  id organisationId organisationName status step startedAt updatedAt availableCommands
  progress { step state }
  nextAction { party role command step summary organisationId }
  missingReadinessSections
  readiness { section title summary party at byUserId }
  review { at byUserId text } findingsDiscussion { at byUserId text }
  recommendation { recommendation rationale at byUserId }
  endorsement { at byUserId text }
  decision { outcome reason at byUserId }
  qualityAssuranceFrom
  withdrawal { at byUserId text }
  timeline { type party from to section note at byUserId }
`

export const CARE_PARTNER_APPLICATIONS = operation<
  { carePartnerApplications: CarePartnerApplication[] },
  { organisationId: string | null }
>(`
  query CarePartnerApplications($organisationId: ID) {
    carePartnerApplications(organisationId: $organisationId) { ${APPLICATION_FIELDS} }
  }
`)

export const CARE_PARTNER_APPLICATION = operation<{ carePartnerApplication: CarePartnerApplication }, { id: string }>(`
  query CarePartnerApplication($id: ID!) { carePartnerApplication(id: $id) { ${APPLICATION_FIELDS} } }
`)

export const START_CARE_PARTNER_APPLICATION = operation<
  { startCarePartnerApplication: { id: string } },
  { input: { organisationId: string } }
>(`
  mutation StartCarePartnerApplication($input: StartCarePartnerApplicationInput!) {
    startCarePartnerApplication(input: $input) { id }
  }
`)

export interface ApplicationCommandInput {
  applicationId: string
  type: S396Command
  findings?: string
  notes?: string
  note?: string
  rationale?: string
  reason?: string
  recommendation?: 'APPROVE' | 'DECLINE'
  section?: ReadinessSection
  summary?: string
  reference?: string
}

export const ACT_ON_APPLICATION = operation<
  { actOnCarePartnerApplication: { id: string; status: S396Status; step: number } },
  { input: ApplicationCommandInput }
>(`
  mutation ActOnCarePartnerApplication($input: CarePartnerApplicationCommandInput!) {
    actOnCarePartnerApplication(input: $input) { id status step }
  }
`)

// ─── The quality cycle and escalations ───────────────────────────────────────────────────────────

export interface QualityCycleItem {
  id: string
  kind: string
  title: string
  organisationId: string
  organisationName: string
  dueOn: string
  dueBy: string
  assignedRole: string
  participants: string[]
  feedsReconfirmation: boolean
  completedAt: string | null
  overdue: boolean
}

export const QUALITY_CYCLE_ITEMS = operation<
  { qualityCycleItems: QualityCycleItem[] },
  { organisationId: string | null; openOnly: boolean | null; overdueOnly: boolean | null }
>(`
  query QualityCycleItems($organisationId: ID, $openOnly: Boolean, $overdueOnly: Boolean) {
    qualityCycleItems(organisationId: $organisationId, openOnly: $openOnly, overdueOnly: $overdueOnly) {
      id kind title organisationId organisationName dueOn dueBy assignedRole participants feedsReconfirmation completedAt overdue
    }
  }
`)

export const COMPLETE_QUALITY_CYCLE_ITEM = operation<{ completeQualityCycleItem: { id: string; completedAt: string | null } }, { id: string }>(`
  mutation CompleteQualityCycleItem($id: ID!) { completeQualityCycleItem(id: $id) { id completedAt } }
`)

export type EscalationStatus = 'RAISED' | 'ACKNOWLEDGED' | 'ESCALATED' | 'RESOLVED'
export type EscalationCommand = 'acknowledge' | 'escalate' | 'resolve'

export interface CareEscalation {
  id: string
  status: EscalationStatus
  carePartnerName: string
  carePartnerOrganisationId: string
  concern: string
  childRef: string | null
  raisedAt: string
  acknowledgeBy: string
  resolveBy: string
  availableCommands: EscalationCommand[]
  deadlines: { kind: string; title: string; dueBy: string; overdue: boolean; completedAt: string | null }[]
}

const ESCALATION_FIELDS = `
  id status carePartnerName carePartnerOrganisationId concern childRef raisedAt acknowledgeBy resolveBy availableCommands
  deadlines { kind title dueBy overdue completedAt }
`

export const CARE_ESCALATIONS = operation<
  { careEscalations: CareEscalation[] },
  { carePartnerOrganisationId: string | null; openOnly: boolean | null }
>(`
  query CareEscalations($carePartnerOrganisationId: ID, $openOnly: Boolean) {
    careEscalations(carePartnerOrganisationId: $carePartnerOrganisationId, openOnly: $openOnly) { ${ESCALATION_FIELDS} }
  }
`)

export const RAISE_CARE_ESCALATION = operation<
  { raiseCareEscalation: { id: string; status: EscalationStatus } },
  { input: { carePartnerOrganisationId: string; concern: string; childRef?: string } }
>(`
  mutation RaiseCareEscalation($input: RaiseCareEscalationInput!) { raiseCareEscalation(input: $input) { id status } }
`)

export const ACT_ON_ESCALATION = operation<
  { actOnCareEscalation: { id: string; status: EscalationStatus } },
  { input: { escalationId: string; type: EscalationCommand; note?: string; reason?: string; resolution?: string } }
>(`
  mutation ActOnCareEscalation($input: CareEscalationCommandInput!) { actOnCareEscalation(input: $input) { id status } }
`)

// ─── Shared cases ───────────────────────────────────────────────────────────────────────────────

export type AssessmentSection =
  | 'CONTACT_AND_HOUSEHOLD'
  | 'GOALS_AND_STRENGTHS'
  | 'HOUSING'
  | 'EMPLOYMENT_AND_INCOME'
  | 'HEALTH_AND_WELLBEING'
  | 'CHILDREN_AND_EDUCATION'
  | 'CAREGIVING'
  | 'LEGAL_AND_FAMILY_ADVICE'

export interface CaseAction {
  id: string
  discussionId: string
  description: RedactableText
  dueOn: string
  overdue: boolean
  ownerUserId: string
  completedAt: string | null
}

export interface SharedCase {
  id: string
  status: 'OPEN' | 'CLOSED'
  isLead: boolean
  personId: string
  openedAt: string
  leadOrganisationId: string
  viewerOrganisationId: string
  visibleKinds: InformationKind[]
  availableCommands: string[]
  members: { organisationId: string; name: string; isLead: boolean; joinedAt: string }[]
  workgroup: { userId: string; name: string; organisationId: string; addedAt: string }[]
  assessment: {
    section: AssessmentSection
    title: string
    kind: InformationKind
    state: 'ANSWERED' | 'NOT_ANSWERED'
    answer: RedactableText | null
    answeredAt: string | null
    answeredByOrganisationId: string | null
  }[]
  assessmentPlan: { ask: AssessmentSection[]; reuse: AssessmentSection[]; withheld: { section: AssessmentSection; reason: string }[] }
  actionsDue: CaseAction[]
  discussions: {
    id: string
    heldAt: string
    informationKinds: InformationKind[]
    minutes: RedactableText
    recordedByOrganisationId: string
    recordedByUserId: string
    attendeeUserIds: string[]
    actions: CaseAction[]
  }[]
  timeline: { type: string; at: string; byUserId: string; byOrganisationId: string }[]
  closure: { at: string; byUserId: string; reason: string } | null
  linkedReferralIds: string[]
}

const ACTION_FIELDS = 'id discussionId description { value redacted reason } dueOn overdue ownerUserId completedAt'

export const SHARED_CASE = operation<{ sharedCase: SharedCase }, { id: string }>(`
  query SharedCase($id: ID!) {
    sharedCase(id: $id) {
      id status isLead personId openedAt leadOrganisationId viewerOrganisationId visibleKinds availableCommands
      members { organisationId name isLead joinedAt }
      workgroup { userId name organisationId addedAt }
      assessment { section title kind state answer { value redacted reason } answeredAt answeredByOrganisationId }
      assessmentPlan { ask reuse withheld { section reason } }
      actionsDue { ${ACTION_FIELDS} }
      discussions {
        id heldAt informationKinds minutes { value redacted reason } recordedByOrganisationId recordedByUserId attendeeUserIds
        actions { ${ACTION_FIELDS} }
      }
      timeline { type at byUserId byOrganisationId }
      closure { at byUserId reason }
      linkedReferralIds
    }
  }
`)

export interface MyCase {
  id: string
  status: 'OPEN' | 'CLOSED'
  isLead: boolean
  openedAt: string
  viewerOrganisationId: string
  members: { organisationId: string; name: string; isLead: boolean }[]
  actionsDue: { id: string; overdue: boolean }[]
}

export const MY_CASES = operation<{ myCases: MyCase[] }>(`
  query MyCases {
    myCases { id status isLead openedAt viewerOrganisationId members { organisationId name isLead } actionsDue { id overdue } }
  }
`)

export const ACT_ON_CASE = operation<
  { actOnCase: { id: string; status: string } | null },
  {
    input: {
      caseId: string
      type: string
      actionId?: string
      section?: AssessmentSection
      answer?: string
      reason?: string
      organisationId?: string
      userId?: string
      name?: string
      id?: string
      heldAt?: string
      attendeeUserIds?: string[]
      minutes?: string
      informationKinds?: InformationKind[]
      actions?: { id: string; description: string; ownerUserId: string; dueOn: string }[]
    }
  }
>(`
  mutation ActOnCase($input: CaseCommandInput!) { actOnCase(input: $input) { id status } }
`)

export interface CareCelebration {
  id: string
  carePartnerOrganisationId: string
  carePartnerName: string
  summary: string
  who: string
  happenedOn: string
  communityOfPractice: string | null
  shareOn: string
  sharedAt: string | null
  overdue: boolean
}

const CELEBRATION_FIELDS = 'id carePartnerOrganisationId carePartnerName summary who happenedOn communityOfPractice shareOn sharedAt overdue'

export const CARE_CELEBRATIONS = operation<{ careCelebrations: CareCelebration[] }, { carePartnerOrganisationId: string | null }>(`
  query CareCelebrations($carePartnerOrganisationId: ID) {
    careCelebrations(carePartnerOrganisationId: $carePartnerOrganisationId) { ${CELEBRATION_FIELDS} }
  }
`)

export const RECORD_CARE_CELEBRATION = operation<
  { recordCareCelebration: CareCelebration },
  { input: { carePartnerOrganisationId: string; summary: string; who: string; happenedOn?: string } }
>(`
  mutation RecordCareCelebration($input: RecordCareCelebrationInput!) { recordCareCelebration(input: $input) { ${CELEBRATION_FIELDS} } }
`)

/**
 * Who a lead agency may add to a case: the organisations the family's current consents name (the
 * API checks again). Read from the people the agency recorded; names from each organisation's page.
 */
export const CASE_CONSENT_RECIPIENTS = operation<{
  people: { id: string; consents: { recipientOrganisationIds: string[]; withdrawnAt: string | null; expiresAt: string | null }[] }[]
}>(`
  query CaseConsentRecipients { people(first: 200) { id consents { recipientOrganisationIds withdrawnAt expiresAt } } }
`)

export const ORGANISATION_NAME = operation<{ organisation: { id: string; name: string } | null }, { id: string }>(`
  query OrganisationName($id: ID!) { organisation(id: $id) { id name } }
`)
