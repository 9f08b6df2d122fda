// The client's address, for the sign-in rate limit and the session record. X-Forwarded-For is
// believed only when the TCP peer is a configured trusted proxy (the web server forwards the
// browser's address this way); from anyone else it is a header the client chose.
import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'

function peerAddress(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null
  } catch {
    // app.request() in tests and other runtimes have no socket.
    return null
  }
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are one peer. */
function normalise(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '')
}

export function clientAddress(c: Context, trustedProxies: readonly string[]): string | null {
  const peer = peerAddress(c)
  const normalisedPeer = peer ? normalise(peer) : null
  if (normalisedPeer && trustedProxies.map(normalise).includes(normalisedPeer)) {
    // The proxy appends the address it saw: the last entry is the one it vouches for.
    const forwarded = c.req.header('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean)
    const last = forwarded?.[forwarded.length - 1]
    if (last && last.length <= 64) return normalise(last)
  }
  return normalisedPeer
}
