// Import HSDS 3.0 documents into the directory (`pnpm hsds import`). Each record (a service, an
// organisation with its services, a service_at_location, a taxonomy or a term) is validated against
// the official schema, mapped to rows (import-map.ts), compared with what we hold and written in its
// own transaction with an audit record and a `directory.changed` outbox message, so:
// - a bad record fails alone, reported with its field, and the good ones are kept;
// - ids are the HSDS uuids, so importing the same file again changes nothing ("unchanged") and a
//   changed file updates in place, never duplicating;
// - the search index (a projection) catches up from the outbox after commit.
import { AppError, CATEGORY_TAXONOMY, OPEN_ELIGIBILITY_TAXONOMY, can, type Actor } from '@fsn/domain'
import { Prisma, pointInGeometry, readReferenceFiles, type RegionGeometry } from '@fsn/db'
import type { ServiceDeps, Tx } from '../../context'
import { writeAudit } from '../../audit/write-audit'
import { enqueue } from '../../outbox/outbox'
import { enqueueDirectoryWebhooks } from '../../webhooks/directory-events'
import { uuidV5 } from './ids'
import {
  CHILD_TABLES,
  join,
  planRecord,
  type ChildRow,
  type ChildTable,
  type EntityRow,
  type Issue,
  type LocationRow,
  type Plan,
} from './import-map'
import { kindFromFileName, readRecords, type ImportKind, type RawRecord } from './import-records'
import { validateHsds, type HsdsSchemaKind } from './schemas'
import { foldText } from './search-text'

/** Who imports: a national administrator (directory:moderate), or the CLI, which holds the database. */
export type ImportActor = Actor | { kind: 'system'; name: string }

export interface HsdsImportProblem {
  /** "service ac148810-…" or "organization #2". */
  record: string
  /** Dotted JSON path within the record: "service_at_locations[0].location.region". */
  field: string
  message: string
}

export interface HsdsImportReport {
  created: number
  updated: number
  unchanged: number
  failed: HsdsImportProblem[]
  /** Data kept out because the directory has no place for it (funding, programs, extents, ...). */
  warnings: HsdsImportProblem[]
  /** Documents that are not directory data (the HSDA API description). */
  skipped: string[]
}

export interface HsdsImportOptions {
  /**
   * Stats NZ region code for locations nothing else places (no coordinates in New Zealand, no
   * address naming a region). Without it such a location fails the record, naming location.region.
   */
  defaultRegionCode?: string
  /** Names the source in audit records and outbox messages, e.g. the file name. */
  source?: string
}

class RecordError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

const SCHEMA_OF: Record<RawRecord['kind'], HsdsSchemaKind> = {
  service: 'service',
  organization: 'organization',
  service_at_location: 'service_at_location',
  location: 'location',
  taxonomy: 'taxonomy',
  taxonomy_term: 'taxonomy_term',
}

const ENTITY_TYPE: Record<RawRecord['kind'], string> = {
  service: 'Service',
  organization: 'Organisation',
  service_at_location: 'ServiceAtLocation',
  location: 'Location',
  taxonomy: 'Taxonomy',
  taxonomy_term: 'TaxonomyTerm',
}

/** Reference taxonomies seeded from packages/domain: imports link to their terms, never edit them. */
const MANAGED_TAXONOMIES = new Set<string>([CATEGORY_TAXONOMY.name, OPEN_ELIGIBILITY_TAXONOMY.name])

/** "/service_at_locations/0/location/id" -> "service_at_locations[0].location.id". */
export function dottedPath(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '')
}

// ─── Places: regions for locations ───────────────────────────────────────────────────────────────

interface Places {
  regions: { id: string; code: string; isoCode: string; name: string; nameMi: string | null }[]
  tas: { id: string; code: string; name: string; nameAscii: string; regionId: string }[]
  polygons: { regionId: string; geometry: RegionGeometry }[]
  defaultRegionId?: string
}

async function loadPlaces(deps: ServiceDeps, defaultRegionCode?: string): Promise<Places> {
  const [regions, tas] = await Promise.all([
    deps.prisma.region.findMany({
      select: { id: true, code: true, isoCode: true, name: true, nameMi: true },
    }),
    deps.prisma.territorialAuthority.findMany({
      select: { id: true, code: true, name: true, nameAscii: true, regionId: true },
    }),
  ])
  const polygons = Object.entries(readReferenceFiles().regionPolygons).flatMap(([code, geometry]) => {
    const region = regions.find((r) => r.code === code)
    return region ? [{ regionId: region.id, geometry }] : []
  })
  let defaultRegionId: string | undefined
  if (defaultRegionCode) {
    defaultRegionId = regions.find((r) => r.code === defaultRegionCode || r.isoCode === defaultRegionCode)?.id
    if (!defaultRegionId) {
      throw new AppError(
        'VALIDATION_FAILED',
        `defaultRegionCode: no region ${defaultRegionCode}`,
        'defaultRegionCode',
      )
    }
  }
  return { regions, tas, polygons, defaultRegionId }
}

