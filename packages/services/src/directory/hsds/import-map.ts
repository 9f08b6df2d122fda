// One HSDS 3.0 document (already valid against the official schema) as the rows it means in our
// tables: a Plan. Pure; import.ts compares the plan with the database and writes the difference.
//
// How HSDS meets our tables:
// - Ids are kept: our ids are the HSDS uuids, so a second import finds the same rows.
// - HSDS nests the same phone, contact, schedule or language under several parents (the official
//   examples repeat one phone under the organisation, service, location and contact). Our Phone,
//   Contact, Schedule and Language rows carry one foreign key per parent kind, like HSDS's tabular
//   form, so each id becomes one row linked to every parent it appeared under.
// - An array that is present is the whole truth for that parent (rows missing from it are removed
//   or unlinked); an array or field that is absent leaves what we hold alone, so a one-to-one
//   listing (service_list) never wipes a service's phones.
// - Organisations, services and locations are never deleted by an import: a file that leaves one
//   out may simply be partial, and referrals point at services.
// - Fields HSDS has no place for come back from `x_fsn` (what our export writes).
import { z } from 'zod'
import { EXTENSION } from './export'

export type Doc = Record<string, unknown>

export interface Issue {
  /** Dotted JSON path within the record: "service_at_locations[0].location.region". */
  field: string
  message: string
}

/** An entity row: `set` holds only the columns the document states; `create` fills the rest on insert. */
export interface EntityRow {
  id: string
  path: string
  set: Record<string, unknown>
  create: Record<string, unknown>
}

export interface LocationRow extends EntityRow {
  /** The organisation it was nested under, when that differs from or stands in for organization_id. */
  contextOrganisationId?: string
  /** Where the region came from, for the error when nothing placed the location. */
  regionHint?: {
    lat?: number
    lng?: number
    names: string[]
    taName?: string
    regionCode?: string
    taCode?: string
  }
}

export interface TermRow extends EntityRow {
  taxonomyName?: string
}

/** A child row: all its data columns (absent = null) and the parents it was nested under. */
export interface ChildRow {
  id: string
  path: string
  data: Record<string, unknown>
  links: Record<string, string>
}

export const CHILD_TABLES = {
  serviceAtLocation: ['serviceId'],
  serviceArea: ['serviceId'],
  costOption: ['serviceId'],
  requiredAccreditation: ['serviceId'],
  organisationIdentifier: ['organisationId'],
  accreditation: ['organisationId'],
  accessibility: ['locationId'],
  contact: ['organisationId', 'serviceId', 'locationId', 'serviceAtLocationId'],
  phone: ['organisationId', 'serviceId', 'locationId', 'serviceAtLocationId', 'contactId'],
  language: ['serviceId', 'locationId', 'phoneId'],
  schedule: ['serviceId', 'locationId', 'serviceAtLocationId'],
} as const satisfies Record<string, readonly string[]>

export type ChildTable = keyof typeof CHILD_TABLES

export interface Plan {
  kind: RecordKind
  id: string
  taxonomies: Map<string, EntityRow>
  terms: Map<string, TermRow>
  organisations: Map<string, EntityRow>
  locations: Map<string, LocationRow>
  services: Map<string, EntityRow>
  children: Record<ChildTable, Map<string, ChildRow>>
  /** Parents whose collection was given in full: table -> foreign key column -> parent ids. */
  authority: Record<ChildTable, Record<string, Set<string>>>
  /** Services whose `attributes` were given: service id -> taxonomy term ids (with paths). */
  serviceTerms: Map<string, Map<string, string>>
  errors: Issue[]
  warnings: Issue[]
}

export type RecordKind =
  'service' | 'organization' | 'service_at_location' | 'location' | 'taxonomy' | 'taxonomy_term'

// ─── Reading values ──────────────────────────────────────────────────────────────────────────────

