// A listing's history: who changed what and when, newest first, from the audit records its edits
// wrote. For the organisation's own staff and moderators: the names of the people who edit are
// not public.
import {
  AppError,
  ZFindListingChangesInput,
  validationError,
  type Actor,
  type ListingChange,
} from '@fsn/domain'
import type { ServiceDeps } from '../../context'
import type { Page } from '../../paging'
import { listingEditorFor } from './access'
import { isUuid } from './get-organisation-listing'
import { LISTING_ACTIONS, type ListingAction } from './listing-writes'

export interface ListingChangeRecord {
  id: string
  occurredAt: Date
  action: ListingAction
  entityType: 'Organisation' | 'Service' | 'Location'
  entityId: string
  /** The service's, location's or organisation's name now. */
  subject: string
  actor: { id: string; name: string } | null
  /** True when a moderator made the change rather than the organisation's own staff. */
  moderated: boolean
  changes: ListingChange[]
}

const encode = (seq: bigint) => Buffer.from(`c${seq}`).toString('base64url')

function decode(after: string | undefined): bigint | null {
  if (!after) return null
  const s = Buffer.from(after, 'base64url').toString('utf8')
  if (!/^c\d{1,19}$/.test(s)) {
    throw new AppError('VALIDATION_FAILED', 'after: not a cursor from a previous page', 'after')
  }
  return BigInt(s.slice(1))
}

export async function findListingChanges({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps
  actor: Actor
  input: unknown
}): Promise<Page<ListingChangeRecord>> {
  const parsed = ZFindListingChangesInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const { organisationId, first, after } = parsed.data
  const organisation = isUuid(organisationId)
    ? await deps.prisma.organisation.findUnique({
        where: { id: organisationId },
        select: {
          name: true,
          services: { select: { id: true, name: true } },
          locations: { select: { id: true, name: true } },
        },
      })
    : null
  if (!organisation) throw new AppError('NOT_FOUND', 'No such organisation.', 'organisationId')
  listingEditorFor(actor, organisationId)
  const cursor = decode(after)

  const names = new Map<string, string>([
    [organisationId, organisation.name],
    ...organisation.services.map((s) => [s.id, s.name] as const),
    ...organisation.locations.map((l) => [l.id, l.name] as const),
  ])
  const where = {
    action: { in: Object.values(LISTING_ACTIONS) },
    OR: [
      { entityType: 'Organisation', entityId: organisationId },
      { entityType: 'Service', entityId: { in: organisation.services.map((s) => s.id) } },
      { entityType: 'Location', entityId: { in: organisation.locations.map((l) => l.id) } },
    ],
  }
  const [rows, totalCount] = await Promise.all([
    deps.prisma.auditRecord.findMany({
      where: { ...where, ...(cursor !== null ? { seq: { lt: cursor } } : {}) },
      orderBy: { seq: 'desc' },
      take: first + 1,
    }),
    deps.prisma.auditRecord.count({ where }),
  ])
  const page = rows.slice(0, first)
  const actorIds = [...new Set(page.flatMap((r) => (r.actorId ? [r.actorId] : [])))]
  const users = actorIds.length
    ? await deps.prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })
    : []
  const nodes: ListingChangeRecord[] = page.map((r) => {
    const data = (r.data ?? {}) as { changes?: ListingChange[]; moderated?: boolean }
    return {
      id: r.id,
      occurredAt: r.occurredAt,
      action: r.action as ListingAction,
      entityType: r.entityType as ListingChangeRecord['entityType'],
      entityId: r.entityId,
      subject: names.get(r.entityId) ?? '',
      actor: users.find((u) => u.id === r.actorId) ?? null,
      moderated: data.moderated === true,
      changes: data.changes ?? [],
    }
  })
  const edges = page.map((r, i) => ({ cursor: encode(r.seq), node: nodes[i]! }))
  return {
    totalCount,
    nodes,
    edges,
    hasNextPage: rows.length > first,
    endCursor: edges.at(-1)?.cursor ?? null,
  }
}
