// Invalid requests for every operation in the app's own OpenAPI document, so a new route is
// fuzzed without touching this file. One request is a base the schema accepts (path, query and
// body together) with changes applied, or an arbitrary JSON body, or a body that is not JSON.
import fc from 'fast-check'
import { CONTROL_CHARACTERS, TEXT_UNIT, changesFor, fieldNames, resolver, validValue, type JsonSchema, type Resolve } from './json-schema'

export interface RestOperation {
  method: string
  path: string
  /** The combined schema: { path: {...}, query: {...}, body }. */
  schema: JsonSchema
  bodyRequired: boolean
  hasBody: boolean
  /** The body names required fields: any body without them must be refused. */
  bodyHasRequired: boolean
}

export interface RestInput {
  op: RestOperation
  url: string
  method: string
  headers: Record<string, string>
  body: string | undefined
  /** The schema forbids it, so the server must refuse it. */
  hard: boolean
  kinds: string[]
  /** Field names a 400 may give. */
  fields: Set<string>
  callerIndex: number
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean; schema: JsonSchema }[]; requestBody?: { required?: boolean; content?: Record<string, { schema: JsonSchema }> } }>>
  components?: { schemas?: Record<string, JsonSchema> }
}

export function restOperations(doc: OpenApiDoc): { ops: RestOperation[]; resolve: Resolve } {
  const ops: RestOperation[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? []
      const group = (where: string): JsonSchema => ({
        type: 'object',
        properties: Object.fromEntries(params.filter((p) => p.in === where).map((p) => [p.name, p.schema])),
        required: params.filter((p) => p.in === where && (p.required || where === 'path')).map((p) => p.name),
      })
      const body = op.requestBody?.content?.['application/json']?.schema
      const resolved = body ? resolver(doc)(body) : undefined
      ops.push({
        bodyHasRequired: (resolved?.required ?? []).length > 0,
        method: method.toUpperCase(),
        path,
        schema: { type: 'object', properties: { path: group('path'), query: group('query'), ...(body ? { body } : {}) }, required: ['path', 'query', ...(op.requestBody?.required ? ['body'] : [])] },
        bodyRequired: Boolean(op.requestBody?.required),
        hasBody: Boolean(body),
      })
    }
  }
  return { ops, resolve: resolver(doc) }
}

// Query and path values travel as text: only these changes stay wrong once written as text.
// A lone surrogate has no UTF-8 form: as text it is sent as U+FFFD, which is fine text.
const HARD_AS_TEXT = new Set(['control character', 'overlong', 'overlong (unicode)', 'bad enum', 'bad enum (case)', 'bad uuid', 'bad date', 'bad date-time', 'bad uri', 'pattern', 'fraction', 'below minimum', 'above maximum', 'at exclusive minimum', 'empty', 'missing required'])

/** encodeURIComponent throws on a lone surrogate: send its (invalid UTF-8) bytes instead. */
function encodePathPart(text: string): string {
  try {
    return encodeURIComponent(text)
  } catch {
    return '%ED%A0%80'
  }
}

const asText = (v: unknown): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v.flatMap(asText) : v === null ? [''] : typeof v === 'object' ? [JSON.stringify(v)] : [String(v)]

