// Email adapters behind the EmailSender port. Development writes to a file you can read; nothing
// here talks to a mail server (none is reachable from our machines).
import { appendFile, mkdir, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { EmailSender } from '@fsn/services'

/**
 * Appends one JSON line per email. Remembers every dedupeKey already in the file (read once per
 * process), so the outbox re-sending after a crash writes nothing twice: exactly once here, as a
 * mail service's idempotency key would make it.
 */
export function fileEmailSender(path: string): EmailSender {
  let keys: Promise<Set<string>> | null = null
  const loadKeys = async () => {
    const seen = new Set<string>()
    const text = await readFile(path, 'utf8').catch(() => '')
    for (const line of text.split('\n')) {
      try {
        const key = (JSON.parse(line) as { dedupeKey?: unknown }).dedupeKey
        if (typeof key === 'string') seen.add(key)
      } catch {
        // a blank or torn last line: not a sent email
      }
    }
    return seen
  }
  return {
    async send(message) {
      await mkdir(dirname(path), { recursive: true })
      const seen = await (keys ??= loadKeys())
      if (message.dedupeKey !== undefined && seen.has(message.dedupeKey)) return
      await appendFile(path, JSON.stringify({ at: new Date().toISOString(), ...message }) + '\n')
      if (message.dedupeKey !== undefined) seen.add(message.dedupeKey)
    },
  }
}

export function consoleEmailSender(): EmailSender {
  return {
    async send(message) {
      console.log(JSON.stringify({ level: 'info', msg: 'email', to: message.to, subject: message.subject }))
    },
  }
}

export const discardEmailSender: EmailSender = { send: async () => undefined }
