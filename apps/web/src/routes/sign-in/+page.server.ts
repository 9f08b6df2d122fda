import { fail, redirect } from '@sveltejs/kit'
import { ZSignInInput } from '@fsn/domain'
import { t } from '$lib/i18n'
import { ApiError } from '$lib/server/api'
import { api } from '$lib/server/config'
import { SESSION_COOKIE, safeRedirectPath, sessionCookieOptions } from '$lib/server/session'
import type { Actions, PageServerLoad } from './$types'

type Field = 'email' | 'password'

export interface SignInFailure {
  email: string
  errors: Partial<Record<Field, string>>
  /** A message about the whole form (wrong credentials, rate limit, API down). */
  message: string | null
}

export const load: PageServerLoad = ({ locals, url }) => {
  const redirectTo = safeRedirectPath(url.searchParams.get('redirectTo'))
  if (locals.user) redirect(303, redirectTo)
  return { redirectTo }
}

export const actions: Actions = {
  default: async ({ request, cookies, url, getClientAddress }) => {
    const form = await request.formData()
    const email = String(form.get('email') ?? '').trim()
    const password = String(form.get('password') ?? '')
    const redirectTo = safeRedirectPath(form.get('redirectTo'))

    // The same schema the API applies, so a typo is caught without a round trip; the messages are
    // ours because the schema's are written for developers.
    const parsed = ZSignInInput.safeParse({ email, password })
    if (!parsed.success) {
      const errors: SignInFailure['errors'] = {}
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'email') errors.email = t('signIn.errorEmail')
        if (issue.path[0] === 'password') errors.password = t('signIn.errorPassword')
      }
      return fail(400, { email, errors, message: null } satisfies SignInFailure)
    }

    let result
    try {
      result = await api().signIn(parsed.data, { clientAddress: getClientAddress(), userAgent: request.headers.get('user-agent') })
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) {
        if (error.code === 'VALIDATION_FAILED' && (error.field === 'email' || error.field === 'password')) {
          return fail(400, { email, errors: { [error.field]: error.message }, message: null } satisfies SignInFailure)
        }
        // INVALID_CREDENTIALS, RATE_LIMITED: the API's words, which never reveal whether the account exists.
        return fail(error.status, { email, errors: {}, message: error.message } satisfies SignInFailure)
      }
      console.error('[web] sign-in failed:', error instanceof Error ? error.message : error)
      return fail(503, { email, errors: {}, message: t('signIn.errorUnavailable') } satisfies SignInFailure)
    }

    cookies.set(SESSION_COOKIE, result.session.value, sessionCookieOptions(url, result.session.maxAge))
    redirect(303, redirectTo)
  },
}
