// What the provider page, the listing editor and the home page share: who the UI offers editing
// to (a hint only: the API decides, and answers FORBIDDEN to anyone else), how stale a listing is
// for the prompt, and the one-click "Still correct" form action.
import { error, fail, type RequestEvent } from '@sveltejs/kit'
import { LANGUAGES, ROLE_CAPABILITIES } from '@fsn/domain'
import { can } from '$lib/capabilities'
import { t, type MessageKey } from '$lib/i18n'
import { COMMON_LANGUAGES } from '$lib/listing'
import type { ListingChange, ListingFreshness, Region, ServiceCategoryOption, SessionUser } from '$lib/types'
import { actionProblem, call, requireSignIn } from './call'
import { VERIFY_LISTING, type RawListingChange } from './queries'
import { UUID, text } from './refer'

/** The API said there is no such organisation (its `organisation` answers null). */
export function notFound(): never {
  error(404, { message: t('provider.notFound'), code: 'NOT_FOUND' })
}

/** A change with its before and after values read from the API's JSON. */
export function toListingChange(raw: RawListingChange): ListingChange {
  const parse = (json: string | null): unknown => {
    if (json === null) return null
    try {
      return JSON.parse(json)
    } catch {
      return json
    }
  }
  return { ...raw, changes: raw.changes.map((c) => ({ field: c.field, from: parse(c.from), to: parse(c.to) })) }
}

/** The API refused this person the editor: a 403 page that says who may edit instead. */
export function forbidden(): never {
  error(403, { message: t('edit.forbidden'), code: 'FORBIDDEN' })
}

/** Staff whose own membership of this organisation lets them keep its listing (PROVIDER_ADMIN). */
export function isListingStaff(user: SessionUser | null, organisationId: string): boolean {
  return (
    user?.memberships.some(
      (m) => m.organisation?.id === organisationId && ROLE_CAPABILITIES[m.role].includes('directory:edit-own-listing'),
    ) ?? false
  )
}

/** Offer the editor to the organisation's own staff and to national administrators (moderators). */
export function mayOfferEdit(user: SessionUser | null, organisationId: string): boolean {
  return isListingStaff(user, organisationId) || can(user, 'directory:moderate')
}

/**
 * For "last verified N days ago": the part of the listing verified longest ago, which is what
 * makes it stale (the organisation's details or any of its services); null when some part never was.
 */
export function oldestVerification(listing: { freshness: ListingFreshness; services: { freshness: ListingFreshness }[] }): number | null {
  const all = [listing.freshness, ...listing.services.map((s) => s.freshness)]
  if (all.some((f) => f.daysSinceVerified === null)) return null
  return Math.max(...all.map((f) => f.daysSinceVerified ?? 0))
}

export interface VerifyProblem {
  action: 'verify'
  organisationId: string
  messages: string[]
  conflict: boolean
}

/**
 * The "Still correct" form action: verifyListing for the organisation, at the version the page
 * showed (a CONFLICT means someone changed it since: review it again before confirming).
 */
export async function verifyListingAction(event: RequestEvent) {
  requireSignIn(event)
  const form = await event.request.formData()
  const organisationId = text(form, 'organisationId')
  const expectedUpdatedAt = text(form, 'expectedUpdatedAt')
  if (!UUID.test(organisationId)) {
    return fail(400, { action: 'verify' as const, organisationId, messages: ['That listing could not be found.'], conflict: false })
  }
  try {
    const { verifyListing } = await call(event, VERIFY_LISTING, { input: { organisationId, expectedUpdatedAt } })
    return { action: 'verify' as const, organisationId, verified: { name: verifyListing.name, at: verifyListing.lastVerifiedAt } }
  } catch (e) {
    const problem = actionProblem(e, 'verify listing')
    return fail(problem.status, {
      action: 'verify' as const,
      organisationId,
      messages: problem.messages,
      conflict: problem.code === 'CONFLICT',
    } satisfies VerifyProblem)
  }
}

const CATEGORY_GROUPS: readonly string[] = ['MSD_COORDINATED', 'HEALTH_LED', 'OTHER_AGENCIES', 'FAMILY_SERVICES', 'NETWORK']

/**
 * What the service form offers: categories in their Table 1 groups, the regions, and languages (the
 * common ones first, the rest of the directory's list behind "More languages").
 */
export function serviceFormChoices(editor: { serviceCategories: ServiceCategoryOption[]; regions: Region[] }) {
  const groups = new Map<string, { key: string; label: string; categories: { code: string; name: string }[] }>()
  for (const c of editor.serviceCategories) {
    const key = c.group && CATEGORY_GROUPS.includes(c.group) ? c.group : 'OTHER'
    const label = key === 'OTHER' ? t('edit.otherCategories') : t(`categoryGroup.${key}` as MessageKey)
    if (!groups.has(key)) groups.set(key, { key, label, categories: [] })
    groups.get(key)!.categories.push({ code: c.code, name: c.name })
  }
  const common = new Set(COMMON_LANGUAGES.map((l) => l.code))
  return {
    categoryGroups: [...groups.values()],
    regions: editor.regions.map((r) => ({ code: r.code, name: r.name })),
    languages: {
      common: COMMON_LANGUAGES.map((l) => ({ code: l.code, name: l.name, lang: l.lang })),
      more: Object.entries(LANGUAGES)
        .filter(([code]) => !common.has(code))
        .map(([code, name]) => ({ code, name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'en-NZ')),
    },
  }
}
