// Wires /api/v1/listings to the listing use cases. Writes need a session: an anonymous write is
// 401 before its body is even read, so nobody learns the rules by probing without signing in.
import type { OpenAPIHono } from '@hono/zod-openapi'
import {
  createServiceListing,
  findListingChanges,
  findMyListings,
  getOrganisationListing,
  getServiceListing,
  updateLocation,
  updateOrganisationListing,
  updateServiceListing,
  verifyListing,
  type ServiceDeps,
} from '@fsn/services'
import type { AppEnv } from '../http/env'
import { errorResponse } from '../http/errors'
import {
  createServiceListingRoute,
  getOrganisationListingRoute,
  getServiceListingRoute,
  listingChangesRoute,
  myListingsRoute,
  updateLocationRoute,
  updateOrganisationListingRoute,
  updateServiceListingRoute,
  verifyListingRoute,
} from './listings.routes'

/**
 * The body as sent. The route's schema already checked it (and documents it); the use case parses
 * it again with the same schema and must get the raw JSON, not the transformed output (dates).
 */
async function rawBody(c: { req: { json: () => Promise<unknown> } }): Promise<Record<string, unknown>> {
  try {
    const body = await c.req.json()
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

export function mountListings(app: OpenAPIHono<AppEnv>, deps: ServiceDeps) {
  app.use('/api/v1/listings/*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.get('actor').kind === 'anonymous') {
      return errorResponse(c, 'UNAUTHENTICATED')
    }
    return next()
  })

  app.openapi(myListingsRoute, async (c) =>
    c.json({ contents: await findMyListings({ deps, actor: c.get('actor') }) }, 200),
  )

  app.openapi(getOrganisationListingRoute, async (c) =>
    c.json(
      await getOrganisationListing({
        deps,
        actor: c.get('actor'),
        input: { organisationId: c.req.valid('param').id },
      }),
      200,
    ),
  )

  app.openapi(getServiceListingRoute, async (c) =>
    c.json(
      await getServiceListing({ deps, actor: c.get('actor'), input: { serviceId: c.req.valid('param').id } }),
      200,
    ),
  )

  app.openapi(listingChangesRoute, async (c) => {
    const q = c.req.valid('query')
    const page = await findListingChanges({
      deps,
      actor: c.get('actor'),
      input: {
        organisationId: c.req.valid('param').id,
        ...(q.first !== undefined ? { first: q.first } : {}),
        ...(q.after ? { after: q.after } : {}),
      },
    })
    return c.json(
      {
        total_items: page.totalCount,
        has_next_page: page.hasNextPage,
        next_cursor: page.endCursor,
        contents: page.nodes,
      },
      200,
    )
  })

  app.openapi(createServiceListingRoute, async (c) => {
    c.req.valid('json')
    const listing = await createServiceListing({
      deps,
      actor: c.get('actor'),
      input: await rawBody(c),
      requestId: c.get('requestId'),
    })
    return c.json(listing, 201)
  })

  app.openapi(updateServiceListingRoute, async (c) => {
    const input = { ...(await rawBody(c)), serviceId: c.req.valid('param').id }
    return c.json(
      await updateServiceListing({ deps, actor: c.get('actor'), input, requestId: c.get('requestId') }),
      200,
    )
  })

  app.openapi(updateOrganisationListingRoute, async (c) => {
    const input = { ...(await rawBody(c)), organisationId: c.req.valid('param').id }
    return c.json(
      await updateOrganisationListing({ deps, actor: c.get('actor'), input, requestId: c.get('requestId') }),
      200,
    )
  })

  app.openapi(updateLocationRoute, async (c) => {
    const input = { ...(await rawBody(c)), locationId: c.req.valid('param').id }
    return c.json(
      await updateLocation({ deps, actor: c.get('actor'), input, requestId: c.get('requestId') }),
      200,
    )
  })

  app.openapi(verifyListingRoute, async (c) => {
    const input = { ...(await rawBody(c)), organisationId: c.req.valid('param').id }
    return c.json(
      await verifyListing({ deps, actor: c.get('actor'), input, requestId: c.get('requestId') }),
      200,
    )
  })
}