const fold = (s: string) =>
  foldText(s)
    .replace(/\b(region|regional council|district|city|council)\b/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()

function regionByName(places: Places, name: string) {
  const f = fold(name)
  return places.regions.find(
    (r) =>
      r.code === name ||
      r.isoCode.toLowerCase() === name.toLowerCase() ||
      fold(r.name) === f ||
      (r.nameMi && fold(r.nameMi) === f),
  )
}

function taByName(places: Places, name: string) {
  const f = fold(name)
  if (!f) return undefined
  return places.tas.find((t) => fold(t.name) === f || fold(t.nameAscii) === f)
}

/**
 * Every location is in one region here (HSDS has no such rule). In order: our own region code,
 * the coordinates inside a region boundary, an address naming a region (state_province or region),
 * a district or city the address names, then the import's default region.
 */
function placeLocation(row: LocationRow, places: Places): { regionId?: string; taId?: string } {
  const h = row.regionHint
  if (!h) return {}
  let regionId = h.regionCode ? places.regions.find((r) => r.code === h.regionCode)?.id : undefined
  if (!regionId && h.lat !== undefined && h.lng !== undefined) {
    regionId = places.polygons.find((p) => pointInGeometry(h.lat!, h.lng!, p.geometry))?.regionId
  }
  if (!regionId) for (const n of h.names) regionId ??= regionByName(places, n)?.id
  let ta = h.taCode ? places.tas.find((t) => t.code === h.taCode) : undefined
  ta ??= h.taName ? taByName(places, h.taName) : undefined
  if (ta && regionId && ta.regionId !== regionId) ta = undefined
  regionId ??= ta?.regionId ?? places.defaultRegionId
  return { regionId, taId: ta?.id }
}

// ─── Comparing rows ──────────────────────────────────────────────────────────────────────────────

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    const t = (v: unknown) =>
      v instanceof Date ? v.getTime() : v === null || v === undefined ? null : new Date(v as string).getTime()
    return t(a) === t(b)
  }
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a ?? []) === JSON.stringify(b ?? [])
  return (a ?? null) === (b ?? null)
}

const differs = (existing: Record<string, unknown>, desired: Record<string, unknown>) =>
  Object.keys(desired).some((k) => !same(existing[k], desired[k]))

type Row = Record<string, unknown> & { id: string }

/** The Prisma delegate calls this file makes, without Prisma's per-model generic types. */
interface Delegate {
  findMany(args: unknown): Promise<Row[]>
  create(args: unknown): Promise<unknown>
  createMany(args: unknown): Promise<unknown>
  update(args: unknown): Promise<unknown>
  updateMany(args: unknown): Promise<unknown>
  deleteMany(args: unknown): Promise<unknown>
}
const delegate = (tx: Tx, model: string) => (tx as unknown as Record<string, Delegate>)[model]!

interface Changes {
  created: Set<string>
  updated: Set<string>
  /** Parents whose children changed: their updatedAt moves so HSDA's modified_after finds them. */
  touched: { service: Set<string>; organisation: Set<string>; location: Set<string> }
  counts: Record<string, { created: number; updated: number; deleted: number }>
}

function count(c: Changes, table: string, what: 'created' | 'updated' | 'deleted', n = 1) {
  if (n === 0) return
  c.counts[table] ??= { created: 0, updated: 0, deleted: 0 }
  c.counts[table][what] += n
}

// ─── Entities ────────────────────────────────────────────────────────────────────────────────────

async function upsertEntities(
  tx: Tx,
  model: string,
  rows: EntityRow[],
  changes: Changes,
  now: Date | null,
  skip: (existing: Row) => boolean = () => false,
) {
  if (rows.length === 0) return new Map<string, Row>()
  const existing = new Map(
    (await delegate(tx, model).findMany({ where: { id: { in: rows.map((r) => r.id) } } })).map((e) => [
      e.id,
      e,
    ]),
  )
  for (const r of rows) {
    const e = existing.get(r.id)
    const stamps = now ? { updatedAt: now } : {}
    if (!e) {
      await delegate(tx, model).create({
        data: { ...r.create, ...r.set, id: r.id, ...(now ? { createdAt: now } : {}), ...stamps },
      })
      changes.created.add(r.id)
      count(changes, model, 'created')
    } else if (!skip(e) && differs(e, r.set)) {
      await delegate(tx, model).update({ where: { id: r.id }, data: { ...r.set, ...stamps } })
      changes.updated.add(r.id)
      count(changes, model, 'updated')
    }
  }
  return existing
}

