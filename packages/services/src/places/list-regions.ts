import type { ServiceDeps } from '../context'

/** The 16 regions in Stats NZ code order (north to south). Public reference data. */
export function listRegions({ deps }: { deps: ServiceDeps }) {
  return deps.prisma.region.findMany({ orderBy: { code: 'asc' } })
}

export function listServiceCategories({ deps }: { deps: ServiceDeps }) {
  return deps.prisma.taxonomyTerm.findMany({
    where: { groupCode: { not: null } },
    orderBy: [{ groupCode: 'asc' }, { name: 'asc' }],
  })
}
