// Reference data every environment needs before anything else: the 16 regions and 67 territorial
// authorities (Stats NZ), the Open Eligibility 2.0 taxonomy and our service categories mapped onto
// it (packages/domain). Idempotent: upserts by natural key, so running it again changes nothing.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  CATEGORY_TAXONOMY,
  OPEN_ELIGIBILITY_TAXONOMY,
  REGION_NAMES_MI,
  SERVICE_CATEGORIES,
} from '@fsn/domain'
import type { PrismaClient } from '../generated/prisma/client'
import { parseCsvRecords } from './csv'
import { regionPolygonsFromGeoJson, type RegionGeometry } from './geo'

/** prisma/reference, found from this file so the seed works from any working directory. */
export const REFERENCE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../prisma/reference')

export interface RegionRecord {
  code: string
  isoCode: string
  name: string
  nameMi: string | null
  island: string
  council: string
  landAreaKm2: number | null
  centroidLat: number
  centroidLng: number
}

export interface TerritorialAuthorityRecord {
  code: string
  name: string
  nameAscii: string
  type: string
  regionCode: string
  otherRegionCodes: string[]
}

export interface OpenEligibilityTermRecord {
  code: string
  parentCode: string | null
  level: number
  name: string
  facet: string
  description: string | null
}

export interface ReferenceFiles {
  regions: RegionRecord[]
  territorialAuthorities: TerritorialAuthorityRecord[]
  openEligibilityTerms: OpenEligibilityTermRecord[]
  regionPolygons: Record<string, RegionGeometry>
}

// Stats NZ puts the Chatham Islands Territory in no region ("Area Outside Region", code 99), but
// TerritorialAuthority.regionId is required. Agencies serve the islands from Canterbury, so that
// is its main region here. No location is generated there (the islands are outside every polygon).
const OUTSIDE_REGION = '99'
const CHATHAMS_MAIN_REGION = '13'

const TA_TYPES: Record<string, string> = {
  district: 'district',
  city: 'city',
  'unitary authority': 'unitary',
  'territory (special island authority)': 'territory',
}

