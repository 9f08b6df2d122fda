// Search numbers (issue 3): the embedded engine at N services, in-process and over the app's real
// HTTP endpoint (GET /api/v1/search), against PostgreSQL full text on the same documents, in the
// same run. Prints tables; asserts nothing (Conventions 14: no test asserts on time).
//
// - Documents come from the deterministic seed generator, joined in memory
//   (packages/search/src/testing.ts): no database for the engine.
// - In-process: index.search(query), one at a time.
// - HTTP: createApp (apps/api) with deps.search = the same prefilled index and a throwaway PGlite
//   database (reference data only), served by @hono/node-server on 127.0.0.1 only. The client runs
//   in a worker thread (its own event loop, so it does not queue behind the server) with a
//   keep-alive agent, first one request at a time, then --concurrency at once; every batch is
//   bounded in count and in time (--max-seconds), and each request by a timeout.
// - Postgres: a throwaway database fsn_bench_search_<pid> on --database-url (dropped at the end,
//   on error and on Ctrl-C too), one table loaded with COPY, a weighted tsvector (simple config over
//   unaccent, so macrons fold), GIN, pg_trgm over the index's word list, GIN on the filter arrays,
//   GiST on the point; each class as one SQL statement returning the page of 20, the total and (when
//   asked) the facet counts. Measured one at a time (one connection) and --concurrency at once.
// Rounds interleave every path within each class, so work elsewhere on a shared machine lands on
// every path alike, and each round starts at the next class; percentiles pool every round, and the
// best round's p95 is shown beside them.
//
// Usage: pnpm bench:search [-- --services 100000 --rounds 5 --concurrency 4 --skip-postgres
//        --skip-http --database-url postgres://postgres@127.0.0.1:5432/postgres --max-seconds 120
//        --per-query]
import { spawnSync } from 'node:child_process'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import type pg from 'pg'
import type { SearchDocument } from '../../packages/search/src/document'
import type { FacetCounts, SearchIndex, SearchQuery } from '../../packages/search/src/port'

// ─── HTTP client (worker thread: ./http-client.mjs) ─────────────────────────────────────────────

interface HttpBatch {
  id: number
  port: number
  paths: string[]
  concurrency: number
  maxSeconds: number
  timeoutMs: number
}
interface HttpBatchResult {
  id: number
  /** Per request, in the order of `paths`; NaN when not sent (time bound) or failed. */
  times: number[]
  totals: (number | null)[]
  bytes: number
  wallMs: number
  errors: string[]
}

// ─── The query mix ───────────────────────────────────────────────────────────────────────────────

type ClassName = 'exact' | 'typo' | 'prefix' | 'facet+filter' | 'geo'
const CLASS_NAMES: ClassName[] = ['exact', 'typo', 'prefix', 'facet+filter', 'geo']
/** How Postgres reads the words: websearch_to_tsquery, typo-corrected via pg_trgm, or prefix. */
type PgText = 'websearch' | 'typo' | 'prefix'

interface Spec {
  q: string
  pgText: PgText
  regions?: string[]
  categories?: string[]
  capacity?: ('ACCEPTING' | 'WAITLIST' | 'NO_CAPACITY')[]
  languages?: string[]
  deliveryModes?: ('IN_PERSON' | 'PHONE' | 'ONLINE' | 'OUTREACH')[]
  near?: { lat: number; lng: number; radiusKm: number }
  sort: 'relevance' | 'distance'
  facets: boolean
}

const PER_PAGE = 20
const WELLINGTON = { lat: -41.2865, lng: 174.7762 }
const AUCKLAND = { lat: -36.8485, lng: 174.7633 }
const CHRISTCHURCH = { lat: -43.531, lng: 172.6366 }

// Words and phrases people type, all present in the generated directory.
const EXACT = [
  'budgeting',
  'whānau ora',
  'counselling',
  'food parcels',
  'parenting',
  'family violence',
  'mental health',
  'housing',
  'tenancy',
  'addiction',
  'kaumātua',
  'rangatahi',
  'employment',
  'advocacy',
  'disability',
  'legal',
  'foodbank',
  'emergency',
  'financial mentoring',
  'debt',
  'grief',
  'respite',
  'caregivers',
  'refugee',
  'gambling',
  'pregnancy',
  'detox',
  'whaikaha',
  'pasifika',
  'shelter',
  'benefit',
  'tikanga',
  'marae',
  'transport',
  'pharmacy',
  'hauora',
  'youth',
  'navigation',
  'food rescue',
  'budget advice',
]
// One typo each (a swap, a dropped, doubled or changed letter; never the first two letters), on
// words long enough for the engine to allow one (5+ letters), plus the issue's own examples.
function typoOf(word: string, k: number): string {
  const p = 2 + (k % Math.max(1, word.length - 3))
  switch (k % 4) {
    case 0:
      return word.slice(0, p) + word[p + 1] + word[p] + word.slice(p + 2)
    case 1:
      return word.slice(0, p) + word.slice(p + 1)
    case 2:
      return word.slice(0, p) + word[p] + word.slice(p)
    default:
      return word.slice(0, p) + (word[p] === 'e' ? 'a' : 'e') + word.slice(p + 1)
  }
}
const TYPO = [
  'menatl helth',
  'budgetting',
  ...EXACT.filter((w) => !['budgeting', 'mental health'].includes(w)).map((phrase, k) => {
    const words = phrase.split(' ')
    const i = words.findIndex((w) => [...w].length >= 5)
    if (i < 0) return phrase
    words[i] = typoOf(words[i]!, k)
    return words.join(' ')
  }),
].filter((q, i, all) => !EXACT.includes(q) && all.indexOf(q) === i)
// As typed: the first letters of a word (3 to 5), some after a finished first word.
const PREFIX = [
  'men',
  'budg',
  'whan',
  ...EXACT.filter((w) => !w.includes(' ')).map((w, k) => w.slice(0, Math.min(w.length - 1, 3 + (k % 3)))),
  'food par',
  'mental hea',
  'family vio',
  'whānau o',
  'financial men',
  'budget adv',
].filter((q, i, all) => all.indexOf(q) === i)

