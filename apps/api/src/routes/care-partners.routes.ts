// REST for partner systems integrating with the s396 care partner process: an application's status,
// step and who holds the next action. Everything else is in GraphQL.
import { createRoute, z } from '@hono/zod-openapi'
import { ZErrorBody } from './auth.routes'

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ZErrorBody } },
})

export const getCarePartnerApplicationRoute = createRoute({
  method: 'get',
  path: '/api/v1/care-partner-applications/{id}',
  tags: ['care-partners'],
  summary:
    'An s396 care partner application: { id, organisationId, organisationName, status, step, progress[] { step, state }, nextAction { step, party, role, organisationId, command, summary } | null, availableCommands[], missingReadinessSections[], readiness[], decision, qualityAssuranceFrom, history[], startedAt, updatedAt }. For the organisation and Oranga Tamariki care roles.',
  request: { params: z.object({ id: z.uuid({ error: 'id must be a UUID' }) }) },
  responses: {
    200: { description: 'The application', content: { 'application/json': { schema: z.looseObject({}) } } },
    400: error('The id is not a UUID'),
    401: error('Not signed in'),
    404: error('No such application, or not one you are involved in'),
  },
})