const has = (d: Doc, k: string) => Object.prototype.hasOwnProperty.call(d, k) && d[k] !== undefined
const str = (d: Doc, k: string) => (typeof d[k] === 'string' ? (d[k] as string) : undefined)
const num = (d: Doc, k: string) => (typeof d[k] === 'number' ? (d[k] as number) : undefined)
const arr = (d: Doc, k: string) => (Array.isArray(d[k]) ? (d[k] as Doc[]) : undefined)
const obj = (d: Doc, k: string) =>
  d[k] && typeof d[k] === 'object' && !Array.isArray(d[k]) ? (d[k] as Doc) : undefined
/** An optional HSDS string as a nullable column: absent or blank is null. */
const text = (d: Doc, k: string) => {
  const v = str(d, k)
  return v === undefined || v.trim() === '' ? null : v
}

/** Only the keys the document states (for entity rows: absent means "leave as is"). */
function stated(d: Doc, map: Record<string, string>, convert: Record<string, (v: unknown) => unknown> = {}) {
  const out: Record<string, unknown> = {}
  for (const [column, key] of Object.entries(map)) {
    if (!has(d, key)) continue
    const v = d[key]
    out[column] = convert[column] ? convert[column](v) : typeof v === 'string' && v.trim() === '' ? null : v
  }
  return out
}

function dateOnly(v: unknown, field: string, plan: Plan): Date | null {
  if (typeof v !== 'string' || v === '') return null
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v)
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null
  if (!d || Number.isNaN(d.getTime())) {
    plan.errors.push({ field, message: 'must be a date, YYYY-MM-DD' })
    return null
  }
  return d
}

function dateTime(v: unknown, field: string, plan: Plan): Date | null {
  if (v === null || v === undefined) return null
  const d = typeof v === 'string' ? new Date(v) : null
  if (!d || Number.isNaN(d.getTime())) {
    plan.errors.push({ field, message: 'must be an ISO 8601 date-time' })
    return null
  }
  return d
}

/** "08:30", "10:00:00", "10:00:00+13:00", "09:00Z" -> our NZ wall-clock "HH:MM" (offset dropped). */
function wallClock(v: unknown, field: string, plan: Plan): string | null {
  if (typeof v !== 'string' || v === '') return null
  const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?$/i.exec(v.trim())
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59) {
    plan.errors.push({ field, message: 'must be a time, HH:MM' })
    return null
  }
  return `${m[1]}:${m[2]}`
}

/** HSDS's numeric UTC offset as a time zone name: 12 or 13 is New Zealand time. */
function timeZoneOf(offset: number | undefined): string {
  if (offset === undefined || offset === 12 || offset === 13) return 'Pacific/Auckland'
  if (offset === 0) return 'UTC'
  if (Number.isInteger(offset)) return `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`
  const abs = Math.abs(offset)
  const hh = String(Math.floor(abs)).padStart(2, '0')
  const mm = String(Math.round((abs % 1) * 60)).padStart(2, '0')
  return `UTC${offset < 0 ? '-' : '+'}${hh}:${mm}`
}

const upperEnum = (v: unknown) => (typeof v === 'string' ? v.trim().toUpperCase().replace(/\s+/g, '_') : v)
const int = (v: unknown) => (typeof v === 'number' ? Math.trunc(v) : null)

// ─── Extension fields (x_fsn): not covered by the HSDS schema, so checked here ──────────────────

const ZServiceExt = z.object({
  capacity_status: z.enum(['accepting', 'waitlist', 'no_capacity']).optional(),
  capacity_updated_at: z.iso.datetime({ offset: true }).optional(),
  delivery_modes: z.array(z.enum(['in_person', 'phone', 'online', 'outreach'])).optional(),
  cultural_focus: z.array(z.enum(['kaupapa_maori', 'pacific', 'ethnic_communities'])).optional(),
  nationwide: z.boolean().optional(),
  free_of_charge: z.boolean().optional(),
  last_verified_at: z.iso.datetime({ offset: true }).optional(),
  required_accreditations: z
    .array(
      z.object({
        id: z.uuid(),
        scheme: z.enum(['MSD_SSAS', 'TE_KAHUI_KAHU', 'OT_S396']),
        minimum_level: z.number().int().min(1).max(4).optional(),
      }),
    )
    .optional(),
})

