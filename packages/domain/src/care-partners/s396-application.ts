// Becoming an s396 Oranga Tamariki care partner, as a state machine. Source: "Important Information:
// Becoming a s396 Oranga Tamariki Care Partner Process" (Oranga Tamariki information sheet,
// ../shared/seeds/oranga-tamariki-becoming-s396-care-partner.txt), its four steps:
//   Step one, Preparation: "The first prerequisite ... is obtaining Level 1/Level 2 accreditation from
//     Te Kāhui Kāhu. They must be Te Kāhui Kāhu accredited before progressing to the approval phase."
//   Steps two and three, Care Partner readiness and approval: "The MPC ... Quality Hub will lead steps
//     two through to four"; it reviews the readiness template, discusses findings, and prepares a
//     recommendation; "MPC Quality Manager endorses recommendation to DCE, Māori, Partnerships and
//     Communities for approval"; "The DCE ... holds the delegation for approving all s396 providers.
//     Approval cannot be granted by anyone else."
//   Step four, Quality Assurance cycle: "Transition the newly approved partner into the Quality
//     Assurance cycle."
// Roles and Responsibilities: advisors and Te Kāhui Kāhu "Notify the MPC National Quality Hub and Te
// Kāhui Kāhu of any organisation that is being supported to become a care partner"; "Budget managers
// can agree any funding or contracts once s396 approval is obtained".
// Everything here is pure: the use case loads the application (with the organisation's accreditation
// records), calls `decideS396`, then writes the returned application, event, notifications and (on
// approval) the OT_S396 accreditation in one transaction.
import { z } from 'zod'
import { can, type Actor } from '../actor'
import { AppError, validationError } from '../errors'
import type { Role } from '../roles'
import {
  checkRouting,
  type AccreditationRequirement,
  type ProviderAccreditation,
  type RoutingReason,
} from '../routing/check-routing'
import { formatNzDate } from '../sla/nz-time'
import { listOr, oneOfField, optionalTextField, textField, uuidField } from './fields'

// ─── Readiness template ─────────────────────────────────────────────────────────────────────────

/**
 * The sections of the Becoming a Care Partner readiness template, derived from what the
 * information sheet says readiness must establish (the template itself is linked, not quoted).
 * Each cites the sentence it comes from.
 */
export const READINESS_SECTIONS = [
  {
    code: 'ORGANISATION_AND_ASPIRATIONS',
    title: 'The organisation, its needs and aspirations',
    // Steps two and three: "welcoming the potential care partner, understanding their needs and aspirations".
    source: 'understanding their needs and aspirations',
  },
  {
    code: 'MODEL_OF_CARE',
    title: 'Model of care',
    // Steps two and three: "developing a clear picture of the model of care".
    source: 'a clear picture of the model of care',
  },
  {
    code: 'CAPACITY',
    title: 'Capacity to deliver the model of care',
    source: 'the capacity and capability needed to deliver it',
  },
  {
    code: 'CAPABILITY',
    title: 'Capability to provide high quality care',
    // "(a) is capable and supported to provide high quality care to tamariki, their whānau, and carers".
    source: 'is capable and supported to provide high quality care',
  },
  {
    code: 'SUPPORT_FOR_TAMARIKI_WHANAU_AND_CARERS',
    title: 'Support for tamariki, their whānau and carers',
    // "expectations about the quality of care and support required for children and young people in
    // care, their whānau or family, and carers".
    source: 'care and support required for children and young people in care, their whānau or family, and carers',
  },
  {
    code: 'NATIONAL_CARE_STANDARDS',
    title: 'Meeting the National Care Standards and Related Matters 2018',
    source: '(b) will be able to successfully meet all relevant regulations ... The National Care Standards',
  },
  {
    code: 'SECTION_7AA',
    title: 'Section 7AA of the Oranga Tamariki Act 1989',
    source: 'section 7AA of the Oranga Tamariki Act 1989',
  },
  {
    code: 'LOCAL_AND_REGIONAL_RELATIONSHIPS',
    title: 'Relationships with Oranga Tamariki locally and regionally',
    // Step one: "in discussions at a local/regional level with Oranga Tamariki staff including ...
    // regional advisors, local site managers, and/or specialist teams such as Whānau Care, High Needs
    // Services or Youth Justice Services".
    source: 'in discussions at a local/regional level with Oranga Tamariki staff',
  },
] as const

export type ReadinessSectionCode = (typeof READINESS_SECTIONS)[number]['code']
export const READINESS_SECTION_CODES = READINESS_SECTIONS.map((s) => s.code) as [
  ReadinessSectionCode,
  ...ReadinessSectionCode[],
]

// ─── Statuses, parties, commands ────────────────────────────────────────────────────────────────

export const S396_STATUSES = [
  'PREPARATION',
  'READINESS',
  'READINESS_REVIEWED',
  'FINDINGS_DISCUSSED',
  'RECOMMENDED',
  'ENDORSED',
  'APPROVED',
  'IN_QUALITY_ASSURANCE',
  'DECLINED',
  'WITHDRAWN',
] as const
export type S396Status = (typeof S396_STATUSES)[number]

