// Listings bucketed by tenth-of-a-degree cells (about 11 km north-south), so 'within 10 km of
// here' looks at a few cells instead of measuring the distance to every listing in the country.
const CELL = 0.1
const KM_PER_DEGREE = 111.2

export class GeoGrid {
  private readonly cells = new Map<number, Set<number>>()

  private static key(latCell: number, lngCell: number): number {
    return latCell * 10_000 + lngCell
  }

  private static cellOf(lat: number, lng: number): [number, number] {
    return [Math.floor(lat / CELL), Math.floor((lng + 180) / CELL)]
  }

  add(slot: number, lat: number, lng: number): void {
    const key = GeoGrid.key(...GeoGrid.cellOf(lat, lng))
    let set = this.cells.get(key)
    if (!set) this.cells.set(key, (set = new Set()))
    set.add(slot)
  }

  remove(slot: number, lat: number, lng: number): void {
    const key = GeoGrid.key(...GeoGrid.cellOf(lat, lng))
    const set = this.cells.get(key)
    set?.delete(slot)
    if (set?.size === 0) this.cells.delete(key)
  }

  /**
   * Slots in the cells of the box around a circle (a superset: the caller measures), or null
   * when the box spans more cells than the grid has filled, and a scan is cheaper.
   */
  around(lat: number, lng: number, radiusKm: number): number[] | null {
    const dLat = radiusKm / KM_PER_DEGREE
    const dLng = radiusKm / (KM_PER_DEGREE * Math.max(0.01, Math.cos((lat * Math.PI) / 180)))
    const [lat0, lng0] = GeoGrid.cellOf(lat - dLat, lng - dLng)
    const [lat1, lng1] = GeoGrid.cellOf(lat + dLat, lng + dLng)
    if ((lat1 - lat0 + 1) * (lng1 - lng0 + 1) > this.cells.size) return null
    const out: number[] = []
    for (let a = lat0; a <= lat1; a++) {
      for (let b = lng0; b <= lng1; b++) {
        const set = this.cells.get(GeoGrid.key(a, b))
        if (set) for (const slot of set) out.push(slot)
      }
    }
    return out
  }

  clear(): void {
    this.cells.clear()
  }
}
