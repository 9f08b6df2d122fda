import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Actor } from '../actor'
import type { ConsentView } from '../consent/coverage'
import { isRedacted } from '../consent/coverage'
import { actorWith, anonymous, nz, userIdOf } from '../care-partners/test-support'
import {
  ASSESSMENT_SECTIONS,
  ASSESSMENT_SECTION_CODES,
  planAssessment,
  sectionFor,
  visibleKindsFor,
  type AssessmentAnswer,
  type AssessmentSectionCode,
} from './shared-assessment'
import {
  CASE_COMMAND_TYPES,
  CASE_STATUSES,
  CASE_TRANSITIONS,
  availableCaseCommands,
  caseActionsDue,
  caseViewFor,
  decideCase,
  openSharedCase,
  overdueCaseActions,
  type CaseCommand,
  type CaseCommandType,
  type CaseStatus,
  type SharedCase,
} from './shared-case'

const LEAD = '01900000-0000-7000-8000-0000000cc001' // e.g. the Social Service Office
const HEALTH = '01900000-0000-7000-8000-0000000cc002' // a health provider
const SCHOOL = '01900000-0000-7000-8000-0000000cc003' // the tamariki's school
const NEWCOMER = '01900000-0000-7000-8000-0000000cc004' // named in the consent, not yet a member
const STRANGER = '01900000-0000-7000-8000-0000000cc005' // named in no consent
const PERSON = '01900000-0000-7000-8000-0000000cc0aa'
const uuid = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`

const AT = nz('2026-05-04 10:00')

const people = {
  lead: actorWith('lead officer', [[LEAD, 'COMMUNITY_CONNECTOR']], uuid(901)),
  lead2: actorWith('second lead officer', [[LEAD, 'COMMUNITY_CONNECTOR']], uuid(902)),
  health: actorWith('health officer', [[HEALTH, 'PROVIDER_INTAKE']], uuid(903)),
  health2: actorWith('second health officer', [[HEALTH, 'PROVIDER_INTAKE']], uuid(904)),
  school: actorWith('school officer', [[SCHOOL, 'PROVIDER_INTAKE']], uuid(905)),
  healthStaff: actorWith('health staff not in the workgroup', [[HEALTH, 'PROVIDER_ADMIN']], uuid(906)),
  outsider: actorWith('outsider', [[STRANGER, 'PROVIDER_ADMIN']], uuid(907)),
  // Named in the workgroup for the school, but no longer belongs to it.
  formerSchool: actorWith('former school officer', [[STRANGER, 'PROVIDER_INTAKE']], uuid(908)),
  admin: actorWith('national admin', [[STRANGER, 'NATIONAL_ADMIN']], uuid(909)),
} satisfies Record<string, Actor>
type Person = keyof typeof people

// The family agreed to share everything with the lead and the health provider (and a newcomer), and
// only contact details, needs and children's information with the school: no health information.
const consentAll: ConsentView = {
  id: 'consent-all',
  personId: PERSON,
  informationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY', 'HEALTH', 'CHILDREN_AND_CARE', 'FINANCIAL'],
  recipientOrganisationIds: [LEAD, HEALTH, NEWCOMER],
  givenAt: nz('2026-04-01 09:00'),
  expiresAt: nz('2027-04-01 09:00'),
  withdrawnAt: null,
}
const consentSchool: ConsentView = {
  id: 'consent-school',
  personId: PERSON,
  informationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY', 'CHILDREN_AND_CARE'],
  recipientOrganisationIds: [SCHOOL],
  givenAt: nz('2026-04-01 09:00'),
  expiresAt: null,
  withdrawnAt: null,
}

const officer = (p: Actor, organisationId: string) => ({
  userId: userIdOf(p),
  name: p.kind === 'user' ? p.user.name : '',
  organisationId,
  addedAt: nz('2026-04-02 09:00'),
})
const answer = (section: AssessmentSectionCode, organisationId: string, by: Actor): AssessmentAnswer => ({
  section,
  answer: `What the family told us about ${section}`,
  answeredAt: nz('2026-04-10 09:00'),
  answeredByUserId: userIdOf(by),
  answeredByOrganisationId: organisationId,
  revisions: 0,
})

const A1 = uuid(501)
const A2 = uuid(502)

function caseIn(status: CaseStatus = 'OPEN', over: Partial<SharedCase> = {}): SharedCase {
  return {
    id: 'case-1',
    personId: PERSON,
    status,
    leadOrganisationId: LEAD,
    members: [LEAD, HEALTH, SCHOOL].map((organisationId) => ({
      organisationId,
      joinedAt: nz('2026-04-02 09:00'),
      addedByUserId: userIdOf(people.lead),
    })),
    workgroup: [
      officer(people.lead, LEAD),
      officer(people.lead2, LEAD),
      officer(people.health, HEALTH),
      officer(people.health2, HEALTH),
      officer(people.school, SCHOOL),
      officer(people.formerSchool, SCHOOL),
    ],
    consents: [consentAll, consentSchool],
    assessment: [
      answer('CONTACT_AND_HOUSEHOLD', LEAD, people.lead),
      answer('HEALTH_AND_WELLBEING', HEALTH, people.health),
      answer('CHILDREN_AND_EDUCATION', SCHOOL, people.school),
    ],
    discussions: [
      {
        id: uuid(401),
        heldAt: nz('2026-04-20 10:00'),
        recordedByUserId: userIdOf(people.lead),
        recordedByOrganisationId: LEAD,
        attendeeUserIds: [userIdOf(people.lead), userIdOf(people.health), userIdOf(people.school)],
        minutes: 'Mum’s surgery is booked for June; respite needed for the two youngest.',
        informationKinds: ['HEALTH', 'CHILDREN_AND_CARE'],
        actions: [
          { id: A1, description: 'Confirm surgery date and recovery needs', ownerUserId: userIdOf(people.health), dueOn: '2026-05-01', completedAt: null, completedByUserId: null },
          { id: A2, description: 'Arrange after-school care for June', ownerUserId: userIdOf(people.health), dueOn: '2026-05-20', completedAt: null, completedByUserId: null },
        ],
      },
    ],
    linkedReferralIds: [],
    openedAt: nz('2026-04-02 09:00'),
    closure: status === 'CLOSED' ? { at: nz('2026-04-30 09:00'), byUserId: userIdOf(people.lead), reason: 'Stable' } : null,
    history: [],
    ...over,
  }
}

// ─── The state machine, exhaustively ────────────────────────────────────────────────────────────

// L lead officer, H health officer (owns the actions; its agency answered health), S school officer.
const LETTER: Partial<Record<Person, string>> = { lead: 'L', lead2: 'L', health: 'H', health2: 'H2', school: 'S' }
const VALID: Record<CaseCommandType, { command: CaseCommand; party: 'L' | 'O'; allowed: readonly string[] }> = {
  addMember: { command: { type: 'addMember', organisationId: NEWCOMER }, party: 'L', allowed: ['L'] },
  removeMember: { command: { type: 'removeMember', organisationId: SCHOOL, reason: 'School support has ended' }, party: 'L', allowed: ['L'] },
  addOfficer: { command: { type: 'addOfficer', userId: uuid(910), name: 'New nurse', organisationId: HEALTH }, party: 'O', allowed: ['L', 'H', 'H2'] },
  removeOfficer: { command: { type: 'removeOfficer', userId: userIdOf(people.health2) }, party: 'O', allowed: ['L', 'H', 'H2'] },
  recordDiscussion: {
    command: {
      type: 'recordDiscussion',
      id: uuid(402),
      heldAt: nz('2026-05-04 09:00'),
      attendeeUserIds: [userIdOf(people.lead), userIdOf(people.school)],
      minutes: 'Attendance has improved.',
      informationKinds: ['CHILDREN_AND_CARE'],
      actions: [{ id: uuid(503), description: 'Check attendance in two weeks', ownerUserId: userIdOf(people.school), dueOn: '2026-05-18' }],
    },
    party: 'O',
    allowed: ['L', 'H', 'H2', 'S'],
  },
  completeAction: { command: { type: 'completeAction', actionId: A1 }, party: 'O', allowed: ['L', 'H'] },
  reassignAction: { command: { type: 'reassignAction', actionId: A1, ownerUserId: userIdOf(people.school) }, party: 'O', allowed: ['L', 'H'] },
  answerSection: { command: { type: 'answerSection', section: 'GOALS_AND_STRENGTHS', answer: 'A home of their own.' }, party: 'O', allowed: ['L', 'H', 'H2', 'S'] },
  reviseSection: {
    command: { type: 'reviseSection', section: 'HEALTH_AND_WELLBEING', answer: 'Surgery moved to July.', reason: 'New date from the hospital' },
    party: 'O',
    allowed: ['L', 'H', 'H2'],
  },
  linkReferral: { command: { type: 'linkReferral', referralId: uuid(601) }, party: 'O', allowed: ['L', 'H', 'H2', 'S'] },
  transferLead: { command: { type: 'transferLead', organisationId: HEALTH }, party: 'L', allowed: ['L'] },
  close: { command: { type: 'close', reason: 'The family is stable and supported.' }, party: 'L', allowed: ['L'] },
  reopen: { command: { type: 'reopen', reason: 'A new crisis.' }, party: 'L', allowed: ['L'] },
}

describe('decideCase: every status × command × person', () => {
  const cells = CASE_STATUSES.flatMap((status) =>
    CASE_COMMAND_TYPES.flatMap((command) => (Object.keys(people) as Person[]).map((who) => ({ status, command, who }))),
  )

  it(`covers ${cells.length} cases`, () => {
    expect(cells).toHaveLength(CASE_STATUSES.length * CASE_COMMAND_TYPES.length * Object.keys(people).length)
  })

  it.each(cells)('$status / $command / $who', ({ status, command, who }) => {
    const spec = VALID[command]
    const letter = LETTER[who]
    const seat = letter === undefined ? null : letter === 'L' ? 'L' : 'O'
    const statusOk = (command === 'reopen') === (status === 'CLOSED')
    const expected =
      seat === null || (spec.party === 'L' && seat !== 'L')
        ? 'FORBIDDEN'
        : !statusOk
          ? 'CONFLICT'
          : spec.allowed.includes(letter!)
            ? 'OK'
            : 'FORBIDDEN'
    const c = caseIn(status)
    const d = decideCase(c, spec.command, people[who], AT)
    expect(d.ok ? 'OK' : d.error.code).toBe(expected)
    // The buttons: offered whenever the seat and status allow (own-agency rules are checked on send).
    expect(availableCaseCommands(c, people[who]).includes(command)).toBe(seat !== null && (spec.party === 'O' || seat === 'L') && statusOk)
    if (d.ok) {
      expect(d.sharedCase.history).toEqual([d.event])
      expect(d.event).toMatchObject({ type: command, at: AT, byUserId: userIdOf(people[who]) })
      expect(d.sharedCase.status).toBe(command === 'close' ? 'CLOSED' : 'OPEN')
    }
  })

  it('refuses anonymous callers', () => {
    const d = decideCase(caseIn(), VALID.linkReferral.command, anonymous, AT)
    expect(d.ok ? null : d.error.code).toBe('UNAUTHENTICATED')
    expect(availableCaseCommands(caseIn(), anonymous)).toEqual([])
  })

  it('has one row per (status, command), and only reopening from CLOSED', () => {
    const keys = CASE_TRANSITIONS.map((r) => `${r.from}/${r.command}`)
    expect(new Set(keys).size).toBe(keys.length)
    expect(CASE_TRANSITIONS.filter((r) => r.from === 'CLOSED').map((r) => r.command)).toEqual(['reopen'])
    expect(CASE_TRANSITIONS.filter((r) => r.to === 'CLOSED')).toEqual([{ from: 'OPEN', command: 'close', to: 'CLOSED', by: ['LEAD'] }])
  })
})

describe('closing needs the lead agency', () => {
  it.each(['health', 'school', 'healthStaff', 'outsider', 'formerSchool', 'admin'] as const)('%s cannot close', (who) => {
    const d = decideCase(caseIn(), VALID.close.command, people[who], AT)
    expect(d.ok ? null : [d.error.code, d.error.message]).toEqual([
      'FORBIDDEN',
      'Only the lead agency’s officers in the workgroup may close the case.',
    ])
  })

  it('the lead closes, the other members hear, and nothing more happens until it is reopened', () => {
    const d = decideCase(caseIn(), VALID.close.command, people.lead2, AT)
    if (!d.ok) throw d.error
    expect(d.sharedCase.closure).toEqual({ at: AT, byUserId: userIdOf(people.lead2), reason: 'The family is stable and supported.' })
    expect(d.notifications.map((n) => n.to)).toEqual([
      { kind: 'ORGANISATION', organisationId: HEALTH },
      { kind: 'ORGANISATION', organisationId: SCHOOL },
    ])
    expect(availableCaseCommands(d.sharedCase, people.lead)).toEqual(['reopen'])
    expect(availableCaseCommands(d.sharedCase, people.health)).toEqual([])
  })

  it('after handing over the lead, the old lead cannot close and the new one can', () => {
    const t = decideCase(caseIn(), VALID.transferLead.command, people.lead, AT)
    if (!t.ok) throw t.error
    expect(decideCase(t.sharedCase, VALID.close.command, people.lead, AT).ok).toBe(false)
    expect(decideCase(t.sharedCase, VALID.close.command, people.health, AT).ok).toBe(true)
  })

  it('needs a reason', () => {
    const d = decideCase(caseIn(), { type: 'close', reason: ' ' } as CaseCommand, people.lead, AT)
    expect(d.ok ? null : [d.error.code, d.error.message]).toEqual(['VALIDATION_FAILED', 'reason: reason is required to close a case'])
  })
})

describe('members join only as far as the family’s consent names them', () => {
  it.each([
    ['named in a live consent', NEWCOMER, [consentAll, consentSchool], 'OK'],
    ['named in no consent', STRANGER, [consentAll, consentSchool], 'CONSENT_REQUIRED'],
    ['named only in a withdrawn consent', NEWCOMER, [{ ...consentAll, withdrawnAt: nz('2026-05-01 09:00') }], 'CONSENT_REQUIRED'],
    ['named only in a consent for someone else', NEWCOMER, [{ ...consentAll, personId: uuid(777) }], 'CONSENT_REQUIRED'],
    ['already a member', HEALTH, [consentAll], 'CONFLICT'],
  ] as const)('%s', (_what, org, consents, code) => {
    const d = decideCase(caseIn('OPEN', { consents: [...consents] }), { type: 'addMember', organisationId: org }, people.lead, AT)
    expect(d.ok ? 'OK' : d.error.code).toBe(code)
  })

  it('says which consent problem stands in the way', () => {
    const d = decideCase(
      caseIn('OPEN', { consents: [{ ...consentAll, withdrawnAt: nz('2026-05-01 09:00') }] }),
      { type: 'addMember', organisationId: NEWCOMER },
      people.lead,
      AT,
    )
    expect(d.ok ? null : d.error.details?.map((x) => x.code)).toEqual(['WITHDRAWN'])
  })

  it('opens a case only for the opener’s own agency, with consent naming it', () => {
    const open = (actor: Actor, lead: string, consents: ConsentView[]) =>
      openSharedCase({ id: 'case-2', input: { personId: PERSON, leadOrganisationId: lead }, consents, actor, at: AT })
    const ok = open(people.lead, LEAD, [consentAll, consentSchool])
    expect(ok.ok && ok.sharedCase).toMatchObject({
      status: 'OPEN',
      leadOrganisationId: LEAD,
      members: [{ organisationId: LEAD }],
      workgroup: [{ userId: userIdOf(people.lead), organisationId: LEAD, name: 'lead officer' }],
    })
    expect(open(people.health, LEAD, [consentAll]).ok ? null : 'FORBIDDEN').toBe('FORBIDDEN')
    const noConsent = open(people.outsider, STRANGER, [consentAll])
    expect(noConsent.ok ? null : noConsent.error.code).toBe('CONSENT_REQUIRED')
    const bad = openSharedCase({ id: 'c', input: { personId: 'x', leadOrganisationId: LEAD }, consents: [], actor: people.lead, at: AT })
    expect(bad.ok ? null : bad.error.field).toBe('personId')
  })
})

describe('done when: a member agency without consent for health information sees the case without it', () => {
  it('the school sees the case, but no health information; the health provider sees it all', () => {
    const c = caseIn()
    const school = caseViewFor(c, SCHOOL, AT)!
    const health = caseViewFor(c, HEALTH, AT)!

    expect(school.visibleKinds).toEqual(['CONTACT_DETAILS', 'NEEDS_SUMMARY', 'CHILDREN_AND_CARE'])
    expect(health.visibleKinds).toEqual(['CONTACT_DETAILS', 'NEEDS_SUMMARY', 'HEALTH', 'CHILDREN_AND_CARE', 'FINANCIAL'])

    const schoolHealth = school.assessment.find((s) => s.section === 'HEALTH_AND_WELLBEING')!
    expect(schoolHealth).toMatchObject({ state: 'ANSWERED', answeredByOrganisationId: HEALTH })
    expect(schoolHealth.state === 'ANSWERED' && schoolHealth.answer).toEqual({
      redacted: true,
      reason: 'Health information: the person has not agreed to share this.',
    })
    const healthHealth = health.assessment.find((s) => s.section === 'HEALTH_AND_WELLBEING')!
    expect(healthHealth.state === 'ANSWERED' && healthHealth.answer).toBe('What the family told us about HEALTH_AND_WELLBEING')

    // The discussion mentions health: the school sees that it happened, who owns what and when, not what was said.
    const [d] = school.discussions
    expect(isRedacted(d?.minutes)).toBe(true)
    expect(d?.actions.map((a) => [isRedacted(a.description), a.ownerUserId, a.dueOn])).toEqual([
      [true, userIdOf(people.health), '2026-05-01'],
      [true, userIdOf(people.health), '2026-05-20'],
    ])
    expect(health.discussions[0]?.minutes).toBe('Mum’s surgery is booked for June; respite needed for the two youngest.')

    // What the school itself recorded, it always sees; everything the consent covers for it too.
    expect(school.assessment.find((s) => s.section === 'CHILDREN_AND_EDUCATION')).toMatchObject({ answer: expect.any(String) })
    expect(school.assessment.find((s) => s.section === 'CONTACT_AND_HOUSEHOLD')).toMatchObject({ answer: expect.any(String) })
    // The view carries no consent records and no history.
    expect(Object.keys(school)).not.toContain('consents')
  })

  it('shows nothing to an agency that is not a member', () => {
    expect(caseViewFor(caseIn(), STRANGER, AT)).toBeNull()
    expect(caseViewFor(caseIn(), NEWCOMER, AT)).toBeNull()
  })

  it('follows a withdrawal: the health provider keeps its own answer and loses the rest', () => {
    const c = caseIn('OPEN', { consents: [{ ...consentAll, withdrawnAt: nz('2026-05-01 00:00') }, consentSchool] })
    const health = caseViewFor(c, HEALTH, AT)!
    expect(health.visibleKinds).toEqual([])
    const own = health.assessment.find((s) => s.section === 'HEALTH_AND_WELLBEING')!
    expect(own.state === 'ANSWERED' && own.answer).toBe('What the family told us about HEALTH_AND_WELLBEING')
    const lead = health.assessment.find((s) => s.section === 'CONTACT_AND_HOUSEHOLD')!
    expect(lead.state === 'ANSWERED' && isRedacted(lead.answer)).toBe(true)
  })
})

describe('done when: the shared assessment is not re-asked', () => {
  it('a joining agency reuses what it may see, is not given the rest to ask, and asks only the unanswered', () => {
    const c = caseIn()
    const plan = planAssessment(c.assessment, { organisationId: SCHOOL, consents: c.consents, personId: PERSON, at: AT })
    expect(plan).toEqual({
      reuse: ['CONTACT_AND_HOUSEHOLD', 'CHILDREN_AND_EDUCATION'],
      ask: ['GOALS_AND_STRENGTHS', 'HOUSING', 'EMPLOYMENT_AND_INCOME', 'CAREGIVING', 'LEGAL_AND_FAMILY_ADVICE'],
      withheld: [{ section: 'HEALTH_AND_WELLBEING', reason: 'Health information: the person has not agreed to share this.' }],
    })
  })

  it.each(['CONTACT_AND_HOUSEHOLD', 'HEALTH_AND_WELLBEING', 'CHILDREN_AND_EDUCATION'] as const)(
    'refuses to record %s again: it was answered',
    (section) => {
      for (const who of ['lead', 'health', 'school'] as const) {
        const d = decideCase(caseIn(), { type: 'answerSection', section, answer: 'Asked again' }, people[who], AT)
        expect(d.ok ? null : [d.error.code, d.error.field]).toEqual(['CONFLICT', 'section'])
        expect(d.ok ? '' : d.error.message).toMatch(/reuse that answer rather than asking the family again/)
      }
    },
  )

  it('property: whatever was answered, by whom, under whatever consents, nothing answered is asked', () => {
    const orgs = [LEAD, HEALTH, SCHOOL, NEWCOMER, STRANGER]
    const arbConsent = fc.record({
      kinds: fc.subarray(['CONTACT_DETAILS', 'NEEDS_SUMMARY', 'HEALTH', 'CHILDREN_AND_CARE', 'FINANCIAL'] as const),
      recipients: fc.subarray(orgs),
      withdrawn: fc.boolean(),
      otherPerson: fc.boolean(),
    })
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ section: fc.constantFrom(...ASSESSMENT_SECTION_CODES), by: fc.constantFrom(...orgs) }), {
          selector: (a) => a.section,
        }),
        fc.array(arbConsent, { maxLength: 3 }),
        fc.constantFrom(...orgs),
        fc.subarray([...ASSESSMENT_SECTION_CODES]),
        (answered, consents, org, needed) => {
          const answers = answered.map((a) => answer(a.section, a.by, people.lead))
          const ctx = {
            organisationId: org,
            personId: PERSON,
            at: AT,
            consents: consents.map((c, i) => ({
              ...consentAll,
              id: `c${i}`,
              personId: c.otherPerson ? uuid(777) : PERSON,
              informationKinds: c.kinds,
              recipientOrganisationIds: c.recipients,
              withdrawnAt: c.withdrawn ? nz('2026-05-01 00:00') : null,
            })),
          }
          const plan = planAssessment(answers, ctx, needed)
          const answeredSet = new Set(answered.map((a) => a.section))
          for (const s of plan.ask) expect(answeredSet.has(s)).toBe(false)
          const all = [...plan.reuse, ...plan.ask, ...plan.withheld.map((w) => w.section)]
          expect(new Set(all).size).toBe(all.length)
          expect([...all].sort()).toEqual([...needed].sort())
          const visible = new Set(visibleKindsFor(ctx))
          for (const s of plan.reuse) {
            const v = sectionFor(s, answers, ctx)
            expect(v.state === 'ANSWERED' && typeof v.answer).toBe('string')
            // Reused only if the consent covers it, or the agency answered it itself.
            const own = answers.find((a) => a.section === s)?.answeredByOrganisationId === org
            expect(own || visible.has(ASSESSMENT_SECTIONS.find((x) => x.code === s)!.kind)).toBe(true)
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('workgroup, discussions and actions', () => {
  const discussion = (over: Record<string, unknown>) =>
    ({ ...(VALID.recordDiscussion.command as object), ...over }) as CaseCommand

  it.each([
    ['an attendee outside the workgroup', { attendeeUserIds: [userIdOf(people.outsider)] }, 'CONFLICT', 'attendeeUserIds'],
    ['someone never in the workgroup', { attendeeUserIds: [uuid(999)] }, 'CONFLICT', 'attendeeUserIds'],
    [
      'an action owner outside the workgroup',
      { actions: [{ id: uuid(504), description: 'x', ownerUserId: userIdOf(people.healthStaff), dueOn: '2026-05-10' }] },
      'CONFLICT',
      'actions.0.ownerUserId',
    ],
    [
      'an action due before the discussion',
      { actions: [{ id: uuid(504), description: 'x', ownerUserId: userIdOf(people.school), dueOn: '2026-05-03' }] },
      'CONFLICT',
      'actions.0.dueOn',
    ],
    [
      'an action id already used',
      { actions: [{ id: A1, description: 'x', ownerUserId: userIdOf(people.school), dueOn: '2026-05-10' }] },
      'CONFLICT',
      'actions.0.id',
    ],
    ['a discussion held in the future', { heldAt: nz('2026-05-05 09:00') }, 'CONFLICT', 'heldAt'],
    ['no attendees', { attendeeUserIds: [] }, 'VALIDATION_FAILED', 'attendeeUserIds'],
    ['an unknown kind of information', { informationKinds: ['GOSSIP'] }, 'VALIDATION_FAILED', 'informationKinds.0'],
    ['no minutes', { minutes: '' }, 'VALIDATION_FAILED', 'minutes'],
  ] as const)('refuses %s', (_what, over, code, field) => {
    const d = decideCase(caseIn(), discussion(over), people.lead, AT)
    expect(d.ok ? null : [d.error.code, d.error.field]).toEqual([code, field])
  })

  it('records a discussion with its actions and tells their owners', () => {
    const d = decideCase(caseIn(), VALID.recordDiscussion.command, people.lead, AT)
    if (!d.ok) throw d.error
    expect(d.sharedCase.discussions).toHaveLength(2)
    expect(d.sharedCase.discussions[1]?.actions).toEqual([
      { id: uuid(503), description: 'Check attendance in two weeks', ownerUserId: userIdOf(people.school), dueOn: '2026-05-18', completedAt: null, completedByUserId: null },
    ])
    expect(d.notifications.map((n) => n.to)).toEqual([{ kind: 'USER', userId: userIdOf(people.school) }])
  })

  it('lists actions due and overdue', () => {
    const c = caseIn()
    expect(caseActionsDue(c, AT).map((a) => a.id)).toEqual([A1])
    expect(overdueCaseActions(c, nz('2026-05-01 23:59')).map((a) => a.id)).toEqual([])
    expect(overdueCaseActions(c, nz('2026-05-02 00:00')).map((a) => a.id)).toEqual([A1])
    const done = decideCase(c, VALID.completeAction.command, people.health, AT)
    if (!done.ok) throw done.error
    expect(caseActionsDue(done.sharedCase, AT)).toEqual([])
    expect(decideCase(done.sharedCase, VALID.completeAction.command, people.lead, AT).ok ? null : 'CONFLICT').toBe('CONFLICT')
  })

  it('keeps an officer with open actions until they are reassigned', () => {
    const d = decideCase(caseIn(), { type: 'removeOfficer', userId: userIdOf(people.health) }, people.lead, AT)
    expect(d.ok ? null : d.error.code).toBe('CONFLICT')
    const m = decideCase(caseIn(), { type: 'removeMember', organisationId: HEALTH, reason: 'Discharged' }, people.lead, AT)
    expect(m.ok ? null : m.error.code).toBe('CONFLICT')
  })

  it('keeps the lead in the case with at least one officer', () => {
    const oneLead = caseIn('OPEN', { workgroup: caseIn().workgroup.filter((o) => o.userId !== userIdOf(people.lead2)) })
    const d = decideCase(oneLead, { type: 'removeOfficer', userId: userIdOf(people.lead) }, people.lead, AT)
    expect(d.ok ? null : [d.error.code, d.error.field]).toEqual(['CONFLICT', 'userId'])
    const m = decideCase(caseIn(), { type: 'removeMember', organisationId: LEAD, reason: 'x' }, people.lead, AT)
    expect(m.ok ? null : m.error.code).toBe('CONFLICT')
  })

  it('links a referral once', () => {
    const d = decideCase(caseIn(), VALID.linkReferral.command, people.school, AT)
    if (!d.ok) throw d.error
    expect(d.sharedCase.linkedReferralIds).toEqual([uuid(601)])
    expect(decideCase(d.sharedCase, VALID.linkReferral.command, people.health, AT).ok).toBe(false)
  })

  it('revises an answer without taking it over', () => {
    const d = decideCase(caseIn(), VALID.reviseSection.command, people.lead, AT)
    if (!d.ok) throw d.error
    expect(d.sharedCase.assessment.find((a) => a.section === 'HEALTH_AND_WELLBEING')).toMatchObject({
      answer: 'Surgery moved to July.',
      answeredByOrganisationId: HEALTH,
      revisions: 1,
    })
  })
})

describe('decideCase: properties', () => {
  const names = Object.keys(people) as Person[]
  it('random walks keep the case whole', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ who: fc.constantFrom(...names), command: fc.constantFrom(...CASE_COMMAND_TYPES) }), { maxLength: 30 }),
        (steps) => {
          let c = caseIn()
          for (const s of steps) {
            const d = decideCase(c, VALID[s.command].command, people[s.who], AT)
            if (!d.ok) continue
            const leadBefore = c.leadOrganisationId
            if (s.command === 'close' || s.command === 'reopen' || s.command === 'transferLead') {
              expect(d.event.byOrganisationId).toBe(leadBefore)
            }
            c = d.sharedCase
            expect(c.members.some((m) => m.organisationId === c.leadOrganisationId)).toBe(true)
            expect(c.workgroup.some((o) => o.organisationId === c.leadOrganisationId)).toBe(true)
            for (const o of c.workgroup) expect(c.members.some((m) => m.organisationId === o.organisationId)).toBe(true)
            const sections = c.assessment.map((a) => a.section)
            expect(new Set(sections).size).toBe(sections.length)
            expect(c.status === 'CLOSED').toBe(c.closure !== null)
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
