// Query limits: a document that is too deep or would return too much is refused before it runs,
// so one request cannot make the API walk the database for minutes. Depth is a graphql-js
// validation rule; cost depends on who asks (anonymous or signed in) and on the variables, so the
// API checks it per request before execution (apps/api/src/graphql.ts). The web's own documents
// are checked against both in apps/api/test/fuzz/graphql-limits.test.ts, so a new page cannot
// outgrow them unnoticed. docs/graphql-limits.md explains the formula and the budgets.
import {
  GraphQLError,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  getIntrospectionQuery,
  getNamedType,
  parse,
  getNullableType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
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
   * Cost budget of a signed-in caller: the most objects a response could hold (measureOperation).
   * The web's costliest document is about 1,800 (the directory's services at first: 100, with
   * their categories and locations); 10,000 leaves five times that.
   */
  maxCost: 10_000,
  /**
   * Cost budget of an anonymous caller, who may only read the public directory: its pages cost at
   * most about 700 (the provider's listing; the search at perPage: 100); 1,500 leaves twice that.
   * Ten aliased `services(first: 100) { edges { node { id name } } }` cost 2,010 and are refused.
   */
  maxAnonymousCost: 1_500,
  /**
   * Lexer tokens in one document (graphql-js parse's maxTokens). The web's longest is about 210;
   * 2,000 bounds alias floods and parse time well below the 64 KB body limit.
   */
  maxTokens: 2_000,
} as const

/** The cost budget for a caller: anonymous callers get the smaller one. */
export function costBudget(signedIn: boolean): number {
  return signedIn ? QUERY_LIMITS.maxCost : QUERY_LIMITS.maxAnonymousCost
}

/**
 * How many items a list with no page size and no known bound is assumed to hold. Such lists belong
 * to one record (a listing's locations, a location's hours) and their length is the providers'
 * data, not the caller's choice: the caller's levers are page sizes and aliases, counted exactly.
 */
export const LIST_FACTOR = 5

/** Arguments (or fields of an `input` argument) that set how many items a list returns. */
export const PAGE_SIZE_ARGUMENTS = ['first', 'last', 'limit', 'perPage', 'per_page', 'pageSize'] as const

/** The lists inside a page (connection, inbox, search result) that the page size sizes. */
const PAGE_LISTS = new Set(['edges', 'nodes', 'items', 'hits'])

export interface ListSize {
  /** Items when the caller gives no page size. */
  default: number
  /** Most items the resolver returns, whatever the caller asks for (it clamps or refuses). */
  max: number
}

/**
 * Lists whose size is known: paged fields (their default and maximum page, from the use cases'
 * schemas) and fixed or capped lists. Any other list counts LIST_FACTOR items.
 */
export const LIST_SIZES: Readonly<Record<string, ListSize>> = {
  // ZPageInput: first 1..100, default 20.
  'Query.services': { default: 20, max: 100 },
  'Query.organisations': { default: 20, max: 100 },
  'Query.referrals': { default: 20, max: 100 },
  'Query.listingChanges': { default: 20, max: 100 },
  // findPeople, findInteractions: first ?? 50, clamped to 1..200.
  'Query.people': { default: 50, max: 200 },
  'Query.interactions': { default: 50, max: 200 },
  // listNotifications: first ?? 20, clamped to 1..100.
  'Query.notifications': { default: 20, max: 100 },
  // searchDirectory: input.perPage 1..100, default 20.
  'Query.searchDirectory': { default: 20, max: 100 },
  'Query.regions': { default: 16, max: 16 },
  // findWebhookDeliveries: limit 1..200, default 50.
  'Query.webhookDeliveries': { default: 50, max: 200 },
  // "at most 500" in their descriptions.
  'StaleListings.listings': { default: 500, max: 500 },
  'ReferralFlow.details': { default: 500, max: 500 },
}

export interface QueryMeasure {
  depth: number
  cost: number
}

export type Variables = Readonly<Record<string, unknown>>

/**
 * Introspection lists sized from the schema itself: the number of types and directives, and the
 * mean fields (arguments, values …) per type (per field), so `types { fields { name } }` costs about
 * what it returns.
 */
