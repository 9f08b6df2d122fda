import type { OpenAPIHono } from '@hono/zod-openapi'
import {
  acknowledgeRegionalEscalation,
  assignRegionalEscalation,
  escalateRegionalEscalation,
  listRegionalEscalations,
  noteRegionalEscalation,
  resolveRegionalEscalation,
  type ServiceDeps,
} from '@fsn/services'
import type { AppEnv } from '../http/env'
import {
  acknowledgeRegionalEscalationRoute,
  assignRegionalEscalationRoute,
  escalateRegionalEscalationRoute,
  listRegionalEscalationsRoute,
  noteRegionalEscalationRoute,
  resolveRegionalEscalationRoute,
} from './regional-escalations.routes'

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T

export function mountRegionalEscalations(app: OpenAPIHono<AppEnv>, deps: ServiceDeps) {
  app.openapi(listRegionalEscalationsRoute, async (c) => {
    const open = c.req.valid('query').open === 'true'
    return c.json(json(await listRegionalEscalations({ deps, actor: c.get('actor'), input: { open } })), 200)
  })
  app.openapi(acknowledgeRegionalEscalationRoute, async (c) => {
    const input = { escalationId: c.req.valid('param').id }
    const view = await acknowledgeRegionalEscalation({
      deps,
      actor: c.get('actor'),
      requestId: c.get('requestId'),
      input,
    })
    return c.json(json(view), 200)
  })
  app.openapi(assignRegionalEscalationRoute, async (c) => {
    const input = { ...c.req.valid('json'), escalationId: c.req.valid('param').id }
    const view = await assignRegionalEscalation({
      deps,
      actor: c.get('actor'),
      requestId: c.get('requestId'),
      input,
    })
    return c.json(json(view), 200)
  })
  app.openapi(noteRegionalEscalationRoute, async (c) => {
    const input = { ...c.req.valid('json'), escalationId: c.req.valid('param').id }
    const view = await noteRegionalEscalation({
      deps,
      actor: c.get('actor'),
      requestId: c.get('requestId'),
      input,
    })
    return c.json(json(view), 200)
  })
  app.openapi(resolveRegionalEscalationRoute, async (c) => {
    const input = { ...c.req.valid('json'), escalationId: c.req.valid('param').id }
    const view = await resolveRegionalEscalation({
      deps,
      actor: c.get('actor'),
      requestId: c.get('requestId'),
      input,
    })
    return c.json(json(view), 200)
  })
  app.openapi(escalateRegionalEscalationRoute, async (c) => {
    const input = { ...c.req.valid('json'), escalationId: c.req.valid('param').id }
    const view = await escalateRegionalEscalation({
      deps,
      actor: c.get('actor'),
      requestId: c.get('requestId'),
      input,
    })
    return c.json(json(view), 200)
  })
}
