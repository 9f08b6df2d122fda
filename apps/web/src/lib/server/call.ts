// One way for pages to call the API as the signed-in user, and one way to turn its errors into
// what a page shows. The API decides every permission; these only translate its answers.
import { error, redirect, type RequestEvent } from '@sveltejs/kit'
import { t } from '$lib/i18n'
import { ApiError, type Operation } from './api'
import { api } from './config'

type Caller = Pick<RequestEvent, 'locals' | 'getClientAddress'>

/** Runs one operation with the user's session token; the answer's data, or an ApiError. */
export async function call<TData, TVars>(event: Caller, op: Operation<TData, TVars>, variables: TVars): Promise<TData> {
  const { data } = await api().graphql(op, variables, { token: event.locals.sessionToken, clientAddress: clientAddress(event) })
  return data
}

function clientAddress(event: Caller): string | undefined {
  try {
    return event.getClientAddress()
  } catch {
    return undefined
  }
}

/** Sends an anonymous visitor to sign in and back here afterwards. */
export function requireSignIn(event: Pick<RequestEvent, 'locals' | 'url'>): void {
  if (!event.locals.user) redirect(303, `/sign-in?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`)
}

/**
 * For load functions: the HTTP error page that matches an API refusal. Only our catalogue's words
 * reach the page for server faults; the API's own message is shown for what the user can act on.
 */
export function failLoad(e: unknown, event: Pick<RequestEvent, 'url'>, what: string): never {
  if (e instanceof ApiError) {
    if (e.code === 'UNAUTHENTICATED') redirect(303, `/sign-in?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`)
    if (e.code === 'FORBIDDEN') error(403, { message: t('error.forbidden'), code: e.code })
    // A mistyped or unknown id is a page that does not exist, whichever check caught it.
    if (e.code === 'NOT_FOUND' || (e.code === 'VALIDATION_FAILED' && e.field === 'referralId')) {
      error(404, { message: t('error.notFound'), code: 'NOT_FOUND' })
    }
    if (e.status === 400) error(400, { message: apiMessage(e), code: e.code })
  }
  console.error(`[web] ${what} failed:`, e instanceof Error ? e.message : e)
  error(503, { message: t('error.unavailable'), code: 'SERVICE_UNAVAILABLE' })
}

/**
 * The API's message without its leading "field: " (the API names the field for developers; the
 * page already shows the message next to that field).
 */
export function apiMessage(e: ApiError): string {
  const prefix = e.field ? `${e.field}: ` : null
  const text = prefix && e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export interface ActionProblem {
  /** The catalogue code, e.g. ROUTING_REFUSED; SERVICE_UNAVAILABLE for our own faults. */
  code: string
  /** Messages for the form as a whole, shown in the error summary. */
  messages: string[]
  /** The field the API named, when it named one. */
  field: string | null
  status: number
}

/**
 * For form actions: what to tell the user about a failed call. Every reason a rule gives is
 * listed (routing, consent), so the user can fix them all at once. Unexpected faults are logged
 * and described in our words only.
 */
export function actionProblem(e: unknown, what: string): ActionProblem {
  if (e instanceof ApiError && e.status < 500) {
    const messages = e.details.length > 0 ? e.details.map((d) => d.message) : [apiMessage(e)]
    return { code: e.code, messages, field: e.field ?? null, status: e.status }
  }
  console.error(`[web] ${what} failed:`, e instanceof Error ? e.message : e)
  return { code: 'SERVICE_UNAVAILABLE', messages: [t('error.unavailable')], field: null, status: 503 }
}
