// Domain values must map 1:1 to the database enums; this reads prisma/schema.prisma to prove it.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ACCREDITATION_SCHEMES } from '../accreditation'
import { ACCREDITATION_STATUSES, CAPACITY_STATUSES, SERVICE_STATUSES } from './routing-enums'

const schema = readFileSync(new URL('../../../../prisma/schema.prisma', import.meta.url), 'utf8')

function prismaEnum(name: string): string[] {
  const body = new RegExp(`^enum ${name} \\{([^}]*)\\}`, 'm').exec(schema)?.[1]
  if (body === undefined) throw new Error(`enum ${name} not found in schema.prisma`)
  return body
    .split('\n')
    .map((l) => l.replace(/\/\/.*$/, '').trim())
    .filter((l) => l.length > 0)
}

describe('routing enums match prisma/schema.prisma', () => {
  it.each([
    ['ServiceStatus', SERVICE_STATUSES],
    ['CapacityStatus', CAPACITY_STATUSES],
    ['AccreditationStatus', ACCREDITATION_STATUSES],
    ['AccreditationScheme', ACCREDITATION_SCHEMES],
  ] as const)('%s', (name, values) => {
    expect([...values]).toEqual(prismaEnum(name))
  })
})
