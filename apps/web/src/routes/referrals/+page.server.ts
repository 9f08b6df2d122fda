import { error, redirect } from '@sveltejs/kit'
import { REFERRAL_STATUSES, type ReferralStatus } from '@fsn/domain'
import { can, canUseReferrals } from '$lib/capabilities'
import { t } from '$lib/i18n'
import { call, failLoad } from '$lib/server/call'
import { REFERRALS } from '$lib/server/queries'
import type { ReferralBox, ReferralSummary } from '$lib/types'
import type { PageServerLoad } from './$types'

const PAGE_SIZE = 20
/** Enough for any provider's day; more than this and the link to the full list is shown. */
const WAITING_LIMIT = 50

const isStatus = (value: string | null): value is ReferralStatus =>
  value !== null && (REFERRAL_STATUSES as readonly string[]).includes(value)
const AFTER = /^[\w.~+/=:-]{1,200}$/

export const load: PageServerLoad = async (event) => {
  const { locals, url } = event
  if (!locals.user) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  if (!canUseReferrals(locals.user)) error(403, { message: t('error.forbidden'), code: 'FORBIDDEN' })

  // Responders (provider intake) work from the inbox; senders (connectors, triage, OT) from the
  // outbox; someone with both capabilities switches between them.
  const boxes: ReferralBox[] = [
    ...(can(locals.user, 'referral:respond') ? (['INBOX'] as const) : []),
    ...(can(locals.user, 'referral:send') ? (['OUTBOX'] as const) : []),
  ]
  const asked = url.searchParams.get('box')?.toUpperCase()
  const box: ReferralBox = boxes.find((b) => b === asked) ?? boxes[0]!
  const rawStatus = url.searchParams.get('status')
  const status = isStatus(rawStatus) ? rawStatus : null
  const overdue = ['1', 'true', 'on'].includes(url.searchParams.get('overdue') ?? '')
  const rawAfter = url.searchParams.get('after')
  const after = rawAfter && AFTER.test(rawAfter) ? rawAfter : null

  // Guidelines, Service Agreements: a provider must accept or decline within 12 business hours, so
  // the inbox opens with the referrals still waiting for an answer, the most urgent first.
  const splitWaiting = box === 'INBOX' && status === null && !overdue
  const listStatuses = splitWaiting ? REFERRAL_STATUSES.filter((s) => s !== 'SENT') : status ? [status] : null

  try {
    const [waiting, list] = await Promise.all([
      splitWaiting && after === null
        ? call(event, REFERRALS, { box, status: ['SENT'], overdue: null, first: WAITING_LIMIT, after: null })
        : null,
      call(event, REFERRALS, { box, status: listStatuses, overdue: overdue || null, first: PAGE_SIZE, after }),
    ])
    const byDeadline = (a: ReferralSummary, b: ReferralSummary) => (a.respondBy ?? '').localeCompare(b.respondBy ?? '')
    return {
      boxes,
      box,
      filters: { status, overdue },
      after,
      waiting: waiting
        ? { totalCount: waiting.referrals.totalCount, rows: waiting.referrals.edges.map((e) => e.node).sort(byDeadline) }
        : null,
      splitWaiting,
      totalCount: list.referrals.totalCount,
      pageInfo: list.referrals.pageInfo,
      rows: list.referrals.edges.map((e) => e.node),
    }
  } catch (e) {
    failLoad(e, event, 'referrals query')
  }
}
