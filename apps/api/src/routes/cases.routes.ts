// REST for partner systems coordinating around a shared case: who is a member and who the named
// officers are. The case itself (assessment, discussions) is in GraphQL, under the consent rule.
import { createRoute, z } from '@hono/zod-openapi'
import { ZErrorBody } from './auth.routes'

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ZErrorBody } },
})

export const getCaseMembersRoute = createRoute({
  method: 'get',
  path: '/api/v1/cases/{id}/members',
  tags: ['cases'],
  summary:
    "A shared case's membership: { caseId, status, leadOrganisationId, members[] { organisationId, name, isLead, joinedAt, officers[] { userId, name, addedAt } } }. For member agencies only.",
  request: { params: z.object({ id: z.uuid({ error: 'id must be a UUID' }) }) },
  responses: {
    200: { description: 'The membership', content: { 'application/json': { schema: z.looseObject({}) } } },
    400: error('The id is not a UUID'),
    401: error('Not signed in'),
    404: error('No such case, or your agency is not a member'),
  },
})
