// API_PROCESSES=N: this process supervises and serves nothing itself. It applies migrations and
// the first-start seed once (so N processes never race to do either), then forks N HTTP processes
// (WORKER=off) sharing the port through node:cluster, and, when WORKER=on, one worker process
// (WORKER=only) for the outbox and the scheduled work. A process that dies is started again; on
// SIGTERM or SIGINT every process is asked to drain (main.ts shutdown) and the supervisor exits
// once they all have.
import cluster, { type Worker } from 'node:cluster'
import { hashPassword } from '@fsn/auth'
import { openDatabase } from '@fsn/db'
import type { Config } from '../config'
import { seedOnStart } from '../seed-on-start'

/** How long the processes get to drain after SIGTERM before they are killed. */
const DRAIN_MS = 30_000

export async function supervise(config: Config): Promise<never> {
  if (!config.databaseUrl) {
    console.error(
      'Cannot start: API_PROCESSES above 1 needs DATABASE_URL (embedded PGlite belongs to one process)',
    )
    process.exit(1)
  }
  const db = await openDatabase({ url: config.databaseUrl, poolSize: 2 })
  const seeded = await seedOnStart({ db, config, hashPassword })
  await db.close()

  const roles = new Map<number, 'http' | 'worker'>()
  let stopping = false
  const fork = (role: 'http' | 'worker') => {
    const child: Worker = cluster.fork({
      WORKER: role === 'worker' ? 'only' : 'off',
      // The worker's /health gets a port of its own: a cluster process on the API's port would be
      // handed API requests.
      ...(role === 'worker' ? { PORT: '0' } : {}),
      FSN_SEED: 'off', // done above, once
    })
    roles.set(child.id, role)
    return child
  }
  cluster.on('exit', (child, code, signal) => {
    const role = roles.get(child.id) ?? 'http'
    roles.delete(child.id)
    if (stopping) {
      if (roles.size === 0) process.exit(0)
      return
    }
    console.error(
      JSON.stringify({ level: 'error', msg: 'API process exited; starting another', role, code, signal }),
    )
    setTimeout(() => fork(role), 1_000).unref()
  })
  for (let i = 0; i < config.apiProcesses; i++) fork('http')
  if (config.worker.mode === 'on') fork('worker')
  console.log(
    `Family Services Network API: ${config.apiProcesses} processes on port ${config.port}` +
      `${config.worker.mode === 'on' ? ' and one worker' : ''} (supervisor ${process.pid})` +
      `${seeded.summary ? `\n  seeded     ${seeded.summary}` : ''}`,
  )

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: draining ${roles.size} processes`)
    if (roles.size === 0) process.exit(0)
    for (const child of Object.values(cluster.workers ?? {})) child?.process.kill('SIGTERM')
    setTimeout(() => {
      for (const child of Object.values(cluster.workers ?? {})) child?.process.kill('SIGKILL')
      process.exit(1)
    }, DRAIN_MS).unref()
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  return new Promise<never>(() => undefined)
}
