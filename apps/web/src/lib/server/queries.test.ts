// The web app's operations must stay valid against the API's committed schema
// (packages/graphql/schema.graphql, Conventions 9), so a renamed field fails here, not in a page.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildSchema, parse, validate } from 'graphql'
import { describe, expect, it } from 'vitest'
import * as queries from './queries'

const sdl = readFileSync(fileURLToPath(new URL('../../../../../packages/graphql/schema.graphql', import.meta.url)), 'utf8')
const schema = buildSchema(sdl)

// Every operation this file exports, steps included, so a new page's query cannot skip the check.
const operations = Object.entries(queries).flatMap(([name, value]) => {
  if (name === 'REFERRAL_STEPS') return Object.entries(value as Record<string, { query: string }>).map(([step, op]) => [`REFERRAL_STEPS.${step}`, op.query] as const)
  return typeof value === 'object' && value !== null && 'query' in value ? [[name, (value as { query: string }).query] as const] : []
})

describe('operations against packages/graphql/schema.graphql', () => {
  it('finds the operations', () => {
    expect(operations.map(([name]) => name)).toEqual(expect.arrayContaining(['ME', 'DIRECTORY', 'REFERRAL', 'SEND_REFERRAL', 'REFERRAL_STEPS.accept']))
  })

  it.each(operations)('%s is valid', (_name, query) => {
    expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([])
  })
})
