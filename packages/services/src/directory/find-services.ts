import type { Prisma } from '@fsn/db'
import {
  AppError,
  CATEGORY_TAXONOMY,
  ZPageInput,
  ZServiceFilter,
  can,
  validationError,
  type Actor,
} from '@fsn/domain'
import type { z } from 'zod'
import type { ServiceDeps } from '../context'
import { afterCursor, decodeCursor, toPage, type Page } from '../paging'

const ZFindServicesInput = ZPageInput.extend(ZServiceFilter.shape)

const serviceInclude = {
  organisation: { select: { id: true, name: true } },
  categories: {
    where: { taxonomyTerm: { taxonomy: { name: CATEGORY_TAXONOMY.name } } },
    select: { taxonomyTerm: { select: { code: true, name: true, nameMi: true } } },
  },
  serviceAtLocations: {
    select: {
      location: {
        select: {
          id: true,
          name: true,
          city: true,
          region: {
            select: {
              id: true,
              code: true,
              isoCode: true,
              name: true,
              nameMi: true,
              council: true,
              island: true,
            },
          },
        },
      },
    },
  },
} satisfies Prisma.ServiceInclude

type ServiceRow = Prisma.ServiceGetPayload<{ include: typeof serviceInclude }>

export type ServiceListItem = Omit<ServiceRow, 'categories' | 'serviceAtLocations'> & {
  categories: { code: string; name: string; nameMi: string | null }[]
  locations: ServiceRow['serviceAtLocations'][number]['location'][]
}

/** The directory's list of services, paged by name. Anonymous visitors may search it. */
export async function findServices({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: z.input<typeof ZFindServicesInput>
}): Promise<Page<ServiceListItem>> {
  if (!can(actor, 'directory:search')) throw new AppError('FORBIDDEN')
  const parsed = ZFindServicesInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const { first, after, categoryCode, regionCode, organisationId } = parsed.data

  const where: Prisma.ServiceWhereInput = {
    status: { not: 'DEFUNCT' },
    ...(organisationId ? { organisationId } : {}),
    ...(categoryCode
      ? {
          categories: {
            some: { taxonomyTerm: { code: categoryCode, taxonomy: { name: CATEGORY_TAXONOMY.name } } },
          },
        }
      : {}),
    ...(regionCode
      ? {
          OR: [
            { nationwide: true },
            { serviceAtLocations: { some: { location: { region: { code: regionCode } } } } },
            { serviceAreas: { some: { region: { code: regionCode } } } },
            { serviceAreas: { some: { territorialAuthority: { region: { code: regionCode } } } } },
          ],
        }
      : {}),
  }
  const [rows, totalCount] = await Promise.all([
    deps.prisma.service.findMany({
      where: { AND: [where, afterCursor(decodeCursor(after))] },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: first + 1,
      include: serviceInclude,
    }),
    deps.prisma.service.count({ where }),
  ])
  const items: ServiceListItem[] = rows.map(({ categories, serviceAtLocations, ...s }) => ({
    ...s,
    categories: categories.map((c) => c.taxonomyTerm),
    locations: serviceAtLocations.map((sal) => sal.location),
  }))
  return toPage(items, first, totalCount)
}
