import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga'
import { GraphQLError, NoSchemaIntrospectionCustomRule, parse } from 'graphql'
import { ERRORS, controlCharacterMessage, findControlCharacter, isAppError } from '@fsn/domain'
import {
  QUERY_LIMITS,
  buildSchema,
  costBudget,
  depthLimitRule,
  findControlCharacterInRequest,
  introspectionBudget,
  measureRequest,
  queryTooCostlyError,
  type GraphQLContext,
} from '@fsn/graphql'
import { isDatabaseUnavailable } from './http/errors'
import { currentLogger } from './http/log'

/** GraphQL errors carry the same codes as REST bodies, in `extensions.code`. */
function maskError(error: unknown): Error {
  // Duck-typed: graphql ships CJS and ESM builds, and a second copy fails `instanceof`.
  const isGraphQLError = error instanceof Error && error.name === 'GraphQLError'
  const original = isGraphQLError ? (error as GraphQLError).originalError : error
  // Where it happened: a refused field is null in `data` with its error at the same `path`.
  const at = isGraphQLError
    ? (({ nodes, source, positions, path }: GraphQLError) => ({ nodes, source, positions, path }))(error as GraphQLError)
    : {}
  if (isAppError(original)) {
    return new GraphQLError(original.message, {
      ...at,
      extensions: {
        code: original.code,
        ...(original.field ? { field: original.field } : {}),
        ...(original.details?.length ? { details: original.details } : {}),
      },
    })
  }
  // Parse, validation and variable-coercion errors: the query itself is wrong, not the server.
  if (isGraphQLError && (!original || (original as Error).name === 'GraphQLError')) {
    const e = error as GraphQLError
    const code = e.extensions?.code
    if (typeof code === 'string' && code in ERRORS) return e
    // Yoga's own codes (OPERATION_RESOLUTION_FAILURE for an operationName the document lacks,
    // GRAPHQL_PARSE_FAILED) are not in the catalogue: the request is unreadable, BAD_REQUEST.
    return withErrorCode(e, code ? 'BAD_REQUEST' : 'VALIDATION_FAILED')
  }
  if (isDatabaseUnavailable(original)) {
    return new GraphQLError('A service this needs is unavailable. Try again shortly.', {
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    })
  }
  currentLogger().error({ err: original }, 'unexpected error in GraphQL')
  return new GraphQLError('Something went wrong on our side.', { extensions: { code: 'INTERNAL' } })
}

/**
 * Parse and validation errors never reach maskError; give them the catalogue's codes too, so a
 * client can tell a malformed query (BAD_REQUEST) from one that asks for what does not exist.
 */
function withErrorCode(error: GraphQLError, code: 'BAD_REQUEST' | 'VALIDATION_FAILED'): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code },
  })
}

const errorCodePlugin: Plugin = {
  onParse:
    () =>
    ({ result, replaceParseResult }) => {
      if (result instanceof Error && result.name === 'GraphQLError') {
        // A control character the document holds is already VALIDATION_FAILED (limitsPlugin).
        if ((result as GraphQLError).extensions?.code === 'VALIDATION_FAILED') return
        replaceParseResult(withErrorCode(result as GraphQLError, 'BAD_REQUEST'))
      }
    },
  onValidate:
    () =>
    ({ result, setResult }) => {
      if (result.length > 0) setResult(result.map((e) => withErrorCode(e, 'VALIDATION_FAILED')))
    },
}

/**
 * Refuses what would cost more than it is worth before it runs (packages/graphql/src/limits.ts):
 * documents longer than maxTokens, nested deeper than maxDepth or costlier than the caller's
 * budget; and, in production, introspection (the schema is published in the repository; nobody
 * needs to probe it).
 */
