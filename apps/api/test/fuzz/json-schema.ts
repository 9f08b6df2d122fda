// fast-check arbitraries from the JSON Schemas in the app's OpenAPI document: a plausible valid
// value, and the ways to break one. A "hard" break is one the schema itself forbids (the server
// must refuse it); a "soft" change stays inside what the schema says (emoji, tab and new lines,
// long text where no maximum is declared, unknown extra fields) and probes what lies behind the
// schema: the use case, the database. Control characters and lone surrogates in any string are
// hard: the API refuses them everywhere, whatever the schema (issue 12, @fsn/domain's
// findControlCharacter).
import fc from 'fast-check'

export interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  enum?: unknown[]
  format?: string
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minItems?: number
  maxItems?: number
  additionalProperties?: boolean | JsonSchema
  $ref?: string
  default?: unknown
}

export type Resolve = (schema: JsonSchema) => JsonSchema

/** Follows `$ref: #/components/schemas/X` within one document. */
export function resolver(doc: { components?: { schemas?: Record<string, JsonSchema> } }): Resolve {
  return (schema) => {
    let s = schema
    for (let i = 0; s.$ref && i < 10; i++) s = doc.components?.schemas?.[s.$ref.split('/').pop()!] ?? {}
    return s
  }
}

const typesOf = (s: JsonSchema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : s.properties ? ['object'] : [])
const nullable = (s: JsonSchema) => typesOf(s).includes('null')
const mainType = (s: JsonSchema) => typesOf(s).find((t) => t !== 'null') ?? (s.enum ? 'enum' : 'any')

const plainText = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz AEIOU āēīōū'.split('')), minLength: min, maxLength: max })

/** A value the schema accepts (for the formats and patterns the API uses). */
export function validValue(schema: JsonSchema, resolve: Resolve): fc.Arbitrary<unknown> {
  const s = resolve(schema)
  if (s.enum) return fc.constantFrom(...s.enum)
  switch (mainType(s)) {
    case 'string': {
      if (s.format === 'uuid') return fc.uuid({ version: 4 })
      if (s.format === 'date') return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
      if (s.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString())
      if (s.format === 'uri' || s.format === 'url') return fc.constantFrom('https://hooks.example.nz/fsn', 'https://example.org/a?b=c')
      if (s.format === 'email') return fc.constantFrom('aroha@example.nz', 'a.b@test.example.nz')
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= (s.maxLength ?? Infinity))
      const min = s.minLength ?? 0
      return plainText(Math.max(min, 1), Math.max(Math.min(s.maxLength ?? 24, 24), Math.max(min, 1)))
    }
    case 'integer':
      return fc.integer({ min: Math.ceil(s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0)), max: Math.floor(s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1000)) })
    case 'number':
      return fc.double({ min: s.minimum ?? s.exclusiveMinimum ?? -1000, max: s.maximum ?? s.exclusiveMaximum ?? 1000, noNaN: true, noDefaultInfinity: true, minExcluded: s.exclusiveMinimum !== undefined, maxExcluded: s.exclusiveMaximum !== undefined })
    case 'boolean':
      return fc.boolean()
    case 'array':
      return fc.array(validValue(s.items ?? {}, resolve), { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 2, 2)) })
    case 'object': {
      const props = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, validValue(v, resolve)]))
      return fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) })
    }
    default:
      return fc.constant('x')
  }
}

export type Path = (string | number)[]

/** One change to a value: where, what kind, and how it rewrites the value. */
export interface Change {
  kind: string
  hard: boolean
  path: Path
  apply: (value: unknown) => unknown
}

/** Every place in a value together with the schema that governs it. */
function places(value: unknown, schema: JsonSchema, resolve: Resolve, path: Path = []): { path: Path; schema: JsonSchema; value: unknown; parent?: JsonSchema; key?: string }[] {
  const s = resolve(schema)
  const here = [{ path, schema: s, value }]
  if (value && typeof value === 'object' && !Array.isArray(value) && s.properties) {
    return [
      ...here,
      ...Object.entries(s.properties).flatMap(([k, sub]) =>
        k in (value as object) ? places((value as Record<string, unknown>)[k], sub, resolve, [...path, k]) : [{ path: [...path, k], schema: resolve(sub), value: undefined, parent: s, key: k }],
      ),
    ]
  }
  if (Array.isArray(value) && s.items) return [...here, ...value.flatMap((v, i) => places(v, s.items!, resolve, [...path, i]))]
  return here
}

