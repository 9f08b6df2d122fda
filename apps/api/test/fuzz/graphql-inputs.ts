// Invalid requests for every mutation in the built GraphQL schema, so a new mutation is fuzzed
// without touching this file. Variables are generated from each argument's input type, seen as a
// JSON Schema, then broken the same ways as REST bodies; plus arbitrary JSON as variables, and
// documents and bodies that are broken themselves.
import fc from 'fast-check'
import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql'
import { ERRORS } from '@fsn/domain'
import { TEXT_UNIT, changesFor, fieldNames, normaliseField, validValue, type JsonSchema, type Path } from './json-schema'

export interface GraphQLMutation {
  name: string
  args: readonly GraphQLArgument[]
  document: string
  /** { type: object, properties: { <arg>: … } } */
  schema: JsonSchema
}

export interface GraphQLInput {
  mutation: GraphQLMutation
  body: string
  contentType: string
  hard: boolean
  kinds: string[]
  fields: Set<string>
  callerIndex: number
}

const INT = { min: -(2 ** 31), max: 2 ** 31 - 1 }

/** An input type as a JSON Schema; `x-graphql` keeps the GraphQL scalar for the hard/soft call. */
type GqlSchema = JsonSchema & { 'x-graphql'?: string; properties?: Record<string, GqlSchema>; items?: GqlSchema }

function toSchema(type: GraphQLInputType, depth = 0): GqlSchema {
  const inner = isNonNullType(type) ? type.ofType : type
  const schema = ((): GqlSchema => {
    if (isListType(inner)) return { type: 'array', items: toSchema(inner.ofType, depth + 1), maxItems: undefined, 'x-graphql': 'list' }
    if (isEnumType(inner)) return { enum: inner.getValues().map((v) => v.name), 'x-graphql': 'enum' }
    if (isInputObjectType(inner)) {
      if (depth > 6) return { type: 'object', 'x-graphql': 'input' }
      const fields = Object.values(inner.getFields())
      return {
        type: 'object',
        properties: Object.fromEntries(fields.map((f) => [f.name, toSchema(f.type, depth + 1)])),
        required: fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => f.name),
        'x-graphql': 'input',
      }
    }
    if (isScalarType(inner)) {
      switch (inner.name) {
        case 'ID':
          return { type: 'string', format: 'uuid', 'x-graphql': 'ID' }
        case 'Int':
          return { type: 'integer', minimum: INT.min, maximum: INT.max, 'x-graphql': 'Int' }
        case 'Float':
          return { type: 'number', 'x-graphql': 'Float' }
        case 'Boolean':
          return { type: 'boolean', 'x-graphql': 'Boolean' }
        case 'DateTime':
          return { type: 'string', format: 'date-time', 'x-graphql': 'DateTime' }
        case 'Cents':
          return { type: 'integer', minimum: 0, maximum: 100_000_000, 'x-graphql': 'Cents' }
        default:
          return { type: 'string', 'x-graphql': inner.name }
      }
    }
    return {}
  })()
  return isNonNullType(type) ? schema : { ...schema, type: [...(Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []), 'null'] }
}