export type S396Step = 1 | 2 | 3 | 4

/** Which of the information sheet's four steps each status belongs to (the Quality Hub's board). */
export const S396_STEP_OF: Record<S396Status, S396Step> = {
  PREPARATION: 1,
  READINESS: 2,
  READINESS_REVIEWED: 2,
  FINDINGS_DISCUSSED: 2,
  RECOMMENDED: 3,
  ENDORSED: 3,
  // Approved: step three is done and step four (the transition) is what remains.
  APPROVED: 4,
  IN_QUALITY_ASSURANCE: 4,
  DECLINED: 3,
  // Withdrawn at whichever step it had reached: see s396CurrentStep.
  WITHDRAWN: 1,
}

/** The step an application is at, or stopped at when withdrawn. */
export function s396CurrentStep(application: Pick<S396Application, 'status' | 'history'>): S396Step {
  if (application.status === 'WITHDRAWN') {
    const last = application.history[application.history.length - 1]
    return last?.from ? S396_STEP_OF[last.from] : 1
  }
  return S396_STEP_OF[application.status]
}

export const S396_OPEN_STATUSES = [
  'PREPARATION',
  'READINESS',
  'READINESS_REVIEWED',
  'FINDINGS_DISCUSSED',
  'RECOMMENDED',
  'ENDORSED',
  'APPROVED',
] as const satisfies readonly S396Status[]

/**
 * The parts people play in an application:
 * APPLICANT: an administrator (PROVIDER_ADMIN) of the applying organisation ("New care partners:
 *   engage in Becoming a Care Partner conversations", "bring insights and information to the
 *   readiness template");
 * OT_ADVISOR: an Oranga Tamariki officer (MPC advisor, Whānau Care engagement lead, High Needs and
 *   Youth Justice advisors: "support the potential care partner to collect readiness information");
 * QUALITY_HUB: care-partner:review (the MPC National Quality Hub; the Quality Manager is part of it);
 * QUALITY_MANAGER: care-partner:endorse; DCE_MPC: care-partner:approve; BUDGET_MANAGER: funding:agree.
 * Nobody who belongs to the applying organisation plays an Oranga Tamariki part in its application:
 * the Quality Assurance function "provides independent practice judgment on quality" (Partnered Care).
 */
export const S396_PARTIES = [
  'APPLICANT',
  'OT_ADVISOR',
  'QUALITY_HUB',
  'QUALITY_MANAGER',
  'DCE_MPC',
  'BUDGET_MANAGER',
] as const
export type S396Party = (typeof S396_PARTIES)[number]

/** The role that plays each part, for "who holds the next action". */
export const S396_PARTY_ROLE: Record<S396Party, Role> = {
  APPLICANT: 'PROVIDER_ADMIN',
  OT_ADVISOR: 'OT_OFFICER',
  QUALITY_HUB: 'QUALITY_HUB',
  QUALITY_MANAGER: 'QUALITY_MANAGER',
  DCE_MPC: 'DCE_MPC',
  BUDGET_MANAGER: 'BUDGET_MANAGER',
}

export const S396_COMMAND_TYPES = [
  'moveToReadiness',
  'captureReadinessSection',
  'reviewReadiness',
  'recordFindingsDiscussion',
  'returnToReadiness',
  'prepareRecommendation',
  'endorseRecommendation',
  'returnRecommendation',
  'approve',
  'decline',
  'transitionToQualityAssurance',
  'agreeFunding',
  'withdraw',
] as const
export type S396CommandType = (typeof S396_COMMAND_TYPES)[number]

// One zod schema per command (Conventions 6); the GraphQL and REST inputs add the application id.
export const ZS396Command = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('moveToReadiness') }),
    z.object({
      type: z.literal('captureReadinessSection'),
      section: oneOfField('section', READINESS_SECTION_CODES),
      summary: textField('summary', 10_000),
    }),
    z.object({ type: z.literal('reviewReadiness'), findings: textField('findings', 10_000) }),
    z.object({ type: z.literal('recordFindingsDiscussion'), notes: textField('notes', 10_000) }),
    z.object({
      type: z.literal('returnToReadiness'),
      reason: textField('reason', 2000, 'reason is required to return an application to readiness'),
    }),
    z.object({
      type: z.literal('prepareRecommendation'),
      recommendation: oneOfField('recommendation', ['APPROVE', 'DECLINE']),
      rationale: textField('rationale', 10_000),
    }),
    z.object({ type: z.literal('endorseRecommendation'), note: optionalTextField('note', 2000) }),
    z.object({
      type: z.literal('returnRecommendation'),
      reason: textField('reason', 2000, 'reason is required to return a recommendation'),
    }),
    z.object({ type: z.literal('approve'), note: optionalTextField('note', 2000) }),
    // Approval withheld is a decision too, and the organisation is owed the reason.
    z.object({
      type: z.literal('decline'),
      reason: textField('reason', 2000, 'reason is required to decline an application'),
    }),
    z.object({ type: z.literal('transitionToQualityAssurance') }),
    z.object({
      type: z.literal('agreeFunding'),
      reference: textField('reference', 100),
      note: optionalTextField('note', 2000),
    }),
    z.object({
      type: z.literal('withdraw'),
      reason: textField('reason', 2000, 'reason is required to withdraw an application'),
    }),
  ],
  { error: () => `type must be one of ${listOr(S396_COMMAND_TYPES)}` },
)
export type TS396Command = z.infer<typeof ZS396Command>
/** A command as callers build it; `decideS396` parses it, so a half-built one is refused cleanly. */
export type S396Command = z.input<typeof ZS396Command>

