import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Actor } from '../actor'
import { checkRouting } from '../routing/check-routing'
import {
  READINESS_SECTIONS,
  READINESS_SECTION_CODES,
  S396_COMMAND_TYPES,
  S396_OPEN_STATUSES,
  S396_STATUSES,
  S396_TRANSITIONS,
  availableS396Commands,
  decideS396,
  hasCurrentS396Approval,
  missingReadinessSections,
  mayAgreeS396Funding,
  s396NextAction,
  s396PartiesOf,
  s396Progress,
  startS396Application,
  type S396Application,
  type S396Command,
  type S396CommandType,
  type S396Status,
} from './s396-application'
import {
  APPLICANT_ORG,
  OTHER_PROVIDER_ORG,
  OT_ORG,
  TKK_L2,
  accreditation,
  actorWith,
  anonymous,
  nz,
  userIdOf,
} from './test-support'

const AT = nz('2026-03-02 10:00')

const ACTORS = {
  applicantAdmin: actorWith('applicant admin', [[APPLICANT_ORG, 'PROVIDER_ADMIN']]),
  applicantIntake: actorWith('applicant intake', [[APPLICANT_ORG, 'PROVIDER_INTAKE']]),
  otAdvisor: actorWith('ot advisor', [[OT_ORG, 'OT_OFFICER']]),
  hub: actorWith('quality hub', [[OT_ORG, 'QUALITY_HUB']]),
  otherHub: actorWith('another quality hub', [[OT_ORG, 'QUALITY_HUB']]),
  manager: actorWith('quality manager', [[OT_ORG, 'QUALITY_MANAGER']]),
  otherManager: actorWith('another quality manager', [[OT_ORG, 'QUALITY_MANAGER']]),
  dce: actorWith('dce mpc', [[OT_ORG, 'DCE_MPC']]),
  budget: actorWith('budget manager', [[OT_ORG, 'BUDGET_MANAGER']]),
  admin: actorWith('national admin', [[OT_ORG, 'NATIONAL_ADMIN']]),
  otherProvider: actorWith('other provider admin', [[OTHER_PROVIDER_ORG, 'PROVIDER_ADMIN']]),
  // Holds the delegation but also belongs to the applicant: plays no Oranga Tamariki part in it.
  conflictedDce: actorWith('conflicted dce', [
    [OT_ORG, 'DCE_MPC'],
    [APPLICANT_ORG, 'PROVIDER_INTAKE'],
  ]),
  regionalLead: actorWith('regional lead', [[OT_ORG, 'REGIONAL_LEAD']]),
} satisfies Record<string, Actor>
type ActorName = keyof typeof ACTORS

// Letters for the table: A applicant, O OT advisor, H Quality Hub, M Quality Manager, D DCE, B budget.
const LETTERS: Record<ActorName, string> = {
  applicantAdmin: 'A',
  applicantIntake: '',
  otAdvisor: 'O',
  hub: 'H',
  otherHub: 'H',
  manager: 'HM', // the Quality Manager is part of the Quality Hub (care-partner:review)
  otherManager: 'HM',
  dce: 'D',
  budget: 'B',
  admin: '',
  otherProvider: '',
  conflictedDce: '',
  regionalLead: '',
}