const introspectionSizes = new WeakMap<GraphQLSchema, Record<string, number>>()
function introspectionSizesOf(schema: GraphQLSchema): Record<string, number> {
  let sizes = introspectionSizes.get(schema)
  if (sizes) return sizes
  const types = Object.values(schema.getTypeMap())
  const count = (f: (t: GraphQLNamedType) => number) => types.reduce((n, t) => n + f(t), 0)
  const fields = types.flatMap((t) => (isObjectType(t) || isInterfaceType(t) ? Object.values(t.getFields()) : []))
  const directives = schema.getDirectives()
  const mean = (total: number, over: number) => Math.max(1, Math.ceil(total / Math.max(1, over)))
  sizes = {
    '__Schema.types': types.length,
    '__Schema.directives': directives.length,
    '__Type.fields': mean(fields.length, types.length),
    '__Type.inputFields': mean(count((t) => ('getFields' in t && !isObjectType(t) && !isInterfaceType(t) ? Object.keys(t.getFields()).length : 0)), types.length),
    '__Type.enumValues': mean(count((t) => ('getValues' in t ? t.getValues().length : 0)), types.length),
    '__Type.interfaces': mean(count((t) => ('getInterfaces' in t ? t.getInterfaces().length : 0)), types.length),
    '__Type.possibleTypes': mean(count((t) => ('getTypes' in t ? t.getTypes().length : 0)), types.length),
    '__Field.args': mean(fields.reduce((n, f) => n + f.args.length, 0), fields.length),
    '__Directive.args': mean(directives.reduce((n, d) => n + d.args.length, 0), directives.length),
  }
  introspectionSizes.set(schema, sizes)
  return sizes
}

/**
 * The page size a field's arguments ask for: an Int argument named like a page size, or such a
 * field of an input-object argument (searchDirectory's input.perPage); a literal or a variable.
 */
function requestedSize(node: FieldNode, field: GraphQLField<unknown, unknown> | undefined, variables: Variables): number | undefined {
  const sizeOf = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined)
  const isSizeName = (name: string) => (PAGE_SIZE_ARGUMENTS as readonly string[]).includes(name)
  for (const arg of node.arguments ?? []) {
    const type = field?.args.find((a) => a.name === arg.name.value)?.type
    const named = type ? getNamedType(type) : undefined
    if (!named) continue
    const value: unknown = valueFromASTUntyped(arg.value, variables as Record<string, unknown>)
    if (isSizeName(arg.name.value) && named.name === 'Int') {
      const n = sizeOf(value)
      if (n !== undefined) return n
    } else if (isInputObjectType(named) && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const key of Object.keys(named.getFields()).filter(isSizeName)) {
        const n = sizeOf((value as Record<string, unknown>)[key])
        if (n !== undefined) return n
      }
    }
  }
  return undefined
}

/**
 * Measures one operation: depth (deepest field nesting, introspection and __typename not counted)
 * and cost, the most objects the response could hold:
 * - a scalar or enum field (and __typename) costs 0; an object field 1 plus what is selected in it;
 * - a list of n objects costs n × (1 + what is selected in each). n is the page size asked for
 *   (clamped to the field's maximum), else the field's default (LIST_SIZES), else LIST_FACTOR;
 * - a paged field that is not itself a list (a connection, the notification inbox, a search result)
 *   passes its page size to the lists in it (edges, nodes, items, hits) and costs at least that
 *   size, since its resolver reads that many rows whatever is selected;
 * - lists inside lists multiply; aliases count separately; fragments are expanded (a spread already
 *   being expanded is skipped: no fragment cycles); introspection counts, sized from the schema.
 */
export function measureOperation(
  context: Pick<ValidationContext, 'getSchema' | 'getFragment'>,
  operation: OperationDefinitionNode,
  variables: Variables = {},
): QueryMeasure {
  const schema = context.getSchema()
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType()
  if (!root) return { depth: 0, cost: 0 }
  const introspection = introspectionSizesOf(schema)

  // `pageSize`: set for the selection of a paged field that is not a list; sizes its PAGE_LISTS.
  const walk = (
    set: SelectionSetNode,
    type: GraphQLNamedType | null | undefined,
    spreading: Set<string>,
    pageSize: number | undefined,
  ): QueryMeasure => {
    let depth = 0
    let cost = 0
    for (const selection of set.selections) {
      let inner: QueryMeasure
      if (selection.kind === Kind.FIELD) {
        inner = measureField(selection, type, spreading, pageSize)
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type
        inner = walk(selection.selectionSet, on, spreading, pageSize)
      } else {
        const name = selection.name.value
        const fragment = context.getFragment(name)
        if (!fragment || spreading.has(name)) continue
        inner = walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), new Set([...spreading, name]), pageSize)
      }
      depth = Math.max(depth, inner.depth)
      cost += inner.cost
    }
    return { depth, cost }
  }

  const fieldOf = (parent: GraphQLNamedType | null | undefined, name: string): GraphQLField<unknown, unknown> | undefined => {
    if (name === '__schema' && parent === root) return SchemaMetaFieldDef
    if (name === '__type' && parent === root) return TypeMetaFieldDef
    return parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined
  }

  const measureField = (
    node: FieldNode,
    parent: GraphQLNamedType | null | undefined,
    spreading: Set<string>,
    pageSize: number | undefined,
  ): QueryMeasure => {
    const name = node.name.value
    if (name === '__typename') return { depth: 0, cost: 0 }
    const field = fieldOf(parent, name)
    const isMeta = name === '__schema' || name === '__type'
    const named = field ? getNamedType(field.type) : undefined
    if (!node.selectionSet || (named && isLeafType(named))) return { depth: isMeta ? 0 : 1, cost: 0 }

    const key = `${parent?.name}.${name}`
    const known = LIST_SIZES[key]
    const requested = requestedSize(node, field, variables)
    const size =
      requested !== undefined
        ? Math.max(1, Math.min(Math.ceil(requested), known?.max ?? Number.MAX_SAFE_INTEGER))
        : known?.default
    const isList = field ? isListType(getNullableType(field.type)) : false
    if (isList) {
      const n = size ?? (PAGE_LISTS.has(name) ? pageSize : undefined) ?? introspection[key] ?? LIST_FACTOR
      const below = walk(node.selectionSet, named, spreading, undefined)
      return { depth: (isMeta ? 0 : 1) + below.depth, cost: n * (1 + below.cost) }
    }
    const below = walk(node.selectionSet, named, spreading, size)
    // Introspection is not nesting of our data: depth as before; its cost counts.
    return { depth: isMeta ? 0 : 1 + below.depth, cost: 1 + Math.max(size ?? 0, below.cost) }
  }

  return walk(operation.selectionSet, root, new Set(), undefined)
}

