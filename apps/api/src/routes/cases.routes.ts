// REST for partner systems coordinating around a shared case: who is a member and who the named
// officers are. The case itself (assessment, discussions) is in GraphQL, under the consent rule.
import { createRoute, z } from '@hono/zod-openapi'
import { CASE_STATUSES } from '@fsn/domain'
import { ZErrorBody } from './auth.routes'

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ZErrorBody } },
})

const ZTime = z.string().describe('ISO 8601 date-time, UTC')

/** Who takes part in a case: agencies and named officers, no detail of the family (strict shape). */
export const ZCaseMembership = z
  .strictObject({
    caseId: z.string(),
    status: z.enum(CASE_STATUSES),
    leadOrganisationId: z.string(),
    members: z.array(
      z.strictObject({
        organisationId: z.string(),
        name: z.string(),
        isLead: z.boolean(),
        joinedAt: ZTime,
        officers: z.array(z.strictObject({ userId: z.string(), name: z.string(), addedAt: ZTime })),
      }),
    ),
  })
  .openapi('CaseMembership')

/** The JSON answer from getCaseMembers (dates as ISO strings, nothing else carried). */
export function caseMembershipBody(m: {
  caseId: string
  status: (typeof CASE_STATUSES)[number]
  leadOrganisationId: string
  members: readonly {
    organisationId: string
    name: string
    isLead: boolean
    joinedAt: Date
    officers: readonly { userId: string; name: string; addedAt: Date }[]
  }[]
}): z.infer<typeof ZCaseMembership> {
  return {
    caseId: m.caseId,
    status: m.status,
    leadOrganisationId: m.leadOrganisationId,
    members: m.members.map((x) => ({
      organisationId: x.organisationId,
      name: x.name,
      isLead: x.isLead,
      joinedAt: x.joinedAt.toISOString(),
      officers: x.officers.map((o) => ({ userId: o.userId, name: o.name, addedAt: o.addedAt.toISOString() })),
    })),
  }
}

export const getCaseMembersRoute = createRoute({
  method: 'get',
  path: '/api/v1/cases/{id}/members',
  tags: ['cases'],
  summary:
    "A shared case's membership: the agencies, the lead and the named officers. For staff of a member agency in a role that takes part in cases (case:participate); 404 for anyone else, as for an unknown case.",
  request: { params: z.object({ id: z.uuid({ error: 'id must be a UUID' }) }) },
  responses: {
    200: { description: 'The membership', content: { 'application/json': { schema: ZCaseMembership } } },
    400: error('The id is not a UUID'),
    401: error('Not signed in'),
    404: error('No such case, or you take part in it for no member agency'),
  },
})
