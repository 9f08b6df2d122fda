// The projection the directory map draws with, shared by the server (region outlines, once) and
// the browser (result points, on every search). An equirectangular projection scaled by the cosine
// of NZ's middle latitude, fitted to the mainland's bounding box: at this size it is
// indistinguishable from a transverse Mercator and needs no library or tile server.
//
// The Chatham Islands (about 176.5° W) lie outside the 16 regions and far outside this box; points
// there are drawn in an inset in the empty sea south-east of Canterbury, at the same scale.

export interface Box {
  west: number
  east: number
  south: number
  north: number
}

/** Longitudes east of 180° are given as negative; measure them eastwards. */
export const eastOf = (lng: number): number => (lng < 0 ? lng + 360 : lng)

const MAINLAND: Box = { west: 166.3, east: 178.7, south: -47.35, north: -34.3 }
const CHATHAMS: Box = { west: 183.0, east: 184.1, south: -44.5, north: -43.6 }

const PAD = 8
const K = Math.cos((41 * Math.PI) / 180)
/** Pixels per degree of latitude. */
const SCALE = 34

export const MAP_WIDTH = Math.round((MAINLAND.east - MAINLAND.west) * K * SCALE + 2 * PAD)
export const MAP_HEIGHT = Math.round((MAINLAND.north - MAINLAND.south) * SCALE + 2 * PAD)

/** Where the Chatham inset sits on the map, in pixels. */
export const INSET = (() => {
  const width = (CHATHAMS.east - CHATHAMS.west) * K * SCALE + 2 * PAD
  const height = (CHATHAMS.north - CHATHAMS.south) * SCALE + 2 * PAD
  return { x: MAP_WIDTH - width - 6, y: MAP_HEIGHT - height - 40, width, height }
})()

const within = (box: Box, lat: number, lng: number) => lng >= box.west && lng <= box.east && lat >= box.south && lat <= box.north

/** Map pixels for a mainland point (outline vertices; no bounds check). */
export function project(lng: number, lat: number): [number, number] {
  return [PAD + (lng - MAINLAND.west) * K * SCALE, PAD + (MAINLAND.north - lat) * SCALE]
}

export interface PlacedPoint {
  x: number
  y: number
  inset: boolean
}

/** Where a result goes on the map: mainland, the Chatham inset, or nowhere (outside both). */
export function place(lat: number, lng: number): PlacedPoint | null {
  const east = eastOf(lng)
  if (within(MAINLAND, lat, east)) {
    const [x, y] = project(east, lat)
    return { x, y, inset: false }
  }
  if (within(CHATHAMS, lat, east)) {
    return {
      x: INSET.x + PAD + (east - CHATHAMS.west) * K * SCALE,
      y: INSET.y + PAD + (CHATHAMS.north - lat) * SCALE,
      inset: true,
    }
  }
  return null
}

/** A distance on the ground as map pixels (north-south, where the scale is exact). */
export const kmToPixels = (km: number): number => (km / 111.2) * SCALE

/** What the map draws for each region: its outline as an SVG path, and where its count goes. */
export interface RegionShape {
  code: string
  name: string
  path: string
  /** A point inside the region's largest part, for its count. */
  labelX: number
  labelY: number
}

/** A result on the map. */
export interface MapPoint {
  id: string
  lat: number
  lng: number
  title: string
  /** Where the point leads (its result in the list). */
  href: string
}