const ZOrganisationExt = z.object({
  kind: z.enum(['provider', 'agency']).optional(),
  code: z.string().min(1).max(64).optional(),
  last_verified_at: z.iso.datetime({ offset: true }).optional(),
  accreditations: z
    .array(
      z.object({
        id: z.uuid(),
        scheme: z.enum(['MSD_SSAS', 'TE_KAHUI_KAHU', 'OT_S396']),
        level: z.number().int().min(1).max(4).optional(),
        status: z.enum(['active', 'provisional', 'suspended', 'revoked']).optional(),
        valid_from: z.iso.datetime({ offset: true }),
        valid_to: z.iso.datetime({ offset: true }).optional(),
        evidence_note: z.string().optional(),
      }),
    )
    .optional(),
})

const ZPlaceExt = z.object({
  region_code: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  territorial_authority_code: z
    .string()
    .regex(/^\d{3}$/)
    .optional(),
})

function extension<S extends z.ZodType>(
  schema: S,
  d: Doc,
  path: string,
  plan: Plan,
): z.output<S> | undefined {
  if (!has(d, EXTENSION)) return undefined
  const parsed = schema.safeParse(d[EXTENSION])
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  plan.errors.push({
    field: join(path, [EXTENSION, ...issue.path.map(String)].join('.')),
    message: issue.message,
  })
  return undefined
}

