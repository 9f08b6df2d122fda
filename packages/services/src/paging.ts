import { AppError } from '@fsn/domain'

/** Keyset cursor over (name, id): stable while rows are added, unlike an offset. */
export interface NameCursor {
  name: string
  id: string
}

export function encodeCursor(c: NameCursor): string {
  return Buffer.from(JSON.stringify([c.name, c.id])).toString('base64url')
}

export function decodeCursor(cursor: string | undefined | null): NameCursor | null {
  if (!cursor) return null
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') {
      return { name: v[0], id: v[1] }
    }
  } catch {
    // fall through to the 400 below
  }
  throw new AppError('VALIDATION_FAILED', 'after: not a cursor from a previous page', 'after')
}

/** Prisma `where` for rows after the cursor in (name, id) order. */
export function afterCursor(c: NameCursor | null) {
  if (!c) return {}
  return { OR: [{ name: { gt: c.name } }, { name: c.name, id: { gt: c.id } }] }
}

export interface Page<T> {
  totalCount: number
  nodes: T[]
  edges: { cursor: string; node: T }[]
  hasNextPage: boolean
  endCursor: string | null
}

export function toPage<T extends NameCursor>(rows: T[], first: number, totalCount: number): Page<T> {
  const nodes = rows.slice(0, first)
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node), node }))
  return {
    totalCount,
    nodes,
    edges,
    hasNextPage: rows.length > first,
    endCursor: edges.at(-1)?.cursor ?? null,
  }
}
