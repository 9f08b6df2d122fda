// Keeps this process's embedded search index current when other processes handle the directory
// changes (several API processes on one Postgres, each with its own in-memory index): the worker
// that handles a directory.changed message NOTIFYs the service ids, and every API process re-reads
// those services into its own index. A notification can be missed (the connection dropped, the
// process started late): after every (re)connection, and once a minute as a safety net, the
// process re-reads everything handled since its watermark (search-indexer.ts catchUpSearchIndex).
import {
  catchUpSearchIndex,
  DIRECTORY_CHANNEL,
  indexServices,
  parseDirectoryNotice,
  type ServiceDeps,
} from '@fsn/services'
import type { Coordination } from './coordination'

export async function startSearchFanOut(options: {
  deps: ServiceDeps
  coordination: Coordination
  /** This process's origin: its own notices are skipped (its handler indexed them already). */
  origin: string
  /** The watermark taken before this process built its index. */
  since: Date | null
  catchUpEveryMs?: number
  onError?: (err: unknown) => void
}) {
  const { deps, coordination } = options
  let watermark = options.since
  // One update at a time, in arrival order: two overlapping re-reads of a service could otherwise
  // land older-read-last and leave the index a version behind.
  let queue: Promise<void> = Promise.resolve()
  const run = (task: () => Promise<void>) => {
    queue = queue.then(task).catch((err: unknown) => options.onError?.(err))
    return queue
  }
  const catchUp = () =>
    run(async () => {
      watermark = (await catchUpSearchIndex({ deps, since: watermark })).watermark
    })

  await coordination.listen(DIRECTORY_CHANNEL, (payload) => {
    const notice = parseDirectoryNotice(payload)
    if (!notice || notice.origin === options.origin) return
    void run(async () => {
      await indexServices({ deps, serviceIds: notice.serviceIds })
    })
  })
  coordination.onConnected(() => void catchUp())
  // Closes the gap between the watermark and the LISTEN that just started.
  await catchUp()
  const timer = setInterval(() => void catchUp(), options.catchUpEveryMs ?? 60_000)
  timer.unref()
  return {
    /** Resolves when the updates already queued are applied (tests; shutdown). */
    idle: () => queue,
    stop: async () => {
      clearInterval(timer)
      await queue
    },
  }
}