// The information sheet's process, written out by hand: who may do what from where.
const C = S396_COMMAND_TYPES
//            moveToReadiness capture review discussion returnToReadiness recommend endorse returnRec approve decline toQA funding withdraw
const WHO: Record<S396Status, readonly string[]> = {
  PREPARATION: ['H', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.', 'A'],
  READINESS: ['.', 'AOH', 'H', '.', '.', '.', '.', '.', '.', '.', '.', '.', 'A'],
  READINESS_REVIEWED: ['.', '.', '.', 'H', 'H', '.', '.', '.', '.', '.', '.', '.', 'A'],
  FINDINGS_DISCUSSED: ['.', '.', '.', '.', 'H', 'H', '.', '.', '.', '.', '.', '.', 'A'],
  RECOMMENDED: ['.', '.', '.', '.', '.', '.', 'M', 'M', '.', '.', '.', '.', 'A'],
  ENDORSED: ['.', '.', '.', '.', '.', '.', '.', '.', 'D', 'D', '.', '.', 'A'],
  APPROVED: ['.', '.', '.', '.', '.', '.', '.', '.', '.', '.', 'H', 'B', '.'],
  IN_QUALITY_ASSURANCE: ['.', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.', 'B', '.'],
  DECLINED: ['.', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.'],
  WITHDRAWN: ['.', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.'],
}
const TARGET: Record<S396CommandType, S396Status | 'same'> = {
  moveToReadiness: 'READINESS',
  captureReadinessSection: 'same',
  reviewReadiness: 'READINESS_REVIEWED',
  recordFindingsDiscussion: 'FINDINGS_DISCUSSED',
  returnToReadiness: 'READINESS',
  prepareRecommendation: 'RECOMMENDED',
  endorseRecommendation: 'ENDORSED',
  returnRecommendation: 'FINDINGS_DISCUSSED',
  approve: 'APPROVED',
  decline: 'DECLINED',
  transitionToQualityAssurance: 'IN_QUALITY_ASSURANCE',
  agreeFunding: 'same',
  withdraw: 'WITHDRAWN',
}

const VALID: Record<S396CommandType, S396Command> = {
  moveToReadiness: { type: 'moveToReadiness' },
  captureReadinessSection: {
    type: 'captureReadinessSection',
    section: 'MODEL_OF_CARE',
    summary: 'Whānau-based caregiving with a kaupapa Māori practice framework.',
  },
  reviewReadiness: { type: 'reviewReadiness', findings: 'Strong model of care; capacity plan needs a roster.' },
  recordFindingsDiscussion: { type: 'recordFindingsDiscussion', notes: 'Discussed kanohi ki te kanohi on 2 March.' },
  returnToReadiness: { type: 'returnToReadiness', reason: 'Capacity section needs the roster.' },
  prepareRecommendation: {
    type: 'prepareRecommendation',
    recommendation: 'APPROVE',
    rationale: 'Readiness shows a sound model of care.',
  },
  endorseRecommendation: { type: 'endorseRecommendation', note: 'Endorsed.' },
  returnRecommendation: { type: 'returnRecommendation', reason: 'Rationale does not address s7AA.' },
  approve: { type: 'approve' },
  decline: { type: 'decline', reason: 'Capacity is not yet sufficient for shared care.' },
  transitionToQualityAssurance: { type: 'transitionToQualityAssurance' },
  agreeFunding: { type: 'agreeFunding', reference: 'OA-2026-0042' },
  withdraw: { type: 'withdraw', reason: 'The board has paused the expansion.' },
}

const rec = (actor: Actor, at = nz('2026-02-20 09:00')) => ({ at, byUserId: userIdOf(actor) })

function allSections(by: Actor = ACTORS.applicantAdmin) {
  return READINESS_SECTION_CODES.map((section) => ({
    ...rec(by),
    section,
    summary: `About ${section}`,
    party: 'APPLICANT' as const,
  }))
}

/** An application in `status`, with everything earlier steps would have recorded (by other people). */
function applicationIn(status: S396Status, over: Partial<S396Application> = {}): S396Application {
  const later = (s: S396Status) => S396_STATUSES.indexOf(status) >= S396_STATUSES.indexOf(s)
  return {
    id: 'app-1',
    organisationId: APPLICANT_ORG,
    status,
    organisationAccreditations: [TKK_L2],
    startedAt: nz('2026-02-01 09:00'),
    startedByUserId: userIdOf(ACTORS.applicantAdmin),
    readiness: later('READINESS') ? allSections() : [],
    review: later('READINESS_REVIEWED') ? { ...rec(ACTORS.otherHub), findings: 'f' } : null,
    findingsDiscussion: later('FINDINGS_DISCUSSED') ? { ...rec(ACTORS.otherHub), notes: 'n' } : null,
    recommendation: later('RECOMMENDED')
      ? { ...rec(ACTORS.otherHub), recommendation: 'APPROVE', rationale: 'r' }
      : null,
    endorsement: later('ENDORSED') ? { ...rec(ACTORS.manager), note: null } : null,
    decision: null,
    qualityAssuranceFrom: null,
    fundingAgreements: [],
    withdrawal: null,
    history: [],
    ...over,
  }
}

const cells = S396_STATUSES.flatMap((status) =>
  C.flatMap((command, i) =>
    (Object.keys(ACTORS) as ActorName[]).map((who) => ({
      status,
      command,
      who,
      allowed: [...(WHO[status][i] ?? '.')].some((l) => LETTERS[who].includes(l)),
    })),
  ),
)

describe('decideS396: every status × command × actor', () => {
  it(`covers ${cells.length} cases`, () => {
    expect(cells).toHaveLength(S396_STATUSES.length * C.length * Object.keys(ACTORS).length)
  })

  it.each(cells)('$status / $command / $who', ({ status, command, who, allowed }) => {
    const app = applicationIn(status)
    const d = decideS396(app, VALID[command], ACTORS[who], AT)
    if (allowed) {
      expect(d.ok).toBe(true)
      if (!d.ok) return
      const target = TARGET[command]
      expect(d.application.status).toBe(target === 'same' ? status : target)
      expect(d.event).toMatchObject({ type: command, from: status, byUserId: userIdOf(ACTORS[who]), at: AT })
      expect(d.application.history).toEqual([d.event])
      expect(d.accreditation !== null).toBe(command === 'approve')
      return
    }
    expect(d.ok).toBe(false)
    if (d.ok) return
    const i = C.indexOf(command)
    const mayEver = S396_STATUSES.some((s) =>
      [...(WHO[s][i] ?? '.')].some((l) => LETTERS[who].includes(l)),
    )
    const fromHereRow = (WHO[status][i] ?? '.') !== '.'
    expect(d.error.code).toBe(!mayEver ? 'FORBIDDEN' : fromHereRow ? 'FORBIDDEN' : 'CONFLICT')
  })

  it.each(S396_STATUSES)('availableS396Commands in %s is exactly the table, for every actor', (status) => {
    for (const who of Object.keys(ACTORS) as ActorName[]) {
      const expected = C.filter((_, i) =>
        [...(WHO[status][i] ?? '.')].some((l) => LETTERS[who].includes(l)),
      )
      expect(availableS396Commands(applicationIn(status), ACTORS[who], AT), who).toEqual(expected)
    }
  })

  it('refuses anonymous callers everything', () => {
    for (const status of S396_STATUSES) {
      expect(availableS396Commands(applicationIn(status), anonymous, AT)).toEqual([])
      for (const c of C) {
        const d = decideS396(applicationIn(status), VALID[c], anonymous, AT)
        expect(d.ok ? null : d.error.code).toBe('UNAUTHENTICATED')
      }
    }
  })
})

describe('S396_TRANSITIONS', () => {
  it('has exactly the rows of the hand-written table', () => {
    const byLetter: Record<string, string> = {
      A: 'APPLICANT',
      O: 'OT_ADVISOR',
      H: 'QUALITY_HUB',
      M: 'QUALITY_MANAGER',
      D: 'DCE_MPC',
      B: 'BUDGET_MANAGER',
    }
    const fromTable = S396_TRANSITIONS.map((r) => `${r.from} ${r.command} ${[...r.by].sort().join(',')}`).sort()
    const fromSpec = S396_STATUSES.flatMap((s) =>
      C.map((c, i) => [c, WHO[s][i] ?? '.'] as const)
        .filter(([, w]) => w !== '.')
        .map(([c, w]) => `${s} ${c} ${[...w].map((l) => byLetter[l]).sort().join(',')}`),
    ).sort()
    expect(fromTable).toEqual(fromSpec)
  })

  it('has one row per (status, command); only open statuses have a way out', () => {
    const keys = S396_TRANSITIONS.map((r) => `${r.from}/${r.command}`)
    expect(new Set(keys).size).toBe(keys.length)
    for (const s of S396_STATUSES) {
      const open = (S396_OPEN_STATUSES as readonly string[]).includes(s)
      // Approved partners in the QA cycle may still have funding agreed; nothing else moves them.
      const hasExit = S396_TRANSITIONS.some((r) => r.from === s && r.to !== s)
      expect(hasExit, s).toBe(open)
    }
  })

  it('lets only the DCE approve, from ENDORSED only, with the accreditation gate', () => {
    const approvals = S396_TRANSITIONS.filter((r) => r.to === 'APPROVED' && r.from !== 'APPROVED')
    expect(approvals).toEqual([
      { from: 'ENDORSED', command: 'approve', to: 'APPROVED', by: ['DCE_MPC'], gates: ['TE_KAHUI_KAHU', 'NOT_ENDORSER'] },
    ])
  })

  it('reaches every status from PREPARATION', () => {
    const seen = new Set<S396Status>(['PREPARATION'])
    let grew = true
    while (grew) {
      grew = false
      for (const r of S396_TRANSITIONS) {
        if (seen.has(r.from) && !seen.has(r.to)) {
          seen.add(r.to)
          grew = true
        }
      }
    }
    expect([...seen].sort()).toEqual([...S396_STATUSES].sort())
  })
})

describe('s396PartiesOf', () => {
  it.each([
    ['applicant admin', ACTORS.applicantAdmin, APPLICANT_ORG, ['APPLICANT']],
    ['applicant intake (not an administrator)', ACTORS.applicantIntake, APPLICANT_ORG, []],
    ['another provider’s admin', ACTORS.otherProvider, APPLICANT_ORG, []],
    ['OT advisor', ACTORS.otAdvisor, APPLICANT_ORG, ['OT_ADVISOR']],
    ['Quality Hub', ACTORS.hub, APPLICANT_ORG, ['QUALITY_HUB']],
    ['Quality Manager', ACTORS.manager, APPLICANT_ORG, ['QUALITY_HUB', 'QUALITY_MANAGER']],
    ['another Quality Manager', ACTORS.otherManager, APPLICANT_ORG, ['QUALITY_HUB', 'QUALITY_MANAGER']],
    ['DCE', ACTORS.dce, APPLICANT_ORG, ['DCE_MPC']],
    ['budget manager', ACTORS.budget, APPLICANT_ORG, ['BUDGET_MANAGER']],
    ['national admin', ACTORS.admin, APPLICANT_ORG, []],
    ['DCE who belongs to the applicant', ACTORS.conflictedDce, APPLICANT_ORG, []],
    ['anonymous', anonymous, APPLICANT_ORG, []],
  ] as const)('%s', (_what, actor, org, parties) => {
    expect(s396PartiesOf(actor, org)).toEqual(parties)
  })
})

describe('step one: preparation needs a current Te Kāhui Kāhu accreditation', () => {
  const start = (accreditations = [TKK_L2], actor: Actor = ACTORS.applicantAdmin, at = AT) =>
    startS396Application({
      applicationId: 'app-1',
      organisationId: APPLICANT_ORG,
      organisationAccreditations: accreditations,
      actor,
      at,
    })

  it.each([
    ['Level 1, active', [accreditation({ scheme: 'TE_KAHUI_KAHU', level: 1 })], null],
    ['Level 2, active', [TKK_L2], null],
    ['Level 1, provisional', [accreditation({ scheme: 'TE_KAHUI_KAHU', status: 'PROVISIONAL' })], null],
    ['open-ended', [accreditation({ scheme: 'TE_KAHUI_KAHU', validTo: null })], null],
    ['none at all', [], 'MISSING_ACCREDITATION'],
    ['only MSD accreditation', [accreditation({ scheme: 'MSD_SSAS', level: 3 })], 'MISSING_ACCREDITATION'],
    ['expired the day before', [accreditation({ scheme: 'TE_KAHUI_KAHU', validTo: nz('2026-03-01 00:00') })], 'ACCREDITATION_EXPIRED'],
    ['expiring at this very instant', [accreditation({ scheme: 'TE_KAHUI_KAHU', validTo: AT })], 'ACCREDITATION_EXPIRED'],
    ['not valid until next month', [accreditation({ scheme: 'TE_KAHUI_KAHU', validFrom: nz('2026-04-01 00:00') })], 'ACCREDITATION_NOT_YET_VALID'],
    ['suspended', [accreditation({ scheme: 'TE_KAHUI_KAHU', status: 'SUSPENDED' })], 'ACCREDITATION_SUSPENDED'],
    ['revoked', [accreditation({ scheme: 'TE_KAHUI_KAHU', status: 'REVOKED' })], 'MISSING_ACCREDITATION'],
    [
      'active Level 2 but a current suspension',
      [TKK_L2, accreditation({ scheme: 'TE_KAHUI_KAHU', level: 1, status: 'SUSPENDED' })],
      'ACCREDITATION_SUSPENDED',
    ],
  ] as const)('%s', (_what, accreditations, code) => {
    const d = start([...accreditations])
    if (code === null) {
      expect(d.ok).toBe(true)
      return
    }
    expect(d.ok).toBe(false)
    if (d.ok) return
    expect(d.error.code).toBe('CONFLICT')
    expect(d.error.message).toMatch(/^A current Te Kāhui Kāhu Level 1 or Level 2 accreditation is needed to start/)
    expect(d.error.details?.map((x) => x.code)).toContain(code)
  })

  it('notifies the MPC National Quality Hub and Te Kāhui Kāhu, and nobody else', () => {
    const d = start()
    expect(d.ok).toBe(true)
    if (!d.ok) return
    expect(d.notifications.map((n) => n.to)).toEqual([
      { kind: 'ROLE', role: 'QUALITY_HUB' },
      { kind: 'EXTERNAL', body: 'TE_KAHUI_KAHU' },
    ])
    expect(d.application).toMatchObject({ status: 'PREPARATION', organisationId: APPLICANT_ORG, startedAt: AT })
    expect(d.event).toMatchObject({ type: 'start', from: null, to: 'PREPARATION', party: 'APPLICANT' })
  })

  it.each([
    ['the organisation’s administrator', ACTORS.applicantAdmin, true],
    ['an OT advisor supporting it', ACTORS.otAdvisor, true],
    ['the Quality Hub', ACTORS.hub, true],
    ['its intake staff', ACTORS.applicantIntake, false],
    ['another provider', ACTORS.otherProvider, false],
    ['the DCE', ACTORS.dce, false],
    ['a budget manager', ACTORS.budget, false],
    ['anonymous', anonymous, false],
  ] as const)('may be started by %s: %s', (_what, actor, ok) => {
    expect(start([TKK_L2], actor).ok).toBe(ok)
  })

  it('refuses an organisation that is already an approved care partner', () => {
    const d = start([TKK_L2, accreditation({ scheme: 'OT_S396', validTo: null })])
    expect(d.ok ? null : d.error.code).toBe('CONFLICT')
  })

  it('refuses a malformed organisation id', () => {
    const d = startS396Application({
      applicationId: 'app-1',
      organisationId: 'not-a-uuid',
      organisationAccreditations: [TKK_L2],
      actor: ACTORS.hub,
      at: AT,
    })
    expect(d.ok ? null : d.error.field).toBe('organisationId')
  })

  it('done when: an organisation without Te Kāhui Kāhu accreditation cannot start step 2', () => {
    // Started while accredited; the accreditation lapses before the Quality Hub moves it on.
    const lapsed = accreditation({ scheme: 'TE_KAHUI_KAHU', validTo: nz('2026-03-01 00:00') })
    const app = applicationIn('PREPARATION', { organisationAccreditations: [lapsed] })
    expect(availableS396Commands(app, ACTORS.hub, AT)).toEqual([])
    const d = decideS396(app, { type: 'moveToReadiness' }, ACTORS.hub, AT)
    expect(d.ok).toBe(false)
    if (d.ok) return
    expect(d.error.code).toBe('CONFLICT')
    expect(d.error.message).toContain('move an application to care partner readiness')
    expect(d.error.message).toContain('expired on 1 March 2026')
    // The same application, a day earlier, could move.
    expect(decideS396(app, { type: 'moveToReadiness' }, ACTORS.hub, nz('2026-02-28 10:00')).ok).toBe(true)
  })
})

describe('step two: readiness', () => {
  it('lists the template’s sections, each citing the information sheet', () => {
    expect(READINESS_SECTION_CODES).toHaveLength(8)
    expect(new Set(READINESS_SECTION_CODES).size).toBe(8)
    for (const s of READINESS_SECTIONS) expect(s.source.length).toBeGreaterThan(10)
  })

  it('refuses the review until every section is captured, naming the missing ones', () => {
    const partial = applicationIn('READINESS', { readiness: allSections().slice(0, 6) })
    expect(missingReadinessSections(partial)).toEqual(['SECTION_7AA', 'LOCAL_AND_REGIONAL_RELATIONSHIPS'])
    expect(availableS396Commands(partial, ACTORS.hub, AT)).toEqual(['captureReadinessSection'])
    const d = decideS396(partial, VALID.reviewReadiness, ACTORS.hub, AT)
    expect(d.ok).toBe(false)
    if (d.ok) return
    expect(d.error.code).toBe('CONFLICT')
    expect(d.error.message).toBe(
      'Every readiness section must be captured before the review; still to capture: ' +
        'Section 7AA of the Oranga Tamariki Act 1989; Relationships with Oranga Tamariki locally and regionally.',
    )
  })

  it('captures a section again by replacing it, keeping the history', () => {
    const app = applicationIn('READINESS')
    const d = decideS396(
      app,
      { type: 'captureReadinessSection', section: 'CAPACITY', summary: 'Now with a roster of 12 caregivers.' },
      ACTORS.otAdvisor,
      AT,
    )
    expect(d.ok).toBe(true)
    if (!d.ok) return
    const capacity = d.application.readiness.filter((r) => r.section === 'CAPACITY')
    expect(capacity).toEqual([
      { at: AT, byUserId: userIdOf(ACTORS.otAdvisor), section: 'CAPACITY', summary: 'Now with a roster of 12 caregivers.', party: 'OT_ADVISOR' },
    ])
    expect(d.application.readiness).toHaveLength(READINESS_SECTION_CODES.length)
    expect(d.event.section).toBe('CAPACITY')
  })

  it('tells the Quality Hub when the last section is captured, and not before', () => {
    const missingOne = applicationIn('READINESS', { readiness: allSections().slice(1) })
    const capture = (app: S396Application) =>
      decideS396(
        app,
        { type: 'captureReadinessSection', section: READINESS_SECTION_CODES[0], summary: 'Aspirations.' },
        ACTORS.applicantAdmin,
        AT,
      )
    const last = capture(missingOne)
    expect(last.ok && last.notifications.map((n) => n.to)).toEqual([{ kind: 'ROLE', role: 'QUALITY_HUB' }])
    const again = capture(applicationIn('READINESS'))
    expect(again.ok && again.notifications).toEqual([])
  })

  it('returning to readiness clears the review and the discussion', () => {
    const d = decideS396(applicationIn('FINDINGS_DISCUSSED'), VALID.returnToReadiness, ACTORS.hub, AT)
    expect(d.ok && { status: d.application.status, review: d.application.review, disc: d.application.findingsDiscussion }).toEqual({
      status: 'READINESS',
      review: null,
      disc: null,
    })
  })
})

describe('step three: approval only by the DCE Māori, Partnerships and Communities', () => {
  const endorsed = applicationIn('ENDORSED')

  it.each(
    (Object.keys(ACTORS) as ActorName[]).filter((n) => n !== 'dce').map((n) => [n] as const),
  )('%s cannot approve, and is told who can', (who) => {
    const d = decideS396(endorsed, { type: 'approve' }, ACTORS[who], AT)
    expect(d.ok).toBe(false)
    if (d.ok) return
    expect(d.error.code).toBe('FORBIDDEN')
    expect(d.error.message).toBe(
      'Only the DCE Māori, Partnerships and Communities (who alone holds the s396 delegation) may approve an s396 care partner.',
    )
  })

  it('done when: a Quality Manager cannot approve; the DCE can, and the organisation becomes routable for s396 services', () => {
    expect(availableS396Commands(endorsed, ACTORS.manager, AT)).toEqual([])
    expect(decideS396(endorsed, { type: 'approve' }, ACTORS.manager, AT).ok).toBe(false)

    const d = decideS396(endorsed, { type: 'approve', note: 'Welcome.' }, ACTORS.dce, AT)
    expect(d.ok).toBe(true)
    if (!d.ok) return
    expect(d.application.status).toBe('APPROVED')
    expect(d.application.decision).toEqual({ at: AT, byUserId: userIdOf(ACTORS.dce), outcome: 'APPROVED', reason: 'Welcome.' })
    expect(d.accreditation).toEqual({
      organisationId: APPLICANT_ORG,
      scheme: 'OT_S396',
      level: null,
      status: 'ACTIVE',
      validFrom: AT,
      validTo: null,
      evidenceNote: 's396 care partner application app-1, approved by the DCE Māori, Partnerships and Communities',
      recordedById: userIdOf(ACTORS.dce),
    })
    expect(d.notifications.map((n) => n.to)).toEqual([
      { kind: 'ORGANISATION', organisationId: APPLICANT_ORG },
      { kind: 'ROLE', role: 'QUALITY_HUB' },
      { kind: 'ROLE', role: 'BUDGET_MANAGER' },
    ])

    // The routing rule (referral issue) honours the grant as it stands.
    const grant = d.accreditation!
    const service = {
      name: 'Shared care',
      status: 'ACTIVE' as const,
      capacityStatus: 'ACCEPTING' as const,
      nationwide: true,
      regionIds: [],
      territorialAuthorityIds: [],
      requiredAccreditations: [{ scheme: 'OT_S396' as const, minimumLevel: null }],
    }
    const person = { regionId: '09', territorialAuthorityId: null }
    const later = nz('2026-03-03 09:00')
    expect(checkRouting({ service, providerAccreditations: [TKK_L2], person, at: later }).allowed).toBe(false)
    expect(checkRouting({ service, providerAccreditations: [TKK_L2, grant], person, at: later })).toEqual({ allowed: true })
    expect(hasCurrentS396Approval([grant], later)).toBe(true)
    expect(hasCurrentS396Approval([grant], nz('2026-03-02 09:59'))).toBe(false)
  })

  it('records a refusal to approve as a decision, with its reason', () => {
    const d = decideS396(endorsed, VALID.decline, ACTORS.dce, AT)
    expect(d.ok).toBe(true)
    if (!d.ok) return
    expect(d.application.status).toBe('DECLINED')
    expect(d.application.decision).toEqual({
      at: AT,
      byUserId: userIdOf(ACTORS.dce),
      outcome: 'DECLINED',
      reason: 'Capacity is not yet sufficient for shared care.',
    })
    expect(d.accreditation).toBeNull()
    expect(d.event).toMatchObject({ type: 'decline', party: 'DCE_MPC', note: 'Capacity is not yet sufficient for shared care.' })
    expect(d.notifications.map((n) => n.to)).toEqual([
      { kind: 'ORGANISATION', organisationId: APPLICANT_ORG },
      { kind: 'ROLE', role: 'QUALITY_HUB' },
    ])
  })

  it('needs a reason to decline', () => {
    const d = decideS396(endorsed, { type: 'decline', reason: '  ' } as S396Command, ACTORS.dce, AT)
    expect(d.ok ? null : [d.error.code, d.error.message]).toEqual([
      'VALIDATION_FAILED',
      'reason: reason is required to decline an application',
    ])
  })

  it('refuses approval when the Te Kāhui Kāhu accreditation has lapsed by then', () => {
    const app = applicationIn('ENDORSED', {
      organisationAccreditations: [accreditation({ scheme: 'TE_KAHUI_KAHU', validTo: nz('2026-03-01 00:00') })],
    })
    expect(availableS396Commands(app, ACTORS.dce, AT)).toEqual(['decline'])
    const d = decideS396(app, { type: 'approve' }, ACTORS.dce, AT)
    expect(d.ok ? null : d.error.code).toBe('CONFLICT')
  })

  it('refuses to progress to the approval phase without accreditation', () => {
    const app = applicationIn('FINDINGS_DISCUSSED', { organisationAccreditations: [] })
    expect(availableS396Commands(app, ACTORS.hub, AT)).toEqual(['returnToReadiness'])
    const d = decideS396(app, VALID.prepareRecommendation, ACTORS.hub, AT)
    expect(d.ok ? null : d.error.details?.[0]?.code).toBe('MISSING_ACCREDITATION')
  })

  it('needs a second person to endorse, and a third to approve', () => {
    // The Quality Manager prepared the recommendation as part of the hub: someone else endorses.
    const preparedByManager = applicationIn('RECOMMENDED', {
      recommendation: { ...rec(ACTORS.manager), recommendation: 'APPROVE', rationale: 'r' },
    })
    expect(availableS396Commands(preparedByManager, ACTORS.manager, AT)).toEqual(['returnRecommendation'])
    const d = decideS396(preparedByManager, VALID.endorseRecommendation, ACTORS.manager, AT)
    expect(d.ok ? null : [d.error.code, d.error.message]).toEqual([
      'FORBIDDEN',
      'The recommendation must be endorsed by someone other than who prepared it.',
    ])

    // Someone holding both the manager's role and the delegation may not approve what they endorsed.
    const both = actorWith('manager and dce', [
      [OT_ORG, 'QUALITY_MANAGER'],
      [OT_ORG, 'DCE_MPC'],
    ])
    const endorsedByBoth = applicationIn('ENDORSED', { endorsement: { ...rec(both), note: null } })
    expect(availableS396Commands(endorsedByBoth, both, AT)).toEqual(['decline'])
    const a = decideS396(endorsedByBoth, { type: 'approve' }, both, AT)
    expect(a.ok ? null : a.error.code).toBe('FORBIDDEN')
    expect(decideS396(endorsedByBoth, { type: 'approve' }, ACTORS.dce, AT).ok).toBe(true)
  })
})

describe('funding and step four', () => {
  it.each(S396_STATUSES)('a budget manager may agree funding in %s only once approved', (status) => {
    const d = decideS396(applicationIn(status), VALID.agreeFunding, ACTORS.budget, AT)
    const approved = status === 'APPROVED' || status === 'IN_QUALITY_ASSURANCE'
    expect(mayAgreeS396Funding({ status })).toBe(approved)
    expect(d.ok).toBe(approved)
    if (d.ok) {
      expect(d.application.fundingAgreements).toEqual([
        { at: AT, byUserId: userIdOf(ACTORS.budget), reference: 'OA-2026-0042', note: null },
      ])
      expect(d.notifications.map((n) => n.to)).toEqual([{ kind: 'ORGANISATION', organisationId: APPLICANT_ORG }])
    } else {
      expect(d.error.code).toBe('CONFLICT')
      expect(d.error.message).toMatch(/^Cannot agree funding: the application is /)
    }
  })

  it('transitions the approved partner into the Quality Assurance cycle', () => {
    const d = decideS396(applicationIn('APPROVED'), VALID.transitionToQualityAssurance, ACTORS.hub, AT)
    expect(d.ok && d.application.qualityAssuranceFrom).toEqual(AT)
    expect(d.ok && s396NextAction(d.application)).toBeNull()
  })
})

describe('s396NextAction', () => {
  it.each([
    ['PREPARATION', 1, 'QUALITY_HUB', 'moveToReadiness'],
    ['READINESS', 2, 'QUALITY_HUB', 'reviewReadiness'],
    ['READINESS_REVIEWED', 2, 'QUALITY_HUB', 'recordFindingsDiscussion'],
    ['FINDINGS_DISCUSSED', 2, 'QUALITY_HUB', 'prepareRecommendation'],
    ['RECOMMENDED', 3, 'QUALITY_MANAGER', 'endorseRecommendation'],
    ['ENDORSED', 3, 'DCE_MPC', 'approve'],
    ['APPROVED', 4, 'QUALITY_HUB', 'transitionToQualityAssurance'],
  ] as const)('%s: step %i, %s to %s', (status, step, role, command) => {
    expect(s396NextAction(applicationIn(status))).toMatchObject({ step, role, command, organisationId: null })
  })

  it.each(['IN_QUALITY_ASSURANCE', 'DECLINED', 'WITHDRAWN'] as const)('%s: nobody', (status) => {
    expect(s396NextAction(applicationIn(status))).toBeNull()
  })

  it('is the applicant while readiness sections are missing, naming them', () => {
    const next = s396NextAction(applicationIn('READINESS', { readiness: [] }))
    expect(next).toMatchObject({ step: 2, party: 'APPLICANT', role: 'PROVIDER_ADMIN', organisationId: APPLICANT_ORG })
    expect(next?.summary).toContain('Model of care')
  })

  it('names a command the holder could apply (when gates allow)', () => {
    for (const status of S396_STATUSES) {
      const next = s396NextAction(applicationIn(status))
      if (!next) continue
      const holder = {
        APPLICANT: ACTORS.applicantAdmin,
        QUALITY_HUB: ACTORS.hub,
        QUALITY_MANAGER: ACTORS.manager,
        DCE_MPC: ACTORS.dce,
        OT_ADVISOR: ACTORS.otAdvisor,
        BUDGET_MANAGER: ACTORS.budget,
      }[next.party]
      expect(availableS396Commands(applicationIn(status), holder, AT), status).toContain(next.command)
    }
  })
})

describe('s396Progress', () => {
  it.each([
    ['PREPARATION', ['CURRENT', 'NOT_STARTED', 'NOT_STARTED', 'NOT_STARTED']],
    ['FINDINGS_DISCUSSED', ['DONE', 'CURRENT', 'NOT_STARTED', 'NOT_STARTED']],
    ['ENDORSED', ['DONE', 'DONE', 'CURRENT', 'NOT_STARTED']],
    ['APPROVED', ['DONE', 'DONE', 'DONE', 'CURRENT']],
    ['IN_QUALITY_ASSURANCE', ['DONE', 'DONE', 'DONE', 'DONE']],
    ['DECLINED', ['DONE', 'DONE', 'STOPPED', 'NOT_STARTED']],
  ] as const)('%s', (status, states) => {
    expect(s396Progress(applicationIn(status)).map((p) => p.state)).toEqual(states)
  })

  it('shows a withdrawal at the step it happened', () => {
    const d = decideS396(applicationIn('READINESS_REVIEWED'), VALID.withdraw, ACTORS.applicantAdmin, AT)
    expect(d.ok && s396Progress(d.application).map((p) => p.state)).toEqual([
      'DONE',
      'STOPPED',
      'NOT_STARTED',
      'NOT_STARTED',
    ])
  })
})

describe('decideS396: what a command must carry', () => {
  it.each([
    ['READINESS', { type: 'captureReadinessSection', section: 'HOBBIES', summary: 'x' }, ACTORS.hub, 'section'],
    ['READINESS', { type: 'captureReadinessSection', section: 'CAPACITY', summary: '' }, ACTORS.hub, 'summary'],
    ['READINESS', { type: 'reviewReadiness' }, ACTORS.hub, 'findings'],
    ['FINDINGS_DISCUSSED', { type: 'prepareRecommendation', recommendation: 'MAYBE', rationale: 'r' }, ACTORS.hub, 'recommendation'],
    ['FINDINGS_DISCUSSED', { type: 'prepareRecommendation', recommendation: 'APPROVE' }, ACTORS.hub, 'rationale'],
    ['APPROVED', { type: 'agreeFunding', reference: '' }, ACTORS.budget, 'reference'],
    ['RECOMMENDED', { type: 'withdraw' }, ACTORS.applicantAdmin, 'reason'],
  ] as const)('%s %j', (status, command, actor, field) => {
    const d = decideS396(applicationIn(status), command as unknown as S396Command, actor, AT)
    expect(d.ok ? null : [d.error.code, d.error.field]).toEqual(['VALIDATION_FAILED', field])
  })

  it('refuses an unknown command type', () => {
    const d = decideS396(applicationIn('READINESS'), { type: 'fastTrack' } as unknown as S396Command, ACTORS.dce, AT)
    expect(d.ok ? null : [d.error.code, d.error.field]).toEqual(['VALIDATION_FAILED', 'type'])
  })
})

describe('a whole application, start to the Quality Assurance cycle', () => {
  it('moves through all four steps with the right people and messages', () => {
    const s = startS396Application({
      applicationId: 'app-1',
      organisationId: APPLICANT_ORG,
      organisationAccreditations: [TKK_L2],
      actor: ACTORS.otAdvisor,
      at: nz('2026-02-02 09:00'),
    })
    if (!s.ok) throw s.error
    let app = s.application
    const step = (command: S396Command, actor: Actor, at: string) => {
      const d = decideS396(app, command, actor, nz(at))
      if (!d.ok) throw d.error
      app = d.application
      return d.notifications.map((n) => (n.to.kind === 'ROLE' ? n.to.role : n.to.kind))
    }
    expect(step({ type: 'moveToReadiness' }, ACTORS.hub, '2026-02-03 09:00')).toEqual(['ORGANISATION'])
    for (const section of READINESS_SECTION_CODES) {
      step({ type: 'captureReadinessSection', section, summary: `About ${section}` }, ACTORS.applicantAdmin, '2026-02-10 09:00')
    }
    expect(step(VALID.reviewReadiness, ACTORS.hub, '2026-02-17 09:00')).toEqual(['ORGANISATION', 'QUALITY_HUB'])
    step(VALID.recordFindingsDiscussion, ACTORS.hub, '2026-02-18 09:00')
    expect(step(VALID.prepareRecommendation, ACTORS.hub, '2026-02-19 09:00')).toEqual(['ORGANISATION', 'QUALITY_MANAGER'])
    expect(step(VALID.endorseRecommendation, ACTORS.manager, '2026-02-20 09:00')).toEqual(['ORGANISATION', 'DCE_MPC'])
    expect(step({ type: 'approve' }, ACTORS.dce, '2026-02-23 09:00')).toEqual(['ORGANISATION', 'QUALITY_HUB', 'BUDGET_MANAGER'])
    step(VALID.agreeFunding, ACTORS.budget, '2026-02-24 09:00')
    expect(step(VALID.transitionToQualityAssurance, ACTORS.hub, '2026-02-25 09:00')).toEqual(['ORGANISATION'])
    expect(app.status).toBe('IN_QUALITY_ASSURANCE')
    expect(app.history.map((e) => e.type)).toEqual([
      'start',
      'moveToReadiness',
      ...READINESS_SECTION_CODES.map(() => 'captureReadinessSection'),
      'reviewReadiness',
      'recordFindingsDiscussion',
      'prepareRecommendation',
      'endorseRecommendation',
      'approve',
      'agreeFunding',
      'transitionToQualityAssurance',
    ])
  })
})

describe('decideS396: properties', () => {
  const actorNames = Object.keys(ACTORS) as ActorName[]
  const arbStep = fc.record({
    who: fc.constantFrom(...actorNames),
    pick: fc.nat(),
    fromOffered: fc.boolean(),
    section: fc.constantFrom(...READINESS_SECTION_CODES),
    minutes: fc.integer({ min: 1, max: 60 * 24 * 30 }),
    lapse: fc.integer({ min: 0, max: 7 }),
  })

  it('a command succeeds exactly when availableS396Commands offers it; failures change nothing', () => {
    fc.assert(
      fc.property(fc.option(fc.constantFrom(...S396_STATUSES)), fc.array(arbStep, { minLength: 1, maxLength: 40 }), (initial, steps) => {
        // Walks begin in every status (as earlier steps would have left it) and from a fresh start.
        let app =
          initial === null
            ? (() => {
                const start = startS396Application({
                  applicationId: 'app-p',
                  organisationId: APPLICANT_ORG,
                  organisationAccreditations: [TKK_L2],
                  actor: ACTORS.applicantAdmin,
                  at: nz('2026-01-05 09:00'),
                })
                if (!start.ok) throw start.error
                return start.application
              })()
            : applicationIn(initial)
        let at = nz('2026-01-05 09:00').getTime()
        for (const s of steps) {
          at += s.minutes * 60_000
          // Sometimes the accreditation lapses for a while: every gate must notice.
          const accreditations = s.lapse === 0 ? [] : [TKK_L2]
          const current = { ...app, organisationAccreditations: accreditations }
          // Half the time pick among what anyone is offered, so walks get deep into the process.
          const pairs = actorNames.flatMap((n) =>
            availableS396Commands(current, ACTORS[n], new Date(at)).map((c) => [n, c] as const),
          )
          // Mostly the next action, sometimes anything offered, sometimes anything at all.
          const next = s396NextAction(current)
          const forward = pairs.filter(([, c]) => c === next?.command)
          const sideways = pairs.filter(([, c]) => c !== next?.command)
          const [who, type] =
            s.fromOffered && forward.length > 0 && s.pick % 8 !== 0
              ? forward[s.pick % forward.length]!
              : s.fromOffered && sideways.length > 0
                ? sideways[s.pick % sideways.length]!
                : ([s.who, C[s.pick % C.length]!] as const)
          const actor = ACTORS[who]
          const offeredNow = availableS396Commands(current, actor, new Date(at))
          const missing = missingReadinessSections(current)
          const section = missing.length > 0 && s.pick % 3 !== 0 ? missing[0]! : s.section
          const command =
            type === 'captureReadinessSection' ? { ...VALID.captureReadinessSection, section } : VALID[type]
          const offered = offeredNow.includes(type)
          const d = decideS396(current, command, actor, new Date(at))
          expect(d.ok).toBe(offered)
          if (!d.ok) continue
          const transition = S396_TRANSITIONS.find((r) => r.from === current.status && r.command === type)
          expect(transition).toBeDefined()
          expect(d.application.status).toBe(transition?.to)
          expect(d.application.history).toHaveLength(current.history.length + 1)
          expect(d.accreditation !== null).toBe(type === 'approve')
          if (d.application.status === 'APPROVED' && current.status !== 'APPROVED') expect(who).toBe('dce')
          app = { ...d.application, organisationAccreditations: [TKK_L2] }
        }
        // Whatever happened, an approval in the history was the DCE's, endorsed by someone else.
        const approval = app.history.find((e) => e.type === 'approve')
        if (approval) {
          expect(approval.byUserId).toBe(userIdOf(ACTORS.dce))
          expect(app.endorsement).not.toBeNull()
          expect(app.endorsement?.byUserId).not.toBe(approval.byUserId)
        }
        // From a fresh start, funding was only ever agreed after approval.
        const funding = app.history.findIndex((e) => e.type === 'agreeFunding')
        if (initial === null && funding >= 0) expect(app.history.findIndex((e) => e.type === 'approve')).toBeLessThan(funding)
      }),
      { numRuns: 400 },
    )
  })
})
