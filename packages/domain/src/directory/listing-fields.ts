// Field builders for the listing schemas. Every message names its field, because the API reports
// only the first failing one with its path ("openingHours.2.closesAt: closesAt must be after opensAt").
// Edits are patches: a field left out is unchanged; null clears a field that may be empty.
import { z } from 'zod'

/** "x is required" when missing, "x cannot be cleared" for null, else "x must be <what>". */
export const says = (field: string, what: string) => ({
  error: (iss: { input?: unknown }) =>
    iss.input === undefined
      ? `${field} is required`
      : iss.input === null
        ? `${field} cannot be cleared`
        : `${field} must be ${what}`,
})

const listOr = (values: readonly string[]) =>
  values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`

export const uuid = (field: string) => z.uuid(says(field, 'a UUID'))

export const oneOf = <const T extends readonly [string, ...string[]]>(field: string, values: T) =>
  z.enum(values, says(field, `one of ${listOr(values)}`))

/** Required text, trimmed: blank counts as missing. */
export const text = (field: string, max: number) =>
  z
    .string(says(field, 'text'))
    .trim()
    .min(1, { error: `${field} must not be blank` })
    .max(max, { error: `${field} must be at most ${max} characters` })

/** Text that may be cleared: null, or blank once trimmed, clears it. */
export const clearableText = (field: string, max: number) =>
  z
    .string(says(field, 'text'))
    .trim()
    .max(max, { error: `${field} must be at most ${max} characters` })
    .transform((s) => (s === '' ? null : s))
    .nullable()

export const email = (field: string) =>
  z
    .string(says(field, 'text'))
    .trim()
    .toLowerCase()
    .max(254, { error: `${field} must be at most 254 characters` })
    .pipe(z.email({ error: `${field} must be an email address` }))

/** A web address people can open: http or https only (never javascript:, data: or a bare host). */
export const webUrl = (field: string) =>
  z
    .string(says(field, 'text'))
    .trim()
    .max(500, { error: `${field} must be at most 500 characters` })
    .pipe(
      z.url({
        protocol: /^https?$/,
        hostname: z.regexes.domain,
        error: `${field} must be a web address starting http:// or https://`,
      }),
    )

/** An instant with its offset, e.g. the updatedAt a client read: "2026-11-22T20:00:00.000Z". */
export const instant = (field: string) =>
  z.iso
    .datetime({
      offset: true,
      ...says(field, 'an ISO 8601 date and time, e.g. 2026-11-22T20:00:00.000Z'),
    })
    .transform((s) => new Date(s))

/** A list without repeats; `what` finishes "must not name the same <what> twice". */
export const uniqueList = <T extends z.ZodType>(
  field: string,
  item: T,
  what: string,
  { min = 0, max }: { min?: number; max: number },
) =>
  z
    .array(item, says(field, 'a list'))
    .min(min, { error: `${field} must name at least ${min === 1 ? 'one' : min} ${what}` })
    .max(max, { error: `${field} can name at most ${max}` })
    .superRefine((xs, ctx) => {
      const seen = new Set<string>()
      xs.forEach((x, i) => {
        const key = JSON.stringify(x)
        if (seen.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [i],
            message: `${field} must not name the same ${what} twice`,
          })
        }
        seen.add(key)
      })
    })

export const list = <T extends z.ZodType>(field: string, item: T, max: number) =>
  z.array(item, says(field, 'a list')).max(max, { error: `${field} can list at most ${max}` })
