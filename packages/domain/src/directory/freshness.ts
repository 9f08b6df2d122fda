// Listing freshness. Guidelines, "Family services directory": providers must keep their listing up
// to date. A listing not verified within staleAfterDays (one number, search/settings.json, which the
// search engines read too) is stale: flagged to connectors and ranked below current listings, and
// the provider is asked to check it. Never hidden: an old listing is still better than none.

const DAY_MS = 86_400_000

export interface ListingFreshness {
  stale: boolean
  /** Whole days since the last verification; null when never verified. */
  daysSinceVerified: number | null
  /** When the listing turns stale unless verified again; null when never verified (stale now). */
  verifyBy: Date | null
}

/**
 * Stale when never verified, or verified more than staleAfterDays ago (the same cutoff as the
 * search engines: verified before now minus staleAfterDays days).
 */
export function listingFreshness(
  lastVerifiedAt: Date | null,
  now: Date,
  staleAfterDays: number,
): ListingFreshness {
  if (!Number.isInteger(staleAfterDays) || staleAfterDays <= 0) {
    throw new RangeError(`staleAfterDays must be a positive whole number of days, not ${staleAfterDays}`)
  }
  if (lastVerifiedAt === null) return { stale: true, daysSinceVerified: null, verifyBy: null }
  const ageMs = now.getTime() - lastVerifiedAt.getTime()
  return {
    stale: ageMs > staleAfterDays * DAY_MS,
    // A verification stamped a moment ahead of this clock (another server's) is today's.
    daysSinceVerified: Math.max(0, Math.floor(ageMs / DAY_MS)),
    verifyBy: new Date(lastVerifiedAt.getTime() + staleAfterDays * DAY_MS),
  }
}
