// May a referral go to this service for this person now? Every reason it may not is returned, in
// words a connector can act on, because the send form shows them all at once (and a sender with a
// good reason can override some of them: Referral.routingOverrideReason).
// Guidelines, Social sector accreditation standards: providers delivering the Community Connection
// Service "are required to meet Level Three" and "to maintain their accreditation level", so the
// accreditation must be current at the time of the referral, not just once held.
import { SCHEMES, type AccreditationScheme } from '../accreditation'
import { formatNzDate } from '../sla/nz-time'
import type { AccreditationStatus, CapacityStatus, ServiceStatus } from './routing-enums'

export interface AccreditationRequirement {
  scheme: AccreditationScheme
  /** Lowest level that satisfies; null for any level (or for a scheme without levels). */
  minimumLevel: number | null
}

export interface RoutingService {
  /** For messages: "Community Connection Service requires ...". */
  name?: string
  status: ServiceStatus
  capacityStatus: CapacityStatus
  nationwide: boolean
  /** Regions the service covers, from its locations and service areas. */
  regionIds: readonly string[]
  /** Territorial authorities the service covers, from its service areas. */
  territorialAuthorityIds: readonly string[]
  requiredAccreditations: readonly AccreditationRequirement[]
}

export interface ProviderAccreditation {
  scheme: AccreditationScheme
  level: number | null
  status: AccreditationStatus
  validFrom: Date
  /** Exclusive: the accreditation no longer holds from this instant. Null for open-ended. */
  validTo: Date | null
}

export interface RoutingPerson {
  regionId: string
  territorialAuthorityId: string | null
}

export type RoutingReasonCode =
  | 'MISSING_ACCREDITATION'
  | 'LEVEL_TOO_LOW'
  | 'ACCREDITATION_EXPIRED'
  | 'ACCREDITATION_SUSPENDED'
  | 'ACCREDITATION_NOT_YET_VALID'
  | 'NO_CAPACITY'
  | 'OUTSIDE_SERVICE_AREA'
  | 'SERVICE_INACTIVE'

export interface RoutingReason {
  code: RoutingReasonCode
  message: string
  /** The requirement a reason about accreditation concerns. */
  scheme?: AccreditationScheme
}

export type RoutingDecision = { allowed: true } | { allowed: false; reasons: RoutingReason[] }

export interface RoutingInput {
  service: RoutingService
  providerAccreditations: readonly ProviderAccreditation[]
  person: RoutingPerson
  at: Date
}

const INACTIVE_WORDS: Record<Exclude<ServiceStatus, 'ACTIVE'>, string> = {
  INACTIVE: 'is not active',
  TEMPORARILY_CLOSED: 'is temporarily closed',
  DEFUNCT: 'is no longer offered',
}

/**
 * Checks, in this order, and reports every failure: the service is ACTIVE; it has capacity
 * (WAITLIST still takes referrals, only NO_CAPACITY refuses); the person lives in its area (a
 * nationwide service has none: otherwise the person's region or territorial authority must be one
 * it covers); and the provider holds each required accreditation, current at `at`.
 */
export function checkRouting(input: RoutingInput): RoutingDecision {
  const { service, person, at } = input
  const name = service.name?.trim() || 'This service'
  const reasons: RoutingReason[] = []

  if (service.status !== 'ACTIVE') {
    reasons.push({ code: 'SERVICE_INACTIVE', message: `${name} ${INACTIVE_WORDS[service.status]}.` })
  }
  if (service.capacityStatus === 'NO_CAPACITY') {
    reasons.push({ code: 'NO_CAPACITY', message: `${name} has no capacity to take referrals at the moment.` })
  }
  const inArea =
    service.nationwide ||
    service.regionIds.includes(person.regionId) ||
    (person.territorialAuthorityId !== null &&
      service.territorialAuthorityIds.includes(person.territorialAuthorityId))
  if (!inArea) {
    reasons.push({
      code: 'OUTSIDE_SERVICE_AREA',
      message: `${name} does not cover the area where the person lives.`,
    })
  }
  for (const requirement of service.requiredAccreditations) {
    reasons.push(...checkAccreditation(name, requirement, input.providerAccreditations, at))
  }
  return reasons.length === 0 ? { allowed: true } : { allowed: false, reasons }
}

