// Renews an accreditation: a new last valid day (and level, when the renewal changes it). The
// reminders key on the expiry, so the renewed accreditation is reminded again before its new date.
import {
  AppError,
  isValidLevel,
  lapseInstantOf,
  validationError,
  ZRenewAccreditationInput,
  levelMessage,
  type Actor,
} from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { decideAccreditation } from './decide'
import { idOf } from './suspend-accreditation'

export async function renewAccreditation({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: { id: unknown } & Record<string, unknown>
  requestId?: string
}) {
  const id = idOf(input)
  const parsed = ZRenewAccreditationInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const current = await deps.prisma.accreditation.findUnique({
    where: { id },
    select: { scheme: true, validFrom: true },
  })
  if (!current) throw new AppError('NOT_FOUND', 'No such accreditation.')
  const { level, validTo, evidenceNote } = parsed.data
  if (level !== undefined && !isValidLevel(current.scheme, level)) {
    throw new AppError('VALIDATION_FAILED', levelMessage(current.scheme), 'level')
  }
  const lapse = validTo === null ? null : lapseInstantOf(validTo)
  if (lapse !== null && lapse.getTime() <= current.validFrom.getTime()) {
    throw new AppError('VALIDATION_FAILED', 'validTo must not be before validFrom', 'validTo')
  }
  return decideAccreditation({
    deps,
    actor,
    id,
    action: 'RENEW',
    evidenceNote,
    changes: { validTo: lapse, ...(level !== undefined ? { level } : {}) },
    requestId,
  })
}
