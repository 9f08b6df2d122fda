// Email adapters behind the EmailSender port. Development writes to a file you can read; nothing
// here talks to a mail server (none is reachable from our machines).
import type { EmailSender } from '@fsn/services'
import { dedupedJsonlSink } from './jsonl-sink'

/**
 * Appends one JSON line per email. Remembers every dedupeKey already in the file (read once per
 * process), so the outbox re-sending after a crash writes nothing twice: exactly once here, as a
 * mail service's idempotency key would make it.
 */
export function fileEmailSender(path: string): EmailSender {
  return dedupedJsonlSink(path)
}

export function consoleEmailSender(): EmailSender {
  return {
    async send(message) {
      console.log(JSON.stringify({ level: 'info', msg: 'email', to: message.to, subject: message.subject }))
    },
  }
}

export const discardEmailSender: EmailSender = { send: async () => undefined }
