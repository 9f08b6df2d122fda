// Wires the shared case REST routes to the use cases.
import type { OpenAPIHono } from '@hono/zod-openapi'
import { getCaseMembers, type ServiceDeps } from '@fsn/services'
import type { AppEnv } from '../http/env'
import { caseMembershipBody, getCaseMembersRoute } from './cases.routes'

export function mountCases(app: OpenAPIHono<AppEnv>, deps: ServiceDeps) {
  app.openapi(getCaseMembersRoute, async (c) =>
    c.json(
      caseMembershipBody(
        await getCaseMembers({
          deps,
          actor: c.get('actor'),
          input: { id: c.req.valid('param').id },
        }),
      ),
      200,
    ),
  )
}
