// Transactional outbox (Conventions 5): a message is written in the same transaction as the change
// it announces and handled after commit. The table doubles as a durable scheduler: a message with a
// future `availableAt` (an SLA check at the respond-by time) survives restarts and runs once it is
// due. Handlers must be idempotent: a crash after a handler's effects but before `processedAt` is
// written re-runs it, so every effect is guarded by a unique key or a conditional update.
import type { Prisma } from '@fsn/db'
import type { ServiceDeps, Tx } from '../context'

export interface OutboxMessageInput {
  topic: string
  aggregateId?: string | null
  payload: Prisma.InputJsonValue
  availableAt?: Date
}

/** `now` is the use case's clock, so scheduling never mixes the database's clock with ours. */
export async function enqueue(tx: Tx, message: OutboxMessageInput, now: Date): Promise<void> {
  await tx.outboxMessage.create({ data: outboxRow(message, now) })
}

/** Several messages in one statement (a referral send writes two on its hot path). */
export async function enqueueMany(tx: Tx, messages: OutboxMessageInput[], now: Date): Promise<void> {
  await tx.outboxMessage.createMany({ data: messages.map((m) => outboxRow(m, now)) })
}

function outboxRow(message: OutboxMessageInput, now: Date) {
  return {
    topic: message.topic,
    aggregateId: message.aggregateId ?? null,
    payload: message.payload,
    createdAt: now,
    availableAt: message.availableAt ?? now,
  }
}

export interface ClaimedMessage {
  id: string
  topic: string
  aggregateId: string | null
  payload: unknown
  attempts: number
}

export type OutboxHandler = (message: ClaimedMessage, deps: ServiceDeps) => Promise<void>

/** Backoff after a failed attempt: 5 s, 20 s, 80 s, ... capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 5_000 * 4 ** Math.max(0, attempts - 1))
}

/** A message failing this many times is parked (processedAt stays null, availableAt far ahead). */
export const MAX_ATTEMPTS = 12

export interface DrainResult {
  processed: number
  failed: number
}

/**
 * Claims due messages (SKIP LOCKED, so several workers share the table), runs their handlers one
 * at a time, and marks them done. A claim holds for `lockMs`; a worker killed mid-message leaves
 * it to be claimed again after that. When `shouldStop` says so (SIGTERM), the message in hand is
 * finished and the claims not yet started are released at once, for another worker to take now
 * rather than after `lockMs`.
 */
export async function drainOutbox({
  deps,
  handlers,
  limit = 50,
  lockMs = 60_000,
  shouldStop,
}: {
  deps: ServiceDeps
  handlers: Record<string, OutboxHandler>
  limit?: number
  lockMs?: number
  shouldStop?: () => boolean
}): Promise<DrainResult> {
  const now = deps.clock()
  const lockedUntil = new Date(now.getTime() + lockMs)
  const claimed = await deps.prisma.$queryRaw<ClaimedMessage[]>`
    UPDATE "OutboxMessage" SET "lockedUntil" = ${lockedUntil}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "OutboxMessage"
      WHERE "processedAt" IS NULL AND "availableAt" <= ${now}
        AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
      ORDER BY "availableAt", "id"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "topic", "aggregateId", "payload", "attempts"`
  claimed.sort((a, b) => (a.id < b.id ? -1 : 1))
  const result: DrainResult = { processed: 0, failed: 0 }
  for (const [index, message] of claimed.entries()) {
    if (shouldStop?.()) {
      await releaseClaims(deps, claimed.slice(index).map((m) => m.id))
      break
    }
    const handler = handlers[message.topic]
    try {
      if (!handler) throw new Error(`no handler for topic ${message.topic}`)
      await handler(message, deps)
      await deps.prisma.outboxMessage.update({
        where: { id: message.id },
        data: { processedAt: deps.clock(), lockedUntil: null, lastError: null },
      })
      result.processed += 1
    } catch (err) {
      const parked = message.attempts >= MAX_ATTEMPTS
      await deps.prisma.outboxMessage.update({
        where: { id: message.id },
        data: {
          lockedUntil: null,
          lastError: String((err as Error)?.message ?? err).slice(0, 2000),
          availableAt: new Date(
            deps.clock().getTime() + (parked ? 365 * 86_400_000 : retryDelayMs(message.attempts)),
          ),
        },
      })
      result.failed += 1
    }
  }
  return result
}

/** Gives claimed but unstarted messages back: unlocked, and the attempt not counted. */
async function releaseClaims(deps: ServiceDeps, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  await deps.prisma.outboxMessage.updateMany({
    where: { id: { in: ids }, processedAt: null },
    data: { lockedUntil: null, attempts: { decrement: 1 } },
  })
}

/** Runs drainOutbox every `intervalMs` until stopped; one drain at a time. */
export function startOutboxWorker(options: {
  deps: ServiceDeps
  handlers: Record<string, OutboxHandler>
  intervalMs?: number
  /** How long a claim holds before another worker may take the message (a crashed worker's). */
  lockMs?: number
  onError?: (err: unknown) => void
}) {
  let running = false
  let stopped = false
  const tick = async () => {
    if (running || stopped) return
    running = true
    try {
      // Keep draining while full batches come back, then wait for the next tick.
      for (;;) {
        const r = await drainOutbox({
          deps: options.deps,
          handlers: options.handlers,
          lockMs: options.lockMs,
          shouldStop: () => stopped,
        })
        if (r.processed + r.failed < 50 || stopped) break
      }
    } catch (err) {
      options.onError?.(err)
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => void tick(), options.intervalMs ?? 1_000)
  timer.unref()
  return {
    tick,
    /** Finishes the message in hand, releases the rest of the batch, and resolves when idle. */
    stop: async () => {
      stopped = true
      clearInterval(timer)
      while (running) await new Promise((r) => setTimeout(r, 20))
    },
  }
}
