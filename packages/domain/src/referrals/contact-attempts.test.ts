import { describe, expect, it } from 'vitest'
import { fromNzLocal as nz } from '../sla/nz-time'
import type { ContactResult } from './referral-enums'
import {
  CONTACT_ATTEMPTS_BEFORE_ESCALATION,
  CONTACT_WINDOW_HOURS,
  DUE_SOON_HOURS,
  assessContactAttempts,
  slaStatus,
} from './contact-attempts'

const attempt = (time: string, result: ContactResult) => ({ attemptedAt: nz(time), result })

describe('assessContactAttempts (three attempts over 12 hours, then the Regional Lead)', () => {
  it('uses the guideline numbers', () => {
    expect([CONTACT_ATTEMPTS_BEFORE_ESCALATION, CONTACT_WINDOW_HOURS, DUE_SOON_HOURS]).toEqual([3, 12, 2])
  })

  it.each([
    [
      'no attempts yet',
      [],
      '2026-03-02 09:00',
      {
        unsuccessful: 0,
        reached: false,
        nextAttemptNumber: 1,
        shouldEscalate: false,
        behindSchedule: false,
        nextAttemptCountsFrom: nz('2026-03-02 09:00'),
        escalationPossibleAt: null,
        message: 'No contact attempts yet. Make three attempts over 12 hours to reach the person.',
      },
    ],
    [
      'one unsuccessful attempt',
      [attempt('2026-03-02 09:00', 'NO_ANSWER')],
      '2026-03-02 10:00',
      {
        unsuccessful: 1,
        reached: false,
        nextAttemptNumber: 2,
        shouldEscalate: false,
        behindSchedule: false,
        nextAttemptCountsFrom: nz('2026-03-02 10:00'),
        escalationPossibleAt: nz('2026-03-02 21:00'),
        message:
          '1 unsuccessful attempt. Make 2 more attempts over the 12 hours to Mon, 2 Mar 2026, 9:00 pm.',
      },
    ],
    [
      'two unsuccessful attempts',
      [attempt('2026-03-02 09:00', 'NO_ANSWER'), attempt('2026-03-02 13:00', 'LEFT_MESSAGE')],
      '2026-03-02 14:00',
      {
        unsuccessful: 2,
        reached: false,
        nextAttemptNumber: 3,
        shouldEscalate: false,
        behindSchedule: false,
        nextAttemptCountsFrom: nz('2026-03-02 21:00'),
        escalationPossibleAt: nz('2026-03-02 21:00'),
        message:
          '2 unsuccessful attempts. Make the third attempt from Mon, 2 Mar 2026, 9:00 pm, 12 hours after the first.',
      },
    ],
    [
      'two attempts and the 12 wall-clock hours have passed overnight',
      [attempt('2026-03-02 09:00', 'NO_ANSWER'), attempt('2026-03-02 13:00', 'LEFT_MESSAGE')],
      '2026-03-03 08:00',
      {
        unsuccessful: 2,
        reached: false,
        nextAttemptNumber: 3,
        shouldEscalate: false,
        behindSchedule: true,
        nextAttemptCountsFrom: nz('2026-03-03 08:00'),
        escalationPossibleAt: nz('2026-03-02 21:00'),
        message:
          '2 unsuccessful attempts. The 12 hours since the first attempt ended Mon, 2 Mar 2026, 9:00 pm; make attempt 3 now.',
      },
    ],
    [
      'three unsuccessful attempts ten minutes apart: not yet',
      [
        attempt('2026-03-02 09:00', 'NO_ANSWER'),
        attempt('2026-03-02 09:10', 'NO_ANSWER'),
        attempt('2026-03-02 09:20', 'NO_ANSWER'),
      ],
      '2026-03-02 09:21',
      {
        unsuccessful: 3,
        reached: false,
        nextAttemptNumber: 4,
        shouldEscalate: false,
        behindSchedule: false,
        nextAttemptCountsFrom: nz('2026-03-02 21:00'),
        escalationPossibleAt: nz('2026-03-02 21:00'),
        message:
          '3 unsuccessful attempts, all within 12 hours of the first. Try again from Mon, 2 Mar 2026, 9:00 pm; ' +
          'if that attempt fails too, contact your Regional Lead.',
      },
    ],
    [
      'three unsuccessful attempts over 10.5 hours: not yet',
      [
        attempt('2026-03-02 09:00', 'NO_ANSWER'),
        attempt('2026-03-02 13:00', 'WRONG_DETAILS'),
        attempt('2026-03-02 19:30', 'LEFT_MESSAGE'),
      ],
      '2026-03-02 19:31',
      { unsuccessful: 3, shouldEscalate: false, escalationPossibleAt: nz('2026-03-02 21:00') },
    ],
    [
      'three unsuccessful attempts, the latest a minute short of 12 hours: not yet',
      [
        attempt('2026-03-02 09:00', 'NO_ANSWER'),
        attempt('2026-03-02 13:00', 'NO_ANSWER'),
        attempt('2026-03-02 20:59', 'NO_ANSWER'),
      ],
      '2026-03-02 21:30',
      { shouldEscalate: false, nextAttemptCountsFrom: nz('2026-03-02 21:30') },
    ],
    [
      'three unsuccessful attempts exactly 12 hours apart first to last: escalate',
      [
        attempt('2026-03-02 09:00', 'NO_ANSWER'),
        attempt('2026-03-02 13:00', 'WRONG_DETAILS'),
        attempt('2026-03-02 21:00', 'LEFT_MESSAGE'),
      ],
      '2026-03-02 21:01',
      {
        unsuccessful: 3,
        reached: false,
        nextAttemptNumber: 4,
        shouldEscalate: true,
        behindSchedule: false,
        nextAttemptCountsFrom: null,
        escalationPossibleAt: null,
        message:
          '3 attempts over 12 hours have not reached the person. Contact your Regional Lead, who may escalate it.',
      },
    ],
    [
      'three quick misses, then a fourth after 12 hours: escalate',
      [
        attempt('2026-03-02 09:00', 'NO_ANSWER'),
        attempt('2026-03-02 09:10', 'NO_ANSWER'),
        attempt('2026-03-02 09:20', 'NO_ANSWER'),
        attempt('2026-03-02 21:05', 'NO_ANSWER'),
      ],
      '2026-03-02 21:06',
      { unsuccessful: 4, shouldEscalate: true },
    ],
    [
      'three unsuccessful attempts spread over two days still escalate',
      [
        attempt('2026-03-02 09:00', 'NO_ANSWER'),
        attempt('2026-03-03 09:00', 'NO_ANSWER'),
        attempt('2026-03-04 09:00', 'NO_ANSWER'),
      ],
      '2026-03-04 10:00',
      { unsuccessful: 3, reached: false, nextAttemptNumber: 4, shouldEscalate: true, behindSchedule: false },
    ],
    [
      'reached on the second attempt',
      [attempt('2026-03-02 09:00', 'NO_ANSWER'), attempt('2026-03-02 11:00', 'REACHED')],
      '2026-03-02 12:00',
      {
        unsuccessful: 1,
        reached: true,
        nextAttemptNumber: 3,
        shouldEscalate: false,
        behindSchedule: false,
        message: 'The person was reached on attempt 2.',
      },
    ],
    [
      'reached on the fourth attempt, after three misses: no escalation',
      [
        attempt('2026-03-02 09:00', 'NO_ANSWER'),
        attempt('2026-03-02 12:00', 'NO_ANSWER'),
        attempt('2026-03-02 16:00', 'NO_ANSWER'),
        attempt('2026-03-02 20:00', 'REACHED'),
      ],
      '2026-03-02 20:30',
      {
        unsuccessful: 3,
        reached: true,
        nextAttemptNumber: 5,
        shouldEscalate: false,
        message: 'The person was reached on attempt 4.',
      },
    ],
    [
      'attempts given out of order are read in time order',
      [attempt('2026-03-02 11:00', 'REACHED'), attempt('2026-03-02 09:00', 'NO_ANSWER')],
      '2026-03-02 12:00',
      { reached: true, message: 'The person was reached on attempt 2.' },
    ],
  ] as const)('%s', (_what, attempts, now, expected) => {
    expect(assessContactAttempts(attempts, nz(now))).toMatchObject(expected)
  })

  it('takes the window as an option (CONTACT_WINDOW_HOURS)', () => {
    const three = [
      attempt('2026-03-02 09:00', 'NO_ANSWER'),
      attempt('2026-03-02 11:00', 'NO_ANSWER'),
      attempt('2026-03-02 15:00', 'NO_ANSWER'),
    ]
    expect(assessContactAttempts(three, nz('2026-03-02 16:00')).shouldEscalate).toBe(false)
    expect(assessContactAttempts(three, nz('2026-03-02 16:00'), { windowHours: 6 })).toMatchObject({
      shouldEscalate: true,
      message:
        '3 attempts over 6 hours have not reached the person. Contact your Regional Lead, who may escalate it.',
    })
    expect(assessContactAttempts(three, nz('2026-03-02 16:00'), { windowHours: 7 }).shouldEscalate).toBe(
      false,
    )
  })

  it('gives the end of the 12-hour window as an instant', () => {
    const a = assessContactAttempts([attempt('2026-03-02 09:00', 'NO_ANSWER')], nz('2026-03-02 09:00'))
    expect(a.windowEndsAt?.toISOString()).toBe(nz('2026-03-02 21:00').toISOString())
    expect(assessContactAttempts([], nz('2026-03-02 09:00')).windowEndsAt).toBeNull()
  })

  it('counts the window in wall-clock hours, even across a daylight-saving change', () => {
    // Clocks go back at 3am on Sunday 5 April 2026: 12 elapsed hours from 8pm NZDT is 7am NZST.
    const a = assessContactAttempts([attempt('2026-04-04 20:00', 'NO_ANSWER')], nz('2026-04-04 20:00'))
    expect(a.windowEndsAt?.toISOString()).toBe(nz('2026-04-05 07:00').toISOString())
  })
})

