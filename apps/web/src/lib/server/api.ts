// Typed client for apps/api. The web server is one more API client: it holds no data of its own
// and forwards the user's session token so the API makes every authorisation decision.
import { readSessionSetCookie, SESSION_COOKIE, type SessionCookie } from './session'

/** One reason among several, where a rule gives them all (ROUTING_REFUSED, CONSENT_REQUIRED). */
export interface ApiErrorDetail {
  code: string
  message: string
}

export class ApiError extends Error {
  readonly code: string
  readonly status: number
  readonly field: string | undefined
  readonly details: readonly ApiErrorDetail[]

  constructor(code: string, message: string, status: number, field?: string, details: readonly ApiErrorDetail[] = []) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.status = status
    this.field = field
    this.details = details
  }
}

/** A GraphQL document tagged with the shapes of its result and variables. */
export interface Operation<TData, TVars> {
  readonly query: string
  /** Never set: carries the types only. */
  readonly __types?: { data: TData; variables: TVars }
}

export function operation<TData, TVars extends Record<string, unknown> = Record<string, never>>(
  query: string,
): Operation<TData, TVars> {
  return { query }
}

export interface CallContext {
  /** The user's session token from the fsn_session cookie, if any. */
  token?: string | null
  /** The browser's address, so the API's sign-in rate limit counts people, not our server. */
  clientAddress?: string | undefined
  /** The browser's User-Agent, recorded by the API against the session it creates. */
  userAgent?: string | null | undefined
}

export interface ApiOptions {
  baseUrl: string
  fetch?: typeof fetch
  timeoutMs?: number
}

export interface SignInResult {
  user: { id: string; email: string; name: string }
  expiresAt: string
  session: SessionCookie
}

interface GraphQLResponse<TData> {
  data?: TData | null
  errors?: { message: string; extensions?: { code?: string; field?: string; details?: ApiErrorDetail[] } }[]
}

export type Api = ReturnType<typeof createApi>

export function createApi({ baseUrl, fetch: fetchImpl = fetch, timeoutMs = 10_000 }: ApiOptions) {
  const base = baseUrl.replace(/\/+$/, '')

  async function request(path: string, init: RequestInit, ctx: CallContext): Promise<Response> {
    const headers = new Headers(init.headers)
    headers.set('accept', 'application/json')
    if (ctx.token) headers.set('cookie', `${SESSION_COOKIE}=${ctx.token}`)
    if (ctx.clientAddress) headers.set('x-forwarded-for', ctx.clientAddress)
    if (ctx.userAgent) headers.set('user-agent', ctx.userAgent)
    try {
      return await fetchImpl(`${base}${path}`, { ...init, headers, signal: AbortSignal.timeout(timeoutMs) })
    } catch (cause) {
      throw new ApiError('SERVICE_UNAVAILABLE', `API unreachable at ${base}: ${String(cause)}`, 503)
    }
  }

  async function errorFrom(res: Response): Promise<ApiError> {
    const body = (await res.json().catch(() => null)) as { code?: string; message?: string; field?: string } | null
    return new ApiError(body?.code ?? 'INTERNAL', body?.message ?? `API answered ${res.status}`, res.status, body?.field)
  }

  return {
    /** Runs one GraphQL operation; `session` is set when the API refreshed or cleared the cookie. */
    async graphql<TData, TVars>(
      op: Operation<TData, TVars>,
      variables: TVars,
      ctx: CallContext = {},
    ): Promise<{ data: TData; session: SessionCookie | null }> {
      const res = await request(
        '/graphql',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: op.query, variables }) },
        ctx,
      )
      const body = (await res.json().catch(() => null)) as GraphQLResponse<TData> | null
      const first = body?.errors?.[0]
      if (first) {
        const code = first.extensions?.code ?? 'INTERNAL'
        const details = Array.isArray(first.extensions?.details) ? first.extensions.details : []
        throw new ApiError(code, first.message, res.ok ? statusOf(code) : res.status, first.extensions?.field, details)
      }
      if (!res.ok || !body?.data) throw new ApiError('INTERNAL', `GraphQL answered ${res.status} without data`, res.status)
      return { data: body.data, session: readSessionSetCookie(res.headers) }
    },

    async signIn(input: { email: string; password: string }, ctx: CallContext = {}): Promise<SignInResult> {
      const res = await request(
        '/auth/sign-in',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) },
        ctx,
      )
      if (!res.ok) throw await errorFrom(res)
      const body = (await res.json()) as Omit<SignInResult, 'session'>
      const session = readSessionSetCookie(res.headers)
      if (!session?.value) throw new ApiError('INTERNAL', 'sign-in answered 200 without a session cookie', 502)
      // Fall back to the body's expiry when the cookie carried neither Max-Age nor Expires.
      if (session.maxAge === null) {
        const at = Date.parse(body.expiresAt)
        if (!Number.isNaN(at)) session.maxAge = Math.floor((at - Date.now()) / 1000)
      }
      return { ...body, session }
    },

    async signOut(ctx: CallContext): Promise<void> {
      const res = await request('/auth/sign-out', { method: 'POST' }, ctx)
      // 401 means the session had already ended: the outcome the user asked for.
      if (!res.ok && res.status !== 401) throw await errorFrom(res)
    },
  }
}

// GraphQL answers 200 with errors; map the catalogue codes (Conventions 8) back to HTTP meaning.
function statusOf(code: string): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'BAD_REQUEST':
      return 400
    case 'UNAUTHENTICATED':
      return 401
    case 'FORBIDDEN':
      return 403
    case 'NOT_FOUND':
      return 404
    case 'CONFLICT':
      return 409
    case 'ROUTING_REFUSED':
    case 'CONSENT_REQUIRED':
      return 422
    case 'RATE_LIMITED':
      return 429
    case 'SERVICE_UNAVAILABLE':
      return 503
    default:
      return 500
  }
}
