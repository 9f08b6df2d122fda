import { fail } from '@sveltejs/kit'
import { t } from '$lib/i18n'
import { actionProblem, call, failLoad, requireSignIn } from '$lib/server/call'
import { MARK_NOTIFICATIONS_READ, NOTIFICATIONS } from '$lib/server/queries'
import type { Actions, PageServerLoad } from './$types'

const PAGE_SIZE = 50

export const load: PageServerLoad = async (event) => {
  requireSignIn(event)
  try {
    const data = await call(event, NOTIFICATIONS, { first: PAGE_SIZE, unreadOnly: false })
    return { unreadCount: data.notifications.unreadCount, items: data.notifications.items }
  } catch (e) {
    failLoad(e, event, 'notifications query')
  }
}

export const actions: Actions = {
  markAllRead: async (event) => {
    requireSignIn(event)
    try {
      await call(event, MARK_NOTIFICATIONS_READ, { ids: null })
    } catch (e) {
      const problem = actionProblem(e, 'mark notifications read')
      return fail(problem.status, { done: null, messages: problem.messages })
    }
    return { done: t('notifications.marked'), messages: [] as string[] }
  },
}