function limitsPlugin(options: { introspection: boolean }): Plugin {
  return {
    onParse: ({ setParseFn }) => {
      setParseFn((source, parseOptions) => {
        try {
          return parse(source, { ...parseOptions, maxTokens: QUERY_LIMITS.maxTokens })
        } catch (error) {
          // The lexer refuses a NUL outside a string, a lone surrogate, an escaped one ("\uD800"):
          // bad input like any other control character (issue 12), 400 naming the query.
          const text = typeof source === 'string' ? source : source.body
          const escaped = /Invalid Unicode escape sequence/.test(String(error)) ? /\\u\{?0*([dD][89a-fA-F][0-9a-fA-F]{2})/.exec(text) : null
          const found =
            findControlCharacter(text) ??
            (escaped ? { path: '', segments: [], character: `U+${escaped[1]!.toUpperCase()}`, index: escaped.index } : null)
          if (!found) throw error
          throw new GraphQLError(controlCharacterMessage(found, 'query'), {
            extensions: { code: 'VALIDATION_FAILED', field: 'query', http: { status: 400 } },
          })
        }
      })
    },
    // Yoga marks every parse error `spec`, answered 200 to application/json clients; a control
    // character in the document is a 400 like everywhere else (the result's own status wins).
    onResultProcess: ({ result, setResult }) => {
      if (Symbol.asyncIterator in result || Array.isArray(result)) return
      if (result.errors?.some((e) => e.extensions?.code === 'VALIDATION_FAILED' && e.extensions?.field === 'query')) {
        setResult({ ...result, extensions: { ...result.extensions, http: { status: 400 } } })
      }
    },
    onValidate: ({ addValidationRule }) => {
      addValidationRule(depthLimitRule(QUERY_LIMITS.maxDepth))
      if (!options.introspection) addValidationRule(NoSchemaIntrospectionCustomRule)
    },
    // Per request, before any resolver runs (issue 12): control characters in the variables or the
    // document's literals are a 400 naming the field by argument path (as the use cases do); a cost over the caller's budget
    // (anonymous smaller than signed in; page sizes read from the variables) is QUERY_TOO_COSTLY,
    // 400. Not validation rules: Yoga caches validation by document, and both depend on the request.
    onExecute: ({ args, setResultAndStopExecution }) => {
      const bad = findControlCharacterInRequest(args.document, args.variableValues)
      if (bad) {
        const { field } = bad
        setResultAndStopExecution({
          errors: [
            new GraphQLError(controlCharacterMessage(bad, field), {
              extensions: { code: 'VALIDATION_FAILED', field, http: { status: 400 } },
            }),
          ],
        })
        return
      }
      // No actor (never the case through app.ts) is treated as anonymous: the smaller budget.
      const { actor } = args.contextValue as Partial<GraphQLContext>
      const measured = measureRequest(args.schema, args.document, args.operationName, args.variableValues ?? {})
      if (!measured) return
      const budget = measured.introspectionOnly ? introspectionBudget(args.schema) : costBudget(actor?.kind === 'user')
      if (measured.cost > budget) {
        setResultAndStopExecution({ errors: [queryTooCostlyError(measured.cost, budget)] })
      }
    },
  }
}

// "Did you mean …?" in validation and coercion errors names fields, arguments, types and enum
// values: the schema, a guess at a time. Where introspection is off (production) it goes too,
// or refusing __schema would only slow the probing down. Suggestions are quoted GraphQL names,
// so the sentence never holds a '?' before its own.
const SUGGESTION = / ?Did you mean [^?]*\?/g

export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '')
}

/**
 * Runs on every result just before it is written: parse, validation and execution errors alike.
 * Copies rather than edits the errors: Yoga caches validation results between requests.
 */
const hideSuggestionsPlugin: Plugin = {
  onResultProcess: ({ result, setResult }) => {
    if (Symbol.asyncIterator in result || Array.isArray(result) || !result.errors?.length) return // batching is off
    const errors = result.errors.map(
      (e) =>
        new GraphQLError(withoutSuggestions(e.message), {
          nodes: e.nodes,
          source: e.source,
          positions: e.positions,
          path: e.path,
          extensions: e.extensions,
        }),
    )
    setResult({ ...result, errors })
  },
}

/**
 * A POST in a media type no request parser reads (text/plain, XML): Yoga answers 415 with an
 * empty body. Answer it with an error carrying the catalogue's code instead, like every refusal.
 * Runs after Yoga's own parsers have had their turn (user plugins come after them).
 */
const unsupportedMediaTypePlugin: Plugin = {
  onRequestParse: ({ request, requestParser, endResponse, fetchAPI }) => {
    if (requestParser || request.method === 'GET') return
    const body = { errors: [{ message: ERRORS.UNSUPPORTED_MEDIA_TYPE.message, extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }] }
    endResponse(new fetchAPI.Response(JSON.stringify(body), { status: 415, headers: { 'content-type': 'application/json; charset=utf-8' } }))
  },
}

export interface GraphQLOptions {
  graphiql: boolean
  /** Answer __schema and __type queries; off in production. */
  introspection?: boolean
}

export function createGraphQL({ graphiql, introspection = true }: GraphQLOptions): YogaServerInstance<GraphQLContext, object> {
  return createYoga<GraphQLContext>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    graphiql,
    landingPage: false,
    // One operation per request: an array body is refused (400), so a rate limit per request
    // cannot be dodged by packing hundreds of operations into one.
    batching: false,
    // maskError logs what is unexpected, once, as JSON; expected AppErrors are not noise.
    logging: false,
    maskedErrors: { maskError },
    // Only the configured web origins get CORS grants, on REST and GraphQL alike (http/cors.ts);
    // Yoga's default would grant any Origin, with credentials.
    cors: false,
    plugins: [
      limitsPlugin({ introspection }),
      errorCodePlugin,
      unsupportedMediaTypePlugin,
      ...(introspection ? [] : [hideSuggestionsPlugin]),
    ],
  })
}
