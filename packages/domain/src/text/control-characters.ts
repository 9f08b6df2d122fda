// Control characters are bad input everywhere (issue 12): a NUL cannot be stored in a PostgreSQL
// text column (the insert fails: a 500 before this), and lone surrogates, C1 controls and the
// noncharacters U+FFFE/U+FFFF are never meant text; they only break exports, emails and PDFs later.
// Tab, line feed and carriage return are allowed everywhere (notes are multi-line); a schema that
// wants one line (a name) refuses those itself.

/**
 * C0 controls but tab, LF and CR; DEL and the C1 controls (U+007F–U+009F); U+FFFE and U+FFFF; a high
 * surrogate not followed by a low one, and a low one not preceded by a high one (UTF-16 code units:
 * no `u` flag, on purpose).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BAD = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

export interface ControlCharacterFinding {
  /** Dotted path of the offending value ("whanau.0.name"); '' when the value itself is a string. */
  path: string
  /** The same path, one key or index each (a key may itself hold a dot, or be empty). */
  segments: string[]
  /** The offending UTF-16 code unit, as "U+0000". */
  character: string
  /** Its index in the string. */
  index: number
}

/** The first control character in one string, or null. */
export function controlCharacterIn(text: string): { character: string; index: number } | null {
  const match = BAD.exec(text)
  if (!match) return null
  const unit = match[0].charCodeAt(0)
  return { character: `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`, index: match.index }
}

/** A path as a linked list: a 64 KB body can nest thousands deep, and copying arrays is quadratic. */
interface PathNode {
  key: string
  parent: PathNode | null
}
const segmentsOf = (node: PathNode | null): string[] => {
  const out: string[] = []
  for (let n = node; n; n = n.parent) out.push(n.key)
  return out.reverse()
}

/**
 * Walks a JSON value (strings, arrays, plain objects, their keys) depth-first in document order and
 * returns the first control character with the path to it, or null. Iterative: a 64 KB body can nest
 * arrays thousands deep, deeper than the call stack.
 */
export function findControlCharacter(value: unknown, path = ''): ControlCharacterFinding | null {
  const root: PathNode | null = path ? { key: path, parent: null } : null
  const stack: { value: unknown; at: PathNode | null }[] = [{ value, at: root }]
  while (stack.length) {
    const item = stack.pop()!
    const v = item.value
    if (typeof v === 'string') {
      const found = controlCharacterIn(v)
      if (found) {
        const segments = segmentsOf(item.at)
        return { path: segments.join('.'), segments, ...found }
      }
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], at: { key: String(i), parent: item.at } })
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v)
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!
        // The key is looked at before its value (first finding in document order); a bad key is
        // reported at its object's path, since the key itself cannot name a field.
        stack.push({ value: child, at: { key, parent: item.at } }, { value: key, at: item.at })
      }
    }
  }
  return null
}

/** "whanau.0.name: contains a control character (U+0000) at 12; remove it." */
export function controlCharacterMessage(finding: ControlCharacterFinding, field: string): string {
  return `${field}: contains a control character (${finding.character}) at position ${finding.index}; remove it.`
}
