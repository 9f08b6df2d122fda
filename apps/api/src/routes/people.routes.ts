// REST for a person's access records (Privacy Act 2020, IPP 6): the organisation that recorded a
// person answers who has read their details. Recording people and consents is in referrals.routes.ts.
import { createRoute, z } from '@hono/zod-openapi'
import { ZErrorBody } from './auth.routes'
import { ZPersonAccessRecords } from './people.schemas'

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ZErrorBody } },
})

export const personAccessRecordsRoute = createRoute({
  method: 'get',
  path: '/api/v1/people/{id}/access-records',
  tags: ['people'],
  summary:
    'Every recorded read of a person your organisation recorded: who, for which organisation, when, which fields, why. For staff who record consent there (consent:record); 404 for anyone else, as for an unknown person.',
  request: { params: z.object({ id: z.uuid({ error: 'id must be a UUID' }) }) },
  responses: {
    200: { description: 'The access records, oldest first', content: { 'application/json': { schema: ZPersonAccessRecords } } },
    400: error('The id is not a UUID'),
    401: error('Not signed in'),
    404: error('No such person recorded by your organisation, or your role does not record consent there'),
  },
})
