// Wires the care partner REST routes to the use cases.
import type { OpenAPIHono } from '@hono/zod-openapi'
import { getCarePartnerApplication, type ServiceDeps } from '@fsn/services'
import type { AppEnv } from '../http/env'
import { getCarePartnerApplicationRoute } from './care-partners.routes'

export function mountCarePartners(app: OpenAPIHono<AppEnv>, deps: ServiceDeps) {
  app.openapi(getCarePartnerApplicationRoute, async (c) =>
    c.json(
      (await getCarePartnerApplication({
        deps,
        actor: c.get('actor'),
        input: { id: c.req.valid('param').id },
      })) as never,
      200,
    ),
  )
}
