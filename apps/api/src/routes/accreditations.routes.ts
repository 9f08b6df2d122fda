// REST contract for the accreditation registry (issue 16, item 2): national administrators record,
// renew, suspend, reinstate and revoke organisations' accreditations, each with the evidence it
// rests on and kept as history, and bulk load them from CSV with a dry run.
import { createRoute, z } from '@hono/zod-openapi'
import {
  ACCREDITATION_SCHEMES,
  ZAccreditationDecisionInput,
  ZRecordAccreditationInput,
  ZRenewAccreditationInput,
} from '@fsn/domain'
import { ZErrorBody } from './auth.routes'

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ZErrorBody } },
})

const ZHistoryEntry = z
  .object({
    action: z
      .string()
      .describe(
        'accreditation.record, .renew, .suspend, .reinstate, .revoke, .import-create, .import-update',
      ),
    at: z.string().describe('When (ISO 8601 UTC)'),
    byUserId: z.string().nullable(),
    evidenceNote: z.string().nullable(),
    status: z.string().nullable(),
    level: z.int().nullable(),
    validTo: z.string().nullable().describe('Last valid day after the decision (NZ date)'),
  })
  .openapi('AccreditationHistoryEntry')

export const ZAccreditationView = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    organisationName: z.string(),
    scheme: z.enum(ACCREDITATION_SCHEMES),
    level: z.int().nullable(),
    status: z.enum(['ACTIVE', 'PROVISIONAL', 'SUSPENDED', 'REVOKED']),
    validFrom: z.string().describe('First valid day, New Zealand date YYYY-MM-DD'),
    validTo: z.string().nullable().describe('Last valid day (inclusive), New Zealand date; null: open-ended'),
    expired: z.boolean().describe('Past its last valid day: routing refuses from the NZ day after'),
    expiresSoon: z.boolean().describe('Holding, and its last valid day within 60 days'),
    evidenceNote: z.string().nullable(),
    decidedById: z.string().nullable().describe('Who recorded the latest decision'),
    history: z.array(ZHistoryEntry),
  })
  .openapi('Accreditation')

const ZImportRow = z
  .object({
    line: z.int(),
    outcome: z.enum(['create', 'update', 'unchanged', 'refused']),
    organisationId: z.string().nullable(),
    scheme: z.string().nullable(),
    accreditationId: z.string().nullable(),
    field: z.string().nullable().describe('The refused field'),
    message: z.string().nullable(),
  })
  .openapi('AccreditationImportRow')

const ZImportResult = z
  .object({
    dryRun: z.boolean(),
    counts: z.object({ create: z.int(), update: z.int(), unchanged: z.int(), refused: z.int() }),
    rows: z.array(ZImportRow),
  })
  .openapi('AccreditationImportResult')

const idParam = z.object({ id: z.uuid({ error: 'id must be a UUID' }) })
const forbidden = error('Only a national administrator keeps the registry')
const common = {
  400: error('A field is missing or malformed (the body names it)'),
  401: error('Not signed in'),
  403: forbidden,
}
const one = (description: string) => ({
  description,
  content: { 'application/json': { schema: ZAccreditationView } },
})

export const findAccreditationsRoute = createRoute({
  method: 'get',
  path: '/api/v1/accreditations',
  tags: ['accreditations'],
  summary: 'The registry: every accreditation, one organisation’s, or those expiring soon, with history',
  request: {
    query: z.object({
      organisationId: z.uuid({ error: 'organisationId must be a UUID' }).optional(),
      expiringSoon: z.enum(['true', 'false'], { error: 'expiringSoon must be true or false' }).optional(),
    }),
  },
  responses: {
    200: {
      description: 'Accreditations',
      content: { 'application/json': { schema: z.object({ items: z.array(ZAccreditationView) }) } },
    },
    ...common,
  },
})

export const recordAccreditationRoute = createRoute({
  method: 'post',
  path: '/api/v1/accreditations',
  tags: ['accreditations'],
  summary:
    'Record an accreditation an organisation holds (scheme, level, first and last valid day, evidence)',
  request: {
    body: { required: true, content: { 'application/json': { schema: ZRecordAccreditationInput } } },
  },
  responses: { 201: one('Recorded'), ...common },
})

const decision = (path: string, summary: string, schema: z.ZodType = ZAccreditationDecisionInput) =>
  createRoute({
    method: 'post',
    path: `/api/v1/accreditations/{id}/${path}`,
    tags: ['accreditations'],
    summary,
    request: { params: idParam, body: { required: true, content: { 'application/json': { schema } } } },
    responses: {
      200: one('The accreditation after the decision'),
      ...common,
      404: error('No such accreditation'),
      409: error('Not open from its status (e.g. renewing a suspended one, revoking a revoked one)'),
    },
  })

export const renewAccreditationRoute = decision(
  'renew',
  'Renew: a new last valid day (and level)',
  ZRenewAccreditationInput,
)
export const suspendAccreditationRoute = decision(
  'suspend',
  'Suspend: routing refuses at once; open referrals are not touched',
)
export const reinstateAccreditationRoute = decision('reinstate', 'Lift a suspension')
export const revokeAccreditationRoute = decision('revoke', 'Revoke (final: a new grant is a new record)')

export const importAccreditationsRoute = createRoute({
  method: 'post',
  path: '/api/v1/accreditations/import',
  tags: ['accreditations'],
  summary:
    'Bulk load from CSV (organisationId, scheme, level, status, validFrom, validTo, evidenceNote). dryRun true: per row create, update, unchanged or refused naming the field, writing nothing',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            csv: z
              .string({ error: 'csv must be the CSV text' })
              .max(1_000_000, { error: 'csv must be at most 1,000,000 characters' }),
            dryRun: z.boolean({ error: 'dryRun must be true or false' }),
          }),
        },
      },
    },
  },
  responses: {
    200: {
      description: 'What each row did (or would do)',
      content: { 'application/json': { schema: ZImportResult } },
    },
    ...common,
  },
})
