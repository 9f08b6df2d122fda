// Revokes an accreditation. Final: routing ignores revoked records; a new grant is a new record.
import type { Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { decideAccreditation } from './decide'
import { evidenceOf, idOf } from './suspend-accreditation'

export async function revokeAccreditation({
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
    action: 'REVOKE',
    evidenceNote: evidenceOf(input),
    requestId,
  })
}