const FACET_WORDS = ['support', 'counselling', 'food', 'budgeting', 'whānau', 'housing', 'advice', 'youth']
const FACET_REGIONS = [['09'], ['02'], ['13'], ['02', '09'], ['03'], ['04', '06']]
const FACET_CATEGORIES = [
  ['counselling'],
  ['food'],
  ['financial-mentoring', 'housing-support'],
  ['whanau-ora'],
  ['mental-health'],
  ['parenting-support', 'family-violence'],
]
const FACET_FILTER: Spec[] = Array.from({ length: 42 }, (_, i) => {
  const browse = i % 3 === 2 // a third: the empty query with filters
  return {
    q: browse ? '' : FACET_WORDS[i % FACET_WORDS.length]!,
    pgText: 'websearch' as const,
    regions: FACET_REGIONS[i % FACET_REGIONS.length]!,
    categories: FACET_CATEGORIES[(i * 5) % FACET_CATEGORIES.length]!,
    ...(i % 7 === 3 ? { capacity: ['ACCEPTING' as const] } : {}),
    ...(i % 7 === 5 ? { languages: ['mi'] } : {}),
    ...(i % 11 === 4 ? { deliveryModes: ['IN_PERSON' as const, 'OUTREACH' as const] } : {}),
    sort: 'relevance' as const,
    facets: true,
  }
})
const GEO: Spec[] = [WELLINGTON, AUCKLAND, CHRISTCHURCH].flatMap((point) =>
  [10, 15, 20, 25].flatMap((radiusKm) =>
    ['', 'counselling', 'food', 'whānau'].map((q) => ({
      q,
      pgText: 'websearch' as const,
      near: { ...point, radiusKm },
      sort: 'distance' as const,
      facets: false,
    })),
  ),
)

const CLASSES: Record<ClassName, Spec[]> = {
  exact: EXACT.map((q) => ({ q, pgText: 'websearch', sort: 'relevance', facets: false })),
  typo: TYPO.map((q) => ({ q, pgText: 'typo', sort: 'relevance', facets: false })),
  prefix: PREFIX.map((q) => ({ q, pgText: 'prefix', sort: 'relevance', facets: false })),
  'facet+filter': FACET_FILTER,
  geo: GEO,
}

function toSearchQuery(s: Spec): SearchQuery {
  return {
    q: s.q,
    filters: {
      ...(s.regions ? { regionCodes: s.regions } : {}),
      ...(s.categories ? { categoryCodes: s.categories } : {}),
      ...(s.capacity ? { capacity: s.capacity } : {}),
      ...(s.languages ? { languages: s.languages } : {}),
      ...(s.deliveryModes ? { deliveryModes: s.deliveryModes } : {}),
    },
    ...(s.near ? { near: s.near } : {}),
    sort: s.sort,
    page: 1,
    perPage: PER_PAGE,
    facets: s.facets,
  }
}

/** The REST contract of GET /api/v1/search (apps/api/src/routes/search.*.ts). */
function toPath(s: Spec): string {
  const p = new URLSearchParams()
  if (s.q) p.set('q', s.q)
  if (s.regions) p.set('region', s.regions.join(','))
  if (s.categories) p.set('category', s.categories.join(','))
  if (s.capacity) p.set('capacity', s.capacity.join(','))
  if (s.languages) p.set('language', s.languages.join(','))
  if (s.deliveryModes) p.set('delivery_mode', s.deliveryModes.join(','))
  if (s.near) {
    p.set('lat', String(s.near.lat))
    p.set('lng', String(s.near.lng))
    p.set('radius_km', String(s.near.radiusKm))
  }
  p.set('sort', s.sort)
  p.set('page', '1')
  p.set('per_page', String(PER_PAGE))
  if (s.facets) p.set('facets', 'true')
  return `/api/v1/search?${p}`
}

// ─── Postgres ────────────────────────────────────────────────────────────────────────────────────

