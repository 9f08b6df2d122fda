// Control characters in a GraphQL document's own string literals (issue 12): the lexer refuses raw
// ones, but escapes (`"\u0000"`, `"\u0085"`) reach resolvers as real characters. Looked for before
// execution, like the variables (apps/api/src/graphql.ts), and named by argument path.
import { findControlCharacter, type ControlCharacterFinding } from '@fsn/domain'
import { Kind, visit, type DocumentNode, type ValueNode } from 'graphql'

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
