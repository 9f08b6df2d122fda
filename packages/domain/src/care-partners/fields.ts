// zod field builders shared by the care-partner and case-coordination input schemas. They say the
// field's name in every message, as the referral schemas do, because the API reports only the first
// failing field ("rationale: rationale is required").
import { z } from 'zod'

/** "x is required" when missing, else "x must be <what>". */
export const says = (field: string, what: string) => ({
  error: (iss: { input?: unknown }) =>
    iss.input === undefined ? `${field} is required` : `${field} must be ${what}`,
})

export const listOr = (values: readonly string[]): string =>
  values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`

export const uuidField = (field: string) => z.uuid(says(field, 'a UUID'))

export const oneOfField = <const T extends readonly [string, ...string[]]>(field: string, values: T) =>
  z.enum(values, says(field, `one of ${listOr(values)}`))

/** Required text, trimmed: blank counts as missing. */
export const textField = (field: string, max: number, missing = `${field} is required`) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? missing : `${field} must be text`) })
    .trim()
    .min(1, { error: missing })
    .max(max, { error: `${field} must be at most ${max} characters` })

/** Optional text, trimmed; blank becomes absent. */
export const optionalTextField = (field: string, max: number) =>
  z
    .string(says(field, 'text'))
    .trim()
    .max(max, { error: `${field} must be at most ${max} characters` })
    .optional()
    .transform((s) => (s === undefined || s.length === 0 ? undefined : s))

/**
 * An instant. Accepts a Date (domain callers) or an ISO 8601 date and time with its offset (JSON
 * callers), so the same schema serves the use case and the transports.
 */
export const instantField = (field: string) =>
  z.union(
    [
      z.date(),
      z.iso
        .datetime({ offset: true, ...says(field, 'an ISO 8601 date and time with an offset') })
        .transform((s) => new Date(s)),
    ],
    says(field, 'an ISO 8601 date and time with an offset, e.g. 2026-03-02T09:00:00+13:00'),
  )
    .refine((d) => Number.isFinite(d.getTime()), { error: `${field} must be a valid date and time` })

/** A New Zealand calendar date, kept as "YYYY-MM-DD" so no time zone can move it a day. */
export const isoDateField = (field: string) => z.iso.date(says(field, 'a date as YYYY-MM-DD'))

/** A short caller-chosen reference (a child's reference, a contract number): no personal details. */
export const referenceField = (field: string, max = 64) =>
  z
    .string(says(field, 'text'))
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_./-]*$/, {
      error: `${field} must be letters, digits, _, ., / or -, starting with a letter or digit`,
    })
    .max(max, { error: `${field} must be at most ${max} characters` })