export const ZStartS396ApplicationInput = z.object({ organisationId: uuidField('organisationId') })
export type TStartS396ApplicationInput = z.infer<typeof ZStartS396ApplicationInput>

// ─── The application ────────────────────────────────────────────────────────────────────────────

export interface S396Record {
  at: Date
  byUserId: string
}

export interface ReadinessEntry extends S396Record {
  section: ReadinessSectionCode
  summary: string
  party: S396Party
}

export interface S396Event extends S396Record {
  type: 'start' | S396CommandType
  party: S396Party
  from: S396Status | null
  to: S396Status
  /** The text the command carried (reason, findings, rationale, reference), if any. */
  note: string | null
  section?: ReadinessSectionCode
}

export interface S396Application {
  id: string
  organisationId: string
  status: S396Status
  /**
   * The organisation's accreditation records, loaded with the application: the Te Kāhui Kāhu
   * prerequisite is read from them, at the instant of each gated command.
   */
  organisationAccreditations: readonly ProviderAccreditation[]
  startedAt: Date
  startedByUserId: string
  readiness: readonly ReadinessEntry[]
  review: (S396Record & { findings: string }) | null
  findingsDiscussion: (S396Record & { notes: string }) | null
  recommendation: (S396Record & { recommendation: 'APPROVE' | 'DECLINE'; rationale: string }) | null
  endorsement: (S396Record & { note: string | null }) | null
  decision: (S396Record & { outcome: 'APPROVED' | 'DECLINED'; reason: string | null }) | null
  qualityAssuranceFrom: Date | null
  fundingAgreements: readonly (S396Record & { reference: string; note: string | null })[]
  withdrawal: (S396Record & { reason: string }) | null
  history: readonly S396Event[]
}

export type S396NotificationRecipient =
  | { kind: 'ROLE'; role: Role }
  | { kind: 'ORGANISATION'; organisationId: string }
  | { kind: 'EXTERNAL'; body: 'TE_KAHUI_KAHU' }

/** A message to send after the transaction commits (Conventions 5). */
export interface S396Notification {
  to: S396NotificationRecipient
  event: S396Event['type']
  applicationId: string
  organisationId: string
  status: S396Status
}

/** The accreditation the use case records on approval; routing then honours it (OT_S396). */
export interface S396AccreditationGrant {
  organisationId: string
  scheme: 'OT_S396'
  level: null
  status: 'ACTIVE'
  validFrom: Date
  /** Open-ended: re-confirmation follows the two-yearly quality review, not a fixed expiry. */
  validTo: null
  evidenceNote: string
  recordedById: string
}

export type S396Decision =
  | {
      ok: true
      application: S396Application
      event: S396Event
      notifications: S396Notification[]
      accreditation: S396AccreditationGrant | null
    }
  | { ok: false; error: AppError }

// ─── The transition table ───────────────────────────────────────────────────────────────────────

/**
 * Conditions a row needs beyond status and party:
 * TE_KAHUI_KAHU: a current Te Kāhui Kāhu accreditation at the command's instant (Step one);
 * READINESS_COMPLETE: every readiness section captured (the Quality Hub reviews the whole template);
 * NOT_PREPARER / NOT_ENDORSER: the endorsement and the approval are each a second person's judgment.
 */
export type S396Gate = 'TE_KAHUI_KAHU' | 'READINESS_COMPLETE' | 'NOT_PREPARER' | 'NOT_ENDORSER'

export interface S396Transition {
  from: S396Status
  command: S396CommandType
  to: S396Status
  by: readonly S396Party[]
  gates: readonly S396Gate[]
}

const HUB = ['QUALITY_HUB'] as const
const READINESS_CONTRIBUTORS = ['APPLICANT', 'OT_ADVISOR', 'QUALITY_HUB'] as const

const row = (
  from: S396Status,
  command: S396CommandType,
  to: S396Status,
  by: readonly S396Party[],
  gates: readonly S396Gate[] = [],
): S396Transition => ({ from, command, to, by, gates })

const withdrawable = (from: S396Status) => row(from, 'withdraw', 'WITHDRAWN', ['APPLICANT'])

