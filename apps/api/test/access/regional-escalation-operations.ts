// The Regional Lead queue in the access matrix (issue 15, item 3): the queue is the duty of
// escalation:receive (REGIONAL_LEAD, region-scoped), which none of the matrix's eight roles holds,
// so every one of them is refused, REST and GraphQL alike. The lead's own region, another region's
// lead and the steps themselves: packages/services/test/regional-escalations.test.ts and
// apps/api/test/regional-escalations.test.ts.
import { ROLE_CAPABILITIES } from '@fsn/domain'
import type { Call, Expected, Operation } from './operations'
import { ROLE_OF, type RoleKey } from './world'

const receives = (role: RoleKey): Expected =>
  role !== 'anonymous' && ROLE_CAPABILITIES[ROLE_OF[role]].includes('escalation:receive') ? 'allow' : 'deny'
/** Refused on the role before any lookup: an id of no item stands for every item. */
const ITEM = '01900000-0000-7000-8000-00000000e5c1'
const rest = (method: 'GET' | 'POST', path: string, body?: unknown): Call => ({
  kind: 'rest',
  method,
  path,
  body,
})
const graphql = (query: string, variables?: Record<string, unknown>): Call => ({
  kind: 'graphql',
  query,
  variables,
})
const flat = (id: string, call: () => Call, writes: boolean): Operation => ({
  id,
  scoped: false,
  writes,
  expect: (role) => receives(role),
  call: () => call(),
})
const STEPS: [path: string, mutation: string, body: Record<string, string>][] = [
  ['acknowledge', 'acknowledgeRegionalEscalation', {}],
  ['assign', 'assignRegionalEscalation', { assigneeId: ITEM }],
  ['notes', 'noteRegionalEscalation', { body: 'Rang the provider' }],
  ['resolve', 'resolveRegionalEscalation', { outcome: 'Person reached' }],
  ['escalate', 'escalateRegionalEscalation', { onwardContact: 'National lead', reason: 'No answer' }],
]

export const REGIONAL_ESCALATION_OPERATIONS: Operation[] = [
  flat(
    'GET /api/v1/regional-escalations',
    () => rest('GET', '/api/v1/regional-escalations?open=true'),
    false,
  ),
  flat(
    'query regionalEscalations',
    () => graphql('{ regionalEscalations(openOnly: true) { id status overdue } }'),
    false,
  ),
  ...STEPS.flatMap(([path, mutation, body]) => [
    flat(
      `POST /api/v1/regional-escalations/{id}/${path}`,
      () => rest('POST', `/api/v1/regional-escalations/${ITEM}/${path}`, body),
      true,
    ),
    flat(
      `mutation ${mutation}`,
      () =>
        graphql(`mutation($i: RegionalEscalationStepInput!) { ${mutation}(input: $i) { id status } }`, {
          i: { escalationId: ITEM, ...body },
        }),
      true,
    ),
  ]),
]
