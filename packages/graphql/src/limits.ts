// Query limits, as graphql-js validation rules: a document that is too deep or would fan out too
// far is refused before it runs, so one request cannot make the API walk the database for minutes.
// The API adds these rules (apps/api/src/graphql.ts); the web's own documents are checked against
// them in apps/api/test/fuzz/graphql-limits.test.ts, so a new page cannot outgrow them unnoticed.
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql'

export const QUERY_LIMITS = {
  /**
   * Fields nested inside one another. The web's deepest document is 6, and the schema has no
   * cycles today, so this guards the day one is added (organisation → services → organisation …).
   */
  maxDepth: 10,
  /**
   * Every field selected costs 1, and what sits under a list costs LIST_FACTOR times over, so
   * lists inside lists grow fast. The web's costliest document is about 16,000 (the listing
   * editor: services → locations → hours); 50,000 leaves three times that, and still refuses a
   * few dozen aliased copies of a nested-list query.
   */
  maxCost: 50_000,
  /**
   * Lexer tokens in one document (graphql-js parse's maxTokens). The web's longest is about 210;
   * 2,000 bounds alias floods and parse time well below the 64 KB body limit.
   */
  maxTokens: 2_000,
} as const

/** How many items a list is assumed to hold when costing a query. */
export const LIST_FACTOR = 10

export interface QueryMeasure {
  depth: number
  cost: number
}

/**
 * Measures one operation: depth (deepest field nesting) and cost. Introspection (__schema, __type)
 * is not counted: GraphiQL needs it in development, and production turns it off altogether.
 */
export function measureOperation(context: Pick<ValidationContext, 'getSchema' | 'getFragment'>, operation: OperationDefinitionNode): QueryMeasure {
  const schema = context.getSchema()
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType()
  if (!root) return { depth: 0, cost: 0 }

  // `spreading` guards against fragment cycles (NoFragmentCyclesRule reports those on its own).
  const walk = (set: SelectionSetNode, type: GraphQLNamedType | null | undefined, spreading: Set<string>): QueryMeasure => {
    let depth = 0
    let cost = 0
    for (const selection of set.selections) {
      let inner: QueryMeasure
      if (selection.kind === Kind.FIELD) {
        inner = measureField(selection, type, spreading)
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type
        inner = walk(selection.selectionSet, on, spreading)
      } else {
        const name = selection.name.value
        const fragment = context.getFragment(name)
        if (!fragment || spreading.has(name)) continue
        inner = walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), new Set([...spreading, name]))
      }
      depth = Math.max(depth, inner.depth)
      cost += inner.cost
    }
    return { depth, cost }
  }

  const measureField = (node: FieldNode, parent: GraphQLNamedType | null | undefined, spreading: Set<string>): QueryMeasure => {
    const name = node.name.value
    if (name === '__typename') return { depth: 0, cost: 0 }
    if (name === '__schema' || name === '__type') return { depth: 0, cost: 0 }
    const field: GraphQLField<unknown, unknown> | undefined =
      parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined
    if (!node.selectionSet) return { depth: 1, cost: 1 }
    const below = walk(node.selectionSet, field ? getNamedType(field.type) : undefined, spreading)
    const many = field ? isListType(getNullableType(field.type)) : false
    return { depth: 1 + below.depth, cost: 1 + (many ? LIST_FACTOR : 1) * below.cost }
  }

  return walk(operation.selectionSet, root, new Set())
}

function limitRule(limit: 'depth' | 'cost', max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const measured = measureOperation(context, operation)[limit]
      if (measured > max) {
        const message =
          limit === 'depth'
            ? `The query is nested ${measured} fields deep; the limit is ${max}.`
            : `The query would cost ${measured}; the limit is ${max}. Ask for fewer fields or lists.`
        context.reportError(new GraphQLError(message, { nodes: [operation], extensions: { limit } }))
      }
    },
  })
}

/** Refuses an operation whose fields nest deeper than `max`. */
export const depthLimitRule = (max: number = QUERY_LIMITS.maxDepth): ValidationRule => limitRule('depth', max)

/** Refuses an operation whose cost (see QUERY_LIMITS.maxCost) passes `max`. */
export const costLimitRule = (max: number = QUERY_LIMITS.maxCost): ValidationRule => limitRule('cost', max)
