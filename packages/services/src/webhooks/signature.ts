// Webhook signatures: HMAC-SHA256 over "<timestamp>.<body>", sent as
//   X-FSN-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>]
// so a receiver can check the sender and refuse replays older than its tolerance. During a secret
// rotation's overlap the header carries one v1 per valid secret (newest first, as Stripe's list
// does): a receiver holding either secret verifies; after the overlap only the new one is sent.
import { createHmac, timingSafeEqual } from 'node:crypto'

export function signWebhook(secrets: string | readonly string[], body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000)
  const list = typeof secrets === 'string' ? [secrets] : secrets
  const v1 = list.map((s) => `v1=${createHmac('sha256', s).update(`${t}.${body}`).digest('hex')}`)
  return [`t=${t}`, ...v1].join(',')
}

export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const parts = header.split(',').map((p) => {
    const i = p.indexOf('=')
    return i < 0 ? ['', ''] : [p.slice(0, i).trim(), p.slice(i + 1).trim()]
  })
  const ts = parts.filter(([k]) => k === 't')
  const signatures = parts.filter(([k, v]) => k === 'v1' && v).map(([, v]) => v!)
  if (ts.length !== 1 || !/^\d+$/.test(ts[0]![1]!) || signatures.length === 0) return false
  const t = Number(ts[0]![1])
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest()
  return signatures.some((sig) => {
    const given = Buffer.from(sig, 'hex')
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
}

/** The secrets a delivery made now is signed with: the current one, and the previous one while its overlap lasts. */
export function signingSecrets(
  sub: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null },
  now: Date,
): string[] {
  return sub.previousSecret && sub.previousSecretExpiresAt && sub.previousSecretExpiresAt.getTime() > now.getTime()
    ? [sub.secret, sub.previousSecret]
    : [sub.secret]
}
