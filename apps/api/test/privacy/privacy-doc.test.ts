// docs/privacy.md states the need-to-know rule table: each rule id, its relationship and each of its
// sources must appear in the doc's row for it, so the doc and NEED_TO_KNOW_RULES cannot drift.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { NEED_TO_KNOW_RULES, PERSON_FIELD_KINDS } from '@fsn/domain'

const doc = readFileSync(new URL('../../../../docs/privacy.md', import.meta.url), 'utf8')
const rows = doc.split('\n').filter((l) => l.startsWith('| `'))

describe('docs/privacy.md', () => {
  it.each(NEED_TO_KNOW_RULES.map((r) => [r.id, r] as const))('states rule %s with its relationship and sources', (id, rule) => {
    const row = rows.find((l) => l.startsWith(`| \`${id}\` |`))
    expect(row, `no table row for ${id}`).toBeDefined()
    const cells = row!.split(' | ').map((c) => c.trim())
    expect(cells[1]).toBe(rule.relationship)
    for (const source of rule.sources) expect(row).toContain(source)
  })

  it('has one row per rule and no other', () => {
    expect(rows.length).toBe(NEED_TO_KNOW_RULES.length)
  })

  it('names the kind of every governed field', () => {
    for (const [field, kind] of Object.entries(PERSON_FIELD_KINDS)) {
      const line = doc.split('\n').find((l) => l.startsWith('|') && l.includes(field) && l.includes(kind))
      expect(line, `${field} -> ${kind}`).toBeDefined()
    }
  })
})
