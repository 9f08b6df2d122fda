// Wires GET /api/v1/search to the searchDirectory use case: REST parameter names in, the use
// case's input out, and its errors renamed back to the parameter a caller wrote.
import type { OpenAPIHono, z } from '@hono/zod-openapi'
import { AppError, isAppError } from '@fsn/domain'
import { searchDirectory, type ServiceDeps, type TSearchDirectoryInput } from '@fsn/services'
import type { AppEnv } from '../http/env'
import { searchRoute, type ZSearchQueryParams } from './search.routes'

const list = (v: string | undefined) => (v === undefined ? undefined : v.split(',').map((x) => x.trim()))
const upper = (v: string | undefined) => list(v)?.map((x) => x.toUpperCase())

/** Use case field (first path segment) -> REST parameter. */
const PARAM_OF: Record<string, string> = {
  regionCodes: 'region',
  taCodes: 'ta',
  categoryCodes: 'category',
  languages: 'language',
  culturalFocus: 'cultural_focus',
  deliveryModes: 'delivery_mode',
  includeNationwide: 'include_nationwide',
  openNow: 'open_now',
  radiusKm: 'radius_km',
  perPage: 'per_page',
  near: 'lat',
}

export function toSearchInput(p: z.output<typeof ZSearchQueryParams>): TSearchDirectoryInput {
  const input: TSearchDirectoryInput = {
    q: p.q,
    regionCodes: list(p.region),
    taCodes: list(p.ta),
    categoryCodes: list(p.category),
    accreditation: list(p.accreditation),
    languages: list(p.language),
    culturalFocus: upper(p.cultural_focus) as TSearchDirectoryInput['culturalFocus'],
    deliveryModes: upper(p.delivery_mode) as TSearchDirectoryInput['deliveryModes'],
    capacity: upper(p.capacity) as TSearchDirectoryInput['capacity'],
    includeNationwide: p.include_nationwide === undefined ? undefined : p.include_nationwide === 'true',
    openNow: p.open_now === 'true' ? true : undefined,
    near:
      p.lat !== undefined && p.lng !== undefined ? { lat: p.lat, lng: p.lng, radiusKm: p.radius_km ?? 25 } : undefined,
    postcode: p.postcode,
    radiusKm: p.lat === undefined ? p.radius_km : undefined,
    sort: p.sort,
    page: p.page,
    perPage: p.per_page,
    facets: p.facets === 'true' ? true : undefined,
  }
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as TSearchDirectoryInput
}

export function mountSearch(app: OpenAPIHono<AppEnv>, deps: ServiceDeps) {
  app.openapi(searchRoute, async (c) => {
    try {
      const result = await searchDirectory({ deps, actor: c.get('actor'), input: toSearchInput(c.req.valid('query')) })
      return c.json(result, 200)
    } catch (err) {
      if (isAppError(err) && err.code === 'VALIDATION_FAILED' && err.field) {
        const head = err.field.split('.')[0]
        const param = PARAM_OF[head!] ?? head!
        throw new AppError('VALIDATION_FAILED', err.message.replace(err.field, param), param)
      }
      throw err
    }
  })
}
