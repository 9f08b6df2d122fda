// Delivers due webhook deliveries: at least once, with backoff, each carrying its event id so the
// partner can deduplicate. The HTTP call is a port so tests and benchmarks never leave loopback.
import type { ServiceDeps } from '../context'
import { retryDelayMs } from '../outbox/outbox'
import { signWebhook } from './signature'

export type HttpPost = (
  url: string,
  init: { headers: Record<string, string>; body: string; timeoutMs: number },
) => Promise<{ status: number }>

export const fetchPost: HttpPost = async (url, init) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: init.headers,
    body: init.body,
    signal: AbortSignal.timeout(init.timeoutMs),
    redirect: 'error',
  })
  await res.body?.cancel()
  return { status: res.status }
}

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
    include: { subscription: { select: { url: true, secret: true } } },
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
    try {
      status = (
        await post(d.subscription.url, {
          headers: {
            'content-type': 'application/json',
            'x-fsn-event-id': d.eventId,
            'x-fsn-event-type': d.eventType,
            'x-fsn-signature': signWebhook(d.subscription.secret, body, deps.clock()),
          },
          body,
          timeoutMs: 10_000,
        })
      ).status
    } catch (err) {
      error = String((err as Error)?.message ?? err).slice(0, 500)
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
            ...(attempts >= WEBHOOK_MAX_ATTEMPTS ? { failedAt: deps.clock() } : {}),
          },
    })
    if (ok) delivered += 1
    else failed += 1
  }
  return { delivered, failed }
}
