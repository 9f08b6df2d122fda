import { describe, expect, it } from 'vitest'
import { MAP_HEIGHT, MAP_WIDTH, place } from '$lib/nz-map'
import { buildRegionShapes, regionShapes } from './nz-regions'

describe('region shapes for the directory map', () => {
  const shapes = regionShapes()

  it('draws the 16 regions, by Stats NZ code', () => {
    expect(shapes.map((s) => s.code)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '12', '13', '14', '15', '16', '17', '18'])
    expect(shapes.find((s) => s.code === '08')?.name).toBe('Manawatū-Whanganui')
  })

  it('keeps the page light: simplified, rounded paths inside the map', () => {
    const total = shapes.reduce((n, s) => n + s.path.length, 0)
    expect(total).toBeLessThan(40_000)
    for (const s of shapes) {
      expect(s.path).toMatch(/^M[\d.]+ [\d.]+l[-\d. ]+z(?:M[\d.]+ [\d.]+l[-\d. ]+z)*$/)
      expect(s.labelX).toBeGreaterThan(0)
      expect(s.labelX).toBeLessThan(MAP_WIDTH)
      expect(s.labelY).toBeGreaterThan(0)
      expect(s.labelY).toBeLessThan(MAP_HEIGHT)
    }
  })

  it('is built once per process', () => {
    expect(regionShapes()).toBe(shapes)
    expect(buildRegionShapes()).toEqual(shapes)
  })

  it('places Wellington on the mainland, the Chathams in the inset, and nothing far away', () => {
    const wellington = place(-41.29, 174.78)
    const shape = shapes.find((s) => s.code === '09')!
    expect(wellington?.inset).toBe(false)
    expect(Math.abs(wellington!.x - shape.labelX)).toBeLessThan(40)
    expect(place(-43.95, -176.56)?.inset).toBe(true)
    expect(place(-43.95, 183.44)?.inset).toBe(true)
    expect(place(-33.9, 151.2)).toBeNull()
  })
})
