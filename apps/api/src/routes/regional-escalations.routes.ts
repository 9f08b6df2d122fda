// REST contract for the Regional Lead queue (services/src/escalations). Closed shapes; no person
// field (the person is read through GET /api/v1/referrals/{id}, under the need-to-know rule).
import { createRoute, z } from '@hono/zod-openapi'
import { ZErrorBody } from './auth.routes'

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ZErrorBody } },
})
const ZTime = z.string().describe('ISO 8601 date-time, UTC')

export const ZRegionalEscalation = z
  .strictObject({
    id: z.string(),
    referralId: z.string(),
    reference: z.string(),
    reason: z.string().describe('SLA_BREACH or CONTACT_ATTEMPTS'),
    status: z.string().describe('OPEN, ACKNOWLEDGED, ESCALATED or RESOLVED'),
    regionName: z.string(),
    openedAt: ZTime,
    acknowledgeBy: ZTime,
    overdue: z.boolean().describe('still OPEN after acknowledgeBy'),
    acknowledgedAt: ZTime.nullable(),
    assignedTo: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
    resolvedAt: ZTime.nullable(),
    outcome: z.string().nullable(),
    escalatedAt: ZTime.nullable(),
    onwardContact: z.string().nullable(),
    onwardReason: z.string().nullable(),
    notes: z.array(z.strictObject({ id: z.string(), body: z.string(), at: ZTime, author: z.string() })),
  })
  .openapi('RegionalEscalation')

const params = z.object({ id: z.uuid({ error: 'id must be a UUID' }) })
const refusals = {
  400: error('A field is missing or malformed (the body names it)'),
  401: error('Not signed in'),
  403: error('Only a Regional Lead (escalation:receive) works the queue'),
  404: error('No such escalation in your region'),
  409: error('The escalation is not in a state for this step'),
}
const answer = {
  description: 'The item as the queue shows it',
  content: { 'application/json': { schema: ZRegionalEscalation } },
}

export const listRegionalEscalationsRoute = createRoute({
  method: 'get',
  path: '/api/v1/regional-escalations',
  tags: ['escalations'],
  summary: "Your regions' SLA breaches and contact escalations: overdue first, then open, then resolved.",
  request: { query: z.object({ open: z.enum(['true', 'false']).optional() }) },
  responses: {
    200: {
      description: 'The queue',
      content: { 'application/json': { schema: z.array(ZRegionalEscalation) } },
    },
    400: refusals[400],
    401: refusals[401],
    403: refusals[403],
  },
})

const step = (path: string, summary: string) =>
  createRoute({
    method: 'post',
    path: `/api/v1/regional-escalations/{id}/${path}`,
    tags: ['escalations'],
    summary,
    request: { params },
    responses: { 200: answer, ...refusals },
  })

const stepWith = <B extends z.ZodObject>(path: string, summary: string, body: B) =>
  createRoute({
    method: 'post',
    path: `/api/v1/regional-escalations/{id}/${path}`,
    tags: ['escalations'],
    summary,
    request: { params, body: { required: true, content: { 'application/json': { schema: body } } } },
    responses: { 200: answer, ...refusals },
  })

const text = (max: number) => z.string().min(1).max(max)

export const acknowledgeRegionalEscalationRoute = step('acknowledge', 'Acknowledge: OPEN to ACKNOWLEDGED.')
export const assignRegionalEscalationRoute = stepWith(
  'assign',
  'Assign to a Regional Lead of the same region.',
  z.strictObject({ assigneeId: z.uuid({ error: 'assigneeId must be a UUID' }) }),
)
export const noteRegionalEscalationRoute = stepWith(
  'notes',
  'Add a note.',
  z.strictObject({ body: text(2000) }),
)
export const resolveRegionalEscalationRoute = stepWith(
  'resolve',
  'Resolve with an outcome.',
  z.strictObject({ outcome: text(2000) }),
)
export const escalateRegionalEscalationRoute = stepWith(
  'escalate',
  'Escalate onward to a national contact, with the reason.',
  z.strictObject({ onwardContact: text(200), reason: text(2000) }),
)