/** Every allowed step, one row per (status, command). Anything not here is refused. */
export const S396_TRANSITIONS: readonly S396Transition[] = [
  // Step one to two: the Quality Hub leads from step two, and only for an accredited organisation.
  row('PREPARATION', 'moveToReadiness', 'READINESS', HUB, ['TE_KAHUI_KAHU']),
  withdrawable('PREPARATION'),

  // Step two: "Support ... to complete the readiness template"; "Review the readiness template and
  // discuss findings with potential care partner".
  row('READINESS', 'captureReadinessSection', 'READINESS', READINESS_CONTRIBUTORS),
  row('READINESS', 'reviewReadiness', 'READINESS_REVIEWED', HUB, ['READINESS_COMPLETE']),
  withdrawable('READINESS'),
  row('READINESS_REVIEWED', 'recordFindingsDiscussion', 'FINDINGS_DISCUSSED', HUB),
  row('READINESS_REVIEWED', 'returnToReadiness', 'READINESS', HUB),
  withdrawable('READINESS_REVIEWED'),
  row('FINDINGS_DISCUSSED', 'returnToReadiness', 'READINESS', HUB),
  withdrawable('FINDINGS_DISCUSSED'),

  // Step three: "They must be Te Kāhui Kāhu accredited before progressing to the approval phase".
  row('FINDINGS_DISCUSSED', 'prepareRecommendation', 'RECOMMENDED', HUB, ['TE_KAHUI_KAHU']),
  row('RECOMMENDED', 'endorseRecommendation', 'ENDORSED', ['QUALITY_MANAGER'], ['NOT_PREPARER']),
  row('RECOMMENDED', 'returnRecommendation', 'FINDINGS_DISCUSSED', ['QUALITY_MANAGER']),
  withdrawable('RECOMMENDED'),
  // "Approval cannot be granted by anyone else."
  row('ENDORSED', 'approve', 'APPROVED', ['DCE_MPC'], ['TE_KAHUI_KAHU', 'NOT_ENDORSER']),
  row('ENDORSED', 'decline', 'DECLINED', ['DCE_MPC']),
  withdrawable('ENDORSED'),

  // Step four, and funding once approved.
  row('APPROVED', 'transitionToQualityAssurance', 'IN_QUALITY_ASSURANCE', HUB),
  row('APPROVED', 'agreeFunding', 'APPROVED', ['BUDGET_MANAGER']),
  row('IN_QUALITY_ASSURANCE', 'agreeFunding', 'IN_QUALITY_ASSURANCE', ['BUDGET_MANAGER']),
]

// ─── Who is acting ──────────────────────────────────────────────────────────────────────────────

/** The parts `actor` plays in an application for `organisationId`. */
export function s396PartiesOf(actor: Actor, organisationId: string): S396Party[] {
  if (actor.kind !== 'user') return []
  const inApplicant = actor.memberships.filter((m) => m.organisationId === organisationId)
  if (inApplicant.length > 0) {
    return inApplicant.some((m) => m.role === 'PROVIDER_ADMIN') ? ['APPLICANT'] : []
  }
  const parties: S396Party[] = []
  if (actor.roles.includes('OT_OFFICER')) parties.push('OT_ADVISOR')
  if (can(actor, 'care-partner:review')) parties.push('QUALITY_HUB')
  if (can(actor, 'care-partner:endorse')) parties.push('QUALITY_MANAGER')
  if (can(actor, 'care-partner:approve')) parties.push('DCE_MPC')
  if (can(actor, 'funding:agree')) parties.push('BUDGET_MANAGER')
  return parties
}

const PARTY_WORDS: Record<S396Party, string> = {
  APPLICANT: 'an administrator of the applying organisation',
  OT_ADVISOR: 'an Oranga Tamariki advisor',
  QUALITY_HUB: 'the MPC National Quality Hub',
  QUALITY_MANAGER: 'the MPC Quality Manager',
  DCE_MPC: 'the DCE Māori, Partnerships and Communities (who alone holds the s396 delegation)',
  BUDGET_MANAGER: 'a budget manager',
}

const VERBS: Record<S396CommandType, string> = {
  moveToReadiness: 'move an application to care partner readiness',
  captureReadinessSection: 'capture a readiness section',
  reviewReadiness: 'review the readiness template',
  recordFindingsDiscussion: 'record the discussion of findings',
  returnToReadiness: 'return an application to readiness',
  prepareRecommendation: 'prepare the recommendation',
  endorseRecommendation: 'endorse the recommendation',
  returnRecommendation: 'return the recommendation',
  approve: 'approve an s396 care partner',
  decline: 'decline an s396 care partner',
  transitionToQualityAssurance: 'transition a partner into the Quality Assurance cycle',
  agreeFunding: 'agree funding',
  withdraw: 'withdraw an application',
}

