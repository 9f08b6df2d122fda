import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Actor } from '../actor'
import { isAppError } from '../errors'
import { nzDateOf } from '../sla/nz-time'
import { addMonthsToDate, endOfNzDate, startOfNzDate } from './calendar'
import {
  ESCALATION_COMMAND_TYPES,
  ESCALATION_STATUSES,
  ESCALATION_TRANSITIONS,
  availableEscalationCommands,
  celebrationItem,
  decideEscalation,
  escalationItems,
  involvementOf,
  isItemOverdue,
  overdueItems,
  qualityCycleSchedule,
  raiseEscalation,
  recordCelebration,
  type Escalation,
  type EscalationCommand,
  type EscalationCommandType,
  type EscalationStatus,
  type QualityCycleItem,
} from './quality-cycle'
import { APPLICANT_ORG as PARTNER, OTHER_PROVIDER_ORG, OT_ORG, actorWith, anonymous, nz, userIdOf } from './test-support'

const APPROVED_AT = nz('2026-03-02 10:00')
const CAREGIVER_ORG = '01900000-0000-7000-8000-00000000c001'

describe('qualityCycleSchedule', () => {
  const schedule = qualityCycleSchedule(APPROVED_AT, { carePartnerOrganisationId: PARTNER })
  const dates = (kind: string) => schedule.filter((i) => i.kind === kind).map((i) => i.dueOn)

  it('schedules two years of the cycle from approval, by default', () => {
    const quarters = [
      '2026-06-02',
      '2026-09-02',
      '2026-12-02',
      '2027-03-02',
      '2027-06-02',
      '2027-09-02',
      '2027-12-02',
      '2028-03-02',
    ]
    expect(dates('PARTNERSHIP_TOUCHPOINT')).toEqual(quarters)
    expect(dates('ANNUAL_REFLECTION')).toEqual(['2027-03-02', '2028-03-02'])
    expect(dates('QUALITY_REVIEW')).toEqual(['2028-03-02'])
    expect(dates('COMMUNITY_OF_PRACTICE')).toEqual(quarters)
    expect(schedule).toHaveLength(19)
  })

  it('assigns every item to the Quality Hub, with the care partner taking part', () => {
    for (const item of schedule) {
      expect(item.assignedRole).toBe('QUALITY_HUB')
      expect(item.participants).toContain('CARE_PARTNER')
      expect(item.carePartnerOrganisationId).toBe(PARTNER)
      expect(item.completedAt).toBeNull()
    }
  })

  it('invites the National Quality Lead to the first touchpoint only', () => {
    const touchpoints = schedule.filter((i) => i.kind === 'PARTNERSHIP_TOUCHPOINT')
    expect(touchpoints.map((t) => t.participants.includes('NATIONAL_QUALITY_LEAD'))).toEqual([
      true,
      ...touchpoints.slice(1).map(() => false),
    ])
  })

  it('marks only the two-yearly quality review as feeding re-confirmation', () => {
    expect(schedule.filter((i) => i.feedsReconfirmation).map((i) => i.kind)).toEqual(['QUALITY_REVIEW'])
  })

  it.each([
    ['the end of a month clamps, without drifting', '2026-08-31 12:00', 'PARTNERSHIP_TOUCHPOINT', ['2026-11-30', '2027-02-28', '2027-05-31', '2027-08-31']],
    ['29 February’s anniversary is 28 February', '2028-02-29 12:00', 'ANNUAL_REFLECTION', ['2029-02-28', '2030-02-28']],
    ['approval just after midnight counts from that New Zealand date', '2026-03-02 00:30', 'ANNUAL_REFLECTION', ['2027-03-02', '2028-03-02']],
  ] as const)('%s', (_what, approved, kind, expected) => {
    const s = qualityCycleSchedule(nz(approved), { carePartnerOrganisationId: PARTNER })
    expect(s.filter((i) => i.kind === kind).slice(0, expected.length).map((i) => i.dueOn)).toEqual(expected)
  })

  it('is overdue from the end of its New Zealand date, across a daylight-saving change', () => {
    // 27 September 2026: clocks go forward at 2 am, so the day is 23 hours long.
    const s = qualityCycleSchedule(nz('2026-06-27 09:00'), {
      carePartnerOrganisationId: PARTNER,
      touchpointsPerYear: 4,
    })
    const first = s.find((i) => i.kind === 'PARTNERSHIP_TOUCHPOINT')!
    expect(first.dueOn).toBe('2026-09-27')
    expect(first.dueBy).toEqual(nz('2026-09-28 00:00'))
    expect(isItemOverdue(first, nz('2026-09-27 23:59'))).toBe(false)
    expect(isItemOverdue(first, nz('2026-09-28 00:00'))).toBe(true)
  })

  it.each([
    [{ years: 0 }, 'years'],
    [{ years: 11 }, 'years'],
    [{ years: 1.5 }, 'years'],
    [{ touchpointsPerYear: 5 }, 'touchpointsPerYear'],
    [{ communityOfPracticeEveryMonths: 5 }, 'communityOfPracticeEveryMonths'],
    [{ carePartnerOrganisationId: 'x' }, 'carePartnerOrganisationId'],
  ] as const)('refuses options %j', (over, field) => {
    try {
      qualityCycleSchedule(APPROVED_AT, { carePartnerOrganisationId: PARTNER, ...over } as never)
      expect.unreachable()
    } catch (e) {
      expect(isAppError(e) && [e.code, e.field]).toEqual(['VALIDATION_FAILED', field])
    }
  })

  const arbOptions = fc.record({
    at: fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }),
    years: fc.integer({ min: 1, max: 10 }),
    touchpointsPerYear: fc.constantFrom(1, 2, 3, 4, 6, 12),
    communityOfPracticeEveryMonths: fc.constantFrom(1, 2, 3, 4, 6, 12),
  })

  it('property: counts, bounds, order, ids and anchoring', () => {
    fc.assert(
      fc.property(arbOptions, ({ at, ...o }) => {
        const s = qualityCycleSchedule(at, { carePartnerOrganisationId: PARTNER, ...o })
        const anchor = nzDateOf(at)
        const horizon = addMonthsToDate(anchor, 12 * o.years)
        const count = (k: string) => s.filter((i) => i.kind === k).length
        expect(count('PARTNERSHIP_TOUCHPOINT')).toBe(o.years * o.touchpointsPerYear)
        expect(count('ANNUAL_REFLECTION')).toBe(o.years)
        expect(count('QUALITY_REVIEW')).toBe(Math.floor(o.years / 2))
        expect(count('COMMUNITY_OF_PRACTICE')).toBe((o.years * 12) / o.communityOfPracticeEveryMonths)
        expect(new Set(s.map((i) => i.id)).size).toBe(s.length)
        for (let i = 0; i < s.length; i++) {
          const item = s[i]!
          expect(item.dueOn > anchor && item.dueOn <= horizon).toBe(true)
          expect(item.dueBy).toEqual(endOfNzDate(item.dueOn))
          if (i > 0) expect(s[i - 1]!.dueBy.getTime()).toBeLessThanOrEqual(item.dueBy.getTime())
        }
        // Every n-th item of a kind is n intervals from the anchor: nothing drifts.
        const touchpoints = s.filter((i) => i.kind === 'PARTNERSHIP_TOUCHPOINT')
        touchpoints.forEach((t, n) =>
          expect(t.dueOn).toBe(addMonthsToDate(anchor, (n + 1) * (12 / o.touchpointsPerYear))),
        )
        s.filter((i) => i.kind === 'QUALITY_REVIEW').forEach((r, n) =>
          expect(r.dueOn).toBe(addMonthsToDate(anchor, 24 * (n + 1))),
        )
        // Any instant on the same New Zealand date gives the same schedule.
        const sameDay = qualityCycleSchedule(startOfNzDate(anchor), { carePartnerOrganisationId: PARTNER, ...o })
        expect(sameDay).toEqual(s)
      }),
      { numRuns: 60 },
    )
  })
})