async function exists(tx: Tx, model: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await delegate(tx, model).findMany({ where: { id: { in: ids } }, select: { id: true } })
  return new Set(rows.map((r) => r.id))
}

/**
 * Our reference taxonomies get fresh ids in every database (seeded, uuid v7), so an export from one
 * database names categories another database knows under other ids. Terms of a reference taxonomy
 * are therefore matched by the taxonomy's name and the term's code, and the plan is rewritten to
 * our ids; they are never created or changed by an import.
 */
async function applyTaxonomies(tx: Tx, plan: Plan, changes: Changes) {
  const taxonomyIds = new Map<string, string>()
  for (const r of [...plan.taxonomies.values()]) {
    if (typeof r.set.name !== 'string') continue
    const named = await tx.taxonomy.findUnique({ where: { name: r.set.name }, select: { id: true } })
    if (named && named.id !== r.id) {
      if (!MANAGED_TAXONOMIES.has(r.set.name))
        throw new RecordError(
          join(r.path, 'name'),
          `a different taxonomy (${named.id}) already has this name`,
        )
      taxonomyIds.set(r.id, named.id)
      plan.taxonomies.delete(r.id)
    }
  }
  for (const t of plan.terms.values()) {
    const id = t.set.taxonomyId
    if (typeof id === 'string' && taxonomyIds.has(id)) t.set.taxonomyId = taxonomyIds.get(id)
  }
  await upsertEntities(tx, 'taxonomy', [...plan.taxonomies.values()], changes, null, (e) =>
    MANAGED_TAXONOMIES.has(e.name as string),
  )
}