const STATUS_WORDS: Record<S396Status, string> = {
  PREPARATION: 'in preparation',
  READINESS: 'in care partner readiness',
  READINESS_REVIEWED: 'reviewed and awaiting the discussion of findings',
  FINDINGS_DISCUSSED: 'awaiting a recommendation',
  RECOMMENDED: 'awaiting endorsement',
  ENDORSED: 'awaiting the DCE’s decision',
  APPROVED: 'approved',
  IN_QUALITY_ASSURANCE: 'in the Quality Assurance cycle',
  DECLINED: 'declined',
  WITHDRAWN: 'withdrawn',
}

// ─── Accreditation rules (reusing the routing check, so "current" means one thing everywhere) ──

/** Step one: Te Kāhui Kāhu Level 1 or Level 2 (the scheme has no other levels). */
export const TE_KAHUI_KAHU_PREREQUISITE: AccreditationRequirement = { scheme: 'TE_KAHUI_KAHU', minimumLevel: null }
export const S396_APPROVAL_REQUIREMENT: AccreditationRequirement = { scheme: 'OT_S396', minimumLevel: null }

/**
 * Why `accreditations` do not satisfy `requirement` at `at` (empty when they do). "Current" is the
 * routing check's rule: an ACTIVE or PROVISIONAL record in date at `at`, and no current suspension.
 */
export function accreditationProblems(
  accreditations: readonly ProviderAccreditation[],
  requirement: AccreditationRequirement,
  at: Date,
  name = 'Becoming an s396 care partner',
): RoutingReason[] {
  const decision = checkRouting({
    service: {
      name,
      status: 'ACTIVE',
      capacityStatus: 'ACCEPTING',
      nationwide: true,
      regionIds: [],
      territorialAuthorityIds: [],
      requiredAccreditations: [requirement],
    },
    providerAccreditations: accreditations,
    person: { regionId: '', territorialAuthorityId: null },
    at,
  })
  return decision.allowed ? [] : decision.reasons
}

export function hasCurrentTeKahuiKahu(accreditations: readonly ProviderAccreditation[], at: Date): boolean {
  return accreditationProblems(accreditations, TE_KAHUI_KAHU_PREREQUISITE, at).length === 0
}

export function hasCurrentS396Approval(accreditations: readonly ProviderAccreditation[], at: Date): boolean {
  return accreditationProblems(accreditations, S396_APPROVAL_REQUIREMENT, at).length === 0
}

function teKahuiKahuRefusal(
  accreditations: readonly ProviderAccreditation[],
  at: Date,
  verb: string,
): AppError | null {
  const reasons = accreditationProblems(accreditations, TE_KAHUI_KAHU_PREREQUISITE, at)
  if (reasons.length === 0) return null
  return new AppError(
    'CONFLICT',
    `A current Te Kāhui Kāhu Level 1 or Level 2 accreditation is needed to ${verb} ` +
      `(on ${formatNzDate(at)}): ${reasons.map((r) => r.message).join('; ')}.`,
    undefined,
    reasons.map((r) => ({ code: r.code, message: r.message })),
  )
}

// ─── Progress and next action ───────────────────────────────────────────────────────────────────

export function missingReadinessSections(application: Pick<S396Application, 'readiness'>): ReadinessSectionCode[] {
  const captured = new Set(application.readiness.map((r) => r.section))
  return READINESS_SECTION_CODES.filter((c) => !captured.has(c))
}

export interface S396NextAction {
  step: S396Step
  party: S396Party
  role: Role
  /** The organisation whose member holds the action, when it is the applicant; else null. */
  organisationId: string | null
  command: S396CommandType
  summary: string
}

const SECTION_TITLES = Object.fromEntries(READINESS_SECTIONS.map((s) => [s.code, s.title])) as Record<
  ReadinessSectionCode,
  string
>

/** Who holds the next action and what it is ("Track scheduling and application progress"). */
export function s396NextAction(application: S396Application): S396NextAction | null {
  const holder = (
    party: S396Party,
    command: S396CommandType,
    summary: string,
  ): S396NextAction => ({
    step: S396_STEP_OF[application.status],
    party,
    role: S396_PARTY_ROLE[party],
    organisationId: party === 'APPLICANT' ? application.organisationId : null,
    command,
    summary,
  })
  switch (application.status) {
    case 'PREPARATION':
      return holder(
        'QUALITY_HUB',
        'moveToReadiness',
        'Begin care partner readiness once the organisation holds current Te Kāhui Kāhu accreditation.',
      )
    case 'READINESS': {
      const missing = missingReadinessSections(application)
      return missing.length > 0
        ? holder(
            'APPLICANT',
            'captureReadinessSection',
            `Capture the readiness template: ${missing.map((m) => SECTION_TITLES[m]).join('; ')}.`,
          )
        : holder('QUALITY_HUB', 'reviewReadiness', 'Review the readiness template.')
    }
    case 'READINESS_REVIEWED':
      return holder(
        'QUALITY_HUB',
        'recordFindingsDiscussion',
        'Discuss the findings with the potential care partner.',
      )
    case 'FINDINGS_DISCUSSED':
      return holder('QUALITY_HUB', 'prepareRecommendation', 'Prepare a recommendation for the MPC Quality Manager.')
    case 'RECOMMENDED':
      return holder(
        'QUALITY_MANAGER',
        'endorseRecommendation',
        'Endorse the recommendation to the DCE Māori, Partnerships and Communities.',
      )
    case 'ENDORSED':
      return holder('DCE_MPC', 'approve', 'Decide whether to approve the organisation as an s396 care partner.')
    case 'APPROVED':
      return holder(
        'QUALITY_HUB',
        'transitionToQualityAssurance',
        'Transition the newly approved partner into the Quality Assurance cycle.',
      )
    case 'IN_QUALITY_ASSURANCE':
    case 'DECLINED':
    case 'WITHDRAWN':
      return null
  }
}