const PG_SETUP = [
  `CREATE EXTENSION IF NOT EXISTS unaccent`,
  `CREATE EXTENSION IF NOT EXISTS pg_trgm`,
  `CREATE EXTENSION IF NOT EXISTS fuzzystrmatch`,
  // unaccent() is STABLE (it looks its dictionary up by name); naming the dictionary makes it safe to
  // use in a generated column, the usual wrapper.
  `CREATE FUNCTION f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
     AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`,
  `CREATE FUNCTION doc_tsv(name text, org text, categories text[], places text[], description text)
     RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
     SELECT setweight(to_tsvector('simple', f_unaccent(coalesce(name, ''))), 'A')
         || setweight(to_tsvector('simple', f_unaccent(coalesce(org, '') || ' ' || array_to_string(categories, ' '))), 'B')
         || setweight(to_tsvector('simple', f_unaccent(array_to_string(places, ' '))), 'C')
         || setweight(to_tsvector('simple', f_unaccent(coalesce(description, ''))), 'D') $$`,
  // Haversine with the engine's earth radius, so both draw the same circle.
  `CREATE FUNCTION hav_km(lat1 float8, lng1 float8, lat2 float8, lng2 float8) RETURNS float8
     LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
     SELECT 2 * 6371.0088 * asin(least(1, sqrt(sin(radians(lat2 - lat1) / 2) ^ 2
       + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lng2 - lng1) / 2) ^ 2))) $$`,
  `CREATE TABLE docs (
     slot int PRIMARY KEY,
     id text COLLATE "C" NOT NULL,
     service_id text NOT NULL,
     organisation_id text NOT NULL,
     location_id text,
     name text NOT NULL,
     alternate_name text,
     sort_name text COLLATE "C" NOT NULL,
     description text NOT NULL,
     organisation_name text NOT NULL,
     organisation_alternate_name text,
     category_codes text[] NOT NULL,
     category_names text[] NOT NULL,
     region_code text,
     region_name text,
     ta_code text,
     ta_name text,
     city text,
     suburb text,
     region_codes text[] NOT NULL,
     ta_codes text[] NOT NULL,
     place_names text[] NOT NULL,
     lat float8,
     lng float8,
     accreditations text[] NOT NULL,
     languages text[] NOT NULL,
     cultural_focus text[] NOT NULL,
     delivery_modes text[] NOT NULL,
     capacity text NOT NULL,
     status text NOT NULL,
     last_verified_at timestamptz,
     nationwide boolean NOT NULL,
     opening_hours jsonb NOT NULL,
     lowered boolean GENERATED ALWAYS AS (status <> 'ACTIVE' OR capacity = 'NO_CAPACITY') STORED,
     tsv tsvector GENERATED ALWAYS AS (doc_tsv(
       name || ' ' || coalesce(alternate_name, ''),
       organisation_name || ' ' || coalesce(organisation_alternate_name, ''),
       category_names, place_names, description)) STORED
   )`,
]
const PG_COLUMNS = [
  'slot',
  'id',
  'service_id',
  'organisation_id',
  'location_id',
  'name',
  'alternate_name',
  'sort_name',
  'description',
  'organisation_name',
  'organisation_alternate_name',
  'category_codes',
  'category_names',
  'region_code',
  'region_name',
  'ta_code',
  'ta_name',
  'city',
  'suburb',
  'region_codes',
  'ta_codes',
  'place_names',
  'lat',
  'lng',
  'accreditations',
  'languages',
  'cultural_focus',
  'delivery_modes',
  'capacity',
  'status',
  'last_verified_at',
  'nationwide',
  'opening_hours',
]
const PG_INDEXES: [string, string][] = [
  ['tsvector GIN', `CREATE INDEX docs_tsv ON docs USING gin (tsv)`],
  ['region GIN', `CREATE INDEX docs_region ON docs USING gin (region_codes)`],
  ['district GIN', `CREATE INDEX docs_ta ON docs USING gin (ta_codes)`],
  ['category GIN', `CREATE INDEX docs_category ON docs USING gin (category_codes)`],
  ['accreditation GIN', `CREATE INDEX docs_accreditation ON docs USING gin (accreditations)`],
  ['language GIN', `CREATE INDEX docs_language ON docs USING gin (languages)`],
  ['cultural focus GIN', `CREATE INDEX docs_cultural ON docs USING gin (cultural_focus)`],
  ['delivery mode GIN', `CREATE INDEX docs_delivery ON docs USING gin (delivery_modes)`],
  ['capacity btree', `CREATE INDEX docs_capacity ON docs (capacity)`],
  ['point GiST', `CREATE INDEX docs_point ON docs USING gist (point(lng, lat))`],
  // Typo matching: the index's own words (as the engine keeps a vocabulary), trigram-indexed.
  ['word list (ts_stat)', `CREATE TABLE lexicon AS SELECT word, ndoc FROM ts_stat('SELECT tsv FROM docs')`],
  ['word list trigram GIN', `CREATE INDEX lexicon_trgm ON lexicon USING gin (word gin_trgm_ops)`],
  ['ANALYZE', `ANALYZE`],
]
// Session settings for the measured connections: JIT off (it compiles for tens of ms on queries
// this size, and OLTP setups turn it off), a trigram threshold low enough that a swapped pair of
// letters ('menatl', 0.27 from 'mental') is still a candidate.
const PG_SESSION = '-c jit=off -c pg_trgm.similarity_threshold=0.2'
const TYPO_EXPANSIONS = 10

const FACET_COLUMNS: [string, string, boolean][] = [
  ['region', 'region_codes', true],
  ['territorialAuthority', 'ta_codes', true],
  ['category', 'category_codes', true],
  ['accreditation', 'accreditations', true],
  ['language', 'languages', true],
  ['culturalFocus', 'cultural_focus', true],
  ['deliveryMode', 'delivery_modes', true],
  ['capacity', 'capacity', false],
]

