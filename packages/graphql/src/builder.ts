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
  Scalars: { DateTime: { Input: Date; Output: Date | string } }
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

builder.queryType({})
