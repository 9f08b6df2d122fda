import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { printSdl } from './index'

describe('schema.graphql', () => {
  it('is the printed schema (run `pnpm schema:graphql` after changing the schema)', () => {
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')
    expect(printSdl()).toBe(committed)
  })

  it('exposes the first queries: me, regions, organisations and services', () => {
    const sdl = printSdl()
    for (const q of ['me: Me', 'regions: [Region!]!', 'organisations(', 'services(']) expect(sdl).toContain(q)
    expect(sdl).toContain('type ServiceConnection')
    expect(sdl).toMatch(/type PageInfo \{[^}]*endCursor/s)
  })
})
