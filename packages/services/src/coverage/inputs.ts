// Inputs of the coverage use cases, shared by REST and GraphQL.
import { z } from 'zod'
import { AppError, checkPeriod, type Period } from '@fsn/domain'

const code = z.string().trim().min(1).max(80)

export const ZCoverageInput = z.object({
  /**
   * Stats NZ region code ("09" Wellington), or "NZ" for the whole country (aggregates only);
   * commissioners default to their own region, national administrators to the nation.
   */
  region: z
    .string()
    .regex(/^(\d{2}|NZ|nz)$/, 'region must be a two-digit Stats NZ region code, e.g. "09", or NZ for the nation')
    .nullish(),
  /** One service category code ("family-violence"). */
  category: code.nullish(),
})
export type TCoverageInput = z.infer<typeof ZCoverageInput>

export const ZReferralFlowInput = ZCoverageInput.extend({
  from: z.string().min(1, 'from is required'),
  to: z.string().min(1, 'to is required'),
  /** Sending agency: organisation code ("msd", "oranga-tamariki") or id. */
  agency: code.nullish(),
})
export type TReferralFlowInput = z.infer<typeof ZReferralFlowInput>

/** ISO date or instant: "2026-10-01" is midnight UTC. Throws VALIDATION_FAILED naming the field. */
export function parsePeriod(from: string, to: string): Period {
  const parse = (s: string) =>
    /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(s) ? new Date(s) : new Date(NaN)
  const r = checkPeriod(parse(from), parse(to))
  if (!r.ok)
    throw new AppError(
      'VALIDATION_FAILED',
      `${r.field}: ${r.message} (an ISO date such as 2026-10-01)`,
      r.field,
    )
  return r.period
}