describe('overdueItems', () => {
  const item = (id: string, dueOn: string, completedAt: Date | null = null): QualityCycleItem => ({
    id,
    kind: 'PARTNERSHIP_TOUCHPOINT',
    carePartnerOrganisationId: PARTNER,
    title: id,
    dueOn,
    dueBy: endOfNzDate(dueOn),
    assignedRole: 'QUALITY_HUB',
    participants: ['CARE_PARTNER'],
    feedsReconfirmation: false,
    completedAt,
  })
  const now = nz('2026-06-10 09:00')

  it.each([
    ['due yesterday, open', item('a', '2026-06-09'), true],
    ['due today, open: not until the day ends', item('b', '2026-06-10'), false],
    ['due tomorrow', item('c', '2026-06-11'), false],
    ['due last month, done on time', item('d', '2026-05-01', nz('2026-04-30 15:00')), false],
    ['due last month, done late but before now', item('e', '2026-05-01', nz('2026-06-01 15:00')), false],
    ['completion recorded for later than now', item('f', '2026-05-01', nz('2026-06-11 15:00')), true],
  ] as const)('%s', (_what, i, overdue) => {
    expect(overdueItems([i], now).map((x) => x.id)).toEqual(overdue ? [i.id] : [])
  })

  it('lists the oldest first', () => {
    const items = [item('late', '2026-06-01'), item('later', '2026-05-01'), item('fine', '2026-07-01')]
    expect(overdueItems(items, now).map((i) => i.id)).toEqual(['later', 'late'])
  })

  it('property: once overdue, stays overdue until completed', () => {
    const s = qualityCycleSchedule(APPROVED_AT, { carePartnerOrganisationId: PARTNER, years: 3 })
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 * 365 * 24 }),
        fc.integer({ min: 0, max: 365 * 24 }),
        (h1, dh) => {
          const t1 = new Date(APPROVED_AT.getTime() + h1 * 3_600_000)
          const t2 = new Date(t1.getTime() + dh * 3_600_000)
          const a = new Set(overdueItems(s, t1).map((i) => i.id))
          const b = new Set(overdueItems(s, t2).map((i) => i.id))
          for (const id of a) expect(b.has(id)).toBe(true)
        },
      ),
    )
  })
})

