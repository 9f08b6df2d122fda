// Hydration writes a form field's first value into the field. When that first value is '' (or
// false), Svelte overwrites whatever the person typed (or ticked) before the JavaScript arrived: seen
// as sign-ins posting an empty email on a busy machine. Fields start from undefined instead, and
// fields that are on by default use defaultChecked / defaultValue. This keeps the pattern out.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const SRC = fileURLToPath(new URL('../src', import.meta.url))
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.svelte') ? [path] : []
  })

const CLOBBERS = [
  /\b(?:value|checked)=\{[^}]*\?\?\s*(?:''|""|false)\s*\}/g,
  /<textarea[^>]*>\{[^}]*\?\?\s*(?:''|"")\s*\}<\/textarea>/g,
]

describe('form fields', () => {
  it('never start from an empty value that hydration would write over what was typed', () => {
    const found = files(SRC).flatMap((file) => {
      const text = readFileSync(file, 'utf8')
      return CLOBBERS.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => `${relative(SRC, file)}: ${m[0]}`))
    })
    expect(found).toEqual([])
  })
})
