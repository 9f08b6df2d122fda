// /api/v1: REST for partner systems, scripts and the CLI. The HSDA directory endpoints follow in
// the directory work; these are the reference reads every client needs first.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { listRegions, type ServiceDeps } from '@fsn/services'
import type { AppEnv } from '../http/env'

const ZRegion = z
  .object({
    id: z.string(),
    code: z.string().describe('Stats NZ REGC code'),
    isoCode: z.string(),
    name: z.string(),
    nameMi: z.string().nullable(),
    council: z.string(),
    island: z.string(),
  })
  .openapi('Region')

const regionsRoute = createRoute({
  method: 'get',
  path: '/api/v1/regions',
  tags: ['places'],
  summary: 'The 16 regional council regions, north to south.',
  responses: {
    200: { description: 'Regions', content: { 'application/json': { schema: z.array(ZRegion) } } },
  },
})

export function mountV1(app: OpenAPIHono<AppEnv>, deps: ServiceDeps) {
  app.openapi(regionsRoute, async (c) => {
    const regions = await listRegions({ deps })
    return c.json(
      regions.map((r) => ({
        id: r.id,
        code: r.code,
        isoCode: r.isoCode,
        name: r.name,
        nameMi: r.nameMi,
        council: r.council,
        island: r.island,
      })),
      200,
    )
  })
}