async function applyTerms(tx: Tx, plan: Plan, changes: Changes) {
  const managedIds = new Map(
    (
      await tx.taxonomy.findMany({
        where: { name: { in: [...MANAGED_TAXONOMIES] } },
        select: { id: true, name: true },
      })
    ).map((t) => [t.id, t.name]),
  )
  const existing = new Map(
    (
      await tx.taxonomyTerm.findMany({
        where: { id: { in: [...plan.terms.keys()] } },
        select: { id: true, code: true, taxonomyId: true },
      })
    ).map((t) => [t.id, t]),
  )
  // Reference terms under another database's ids: find ours by code.
  const termIds = new Map<string, string>()
  for (const r of [...plan.terms.values()]) {
    if (existing.has(r.id)) continue
    const taxonomyId = typeof r.set.taxonomyId === 'string' ? r.set.taxonomyId : undefined
    const managed =
      (taxonomyId && managedIds.has(taxonomyId)) || (r.taxonomyName && MANAGED_TAXONOMIES.has(r.taxonomyName))
    if (!managed) continue
    const code = typeof r.set.code === 'string' ? r.set.code : undefined
    const ours = code
      ? await tx.taxonomyTerm.findFirst({
          where: {
            code,
            taxonomy:
              taxonomyId && managedIds.has(taxonomyId) ? { id: taxonomyId } : { name: r.taxonomyName! },
          },
          select: { id: true },
        })
      : null
    if (!ours)
      throw new RecordError(
        join(r.path, 'code'),
        `not a term of the reference taxonomy; it cannot be added by an import`,
      )
    termIds.set(r.id, ours.id)
    plan.terms.delete(r.id)
  }
  if (termIds.size) {
    for (const terms of plan.serviceTerms.values()) {
      for (const [from, to] of termIds) {
        const path = terms.get(from)
        if (path === undefined) continue
        terms.delete(from)
        terms.set(to, path)
      }
    }
    for (const t of plan.terms.values()) {
      if (typeof t.set.parentId === 'string' && termIds.has(t.set.parentId))
        t.set.parentId = termIds.get(t.set.parentId)
    }
  }

  const rows = [...plan.terms.values()]
  if (rows.length === 0) return
  const parents = await exists(
    tx,
    'taxonomyTerm',
    rows.flatMap((r) => (typeof r.set.parentId === 'string' ? [r.set.parentId] : [])),
  )
  const taxonomies = await exists(
    tx,
    'taxonomy',
    rows.flatMap((r) => (typeof r.set.taxonomyId === 'string' ? [r.set.taxonomyId] : [])),
  )
  for (const r of rows) {
    const e = existing.get(r.id)
    // A taxonomy_id naming no taxonomy (the official tabular example has one): keep the term's
    // taxonomy, or place a new term by its `taxonomy` name.
    if (
      typeof r.set.taxonomyId === 'string' &&
      !taxonomies.has(r.set.taxonomyId) &&
      !plan.taxonomies.has(r.set.taxonomyId)
    ) {
      if (!e && !r.taxonomyName)
        throw new RecordError(
          join(r.path, 'taxonomy_id'),
          'no taxonomy with this id; include taxonomy_detail',
        )
      plan.warnings.push({
        field: join(r.path, 'taxonomy_id'),
        message: 'not stored: no taxonomy with this id',
      })
      delete r.set.taxonomyId
    }
    if (!e && !r.set.taxonomyId) {
      const name = r.taxonomyName
      if (!name)
        throw new RecordError(
          join(r.path, 'taxonomy_id'),
          'a new taxonomy term needs its taxonomy (taxonomy_id, taxonomy_detail or taxonomy)',
        )
      const t = await tx.taxonomy.findUnique({ where: { name }, select: { id: true } })
      r.set.taxonomyId =
        t?.id ??
        (
          await tx.taxonomy.create({
            data: { id: uuidV5(`taxonomy:${name}`), name, description: name },
            select: { id: true },
          })
        ).id
    }
    if (
      typeof r.set.parentId === 'string' &&
      !parents.has(r.set.parentId) &&
      !plan.terms.has(r.set.parentId)
    ) {
      plan.warnings.push({
        field: join(r.path, 'parent_id'),
        message: 'not stored: no taxonomy term with this id',
      })
      delete r.set.parentId
    }
  }
  // Parents before children, so a term's parent exists when it is written.
  const ordered: typeof rows = []
  const placed = new Set<string>()
  while (ordered.length < rows.length) {
    const before = ordered.length
    for (const r of rows) {
      const parent = r.set.parentId as string | undefined
      if (placed.has(r.id) || (parent && parent !== r.id && plan.terms.has(parent) && !placed.has(parent)))
        continue
      ordered.push(r)
      placed.add(r.id)
    }
    if (ordered.length === before) {
      const r = rows.find((x) => !placed.has(x.id))!
      throw new RecordError(join(r.path, 'parent_id'), 'taxonomy terms are their own ancestors')
    }
  }
  for (const r of ordered) {
    const e = existing.get(r.id)
    if (e && managedIds.has(e.taxonomyId)) continue
    const code = (r.set.code ?? e?.code ?? r.create.code) as string
    const taxonomyId = (r.set.taxonomyId ?? e?.taxonomyId) as string
    const clash = await tx.taxonomyTerm.findFirst({
      where: { taxonomyId, code, id: { not: r.id } },
      select: { id: true },
    })
    if (clash)
      throw new RecordError(join(r.path, 'code'), `another term of this taxonomy (${clash.id}) has this code`)
  }
  await upsertEntities(tx, 'taxonomyTerm', ordered, changes, null, (e) =>
    managedIds.has(e.taxonomyId as string),
  )
}

// ─── Child rows ──────────────────────────────────────────────────────────────────────────────────

interface ChildDiff {
  table: ChildTable
  creates: Row[]
  updates: { id: string; data: Record<string, unknown>; before: Row }[]
  /** Rows that stay but lose links to parents whose collections no longer list them. */
  detaches: { id: string; data: Record<string, unknown>; before: Row }[]
  deletes: Row[]
}

async function diffChildren(
  tx: Tx,
  plan: Plan,
  table: ChildTable,
  removed: Partial<Record<string, Set<string>>>,
): Promise<ChildDiff> {
  const fks = CHILD_TABLES[table] as readonly string[]
  const auth: Record<string, Set<string>> = {}
  for (const fk of fks) auth[fk] = new Set([...plan.authority[table][fk]!, ...(removed[fk] ?? [])])
  const rows: ChildRow[] = [...plan.children[table].values()]
  const or: object[] = [{ id: { in: rows.map((r) => r.id) } }]
  for (const fk of fks) if (auth[fk]!.size) or.push({ [fk]: { in: [...auth[fk]!] } })
  const diff: ChildDiff = { table, creates: [], updates: [], detaches: [], deletes: [] }
  if (rows.length === 0 && or.length === 1) return diff
  const existing = new Map((await delegate(tx, table).findMany({ where: { OR: or } })).map((e) => [e.id, e]))
  for (const r of rows) {
    const e = existing.get(r.id)
    const links: Record<string, unknown> = {}
    for (const fk of fks) {
      if (r.links[fk]) links[fk] = r.links[fk]
      else if (e && typeof e[fk] === 'string' && auth[fk]!.has(e[fk] as string)) links[fk] = null
      else links[fk] = e?.[fk] ?? null
    }
    const desired = { ...r.data, ...links }
    if (!e) diff.creates.push({ ...desired, id: r.id })
    else if (differs(e, desired)) diff.updates.push({ id: r.id, data: desired, before: e })
  }
  for (const e of existing.values()) {
    if (plan.children[table].has(e.id)) continue
    const unlink: Record<string, unknown> = {}
    for (const fk of fks) if (typeof e[fk] === 'string' && auth[fk]!.has(e[fk] as string)) unlink[fk] = null
    if (Object.keys(unlink).length === 0) continue
    const stays = fks.some((fk) => !(fk in unlink) && typeof e[fk] === 'string')
    if (stays) diff.detaches.push({ id: e.id, data: unlink, before: e })
    else diff.deletes.push(e)
  }
  return diff
}

