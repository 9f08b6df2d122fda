// The web app's operations must stay valid against the API's committed schema
// (packages/graphql/schema.graphql, Conventions 9), so a renamed field fails here, not in a page.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildSchema, parse, validate } from 'graphql'
import { describe, expect, it } from 'vitest'
import { DIRECTORY, ME } from './queries'

const sdl = readFileSync(fileURLToPath(new URL('../../../../../packages/graphql/schema.graphql', import.meta.url)), 'utf8')
const schema = buildSchema(sdl)

describe('operations against packages/graphql/schema.graphql', () => {
  it.each([
    ['Me', ME.query],
    ['Directory', DIRECTORY.query],
  ])('%s is valid', (_name, query) => {
    expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([])
  })
})
