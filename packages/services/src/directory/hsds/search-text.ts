// Text matching for the small HSDA lists the search engine does not index (organisations,
// taxonomies, taxonomy terms). Services and service_at_locations are searched by the engine
// (@fsn/search) instead: query.ts joins on its ranked ids.
//
// Matching folds case and diacritics on both sides, so "whanau" finds "whānau" and "Māori" finds
// "maori". Postgres's unaccent extension would do this but PGlite does not ship it, so the fold is
// translate() over the letters te reo Māori and common European names use; lower() alone cannot be
// trusted with non-ASCII letters under the C locale PGlite runs with, so upper-case forms are listed.
import { Prisma } from '@fsn/db'

const FROM = 'ĀĒĪŌŪāēīōūÀÁÂÃÄÅàáâãäåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕÖòóôõöÙÚÛÜùúûüÇçÑñ'
const TO = 'aeiouaeiouaaaaaaaaaaaaeeeeeeeeiiiiiiiioooooooooouuuuuuuuccnn'

/** SQL: the folded form of a text expression. */
export function foldSql(expression: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`translate(lower(${expression}), ${FROM}, ${TO})`
}

/** The same fold in JavaScript, for the search words. */
export function foldText(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** Words of a search, folded, with LIKE's wildcards escaped (backslash is LIKE's default escape). */
export function searchWords(search: string): string[] {
  return foldText(search)
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 10)
    .map((w) => w.replace(/[\\%_]/g, (c) => `\\${c}`))
}

/** Every word is in some field: `fields` are SQL text expressions, nulls allowed. */
export function textMatchSql(search: string, fields: Prisma.Sql[]): Prisma.Sql {
  const words = searchWords(search)
  if (words.length === 0) return Prisma.sql`TRUE`
  return Prisma.join(
    words.map((w) => {
      const pattern = `%${w}%`
      return Prisma.sql`(${Prisma.join(
        fields.map((f) => Prisma.sql`${foldSql(Prisma.sql`coalesce(${f}, '')`)} LIKE ${pattern}`),
        ' OR ',
      )})`
    }),
    ' AND ',
  )
}