/** Marks the services, organisations and locations a changed child row belongs to (before and after). */
function touch(
  changes: Changes,
  salService: Map<string, string>,
  ...rows: (Record<string, unknown> | undefined)[]
) {
  for (const r of rows) {
    if (!r) continue
    if (typeof r.serviceId === 'string') changes.touched.service.add(r.serviceId)
    if (typeof r.organisationId === 'string') changes.touched.organisation.add(r.organisationId)
    if (typeof r.locationId === 'string') changes.touched.location.add(r.locationId)
    if (typeof r.serviceAtLocationId === 'string') {
      const s = salService.get(r.serviceAtLocationId)
      if (s) changes.touched.service.add(s)
    }
  }
}

function resolveServiceAreas(plan: Plan, places: Places) {
  for (const r of plan.children.serviceArea.values()) {
    const { regionCode, taCode, ...data } = r.data as Record<string, string | null>
    let regionId = regionCode ? places.regions.find((x) => x.code === regionCode)?.id : undefined
    let taId = taCode ? places.tas.find((x) => x.code === taCode)?.id : undefined
    if (!regionId && !taId && data.name) {
      regionId = regionByName(places, data.name)?.id
      if (!regionId) taId = taByName(places, data.name)?.id
    }
    r.data = { ...data, regionId: regionId ?? null, territorialAuthorityId: taId ?? null }
  }
}

async function applyChildren(tx: Tx, plan: Plan, changes: Changes) {
  // Reads first: which rows each table gains, changes, loses or unlinks.
  const sal = await diffChildren(tx, plan, 'serviceAtLocation', {})
  const removedSal = new Set(sal.deletes.map((r) => r.id))
  const contact = await diffChildren(tx, plan, 'contact', { serviceAtLocationId: removedSal })
  const removedContact = new Set(contact.deletes.map((r) => r.id))
  const phone = await diffChildren(tx, plan, 'phone', {
    serviceAtLocationId: removedSal,
    contactId: removedContact,
  })
  const language = await diffChildren(tx, plan, 'language', {
    phoneId: new Set(phone.deletes.map((r) => r.id)),
  })
  const schedule = await diffChildren(tx, plan, 'schedule', { serviceAtLocationId: removedSal })
  const singles = await Promise.all(
    (
      [
        'serviceArea',
        'costOption',
        'requiredAccreditation',
        'organisationIdentifier',
        'accreditation',
        'accessibility',
      ] as const
    ).map((t) => diffChildren(tx, plan, t, {})),
  )
  const salService = new Map<string, string>()
  for (const r of [...sal.creates, ...sal.updates.map((u) => ({ ...u.before, ...u.data })), ...sal.deletes])
    salService.set(r.id, r.serviceId as string)
  for (const r of plan.children.serviceAtLocation.values()) salService.set(r.id, r.links.serviceId!)
  const all = [sal, contact, phone, language, schedule, ...singles]

  // 1. Unlink rows from parents that drop them, so deleting a parent cascades to nothing that stays.
  for (const d of all) {
    for (const u of [...d.detaches, ...d.updates]) {
      const nulls = Object.fromEntries(
        Object.entries(u.data).filter(
          ([k, v]) =>
            v === null && u.before[k] !== null && (CHILD_TABLES[d.table] as readonly string[]).includes(k),
        ),
      )
      if (Object.keys(nulls).length) await delegate(tx, d.table).update({ where: { id: u.id }, data: nulls })
    }
  }
  // 2. Delete, children before parents.
  for (const d of [language, schedule, phone, contact, sal, ...singles]) {
    if (d.deletes.length === 0) continue
    await delegate(tx, d.table).deleteMany({ where: { id: { in: d.deletes.map((r) => r.id) } } })
    count(changes, d.table, 'deleted', d.deletes.length)
    touch(changes, salService, ...d.deletes)
  }
  // 3. Create and update, parents before children.
  for (const d of [sal, contact, phone, language, schedule, ...singles]) {
    if (d.creates.length) await delegate(tx, d.table).createMany({ data: d.creates })
    count(changes, d.table, 'created', d.creates.length)
    touch(changes, salService, ...d.creates)
    for (const u of d.updates) {
      await delegate(tx, d.table).update({ where: { id: u.id }, data: u.data })
      touch(changes, salService, u.before, u.data)
    }
    count(changes, d.table, 'updated', d.updates.length + d.detaches.length)
    for (const u of d.detaches) touch(changes, salService, u.before)
  }
}

