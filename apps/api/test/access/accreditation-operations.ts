// The accreditation registry in the access matrix (issue 16, item 2): national administrators only
// (packages/services/src/accreditations/view.ts requireRegistryKeeper; docs/accreditations.md). The
// registry names organisations, never a person. Decisions act on one agency accreditation of the
// world; once revoked, a later decision is a state refusal (409), which still counts as let in.
import type { RoleKey } from './world'
import type { Call, Expected, Operation } from './operations'

const admin = (role: RoleKey): Expected => (role === 'admin' ? 'allow' : 'deny')
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
const flat = (id: string, call: Operation['call'], writes = false): Operation => ({
  id,
  scoped: false,
  writes,
  expect: (role) => admin(role),
  call,
})
const note = { evidenceNote: 'Access matrix decision' }
const record = (organisationId: string) => ({
  organisationId,
  scheme: 'MSD_SSAS',
  level: 2,
  validFrom: '2026-01-01',
  validTo: '2027-06-30',
  evidenceNote: 'Access matrix record',
})

export const ACCREDITATION_OPERATIONS: Operation[] = [
  flat('GET /api/v1/accreditations', () => rest('GET', '/api/v1/accreditations')),
  flat(
    'POST /api/v1/accreditations',
    (w) => rest('POST', '/api/v1/accreditations', record(w.orgId.msd)),
    true,
  ),
  flat(
    'POST /api/v1/accreditations/import',
    (w) =>
      rest('POST', '/api/v1/accreditations/import', {
        csv:
          'organisationId,scheme,level,validFrom,validTo,evidenceNote\n' +
          `${w.orgId.msd},OT_S396,,2026-01-01,,matrix`,
        dryRun: true,
      }),
    true,
  ),
  flat(
    'POST /api/v1/accreditations/{id}/renew',
    (w) =>
      rest('POST', `/api/v1/accreditations/${w.accreditationId}/renew`, { ...note, validTo: '2027-12-31' }),
    true,
  ),
  flat(
    'POST /api/v1/accreditations/{id}/suspend',
    (w) => rest('POST', `/api/v1/accreditations/${w.accreditationId}/suspend`, note),
    true,
  ),
  flat(
    'POST /api/v1/accreditations/{id}/reinstate',
    (w) => rest('POST', `/api/v1/accreditations/${w.accreditationId}/reinstate`, note),
    true,
  ),
  flat(
    'POST /api/v1/accreditations/{id}/revoke',
    (w) => rest('POST', `/api/v1/accreditations/${w.accreditationId}/revoke`, note),
    true,
  ),
]

/** GraphQL twins, once the schema has them (packages/graphql/src/schema/accreditations.ts). */
export const ACCREDITATION_GRAPHQL_OPERATIONS: Operation[] = [
  { ...flat('query accreditations', () => graphql('{ accreditations { id status expiresSoon } }')) },
  flat(
    'mutation recordAccreditation',
    (w) =>
      graphql('mutation($i: RecordAccreditationInput!) { recordAccreditation(input: $i) { id } }', {
        i: record(w.orgId.msd),
      }),
    true,
  ),
  flat(
    'mutation decideAccreditation',
    (w) =>
      graphql('mutation($i: AccreditationDecisionInput!) { decideAccreditation(input: $i) { id status } }', {
        i: { id: w.accreditationId, action: 'SUSPEND', ...note },
      }),
    true,
  ),
  flat(
    'mutation importAccreditations',
    (w) =>
      graphql(
        'mutation($i: ImportAccreditationsInput!) { importAccreditations(input: $i) { dryRun counts { create refused } } }',
        {
          i: {
            csv:
              'organisationId,scheme,level,validFrom,validTo,evidenceNote\n' +
              `${w.orgId.msd},OT_S396,,2026-01-01,,matrix`,
            dryRun: true,
          },
        },
      ),
    true,
  ),
]