// ─── Escalation ─────────────────────────────────────────────────────────────────────────────────

const people = {
  caregiverOrg: actorWith('caregiver org staff', [[PARTNER, 'PROVIDER_INTAKE']]),
  partnerAdmin: actorWith('partner admin', [[PARTNER, 'PROVIDER_ADMIN']]),
  involvedSite: actorWith('involved organisation', [[CAREGIVER_ORG, 'PROVIDER_ADMIN']]),
  otAdvisor: actorWith('ot advisor', [[OT_ORG, 'OT_OFFICER']]),
  hub: actorWith('quality hub', [[OT_ORG, 'QUALITY_HUB']]),
  manager: actorWith('quality manager', [[OT_ORG, 'QUALITY_MANAGER']]),
  dce: actorWith('dce', [[OT_ORG, 'DCE_MPC']]),
  outsider: actorWith('another provider', [[OTHER_PROVIDER_ORG, 'PROVIDER_ADMIN']]),
  regionalLead: actorWith('regional lead', [[OT_ORG, 'REGIONAL_LEAD']]),
  hubInPartner: actorWith('hub member who also works for the partner', [
    [OT_ORG, 'QUALITY_HUB'],
    [PARTNER, 'PROVIDER_INTAKE'],
  ]),
} satisfies Record<string, Actor>
type Person = keyof typeof people

const RAISED_AT = nz('2026-03-02 10:00') // a Monday

function raise(by: Actor = people.caregiverOrg, at = RAISED_AT) {
  return raiseEscalation({
    id: 'esc-1',
    carePartnerOrganisationId: PARTNER,
    involvedOrganisationIds: [CAREGIVER_ORG],
    actor: by,
    concern: 'Respite for a caregiver was cancelled twice without notice.',
    at,
  })
}

function raised(): Escalation {
  const r = raise()
  if (!r.ok) throw r.error
  return r.escalation
}

