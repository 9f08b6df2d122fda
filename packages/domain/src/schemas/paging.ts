import { z } from 'zod'

/** Relay-style forward paging. `after` is an opaque cursor from a previous page. */
export const ZPageInput = z.object({
  first: z.number().int().min(1).max(100).default(20),
  after: z.string().max(200).optional(),
})
export type TPageInput = z.infer<typeof ZPageInput>

export const ZServiceFilter = z.object({
  categoryCode: z.string().max(64).optional(),
  regionCode: z
    .string()
    .regex(/^\d{2}$/, { error: 'regionCode is a two-digit Stats NZ code' })
    .optional(),
  organisationId: z.uuid().optional(),
})
export type TServiceFilter = z.infer<typeof ZServiceFilter>

export const ZOrganisationFilter = z.object({
  kind: z.enum(['PROVIDER', 'AGENCY']).optional(),
  regionCode: z
    .string()
    .regex(/^\d{2}$/, { error: 'regionCode is a two-digit Stats NZ code' })
    .optional(),
})
export type TOrganisationFilter = z.infer<typeof ZOrganisationFilter>