/** One statement per query: the page of 20 (whole rows), the total, and the facet counts if asked. */
function toSql(s: Spec, cutoff: Date): { text: string; values: unknown[] } {
  const values: unknown[] = []
  const p = (v: unknown, cast = '') => (values.push(v), `$${values.length}${cast}`)
  let tsquery: string | null = null
  if (s.q.trim()) {
    if (s.pgText === 'websearch') tsquery = `websearch_to_tsquery('simple', f_unaccent(${p(s.q)}))`
    else if (s.pgText === 'prefix')
      tsquery = `to_tsquery('simple', replace(trim(regexp_replace(lower(f_unaccent(${p(s.q)})), '[^[:alnum:]]+', ' ', 'g')), ' ', ' & ') || ':*')`
    else
      // Each folded query word becomes (the index words near it), ANDed: trigram similarity finds
      // candidates through the word list's GIN index, Levenshtein keeps those within the engine's
      // allowance by length (none under 5 letters, 1 up to 8, 2 from 9; a same-length pair of
      // changes counts as one, since a swap of two letters is one typo to the engine).
      tsquery = `(SELECT to_tsquery('simple', string_agg('(' || alts || ')', ' & ')) FROM (
          SELECT (SELECT coalesce(string_agg(quote_literal(l.word), ' | '), quote_literal(t.w)) FROM (
              SELECT word FROM lexicon
              WHERE word % t.w AND levenshtein_less_equal(word, t.w, 2) <= CASE
                WHEN length(t.w) >= 9 THEN 2
                WHEN length(t.w) >= 5 THEN CASE WHEN length(word) = length(t.w) THEN 2 ELSE 1 END
                ELSE 0 END
              ORDER BY levenshtein_less_equal(word, t.w, 2), similarity(word, t.w) DESC, word
              LIMIT ${TYPO_EXPANSIONS}
            ) l) AS alts
          FROM unnest(tsvector_to_array(to_tsvector('simple', f_unaccent(${p(s.q)})))) AS t(w)) x)`
  }
  const where: string[] = []
  if (tsquery) where.push('d.tsv @@ q.query')
  if (s.regions) where.push(`d.region_codes && ${p(s.regions, '::text[]')}`)
  if (s.categories) where.push(`d.category_codes && ${p(s.categories, '::text[]')}`)
  if (s.capacity) where.push(`d.capacity = ANY(${p(s.capacity, '::text[]')})`)
  if (s.languages) where.push(`d.languages && ${p(s.languages, '::text[]')}`)
  if (s.deliveryModes) where.push(`d.delivery_modes && ${p(s.deliveryModes, '::text[]')}`)
  let dist = 'NULL::float8'
  if (s.near) {
    const { lat, lng, radiusKm } = s.near
    const dLat = (radiusKm / 110.574) * 1.01
    const dLng = (radiusKm / (111.32 * Math.cos((lat * Math.PI) / 180))) * 1.01
    const [la, ln] = [p(lat, '::float8'), p(lng, '::float8')]
    dist = `hav_km(${la}, ${ln}, d.lat, d.lng)`
    where.push(
      `point(d.lng, d.lat) <@ box(point(${p(lng - dLng)}, ${p(lat - dLat)}), point(${p(lng + dLng)}, ${p(lat + dLat)}))`,
      `${dist} <= ${p(radiusKm, '::float8')}`,
    )
  }
  const score = tsquery ? 'ts_rank_cd(d.tsv, q.query)' : '0::real'
  // The engine's order: tier first (stale, full or closed listings last), then distance or relevance,
  // then name.
  const order =
    s.sort === 'distance'
      ? 'tier, dist, score DESC, sort_name, id'
      : tsquery
        ? 'tier, score DESC, sort_name, id'
        : 'tier, sort_name, id'
  const facetCols = s.facets ? FACET_COLUMNS.map(([, c]) => `, d.${c}`).join('') : ''
  const facets = s.facets
    ? `jsonb_build_object(${FACET_COLUMNS.map(
        ([name, c, array]) =>
          `'${name}', coalesce((SELECT jsonb_object_agg(v, n) FROM (SELECT ${array ? 'v' : `${c} AS v`}, count(*) AS n FROM m${array ? `, unnest(m.${c}) AS v` : ''} GROUP BY 1) f), '{}')`,
      ).join(', ')})`
    : `'{}'::jsonb`
  const text = `WITH ${tsquery ? `q AS MATERIALIZED (SELECT ${tsquery} AS query),` : ''}
m AS MATERIALIZED (
  SELECT d.slot, d.sort_name, d.id, ${score} AS score, ${dist} AS dist,
    (d.lowered OR coalesce(d.last_verified_at < ${p(cutoff.toISOString(), '::timestamptz')}, true)) AS tier${facetCols}
  FROM docs d${tsquery ? ', q' : ''}
  ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
),
page AS (SELECT slot, tier, dist, score, sort_name, id FROM m ORDER BY ${order} LIMIT ${PER_PAGE})
SELECT (SELECT count(*) FROM m)::int AS total,
  (SELECT coalesce(jsonb_agg((to_jsonb(d) - 'tsv') || jsonb_build_object('distance_km', page.dist)
     ORDER BY ${order.replace(/(\w+)/g, (w) => (w === 'DESC' ? w : `page.${w}`))}), '[]')
   FROM page JOIN docs d USING (slot)) AS hits,
  ${facets} AS facets`
  return { text, values }
}

/** COPY text format: one line per document. */
function copyLine(slot: number, d: SearchDocument): string {
  const esc = (s: string) =>
    s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
  const text = (s: string | null | undefined) => (s == null ? '\\N' : esc(s))
  const arr = (a: readonly string[]) =>
    esc(`{${a.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`)
  const num = (n: number | null) => (n == null ? '\\N' : String(n))
  return (
    [
      String(slot),
      text(d.id),
      text(d.serviceId),
      text(d.organisationId),
      text(d.locationId),
      text(d.name),
      text(d.alternateName),
      text(d.sortName),
      text(d.description),
      text(d.organisationName),
      text(d.organisationAlternateName),
      arr(d.categoryCodes),
      arr(d.categoryNames),
      text(d.regionCode),
      text(d.regionName),
      text(d.taCode),
      text(d.taName),
      text(d.city),
      text(d.suburb),
      arr(d.regionCodes),
      arr(d.taCodes),
      arr(d.placeNames),
      num(d.lat),
      num(d.lng),
      arr(d.accreditations),
      arr(d.languages),
      arr(d.culturalFocus),
      arr(d.deliveryModes),
      text(d.capacity),
      text(d.status),
      d.lastVerifiedAt == null ? '\\N' : new Date(d.lastVerifiedAt).toISOString(),
      d.nationwide ? 't' : 'f',
      esc(JSON.stringify(d.openingHours)),
    ].join('\t') + '\n'
  )
}

// ─── Measuring ───────────────────────────────────────────────────────────────────────────────────

type PathName = 'in-process' | 'http-1' | 'http-c' | 'pg-1' | 'pg-c'

interface Samples {
  times: number[]
  /** Wall time of the batches (concurrent paths) or the sum of latencies (one at a time). */
  wallMs: number
  /** p95 of each round. */
  roundP95: number[]
  bytes: number
  failed: number
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
    : NaN
const fmt = (n: number) =>
  !Number.isFinite(n) ? '–' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0)
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0)