async function applyServiceTerms(tx: Tx, plan: Plan, changes: Changes) {
  if (plan.serviceTerms.size === 0) return
  const wanted = [...plan.serviceTerms.values()].flatMap((m) => [...m.keys()])
  const known = await exists(tx, 'taxonomyTerm', wanted)
  for (const [serviceId, terms] of plan.serviceTerms) {
    for (const [termId, path] of terms) {
      if (!known.has(termId) && !plan.terms.has(termId))
        throw new RecordError(
          `${path}.taxonomy_term_id`,
          'no taxonomy term with this id; include taxonomy_term',
        )
    }
    const current = new Set(
      (await tx.serviceTaxonomyTerm.findMany({ where: { serviceId }, select: { taxonomyTermId: true } })).map(
        (r) => r.taxonomyTermId,
      ),
    )
    const add = [...terms.keys()].filter((t) => !current.has(t))
    const remove = [...current].filter((t) => !terms.has(t))
    if (remove.length)
      await tx.serviceTaxonomyTerm.deleteMany({ where: { serviceId, taxonomyTermId: { in: remove } } })
    if (add.length)
      await tx.serviceTaxonomyTerm.createMany({
        data: add.map((taxonomyTermId) => ({ serviceId, taxonomyTermId })),
      })
    count(changes, 'serviceTaxonomyTerm', 'created', add.length)
    count(changes, 'serviceTaxonomyTerm', 'deleted', remove.length)
    if (add.length || remove.length) changes.touched.service.add(serviceId)
  }
}

// ─── One record ──────────────────────────────────────────────────────────────────────────────────

