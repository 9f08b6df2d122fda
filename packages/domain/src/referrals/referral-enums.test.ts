// Domain values must map 1:1 to the database enums; this reads prisma/schema.prisma to prove it.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  CONTACT_METHODS,
  CONTACT_RESULTS,
  REFERRAL_EVENT_TYPES,
  REFERRAL_FAILURE_REASONS,
  REFERRAL_OUTCOMES,
  REFERRAL_PRIORITIES,
  REFERRAL_STATUSES,
} from './referral-enums'

const schema = readFileSync(new URL('../../../../prisma/schema.prisma', import.meta.url), 'utf8')

function prismaEnum(name: string): string[] {
  const body = new RegExp(`^enum ${name} \\{([^}]*)\\}`, 'm').exec(schema)?.[1]
  if (body === undefined) throw new Error(`enum ${name} not found in schema.prisma`)
  return body
    .split('\n')
    .map((l) => l.replace(/\/\/.*$/, '').trim())
    .filter((l) => l.length > 0)
}

describe('referral enums match prisma/schema.prisma', () => {
  it.each([
    ['ReferralStatus', REFERRAL_STATUSES],
    ['ReferralEventType', REFERRAL_EVENT_TYPES],
    ['ReferralPriority', REFERRAL_PRIORITIES],
    ['ReferralOutcome', REFERRAL_OUTCOMES],
    ['ReferralFailureReason', REFERRAL_FAILURE_REASONS],
    ['ContactMethod', CONTACT_METHODS],
    ['ContactResult', CONTACT_RESULTS],
  ] as const)('%s', (name, values) => {
    expect([...values]).toEqual(prismaEnum(name))
  })
})
