// The directory's text search, for now a database match. @fsn/search (embedded engine or
// Meilisearch) will replace it: the swap is this one function, which then returns
// `s.id = ANY(<ids from the engine>)` instead of the LIKE conditions below.
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

/**
 * Services matching a search: service name or description, organisation name, or a category name
 * in English or te reo Māori. Expects the service as `s` and its organisation as `o`.
 */
export function serviceTextMatch(search: string): Prisma.Sql {
  const words = searchWords(search)
  if (words.length === 0) return Prisma.sql`TRUE`
  const term = (w: string) => {
    const pattern = `%${w}%`
    const like = (f: Prisma.Sql) => Prisma.sql`${foldSql(Prisma.sql`coalesce(${f}, '')`)} LIKE ${pattern}`
    return Prisma.sql`(${like(Prisma.sql`s."name"`)} OR ${like(Prisma.sql`s."description"`)} OR ${like(
      Prisma.sql`o."name"`,
    )} OR EXISTS (SELECT 1 FROM "ServiceTaxonomyTerm" st JOIN "TaxonomyTerm" t ON t."id" = st."taxonomyTermId"
      WHERE st."serviceId" = s."id" AND (${like(Prisma.sql`t."name"`)} OR ${like(Prisma.sql`t."nameMi"`)})))`
  }
  return Prisma.join(words.map(term), ' AND ')
}