const NOT_JSON: { type: string | undefined; body: string; kind: string }[] = [
  { type: 'application/json', body: '{', kind: 'truncated JSON' },
  { type: 'application/json', body: '{"a":', kind: 'truncated JSON' },
  { type: 'application/json', body: "{'single': 'quotes'}", kind: 'not JSON' },
  { type: 'application/json', body: 'NaN', kind: 'not JSON' },
  { type: 'application/json', body: '\u0000', kind: 'NUL body' },
  { type: 'application/json', body: '\ufeff{}', kind: 'BOM' },
  { type: 'application/json', body: '[' .repeat(20_000) + ']'.repeat(20_000), kind: 'deeply nested array' },
  { type: 'application/json', body: '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000), kind: 'deeply nested object' },
  { type: 'application/json', body: 'null', kind: 'JSON null' },
  { type: 'application/json', body: '[]', kind: 'JSON array' },
  { type: 'application/json', body: '"text"', kind: 'JSON string' },
  { type: 'application/json', body: '12', kind: 'JSON number' },
  { type: 'application/json', body: '', kind: 'empty body' },
  { type: 'text/plain', body: '{}', kind: 'wrong content type' },
  { type: 'application/x-www-form-urlencoded', body: 'a=1&b=2', kind: 'form body' },
  { type: 'multipart/form-data; boundary=zz', body: '--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--zz--', kind: 'multipart body' },
  { type: 'application/xml', body: '<a>1</a>', kind: 'XML body' },
  { type: undefined, body: '{"x":1}', kind: 'no content type' },
  { type: 'application/json; charset=utf-16', body: '{}', kind: 'odd charset' },
]

/** Requests for one operation. */
export function restInputs(op: RestOperation, resolve: Resolve, callerCount: number): fc.Arbitrary<RestInput> {
  const base = validValue(op.schema, resolve) as fc.Arbitrary<{ path: Record<string, unknown>; query: Record<string, unknown>; body?: unknown }>
  const caller = fc.nat({ max: callerCount - 1 })

  const build = (value: { path: Record<string, unknown>; query: Record<string, unknown>; body?: unknown }, hard: boolean, kinds: string[], callerIndex: number, raw?: { type: string | undefined; body: string }, rawQuery = ''): RestInput => {
    let url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => asText(value.path?.[name]).map(encodePathPart)[0] ?? '')
    const qs = new URLSearchParams()
    for (const [k, v] of Object.entries(value.query ?? {})) for (const text of asText(v)) qs.append(k, text)
    const query = [qs.toString(), rawQuery].filter(Boolean).join('&')
    if (query) url += `?${query}`
    const headers: Record<string, string> = {}
    let body: string | undefined
    const bodyless = op.method === 'GET' || op.method === 'HEAD'
    if (raw && !bodyless) {
      if (raw.type) headers['content-type'] = raw.type
      body = raw.body
    } else if (raw) {
      if (raw.type) headers['content-type'] = raw.type
    } else if (op.hasBody && 'body' in value && value.body !== undefined) {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(value.body)
    }
    const fields = fieldNames(value.body, op.schema.properties?.body, resolve)
    for (const group of ['path', 'query'] as const) for (const name of Object.keys(op.schema.properties?.[group]?.properties ?? {})) fields.add(name)
    return { op, url, method: op.method, headers, body, hard, kinds, fields, callerIndex }
  }

  // A base with one change that breaks the schema, and up to two that stay inside it.
  const changes = (value: unknown) => {
    const all = changesFor(value, op.schema, resolve).filter((c) => c.path.length >= 2 || (c.path[0] === 'body' && op.hasBody))
    return {
      hardOnes: all.filter((c) => (c.path[0] === 'body' ? c.hard : c.hard && HARD_AS_TEXT.has(c.kind))),
      softOnes: all.filter((c) => !c.hard && c.path.length >= 2),
    }
  }
  const canBreak = fc.sample(base, { numRuns: 20, seed: 1 }).some((v) => changes(v).hardOnes.length > 0)
  const broken = fc.tuple(base, fc.nat(), fc.array(fc.nat(), { maxLength: 2 }), caller).map(([value, pick, softPicks, who]) => {
    const { hardOnes, softOnes } = changes(value)
    if (hardOnes.length === 0) return null
    const h = hardOnes[pick % hardOnes.length]!
    let v: unknown = value
    const kinds: string[] = []
    for (const s of softPicks) {
      if (!softOnes.length) break
      const c = softOnes[s % softOnes.length]!
      // A soft change must not undo the hard one (same place, or an ancestor of it).
      if (h.path.join('.').startsWith(c.path.join('.'))) continue
      v = c.apply(v)
      kinds.push(`${c.kind} at ${c.path.join('.')}`)
    }
    v = h.apply(v)
    kinds.unshift(`${h.kind} at ${h.path.join('.')}`)
    return build(v as never, true, kinds, who)
  })

  // Only changes inside the schema: the use case and the database must cope.
  const inside = fc.tuple(base, fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), caller).map(([value, picks, who]) => {
    const softOnes = changesFor(value, op.schema, resolve).filter((c) => !c.hard && c.path.length >= 2)
    let v: unknown = value
    const kinds: string[] = []
    for (const p of picks) {
      if (!softOnes.length) break
      const c = softOnes[p % softOnes.length]!
      v = c.apply(v)
      kinds.push(`${c.kind} at ${c.path.join('.')}`)
    }
    return build(v as never, false, kinds.length ? kinds : ['valid base'], who)
  })

  // Whatever JSON fast-check dreams up, as the body (or as every query parameter's value).
  const anyJson = fc.tuple(base, fc.jsonValue({ maxDepth: 4, stringUnit: TEXT_UNIT }), caller).map(([value, json, who]) => {
    const required = (resolve(op.schema.properties?.body ?? {}).required ?? []) as string[]
    const hasAll = json !== null && typeof json === 'object' && !Array.isArray(json) && required.every((k) => k in json)
    if (op.hasBody) return build({ ...value, body: json }, op.bodyHasRequired && !hasAll, ['arbitrary JSON body'], who)
    const query = Object.fromEntries(Object.keys(value.query ?? {}).map((k) => [k, typeof json === 'string' ? json : JSON.stringify(json)]))
    return build({ ...value, query }, false, ['arbitrary JSON in every query parameter'], who)
  })

  // Bodies that are not JSON, or say they are something else; and broken query strings.
  const notJson = fc.tuple(base, fc.constantFrom(...NOT_JSON), caller).map(([value, raw, who]) => build(value, op.bodyHasRequired, [raw.kind], who, raw))
  const badQuery = fc.tuple(base, fc.constantFrom('%', '%E0%A4%A', 'a=%ZZ', '=x', '&&&', 'per_page=1&per_page=9999', `q=${'x'.repeat(10_000)}`, 'x[]=1&x[y]=2', '__proto__[a]=1', '%00=%00'), caller).map(([value, raw, who]) =>
    build(value, false, [`raw query ${raw.slice(0, 20)}`], who, undefined, raw),
  )

  // A control character in one of the operation's query parameters, raw: always refused.
  const queryNames = Object.keys(resolve(op.schema.properties?.query ?? {}).properties ?? {})
  const controlQuery = fc.tuple(base, fc.constantFrom(...CONTROL_CHARACTERS), fc.nat(), caller).map(([value, c, pick, who]) => {
    const name = queryNames[pick % Math.max(1, queryNames.length)] ?? 'q'
    return build(value, true, [`control character U+${c.charCodeAt(0).toString(16).padStart(4, '0')} in query ${name}`], who, undefined, `${name}=x${encodeURIComponent(c)}`)
  })

  // An operation with nothing to break (no parameters, no body) still gets the other kinds.
  return fc.oneof(
    ...(canBreak ? [{ weight: 10, arbitrary: broken.filter((x): x is RestInput => x !== null) }] : []),
    { weight: 3, arbitrary: inside },
    { weight: 2, arbitrary: anyJson },
    { weight: op.hasBody ? 2 : 1, arbitrary: notJson },
    { weight: 1, arbitrary: badQuery },
    ...(queryNames.length ? [{ weight: 1, arbitrary: controlQuery }] : []),
  )
}
