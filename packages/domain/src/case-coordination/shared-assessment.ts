// The shared assessment of a coordinated case. Source: "Forging Closer Partnerships and Enhancing
// Coordination to Strengthen Social Service Delivery" (MSF, ComLink, ../shared/seeds/
// msf-comlink-closer-partnerships.txt), para 8: a platform that "reduces the need for clients to
// submit multiple documents to various agencies", and digitalising "referrals, shared assessments and
// coordination across agencies". So a section one agency has asked is reused by the others, never
// asked again; and (Privacy Act 2020, IPP 11, the referral issue's consent rule) each agency sees a
// section only if the family's consent covers that kind of information for that agency. The consent
// rule is `checkConsentCovers` in ../consent/coverage.ts, called here, not restated.
import { INFORMATION_KIND_LABELS, type InformationKind } from '../consent/consent-enums'
import { checkConsentCovers, type ConsentProblem, type ConsentView, type Redacted } from '../consent/coverage'

/**
 * The sections, each governed by the kind of information it holds. Derived from the needs the
 * ComLink paper names (the paper lists no assessment form); each cites its paragraph.
 */
export const ASSESSMENT_SECTIONS = [
  {
    code: 'CONTACT_AND_HOUSEHOLD',
    kind: 'CONTACT_DETAILS',
    title: 'Contact details and who is in the household',
    source: 'para 2: "families living in rental flats"',
  },
  {
    code: 'GOALS_AND_STRENGTHS',
    kind: 'NEEDS_SUMMARY',
    title: 'The family’s goals and strengths',
    source: 'para 3: "helping these families regain stability and self-reliance, and achieve social mobility"',
  },
  {
    code: 'HOUSING',
    kind: 'NEEDS_SUMMARY',
    title: 'Housing',
    source: 'para 2: "the potential towards home ownership"; para 10: "the status of their rental flat application"',
  },
  {
    code: 'EMPLOYMENT_AND_INCOME',
    kind: 'FINANCIAL',
    title: 'Employment, income and financial assistance',
    source: 'para 10: "Besides financial assistance, all SSOs now offer access to employment and housing advice"',
  },
  {
    code: 'HEALTH_AND_WELLBEING',
    kind: 'HEALTH',
    title: 'Health and wellbeing',
    source: 'para 11: "difficulty travelling ... often due to health issues"; para 13: "clients facing mental health issues"',
  },
  {
    code: 'CHILDREN_AND_EDUCATION',
    kind: 'CHILDREN_AND_CARE',
    title: 'Children, early childhood and school',
    source: 'para 4: UPLIFT "disadvantaged students who have emerging attendance issues", and KidSTART',
  },
  {
    code: 'CAREGIVING',
    kind: 'CHILDREN_AND_CARE',
    title: 'Caregiving responsibilities',
    source: 'para 11: "often due to health issues or caregiving responsibilities"',
  },
  {
    code: 'LEGAL_AND_FAMILY_ADVICE',
    kind: 'NEEDS_SUMMARY',
    title: 'Family and legal advice needs',
    source: 'para 10: "Selected SSOs also offer access to family and legal advisory services"',
  },
] as const satisfies readonly { code: string; kind: InformationKind; title: string; source: string }[]

export type AssessmentSectionCode = (typeof ASSESSMENT_SECTIONS)[number]['code']
export const ASSESSMENT_SECTION_CODES = ASSESSMENT_SECTIONS.map((s) => s.code) as [
  AssessmentSectionCode,
  ...AssessmentSectionCode[],
]

export const ASSESSMENT_SECTION_KIND = Object.fromEntries(ASSESSMENT_SECTIONS.map((s) => [s.code, s.kind])) as Record<
  AssessmentSectionCode,
  InformationKind
>

export const ASSESSMENT_SECTION_TITLE = Object.fromEntries(ASSESSMENT_SECTIONS.map((s) => [s.code, s.title])) as Record<
  AssessmentSectionCode,
  string
>

export interface AssessmentAnswer {
  section: AssessmentSectionCode
  answer: string
  answeredAt: Date
  answeredByUserId: string
  answeredByOrganisationId: string
  /** How many times it has been revised since (by the answering agency or the lead). */
  revisions: number
}

export interface AgencyContext {
  organisationId: string
  /**
   * The family's consents, as loaded with the case. A family may give several (all kinds to the
   * lead and a health provider, fewer to a school): an agency sees a kind when any of them covers
   * it for that agency.
   */
  consents: readonly ConsentView[]
  personId: string
  at: Date
}

const SOMEONE_ELSE: ConsentProblem = {
  code: 'RECIPIENT_NOT_COVERED',
  message: 'The person has not agreed to share information with this organisation.',
}

