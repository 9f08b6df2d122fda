// SMS adapters behind the SmsSender port (packages/services/src/people/inform-person.ts). Development
// writes to a file you can read (.data/sms.jsonl), as the email file sink does; production posts to
// an SMS gateway over HTTP. Nothing here is reached without SMS_SINK saying so.
import type { SmsSender } from '@fsn/services'
import { dedupedJsonlSink } from './jsonl-sink'

/**
 * Appends one JSON line per text: { at, to, text, dedupeKey }. Remembers every dedupeKey already in
 * the file (read once per process), so an outbox re-run after a crash writes nothing twice.
 */
export function fileSmsSender(path: string): SmsSender {
  return dedupedJsonlSink(path)
}

/**
 * A real gateway, by this shape (most NZ gateways take it or a thin proxy can):
 *
 *   POST {url}
 *   Authorization: Bearer {token}
 *   Content-Type: application/json
 *   Idempotency-Key: {dedupeKey}
 *   { "to": "+64275550101", "text": "Kia ora. ..." }
 *
 * Any 2xx is sent. Anything else throws, so the outbox retries with backoff; the gateway must treat
 * a repeated Idempotency-Key as the same message (exactly once end to end). The number goes as
 * E.164 (+64...), the form gateways expect.
 */
export function httpSmsSender({
  url,
  token,
  fetchImpl = fetch,
}: {
  url: string
  token: string
  fetchImpl?: typeof fetch
}): SmsSender {
  return {
    async send(message) {
      const res = await fetchImpl(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          ...(message.dedupeKey ? { 'idempotency-key': message.dedupeKey } : {}),
        },
        body: JSON.stringify({ to: e164(message.to), text: message.text }),
        signal: AbortSignal.timeout(10_000),
      })
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`)
    },
  }
}

/** "027 555 0101" -> "+64275550101"; numbers already +64 keep it. */
export function e164(nz: string): string {
  const digits = nz.replace(/[\s().-]/g, '')
  if (digits.startsWith('+')) return digits
  if (digits.startsWith('0064')) return `+${digits.slice(2)}`
  return `+64${digits.replace(/^0/, '')}`
}

export const discardSmsSender: SmsSender = { send: async () => undefined }
