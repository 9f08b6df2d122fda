import { call } from '$lib/server/call'
import { UNREAD_COUNT } from '$lib/server/queries'
import type { LayoutServerLoad } from './$types'

export const load: LayoutServerLoad = async (event) => {
  const { locals } = event
  // Reloaded after every form action (and with it, after marking notifications read).
  event.depends('app:notifications')
  if (!locals.user) return { user: null, unreadNotifications: null }
  try {
    const data = await call(event, UNREAD_COUNT, {})
    return { user: locals.user, unreadNotifications: data.notifications.unreadCount }
  } catch (e) {
    // The count is a courtesy: a page must not fail because the inbox could not be counted.
    console.error('[web] unread notification count failed:', e instanceof Error ? e.message : e)
    return { user: locals.user, unreadNotifications: null }
  }
}
