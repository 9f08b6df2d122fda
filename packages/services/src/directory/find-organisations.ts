import type { Organisation, Prisma } from '@fsn/db'
import { AppError, ZOrganisationFilter, ZPageInput, can, validationError, type Actor } from '@fsn/domain'
import type { z } from 'zod'
import type { ServiceDeps } from '../context'
import { afterCursor, decodeCursor, toPage, type Page } from '../paging'

const ZFindOrganisationsInput = ZPageInput.extend(ZOrganisationFilter.shape)

export async function findOrganisations({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: z.input<typeof ZFindOrganisationsInput>
}): Promise<Page<Organisation>> {
  if (!can(actor, 'directory:search')) throw new AppError('FORBIDDEN')
  const parsed = ZFindOrganisationsInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const { first, after, kind, regionCode } = parsed.data
  const where: Prisma.OrganisationWhereInput = {
    ...(kind ? { kind } : {}),
    ...(regionCode ? { locations: { some: { region: { code: regionCode } } } } : {}),
  }
  const [rows, totalCount] = await Promise.all([
    deps.prisma.organisation.findMany({
      where: { AND: [where, afterCursor(decodeCursor(after))] },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: first + 1,
    }),
    deps.prisma.organisation.count({ where }),
  ])
  return toPage(rows, first, totalCount)
}
