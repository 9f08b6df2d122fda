// What an HSDS file holds, as records to import one at a time: a single object, an array, an HSDA
// page ({ contents: [...] }), or HSDS's tabular form ({ "services.csv": [...], ... }, as in the
// official examples/tabular.json), which is nested here into organisations with their services so
// it validates against the same compiled schemas. Pure.
import type { Doc, RecordKind } from './import-map'
import { readHsdsFile } from './schemas'

export type ImportKind = RecordKind | 'auto'

export interface RawRecord {
  kind: RecordKind
  doc: Doc
  /** How the report names it: "service ac148810-…" or "service #3" when the id is missing. */
  label: string
}

export interface ReadResult {
  records: RawRecord[]
  /** Documents that are not directory data (the HSDA API description): nothing to import. */
  skipped: { label: string; reason: string }[]
  /** Documents that cannot be read as any HSDS object: failures for the report. */
  unreadable: { label: string; reason: string }[]
}

const isDoc = (v: unknown): v is Doc => !!v && typeof v === 'object' && !Array.isArray(v)

/** The kind a file name suggests, as the official examples are named (service_full.json, ...). */
export function kindFromFileName(name: string): ImportKind | 'api_info' | 'tabular' {
  const base = name.split(/[\\/]/).pop()!.toLowerCase()
  if (base.startsWith('service_at_location')) return 'service_at_location'
  if (base.startsWith('service')) return 'service'
  if (base.startsWith('organization') || base.startsWith('organisation')) return 'organization'
  if (base.startsWith('location')) return 'location'
  if (base.startsWith('taxonomy_term')) return 'taxonomy_term'
  if (base.startsWith('taxonom')) return 'taxonomy'
  if (base.startsWith('tabular')) return 'tabular'
  if (base.startsWith('base')) return 'api_info'
  return 'auto'
}

/** Tells a document's kind by the fields only that kind has. */
export function detectKind(d: Doc): RecordKind | 'api_info' | null {
  if ('openapi_url' in d || ('profile' in d && !('name' in d))) return 'api_info'
  if ('status' in d || 'service_at_locations' in d || 'service_areas' in d || 'cost_options' in d)
    return 'service'
  if ('service' in d || ('service_id' in d && 'location_id' in d)) return 'service_at_location'
  if (
    'services' in d ||
    'organization_identifiers' in d ||
    'programs' in d ||
    'legal_status' in d ||
    'year_incorporated' in d ||
    'website' in d
  )
    return 'organization'
  if ('location_type' in d || 'addresses' in d || 'accessibility' in d || 'latitude' in d) return 'location'
  if ('taxonomy_detail' in d || 'taxonomy_id' in d || 'parent_id' in d || 'term_uri' in d || 'code' in d)
    return 'taxonomy_term'
  if ('version' in d || 'uri' in d) return 'taxonomy'
  if ('name' in d && 'description' in d) return 'organization'
  return null
}

const TABLES = [
  'organizations',
  'services',
  'locations',
  'service_at_location',
  'service_at_locations',
  'taxonomies',
  'taxonomy_terms',
] as const

/** Tables keyed by name: an HSDS object always has an id, a set of tables never does. */
export function isTabular(d: Doc): boolean {
  if ('id' in d) return false
  return (
    Object.keys(d).some((k) => k.endsWith('.csv')) || TABLES.filter((t) => Array.isArray(d[t])).length >= 2
  )
}

/** Object schema file of each tabular table (tables are plural, schemas singular). */
const TABLE_SCHEMA: Record<string, string> = {
  organizations: 'organization',
  services: 'service',
  locations: 'location',
  service_at_location: 'service_at_location',
  service_at_locations: 'service_at_location',
  phones: 'phone',
  contacts: 'contact',
  addresses: 'address',
  schedules: 'schedule',
  languages: 'language',
  accessibility: 'accessibility',
  attributes: 'attribute',
  taxonomies: 'taxonomy',
  taxonomy_terms: 'taxonomy_term',
  organization_identifiers: 'organization_identifier',
  service_areas: 'service_area',
  cost_options: 'cost_option',
  required_documents: 'required_document',
  funding: 'funding',
  programs: 'program',
}

const textFields = new Map<string, Set<string>>()

/**
 * The tabular form is CSV at heart: every cell is text, and a tool that typed "1234567" as a number
 * (the official tabular.json does, for an identifier) has not changed what HSDS says it is.
 */
function asText(table: string, row: Doc): Doc {
  const schema = TABLE_SCHEMA[table]
  if (!schema) return row
  let fields = textFields.get(schema)
  if (!fields) {
    const props = (readHsdsFile(`${schema}.json`) as { properties: Record<string, { type?: string }> })
      .properties
    fields = new Set(
      Object.entries(props)
        .filter(([, p]) => p.type === 'string')
        .map(([k]) => k),
    )
    textFields.set(schema, fields)
  }
  const out: Doc = {}
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'number' && fields.has(k) ? String(v) : v
  return out
}