export type S396StepState = 'DONE' | 'CURRENT' | 'NOT_STARTED' | 'STOPPED'

/** The four steps as everyone involved sees them. */
export function s396Progress(application: S396Application): { step: S396Step; state: S396StepState }[] {
  const current = s396CurrentStep(application)
  const stopped = application.status === 'DECLINED' || application.status === 'WITHDRAWN'
  const finished = application.status === 'IN_QUALITY_ASSURANCE'
  return ([1, 2, 3, 4] as const).map((step) => ({
    step,
    state:
      step < current || finished
        ? 'DONE'
        : step === current
          ? stopped
            ? 'STOPPED'
            : 'CURRENT'
          : 'NOT_STARTED',
  }))
}

/** Budget managers "can agree any funding or contracts once s396 approval is obtained". */
export function mayAgreeS396Funding(application: Pick<S396Application, 'status'>): boolean {
  return application.status === 'APPROVED' || application.status === 'IN_QUALITY_ASSURANCE'
}

// ─── Deciding ───────────────────────────────────────────────────────────────────────────────────

interface GateContext {
  application: S396Application
  actorUserId: string
  at: Date
  verb: string
}

function gateRefusal(gate: S396Gate, ctx: GateContext): AppError | null {
  const { application, actorUserId, at, verb } = ctx
  switch (gate) {
    case 'TE_KAHUI_KAHU':
      return teKahuiKahuRefusal(application.organisationAccreditations, at, verb)
    case 'READINESS_COMPLETE': {
      const missing = missingReadinessSections(application)
      return missing.length === 0
        ? null
        : new AppError(
            'CONFLICT',
            `Every readiness section must be captured before the review; still to capture: ${missing
              .map((m) => SECTION_TITLES[m])
              .join('; ')}.`,
          )
    }
    case 'NOT_PREPARER':
      return application.recommendation?.byUserId === actorUserId
        ? new AppError('FORBIDDEN', 'The recommendation must be endorsed by someone other than who prepared it.')
        : null
    case 'NOT_ENDORSER':
      return application.endorsement?.byUserId === actorUserId
        ? new AppError('FORBIDDEN', 'The approval must come from someone other than who endorsed the recommendation.')
        : null
  }
}

function userIdOf(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.user.id : null
}

/**
 * Whether `actor` may apply `command` to `application` at `at`, and if so everything to write.
 * Checks, in order: the command type is known (VALIDATION_FAILED); the actor may ever do this
 * (FORBIDDEN, naming who may); the status allows it (CONFLICT); the actor may do it from here
 * (FORBIDDEN); the command is complete (VALIDATION_FAILED, naming the field); the row's gates
 * (CONFLICT for accreditation and readiness, FORBIDDEN for the second-person rules).
 */
export function decideS396(
  application: S396Application,
  command: S396Command,
  actor: Actor,
  at: Date,
): S396Decision {
  const type = (command as { type?: unknown }).type
  const rows = S396_TRANSITIONS.filter((r) => r.command === type)
  const first = rows[0]
  if (!first) {
    return {
      ok: false,
      error: new AppError('VALIDATION_FAILED', `type must be one of ${listOr(S396_COMMAND_TYPES)}`, 'type'),
    }
  }
  const commandType = first.command
  const verb = VERBS[commandType]
  const userId = userIdOf(actor)
  if (userId === null) return { ok: false, error: new AppError('UNAUTHENTICATED') }
  const parties = s396PartiesOf(actor, application.organisationId)
  const mayEver = [...new Set(rows.flatMap((r) => r.by))]
  const acting = mayEver.find((p) => parties.includes(p))
  if (acting === undefined) {
    return {
      ok: false,
      error: new AppError('FORBIDDEN', `Only ${listOr(mayEver.map((p) => PARTY_WORDS[p]))} may ${verb}.`),
    }
  }
  const transition = rows.find((r) => r.from === application.status)
  if (!transition) {
    return {
      ok: false,
      error: new AppError(
        'CONFLICT',
        `Cannot ${verb}: the application is ${STATUS_WORDS[application.status]}.`,
      ),
    }
  }
  const party = transition.by.find((p) => parties.includes(p))
  if (party === undefined) {
    return {
      ok: false,
      error: new AppError(
        'FORBIDDEN',
        `Only ${listOr(transition.by.map((p) => PARTY_WORDS[p]))} may ${verb} ` +
          `while the application is ${STATUS_WORDS[application.status]}.`,
      ),
    }
  }
  const parsed = ZS396Command.safeParse(command)
  if (!parsed.success) return { ok: false, error: validationError(parsed.error.issues) }
  for (const gate of transition.gates) {
    const refusal = gateRefusal(gate, { application, actorUserId: userId, at, verb })
    if (refusal) return { ok: false, error: refusal }
  }
  return apply(application, parsed.data, transition, party, userId, at)
}

