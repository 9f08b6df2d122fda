// Suspends an accreditation: routing refuses the scheme's services at once (check-routing.ts: a
// current suspension blocks), referrals already open are not touched.
import { AppError, validationError, ZAccreditationDecisionInput, type Actor } from '@fsn/domain'
import { z } from 'zod'
import type { ServiceDeps } from '../context'
import { decideAccreditation } from './decide'

const ZId = z.uuid({ error: 'id must be a UUID' })

export function idOf(input: { id: unknown }): string {
  const id = ZId.safeParse(input.id)
  if (!id.success) throw new AppError('VALIDATION_FAILED', 'id: id must be a UUID', 'id')
  return id.data
}

export function evidenceOf(input: unknown): string {
  const parsed = ZAccreditationDecisionInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  return parsed.data.evidenceNote
}

export async function suspendAccreditation({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { id: unknown; evidenceNote?: unknown }
  requestId?: string
}) {
  return decideAccreditation({
    deps,
    actor,
    id: idOf(input),
    action: 'SUSPEND',
    evidenceNote: evidenceOf(input),
    requestId,
  })
}