describe('raiseEscalation: anyone involved, at any point', () => {
  it.each([
    ['the caregiver’s organisation (the care partner)', people.caregiverOrg, true],
    ['the care partner’s administrator', people.partnerAdmin, true],
    ['another organisation involved in the care', people.involvedSite, true],
    ['an OT advisor', people.otAdvisor, true],
    ['the Quality Hub', people.hub, true],
    ['the DCE', people.dce, true],
    ['an unrelated provider', people.outsider, false],
    ['a regional lead (not a care role)', people.regionalLead, false],
  ] as const)('%s: %s', (_what, actor, ok) => {
    const r = raise(actor)
    expect(r.ok).toBe(ok)
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN')
  })

  it('refuses anonymous callers and blank concerns', () => {
    expect(raise(anonymous).ok ? null : 'UNAUTHENTICATED').toBe('UNAUTHENTICATED')
    const blank = raiseEscalation({
      id: 'e',
      carePartnerOrganisationId: PARTNER,
      actor: people.partnerAdmin,
      concern: '   ',
      at: RAISED_AT,
    })
    expect(blank.ok ? null : [blank.error.code, blank.error.field]).toEqual(['VALIDATION_FAILED', 'concern'])
  })

  it('sets deadlines on the business clock: two business days to acknowledge, ten to resolve', () => {
    const e = raised()
    expect(e.acknowledgeBy).toEqual(nz('2026-03-04 10:00'))
    expect(e.resolveBy).toEqual(nz('2026-03-16 10:00'))
  })

  it('goes to the partner as well when someone else raises it', () => {
    const r = raise(people.otAdvisor)
    expect(r.ok && r.notifications.map((n) => n.to)).toEqual([
      { kind: 'ROLE', role: 'QUALITY_HUB' },
      { kind: 'ORGANISATION', organisationId: PARTNER },
    ])
  })

  it('lets involvement follow membership, not role', () => {
    expect(involvementOf(people.caregiverOrg, { carePartnerOrganisationId: PARTNER })).toEqual({ organisationId: PARTNER })
    expect(involvementOf(people.involvedSite, { carePartnerOrganisationId: PARTNER })).toBeNull()
    expect(involvementOf(anonymous, { carePartnerOrganisationId: PARTNER })).toBeNull()
  })
})

describe('decideEscalation: every status × command × person', () => {
  // R raiser (the caregiver organisation's staff), H Quality Hub, M Quality Manager.
  const LETTERS: Record<Person, string> = {
    caregiverOrg: 'R',
    partnerAdmin: '',
    involvedSite: '',
    otAdvisor: '',
    hub: 'H',
    manager: 'HM',
    dce: '',
    outsider: '',
    regionalLead: '',
    hubInPartner: '',
  }
  //                                               acknowledge escalate resolve
  const WHO: Record<EscalationStatus, readonly string[]> = {
    RAISED: ['H', 'RH', '.'],
    ACKNOWLEDGED: ['.', 'RH', 'H'],
    ESCALATED: ['.', '.', 'M'],
    RESOLVED: ['.', '.', '.'],
  }
  const VALID: Record<EscalationCommandType, EscalationCommand> = {
    acknowledge: { type: 'acknowledge', note: 'Talking with the partner today.' },
    escalate: { type: 'escalate', reason: 'No response in two days.' },
    resolve: { type: 'resolve', resolution: 'Respite roster agreed with the partner.' },
  }
  const inStatus = (status: EscalationStatus): Escalation => ({ ...raised(), status })
  const cells = ESCALATION_STATUSES.flatMap((status) =>
    ESCALATION_COMMAND_TYPES.flatMap((command, i) =>
      (Object.keys(people) as Person[]).map((who) => ({
        status,
        command,
        who,
        allowed: [...(WHO[status][i] ?? '.')].some((l) => LETTERS[who].includes(l)),
        mayEver: ESCALATION_STATUSES.some((s) => [...(WHO[s][i] ?? '.')].some((l) => LETTERS[who].includes(l))),
      })),
    ),
  )

  it('matches the transition table', () => {
    const byLetter: Record<string, string> = { R: 'RAISER', H: 'QUALITY_HUB', M: 'QUALITY_MANAGER' }
    const spec = ESCALATION_STATUSES.flatMap((s) =>
      ESCALATION_COMMAND_TYPES.map((c, i) => [c, WHO[s][i] ?? '.'] as const)
        .filter(([, w]) => w !== '.')
        .map(([c, w]) => `${s} ${c} ${[...w].map((l) => byLetter[l]).sort().join(',')}`),
    ).sort()
    expect(ESCALATION_TRANSITIONS.map((r) => `${r.from} ${r.command} ${[...r.by].sort().join(',')}`).sort()).toEqual(spec)
  })

  it.each(cells)('$status / $command / $who', ({ status, command, who, allowed, mayEver }) => {
    const e = inStatus(status)
    expect(availableEscalationCommands(e, people[who]).includes(command)).toBe(allowed)
    const d = decideEscalation(e, VALID[command], people[who], nz('2026-03-03 09:00'))
    if (allowed) {
      expect(d.ok).toBe(true)
      return
    }
    expect(d.ok ? null : d.error.code).toBe(!mayEver || WHO[status][ESCALATION_COMMAND_TYPES.indexOf(command)] !== '.' ? 'FORBIDDEN' : 'CONFLICT')
  })

  it('needs a reason to escalate and a resolution to resolve', () => {
    const d = decideEscalation(raised(), { type: 'escalate', reason: '' }, people.caregiverOrg, RAISED_AT)
    expect(d.ok ? null : d.error.field).toBe('reason')
    const ack = { ...raised(), status: 'ACKNOWLEDGED' as const }
    const r = decideEscalation(ack, { type: 'resolve' } as EscalationCommand, people.hub, RAISED_AT)
    expect(r.ok ? null : r.error.field).toBe('resolution')
  })
})