/**
 * An operation that selects only __schema, __type and __typename at its root: GraphiQL's and
 * codegen's schema query. Its cost counts (sized from the schema), against its own budget.
 */
export function isIntrospectionOnly(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): boolean {
  const only = (set: SelectionSetNode, seen: Set<string>): boolean =>
    set.selections.every((s) => {
      if (s.kind === Kind.FIELD) return s.name.value.startsWith('__')
      if (s.kind === Kind.INLINE_FRAGMENT) return only(s.selectionSet, seen)
      const fragment = fragments.get(s.name.value)
      return !fragment || seen.has(s.name.value) || only(fragment.selectionSet, new Set([...seen, s.name.value]))
    })
  return operation.operation === 'query' && only(operation.selectionSet, new Set())
}

const introspectionBudgets = new WeakMap<GraphQLSchema, number>()
/**
 * The budget of an introspection-only operation: one and a half of graphql-js's full schema query
 * (every option on), so GraphiQL and codegen work where introspection is on and aliased copies of
 * __schema do not. Production refuses introspection altogether (NoSchemaIntrospectionCustomRule).
 */
export function introspectionBudget(schema: GraphQLSchema): number {
  let budget = introspectionBudgets.get(schema)
  if (budget === undefined) {
    const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true })
    budget = Math.ceil(1.5 * (measureRequest(schema, parse(query), undefined)?.cost ?? 0))
    introspectionBudgets.set(schema, budget)
  }
  return budget
}

/**
 * Measures the operation a request runs (by name, or the document's only one); null when there is
 * no such operation (execution reports that itself).
 */
export function measureRequest(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Variables = {},
): (QueryMeasure & { introspectionOnly: boolean }) | null {
  const fragments = new Map<string, FragmentDefinitionNode>()
  const operations: OperationDefinitionNode[] = []
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d)
    else if (d.kind === Kind.OPERATION_DEFINITION) operations.push(d)
  }
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined
  if (!operation) return null
  return {
    ...measureOperation({ getSchema: () => schema, getFragment: (name) => fragments.get(name) }, operation, variables),
    introspectionOnly: isIntrospectionOnly(operation, fragments),
  }
}

/** The refusal of an operation over its caller's budget: QUERY_TOO_COSTLY, naming both, HTTP 400. */
export function queryTooCostlyError(cost: number, budget: number): GraphQLError {
  return new GraphQLError(`The query would cost ${cost}; the limit is ${budget}. Ask for fewer fields, smaller pages or fewer aliases.`, {
    extensions: { code: 'QUERY_TOO_COSTLY', cost, budget, http: { status: 400 } },
  })
}

function limitRule(limit: 'depth' | 'cost', max: number, variables?: Variables): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const measured = measureOperation(context, operation, variables)[limit]
      if (measured > max) {
        const message =
          limit === 'depth'
            ? `The query is nested ${measured} fields deep; the limit is ${max}.`
            : `The query would cost ${measured}; the limit is ${max}. Ask for fewer fields, smaller pages or fewer aliases.`
        context.reportError(new GraphQLError(message, { nodes: [operation], extensions: { limit } }))
      }
    },
  })
}

/** Refuses an operation whose fields nest deeper than `max`. */
export const depthLimitRule = (max: number = QUERY_LIMITS.maxDepth): ValidationRule => limitRule('depth', max)

/**
 * Refuses an operation whose cost passes `max`, as a validation rule (for tools and tests: the API
 * checks cost per request instead, since the budget depends on the caller and the variables, and
 * Yoga caches validation by document).
 */
export const costLimitRule = (max: number = QUERY_LIMITS.maxCost, variables?: Variables): ValidationRule =>
  limitRule('cost', max, variables)
