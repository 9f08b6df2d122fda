// Domain values must map 1:1 to the database enums; this reads prisma/schema.prisma to prove it.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONSENT_METHODS, INFORMATION_KINDS, INFORMATION_KIND_LABELS } from './consent-enums'

const schema = readFileSync(new URL('../../../../prisma/schema.prisma', import.meta.url), 'utf8')

function prismaEnum(name: string): string[] {
  const body = new RegExp(`^enum ${name} \\{([^}]*)\\}`, 'm').exec(schema)?.[1]
  if (body === undefined) throw new Error(`enum ${name} not found in schema.prisma`)
  return body
    .split('\n')
    .map((l) => l.replace(/\/\/.*$/, '').trim())
    .filter((l) => l.length > 0)
}

describe('consent enums match prisma/schema.prisma', () => {
  it.each([
    ['InformationKind', INFORMATION_KINDS],
    ['ConsentMethod', CONSENT_METHODS],
  ] as const)('%s', (name, values) => {
    expect([...values]).toEqual(prismaEnum(name))
  })

  it('label every information kind', () => {
    expect(Object.keys(INFORMATION_KIND_LABELS).sort()).toEqual([...INFORMATION_KINDS].sort())
  })
})
