// Lifts a suspension: the accreditation holds again (until its last valid day).
import type { Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { decideAccreditation } from './decide'
import { evidenceOf, idOf } from './suspend-accreditation'

export async function reinstateAccreditation({
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
    action: 'REINSTATE',
    evidenceNote: evidenceOf(input),
    requestId,
  })
}
