// Email adapters behind the EmailSender port. Development writes to a file you can read; nothing
// here talks to a mail server (none is reachable from our machines).
import { appendFile, mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { EmailSender } from '@fsn/services'

export function fileEmailSender(path: string): EmailSender {
  return {
    async send(message) {
      await mkdir(dirname(path), { recursive: true })
      await appendFile(path, JSON.stringify({ at: new Date().toISOString(), ...message }) + '\n')
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