function noteOf(c: TS396Command): string | null {
  switch (c.type) {
    case 'captureReadinessSection':
      return c.summary
    case 'reviewReadiness':
      return c.findings
    case 'recordFindingsDiscussion':
      return c.notes
    case 'returnToReadiness':
    case 'returnRecommendation':
    case 'decline':
    case 'withdraw':
      return c.reason
    case 'prepareRecommendation':
      return `${c.recommendation}: ${c.rationale}`
    case 'endorseRecommendation':
    case 'approve':
      return c.note ?? null
    case 'agreeFunding':
      return c.note ? `${c.reference}: ${c.note}` : c.reference
    case 'moveToReadiness':
    case 'transitionToQualityAssurance':
      return null
  }
}

function apply(
  before: S396Application,
  c: TS396Command,
  transition: S396Transition,
  party: S396Party,
  byUserId: string,
  at: Date,
): S396Decision {
  const rec = { at, byUserId }
  const event: S396Event = {
    type: c.type,
    at,
    byUserId,
    party,
    from: before.status,
    to: transition.to,
    note: noteOf(c),
    ...(c.type === 'captureReadinessSection' ? { section: c.section } : {}),
  }
  let next: S396Application = { ...before, status: transition.to, history: [...before.history, event] }
  let accreditation: S396AccreditationGrant | null = null
  switch (c.type) {
    case 'captureReadinessSection':
      // A section captured again replaces the earlier capture; the history keeps both.
      next = {
        ...next,
        readiness: [
          ...before.readiness.filter((r) => r.section !== c.section),
          { ...rec, section: c.section, summary: c.summary, party },
        ],
      }
      break
    case 'reviewReadiness':
      next = { ...next, review: { ...rec, findings: c.findings } }
      break
    case 'recordFindingsDiscussion':
      next = { ...next, findingsDiscussion: { ...rec, notes: c.notes } }
      break
    case 'returnToReadiness':
      next = { ...next, review: null, findingsDiscussion: null }
      break
    case 'prepareRecommendation':
      next = { ...next, recommendation: { ...rec, recommendation: c.recommendation, rationale: c.rationale } }
      break
    case 'endorseRecommendation':
      next = { ...next, endorsement: { ...rec, note: c.note ?? null } }
      break
    case 'returnRecommendation':
      next = { ...next, recommendation: null }
      break
    case 'approve':
      next = { ...next, decision: { ...rec, outcome: 'APPROVED', reason: c.note ?? null } }
      accreditation = {
        organisationId: before.organisationId,
        scheme: 'OT_S396',
        level: null,
        status: 'ACTIVE',
        validFrom: at,
        validTo: null,
        evidenceNote: `s396 care partner application ${before.id}, approved by the DCE Māori, Partnerships and Communities`,
        recordedById: byUserId,
      }
      break
    case 'decline':
      next = { ...next, decision: { ...rec, outcome: 'DECLINED', reason: c.reason } }
      break
    case 'transitionToQualityAssurance':
      next = { ...next, qualityAssuranceFrom: at }
      break
    case 'agreeFunding':
      next = {
        ...next,
        fundingAgreements: [...before.fundingAgreements, { ...rec, reference: c.reference, note: c.note ?? null }],
      }
      break
    case 'withdraw':
      next = { ...next, withdrawal: { ...rec, reason: c.reason } }
      break
    case 'moveToReadiness':
      break
  }
  return {
    ok: true,
    application: next,
    event,
    notifications: notificationsFor(before, next, event),
    accreditation,
  }
}

const recipientKey = (r: S396NotificationRecipient) =>
  r.kind === 'ROLE' ? `role:${r.role}` : r.kind === 'ORGANISATION' ? `org:${r.organisationId}` : `ext:${r.body}`

function recipientOf(action: S396NextAction): S396NotificationRecipient {
  return action.organisationId !== null
    ? { kind: 'ORGANISATION', organisationId: action.organisationId }
    : { kind: 'ROLE', role: action.role }
}

/**
 * Who hears of a step: the applicant whenever the status changes (progress "visible to everyone
 * involved"), whoever newly holds the next action, budget managers on approval (they may now agree
 * funding), and the Quality Hub when the DCE declines (it manages the relationship).
 */
