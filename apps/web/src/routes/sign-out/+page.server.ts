import { redirect } from '@sveltejs/kit'
import { api } from '$lib/server/config'
import { SESSION_COOKIE } from '$lib/server/session'
import type { Actions, PageServerLoad } from './$types'

export const load: PageServerLoad = ({ locals }) => {
  if (!locals.user) redirect(303, '/sign-in')
}

export const actions: Actions = {
  default: async ({ cookies, locals }) => {
    const token = cookies.get(SESSION_COOKIE)
    if (token) {
      try {
        // Ends the session on the API too, so a copied cookie stops working everywhere.
        await api().signOut({ token })
      } catch (error) {
        console.error('[web] sign-out at the API failed:', error instanceof Error ? error.message : error)
      }
    }
    cookies.delete(SESSION_COOKIE, { path: '/' })
    locals.user = null
    redirect(303, '/sign-in')
  },
}
