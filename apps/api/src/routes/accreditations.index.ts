// Wires the accreditation registry's REST routes to its use cases.
import type { OpenAPIHono } from '@hono/zod-openapi'
import {
  findAccreditations,
  importAccreditations,
  recordAccreditation,
  reinstateAccreditation,
  renewAccreditation,
  revokeAccreditation,
  suspendAccreditation,
  type ServiceDeps,
} from '@fsn/services'
import type { AppEnv } from '../http/env'
import {
  findAccreditationsRoute,
  importAccreditationsRoute,
  recordAccreditationRoute,
  reinstateAccreditationRoute,
  renewAccreditationRoute,
  revokeAccreditationRoute,
  suspendAccreditationRoute,
} from './accreditations.routes'

export function mountAccreditations(app: OpenAPIHono<AppEnv>, deps: ServiceDeps) {
  app.openapi(findAccreditationsRoute, async (c) => {
    const q = c.req.valid('query')
    const result = await findAccreditations({
      deps,
      actor: c.get('actor'),
      input: {
        organisationId: q.organisationId,
        expiringSoon: q.expiringSoon === undefined ? undefined : q.expiringSoon === 'true',
      },
    })
    return c.json(result, 200)
  })
  app.openapi(recordAccreditationRoute, async (c) => {
    const view = await recordAccreditation({
      deps,
      actor: c.get('actor'),
      input: c.req.valid('json'),
      requestId: c.get('requestId'),
    })
    return c.json(view, 201)
  })
  // Registered before /{id}/... so "import" is never read as an id.
  app.openapi(importAccreditationsRoute, async (c) => {
    const result = await importAccreditations({
      deps,
      actor: c.get('actor'),
      input: c.req.valid('json'),
      requestId: c.get('requestId'),
    })
    return c.json(result, 200)
  })
  const decisions = [
    [renewAccreditationRoute, renewAccreditation],
    [suspendAccreditationRoute, suspendAccreditation],
    [reinstateAccreditationRoute, reinstateAccreditation],
    [revokeAccreditationRoute, revokeAccreditation],
  ] as const
  for (const [route, useCase] of decisions) {
    app.openapi(route, async (c) => {
      const body = c.req.valid('json') as Record<string, unknown>
      const view = await (useCase as typeof suspendAccreditation)({
        deps,
        actor: c.get('actor'),
        input: { ...body, id: c.req.valid('param').id },
        requestId: c.get('requestId'),
      })
      return c.json(view, 200)
    })
  }
}
