import { call, failLoad } from '$lib/server/call'
import { DIRECTORY_LOOKUPS } from '$lib/server/queries'
import { regionShapes } from '$lib/server/nz-regions'
import type { LayoutServerLoad } from './$types'

// What the directory search needs besides its results: the map's region outlines and the names
// of regions and categories. None of it depends on the search, so from a layout (which reads
// nothing from the URL) it loads once as someone arrives, not again with every search.
export const load: LayoutServerLoad = async (event) => {
  try {
    const data = await call(event, DIRECTORY_LOOKUPS, {})
    return { mapRegions: regionShapes(), regions: data.regions, categories: data.serviceCategories }
  } catch (e) {
    return failLoad(e, event, 'directory lookups')
  }
}
