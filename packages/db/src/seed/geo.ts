// Point-in-polygon for the region boundaries in prisma/reference/regions.geojson (GeoJSON
// Polygon and MultiPolygon, [lng, lat] positions, first ring outer, later rings holes).

export type Position = readonly [number, number] | readonly number[]
export type Ring = readonly Position[]
export type PolygonCoords = readonly Ring[]

export interface RegionGeometry {
  type: 'Polygon' | 'MultiPolygon'
  coordinates: PolygonCoords | readonly PolygonCoords[]
}

export interface BBox {
  minLng: number
  minLat: number
  maxLng: number
  maxLat: number
}

/** Ray casting (even-odd rule); a point on an edge may fall either way, which sampling tolerates. */
function inRing(lng: number, lat: number, ring: Ring): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!
    const yi = ring[i]![1]!
    const xj = ring[j]![0]!
    const yj = ring[j]![1]!
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

function inPolygon(lng: number, lat: number, polygon: PolygonCoords): boolean {
  const [outer, ...holes] = polygon
  if (!outer || !inRing(lng, lat, outer)) return false
  return !holes.some((hole) => inRing(lng, lat, hole))
}

export function polygonsOf(geometry: RegionGeometry): readonly PolygonCoords[] {
  return geometry.type === 'Polygon'
    ? [geometry.coordinates as PolygonCoords]
    : (geometry.coordinates as readonly PolygonCoords[])
}

/** True when (lat, lng) lies inside the geometry: inside some polygon's outer ring, outside its holes. */
export function pointInGeometry(lat: number, lng: number, geometry: RegionGeometry): boolean {
  return polygonsOf(geometry).some((p) => inPolygon(lng, lat, p))
}

export function bboxOf(geometry: RegionGeometry): BBox {
  const box = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity }
  for (const polygon of polygonsOf(geometry)) {
    for (const [lng, lat] of polygon[0] ?? []) {
      box.minLng = Math.min(box.minLng, lng!)
      box.maxLng = Math.max(box.maxLng, lng!)
      box.minLat = Math.min(box.minLat, lat!)
      box.maxLat = Math.max(box.maxLat, lat!)
    }
  }
  return box
}

/** Region code -> geometry, from a FeatureCollection whose features carry `regc_code`. */
export function regionPolygonsFromGeoJson(geojson: unknown): Record<string, RegionGeometry> {
  const fc = geojson as {
    type?: string
    features?: { properties?: { regc_code?: string }; geometry?: RegionGeometry }[]
  }
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new Error('regions.geojson is not a FeatureCollection')
  }
  const out: Record<string, RegionGeometry> = {}
  for (const f of fc.features) {
    const code = f.properties?.regc_code
    const g = f.geometry
    if (!code || !g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      throw new Error(`regions.geojson: feature ${code ?? '?'} has no Polygon or MultiPolygon`)
    }
    out[code] = g
  }
  return out
}
