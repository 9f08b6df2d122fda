// What an unexpected error may put in the log. Error messages can carry the data that caused them:
// Prisma's validation errors print the whole query with its values (a person's name, phone, date
// of birth) after the first line; a driver's can quote a row. The log keeps the error's name and
// code, the first line of its message with anything the PII detector finds replaced by its kind,
// and the stack's frames without the message repeated at their head.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Context, MiddlewareHandler } from 'hono'
import { pino, type DestinationStream, type Logger } from 'pino'
import { detectPii } from '@fsn/domain'
import type { AppEnv } from './env'

const MAX_MESSAGE = 300

export function scrubPii(text: string): string {
  let out = ''
  let at = 0
  for (const f of detectPii(text)) {
    if (f.start < at) continue
    out += `${text.slice(at, f.start)}[${f.kind}]`
    at = f.end
  }
  return out + text.slice(at)
}

export function loggableError(err: unknown): { name: string; code?: string; msg: string; stack?: string } {
  const e = (err ?? {}) as { name?: unknown; code?: unknown; message?: unknown; stack?: unknown }
  const message = typeof e.message === 'string' ? e.message : String(err)
  const firstLine = message.split('\n').find((l) => l.trim() !== '') ?? ''
  const frames =
    typeof e.stack === 'string'
      ? e.stack
          .split('\n')
          .filter((l) => /^\s+at /.test(l))
          .join('\n')
      : undefined
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    msg: scrubPii(firstLine.trim()).slice(0, MAX_MESSAGE),
    ...(frames ? { stack: frames } : {}),
  }
}

// ─── The structured log ──────────────────────────────────────────────────────────────────────────
// One JSON object a line (pino): time, level by name, pid, hostname, the request id of the request
// it happened in, and msg. Every line passes the scrubber: a message and any free-text field are
// read by the PII detector and what it finds is replaced by its kind, as for errors above. The
// request id comes from the request's scope (AsyncLocalStorage), so code far from the handler
// (GraphQL's error masking, a use case) logs it without being handed it.

export type { Logger }

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** Fields written by this code with known contents: not run through the detector. */
const PLAIN_FIELDS = new Set(['requestId', 'method', 'route', 'status', 'durationMs', 'worker', 'name', 'code', 'stack'])

function scrubFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields)) {
    out[key] = typeof value === 'string' && !PLAIN_FIELDS.has(key) ? scrubPii(value).slice(0, MAX_MESSAGE * 4) : value
  }
  return out
}

export function createLogger({
  level = 'info',
  destination = process.stdout,
}: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: scrubFields },
      // An error logged as { err } keeps what loggableError keeps, never the whole message.
      serializers: { err: (err: unknown) => loggableError(err) },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrubPii(a) : a)) as Parameters<typeof method>)
        },
      },
    },
    destination,
  )
}

/**
 * Without a logger of its own (tests, tools) the API logs errors only, through console.error as it
 * always has, so what a test captures from the console is everything that would be logged.
 */
const fallbackLogger = createLogger({ level: 'error', destination: { write: (line: string) => console.error(line.trimEnd()) } })

const requestScope = new AsyncLocalStorage<Logger>()

/** The logger of the request being served (its lines carry the request id), else the fallback. */
export function currentLogger(): Logger {
  return requestScope.getStore() ?? fallbackLogger
}

export interface RequestRecord {
  method: string
  /** The route pattern that answered ("/api/v1/referrals/:id"), never the path with its ids. */
  route: string
  status: number
  seconds: number
}

/**
 * After requestId(): every line logged while the request is served carries its id, and one line
 * per request says method, route pattern, status and duration (no path, no query string: they can
 * carry a search for a person's name). `onDone` gets the same record (metrics).
 */
export function requestLogging(
  logger: Logger = fallbackLogger,
  routeOf: (c: Context<AppEnv>) => string,
  onDone?: (record: RequestRecord) => void,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now()
    const log = logger.child({ requestId: c.get('requestId') })
    await requestScope.run(log, next)
    const record = { method: c.req.method, route: routeOf(c), status: c.res.status, seconds: (performance.now() - started) / 1000 }
    const { seconds, ...fields } = record
    log[record.status >= 500 ? 'warn' : 'info']({ ...fields, durationMs: Math.round(seconds * 10_000) / 10 }, 'request')
    onDone?.(record)
  }
}
