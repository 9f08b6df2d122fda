import { describe, expect, it } from 'vitest'
import { controlCharacterIn, findControlCharacter } from './control-characters'

describe('controlCharacterIn', () => {
  it.each([
    ['NUL', 'a\u0000b', 'U+0000', 1],
    ['bell', '\u0007', 'U+0007', 0],
    ['vertical tab', 'x\u000B', 'U+000B', 1],
    ['form feed', '\u000C', 'U+000C', 0],
    ['escape', 'Kia ora\u001B[31m', 'U+001B', 7],
    ['unit separator', '\u001F', 'U+001F', 0],
    ['DEL', '\u007F', 'U+007F', 0],
    ['C1 next line', 'a\u0085', 'U+0085', 1],
    ['C1 last', '\u009F', 'U+009F', 0],
    ['U+FFFE', '\uFFFE', 'U+FFFE', 0],
    ['U+FFFF', 'ab\uFFFF', 'U+FFFF', 2],
    ['lone high surrogate at the end', 'Hēmi\uD83D', 'U+D83D', 4],
    ['lone high surrogate before text', '\uD800x', 'U+D800', 0],
    ['lone low surrogate', 'x\uDC00', 'U+DC00', 1],
    ['two high surrogates', '\uD83D\uD83D\uDE00', 'U+D83D', 0],
    ['low then high', '\uDE00\uD83D', 'U+DE00', 0],
  ])('refuses %s', (_name, text, character, index) => {
    expect(controlCharacterIn(text)).toEqual({ character, index })
  })

  it.each([
    ['tab, LF, CR', 'line one\r\nline two\tend'],
    ['macrons and te reo', 'Whānau Ora, Ngāti Porou, Tūhoe'],
    ['emoji (a surrogate pair)', 'kia ora 🙂👍🏽'],
    ['U+00A0 and beyond C1', 'a\u00A0b\u00FF'],
    ['U+FFFD (what invalid UTF-8 becomes)', '\uFFFD'],
    ['U+FFFC and private use', '\uFFFC\uE000'],
    ['space and tilde', ' ~'],
    ['empty', ''],
  ])('allows %s', (_name, text) => {
    expect(controlCharacterIn(text)).toBeNull()
  })
})

describe('findControlCharacter', () => {
  it('names the first offending field by its dotted path, in document order', () => {
    const body = {
      name: 'Aroha',
      whanau: [{ name: 'Mere' }, { name: 'Hone\u0000', relationship: 'x\u0001' }],
      notes: 'later\u0002',
    }
    expect(findControlCharacter(body)).toEqual({ path: 'whanau.1.name', segments: ['whanau', '1', 'name'], character: 'U+0000', index: 4 })
    expect(findControlCharacter({ a: { b: ['ok', ['ok', '\uDC00']] } })).toMatchObject({ path: 'a.b.1.1' })
  })

  it('starts from the given path and reports a bare string at it', () => {
    expect(findControlCharacter('x\u0000', 'purpose')).toMatchObject({ path: 'purpose' })
    expect(findControlCharacter({ reason: '\u0085' }, 'input')).toMatchObject({ path: 'input.reason' })
    expect(findControlCharacter('\u0000')).toMatchObject({ path: '' })
  })

  it('keeps empty keys and keys with dots in the path', () => {
    expect(findControlCharacter({ '': { yok: '\uD83D\t' } })).toMatchObject({ path: '.yok', segments: ['', 'yok'] })
    expect(findControlCharacter({ 'a.b': ['\u0000'] }, 'input')).toMatchObject({ path: 'input.a.b.0', segments: ['input', 'a.b', '0'] })
  })

  it("reports a bad key at its object's path", () => {
    expect(findControlCharacter({ person: { 'na\u0000me': 'x' } })).toMatchObject({ path: 'person', character: 'U+0000' })
  })

  it('ignores numbers, booleans, null and clean text', () => {
    expect(findControlCharacter({ a: 1, b: true, c: null, d: ['x', { e: 'y\n' }], f: undefined })).toBeNull()
    expect(findControlCharacter(42)).toBeNull()
    expect(findControlCharacter(null)).toBeNull()
  })

  it('walks nesting deeper than the call stack', () => {
    let deep: unknown = 'bottom\u0000'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    const found = findControlCharacter(deep)
    expect(found?.path.split('.').length).toBe(100_000)
  })
})
