import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isAppError } from '../errors'
import { REFERRAL_EVENT_TYPES, REFERRAL_STATUSES, type ReferralStatus } from './referral-enums'
import {
  COMMANDS_AFTER_WITHDRAWAL,
  CONSENT_WITHDRAWN,
  OPEN_STATUSES,
  REFERRAL_COMMAND_TYPES,
  REFERRAL_TRANSITIONS,
  TERMINAL_STATUSES,
  availableCommands,
  decide,
  isOpenStatus,
  isTerminalStatus,
  referralActorsOf,
  type ReferralCommand,
  type ReferralCommandType,
  type ReferralParty,
} from './state-machine'

const VALID: Record<ReferralCommandType, ReferralCommand> = {
  send: { type: 'send' },
  accept: { type: 'accept' },
  decline: { type: 'decline', reason: 'Outside our service area' },
  recordContactAttempt: { type: 'recordContactAttempt', method: 'PHONE', result: 'NO_ANSWER' },
  start: { type: 'start' },
  putOnHold: { type: 'putOnHold', reason: 'Whānau away for a tangihanga' },
  resume: { type: 'resume' },
  complete: { type: 'complete', outcome: 'NEEDS_MET' },
  fail: { type: 'fail', reason: 'UNABLE_TO_CONTACT' },
  cancel: { type: 'cancel', reason: 'Person has moved away' },
  redirect: { type: 'redirect', reason: 'A kaupapa Māori service fits better' },
}

// The parties a test acts as. Letters S, R, A are the ones the expected table below names.
const PARTIES: Record<string, { party: ReferralParty; letter: 'S' | 'R' | 'A' | null }> = {
  'sending connector': { party: { side: 'SENDER', roles: ['COMMUNITY_CONNECTOR'] }, letter: 'S' },
  'sending triage officer': { party: { side: 'SENDER', roles: ['TRIAGE_OFFICER'] }, letter: 'S' },
  'sender without referral:send': { party: { side: 'SENDER', roles: ['PROVIDER_ADMIN'] }, letter: null },
  'receiving intake': { party: { side: 'RECIPIENT', roles: ['PROVIDER_INTAKE'] }, letter: 'R' },
  'recipient without referral:respond': {
    party: { side: 'RECIPIENT', roles: ['PROVIDER_ADMIN'] },
    letter: null,
  },
  // COMMUNITY_CONNECTOR holds referral:respond (the CCS host answers triage's referrals).
  'receiving connector': { party: { side: 'RECIPIENT', roles: ['COMMUNITY_CONNECTOR'] }, letter: 'R' },
  'outsider holding both capabilities': {
    party: { side: 'OTHER', roles: ['COMMUNITY_CONNECTOR', 'PROVIDER_INTAKE'] },
    letter: null,
  },
  'regional lead': { party: { side: 'OTHER', roles: ['REGIONAL_LEAD'] }, letter: null },
  'national admin': { party: { side: 'OTHER', roles: ['NATIONAL_ADMIN'] }, letter: 'A' },
}