async function applyPlan(tx: Tx, plan: Plan, places: Places, now: Date): Promise<Changes> {
  const changes: Changes = {
    created: new Set(),
    updated: new Set(),
    touched: { service: new Set(), organisation: new Set(), location: new Set() },
    counts: {},
  }
  await applyTaxonomies(tx, plan, changes)
  await applyTerms(tx, plan, changes)
  await upsertEntities(tx, 'organisation', [...plan.organisations.values()], changes, now)

  const orgIds = new Set([...plan.organisations.keys()])
  const referencedOrgs = [...plan.locations.values(), ...plan.services.values()]
    .flatMap((r) => [r.set.organisationId, (r as LocationRow).contextOrganisationId])
    .filter((id): id is string => typeof id === 'string' && !orgIds.has(id))
  const knownOrgs = await exists(tx, 'organisation', referencedOrgs)
  const orgKnown = (id: unknown) => typeof id === 'string' && (orgIds.has(id) || knownOrgs.has(id))
  const existingLocations = await exists(tx, 'location', [...plan.locations.keys()])
  for (const l of plan.locations.values()) {
    if (l.set.organisationId === undefined || orgKnown(l.set.organisationId)) continue
    // An organization_id naming no organisation (the official tabular example has one): keep an
    // existing location's organisation, or take the one the location is nested under.
    const fallback = existingLocations.has(l.id) ? undefined : l.contextOrganisationId
    if (!existingLocations.has(l.id) && !orgKnown(fallback))
      throw new RecordError(
        join(l.path, 'organization_id'),
        'no organization with this id; include the organization',
      )
    plan.warnings.push({
      field: join(l.path, 'organization_id'),
      message: 'not stored: no organization with this id',
    })
    if (fallback) l.set.organisationId = fallback
    else delete l.set.organisationId
  }
  for (const r of plan.services.values()) {
    if (!orgKnown(r.set.organisationId))
      throw new RecordError(
        join(r.path, 'organization_id'),
        'no organization with this id; include the organization',
      )
  }

  const locations = [...plan.locations.values()]
  for (const l of locations) {
    if (!l.set.organisationId && !existingLocations.has(l.id))
      throw new RecordError(
        join(l.path, 'organization_id'),
        'a location must belong to an organization; give organization_id',
      )
    const { regionId, taId } = placeLocation(l, places)
    if (regionId) l.set.regionId = regionId
    if (taId) l.set.territorialAuthorityId = taId
    if (!regionId && !existingLocations.has(l.id)) {
      throw new RecordError(
        join(l.path, 'region'),
        'cannot place this location in a New Zealand region: give coordinates in New Zealand, ' +
          'an address whose state_province names a region, or a default region',
      )
    }
  }
  await upsertEntities(tx, 'location', locations, changes, now)
  await upsertEntities(tx, 'service', [...plan.services.values()], changes, now)

  const salLocations = [...plan.children.serviceAtLocation.values()]
  const knownLocations = await exists(
    tx,
    'location',
    salLocations.map((s) => s.data.locationId as string),
  )
  for (const s of salLocations) {
    if (!knownLocations.has(s.data.locationId as string))
      throw new RecordError(join(s.path, 'location_id'), 'no location with this id; include the location')
  }
  const serviceIds = [...plan.children.serviceAtLocation.values()].map((s) => s.links.serviceId!)
  const knownServices = await exists(tx, 'service', serviceIds)
  for (const s of salLocations) {
    if (!knownServices.has(s.links.serviceId!))
      throw new RecordError('service_id', 'no service with this id; include the service')
  }
  resolveServiceAreas(plan, places)
  await applyChildren(tx, plan, changes)
  await applyServiceTerms(tx, plan, changes)

  // HSDS last_modified and HSDA modified_after: a parent whose details changed has changed.
  for (const [model, ids] of [
    ['service', changes.touched.service],
    ['organisation', changes.touched.organisation],
    ['location', changes.touched.location],
  ] as const) {
    const stale = [...ids].filter((id) => !changes.created.has(id) && !changes.updated.has(id))
    if (stale.length)
      await delegate(tx, model).updateMany({ where: { id: { in: stale } }, data: { updatedAt: now } })
  }
  return changes
}

/**
 * A database refusal as a report line, in words a data manager can act on. Prisma reports it as a
 * known request error outside a transaction and, through the driver adapters inside one, as a
 * DriverAdapterError whose cause names the kind; both carry the constraint in their text.
 */
function describeDbError(err: unknown): { field: string; message: string } | null {
  if (!(err instanceof Error)) return null
  const known = err instanceof Prisma.PrismaClientKnownRequestError ? err : null
  // pg's adapter names the kind; PGlite's passes Postgres's SQLSTATE (23505 unique, 23503 foreign key).
  const cause = (err as { cause?: { kind?: string; code?: string } }).cause
  const unique =
    known?.code === 'P2002' || cause?.kind === 'UniqueConstraintViolation' || cause?.code === '23505'
  const foreign =
    known?.code === 'P2003' || cause?.kind === 'ForeignKeyConstraintViolation' || cause?.code === '23503'
  if (!unique && !foreign) return null
  const text = `${err.message} ${JSON.stringify(known?.meta ?? cause ?? {})}`
  if (unique) {
    if (/identifierType|OrganisationIdentifier/.test(text))
      return {
        field: 'organization_identifiers',
        message: 'another organization already has this identifier',
      }
    // PGlite's message names the constraint; pg's adapter lists its fields.
    if (/Organisation_code|\["code"\]/.test(text))
      return { field: 'x_fsn.code', message: 'another organization already has this code' }
    if (/ServiceAtLocation|"serviceId","locationId"/.test(text))
      return {
        field: 'service_at_locations',
        message: 'the service is already linked to this location under another service_at_location id',
      }
    if (/RequiredAccreditation|"serviceId","scheme"/.test(text))
      return { field: 'x_fsn.required_accreditations', message: 'a scheme is required twice' }
    return {
      field: '(record)',
      message: `duplicates a row the directory already holds (${err.message.split('\n').at(-1)})`,
    }
  }
  return {
    field: '(record)',
    message: `refers to something the directory does not hold (${err.message.split('\n').at(-1)})`,
  }
}

// ─── Use cases ───────────────────────────────────────────────────────────────────────────────────

function authorise(actor: ImportActor) {
  if (actor.kind === 'system') return
  if (!can(actor, 'directory:moderate'))
    throw new AppError('FORBIDDEN', 'Importing into the directory needs directory:moderate.')
}