/** HSDS tabular form -> taxonomies, terms and organisations with everything nested under them. */
export function tabularToRecords(t: Doc): RawRecord[] {
  const table = (name: string): Doc[] => {
    const v = t[`${name}.csv`] ?? t[name]
    return Array.isArray(v) ? (v.filter(isDoc) as Doc[]).map((row) => asText(name, row)) : []
  }
  const where = (rows: Doc[], fk: string, id: unknown) => rows.filter((r) => r[fk] === id)
  const languages = table('languages')
  const phones = table('phones')
  const contacts = table('contacts')
  const schedules = table('schedules')
  const addresses = table('addresses')
  const accessibility = table('accessibility')
  const locations = table('locations')
  const taxonomies = table('taxonomies')
  const terms = table('taxonomy_terms')
  const attributes = table('attributes')
  const sals = [...table('service_at_location'), ...table('service_at_locations')]

  const phone = (p: Doc) => ({ ...p, languages: where(languages, 'phone_id', p.id) })
  const contact = (c: Doc) => ({ ...c, phones: where(phones, 'contact_id', c.id).map(phone) })
  const location = (l: Doc) => ({
    ...l,
    languages: where(languages, 'location_id', l.id),
    addresses: where(addresses, 'location_id', l.id),
    contacts: where(contacts, 'location_id', l.id).map(contact),
    accessibility: where(accessibility, 'location_id', l.id),
    phones: where(phones, 'location_id', l.id).map(phone),
    schedules: where(schedules, 'location_id', l.id),
  })
  const term = (id: unknown) => {
    const x = terms.find((r) => r.id === id)
    if (!x) return undefined
    const detail = taxonomies.find((r) => r.id === x.taxonomy_id)
    return detail ? { ...x, taxonomy_detail: detail } : x
  }
  const service = (s: Doc) => ({
    ...s,
    phones: where(phones, 'service_id', s.id).map(phone),
    schedules: where(schedules, 'service_id', s.id),
    service_areas: where(table('service_areas'), 'service_id', s.id),
    service_at_locations: where(sals, 'service_id', s.id).map((x) => {
      const l = locations.find((r) => r.id === x.location_id)
      return {
        ...x,
        ...(l ? { location: location(l) } : {}),
        contacts: where(contacts, 'service_at_location_id', x.id).map(contact),
        phones: where(phones, 'service_at_location_id', x.id).map(phone),
        schedules: where(schedules, 'service_at_location_id', x.id),
      }
    }),
    languages: where(languages, 'service_id', s.id),
    cost_options: where(table('cost_options'), 'service_id', s.id),
    contacts: where(contacts, 'service_id', s.id).map(contact),
    required_documents: where(table('required_documents'), 'service_id', s.id),
    funding: where(table('funding'), 'service_id', s.id),
    attributes: attributes
      .filter(
        (a) =>
          a.link_id === s.id &&
          (!a.link_entity || a.link_entity === 'service' || a.link_entity === 'link_entity'),
      )
      .map((a) => {
        const x = term(a.taxonomy_term_id)
        return x ? { ...a, taxonomy_term: x } : a
      }),
  })
  const organisations = table('organizations')
  const services = table('services')
  const records: RawRecord[] = []
  const label = (kind: string, d: Doc, i: number) =>
    `${kind} ${typeof d.id === 'string' ? d.id : `#${i + 1}`}`
  taxonomies.forEach((x, i) => records.push({ kind: 'taxonomy', doc: x, label: label('taxonomy', x, i) }))
  terms.forEach((x, i) =>
    records.push({ kind: 'taxonomy_term', doc: term(x.id) ?? x, label: label('taxonomy_term', x, i) }),
  )
  organisations.forEach((o, i) =>
    records.push({
      kind: 'organization',
      label: label('organization', o, i),
      doc: {
        ...o,
        organization_identifiers: where(table('organization_identifiers'), 'organization_id', o.id),
        contacts: where(contacts, 'organization_id', o.id).map(contact),
        phones: where(phones, 'organization_id', o.id).map(phone),
        locations: where(locations, 'organization_id', o.id).map(location),
        services: where(services, 'organization_id', o.id).map(service),
      },
    }),
  )
  const known = new Set(organisations.map((o) => o.id))
  services
    .filter((s) => !known.has(s.organization_id))
    .forEach((s, i) => records.push({ kind: 'service', doc: service(s), label: label('service', s, i) }))
  return records
}

/**
 * The records in a parsed JSON value. `hint` is the kind to assume (from the file name or the
 * caller); without one each document's kind is told from its fields.
 */
export function readRecords(data: unknown, hint: ReturnType<typeof kindFromFileName> = 'auto'): ReadResult {
  const out: ReadResult = { records: [], skipped: [], unreadable: [] }
  if (hint === 'api_info') {
    out.skipped.push({ label: 'document', reason: 'the HSDA API description, not directory data' })
    return out
  }
  if (isDoc(data) && (hint === 'tabular' || isTabular(data)))
    return { records: tabularToRecords(data), skipped: [], unreadable: [] }
  const items: unknown[] = Array.isArray(data)
    ? data
    : isDoc(data) && Array.isArray(data.contents)
      ? data.contents
      : [data]
  items.forEach((item, i) => {
    const at = `#${i + 1}`
    if (!isDoc(item)) {
      out.unreadable.push({ label: at, reason: 'not a JSON object' })
      return
    }
    const detected = detectKind(item)
    if (detected === 'api_info') {
      out.skipped.push({ label: at, reason: 'the HSDA API description, not directory data' })
      return
    }
    const kind = hint !== 'auto' && hint !== 'tabular' ? hint : detected
    const name = `${kind ?? 'record'} ${typeof item.id === 'string' ? item.id : at}`
    if (!kind) {
      out.unreadable.push({ label: name, reason: 'cannot tell which HSDS object this is; give the kind' })
      return
    }
    out.records.push({ kind, doc: item, label: name })
  })
  return out
}
