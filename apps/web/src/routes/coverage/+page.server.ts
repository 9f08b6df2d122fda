import { error, redirect } from '@sveltejs/kit'
import { canViewCoverage } from '$lib/capabilities'
import { t } from '$lib/i18n'
import type { PageServerLoad } from './$types'

export const load: PageServerLoad = ({ locals, url }) => {
  if (!locals.user) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(url.pathname)}`)
  if (!canViewCoverage(locals.user)) error(403, { message: t('error.forbidden'), code: 'FORBIDDEN' })
}