/** Imports records already read from their files; `onProgress` is called after each one. */
export async function importHsdsRecords({
  deps,
  actor,
  records,
  options = {},
  onProgress,
}: {
  deps: ServiceDeps
  actor: ImportActor
  records: RawRecord[]
  options?: HsdsImportOptions
  onProgress?: (done: number, total: number) => void
}): Promise<HsdsImportReport> {
  authorise(actor)
  const places = await loadPlaces(deps, options.defaultRegionCode)
  const report: HsdsImportReport = {
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: [],
    warnings: [],
    skipped: [],
  }
  const actorId = actor.kind === 'user' ? actor.user.id : null
  const actorOrganisationId = actor.kind === 'user' ? (actor.memberships[0]?.organisationId ?? null) : null
  let done = 0
  for (const record of records) {
    const fail = (issues: Issue[]) =>
      report.failed.push(
        ...issues
          .slice(0, 20)
          .map((i) => ({ record: record.label, field: i.field || '(record)', message: i.message })),
      )
    try {
      const issues = validateHsds(SCHEMA_OF[record.kind], record.doc)
      if (issues.length) {
        fail(issues.map((i) => ({ field: dottedPath(i.path), message: i.message })))
        continue
      }
      const plan = planRecord(record.kind, record.doc)
      if (plan.errors.length) {
        fail(plan.errors)
        continue
      }
      const now = deps.clock()
      const result = await deps.prisma.$transaction(
        async (tx) => {
          const changes = await applyPlan(tx, plan, places, now)
          const created = changes.created.has(plan.id)
          const changed = created || changes.updated.size > 0 || Object.keys(changes.counts).length > 0
          if (!changed) return 'unchanged' as const
          const data = {
            source: options.source ?? null,
            via: actor.kind === 'system' ? actor.name : 'api',
            changes: changes.counts,
          }
          await writeAudit(tx, {
            actorId,
            actorOrganisationId,
            action: created ? 'directory.hsds-import.created' : 'directory.hsds-import.updated',
            entityType: ENTITY_TYPE[record.kind],
            entityId: plan.id,
            data,
            occurredAt: now,
          })
          const touched = {
            serviceIds: [...new Set([...plan.services.keys(), ...changes.touched.service])],
            organisationIds: [...new Set([...plan.organisations.keys(), ...changes.touched.organisation])],
            locationIds: [...new Set([...plan.locations.keys(), ...changes.touched.location])],
          }
          await enqueue(
            tx,
            {
              topic: 'directory.changed',
              aggregateId: plan.id,
              payload: { reason: 'hsds-import', entityType: ENTITY_TYPE[record.kind], id: plan.id, ...touched },
            },
            now,
          )
          // Partners' directory.changed webhooks (webhooks/directory-events.ts), beside the index's message.
          await enqueueDirectoryWebhooks(tx, { reason: 'hsds-import', ...touched }, now, plan.id)
          return created ? ('created' as const) : ('updated' as const)
        },
        // A large organisation with hundreds of services is one record; Postgres's default 5 s is short.
        { timeout: 120_000, maxWait: 30_000 },
      )
      report[result] += 1
      report.warnings.push(
        ...plan.warnings.map((w) => ({ record: record.label, field: w.field, message: w.message })),
      )
    } catch (err) {
      if (err instanceof RecordError) fail([{ field: err.field, message: err.message }])
      else {
        const db = describeDbError(err)
        if (db) fail([db])
        else throw err
      }
    } finally {
      done += 1
      onProgress?.(done, records.length)
    }
  }
  return report
}

/**
 * Imports a parsed HSDS JSON value: a single object, an array, an HSDA page or the tabular form.
 * `kind` (or a file name in `options.source` like the official examples') says what the objects
 * are; otherwise each is told from its fields.
 */
export async function importHsds({
  deps,
  actor,
  input,
  onProgress,
}: {
  deps: ServiceDeps
  actor: ImportActor
  input: { data: unknown; kind?: ImportKind } & HsdsImportOptions
  onProgress?: (done: number, total: number) => void
}): Promise<HsdsImportReport> {
  authorise(actor)
  const hint =
    input.kind && input.kind !== 'auto' ? input.kind : input.source ? kindFromFileName(input.source) : 'auto'
  const read = readRecords(input.data, hint)
  const report = await importHsdsRecords({
    deps,
    actor,
    records: read.records,
    options: { defaultRegionCode: input.defaultRegionCode, source: input.source },
    onProgress,
  })
  report.failed.unshift(
    ...read.unreadable.map((u) => ({ record: u.label, field: '(record)', message: u.reason })),
  )
  report.skipped.push(...read.skipped.map((s) => `${input.source ?? s.label}: ${s.reason}`))
  return report
}
