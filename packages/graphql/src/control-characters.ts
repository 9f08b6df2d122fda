// Control characters in a GraphQL document's own string literals (issue 12): the lexer refuses raw
// ones, but escapes (`"\u0000"`, `"\u0085"`) reach resolvers as real characters. Looked for before
// execution, like the variables (apps/api/src/graphql.ts), and named by argument path.
import { findControlCharacter, type ControlCharacterFinding } from '@fsn/domain'
import { Kind, visit, type DocumentNode, type ValueNode } from 'graphql'

export interface ControlCharacterField extends ControlCharacterFinding {
  /** The field as GraphQL errors name it: the argument path, without a leading `input.`. */
  field: string
}

/** A JSON-like view of a literal (variables stay out: the request's variables are checked apart). */
function literal(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.ENUM:
      return node.value
    case Kind.LIST:
      return node.values.map(literal)
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value)]))
    default:
      return null
  }
}

/**
 * The first control character in the document's argument literals (fields and directives) and
 * variable defaults, at its argument path ("input.whanau.0.name"), or null.
 */
export function findControlCharacterInDocument(document: DocumentNode): ControlCharacterFinding | null {
  let found: ControlCharacterFinding | null = null
  visit(document, {
    Argument(node) {
      found ??= findControlCharacter(literal(node.value), node.name.value)
      return false
    },
    VariableDefinition(node) {
      if (node.defaultValue) found ??= findControlCharacter(literal(node.defaultValue), node.variable.name.value)
      return false
    },
  })
  return found
}

/** Where a variable is used: the argument path it fills ("input" for `input: $i`), or null. */
function argumentPathOf(document: DocumentNode, variable: string): string | null {
  let found: string | null = null
  const walk = (node: ValueNode, path: string) => {
    if (found !== null) return
    if (node.kind === Kind.VARIABLE && node.name.value === variable) found = path
    else if (node.kind === Kind.LIST) node.values.forEach((v, i) => walk(v, `${path}.${i}`))
    else if (node.kind === Kind.OBJECT) node.fields.forEach((f) => walk(f.value, `${path}.${f.name.value}`))
  }
  visit(document, {
    Argument(node) {
      walk(node.value, node.name.value)
      return false
    },
  })
  return found
}

/**
 * The first control character in a request's variables (named by the argument each variable
 * fills) or in its document's literals, with the field to name: like the use cases' own errors,
 * an `input` argument's fields are named without it ("whanau.0.name"); others keep the argument
 * ("ids.0", "categoryCode").
 */
export function findControlCharacterInRequest(document: DocumentNode, variables: Readonly<Record<string, unknown>> | null | undefined): ControlCharacterField | null {
  const name = (path: string) => path.replace(/^input\./, '') || '(variables)'
  const inVariables = findControlCharacter(variables ?? {})
  if (inVariables) {
    const [variable = '', ...rest] = inVariables.segments
    const argument = variable ? argumentPathOf(document, variable) : null
    return { ...inVariables, field: name([argument ?? variable, ...rest].join('.')) }
  }
  const inDocument = findControlCharacterInDocument(document)
  return inDocument ? { ...inDocument, field: name(inDocument.path) } : null
}
