import { createRoute, z } from '@hono/zod-openapi'

const ZCalendar = z.object({
  status: z.enum(['ok', 'ending', 'failing']),
  knownUntil: z.string().describe('The last date the public-holiday rules know.'),
  message: z.string().nullable(),
})

export const ZHealth = z
  .object({
    status: z.enum(['ok', 'degraded', 'down']).describe('degraded: search or the holiday calendar needs attention; everything else works'),
    database: z.enum(['ok', 'down']),
    databaseKind: z.enum(['pglite', 'postgres']),
    search: z.enum(['ok', 'degraded', 'unknown']),
    searchDetail: z
      .object({
        status: z.enum(['ok', 'degraded']),
        engine: z.string(),
        reachable: z.boolean(),
        pending: z.number().int(),
        oldestPendingSeconds: z.number().nullable(),
        failing: z.number().int(),
      })
      .optional(),
    calendar: ZCalendar,
  })
  .openapi('Health')

export const ZReady = z
  .object({
    status: z.enum(['ready', 'not ready']),
    failing: z.array(z.enum(['database', 'migrations', 'search'])).describe('The checks that failed; empty when ready.'),
    database: z.enum(['ok', 'down']),
    migrations: z.object({
      status: z.enum(['ok', 'pending', 'changed', 'unknown']),
      onDisk: z.number().int(),
      applied: z.number().int(),
      pending: z.array(z.string()).describe('Migrations on disk not applied to this database.'),
    }),
    search: z.object({
      status: z.enum(['ok', 'building', 'behind', 'unknown']),
      engine: z.string(),
      local: z.boolean().describe("The index is this process's own (embedded): only then does its lag make the process not ready."),
      lagSeconds: z.number().nullable(),
    }),
  })
  .openapi('Ready')

export const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['operations'],
  summary: 'Liveness: the process answers. 200 while the database answers (status ok or degraded), 503 when it does not. No session needed.',
  responses: {
    200: { description: 'Alive', content: { 'application/json': { schema: ZHealth } } },
    503: { description: 'The database does not answer', content: { 'application/json': { schema: ZHealth } } },
  },
})

export const readyRoute = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['operations'],
  summary:
    "Readiness: 200 only when the database answers, every migration on disk is applied and this process's search index is built and caught up; otherwise 503 naming the failing checks. No session needed.",
  responses: {
    200: { description: 'Ready for traffic', content: { 'application/json': { schema: ZReady } } },
    503: { description: 'Not ready: `failing` names the checks', content: { 'application/json': { schema: ZReady } } },
  },
})