describe('done when: an escalation raised by a caregiver’s organisation reaches the Quality Hub and is tracked to resolution', () => {
  it('raise → overdue acknowledgement → acknowledge → resolve', () => {
    const r = raise(people.caregiverOrg)
    if (!r.ok) throw r.error
    expect(r.notifications.map((n) => n.to)).toEqual([{ kind: 'ROLE', role: 'QUALITY_HUB' }])
    let e = r.escalation
    expect(e.raisedByOrganisationId).toBe(PARTNER)

    // Nobody acknowledges in time: the Quality Hub's home page shows it.
    expect(overdueItems(escalationItems(e), nz('2026-03-04 09:59'))).toEqual([])
    expect(overdueItems(escalationItems(e), nz('2026-03-04 10:00')).map((i) => [i.kind, i.assignedRole])).toEqual([
      ['ESCALATION_ACKNOWLEDGEMENT', 'QUALITY_HUB'],
    ])

    const ack = decideEscalation(e, { type: 'acknowledge' }, people.hub, nz('2026-03-04 11:00'))
    if (!ack.ok) throw ack.error
    expect(ack.notifications.map((n) => n.to)).toEqual([{ kind: 'USER', userId: userIdOf(people.caregiverOrg) }])
    e = ack.escalation
    expect(overdueItems(escalationItems(e), nz('2026-03-05 09:00'))).toEqual([])

    const res = decideEscalation(e, { type: 'resolve', resolution: 'Respite roster agreed.' }, people.hub, nz('2026-03-10 15:00'))
    if (!res.ok) throw res.error
    e = res.escalation
    expect(e.status).toBe('RESOLVED')
    expect(e.resolved).toEqual({ at: nz('2026-03-10 15:00'), byUserId: userIdOf(people.hub), resolution: 'Respite roster agreed.' })
    expect(res.notifications.map((n) => n.to)).toEqual([
      { kind: 'USER', userId: userIdOf(people.caregiverOrg) },
      { kind: 'ORGANISATION', organisationId: PARTNER },
    ])
    expect(escalationItems(e).map((i) => i.completedAt)).toEqual([nz('2026-03-04 11:00'), nz('2026-03-10 15:00')])
    expect(overdueItems(escalationItems(e), nz('2027-01-01 00:00'))).toEqual([])
    expect(e.history.map((h) => [h.type, h.to])).toEqual([
      ['raise', 'RAISED'],
      ['acknowledge', 'ACKNOWLEDGED'],
      ['resolve', 'RESOLVED'],
    ])
  })

  it('raise → the raiser escalates → only the Quality Manager resolves', () => {
    const esc = decideEscalation(raised(), { type: 'escalate', reason: 'No word back.' }, people.caregiverOrg, nz('2026-03-05 09:00'))
    if (!esc.ok) throw esc.error
    expect(esc.notifications.map((n) => n.to)).toEqual([{ kind: 'ROLE', role: 'QUALITY_MANAGER' }])
    const items = escalationItems(esc.escalation)
    expect(items.map((i) => [i.kind, i.assignedRole, i.completedAt])).toEqual([
      ['ESCALATION_ACKNOWLEDGEMENT', 'QUALITY_HUB', nz('2026-03-05 09:00')],
      ['ESCALATION_RESOLUTION', 'QUALITY_MANAGER', null],
    ])
    expect(decideEscalation(esc.escalation, { type: 'resolve', resolution: 'x' }, people.hub, nz('2026-03-06 09:00')).ok).toBe(false)
    expect(decideEscalation(esc.escalation, { type: 'resolve', resolution: 'Agreed.' }, people.manager, nz('2026-03-06 09:00')).ok).toBe(true)
  })
})