// ─── Paths and plan bookkeeping ──────────────────────────────────────────────────────────────────

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`
  return path ? `${path}.${key}` : key
}

export function emptyPlan(kind: RecordKind, id: string): Plan {
  const children = {} as Plan['children']
  const authority = {} as Plan['authority']
  for (const [table, fks] of Object.entries(CHILD_TABLES) as [ChildTable, readonly string[]][]) {
    children[table] = new Map()
    authority[table] = Object.fromEntries(fks.map((fk) => [fk, new Set<string>()]))
  }
  return {
    kind,
    id,
    taxonomies: new Map(),
    terms: new Map(),
    organisations: new Map(),
    locations: new Map(),
    services: new Map(),
    children,
    authority,
    serviceTerms: new Map(),
    errors: [],
    warnings: [],
  }
}

/** Entity seen again (the examples nest one organisation or location several times): merge. */
function putEntity<R extends EntityRow>(map: Map<string, R>, row: R) {
  const prev = map.get(row.id)
  if (!prev) return void map.set(row.id, row)
  Object.assign(prev.set, row.set)
  Object.assign(prev.create, row.create)
}

function putChild(plan: Plan, table: ChildTable, row: ChildRow) {
  const prev = plan.children[table].get(row.id)
  if (!prev) return void plan.children[table].set(row.id, row)
  Object.assign(prev.data, row.data)
  Object.assign(prev.links, row.links)
}

/** Declares `parent`'s collection in `table` complete (the array was present). */
function claim(plan: Plan, table: ChildTable, fk: string, parentId: string) {
  plan.authority[table][fk]!.add(parentId)
}

function each(
  plan: Plan,
  d: Doc,
  key: string,
  path: string,
  table: ChildTable | null,
  fk: string | null,
  parentId: string,
  fn: (item: Doc, itemPath: string) => void,
) {
  const items = arr(d, key)
  if (!items) return
  if (table && fk) claim(plan, table, fk, parentId)
  items.forEach((item, i) => fn(item, join(join(path, key), i)))
}

function unsupported(plan: Plan, d: Doc, path: string, keys: string[]) {
  for (const k of keys) {
    const v = d[k]
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) continue
    plan.warnings.push({ field: join(path, k), message: 'not stored: the directory has no place for it' })
  }
}

// ─── Children ────────────────────────────────────────────────────────────────────────────────────

function language(plan: Plan, d: Doc, path: string, links: Record<string, string>) {
  const code = text(d, 'code')
  const name = text(d, 'name')
  putChild(plan, 'language', {
    id: d.id as string,
    path,
    links,
    // Our Language needs a name and a code; HSDS requires neither, so each stands in for the other.
    data: { code: code ?? name ?? '', name: name ?? code ?? '', note: text(d, 'note') },
  })
}

function phone(plan: Plan, d: Doc, path: string, links: Record<string, string>) {
  const id = d.id as string
  const ext = extension(z.object({ extension: z.string().optional() }), d, path, plan)
  const extensionNumber = num(d, 'extension')
  putChild(plan, 'phone', {
    id,
    path,
    links,
    data: {
      number: str(d, 'number') ?? '',
      extension: ext?.extension ?? (extensionNumber === undefined ? null : String(extensionNumber)),
      type: text(d, 'type'),
      description: text(d, 'description'),
    },
  })
  each(plan, d, 'languages', path, 'language', 'phoneId', id, (l, p) => language(plan, l, p, { phoneId: id }))
  unsupported(plan, d, path, ['attributes'])
}

function contact(plan: Plan, d: Doc, path: string, links: Record<string, string>) {
  const id = d.id as string
  putChild(plan, 'contact', {
    id,
    path,
    links,
    data: {
      name: text(d, 'name'),
      title: text(d, 'title'),
      department: text(d, 'department'),
      email: text(d, 'email'),
    },
  })
  each(plan, d, 'phones', path, 'phone', 'contactId', id, (p, pp) => phone(plan, p, pp, { contactId: id }))
  unsupported(plan, d, path, ['attributes'])
}

function schedule(plan: Plan, d: Doc, path: string, links: Record<string, string>) {
  const ext = extension(z.object({ timezone: z.string().min(1).optional() }), d, path, plan)
  const freq = str(d, 'freq')
  putChild(plan, 'schedule', {
    id: d.id as string,
    path,
    links,
    data: {
      validFrom: dateOnly(d.valid_from, join(path, 'valid_from'), plan),
      validTo: dateOnly(d.valid_to, join(path, 'valid_to'), plan),
      dtstart: dateOnly(d.dtstart, join(path, 'dtstart'), plan),
      timezone: ext?.timezone ?? timeZoneOf(num(d, 'timezone')),
      until: dateOnly(d.until, join(path, 'until'), plan),
      count: int(d.count),
      freq: freq ?? null,
      interval: int(d.interval),
      byday: text(d, 'byday'),
      bymonthday: text(d, 'bymonthday'),
      opensAt: wallClock(d.opens_at, join(path, 'opens_at'), plan),
      closesAt: wallClock(d.closes_at, join(path, 'closes_at'), plan),
      description: text(d, 'description'),
      attendingType: text(d, 'attending_type'),
      notes: text(d, 'notes'),
    },
  })
  unsupported(plan, d, path, ['wkst', 'byweekno', 'byyearday', 'schedule_link', 'attributes'])
}

// ─── Taxonomy ────────────────────────────────────────────────────────────────────────────────────

export function mapTaxonomy(plan: Plan, d: Doc, path: string) {
  putEntity(plan.taxonomies, {
    id: d.id as string,
    path,
    set: stated(d, { name: 'name', description: 'description', uri: 'uri', version: 'version' }),
    create: { description: '' },
  })
}

export function mapTerm(plan: Plan, d: Doc, path: string) {
  const id = d.id as string
  const detail = obj(d, 'taxonomy_detail')
  if (detail) mapTaxonomy(plan, detail, join(path, 'taxonomy_detail'))
  const ext = extension(
    z.object({ name_mi: z.string().optional(), group_code: z.string().optional() }),
    d,
    path,
    plan,
  )
  const taxonomyId = str(d, 'taxonomy_id') ?? (detail?.id as string | undefined)
  putEntity(plan.terms, {
    id,
    path,
    set: {
      ...stated(d, {
        code: 'code',
        name: 'name',
        description: 'description',
        parentId: 'parent_id',
        language: 'language',
        termUri: 'term_uri',
      }),
      ...(taxonomyId ? { taxonomyId } : {}),
      ...(ext?.name_mi !== undefined ? { nameMi: ext.name_mi } : {}),
      ...(ext?.group_code !== undefined ? { groupCode: ext.group_code } : {}),
    },
    // HSDS's code is optional; ours is the term's key within its taxonomy.
    create: { code: id },
    taxonomyName: str(d, 'taxonomy'),
  })
}

// ─── Location ────────────────────────────────────────────────────────────────────────────────────

export function mapLocation(plan: Plan, d: Doc, path: string, organisationId?: string) {
  const id = d.id as string
  const orgId = str(d, 'organization_id') ?? organisationId
  const ext = extension(ZPlaceExt.extend({ address_line_2: z.string().optional() }), d, path, plan)
  const set: Record<string, unknown> = stated(
    d,
    {
      locationType: 'location_type',
      name: 'name',
      alternateName: 'alternate_name',
      description: 'description',
      transportation: 'transportation',
    },
    { locationType: upperEnum },
  )
  // Required for a new location only (checked when written): an existing one keeps its organisation.
  if (orgId) set.organisationId = orgId

  const lat = num(d, 'latitude')
  const lng = num(d, 'longitude')
  let point: { lat: number; lng: number } | undefined
  if (lat !== undefined && lng !== undefined) {
    if (Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
      point = { lat, lng }
      set.latitude = lat
      set.longitude = lng
    } else {
      plan.warnings.push({
        field: join(path, 'latitude'),
        message: 'not stored: not a latitude and longitude on Earth',
      })
    }
  }

  const addresses = arr(d, 'addresses')
  const names: string[] = []
  let taName: string | undefined
  let name = str(d, 'name')
  if (addresses) {
    // One address per location here (folded into Location): the physical one, else the first.
    const a = addresses.find((x) => x.address_type === 'physical') ?? addresses[0]
    if (addresses.length > 1) {
      plan.warnings.push({
        field: join(path, 'addresses'),
        message: 'only one address per location is kept (the physical one)',
      })
    }
    const aExt = a
      ? extension(
          z.object({ address_line_2: z.string().optional(), suburb: z.string().optional() }),
          a,
          join(join(path, 'addresses'), addresses.indexOf(a)),
          plan,
        )
      : undefined
    set.addressLine1 = a ? text(a, 'address_1') : null
    set.addressLine2 = a ? (aExt ? (aExt.address_line_2 ?? null) : text(a, 'address_2')) : null
    set.suburb = aExt?.suburb ?? null
    set.city = a ? text(a, 'city') : null
    set.postcode = a ? text(a, 'postal_code') : null
    if (a) {
      for (const k of ['state_province', 'region']) if (text(a, k)) names.push(text(a, k)!)
      taName = text(a, 'region') ?? text(a, 'city') ?? undefined
      name ??= text(a, 'address_1') ?? text(a, 'city') ?? undefined
    }
  }
  putEntity(plan.locations, {
    id,
    path,
    set,
    create: { name: name ?? 'Location', locationType: 'PHYSICAL' },
    contextOrganisationId: organisationId,
    regionHint: {
      ...point,
      names,
      taName,
      regionCode: ext?.region_code,
      taCode: ext?.territorial_authority_code,
    },
  })
  each(plan, d, 'languages', path, 'language', 'locationId', id, (x, p) =>
    language(plan, x, p, { locationId: id }),
  )
  each(plan, d, 'contacts', path, 'contact', 'locationId', id, (x, p) =>
    contact(plan, x, p, { locationId: id }),
  )
  each(plan, d, 'phones', path, 'phone', 'locationId', id, (x, p) => phone(plan, x, p, { locationId: id }))
  each(plan, d, 'schedules', path, 'schedule', 'locationId', id, (x, p) =>
    schedule(plan, x, p, { locationId: id }),
  )
  each(plan, d, 'accessibility', path, 'accessibility', 'locationId', id, (x, p) =>
    putChild(plan, 'accessibility', {
      id: x.id as string,
      path: p,
      links: { locationId: id },
      data: { description: text(x, 'description'), details: text(x, 'details'), url: text(x, 'url') },
    }),
  )
  unsupported(plan, d, path, ['url', 'external_identifier', 'external_identifier_type', 'attributes'])
}

// ─── Organisation ────────────────────────────────────────────────────────────────────────────────

export function mapOrganization(plan: Plan, d: Doc, path: string) {
  const id = d.id as string
  const ext = extension(ZOrganisationExt, d, path, plan)
  const set = stated(
    d,
    {
      name: 'name',
      alternateName: 'alternate_name',
      description: 'description',
      email: 'email',
      website: 'website',
      legalStatus: 'legal_status',
      yearIncorporated: 'year_incorporated',
      logoUrl: 'logo',
    },
    { yearIncorporated: int },
  )
  if (ext?.kind) set.kind = ext.kind.toUpperCase()
  if (ext?.code) set.code = ext.code
  if (ext?.last_verified_at) set.lastVerifiedAt = new Date(ext.last_verified_at)
  putEntity(plan.organisations, { id, path, set, create: { description: '' } })

  each(plan, d, 'organization_identifiers', path, 'organisationIdentifier', 'organisationId', id, (x, p) =>
    putChild(plan, 'organisationIdentifier', {
      id: x.id as string,
      path: p,
      links: { organisationId: id },
      data: {
        identifierScheme: text(x, 'identifier_scheme'),
        identifierType: str(x, 'identifier_type') ?? '',
        identifier: str(x, 'identifier') ?? '',
      },
    }),
  )
  each(plan, d, 'contacts', path, 'contact', 'organisationId', id, (x, p) =>
    contact(plan, x, p, { organisationId: id }),
  )
  each(plan, d, 'phones', path, 'phone', 'organisationId', id, (x, p) =>
    phone(plan, x, p, { organisationId: id }),
  )
  arr(d, 'locations')?.forEach((l, i) => mapLocation(plan, l, join(join(path, 'locations'), i), id))
  arr(d, 'services')?.forEach((s, i) => mapService(plan, s, join(join(path, 'services'), i), id))
  if (ext?.accreditations) {
    claim(plan, 'accreditation', 'organisationId', id)
    ext.accreditations.forEach((a, i) =>
      putChild(plan, 'accreditation', {
        id: a.id,
        path: join(join(join(path, EXTENSION), 'accreditations'), i),
        links: { organisationId: id },
        data: {
          scheme: a.scheme,
          level: a.level ?? null,
          status: (a.status ?? 'active').toUpperCase(),
          validFrom: new Date(a.valid_from),
          validTo: a.valid_to ? new Date(a.valid_to) : null,
          evidenceNote: a.evidence_note ?? null,
        },
      }),
    )
  }
  unsupported(plan, d, path, [
    'tax_status',
    'tax_id',
    'uri',
    'parent_organization_id',
    'funding',
    'programs',
    'attributes',
  ])
}

// ─── Service ─────────────────────────────────────────────────────────────────────────────────────

function serviceAtLocation(
  plan: Plan,
  d: Doc,
  path: string,
  serviceId: string,
  organisationId: string | undefined,
) {
  const id = d.id as string
  const location = obj(d, 'location')
  if (location) mapLocation(plan, location, join(path, 'location'), organisationId)
  const locationId = str(d, 'location_id') ?? (location?.id as string | undefined)
  if (!locationId) {
    plan.errors.push({
      field: join(path, 'location_id'),
      message: 'a service_at_location needs its location (location_id or location)',
    })
    return
  }
  putChild(plan, 'serviceAtLocation', {
    id,
    path,
    links: { serviceId },
    data: { locationId, description: text(d, 'description') },
  })
  each(plan, d, 'contacts', path, 'contact', 'serviceAtLocationId', id, (x, p) =>
    contact(plan, x, p, { serviceAtLocationId: id }),
  )
  each(plan, d, 'phones', path, 'phone', 'serviceAtLocationId', id, (x, p) =>
    phone(plan, x, p, { serviceAtLocationId: id }),
  )
  each(plan, d, 'schedules', path, 'schedule', 'serviceAtLocationId', id, (x, p) =>
    schedule(plan, x, p, { serviceAtLocationId: id }),
  )
  unsupported(plan, d, path, ['attributes'])
}

export function mapService(plan: Plan, d: Doc, path: string, organisationId?: string) {
  const id = d.id as string
  const organization = obj(d, 'organization')
  const orgId = str(d, 'organization_id') ?? (organization?.id as string | undefined) ?? organisationId
  const ext = extension(ZServiceExt, d, path, plan)
  const set = stated(
    d,
    {
      name: 'name',
      alternateName: 'alternate_name',
      description: 'description',
      url: 'url',
      email: 'email',
      status: 'status',
      interpretationServices: 'interpretation_services',
      applicationProcess: 'application_process',
      feesDescription: 'fees_description',
      eligibilityDescription: 'eligibility_description',
      minimumAge: 'minimum_age',
      maximumAge: 'maximum_age',
      alert: 'alert',
    },
    { status: upperEnum, minimumAge: int, maximumAge: int },
  )
  if (orgId) set.organisationId = orgId
  else
    plan.errors.push({
      field: join(path, 'organization_id'),
      message: 'a service needs its organization (organization_id or organization)',
    })
  if (ext?.capacity_status) set.capacityStatus = ext.capacity_status.toUpperCase()
  if (ext?.capacity_updated_at) set.capacityUpdatedAt = new Date(ext.capacity_updated_at)
  if (ext?.delivery_modes) set.deliveryModes = ext.delivery_modes.map((m) => m.toUpperCase())
  if (ext?.cultural_focus) set.culturalFocus = ext.cultural_focus.map((m) => m.toUpperCase())
  if (ext?.nationwide !== undefined) set.nationwide = ext.nationwide
  if (ext?.free_of_charge !== undefined) set.freeOfCharge = ext.free_of_charge
  // assured_date is the date last checked; our own timestamp, when present, is more precise.
  if (ext?.last_verified_at) set.lastVerifiedAt = new Date(ext.last_verified_at)
  else if (has(d, 'assured_date'))
    set.lastVerifiedAt = dateOnly(d.assured_date, join(path, 'assured_date'), plan)
  if (has(d, 'last_modified')) dateTime(d.last_modified, join(path, 'last_modified'), plan)
  putEntity(plan.services, { id, path, set, create: { description: '' } })

  each(plan, d, 'phones', path, 'phone', 'serviceId', id, (x, p) => phone(plan, x, p, { serviceId: id }))
  each(plan, d, 'schedules', path, 'schedule', 'serviceId', id, (x, p) =>
    schedule(plan, x, p, { serviceId: id }),
  )
  each(plan, d, 'languages', path, 'language', 'serviceId', id, (x, p) =>
    language(plan, x, p, { serviceId: id }),
  )
  each(plan, d, 'contacts', path, 'contact', 'serviceId', id, (x, p) =>
    contact(plan, x, p, { serviceId: id }),
  )
  each(plan, d, 'service_at_locations', path, 'serviceAtLocation', 'serviceId', id, (x, p) =>
    serviceAtLocation(plan, x, p, id, orgId),
  )
  each(plan, d, 'service_areas', path, 'serviceArea', 'serviceId', id, (x, p) => {
    const aExt = extension(ZPlaceExt, x, p, plan)
    putChild(plan, 'serviceArea', {
      id: x.id as string,
      path: p,
      links: { serviceId: id },
      // Resolved to a region or territorial authority in import.ts (codes, else by name).
      data: {
        name: text(x, 'name'),
        description: text(x, 'description'),
        regionCode: aExt?.region_code ?? null,
        taCode: aExt?.territorial_authority_code ?? null,
      },
    })
    unsupported(plan, x, p, ['extent', 'extent_type', 'uri', 'attributes'])
  })
  each(plan, d, 'cost_options', path, 'costOption', 'serviceId', id, (x, p) => {
    const amount = num(x, 'amount')
    putChild(plan, 'costOption', {
      id: x.id as string,
      path: p,
      links: { serviceId: id },
      data: {
        validFrom: dateOnly(x.valid_from, join(p, 'valid_from'), plan),
        validTo: dateOnly(x.valid_to, join(p, 'valid_to'), plan),
        option: text(x, 'option'),
        currency: str(x, 'currency')?.toUpperCase() ?? 'NZD',
        // Integer cents, so sums are exact.
        amountCents: amount === undefined ? null : Math.round(amount * 100),
        amountDescription: text(x, 'amount_description'),
      },
    })
    unsupported(plan, x, p, ['attributes'])
  })
  if (ext?.required_accreditations) {
    claim(plan, 'requiredAccreditation', 'serviceId', id)
    ext.required_accreditations.forEach((r, i) =>
      putChild(plan, 'requiredAccreditation', {
        id: r.id,
        path: join(join(join(path, EXTENSION), 'required_accreditations'), i),
        links: { serviceId: id },
        data: { scheme: r.scheme, minimumLevel: r.minimum_level ?? null },
      }),
    )
  }
  const attributes = arr(d, 'attributes')
  if (attributes) {
    const terms = new Map<string, string>()
    attributes.forEach((a, i) => {
      const p = join(join(path, 'attributes'), i)
      // Nested attributes belong to the service they are nested in; link_entity names another
      // table only in HSDS's tabular form.
      const term = obj(a, 'taxonomy_term')
      if (term) mapTerm(plan, term, join(p, 'taxonomy_term'))
      const termId = str(a, 'taxonomy_term_id') ?? (term?.id as string | undefined)
      if (!termId)
        plan.errors.push({
          field: join(p, 'taxonomy_term_id'),
          message: 'an attribute needs its taxonomy term',
        })
      else terms.set(termId, p)
      if (has(a, 'value'))
        plan.warnings.push({
          field: join(p, 'value'),
          message: 'not stored: attributes are stored as categories, without a value',
        })
    })
    plan.serviceTerms.set(id, terms)
  }
  unsupported(plan, d, path, [
    'program',
    'funding',
    'required_documents',
    'assurer_email',
    'wait_time',
    'fees',
    'licenses',
  ])
  // Last, so a location nested both here and under the organisation is reported at its
  // service_at_location path (rows are written parents first whatever the order here).
  if (organization) mapOrganization(plan, organization, join(path, 'organization'))
}

/** A service_at_location document: its service (if nested) and the link itself. */
export function mapServiceAtLocationRecord(plan: Plan, d: Doc) {
  const service = obj(d, 'service')
  if (service) mapService(plan, { ...service, service_at_locations: undefined }, 'service')
  const serviceId = str(d, 'service_id') ?? (service?.id as string | undefined)
  if (!serviceId) {
    plan.errors.push({
      field: 'service_id',
      message: 'a service_at_location needs its service (service_id or service)',
    })
    return
  }
  const orgId = service
    ? (str(service, 'organization_id') ?? (obj(service, 'organization')?.id as string | undefined))
    : undefined
  serviceAtLocation(plan, d, '', serviceId, orgId)
}

/** The plan for one record of a given kind. */
export function planRecord(kind: RecordKind, d: Doc): Plan {
  const plan = emptyPlan(kind, d.id as string)
  if (kind === 'service') mapService(plan, d, '')
  else if (kind === 'organization') mapOrganization(plan, d, '')
  else if (kind === 'service_at_location') mapServiceAtLocationRecord(plan, d)
  else if (kind === 'location') mapLocation(plan, d, '')
  else if (kind === 'taxonomy') mapTaxonomy(plan, d, '')
  else mapTerm(plan, d, '')
  return plan
}
