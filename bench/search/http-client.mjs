// The HTTP client of bench/search/run.ts, in a worker thread: its own event loop, so requests do
// not queue behind the server (which runs on the main thread). Plain JavaScript because tsx's
// loader does not reach worker threads on Node 20.
// Message in: { id, port, paths, concurrency, maxSeconds, timeoutMs }, or 'close'. Message out:
// { id, times, totals, bytes, wallMs, errors }: per path, in order, the latency in ms (NaN when not
// sent before the time bound or failed) and the response's `total`.
// Loopback only: every request goes to 127.0.0.1. Each batch is bounded in count (its paths), in
// time (maxSeconds; no request starts after it) and per request (timeoutMs).
import http from 'node:http'
import { parentPort } from 'node:worker_threads'

/** @type {Map<number, http.Agent>} keep-alive agents by concurrency */
const agents = new Map()

/**
 * One GET. A keep-alive socket the server closed while it sat idle (between batches, while the
 * other paths run) fails at once with ECONNRESET on reuse: that request is sent again on a new
 * socket, as HTTP clients do (`reusedSocket`), and timed from the retry.
 * @returns {Promise<{ status: number, body: string, started: number }>}
 */
function get(agent, port, path, timeoutMs, retry = true) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const req = http.request(
      { host: '127.0.0.1', port, path, agent, method: 'GET', headers: { accept: 'application/json' } },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), started }),
        )
        res.on('error', reject)
      },
    )
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)))
    req.on('error', (err) => {
      if (retry && req.reusedSocket && err.code === 'ECONNRESET')
        resolve(get(agent, port, path, timeoutMs, false))
      else reject(err)
    })
    req.end()
  })
}

parentPort.on('message', async (batch) => {
  if (batch === 'close') {
    for (const a of agents.values()) a.destroy()
    parentPort.close()
    return
  }
  let agent = agents.get(batch.concurrency)
  if (!agent) {
    // Idle sockets are dropped after 4 s, before the server's 5 s keep-alive timeout closes them.
    agent = new http.Agent({ keepAlive: true, maxSockets: batch.concurrency, timeout: 4000 })
    agents.set(batch.concurrency, agent)
  }
  const n = batch.paths.length
  const times = new Array(n).fill(NaN)
  const totals = new Array(n).fill(null)
  const errors = []
  let bytes = 0
  let next = 0
  const started = performance.now()
  const deadline = started + batch.maxSeconds * 1000
  const loop = async () => {
    while (next < n && performance.now() < deadline) {
      const i = next++
      try {
        const res = await get(agent, batch.port, batch.paths[i], batch.timeoutMs)
        const ms = performance.now() - res.started
        if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 200)}`)
        times[i] = ms
        bytes += res.body.length
        const total = JSON.parse(res.body).total
        totals[i] = typeof total === 'number' ? total : null
      } catch (err) {
        if (errors.length < 5) errors.push(`${batch.paths[i]}: ${String(err)}`)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(batch.concurrency, n) }, loop))
  parentPort.postMessage({ id: batch.id, times, totals, bytes, wallMs: performance.now() - started, errors })
})