async function main() {
  // Heap figures need a collection before each reading: re-run under --expose-gc when it is missing.
  if (!(globalThis as { gc?: () => void }).gc) {
    const r = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, ...process.argv.slice(1)], {
      stdio: 'inherit',
    })
    process.exit(r.status ?? 1)
  }
  const gc = (globalThis as unknown as { gc: () => void }).gc

  const { values } = parseArgs({
    // pnpm passes the '--' separator through.
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: {
      services: { type: 'string', default: '100000' },
      rounds: { type: 'string', default: '5' },
      concurrency: { type: 'string', default: '4' },
      'skip-postgres': { type: 'boolean', default: false },
      'skip-http': { type: 'boolean', default: false },
      'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      'max-seconds': { type: 'string', default: '120' },
      'per-query': { type: 'boolean', default: false },
    },
  })
  const services = Number(values.services)
  const rounds = Number(values.rounds)
  const concurrency = Number(values.concurrency)
  const maxSeconds = Number(values['max-seconds'])
  for (const [name, v] of Object.entries({ services, rounds, concurrency, maxSeconds }))
    if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`)
  const withHttp = !values['skip-http']
  const withPg = !values['skip-postgres']

  const { generateSearchDocumentBatches } = await import('../../packages/search/src/testing')
  const { createEmbeddedSearchIndex } = await import('../../packages/search/src/embedded/engine')

  const NOW = new Date('2026-11-23T00:00:00Z')
  const cutoff = new Date(NOW.getTime() - 180 * 86_400_000) // search/settings.json staleAfterDays
  const out: string[] = []
  const print = (line = '') => (console.log(line), out.push(line))
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')
  const loadAtStart = load()

  // ── Documents and the embedded index ──
  let t0 = performance.now()
  const docs: SearchDocument[] = []
  for (const batch of generateSearchDocumentBatches({ services, now: NOW })) docs.push(...batch)
  const generateS = (performance.now() - t0) / 1000
  gc()
  const heapDocs = process.memoryUsage()
  const index: SearchIndex = createEmbeddedSearchIndex({ clock: () => NOW })
  t0 = performance.now()
  await index.upsert(docs)
  const buildS = (performance.now() - t0) / 1000
  // The first query builds the name order (every tie-break); counted apart from the build.
  t0 = performance.now()
  await index.search({ q: '', sort: 'name' })
  const firstQueryS = (performance.now() - t0) / 1000
  gc()
  const heapIndex = process.memoryUsage()

  // ── HTTP: the real app on loopback ──
  let server: { port: number; close: () => Promise<void> } | null = null
  let worker: Worker | null = null
  let appSetupS = 0
  if (withHttp) {
    t0 = performance.now()
    const { openTestDatabase } = await import('../../packages/db/src/testing')
    const { seedReferenceData } = await import('../../packages/db/src/index')
    const { sessionPolicy } = await import('../../packages/auth/src/index')
    const { createApp } = await import('../../apps/api/src/app')
    const { serve } = await import('@hono/node-server')
    const db = await openTestDatabase('pglite')
    await seedReferenceData(db.prisma)
    const app = createApp({
      deps: { prisma: db.prisma, clock: () => NOW, sessionPolicy: sessionPolicy(30), search: index },
      db,
      cookieSecure: false,
      bodyLimitBytes: 64 * 1024,
      graphiql: false,
    })
    const listening = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
    await once(listening, 'listening')
    server = {
      port: (listening.address() as AddressInfo).port,
      close: () => new Promise<void>((done) => listening.close(() => done())).then(() => db.close()),
    }
    worker = new Worker(new URL('./http-client.mjs', import.meta.url), { execArgv: [] })
    appSetupS = (performance.now() - t0) / 1000
  }
  let batchId = 0
  const pendingBatches = new Map<number, (r: HttpBatchResult) => void>()
  const failBatches = new Map<number, (err: unknown) => void>()
  worker?.on('message', (r: HttpBatchResult) => pendingBatches.get(r.id)?.(r))
  worker?.on('error', (err) => {
    for (const fail of failBatches.values()) fail(err)
  })
  const httpBatch = (paths: string[], c: number) =>
    new Promise<HttpBatchResult>((resolve, reject) => {
      const id = ++batchId
      const done = () => (pendingBatches.delete(id), failBatches.delete(id))
      pendingBatches.set(id, (r) => (done(), resolve(r)))
      failBatches.set(id, (err) => (done(), reject(err)))
      const batch: HttpBatch = {
        id,
        port: server!.port,
        paths,
        concurrency: c,
        maxSeconds,
        timeoutMs: 10_000,
      }
      worker!.postMessage(batch)
    })

  // ── Postgres: a throwaway database, dropped whatever happens ──
  let pgMod: typeof pg | null = null
  let dropDatabase: (() => Promise<void>) | null = null
  let pgClient: pg.Client | null = null
  let pgPool: pg.Pool | null = null
  let pgVersion = ''
  let pgSettings = ''
  const pgBuild: [string, number][] = []
  let pgSizes: [string, number][] = []
  const cleanup = async () => {
    await pgPool?.end().catch(() => {})
    pgPool = null
    await pgClient?.end().catch(() => {})
    pgClient = null
    const drop = dropDatabase
    dropDatabase = null
    await drop?.()
  }
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`${signal}: dropping the throwaway database`)
    void cleanup().finally(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)

  try {
    if (withPg) {
      pgMod = (await import('pg')).default
      const { from: copyFrom } = await import('pg-copy-streams')
      const adminUrl = values['database-url']!
      const name = `fsn_bench_search_${process.pid}`
      const admin = async (sql: string) => {
        const c = new pgMod!.Client({ connectionString: adminUrl })
        await c.connect()
        try {
          return await c.query(sql)
        } finally {
          await c.end()
        }
      }
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await admin(`CREATE DATABASE "${name}"`)
      dropDatabase = async () => void (await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
      const url = new URL(adminUrl)
      url.pathname = `/${name}`
      pgClient = new pgMod.Client({ connectionString: url.toString() })
      await pgClient.connect()
      pgVersion = String((await pgClient.query('SHOW server_version')).rows[0].server_version)
      await pgClient.query(`SET maintenance_work_mem = '256MB'`)
      for (const sql of PG_SETUP) await pgClient.query(sql)
      t0 = performance.now()
      const copy = pgClient.query(copyFrom(`COPY docs (${PG_COLUMNS.join(', ')}) FROM STDIN`))
      await pipeline(
        Readable.from(
          (function* () {
            for (let i = 0; i < docs.length; i += 500) {
              let chunk = ''
              for (let k = i; k < Math.min(docs.length, i + 500); k++) chunk += copyLine(k, docs[k]!)
              yield chunk
            }
          })(),
        ),
        copy,
      )
      pgBuild.push(['COPY (with the generated tsvector)', (performance.now() - t0) / 1000])
      for (const [label, sql] of PG_INDEXES) {
        t0 = performance.now()
        await pgClient.query(sql)
        pgBuild.push([label, (performance.now() - t0) / 1000])
      }
      pgSizes = (
        await pgClient.query<{ name: string; bytes: string }>(
          `SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i') ORDER BY 2 DESC`,
        )
      ).rows.map((r) => [r.name, Number(r.bytes)])
      await pgClient.end()
      pgClient = new pgMod.Client({ connectionString: url.toString(), options: PG_SESSION })
      await pgClient.connect()
      pgPool = new pgMod.Pool({ connectionString: url.toString(), max: concurrency, options: PG_SESSION })
      // An idle connection the server ends (the drop at the end terminates what is left) must not
      // take the process down; a query on a broken connection still fails loudly.
      const idleError = (err: Error) => console.error(`postgres connection: ${err.message}`)
      pgPool.on('error', idleError)
      pgClient.on('error', idleError)
      const settings = await pgClient.query<{ name: string; setting: string }>(
        `SELECT name, current_setting(name, true) AS setting FROM unnest(ARRAY['jit',
           'pg_trgm.similarity_threshold', 'shared_buffers', 'work_mem', 'max_parallel_workers_per_gather']) AS name`,
      )
      pgSettings = settings.rows.map((r) => `${r.name}=${r.setting}`).join(', ')
    }

    // ── Warm-up: every query once on every path (not measured) ──
    const all = CLASS_NAMES.flatMap((c) => CLASSES[c])
    for (const s of all) await index.search(toSearchQuery(s))
    if (worker) {
      const r = await httpBatch(all.map(toPath), concurrency)
      if (r.errors.length) throw new Error(`HTTP warm-up failed:\n${r.errors.join('\n')}`)
    }
    if (pgClient) for (const s of all) await pgClient.query(toSql(s, cutoff))
    if (pgPool) await Promise.all(Array.from({ length: concurrency }, () => pgPool!.query('SELECT 1')))

    // ── Rounds ──
    const samples = new Map<string, Samples>()
    const sample = (path: PathName, cls: ClassName) => {
      const key = `${path}|${cls}`
      let s = samples.get(key)
      if (!s) samples.set(key, (s = { times: [], wallMs: 0, roundP95: [], bytes: 0, failed: 0 }))
      return s
    }
    const record = (path: PathName, cls: ClassName, times: number[], wallMs: number, bytes = 0) => {
      const s = sample(path, cls)
      const ok = times.filter((t) => !Number.isNaN(t))
      s.failed += times.length - ok.length
      s.times.push(...ok)
      s.wallMs += wallMs
      s.bytes += bytes
      s.roundP95.push(
        percentile(
          [...ok].sort((a, b) => a - b),
          95,
        ),
      )
    }
    const totals = new Map<string, (number | null)[]>() // engine|class -> per query
    const facetsSame = new Map<ClassName, number>()
    const httpErrors: string[] = []
    const pgConcurrent = async (specs: Spec[]) => {
      const times = new Array<number>(specs.length).fill(NaN)
      let next = 0
      const started = performance.now()
      const deadline = started + maxSeconds * 1000
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < specs.length && performance.now() < deadline) {
            const i = next++
            const t = performance.now()
            await pgPool!.query(toSql(specs[i]!, cutoff))
            times[i] = performance.now() - t
          }
        }),
      )
      return { times, wallMs: performance.now() - started }
    }

    for (let round = 0; round < rounds; round++) {
      // Each round starts at the next class, so no class always comes first after a pause.
      const order = CLASS_NAMES.map((_, i) => CLASS_NAMES[(i + round) % CLASS_NAMES.length]!)
      for (const cls of order) {
        const specs = CLASSES[cls]
        // In-process.
        const times: number[] = []
        const engineTotals: number[] = []
        const engineFacets: FacetCounts[] = []
        for (const s of specs) {
          const q = toSearchQuery(s)
          const t = performance.now()
          const r = await index.search(q)
          times.push(performance.now() - t)
          engineTotals.push(r.total)
          engineFacets.push(r.facets)
        }
        record(
          'in-process',
          cls,
          times,
          times.reduce((a, b) => a + b, 0),
        )
        if (round === 0) totals.set(`embedded|${cls}`, engineTotals)

        // HTTP, one at a time and then `concurrency` at once.
        if (worker) {
          const paths = specs.map(toPath)
          for (const [path, c] of [
            ['http-1', 1],
            ['http-c', concurrency],
          ] as const) {
            const r = await httpBatch(paths, c)
            httpErrors.push(...r.errors)
            record(
              path,
              cls,
              r.times,
              c === 1 ? r.times.filter((t) => !Number.isNaN(t)).reduce((a, b) => a + b, 0) : r.wallMs,
              r.bytes,
            )
            if (round === 0 && c === 1) totals.set(`http|${cls}`, r.totals)
          }
        }

        // Postgres, one connection and then a pool of `concurrency`.
        if (pgClient && pgPool) {
          const times: number[] = []
          const pgTotals: number[] = []
          let same = 0
          for (const [i, s] of specs.entries()) {
            const t = performance.now()
            const r = await pgClient.query<{ total: number; facets: FacetCounts }>(toSql(s, cutoff))
            times.push(performance.now() - t)
            const row = r.rows[0]!
            pgTotals.push(row.total)
            if (s.facets && sameFacets(engineFacets[i]!, row.facets)) same++
          }
          record(
            'pg-1',
            cls,
            times,
            times.reduce((a, b) => a + b, 0),
          )
          if (round === 0) {
            totals.set(`postgres|${cls}`, pgTotals)
            if (specs.some((s) => s.facets)) facetsSame.set(cls, same)
          }
          const c = await pgConcurrent(specs)
          record('pg-c', cls, c.times, c.wallMs)
        }
      }
    }

    // ── Report ──
    const cpus = os.cpus()
    print(
      `## Search benchmark: ${services.toLocaleString('en-NZ')} services (${docs.length.toLocaleString('en-NZ')} documents)`,
    )
    print()
    print(
      `Machine: ${os.availableParallelism()} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ` +
        `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory (${(os.freemem() / 2 ** 30).toFixed(1)} GiB free), ` +
        `Node ${process.version}${pgVersion ? `, PostgreSQL ${pgVersion}` : ''}; ` +
        `load average (1/5/15 min) ${loadAtStart} at start, ${load()} at end.`,
    )
    if (pgSettings) print(`Postgres session: ${pgSettings}.`)
    print(
      `Mix: ${CLASS_NAMES.map((c) => `${c} ${CLASSES[c].length}`).join(', ')} queries, ` +
        `${rounds} rounds, page of ${PER_PAGE}, facets on for facet+filter; HTTP and Postgres concurrency ${concurrency}.`,
    )
    print()
    print('Build and memory:')
    print()
    print('| what | seconds | memory |')
    print('|---|---:|---|')
    print(
      `| generate documents (seed generator, in memory) | ${generateS.toFixed(2)} | heap ${mb(heapDocs.heapUsed)} MB, RSS ${mb(heapDocs.rss)} MB after |`,
    )
    print(
      `| embedded index build (upsert) | ${buildS.toFixed(2)} | index holds ${mb(heapIndex.heapUsed + heapIndex.arrayBuffers - heapDocs.heapUsed - heapDocs.arrayBuffers)} MB heap; RSS ${mb(heapIndex.rss)} MB after |`,
    )
    print(`| embedded first query (builds the name order) | ${firstQueryS.toFixed(2)} | |`)
    if (withHttp)
      print(
        `| app on PGlite (migrations, reference data), server, client worker | ${appSetupS.toFixed(2)} | |`,
      )
    if (withPg) {
      const pgTotal = pgBuild.reduce((a, [, s]) => a + s, 0)
      for (const [label, s] of pgBuild) print(`| postgres: ${label} | ${s.toFixed(2)} | |`)
      print(
        `| **postgres total** | **${pgTotal.toFixed(2)}** | ${pgSizes.map(([n, b]) => `${n} ${mb(b)} MB`).join(', ')} |`,
      )
    }
    print(
      `| final RSS of this process (index, documents, PGlite, app) | | ${mb(process.memoryUsage().rss)} MB |`,
    )

    const stat = (path: PathName, cls: ClassName) => {
      const s = samples.get(`${path}|${cls}`)
      if (!s || !s.times.length) return null
      const sorted = [...s.times].sort((a, b) => a - b)
      return {
        n: sorted.length,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        bestP95: Math.min(...s.roundP95.filter(Number.isFinite)),
        rps: (sorted.length / s.wallMs) * 1000,
        kb: s.bytes / sorted.length / 1024,
        failed: s.failed,
      }
    }
    const table = (title: string, path: PathName, withKb = false) => {
      print()
      print(title)
      print()
      print(
        `| class | n | p50 ms | p95 ms | p99 ms | best round p95 ms | req/s |${withKb ? ' KB/resp |' : ''}`,
      )
      print(`|---|---:|---:|---:|---:|---:|---:|${withKb ? '---:|' : ''}`)
      for (const cls of CLASS_NAMES) {
        const s = stat(path, cls)
        if (!s) continue
        print(
          `| ${cls} | ${s.n}${s.failed ? ` (${s.failed} failed)` : ''} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.p99)} | ${fmt(s.bestP95)} | ${s.rps.toFixed(0)} |${withKb ? ` ${s.kb.toFixed(1)} |` : ''}`,
        )
      }
    }
    table('Embedded, in-process (`index.search`, one at a time):', 'in-process')
    if (withHttp) {
      table('Embedded over HTTP (`GET /api/v1/search` on 127.0.0.1), one request at a time:', 'http-1', true)
      table(`Embedded over HTTP, ${concurrency} concurrent keep-alive connections:`, 'http-c', true)
    }
    if (withPg) {
      table('PostgreSQL full text, one connection, one query at a time:', 'pg-1')
      table(`PostgreSQL full text, ${concurrency} concurrent connections:`, 'pg-c')

      print()
      print('Ratio, PostgreSQL p95 / embedded p95 (above 1: the embedded engine is faster):')
      print()
      const cols: [string, PathName, PathName][] = [['pg (1) / in-process', 'pg-1', 'in-process']]
      if (withHttp)
        cols.push(
          ['pg (1) / HTTP (1)', 'pg-1', 'http-1'],
          [`pg (${concurrency}) / HTTP (${concurrency})`, 'pg-c', 'http-c'],
        )
      print(`| class | ${cols.map(([t]) => t).join(' | ')} |`)
      print(`|---|${cols.map(() => '---:|').join('')}`)
      for (const cls of CLASS_NAMES) {
        const cells = cols.map(([, a, b]) => {
          const x = stat(a, cls)
          const y = stat(b, cls)
          return x && y ? `${(x.p95 / y.p95).toFixed(1)}×` : '–'
        })
        print(`| ${cls} | ${cells.join(' | ')} |`)
      }
    }

    // Comparable questions: total hits per class, engine by engine.
    print()
    print("Total hits per class (sum over the class's queries; first round):")
    print()
    const engines = ['embedded', ...(withHttp ? ['http'] : []), ...(withPg ? ['postgres'] : [])]
    print(
      `| class | queries | ${engines.map((e) => `${e} hits`).join(' | ')} | ${withPg ? 'same total / pg fewer / pg more | zero-hit queries embedded / pg |' : ''}`,
    )
    print(`|---|---:|${engines.map(() => '---:|').join('')}${withPg ? '---|---|' : ''}`)
    for (const cls of CLASS_NAMES) {
      const emb = totals.get(`embedded|${cls}`)!
      const cells = engines.map((e) => {
        const t = totals.get(`${e}|${cls}`)
        if (!t) return '–'
        const sum = t.reduce<number>((a, b) => a + (b ?? 0), 0)
        if (e === 'http') {
          const differ = t.filter((v, i) => v !== emb[i]).length
          return `${sum.toLocaleString('en-NZ')}${differ ? ` (${differ} differ from in-process)` : ''}`
        }
        return sum.toLocaleString('en-NZ')
      })
      let extra = ''
      const pgT = totals.get(`postgres|${cls}`)
      if (pgT) {
        const same = pgT.filter((v, i) => v === emb[i]).length
        const fewer = pgT.filter((v, i) => (v ?? 0) < emb[i]!).length
        const more = pgT.filter((v, i) => (v ?? 0) > emb[i]!).length
        const facets = facetsSame.has(cls) ? `; facets identical on ${facetsSame.get(cls)}` : ''
        extra = ` ${same} / ${fewer} / ${more}${facets} | ${emb.filter((v) => v === 0).length} / ${pgT.filter((v) => v === 0).length} |`
      }
      print(`| ${cls} | ${emb.length} | ${cells.join(' | ')} |${extra}`)
    }
    if (values['per-query'] && withPg) {
      print()
      print('Per query, total hits embedded / postgres:')
      print()
      for (const cls of CLASS_NAMES) {
        const emb = totals.get(`embedded|${cls}`)!
        const pgT = totals.get(`postgres|${cls}`)!
        print(
          `- ${cls}: ${CLASSES[cls].map((s, i) => `${JSON.stringify(s.q)}${s.near ? `@${s.near.lat},${s.near.lng},${s.near.radiusKm}km` : ''}${s.regions ? ` r=${s.regions}` : ''}${s.categories ? ` c=${s.categories}` : ''} ${emb[i]}/${pgT[i]}`).join('; ')}`,
        )
      }
    }
    if (httpErrors.length)
      print(`\nHTTP errors (first ${Math.min(5, httpErrors.length)}): ${httpErrors.slice(0, 5).join('; ')}`)

    // Targets.
    print()
    print('Targets:')
    print()
    const at =
      services === 100_000
        ? ''
        : ` (stated for 100,000 services; this run has ${services.toLocaleString('en-NZ')})`
    const met = (ok: boolean) => (ok ? 'met' : '**not met**')
    // Judged twice: on every round pooled, and on the best round (work elsewhere on a shared machine
    // lands on some rounds; the best round is what the machine does when left alone).
    type Key = 'p95' | 'bestP95'
    const worst = (path: PathName, key: Key) => {
      const stats = CLASS_NAMES.map((c) => [c, stat(path, c)] as const).filter(([, s]) => s)
      const [cls, s] = stats.reduce((a, b) => (b[1]![key] > a[1]![key] ? b : a))
      return { cls, p95: s![key] }
    }
    const verdict = (ok: Record<Key, boolean>) =>
      ok.p95 ? 'met' : ok.bestP95 ? '**not met** pooled; met in the best round' : '**not met**'
    print('| target | pooled p95 (every round) | best round p95 | |')
    print('|---|---|---|---|')
    print(`| embedded build < 60 s | ${buildS.toFixed(2)} s | | ${met(buildS < 60)} |`)
    const latencyTarget = (label: string, path: PathName, limit: number) => {
      const pooled = worst(path, 'p95')
      const best = worst(path, 'bestP95')
      print(
        `| ${label}${at} | worst: ${pooled.cls} ${fmt(pooled.p95)} ms | worst: ${best.cls} ${fmt(best.p95)} ms | ${verdict({ p95: pooled.p95 <= limit, bestP95: best.p95 <= limit })} |`,
      )
    }
    latencyTarget('p95 ≤ 10 ms in-process, every class', 'in-process', 10)
    if (withHttp) {
      latencyTarget('p95 ≤ 25 ms over HTTP, every class, 1 at a time', 'http-1', 25)
      latencyTarget(`p95 ≤ 25 ms over HTTP, every class, ${concurrency} concurrent`, 'http-c', 25)
    }
    if (withPg) {
      const pairs: [string, PathName, PathName][] = [['in-process vs pg (1)', 'in-process', 'pg-1']]
      if (withHttp)
        pairs.push(
          ['HTTP (1) vs pg (1)', 'http-1', 'pg-1'],
          [`HTTP (${concurrency}) vs pg (${concurrency})`, 'http-c', 'pg-c'],
        )
      for (const [label, a, b] of pairs) {
        const slower = (key: Key) =>
          CLASS_NAMES.filter((c) => {
            const x = stat(a, c)
            const y = stat(b, c)
            return x && y && x[key] >= y[key]
          })
        const [pooled, best] = [slower('p95'), slower('bestP95')]
        const says = (l: ClassName[]) => (l.length ? `slower on ${l.join(', ')}` : 'faster on every class')
        print(
          `| faster than Postgres on every class (p95), ${label} | ${says(pooled)} | ${says(best)} | ${verdict({ p95: !pooled.length, bestP95: !best.length })} |`,
        )
      }
    }
    if (withPg) {
      print()
      print(
        'Postgres semantics differ (see bench/search/README.md): no synonyms and no stop words; in exact, ' +
          'facet+filter and geo it matches whole words only, where the engine also reads the last word as a prefix ' +
          'and allows typos; typo corrects each word to index words by trigram similarity (>= 0.2) and Levenshtein ' +
          "distance within the engine's allowance by length; ranking is ts_rank_cd, not the engine's BM25 and typo tiers.",
      )
    }
  } finally {
    await worker?.terminate()
    await server?.close()
    await cleanup()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

function sameFacets(a: FacetCounts, b: FacetCounts): boolean {
  const norm = (f: FacetCounts) =>
    JSON.stringify(
      Object.entries(f)
        .sort(([x], [y]) => (x < y ? -1 : 1))
        .map(([k, v]) => [k, Object.entries(v ?? {}).sort(([x], [y]) => (x < y ? -1 : 1))]),
    )
  return norm(a) === norm(b)
}

await main()