function setAt(value: unknown, path: Path, next: unknown | typeof REMOVE): unknown {
  if (path.length === 0) return next === REMOVE ? undefined : next
  const [head, ...rest] = path
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>
  if (rest.length === 0 && next === REMOVE) {
    delete copy[head!]
    return copy
  }
  copy[head!] = setAt(copy[head!], rest, next)
  return copy
}
export const REMOVE = Symbol('remove')

/**
 * Every UTF-16 unit the API refuses in text: C0 controls but tab, LF and CR; DEL and the C1 controls;
 * U+FFFE and U+FFFF; and surrogates, which stand alone here.
 */
export const CONTROL_CHARACTERS: readonly string[] = [
  ...Array.from({ length: 0x20 }, (_, i) => i).filter((i) => i !== 0x09 && i !== 0x0a && i !== 0x0d),
  ...Array.from({ length: 0xa0 - 0x7f }, (_, i) => 0x7f + i),
  0xfffe,
  0xffff,
].map((u) => String.fromCharCode(u))
export const LONE_SURROGATES: readonly string[] = ['\ud800', '\udbff', '\ud83d', '\udc00', '\ude4f', '\udfff']

/** Text around a refused unit: alone, inside words, after an emoji (a pair, then the lone one). */
const AROUND = [(c: string) => c, (c: string) => `nul${c}byte`, (c: string) => `Hēmi ${c}Walker`, (c: string) => `\ud83d\ude4f${c}`, (c: string) => `${c}${c}`]

/** One character of generated text: mostly plain, sometimes one the API must refuse. */
export const TEXT_UNIT: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz AEIOU āēīōū\t\n'.split('')) },
  { weight: 1, arbitrary: fc.constantFrom(...CONTROL_CHARACTERS) },
  { weight: 1, arbitrary: fc.constantFrom(...LONE_SURROGATES) },
)

// changesAt is called in the same order on every run with one seed, so walking the lists with a
// counter keeps runs repeatable while every refused unit and setting comes up over a run.
let refusedTurn = 0
function refusedText(units: readonly string[]): string {
  const n = refusedTurn++
  return AROUND[n % AROUND.length]!(units[n % units.length]!)
}

const NASTY_STRINGS = [
  'tab\tnew\nline\rreturn',
  '\u202etxt.exe',
  '\ud83d\ude4f\ud83c\udffd kia ora \u0101\u0113\u012b\u014d\u016b',
  '\ufeffbom',
  '\ufffd replacement',
  "Robert'); DROP TABLE \"User\";--",
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '%00%ff%E0%A4%A',
  ' ',
  '',
]

