// What an unexpected error may put in the log. Error messages can carry the data that caused them:
// Prisma's validation errors print the whole query with its values (a person's name, phone, date
// of birth) after the first line; a driver's can quote a row. The log keeps the error's name and
// code, the first line of its message with anything the PII detector finds replaced by its kind,
// and the stack's frames without the message repeated at their head.
import { detectPii } from '@fsn/domain'

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