// The lifecycle, written out by hand as the spec: who may do what from where (S sender, R recipient,
// A national admin; '.' nobody). Terminal statuses allow nothing.
const C = REFERRAL_COMMAND_TYPES
//                                 send  accept decline attempt start  hold  resume complete fail  cancel redirect
const WHO: Record<ReferralStatus, readonly string[]> = {
  DRAFT: /*          */ ['S', '.', '.', '.', '.', '.', '.', '.', '.', 'SA', '.'],
  SENT: /*           */ ['.', 'R', 'R', '.', '.', '.', '.', '.', '.', 'SA', 'RSA'],
  ACCEPTED: /*       */ ['.', '.', '.', 'R', 'R', '.', '.', '.', 'R', 'SA', 'RSA'],
  IN_PROGRESS: /*    */ ['.', '.', '.', '.', '.', 'R', '.', 'R', 'R', 'SA', 'SA'],
  ON_HOLD: /*        */ ['.', '.', '.', '.', '.', '.', 'R', '.', 'R', 'SA', 'SA'],
  DECLINED: /*       */ ['.', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.'],
  COMPLETED: /*      */ ['.', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.'],
  FAILED: /*         */ ['.', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.'],
  CANCELLED: /*      */ ['.', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.'],
  REDIRECTED: /*     */ ['.', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.'],
}
const TARGET: Record<ReferralCommandType, [ReferralStatus | 'same', string]> = {
  send: ['SENT', 'SENT'],
  accept: ['ACCEPTED', 'ACCEPTED'],
  decline: ['DECLINED', 'DECLINED'],
  recordContactAttempt: ['same', 'CONTACT_ATTEMPTED'],
  start: ['IN_PROGRESS', 'STARTED'],
  putOnHold: ['ON_HOLD', 'PUT_ON_HOLD'],
  resume: ['IN_PROGRESS', 'RESUMED'],
  complete: ['COMPLETED', 'COMPLETED'],
  fail: ['FAILED', 'FAILED'],
  cancel: ['CANCELLED', 'CANCELLED'],
  redirect: ['REDIRECTED', 'REDIRECTED'],
}

const cells = REFERRAL_STATUSES.flatMap((status) =>
  C.flatMap((command, i) =>
    Object.entries(PARTIES).map(([who, { party, letter }]) => ({
      status,
      command,
      who,
      party,
      letter,
      allowed: WHO[status][i] ?? '.',
    })),
  ),
)

describe('decide: every status × command × party', () => {
  it(`covers ${cells.length} cases`, () => {
    expect(cells).toHaveLength(REFERRAL_STATUSES.length * C.length * Object.keys(PARTIES).length)
  })

  it.each(cells)('$status / $command / $who', ({ status, command, party, letter, allowed }) => {
    const d = decide(status, VALID[command], party)
    if (letter !== null && allowed.includes(letter)) {
      const [to, event] = TARGET[command]
      expect(d).toEqual({ ok: true, from: status, to: to === 'same' ? status : to, event })
      return
    }
    expect(d.ok).toBe(false)
    if (d.ok) return
    // FORBIDDEN when the party may never do this or not from here; CONFLICT when the status is wrong.
    const mayEverIndex = C.indexOf(command)
    const mayEver =
      letter !== null && REFERRAL_STATUSES.some((s) => (WHO[s][mayEverIndex] ?? '.').includes(letter))
    const expected = !mayEver ? 'FORBIDDEN' : allowed === '.' ? 'CONFLICT' : 'FORBIDDEN'
    expect(d.error.code).toBe(expected)
    if (expected === 'CONFLICT') expect(d.error.message).toMatch(new RegExp(`a referral that is ${status}$`))
  })
})

describe('REFERRAL_TRANSITIONS', () => {
  it('has exactly the rows of the hand-written table', () => {
    const fromTable = REFERRAL_TRANSITIONS.map(
      (r) => `${r.from} ${r.command} ${[...r.by].sort().join('')}`,
    ).sort()
    const fromSpec = REFERRAL_STATUSES.flatMap((s) =>
      C.map((c, i) => [c, WHO[s][i] ?? '.'] as const)
        .filter(([, w]) => w !== '.')
        .map(
          ([c, w]) =>
            `${s} ${c} ${[...w]
              .map((l) => ({ S: 'SENDER', R: 'RECIPIENT', A: 'NATIONAL_ADMIN' })[l])
              .sort()
              .join('')}`,
        ),
    ).sort()
    expect(fromTable).toEqual(fromSpec)
  })

  it('has one row per (status, command) and uses only database values', () => {
    const keys = REFERRAL_TRANSITIONS.map((r) => `${r.from}/${r.command}`)
    expect(new Set(keys).size).toBe(keys.length)
    for (const r of REFERRAL_TRANSITIONS) {
      expect(REFERRAL_STATUSES).toContain(r.from)
      expect(REFERRAL_STATUSES).toContain(r.to)
      expect(REFERRAL_EVENT_TYPES).toContain(r.event)
      expect(isOpenStatus(r.from)).toBe(true)
    }
  })

  it('splits statuses into open and terminal, and only terminal ones have no way out', () => {
    expect([...OPEN_STATUSES, ...TERMINAL_STATUSES].sort()).toEqual([...REFERRAL_STATUSES].sort())
    for (const s of REFERRAL_STATUSES) {
      expect(isTerminalStatus(s)).toBe(!isOpenStatus(s))
      expect(REFERRAL_TRANSITIONS.some((r) => r.from === s)).toBe(isOpenStatus(s))
    }
  })

  it('reaches every status from DRAFT', () => {
    const seen = new Set<ReferralStatus>(['DRAFT'])
    let grew = true
    while (grew) {
      grew = false
      for (const r of REFERRAL_TRANSITIONS) {
        if (seen.has(r.from) && !seen.has(r.to)) {
          seen.add(r.to)
          grew = true
        }
      }
    }
    expect([...seen].sort()).toEqual([...REFERRAL_STATUSES].sort())
  })

  it('lets the sender or a national admin cancel from every open status', () => {
    for (const s of OPEN_STATUSES) {
      expect(REFERRAL_TRANSITIONS.find((r) => r.from === s && r.command === 'cancel')?.by).toEqual([
        'SENDER',
        'NATIONAL_ADMIN',
      ])
    }
  })
})

describe('decide: what a command must carry', () => {
  const R = PARTIES['receiving intake']!.party
  const S = PARTIES['sending connector']!.party

  it.each([
    ['SENT', { type: 'decline', reason: '' }, R, 'reason', 'reason is required to decline'],
    ['SENT', { type: 'decline', reason: '   ' }, R, 'reason', 'reason is required to decline'],
    ['SENT', { type: 'decline' }, R, 'reason', 'reason is required to decline'],
    [
      'IN_PROGRESS',
      { type: 'putOnHold', reason: '' },
      R,
      'reason',
      'reason is required to put a referral on hold',
    ],
    ['ACCEPTED', { type: 'cancel', reason: ' ' }, S, 'reason', 'reason is required to cancel'],
    ['SENT', { type: 'redirect', reason: '' }, R, 'reason', 'reason is required to redirect'],
    ['DRAFT', { type: 'cancel' }, S, 'reason', 'reason is required to cancel'],
    [
      'IN_PROGRESS',
      { type: 'complete' },
      R,
      'outcome',
      'outcome is required to complete: NEEDS_MET, PARTLY_MET or NOT_MET',
    ],
    [
      'IN_PROGRESS',
      { type: 'complete', outcome: 'DONE' },
      R,
      'outcome',
      'outcome is required to complete: NEEDS_MET, PARTLY_MET or NOT_MET',
    ],
    [
      'ACCEPTED',
      { type: 'fail', reason: 'no idea' },
      R,
      'reason',
      'reason is required to fail a referral: UNABLE_TO_CONTACT or PERSON_DECLINED_SERVICE',
    ],
    ['ACCEPTED', { type: 'recordContactAttempt', result: 'REACHED' }, R, 'method', /^method is required/],
    ['ACCEPTED', { type: 'recordContactAttempt', method: 'PHONE' }, R, 'result', /^result is required/],
    [
      'ACCEPTED',
      { type: 'recordContactAttempt', method: 'PIGEON', result: 'REACHED' },
      R,
      'method',
      /^method/,
    ],
  ] as const)('%s %j: %s', (status, command, party, field, message) => {
    const d = decide(status, command as unknown as ReferralCommand, party)
    expect(d.ok).toBe(false)
    if (d.ok) return
    expect(d.error.code).toBe('VALIDATION_FAILED')
    expect(d.error.field).toBe(field)
    expect(d.error.message).toMatch(message)
    expect(isAppError(d.error)).toBe(true)
  })

  it('checks the state before the payload: a blank reason on a closed referral is a CONFLICT', () => {
    const d = decide('COMPLETED', { type: 'decline', reason: '' }, R)
    expect(d.ok || d.error.code).toBe('CONFLICT')
  })

  it('checks the party before anything: an outsider gets FORBIDDEN whatever the state', () => {
    const d = decide(
      'COMPLETED',
      { type: 'decline', reason: '' },
      { side: 'OTHER', roles: ['PROVIDER_INTAKE'] },
    )
    expect(d.ok || d.error.code).toBe('FORBIDDEN')
  })

  it('refuses an unknown command type', () => {
    const d = decide('SENT', { type: 'approve' } as unknown as ReferralCommand, R)
    expect(d.ok || [d.error.code, d.error.field]).toEqual(['VALIDATION_FAILED', 'type'])
  })
})

describe('decide: messages', () => {
  it.each([
    [
      'COMPLETED',
      VALID.accept,
      { side: 'RECIPIENT', roles: ['PROVIDER_INTAKE'] },
      'CONFLICT',
      'cannot accept a referral that is COMPLETED',
    ],
    [
      'SENT',
      VALID.accept,
      { side: 'SENDER', roles: ['COMMUNITY_CONNECTOR'] },
      'FORBIDDEN',
      'only the receiving organisation’s staff who respond to referrals may accept a referral',
    ],
    [
      'IN_PROGRESS',
      VALID.redirect,
      { side: 'RECIPIENT', roles: ['PROVIDER_INTAKE'] },
      'FORBIDDEN',
      'only the sending organisation’s staff who send referrals or a national administrator may redirect a referral that is IN_PROGRESS',
    ],
    [
      'SENT',
      VALID.cancel,
      { side: 'RECIPIENT', roles: ['PROVIDER_INTAKE'] },
      'FORBIDDEN',
      'only the sending organisation’s staff who send referrals or a national administrator may cancel a referral',
    ],
    [
      'SENT',
      VALID.recordContactAttempt,
      { side: 'RECIPIENT', roles: ['PROVIDER_INTAKE'] },
      'CONFLICT',
      'cannot record a contact attempt on a referral that is SENT',
    ],
  ] as const)('%s %j', (status, command, party, code, message) => {
    const d = decide(status, command, party)
    expect(d.ok ? null : { code: d.error.code, message: d.error.message }).toEqual({ code, message })
  })
})

describe('referralActorsOf and availableCommands', () => {
  it.each([
    [{ side: 'SENDER', roles: ['COMMUNITY_CONNECTOR'] }, ['SENDER']],
    [{ side: 'SENDER', roles: ['COMMUNITY_CONNECTOR', 'NATIONAL_ADMIN'] }, ['SENDER', 'NATIONAL_ADMIN']],
    [{ side: 'RECIPIENT', roles: ['PROVIDER_INTAKE'] }, ['RECIPIENT']],
    [{ side: 'RECIPIENT', roles: ['COMMUNITY_CONNECTOR'] }, ['RECIPIENT']],
    [{ side: 'RECIPIENT', roles: ['PROVIDER_ADMIN'] }, []],
    [{ side: 'OTHER', roles: ['PROVIDER_INTAKE', 'COMMUNITY_CONNECTOR'] }, []],
    [{ side: 'OTHER', roles: ['NATIONAL_ADMIN'] }, ['NATIONAL_ADMIN']],
  ] as const)('%j acts as %j', (party, actors) => {
    expect(referralActorsOf(party)).toEqual(actors)
  })

  it.each([
    ['SENT', { side: 'RECIPIENT', roles: ['PROVIDER_INTAKE'] }, ['accept', 'decline', 'redirect']],
    ['SENT', { side: 'SENDER', roles: ['COMMUNITY_CONNECTOR'] }, ['cancel', 'redirect']],
    [
      'ACCEPTED',
      { side: 'RECIPIENT', roles: ['PROVIDER_INTAKE'] },
      ['recordContactAttempt', 'start', 'fail', 'redirect'],
    ],
    ['IN_PROGRESS', { side: 'RECIPIENT', roles: ['PROVIDER_INTAKE'] }, ['putOnHold', 'complete', 'fail']],
    ['ON_HOLD', { side: 'OTHER', roles: ['NATIONAL_ADMIN'] }, ['cancel', 'redirect']],
    ['COMPLETED', { side: 'OTHER', roles: ['NATIONAL_ADMIN'] }, []],
  ] as const)('%s for %j: %j', (status, party, commands) => {
    expect(availableCommands(status, party)).toEqual(commands)
  })
})

describe('properties: random command sequences from DRAFT', () => {
  const arbCommand = fc.constantFrom(...C).map((c) => VALID[c])
  const arbParty = fc.constantFrom(...Object.values(PARTIES).map((p) => p.party))
  const arbSteps = fc.array(fc.tuple(arbCommand, arbParty), { maxLength: 40 })

  it('follow only table rows, never leave a terminal status, and refuse with catalogued errors', () => {
    fc.assert(
      fc.property(arbSteps, (steps) => {
        let status: ReferralStatus = 'DRAFT'
        for (const [command, party] of steps) {
          const d = decide(status, command, party)
          if (d.ok) {
            expect(isTerminalStatus(status)).toBe(false)
            const row = REFERRAL_TRANSITIONS.find((r) => r.from === status && r.command === command.type)
            expect(row).toBeDefined()
            expect(d).toEqual({ ok: true, from: status, to: row?.to, event: row?.event })
            expect(referralActorsOf(party).some((a) => row?.by.includes(a))).toBe(true)
            status = d.to
          } else {
            expect(['FORBIDDEN', 'CONFLICT']).toContain(d.error.code)
          }
          expect(REFERRAL_STATUSES).toContain(status)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('once terminal, every command from every party is refused', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TERMINAL_STATUSES), arbCommand, arbParty, (status, command, party) => {
        const d = decide(status, command, party)
        expect(d.ok).toBe(false)
      }),
      { numRuns: 300 },
    )
  })

  it('a sender and a recipient taking turns can always drive a referral to a close', () => {
    const S = PARTIES['sending connector']!.party
    const R = PARTIES['receiving intake']!.party
    fc.assert(
      fc.property(fc.array(arbCommand, { maxLength: 30 }), (commands) => {
        let status: ReferralStatus = 'DRAFT'
        for (const command of commands) {
          for (const party of [S, R]) {
            const d = decide(status, command, party)
            if (d.ok) status = d.to
          }
        }
        // From wherever it got to, cancel by the sender closes it unless it is already closed.
        const end = decide(status, VALID.cancel, S)
        expect(isTerminalStatus(status) || (end.ok && end.to === 'CANCELLED')).toBe(true)
      }),
      { numRuns: 200 },
    )
  })
})

describe('decide after the consent is withdrawn', () => {
  const withdrawn = { withdrawn: true }
  const S = PARTIES['sending connector']!.party
  const R = PARTIES['receiving intake']!.party

  it.each(cells.filter((c) => c.allowed.includes(c.letter ?? '?')))(
    '$status / $command / $who: only a closing step stays allowed',
    ({ status, command, party }) => {
      const d = decide(status, VALID[command], party, withdrawn)
      if (['decline', 'complete', 'fail', 'cancel'].includes(command)) {
        expect(d.ok).toBe(true)
      } else {
        expect(d.ok).toBe(false)
        if (d.ok) return
        expect(d.error.code).toBe('CONFLICT')
        expect(d.error.details?.map((x) => x.code)).toEqual([CONSENT_WITHDRAWN])
        expect(d.error.message).toMatch(/consent was withdrawn/)
      }
    },
  )

  it('a refusal for another reason keeps its own code (a stranger is still FORBIDDEN)', () => {
    const d = decide('SENT', VALID.accept, PARTIES['regional lead']!.party, withdrawn)
    expect(d.ok).toBe(false)
    if (!d.ok) expect(d.error.code).toBe('FORBIDDEN')
  })

  it('offers only close or cancel', () => {
    expect(availableCommands('ACCEPTED', R, withdrawn)).toEqual(['fail'])
    expect(availableCommands('ACCEPTED', R)).toEqual(['recordContactAttempt', 'start', 'fail', 'redirect'])
    expect(availableCommands('SENT', R, withdrawn)).toEqual(['decline'])
    expect(availableCommands('IN_PROGRESS', R, withdrawn)).toEqual(['complete', 'fail'])
    expect(availableCommands('ON_HOLD', S, withdrawn)).toEqual(['cancel'])
    expect(COMMANDS_AFTER_WITHDRAWAL).not.toContain('redirect')
  })
})