export function graphqlMutations(schema: GraphQLSchema): GraphQLMutation[] {
  const fields = Object.values(schema.getMutationType()?.getFields() ?? {})
  return fields.map((field) => {
    const vars = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ')
    const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ')
    const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : ''
    const document = `mutation Fuzz${vars ? `(${vars})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`
    const properties = Object.fromEntries(field.args.map((a) => [a.name, toSchema(a.type)]))
    const required = field.args.filter((a) => isNonNullType(a.type)).map((a) => a.name)
    return { name: field.name, args: field.args, document, schema: { type: 'object', properties, required } }
  })
}

const resolve = (s: JsonSchema) => s

function schemaAt(schema: GqlSchema, path: Path): GqlSchema | undefined {
  let s: GqlSchema | undefined = schema
  for (const p of path) s = typeof p === 'number' ? s?.items : s?.properties?.[p]
  return s
}

/**
 * Which changes GraphQL's own coercion must refuse. An ID takes a number, a list takes a single
 * item, and unknown fields are refused, so those depend on the type; control characters are refused
 * before execution; the rest (text too long, bad UUIDs in an ID) are for the use case to refuse,
 * and count as soft here.
 */
function hardInGraphQL(kind: string, at: GqlSchema | undefined): boolean {
  const g = at?.['x-graphql']
  // Refused in any variable before execution (issue 12), whatever its type.
  if (kind === 'control character' || kind === 'lone surrogate') return true
  if (kind === 'null' || kind === 'missing required' || kind.startsWith('bad enum')) return true
  if (kind === 'fraction' || kind === 'below minimum' || kind === 'above maximum') return g === 'Int'
  if (kind === 'bad date-time') return g === 'DateTime'
  if (kind === 'wrong type') return g !== 'ID' && g !== 'list' && g !== 'Cents'
  return false
}

const BROKEN_DOCUMENTS: { body: string; kind: string; contentType?: string; valid?: true }[] = [
  { body: '{"query":"mutation { "}', kind: 'syntax error' },
  { body: '{"query":"mutation { noSuchMutation }"}', kind: 'unknown mutation' },
  { body: '{"query":5}', kind: 'query not a string' },
  { body: '{"variables":{}}', kind: 'no query' },
  { body: '{"query":"mutation M { __typename }","operationName":"Other"}', kind: 'unknown operation name' },
  { body: '{"query":"mutation A { __typename } mutation B { __typename }"}', kind: 'two operations, no name' },
  { body: '{"query":"mutation { __typename }","variables":"x"}', kind: 'variables not an object' },
  { body: '{"query":"mutation { __typename }","extensions":5}', kind: 'extensions not an object' },
  { body: '{"query":"mutation {', kind: 'truncated JSON' },
  { body: 'mutation { __typename }', kind: 'not JSON', contentType: 'application/json' },
  { body: 'query=mutation%20%7B%20__typename%20%7D', kind: 'form body', contentType: 'application/x-www-form-urlencoded', valid: true },
  { body: '{"query":"mutation { __typename }"}', kind: 'text/plain', contentType: 'text/plain' },
  { body: '{"query":"subscription { x }"}', kind: 'subscription' },
  { body: `{"query":"mutation { ${'__typename '.repeat(10)} } ${'#'.repeat(100)}"}`, kind: 'comment padding', valid: true },
  { body: '{"query":"mutation @skip(if: true) { __typename }"}', kind: 'misplaced directive' },
  // Control characters in the document itself: the lexer's refusals and escapes it lets through.
  { body: '{"query":"mutation { \\u0000 __typename }"}', kind: 'NUL in the document' },
  { body: '{"query":"mutation { __typename } # \\ud800"}', kind: 'lone surrogate in a comment' },
  { body: '{"query":"mutation { __typename @include(if: \\"\\\\uDC00\\") }"}', kind: 'escaped lone surrogate' },
  { body: '{"query":"mutation { __typename \\u001b[31m }"}', kind: 'escape sequence in the document' },
]

export function graphqlInputs(m: GraphQLMutation, callerCount: number): fc.Arbitrary<GraphQLInput> {
  const base = validValue(m.schema, resolve) as fc.Arbitrary<Record<string, unknown>>
  const caller = fc.nat({ max: callerCount - 1 })
  const build = (variables: unknown, hard: boolean, kinds: string[], who: number, raw?: { body: string; contentType?: string }): GraphQLInput => {
    const fields = fieldNames(variables, m.schema, resolve)
    // A use case names fields of its input object, without the argument's name.
    for (const a of m.args) {
      const v = (variables as Record<string, unknown> | null)?.[a.name]
      for (const f of fieldNames(v, m.schema.properties?.[a.name], resolve)) fields.add(f)
    }
    return {
      mutation: m,
      body: raw?.body ?? JSON.stringify({ query: m.document, variables }),
      contentType: raw?.contentType ?? 'application/json',
      hard,
      kinds,
      fields,
      callerIndex: who,
    }
  }
  const changes = (value: unknown) => changesFor(value, m.schema, resolve).filter((c) => c.path.length >= 1)

  const canBreak = fc.sample(base, { numRuns: 10, seed: 1 }).some((v) => changes(v).some((c) => hardInGraphQL(c.kind, schemaAt(m.schema, c.path))))
  const broken = fc.tuple(base, fc.nat(), fc.array(fc.nat(), { maxLength: 2 }), caller).map(([value, pick, softPicks, who]) => {
    const all = changes(value)
    const hardOnes = all.filter((c) => hardInGraphQL(c.kind, schemaAt(m.schema, c.path)))
    const softOnes = all.filter((c) => !c.hard)
    const h = hardOnes[pick % hardOnes.length]
    if (!h) return build(value, false, ['valid base'], who)
    let v: unknown = value
    const kinds = [`${h.kind} at ${h.path.join('.')}`]
    for (const s of softPicks) {
      const c = softOnes[s % Math.max(1, softOnes.length)]
      if (!c || h.path.join('.').startsWith(c.path.join('.'))) continue
      v = c.apply(v)
      kinds.push(`${c.kind} at ${c.path.join('.')}`)
    }
    return build(h.apply(v), true, kinds, who)
  })

  // Changes GraphQL lets through (or may): the use case and the database must refuse them cleanly.
  const inside = fc.tuple(base, fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), caller).map(([value, picks, who]) => {
    const softOnes = changes(value).filter((c) => !hardInGraphQL(c.kind, schemaAt(m.schema, c.path)))
    let v: unknown = value
    const kinds: string[] = []
    for (const p of picks) {
      const c = softOnes[p % Math.max(1, softOnes.length)]
      if (!c) break
      v = c.apply(v)
      kinds.push(`${c.kind} at ${c.path.join('.')}`)
    }
    return build(v, false, kinds.length ? kinds : ['valid base'], who)
  })

  const requiredArgs = m.args.filter((a) => isNonNullType(a.type)).length > 0
  const anyJson = fc.tuple(fc.jsonValue({ maxDepth: 4, stringUnit: TEXT_UNIT }), fc.boolean(), caller).map(([json, wrap, who]) => {
    const variables = wrap && m.args[0] ? { [m.args[0].name]: json } : json
    return build(variables, requiredArgs && !wrap, [wrap ? 'arbitrary JSON as an argument' : 'arbitrary JSON as variables'], who)
  })

  const brokenDocument = fc.tuple(fc.constantFrom(...BROKEN_DOCUMENTS), caller).map(([raw, who]) => build({}, !raw.valid, [raw.kind], who, raw))
  // The mutation with literal arguments written into the document, wrongly typed.
  const literal = fc.tuple(fc.constantFrom('"x"', '1.5', 'true', 'null', '{ zz: 1 }', '[1, 2]', `"${'\\u0000'}"`, `"${'\\u0085'}"`, `"${'\\uD800'}"`, 'NOT_AN_ENUM'), caller).map(([lit, who]) => {
    const args = m.args.map((a) => `${a.name}: ${lit}`).join(', ')
    const selection = m.document.includes('{ __typename }') ? ' { __typename }' : ''
    // null is a fine value when every argument is optional (markNotificationsRead(ids: null)).
    const hard = m.args.length > 0 && (lit !== 'null' || m.args.some((a) => isNonNullType(a.type)))
    return build({}, hard, [`literal argument ${lit}`], who, { body: JSON.stringify({ query: `mutation { ${m.name}${args ? `(${args})` : ''}${selection} }` }) })
  })

  return fc.oneof(
    ...(canBreak ? [{ weight: 10, arbitrary: broken }] : []),
    { weight: 4, arbitrary: inside },
    { weight: 2, arbitrary: anyJson },
    { weight: 1, arbitrary: brokenDocument },
    { weight: 1, arbitrary: literal },
  )
}

const KNOWN_CODES = new Set(Object.keys(ERRORS))

/**
 * The GraphQL error contract. Returns null when it holds, else what broke; a message starting
 * "INTERNAL" means the server failed (a 500 in REST terms).
 */
export function graphqlContract(status: number, text: string, input: GraphQLInput): string | null {
  if (status >= 500) return `INTERNAL status ${status}`
  let body: { data?: unknown; errors?: { message?: string; locations?: unknown; extensions?: { code?: string; field?: string } }[]; code?: string; message?: string; requestId?: string }
  try {
    body = JSON.parse(text)
  } catch {
    return `not JSON (${status}): ${text.slice(0, 120)}`
  }
  // Refused before GraphQL (413 body limit, 415/403 from the CSRF check): the REST error body.
  if (!body.errors && body.code) {
    return KNOWN_CODES.has(body.code) && body.message && body.requestId ? null : `bad error body ${text.slice(0, 120)}`
  }
  if (status >= 400 && !body.errors?.length) return `status ${status} without errors`
  for (const e of body.errors ?? []) {
    const code = e.extensions?.code
    if (code === 'INTERNAL') return `INTERNAL: ${e.message}`
    if (!code || !KNOWN_CODES.has(code)) return `error without a known extensions.code: ${e.message}`
    if (code === 'VALIDATION_FAILED' || code === 'BAD_REQUEST') {
      const field = e.extensions?.field
      if (field) {
        // query, (variables): a control character in the document itself, or variables that are one string.
        if (!['(body)', 'query', '(variables)'].includes(field) && !input.fields.has(normaliseField(field))) return `${code} names "${field}", not a field of the input`
      } else if (!e.locations && !/Variable "\$\w+"|Field "|Argument "|Unknown|Syntax Error|operation|query|POST body|JSON|variables|extensions/i.test(e.message ?? '')) {
        return `${code} names no field, variable or place in the document: ${e.message}`
      }
    }
  }
  return null
}
