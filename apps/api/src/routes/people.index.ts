// Wires the people REST routes (IPP 6 access records) to the use cases.
import type { OpenAPIHono } from '@hono/zod-openapi'
import { listAccessRecords, type ServiceDeps } from '@fsn/services'
import type { AppEnv } from '../http/env'
import { personAccessRecordsRoute } from './people.routes'
import { accessRecordsBody } from './people.schemas'

export function mountPeople(app: OpenAPIHono<AppEnv>, deps: ServiceDeps) {
  app.openapi(personAccessRecordsRoute, async (c) =>
    c.json(
      accessRecordsBody(
        await listAccessRecords({ deps, actor: c.get('actor'), personId: c.req.valid('param').id }),
      ),
      200,
    ),
  )
}
