import SchemaBuilder from '@pothos/core'
import RelayPlugin from '@pothos/plugin-relay'
import type { Actor } from '@fsn/domain'
import type { ServiceDeps } from '@fsn/services'

export interface GraphQLContext {
  actor: Actor
  deps: ServiceDeps
  requestId: string
}

export const builder = new SchemaBuilder<{
  Context: GraphQLContext
  Scalars: { DateTime: { Input: Date; Output: Date | string }; Cents: { Input: unknown; Output: number } }
  DefaultFieldNullability: false
}>({
  plugins: [RelayPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Global object identification waits for a real client need; ids here are plain UUIDs.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
})

builder.scalarType('DateTime', {
  description: 'An instant as an ISO 8601 string in UTC.',
  serialize: (d) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString()),
  parseValue: (v) => {
    const d = new Date(String(v))
    if (Number.isNaN(d.getTime())) throw new TypeError('DateTime must be an ISO 8601 string')
    return d
  },
})

// Money as whole cents. Not Int: totals can pass 2^31, and a wrong amount (12.5) must reach the
// domain's zod schema so the error names the field (VALIDATION_FAILED), not fail in GraphQL coercion.
builder.scalarType('Cents', {
  description: 'An amount of money in whole New Zealand cents (an integer).',
  serialize: (n) => n,
  parseValue: (v) => v,
})

builder.queryType({})
