// One dedicated Postgres connection per process for what several processes coordinate on:
// LISTEN/NOTIFY (the search index fan-out) and session advisory locks (leases). It is not a pool
// connection: a LISTEN and a session lock belong to one session, and both end with it, so a
// SIGKILLed process gives up its lease the moment Postgres sees the connection drop.
// On a lost connection it reconnects (1 s, 2 s, ... 10 s), LISTENs again and tells `onConnected`,
// so missed notifications are caught up; leases are re-taken by their next `holds()`.
import pg from 'pg'

export interface Coordination {
  /** `fn` runs for every notification on `channel` (LISTEN is re-issued after a reconnect). */
  listen(channel: string, fn: (payload: string) => void): Promise<void>
  /** Runs after every (re)connection, the first included: the place to catch up what was missed. */
  onConnected(fn: () => void): void
  /** A lease held while this process's session holds `pg_advisory_lock(key)`. */
  lease(key: number): Lease
  close(): Promise<void>
}

export interface Lease {
  /** True when this process holds the lease now (takes it when free; checks the session is alive). */
  holds(): Promise<boolean>
}

/** Advisory lock keys; the migration runner uses 7_267_001. */
export const LEASE_KEYS = {
  /** Scheduled work that must run once: the referral flow rollup, webhook deliveries, search watch. */
  scheduler: 7_267_101,
} as const

export async function openCoordination(options: {
  url: string
  onError?: (err: unknown) => void
}): Promise<Coordination> {
  const listeners = new Map<string, (payload: string) => void>()
  const connected: (() => void)[] = []
  const held = new Set<number>()
  let client: pg.Client | null = null
  let closing = false
  let retry = 0
  let reconnecting: NodeJS.Timeout | null = null

  const connect = async (): Promise<void> => {
    const c = new pg.Client({
      connectionString: options.url,
      keepAlive: true,
      application_name: 'fsn-coordination',
    })
    const lost = (err?: unknown) => {
      if (client !== c) return
      client = null
      held.clear() // the session's locks went with it
      if (err) options.onError?.(err)
      c.end().catch(() => undefined)
      schedule()
    }
    c.on('error', lost)
    c.on('end', () => lost())
    c.on('notification', (m) => {
      if (m.payload !== undefined) listeners.get(m.channel)?.(m.payload)
    })
    await c.connect()
    for (const channel of listeners.keys()) await c.query(`LISTEN "${channel}"`)
    client = c
    retry = 0
    for (const fn of connected) fn()
  }
  const schedule = () => {
    if (closing || reconnecting) return
    const delay = Math.min(10_000, 1_000 * 2 ** retry++)
    reconnecting = setTimeout(() => {
      reconnecting = null
      connect().catch((err: unknown) => {
        options.onError?.(err)
        schedule()
      })
    }, delay)
    reconnecting.unref()
  }

  await connect()

  return {
    async listen(channel, fn) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`)
      listeners.set(channel, fn)
      await client?.query(`LISTEN "${channel}"`)
    },
    onConnected(fn) {
      connected.push(fn)
    },
    lease(key) {
      return {
        async holds() {
          const c = client
          if (!c) return false
          try {
            if (held.has(key)) {
              await c.query('SELECT 1') // the session, and so the lock, is still there
              return client === c
            }
            const { rows } = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [key])
            if (rows[0]?.ok && client === c) held.add(key)
            return held.has(key)
          } catch (err) {
            options.onError?.(err)
            return false
          }
        },
      }
    },
    async close() {
      closing = true
      if (reconnecting) clearTimeout(reconnecting)
      const c = client
      client = null
      held.clear()
      await c?.end().catch(() => undefined)
    },
  }
}

/** A single process (embedded PGlite) holds every lease: there is nobody to share with. */
export const soleLease: Lease = { holds: async () => true }