function problemsFor(kinds: readonly InformationKind[], ctx: AgencyContext): ConsentProblem[] {
  const theirs = ctx.consents.filter((c) => c.personId === ctx.personId)
  const results = theirs.map((c) => checkConsentCovers(c, { organisationId: ctx.organisationId, kinds, at: ctx.at }))
  if (results.some((r) => r.ok)) return []
  const naming = results.flatMap((r, i) =>
    !r.ok && theirs[i]?.recipientOrganisationIds.includes(ctx.organisationId) ? r.problems : [],
  )
  const problems = naming.length > 0 ? naming : [SOMEONE_ELSE]
  const seen = new Set<string>()
  return problems.filter((p) => !seen.has(p.message) && seen.add(p.message))
}

/**
 * Why `kind` may not be shown to an agency (empty when it may): it may when `checkConsentCovers`
 * passes for that agency and kind at `at` on any of the person's consents. Otherwise the problems of
 * the consents that name the agency (expired, withdrawn, kind not covered), or, when none names it,
 * that the person has not agreed to share with it. Consents for someone else cover nothing.
 */
export function consentProblemsFor(kind: InformationKind, ctx: AgencyContext): ConsentProblem[] {
  return problemsFor([kind], ctx)
}

/** Why the agency may not take part in the case at all (no consent names it, live), or empty. */
export function consentNamesAgency(ctx: AgencyContext): ConsentProblem[] {
  return problemsFor([], ctx)
}

/** The kinds of information the family's consent lets this agency see now. */
export function visibleKindsFor(ctx: AgencyContext): InformationKind[] {
  return (Object.keys(INFORMATION_KIND_LABELS) as InformationKind[]).filter(
    (k) => consentProblemsFor(k, ctx).length === 0,
  )
}

export type SectionView =
  | { section: AssessmentSectionCode; kind: InformationKind; state: 'NOT_ANSWERED' }
  | {
      section: AssessmentSectionCode
      kind: InformationKind
      state: 'ANSWERED'
      /** The answer, or why this agency may not see it. */
      answer: string | Redacted
      answeredAt: Date
      answeredByOrganisationId: string
    }

/**
 * One section as an agency sees it. An agency always sees what it recorded itself (it asked the
 * family; a withdrawal stops further sharing, not its own record), and sees others' answers only
 * where the consent covers the section's kind for it.
 */
export function sectionFor(
  section: AssessmentSectionCode,
  answers: readonly AssessmentAnswer[],
  ctx: AgencyContext,
): SectionView {
  const kind = ASSESSMENT_SECTION_KIND[section]
  const a = answers.find((x) => x.section === section)
  if (!a) return { section, kind, state: 'NOT_ANSWERED' }
  const problems = a.answeredByOrganisationId === ctx.organisationId ? [] : consentProblemsFor(kind, ctx)
  return {
    section,
    kind,
    state: 'ANSWERED',
    answer:
      problems.length === 0
        ? a.answer
        : { redacted: true, reason: problems.map((p) => p.message).join(' ') },
    answeredAt: a.answeredAt,
    answeredByOrganisationId: a.answeredByOrganisationId,
  }
}

/** The whole assessment as an agency sees it, in template order. */
export function assessmentFor(answers: readonly AssessmentAnswer[], ctx: AgencyContext): SectionView[] {
  return ASSESSMENT_SECTION_CODES.map((s) => sectionFor(s, answers, ctx))
}

export interface AssessmentPlan {
  /** Answered and visible to this agency: read them, do not ask. */
  reuse: AssessmentSectionCode[]
  /** Not yet answered by anyone: the only sections this agency may ask the family. */
  ask: AssessmentSectionCode[]
  /**
   * Answered, but the consent does not let this agency see them: not asked again either (the family
   * has already told the case); the way to them is the family widening its consent.
   */
  withheld: { section: AssessmentSectionCode; reason: string }[]
}

/**
 * What an agency joining the work should do with each section it needs (all by default). The rule
 * that proves a family is not asked twice: a section anyone has answered is never in `ask`.
 */
export function planAssessment(
  answers: readonly AssessmentAnswer[],
  ctx: AgencyContext,
  needed: readonly AssessmentSectionCode[] = ASSESSMENT_SECTION_CODES,
): AssessmentPlan {
  const plan: AssessmentPlan = { reuse: [], ask: [], withheld: [] }
  for (const section of ASSESSMENT_SECTION_CODES.filter((s) => needed.includes(s))) {
    const view = sectionFor(section, answers, ctx)
    if (view.state === 'NOT_ANSWERED') plan.ask.push(section)
    else if (typeof view.answer === 'string') plan.reuse.push(section)
    else plan.withheld.push({ section, reason: view.answer.reason })
  }
  return plan
}