describe('celebration', () => {
  const schedule = qualityCycleSchedule(APPROVED_AT, { carePartnerOrganisationId: PARTNER })

  it('lets anyone involved share a success, and tells the Quality Hub', () => {
    const c = recordCelebration({
      id: 'cel-1',
      carePartnerOrganisationId: PARTNER,
      actor: people.caregiverOrg,
      summary: 'Rangatahi reconnected with their marae.',
      at: nz('2026-04-10 12:00'),
    })
    expect(c.ok && c.notifications.map((n) => [n.to, n.event])).toEqual([[{ kind: 'ROLE', role: 'QUALITY_HUB' }, 'celebrate']])
    const outsider = recordCelebration({ id: 'c', carePartnerOrganisationId: PARTNER, actor: people.outsider, summary: 's', at: APPROVED_AT })
    expect(outsider.ok ? null : outsider.error.code).toBe('FORBIDDEN')
  })

  it('records who and when it happened: today by default, never a later day', () => {
    const base = { id: 'cel-2', carePartnerOrganisationId: PARTNER, actor: people.caregiverOrg, summary: 'Kapa haka at the whare.', at: nz('2026-04-10 12:00') }
    const c = recordCelebration({ ...base, who: '  The caregivers ' })
    expect(c.ok && [c.celebration.who, c.celebration.happenedOn]).toEqual(['The caregivers', '2026-04-10'])
    const earlier = recordCelebration({ ...base, happenedOn: '2026-04-01' })
    expect(earlier.ok && earlier.celebration.happenedOn).toBe('2026-04-01')
    const later = recordCelebration({ ...base, happenedOn: '2026-04-11' })
    expect(later.ok ? null : [later.error.code, later.error.field]).toEqual(['VALIDATION_FAILED', 'happenedOn'])
    const bad = recordCelebration({ ...base, happenedOn: '10/04/2026' })
    expect(bad.ok ? null : bad.error.field).toBe('happenedOn')
  })

  it.each([
    ['before a forum: the next one', '2026-04-10 12:00', '2026-06-02'],
    ['on a forum’s day: that one', '2026-06-02 08:00', '2026-06-02'],
    ['after the last scheduled forum: three months on', '2028-03-05 12:00', '2028-06-05'],
  ] as const)('is shared %s', (_what, at, dueOn) => {
    const item = celebrationItem(
      { id: 'cel', carePartnerOrganisationId: PARTNER, summary: 's', raisedAt: nz(at), raisedByUserId: 'u', sharedAt: null },
      schedule,
    )
    expect(item.dueOn).toBe(dueOn)
    expect(item.kind).toBe('CELEBRATION_SHARING')
    expect(item.assignedRole).toBe('QUALITY_HUB')
  })
})