function notificationsFor(
  before: S396Application,
  after: S396Application,
  event: S396Event,
): S396Notification[] {
  const to: S396NotificationRecipient[] = []
  const statusChanged = before.status !== after.status
  if (statusChanged || event.type === 'agreeFunding') {
    to.push({ kind: 'ORGANISATION', organisationId: after.organisationId })
  }
  const was = s396NextAction(before)
  const now = s396NextAction(after)
  if (now && (statusChanged || was?.party !== now.party)) to.push(recipientOf(now))
  if (event.type === 'approve') to.push({ kind: 'ROLE', role: 'BUDGET_MANAGER' })
  if (event.type === 'decline' || event.type === 'withdraw') to.push({ kind: 'ROLE', role: 'QUALITY_HUB' })
  const seen = new Set<string>()
  return to
    .filter((r) => {
      const k = recipientKey(r)
      if (seen.has(k)) return false
      seen.add(k)
      return true
    })
    .map((r) => ({
      to: r,
      event: event.type,
      applicationId: after.id,
      organisationId: after.organisationId,
      status: after.status,
    }))
}

/**
 * The commands `actor` may apply now: the buttons to show. A command appears only if the status,
 * the actor's part and the row's gates (accreditation current at `at`, readiness complete,
 * second-person rules) all allow it; only the command's own fields are left to check.
 */
export function availableS396Commands(
  application: S396Application,
  actor: Actor,
  at: Date,
): S396CommandType[] {
  const userId = userIdOf(actor)
  if (userId === null) return []
  const parties = s396PartiesOf(actor, application.organisationId)
  return S396_TRANSITIONS.filter(
    (r) =>
      r.from === application.status &&
      r.by.some((p) => parties.includes(p)) &&
      r.gates.every(
        (g) => gateRefusal(g, { application, actorUserId: userId, at, verb: VERBS[r.command] }) === null,
      ),
  ).map((r) => r.command)
}

// ─── Starting ───────────────────────────────────────────────────────────────────────────────────

/** Who may start an application: the organisation itself, or the advisors and hub supporting it. */
export const S396_STARTERS = ['APPLICANT', 'OT_ADVISOR', 'QUALITY_HUB'] as const satisfies readonly S396Party[]

export interface StartS396ApplicationArgs {
  applicationId: string
  organisationId: string
  organisationAccreditations: readonly ProviderAccreditation[]
  actor: Actor
  at: Date
}

/**
 * Step one. Refused without a current Te Kāhui Kāhu accreditation, and for an organisation already
 * approved. Starting "notif[ies] the MPC National Quality Hub and Te Kāhui Kāhu of any organisation
 * that is being supported to become a care partner": both are in the returned notifications.
 */
export function startS396Application(args: StartS396ApplicationArgs): S396Decision {
  const { applicationId, organisationId, organisationAccreditations, actor, at } = args
  const userId = userIdOf(actor)
  if (userId === null) return { ok: false, error: new AppError('UNAUTHENTICATED') }
  const parties = s396PartiesOf(actor, organisationId)
  const party = S396_STARTERS.find((p) => parties.includes(p))
  if (party === undefined) {
    return {
      ok: false,
      error: new AppError(
        'FORBIDDEN',
        `Only ${listOr(S396_STARTERS.map((p) => PARTY_WORDS[p]))} may start an s396 care partner application.`,
      ),
    }
  }
  const input = ZStartS396ApplicationInput.safeParse({ organisationId })
  if (!input.success) return { ok: false, error: validationError(input.error.issues) }
  if (hasCurrentS396Approval(organisationAccreditations, at)) {
    return {
      ok: false,
      error: new AppError('CONFLICT', 'This organisation is already an approved s396 care partner.'),
    }
  }
  const refusal = teKahuiKahuRefusal(organisationAccreditations, at, 'start an s396 care partner application')
  if (refusal) return { ok: false, error: refusal }
  const event: S396Event = {
    type: 'start',
    at,
    byUserId: userId,
    party,
    from: null,
    to: 'PREPARATION',
    note: null,
  }
  const application: S396Application = {
    id: applicationId,
    organisationId,
    status: 'PREPARATION',
    organisationAccreditations,
    startedAt: at,
    startedByUserId: userId,
    readiness: [],
    review: null,
    findingsDiscussion: null,
    recommendation: null,
    endorsement: null,
    decision: null,
    qualityAssuranceFrom: null,
    fundingAgreements: [],
    withdrawal: null,
    history: [event],
  }
  const base = { event: 'start' as const, applicationId, organisationId, status: 'PREPARATION' as const }
  return {
    ok: true,
    application,
    event,
    notifications: [
      { ...base, to: { kind: 'ROLE', role: 'QUALITY_HUB' } },
      { ...base, to: { kind: 'EXTERNAL', body: 'TE_KAHUI_KAHU' } },
    ],
    accreditation: null,
  }
}
