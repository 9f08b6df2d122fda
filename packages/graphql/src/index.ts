import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql'
import { builder } from './builder'
import './schema/places'
import './schema/directory'
import './schema/me'
import './schema/referrals'
import './schema/referral-notes'
import './schema/webhooks'
import './schema/search'
import './schema/listings'
import './schema/reporting'
import './schema/funding'
import './schema/care-partners'
import './schema/cases'
import './schema/people'
import './schema/coverage'
import './schema/regional-escalations'
import './schema/accreditations'

export type { GraphQLContext } from './builder'

let schema: GraphQLSchema | undefined
export function buildSchema(): GraphQLSchema {
  schema ??= builder.toSchema()
  return schema
}

export function printSdl(): string {
  return printSchema(lexicographicSortSchema(buildSchema())) + '\n'
}

export {
  QUERY_LIMITS,
  LIST_FACTOR,
  LIST_SIZES,
  PAGE_SIZE_ARGUMENTS,
  costBudget,
  costLimitRule,
  depthLimitRule,
  measureOperation,
  measureRequest,
  introspectionBudget,
  isIntrospectionOnly,
  queryTooCostlyError,
  type ListSize,
  type QueryMeasure,
  type Variables,
} from './limits'
export { findControlCharacterInDocument, findControlCharacterInRequest, type ControlCharacterField } from './control-characters'
