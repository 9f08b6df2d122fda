// Wires the HSDA contracts (hsda.routes.ts) to the read use cases in @fsn/services. Transport only:
// query parameters go in as validated, HSDS documents come out as the use cases build them.
import type { OpenAPIHono } from '@hono/zod-openapi'
import {
  findHsdsOrganizations,
  findHsdsServiceAtLocations,
  findHsdsServices,
  findHsdsTaxonomies,
  findHsdsTaxonomyTerms,
  getHsdsOrganization,
  getHsdsService,
  getHsdsServiceAtLocation,
  getHsdsTaxonomy,
  getHsdsTaxonomyTerm,
  hsdaApiInfo,
  type ServiceDeps,
} from '@fsn/services'
import type { AppEnv } from '../http/env'
import {
  apiInfoRoute,
  getOrganizationRoute,
  getServiceAtLocationRoute,
  getServiceRoute,
  getTaxonomyRoute,
  getTaxonomyTermRoute,
  listOrganizationsRoute,
  listServiceAtLocationsRoute,
  listServicesRoute,
  listTaxonomiesRoute,
  listTaxonomyTermsRoute,
} from './hsda.routes'

export function mountHsda(app: OpenAPIHono<AppEnv>, deps: ServiceDeps) {
  app.openapi(apiInfoRoute, (c) => c.json(hsdaApiInfo(new URL(c.req.url).origin), 200))
  // HSDA's "/" with its slash, as partner tools write it.
  app.get('/api/v1/', (c) => c.json(hsdaApiInfo(new URL(c.req.url).origin), 200))

  app.openapi(listServicesRoute, async (c) =>
    c.json(await findHsdsServices({ deps, actor: c.get('actor'), input: c.req.valid('query') }), 200),
  )
  app.openapi(getServiceRoute, async (c) =>
    c.json(await getHsdsService({ deps, actor: c.get('actor'), input: c.req.valid('param') }), 200),
  )
  app.openapi(listServiceAtLocationsRoute, async (c) =>
    c.json(
      await findHsdsServiceAtLocations({ deps, actor: c.get('actor'), input: c.req.valid('query') }),
      200,
    ),
  )
  app.openapi(getServiceAtLocationRoute, async (c) =>
    c.json(await getHsdsServiceAtLocation({ deps, actor: c.get('actor'), input: c.req.valid('param') }), 200),
  )
  app.openapi(listOrganizationsRoute, async (c) =>
    c.json(await findHsdsOrganizations({ deps, actor: c.get('actor'), input: c.req.valid('query') }), 200),
  )
  app.openapi(getOrganizationRoute, async (c) =>
    c.json(
      await getHsdsOrganization({
        deps,
        actor: c.get('actor'),
        input: { ...c.req.valid('param'), ...c.req.valid('query') },
      }),
      200,
    ),
  )
  app.openapi(listTaxonomiesRoute, async (c) =>
    c.json(await findHsdsTaxonomies({ deps, actor: c.get('actor'), input: c.req.valid('query') }), 200),
  )
  app.openapi(getTaxonomyRoute, async (c) =>
    c.json(await getHsdsTaxonomy({ deps, actor: c.get('actor'), input: c.req.valid('param') }), 200),
  )
  app.openapi(listTaxonomyTermsRoute, async (c) =>
    c.json(await findHsdsTaxonomyTerms({ deps, actor: c.get('actor'), input: c.req.valid('query') }), 200),
  )
  app.openapi(getTaxonomyTermRoute, async (c) =>
    c.json(await getHsdsTaxonomyTerm({ deps, actor: c.get('actor'), input: c.req.valid('param') }), 200),
  )
}
