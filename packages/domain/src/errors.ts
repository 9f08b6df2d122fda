// One error catalogue (Conventions 8): REST bodies are { code, message, field?, requestId } and
// GraphQL errors carry the same code in extensions.

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid.' },
  BAD_REQUEST: { status: 400, message: 'The request could not be read.' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in to do this.' },
  // Deliberately the same for an unknown email and a wrong password: never say whether a user exists.
  INVALID_CREDENTIALS: { status: 401, message: 'The email or password is not right.' },
  FORBIDDEN: { status: 403, message: 'You do not have permission to do this.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  CONFLICT: { status: 409, message: 'This conflicts with the current state.' },
  // Accreditation, capacity, area or status rules refuse this provider; details list every reason.
  ROUTING_REFUSED: { status: 422, message: 'This provider cannot take this referral.' },
  // Privacy Act 2020 and the guidelines: no referral without a live consent covering it.
  CONSENT_REQUIRED: { status: 422, message: 'The consent does not cover this referral.' },
  // A GraphQL query whose cost (most objects it could return) is over the caller's budget
  // (packages/graphql/src/limits.ts); refused before any resolver runs.
  QUERY_TOO_COSTLY: { status: 400, message: 'The query asks for too much at once.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send JSON (Content-Type: application/json).' },
  RATE_LIMITED: { status: 429, message: 'Too many requests. Try again shortly.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'A service this needs is unavailable. Try again shortly.' },
} as const satisfies Record<string, { status: number; message: string }>

export type ErrorCode = keyof typeof ERRORS

export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly field: string | undefined
  /** Every reason, where a rule gives several (routing, consent). */
  readonly details: readonly ErrorDetail[] | undefined

  constructor(code: ErrorCode, message?: string, field?: string, details?: readonly ErrorDetail[]) {
    super(message ?? ERRORS[code].message)
    this.name = 'AppError'
    this.code = code
    this.status = ERRORS[code].status
    this.field = field
    this.details = details
  }
}

/**
 * Tells an AppError by its brand as well as its class: a test runner or bundler can load this
 * module twice, and a second copy's class would fail `instanceof`.
 */
export function isAppError(e: unknown): e is AppError {
  return (
    e instanceof AppError ||
    (e instanceof Error &&
      e.name === 'AppError' &&
      typeof (e as AppError).code === 'string' &&
      (e as AppError).code in ERRORS)
  )
}

export interface ErrorDetail {
  code: string
  message: string
}

export interface ErrorBody {
  code: ErrorCode
  message: string
  field?: string
  details?: readonly ErrorDetail[]
  requestId?: string
}

/** Minimal shape of a zod issue, so this file needs no zod import. */
interface IssueLike {
  path: readonly PropertyKey[]
  message: string
}

/** Names the first failing field as a dotted path: "email", "locations.0.postcode". */
export function fieldOf(issue: IssueLike): string {
  return issue.path.map(String).join('.') || '(body)'
}

export function validationError(issues: readonly IssueLike[]): AppError {
  const first = issues[0]
  if (!first) return new AppError('VALIDATION_FAILED')
  const field = fieldOf(first)
  return new AppError('VALIDATION_FAILED', `${field}: ${first.message}`, field)
}
