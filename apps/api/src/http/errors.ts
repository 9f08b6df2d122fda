// Maps every failure to the one error body: { code, message, field?, requestId }. Never a stack.
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ERRORS, isAppError, validationError, type ErrorBody, type ErrorCode } from '@fsn/domain'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from './env'
import { currentLogger } from './log'

export function errorResponse(
  c: Context<AppEnv>,
  code: ErrorCode,
  message?: string,
  field?: string,
  details?: ErrorBody['details'],
) {
  const body: ErrorBody = { code, message: message ?? ERRORS[code].message, requestId: c.get('requestId') }
  if (field) body.field = field
  if (details?.length) body.details = details
  return c.json(body, ERRORS[code].status as ContentfulStatusCode)
}

/** True when the database (PGlite or Postgres) cannot be reached: answer 503, not 500. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const text =
    String((err as { message?: string })?.message ?? '') + String((err as { code?: string })?.code ?? '')
  // P1001/P1008/P1017 and their messages: Prisma's own words for the same failures; "not
  // queryable": pg's for a pooled client whose connection died (faults test, issue 7).
  return /ECONNREFUSED|ECONNRESET|57P01|57P03|08006|08001|P1001|P1008|P1017|Connection terminated|timeout exceeded when trying to connect|Can't reach database server|Server has closed the connection|Operation has timed out|not queryable|PGlite is closed/i.test(
    text,
  )
}

export function onError(err: Error, c: Context<AppEnv>) {
  if (isAppError(err)) return errorResponse(c, err.code, err.message, err.field, err.details)
  if (err instanceof HTTPException) {
    if (err.status === 413) return errorResponse(c, 'PAYLOAD_TOO_LARGE')
    if (err.status === 401) return errorResponse(c, 'UNAUTHENTICATED')
    // A body in a media type the route does not declare (zod-openapi's gate).
    if (err.status === 415) return errorResponse(c, 'UNSUPPORTED_MEDIA_TYPE')
    // The validators throw these only when the body cannot be read at all ("Malformed JSON in
    // request body"): the whole body is the field at fault.
    return errorResponse(c, 'BAD_REQUEST', err.message || undefined, '(body)')
  }
  if (isDatabaseUnavailable(err)) return errorResponse(c, 'SERVICE_UNAVAILABLE')
  // Never err.message as it stands: Prisma's carries the query's values (the logger's err
  // serializer keeps what loggableError keeps; the line carries the request id).
  currentLogger().error({ err }, 'unexpected error')
  return errorResponse(c, 'INTERNAL')
}

/** zod-openapi's defaultHook: a failed request schema becomes a 400 naming the field. */
export function defaultHook(
  result:
    | { success: true }
    | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } },
  c: Context<AppEnv>,
) {
  if (!result.success) {
    const e = validationError(result.error.issues)
    return errorResponse(c, e.code, e.message, e.field)
  }
  return undefined
}
