import type { Capability } from '@fsn/domain'
import type { SessionUser } from './types'

// What the navigation offers. Only a hint for the UI: the API refuses what a user may not do.
export function can(user: SessionUser | null, ...any: Capability[]): boolean {
  return user !== null && any.some((c) => user.capabilities.includes(c))
}

export const canUseReferrals = (user: SessionUser | null) => can(user, 'referral:send', 'referral:respond')
export const canViewCoverage = (user: SessionUser | null) => can(user, 'coverage:view-region', 'coverage:view-national')
export const canReport = (user: SessionUser | null) => can(user, 'reporting:submit')