function kebab(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

export function parseRegions(csv: string): RegionRecord[] {
  return parseCsvRecords(csv).map((r) => ({
    code: r.regc_code!,
    isoCode: r.iso_3166_2!,
    name: r.name!,
    nameMi: REGION_NAMES_MI[r.regc_code!] ?? null,
    island: r.island!,
    council: r.council!,
    landAreaKm2: r.approx_land_area_km2 ? Number.parseInt(r.approx_land_area_km2, 10) : null,
    centroidLat: Number(r.centroid_lat),
    centroidLng: Number(r.centroid_lng),
  }))
}

export function parseTerritorialAuthorities(csv: string): TerritorialAuthorityRecord[] {
  return parseCsvRecords(csv).map((r) => {
    const type = TA_TYPES[r.ta_type!]
    if (!type) throw new Error(`territorial_authorities.csv: unknown type ${r.ta_type} for ${r.ta_code}`)
    return {
      code: r.ta_code!,
      name: r.ta_name!,
      nameAscii: r.ta_name_ascii!,
      type,
      regionCode: r.regc_code === OUTSIDE_REGION ? CHATHAMS_MAIN_REGION : r.regc_code!,
      otherRegionCodes: r.other_regc_codes ? r.other_regc_codes.split(';').map((c) => c.trim()) : [],
    }
  })
}

/**
 * Open Eligibility rows keyed by their csv id. One id is used twice (1206: level 2 "Medical Care"
 * and level 3 "Primary Care"); the later one gets `<id>-<kebab name>` ("1206-primary-care").
 * A row's parent is the row with its parent_id one level up, which settles children of 1206.
 */
export function parseOpenEligibilityTerms(csv: string): OpenEligibilityTermRecord[] {
  const rows = parseCsvRecords(csv)
  const codeByIdLevel = new Map<string, string>()
  const seen = new Set<string>()
  const out: OpenEligibilityTermRecord[] = []
  for (const r of rows) {
    const level = Number.parseInt(r.level!, 10)
    const code = seen.has(r.id!) ? `${r.id}-${kebab(r.name!)}` : r.id!
    seen.add(r.id!)
    codeByIdLevel.set(`${r.id}@${level}`, code)
    out.push({
      code,
      parentCode: r.parent_id || null,
      level,
      name: r.name!,
      facet: r.facet!,
      // Open Eligibility describes only its top-level categories; the rest stay null, not ''.
      description: r.description || null,
    })
  }
  for (const t of out) {
    if (t.parentCode === null) continue
    const parent = codeByIdLevel.get(`${t.parentCode}@${t.level - 1}`)
    if (!parent)
      throw new Error(
        `open-eligibility-terms.csv: no level ${t.level - 1} parent ${t.parentCode} for ${t.code}`,
      )
    t.parentCode = parent
  }
  return out
}

let cached: ReferenceFiles | undefined

/** Reads and parses prisma/reference once per process. */
export function readReferenceFiles(dir = REFERENCE_DIR): ReferenceFiles {
  if (cached && dir === REFERENCE_DIR) return cached
  const read = (name: string) => readFileSync(join(dir, name), 'utf8')
  const files: ReferenceFiles = {
    regions: parseRegions(read('regions.csv')),
    territorialAuthorities: parseTerritorialAuthorities(read('territorial_authorities.csv')),
    openEligibilityTerms: parseOpenEligibilityTerms(read('open-eligibility-terms.csv')),
    regionPolygons: regionPolygonsFromGeoJson(JSON.parse(read('regions.geojson'))),
  }
  if (dir === REFERENCE_DIR) cached = files
  return files
}

export interface ReferenceCounts {
  regions: number
  territorialAuthorities: number
  openEligibilityTerms: number
  categories: number
}

function same(a: unknown, b: unknown): boolean {
  return Array.isArray(a) || Array.isArray(b) ? JSON.stringify(a) === JSON.stringify(b) : a === b
}

/** Rows to create and rows whose fields differ, matched by `code`. */
function diffByCode<T extends { code: string }>(
  existing: readonly { id: string; code: string }[],
  desired: readonly T[],
) {
  const byCode = new Map(existing.map((r) => [r.code, r]))
  const create: T[] = []
  const update: { id: string; data: T }[] = []
  for (const d of desired) {
    const e = byCode.get(d.code)
    if (!e) create.push(d)
    else if (
      Object.keys(d).some((k) => !same((d as Record<string, unknown>)[k], (e as Record<string, unknown>)[k]))
    ) {
      update.push({ id: e.id, data: d })
    }
  }
  return { create, update }
}

interface TermData {
  code: string
  name: string
  nameMi: string | null
  description: string | null
  groupCode: string | null
  parentId: string | null
  equivalentTermId: string | null
  language: string
}

/**
 * Upserts regions, territorial authorities, both taxonomies and their terms: reads what is there,
 * inserts what is missing in bulk (skipping rows a concurrent seed just wrote) and updates only
 * rows that changed, so a second run writes nothing. About 500 rows, a handful of statements.
 */
export async function seedReferenceData(
  prisma: PrismaClient,
  files = readReferenceFiles(),
): Promise<ReferenceCounts> {
  const regionFields = {
    id: true,
    code: true,
    isoCode: true,
    name: true,
    nameMi: true,
    island: true,
    council: true,
    landAreaKm2: true,
    centroidLat: true,
    centroidLng: true,
  } as const
  const regionDiff = diffByCode(await prisma.region.findMany({ select: regionFields }), files.regions)
  if (regionDiff.create.length)
    await prisma.region.createMany({ data: regionDiff.create, skipDuplicates: true })
  for (const u of regionDiff.update) await prisma.region.update({ where: { id: u.id }, data: u.data })
  const regionIds = new Map(
    (await prisma.region.findMany({ select: { id: true, code: true } })).map((r) => [r.code, r.id]),
  )

  const tas = files.territorialAuthorities.map((ta) => {
    const regionId = regionIds.get(ta.regionCode)
    if (!regionId) throw new Error(`territorial authority ${ta.code}: unknown region ${ta.regionCode}`)
    return {
      code: ta.code,
      name: ta.name,
      nameAscii: ta.nameAscii,
      type: ta.type,
      regionId,
      otherRegionCodes: ta.otherRegionCodes,
    }
  })
  const taDiff = diffByCode(
    await prisma.territorialAuthority.findMany({
      select: {
        id: true,
        code: true,
        name: true,
        nameAscii: true,
        type: true,
        regionId: true,
        otherRegionCodes: true,
      },
    }),
    tas,
  )
  if (taDiff.create.length)
    await prisma.territorialAuthority.createMany({ data: taDiff.create, skipDuplicates: true })
  for (const u of taDiff.update)
    await prisma.territorialAuthority.update({ where: { id: u.id }, data: u.data })

  const taxonomyId = async (t: { name: string; description: string; uri?: string; version: string }) =>
    (
      await prisma.taxonomy.upsert({
        where: { name: t.name },
        create: { ...t },
        update: { ...t },
        select: { id: true },
      })
    ).id
  const termFields = {
    id: true,
    code: true,
    name: true,
    nameMi: true,
    description: true,
    groupCode: true,
    parentId: true,
    equivalentTermId: true,
    language: true,
  } as const
  const syncTerms = async (taxonomy: string, terms: readonly TermData[]) => {
    const existing = await prisma.taxonomyTerm.findMany({
      where: { taxonomyId: taxonomy },
      select: termFields,
    })
    const diff = diffByCode(existing, terms)
    if (diff.create.length) {
      await prisma.taxonomyTerm.createMany({
        data: diff.create.map((t) => ({ ...t, taxonomyId: taxonomy })),
        skipDuplicates: true,
      })
    }
    for (const u of diff.update) await prisma.taxonomyTerm.update({ where: { id: u.id }, data: u.data })
    const rows = await prisma.taxonomyTerm.findMany({
      where: { taxonomyId: taxonomy },
      select: { id: true, code: true },
    })
    return new Map(rows.map((r) => [r.code, r.id]))
  }

  // Open Eligibility, a level at a time so every parent has its id before its children.
  const oe = await taxonomyId(OPEN_ELIGIBILITY_TAXONOMY)
  let oeIds = new Map<string, string>()
  const levels = [...new Set(files.openEligibilityTerms.map((t) => t.level))].sort((a, b) => a - b)
  for (const level of levels) {
    const terms = files.openEligibilityTerms
      .filter((t) => t.level === level)
      .map((t) => {
        const parentId = t.parentCode === null ? null : oeIds.get(t.parentCode)
        if (parentId === undefined)
          throw new Error(`Open Eligibility ${t.code}: parent ${t.parentCode} not seeded`)
        return {
          code: t.code,
          name: t.name,
          nameMi: null,
          description: t.description,
          groupCode: null,
          parentId,
          equivalentTermId: null,
          language: 'en',
        }
      })
    oeIds = await syncTerms(oe, terms)
  }

  const ours = await taxonomyId(CATEGORY_TAXONOMY)
  await syncTerms(
    ours,
    SERVICE_CATEGORIES.map((c) => {
      const equivalentTermId = c.openEligibilityCode === null ? null : oeIds.get(c.openEligibilityCode)
      if (equivalentTermId === undefined)
        throw new Error(`category ${c.code}: no Open Eligibility term ${c.openEligibilityCode}`)
      return {
        code: c.code,
        name: c.name,
        nameMi: c.nameMi,
        description: c.description,
        groupCode: c.group,
        parentId: null,
        equivalentTermId,
        language: 'en',
      }
    }),
  )

  return {
    regions: files.regions.length,
    territorialAuthorities: files.territorialAuthorities.length,
    openEligibilityTerms: files.openEligibilityTerms.length,
    categories: SERVICE_CATEGORIES.length,
  }
}

/** What the generator needs from the database: ids of the seeded reference rows. */
export interface GeneratorReference {
  regions: { id: string; code: string; name: string }[]
  territorialAuthorities: { id: string; code: string; name: string; regionId: string }[]
  categories: { id: string; code: string }[]
  regionPolygons: Record<string, RegionGeometry>
}

/** Reads reference ids back (after seedReferenceData) in a stable order. */
export async function loadGeneratorReference(prisma: PrismaClient): Promise<GeneratorReference> {
  const [regions, territorialAuthorities, categories] = await Promise.all([
    prisma.region.findMany({ select: { id: true, code: true, name: true }, orderBy: { code: 'asc' } }),
    prisma.territorialAuthority.findMany({
      select: { id: true, code: true, name: true, regionId: true },
      orderBy: { code: 'asc' },
    }),
    prisma.taxonomyTerm.findMany({
      where: { taxonomy: { name: CATEGORY_TAXONOMY.name } },
      select: { id: true, code: true },
      orderBy: { code: 'asc' },
    }),
  ])
  if (regions.length === 0 || categories.length === 0) {
    throw new Error('reference data missing: run seedReferenceData(prisma) first')
  }
  return { regions, territorialAuthorities, categories, regionPolygons: readReferenceFiles().regionPolygons }
}
