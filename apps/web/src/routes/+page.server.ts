import { redirect } from '@sveltejs/kit'
import type { PageServerLoad } from './$types'

export const load: PageServerLoad = ({ locals }) => {
  // The home page is about the signed-in person; anonymous visitors sign in (or use the public directory from there).
  if (!locals.user) redirect(303, '/sign-in')
  return { me: locals.user }
}