/** "MSD Social Sector Accreditation Standards Level 3", as the guidelines say it. */
export function requirementLabel(req: AccreditationRequirement): string {
  const def = SCHEMES[req.scheme]
  if (def.levels.length === 0) return def.name
  return req.minimumLevel === null
    ? `${def.name} accreditation (any level)`
    : `${def.name} Level ${req.minimumLevel}`
}

function levelWords(scheme: AccreditationScheme, level: number | null): string {
  return SCHEMES[scheme].levels.length === 0 || level === null ? SCHEMES[scheme].name : `Level ${level}`
}

/**
 * One requirement against the provider's records of that scheme. Revoked records are ignored.
 * A current suspension blocks even if another current record would satisfy: the suspension is of
 * the organisation's accreditation, and the records are its history (the quality team ends the
 * suspended record when it is lifted). Otherwise the best current ACTIVE or PROVISIONAL record
 * counts; when none satisfies, expired and not-yet-valid records that would have are named, so the
 * message says what to renew or wait for.
 */
function checkAccreditation(
  serviceName: string,
  req: AccreditationRequirement,
  held: readonly ProviderAccreditation[],
  at: Date,
): RoutingReason[] {
  const t = at.getTime()
  const records = held.filter((a) => a.scheme === req.scheme && a.status !== 'REVOKED')
  const isCurrent = (a: ProviderAccreditation) =>
    a.validFrom.getTime() <= t && (a.validTo === null || t < a.validTo.getTime())
  const meets = (a: ProviderAccreditation) =>
    req.minimumLevel === null || (a.level !== null && a.level >= req.minimumLevel)
  const current = records.filter(isCurrent)
  const usable = current.filter((a) => a.status === 'ACTIVE' || a.status === 'PROVISIONAL')
  const suspended = current.filter((a) => a.status === 'SUSPENDED')
  const requires = `${serviceName} requires ${requirementLabel(req)}`
  const schemeName = SCHEMES[req.scheme].name
  const reason = (code: RoutingReasonCode, tail: string): RoutingReason => ({
    code,
    message: `${requires}; ${tail}`,
    scheme: req.scheme,
  })

  const suspension = suspended.sort((a, b) => (b.level ?? 0) - (a.level ?? 0))[0]
  if (suspension) {
    return [
      reason(
        'ACCREDITATION_SUSPENDED',
        `this provider’s ${levelWords(req.scheme, suspension.level)} accreditation is suspended`,
      ),
    ]
  }
  if (usable.some(meets)) return []

  const reasons: RoutingReason[] = []
  const best = [...usable].sort((a, b) => (b.level ?? 0) - (a.level ?? 0))[0]
  if (best) reasons.push(reason('LEVEL_TOO_LOW', `this provider holds ${levelWords(req.scheme, best.level)}`))

  // When the provider holds something current, only lapsed records that would have met the
  // requirement are worth naming; when it holds nothing current, any lapsed record explains why.
  const relevant = (a: ProviderAccreditation) => (best ? meets(a) : true)
  const expired = records
    .filter((a) => a.validTo !== null && a.validTo.getTime() <= t && relevant(a))
    .sort((a, b) => (b.validTo?.getTime() ?? 0) - (a.validTo?.getTime() ?? 0))[0]
  const future = records
    .filter((a) => a.validFrom.getTime() > t && relevant(a))
    .sort((a, b) => a.validFrom.getTime() - b.validFrom.getTime())[0]
  if (expired?.validTo) {
    reasons.push(
      reason(
        'ACCREDITATION_EXPIRED',
        `this provider’s ${levelWords(req.scheme, expired.level)} accreditation ` +
          `expired on ${formatNzDate(expired.validTo)}`,
      ),
    )
  }
  if (future) {
    reasons.push(
      reason(
        'ACCREDITATION_NOT_YET_VALID',
        `this provider’s ${levelWords(req.scheme, future.level)} accreditation ` +
          `is not valid until ${formatNzDate(future.validFrom)}`,
      ),
    )
  }
  if (reasons.length === 0) {
    reasons.push(
      reason(
        'MISSING_ACCREDITATION',
        SCHEMES[req.scheme].levels.length === 0
          ? 'this provider does not hold it'
          : `this provider holds no ${schemeName} accreditation`,
      ),
    )
  }
  return reasons
}
