// The official HSDS 3.0.1 JSON Schemas (prisma/reference/hsds), checked with ajv. Exports are tested
// against them and imports are validated by them, so "HSDS-valid" means what Open Referral says,
// not what our own mapper believes. The compiled schemas are 2-4 MB each and take about a second to
// compile, so each is read and compiled once per process, on first use.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'

/** prisma/reference/hsds, found from this file so the CLI and tests work from any directory. */
export const HSDS_DIR = fileURLToPath(new URL('../../../../../prisma/reference/hsds/', import.meta.url))

export const HSDS_VERSION = '3.0.1'

/** What each document kind is checked against. Compiled files are the fully dereferenced schemas. */
const SCHEMA_FILES = {
  service: 'compiled/service.json.gz',
  organization: 'compiled/organization.json.gz',
  service_at_location: 'compiled/service_at_location.json.gz',
  service_list: 'compiled/service_list.json',
  organization_list: 'compiled/organization_list.json',
  service_at_location_list: 'compiled/service_at_location_list.json',
  // No compiled schema exists for these; the object schemas reference their neighbours by file name.
  location: 'location.json',
  taxonomy: 'taxonomy.json',
  taxonomy_term: 'taxonomy_term.json',
} as const

export type HsdsSchemaKind = keyof typeof SCHEMA_FILES

/** The object schemas that `location.json`, `taxonomy_term.json` and friends `$ref` by file name. */
const OBJECT_SCHEMAS = [
  'accessibility',
  'address',
  'attribute',
  'contact',
  'cost_option',
  'funding',
  'language',
  'location',
  'meta_table_description',
  'metadata',
  'organization',
  'organization_identifier',
  'phone',
  'program',
  'required_document',
  'schedule',
  'service',
  'service_area',
  'service_at_location',
  'taxonomy',
  'taxonomy_term',
]

export function readHsdsFile(relative: string): unknown {
  const bytes = readFileSync(`${HSDS_DIR}schema/${relative}`)
  return JSON.parse((relative.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'))
}

let ajv: Ajv | undefined
const compiled = new Map<HsdsSchemaKind, ValidateFunction>()

function instance(): Ajv {
  if (ajv) return ajv
  // strict: false because the HSDS files carry Frictionless keywords (constraints, datapackage_*,
  // core, example) that are documentation, not validation; allErrors so a report lists every field.
  ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  for (const name of OBJECT_SCHEMAS) ajv.addSchema(readHsdsFile(`${name}.json`) as object, `${name}.json`)
  return ajv
}

function validatorFor(kind: HsdsSchemaKind): ValidateFunction {
  let v = compiled.get(kind)
  if (!v) {
    const file = SCHEMA_FILES[kind]
    v = file.startsWith('compiled/')
      ? instance().compile(readHsdsFile(file) as object)
      : instance().getSchema(file)!
    compiled.set(kind, v)
  }
  return v
}

export interface HsdsIssue {
  /** JSON path of the offending value, e.g. "/service_at_locations/0/location/id" or "/name". */
  path: string
  message: string
}

function toIssue(e: ErrorObject): HsdsIssue {
  if (e.keyword === 'required') {
    const missing = (e.params as { missingProperty: string }).missingProperty
    return { path: `${e.instancePath}/${missing}`, message: 'is required' }
  }
  if (e.keyword === 'format') {
    return {
      path: e.instancePath || '/',
      message: `must be a valid ${(e.params as { format: string }).format}`,
    }
  }
  if (e.keyword === 'enum') {
    const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')
    return { path: e.instancePath || '/', message: `must be one of: ${allowed}` }
  }
  return { path: e.instancePath || '/', message: e.message ?? 'is not valid' }
}

/** Checks a document against the official schema; an empty list means valid. */
export function validateHsds(kind: HsdsSchemaKind, document: unknown): HsdsIssue[] {
  const v = validatorFor(kind)
  if (v(document)) return []
  return (v.errors ?? []).map(toIssue)
}
