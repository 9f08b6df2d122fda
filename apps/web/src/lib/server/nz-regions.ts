// The 16 regions' outlines for the directory map, made once per server process from the
// repository's copy of the Stats NZ regions (prisma/reference/regions.geojson, bundled into the
// server build by Vite). The 180 KB of coordinates become about 20 KB of SVG paths: projected to
// map pixels, simplified (Douglas-Peucker, half a pixel), islands smaller than a few pixels left
// out, and rounded to a tenth of a pixel.
import regionsCsv from '../../../../../prisma/reference/regions.csv?raw'
import regionsGeoJson from '../../../../../prisma/reference/regions.geojson?raw'
import { project, type RegionShape } from '$lib/nz-map'

type Ring = [number, number][]
type Position = [number, number]

interface Feature {
  properties: { regc_code: string; name: string }
  geometry: { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] }
}

/** Half a pixel: finer than the eye sees at the map's size. */
const TOLERANCE = 0.5
/** Islands smaller than this (square pixels) are left out; a region keeps its largest part always. */
const MIN_AREA = 3

function simplify(points: Ring, tolerance: number): Ring {
  if (points.length <= 3) return points
  const keep = new Uint8Array(points.length)
  keep[0] = 1
  keep[points.length - 1] = 1
  const stack: [number, number][] = [[0, points.length - 1]]
  while (stack.length) {
    const [a, b] = stack.pop()!
    const [ax, ay] = points[a]!
    const [bx, by] = points[b]!
    const dx = bx - ax
    const dy = by - ay
    const len = Math.hypot(dx, dy)
    let worst = -1
    let worstAt = -1
    for (let i = a + 1; i < b; i++) {
      const [px, py] = points[i]!
      const d = len === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * px - dx * py + bx * ay - by * ax) / len
      if (d > worst) {
        worst = d
        worstAt = i
      }
    }
    if (worst > tolerance && worstAt > 0) {
      keep[worstAt] = 1
      stack.push([a, worstAt], [worstAt, b])
    }
  }
  return points.filter((_, i) => keep[i] === 1)
}

function area(ring: Ring): number {
  let sum = 0
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!
    const [x2, y2] = ring[(i + 1) % ring.length]!
    sum += x1 * y2 - x2 * y1
  }
  return Math.abs(sum) / 2
}

const r1 = (n: number) => Math.round(n * 10)

/** A closed ring as a compact path: absolute start, then moves relative to the rounded points. */
function ringPath(ring: Ring): string {
  const pts = ring.map(([x, y]) => [r1(x), r1(y)] as const)
  // The simplified ring repeats its first point at the end; Z closes it.
  if (pts.length > 1 && pts[0]![0] === pts.at(-1)![0] && pts[0]![1] === pts.at(-1)![1]) pts.pop()
  let d = `M${pts[0]![0] / 10} ${pts[0]![1] / 10}l`
  for (let i = 1; i < pts.length; i++) {
    const dx = (pts[i]![0] - pts[i - 1]![0]) / 10
    const dy = (pts[i]![1] - pts[i - 1]![1]) / 10
    if (dx === 0 && dy === 0) continue
    d += `${i > 1 && dx >= 0 ? ' ' : ''}${dx}${dy >= 0 ? ' ' : ''}${dy}`
  }
  return `${d}z`
}

function labelPoints(): Map<string, [number, number]> {
  const [header, ...rows] = regionsCsv.trim().split(/\r?\n/)
  const cols = header!.split(',')
  const at = (name: string) => cols.indexOf(name)
  const out = new Map<string, [number, number]>()
  for (const row of rows) {
    // No field before label_lng holds a comma except council names; count from the end instead.
    const cells = row.split(',')
    const fromEnd = (name: string) => cells[cells.length - (cols.length - at(name))]
    const lat = Number(fromEnd('label_lat'))
    const lng = Number(fromEnd('label_lng'))
    if (Number.isFinite(lat) && Number.isFinite(lng)) out.set(cells[0]!, project(lng, lat))
  }
  return out
}

export function buildRegionShapes(geojson: string = regionsGeoJson): RegionShape[] {
  const { features } = JSON.parse(geojson) as { features: Feature[] }
  const labels = labelPoints()
  return features
    .map((f) => {
      const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates
      // Outer rings only: the regions have no holes worth drawing at this size.
      const rings = polygons
        .map((poly) => simplify(poly[0]!.map(([lng, lat]) => project(lng, lat)), TOLERANCE))
        .filter((ring) => ring.length >= 4)
        .map((ring) => ({ ring, area: area(ring) }))
        .sort((a, b) => b.area - a.area)
      const kept = rings.filter((r, i) => i === 0 || r.area >= MIN_AREA)
      const largest = kept[0]!.ring
      const fallback = largest.reduce(([sx, sy], [x, y]) => [sx + x / largest.length, sy + y / largest.length], [0, 0])
      const [labelX, labelY] = labels.get(f.properties.regc_code) ?? fallback
      return {
        code: f.properties.regc_code,
        name: f.properties.name,
        path: kept.map((r) => ringPath(r.ring)).join(''),
        labelX: Math.round(labelX * 10) / 10,
        labelY: Math.round(labelY * 10) / 10,
      }
    })
    .sort((a, b) => a.code.localeCompare(b.code))
}

let cached: RegionShape[] | undefined

/** The regions' shapes, built on first use and kept for the life of the process. */
export function regionShapes(): RegionShape[] {
  cached ??= buildRegionShapes()
  return cached
}