/** The changes that make sense at one place; `hard` ones the schema forbids. */
function changesAt(place: ReturnType<typeof places>[number]): { kind: string; hard: boolean; next: unknown }[] {
  const s = place.schema
  const t = mainType(s)
  const out: { kind: string; hard: boolean; next: unknown }[] = []
  const hard = (kind: string, next: unknown) => out.push({ kind, hard: true, next })
  const soft = (kind: string, next: unknown) => out.push({ kind, hard: false, next })

  if (place.value === undefined) {
    // A property the base left out: give it something wrong.
    if (place.parent && place.key) {
      if (t !== 'string') hard('wrong type', 'not-a-' + t)
      else hard('wrong type', 12345)
    }
    return out
  }
  if (!nullable(s)) hard('null', null)
  if (s.enum) {
    hard('bad enum', 'NOT_A_CHOICE')
    const first = s.enum.find((e) => typeof e === 'string') as string | undefined
    if (first && first.toLowerCase() !== first) hard('bad enum (case)', first.toLowerCase())
  }
  // Refused in any string, before the schema is looked at (enums, formats and patterns too).
  if (t === 'string' || (s.enum && s.enum.some((e) => typeof e === 'string'))) {
    hard('control character', refusedText(CONTROL_CHARACTERS))
    hard('lone surrogate', refusedText(LONE_SURROGATES))
  }
  switch (t) {
    case 'string':
      hard('wrong type', 42)
      hard('wrong type', true)
      hard('wrong type', ['a'])
      hard('wrong type', { a: 1 })
      if (s.maxLength !== undefined) hard('overlong', 'x'.repeat(s.maxLength + 1))
      if (s.maxLength !== undefined) hard('overlong (unicode)', '\u0101'.repeat(s.maxLength + 1))
      if ((s.minLength ?? 0) > 0) hard('empty', '')
      if (s.format === 'uuid') {
        hard('bad uuid', 'not-a-uuid')
        hard('bad uuid', '00000000-0000-0000-0000-00000000000g')
        hard('bad uuid', "1' OR '1'='1")
        hard('bad uuid', '123e4567-e89b-12d3-a456-4266141740001')
      }
      if (s.format === 'date') {
        hard('bad date', '2026-13-45')
        hard('bad date', 'yesterday')
        hard('bad date', '2026-02-30')
        hard('bad date', '20261123')
      }
      if (s.format === 'date-time') {
        hard('bad date-time', '2026-11-23T25:61:00Z')
        hard('bad date-time', 'not a date')
        hard('bad date-time', '9999999-01-01T00:00:00Z')
      }
      if (s.format === 'uri') {
        hard('bad uri', 'not a url')
        hard('bad uri', 'javascript:alert(1)')
      }
      if (s.pattern) hard('pattern', 'zz~')
      if (!s.enum && !s.format && !s.pattern) {
        for (const n of NASTY_STRINGS) {
          if (n.length <= (s.maxLength ?? Infinity) && n.length >= (s.minLength ?? 0)) soft('nasty text', n)
        }
        if (s.maxLength === undefined) soft('long text, no maximum declared', 'x'.repeat(20_000))
        else soft('longest allowed', '\u0101'.repeat(s.maxLength))
      }
      break
    case 'integer':
    case 'number':
      hard('wrong type', '12abc')
      hard('wrong type', [1])
      if (t === 'integer') hard('fraction', 1.5)
      if (s.minimum !== undefined) hard('below minimum', s.minimum - 1)
      if (s.exclusiveMinimum !== undefined) hard('at exclusive minimum', s.exclusiveMinimum)
      if (s.maximum !== undefined) hard('above maximum', s.maximum + 1)
      if (s.maximum === undefined) soft('huge', t === 'integer' ? Number.MAX_SAFE_INTEGER : 1e308)
      if (s.minimum === undefined && s.exclusiveMinimum === undefined) soft('very negative', -Number.MAX_SAFE_INTEGER)
      if (t === 'integer' && s.maximum === undefined) soft('past int4', 2 ** 31)
      break
    case 'boolean':
      hard('wrong type', 'true')
      hard('wrong type', 1)
      break
    case 'array':
      hard('wrong type', 'a,b')
      hard('wrong type', {})
      if ((s.minItems ?? 0) > 0) hard('too few items', [])
      if (s.maxItems !== undefined && Array.isArray(place.value) && place.value.length > 0)
        hard('too many items', Array.from({ length: s.maxItems + 1 }, () => (place.value as unknown[])[0]))
      if (s.maxItems === undefined && Array.isArray(place.value) && place.value.length > 0)
        soft('many items, no maximum declared', Array.from({ length: 500 }, () => (place.value as unknown[])[0]))
      break
    case 'object':
      hard('wrong type', 'object?')
      hard('wrong type', [])
      soft('extra field', { ...(place.value as object), zzUnknownField: 'extra', __proto__: { polluted: true } })
      soft('prototype keys', JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}'))
      break
  }
  return out
}

/** All the changes one value allows, hard and soft, including removing each required field. */
export function changesFor(value: unknown, schema: JsonSchema, resolve: Resolve): Change[] {
  const out: Change[] = []
  for (const place of places(value, schema, resolve)) {
    for (const c of changesAt(place)) out.push({ kind: c.kind, hard: c.hard, path: place.path, apply: (v) => setAt(v, place.path, c.next) })
    const s = place.schema
    if (place.value && typeof place.value === 'object' && !Array.isArray(place.value)) {
      for (const k of s.required ?? []) {
        if (k in (place.value as object)) out.push({ kind: 'missing required', hard: true, path: [...place.path, k], apply: (v) => setAt(v, [...place.path, k], REMOVE) })
      }
    }
  }
  return out
}

/** Dotted names of every place in a value and its schema, with array indices as '*'. */
export function fieldNames(value: unknown, schema: JsonSchema | undefined, resolve: Resolve): Set<string> {
  const names = new Set<string>()
  const add = (path: Path) => {
    for (let i = 1; i <= path.length; i++) names.add(path.slice(0, i).map((p) => (typeof p === 'number' ? '*' : p)).join('.'))
  }
  const walkValue = (v: unknown, path: Path) => {
    add(path)
    if (Array.isArray(v)) v.forEach((x, i) => walkValue(x, [...path, i]))
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walkValue(x, [...path, k])
  }
  const walkSchema = (s: JsonSchema | undefined, path: Path, depth: number) => {
    if (!s || depth > 8) return
    const r = resolve(s)
    add(path)
    for (const [k, sub] of Object.entries(r.properties ?? {})) walkSchema(sub, [...path, k], depth + 1)
    if (r.items) walkSchema(r.items, [...path, 0], depth + 1)
  }
  walkValue(value, [])
  walkSchema(schema, [], 0)
  return names
}

export const normaliseField = (field: string) => field.split('.').map((p) => (/^\d+$/.test(p) ? '*' : p)).join('.')
