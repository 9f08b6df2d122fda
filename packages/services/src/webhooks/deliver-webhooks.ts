// Delivers due webhook deliveries: at least once, with backoff, each carrying its event id so the
// partner can deduplicate. The HTTP call is a port so tests and benchmarks never leave loopback.
// Before every attempt the target is checked again (public internet only, issue 12 item 6) and the
// request connects to the address that check approved: a name that now resolves somewhere
// internal (DNS rebinding) is refused, never reached.
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP } from 'node:net'
import type { ServiceDeps } from '../context'
import { retryDelayMs } from '../outbox/outbox'
import { signingSecrets, signWebhook } from './signature'
import { checkWebhookTarget } from './webhook-target'

export type HttpPost = (
  url: string,
  init: {
    headers: Record<string, string>
    body: string
    timeoutMs: number
    /** The checked address to connect to; the URL's name is still the Host header, SNI and certificate name. */
    address: string
  },
) => Promise<{ status: number }>

/**
 * POSTs to exactly `init.address` (no second DNS lookup between the check and the connection),
 * with the URL's host as Host header and TLS server name, so the certificate is still verified
 * against the partner's name. Redirects are not followed: a 3xx is a failed attempt like any
 * other non-2xx (a redirect could point anywhere, including inside).
 */
export const webhookPost: HttpPost = (raw, init) =>
  new Promise((resolve, reject) => {
    const url = new URL(raw)
    const https = url.protocol === 'https:'
    const hostname = url.hostname.replace(/^\[|\]$/g, '')
    const req = (https ? httpsRequest : httpRequest)(
      {
        host: init.address,
        port: url.port || (https ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { ...init.headers, host: url.host, 'content-length': String(Buffer.byteLength(init.body)) },
        ...(https && !isIP(hostname) ? { servername: hostname } : {}),
        agent: false,
        signal: AbortSignal.timeout(init.timeoutMs),
      },
      (res) => {
        res.resume() // the body is not read; the status is the answer
        resolve({ status: res.statusCode ?? 0 })
      },
    )
    req.on('error', reject)
    req.end(init.body)
  })

export const WEBHOOK_MAX_ATTEMPTS = 10

export async function deliverWebhooks({
  deps,
  post,
  limit = 20,
}: {
  deps: ServiceDeps
  post: HttpPost
  limit?: number
}): Promise<{ delivered: number; failed: number }> {
  const now = deps.clock()
  const due = await deps.prisma.webhookDelivery.findMany({
    where: { deliveredAt: null, failedAt: null, nextAttemptAt: { lte: now }, subscription: { active: true } },
    include: { subscription: { select: { url: true, secret: true, previousSecret: true, previousSecretExpiresAt: true } } },
    orderBy: { nextAttemptAt: 'asc' },
    take: limit,
  })
  let delivered = 0
  let failed = 0
  for (const d of due) {
    const body = JSON.stringify({ id: d.eventId, type: d.eventType, data: d.payload })
    const attempts = d.attempts + 1
    let status: number | null = null
    let error: string | null = null
    // A URL refused by itself (a subscription from before the rule) can never succeed: park it.
    let park = false
    const target = await checkWebhookTarget(deps, d.subscription.url)
    if (!target.ok) {
      error = `not sent: ${target.reason}`.slice(0, 500)
      park = target.permanent
    } else {
      try {
        status = (
          await post(target.url.toString(), {
            headers: {
              'content-type': 'application/json',
              'x-fsn-event-id': d.eventId,
              'x-fsn-event-type': d.eventType,
              'x-fsn-signature': signWebhook(signingSecrets(d.subscription, deps.clock()), body, deps.clock()),
            },
            body,
            timeoutMs: 10_000,
            address: target.address,
          })
        ).status
      } catch (err) {
        error = String((err as Error)?.message ?? err).slice(0, 500)
      }
    }
    const ok = status !== null && status >= 200 && status < 300
    await deps.prisma.webhookDelivery.update({
      where: { id: d.id },
      data: ok
        ? { attempts, deliveredAt: deps.clock(), lastStatus: status, lastError: null }
        : {
            attempts,
            lastStatus: status,
            lastError: error ?? `HTTP ${status}`,
            nextAttemptAt: new Date(deps.clock().getTime() + retryDelayMs(attempts)),
            ...(attempts >= WEBHOOK_MAX_ATTEMPTS || park ? { failedAt: deps.clock() } : {}),
          },
    })
    if (ok) delivered += 1
    else failed += 1
  }
  return { delivered, failed }
}