describe('slaStatus (accept or decline within 12 business hours)', () => {
  const due = nz('2026-03-03 11:00')
  it.each([
    ['draft: no deadline yet', 'DRAFT', null, null, undefined, '2026-03-02 10:00', 'NOT_APPLICABLE'],
    ['sent, plenty of time', 'SENT', due, null, undefined, '2026-03-02 10:00', 'ON_TIME'],
    ['sent, just over two hours left', 'SENT', due, null, undefined, '2026-03-03 08:59', 'ON_TIME'],
    ['sent, two hours left', 'SENT', due, null, undefined, '2026-03-03 09:00', 'DUE_SOON'],
    ['sent, at the deadline', 'SENT', due, null, undefined, '2026-03-03 11:00', 'DUE_SOON'],
    ['sent, a second past the deadline', 'SENT', due, null, undefined, '2026-03-03 11:00:01', 'OVERDUE'],
    ['accepted in time', 'ACCEPTED', due, nz('2026-03-02 15:00'), undefined, '2026-03-05 10:00', 'MET'],
    ['declined exactly at the deadline', 'DECLINED', due, due, undefined, '2026-03-05 10:00', 'MET'],
    ['accepted late', 'IN_PROGRESS', due, nz('2026-03-03 11:01'), undefined, '2026-03-05 10:00', 'MISSED'],
    [
      'completed after a late answer',
      'COMPLETED',
      due,
      nz('2026-03-04 09:00'),
      undefined,
      '2026-04-05 10:00',
      'MISSED',
    ],
    [
      'cancelled by the sender in time',
      'CANCELLED',
      due,
      null,
      nz('2026-03-02 12:00'),
      '2026-03-05 10:00',
      'NOT_APPLICABLE',
    ],
    [
      'cancelled by the sender after the deadline passed',
      'CANCELLED',
      due,
      null,
      nz('2026-03-04 12:00'),
      '2026-03-05 10:00',
      'MISSED',
    ],
    [
      'redirected with no closing time given',
      'REDIRECTED',
      due,
      null,
      undefined,
      '2026-03-05 10:00',
      'NOT_APPLICABLE',
    ],
  ] as const)('%s', (_what, status, respondBy, respondedAt, closedAt, now, expected) => {
    expect(slaStatus({ status, respondBy, respondedAt, closedAt }, nz(now))).toBe(expected)
  })
})
